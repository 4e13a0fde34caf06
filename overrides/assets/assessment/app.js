// The self-assessment page: binds to the form generated at build time, keeps the draft in this
// browser, and shows what the scorer returns.
//
// This script never works out a score. Totals, bands, ranges, thresholds, warnings, the action
// plan and each calculator's rule all come from the Python scorer (scorer.api under Pyodide,
// in worker.js); titles, principles and band labels come from scale.json, made from scale/.
// Answers stay on this device: they are kept in localStorage and never sent anywhere.

import { download, localISODate } from "./files.js";
import { siteURL, startScorer } from "./scorer-client.js";

const config = document.querySelector('meta[name="ips-assessment"]').dataset;
const STORAGE_KEY = "ips-fidelity:self-assessment:draft";
const ASSESSMENT_FORMAT = "ips-fidelity-assessment";
const ASSESSMENT_VERSION = 1;
const TYPING_DELAY_MS = 120;
const $ = (id) => document.getElementById(id);

// --- the scorer, in a worker ---------------------------------------------------------------

const scorer = startScorer({
  urls: config,
  onProgress: (message) => showProgress(message),
  what: "the scorer",
});
let scale = null;
const scaleLoaded = scorer.scale.then(
  (parsedScale) => {
    scale = parsedScale;
  },
  () => {}, // the failure reaches the page through scorer.ready
);

const asText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

function isoDate(value) {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? localISODate(value) : String(value);
}

// The interface for scripts and automated checks (SPEC.md: ready, score, centreStatus).
const ready = scorer.ready.then(() => undefined);
ready.catch(() => {}); // the failure is shown on the page; callers still see the rejection
window.ipsFidelity = Object.freeze({
  ready,
  // asText runs inside the promise, so even a value JSON cannot hold gives a rejection, not a throw.
  score: (assessment) =>
    Promise.resolve()
      .then(() => scorer.call("score", [asText(assessment)]))
      .then(JSON.parse),
  centreStatus: (history, onDate) =>
    Promise.resolve()
      .then(() => scorer.call("centreStatus", [asText(history), isoDate(onDate)]))
      .then(JSON.parse),
});

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
const root = $("ipsa");
const form = $("ipsa-form");
const sections = [...form.querySelectorAll("section.ipsa-item")];
const sectionById = new Map(sections.map((s) => [s.dataset.item, s]));
const sectionByNumber = new Map(sections.map((s) => [s.dataset.number, s]));
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

// --- reading and filling the form -----------------------------------------------------------

function toNumber(text) {
  const trimmed = text.trim().replace(/\s*%$/, "");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : text.trim();
}

function activeModes(calc) {
  const modes = {};
  for (const radio of calc.querySelectorAll("input[data-mode]:checked")) modes[radio.dataset.mode] = radio.value;
  return modes;
}

function inActiveMode(element, modes) {
  const group = element.closest("[data-mode-group]");
  return !group || modes[group.dataset.modeGroup] === group.dataset.modeValue;
}

function readRows(list) {
  let given = false;
  const entries = [...list.children].map((row) => {
    const fields = [...row.querySelectorAll("[data-row-field]")];
    if (fields.length === 1 && fields[0].dataset.rowField === "") {
      const value = fields[0].querySelector("input, select").value;
      if (value.trim() === "") return null;
      given = true;
      return toNumber(value);
    }
    const entry = {};
    for (const field of fields) {
      const value = field.querySelector("input, select").value;
      if (value.trim() === "") continue;
      entry[field.dataset.rowField] = toNumber(value);
      given = true;
    }
    return entry;
  });
  return given ? entries : null;
}

