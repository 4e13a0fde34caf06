// Firefox ESR over WebDriver BiDi (puppeteer-core): open the self-assessment, wait for
// window.ipsFidelity.ready, score the assessments in the JSON file given, print the answers.
// Usage: node firefox_smoke.mjs SITE_URL CASES.json [FIREFOX]   (used by test_engines.py)
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const [siteURL, casesFile, executablePath = "/usr/bin/firefox-esr"] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf-8"));
let browser;
try {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath,
    headless: true,
    protocolTimeout: 120000,
  });
} catch (error) {
  // Exit status 3: the engine itself could not start (the test fails, saying why).
  process.stderr.write(`Firefox could not start: ${error.message}\n`);
  process.exit(3);
}
try {
  const page = await browser.newPage();
  await page.goto(new URL("self-assessment/", siteURL).href);
  await page.waitForFunction(() => Boolean(window.ipsFidelity), { timeout: 120000 });
  const started = performance.now();
  await page.evaluate(() => window.ipsFidelity.ready);
  const answers = await page.evaluate(
    (list) => Promise.all(list.map((c) => window.ipsFidelity.score(c))),
    cases,
  );
  const userAgent = await page.evaluate(() => navigator.userAgent);
  process.stdout.write(JSON.stringify({ userAgent, answers, waited: performance.now() - started }));
} finally {
  await browser.close();
}
