// Starts the scorer's worker as soon as the page's head has been read.
//
// A classic script, loaded async from the head: it runs the moment it arrives, before the page
// is parsed, where the page's own module script runs only once it and every module it imports
// have arrived and the page is busy laying out. When Python is restored from this device's
// memory snapshot, that wait was a good part of the time before answers are scored. The page's
// script (scorer-client.js) takes this worker over, with every event it has sent until then.
(() => {
  const meta = document.querySelector("meta[data-worker][data-wheel][data-scale]");
  if (!meta || typeof Worker === "undefined") return;
  const here = (relative) => new URL(relative, document.baseURI).href;
  const url = here(meta.dataset.worker);
  let worker;
  try {
    worker = new Worker(url, { type: "module" });
  } catch {
    return; // the page's script starts one itself, and reports any trouble
  }
  // handOver: no service worker controls this page yet (a first visit), so the worker copies
  // what it downloads for the service worker to keep (worker.js, service-worker.js).
  const handOver = "serviceWorker" in navigator && !navigator.serviceWorker.controller;
  worker.postMessage({ type: "urls", wheelURL: here(meta.dataset.wheel), handOver });
  const events = [];
  const hold = (event) => {
    if (event.type === "error") event.preventDefault(); // reported by the page's script
    events.push(event);
  };
  worker.addEventListener("message", hold);
  worker.addEventListener("error", hold);
  window.ipsScorerStarted = {
    url,
    /** The worker and the events it has sent so far; from now on they are the caller's. */
    adopt() {
      worker.removeEventListener("message", hold);
      worker.removeEventListener("error", hold);
      window.ipsScorerStarted = null;
      return { worker, events };
    },
  };
})();
