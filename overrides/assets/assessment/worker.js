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
import { openSnapshots } from "./snapshot-store.js";

// What a memory snapshot must have been made with: the build writes the wheel's and the scale's
// hashes here (overrides/hooks/assessment_runtime.py), so it is known without fetching a thing.
const BUILD_KEY = "__SNAPSHOT_KEY__";
const SNAPSHOT_KEY = `pyodide-${pyodideVersion}.${BUILD_KEY}`;

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
// The page sends the wheel's URL first, so that a normal load can fetch the wheel while the
// page is still fetching its own copy of the scale.
let receiveURLs;
const urlsMessage = new Promise((resolve) => {
  receiveURLs = resolve;
});

function progress(step, label) {
  postMessage({ type: "progress", step, steps: STEPS, label });
}

const OPERATIONS = {
  score: ([assessment]) => api.score_json(assessment),
  compare: ([older, newer]) => api.compare_json(older, newer),
  centreStatus: ([history, onDate]) => api.centre_status_json(history, onDate ?? null),
  explain: ([item, evidence]) => api.explain_json(item, evidence),
  // names only when given: JavaScript's null does not reach Python as None.
  combine: ([assessments, names]) =>
    typeof names === "string" ? api.combine_json(assessments, names) : api.combine_json(assessments),
  history: ([assessments]) => api.history_json(assessments),
  progress: ([assessments]) => api.progress_json(assessments),
  // One text per file, so the 10 MiB limit applies to each file as on the command line.
  combineEach: (texts) => api.combine_each_json(...texts),
  progressEach: (texts) => api.progress_each_json(...texts),
  // A file's own text, read exactly as the command line reads it ({"data": ...} or errors).
  read: ([text]) => api.read_json(text),
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
  if (message && message.type === "urls") {
    receiveURLs(message);
  } else if (message && message.type === "init") {
    receiveURLs({ wheelURL: message.wheelURL });
    receiveInit(message);
  } else if (message && message.type === "request") {
    if (api || failure) answer(message);
    else waiting.push(message);
  }
});

// The runtime's files this worker downloads on a normal load are also put in this Cache Storage
// cache, where the site's service worker takes them from when the page asks it to keep the
// runtime ("keep-runtime", service-worker.js): on a first visit the worker starts before the
// service worker controls anything, and without this the service worker would download the
// 13 MB again. The service worker empties the cache once it has taken them.
const HANDOFF = "ips-runtime-fetched";
const siteAssets = new URL("../", import.meta.url).href;

/**
 * Route this worker's fetches of the site's files through a copy into HANDOFF, when the page
 * says no service worker controls it yet (its "urls" message). Returns `stop()`, which puts
 * fetch back, and `copied`, which settles once every copy is stored: the copies are written as
 * this worker's thread is free, which is mostly after Python has loaded, so the page is told
 * ("handed-over") when the service worker can take them. Copying is a convenience: any
 * trouble with it leaves the fetch alone.
 */
function handOverFetched() {
  const copies = [];
  const done = { stop: () => {}, copied: () => Promise.allSettled(copies) };
  if (typeof caches === "undefined") return done;
  const original = self.fetch;
  const wanted = urlsMessage.then((urls) => urls.handOver === true);
  self.fetch = async (resource, init) => {
    const response = await original.call(self, resource, init);
    const url = String(resource instanceof Request ? resource.url : resource);
    if (response.ok && response.type === "basic" && url.startsWith(siteAssets)) {
      const copy = response.clone(); // now, before the caller reads the body
      copies.push(
        wanted.then((yes) => (yes ? caches.open(HANDOFF).then((cache) => cache.put(url, copy)) : copy.body?.cancel())),
      );
    }
    return response;
  };
  done.stop = () => {
    self.fetch = original;
  };
  return done;
}

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

// Run before a snapshot is taken: every module of the scorer and the planning tools is imported
// (all but the command line's), so Python restored from the snapshot never looks for a module
// file. The wheel's files live outside the snapshot, and a restore does not put them back.
const PREPARE = `
import importlib, pkgutil, scorer
COMMAND_LINE_ONLY = {"scorer.__main__", "scorer.cli", "scorer.program", "scorer.planning.commands"}
for found in pkgutil.walk_packages(scorer.__path__, "scorer."):
    if found.name not in COMMAND_LINE_ONLY:
        importlib.import_module(found.name)
`;

// Pyodide swallows a failure to make its WebAssembly instance (it only warns, and its load then
// never ends): a download of pyodide.asm.wasm cut off half-way, or refused, left the page at
// "step 1" for ever. Every way this worker makes that instance goes through here, and a failure
// ends the load that is waiting (`loadingRuntime`), which then fails as any other load does.
let runtimeFailed = () => {};

/** `making` (a promise of the instance), telling the waiting load when it fails. */
function reportingFailure(making) {
  return making.catch((error) => {
    runtimeFailed();
    throw error;
  });
}

// compileEarly()'s stand-ins for the download. One reaches WebAssembly only from a restore that
// was given up (its load carries on in the background, unwatched), so its failure is not the
// waiting load's: it is not reported.
const standIns = new WeakSet();

const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = (source, imports) => {
  const making = instantiateStreaming.call(WebAssembly, source, imports);
  return Promise.resolve(source).then(
    (response) => (standIns.has(response) ? making : reportingFailure(making)),
    () => reportingFailure(making),
  );
};

/** `loading` (a loadPyodide call), or a rejection as soon as its WebAssembly cannot be made. */
function loadingRuntime(loading) {
  const failed = new Promise((_, reject) => {
    runtimeFailed = () => reject(Object.assign(new Error("the Python runtime could not be loaded"), { runtime: true }));
  });
  return Promise.race([loading, failed]).finally(() => {
    runtimeFailed = () => {};
  });
}

