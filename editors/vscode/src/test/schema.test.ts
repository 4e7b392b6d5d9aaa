// The glossary JSON Schema the extension contributes for TOML validation must accept every
// glossary the repository ships and reject what the server reports as glossary errors.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

import Ajv from "ajv";
import { parse } from "smol-toml";

const repo = path.join(__dirname, "../../..");
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../schemas/glossary.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function check(toml: string, expectErrors: string[]) {
  const valid = validate(parse(toml));
  const errors = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  assert.equal(valid, expectErrors.length === 0, errors.join("; "));
  for (const expected of expectErrors) {
    assert.ok(errors.some((error) => error.includes(expected)), `expected "${expected}" in ${errors.join("; ")}`);
  }
}

function glossaryFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ["node_modules", "target", ".git"].includes(entry.name) || entry.name.startsWith(".") ? [] : glossaryFiles(full);
    }
    return entry.name === "glossary.toml" || entry.name.endsWith(".glossary.toml") ? [full] : [];
  });
}

// A glossary broken on purpose for a test would belong in a list of exceptions here.
test("every shipped example and test glossary validates", () => {
  const files = [...glossaryFiles(path.join(repo, "examples")), ...glossaryFiles(path.join(repo, "tests"))];
  assert.ok(files.length >= 2, `found ${files}`);
  for (const file of files) {
    const data = parse(fs.readFileSync(file, "utf8"));
    assert.ok(validate(data), `${path.relative(repo, file)}: ${JSON.stringify(validate.errors)}`);
  }
});

test("name is required and not blank", () => {
  check('[dana]\nrole = "Leader"\n', ["/dana must have required property 'name'"]);
  check('[dana]\nname = "  "\n', ["/dana/name must match pattern"]);
});

test("kind and pronouns take the server's values", () => {
  check('[c]\nname = "Council"\nkind = "organisation"\npronouns = "it"\n', []);
  check('[p]\nname = "Pat"\npronouns = "they/them"\n', []);
  check('[c]\nname = "Council"\nkind = "committee"\n', ["/c/kind must be equal to one of the allowed values"]);
  check('[p]\nname = "Pat"\npronouns = "xe"\n', ["/p/pronouns must match a schema in anyOf"]);
});

test("aliases are a list of text; other fields are shown as written", () => {
  check('[o]\nname = "Samuel Okafor"\naliases = ["Councillor Okafor"]\njoined = 1971\nward = "Eastfield"\n', []);
  check('[o]\nname = "Samuel Okafor"\naliases = "Okafor"\n', ["/o/aliases must be array"]);
  check('[o]\nname = "Samuel Okafor"\nnotes = ["a"]\n', ["/o/notes must be string,number,boolean"]);
});

test("a top-level value that is not a table is not an entity", () => {
  check('title = "People"\n', ["/title must be object"]);
});
