// The status-bar item: the active article's ledger in one line (the server's first-line code
// lens) once the server is ready, else whether it is starting or has stopped. Clicking it
// opens the ledger panel.

import * as vscode from "vscode";
import { CodeLensRequest, type LanguageClient } from "vscode-languageclient/node";

import {
  Debouncer,
  SHOW_LEDGER_COMMAND,
  type ServerState,
  statusText,
  statusTooltip,
  summaryFromLenses,
} from "./ledgerView";

/** Typing settles for this long before the counts are asked for again. */
const REFRESH_DELAY_MS = 300;

export class LedgerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("copydesk.status", vscode.StatusBarAlignment.Left, 50);
  private readonly debounce = new Debouncer(REFRESH_DELAY_MS);
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: ServerState = "starting";
  private summary: string | undefined;
  private generation = 0;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = "copydesk";
    this.item.command = SHOW_LEDGER_COMMAND;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      // Diagnostics are published after each analysis: the counts may have changed with them.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (event.uris.some((uri) => uri.toString() === active)) {
          this.debounce.schedule(() => void this.refresh());
        }
      }),
    );
    this.draw();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.draw();
    if (state === "ready") {
      void this.refresh();
    }
  }

  /** The text shown now, for the self-test. */
  get text(): string {
    return this.item.text;
  }

  /** Asks the server for the active article's lenses and shows the first line's summary. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const client = this.client();
    const document = vscode.window.activeTextEditor?.document;
    let summary: string | undefined;
    if (this.state === "ready" && client?.isRunning() && document) {
      try {
        const lenses = await client.sendRequest(CodeLensRequest.type, {
          textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
        });
        summary = summaryFromLenses(lenses);
      } catch {
        // A document the server does not analyse has no counts; the state alone is shown.
        summary = undefined;
      }
    }
    if (generation === this.generation) {
      this.summary = summary;
      this.draw();
    }
  }

  private draw(): void {
    this.item.text = statusText(this.state, this.summary);
    this.item.tooltip = statusTooltip(this.state);
  }

  dispose(): void {
    this.debounce.cancel();
    this.item.dispose();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
