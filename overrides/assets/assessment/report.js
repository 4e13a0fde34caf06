// The report as files: the assessment saved as JSON (to open here again) and as a CSV
// spreadsheet. Both are made on this device and handed to the browser's downloads.

import { $, say } from "./dom.js";
import { showErrors } from "./errors.js";
import { download } from "./files.js";
import { readAssessment } from "./form.js";
import { isoDate } from "./browser-api.js";

let scale = null;

export function useScale(parsed) {
  scale = parsed;
}

function fileStem() {
  const date = $("ipsa-date").value || isoDate(new Date());
  return `ips-fidelity-self-assessment-${date}`;
}

function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function exportCsv() {
  const assessment = readAssessment();
  say("Preparing the spreadsheet...");
  const result = await window.ipsFidelity.score(assessment);
  if (result.errors) {
    showErrors(result.errors);
    say("Some figures have problems (marked on the form). Fix them, then export again.");
    return;
  }
  const principleOf = new Map(scale.items.map((item) => [item.id, item.principle]));
  const principleTitle = new Map(scale.principles.map((p) => [p.id, p.title]));
  const lines = [["number", "id", "title", "principle", "score", "source", "rating", "evidence", "note"]];
  for (const row of result.items) {
    const entry = assessment.items[row.id] || {};
    lines.push([
      row.number,
      row.id,
      row.title,
      principleTitle.get(principleOf.get(row.id)),
      row.score,
      row.source,
      entry.score,
      entry.evidence ? JSON.stringify(entry.evidence) : "",
      entry.note,
    ]);
  }
  lines.push(["", "total", "Total", "", result.total, "", "", "", ""]);
  lines.push(["", "max_total", "Maximum total", "", result.max_total, "", "", "", ""]);
  lines.push(["", "band", result.band ? result.band.label : "", "", "", "", "", "", ""]);
  // The byte order mark tells Excel the file is UTF-8, so names and notes keep their accents.
  const text = "\uFEFF" + lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
  download(`${fileStem()}.csv`, "text/csv;charset=utf-8", text);
  say("The spreadsheet has been saved to your downloads.");
}

export async function exportJson() {
  const assessment = readAssessment();
  // The page opens only files the scorer accepts, so it saves only those: a file it would
  // later refuse would look like a backup and not be one. The draft in this browser is kept.
  const checked = await window.ipsFidelity.score(assessment);
  if (checked.errors) {
    showErrors(checked.errors);
    say("Some figures have problems (marked on the form). Fix them, then save the file again.");
    return;
  }
  download(`${fileStem()}.json`, "application/json", JSON.stringify(assessment, null, 2) + "\n");
  say("Your answers have been saved to your downloads as a file you can open here again.");
}
