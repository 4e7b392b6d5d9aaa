//! Document symbols (the speakers of an article and their quotes; the entities of a
//! glossary) and workspace symbols (every entity of every glossary).

use tower_lsp_server::lsp_types::{DocumentSymbol, SymbolInformation, SymbolKind};

use super::position::Encoding;
use super::snapshot::{Content, Snapshot};
use super::workspace_index::IndexedEntity;
use crate::analysis::quotes::Quote;
use crate::analysis::{EntityKind, Span};

/// Quotes shown in an outline are cut to this many characters.
const QUOTE_PREVIEW_CHARS: usize = 60;

pub fn document_symbols(snapshot: &Snapshot, encoding: Encoding) -> Vec<DocumentSymbol> {
    let range = |span: Span| snapshot.lines.range(&snapshot.text, span, encoding);
    match &snapshot.content {
        Content::Article(article) => {
            // Speakers in order of first quotation, each with its quotations.
            let mut speakers: Vec<(String, Option<Span>, Vec<&Quote>)> = Vec::new();
            for quote in &article.analysis.quotes {
                if quote.kind != crate::analysis::quotes::QuoteKind::Speech {
                    continue;
                }
                let (name, speaker_span) = match (&quote.attribution, quote.speaker()) {
                    (_, Some(resolved)) => (resolved.name.clone(), quote.attribution.as_ref().map(|a| a.speaker)),
                    (Some(attribution), None) => {
                        (attribution.speaker.text(&snapshot.text).to_string(), Some(attribution.speaker))
                    }
                    (None, None) => ("(unattributed)".to_string(), None),
                };
                match speakers.iter_mut().find(|(n, _, _)| *n == name) {
                    Some((_, first, quotes)) => {
                        quotes.push(quote);
                        first.get_or_insert_with(|| speaker_span.unwrap_or(quote.span));
                    }
                    None => speakers.push((name, speaker_span, vec![quote])),
                }
            }
            speakers
                .into_iter()
                .map(|(name, speaker_span, quotes)| {
                    let children: Vec<DocumentSymbol> =
                        quotes.iter().map(|quote| quote_symbol(snapshot, quote, encoding)).collect();
                    let mut whole = quotes[0].span;
                    for quote in &quotes {
                        whole = union(whole, quote.span);
                        if let Some(attribution) = &quote.attribution {
                            whole = union(whole, attribution.speaker);
                        }
                    }
                    let selection = speaker_span.unwrap_or(quotes[0].span);
                    symbol(
                        name,
                        Some(format!("{} quotation{}", children.len(), if children.len() == 1 { "" } else { "s" })),
                        SymbolKind::OBJECT,
                        range(union(whole, selection)),
                        range(selection),
                        Some(children),
                    )
                })
                .collect()
        }
        Content::Glossary(glossary) => glossary
            .own
            .entities
            .iter()
            .map(|entity| {
                let whole = entity.fields.iter().fold(entity.header, |whole, (_, span)| union(whole, *span));
                symbol(
                    entity.name.clone(),
                    Some(entity.id.clone()),
                    kind_symbol(entity.kind),
                    range(whole),
                    range(entity.header),
                    None,
                )
            })
            .collect(),
        Content::Skipped | Content::TooLarge { .. } => Vec::new(),
    }
}

fn quote_symbol(snapshot: &Snapshot, quote: &Quote, encoding: Encoding) -> DocumentSymbol {
    let text = quote.span.text(&snapshot.text);
    let mut preview: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if preview.chars().count() > QUOTE_PREVIEW_CHARS {
        preview = preview.chars().take(QUOTE_PREVIEW_CHARS).collect::<String>() + "…";
    }
    if preview.is_empty() {
        preview = "(empty quotation)".to_string();
    }
    let cue = quote.attribution.as_ref().map(|a| a.cue.text(&snapshot.text).to_string());
    let range = snapshot.lines.range(&snapshot.text, quote.span, encoding);
    symbol(preview, cue, SymbolKind::STRING, range, range, None)
}

#[allow(deprecated)] // `deprecated` is a required field of the struct, though deprecated itself.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::lsp_types::Range,
    selection_range: tower_lsp_server::lsp_types::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol { name, detail, kind, tags: None, deprecated: None, range, selection_range, children }
}

fn union(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

pub fn kind_symbol(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::OBJECT,
        EntityKind::Organization => SymbolKind::CLASS,
        EntityKind::Group => SymbolKind::STRUCT,
        EntityKind::Publication | EntityKind::Document => SymbolKind::FILE,
        EntityKind::Place => SymbolKind::NAMESPACE,
    }
}

/// Entities whose name or id contains the query, ignoring case (all for an empty query).
/// Answered as `SymbolInformation`, which every client version understands.
#[allow(deprecated)] // `deprecated` is a required field of the struct, though deprecated itself.
pub fn workspace_symbols(entities: Vec<IndexedEntity>, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    entities
        .into_iter()
        .filter(|e| query.is_empty() || e.name.to_lowercase().contains(&query) || e.id.to_lowercase().contains(&query))
        .map(|e| SymbolInformation {
            name: e.name,
            kind: kind_symbol(e.kind),
            tags: None,
            deprecated: None,
            location: e.location,
            container_name: Some(e.id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, snapshot};

    /// Checks the outline as `speaker: quote | quote` lines.
    fn check(text: &str, expect: &[&str]) {
        let outline: Vec<String> = document_symbols(&snapshot(text, COUNCIL_GLOSSARY), Encoding::Utf16)
            .into_iter()
            .map(|speaker| {
                let quotes: Vec<String> = speaker.children.unwrap_or_default().into_iter().map(|q| q.name).collect();
                format!("{}: {}", speaker.name, quotes.join(" | "))
            })
            .collect();
        assert_eq!(outline, expect, "{text}");
    }

    #[test]
    fn speakers_in_order_of_first_quote_with_their_quotes() {
        check(
            "“Open it,” said Tomas Brandt.\n\n“Not yet,” Ada Okafor said.\n\n“Now,” he said.\n\nShe reread the novel “Beloved”.\n",
            &["Tomas Brandt: “Open it,” | “Now,”", "Ada Okafor: “Not yet,”"],
        );
    }

    #[test]
    fn long_quotes_are_cut_and_unknown_speakers_kept_as_written() {
        let long = format!("“{}.” said Lena Vogt.\n", "word ".repeat(20).trim_end());
        let preview: String = format!("“{}", "word ".repeat(20)).chars().take(QUOTE_PREVIEW_CHARS).collect();
        check(&long, &[format!("Lena Vogt: {preview}…").as_str()]);
    }

    #[test]
    fn workspace_symbols_match_names_and_ids_ignoring_case() {
        let uri: tower_lsp_server::lsp_types::Uri = "file:///w/glossary.toml".parse().unwrap();
        let entities = crate::lsp::workspace_index::glossary_entities(&uri, COUNCIL_GLOSSARY, Encoding::Utf16);
        let names = |query: &str| -> Vec<String> {
            workspace_symbols(entities.clone(), query).into_iter().map(|s| s.name).collect()
        };
        assert_eq!(names("BRANDT"), ["Tomas Brandt"]);
        assert_eq!(names("council"), ["Riverside City Council"]);
        assert_eq!(names("").len(), 3);
        assert_eq!(names("nobody"), Vec::<String>::new());
    }
}
