//! The workspace's articles and glossaries as last read from disk: mentions by entity for
//! references, entities for workspace symbols. Built in the background after `initialized`
//! with progress reporting, and refreshed file by file as files are saved or closed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tower_lsp_server::lsp_types::{Location, Range};
use tower_lsp_server::{UriExt, lsp_types::Uri};

use super::document_store::is_glossary_name;
use super::position::{Encoding, LineMap};
use super::snapshot::{self, Content, EntityKey, Environment};
use crate::analysis::{EntityKind, Format};
use crate::workspace::articles::{GLOSSARY_MAX_BYTES, read_text_file};

/// Files beyond this many are not indexed, so a huge folder (a home folder opened by
/// mistake) cannot hog the server; the server says so when it leaves files out.
pub const MAX_FILES: usize = 5_000;

#[derive(Debug)]
pub struct WorkspaceIndex {
    state: std::sync::Mutex<IndexState>,
    ready: tokio::sync::watch::Sender<bool>,
}

#[derive(Debug, Default, Clone)]
struct IndexState {
    /// Mentions in each article file, by entity.
    articles: HashMap<PathBuf, ArticleMentions>,
    /// Entities written in each glossary file.
    glossaries: HashMap<PathBuf, GlossaryEntities>,
}

/// One article's mentions with its URI and each entity's key written once: a `Location` and
/// an `EntityKey` per mention held a URI, a path and an id each (about 4 MB for 200 articles).
#[derive(Debug, Clone)]
struct ArticleMentions {
    uri: Uri,
    keys: Vec<EntityKey>,
    /// Each mention: its entity's index in `keys`, and where it is.
    mentions: Vec<(usize, Range)>,
}

/// One glossary file's entities with its URI written once rather than in every entity's
/// `Location` (about 4 MB for a 10,000-entity glossary).
#[derive(Debug, Clone)]
struct GlossaryEntities {
    uri: Uri,
    /// Each entity's id, name, kind and `[id]` header.
    entities: Vec<(String, String, EntityKind, Range)>,
}

impl GlossaryEntities {
    fn read(uri: Uri, text: &str, encoding: Encoding) -> GlossaryEntities {
        let lines = LineMap::new(text);
        let entities = crate::analysis::glossary::parse(text)
            .entities
            .into_iter()
            .map(|entity| {
                let range = lines.range(text, entity.header, encoding);
                (entity.id, entity.name, entity.kind, range)
            })
            .collect();
        GlossaryEntities { uri, entities }
    }

    fn indexed(&self) -> impl Iterator<Item = IndexedEntity> + '_ {
        self.entities.iter().map(|(id, name, kind, range)| IndexedEntity {
            id: id.clone(),
            name: name.clone(),
            kind: *kind,
            location: Location::new(self.uri.clone(), *range),
        })
    }
}

#[derive(Debug, Clone)]
pub struct IndexedEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub location: Location,
}

impl Default for WorkspaceIndex {
    fn default() -> WorkspaceIndex {
        WorkspaceIndex { state: Default::default(), ready: tokio::sync::watch::channel(false).0 }
    }
}

/// The files of a workspace that copydesk reads.
#[derive(Debug, Default)]
pub struct WorkspaceFiles {
    pub articles: Vec<PathBuf>,
    pub glossaries: Vec<PathBuf>,
    /// True when the workspace holds more than [`MAX_FILES`] files and the rest were left out.
    pub left_out: bool,
}

impl WorkspaceIndex {
    /// Waits (up to `timeout`) for the first scan to finish; false if it did not.
    pub async fn wait_ready(&self, timeout: Duration) -> bool {
        let mut ready = self.ready.subscribe();
        tokio::time::timeout(timeout, ready.wait_for(|ready| *ready)).await.is_ok_and(|r| r.is_ok())
    }

    pub fn mark_ready(&self) {
        self.ready.send_replace(true);
    }

    /// Mentions of `key` in indexed article files, leaving out files `skip` says to.
    pub fn mentions(&self, key: &EntityKey, skip: impl Fn(&Path) -> bool) -> Vec<Location> {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut found: Vec<Location> = state
            .articles
            .iter()
            .filter(|(path, _)| !skip(path))
            .flat_map(|(_, article)| {
                let wanted = article.keys.iter().position(|k| k == key);
                article
                    .mentions
                    .iter()
                    .filter(move |(k, _)| Some(*k) == wanted)
                    .map(|(_, range)| Location::new(article.uri.clone(), *range))
            })
            .collect();
        found.sort_by(|a, b| (a.uri.as_str(), a.range.start).cmp(&(b.uri.as_str(), b.range.start)));
        found
    }

    /// Entities of indexed glossary files, leaving out files `skip` says to.
    pub fn entities(&self, skip: impl Fn(&Path) -> bool) -> Vec<IndexedEntity> {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut entities: Vec<IndexedEntity> =
            state.glossaries.iter().filter(|(path, _)| !skip(path)).flat_map(|(_, e)| e.indexed()).collect();
        entities.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        entities
    }

