// The draft kept in this browser's own storage (localStorage), and nowhere else.
//
// A stored draft this page cannot fully read (corrupt text, or keys it does not know) is never
// thrown away: before anything can overwrite it, it is copied to a backup key, and the person
// is told. Stored keys are only compared with the form's own names, never used in a selector.

import { findSection, say } from "./dom.js";

export const STORAGE_KEY = "ips-fidelity:self-assessment:draft";
export const BACKUP_KEY = "ips-fidelity:self-assessment:draft-backup";

const TOP_FIELDS = new Set(["format", "version", "service", "assessor", "assessed_on", "items"]);
const ITEM_FIELDS = new Set(["score", "evidence", "note"]);

export function hasAnswers(assessment) {
  return Object.keys(assessment.items).length > 0 || "service" in assessment || "assessor" in assessment || "assessed_on" in assessment;
}

/** The draft with the answers read from the form laid over it: per item, a rating, note or set
 * of figures given on the form replaces the draft's, and the rest of the draft's entry stays. */
export function withEarlyAnswers(draft, early) {
  const items = { ...(draft.items || {}) };
  for (const [id, entry] of Object.entries(early.items)) items[id] = { ...(items[id] || {}), ...entry };
  return { ...draft, ...early, items };
}

let storageRefused = false;

export function saveDraft(assessment) {
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

/**
 * The stored draft: { draft, warning }. `draft` is what can be used (or null); `warning` is a
 * sentence for the person when the stored text could not be fully read, after a copy of it has
 * been put under BACKUP_KEY.
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
  let kept = false;
  try {
    localStorage.setItem(BACKUP_KEY, text);
    kept = true;
  } catch {
    // Said below.
  }
  const usable = draft && typeof draft === "object" && !Array.isArray(draft) ? usableParts(draft) : null;
  const warning =
    `The draft kept in this browser could not be read in full (${problems.join("; ")}). ` +
    (kept
      ? `A copy of it has been kept in this browser's storage under "${BACKUP_KEY}", so nothing is lost. `
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
