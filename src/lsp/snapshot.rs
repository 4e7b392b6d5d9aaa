//! One finished analysis of one document revision, shared as an `Arc` so that requests read
//! it without holding any lock. Building a snapshot is the slow, blocking part of the server:
//! it runs on the blocking pool, never on the reactor.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{Location, Uri};

use super::config::Config;
use super::document_store::{DocumentInput, DocumentKind};
use super::position::{Encoding, LineMap};
use super::shared_glossaries::{GlossaryRequest, OpenSource, SharedGlossaries};
use crate::analysis::incremental::{self, Reusable};
use crate::analysis::{self, Analysis, Article, Diagnostic, EntityId, Format, Glossary, Span};
use crate::workspace::ArticleGlossary;

#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    pub text: String,
    pub lines: LineMap,
    pub content: Content,
}

#[derive(Debug)]
pub enum Content {
    Article(ArticleSnapshot),
    Glossary(GlossarySnapshot),
    /// Not analysed: not an article or glossary.
    Skipped,
    /// Not analysed: larger than `maxDocumentSize`.
    TooLarge {
        size: usize,
        limit: usize,
    },
}

#[derive(Debug)]
pub struct ArticleSnapshot {
    pub article: Article,
    pub analysis: Analysis,
    pub glossary: ArticleGlossary,
    pub sources: Sources,
    /// This analysis's per-block work, for the next analysis of the same document to take
    /// and reuse: kept for documents of [`REUSE_FROM_BYTES`] or more, for as long as the
    /// store keeps the snapshot.
    reusable: Mutex<Option<Box<Reusable>>>,
}

/// From this size on an article's analysis keeps its per-block work for the next one. An
/// edit in a 1 MB article is then analysed in about 10 ms instead of 20 (thread CPU time),
/// in a 200 KB one in 2 ms instead of 4, and in a 50 KB one in 0.5 ms instead of 1.2; below
/// that the milliseconds saved are fractions, while the work kept (its own copy of the
/// prose and every sentence's items) would add up across the snapshots the store keeps.
pub const REUSE_FROM_BYTES: usize = 64 * 1024;

#[derive(Debug)]
pub struct GlossarySnapshot {
    /// This file parsed on its own.
    pub own: Glossary,
    /// The glossary an article next to this file would see, so that an `affiliation` can
    /// point into a parent folder's glossary.
    pub context: ArticleGlossary,
    pub sources: Sources,
    /// Problems in this file, from parsing it and from merging it with its neighbours.
    pub diagnostics: Vec<Diagnostic>,
}

/// The texts of the glossary files an analysis read, as it read them (unsaved edits
/// included), so spans into them can become ranges.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: HashMap<PathBuf, Arc<SourceText>>,
}

#[derive(Debug)]
pub struct SourceText {
    pub text: String,
    pub lines: LineMap,
}

impl SourceText {
    pub fn new(text: String) -> SourceText {
        SourceText { lines: LineMap::new(&text), text }
    }
}

impl Sources {
    pub fn insert(&mut self, path: PathBuf, source: Arc<SourceText>) {
        self.files.insert(path, source);
    }

    pub fn get(&self, path: &Path) -> Option<&SourceText> {
        self.files.get(path).map(|s| s.as_ref())
    }

    /// The location of a span inside the glossary file at `path`.
    pub fn location(&self, path: &Path, span: Span, encoding: Encoding) -> Option<Location> {
        let source = self.get(path)?;
        let uri = Uri::from_file_path(path)?;
        Some(Location::new(uri, source.lines.range(&source.text, span, encoding)))
    }
}

/// An entity across documents: the glossary file it is written in and its id there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityKey {
    pub file: PathBuf,
    pub id: String,
}

impl EntityKey {
    pub fn of(glossary: &ArticleGlossary, entity: EntityId) -> Option<EntityKey> {
        let entity = glossary.index.entities.get(entity)?;
        Some(EntityKey { file: glossary.paths.get(entity.file)?.clone(), id: entity.id.clone() })
    }
}

/// What an analysis needs besides the document: settings, the workspace root, unsaved
/// editor buffers standing in for files on disk, and the session's shared glossaries.
pub struct Environment<'a> {
    pub config: &'a Config,
    pub root: Option<&'a Path>,
    pub open_source: OpenSource<'a>,
    pub glossaries: &'a SharedGlossaries,
    /// Keep each article's glossary, and a large article's per-block work, for reuse by its
    /// next analysis: for open documents, not for workspace scans.
    pub remember_glossaries: bool,
}