/** The evidence an item's calculator holds, or null when none of it has been filled in. */
function readEvidence(section) {
  const calc = section.querySelector("[data-calc]");
  if (!calc) return null;
  const modes = activeModes(calc);
  const evidence = {};
  let given = false;
  for (const element of calc.querySelectorAll("[data-evidence]")) {
    if (!inActiveMode(element, modes)) continue;
    const name = element.dataset.evidence;
    const kind = element.dataset.kind;
    if (kind === "number" && element.value.trim() !== "") {
      evidence[name] = toNumber(element.value);
      given = true;
    } else if (kind === "choice" && element.value !== "") {
      evidence[name] = element.value;
      given = true;
    } else if (kind === "list") {
      const values = element.value.split(/[\s,;]+/).filter(Boolean);
      if (values.length) {
        evidence[name] = values.map(toNumber);
        given = true;
      }
    } else if (kind === "flag" && element.checked !== (element.dataset.default === "true")) {
      evidence[name] = element.checked;
      given = true;
    } else if (kind === "member") {
      evidence[name] ??= [];
      if (element.checked) {
        evidence[name].push(element.value);
        given = true;
      }
    }
  }
  for (const list of calc.querySelectorAll("[data-rows]")) {
    const rows = readRows(list);
    if (rows) {
      evidence[list.dataset.rows] = rows;
      given = true;
    }
  }
  return given ? evidence : null;
}

/** The whole form as an assessment in the SPEC format (what is saved, exported and scored). */
function readAssessment() {
  const assessment = { format: ASSESSMENT_FORMAT, version: ASSESSMENT_VERSION };
  const service = $("ipsa-service").value.trim();
  if (service) assessment.service = service;
  const date = $("ipsa-date").value;
  if (date) assessment.assessed_on = date;
  const items = {};
  for (const section of sections) {
    const entry = {};
    const rating = section.querySelector("input[type=radio][name^='score-']:checked");
    if (rating && rating.value !== "") entry.score = Number(rating.value);
    const evidence = readEvidence(section);
    if (evidence) entry.evidence = evidence;
    const note = section.querySelector("[data-note]").value;
    if (note.trim() !== "") entry.note = note;
    if (Object.keys(entry).length) items[section.dataset.item] = entry;
  }
  assessment.items = items;
  return assessment;
}

function setMode(calc, group, value) {
  for (const radio of calc.querySelectorAll(`input[data-mode="${group}"]`)) radio.checked = radio.value === value;
  showModes(calc);
}

function showModes(calc) {
  const modes = activeModes(calc);
  for (const part of calc.querySelectorAll("[data-mode-group]")) {
    part.hidden = modes[part.dataset.modeGroup] !== part.dataset.modeValue;
  }
}

function resetCalculator(calc) {
  for (const element of calc.querySelectorAll("[data-evidence]")) {
    if (element.dataset.kind === "flag") element.checked = element.dataset.default === "true";
    else if (element.dataset.kind === "member") element.checked = false;
    else element.value = "";
  }
  for (const group of new Set([...calc.querySelectorAll("input[data-mode]")].map((r) => r.dataset.mode))) {
    const first = calc.querySelector(`input[data-mode="${group}"]`);
    setMode(calc, group, first.value);
  }
  for (const list of calc.querySelectorAll("[data-rows]")) {
    list.replaceChildren();
    addRow(list);
  }
}

function fillEvidence(section, evidence) {
  const calc = section.querySelector("[data-calc]");
  if (!calc) return;
  resetCalculator(calc);
  if (!evidence || typeof evidence !== "object") return;
  for (const [name, value] of Object.entries(evidence)) {
    const list = calc.querySelector(`[data-rows="${name}"]`);
    if (list && Array.isArray(value)) {
      list.replaceChildren();
      for (const entry of value) addRow(list, entry);
      if (!value.length) addRow(list);
      continue;
    }
    const elements = [...calc.querySelectorAll(`[data-evidence="${name}"]`)];
    if (!elements.length) continue;
    const group = elements[0].closest("[data-mode-group]");
    if (group) setMode(calc, group.dataset.modeGroup, group.dataset.modeValue);
    for (const element of elements) {
      const kind = element.dataset.kind;
      if (kind === "flag") element.checked = value === true;
      else if (kind === "member") element.checked = Array.isArray(value) && value.includes(element.value);
      else if (kind === "list") element.value = Array.isArray(value) ? value.join(", ") : String(value);
      else element.value = value === null || value === undefined ? "" : String(value);
    }
  }
  calc.open = true;
}

