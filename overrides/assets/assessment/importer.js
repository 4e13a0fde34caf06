// Opening a saved assessment: to carry on from it, or to compare it with the current answers.
// A file is checked by the scorer before anything on the page changes.

import { $, element, findSection, say } from "./dom.js";
import { ask } from "./dialog.js";
import { hasAnswers } from "./draft.js";
import { clearErrors } from "./errors.js";
import { fillForm, readAssessment } from "./form.js";

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

function describeProblem(problem) {
  const where = [problem.item && `Item ${findSection(problem.item)?.dataset.number ?? problem.item}`, problem.field]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** The chosen file as a checked assessment, or null (with the reason shown) if it cannot be used. */
async function readImport() {
  importError([]);
  const file = $("ipsa-import-file").files[0];
  if (!file) {
    importError(["Choose a file first."]);
    return null;
  }
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    importError([`${file.name} is not a JSON file, so it cannot be opened. Choose a file saved from this page.`]);
    return null;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    importError([`${file.name} does not hold an assessment. Choose a file saved from this page.`]);
    return null;
  }
  say("Checking the file...");
  const result = await window.ipsFidelity.score(data);
  if (result.errors) {
    importError([`${file.name} cannot be used. Nothing has been changed. The problems:`, ...result.errors.map(describeProblem)]);
    say("");
    return null;
  }
  return { name: file.name, data };
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
  fillForm(loaded.data);
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
    importError(["Your current answers have problems to fix before they can be compared:", ...comparison.errors.map(describeProblem)]);
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
  const panel = $("ipsa-compare");
  panel.hidden = false;
  panel.focus();
}
