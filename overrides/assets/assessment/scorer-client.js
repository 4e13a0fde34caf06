// The page's side of worker.js, shared by the self-assessment and the planning tools: starts
// the worker, hands it the scale, and turns its replies into promises.
//
// It applies no rule: it only carries JSON text between a page and the Python scorer. The
// pages' meta tags give the URLs (with the build's version), so this file needs none of its own.

/** An absolute URL for a path relative to the page, as the pages' meta tags give them. */
export const siteURL = (relative) => new URL(relative, document.baseURI).href;

/** The text at a site URL, or an error that names `what` could not be loaded. */
export async function fetchText(url, what) {
  const response = await fetch(siteURL(url));
  if (!response.ok) throw new Error(`${what} could not be loaded (HTTP ${response.status})`);
  return response.text();
}

/**
 * The worker scorer-start.js started for this page as soon as its head was read, with the
 * events it has sent since, or null (no such script on the page, or another worker).
 */
function adoptEarlyWorker(url) {
  const early = globalThis.ipsScorerStarted;
  return early && early.url === url ? early.adopt() : null;
}

/**
 * Start the scorer's worker (or take over the one scorer-start.js started) and load the scale
 * into it.
 *
 * urls: { worker, wheel, scale } relative to the page, as the page's meta tag gives them.
 * onProgress: called with each { step, steps, label } the worker reports while it loads.
 * what: how the page names the scorer in messages ("the scorer", "the calculator").
 *
 * Returns { ready, call, scale, kept }: `ready` settles once Pyodide and the wheel are loaded;
 * `call(op, args)` resolves to the worker's reply; `scale` resolves to the parsed scale.json;
 * `kept` resolves once the service worker has kept the runtime for offline use, or at once
 * where there is no service worker or the scorer failed (never, if registering it failed).
 */
export function startScorer({ urls, onProgress, what }) {
  const workerURL = siteURL(urls.worker);
  const early = adoptEarlyWorker(workerURL);
  const worker = early ? early.worker : new Worker(workerURL, { type: "module" });
  if (!early) {
    // handOver: as in scorer-start.js (no service worker controls this page yet).
    const handOver = "serviceWorker" in navigator && !navigator.serviceWorker.controller;
    worker.postMessage({ type: "urls", wheelURL: siteURL(urls.wheel), handOver });
  }
  const pending = new Map();
  let nextId = 1;
  let failure = null; // once set, every call is refused at once instead of waiting forever
  let settle;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(() => {}); // each page shows the failure itself; never an unhandled rejection
  let keptOffline;
  const kept = new Promise((resolve) => {
    keptOffline = resolve;
  });
  const fail = (message) => {
    failure = failure || message;
    keptOffline();
    settle.reject(new Error(message));
    for (const { reject } of pending.values()) reject(new Error(message));
    pending.clear();
  };
  const onMessage = (event) => {
    const message = event.data;
    if (message.type === "progress") onProgress(message);
    else if (message.type === "ready") {
      // Visible to benchmarks and tests only: whether Python started from this device's snapshot.
      performance.mark(`ips-scorer-ready-from-${message.from}`);
      settle.resolve();
    } else if (message.type === "handed-over") {
      // After `ready`, once what the worker downloaded is where the service worker can take it.
      keepRuntimeOffline().then(() => {
        performance.mark("ips-runtime-kept"); // for tests: going offline now loses nothing
        keptOffline();
      });
    } else if (message.type === "snapshot") {
      // Also for benchmarks and tests only: whether this device kept a snapshot, and its figures.
      const { size, length, took } = message;
      performance.mark(size ? "ips-scorer-snapshot-kept" : "ips-scorer-snapshot-not-kept", { detail: { size, length, took } });
    }
    else if (message.type === "failed") fail(message.message);
    else if (message.type === "reply") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if ("error" in message) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    }
  };
  const onError = (event) => {
    event.preventDefault();
    fail(event.message || `${what}'s script could not be loaded`);
  };
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  // Replayed once the caller has its handlers ready, and before any later event (a task).
  queueMicrotask(() => {
    for (const event of early ? early.events : []) (event.type === "error" ? onError : onMessage)(event);
  });
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      if (failure) {
        reject(new Error(failure));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: "request", id, op, args });
    });
  const scale = fetchText(urls.scale, "the scale").then((text) => {
    worker.postMessage({ type: "init", wheelURL: siteURL(urls.wheel), scaleJSON: text });
    return JSON.parse(text);
  });
  scale.catch((error) => fail(error.message));
  return { ready, call, scale, kept };
}

/**
 * Ask the site's service worker to keep the Python runtime for offline use. Guidance pages do
 * not fetch it; the first page that starts the scorer does, through this message. Resolves
 * once the service worker says the runtime is kept (it answers even when it could not keep
 * it); never, if no service worker ever becomes active here.
 */
async function keepRuntimeOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  try {
    const { active } = await navigator.serviceWorker.ready;
    if (!active) return;
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      active.postMessage({ type: "keep-runtime" }, [channel.port2]);
    });
  } catch {
    // offline use is a convenience; the page works without it
  }
}
