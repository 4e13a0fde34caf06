// Reads, checks and unpacks the stored memory snapshot for worker.js, on a thread of its own,
// and hands the bytes over without copying them (snapshot-store.js: readElsewhere).
import { readStored } from "./snapshot-store.js";

// Its script has run: the scorer's worker waits for this before it waits for the bytes.
postMessage({ started: true });

self.addEventListener("message", async ({ data }) => {
  try {
    const bytes = await readStored(data.about);
    postMessage({ bytes }, [bytes.buffer]);
  } catch (error) {
    postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
