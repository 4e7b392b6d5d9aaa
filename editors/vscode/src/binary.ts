// Finds the copydesk binary: the `copydesk.path` setting, else `PATH`, else the binary
// bundled in the extension's `bin/` folder. Kept free of the `vscode` module so it can be
// unit-tested with Node's own test runner.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Where the binary came from, for the output channel and error messages. */
export type BinarySource = "setting" | "path" | "bundled";

export interface Binary {
  command: string;
  source: BinarySource;
}

export interface BinarySearch {
  /** The `copydesk.path` setting, possibly empty. */
  configured: string;
  /** The first workspace folder, against which a relative setting is resolved. */
  workspaceFolder?: string;
  /** The `PATH` environment variable. */
  searchPath: string;
  extensionPath: string;
  platform: NodeJS.Platform;
}

/** What went wrong when no binary was found, in words for the user. */
export class BinaryNotFound extends Error {}

export function executableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "copydesk.exe" : "copydesk";
}

/**
 * Returns the binary to run. A `copydesk.path` setting that names no executable file is an
 * error rather than a reason to fall back, so a typo in the setting is never silently ignored.
 */
export function findBinary(search: BinarySearch): Binary {
  const configured = search.configured.trim();
  if (configured !== "") {
    const command = resolveConfigured(configured, search.workspaceFolder);
    if (!isExecutableFile(command)) {
      throw new BinaryNotFound(`copydesk.path is set to "${configured}", but ${command} is not an executable file.`);
    }
    return { command, source: "setting" };
  }
  const name = executableName(search.platform);
  const separator = search.platform === "win32" ? ";" : ":";
  for (const folder of search.searchPath.split(separator)) {
    if (folder === "") {
      continue;
    }
    const candidate = path.join(folder, name);
    if (isExecutableFile(candidate)) {
      return { command: candidate, source: "path" };
    }
  }
  const bundled = path.join(search.extensionPath, "bin", name);
  if (fs.existsSync(bundled)) {
    makeExecutable(bundled);
    if (isExecutableFile(bundled)) {
      return { command: bundled, source: "bundled" };
    }
  }
  throw new BinaryNotFound(
    "The copydesk binary was not found: copydesk.path is not set, there is no copydesk on PATH, " +
      "and this build of the extension bundles none.",
  );
}

function resolveConfigured(configured: string, workspaceFolder?: string): string {
  if (configured === "~" || configured.startsWith("~/")) {
    return path.join(os.homedir(), configured.slice(1));
  }
  if (!path.isAbsolute(configured) && workspaceFolder) {
    return path.resolve(workspaceFolder, configured);
  }
  return path.resolve(configured);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Archives do not always keep the executable bit; restore it on the bundled binary.
function makeExecutable(file: string): void {
  try {
    fs.chmodSync(file, 0o755);
  } catch {
    // A read-only install: isExecutableFile decides.
  }
}
