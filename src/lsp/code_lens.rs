//! Code lenses: the article's source ledger in one line on its first line (`9 quotations · 4
//! sources (1 woman, 3 men) · 1 unattributed · 1 anonymous`), and a line over each source's
//! first quotation (`quoted 3× · mentioned 2×`). Each opens the ledger through the client's
//! `copydesk.showLedger` command; the words come from `analysis::ledger`.

use tower_lsp_server::lsp_types::{CodeLens, Command, Position, Range};

use super::ledger_commands::ledger;
use super::position::Encoding;
use super::snapshot::{Content, Snapshot};

/// The client's command that shows the ledger of the document given as its argument. The
/// server does not list it among its own commands: an editor implements it (VS Code's panel,
/// Neovim's scratch buffer), and one that does not can still run `copydesk.ledger`.
pub const SHOW_LEDGER_COMMAND: &str = "copydesk.showLedger";

pub fn code_lenses(snapshot: &Snapshot, encoding: Encoding) -> Vec<CodeLens> {
    let Content::Article(article) = &snapshot.content else {
        return Vec::new();
    };
    let Some(ledger) = ledger(snapshot) else { return Vec::new() };
    let show = |title: String| Command {
        title,
        command: SHOW_LEDGER_COMMAND.to_string(),
        arguments: Some(vec![serde_json::Value::String(snapshot.uri.as_str().to_string())]),
    };
    let top = Range::new(Position::new(0, 0), Position::new(0, 0));
    let mut lenses = vec![CodeLens { range: top, command: Some(show(ledger.summary())), data: None }];
    for (first, line) in ledger.source_summaries(&article.analysis, &article.glossary.index) {
        let range = snapshot.lines.range(&snapshot.text, first.span, encoding);
        lenses.push(CodeLens { range, command: Some(show(line)), data: None });
    }
    // The sources come most quoted first; clients read lenses in the order of the text.
    lenses.sort_by_key(|lens| (lens.range.start.line, lens.range.start.character));
    lenses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, glossary_snapshot, snapshot};

    fn titles(snapshot: &Snapshot) -> Vec<(u32, String)> {
        code_lenses(snapshot, Encoding::Utf16)
            .into_iter()
            .map(|lens| {
                let command = lens.command.expect("every lens has its command");
                assert_eq!(command.command, SHOW_LEDGER_COMMAND);
                (lens.range.start.line, command.title)
            })
            .collect()
    }

    #[test]
    fn the_first_line_sums_up_the_ledger_and_each_source_gets_a_line() {
        let article = "# Vote\n\nAda Okafor spoke first.\n\n“Open it,” said Ada Okafor.\n\n“No,” said Tomas Brandt.\n\nThe vote is in April.\n\n“We start in May and finish in June.”\n";
        assert_eq!(
            titles(&snapshot(article, COUNCIL_GLOSSARY)),
            [
                (0, "3 quotations · 2 sources (1 woman, 1 man) · 1 unattributed".to_string()),
                (4, "quoted 1× · mentioned 2×".to_string()),
                (6, "quoted 2× · mentioned 1×".to_string()),
            ]
        );
    }

    #[test]
    fn glossaries_get_no_lenses() {
        assert_eq!(titles(&glossary_snapshot(COUNCIL_GLOSSARY)), []);
    }
}
