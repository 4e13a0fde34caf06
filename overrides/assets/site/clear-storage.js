// The privacy page's "Clear everything this site keeps": removes, from this browser only, the
// draft answers and anything the tools kept (localStorage, sessionStorage), the saved state of
// the scoring program (the memory snapshot, in the site's private file storage) and the offline
// copy (Cache Storage), then says plainly what it removed. The service worker stays
// registered: it holds no data of its own.
//
// Other open tabs of the site are told (a BroadcastChannel message; localStorage.clear() also
// sends them a storage event), so a self-assessment open elsewhere stops writing its old draft
// back and empties its form. The page also says whether the browser has agreed to keep the
// site's storage (navigator.storage.persisted()), which the self-assessment asks for.
const CLEARED_CHANNEL = "ips-fidelity:storage"; // as in assets/assessment/draft.js
const SNAPSHOT_FOLDER = "ips-runtime-snapshot"; // as in assets/assessment/snapshot-store.js
const SNAPSHOT_CACHE = "ips-runtime-snapshot"; // where earlier versions of the site kept it
const $ = (id) => document.getElementById(id);

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The site's private file storage, or null where the browser offers none. */
async function privateFiles() {
  try {
    return navigator.storage && navigator.storage.getDirectory ? await navigator.storage.getDirectory() : null;
  } catch {
    return null;
  }
}

/** The size in bytes of the kept snapshot (its files in the private file storage), or 0. */
async function snapshotSize() {
  let bytes = 0;
  try {
    const folder = await (await privateFiles())?.getDirectoryHandle(SNAPSHOT_FOLDER);
    for await (const handle of folder ? folder.values() : []) {
      if (handle.kind === "file") bytes += (await handle.getFile()).size;
    }
  } catch {
    // none kept, or storage refused: nothing to report there
  }
  return bytes;
}

/** What this site keeps in this browser now. */
async function survey() {
  const found = { entries: localStorage.length + sessionStorage.length, snapshot: await snapshotSize(), files: 0, caches: [] };
  if ("caches" in window) {
    try {
      for (const name of await caches.keys()) {
        found.caches.push(name);
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (name === SNAPSHOT_CACHE) {
            const response = await cache.match(request);
            found.snapshot += Number(response?.headers.get("x-snapshot-size") || 0);
          } else {
            found.files += 1;
          }
        }
      }
    } catch {
      // storage refused: nothing to report or clear there
    }
  }
  return found;
}

function describe(found) {
  const parts = [];
  parts.push(
    found.entries
      ? `your draft answers and anything the tools kept (${plural(found.entries, "entry", "entries")})`
      : "no draft answers",
  );
  parts.push(
    found.snapshot
      ? `the saved state of the scoring program (${megabytes(found.snapshot)})`
      : "no saved state of the scoring program",
  );
  parts.push(found.files ? `an offline copy of the site (${plural(found.files, "file", "files")})` : "no offline copy");
  return parts;
}

async function showKept() {
  const found = await survey();
  $("ips-kept-now").textContent = `Kept in this browser now: ${describe(found).join("; ")}.`;
}

/** What the browser decided about keeping this site's storage, in plain words. */
async function showPersisted() {
  const line = $("ips-persisted");
  if (!line) return;
  let kept = null;
  try {
    kept = navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : null;
  } catch {
    kept = null;
  }
  line.textContent =
    kept === true
      ? "This browser has agreed to keep this site's storage until you clear it."
      : kept === false
        ? "This browser has not agreed to keep this site's storage for good: it may remove your draft when space runs low or after a long time without a visit."
        : "This browser does not say whether it will keep this site's storage for good.";
}

async function clearEverything() {
  const found = await survey();
  localStorage.clear();
  sessionStorage.clear();
  if ("BroadcastChannel" in window) {
    const channel = new BroadcastChannel(CLEARED_CHANNEL);
    channel.postMessage("cleared");
    channel.close();
  }
  try {
    await (await privateFiles())?.removeEntry(SNAPSHOT_FOLDER, { recursive: true });
  } catch {
    // none kept; or the browser's own settings can remove it
  }
  for (const name of found.caches) {
    try {
      await caches.delete(name);
    } catch {
      // nothing more can be done here; the browser's own settings can remove it
    }
  }
  if (window.indexedDB && indexedDB.databases) {
    try {
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    } catch {
      // this site keeps nothing there; nothing to do
    }
  }
  const removed = [];
  if (found.entries) removed.push(`your draft answers and anything the tools kept (${plural(found.entries, "entry", "entries")})`);
  if (found.snapshot) removed.push(`the saved state of the scoring program (${megabytes(found.snapshot)})`);
  if (found.files) removed.push(`the offline copy of the site (${plural(found.files, "file", "files")})`);
  $("ips-clear-status").textContent =
    (removed.length
      ? `Done. Removed from this browser: ${removed.join("; ")}.`
      : "Done. This browser held nothing from this site.") +
    " Nothing was ever kept on a server, so there is nothing else to remove. Any other open tab of this" +
    " site has been told, and a self-assessment open there has been emptied. The offline copy" +
    " is made again the next time you open a page with a connection.";
  await showKept();
}

function bind() {
  const panel = $("ips-clear");
  if (!panel) return;
  panel.hidden = false;
  const confirmBox = $("ips-clear-confirm");
  $("ips-clear-start").addEventListener("click", () => {
    confirmBox.hidden = false;
    $("ips-clear-status").textContent = "";
    $("ips-clear-yes").focus();
  });
  $("ips-clear-cancel").addEventListener("click", () => {
    confirmBox.hidden = true;
    $("ips-clear-start").focus();
  });
  $("ips-clear-yes").addEventListener("click", async () => {
    confirmBox.hidden = true;
    await clearEverything();
    $("ips-clear-start").focus();
  });
  showKept();
  showPersisted();
}

bind();
