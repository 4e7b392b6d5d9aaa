//! Glossaries shared by every analysis in a session, so that 200 open articles using one
//! 10,000-entity glossary hold its text, line map and built index once, and an edit to an
//! article re-reads and rebuilds nothing when its glossary files have not changed.
//!
//! Three layers, each checked against the files as they are now:
//! - the text of each glossary file as last read from disk, reused while the file's size and
//!   modification time stay the same (open editor buffers stand in for files and need no
//!   cache: the document store shares their text);
//! - built glossaries by file contents ([`GlossaryCache`]), replaced by an empty cache when a
//!   glossary changes so that builds of old contents do not pile up while someone types in a
//!   glossary;
//! - for each open article, the glossary last resolved for it and what every file it tried to
//!   read looked like then, reused while all of them look the same.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use super::snapshot::{SourceText, Sources};
use crate::analysis::{FrontMatter, Span};
use crate::workspace::articles::{GLOSSARY_MAX_BYTES, read_text_file};
use crate::workspace::{self, ArticleGlossary, GlossaryCache};

#[derive(Debug, Default)]
pub struct SharedGlossaries {
    built: RwLock<Arc<GlossaryCache>>,
    disk: Mutex<HashMap<PathBuf, (DiskStamp, Arc<SourceText>)>>,
    resolved: Mutex<HashMap<PathBuf, Resolution>>,
    /// Held while a glossary is read and built, so that articles opened together wait for
    /// the first build and share it rather than each building (and holding) their own.
    loading: Mutex<()>,
}

/// Which glossaries one article needs, as [`workspace::load_glossaries`] takes them.
pub struct GlossaryRequest<'a> {
    pub article: &'a Path,
    pub front_matter: Option<&'a FrontMatter>,
    pub root: &'a Path,
    pub extra: &'a [PathBuf],
}

/// Where a file's text comes from when it is not read from disk: an open editor buffer.
pub type OpenSource<'a> = &'a dyn Fn(&Path) -> Option<Arc<SourceText>>;

impl SharedGlossaries {
    /// The glossary for one article. With `remember`, the result is kept for the article
    /// (open documents; not workspace scans, which would pin every article's result) and
    /// reused while none of the files it read has changed.
    pub fn load(
        &self,
        request: &GlossaryRequest,
        open_source: OpenSource,
        remember: bool,
    ) -> (ArticleGlossary, Sources) {
        let key = ResolutionKey::of(request);
        if remember && let Some(reused) = self.reuse(request.article, &key, open_source) {
            return reused;
        }
        let _one_at_a_time = self.loading.lock().unwrap_or_else(|p| p.into_inner());
        // An article opened with this one may have finished the same work while we waited.
        if remember && let Some(reused) = self.reuse(request.article, &key, open_source) {
            return reused;
        }
        let mut reads = Vec::new();
        let mut sources = Sources::default();
        let mut read = |path: &Path| -> io::Result<String> {
            let (origin, source) = self.read(path, open_source);
            reads.push((path.to_path_buf(), origin));
            let source = source?;
            let text = source.text.clone();
            sources.insert(path.to_path_buf(), source);
            Ok(text)
        };
        let built = Arc::clone(&self.built.read().unwrap_or_else(|p| p.into_inner()));
        let glossary = workspace::load_glossaries_cached(
            request.article,
            request.front_matter,
            request.root,
            request.extra,
            &mut read,
            &built,
        );
        if remember {
            let resolution = Resolution { key, reads, glossary: glossary.clone(), sources: sources.clone() };
            self.resolved().insert(request.article.to_path_buf(), resolution);
        }
        (glossary, sources)
    }

