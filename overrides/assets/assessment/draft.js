// The draft kept in this browser's own storage (localStorage), and nowhere else.

import { say } from "./dom.js";

export const STORAGE_KEY = "ips-fidelity:self-assessment:draft";

export function hasAnswers(assessment) {
  return Object.keys(assessment.items).length > 0 || "service" in assessment || "assessed_on" in assessment;
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

export function loadDraft() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const draft = text ? JSON.parse(text) : null;
    return draft && typeof draft === "object" && !Array.isArray(draft) ? draft : null;
  } catch {
    return null;
  }
}

export function removeDraft() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
