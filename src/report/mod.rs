//! The source ledger as pages: the renderings that `copydesk report` and the language server
//! share, so that the editor shows the same page as the command line. Pure like the analysis
//! (strings in, strings out), but outside it: page layout is no part of the engine.
//!
//! `html.rs` is the self-contained HTML page (inline CSS and SVG); `markdown.rs` is the
//! Markdown document any editor can show. `cards.rs` is the editor's hover text (an entity's
//! card, who said a quotation, whom a speaker stands for), Markdown built from analysis
//! results like the rest, for the language server to wrap.

pub mod cards;
pub mod html;
pub mod markdown;

use crate::analysis::ledger::{Ledger, Place};

/// Each article's ledger, by its path as given, and the total.
pub struct Report {
    pub articles: Vec<(String, Ledger)>,
    pub total: Ledger,
}

impl Report {
    /// The report of one article: its ledger is also the total.
    pub fn single(path: String, ledger: Ledger) -> Report {
        Report { total: ledger.clone(), articles: vec![(path, ledger)] }
    }

    pub fn path(&self, article: usize) -> &str {
        self.articles.get(article).map_or("", |(path, _)| path.as_str())
    }

    /// Where `place` is, as a page shows it: `line 12` under its own article, `news/a.md:12`
    /// in the total of several.
    pub fn place(&self, place: Place, total: bool) -> String {
        if total { format!("{}:{}", self.path(place.article), place.line) } else { format!("line {}", place.line) }
    }
}

/// The ledger's counts in the one line every page opens with: `9 quotations (6 direct, 3
/// partial), 120 words quoted, 4 sources (3 named, 1 anonymous)`.
pub(crate) fn counts(ledger: &Ledger) -> String {
    format!(
        "{} ({} direct, {} partial), {} quoted, {} ({} named, {} anonymous)",
        plural(ledger.quotations, "quotation", "quotations"),
        ledger.direct,
        ledger.partial,
        plural(ledger.words_quoted, "word", "words"),
        plural(ledger.sources.len(), "source", "sources"),
        ledger.named_sources(),
        ledger.anonymous_sources(),
    )
}

/// `Quoted people by gender (4): woman 1, man 3, nonbinary 0, unknown 0`.
pub(crate) fn gender_shares(ledger: &Ledger) -> String {
    let people: usize = ledger.by_gender().iter().map(|(_, n)| n).sum();
    let genders: Vec<String> = ledger.by_gender().iter().map(|(g, n)| format!("{} {n}", g.as_str())).collect();
    format!("Quoted people by gender ({people}): {}", genders.join(", "))
}

/// `Quoted sources by kind: person 4, organization 1`, or `none`.
pub(crate) fn kind_shares(ledger: &Ledger) -> String {
    let kinds: Vec<String> = ledger.by_kind().iter().map(|(k, n)| format!("{k} {n}")).collect();
    let kinds = if kinds.is_empty() { "none".to_string() } else { kinds.join(", ") };
    format!("Quoted sources by kind: {kinds}")
}

/// `1 quotation`, `2 quotations`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` cut to `max` characters, the last of them `…` when it is cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { text.chars().take(max - 1).chain(['…']).collect() }
}

/// A role and an affiliation as one cell: `Mayor, Riverside City Council`.
pub(crate) fn role_and_affiliation(source: &crate::analysis::ledger::Source) -> String {
    [source.role.as_deref(), source.affiliation.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ")
}
