// Offline support for the whole site. The build prepends VERSION (a hash of every file in
// PRECACHE), PRECACHE (site-relative URLs: every page, the files they use, and the runtime) and
// ON_DEMAND (the part of PRECACHE that is the 13 MB Python runtime), then publishes this file as
// /sw.js. Every page registers it (assets/site/offline.js).
//
// - Installed from any page, it keeps every page and its files, so after one visit the whole
//   guidance works offline. It does not fetch the runtime then.
// - Once a page that starts the scorer (SCORER_PAGES: the self-assessment, a tool) has its
//   scorer ready, it posts "keep-runtime" and the runtime is kept too, from what that page has
//   just fetched (the browser's cache), so a first visit downloads each runtime file once. From
//   then on all of those pages work offline. A new build keeps the runtime at once when the
//   previous one had.
// - Releases never mix: every file a page loads has a URL that names its content (?v=, or a
//   hash in its name; overrides/hooks/asset_urls.py), and only such files are answered from
//   the cache first. Pages, and the few files without such a URL, come from the network first.
// - A page that cannot be had offline gets the site's own offline page (OFFLINE_PAGE).
//
// Privacy: only same-origin GET requests are ever handled or cached. Answers never leave the
// page (they live in the page's own storage), so there is nothing to intercept; any other
// request passes straight through untouched and is never stored.
const PREFIX = "ips-fidelity-";
const LEGACY_SNAPSHOT = "ips-runtime-snapshot";
const CACHE = PREFIX + VERSION;
const scopeURL = new URL(self.registration.scope);

function siteURL(path) {
  return new URL(path, scopeURL).href;
}

const onDemand = new Set(ON_DEMAND);
const runtimeURLs = new Set(ON_DEMAND.map(siteURL));
const scorerPages = new Set(SCORER_PAGES.map(siteURL));
const SHELL = PRECACHE.filter((path) => !onDemand.has(path));
const OFFLINE_PAGE = siteURL("offline/");

/** Whether a URL names its content (?v=, or a hash in the file name): never stale, if kept. */
const immutable = (url) => /[?&]v=[0-9a-f]+/.test(url) || /\.[0-9a-f]{8}\.min\.(js|css)$/.test(url);

// A file whose URL names its content is taken from the browser's HTTP cache when it is there
// ("force-cache"): the page has usually just fetched it, and it cannot be stale. So is the
// runtime when the page that has just loaded it asks (`fromPage`). Anything else is checked
// with the server first ("no-cache"), so a new build never inherits a stale page, yet an
// unchanged one is not downloaded twice.
// What is kept already is read in one call: a page that starts the scorer asks for this on
// every visit, and a lookup per file (hundreds) held up the very files that page was loading.
async function keep(paths, fromPage = false) {
  const cache = await caches.open(CACHE);
  const kept = new Set((await cache.keys()).map((request) => request.url));
  let missing = paths.filter((path) => !kept.has(siteURL(path)));
  if (fromPage) missing = await takeHandedOver(cache, missing);
  const mode = (path) => (immutable(path) || (fromPage && onDemand.has(path)) ? "force-cache" : "no-cache");
  await cache.addAll(missing.map((path) => new Request(siteURL(path), { cache: mode(path) })));
}

// What the scorer's worker downloaded before this service worker controlled its page, and
// copied here (HANDOFF in worker.js): moved into this build's cache instead of downloaded
// again. Returns the paths still missing.
const HANDOFF = "ips-runtime-fetched";
async function takeHandedOver(cache, paths) {
  if (!(await caches.has(HANDOFF))) return paths;
  const handed = await caches.open(HANDOFF);
  const still = [];
  for (const path of paths) {
    const response = await handed.match(siteURL(path));
    if (response) await cache.put(siteURL(path), response);
    else still.push(path);
  }
  await caches.delete(HANDOFF);
  return still;
}

/** Whether an earlier build's cache held the runtime: then this one keeps it at once. */
async function hadRuntime() {
  const probe = siteURL(ON_DEMAND.find((path) => path.endsWith(".wasm")) || ON_DEMAND[0]);
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && (await (await caches.open(name)).match(probe))) return true;
  }
  return false;
}

/** Whether a window shows a page that starts the scorer. */
const showsScorer = (client) => scorerPages.has(client.url.split(/[?#]/)[0]);

// Installed from a page that starts the scorer, the runtime is not fetched here: that page is
// fetching it itself, and asks for it to be kept once its scorer is ready ("keep-runtime").
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await keep(SHELL);
      if (await hadRuntime()) await keep(ON_DEMAND);
      await self.skipWaiting();
    })(),
  );
});

