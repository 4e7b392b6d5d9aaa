// What the packaged extension shows on its page and in the editor: its icon, the README's
// images, the schemas and languages package.json names, all inside the .vsix.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const root = path.join(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** A .vscodeignore glob as a regular expression: `**` any path, `*` any name. */
function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\u0000/g, ".*")}$`);
}

/** True when vsce packages `file`: the last .vscodeignore line matching it is a `!` line. */
function packaged(file: string): boolean {
  const lines = fs.readFileSync(path.join(root, ".vscodeignore"), "utf8").split("\n");
  let kept = true;
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))) {
    const negated = line.startsWith("!");
    if (glob(negated ? line.slice(1) : line).test(file)) {
      kept = negated;
    }
  }
  return kept;
}

function shipped(file: string) {
  const relative = path.posix.normalize(file.replace(/^\.\//, ""));
  assert.ok(fs.existsSync(path.join(root, relative)), `${relative} does not exist`);
  assert.ok(packaged(relative), `${relative} is left out of the package by .vscodeignore`);
}

test("the icon is a 128x128 PNG in the package", () => {
  assert.equal(manifest.icon, "icon.png");
  shipped(manifest.icon);
  const png = fs.readFileSync(path.join(root, manifest.icon));
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from("PNG")]);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});

// The extension page resolves a relative image against the installed extension: it shows
// only if the image is in the package (vsce runs with --no-rewrite-relative-links).
test("every README image is a relative path into the package", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]);
  assert.ok(images.length > 0, "the README shows no image");
  for (const image of images) {
    assert.ok(!/^[a-z]+:/i.test(image), `${image} is not a path inside the package`);
    shipped(image);
  }
});

test("the schemas tomlValidation names are in the package", () => {
  for (const { url } of manifest.contributes.tomlValidation) {
    shipped(url);
  }
});

// Without a TOML extension VS Code opened glossary.toml as Plain Text.
test("glossary and project files open as TOML", () => {
  const toml = manifest.contributes.languages.find((language: { id: string }) => language.id === "toml");
  assert.ok(toml, "no toml language contributed");
  assert.ok(toml.filenames.includes("glossary.toml") && toml.filenames.includes("copydesk.toml"));
  assert.ok(toml.filenamePatterns.includes("*.glossary.toml"));
  assert.ok(toml.extensions.includes(".toml"));
});

// The server's code lenses run copydesk.showLedger: VS Code lists it only if it is contributed.
test("the ledger command the code lenses run is contributed", () => {
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(commands.includes("copydesk.showLedger"), JSON.stringify(commands));
});
