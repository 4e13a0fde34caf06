// Replays planning tool cases through scorer.planning.api under real Pyodide in Node, calling it
// the way the site's worker does: a PyProxy of the module, run_tool(name, ...strings).
// usage: node run_tools.mjs INDEX_URL WHEEL SCALE_JSON PLANNING_JSON CASES_JSON OUT_JSON
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

async function main(indexArg, wheelPath, scalePath, planningPath, casesPath, outPath) {
  const indexURL = indexArg.endsWith("/") ? indexArg : `${indexArg}/`;
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL });
  pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel");
  pyodide.pyimport("scorer.api").configure(await readFile(scalePath, "utf8"));
  const tools = pyodide.pyimport("scorer.planning.api");
  const configured = tools.run_tool("configure", await readFile(planningPath, "utf8"));
  const cases = JSON.parse(await readFile(casesPath, "utf8"));
  const answers = cases.map(([name, ...args]) => tools.run_tool(name, ...args));
  await writeFile(outPath, JSON.stringify({ configured, answers }));
}

const args = process.argv.slice(2);
if (args.length !== 6) {
  console.error("usage: node run_tools.mjs INDEX_URL WHEEL SCALE_JSON PLANNING_JSON CASES_JSON OUT_JSON");
  process.exit(2);
}
try {
  await main(...args);
} catch (err) {
  console.error(String(err?.message ?? err).slice(-6000));
  process.exit(1);
}
