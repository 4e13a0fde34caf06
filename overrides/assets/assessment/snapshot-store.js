// The Python runtime's memory snapshot, kept on this device so later visits start in a fraction
// of the time. Used by worker.js only; the privacy page's "clear everything" removes it.
//
// What is kept: the state of the Python runtime just after the scorer was imported and the scale
// configured, taken before any answer reached Python, so it holds no answer. It never leaves
// the device. Anything wrong with it (missing, stale, damaged, storage refused or full) makes
// the caller load Python the normal way; a bad copy is deleted.
//
// Where: the site's private file storage in this browser (the Origin Private File System), in
// one folder: the snapshot and a small description of it. Cache Storage was tried first: there
// the snapshot's 17 MB queued behind the runtime's own files, which are read from Cache Storage
// at the same moment, and reading it took ten times as long as reading it from this store.
//
// Format: the snapshot split into 4 KiB pages; pages that are all zero (about half) are left
// out and marked in a bitmap. This halves the size at almost no cost, where gzip
// (CompressionStream) made it five times smaller but took longer to unpack on every visit than
// the whole restore saved. A checksum of the stored bytes is checked before use, so damaged
// bytes are never restored.

export const FOLDER = "ips-runtime-snapshot";
export const DATA_FILE = "memory";
export const ABOUT_FILE = "about.json";
const MAGIC = 0x31535049; // "IPS1", little-endian
const PAGE = 4096;
const HEADER = 16;

/**
 * A 64-bit checksum of `data` (two 32-bit multiply-xor lanes over its words, then its last
 * bytes), as 16 hex digits. It tells damaged or truncated bytes from the ones written. SHA-256
 * did the same here before, at about 90 ms for the 17 MB on a later visit's critical path; this
 * takes about 10. Neither guards against anyone who can write the site's private storage: they
 * could rewrite the description too.
 */
