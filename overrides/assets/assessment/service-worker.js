// Offline support for the self-assessment. The build prepends VERSION (a hash of every file in
// PRECACHE) and PRECACHE (site-relative URLs), then publishes this file as /sw.js.
//
// Privacy: only same-origin GET requests are ever handled or cached. Answers never leave the
// page (they live in the page's own storage), so there is nothing to intercept; any other
// request passes straight through untouched and is never stored.
const PREFIX = "ips-fidelity-";
const CACHE = PREFIX + VERSION;
const scopeURL = new URL(self.registration.scope);

function siteURL(path) {
  return new URL(path, scopeURL).href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "reload" skips the HTTP cache, so a new build never inherits a stale file.
      await cache.addAll(PRECACHE.map((path) => new Request(siteURL(path), { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
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

// Anything not in PRECACHE (pages, other pages' files): the network first, so a new build
// shows at once; the cached copy only when offline.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(request, response)) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const folder = request.url.replace(/index\.html(\?.*)?$/, "");
    const cached =
      (await cache.match(request, { ignoreSearch: request.mode === "navigate" })) ||
      (await cache.match(folder, { ignoreSearch: true }));
    if (cached) return cached;
    throw error;
  }
}

// The precached runtime, wheel, scale, scripts and styles: the cache first. The cache is this
// build's (its name is the hash of these very files), so a cached copy is always the right one.
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(request, response)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (!url.href.startsWith(scopeURL.href)) return;
  if (request.headers.has("range")) return;
  const precachedAsset = request.mode !== "navigate" && precached.has(url.href);
  event.respondWith(precachedAsset ? cacheFirst(request) : networkFirst(request));
});
