// The self-assessment page: wires the modules that bind to the form generated at build time,
// keep the draft in this browser, and show what the scorer returns.
//
// No module works out a score. Totals, bands, ranges, thresholds, warnings, the action plan and
// each calculator's rule all come from the Python scorer (scorer.api under Pyodide, in
// worker.js); titles, principles and band labels come from scale.json, made from scale/.
// Answers stay on this device: they are kept in localStorage and never sent anywhere.
//
// Imports run one way: app.js -> feature modules (form, rows, errors, results, rescore, draft,
// dialog, report, importer, browser-api) -> dom.js, files.js, scorer-client.js.

import { installBrowserApi } from "./browser-api.js";
import { ask, bindDialog } from "./dialog.js";
import { $, bindPage, page, say } from "./dom.js";
import { hasAnswers, loadDraft, removeDraft, saveDraft, withEarlyAnswers } from "./draft.js";
import { clearErrors } from "./errors.js";
import { fillForm, readAssessment, resetCalculator, showModes } from "./form.js";
import { importCompare, importContinue, importError } from "./importer.js";
import { exportCsv, exportJson, useScale as reportScale } from "./report.js";
import { scheduleRescore, useScorer } from "./rescore.js";
import { useScale as resultsScale } from "./results.js";
import { addRow, numberRows } from "./rows.js";
import { siteURL, startScorer } from "./scorer-client.js";

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
installBrowserApi(scorer);

// --- progress ------------------------------------------------------------------------------

let progress = null;
let parsed = false;

function showProgress(message) {
  progress = message;
  if (!parsed || $("ipsa").dataset.state !== "loading") return; // shown once the page is parsed
  const { step, steps, label } = message;
  const bar = $("ipsa-progress");
  bar.max = steps;
  bar.value = step;
  $("ipsa-progress-text").textContent = `${label} (step ${step} of ${steps}). You can keep answering.`;
}

// Everything above runs as soon as this script arrives, so the scorer starts loading while
// the page is still being parsed; everything below needs the form.
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
bindPage();
const { root, form } = page;
root.dataset.state = "loading";
parsed = true;
if (progress) showProgress(progress);

scorer.ready.then(
  () => {
    performance.mark("ipsa-scorer-ready");
    $("ipsa-loading").classList.add("is-ready");
    $("ipsa-progress").value = $("ipsa-progress").max;
    $("ipsa-progress-text").textContent =
      "The scorer is ready. Your answers are scored on this device and never leave it.";
    root.dataset.state = "ready";
    registerServiceWorker();
  },
  (error) => {
    $("ipsa-loading").classList.add("is-failed");
    $("ipsa-progress-text").textContent =
      `The scorer could not be loaded (${error.message}). Your answers are still saved in this ` +
      "browser. Reload the page to try again.";
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

function changed(delay) {
  saveDraft(readAssessment());
  scheduleRescore(delay);
}

async function clearAll() {
  const sure = await ask(
    "Clear all answers?",
    "This removes every rating, figure and note from this page and from this browser's storage. It cannot be undone.",
    "Clear all answers",
  );
  if (!sure) return;
  fillForm({ items: {} });
  for (const calc of form.querySelectorAll("[data-calc]")) calc.open = false;
  clearErrors();
  $("ipsa-compare").hidden = true;
  removeDraft();
  scheduleRescore(0);
  say("All answers have been cleared.");
}

const ACTIONS = {
  "export-json": () => exportJson().catch((error) => say(`The file could not be saved: ${error.message}`)),
  "export-csv": () => exportCsv().catch((error) => say(`The spreadsheet could not be made: ${error.message}`)),
  print: () => window.print(),
  "clear-all": clearAll,
  "import-continue": () => importContinue(changed).catch((error) => importError([`The file could not be opened: ${error.message}`])),
  "import-compare": () => importCompare(scorer).catch((error) => importError([`The file could not be compared: ${error.message}`])),
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
    changed(0);
    say("The figures for this item have been cleared.");
  },
};

bindDialog();
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
  changed(0);
});
form.addEventListener("submit", (event) => event.preventDefault());
for (const id of ["ipsa-service", "ipsa-date"]) $(id).addEventListener("input", () => changed(TYPING_DELAY_MS));

// --- start ------------------------------------------------------------------------------------------

for (const list of form.querySelectorAll("[data-rows]")) addRow(list);
const draft = loadDraft();
if (draft) {
  // Anything answered before this script ran is newer than the draft: it wins, item by item.
  const early = readAssessment();
  const merged = hasAnswers(early) ? withEarlyAnswers(draft, early) : draft;
  fillForm(merged);
  say(
    merged === draft
      ? "Your saved draft has been restored."
      : "Your saved draft has been restored, with the answers you gave while the page loaded.",
  );
}
for (const calc of form.querySelectorAll("[data-calc]")) showModes(calc);
root.dataset.renders = "0";
performance.mark("ipsa-form-ready");
scaleLoaded.then(() => scheduleRescore(0));
