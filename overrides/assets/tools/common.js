// What every planning tool page shares: the scorer in its worker, the form's fields, the error
// summary, the results area and use without a connection. Each tool's own module (review-planner.js,
// timetable.js, workforce.js, readiness.js) builds on these; tools.js picks the one for the page.
//
// Nothing here applies a rule or works out a date, figure or score: every answer, message and
// rule in words comes from Python (scorer.planning.api), and every limit from scale/.

import { loadingBox } from "../assessment/loading-box.js";
import { figureMessage, readNumber } from "../assessment/messages.js";
import { fetchText, siteURL, startScorer } from "../assessment/scorer-client.js";

export const config = document.querySelector('meta[name="ips-tools"]').dataset;
export const $ = (id) => document.getElementById(id);
const controlledAtLoad = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);

// --- the calculator, in a worker -----------------------------------------------------------

const box = loadingBox("tool");

function showProgress(message) {
  const { step, steps } = message;
  box.step(step, steps, `Getting the calculator ready: step ${step} of ${steps}. You can keep filling in the form.`);
}

const worker = startScorer({ urls: config, onProgress: showProgress, what: "the calculator" });
let scale = null;
worker.scale.then(
  (parsedScale) => {
    scale = parsedScale;
  },
  () => {}, // the failure reaches the page through worker.ready
);
const planning = fetchText(config.planning, "the planning rules");
planning.catch(() => {});

/** Settles once the scorer is loaded and the planning tools are configured from planning.json. */
export const ready = worker.ready
  .then(() => planning)
  .then((text) => worker.call("call", ["configure", text]))
  .then((answer) => {
    const parsed = JSON.parse(answer);
    if (parsed.errors) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  });
ready.catch(() => {});

/** One of scorer.planning.api's functions, by name: the parsed JSON answer. */
export const tool = (name, ...args) =>
  ready.then(() => worker.call("call", [name, ...args])).then((answer) => JSON.parse(answer));

// --- small helpers ---------------------------------------------------------------------------

/** An element with a class, text and children: all text goes in as text, never as markup. */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** Text that spells a number, as that number; anything else as typed, for the scorer to refuse. */
// "1,250" is a number; "2,5" and "lots" go as typed, for the scorer to name the field. A number
// too large for JavaScript (1e400) goes as typed too, so the scorer can quote it back.
export const toNumber = readNumber;

/** The filled-in fields among `inputs` (each with data-name), numbers where data-kind says so. */
export function readFields(inputs) {
  const data = {};
  for (const input of inputs) {
    const value = input.value.trim();
    if (value) data[input.dataset.name] = input.dataset.kind === "number" ? toNumber(value) : value;
  }
  return data;
}

export function setSummary(text) {
  const summary = $("tool-summary");
  if (summary.textContent !== text) summary.textContent = text;
}

export function setActionStatus(text) {
  const status = $("tool-action-status");
  if (status) status.textContent = text;
}

export function definitionList(rows) {
  const list = el("dl", { class: "tools-facts" });
  for (const [term, ...details] of rows) {
    list.append(el("dt", { text: term }));
    for (const detail of details) if (detail) list.append(el("dd", { text: detail }));
  }
  return list;
}

export function itemTitle(id) {
  const item = scale && scale.items.find((entry) => entry.id === id);
  return item ? item.title : id;
}

// The largest file a tool opens (SPEC, "Limits on input"): a larger one is refused before it
// is read, so a huge file never freezes the page.
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The text of a file a person chose, or null (with `refuse` told why) when it is too large. */
export async function readChosenFile(file, refuse) {
  if (file.size > MAX_FILE_BYTES) {
    refuse(`${file.name} is larger than 10 MB, the most a tool can open, so it was not opened.`);
    return null;
  }
  return file.text();
}

/** "1 interview", "2 interviews". */
export const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

// --- errors --------------------------------------------------------------------------------

let errorFields = [];