// On a page that starts the scorer, the site search's index is handed over only once that page
// says its scorer is ready ("keep-runtime"), or after SEARCH_WAIT_MS. The search box builds its
// index as soon as it has it, a few hundred milliseconds of work, which a start from the memory
// snapshot needs more: there, it is the difference between waiting and not. The search works
// as before, a moment later.
const SEARCH_INDEX = siteURL("search/search_index.json");
const SEARCH_WAIT_MS = 4000;
const waitingForScorer = new Map(); // client id -> the function that ends its wait
const scorerReady = new Set(); // client ids whose scorer is ready

async function searchIndexFor(event) {
  const client = event.clientId ? await self.clients.get(event.clientId) : null;
  if (client && showsScorer(client) && !scorerReady.has(client.id)) {
    await new Promise((resolve) => {
      const end = () => {
        waitingForScorer.delete(client.id);
        resolve();
      };
      waitingForScorer.set(client.id, end);
      setTimeout(end, SEARCH_WAIT_MS);
    });
  }
  return respond(event);
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "keep-runtime") {
    const id = event.source && event.source.id;
    if (id) {
      scorerReady.add(id);
      waitingForScorer.get(id)?.();
    }
    // The page is told when this is done (its `kept`): going offline before then would lose
    // the runtime.
    const done = event.ports && event.ports[0];
    event.waitUntil(
      keep(PRECACHE, true)
        .catch(() => {})
        .then(() => done && done.postMessage({ type: "runtime-kept" })),
    );
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        // LEGACY_SNAPSHOT: where earlier builds kept the scorer's memory snapshot (it now lives
        // in the site's private file storage: assessment/snapshot-store.js).
        if ((name.startsWith(PREFIX) && name !== CACHE) || name === LEGACY_SNAPSHOT) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function cacheable(request, response) {
  return (
    request.method === "GET" &&
    response &&
    response.ok &&
    response.type === "basic" &&
    new URL(request.url).origin === self.location.origin
  );
}

const precached = new Set(PRECACHE.map(siteURL));

// Pages, and files whose URL does not name their content: the network first, so a new build
// shows at once; the cached copy only when offline, and for a page that was never kept, the
// site's offline page. A page is checked with the server even when the browser's HTTP cache
// holds a copy it deems fresh: that copy may be the previous release's.
async function networkFirst(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const navigate = request.mode === "navigate";
  try {
    const response = await fetch(navigate ? new Request(request, { cache: "no-cache" }) : request);
    keepCopy(event, cache, response);
    return response;
  } catch (error) {
    const folder = request.url.replace(/index\.html(\?.*)?$/, "");
    const cached =
      (await cache.match(request, { ignoreSearch: request.mode === "navigate" })) ||
      (await cache.match(folder, { ignoreSearch: true }));
    if (cached) return cached;
    const offline = navigate && (await cache.match(OFFLINE_PAGE));
    if (offline) return offline;
    throw error;
  }
}

// The runtime, and the files whose URL names their content: the cache first. The cache is this
// build's (its name is the hash of these very files), so a cached copy is always the right one.
async function cacheFirst(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  keepCopy(event, cache, response);
  return response;
}

// The copy is written while the page already has the response: a new tab's page (the first
// thing it waits for) is not held up by a write to the cache.
function keepCopy(event, cache, response) {
  if (cacheable(event.request, response)) {
    event.waitUntil(cache.put(event.request, response.clone()).catch(() => {}));
  }
}

function respond(event) {
  const request = event.request;
  const fixed = immutable(request.url) || runtimeURLs.has(request.url);
  const precachedAsset = request.mode !== "navigate" && precached.has(request.url) && fixed;
  return precachedAsset ? cacheFirst(event) : networkFirst(event);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (!url.href.startsWith(scopeURL.href)) return;
  if (request.headers.has("range")) return;
  event.respondWith(url.href === SEARCH_INDEX ? searchIndexFor(event) : respond(event));
  if (request.mode === "navigate") {
    // The person may have cleared this site's storage (the privacy page offers it): the pages
    // are kept again on the next visit with a connection.
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.match(siteURL(SHELL[0])))
        .then((kept) => (kept ? undefined : keep(SHELL)))
        .catch(() => {}),
    );
  }
});
