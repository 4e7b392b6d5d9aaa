// Opens code-server in headless Chromium (Playwright with Debian's /usr/bin/chromium), waits
// for the extension's self-test results, and saves a screenshot once VS Code shows the hover
// card the self-test opened. Then it tells the self-test to go on (RESULTS.next), waits for
// the ledger's results (RESULTS.ledger), and saves a second screenshot once VS Code shows the
// first-line code lens and the ledger panel. Then it tells the self-test to open the quick-fix
// menu (RESULTS.pin-go), chooses PIN_ACTION in that menu with the keyboard as a user would, saving
// PIN_SCREENSHOT of the open menu first, and waits for the self-test's results (RESULTS.pin).
// Prints the hover's and the lens's text as VS Code rendered them, and the menu's entries.
//
//   node drive.mjs URL RESULTS ACTOR SCREENSHOT LEDGER_SCREENSHOT PIN_ACTION PIN_SCREENSHOT
import { existsSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, results, actor, screenshot, ledgerScreenshot, pinAction, pinScreenshot] = process.argv.slice(2);
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
  const lensText = await lens.innerText();

  writeFileSync(`${results}.pin-go`, "");
  const menu = page.locator(".action-widget");
  const pin = menu.locator(".monaco-list-row").filter({ hasText: pinAction }).first();
  try {
    await pin.waitFor({ state: "visible", timeout: 60_000 });
  } catch (error) {
    await page.screenshot({ path: `${pinScreenshot}.timeout.png` });
    const shown = (await menu.count()) ? await menu.first().innerText() : "no quick-fix menu";
    throw new Error(`no "${pinAction}" in the quick-fix menu (${JSON.stringify(shown)}; page: ${pinScreenshot}.timeout.png)`);
  }
  const quickFixes = await menu.first().innerText();
  await page.screenshot({ path: pinScreenshot });
  // With the keyboard, as after Ctrl+.: down to the pin, then Enter. (VS Code blocks clicks in
  // the menu until the mouse has moved.)
  const focused = menu.locator(".monaco-list-row.focused");
  for (let step = 0; step < 20 && !((await focused.count()) && (await focused.first().innerText()).includes(pinAction)); step++) {
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(100);
  }
  await page.keyboard.press("Enter");
  const pinUntil = deadline(90);
  while (!existsSync(`${results}.pin`)) {
    if (Date.now() > pinUntil) {
      await page.screenshot({ path: `${pinScreenshot}.timeout.png` });
      throw new Error(`no pin results after 90 s (page: ${pinScreenshot}.timeout.png)`);
    }
    await page.waitForTimeout(250);
  }
  console.log(JSON.stringify({ hoverText, lensText, quickFixes }));
} finally {
  await browser.close();
}
