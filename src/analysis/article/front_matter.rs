//! YAML (`---`) and TOML (`+++`) front matter: recognised, never prose, and read for its
//! `glossary` key.

use crate::analysis::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// From the opening fence to the end of the closing fence's line.
    pub span: Span,
    /// Paths named by the `glossary` key, relative to the article, each with its span.
    pub glossary: Vec<(String, Span)>,
}

pub(super) fn parse(_text: &str) -> Option<FrontMatter> {
    None // FIXME(front-matter helper): recognise `---` and `+++` blocks.
}
