// The report as files: the assessment saved as JSON (to open here again, or to score on the
// command line) and as a CSV spreadsheet. Both are made on this device and handed to the
// browser's downloads. A calculator that is not finished never stops either: what is there is
// saved, and the person is told which items are not counted yet.

import { findSection, say } from "./dom.js";
import { showErrors } from "./errors.js";
import { csvText } from "./csv.js";
import { defaultDate } from "./draft.js";
import { assessmentFileName, download, longDate } from "./files.js";
import { readAssessment } from "./form.js";
import { missingText, useScale as printedScale } from "./printed.js";
import { toSavedFile } from "./savefile.js";
import { describeFigures } from "./wording.js";

let scale = null;
let scorer = null;

export function useScale(parsed) {
  scale = parsed;
  printedScale(parsed);
}

export function useScorer(started) {
  scorer = started;
}

/** The assessment as a file the scorer accepts, the scorer's result for it, and the items not counted. */
async function scoredForSaving() {
  // A saved file always carries its date: today's, shown in the date field, unless the person
  // gave another.
  defaultDate();
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
    ["Assessment date", assessment.assessed_on ? longDate(assessment.assessed_on) : "Not given"],
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
  lines.push([], ["Action plan"], ["Item number", "Item", "Score now", "Aim for", "What is missing"]);
  const titles = new Map(result.items.map((row) => [row.id, row.title]));
  for (const step of result.action_plan) {
    lines.push([step.number, titles.get(step.id), step.score, step.target, missingText(step, assessment.items[step.id])]);
  }
  download(assessmentFileName(assessment, "csv"), "text/csv;charset=utf-8", csvText(lines));
  say(`The spreadsheet has been saved to your downloads.${notCountedText(result, notCounted)}`);
}

export async function exportJson() {
  const scored = await scoredForSaving();
  if (scored.problem) {
    say(scored.problem);
    return;
  }
  const { saved, result, notCounted } = scored;
  const name = assessmentFileName(saved, "json");
  download(name, "application/json", JSON.stringify(saved, null, 2) + "\n");
  say(`Your answers have been saved to your downloads as ${name}, a file you can open here again.${notCountedText(result, notCounted)}`);
}
