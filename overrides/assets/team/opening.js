// Shared by the pages that read several saved assessments (a team's ratings, progress over
// time): starting the scorer, reading the files a person opens, and naming them in messages.
//
// The files are read here, on this device, and handed to the Python scorer in the worker as
// text. Nothing is uploaded or kept anywhere except where the person asks (their draft).
import { isRealDate } from "../assessment/files.js";
import { loadingBox } from "../assessment/loading-box.js";
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

/** One of the worker's operations on several files, each sent as its own JSON text (so the
 * 10 MiB limit applies to each file, as on the command line); the parsed JSON answer. */
export async function askEach(op, values) {
  await worker.ready;
  return JSON.parse(await worker.call(op, values.map((value) => JSON.stringify(value))));
}

/** Several explanations in one round trip: [[item id, evidence], ...] in, parsed answers out. */
export async function explainAll(pairs) {
  if (!pairs.length) return [];
  await worker.ready;
  const requests = pairs.map(([id, evidence]) => ({ op: "explain", args: [id, JSON.stringify(evidence)] }));
  return (await worker.call("batch", requests)).map((answer) => JSON.parse(answer));
}

const box = loadingBox("team");

function showProgress(message) {
  const { step, steps } = message;
  box.step(step, steps, `Getting the scorer ready: step ${step} of ${steps}. You can open your files now.`);
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
    console.error(error); // the browser's own words, for whoever looks; the page says what to do
    box.failed(
      "The scorer did not load",
      "The scorer could not be loaded. Reload the page to try again; your files are still on your device.",
    );
    throw error;
  }
  $("team-tool").dataset.state = "ready";
  box.ready("The scorer is ready", "It works on this device, and your files never leave it.");
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
 * Open the files chosen in `input` with `open` (a oneAtATime function), from now on and also
 * those chosen before this script ran (on a slow connection), as if they had just been chosen.
 */
export function listenForFiles(input, open) {
  input.addEventListener("change", () => open(input));
  if (input.files.length) open(input);
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

/** The file's assessment with the date given on this page, when the file has none of its own. */
export function withDate(entry) {
  return entry.data.assessed_on || !entry.date ? entry.data : { ...entry.data, assessed_on: entry.date };
}

/** True when the file has a date: its own, or one given on this page. */
export const dated = (entry) => Boolean(entry.data.assessed_on || entry.date);

/**
 * A list of opened files with a button to remove each one and, beside a file that has no date of
 * its own, a date field (day, month and year, as GOV.UK asks for dates), filled in from the
 * file's name when that holds a date. `onDate(index, iso)` is called when a real date is given.
 * The list is drawn again only when the files open change, so typing a date never loses focus.
 */
export function fileList(container, label, entries, describe, onRemove, onDate = null) {
  const signature = JSON.stringify(entries.map((entry) => entry.name));
  if (container.dataset.drawn === signature && container.firstChild) {
    container.querySelectorAll("[data-describe]").forEach((span, index) => {
      span.textContent = describe(entries[index], index);
    });
    return;
  }
  container.dataset.drawn = signature;
  container.replaceChildren();
  if (!entries.length) return;
  const list = make("ul", "", "ipst-opened");
  list.setAttribute("aria-label", label);
  entries.forEach((entry, index) => {
    const item = make("li");
    const text = make("span", describe(entry, index));
    text.dataset.describe = "";
    item.append(text);
    const remove = make("button", "Remove", "md-button ipst-small");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${entry.name}`);
    remove.addEventListener("click", () => onRemove(index));
    item.append(remove);
    if (onDate && !entry.data.assessed_on) item.append(dateField(`${container.id}-${index}`, entry, (iso) => onDate(index, iso)));
    list.append(item);
  });
  container.append(list);
}

function dateField(id, entry, use) {
  const group = make("fieldset", "", "ipst-date");
  group.setAttribute("role", "group");
  group.append(make("legend", `Date of the assessment in ${entry.name}`));
  const hint = make("p", entry.date
    ? "This file has no date of its own. The date in its name is used; change it if the assessment was on another day."
    : "This file has no date of its own. Give the date of the assessment, for example 27 3 2026.", "ips-hint");
  hint.id = `${id}-date-hint`;
  const error = make("p", "", "ipst-error");
  error.id = `${id}-date-error`;
  error.hidden = true;
  group.setAttribute("aria-describedby", `${hint.id} ${error.id}`);
  const parts = make("div", "", "ipst-date-parts");
  const [year, month, day] = entry.date ? entry.date.split("-") : ["", "", ""];
  const inputs = [["day", "Day", day ? String(Number(day)) : "", 2], ["month", "Month", month ? String(Number(month)) : "", 2], ["year", "Year", year, 4]].map(
    ([part, text, value, size]) => {
      const wrap = make("div", "", "ipst-date-part");
      const input = make("input", "", `ipst-date-input ipst-date-input--${size}`);
      Object.assign(input, { type: "text", inputMode: "numeric", id: `${id}-date-${part}`, value, autocomplete: "off" });
      const labelFor = make("label", text);
      labelFor.htmlFor = input.id;
      wrap.append(labelFor, input);
      parts.append(wrap);
      return input;
    },
  );
  group.append(hint, error, parts);
  group.addEventListener("change", async () => {
    const [d, m, y] = inputs.map((input) => input.value.trim());
    if (!d || !m || !y) return; // not finished yet
    const iso = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}` : "";
    const problem = iso && isRealDate(iso) ? await use(iso) : "The date of the assessment must be a real date, like 27 3 2026.";
    error.textContent = problem || "";
    error.hidden = !problem;
    for (const input of inputs) input.setAttribute("aria-invalid", problem ? "true" : "false");
  });
  return group;
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