impl Environment<'_> {
    /// Loads the glossary for an article at `path`, with the text of every file read.
    pub fn load_glossary(
        &self,
        path: &Path,
        front_matter: Option<&analysis::FrontMatter>,
    ) -> (ArticleGlossary, Sources) {
        let root = self.root_for(path);
        let extra: Vec<PathBuf> = self.config.glossaries.iter().map(|p| root.join(p)).collect();
        let request = GlossaryRequest { article: path, front_matter, root: &root, extra: &extra };
        self.glossaries.load(&request, self.open_source, self.remember_glossaries)
    }

    /// The workspace root when it holds `path`, else the file's own folder, so that an
    /// article outside the workspace never climbs to the filesystem root for glossaries.
    fn root_for(&self, path: &Path) -> PathBuf {
        match self.root {
            Some(root) if path.starts_with(root) => root.to_path_buf(),
            _ => path.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
        }
    }
}

impl Snapshot {
    /// The per-block work of this snapshot's analysis, for the next analysis of the same
    /// document; only the first caller gets it.
    pub fn take_reusable(&self) -> Option<Reusable> {
        match &self.content {
            Content::Article(article) => article.reusable.lock().unwrap_or_else(|p| p.into_inner()).take().map(|b| *b),
            _ => None,
        }
    }
}

/// Analyses one document revision. Pure apart from reading glossary files.
pub fn build(mut input: DocumentInput, env: &Environment) -> Snapshot {
    let lines = LineMap::new(&input.text);
    let too_large = input.text.len() > env.config.max_document_size;
    let previous = input.previous.take();
    let content = match input.kind {
        _ if too_large => Content::TooLarge { size: input.text.len(), limit: env.config.max_document_size },
        DocumentKind::Article(format) => Content::Article(analyze_article(&input, format, env, previous)),
        DocumentKind::Glossary => Content::Glossary(analyze_glossary(&input, env)),
        DocumentKind::Other => Content::Skipped,
    };
    Snapshot { uri: input.uri, version: input.version, revision: input.revision, text: input.text, lines, content }
}

/// Analyses an article file that is not open in the editor, for workspace-wide features.
pub fn analyze_file(path: &Path, text: String, env: &Environment) -> Option<Snapshot> {
    let uri = Uri::from_file_path(path)?;
    let format = Format::from_path(&path.to_string_lossy());
    let input = DocumentInput {
        uri,
        text,
        version: 0,
        revision: 0,
        kind: DocumentKind::Article(format),
        path: Some(path.to_path_buf()),
        previous: None,
    };
    Some(build(input, env))
}

fn analyze_article(
    input: &DocumentInput,
    format: Format,
    env: &Environment,
    previous: Option<Reusable>,
) -> ArticleSnapshot {
    let mut article = analysis::article::parse(&input.text, format);
    let path = article_path(input, env);
    let (glossary, sources) = env.load_glossary(&path, article.front_matter.as_ref());
    let (mut analysis, reusable) = if env.remember_glossaries && input.text.len() >= REUSE_FROM_BYTES {
        // The same result as a fresh analysis, reusing what the edit left alone.
        let (analysis, reusable) =
            incremental::analyze_article_reusing(&input.text, &article, &glossary.index, previous);
        (analysis, Some(Box::new(reusable)))
    } else {
        (analysis::analyze_article(&input.text, &article, &glossary.index), None)
    };
    analysis.diagnostics.extend(glossary.article_problems.iter().cloned());
    analysis.diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    release_spare_room(&mut article, &mut analysis);
    ArticleSnapshot { article, analysis, glossary, sources, reusable: Mutex::new(reusable) }
}

/// Gives back the room that growing left in the lists a snapshot keeps for as long as its
/// document is open: up to half of each list, and three quarters of a quotation's one-part
/// list. With 200 open articles that is megabytes, for a copy of each list at build time.
fn release_spare_room(article: &mut Article, analysis: &mut Analysis) {
    article.blocks.shrink_to_fit();
    analysis.mentions.shrink_to_fit();
    analysis.diagnostics.shrink_to_fit();
    analysis.quotes.shrink_to_fit();
    for quote in &mut analysis.quotes {
        quote.parts.shrink_to_fit();
        quote.nested.shrink_to_fit();
    }
}

