// A test-only mode for driving the extension inside a real VS Code (tests/editors/vscode.sh
// runs it in code-server). It is off unless COPYDESK_VSCODE_SELF_TEST names a results file.
// It opens COPYDESK_VSCODE_SELF_TEST_ARTICLE, waits for copydesk's diagnostics, asks VS Code
// for the hover and the definition on the first mention of COPYDESK_VSCODE_SELF_TEST_ACTOR,
// leaves that hover showing for a screenshot, and writes what it saw as JSON. Then, once the
// driver has taken its screenshot and written RESULTS.next, it opens the source ledger the way
// the code lens does and writes what the lenses, the panel and the status bar show to
// RESULTS.ledger, for the second screenshot. Last, once the driver writes RESULTS.pin-go, it
// opens the quick-fix menu on the quotation of COPYDESK_VSCODE_SELF_TEST_PIN_LINE for the
// driver to choose "Pin speaker: …" in it as a user would, and writes to RESULTS.pin what the
// document, its diagnostics and the hover on that quotation show before and after. The test
// script judges the results; this mode only reports them.

import * as fs from "fs";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

import type { LedgerPanel } from "./ledgerPanel";
import { SHOW_LEDGER_COMMAND } from "./ledgerView";
import type { LedgerStatus } from "./statusBar";

const RESULTS = "COPYDESK_VSCODE_SELF_TEST";
const ARTICLE = "COPYDESK_VSCODE_SELF_TEST_ARTICLE";
const ACTOR = "COPYDESK_VSCODE_SELF_TEST_ACTOR";
const PIN_LINE = "COPYDESK_VSCODE_SELF_TEST_PIN_LINE";

export function selfTestRequested(): boolean {
  return Boolean(process.env[RESULTS]);
}

/** The ledger's views, which the self-test reads back. */
export interface LedgerViews {
  ledger: LedgerPanel | undefined;
  status: LedgerStatus | undefined;
}

export async function runSelfTest(
  client: () => LanguageClient | undefined,
  output: vscode.OutputChannel | undefined,
  views: LedgerViews,
): Promise<void> {
  const resultsPath = process.env[RESULTS] as string;
  const results: Record<string, unknown> = { extensionHostPid: process.pid };
  try {
    await observe(client, results);
  } catch (error) {
    results.error = String(error instanceof Error ? error.stack ?? error.message : error);
  }
  output?.appendLine(`self-test: writing ${resultsPath}`);
  write(resultsPath, results);

  const next = await waitFor(120_000, () => (fs.existsSync(`${resultsPath}.next`) ? true : undefined));
  if (!next) {
    return;
  }
  const ledger: Record<string, unknown> = {};
  try {
    await observeLedger(views, ledger);
  } catch (error) {
    ledger.error = String(error instanceof Error ? error.stack ?? error.message : error);
  }
  write(`${resultsPath}.ledger`, ledger);

  const pinGo = await waitFor(120_000, () => (fs.existsSync(`${resultsPath}.pin-go`) ? true : undefined));
  if (!pinGo) {
    return;
  }
  const pin: Record<string, unknown> = {};
  try {
    await observePin(pin);
  } catch (error) {
    pin.error = String(error instanceof Error ? error.stack ?? error.message : error);
  }
  write(`${resultsPath}.pin`, pin);
}

function write(file: string, results: Record<string, unknown>): void {
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, JSON.stringify(results, null, 2));
  fs.renameSync(temporary, file);
}

/** Runs the code lens's command on the article and reads the lenses, panel and status bar. */
async function observeLedger(views: LedgerViews, results: Record<string, unknown>): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Error("no active editor");
  }
  const document = editor.document;
  await vscode.commands.executeCommand("editor.action.hideHover");
  // The article and the panel share the window's width: the file explorer would crowd both.
  await vscode.commands.executeCommand("workbench.action.closeSidebar");
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    "vscode.executeCodeLensProvider",
    document.uri,
  );
  results.lenses = (lenses ?? []).map((lens) => ({
    line: lens.range.start.line + 1,
    title: lens.command?.title,
    command: lens.command?.command,
  }));
  const top = (lenses ?? []).find((lens) => lens.range.start.line === 0 && lens.command);
  await vscode.commands.executeCommand(SHOW_LEDGER_COMMAND, ...(top?.command?.arguments ?? [document.uri]));
  results.panelHtml = await waitFor(30_000, () =>
    views.ledger?.html?.includes("data-quotations") ? views.ledger.html : undefined,
  );
  results.status = await waitFor(30_000, () =>
    views.status?.text.startsWith("$(quote)") ? views.status.text : undefined,
  );
}

/**
 * Opens the quick-fix menu on the quotation that starts line PIN_LINE (1-based) and waits for
 * the driver to choose the pin in it: the line becomes the pin comment and the quotation moves
 * down one. Reports the quick fixes offered, the lines, the diagnostics and the hovers.
 */