export function checksum(data) {
  if (data.byteOffset % 4) data = data.slice(); // 32-bit reads need an aligned start
  const words = data.byteLength >>> 2;
  const view = new Uint32Array(data.buffer, data.byteOffset, words);
  let a = 0x811c9dc5;
  let b = data.byteLength | 0;
  for (let i = 0; i < words; i++) {
    const word = view[i];
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (let i = words << 2; i < data.byteLength; i++) {
    a = Math.imul(a ^ data[i], 0x01000193);
    b = Math.imul(b ^ data[i], 0x5bd1e995);
  }
  return [a, b].map((lane) => (lane >>> 0).toString(16).padStart(8, "0")).join("");
}

/** The snapshot without its all-zero pages: header, page bitmap, then the other pages. */
export function pack(bytes) {
  if (bytes.byteOffset % 8) bytes = bytes.slice(); // 64-bit reads need an aligned start
  const pages = Math.ceil(bytes.length / PAGE);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  const whole = Math.floor(bytes.length / 8);
  const words = new BigUint64Array(bytes.buffer, bytes.byteOffset, whole);
  let kept = 0;
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE;
    const end = Math.min(start + PAGE, bytes.length);
    let zero = true;
    for (let w = start / 8; w < Math.floor(end / 8); w++) {
      if (words[w] !== 0n) {
        zero = false;
        break;
      }
    }
    for (let i = Math.floor(end / 8) * 8; zero && i < end; i++) if (bytes[i]) zero = false;
    if (!zero) {
      bitmap[page >> 3] |= 1 << (page & 7);
      kept += end - start;
    }
  }
  const out = new Uint8Array(HEADER + bitmap.length + kept);
  const head = new DataView(out.buffer);
  head.setUint32(0, MAGIC, true);
  head.setUint32(4, PAGE, true);
  head.setUint32(8, bytes.length, true);
  head.setUint32(12, pages, true);
  out.set(bitmap, HEADER);
  let at = HEADER + bitmap.length;
  for (let page = 0; page < pages; page++) {
    if (!(bitmap[page >> 3] & (1 << (page & 7)))) continue;
    const piece = bytes.subarray(page * PAGE, Math.min((page + 1) * PAGE, bytes.length));
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** The snapshot back from pack()'s bytes; throws on anything malformed. */
export function unpack(packed) {
  const head = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.byteLength < HEADER || head.getUint32(0, true) !== MAGIC || head.getUint32(4, true) !== PAGE) {
    throw new Error("not a snapshot");
  }
  const length = head.getUint32(8, true);
  const pages = head.getUint32(12, true);
  if (pages !== Math.ceil(length / PAGE)) throw new Error("snapshot header is inconsistent");
  const bitmap = packed.subarray(HEADER, HEADER + Math.ceil(pages / 8));
  const bytes = new Uint8Array(length);
  let at = HEADER + bitmap.length;
  for (let page = 0; page < pages; page++) {
    if (!(bitmap[page >> 3] & (1 << (page & 7)))) continue;
    const size = Math.min(PAGE, length - page * PAGE);
    if (at + size > packed.byteLength) throw new Error("snapshot is truncated");
    bytes.set(packed.subarray(at, at + size), page * PAGE);
    at += size;
  }
  if (at !== packed.byteLength) throw new Error("snapshot has trailing bytes");
  return bytes;
}

/** The description kept beside the snapshot, or null when it is not one this code wrote. */
function describedBy(text) {
  const about = JSON.parse(text);
  const fields = ["key", "checksum"].every((name) => typeof about?.[name] === "string") &&
    ["size", "length"].every((name) => Number.isSafeInteger(about[name]) && about[name] > 0);
  return fields ? about : null;
}

/** Write `data` to `file` whole: a new copy replaces the old only once complete, where the
 * browser can do that (createWritable); otherwise in place (the checksum guards the rest). */
async function writeFile(folder, name, data) {
  const file = await folder.getFileHandle(name, { create: true });
  if (typeof file.createWritable === "function") {
    const writable = await file.createWritable();
    try {
      await writable.write(data);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => {}); // let go of the file, so it can be deleted
      throw error;
    }
    return;
  }
  const handle = await file.createSyncAccessHandle();
  try {
    handle.truncate(0);
    handle.write(data, { at: 0 });
    handle.flush();
  } finally {
    handle.close();
  }
}

/**
 * A file's bytes. Read in one go where the browser allows (a synchronous handle, shared with
 * other readers): an asynchronous read of 17 MB arrives in pieces, each waiting its turn on
 * this worker's thread while it sets up Python, and took several times as long. Otherwise,
 * or when another tab holds the file, the ordinary way.
 */
async function readWhole(file) {
  if (typeof file.createSyncAccessHandle === "function") {
    let handle = null;
    try {
      handle = await file.createSyncAccessHandle({ mode: "read-only" });
      const bytes = new Uint8Array(handle.getSize());
      if (handle.read(bytes, { at: 0 }) === bytes.length) return bytes.buffer;
    } catch {
      // locked by another tab, or no such handle here: read it the ordinary way
    } finally {
      handle?.close();
    }
  }
  return (await file.getFile()).arrayBuffer();
}

/**
 * The snapshot described by `about`, read, checked against its checksum and unpacked; throws
 * when it is missing or damaged.
 *
 * On the scorer's own thread. It was read in a nested worker until December 2026, so as not to
 * hold that thread while Pyodide's script compiles; measured side by side (./dev bench), the
 * nested worker's own start cost as much as it saved, and Chromium was seen, in three test runs,
 * never finishing that worker's request for its script, which cost a 3-second wait.
 */
async function readStored(about) {
  const root = await navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle(FOLDER);
  const packed = new Uint8Array(await readWhole(await folder.getFileHandle(DATA_FILE)));
  if (packed.byteLength !== about.size || checksum(packed) !== about.checksum) {
    throw new Error("damaged snapshot");
  }
  return unpack(packed);
}

// How long the store waits for the browser's storage before it goes on without the snapshot.
// Storage can stall (a busy disk, another tab's lock being let go); the snapshot only saves
// time, so a stall must never hold up loading the scorer the normal way.
const OPEN_BUDGET_MS = 5000;
const READ_BUDGET_MS = 20000;

