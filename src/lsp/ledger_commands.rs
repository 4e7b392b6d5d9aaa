//! The source ledger of an open article through `workspace/executeCommand`, for any client:
//! `copydesk.ledger` answers Markdown (a table with a row per source, and the lists under
//! it), `copydesk.ledgerHtml` the self-contained page of `copydesk report --format html`.
//! Both take the document's URI as their one argument.

use serde_json::Value;
use tower_lsp_server::UriExt;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::Uri;

use super::snapshot::{Content, Snapshot};
use crate::analysis::ledger::Ledger;
use crate::report::{self, Report};

pub const LEDGER_COMMAND: &str = "copydesk.ledger";
pub const LEDGER_HTML_COMMAND: &str = "copydesk.ledgerHtml";

/// The ledger of an analysed article; None for glossaries and documents not analysed.
pub fn ledger(snapshot: &Snapshot) -> Option<Ledger> {
    let Content::Article(article) = &snapshot.content else { return None };
    Some(Ledger::of(&snapshot.text, &article.analysis, &article.glossary.index))
}

/// The document a ledger command names: a URI string, or an object with `uri` (as a
/// `TextDocumentIdentifier` is written).
pub fn document(arguments: &[Value]) -> Result<Uri> {
    let uri = match arguments.first() {
        Some(Value::String(uri)) => uri.as_str(),
        Some(Value::Object(object)) => object.get("uri").and_then(Value::as_str).unwrap_or_default(),
        _ => "",
    };
    let wrong = || Error::invalid_params("the ledger commands take the document's URI");
    // An empty string parses as a relative reference, which names no document.
    if uri.is_empty() {
        return Err(wrong());
    }
    uri.parse().map_err(|_| wrong())
}

/// The command's answer: Markdown or HTML, as the command asks.
pub fn render(command: &str, snapshot: &Snapshot) -> Result<Value> {
    let Some(ledger) = ledger(snapshot) else {
        return Err(Error::invalid_params(format!("{} is not an analysed article", snapshot.uri.as_str())));
    };
    let title = name(&snapshot.uri);
    Ok(Value::String(if command == LEDGER_HTML_COMMAND {
        report::html::page(&Report::single(title, ledger))
    } else {
        report::markdown::document(&title, &ledger)
    }))
}

/// The document's file name, which is what a reader knows it by; the URI for a document
/// with no file, such as an unsaved one.
fn name(uri: &Uri) -> String {
    let path = uri.to_file_path();
    let file = path.as_deref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    file.unwrap_or_else(|| uri.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, snapshot};
    use serde_json::json;

    #[test]
    fn the_document_is_a_uri_or_an_identifier() {
        assert_eq!(document(&[json!("file:///w/a.md")]).unwrap().as_str(), "file:///w/a.md");
        assert_eq!(document(&[json!({"uri": "file:///w/a.md"})]).unwrap().as_str(), "file:///w/a.md");
        assert!(document(&[]).is_err());
    }

    #[test]
    fn markdown_and_html_are_the_same_ledger() {
        let snapshot = snapshot("“Open it,” said Ada Okafor.\n", COUNCIL_GLOSSARY);
        let markdown = render(LEDGER_COMMAND, &snapshot).unwrap();
        assert!(markdown.as_str().unwrap().starts_with("# Source ledger: story.md\n"), "{markdown}");
        let html = render(LEDGER_HTML_COMMAND, &snapshot).unwrap();
        assert!(html.as_str().unwrap().contains("data-name=\"Ada Okafor\" data-quotations=\"1\""), "{html}");
    }
}
