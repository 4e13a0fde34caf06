// Re-scoring on every change: reads the form, asks the scorer (one round trip for the score and
// any calculator whose figures changed), then hands the answers to the error and result views.

import { isFinished } from "./calculators.js";
import { $, findSection, page } from "./dom.js";
import { clearErrors, showErrors } from "./errors.js";
import { showFigures } from "./figures.js";
import { readAssessment } from "./form.js";
import { renderNav } from "./itemnav.js";
import { renderReport } from "./printed.js";
import { renderExplanation, renderResults } from "./results.js";

let scorer = null;
let renders = 0;
// What the last scoring saw: the assessment, each item's explanation (the rule in words) and the
// items whose figures are not finished; the report and the files use it.
let latest = { assessment: null, explanations: new Map(), unfinished: new Set() };

export const lastScoring = () => latest;
const explained = new Map(); // section -> [evidence JSON, the scorer's explanation of it]

/** Hand this module the scorer (from scorer-client.js) once it has been started. */
export function useScorer(started) {
  scorer = started;
}

async function rescore() {
  await scorer.ready;
  const started = performance.now();
  const assessment = readAssessment();
  // Explanations are asked for only when an item's figures have changed since the last one.
  const evidence = new Map();
  for (const section of page.sections) {
    const given = assessment.items[section.dataset.item]?.evidence;
    if (given) evidence.set(section, JSON.stringify(given));
  }
  const stale = [...evidence].filter(([section, text]) => explained.get(section)?.[0] !== text);
  const replies = await scorer.call("batch", [
    { op: "score", args: [JSON.stringify(assessment)] },
    ...stale.map(([section, text]) => ({ op: "explain", args: [section.dataset.item, text] })),
  ]);
  stale.forEach(([section, text], index) => explained.set(section, [text, JSON.parse(replies[index + 1])]));
  let result = JSON.parse(replies[0]);
  const skipped = new Set();
  const unfinished = new Set();
  if (result.errors) {
    // A calculator the person has not finished with says nothing yet: its item waits, uncounted.
    const shown = [];
    for (const error of result.errors) {
      const section = error.item ? findSection(error.item) : null;
      if (section && String(error.field || "").startsWith("evidence") && !isFinished(section)) {
        unfinished.add(section.dataset.item);
      } else {
        shown.push(error);
      }
      if (error.item) skipped.add(section ? section.dataset.item : error.item);
    }
    const general = shown.length ? showErrors(shown) : (clearErrors(), []);
    // Everything else still counts: score the assessment without the items that have problems.
    const rest = { ...assessment, items: {} };
    for (const [id, entry] of Object.entries(assessment.items)) if (!skipped.has(id)) rest.items[id] = entry;
    if (general.length) {
      delete rest.service;
      delete rest.assessor;
      delete rest.assessed_on;
    }
    result = JSON.parse(await scorer.call("score", [JSON.stringify(rest)]));
  } else {
    clearErrors();
  }
  latest = { assessment, explanations: new Map(), unfinished: new Set(unfinished) };
  performance.measure("ipsa-rescore-scorer", { start: started, end: performance.now() });
  for (const section of page.sections) {
    const explanation = evidence.has(section) ? explained.get(section)[1] : null;
    if (explanation && !explanation.errors) latest.explanations.set(section.dataset.item, explanation);
    renderExplanation(section, explanation, unfinished.has(section.dataset.item));
  }
  const problems = new Set([...skipped].filter((id) => !unfinished.has(id)));
  if (result.errors) {
    $("ipsa-summary-text").textContent = "Your answers could not be scored just now. They are kept in this browser.";
  } else {
    // The level the figures give is shown in each item's rating, as the scorer counts it.
    for (const row of result.items) {
      const section = findSection(row.id);
      if (section) showFigures(section, row.source === "evidence" ? String(row.score) : "");
    }
    renderResults(result, skipped, unfinished, latest.explanations, assessment);
    renderReport(result, unfinished, latest.explanations, assessment);
  }
  renderNav(assessment, problems, unfinished, result.errors ? null : result);
  renders += 1;
  page.root.dataset.renders = String(renders);
  performance.measure("ipsa-rescore", { start: started, end: performance.now() });
}

let timer = null;
let running = false;
let again = false;

async function runRescore() {
  timer = null;
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      await rescore();
    } while (again);
  } catch (error) {
    // Never the error's own text (it may be a Python traceback): a plain sentence instead.
    if (page.root.dataset.state !== "failed") {
      $("ipsa-summary-text").textContent =
        "Your answers could not be scored just now. They are kept in this browser: check the figures you entered, or reload the page.";
    }
  } finally {
    running = false;
    if (timer === null) page.root.dataset.busy = "false";
  }
}

export function scheduleRescore(delay) {
  if (timer !== null) clearTimeout(timer);
  page.root.dataset.busy = "true";
  timer = setTimeout(runRescore, delay);
}
