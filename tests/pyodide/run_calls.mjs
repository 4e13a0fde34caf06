// Calls functions of the scorer's browser API under real Pyodide in Node, one after another,
// as the site's worker does (a PyProxy of the module, strings in and out), timing each call.
// usage: node run_calls.mjs INDEX_URL WHEEL SCALE_JSON PLANNING_JSON CALLS_JSON OUT_JSON
// CALLS_JSON is a list of [module, function, ...arguments]. A crash of the runtime (a fatal
// error) ends this process with a non-zero status.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

async function main(indexArg, wheelPath, scalePath, planningPath, callsPath, outPath) {
  const indexURL = indexArg.endsWith("/") ? indexArg : `${indexArg}/`;
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL });
  pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel");
  pyodide.pyimport("scorer.api").configure(await readFile(scalePath, "utf8"));
  const modules = {
    "scorer.api": pyodide.pyimport("scorer.api"),
    "scorer.planning.api": pyodide.pyimport("scorer.planning.api"),
  };
  modules["scorer.planning.api"].run_tool("configure", await readFile(planningPath, "utf8"));
  const calls = JSON.parse(await readFile(callsPath, "utf8"));
  const answers = [];
  const ms = [];
  for (const [module, name, ...args] of calls) {
    const started = performance.now();
    answers.push(modules[module][name](...args));
    ms.push(Math.round(performance.now() - started));
  }
  await writeFile(outPath, JSON.stringify({ answers, ms, pyodide: pyodide.version }));
}

const args = process.argv.slice(2);
if (args.length !== 6) {
  console.error("usage: node run_calls.mjs INDEX_URL WHEEL SCALE_JSON PLANNING_JSON CALLS_JSON OUT_JSON");
  process.exit(2);
}
try {
  await main(...args);
} catch (err) {
  console.error(String(err?.message ?? err).slice(-6000));
  process.exit(1);
}
