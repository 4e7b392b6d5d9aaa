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

use crate::analysis::ledger::Ledger;

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
}

/// `1 quotation`, `2 quotations`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A role and an affiliation as one cell: `Mayor, Riverside City Council`.
pub(crate) fn role_and_affiliation(source: &crate::analysis::ledger::Source) -> String {
    [source.role.as_deref(), source.affiliation.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ")
}