function fillForm(assessment) {
  $("ipsa-service").value = typeof assessment.service === "string" ? assessment.service : "";
  $("ipsa-date").value = typeof assessment.assessed_on === "string" ? assessment.assessed_on : "";
  const entries = new Map();
  for (const [key, entry] of Object.entries(assessment.items || {})) {
    const section = sectionById.get(key) || sectionByNumber.get(String(key));
    if (section) entries.set(section, entry || {});
  }
  for (const section of sections) {
    const entry = entries.get(section) || {};
    const score = entry.score === undefined || entry.score === null ? "" : String(entry.score);
    for (const radio of section.querySelectorAll("input[type=radio][name^='score-']")) radio.checked = radio.value === score;
    fillEvidence(section, entry.evidence);
    section.querySelector("[data-note]").value = typeof entry.note === "string" ? entry.note : "";
  }
}

// --- per-specialist rows ----------------------------------------------------------------------

function numberRows(list) {
  const section = list.closest("section.ipsa-item");
  const item = section.dataset.item;
  [...list.children].forEach((row, index) => {
    const n = index + 1;
    const base = `evidence.${list.dataset.rows}[${index}]`;
    row.querySelector("[data-row-legend]").textContent = `Specialist ${n}`;
    const fields = [...row.querySelectorAll("[data-row-field]")];
    const scalar = fields.length === 1 && fields[0].dataset.rowField === "";
    // Errors about the whole entry go to the row, or to the one field of a single-value row.
    if (scalar) delete row.dataset.field;
    else row.dataset.field = base;
    for (const field of fields) {
      const control = field.querySelector("input, select");
      const id = `ev-${item}-${list.dataset.rows}-${index}-${control.dataset.id}`;
      control.id = id;
      field.querySelector("label").htmlFor = id;
      field.dataset.field = scalar ? base : `${base}.${field.dataset.rowField}`;
    }
    const remove = row.querySelector("[data-action=remove-row]");
    remove.textContent = `Remove specialist ${n}`;
    remove.hidden = list.children.length === 1;
  });
}

function addRow(list, values) {
  const template = document.getElementById(list.dataset.rowTemplate);
  const row = template.content.firstElementChild.cloneNode(true);
  for (const field of row.querySelectorAll("[data-row-field]")) {
    const control = field.querySelector("input, select");
    const value = field.dataset.rowField === "" ? values : values && values[field.dataset.rowField];
    control.value = value === undefined || value === null || typeof value === "object" ? "" : String(value);
  }
  list.append(row);
  numberRows(list);
  return row;
}

// --- field errors from the scorer ------------------------------------------------------------

let errorIds = 0;

