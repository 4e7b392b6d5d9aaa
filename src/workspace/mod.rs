//! Reading articles and glossary files from disk: the only place analysis inputs come from
//! files. Front ends pass a `read` function so that unsaved editor buffers can stand in for
//! files on disk.

pub mod articles;

use std::path::{Path, PathBuf};

use crate::analysis::{Diagnostic, FrontMatter, GlossaryIndex};

/// The glossary that applies to one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleGlossary {
    pub index: GlossaryIndex,
    /// The glossary files merged into `index`, nearest first (as in `index.files`).
    pub paths: Vec<PathBuf>,
    /// Problems inside glossary files, with the file each belongs to.
    pub file_problems: Vec<(PathBuf, Diagnostic)>,
    /// Problems to show on the article itself, such as a front matter path that is missing.
    pub article_problems: Vec<Diagnostic>,
}

/// Finds and loads the glossary files for the article at `article`: its front matter's
/// `glossary` paths, a sidecar `<article>.glossary.toml`, every `glossary.toml` from the
/// article's folder up to `root`, then `extra` paths from configuration.
pub fn load_glossaries(
    article: &Path,
    front_matter: Option<&FrontMatter>,
    root: &Path,
    extra: &[PathBuf],
    read: &mut dyn FnMut(&Path) -> std::io::Result<String>,
) -> ArticleGlossary {
    let _ = (article, front_matter, root, extra, read);
    ArticleGlossary::default() // FIXME(glossary helper)
}
