//! Finding, reading and merging the glossary files that apply to one article.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::ArticleGlossary;
use crate::analysis::{Code, Diagnostic, FrontMatter, Glossary, GlossaryIndex, Span, glossary};

/// Finds and loads the glossary files for the article at `article`: its front matter's
/// `glossary` paths, a sidecar `<article>.glossary.toml`, every `glossary.toml` from the
/// article's folder up to `root`, then `extra` paths from configuration.
///
/// Files are read only through `read`, nearest first, each path once. A front matter path
/// that is missing, unreadable or outside `root` is reported on the article; a problem in a
/// glossary file is reported in that file. When the article is not inside `root`, its own
/// folder stands in for the root, so nothing above it is searched or read.
///
/// Relative inputs give paths relative to the current directory (as a command line user
/// typed them); absolute inputs give absolute paths (as editors send them).
pub fn load_glossaries(
    article: &Path,
    front_matter: Option<&FrontMatter>,
    root: &Path,
    extra: &[PathBuf],
    read: &mut dyn FnMut(&Path) -> io::Result<String>,
) -> ArticleGlossary {
    load_glossaries_cached(article, front_matter, root, extra, read, &GlossaryCache::default())
}

/// Built glossaries shared by the articles that use the same glossary files with the same
/// contents, so that a folder of articles parses its glossary and builds its name matcher
/// once, not once per article.
#[derive(Debug, Default)]
pub struct GlossaryCache {
    built: Mutex<HashMap<u64, Arc<Built>>>,
    /// The text of each glossary file as it last parsed without a syntax error. While a file
    /// does not parse (someone is typing in it), the entities of that text stay in use. The
    /// text, not its entities, is kept: a few times smaller, and parsed again only while the
    /// file is broken.
    last_good: Arc<Mutex<HashMap<PathBuf, Arc<str>>>>,
}

#[derive(Debug)]
struct Built {
    index: Arc<GlossaryIndex>,
    /// Problems found while parsing and merging, with the path of their file.
    problems: Arc<[(PathBuf, Diagnostic)]>,
    /// Each file's text as parsed, in key order (shared with the last good texts).
    texts: Arc<[Arc<str>]>,
}

impl GlossaryCache {
    /// An empty cache of built glossaries that keeps this one's last good parses, for when
    /// a glossary changed and what was built from it is stale.
    pub fn fresh(&self) -> GlossaryCache {
        GlossaryCache { built: Mutex::default(), last_good: Arc::clone(&self.last_good) }
    }

    /// The file's entities: its own when it parses, else its last good ones (the syntax
    /// problems are reported either way).
    /// Shares the file's text as the last good text rather than copying it.
    fn entities_of(&self, path: &Path, text: &Arc<str>, parsed: &mut Glossary) {
        let mut last_good = self.last_good.lock().unwrap_or_else(|e| e.into_inner());
        let broken = parsed.diagnostics.iter().any(|d| d.code == Code::GlossarySyntax);
        if !broken {
            last_good.insert(path.to_path_buf(), Arc::clone(text));
        } else if let Some(good) = last_good.get(path) {
            parsed.entities = glossary::parse(good).entities;
        }
    }

    /// The built glossary of `files`, built now if it is not in the cache. Takes the files'
    /// texts so that each is kept once (shared by the build and the last good texts).
    fn get_or_build(&self, files: Vec<(PathBuf, String)>) -> (Arc<Built>, Vec<PathBuf>) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        files.hash(&mut hasher);
        let key = hasher.finish();
        // Holding the lock while building makes a second article that needs the same
        // glossary wait for the first build instead of building (and holding) its own.
        let mut built_by_key = self.built.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(built) = built_by_key.get(&key) {
            return (built.clone(), files.into_iter().map(|(path, _)| path).collect());
        }
        let mut problems = Vec::new();
        let mut parsed_files = Vec::new();
        let mut paths = Vec::with_capacity(files.len());
        let mut texts = Vec::with_capacity(files.len());
        for (position, (path, text)) in files.into_iter().enumerate() {
            let text: Arc<str> = Arc::from(text);
            let mut parsed = glossary::parse(&text);
            self.entities_of(&path, &text, &mut parsed);
            problems.extend(std::mem::take(&mut parsed.diagnostics).into_iter().map(|d| (position, d)));
            parsed_files.push((path.display().to_string(), parsed));
            paths.push(path);
            texts.push(text);
        }
        let (index, merge_problems) = GlossaryIndex::build(parsed_files);
        problems.extend(merge_problems);
        let problems = problems
            .into_iter()
            .filter_map(|(file, diagnostic)| Some((paths.get(file)?.clone(), diagnostic)))
            .collect();
        let built = Arc::new(Built { index: Arc::new(index), problems, texts: texts.into() });
        built_by_key.insert(key, built.clone());
        (built, paths)
    }
}

