//! Open documents: their text in a rope, their version, and the latest analysis snapshot.
//!
//! The store is behind a plain mutex that is never held across an `.await`: handlers lock it,
//! apply an edit or copy what they need, and unlock before doing anything slow.
//!
//! Only the [`SNAPSHOTS_KEPT`] most recently used documents keep their snapshot. An editor
//! may have hundreds of articles open, but requests (hover, inlay hints, code actions) come
//! for the few in view; the others need their diagnostics published once, not a whole
//! analysis held for the session. A request for a document without a snapshot analyses it
//! again, which gives the same result.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, rope_offset};
use super::snapshot::{Snapshot, SourceText};
use crate::analysis::Format;
use crate::analysis::incremental::Reusable;

/// What an open document is to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Article(Format),
    /// A `glossary.toml` or `*.glossary.toml` file.
    Glossary,
    /// Anything else the editor sends us (other TOML files, say): stored, never analysed.
    Other,
}

impl DocumentKind {
    /// Glossary files by name; articles by extension, the language id deciding only when the
    /// extension says nothing.
    pub fn detect(uri: &Uri, language_id: &str) -> DocumentKind {
        let path = uri.path().as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        if is_glossary_name(name) {
            return DocumentKind::Glossary;
        }
        if name.to_ascii_lowercase().ends_with(".toml") {
            return DocumentKind::Other;
        }
        if let Some(format) = Format::from_extension(name) {
            return DocumentKind::Article(format);
        }
        match language_id {
            "markdown" => DocumentKind::Article(Format::Markdown),
            "plaintext" | "text" => DocumentKind::Article(Format::PlainText),
            _ if name.contains('.') => DocumentKind::Other,
            // An extensionless file (or an untitled buffer) is read as plain text, as `check` does.
            _ => DocumentKind::Article(Format::PlainText),
        }
    }
}

/// True for `glossary.toml` and `<anything>.glossary.toml`.
pub fn is_glossary_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name == "glossary.toml" || name.ends_with(".glossary.toml")
}

/// How many documents keep their latest snapshot; a 12 KB article's is about 60 KB, a
/// 1 MB article's a few MB.
pub const SNAPSHOTS_KEPT: usize = 16;

#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocumentKind,
    pub path: Option<PathBuf>,
    /// Renewed by every opening, every edit and every event that calls for re-analysis (a
    /// glossary change, new configuration), so an analysis can tell whether its result is
    /// still wanted. Drawn from one counter for the whole store, so a value never comes back:
    /// not even when a document is closed and opened again while the analysis of its old
    /// text is still running (that analysis would otherwise pass for the new text's).
    pub revision: u64,
    /// The latest finished analysis, whatever revision it was made for; None also when it
    /// was let go for documents used more recently.
    pub snapshot: Option<Arc<Snapshot>>,
    /// When the snapshot was last stored or read, on the store's clock.
    snapshot_used: u64,
    /// Identifies the current text: a fresh value for every opening and every edit.
    text_id: u64,
    /// The current text with its line map, made when first asked for (a glossary buffer
    /// read by articles) and shared by everyone who asks until the next edit.
    source: Option<Arc<SourceText>>,
}

/// Everything an analysis needs from a document, copied out of the store.
#[derive(Debug, Clone)]
pub struct DocumentInput {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    pub revision: u64,
    pub kind: DocumentKind,
    pub path: Option<PathBuf>,
    /// The per-block work of the document's latest analysis, taken from its snapshot for
    /// this analysis to reuse where the text did not change (`analysis::incremental`).
    /// None for small documents, and when the snapshot was let go or another analysis
    /// took it first.
    pub previous: Option<Reusable>,
}

#[derive(Debug, Default)]
pub struct DocumentStore {
    documents: Mutex<Documents>,
    next_text_id: AtomicU64,
    /// The last revision given to any document.
    last_revision: AtomicU64,
    /// Ticks on every use of a snapshot, to tell the least recently used.
    snapshot_clock: AtomicU64,
}

