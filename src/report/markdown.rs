//! One article's ledger as Markdown, for editors that show a document rather than a page
//! (the language server's `copydesk.ledger` command): the summary, a table with a row per
//! source, and the lists the human report prints under its table.

use std::fmt::Write as _;

use super::{counts, gender_shares, kind_shares, plural, role_and_affiliation};
use crate::analysis::ledger::Ledger;

pub fn document(title: &str, ledger: &Ledger) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Source ledger: {}\n", escape(title));
    let _ = writeln!(md, "{}\n", counts(ledger));

    md.push_str("## Sources\n\n");
    if ledger.sources.is_empty() {
        md.push_str("No quoted sources.\n\n");
    } else {
        md.push_str(
            "| Source | Kind | Gender | Role, affiliation | Quotes | Assumed | Direct | Partial | Words | First |\n",
        );
        md.push_str("|---|---|---|---|--:|--:|--:|--:|--:|---|\n");
        for s in &ledger.sources {
            let name = match &s.entity {
                Some(id) => format!("{} `{}`", escape(&s.name), id.replace('`', "'")),
                None if s.named => escape(&s.name),
                None => format!("{} *(anonymous)*", escape(&s.name)),
            };
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | line {} |",
                s.kind_str(),
                if s.is_person() { s.gender.as_str() } else { "–" },
                escape(&role_and_affiliation(s)),
                s.quotations,
                s.assumed,
                s.direct,
                s.partial,
                s.words,
                s.first.line,
            );
        }
        md.push('\n');
    }

    list(
        &mut md,
        "Unattributed quotations",
        ledger.unattributed.iter().map(|u| {
            let assumed =
                u.likely_speaker.as_ref().map_or(String::new(), |n| format!("; readers will assume {}", escape(n)));
            format!("line {} ({}){assumed}", u.at.line, plural(u.words, "word", "words"))
        }),
    );
    list(
        &mut md,
        "According to",
        ledger.according_to.iter().map(|a| format!("line {} {}", a.at.line, escape(&a.source))),
    );
    list(
        &mut md,
        "Mentioned, never quoted",
        ledger.unquoted.iter().map(|u| {
            let mentions = plural(u.mentions, "mention", "mentions");
            format!(
                "{} `{}`, {}, {mentions}, first at line {}",
                escape(&u.name),
                u.entity,
                u.kind.as_str(),
                u.first.line
            )
        }),
    );

    let _ = writeln!(md, "## Shares\n\n- {}\n- {}", gender_shares(ledger), kind_shares(ledger));
    md
}

fn list(md: &mut String, heading: &str, items: impl Iterator<Item = String>) {
    let _ = writeln!(md, "## {heading}\n");
    let mut any = false;
    for item in items {
        any = true;
        let _ = writeln!(md, "- {item}");
    }
    if !any {
        md.push_str("None.\n");
    }
    md.push('\n');
}

/// Names and roles come from the article and its glossary: a `|` would end a table cell and
/// `*`, `_`, `[` or `<` would turn into formatting or links, so each is taken literally.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ledger::{Place, Source};
    use crate::analysis::{EntityKind, Gender};

    fn source(name: &str, entity: Option<&str>, quotations: usize) -> Source {
        Source {
            entity: entity.map(str::to_string),
            name: name.to_string(),
            kind: entity.map(|_| EntityKind::Person),
            role: Some("Mayor".to_string()),
            affiliation: None,
            gender: Gender::Woman,
            named: entity.is_some(),
            quotations,
            attributed: quotations,
            assumed: 0,
            direct: quotations,
            partial: 0,
            words: 4 * quotations,
            according_to: 0,
            first: Place { article: 0, line: 7, span: Default::default() },
        }
    }

    #[test]
    fn each_source_is_a_row_of_the_table() {
        let ledger = Ledger {
            articles: 1,
            quotations: 3,
            words_quoted: 12,
            direct: 3,
            sources: vec![source("Ada Okafor", Some("okafor"), 2), source("a spokesman", None, 1)],
            ..Ledger::default()
        };
        let md = document("bridge.md", &ledger);
        assert!(md.starts_with("# Source ledger: bridge.md\n\n3 quotations (3 direct, 0 partial), 12 words quoted, 2 sources (1 named, 1 anonymous)\n"), "{md}");
        assert!(md.contains("| Ada Okafor `okafor` | person | woman | Mayor | 2 | 0 | 2 | 0 | 8 | line 7 |\n"), "{md}");
        assert!(md.contains("| a spokesman *(anonymous)* | unknown | woman | Mayor | 1 |"), "{md}");
        assert!(md.contains("## Unattributed quotations\n\nNone.\n"), "{md}");
    }

    #[test]
    fn names_cannot_break_the_table_or_format() {
        assert_eq!(escape("A|B *C* [d](e) <f>"), "A\\|B \\*C\\* \\[d\\](e) \\<f\\>");
    }
}
