//! Attributing quotations to speakers and resolving pronouns.

use super::mentions::Mention;
use super::quotes::Quote;
use super::{Article, Diagnostic, GlossaryIndex};

#[derive(Debug, Default)]
pub struct Attributed {
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn attribute(
    prose: &str,
    article: &Article,
    quotes: Vec<Quote>,
    mentions: &[Mention],
    glossary: &GlossaryIndex,
) -> Attributed {
    let _ = (prose, article, mentions, glossary);
    Attributed { quotes, diagnostics: Vec::new() }
}
