//! Mentions of glossary entities in an article's prose.

use super::{Article, EntityId, GlossaryIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entity: EntityId,
}

/// Every glossary name in the article's blocks, in reading order.
pub fn find(prose: &str, article: &Article, glossary: &GlossaryIndex) -> Vec<Mention> {
    let _ = article;
    glossary.find_names(prose).into_iter().map(|(span, entity)| Mention { span, entity }).collect()
}
