// Shared by the pages that read several saved assessments (a team's ratings, progress over
// time): starting the scorer, reading the files a person opens, and naming them in messages.
//
// The files are read here, on this device, and handed to the Python scorer in the worker as
// text. Nothing is uploaded or kept anywhere except where the person asks (their draft).
import { siteURL, startScorer } from "../assessment/scorer-client.js";

export const config = document.querySelector('meta[name="ips-team"]').dataset;
export const $ = (id) => document.getElementById(id);
export const MAX_FILES = 20;
const MAX_FILE_BYTES = 10 * 1024 * 1024; // the limit on input, checked before a file is read
const controlledAtLoad = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);

const worker = startScorer({ urls: config, onProgress: showProgress, what: "the scorer" });
worker.scale.catch(() => {}); // a failure reaches the page through worker.ready

/** The parsed scale.json (items, principles, bands), for titles and band lines. */
export const scale = worker.scale;

/** One of the worker's operations on one value (sent as JSON text); the parsed JSON answer. */
export async function ask(op, value) {
  await worker.ready;
  return JSON.parse(await worker.call(op, [JSON.stringify(value)]));
}

/** Several explanations in one round trip: [[item id, evidence], ...] in, parsed answers out. */
export async function explainAll(pairs) {
  if (!pairs.length) return [];
  await worker.ready;
  const requests = pairs.map(([id, evidence]) => ({ op: "explain", args: [id, JSON.stringify(evidence)] }));
  return (await worker.call("batch", requests)).map((answer) => JSON.parse(answer));
}

function showProgress(message) {
  const bar = $("team-progress");
  if (!bar || $("team-tool").dataset.state !== "loading") return;
  bar.max = message.steps;
  bar.value = message.step;
  $("team-progress-text").textContent =
    `${message.label} (step ${message.step} of ${message.steps}). You can open your files now.`;
}

/** Resolves once the scorer can answer; shows its state in the loading box either way. */
export const ready = (async () => {
  if (document.readyState === "loading") {
    await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
  }
  try {
    await worker.ready;
  } catch (error) {
    $("team-tool").dataset.state = "failed";
    $("team-loading").classList.add("is-failed");
    $("team-progress-text").textContent =
      `The scorer could not be loaded (${error.message}). Reload the page to try again; your files are still on your device.`;
    throw error;
  }
  $("team-tool").dataset.state = "ready";
  $("team-loading").classList.add("is-ready");
  $("team-progress-text").textContent = "The scorer is ready. It works on this device, and your files never leave it.";
  keepForOffline();
})();
ready.catch(() => {});

/**
 * `open(chosen files)` run one call at a time, in the order the person chose: files opened
 * again while earlier ones are still being read (or the scorer is still loading) wait their
 * turn, so each call adds to what the last one left and no file is lost.
 */
export function oneAtATime(open) {
  let queue = Promise.resolve();
  return (input) => {
    const chosen = [...input.files];
    input.value = "";
    queue = queue.then(() => open(chosen)).catch(() => {});
    return queue;
  };
}

/**
 * Once the scorer is ready, the chosen files as readFiles gives them, saying "Reading..." in
 * `status` meanwhile; null, with the reason in `errorBox`, when the scorer could not be loaded
 * (the files stay as they are on the device).
 */
export async function readWhenReady(chosen, status, errorBox) {
  status.textContent = `Reading ${chosen.length === 1 ? "the file" : `${chosen.length} files`}...`;
  try {
    await ready;
  } catch {
    showProblems(errorBox, ["The scorer could not be loaded, so the files cannot be read. Reload the page to try again."]);
    return null;
  }
  return readFiles(chosen);
}

/**
 * The chosen files as { name, data } (data: the parsed JSON) or { name, problem } when a file is
 * not a saved assessment at all. The scorer reads each file's own text, as the command line
 * would (a repeated key, NaN or a file nested too deep is refused alike), and checks each
 * assessment in full afterwards. Waits for the scorer.
 */
async function readFiles(fileList) {
  const read = [];
  for (const file of fileList) {
    const refuse = (why) => read.push({ name: file.name, problem: `${file.name} cannot be used: ${why}.` });
    if (file.size > MAX_FILE_BYTES) {
      refuse("it is larger than 10 MB, the most this page reads");
      continue;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      refuse("this browser could not read it");
      continue;
    }
    await worker.ready;
    const answer = JSON.parse(await worker.call("read", [text]));
    if (answer.errors) refuse(answer.errors.map((e) => e.message).join("; "));
    else if (!answer.data || typeof answer.data !== "object" || Array.isArray(answer.data)) refuse("it does not hold an assessment");
    else read.push({ name: file.name, data: answer.data });
  }
  return read;
}

/** How a file's rater is shown: its assessor, else its service, else "Rater n". */
export function raterName(data, index) {
  for (const key of ["assessor", "service"]) {
    if (typeof data[key] === "string" && data[key].trim()) return data[key].trim();
  }
  return `Rater ${index + 1}`;
}

/** The scorer's messages name "assessment 2"; a person knows that file by its name. */
export function withFileNames(message, names) {
  return message.replace(/\bassessment (\d+)\b/g, (whole, n) => names[Number(n) - 1] ?? whole);
}

/** Show problems (one line each) in an error box, or hide it when there are none. */
export function showProblems(box, lines) {
  box.replaceChildren();
  box.hidden = lines.length === 0;
  if (!lines.length) return;
  const title = document.createElement("p");
  title.className = "ipst-error-title";
  title.textContent = lines.length === 1 ? "There is a problem" : "There are problems";
  const list = document.createElement("ul");
  for (const line of lines) {
    const item = document.createElement("li");
    item.textContent = line.length > 400 ? `${line.slice(0, 397)}...` : line;
    list.append(item);
  }
  box.append(title, list);
}

/** An element with a class and text, for the small tables and lists these pages draw. */
export function make(tag, text = "", className = "") {
  const element = document.createElement(tag);
  if (text !== "") element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** A list of opened files with a button to remove each one. */
export function fileList(container, label, entries, describe, onRemove) {
  container.replaceChildren();
  if (!entries.length) return;
  const list = make("ul", "", "ipst-opened");
  list.setAttribute("aria-label", label);
  entries.forEach((entry, index) => {
    const item = make("li");
    item.append(make("span", describe(entry, index)));
    const remove = make("button", "Remove", "md-button ipst-small");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${entry.name}`);
    remove.addEventListener("click", () => onRemove(index));
    item.append(remove);
    list.append(item);
  });
  container.append(list);
}

async function keepForOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register(siteURL(config.serviceWorker));
    if (controlledAtLoad) return;
    // The service worker precaches this page and its files when it installs.
  } catch {
    // Offline use is a convenience; the page works without it.
  }
}