fn analyze_glossary(input: &DocumentInput, env: &Environment) -> GlossarySnapshot {
    let own = analysis::glossary::parse(&input.text);
    let path = article_path(input, env);
    let stand_in = glossary_neighbour(&path);
    let (context, sources) = env.load_glossary(&stand_in, None);
    let mut diagnostics = own.diagnostics.clone();
    for (file, diagnostic) in &context.file_problems {
        if *file == path && !diagnostics.contains(diagnostic) {
            diagnostics.push(diagnostic.clone());
        }
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    GlossarySnapshot { own, context, sources, diagnostics }
}

/// The document's path, or a stand-in inside the workspace root for an unsaved buffer.
fn article_path(input: &DocumentInput, env: &Environment) -> PathBuf {
    input.path.clone().unwrap_or_else(|| {
        let name = input.uri.path().as_str().rsplit('/').next().unwrap_or("untitled").to_string();
        env.root.map_or_else(|| PathBuf::from(&name), |root| root.join(&name))
    })
}

/// An article path whose glossary search finds the glossary file at `path`: for
/// `story.glossary.toml` the sidecar's `story`, for `glossary.toml` a file in its folder.
fn glossary_neighbour(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    match lower.strip_suffix(".glossary.toml") {
        Some(_) => path.with_file_name(&name[..name.len() - ".glossary.toml".len()]),
        None => path.with_file_name(".copydesk-glossary-neighbour"),
    }
}

impl ArticleSnapshot {
    pub fn entity_location(&self, id: EntityId, encoding: Encoding) -> Option<Location> {
        entity_location(&self.glossary, &self.sources, id, encoding)
    }
}

impl GlossarySnapshot {
    /// The entity of the merged context whose `[id]` header is written in this file at `offset`.
    pub fn entity_at(&self, path: &Path, offset: usize) -> Option<EntityId> {
        self.context.index.entities.iter().position(|entity| {
            self.context.paths.get(entity.file).map(PathBuf::as_path) == Some(path)
                && (entity.header.contains(offset)
                    || entity.fields.iter().any(|(name, span)| name == "name" && span.contains(offset)))
        })
    }
}

/// Where an entity's `[id]` header is written.
pub fn entity_location(
    glossary: &ArticleGlossary,
    sources: &Sources,
    id: EntityId,
    encoding: Encoding,
) -> Option<Location> {
    let entity = glossary.index.entities.get(id)?;
    let path = glossary.paths.get(entity.file)?;
    sources.location(path, entity.header, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, snapshot, snapshot_after};

    fn analysis_of(snapshot: &Snapshot) -> &Analysis {
        match &snapshot.content {
            Content::Article(article) => &article.analysis,
            other => panic!("not an article: {other:?}"),
        }
    }

    #[test]
    fn large_articles_reuse_their_previous_analysis_with_the_same_result() {
        let paragraph = "“We will not cut the bus routes,” Ada Okafor said on Tuesday. She said the council \
                         “has heard the riders”, and Councillor Brandt agreed.\n\n";
        let story = format!("# Buses\n\n{}", paragraph.repeat(2 * REUSE_FROM_BYTES / paragraph.len()));
        let fortieth = story.match_indices("on Tuesday").nth(39).map_or(0, |(at, _)| at);
        let edited = format!("{}on Monday{}", &story[..fortieth], &story[fortieth + "on Tuesday".len()..]);
        let glossaries = SharedGlossaries::default();

        let first = snapshot_after(&story, COUNCIL_GLOSSARY, &glossaries, None);
        let previous = first.take_reusable();
        assert!(previous.is_some(), "a large article keeps its work");
        assert!(first.take_reusable().is_none(), "only one analysis takes it");
        let second = snapshot_after(&edited, COUNCIL_GLOSSARY, &glossaries, previous);

        assert_eq!(analysis_of(&second), analysis_of(&snapshot(&edited, COUNCIL_GLOSSARY)));
        let reuse = second.take_reusable().map(|reusable| reusable.reuse()).unwrap_or_default();
        // The 40th paragraph's edit leaves the heading, the 39 before and all after it.
        assert_eq!(reuse.blocks - reuse.mentions_reused, 1, "{reuse:?}");
        assert_eq!(reuse.blocks - reuse.sentences_reused, 2, "{reuse:?} (the heading has no sentences)");
    }

    #[test]
    fn small_articles_keep_nothing_for_the_next_analysis() {
        let first = snapshot("“We will not cut the bus routes,” Ada Okafor said.\n", COUNCIL_GLOSSARY);
        assert!(first.take_reusable().is_none());
    }

    #[test]
    fn glossary_neighbours_find_their_glossary() {
        assert_eq!(glossary_neighbour(Path::new("/w/news/story.glossary.toml")), Path::new("/w/news/story"));
        assert_eq!(
            glossary_neighbour(Path::new("/w/news/glossary.toml")),
            Path::new("/w/news/.copydesk-glossary-neighbour")
        );
    }
}