    /// A glossary file changed (in an editor buffer or on disk): drop what was built from the
    /// old contents once no snapshot uses it, and forget the file's text as read from disk.
    pub fn glossary_changed(&self, path: Option<&Path>) {
        let mut built = self.built.write().unwrap_or_else(|p| p.into_inner());
        *built = Arc::new(built.fresh());
        {
            let mut disk = self.disk.lock().unwrap_or_else(|p| p.into_inner());
            match path {
                Some(path) => {
                    disk.remove(path);
                }
                None => disk.clear(),
            }
        }
        // Resolutions check every file they read before they are reused; dropping those
        // that read this one also frees its old text and index sooner.
        let mut resolved = self.resolved();
        match path {
            Some(path) => resolved.retain(|_, r| r.reads.iter().all(|(read, _)| read != path)),
            None => resolved.clear(),
        }
    }

    /// The article closed: its resolution is no longer wanted.
    pub fn article_closed(&self, article: &Path) {
        self.resolved().remove(article);
    }

    fn reuse(
        &self,
        article: &Path,
        key: &ResolutionKey,
        open_source: OpenSource,
    ) -> Option<(ArticleGlossary, Sources)> {
        let resolved = self.resolved();
        let resolution = resolved.get(article)?;
        let unchanged = resolution.key == *key
            && resolution.reads.iter().all(|(path, origin)| self.origin(path, open_source) == *origin);
        unchanged.then(|| (resolution.glossary.clone(), resolution.sources.clone()))
    }

    /// What the file at `path` looks like now, without reading it.
    fn origin(&self, path: &Path, open_source: OpenSource) -> Origin {
        if let Some(source) = open_source(path) {
            return Origin::Buffer(source);
        }
        match std::fs::metadata(path) {
            Ok(metadata) => Origin::Disk(DiskStamp::of(&metadata)),
            Err(error) => Origin::Unreadable(error.kind()),
        }
    }

    /// The text of the file at `path`, from an open buffer, the disk cache or the disk, with
    /// what the file looked like before it was read.
    fn read(&self, path: &Path, open_source: OpenSource) -> (Origin, io::Result<Arc<SourceText>>) {
        if let Some(source) = open_source(path) {
            return (Origin::Buffer(Arc::clone(&source)), Ok(source));
        }
        // Stamped before reading: a change during the read leaves a stamp older than the
        // file, which makes the next look read it again.
        let stamp = match std::fs::metadata(path) {
            Ok(metadata) => DiskStamp::of(&metadata),
            Err(error) => return (Origin::Unreadable(error.kind()), Err(error)),
        };
        let cached = self.disk.lock().unwrap_or_else(|p| p.into_inner()).get(path).cloned();
        if let Some((cached_stamp, source)) = cached
            && cached_stamp == stamp
        {
            return (Origin::Disk(stamp), Ok(source));
        }
        match read_text_file(path, GLOSSARY_MAX_BYTES) {
            Ok(text) => {
                let source = Arc::new(SourceText::new(text));
                let mut disk = self.disk.lock().unwrap_or_else(|p| p.into_inner());
                disk.insert(path.to_path_buf(), (stamp.clone(), Arc::clone(&source)));
                (Origin::Disk(stamp), Ok(source))
            }
            Err(error) => (Origin::Disk(stamp), Err(error)),
        }
    }

    fn resolved(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Resolution>> {
        self.resolved.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A file on disk as far as `stat` tells: a rewrite changes its size or modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl DiskStamp {
    fn of(metadata: &std::fs::Metadata) -> DiskStamp {
        DiskStamp { modified: metadata.modified().ok(), len: metadata.len() }
    }
}

/// What a file looked like when an analysis read it (or failed to).
#[derive(Debug, Clone)]
enum Origin {
    /// An open editor buffer: the same text while it is the same shared value.
    Buffer(Arc<SourceText>),
    Disk(DiskStamp),
    Unreadable(io::ErrorKind),
}

impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        match (self, other) {
            (Origin::Buffer(a), Origin::Buffer(b)) => Arc::ptr_eq(a, b),
            (Origin::Disk(a), Origin::Disk(b)) => a == b,
            (Origin::Unreadable(a), Origin::Unreadable(b)) => a == b,
            _ => false,
        }
    }
}

/// Everything besides the files' contents that decides an article's glossary.
#[derive(Debug, Clone, PartialEq)]
struct ResolutionKey {
    root: PathBuf,
    extra: Vec<PathBuf>,
    /// The front matter's glossary paths and where they are written (problems point there).
    front_matter: Vec<(String, Span)>,
}

impl ResolutionKey {
    fn of(request: &GlossaryRequest) -> ResolutionKey {
        ResolutionKey {
            root: request.root.to_path_buf(),
            extra: request.extra.to_vec(),
            front_matter: request.front_matter.map(|f| f.glossary.clone()).unwrap_or_default(),
        }
    }
}

#[derive(Debug)]
struct Resolution {
    key: ResolutionKey,
    reads: Vec<(PathBuf, Origin)>,
    glossary: ArticleGlossary,
    sources: Sources,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace on disk with an article at `news/story.md` and these glossary files.
    fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        dir
    }

