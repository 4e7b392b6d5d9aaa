// The source ledger in a webview panel: the page of `copydesk report --format html` for one
// article, asked of the server (copydesk.ledgerHtml) and asked again as the article changes,
// so the panel follows the writing. One panel, showing the article it was last opened for.

import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";

import { Debouncer, LEDGER_HTML_COMMAND, messageHtml, panelHtml } from "./ledgerView";

/** How long the article must rest before the panel asks for its ledger again. */
const REFRESH_DELAY_MS = 300;

export class LedgerPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private readonly debounce = new Debouncer(REFRESH_DELAY_MS);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Answers that arrive out of order are dropped: only the latest request may draw. */
  private generation = 0;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      // A new analysis publishes diagnostics; typing changes the text. Either may change the
      // ledger, and both come in bursts, hence the debounce.
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.follows(uri))) {
          this.debounce.schedule(() => void this.refresh());
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.follows(event.document.uri)) {
          this.debounce.schedule(() => void this.refresh());
        }
      }),
    );
  }

  /** Opens the panel on `document`, or brings it forward and turns it to `document`. */
  async show(document: vscode.Uri): Promise<void> {
    this.document = document;
    const title = `Sources: ${document.path.split("/").pop() ?? document.toString()}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel("copydesk.ledger", title, {
        viewColumn: vscode.ViewColumn.Beside,
        preserveFocus: true,
      }, { enableScripts: false, enableFindWidget: true });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.document = undefined;
        this.debounce.cancel();
      });
    }
    await this.refresh();
  }

  /** Asks the server for the ledger page again and draws it. */
  async refresh(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    const client = this.client();
    if (!panel || !document) {
      return;
    }
    const generation = ++this.generation;
    let html: string;
    if (!client?.isRunning()) {
      html = messageHtml("The copydesk server is not running.");
    } else {
      try {
        const page = await client.sendRequest(ExecuteCommandRequest.type, {
          command: LEDGER_HTML_COMMAND,
          arguments: [client.code2ProtocolConverter.asUri(document)],
        });
        html = typeof page === "string" ? panelHtml(page) : messageHtml("The server sent no ledger.");
      } catch (error) {
        html = messageHtml(`No ledger for this document: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (generation === this.generation && this.panel === panel) {
      panel.webview.html = html;
    }
  }

  /** The page now shown, for the self-test. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private follows(uri: vscode.Uri): boolean {
    return this.panel !== undefined && this.document?.toString() === uri.toString();
  }

  dispose(): void {
    this.debounce.cancel();
    this.panel?.dispose();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}

/** The document a `copydesk.showLedger` call names: the lens's URI, or the active editor's. */
export function ledgerDocument(argument: unknown): vscode.Uri | undefined {
  if (typeof argument === "string") {
    return vscode.Uri.parse(argument);
  }
  if (argument instanceof vscode.Uri) {
    return argument;
  }
  return vscode.window.activeTextEditor?.document.uri;
}
