// The ledger panel's page, the status bar's words and the debounce (issue 15 item 4).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Debouncer, panelHtml, statusText, summaryFromLenses } from "../ledgerView";

const PAGE = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<style>body { color: #1d1d1f; }</style>\n</head>\n<body><h1>Source ledger</h1></body>\n</html>\n";

test("the panel keeps the server's page and allows its inline CSS and nothing else", () => {
  const html = panelHtml(PAGE);
  assert.ok(html.includes("<h1>Source ledger</h1>"), html);
  const policy = /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.equal(policy, "default-src 'none'; style-src 'unsafe-inline'; img-src data:;");
  // The policy must come first in <head> to govern the page's own <style>.
  assert.ok(html.indexOf("Content-Security-Policy") < html.indexOf("<style>body"), html);
  assert.ok(html.includes("background: #ffffff"), "a light background under the dark text");
});

test("the status bar shows the server's state, then the article's counts", () => {
  assert.equal(statusText("starting"), "$(loading~spin) copydesk starting");
  assert.equal(statusText("error", "7 quotations"), "$(error) copydesk stopped");
  assert.equal(statusText("ready"), "$(check) copydesk");
  assert.equal(statusText("ready", "7 quotations · 3 sources"), "$(quote) 7 quotations · 3 sources");
});

test("the counts are the ledger lens on the first line", () => {
  const lens = (line: number, title: string, command = "copydesk.showLedger") => ({
    range: { start: { line, character: 0 } },
    command: { title, command },
  });
  assert.equal(summaryFromLenses([lens(4, "quoted 3×"), lens(0, "7 quotations · 3 sources")]), "7 quotations · 3 sources");
  assert.equal(summaryFromLenses([lens(0, "Run tests", "other.command")]), undefined);
  assert.equal(summaryFromLenses(null), undefined);
});

test("a burst of calls runs the last one, once", async () => {
  const debounce = new Debouncer(20);
  const calls: number[] = [];
  for (let i = 0; i < 5; i++) {
    debounce.schedule(() => calls.push(i));
  }
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(calls, [4]);
  debounce.schedule(() => calls.push(9));
  debounce.cancel();
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.deepEqual(calls, [4]);
});
