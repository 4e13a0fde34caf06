// Replays the parity case file through the scorer under real Pyodide in Node.
// usage: node run_cases.mjs INDEX_URL WHEEL SCALE_JSON CASES_JSON OUT_JSON
// INDEX_URL is node_modules/pyodide/ from the npm package pinned in package-lock.json.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const RUN_CASES = `
import json
import sys

from scorer import api

api.configure(scale_json)
cases = json.loads(cases_json)
json.dumps({
    "python": sys.version.split()[0],
    "platform": sys.platform,
    "score": [api.score_json(text) for text in cases["score"]],
    "explain": [api.explain_json(item, text) for item, text in cases["explain"]],
    "centre": [api.centre_status_json(text, on) for text, on in cases["centre"]],
    "combine": [api.combine_json(text) for text in cases["combine"]],
    "history": [api.history_json(text) for text in cases["history"]],
})
`;

async function main(indexArg, wheelPath, scalePath, casesPath, outPath) {
  const indexURL = indexArg.endsWith("/") ? indexArg : `${indexArg}/`;
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);

  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL });
  const loaded = performance.now();

  pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel");
  pyodide.globals.set("scale_json", await readFile(scalePath, "utf8"));
  pyodide.globals.set("cases_json", await readFile(casesPath, "utf8"));
  const answers = pyodide.runPython(RUN_CASES);
  const finished = performance.now();
  await writeFile(outPath, answers);
  console.log(
    JSON.stringify({
      pyodide: pyodide.version,
      load_ms: Math.round(loaded - started),
      run_ms: Math.round(finished - loaded),
    }),
  );
}

const args = process.argv.slice(2);
if (args.length !== 5) {
  console.error("usage: node run_cases.mjs INDEX_URL WHEEL SCALE_JSON CASES_JSON OUT_JSON");
  process.exit(2);
}
try {
  await main(...args);
} catch (err) {
  // Errors from Pyodide come from minified code: print only the message (the Python
  // traceback), never the source line Node would otherwise echo.
  console.error(String(err?.message ?? err).slice(-6000));
  process.exit(1);
}
