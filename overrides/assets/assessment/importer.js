// Opening a saved assessment: to carry on from it, or to compare it with the current answers.
// A file is checked by the scorer before anything on the page changes.

import { markFinished } from "./calculators.js";
import { $, element, findSection, say } from "./dom.js";
import { ask } from "./dialog.js";
import { defaultDate, hasAnswers, tryToKeep } from "./draft.js";
import { clearErrors } from "./errors.js";
import { fillForm, readAssessment } from "./form.js";
import { fromSavedFile } from "./savefile.js";
import { describeProblem } from "./wording.js";

// The same limit as the command line's (SPEC "Limits on input"): a larger file is refused
// before it is read, so the page never freezes on it.
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const quoted = (name) => (name.length > 80 ? `${name.slice(0, 77)}...` : name);

export function importError(lines) {
  const box = $("ipsa-import-error");
  box.replaceChildren();
  if (!lines.length) {
    box.hidden = true;
    return;
  }
  box.append(element("p", null, lines[0]));
  if (lines.length > 1) {
    const list = element("ul");
    for (const line of lines.slice(1)) list.append(element("li", null, line));
    box.append(list);
  }
  box.hidden = false;
}

/** Why a refused file's text is not an assessment at all, in plain words (or null). Only asked
 * after the scorer has refused the text, so JSON.parse never decides what is accepted. */
function readShape(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return "is not a JSON file, so it cannot be opened.";
  }
  return !data || typeof data !== "object" || Array.isArray(data) ? "does not hold an assessment." : null;
}

/** The chosen file as a checked assessment, or null (with the reason shown) if it cannot be used. */
async function readImport() {
  importError([]);
  const file = $("ipsa-import-file").files[0];
  if (!file) {
    importError(["Choose a file first."]);
    return null;
  }
  const name = quoted(file.name);
  if (file.size > MAX_FILE_BYTES) {
    importError([`${name} is larger than 10 MB, so it cannot be opened. Nothing has been changed. Choose a file saved from this page.`]);
    return null;
  }
  say("Checking the file...");
  let text;
  try {
    text = await file.text();
  } catch {
    importError([`${name} could not be read. Nothing has been changed.`]);
    say("Nothing has been changed: the problem with the file is shown above.");
    return null;
  }
  // The scorer reads the file's own text first, exactly as the command line would: repeated
  // keys, NaN, Infinity and deep nesting are refused the same way on both.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const result = await window.ipsFidelity.score(text);
  if (result.errors) {
    const shape = readShape(text);
    if (shape) {
      importError([`${name} ${shape} Nothing has been changed. Choose a file saved from this page.`]);
      say("Nothing has been changed: the problem with the file is shown above.");
      return null;
    }
    importError([`${name} cannot be used. Nothing has been changed. The problems:`, ...result.errors.slice(0, 20).map(describeProblem)]);
    say("Nothing has been changed: the problem with the file is shown above.");
    return null;
  }
  let data = null;
  try {
    data = JSON.parse(text);
  } catch {
    // The scorer took it, but it is not plain JSON (NaN, say): refused here as well.
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    importError([`${name} does not hold an assessment. Nothing has been changed.`]);
    say("Nothing has been changed: the problem with the file is shown above.");
    return null;
  }
  return { name, data };
}

/** Replace the answers with the chosen file's (after asking); `changed` keeps and re-scores. */
export async function importContinue(changed) {
  const loaded = await readImport();
  if (!loaded) return;
  if (hasAnswers(readAssessment())) {
    const replace = await ask(
      "Replace your current answers?",
      `Your current answers will be replaced by those in ${loaded.name}. Save them as a file first if you want to keep them.`,
      "Replace my answers",
    );
    if (!replace) {
      say("Nothing has been changed.");
      return;
    }
  }
  const { assessment, restored } = fromSavedFile(loaded.data);
  // Kept first, then shown: a file the browser's storage cannot hold is refused while the old
  // draft is still stored and on the page, rather than shown and lost at the next reload.
  if (!tryToKeep(assessment)) {
    importError([
      `${loaded.name} is too big for this browser's storage, so it cannot be kept as your draft. ` +
        "Nothing has been changed: your current answers are still here and still kept. " +
        "Free some space (for example with \"Clear everything this site keeps\" on the privacy page, after saving your answers as a file), then try again.",
    ]);
    say("Nothing has been changed: the problem with the file is shown above.");
    return;
  }
  fillForm(assessment);
  defaultDate();
  for (const [key, entry] of Object.entries(assessment.items || {})) {
    const section = findSection(key);
    if (section && entry && entry.evidence !== undefined && !restored.includes(key)) markFinished(section);
  }
  clearErrors();
  changed(0);
  say(`Opened ${loaded.name}. You can carry on where it left off.`);
}

export async function importCompare(scorer) {
  const loaded = await readImport();
  if (!loaded) return;
  const comparison = JSON.parse(
    await scorer.call("compare", [JSON.stringify(loaded.data), JSON.stringify(readAssessment())]),
  );
  if (comparison.errors) {
    // The current answers may hold unfinished figures: say so in plain words, change nothing.
    importError(["Your current answers have problems to fix before they can be compared:", ...comparison.errors.map(describeProblem)]);
    say("The file could not be compared: see the problems above.");
    return;
  }
  const body = $("ipsa-compare-table").querySelector("tbody");
  const show = (value) => (value === null ? "Not answered" : String(value));
  const signed = (value) => (value === null ? "-" : value > 0 ? `+${value}` : String(value));
  body.replaceChildren(
    ...comparison.items.map((row) => {
      const line = element("tr");
      line.dataset.item = row.id;
      const head = element("th", null, `${row.number}. ${row.title}`);
      head.scope = "row";
      line.append(head, element("td", null, show(row.old)), element("td", null, show(row.new)), element("td", null, signed(row.change)));
      if (row.change) line.classList.add(row.change > 0 ? "is-up" : "is-down");
      return line;
    }),
  );
  const total = element("tr");
  const head = element("th", null, "Total");
  head.scope = "row";
  total.append(
    head,
    element("td", null, String(comparison.total.old)),
    element("td", null, String(comparison.total.new)),
    element("td", null, signed(comparison.total.change)),
  );
  $("ipsa-compare-table").querySelector("tfoot").replaceChildren(total);
  const t = comparison.total;
  $("ipsa-compare-summary").textContent =
    `${loaded.name}: total ${t.old}, now ${t.new} (${t.change === 0 ? "no change" : `${signed(t.change)} points`}). ` +
    `${comparison.improved.length} item${comparison.improved.length === 1 ? "" : "s"} went up and ` +
    `${comparison.declined.length} went down. Your current answers are unchanged.`;
  say(`Compared ${loaded.name} with your current answers: the comparison is shown below.`);
  const panel = $("ipsa-compare");
  panel.hidden = false;
  panel.focus();
}