/// The open documents by URI, the URI of the open document at each file path, and how many
/// documents hold a snapshot: what every keystroke's analysis asks (the glossaries it reads,
/// whether a snapshot must be let go) is answered without walking every open document.
#[derive(Debug, Default)]
struct Documents {
    by_uri: HashMap<Uri, Document>,
    by_path: HashMap<PathBuf, Uri>,
    snapshots_held: usize,
}

impl Documents {
    fn at_path(&self, path: &Path) -> Option<&Document> {
        self.by_uri.get(self.by_path.get(path)?)
    }

    fn at_path_mut(&mut self, path: &Path) -> Option<&mut Document> {
        self.by_uri.get_mut(self.by_path.get(path)?)
    }
}

impl DocumentStore {
    pub fn open(&self, uri: Uri, text: &str, version: i32, language_id: &str) {
        let kind = DocumentKind::detect(&uri, language_id);
        let path = uri.to_file_path().map(|p| p.into_owned());
        let text_id = self.next_text_id();
        let revision = self.next_revision();
        let mut documents = self.lock();
        let rope = Rope::from_str(text);
        if let Some(path) = &path {
            documents.by_path.insert(path.clone(), uri.clone());
        }
        let document =
            Document { rope, version, kind, path, revision, snapshot: None, snapshot_used: 0, text_id, source: None };
        // Opened again without a close: the document it replaces lets its snapshot go.
        if documents.by_uri.insert(uri, document).is_some_and(|old| old.snapshot.is_some()) {
            documents.snapshots_held -= 1;
        }
    }

