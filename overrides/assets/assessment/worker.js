// The scorer, running under Pyodide in a Web Worker so the page never freezes.
//
// Everything is loaded from this site: the runtime from ../pyodide/, the scorer wheel and the
// scale from the URLs the page passes in its "init" message. Nothing here computes a score;
// each request is handed to scorer.api and its JSON answer is passed back unchanged.
//
// Start-up: when this device keeps a memory snapshot of a ready scorer (same Pyodide, wheel and
// scale: snapshot-store.js), Python is restored from it in a fraction of a normal load.
// Otherwise Python loads as usual and, once the scorer is imported and the scale configured,
// and before any request is answered (so no answer is ever in it), a snapshot is taken and
// kept for next time. Any trouble with a snapshot means the normal load, without a word.
import { loadPyodide, version as pyodideVersion } from "../pyodide/pyodide.mjs";
import { openSnapshots, snapshotKey } from "./snapshot-store.js";

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

const BASE_OPTIONS = {
  // indexURL and packageBaseUrl both point at this site, so Pyodide never falls back to its CDN.
  indexURL,
  packageBaseUrl: indexURL,
  lockFileURL: indexURL + "pyodide-lock.json",
  stdout: () => {},
  stderr: () => {},
};

// Run once the scorer is imported, in both start-up paths: the wheel's files live outside the
// snapshot, so they are unpacked again after a restore; the planning tools' module is imported
// before a snapshot is taken so the tools' pages start from it too.
const PREPARE = "import importlib, scorer.api, scorer.planning.api; importlib.invalidate_caches()";

/** Python restored from the stored snapshot, checked; null when there is none fit to use. */
async function restore(store, key, wheel) {
  if (!store.stored) return null;
  try {
    const bytes = key.then((k) => store.read(k)).then((b) => b || Promise.reject(new Error("none")));
    const pyodide = await loadPyodide({ ...BASE_OPTIONS, _loadSnapshot: bytes });
    pyodide.unpackArchive(await wheel, "wheel");
    pyodide.runPython(PREPARE);
    const module = pyodide.pyimport("scorer.api");
    // An empty assessment must score as one: proof that the restored state is sound.
    if (JSON.parse(module.score_json("{}")).format !== "ips-fidelity-result") throw new Error("unsound");
    return { pyodide, module };
  } catch {
    await store.drop();
    return null;
  }
}

/** Python loaded the normal way; returns the snapshot bytes too when one could be taken. */
async function load(store, init, wheel) {
  const makeSnapshot = store.usable;
  const pyodide = await loadPyodide({ ...BASE_OPTIONS, _makeSnapshot: makeSnapshot });
  progress(2, "Installing the scorer");
  pyodide.unpackArchive(await wheel, "wheel");
  progress(3, "Reading the fidelity scale");
  const module = pyodide.pyimport("scorer.api");
  module.configure((await init).scaleJSON);
  let snapshot = null;
  if (makeSnapshot) {
    try {
      pyodide.runPython(PREPARE);
      const started = performance.now();
      snapshot = pyodide.makeMemorySnapshot();
      snapshot.took = performance.now() - started;
    } catch {
      snapshot = null; // a snapshot is a convenience; the scorer works without one
    }
  }
  return { pyodide, module, snapshot };
}

let keepSnapshot = null;

async function start() {
  progress(1, "Loading the Python runtime");
  const store = await openSnapshots();
  const wheel = initMessage.then((init) => fetchBytes(init.wheelURL));
  const key = Promise.all([initMessage, wheel]).then(([init, bytes]) =>
    snapshotKey(pyodideVersion, bytes, init.scaleJSON),
  );
  key.catch(() => {}); // a failure to fetch reaches the person through the normal load
  let from = "snapshot";
  let loaded = await restore(store, key, wheel);
  if (!loaded) {
    from = "load";
    loaded = await load(store, initMessage, wheel);
    if (loaded.snapshot) {
      const bytes = loaded.snapshot;
      keepSnapshot = async () => {
        const size = await store.save(await key, bytes);
        if (size) postMessage({ type: "snapshot", size, length: bytes.length, took: bytes.took });
      };
    }
  }
  python = loaded.pyodide;
  api = loaded.module;
  progress(4, "Ready");
  postMessage({ type: "ready", from });
}

start()
  .catch((error) => {
    failure = String(error && error.message ? error.message : error);
    postMessage({ type: "failed", message: failure });
  })
  .finally(() => {
    while (waiting.length) answer(waiting.shift());
    // Kept after the queued requests are answered, so storing never delays a score.
    if (keepSnapshot) setTimeout(() => keepSnapshot().catch(() => {}), 0);
  });
