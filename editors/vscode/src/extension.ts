// The copydesk extension: runs `copydesk lsp` for Markdown and plain-text documents (and
// glossary files) through vscode-languageclient, keeps the server's settings in step with
// `copydesk.*`, offers commands to restart the server and show its output, and shows the
// source ledger: the panel the server's code lenses open, and the status-bar counts.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

import { Binary, BinaryNotFound, findBinary } from "./binary";
import { LedgerPanel, ledgerDocument } from "./ledgerPanel";
import { SHOW_LEDGER_COMMAND } from "./ledgerView";
import { runSelfTest, selfTestRequested } from "./selfTest";
import { serverSettings } from "./settings";
import { LedgerStatus } from "./statusBar";

/** The client id: vscode-languageclient reads `copydesk.trace.server` because of it. */
const CLIENT_ID = "copydesk";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let ledger: LedgerPanel | undefined;
let status: LedgerStatus | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("copydesk");
  ledger = new LedgerPanel(() => client);
  status = new LedgerStatus(() => client);
  context.subscriptions.push(
    output,
    ledger,
    status,
    vscode.commands.registerCommand(SHOW_LEDGER_COMMAND, async (document?: unknown) => {
      const uri = ledgerDocument(document);
      if (uri) {
        await ledger?.show(uri);
      } else {
        void vscode.window.showInformationMessage("copydesk: open an article to see its source ledger.");
      }
    }),
    vscode.commands.registerCommand("copydesk.restartServer", () => restart(context)),
    vscode.commands.registerCommand("copydesk.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("copydesk.path")) {
        void restart(context);
      } else if (event.affectsConfiguration("copydesk") && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { copydesk: currentSettings() },
        });
      }
    }),
  );
  await start(context);
  if (selfTestRequested()) {
    void runSelfTest(() => client, output, { ledger, status });
  }
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  let binary: Binary;
  try {
    binary = findBinary({
      configured: vscode.workspace.getConfiguration("copydesk").get<string>("path", ""),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      searchPath: process.env.PATH ?? "",
      extensionPath: context.extensionPath,
      platform: process.platform,
    });
  } catch (error) {
    if (error instanceof BinaryNotFound) {
      status?.setState("error");
      output?.appendLine(error.message);
      void offerInstallHelp(context, error.message);
      return;
    }
    throw error;
  }
  output?.appendLine(`Starting ${binary.command} lsp (found via ${binary.source}).`);

  // vscode-languageclient appends `--stdio` for the stdio transport; the server accepts it.
  const run = { command: binary.command, args: ["lsp"], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "file", pattern: "**/{glossary.toml,*.glossary.toml}" },
    ],
    initializationOptions: currentSettings(),
    outputChannel: output,
  };
  client = new LanguageClient(CLIENT_ID, "copydesk", serverOptions, clientOptions);
  const started = client;
  status?.setState("starting");
  started.onDidChangeState((event) => {
    // A client replaced by a restart no longer speaks for the server.
    if (client === started) {
      status?.setState(
        event.newState === State.Running ? "ready" : event.newState === State.Starting ? "starting" : "error",
      );
    }
  });
  try {
    await client.start();
    void ledger?.refresh();
  } catch (error) {
    status?.setState("error");
    const message = `copydesk: the server at ${binary.command} failed to start: ${String(error)}`;
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
      if (choice) {
        output?.show(true);
      }
    });
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.dispose();
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output?.appendLine("Restarting the server.");
  await stop();
  await start(context);
}

function currentSettings() {
  const configuration = vscode.workspace.getConfiguration("copydesk");
  return serverSettings((key, fallback) => configuration.get(key, fallback));
}

async function offerInstallHelp(context: vscode.ExtensionContext, message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(
    `copydesk: ${message} Install it with \`cargo install --path .\` from a copydesk checkout, or set copydesk.path.`,
    "Install instructions",
    "Open Settings",
  );
  if (choice === "Install instructions") {
    // vsce stores the README as readme.md; a development checkout has README.md.
    const name = ["readme.md", "README.md"].find((file) => fs.existsSync(path.join(context.extensionPath, file)));
    if (name) {
      await vscode.commands.executeCommand("markdown.showPreview", vscode.Uri.joinPath(context.extensionUri, name));
    }
  } else if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.path");
  }
}