export function clearErrors() {
  for (const field of errorFields) {
    const message = field.querySelector(".tools-error");
    if (message) {
      message.textContent = "";
      message.hidden = true;
    }
    for (const input of field.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  }
  errorFields = [];
  const box = $("tool-errors");
  box.replaceChildren();
  box.hidden = true;
}

/** Clears the results: nothing to work out yet. */
export function showNothing(text) {
  clearErrors();
  $("tool-output").replaceChildren();
  const actions = $("tool-actions");
  if (actions) actions.hidden = true;
  setSummary(text);
}

/** The words a field has on the page ("People to support in a year"), without "(optional)". */
function labelOf(input) {
  const label = input && input.labels && input.labels[0];
  return label ? label.textContent.replace(/\s*\(optional\)\s*$/i, "").replace(/\s+/g, " ").trim() : "";
}

/**
 * The scorer's message in the page's words: the data key it starts with (people_per_year,
 * start) becomes the field's label, and any other data key with an underscore does too.
 */
export function plainMessage(error, input) {
  const label = labelOf(input);
  // A figure's value: said as what to do (messages.js, shared with the self-assessment).
  const words =
    input && input.matches("input") &&
    figureMessage(error.message, { label, enter: input.dataset.enter, example: input.dataset.example, typed: input.value });
  if (words) return words;
  const key = (error.field || "").split(".").pop().replace(/\[\d+\]$/, "");
  let text = String(error.message ?? "");
  // Only the field's own input lends its label: an unknown field (__proto__, constructor) shown
  // beside a row or a file keeps its own name rather than taking another field's label.
  const own = input ? input.dataset.input || input.dataset.name || "" : "";
  if (label && key && own === key) {
    if (text.startsWith(`${key} `)) text = `${label}${text.slice(key.length)}`;
    if (key.includes("_")) text = text.split(key).join(label);
  }
  return text;
}

/**
 * Shows a tool's answer from the scorer: its problems beside the fields (`locate`, as for
 * showErrors), or the result through the tool's own `render`. True: the page has been updated.
 */
export function showAnswer(answer, locate, render) {
  if (answer.errors) {
    showErrors(answer.errors, locate);
  } else {
    clearErrors();
    render(answer);
  }
  return true;
}

/**
 * Shows the scorer's errors: beside each field found by `locate(field)` (an element holding the
 * input, and optionally a .tools-error paragraph), and as a list of links at the results.
 */
export function showErrors(errors, locate) {
  clearErrors();
  const list = el("ul");
  for (const error of errors) {
    const place = (error.field && locate(error.field)) || null;
    const input = place && (place.matches("input, select") ? place : place.querySelector("input, select"));
    const holder = place && (place.matches("input, select") ? place.closest("td, .tools-field") : place);
    if (input) input.setAttribute("aria-invalid", "true");
    const words = plainMessage(error, input);
    const message = holder && holder.querySelector(".tools-error");
    if (message) {
      message.textContent = message.textContent ? `${message.textContent} ${words}` : words;
      message.hidden = false;
    }
    if (holder) errorFields.push(holder);
    const text = words.charAt(0).toUpperCase() + words.slice(1);
    if (input && input.id) {
      list.append(el("li", {}, [el("a", { text, attrs: { href: `#${input.id}` } })]));
    } else {
      list.append(el("li", { text }));
    }
  }
  const box = $("tool-errors");
  box.append(el("h3", { text: "Please check these entries" }), list);
  box.hidden = false;
  setSummary(`Nothing can be worked out yet: ${errors.length} ${errors.length === 1 ? "entry needs" : "entries need"} checking.`);
  $("tool-output").replaceChildren();
  const actions = $("tool-actions");
  if (actions) actions.hidden = true;
}

export function fieldByName(form, name) {
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

// --- running a tool --------------------------------------------------------------------------

let generation = 0;

/** What a person reads when the calculator fails on what they entered: plain words only. */
export const CANNOT_ANSWER =
  "The calculator could not work out an answer from what you entered. Check that each date and " +
  "figure is one you meant; nothing you entered has been lost.";

/** Ask the scorer, then show the answer, unless a newer request has been made meanwhile. */
export async function run(work, { focus = false } = {}) {
  const mine = ++generation;
  try {
    const shown = await work(() => mine === generation);
    if (focus && shown !== false && mine === generation) $("tool-results-title").focus();
  } catch (error) {
    if (mine !== generation) return;
    // Never the program's own words (a Python traceback, a JavaScript error) on the page.
    console.error(error);
    setSummary(CANNOT_ANSWER);
  }
}

/** Re-runs `update` on every change, at once on submit; Enter submits from any text field. */
export function bindForm(form, update) {
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(update), 150);
  };
  form.addEventListener("change", later);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run((current) => update(current, { submitted: true }), { focus: true });
  });
  form.addEventListener("keydown", (event) => {
    // Enter in a text field submits the form; in a table row it must not remove or add rows.
    if (event.key === "Enter" && event.target.matches("input:not([type=file])")) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action=print]");
    if (button) window.print();
  });
}

// --- offline use --------------------------------------------------------------------------------

async function keepForOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register(siteURL(config.serviceWorker));
    // When the service worker controlled this visit, its files went through it already.
    if (!controlledAtLoad) await keepThisPage();
    await worker.kept; // and the runtime, which the service worker keeps on the scorer's word
  } catch {
    // Offline use is a convenience; the page works without it.
  }
}

/** A first visit was loaded before the service worker took control: fetch the page and its own
 * files once more, through it, so that they are there without a connection. */
async function keepThisPage() {
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
    );
  }
  const urls = new Set([location.href.split("#")[0], siteURL(config.planning)]);
  for (const node of document.querySelectorAll("link[rel=stylesheet][href], script[src]")) {
    urls.add(new URL(node.getAttribute(node.tagName === "LINK" ? "href" : "src"), document.baseURI).href);
  }
  for (const url of urls) {
    if (new URL(url).origin === location.origin) await fetch(url).catch(() => {});
  }
}

// --- start ------------------------------------------------------------------------------------------

/** Starts a tool once the page is there: `setUp(form)` binds it and returns its update. */
export async function start(setUp) {
  if (document.readyState === "loading") {
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }
  const root = $("tool");
  const update = setUp($("tool-form"));
  let offline = Promise.resolve();
  ready.then(
    () => {
      root.dataset.state = "ready";
      box.ready("The calculator is ready", "It works on this device, and nothing you enter leaves it.");
      run(update);
      offline = keepForOffline();
    },
    (error) => {
      console.error(error);
      root.dataset.state = "failed";
      box.failed(
        "The calculator did not load",
        "The calculator could not be loaded. Reload the page to try again; if you are offline, " +
          "connect once so that it can be kept on this device.",
      );
    },
  );

  // For scripts and automated checks: `ready` resolves once the tool can answer, `offline()` once
  // this page's files and the runtime are kept for use without a connection (at once where that
  // is not possible here; while the service worker is still installing, it waits for it).
  window.ipsTools = Object.freeze({
    ready: ready.then(() => undefined),
    offline: () => ready.then(() => offline),
  });
}
