// window.ipsFidelity: the scorer for scripts and automated checks (SPEC "The site": ready,
// score, centreStatus, combine, history). Each call hands JSON text to the worker and parses
// its JSON answer. Every call resolves, with a result or {"errors": [...]}: a failure (a value
// JSON cannot hold, an operation the worker lacks, the scorer not loading) becomes a plain
// sentence, never the error's own text, which could be a Python traceback.

import { localISODate } from "./files.js";

export function isoDate(value) {
  if (value === undefined || value === null) return null;
  return value instanceof Date ? localISODate(value) : String(value);
}

const problem = (message) => ({ errors: [{ item: null, field: null, message }] });

const UNAVAILABLE = {
  score: "The assessment could not be scored on this page just now. Check it can be saved as JSON, or reload the page and try again.",
  centreStatus: "The review history could not be checked on this page just now. Reload the page and try again.",
  combine: "This page cannot combine assessments just now. Reload the page and try again, or use the command line: ips-fidelity combine.",
  history: "This page cannot show progress over time just now. Reload the page and try again, or use the command line: ips-fidelity history.",
};

/** Call a worker operation with JSON text arguments; always resolves with an object. */
function safeCall(scorer, op, makeArgs) {
  return Promise.resolve()
    .then(() => {
      const args = makeArgs();
      if (args === null) return JSON.stringify(problem("The input could not be read as JSON. Give an object or a JSON string."));
      return scorer.call(op, args);
    })
    .then((reply) => {
      const parsed = JSON.parse(reply);
      return parsed && typeof parsed === "object" ? parsed : problem(UNAVAILABLE[op]);
    })
    .catch(() => problem(UNAVAILABLE[op]));
}

// JSON.stringify would turn NaN and Infinity into null and leave undefined out, so that a score
// of NaN would read as no answer. Each is written instead as a one-key object the scorer knows
// (scorer/browser_values.py), which refuses it with the command line's own error, or leaves an
// undefined out where no number belongs. The decisions stay in Python: this only marks.
const MARK = "\u0000ipsFidelity";

function marked(key, value) {
  if (typeof value === "number" && !Number.isFinite(value)) return { [MARK]: String(value) };
  if (value === undefined && key !== "") return { [MARK]: "undefined" };
  return value;
}

/** JSON text for a value, or null when JSON cannot hold it (a cycle, a BigInt). */
function asText(value) {
  if (typeof value === "string") return value;
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value, marked);
    return text === undefined ? null : text;
  } catch {
    return null;
  }
}

export function installBrowserApi(scorer) {
  const ready = scorer.ready.then(() => undefined);
  ready.catch(() => {}); // the failure is shown on the page; callers still see the rejection
  const one = (value) => {
    const text = asText(value);
    return text === null ? null : [text];
  };
  const list = (assessments) => (Array.isArray(assessments) ? one(assessments) : null);
  const api = Object.freeze({
    ready,
    score: (assessment) => safeCall(scorer, "score", () => one(assessment)),
    centreStatus: (history, onDate) =>
      safeCall(scorer, "centreStatus", () => {
        const text = asText(history);
        return text === null ? null : [text, isoDate(onDate)];
      }),
    // names (optional): the files' names, in the same order, for messages and warnings.
    combine: (assessments, names) =>
      safeCall(scorer, "combine", () => {
        const args = list(assessments);
        if (args === null || names === undefined || names === null) return args;
        const given = asText(names);
        return given === null ? null : [...args, given];
      }),
    history: (assessments) => safeCall(scorer, "history", () => list(assessments)),
  });
  window.ipsFidelity = api;
  return api;
}
