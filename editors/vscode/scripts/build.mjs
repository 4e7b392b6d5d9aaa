// Bundles the extension with esbuild into dist/extension.js (vscode stays external: VS Code
// provides it). With --tests, also bundles the unit tests into dist-test/ for `node --test`.
import * as esbuild from "esbuild";
import { readdirSync } from "fs";

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning" };

await esbuild.build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  external: ["vscode"],
  sourcemap: false,
});

if (process.argv.includes("--tests")) {
  const tests = readdirSync("src/test").filter((name) => name.endsWith(".test.ts"));
  await esbuild.build({
    ...common,
    entryPoints: tests.map((name) => `src/test/${name}`),
    outdir: "dist-test",
  });
}
