// The report as files: the assessment saved as JSON (to open here again, or to score on the
// command line) and as a CSV spreadsheet. Both are made on this device and handed to the
// browser's downloads. A calculator that is not finished never stops either: what is there is
// saved, and the person is told which items are not counted yet.

import { $, findSection, say } from "./dom.js";
import { showErrors } from "./errors.js";
import { download } from "./files.js";
import { readAssessment } from "./form.js";
import { isoDate } from "./browser-api.js";
import { toSavedFile } from "./savefile.js";
import { describeFigures } from "./wording.js";

let scale = null;
let scorer = null;

export function useScale(parsed) {
  scale = parsed;
}

export function useScorer(started) {
  scorer = started;
}

function fileStem() {
  const date = $("ipsa-date").value || isoDate(new Date());
  return `ips-fidelity-self-assessment-${date}`;
}

// OWASP CSV injection: a cell that a spreadsheet could read as a formula starts with one of
// = + - @, a tab, a line break, or their full-width forms, possibly after spaces. Such a cell
// gets a leading apostrophe; every cell is quoted, with its quotes doubled.
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The assessment as a file the scorer accepts, the scorer's result for it, and the items not counted. */
async function scoredForSaving() {
  const assessment = readAssessment();
  let saved = assessment;
  let result = await window.ipsFidelity.score(assessment);
  const notCounted = new Set();
  if (result.errors) {
    if (result.errors.some((error) => !findSection(error.item))) {
      showErrors(result.errors);
      return { problem: "The service name or date has a problem (shown beside it). Fix it, then try again." };
    }
    for (const error of result.errors) notCounted.add(findSection(error.item).dataset.item);
    saved = toSavedFile(assessment, notCounted);
    result = await window.ipsFidelity.score(saved);
    if (result.errors) return { problem: "Some answers have problems (marked on the form). Fix them, then try again." };
  }
  return { assessment, saved, result, notCounted };
}

function notCountedText(result, notCounted) {
  const numbers = result.items.filter((row) => notCounted.has(row.id)).map((row) => row.number);
  if (!numbers.length) return "";
  const items = numbers.length > 1 ? `items ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}` : `item ${numbers[0]}`;
  return ` Not counted yet: ${items}, whose figures are not finished or have a problem. The figures are kept in the file.`;
}

async function explanations(assessment) {
  const asked = Object.entries(assessment.items).filter(([, entry]) => entry.evidence !== undefined);
  if (!asked.length || !scorer) return new Map();
  const replies = await scorer.call(
    "batch",
    asked.map(([id, entry]) => ({ op: "explain", args: [id, JSON.stringify(entry.evidence)] })),
  );
  const found = new Map();
  asked.forEach(([id], index) => {
    const explanation = JSON.parse(replies[index]);
    if (!explanation.errors) found.set(id, explanation);
  });
  return found;
}

export async function exportCsv() {
  say("Preparing the spreadsheet...");
  const scored = await scoredForSaving();
  if (scored.problem) {
    say(scored.problem);
    return;
  }
  const { assessment, saved, result, notCounted } = scored;
  const explained = await explanations(saved);
  const principleOf = new Map(scale.items.map((item) => [item.id, item.principle]));
  const principleTitle = new Map(scale.principles.map((p) => [p.id, p.title]));
  const range = result.possible_range;
  const lines = [
    ["Service", assessment.service || "Not named"],
    ...(assessment.assessor ? [["Rated by", assessment.assessor]] : []),
    ["Assessment date", assessment.assessed_on || "Not given"],
    ["Total", `${result.total} out of ${result.max_total}`],
    ["Items answered", `${result.answered} of ${result.items.length}`],
    result.complete ? ["Fidelity band", result.band.label] : ["Possible total when complete", `${range.min} to ${range.max}`],
    ["Not counted yet", notCountedText(result, notCounted).trim() || "None"],
    [],
    ["Item number", "Item", "Principle", "Score", "Based on", "Your rating", "Figures", "How the figures gave the score", "Notes"],
  ];
  for (const row of result.items) {
    const entry = assessment.items[row.id] || {};
    const explanation = explained.get(row.id);
    const figures = entry.evidence ? describeFigures(findSection(row.id), entry.evidence) : "";
    lines.push([
      row.number,
      row.title,
      principleTitle.get(principleOf.get(row.id)),
      row.score ?? "Not answered",
      { evidence: "Your figures", rating: "Your rating" }[row.source] || "",
      entry.score ?? "",
      figures + (notCounted.has(row.id) && figures ? " (not counted yet)" : ""),
      explanation && row.source === "evidence" ? explanation.rule : "",
      entry.note ?? "",
    ]);
  }
  lines.push([], ["Action plan"], ["Item number", "Item", "Score now", "Aim for", "What that level looks like"]);
  const titles = new Map(result.items.map((row) => [row.id, row.title]));
  for (const step of result.action_plan) lines.push([step.number, titles.get(step.id), step.score, step.target, step.next_anchor]);
  // The byte order mark tells Excel the file is UTF-8, so names and notes keep their accents.
  const text = "\uFEFF" + lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
  download(`${fileStem()}.csv`, "text/csv;charset=utf-8", text);
  say(`The spreadsheet has been saved to your downloads.${notCountedText(result, notCounted)}`);
}

export async function exportJson() {
  const scored = await scoredForSaving();
  if (scored.problem) {
    say(scored.problem);
    return;
  }
  const { saved, result, notCounted } = scored;
  download(`${fileStem()}.json`, "application/json", JSON.stringify(saved, null, 2) + "\n");
  say(`Your answers have been saved to your downloads as a file you can open here again.${notCountedText(result, notCounted)}`);
}
