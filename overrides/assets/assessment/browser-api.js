// window.ipsFidelity: the scorer for scripts and automated checks (SPEC "The site": ready,
// score, centreStatus). Each call hands JSON text to the worker and parses its JSON answer.

import { localISODate } from "./files.js";

const asText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

export function isoDate(value) {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? localISODate(value) : String(value);
}

export function installBrowserApi(scorer) {
  const ready = scorer.ready.then(() => undefined);
  ready.catch(() => {}); // the failure is shown on the page; callers still see the rejection
  const api = Object.freeze({
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
  window.ipsFidelity = api;
  return api;
}
