// axe-core in headless Chromium over each address given (http:// or file://): the WCAG 2.1 A and AA
// rules only (tags wcag2a, wcag2aa, wcag21a, wcag21aa). Prints one JSON array, an entry per address:
// {url, status, violations: [{id, impact, help, targets}], passes}. Used by tests/support/validators.py.
// CHROMIUM names the browser (default /usr/bin/chromium); axe-core and playwright-core come from
// tools/package-lock.json.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
});
try {
  // The pages forbid every script by their Content-Security-Policy: axe is let in past it, nothing else.
  const context = await browser.newContext({ bypassCSP: true });
  const results = [];
  for (const url of process.argv.slice(2)) {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async (tags) => {
      const run = await globalThis.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return {
        violations: run.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
        })),
        passes: run.passes.length,
      };
    }, TAGS);
    results.push({ url, status: response ? response.status() : null, ...found });
    await page.close();
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
