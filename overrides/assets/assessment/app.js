// The self-assessment page: wires the modules that bind to the form generated at build time,
// keep the draft in this browser, and show what the scorer returns.
//
// No module works out a score. Totals, bands, ranges, thresholds, warnings, the action plan and
// each calculator's rule all come from the Python scorer (scorer.api under Pyodide, in
// worker.js); titles, principles and band labels come from scale.json, made from scale/.
// Answers stay on this device: they are kept in localStorage and never sent anywhere.
//
// Imports run one way: app.js -> feature modules (form, rows, errors, results, rescore, draft,
// dialog, report, importer, browser-api) -> dom.js, files.js, loading-box.js, scorer-client.js.

import { installBrowserApi } from "./browser-api.js";
import { bindCalculators, markFinished, markUnfinished } from "./calculators.js";
import { ask, bindDialog } from "./dialog.js";
import { $, bindPage, findSection, page, say } from "./dom.js";
import { bindDate, defaultDate, followClears, hasAnswers, loadDraft, removeDraft, saveDraft, showBackups, withEarlyAnswers } from "./draft.js";
import { clearErrors } from "./errors.js";
import { ratingPicked } from "./figures.js";
import { fillForm, readAssessment, resetCalculator, showModes } from "./form.js";
import { importCompare, importContinue, importError } from "./importer.js";
import { renderEarlyCount, renderNav } from "./itemnav.js";
import { loadingBox } from "./loading-box.js";
import { exportCsv, exportJson, useScale as reportScale, useScorer as reportScorer } from "./report.js";
import { scheduleRescore, useScorer } from "./rescore.js";
import { useScale as resultsScale } from "./results.js";
import { addRow, numberRows } from "./rows.js";
import { siteURL, startScorer } from "./scorer-client.js";
import { bindViews } from "./views.js";

const config = document.querySelector('meta[name="ips-assessment"]').dataset;
const TYPING_DELAY_MS = 120;

// --- the scorer, in a worker: started before the page has finished arriving -----------------

const scorer = startScorer({
  urls: config,
  onProgress: (message) => showProgress(message),
  what: "the scorer",
});
const scaleLoaded = scorer.scale.then(
  (parsedScale) => {
    resultsScale(parsedScale);
    reportScale(parsedScale);
  },
  () => {}, // the failure reaches the page through scorer.ready
);
useScorer(scorer);
reportScorer(scorer);
installBrowserApi(scorer);

// --- progress ------------------------------------------------------------------------------

const box = loadingBox("ipsa"); // it shows a step that comes early once the page is parsed

function showProgress(message) {
  // The worker's own labels name the runtime's parts; a person reads how far it has got.
  const { step, steps } = message;
  box.step(
    step,
    steps,
    `Getting the scorer ready: step ${step} of ${steps}. You can answer the questions meanwhile; your score appears when it is ready.`,
  );
}

// Everything above runs as soon as this script arrives, so the scorer starts loading while
// the page is still being parsed; everything below needs the form.
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
bindPage();
const { root, form } = page;
root.dataset.state = "loading";

scorer.ready.then(
  () => {
    performance.mark("ipsa-scorer-ready");
    box.ready("The scorer is ready", "Your answers are scored on this device and never leave it.");
    root.dataset.state = "ready";
    registerServiceWorker();
  },
  () => {
    box.failed(
      "The scorer did not load",
      "The scorer could not be loaded. Your answers are still saved in this browser. " +
        "Reload the page to try again.",
    );
    root.dataset.state = "failed";
  },
);

function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const url = siteURL(config.serviceWorker);
  navigator.serviceWorker.register(url).catch(() => {
    // Offline use is a convenience; the page works without it.
  });
}

// --- wiring -----------------------------------------------------------------------------------

/** A stored draft that could not be read in full: said where it stays in view, not a status
 * line a later message would replace. */
function showDraftWarning(text) {
  const box = $("ipsa-draft-warning");
  box.textContent = text;
  showBackups(box);
  box.hidden = false;
}

function changed(delay) {
  const assessment = readAssessment();
  saveDraft(assessment);
  if (root.dataset.state !== "ready" || root.dataset.renders === "0") {
    // Until the scorer has answered once, the form itself says what has been answered.
    renderEarlyCount(assessment);
    renderNav(assessment);
  }
  scheduleRescore(delay);
}

