// The settings sent to the server, in the shape src/lsp/config.rs reads.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

import { DEFAULT_SEVERITIES, serverSettings } from "../settings";

const UNSET = Object.fromEntries(Object.keys(DEFAULT_SEVERITIES).map((code) => [code, "default"]));

function check(configured: Record<string, unknown>, expect: Record<string, unknown>) {
  const settings = serverSettings(<T>(key: string, fallback: T) => (key in configured ? (configured[key] as T) : fallback));
  assert.deepEqual(settings, expect);
}

test("codes left unset are sent as default, leaving copydesk.toml or the server's default", () => {
  check(
    {},
    { severities: UNSET, debounceMs: 150, glossaries: [], maxDocumentSize: 2097152 },
  );
});

test("a severity override replaces only its code, and every code is always sent", () => {
  check(
    { severities: { "unknown-speaker": "off" }, debounceMs: 0, glossaries: ["people.toml"], maxDocumentSize: 10 },
    {
      severities: { ...UNSET, "unknown-speaker": "off" },
      debounceMs: 0,
      glossaries: ["people.toml"],
      maxDocumentSize: 10,
    },
  );
});

// Read from the server's source, so a new diagnostic code fails here until the extension
// (and package.json's copydesk.severities) know it.
test("every code the server knows has a default", () => {
  const source = fs.readFileSync(path.join(__dirname, "../../../src/analysis/diagnostics.rs"), "utf8");
  const codes = [...source.matchAll(/Code::\w+ => "([a-z-]+)"/g)].map((match) => match[1]);
  assert.ok(codes.length > 0, "no codes found in diagnostics.rs");
  assert.deepEqual(Object.keys(DEFAULT_SEVERITIES).sort(), [...new Set(codes)].sort());
});

test("package.json offers a severity setting for every code", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "../package.json"), "utf8"));
  const offered = Object.keys(manifest.contributes.configuration.properties["copydesk.severities"].properties);
  assert.deepEqual(offered.sort(), Object.keys(DEFAULT_SEVERITIES).sort());
});
