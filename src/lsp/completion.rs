//! Completion: entity names and aliases inside a capitalised word of an article; kinds and
//! entity ids inside glossary files.

use std::sync::LazyLock;

use regex::Regex;
use tower_lsp_server::lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};

use super::position::Encoding;
use super::snapshot::{Content, Snapshot};
use crate::analysis::{EntityKind, Span};

/// `kind = "per` or `affiliation = "cou` up to the cursor, capturing the field and the prefix.
static GLOSSARY_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|[\s{,])(kind|affiliation)\s*=\s*"([\w.-]*)$"#).expect("valid regex"));

pub fn completion(snapshot: &Snapshot, offset: usize, encoding: Encoding) -> Vec<CompletionItem> {
    let offset = floor_boundary(&snapshot.text, offset);
    match &snapshot.content {
        Content::Article(article) => {
            let start = word_start(&snapshot.text, offset);
            let prefix = &snapshot.text[start..offset];
            if !prefix.chars().next().is_some_and(char::is_uppercase) {
                return Vec::new();
            }
            let edit_range = snapshot.lines.range(&snapshot.text, Span::new(start, offset), encoding);
            let lower = prefix.to_lowercase();
            let mut items = Vec::new();
            for entity in &article.glossary.index.entities {
                let detail = match &entity.role {
                    Some(role) => format!("{} · {role}", entity.kind.as_str()),
                    None => entity.kind.as_str().to_string(),
                };
                for (label, is_alias) in
                    std::iter::once((&entity.name, false)).chain(entity.aliases.iter().map(|a| (a, true)))
                {
                    if !label.to_lowercase().starts_with(&lower)
                        || items.iter().any(|i: &CompletionItem| &i.label == label)
                    {
                        continue;
                    }
                    items.push(CompletionItem {
                        label: label.clone(),
                        kind: Some(if entity.kind == EntityKind::Person {
                            CompletionItemKind::REFERENCE
                        } else {
                            CompletionItemKind::CLASS
                        }),
                        detail: Some(if is_alias { format!("{} ({detail})", entity.name) } else { detail.clone() }),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(edit_range, label.clone()))),
                        ..CompletionItem::default()
                    });
                }
            }
            items
        }
        Content::Glossary(glossary) => {
            let line_start = snapshot.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let Some(captures) = GLOSSARY_VALUE.captures(&snapshot.text[line_start..offset]) else {
                return Vec::new();
            };
            let prefix = captures.get(2).map_or("", |m| m.as_str());
            let edit_range = snapshot.lines.range(&snapshot.text, Span::new(offset - prefix.len(), offset), encoding);
            let candidates: Vec<(String, String)> = if &captures[1] == "kind" {
                EntityKind::ALL.iter().map(|k| (k.as_str().to_string(), "entity kind".to_string())).collect()
            } else {
                let mut ids: Vec<(String, String)> = Vec::new();
                let entities = glossary.context.index.entities.iter().chain(glossary.own.entities.iter());
                for entity in entities {
                    if !ids.iter().any(|(id, _)| *id == entity.id) {
                        ids.push((entity.id.clone(), entity.name.clone()));
                    }
                }
                ids
            };
            candidates
                .into_iter()
                .filter(|(label, _)| label.starts_with(prefix))
                .map(|(label, detail)| CompletionItem {
                    kind: Some(CompletionItemKind::ENUM_MEMBER),
                    detail: Some(detail),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(edit_range, label.clone()))),
                    label,
                    ..CompletionItem::default()
                })
                .collect()
        }
        Content::Skipped | Content::TooLarge { .. } => Vec::new(),
    }
}

/// Where the word ending at `offset` starts (letters, digits, apostrophes and hyphens inside).
fn word_start(text: &str, offset: usize) -> usize {
    let mut start = offset;
    for (i, c) in text[..offset].char_indices().rev() {
        if c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' {
            start = i;
        } else {
            break;
        }
    }
    start
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, cursor, glossary_snapshot, snapshot};

    /// Completes at `$0` and checks the labels offered.
    fn check(fixture: &str, expect: &[&str]) {
        let (text, offset) = cursor(fixture);
        let items = completion(&snapshot(&text, COUNCIL_GLOSSARY), offset, Encoding::Utf16);
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, expect, "{fixture}");
    }

    #[test]
    fn names_and_aliases_inside_a_capitalised_word() {
        check("Ad$0\n", &["Ada Okafor"]);
        check("Cou$0\n", &["Councillor Brandt"]);
        check("R$0\n", &["Riverside City Council"]);
        check("Zed$0\n", &[]);
        check("ad$0\n", &[]);
        check("$0\n", &[]);
    }

    #[test]
    fn kinds_and_ids_inside_glossaries() {
        let check_glossary = |line: &str, expect: &[&str]| {
            let text = format!("{COUNCIL_GLOSSARY}\n[hale]\nname = \"Martin Hale\"\n{line}");
            let items = completion(&glossary_snapshot(&text), text.len(), Encoding::Utf16);
            let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
            assert_eq!(labels, expect, "{line}");
        };
        check_glossary("kind = \"", &["person", "organization", "publication", "place", "document", "group"]);
        check_glossary("kind = \"p", &["person", "publication", "place"]);
        check_glossary("affiliation = \"c", &["council"]);
        // The table being typed in does not parse yet, so `hale` itself is not offered.
        check_glossary("affiliation = \"", &["okafor", "brandt", "council"]);
        check_glossary("role = \"", &[]);
    }
}