    /// Applies content changes in order. Returns the document's kind, or None when it is not
    /// open.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Option<DocumentKind> {
        let text_id = self.next_text_id();
        let revision = self.next_revision();
        let mut documents = self.lock();
        let document = documents.by_uri.get_mut(uri)?;
        document.text_id = text_id;
        document.source = None;
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = rope_offset(&document.rope, range.start, encoding);
                    let end = rope_offset(&document.rope, range.end, encoding).max(start);
                    let start_char = document.rope.byte_to_char(start);
                    let end_char = document.rope.byte_to_char(end);
                    document.rope.remove(start_char..end_char);
                    document.rope.insert(start_char, &change.text);
                }
                None => document.rope = Rope::from_str(&change.text),
            }
        }
        document.version = version;
        document.revision = revision;
        Some(document.kind)
    }

    pub fn close(&self, uri: &Uri) -> Option<Document> {
        let mut documents = self.lock();
        let document = documents.by_uri.remove(uri)?;
        if document.snapshot.is_some() {
            documents.snapshots_held -= 1;
        }
        if let Some(path) = &document.path
            && documents.by_path.get(path) == Some(uri)
        {
            documents.by_path.remove(path);
            // Another URI for the same file (a client may spell one path two ways) takes over.
            let other = documents.by_uri.iter().find(|(_, d)| d.path.as_ref() == Some(path)).map(|(u, _)| u.clone());
            if let Some(other) = other {
                documents.by_path.insert(path.clone(), other);
            }
        }
        Some(document)
    }

    /// Marks every open document matching `filter` as needing re-analysis; returns their URIs.
    pub fn invalidate(&self, filter: impl Fn(&Uri, &Document) -> bool) -> Vec<Uri> {
        let mut documents = self.lock();
        let mut uris = Vec::new();
        for (uri, document) in documents.by_uri.iter_mut() {
            if filter(uri, document) {
                document.revision = self.next_revision();
                uris.push(uri.clone());
            }
        }
        uris
    }

    /// A copy of the document for analysis. The text is copied after the lock is released:
    /// cloning a rope only shares its chunks.
    pub fn input(&self, uri: &Uri) -> Option<DocumentInput> {
        let (rope, input) = {
            let documents = self.lock();
            let document = documents.by_uri.get(uri)?;
            let input = DocumentInput {
                uri: uri.clone(),
                text: String::new(),
                version: document.version,
                revision: document.revision,
                kind: document.kind,
                path: document.path.clone(),
                previous: document.snapshot.as_ref().and_then(|snapshot| snapshot.take_reusable()),
            };
            (document.rope.clone(), input)
        };
        Some(DocumentInput { text: rope_text(&rope), ..input })
    }

    pub fn revision(&self, uri: &Uri) -> Option<u64> {
        self.lock().by_uri.get(uri).map(|d| d.revision)
    }

    pub fn text(&self, uri: &Uri) -> Option<String> {
        let rope = self.lock().by_uri.get(uri).map(|d| d.rope.clone())?;
        Some(rope_text(&rope))
    }

    /// The snapshot of the document's current revision, if analysis has caught up (and the
    /// snapshot was kept).
    pub fn current_snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let used = self.tick();
        let mut documents = self.lock();
        let document = documents.by_uri.get_mut(uri)?;
        let snapshot = document.snapshot.clone().filter(|s| s.revision == document.revision)?;
        document.snapshot_used = used;
        Some(snapshot)
    }

    /// Stores a finished snapshot unless the document changed (or closed) meanwhile, and
    /// lets go of the snapshot of the least recently used document when more than
    /// [`SNAPSHOTS_KEPT`] hold one. Returns the snapshots let go, for the caller to drop
    /// without holding the lock (a large document's analysis takes a while to free).
    pub fn store_snapshot(&self, uri: &Uri, snapshot: Arc<Snapshot>) -> Vec<Arc<Snapshot>> {
        let used = self.tick();
        let mut documents = self.lock();
        let mut released = Vec::new();
        match documents.by_uri.get_mut(uri) {
            Some(document) if document.revision == snapshot.revision => {
                let replaced = document.snapshot.replace(snapshot);
                document.snapshot_used = used;
                match replaced {
                    Some(replaced) => released.push(replaced),
                    None => documents.snapshots_held += 1,
                }
            }
            _ => return vec![snapshot],
        }
        // Only when a document that held no snapshot makes one too many are they all looked
        // at: an edit's analysis replaces its document's own snapshot and looks at no other.
        if documents.snapshots_held <= SNAPSHOTS_KEPT {
            return released;
        }
        let mut holding: Vec<(u64, &mut Document)> = documents
            .by_uri
            .values_mut()
            .filter(|document| document.snapshot.is_some())
            .map(|document| (document.snapshot_used, document))
            .collect();
        if holding.len() > SNAPSHOTS_KEPT {
            holding.sort_unstable_by_key(|(used, _)| *used);
            let excess = holding.len() - SNAPSHOTS_KEPT;
            released.extend(holding.into_iter().take(excess).filter_map(|(_, document)| document.snapshot.take()));
            documents.snapshots_held = SNAPSHOTS_KEPT;
        }
        released
    }

    /// The text of the open document at `path`, so unsaved glossary edits take effect.
    pub fn text_at_path(&self, path: &Path) -> Option<String> {
        let rope = self.lock().at_path(path).map(|d| d.rope.clone())?;
        Some(rope_text(&rope))
    }

    /// The shared text of the open document at `path`: made once per edit, however many
    /// analyses read it. The text is copied out of the rope without holding the lock.
    pub fn source_at_path(&self, path: &Path) -> Option<Arc<SourceText>> {
        let (rope, text_id) = {
            let documents = self.lock();
            let document = documents.at_path(path)?;
            if let Some(source) = &document.source {
                return Some(Arc::clone(source));
            }
            // Cloning a rope shares its chunks: cheap.
            (document.rope.clone(), document.text_id)
        };
        let made = Arc::new(SourceText::new(rope_text(&rope)));
        let mut documents = self.lock();
        match documents.at_path_mut(path).filter(|d| d.text_id == text_id) {
            // Another analysis made it meanwhile: share that one.
            Some(document) => Some(Arc::clone(document.source.get_or_insert(made))),
            None => Some(made),
        }
    }

    /// The open documents' URIs with their kinds.
    pub fn uris(&self) -> Vec<(Uri, DocumentKind)> {
        self.lock().by_uri.iter().map(|(uri, d)| (uri.clone(), d.kind)).collect()
    }

    pub fn is_open_path(&self, path: &Path) -> bool {
        self.lock().by_path.contains_key(path)
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.lock().by_uri.get(uri).map(|d| d.version)
    }

    fn tick(&self) -> u64 {
        self.snapshot_clock.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn next_revision(&self) -> u64 {
        self.last_revision.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn next_text_id(&self) -> u64 {
        self.next_text_id.fetch_add(1, Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, Documents> {
        // A panic while the lock was held leaves the map itself intact, so keep serving.
        self.documents.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The rope's text in one allocation, chunk by chunk (`to_string` goes through `Display`, a
/// few times slower on a large document).
fn rope_text(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use tower_lsp_server::lsp_types::{Position, Range};

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn kinds_follow_the_extension_then_the_language_id() {
        let cases = [
            ("file:///a/story.md", "plaintext", DocumentKind::Article(Format::Markdown)),
            ("file:///a/story.txt", "markdown", DocumentKind::Article(Format::PlainText)),
            ("file:///a/story", "markdown", DocumentKind::Article(Format::Markdown)),
            ("untitled:Untitled-1", "plaintext", DocumentKind::Article(Format::PlainText)),
            ("file:///a/glossary.toml", "toml", DocumentKind::Glossary),
            ("file:///a/story.glossary.toml", "toml", DocumentKind::Glossary),
            ("file:///a/Cargo.toml", "toml", DocumentKind::Other),
            ("file:///a/main.rs", "rust", DocumentKind::Other),
        ];
        for (u, language, expect) in cases {
            assert_eq!(DocumentKind::detect(&uri(u), language), expect, "{u}");
        }
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let store = DocumentStore::default();
        let u = uri("file:///a/story.md");
        store.open(u.clone(), "“Hi,” 🎉 she said.\r\nNext", 1, "markdown");
        let change = |line, start, end, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(line, start), Position::new(line, end))),
            range_length: None,
            text: text.to_string(),
        };
        // Replace "she" (after an emoji: two UTF-16 units), then insert on the second line.
        let changes = [change(0, 9, 12, "Okafor"), change(1, 4, 4, " line")];
        assert_eq!(store.change(&u, 2, &changes, Encoding::Utf16), Some(DocumentKind::Article(Format::Markdown)));
        assert_eq!(store.text(&u).unwrap(), "“Hi,” 🎉 Okafor said.\r\nNext line");
        assert_eq!(store.version(&u), Some(2));
        assert_eq!(store.change(&uri("file:///a/other.md"), 1, &[], Encoding::Utf16), None);
    }

    /// Stores a snapshot of the document's current revision.
    fn analysed(store: &DocumentStore, u: &Uri) -> Vec<Arc<Snapshot>> {
        let snapshot = Snapshot {
            uri: u.clone(),
            version: store.version(u).unwrap(),
            revision: store.revision(u).unwrap(),
            text: String::new(),
            lines: super::super::position::LineMap::new(""),
            content: super::super::snapshot::Content::Skipped,
        };
        store.store_snapshot(u, Arc::new(snapshot))
    }

    #[test]
    fn only_the_most_recently_used_documents_keep_their_snapshots() {
        let store = DocumentStore::default();
        let uris: Vec<Uri> = (0..SNAPSHOTS_KEPT + 2).map(|n| uri(&format!("file:///a/story-{n}.md"))).collect();
        for u in &uris[..SNAPSHOTS_KEPT] {
            store.open(u.clone(), "text", 1, "markdown");
            assert!(analysed(&store, u).is_empty());
        }
        // The first document is read again, so the second is now the least recently used.
        assert!(store.current_snapshot(&uris[0]).is_some());
        for u in &uris[SNAPSHOTS_KEPT..] {
            store.open(u.clone(), "text", 1, "markdown");
            let released = analysed(&store, u);
            assert_eq!(released.len(), 1, "one snapshot let go for {}", u.as_str());
        }
        let kept: Vec<bool> = uris.iter().map(|u| store.current_snapshot(u).is_some()).collect();
        let mut expect = vec![true; uris.len()];
        expect[1] = false;
        expect[2] = false;
        assert_eq!(kept, expect);

        // A snapshot of an older revision is not stored, and comes back to be dropped.
        let snapshot = store.current_snapshot(&uris[0]).unwrap();
        assert!(store.change(&uris[0], 2, &[], Encoding::Utf16).is_some());
        let stale = store.store_snapshot(&uris[0], snapshot);
        assert_eq!(stale.len(), 1);
        assert!(store.current_snapshot(&uris[0]).is_none());
    }

    /// Issue 18, item 3: a document closed and opened again started over at revision 0, so
    /// the analysis of its old text, still running, was stored and published as the new
    /// text's (the old diagnostics and symbols stayed until the next edit).
    #[test]
    fn revisions_never_repeat_across_a_reopen() {
        let store = DocumentStore::default();
        let u = uri("file:///a/story.md");
        store.open(u.clone(), "“Old,” he said.", 1, "markdown");
        let old = store.input(&u).unwrap();
        assert!(store.close(&u).is_some());
        store.open(u.clone(), "New text.", 1, "markdown");
        assert_ne!(store.revision(&u), Some(old.revision));

        let stale = Snapshot {
            uri: u.clone(),
            version: old.version,
            revision: old.revision,
            text: old.text,
            lines: super::super::position::LineMap::new(""),
            content: super::super::snapshot::Content::Skipped,
        };
        assert_eq!(store.store_snapshot(&u, Arc::new(stale)).len(), 1, "the old text's analysis is let go");
        assert!(store.current_snapshot(&u).is_none());
        assert!(analysed(&store, &u).is_empty());
        assert_eq!(store.current_snapshot(&u).unwrap().revision, store.revision(&u).unwrap());
    }

    /// Documents are found by path through an index kept with the documents, since analyses
    /// look their glossaries up on every keystroke; when two URIs name one file, closing one
    /// leaves the other found.
    #[test]
    fn documents_are_found_by_path_until_closed() {
        let store = DocumentStore::default();
        let path = Path::new("/a/glossary.toml");
        let plain = uri("file:///a/glossary.toml");
        // The same file, spelled with a percent-escape: another URI.
        let spelled = uri("file:///a/%67lossary.toml");
        store.open(uri("file:///a/story.md"), "text", 1, "markdown");
        assert!(!store.is_open_path(path));
        store.open(plain.clone(), "[a]\nname = \"A\"\n", 1, "toml");
        assert!(store.is_open_path(path));
        assert_eq!(store.text_at_path(path).as_deref(), Some("[a]\nname = \"A\"\n"));
        let edit = TextDocumentContentChangeEvent { range: None, range_length: None, text: "[b]\n".to_string() };
        assert_eq!(store.change(&plain, 2, &[edit], Encoding::Utf16), Some(DocumentKind::Glossary));
        assert_eq!(store.source_at_path(path).unwrap().text, "[b]\n");

        assert_eq!(spelled.to_file_path().as_deref(), Some(path));
        store.open(spelled.clone(), "[c]\n", 1, "toml");
        assert!(store.close(&spelled).is_some());
        assert!(store.is_open_path(path), "the other URI still has it open");
        assert!(store.close(&plain).is_some());
        assert!(!store.is_open_path(path));
        assert_eq!(store.text_at_path(path), None);
    }

    /// The store counts the documents holding a snapshot rather than walking every document
    /// on each analysis: closing a document, or opening it again over itself, gives its
    /// place up, so that no other document's snapshot is let go for it.
    #[test]
    fn closed_and_reopened_documents_give_up_their_snapshot_places() {
        let store = DocumentStore::default();
        let uris: Vec<Uri> = (0..SNAPSHOTS_KEPT + 2).map(|n| uri(&format!("file:///a/story-{n}.md"))).collect();
        for u in &uris[..SNAPSHOTS_KEPT] {
            store.open(u.clone(), "text", 1, "markdown");
            assert!(analysed(&store, u).is_empty());
        }
        assert!(store.close(&uris[0]).is_some());
        store.open(uris[1].clone(), "again", 2, "markdown");
        for u in &uris[SNAPSHOTS_KEPT..] {
            store.open(u.clone(), "text", 1, "markdown");
            assert!(analysed(&store, u).is_empty(), "{} takes a free place", u.as_str());
        }
        store.open(uris[1].clone(), "again", 3, "markdown");
        assert_eq!(analysed(&store, &uris[1]).len(), 1, "one too many again");
    }
}
