// Opens code-server in headless Chromium (Playwright with Debian's /usr/bin/chromium), waits
// for the extension's self-test results, and saves a screenshot once VS Code shows the hover
// card the self-test opened. Prints the hover's text as VS Code rendered it.
//
//   node drive.mjs URL RESULTS ACTOR SCREENSHOT
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, results, actor, screenshot] = process.argv.slice(2);
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
  console.log(JSON.stringify({ hoverText: await hover.innerText() }));
} finally {
  await browser.close();
}