async function observePin(results: Record<string, unknown>): Promise<void> {
  const line = Number(process.env[PIN_LINE]) - 1;
  const article = process.env[ARTICLE];
  if (!article || !(line >= 0)) {
    throw new Error(`${ARTICLE} and ${PIN_LINE} must be set`);
  }
  await vscode.commands.executeCommand("editor.action.hideHover");
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(article));
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    preserveFocus: false,
    preview: false,
  });
  const quote = document.lineAt(line).text;
  results.quoteBefore = quote;
  const inQuote = new vscode.Position(line, 1);
  results.hoverBefore = await hoverText(document.uri, inQuote);
  results.diagnosticsBefore = copydeskDiagnostics(document.uri);
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    "vscode.executeCodeActionProvider",
    document.uri,
    new vscode.Range(inQuote, inQuote),
    vscode.CodeActionKind.QuickFix.value,
  );
  results.quickFixes = (actions ?? []).map((action) => action.title);

  // The menu a user opens with Ctrl+. (the lightbulb): the driver chooses the pin in it.
  editor.selection = new vscode.Selection(inQuote, inQuote);
  editor.revealRange(new vscode.Range(inQuote, inQuote), vscode.TextEditorRevealType.InCenter);
  void vscode.commands.executeCommand("editor.action.quickFix");
  results.menuOpened = true;

  const moved = await waitFor(60_000, () =>
    document.lineCount > line + 1 && document.lineAt(line + 1).text === quote ? true : undefined,
  );
  results.lines = [line, line + 1].filter((l) => l < document.lineCount).map((l) => document.lineAt(l).text);
  if (!moved) {
    throw new Error(`the quotation did not move down a line within 60 s (no action applied?)`);
  }
  const pinned = new vscode.Position(line + 1, 1);
  // The server analyses the edit: wait, at most 15 s, for the warning to leave both the line
  // it was on (where VS Code keeps it until the server publishes again) and the one below.
  await waitFor(15_000, () =>
    copydeskDiagnostics(document.uri).some(
      (d) => d.code === "unattributed-quote" && (d.line === line + 1 || d.line === line + 2),
    )
      ? undefined
      : true,
  );
  results.diagnosticsAfter = copydeskDiagnostics(document.uri);
  results.hoverAfter = await hoverText(document.uri, pinned);
  results.dirty = document.isDirty;
}

function copydeskDiagnostics(uri: vscode.Uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === "copydesk")
    .map((d) => ({
      code: typeof d.code === "object" ? String(d.code.value) : String(d.code),
      severity: vscode.DiagnosticSeverity[d.severity],
      line: d.range.start.line + 1,
    }));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position);
  return (hovers ?? []).flatMap((hover) => hover.contents.map(markdownText)).join("\n");
}

async function observe(client: () => LanguageClient | undefined, results: Record<string, unknown>): Promise<void> {
  const article = process.env[ARTICLE];
  const actor = process.env[ACTOR];
  if (!article || !actor) {
    throw new Error(`${ARTICLE} and ${ACTOR} must be set`);
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(article));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  results.languageId = document.languageId;

  const diagnostics = await waitFor(30_000, () => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === "copydesk");
    return found.length > 0 ? found : undefined;
  });
  results.diagnostics = (diagnostics ?? []).map((d) => ({
    code: typeof d.code === "object" ? String(d.code.value) : String(d.code),
    severity: vscode.DiagnosticSeverity[d.severity],
    line: d.range.start.line + 1,
    character: d.range.start.character,
    message: d.message,
  }));
  results.serverInfo = client()?.initializeResult?.serverInfo;

  // The first occurrence the server treats as a mention (one in the front matter is not).
  const text = document.getText();
  for (let index = text.indexOf(actor); index >= 0; index = text.indexOf(actor, index + 1)) {
    const position = document.positionAt(index + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      document.uri,
      position,
    );
    const contents = (hovers ?? []).flatMap((hover) => hover.contents.map(markdownText));
    if (contents.join("").trim() === "") {
      continue;
    }
    results.hover = { line: position.line + 1, character: position.character, contents };
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      "vscode.executeDefinitionProvider",
      document.uri,
      position,
    );
    results.definitions = await Promise.all((definitions ?? []).map(describeLocation));

    // Show the hover in the editor, for the screenshot.
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand("editor.action.showHover");
    results.hoverShown = true;
    return;
  }
  throw new Error(`no hover on any occurrence of ${actor}`);
}

function markdownText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === "string") {
    return content;
  }
  return "value" in content ? content.value : "";
}

async function describeLocation(location: vscode.Location | vscode.LocationLink) {
  const uri = "targetUri" in location ? location.targetUri : location.uri;
  const range = "targetUri" in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
  const document = await vscode.workspace.openTextDocument(uri);
  return {
    path: uri.fsPath,
    line: range.start.line + 1,
    text: document.lineAt(range.start.line).text,
  };
}

async function waitFor<T>(timeoutMs: number, probe: () => T | undefined): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
