// The scorer, running under Pyodide in a Web Worker so the page never freezes.
//
// Everything is loaded from this site: the runtime from ../pyodide/, the scorer wheel and the
// scale from the URLs the page passes in its "init" message. Nothing here computes a score;
// each request is handed to scorer.api and its JSON answer is passed back unchanged.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const STEPS = 4;
const indexURL = new URL("../pyodide/", import.meta.url).href;

let api = null;
let python = null;
let failure = null;
const waiting = [];
let receiveInit;
const initMessage = new Promise((resolve) => {
  receiveInit = resolve;
});

function progress(step, label) {
  postMessage({ type: "progress", step, steps: STEPS, label });
}

const OPERATIONS = {
  score: ([assessment]) => api.score_json(assessment),
  compare: ([older, newer]) => api.compare_json(older, newer),
  centreStatus: ([history, onDate]) => api.centre_status_json(history, onDate ?? null),
  explain: ([item, evidence]) => api.explain_json(item, evidence),
  combine: ([assessments]) => api.combine_json(assessments),
  history: ([assessments]) => api.history_json(assessments),
  progress: ([assessments]) => api.progress_json(assessments),
  // The planning tools' pages: any function scorer.planning.api.run_tool accepts, by name, with
  // string arguments; the answer is its JSON string, like every other operation here.
  call: ([name, ...rest]) => python.pyimport("scorer.planning.api").run_tool(name, ...rest),
};

function run(op, args) {
  if (op === "batch") {
    // Several requests in one round trip; each answer is exactly what the single call gives.
    return args.map((request) => run(request.op, request.args));
  }
  const operation = OPERATIONS[op];
  if (!operation) throw new Error(`unknown operation ${op}`);
  return operation(args);
}

function answer(message) {
  const { id, op, args } = message;
  if (failure) {
    postMessage({ type: "reply", id, error: failure });
    return;
  }
  try {
    postMessage({ type: "reply", id, result: run(op, args) });
  } catch (error) {
    postMessage({ type: "reply", id, error: String(error && error.message ? error.message : error) });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message && message.type === "init") {
    receiveInit(message);
  } else if (message && message.type === "request") {
    if (api || failure) answer(message);
    else waiting.push(message);
  }
});

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

async function start() {
  progress(1, "Loading the Python runtime");
  // indexURL and packageBaseUrl both point at this site, so Pyodide never falls back to its CDN.
  const runtime = loadPyodide({
    indexURL,
    packageBaseUrl: indexURL,
    lockFileURL: indexURL + "pyodide-lock.json",
    stdout: () => {},
    stderr: () => {},
  });
  const init = await initMessage;
  const wheel = fetchBytes(init.wheelURL);
  const pyodide = await runtime;
  progress(2, "Installing the scorer");
  pyodide.unpackArchive(await wheel, "wheel");
  progress(3, "Reading the fidelity scale");
  const module = pyodide.pyimport("scorer.api");
  module.configure(init.scaleJSON);
  python = pyodide;
  api = module;
  progress(4, "Ready");
  postMessage({ type: "ready" });
}

start()
  .catch((error) => {
    failure = String(error && error.message ? error.message : error);
    postMessage({ type: "failed", message: failure });
  })
  .finally(() => {
    while (waiting.length) answer(waiting.shift());
  });
