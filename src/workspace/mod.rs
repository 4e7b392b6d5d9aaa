//! Reading articles and glossary files from disk: the only place analysis inputs come from
//! files. Front ends pass a `read` function so that unsaved editor buffers can stand in for
//! files on disk.

pub mod articles;
mod glossaries;

pub use glossaries::{GlossaryCache, load_glossaries, load_glossaries_cached};

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::{Diagnostic, GlossaryIndex};

/// The glossary that applies to one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleGlossary {
    /// Shared: articles with the same glossary files share one built index.
    pub index: Arc<GlossaryIndex>,
    /// The glossary files merged into `index`, nearest first (as in `index.files`).
    pub paths: Vec<PathBuf>,
    /// Problems inside glossary files, with the file each belongs to.
    pub file_problems: Vec<(PathBuf, Diagnostic)>,
    /// Problems to show on the article itself, such as a front matter path that is missing.
    pub article_problems: Vec<Diagnostic>,
}
