// Opens code-server in headless Chromium (Playwright with Debian's /usr/bin/chromium), waits
// for the extension's self-test results, and saves a screenshot once VS Code shows the hover
// card the self-test opened. Then it tells the self-test to go on (RESULTS.next), waits for
// the ledger's results (RESULTS.ledger), and saves a second screenshot once VS Code shows the
// first-line code lens and the ledger panel. Prints the hover's and the lens's text as VS
// Code rendered them.
//
//   node drive.mjs URL RESULTS ACTOR SCREENSHOT LEDGER_SCREENSHOT
import { existsSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, results, actor, screenshot, ledgerScreenshot] = process.argv.slice(2);
const deadline = (seconds) => Date.now() + seconds * 1000;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 720 } });
  await page.goto(url);
  const until = deadline(150);
  while (!existsSync(results)) {
    if (Date.now() > until) {
      await page.screenshot({ path: `${screenshot}.timeout.png` });
      throw new Error(`no results at ${results} after 150 s (page: ${screenshot}.timeout.png)`);
    }
    await page.waitForTimeout(250);
  }
  const hover = page.locator(".monaco-hover").filter({ hasText: actor }).first();
  await hover.waitFor({ state: "visible", timeout: 20_000 });
  // Let the hover finish fading in.
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  const hoverText = await hover.innerText();

  writeFileSync(`${results}.next`, "");
  const ledgerUntil = deadline(90);
  while (!existsSync(`${results}.ledger`)) {
    if (Date.now() > ledgerUntil) {
      await page.screenshot({ path: `${ledgerScreenshot}.timeout.png` });
      throw new Error(`no ledger results after 90 s (page: ${ledgerScreenshot}.timeout.png)`);
    }
    await page.waitForTimeout(250);
  }
  const lens = page.locator(".codelens-decoration").filter({ hasText: "quotations ·" }).first();
  await lens.waitFor({ state: "visible", timeout: 20_000 });
  await page.locator(".tab").filter({ hasText: "Sources: " }).first().waitFor({ state: "visible", timeout: 20_000 });
  // The webview draws in frames of its own after the tab appears.
  await page.waitForTimeout(2000);
  await page.screenshot({ path: ledgerScreenshot });
  console.log(JSON.stringify({ hoverText, lensText: await lens.innerText() }));
} finally {
  await browser.close();
}
