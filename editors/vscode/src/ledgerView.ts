// The parts of the ledger panel and status bar that need no VS Code: the page the webview
// shows, the status bar's words, and the debounce that keeps typing from flooding the server.
// Kept apart from the vscode module so that `node --test` can check them.

/** The server as the status bar tells it. */
export type ServerState = "starting" | "ready" | "error";

/** The client command the server's code lenses run; the extension implements it. */
export const SHOW_LEDGER_COMMAND = "copydesk.showLedger";
/** The server's command answering the `report --format html` page of one article. */
export const LEDGER_HTML_COMMAND = "copydesk.ledgerHtml";

/**
 * The server's page, made fit for a webview: a content security policy that allows its
 * inline CSS and SVG and nothing else (the page has no scripts and fetches nothing), and a
 * light background, since the page is drawn dark on light and a dark theme would otherwise
 * put it on dark.
 */
export function panelHtml(page: string): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">\n` +
    `<style>html, body { background: #ffffff; color: #1d1d1f; }</style>\n`;
  const at = page.search(/<head>/i);
  if (at < 0) {
    return `<!DOCTYPE html><html><head>${head}</head><body>${page}</body></html>`;
  }
  const after = at + "<head>".length;
  return page.slice(0, after) + "\n" + head + page.slice(after);
}

/** What the panel shows when there is no ledger to show, with the reason. */
export function messageHtml(message: string): string {
  return panelHtml(`<p>${escapeHtml(message)}</p>`);
}

/**
 * The status bar's text: the article's counts once the server is ready (the first-line code
 * lens's words), else the server's state.
 */
export function statusText(state: ServerState, summary?: string): string {
  switch (state) {
    case "starting":
      return "$(loading~spin) copydesk starting";
    case "error":
      return "$(error) copydesk stopped";
    case "ready":
      return summary ? `$(quote) ${summary}` : "$(check) copydesk";
  }
}

export function statusTooltip(state: ServerState): string {
  switch (state) {
    case "starting":
      return "The copydesk server is starting.";
    case "error":
      return "The copydesk server is not running: see the copydesk output.";
    case "ready":
      return "copydesk is ready. Click to open the source ledger.";
  }
}

/** A code lens as the server sends it, as far as the status bar reads it. */
export interface LensLike {
  range: { start: { line: number; character: number } };
  command?: { title: string; command: string };
}

/** The article's summary: the ledger lens on the first line, if the server sent one. */
export function summaryFromLenses(lenses: readonly LensLike[] | null | undefined): string | undefined {
  const top = (lenses ?? []).find(
    (lens) => lens.range.start.line === 0 && lens.command?.command === SHOW_LEDGER_COMMAND,
  );
  return top?.command?.title;
}

/**
 * Runs the latest scheduled call once `delayMs` have passed without another: a burst of
 * keystrokes asks the server for one ledger, not one per keystroke.
 */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly delayMs: number) {}

  schedule(call: () => void): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      call();
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