/// [`load_glossaries`] with built glossaries shared through `cache`.
pub fn load_glossaries_cached(
    article: &Path,
    front_matter: Option<&FrontMatter>,
    root: &Path,
    extra: &[PathBuf],
    read: &mut dyn FnMut(&Path) -> io::Result<String>,
    cache: &GlossaryCache,
) -> ArticleGlossary {
    let places = Places::new(article, root);
    let mut result = ArticleGlossary::default();
    let candidates = candidates(&places, article, front_matter, extra, &mut result);
    let files = read_candidates(&places, candidates, read, &mut result)
        .into_iter()
        .map(|(path, _, text)| (path, text))
        .collect();
    let (built, paths) = cache.get_or_build(files);
    result.paths = paths;
    result.file_problems.share(Arc::clone(&built.problems));
    result.texts = Arc::clone(&built.texts);
    result.index = built.index.clone();
    result
}

/// Every place a glossary for the article is looked for, nearest first; a front matter path
/// outside the root is reported in `result` instead.
fn candidates<'a>(
    places: &Places,
    article: &Path,
    front_matter: Option<&'a FrontMatter>,
    extra: &[PathBuf],
    result: &mut ArticleGlossary,
) -> Vec<Candidate<'a>> {
    let mut candidates = Vec::new();
    for (written, span) in front_matter.map_or(&[][..], |f| f.glossary.as_slice()) {
        let path = normalize(&places.article_dir.join(written));
        if path.starts_with(&places.root) {
            candidates.push(Candidate { path, origin: Origin::FrontMatter { written, span } });
        } else {
            let message = format!("glossary `{written}` is outside the workspace folder, so it is not read");
            result.article_problems.push(Diagnostic::new(Code::GlossaryNotFound, *span, message));
        }
    }
    if let Some(file_name) = article.file_name().and_then(|name| name.to_str()) {
        let stem = article.file_stem().and_then(|stem| stem.to_str()).unwrap_or(file_name);
        for sidecar in [format!("{file_name}.glossary.toml"), format!("{stem}.glossary.toml")] {
            candidates.push(Candidate { path: places.article_dir.join(sidecar), origin: Origin::Sidecar });
        }
    }
    let mut folder = Some(places.article_dir.as_path());
    while let Some(dir) = folder {
        candidates.push(Candidate { path: dir.join("glossary.toml"), origin: Origin::Found });
        folder = if dir == places.root { None } else { dir.parent() };
    }
    for path in extra {
        candidates.push(Candidate { path: normalize(&places.root.join(path)), origin: Origin::Configured });
    }
    candidates
}

/// Why a glossary file applies to an article, for `copydesk glossaries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossaryReason {
    /// The article's front matter names it, as written.
    FrontMatter(String),
    /// `<article>.glossary.toml` beside the article.
    Sidecar,
    /// A `glossary.toml` in the article's folder or one above it, up to the root.
    Folder,
    /// Named by configuration (copydesk.toml, `--glossary`, editor settings).
    Configured,
}

/// The glossary files that apply to the article, nearest first, each with why; and the
/// problems that kept others out (a front matter path missing or outside the root), as
/// [`load_glossaries`] finds them, reading each through `read` but parsing none.
pub fn explain_glossaries(
    article: &Path,
    front_matter: Option<&FrontMatter>,
    root: &Path,
    extra: &[PathBuf],
    read: &mut dyn FnMut(&Path) -> io::Result<String>,
) -> (Vec<(PathBuf, GlossaryReason)>, Vec<String>) {
    let places = Places::new(article, root);
    let mut result = ArticleGlossary::default();
    let candidates = candidates(&places, article, front_matter, extra, &mut result);
    let found = read_candidates(&places, candidates, read, &mut result)
        .into_iter()
        .map(|(path, origin, _)| (path, origin.reason()))
        .collect();
    let mut problems: Vec<String> = result.article_problems.into_iter().map(|d| d.message).collect();
    problems.extend(result.file_problems.iter().map(|(path, d)| format!("{}: {}", path.display(), d.message)));
    (found, problems)
}

/// Reads the candidates through `read`, nearest first, each path once, as shown to the user;
/// a glossary that is a link resolving outside the root (one the configuration names is
/// exempt) and one that cannot be read are reported in `result` instead. Gives each file read
/// with its origin and text.
fn read_candidates<'a>(
    places: &Places,
    candidates: Vec<Candidate<'a>>,
    read: &mut dyn FnMut(&Path) -> io::Result<String>,
    result: &mut ArticleGlossary,
) -> Vec<(PathBuf, Origin<'a>, String)> {
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for candidate in candidates {
        if !seen.insert(candidate.path.clone()) {
            continue;
        }
        let shown = places.present(&candidate.path);
        if !matches!(candidate.origin, Origin::Configured) && places.links_outside_root(&candidate.path) {
            report_outside(result, &candidate.origin, shown);
            continue;
        }
        match read(&shown) {
            Ok(text) => files.push((shown, candidate.origin, text)),
            Err(error) => report_unreadable(result, &candidate.origin, shown, &error),
        }
    }
    files
}

