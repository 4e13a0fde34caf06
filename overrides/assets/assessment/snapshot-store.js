// The Python runtime's memory snapshot, kept on this device so later visits start in a fraction
// of the time. Used by worker.js only; the privacy page's "clear everything" removes it.
//
// What is kept: the state of the Python runtime just after the scorer was imported and the scale
// configured, taken before any answer reached Python, so it holds no answer. It never leaves
// the device. Anything wrong with it (missing, stale, damaged, storage refused or full) makes
// the caller load Python the normal way; a bad copy is deleted.
//
// Format: the snapshot split into 4 KiB pages; pages that are all zero (about half) are left
// out and marked in a bitmap. This halves the size at almost no cost, where gzip
// (CompressionStream) made it five times smaller but took longer to unpack on every visit than
// the whole restore saved (measured: see benchmarks/self_assessment.py). A SHA-256 of the stored
// bytes is checked before use, so damaged bytes are never restored.

export const CACHE_NAME = "ips-runtime-snapshot";
const ENTRY = new URL("../pyodide/memory-snapshot", import.meta.url).href.split("?")[0];
const MAGIC = 0x31535049; // "IPS1", little-endian
const PAGE = 4096;
const HEADER = 16;

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
const sha256 = async (data) => hex(await crypto.subtle.digest("SHA-256", data));

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

/**
 * The device's snapshot store. Never throws: `usable` is false when this browser keeps no
 * Cache Storage for the site (refused, private mode, no `caches`), and every method then
 * does nothing.
 */
export async function openSnapshots() {
  let cache = null;
  try {
    cache = await caches.open(CACHE_NAME);
  } catch {
    cache = null;
  }
  let stored = null;
  try {
    stored = cache ? await cache.match(ENTRY) : null;
  } catch {
    stored = null;
  }
  // Start reading at once, while the page sends the scale and the wheel is fetched for the key.
  const body = stored ? stored.arrayBuffer() : null;
  body?.catch(() => {}); // a failed read is reported by read() below
  const drop = async () => {
    try {
      await caches.delete(CACHE_NAME);
    } catch {
      // nothing more can be done; the next visit tries again
    }
  };
  return {
    usable: Boolean(cache) && typeof crypto !== "undefined" && Boolean(crypto.subtle),
    stored: Boolean(stored),
    drop,
    /** The key the stored snapshot was made for (checked by the caller, see worker.js). */
    key: stored ? stored.headers.get("x-snapshot-key") : null,
    /** The stored snapshot's bytes, checked against their SHA-256; null (and the stored
     * copy deleted) when unusable. */
    async read() {
      if (!stored) return null;
      try {
        const packed = new Uint8Array(await body);
        if ((await sha256(packed)) !== stored.headers.get("x-snapshot-sha256")) {
          throw new Error("damaged snapshot");
        }
        return unpack(packed);
      } catch {
        await drop();
        return null;
      }
    },
    /** Keep `bytes` for `key`; resolves to the stored size in bytes, or 0 when not kept. */
    async save(key, bytes) {
      if (!cache) return 0;
      try {
        const target = await caches.open(CACHE_NAME); // afresh: a bad copy may have been dropped
        const packed = pack(bytes);
        const headers = {
          "content-type": "application/octet-stream",
          "x-snapshot-key": key,
          "x-snapshot-sha256": await sha256(packed),
          "x-snapshot-size": String(packed.byteLength),
        };
        await target.put(ENTRY, new Response(packed, { headers }));
        return packed.byteLength;
      } catch {
        await drop(); // full or refused: leave nothing half-written behind
        return 0;
      }
    },
  };
}
