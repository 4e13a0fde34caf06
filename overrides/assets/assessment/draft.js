// The draft kept in this browser's own storage (localStorage), and nowhere else.
//
// Nothing typed is lost:
// - a stored draft this page cannot fully read is copied to a backup of its own, with the time
//   (the last five are kept side by side), before anything can overwrite it, and the page says
//   how to get each one back;
// - every write that fails is reported, and the message stays until a write succeeds;
// - the browser is asked to keep the site's storage (navigator.storage.persist()) when the first
//   answer is given;
// - when "Clear everything this site keeps" runs in another tab, this page stops writing and
//   empties its form, so nothing old is written back.
// Stored keys are only compared with the form's own names, never used in a selector.

import { $, element, findSection, say } from "./dom.js";
import { download, isRealDate, localISODate, longDate } from "./files.js";

export const STORAGE_KEY = "ips-fidelity:self-assessment:draft";
export const BACKUP_KEY = "ips-fidelity:self-assessment:draft-backup";
export const CLEARED_CHANNEL = "ips-fidelity:storage"; // as in assets/site/clear-storage.js
const BACKUPS_KEPT = 5;

const TOP_FIELDS = new Set(["format", "version", "service", "assessor", "assessed_on", "items"]);
const ITEM_FIELDS = new Set(["score", "evidence", "note"]);

// --- the date field: today unless the person gives another ------------------------------------

/** Fill the date field with today's date, marked as the page's default (not the person's answer),
 * when it is empty. A default date is not kept in the draft, so tomorrow it is tomorrow's. */
export function defaultDate() {
  const field = $("ipsa-date");
  if (field.value) {
    // A date put in by a draft or an opened file is the person's own, not the default.
    if (field.value !== localISODate(new Date())) delete field.dataset.defaulted;
  } else {
    field.value = localISODate(new Date());
    field.dataset.defaulted = "true";
  }
  showDateInWords();
}

/** The date field's value in words beside it ("3 December 2026"): the browser shows the field
 * itself in its own locale's short form, which may put the month first. */
function showDateInWords() {
  const field = $("ipsa-date");
  let words = $("ipsa-date-words");
  if (!words) {
    words = element("p", "ips-hint");
    words.id = "ipsa-date-words";
    field.after(words);
  }
  words.textContent = isRealDate(field.value) ? `That is ${longDate(field.value)}.` : "";
}

export function bindDate() {
  $("ipsa-date").addEventListener("input", () => {
    delete $("ipsa-date").dataset.defaulted;
    showDateInWords();
  });
}

const isDefaultDate = (value) => $("ipsa-date")?.dataset.defaulted === "true" && $("ipsa-date").value === value;

export function hasAnswers(assessment) {
  return (
    Object.keys(assessment.items || {}).length > 0 ||
    "service" in assessment ||
    "assessor" in assessment ||
    ("assessed_on" in assessment && !isDefaultDate(assessment.assessed_on))
  );
}

/** The draft with the answers read from the form laid over it: per item, a rating, note or set
 * of figures given on the form replaces the draft's, and the rest of the draft's entry stays. */
export function withEarlyAnswers(draft, early) {
  const items = { ...(draft.items || {}) };
  for (const [id, entry] of Object.entries(early.items)) items[id] = { ...(items[id] || {}), ...entry };
  return { ...draft, ...early, items };
}

// --- writing ---------------------------------------------------------------------------------

let stopped = false; // everything was cleared in another tab: this page no longer writes
let persistAsked = false;

/** The box that says a write failed; it stays until a write succeeds. */
function failureBox() {
  let box = $("ipsa-storage-problem");
  if (!box) {
    box = element("div", "ipsa-notice ipsa-draft-warning");
    box.id = "ipsa-storage-problem";
    box.setAttribute("role", "alert");
    box.hidden = true;
    $("ipsa-draft-warning").after(box);
  }
  return box;
}

function reportFailure() {
  const time = new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  failureBox().textContent =
    `Your latest changes could not be kept in this browser (last tried at ${time}): its storage is full or ` +
    "turned off. They are still on this page. Save your answers as a file now, so they are not lost when the page closes.";
  failureBox().hidden = false;
}

function reportSuccess() {
  const box = $("ipsa-storage-problem");
  if (!box || box.hidden) return;
  box.hidden = true;
  say("Your answers are being kept in this browser again.");
}

/** Ask the browser to keep this site's storage (not evict it when space runs low, or after days
 * without a visit). Asked once, when there is something worth keeping. */
function askToPersist() {
  if (persistAsked) return;
  persistAsked = true;
  try {
    navigator.storage?.persist?.().catch(() => {});
  } catch {
    // The browser decides; the privacy page says what it decided.
  }
}

export function saveDraft(assessment) {
  if (stopped) return;
  const kept = { ...assessment };
  if (isDefaultDate(kept.assessed_on)) delete kept.assessed_on;
  try {
    if (hasAnswers(kept)) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
      askToPersist();
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    reportFailure();
    return;
  }
  reportSuccess();
}

/** Can `assessment` be kept as the draft? Tried before an opened file replaces anything: when the
 * browser refuses, the stored draft is still the old one, unchanged. */
export function tryToKeep(assessment) {
  if (stopped) return true;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(assessment));
    return true;
  } catch {
    return false;
  }
}

// --- reading, and the backups of drafts that cannot be read ----------------------------------

