// Builds the .vsix offline: bundles with esbuild, optionally copies a copydesk binary into
// bin/ (COPYDESK_BUNDLE_BINARY=path), and runs vsce. The bundle holds every dependency, so
// vsce is told not to look at node_modules.
//
//   COPYDESK_BUNDLE_BINARY=../../target/release/copydesk npm run package [-- --out FILE]
import { execFileSync } from "child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "fs";
import { basename } from "path";

const run = (command, args) => execFileSync(command, args, { stdio: "inherit" });

run(process.execPath, ["scripts/build.mjs"]);

rmSync("bin", { recursive: true, force: true });
const binary = process.env.COPYDESK_BUNDLE_BINARY;
if (binary) {
  mkdirSync("bin");
  const target = `bin/${basename(binary)}`;
  copyFileSync(binary, target);
  chmodSync(target, 0o755);
  console.log(`bundling ${binary} as ${target}`);
}

const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : "copydesk.vsix";
run(process.execPath, [
  "node_modules/@vscode/vsce/vsce",
  "package",
  "--no-dependencies",
  "--skip-license",
  "--allow-missing-repository",
  "--no-rewrite-relative-links",
  "--out",
  out,
]);