    /// Re-reads one file from disk (after a save, a close, or a watched change).
    pub fn refresh(&self, path: &Path, env: &Environment, encoding: Encoding) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if is_glossary_name(&name) {
            match index_glossary(path, encoding) {
                Some(entities) => state.glossaries.insert(path.to_path_buf(), entities),
                None => state.glossaries.remove(path),
            };
        } else if Format::from_extension(&name).is_some() {
            drop(state);
            let mentions = index_article(path, env, encoding);
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            match mentions {
                Some(mentions) => state.articles.insert(path.to_path_buf(), mentions),
                None => state.articles.remove(path),
            };
        }
    }

    /// Reads every article and glossary under `files`, calling `progress` with the share done.
    pub fn scan(
        &self,
        files: &WorkspaceFiles,
        env: &Environment,
        encoding: Encoding,
        progress: &mut dyn FnMut(usize, usize),
    ) {
        let total = files.articles.len() + files.glossaries.len();
        let mut fresh = IndexState::default();
        // Articles first: their analyses wait for the session's shared glossary build, so
        // the glossaries' own parse below never runs alongside that build (with a
        // 10,000-entity glossary the two together were the server's peak memory).
        for (done, path) in files.articles.iter().enumerate() {
            if let Some(mentions) = index_article(path, env, encoding) {
                fresh.articles.insert(path.clone(), mentions);
            }
            progress(done + 1, total);
        }
        for (done, path) in files.glossaries.iter().enumerate() {
            if let Some(entities) = index_glossary(path, encoding) {
                fresh.glossaries.insert(path.clone(), entities);
            }
            progress(files.articles.len() + done + 1, total);
        }
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = fresh;
    }
}

/// Lists articles (.md, .markdown, .txt) and glossary files under `root`, skipping hidden
/// folders, build output and dependencies: the first [`MAX_FILES`] of them.
pub fn list_files(root: &Path) -> WorkspaceFiles {
    list_files_up_to(root, MAX_FILES)
}

fn list_files_up_to(root: &Path, limit: usize) -> WorkspaceFiles {
    let mut files = WorkspaceFiles::default();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(file_type) = entry.file_type() else { continue };
            if file_type.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "node_modules" {
                    pending.push(entry.path());
                }
                continue;
            }
            let glossary = is_glossary_name(&name);
            let article = matches!(
                name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref(),
                Some("md" | "markdown" | "txt")
            );
            if !file_type.is_file() || !(glossary || article) {
                continue;
            }
            // Only a file past the limit leaves one out: exactly `limit` files are all kept.
            if files.articles.len() + files.glossaries.len() == limit {
                files.left_out = true;
                return files;
            }
            if glossary { files.glossaries.push(entry.path()) } else { files.articles.push(entry.path()) }
        }
    }
    files
}

fn index_article(path: &Path, env: &Environment, encoding: Encoding) -> Option<ArticleMentions> {
    let text = read_text_file(path, GLOSSARY_MAX_BYTES).ok()?;
    let snapshot = snapshot::analyze_file(path, text, env)?;
    let mut indexed = ArticleMentions { uri: snapshot.uri.clone(), keys: Vec::new(), mentions: Vec::new() };
    let Content::Article(article) = &snapshot.content else { return Some(indexed) };
    let mut key_of_entity = HashMap::new();
    // Resolved pronouns and descriptions count as references, as in open documents.
    for (entity, span) in article.analysis.references() {
        let key = match key_of_entity.get(&entity) {
            Some(&key) => key,
            None => {
                let Some(key) = EntityKey::of(&article.glossary, entity) else { continue };
                indexed.keys.push(key);
                key_of_entity.insert(entity, indexed.keys.len() - 1);
                indexed.keys.len() - 1
            }
        };
        let range = snapshot.lines.range(&snapshot.text, span, encoding);
        indexed.mentions.push((key, range));
    }
    indexed.mentions.shrink_to_fit();
    Some(indexed)
}

fn index_glossary(path: &Path, encoding: Encoding) -> Option<GlossaryEntities> {
    let text = read_text_file(path, GLOSSARY_MAX_BYTES).ok()?;
    let uri = Uri::from_file_path(path)?;
    Some(GlossaryEntities::read(uri, &text, encoding))
}

/// The entities written in one glossary text, located by their `[id]` headers.
pub fn glossary_entities(uri: &Uri, text: &str, encoding: Encoding) -> Vec<IndexedEntity> {
    GlossaryEntities::read(uri.clone(), text, encoding).indexed().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18, item 13: the index took the first files up to its limit and said nothing.
    /// The listing now tells a workspace over the limit from one exactly at it.
    #[test]
    fn the_listing_says_when_it_leaves_files_out() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.md", "b/glossary.toml", "b/c.txt", "notes.rst"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let listed = |limit| {
            let files = list_files_up_to(dir.path(), limit);
            (files.articles.len() + files.glossaries.len(), files.left_out)
        };
        assert_eq!(listed(3), (3, false));
        assert_eq!(listed(2), (2, true));
        assert_eq!(listed(0), (0, true));
    }
}