/** What is odd about a parsed draft, in plain words (empty when the page can read all of it). */
function oddities(draft) {
  if (!draft || typeof draft !== "object" || Array.isArray(draft)) return ["it is not an assessment"];
  const odd = [];
  if (Object.keys(draft).some((key) => !TOP_FIELDS.has(key))) odd.push("it has fields this page does not know");
  const items = draft.items;
  if (items === undefined) return odd;
  if (!items || typeof items !== "object" || Array.isArray(items)) return [...odd, "its list of items cannot be read"];
  for (const [key, entry] of Object.entries(items)) {
    if (!findSection(key)) odd.push("it names an item this page does not know");
    else if (!entry || typeof entry !== "object" || Array.isArray(entry)) odd.push("an item's answers cannot be read");
    else if (Object.keys(entry).some((field) => !ITEM_FIELDS.has(field))) odd.push("an item has fields this page does not know");
  }
  return [...new Set(odd)];
}

/** The kept backups, oldest first: [{ key, time (ISO text or ""), text }]. Earlier versions of
 * the page kept one, under BACKUP_KEY itself. */
export function backups() {
  const found = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key === BACKUP_KEY || key.startsWith(`${BACKUP_KEY}:`)) {
        found.push({ key, time: key.slice(BACKUP_KEY.length + 1), text: localStorage.getItem(key) });
      }
    }
  } catch {
    return [];
  }
  return found.sort((a, b) => a.time.localeCompare(b.time));
}

/** Keep `text` as a backup beside the others, with the time; the oldest go beyond five. */
function keepBackup(text) {
  const existing = backups();
  if (existing.some((backup) => backup.text === text)) return true; // already kept
  let time = new Date().toISOString();
  while (existing.some((backup) => backup.time === time)) time = new Date(Date.parse(time) + 1).toISOString();
  try {
    localStorage.setItem(`${BACKUP_KEY}:${time}`, text);
  } catch {
    return false;
  }
  const all = backups();
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) localStorage.removeItem(old.key);
  return true;
}

const whenKept = (time) => {
  const date = new Date(time);
  if (!time || Number.isNaN(date.getTime())) return "by an earlier version of this page";
  const clock = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `on ${longDate(localISODate(date))} at ${clock}`;
};

/** The warning box's list of backups, each with a button that saves it as a file. */
export function showBackups(box) {
  const kept = backups();
  if (!kept.length) return;
  box.append(
    element(
      "p",
      null,
      "To get a copy back, save it as a file with its button below, then open that file in " +
        "\"Open a saved assessment\" (a file that still cannot be read can be mended in a text editor first).",
    ),
  );
  const list = element("ul");
  for (const backup of kept.reverse()) {
    const button = element("button", "md-button ipsa-button", `Save the copy kept ${whenKept(backup.time)} as a file`);
    button.type = "button";
    button.addEventListener("click", () => {
      const stamp = backup.time ? backup.time.slice(0, 19).replaceAll(":", "-") : "earlier";
      download(`unreadable-draft-${stamp}.json`, "application/json", backup.text);
      say("The copy has been saved to your downloads.");
    });
    const item = element("li");
    item.append(button);
    list.append(item);
  }
  box.append(list);
}

/**
 * The stored draft: { draft, warning }. `draft` is what can be used (or null); `warning` is a
 * sentence for the person when the stored text could not be fully read, after a copy of it has
 * been kept as a backup.
 */
export function loadDraft() {
  let text;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { draft: null, warning: null };
  }
  if (!text) return { draft: null, warning: null };
  let draft = null;
  let problems;
  try {
    draft = JSON.parse(text);
    problems = oddities(draft);
  } catch {
    problems = ["it is not readable"];
  }
  if (!problems.length) return { draft, warning: null };
  const kept = keepBackup(text);
  const usable = draft && typeof draft === "object" && !Array.isArray(draft) ? usableParts(draft) : null;
  const warning =
    `The draft kept in this browser could not be read in full (${problems.join("; ")}). ` +
    (kept
      ? "A copy of it has been kept in this browser beside any earlier copies (the last five are kept), so nothing is lost. "
      : "This browser would not keep a copy of it: save your answers as a file before you carry on. ") +
    (usable && hasAnswers(usable) ? "The answers that could be read have been restored." : "The form starts empty.");
  return { draft: usable, warning };
}

/** Only the parts of a draft this page understands. */
function usableParts(draft) {
  const usable = { items: {} };
  for (const key of ["service", "assessor", "assessed_on"]) if (typeof draft[key] === "string") usable[key] = draft[key];
  const items = draft.items && typeof draft.items === "object" && !Array.isArray(draft.items) ? draft.items : {};
  for (const [key, entry] of Object.entries(items)) {
    const section = findSection(key);
    if (!section || !entry || typeof entry !== "object" || Array.isArray(entry)) continue;
    const kept = {};
    for (const field of ITEM_FIELDS) if (entry[field] !== undefined) kept[field] = entry[field];
    usable.items[section.dataset.item] = kept;
  }
  return usable;
}

export function removeDraft() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}

// --- everything cleared in another tab ----------------------------------------------------------

/**
 * `empty()` is called when the privacy page's "Clear everything this site keeps" has run in
 * another tab (told by a BroadcastChannel message, or seen as the storage event of a whole
 * clear): writing stops at once, the form is emptied, and writing starts again only for what is
 * typed afterwards.
 */
export function followClears(empty) {
  const cleared = () => {
    stopped = true;
    empty();
    removeDraft();
    stopped = false;
    $("ipsa-storage-problem")?.setAttribute("hidden", "");
    const box = $("ipsa-draft-warning");
    box.replaceChildren(
      "Everything this site kept in this browser was cleared from another tab, so this page has been emptied too. " +
        "Anything you type from now on is kept as a new draft.",
    );
    box.hidden = false;
  };
  window.addEventListener("storage", (event) => {
    if (event.key === null) cleared(); // localStorage.clear() in another tab
  });
  if ("BroadcastChannel" in window) {
    new BroadcastChannel(CLEARED_CHANNEL).addEventListener("message", (event) => {
      if (event.data === "cleared") cleared();
    });
  }
}