async function clearAll() {
  const sure = await ask(
    "Clear all answers?",
    "This removes every rating, figure and note from this page and from this browser's storage. It cannot be undone.",
    "Clear all answers",
    { destructive: true },
  );
  if (!sure) return;
  emptyForm();
  removeDraft();
  say("All answers have been cleared.");
}

function emptyForm() {
  fillForm({ items: {} });
  defaultDate();
  for (const calc of form.querySelectorAll("[data-calc]")) calc.open = false;
  for (const section of page.sections) markUnfinished(section);
  clearErrors();
  $("ipsa-compare").hidden = true;
  scheduleRescore(0);
}

const ACTIONS = {
  // Failures get a plain sentence: an error's own text could be a Python traceback.
  "export-json": () => exportJson().catch(() => say("The file could not be saved just now. Your answers are kept in this browser.")),
  "export-csv": () => exportCsv().catch(() => say("The spreadsheet could not be made just now. Your answers are kept in this browser.")),
  print: () => window.print(),
  "clear-all": clearAll,
  "import-continue": () =>
    importContinue(changed).catch(() => importError(["The file could not be opened just now. Nothing has been changed."])),
  "import-compare": () =>
    importCompare(scorer).catch(() => importError(["The file could not be compared just now. Nothing has been changed."])),
  "close-compare": () => {
    $("ipsa-compare").hidden = true;
    root.querySelector("[data-action=import-compare]").focus();
  },
  "add-row": (button) => {
    const list = button.closest(".ipsa-rows").querySelector("[data-rows]");
    const row = addRow(list);
    row.querySelector("input, select").focus();
    changed(0);
  },
  "remove-row": (button) => {
    const row = button.closest("li");
    const list = row.parentElement;
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    numberRows(list);
    (next ? next.querySelector("input, select") : list.closest(".ipsa-rows").querySelector("[data-action=add-row]")).focus();
    changed(0);
  },
  "clear-evidence": (button) => {
    resetCalculator(button.closest("[data-calc]"));
    markUnfinished(button.closest("section.ipsa-item"));
    changed(0);
    say("The figures for this item have been cleared.");
  },
};

bindDialog();
bindDate();
followClears(emptyForm);
bindViews();
bindCalculators(form, () => scheduleRescore(0));
root.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button || !ACTIONS[button.dataset.action]) return;
  event.preventDefault();
  ACTIONS[button.dataset.action](button);
});

form.addEventListener("input", (event) => {
  const typing = event.target.matches("input[type=text], textarea");
  changed(typing ? TYPING_DELAY_MS : 0);
});
form.addEventListener("change", (event) => {
  if (event.target.matches("input[data-mode]")) showModes(event.target.closest("[data-calc]"));
  if (event.target.matches("input[type=radio][name^='score-']")) ratingPicked(event.target);
  changed(0);
});
form.addEventListener("submit", (event) => event.preventDefault());
for (const id of ["ipsa-service", "ipsa-assessor", "ipsa-date"]) $(id).addEventListener("input", () => changed(TYPING_DELAY_MS));

// --- start ------------------------------------------------------------------------------------------

for (const list of form.querySelectorAll("[data-rows]")) addRow(list);
const { draft, warning } = loadDraft();
if (draft) {
  // Anything answered before this script ran is newer than the draft: it wins, item by item.
  const early = readAssessment();
  const merged = hasAnswers(early) ? withEarlyAnswers(draft, early) : draft;
  try {
    fillForm(merged);
  } catch {
    fillForm(early); // a draft this page cannot show; it is still in storage, untouched
  }
  // Figures kept from an earlier visit are finished with: their messages show at once.
  for (const [key, entry] of Object.entries(merged.items || {})) {
    const section = findSection(key);
    if (section && entry && entry.evidence !== undefined) markFinished(section);
  }
  if (!warning) {
    say(
      merged === draft
        ? "Your saved draft has been restored."
        : "Your saved draft has been restored, with the answers you gave while the page loaded.",
    );
  }
}
if (warning) showDraftWarning(warning);
defaultDate();
for (const calc of form.querySelectorAll("[data-calc]")) showModes(calc);
root.dataset.renders = "0";
renderEarlyCount(readAssessment());
renderNav(readAssessment());
performance.mark("ipsa-form-ready");
scaleLoaded.then(() => scheduleRescore(0));
