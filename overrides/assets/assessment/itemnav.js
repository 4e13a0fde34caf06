// Way-finding: the list of the 25 items with each one's state, and the running summary's count
// of answered items before the scorer is ready (answers given while it loads count at once).

import { $, page } from "./dom.js";

const STATE_TEXT = {
  unanswered: "Not started",
  rated: "Rated",
  evidence: "From figures",
  unfinished: "Figures not finished",
  problem: "Has a problem",
};

let links = null;

/** An entry as the form holds it right now: has it a rating, figures? */
function given(entry) {
  return Boolean(entry && (entry.score !== undefined || entry.evidence !== undefined));
}

/**
 * Show each item's state. `assessment` is the form as read; `problems` and `unfinished` are sets
 * of item ids; `result` (optional) is the scorer's latest result, for the score beside each state.
 */
export function renderNav(assessment, problems = new Set(), unfinished = new Set(), result = null) {
  links ??= new Map([...$("ipsa-itemnav").querySelectorAll("li[data-item]")].map((li) => [li.dataset.item, li]));
  const scores = new Map((result ? result.items : []).map((row) => [row.id, row.score]));
  for (const [id, li] of links) {
    const entry = assessment.items[id];
    let state = "unanswered";
    if (problems.has(id)) state = "problem";
    else if (entry && entry.evidence !== undefined) state = unfinished.has(id) ? "unfinished" : "evidence";
    else if (entry && entry.score !== undefined) state = "rated";
    const score = scores.get(id);
    const text = STATE_TEXT[state] + ((state === "rated" || state === "evidence") && score ? `: ${score}` : "");
    if (li.dataset.state === state && li.dataset.text === text) continue;
    li.dataset.state = state;
    li.dataset.text = text;
    li.querySelector(".ipsa-itemnav__state").textContent = text;
  }
}

/** Before the scorer is ready: "2 of 25 answered", counted from the form itself. */
export function renderEarlyCount(assessment) {
  const answered = page.sections.filter((section) => given(assessment.items[section.dataset.item])).length;
  const text = answered
    ? `${answered} of ${page.sections.length} answered. Your total appears as soon as the scorer has loaded.`
    : "No items answered yet.";
  const summary = $("ipsa-summary-text");
  if (summary.textContent !== text) summary.textContent = text;
  $("ipsa-answered").textContent = `${answered} of ${page.sections.length}`;
}