/** Storage did not answer in time. */
class Stalled extends Error {}

/** `promise`, or a Stalled rejection once `ms` have passed without it settling. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Stalled(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Whether this browser offers what the store needs, in this worker. */
function supported() {
  return (
    typeof navigator !== "undefined" &&
    typeof navigator.storage?.getDirectory === "function" &&
    typeof FileSystemFileHandle !== "undefined"
  );
}

/**
 * The device's snapshot store. Never throws: `usable` is false when this browser keeps no
 * private files for the site (refused, private mode, too old), and every method then does
 * nothing.
 */
export async function openSnapshots() {
  let root = null;
  try {
    root = supported() ? await within(navigator.storage.getDirectory(), OPEN_BUDGET_MS, "opening storage") : null;
  } catch {
    root = null;
  }
  let folder = null;
  let about = null;
  try {
    folder = root ? await within(root.getDirectoryHandle(FOLDER), OPEN_BUDGET_MS, "opening the folder") : null;
  } catch (error) {
    folder = null; // none kept yet
    if (error instanceof Stalled) root = null; // stalled: use none this time
  }
  try {
    const text = async () => (await (await folder.getFileHandle(ABOUT_FILE)).getFile()).text();
    about = folder ? describedBy(await within(text(), OPEN_BUDGET_MS, "reading the description")) : null;
  } catch {
    about = null; // missing, unreadable or stalled: dropped by the caller as stale
  }
  // Read at once, while the runtime's own files are still on their way.
  const reading = about ? within(readStored(about), READ_BUDGET_MS, "reading the snapshot") : null;
  reading?.catch(() => {}); // a failed read is reported by read() below
  // A file just written to may stay locked for a moment after a failed write: try again then.
  const drop = async () => {
    for (let attempt = 0; root && attempt < 4; attempt++) {
      try {
        await within(root.removeEntry(FOLDER, { recursive: true }), OPEN_BUDGET_MS, "deleting the snapshot");
        return;
      } catch (error) {
        if (error && error.name === "NotFoundError") return; // already gone
        if (error instanceof Stalled) return; // stalled: the next visit tries again
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    // nothing more can be done now; it is never used as it is, and the next visit tries again
  };
  return {
    usable: Boolean(root),
    stored: Boolean(folder),
    drop,
    /** The key the stored snapshot was made for (checked by the caller, see worker.js). */
    key: about ? about.key : null,
    /** The snapshot's length once unpacked (Python's memory), known before its bytes are read. */
    length: about ? about.length : 0,
    /**
     * The stored snapshot's bytes, checked against their SHA-256 and unpacked into `into` (an
     * array of `length` bytes, already handed to Pyodide). Rejects, and deletes the stored
     * copy, when they are missing or damaged.
     */
    async read(into) {
      try {
        if (!reading) throw new Error("no snapshot");
        const bytes = await reading;
        if (into.length !== bytes.length) throw new Error("snapshot is not the expected length");
        into.set(bytes);
        return into;
      } catch (error) {
        await drop();
        throw error;
      }
    },
    /** Keep `bytes` for `key`; resolves to the stored size in bytes, or 0 when not kept. */
    async save(key, bytes) {
      if (!root) return 0;
      try {
        const packed = pack(bytes);
        const description = { key, checksum: checksum(packed), size: packed.byteLength, length: bytes.length };
        const target = await root.getDirectoryHandle(FOLDER, { create: true });
        await target.removeEntry(ABOUT_FILE).catch(() => {}); // an older one no longer applies
        await writeFile(target, DATA_FILE, packed);
        // Written last: until it is there, the snapshot is not taken for a usable one.
        await writeFile(target, ABOUT_FILE, new TextEncoder().encode(JSON.stringify(description)));
        return packed.byteLength;
      } catch {
        await drop(); // full or refused: leave nothing half-written behind
        return 0;
      }
    },
  };
}