function clearErrors() {
  for (const message of [...form.querySelectorAll(".ipsa-error"), $("ipsa-about-error")]) {
    message.hidden = true;
    message.textContent = "";
  }
  for (const control of [...form.querySelectorAll("[aria-invalid]"), ...document.querySelectorAll("[data-top][aria-invalid]")]) {
    control.removeAttribute("aria-invalid");
    const described = (control.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && !document.getElementById(id)?.classList.contains("ipsa-error"));
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

function errorTarget(section, field) {
  let path = field || "";
  while (path) {
    const container = section.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (container && !container.closest("[hidden]")) {
      const message = [...container.querySelectorAll(".ipsa-error")].find(
        (p) => p.parentElement.closest("[data-field]") === container,
      );
      if (message) return { container, message };
    }
    const shorter = path.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
    path = shorter === path ? "" : shorter;
  }
  return { container: null, message: $(`item-${section.dataset.item}-errors`) };
}

function addMessage(element, text) {
  const line = document.createElement("span");
  line.className = "ipsa-error__line";
  line.textContent = text;
  element.append(line);
  element.hidden = false;
}

function showErrors(errors) {
  clearErrors();
  const general = [];
  for (const error of errors) {
    const section = error.item ? sectionById.get(error.item) || sectionByNumber.get(String(error.item)) : null;
    if (!section) {
      // Not about one item (the assessment's date, say): shown beside the service and date.
      general.push(error);
      const control = error.field ? document.querySelector(`[data-top="${CSS.escape(error.field)}"]`) : null;
      const label = control ? control.labels[0].textContent.replace(/\s*\(optional\)$/, "") : null;
      addMessage($("ipsa-about-error"), label ? `${label}: ${error.message}` : error.message);
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", "ipsa-about-error");
      }
      continue;
    }
    const { container, message } = errorTarget(section, error.field);
    addMessage(message, error.field && !container ? `${error.field}: ${error.message}` : error.message);
    const calc = message.closest("[data-calc]");
    if (calc) calc.open = true;
    if (!message.id) message.id = `ipsa-error-${++errorIds}`;
    const controls = container ? container.querySelectorAll("input, select, textarea") : [];
    for (const control of controls) {
      if (control.closest("[data-field]") !== container && container.matches("[data-field]:has([data-field])")) continue;
      control.setAttribute("aria-invalid", "true");
      const described = new Set((control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
      described.add(message.id);
      control.setAttribute("aria-describedby", [...described].join(" "));
    }
  }
  return general;
}

// --- rendering results -------------------------------------------------------------------------

const SOURCE_TEXT = { evidence: "Your figures", rating: "Your rating" };

function bandLabel(id) {
  const band = scale && scale.bands.find((b) => b.id === id);
  return band ? band.label : id;
}

function itemTitle(id) {
  const item = scale && scale.items.find((i) => i.id === id);
  return item ? item.title : id;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Each re-render changes only what differs from the last one: it keeps re-scoring cheap, and
// live regions are not re-announced when their text has not changed.
const shown = new WeakMap();

function update(node, key, render) {
  if (shown.get(node) === key) return;
  shown.set(node, key);
  render();
}

let chartBars = null;

function buildChart() {
  const groups = [];
  chartBars = new Map();
  for (const principle of scale.principles) {
    const items = scale.items.filter((item) => item.principle === principle.id);
    if (!items.length) continue;
    const group = element("div", "ipsa-chart__group");
    group.append(element("p", "ipsa-chart__principle", principle.title));
    for (const item of items) {
      const line = element("div", "ipsa-chart__row");
      const track = element("span", "ipsa-chart__track");
      const bar = element("span", "ipsa-chart__bar");
      const value = element("span", "ipsa-chart__value");
      track.append(bar);
      line.append(element("span", "ipsa-chart__label", `${item.number}. ${item.title}`), track, value);
      group.append(line);
      chartBars.set(item.id, { bar, value });
    }
    groups.push(group);
  }
  $("ipsa-chart").replaceChildren(...groups);
}

function renderChart(result) {
  if (!chartBars) buildChart();
  for (const row of result.items) {
    const parts = chartBars.get(row.id);
    if (!parts) continue;
    parts.bar.dataset.score = row.score === null ? "0" : String(row.score);
    parts.value.textContent = row.score === null ? "-" : String(row.score);
  }
}

function renderTable(result) {
  for (const row of result.items) {
    const line = $("ipsa-table").querySelector(`tr[data-item="${row.id}"]`);
    if (!line) continue;
    line.querySelector("[data-cell=score]").textContent = row.score === null ? "Not answered" : String(row.score);
    line.querySelector("[data-cell=source]").textContent = SOURCE_TEXT[row.source] || "-";
  }
}

function renderPlan(result) {
  const plan = $("ipsa-plan");
  const entries = result.action_plan.map((step) => {
    const li = element("li", "ipsa-plan__step");
    const heading = element("p", "ipsa-plan__title");
    const link = element("a", null, `Item ${step.number}: ${itemTitle(step.id)}`);
    link.href = `#item-${step.id}`;
    heading.append(link, document.createTextNode(` (now ${step.score}, aim for ${step.target})`));
    li.append(heading, element("p", "ipsa-plan__anchor", `To reach ${step.target}: ${step.next_anchor}`));
    return li;
  });
  plan.replaceChildren(...entries);
  $("ipsa-plan-empty").hidden = entries.length > 0;
}

function renderItemStatus(result, skipped) {
  for (const row of result.items) {
    const status = $(`item-${row.id}-status`);
    if (!status) continue;
    let text;
    if (skipped.has(row.id)) text = "Not counted until the problem above is fixed.";
    else if (row.score === null) text = "Not answered yet.";
    else text = `Counted: ${row.score} (${row.source === "evidence" ? "from your figures" : "your rating"}).`;
    update(status, JSON.stringify([text, row.warnings]), () => {
      status.replaceChildren(element("span", null, text));
      for (const warning of row.warnings) status.append(element("span", "ipsa-item__warning", ` ${warning}`));
      status.classList.toggle("has-warning", row.warnings.length > 0);
    });
  }
}

function renderResults(result, skipped) {
  $("ipsa-results-pending").hidden = true;
  const complete = result.complete;
  const range = result.possible_range;
  $("ipsa-total").textContent = `${result.total} out of ${result.max_total}`;
  $("ipsa-answered").textContent = `${result.answered} of ${result.items.length}`;
  $("ipsa-band-term").textContent = complete ? "Fidelity band" : "Possible total when complete";
  $("ipsa-band").textContent = complete ? result.band.label : `${range.min} to ${range.max}`;
  $("ipsa-next").textContent = result.to_next_band
    ? `${result.to_next_band.points} more points for ${bandLabel(result.to_next_band.id)}`
    : complete
      ? "None: this is the highest band"
      : "Shown when every item is answered";
  const centre = result.centre_of_excellence;
  $("ipsa-centre-status").textContent = !complete
    ? `The threshold is ${centre.threshold} points. Answer every item to compare your total with it.`
    : centre.meets_threshold
      ? `Your self-assessed total of ${result.total} reaches the threshold of ${centre.threshold} points.`
      : `Your self-assessed total of ${result.total} is below the threshold of ${centre.threshold} points.`;
  renderChart(result);
  renderTable(result);
  update($("ipsa-plan"), JSON.stringify(result.action_plan), () => renderPlan(result));
  renderItemStatus(result, skipped);
  update($("ipsa-warnings"), JSON.stringify(result.warnings), () => {
    $("ipsa-warnings").replaceChildren(...result.warnings.map((text) => element("li", null, text)));
    $("ipsa-warnings-box").hidden = result.warnings.length === 0;
  });

  let summary = complete
    ? `Total ${result.total} out of ${result.max_total}, all ${result.items.length} items answered: ${result.band.label}.`
    : `Total ${result.total} out of ${result.max_total} from ${result.answered} of ${result.items.length} items answered. ` +
      `Possible total when complete: ${range.min} to ${range.max}.`;
  if (skipped.size) {
    const numbers = result.items.filter((row) => skipped.has(row.id)).map((row) => row.number);
    summary += ` Not counted until fixed: item${numbers.length > 1 ? "s" : ""} ${numbers.join(", ")}.`;
  }
  const summaryText = $("ipsa-summary-text");
  if (summaryText.textContent !== summary) summaryText.textContent = summary;
  const service = $("ipsa-service").value.trim();
  const date = $("ipsa-date").value;
  $("ipsa-print-heading").textContent = [service && `Service: ${service}.`, date && `Assessed on ${date}.`]
    .filter(Boolean)
    .join(" ");
}

function renderExplanation(section, explanation) {
  const box = $(`calc-${section.dataset.item}-result`);
  if (!box) return;
  update(box, JSON.stringify(explanation), () => {
    if (!explanation) {
      box.replaceChildren(element("p", null, "Enter your figures to see the rating they give."));
    } else if (explanation.errors) {
      box.replaceChildren(element("p", null, "These figures cannot give a rating yet: see the messages above."));
    } else {
      const first = element("p");
      first.append(element("strong", null, `Your figures give a rating of ${explanation.score}.`));
      box.replaceChildren(first, element("p", "ipsa-derived__rule", `How: ${explanation.rule}.`));
    }
  });
}

// --- re-scoring on every change -----------------------------------------------------------------

let renders = 0;
const explained = new Map(); // section -> [evidence JSON, the scorer's explanation of it]

async function rescore() {
  await scorer.ready;
  const started = performance.now();
  const assessment = readAssessment();
  // Explanations are asked for only when an item's figures have changed since the last one.
  const evidence = new Map();
  for (const section of sections) {
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
  if (result.errors) {
    const general = showErrors(result.errors);
    for (const error of result.errors) if (error.item) skipped.add(error.item);
    // Everything else still counts: score the assessment without the items that have problems.
    const rest = { ...assessment, items: {} };
    for (const [id, entry] of Object.entries(assessment.items)) if (!skipped.has(id)) rest.items[id] = entry;
    if (general.length) {
      delete rest.service;
      delete rest.assessed_on;
    }
    result = JSON.parse(await scorer.call("score", [JSON.stringify(rest)]));
  } else {
    clearErrors();
  }
  performance.measure("ipsa-rescore-scorer", { start: started, end: performance.now() });
  for (const section of sections) {
    renderExplanation(section, evidence.has(section) ? explained.get(section)[1] : null);
  }
  if (!result.errors) renderResults(result, skipped);
  renders += 1;
  root.dataset.renders = String(renders);
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
    if (root.dataset.state !== "failed") $("ipsa-summary-text").textContent = `The answers could not be scored: ${error.message}`;
  } finally {
    running = false;
    if (timer === null) root.dataset.busy = "false";
  }
}

function scheduleRescore(delay) {
  if (timer !== null) clearTimeout(timer);
  root.dataset.busy = "true";
  timer = setTimeout(runRescore, delay);
}

// --- the draft in this browser ------------------------------------------------------------------

function hasAnswers(assessment) {
  return Object.keys(assessment.items).length > 0 || "service" in assessment || "assessed_on" in assessment;
}

/** The draft with the answers read from the form laid over it: per item, a rating, note or set
 * of figures given on the form replaces the draft's, and the rest of the draft's entry stays. */
function withEarlyAnswers(draft, early) {
  const items = { ...(draft.items || {}) };
  for (const [id, entry] of Object.entries(early.items)) items[id] = { ...(items[id] || {}), ...entry };
  return { ...draft, ...early, items };
}

let storageRefused = false;

function saveDraft(assessment) {
  try {
    if (hasAnswers(assessment)) localStorage.setItem(STORAGE_KEY, JSON.stringify(assessment));
    else localStorage.removeItem(STORAGE_KEY);
    storageRefused = false;
  } catch {
    if (storageRefused) return; // said once; repeating it on every key press would drown the page
    storageRefused = true;
    say("This browser is not letting the page keep a draft. Save your answers as a file before you leave.");
  }
}

function loadDraft() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const draft = text ? JSON.parse(text) : null;
    return draft && typeof draft === "object" && !Array.isArray(draft) ? draft : null;
  } catch {
    return null;
  }
}

function say(text) {
  const status = $("ipsa-tools-status");
  status.textContent = "";
  // A fresh text node so screen readers announce a repeated message again.
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

function changed(delay) {
  saveDraft(readAssessment());
  scheduleRescore(delay);
}

// --- dialog -------------------------------------------------------------------------------------

function ask(title, text, confirmLabel) {
  const dialog = $("ipsa-dialog");
  $("ipsa-dialog-title").textContent = title;
  $("ipsa-dialog-text").textContent = text;
  dialog.querySelector("[data-dialog=confirm]").textContent = confirmLabel;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

$("ipsa-dialog").addEventListener("click", (event) => {
  const button = event.target.closest("[data-dialog]");
  if (button) $("ipsa-dialog").close(button.dataset.dialog);
});

// --- export, import, compare, print --------------------------------------------------------------

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

async function exportCsv() {
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

async function exportJson() {
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

function importError(lines) {
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
  const where = [problem.item && `Item ${sectionById.get(problem.item)?.dataset.number ?? problem.item}`, problem.field]
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

async function importContinue() {
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

async function importCompare() {
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
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
  scheduleRescore(0);
  say("All answers have been cleared.");
}

const ACTIONS = {
  "export-json": () => exportJson().catch((error) => say(`The file could not be saved: ${error.message}`)),
  "export-csv": () => exportCsv().catch((error) => say(`The spreadsheet could not be made: ${error.message}`)),
  print: () => window.print(),
  "clear-all": clearAll,
  "import-continue": () => importContinue().catch((error) => importError([`The file could not be opened: ${error.message}`])),
  "import-compare": () => importCompare().catch((error) => importError([`The file could not be compared: ${error.message}`])),
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
