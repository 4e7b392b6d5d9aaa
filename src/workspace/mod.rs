//! Reading articles and glossary files from disk: the only place analysis inputs come from
//! files. Front ends pass a `read` function so that unsaved editor buffers can stand in for
//! files on disk.

pub mod articles;
mod glossaries;
pub mod project_config;

pub use glossaries::{GlossaryCache, GlossaryReason, explain_glossaries, load_glossaries, load_glossaries_cached};

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
    /// The text of each file in `paths` as it was read and parsed: problems in a file are
    /// placed in this text, never in the file read again.
    pub texts: Arc<[Arc<str>]>,
    /// Problems inside glossary files, with the file each belongs to.
    pub file_problems: FileProblems,
    /// Problems to show on the article itself, such as a front matter path that is missing.
    pub article_problems: Vec<Diagnostic>,
}

/// Problems inside glossary files. Those found parsing and merging the files are shared by
/// every article that loads the same files (a glossary with 10,000 problems is not copied
/// for each of a thousand articles); a file this article could not read is its own, and
/// listed first.
#[derive(Debug, Clone, Default)]
pub struct FileProblems {
    shared: Arc<[(PathBuf, Diagnostic)]>,
    own: Vec<(PathBuf, Diagnostic)>,
}

impl FileProblems {
    pub fn iter(&self) -> impl Iterator<Item = &(PathBuf, Diagnostic)> {
        self.own.iter().chain(self.shared.iter())
    }

    pub fn len(&self) -> usize {
        self.shared.len() + self.own.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn push(&mut self, problem: (PathBuf, Diagnostic)) {
        self.own.push(problem);
    }

    /// The problems of a built glossary, listed after this article's own.
    pub(crate) fn share(&mut self, shared: Arc<[(PathBuf, Diagnostic)]>) {
        self.shared = shared;
    }
}

impl<'a> IntoIterator for &'a FileProblems {
    type Item = &'a (PathBuf, Diagnostic);
    type IntoIter =
        std::iter::Chain<std::slice::Iter<'a, (PathBuf, Diagnostic)>, std::slice::Iter<'a, (PathBuf, Diagnostic)>>;

    fn into_iter(self) -> Self::IntoIter {
        self.own.iter().chain(self.shared.iter())
    }
}