    fn load(shared: &SharedGlossaries, root: &Path, open: OpenSource) -> (ArticleGlossary, Sources) {
        let article = root.join("news/story.md");
        let request = GlossaryRequest { article: &article, front_matter: None, root, extra: &[] };
        shared.load(&request, open, true)
    }

    fn names(glossary: &ArticleGlossary) -> Vec<String> {
        glossary.index.entities.iter().map(|e| e.name.clone()).collect()
    }

    const COUNCIL: &str = "[okafor]\nname = \"Ada Okafor\"\n";

    #[test]
    fn articles_share_one_text_and_index_and_see_every_change() {
        let dir = workspace(&[("glossary.toml", COUNCIL)]);
        let root = dir.path();
        let glossary_path = root.join("glossary.toml");
        let shared = SharedGlossaries::default();
        let closed = |_: &Path| None;
        let (first, first_sources) = load(&shared, root, &closed);
        assert_eq!(names(&first), ["Ada Okafor"]);

        // Another article with the same glossary shares its text and index.
        let other = root.join("news/other.md");
        let request = GlossaryRequest { article: &other, front_matter: None, root, extra: &[] };
        let (second, second_sources) = shared.load(&request, &closed, true);
        assert!(Arc::ptr_eq(&first.index, &second.index));
        let text = |sources: &Sources| sources.get(&glossary_path).map(|s| s as *const SourceText);
        assert_eq!(text(&first_sources), text(&second_sources));

        // A change on disk is seen even before the watcher reports it: the size differs.
        std::fs::write(&glossary_path, format!("{COUNCIL}\n[brandt]\nname = \"Tomas Brandt\"\n")).unwrap();
        assert_eq!(names(&load(&shared, root, &closed).0), ["Ada Okafor", "Tomas Brandt"]);

        // An open buffer stands in for the file, and its edits are seen.
        let buffer = Arc::new(SourceText::new("[vogt]\nname = \"Lena Vogt\"\n".to_string()));
        let open = |path: &Path| (path == glossary_path).then(|| Arc::clone(&buffer));
        assert_eq!(names(&load(&shared, root, &open).0), ["Lena Vogt"]);
        assert_eq!(names(&load(&shared, root, &closed).0), ["Ada Okafor", "Tomas Brandt"]);

        // A rewrite of the same size and time (within the clock's resolution) is caught by
        // the watcher's report.
        let modified = std::fs::metadata(&glossary_path).unwrap().modified().unwrap();
        std::fs::write(&glossary_path, format!("{COUNCIL}\n[brandt]\nname = \"Tomas Brandl\"\n")).unwrap();
        std::fs::File::options().write(true).open(&glossary_path).unwrap().set_modified(modified).unwrap();
        assert_eq!(names(&load(&shared, root, &closed).0), ["Ada Okafor", "Tomas Brandt"], "stamp unchanged");
        shared.glossary_changed(Some(&glossary_path));
        assert_eq!(names(&load(&shared, root, &closed).0), ["Ada Okafor", "Tomas Brandl"]);
    }
}
