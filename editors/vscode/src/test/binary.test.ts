// How the extension finds the copydesk binary: setting, then PATH, then bin/.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import { BinarySearch, findBinary } from "../binary";

/** A scratch tree: folders `setting`, `onpath`, `extension/bin`, each maybe with a binary. */
function tree(binaries: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-binary-"));
  for (const folder of ["setting", "onpath", "empty", "extension/bin"]) {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
  }
  for (const binary of binaries) {
    fs.writeFileSync(path.join(root, binary), "#!/bin/sh\n", { mode: 0o755 });
  }
  return root;
}

function check(binaries: string[], configured: string, expect: { command: string; source: string } | RegExp) {
  const root = tree(binaries);
  const search: BinarySearch = {
    configured,
    workspaceFolder: root,
    searchPath: [path.join(root, "empty"), path.join(root, "onpath")].join(":"),
    extensionPath: path.join(root, "extension"),
    platform: "linux",
  };
  if (expect instanceof RegExp) {
    assert.throws(() => findBinary(search), expect);
  } else {
    assert.deepEqual(findBinary(search), { command: path.join(root, expect.command), source: expect.source });
  }
}

test("the setting wins, relative to the workspace folder", () => {
  check(["setting/copydesk", "onpath/copydesk", "extension/bin/copydesk"], "setting/copydesk", {
    command: "setting/copydesk",
    source: "setting",
  });
});

test("a setting naming no executable is an error, not a fallback", () => {
  check(["onpath/copydesk"], "setting/copydesk", /copydesk.path is set to "setting\/copydesk"/);
});

test("PATH comes before the bundled binary", () => {
  check(["onpath/copydesk", "extension/bin/copydesk"], "", { command: "onpath/copydesk", source: "path" });
});

test("the bundled binary is the last resort, made executable if the archive lost the bit", () => {
  const root = tree([]);
  const bundled = path.join(root, "extension/bin/copydesk");
  fs.writeFileSync(bundled, "#!/bin/sh\n", { mode: 0o644 });
  const found = findBinary({
    configured: "",
    searchPath: path.join(root, "empty"),
    extensionPath: path.join(root, "extension"),
    platform: "linux",
  });
  assert.deepEqual(found, { command: bundled, source: "bundled" });
  assert.ok(fs.statSync(bundled).mode & 0o100);
});

test("nothing found says what was tried", () => {
  check([], "", /copydesk.path is not set, there is no copydesk on PATH, and this build of the extension bundles none/);
});

test("a non-executable file on PATH is skipped", () => {
  const root = tree(["extension/bin/copydesk"]);
  fs.writeFileSync(path.join(root, "onpath/copydesk"), "text", { mode: 0o644 });
  const found = findBinary({
    configured: "",
    searchPath: path.join(root, "onpath"),
    extensionPath: path.join(root, "extension"),
    platform: "linux",
  });
  assert.equal(found.source, "bundled");
});