struct Candidate<'a> {
    /// Absolute and normalised, so that one file named two ways is read once.
    path: PathBuf,
    origin: Origin<'a>,
}

enum Origin<'a> {
    /// Named by the article's front matter, at `span`.
    FrontMatter { written: &'a str, span: &'a Span },
    /// A sidecar `<article>.glossary.toml`, which may or may not exist.
    Sidecar,
    /// A folder's `glossary.toml`, which may or may not exist.
    Found,
    /// Named by configuration.
    Configured,
}

impl Origin<'_> {
    fn reason(&self) -> GlossaryReason {
        match self {
            Origin::FrontMatter { written, .. } => GlossaryReason::FrontMatter(written.to_string()),
            Origin::Sidecar => GlossaryReason::Sidecar,
            Origin::Found => GlossaryReason::Folder,
            Origin::Configured => GlossaryReason::Configured,
        }
    }
}

fn report_unreadable(result: &mut ArticleGlossary, origin: &Origin<'_>, path: PathBuf, error: &io::Error) {
    let reason = match error.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::InvalidData => "not UTF-8 text".to_string(),
        _ => error.to_string(),
    };
    // Most folders have no glossary of their own; only a file that is there but unreadable
    // is worth a word.
    if matches!(origin, Origin::Found | Origin::Sidecar) && error.kind() == io::ErrorKind::NotFound {
        return;
    }
    report(result, origin, path, &format!("cannot be read: {reason}"));
}

/// A glossary found in the workspace, or named by an article, that is a symbolic link (or
/// lies in a linked folder) resolving outside the root: not read, so that nothing outside
/// the workspace is shown in an error excerpt or a hover.
fn report_outside(result: &mut ArticleGlossary, origin: &Origin<'_>, path: PathBuf) {
    report(result, origin, path, "is a link to a file outside the workspace folder, so it is not read");
}

/// `glossary … {why}`: on the article, at the front matter path that names the glossary, or
/// in the glossary file itself when the article does not name it.
fn report(result: &mut ArticleGlossary, origin: &Origin<'_>, path: PathBuf, why: &str) {
    match origin {
        Origin::FrontMatter { written, span } => {
            let message = format!("glossary `{written}` {why}");
            result.article_problems.push(Diagnostic::new(Code::GlossaryNotFound, **span, message));
        }
        Origin::Found | Origin::Sidecar | Origin::Configured => {
            let message = format!("glossary {why}");
            result.file_problems.push((path, Diagnostic::new(Code::GlossaryNotFound, Span::default(), message)));
        }
    }
}

/// The article's folder and the workspace root, absolute and normalised.
struct Places {
    article_dir: PathBuf,
    root: PathBuf,
    /// The root with every link resolved, once looked up; None when it is not on disk.
    resolved_root: std::cell::OnceCell<Option<PathBuf>>,
    /// The current directory when paths are to be shown relative to it.
    relative_to: Option<PathBuf>,
}

impl Places {
    fn new(article: &Path, root: &Path) -> Places {
        let article_dir = absolute(article.parent().unwrap_or(Path::new("")));
        let root = absolute(root);
        // An article outside the root must not make us search (or read) its whole drive.
        let root = if article_dir.starts_with(&root) { root } else { article_dir.clone() };
        let relative_to = article.is_relative().then(|| absolute(Path::new("")));
        Places { article_dir, root, relative_to, resolved_root: std::cell::OnceCell::new() }
    }

    /// True when `path` is on disk and, its links resolved, lies outside the root (resolved
    /// too). A path that is not on disk (missing, or an editor's unsaved buffer) is not.
    ///
    /// Most candidates (a `glossary.toml` in each folder up to the root) are not on disk,
    /// so that is asked first, with one look-up: resolving a missing path still resolves
    /// each of its folders, one component at a time, which over the candidates of an article
    /// 1,500 folders deep was 1.1 million `readlink` calls and 20 s.
    fn links_outside_root(&self, path: &Path) -> bool {
        if std::fs::metadata(path).is_err() {
            return false;
        }
        #[cfg(test)]
        tests::RESOLVED.with(|count| count.set(count.get() + 1));
        let Ok(target) = std::fs::canonicalize(path) else { return false };
        match self.resolved_root.get_or_init(|| std::fs::canonicalize(&self.root).ok()) {
            Some(root) => !target.starts_with(root),
            None => false,
        }
    }

    fn present(&self, path: &Path) -> PathBuf {
        match self.relative_to.as_deref().and_then(|base| path.strip_prefix(base).ok()) {
            Some(relative) => relative.to_path_buf(),
            None => path.to_path_buf(),
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Resolves `.` and `..` without touching the file system; `..` at the top stays at the top.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match normal.components().next_back() {
                Some(Component::Normal(_)) => {
                    normal.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => normal.push(".."),
            },
            other => normal.push(other.as_os_str()),
        }
    }
    normal
}

#[cfg(test)]
mod tests;