/**
 * Compile the runtime's WebAssembly from now on, while Pyodide's own script is still arriving:
 * Pyodide would start only once that script has run, and on a start from the snapshot the
 * compilation is then the longest wait. Pyodide's request for the file and its call to
 * WebAssembly.instantiateStreaming are both routed, once, to this compilation, so the file is
 * still fetched and compiled only once; should this compilation fail, Pyodide's own way runs.
 * Returns a function that puts both back (they put themselves back when used).
 */
function compileEarly() {
  const url = indexURL + "pyodide.asm.wasm";
  const fetchOriginal = self.fetch;
  const instantiateOriginal = WebAssembly.instantiateStreaming;
  const compiled = WebAssembly.compileStreaming(fetchOriginal.call(self, url));
  compiled.catch(() => {}); // then Pyodide compiles it itself, as usual
  const putBack = () => {
    self.fetch = fetchOriginal;
    WebAssembly.instantiateStreaming = instantiateOriginal;
  };
  self.fetch = (resource, init) => {
    if (String(resource instanceof Request ? resource.url : resource) !== url) {
      return fetchOriginal.call(self, resource, init);
    }
    self.fetch = fetchOriginal;
    const standIn = new Response(null); // the file is being compiled above
    standIns.add(standIn);
    return Promise.resolve(standIn);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    putBack();
    let module;
    try {
      module = await compiled;
    } catch {
      return instantiateOriginal.call(WebAssembly, fetchOriginal.call(self, url), imports);
    }
    return { module, instance: await reportingFailure(WebAssembly.instantiate(module, imports)) };
  };
  return putBack;
}

/**
 * Python restored from the stored snapshot, checked; null when there is none fit to use.
 *
 * Pyodide is handed a buffer of the snapshot's length at once, so it fetches, compiles and
 * instantiates the runtime while the snapshot is read, checked and unpacked into that buffer.
 * Its file-system hook runs before the memory is restored, so that is where it waits for them;
 * if they cannot be had, the hook never returns and this gives up on that load at once.
 */
async function restore(store) {
  if (!store.stored || store.key !== SNAPSHOT_KEY) {
    if (store.stored) await store.drop(); // stale: another Pyodide, wheel or scale
    return null;
  }
  const bytes = new Uint8Array(store.length);
  const filled = store.read(bytes);
  const putBack = compileEarly();
  try {
    const loading = loadingRuntime(loadPyodide({
      ...BASE_OPTIONS,
      _loadSnapshot: bytes,
      fsInit: () => filled.then(() => undefined, () => new Promise(() => {})),
    }));
    const [, pyodide] = await Promise.all([filled, loading]);
    const module = pyodide.pyimport("scorer.api");
    // An empty assessment must score as one: proof that the restored state is sound.
    if (JSON.parse(module.score_json("{}")).format !== "ips-fidelity-result") throw new Error("unsound");
    return { pyodide, module };
  } catch (error) {
    putBack();
    if (!error?.runtime) await store.drop(); // the snapshot is not at fault when the runtime is
    return null;
  }
}

/**
 * Python loaded the normal way; with `snapshot()`, which takes a memory snapshot when one can be
 * taken (null otherwise). start() calls it once the page has been told the scorer is ready and
 * before any request is answered: no answer is ever in it, and it does not delay `ready`.
 */
async function load(store, init, wheel) {
  const makeSnapshot = store.usable;
  const pyodide = await loadingRuntime(loadPyodide({ ...BASE_OPTIONS, _makeSnapshot: makeSnapshot }));
  progress(2, "Installing the scorer");
  pyodide.unpackArchive(await wheel, "wheel");
  progress(3, "Reading the fidelity scale");
  const module = pyodide.pyimport("scorer.api");
  module.configure((await init).scaleJSON);
  const snapshot = () => {
    if (!makeSnapshot) return null;
    try {
      pyodide.runPython(PREPARE);
      const started = performance.now();
      const bytes = pyodide.makeMemorySnapshot();
      bytes.took = performance.now() - started;
      return bytes;
    } catch {
      return null; // a snapshot is a convenience; the scorer works without one
    }
  };
  return { pyodide, module, snapshot };
}

// After a normal load: takes the snapshot and returns the function that stores it.
let takeSnapshot = null;
// After a normal load: settles once the files it downloaded are copied for the service worker.
let handedOver = Promise.resolve();

async function start() {
  progress(1, "Loading the Python runtime");
  const store = await openSnapshots();
  let from = "snapshot";
  let loaded = await restore(store);
  if (!loaded) {
    from = "load";
    const handOver = handOverFetched();
    const wheel = urlsMessage.then((urls) => fetchBytes(urls.wheelURL));
    try {
      loaded = await load(store, initMessage, wheel);
    } finally {
      handOver.stop();
      handedOver = handOver.copied();
    }
    const { snapshot } = loaded;
    takeSnapshot = () => {
      const bytes = snapshot();
      // Size 0 says none was kept (none could be made, or storage refused it).
      return async () => {
        const size = bytes ? await store.save(SNAPSHOT_KEY, bytes) : 0;
        postMessage({ type: "snapshot", size, length: bytes ? bytes.length : 0, took: bytes ? bytes.took : 0 });
      };
    };
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
    // Taken after `ready` was posted and before the first request is answered; stored after
    // the queued requests are answered, so storing never delays a score.
    const keepSnapshot = takeSnapshot && !failure ? takeSnapshot() : null;
    while (waiting.length) answer(waiting.shift());
    if (keepSnapshot) setTimeout(() => keepSnapshot().catch(() => {}), 0);
    // The page then asks the service worker to keep the runtime (scorer-client.js).
    if (!failure) handedOver.then(() => postMessage({ type: "handed-over" }));
  });
