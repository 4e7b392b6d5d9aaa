//! The server's shared state and the analysis pipeline: debounced, off the reactor, stale
//! results dropped, diagnostics published with the version they were computed for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tower_lsp_server::lsp_types::{ClientCapabilities, MessageType, Uri};
use tower_lsp_server::{Client, UriExt};

use super::config::Config;
use super::diagnostics;
use super::document_store::{DocumentKind, DocumentStore};
use super::position::Encoding;
use super::shared_glossaries::SharedGlossaries;
use super::snapshot::{self, Content, Environment, Snapshot};
use super::workspace_index::WorkspaceIndex;
use crate::analysis::Diagnostic;
use crate::workspace::articles::{GLOSSARY_MAX_BYTES, read_text_file};
use crate::workspace::project_config::ProjectConfig;

/// What the transport loop needs to know to pick the exit status.
#[derive(Debug, Default)]
pub struct Lifecycle {
    /// Set when `initialize` has been answered; a `shutdown` before that does not count.
    pub initialized: AtomicBool,
    pub shutdown_requested: AtomicBool,
    pub editor_died: tokio::sync::Notify,
}

pub struct Session {
    pub client: Client,
    pub store: DocumentStore,
    /// The editor's settings; [`Session::config`] gives them over the project's.
    pub config: RwLock<Config>,
    /// The workspace root's `copydesk.toml`, when there is one.
    pub project: RwLock<Option<Arc<ProjectConfig>>>,
    pub settings: RwLock<Settings>,
    pub lifecycle: Arc<Lifecycle>,
    pub workspace: WorkspaceIndex,
    pub glossaries: SharedGlossaries,
    /// As many analyses at once as there are cores: more only adds threads and memory, and
    /// makes every one of them later.
    analysis_slots: tokio::sync::Semaphore,
    /// Held while checking staleness and publishing, so an older result can never be
    /// published after a newer one.
    publish_lock: tokio::sync::Mutex<()>,
    /// Diagnostics last published on glossary files that are not open, to skip repeats.
    published_files: Mutex<HashMap<PathBuf, Vec<Diagnostic>>>,
    /// Set while a return of free memory to the system is scheduled.
    trim_scheduled: std::sync::atomic::AtomicBool,
}

/// What `initialize` settled.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub encoding: Encoding,
    pub root: Option<PathBuf>,
    pub capabilities: ClientCapabilities,
}

impl Session {
    pub fn new(client: Client, lifecycle: Arc<Lifecycle>) -> Session {
        Session {
            client,
            store: DocumentStore::default(),
            config: RwLock::new(Config::default()),
            project: RwLock::new(None),
            settings: RwLock::new(Settings::default()),
            lifecycle,
            workspace: WorkspaceIndex::default(),
            glossaries: SharedGlossaries::default(),
            analysis_slots: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            ),
            publish_lock: tokio::sync::Mutex::new(()),
            published_files: Mutex::new(HashMap::new()),
            trim_scheduled: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The settings in effect: the editor's over the project's `copydesk.toml`.
    pub fn config(&self) -> Config {
        let project = self.project.read().unwrap_or_else(|p| p.into_inner()).clone();
        self.config.read().unwrap_or_else(|p| p.into_inner()).over_project(project.as_deref())
    }

    pub fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn encoding(&self) -> Encoding {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).encoding
    }

    pub fn root(&self) -> Option<PathBuf> {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).root.clone()
    }

    /// The text of a small file (a glossary, `copydesk.toml`) as the editor has it: its open
    /// buffer, else the file on disk. Reads the disk, so call it off the message loop.
    pub fn file_text(&self, path: &Path) -> Option<String> {
        self.store.text_at_path(path).or_else(|| read_text_file(path, GLOSSARY_MAX_BYTES).ok())
    }

    /// Analyses the document after the debounce delay, unless another edit comes first, and
    /// publishes its diagnostics.
    pub fn schedule(self: &Arc<Self>, uri: Uri, debounce: bool) {
        let Some(revision) = self.store.revision(&uri) else {
            return;
        };
        let delay = if debounce { self.config().debounce_ms } else { 0 };
        let session = Arc::clone(self);
        tokio::spawn(async move {
            if delay > 0 {
                tokio::time::sleep(Duration::from_millis(delay)).await;
            }
            // A later edit scheduled its own analysis: leave the work to it.
            if session.store.revision(&uri) != Some(revision) {
                return;
            }
            // A request may have analysed this revision meanwhile: publish that instead.
            let snapshot = match session.store.current_snapshot(&uri) {
                Some(snapshot) => Some(snapshot),
                None => session.analyze(&uri).await,
            };
            if let Some(snapshot) = snapshot {
                session.publish(&snapshot).await;
            }
        });
    }

    /// Marks documents for re-analysis and schedules them all.
    pub fn reanalyze(self: &Arc<Self>, filter: impl Fn(DocumentKind) -> bool, debounce: bool) {
        for uri in self.store.invalidate(|_, document| filter(document.kind)) {
            self.schedule(uri, debounce);
        }
    }

    /// The snapshot of the document as it is now, analysing it if analysis has not caught up.
    pub async fn snapshot(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Snapshot>> {
        if let Some(snapshot) = self.store.current_snapshot(uri) {
            return Some(snapshot);
        }
        self.analyze(uri).await
    }

    /// Builds a snapshot of the document's current text on the blocking pool.
    pub async fn analyze(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Snapshot>> {
        // The semaphore is never closed, so acquiring only waits.
        let _slot = self.analysis_slots.acquire().await.ok()?;
        let session = Arc::clone(self);
        let document = uri.clone();
        // Everything proportional to the document's size happens off the reactor: copying
        // its text (taken after the wait, so that edits made meanwhile are in), the analysis,
        // and dropping the snapshot this one replaces.
        let built = tokio::task::spawn_blocking(move || {
            let input = session.store.input(&document)?;
            let snapshot = Arc::new(session.build_snapshot(input));
            let released = session.store.store_snapshot(&document, Arc::clone(&snapshot));
            Some((snapshot, released))
        });
        match built.await {
            Ok(Some((snapshot, released))) => {
                // The snapshots this one replaces are dropped on the blocking pool while the
                // new diagnostics are published: freeing a large document's analysis takes
                // a millisecond the editor need not wait for.
                if !released.is_empty() {
                    tokio::task::spawn_blocking(move || drop(released));
                }
                Some(snapshot)
            }
            Ok(None) => None,
            Err(error) => {
                let message = super::panic_guard::describe_join_error(error);
                self.log(MessageType::ERROR, format!("analysis of {} failed: {message}", uri.as_str()));
                None
            }
        }
    }

    /// The blocking part: runs the analysis with unsaved buffers standing in for files.
    pub fn build_snapshot(&self, input: super::document_store::DocumentInput) -> Snapshot {
        self.environment(true, |env| snapshot::build(input, env))
    }

    /// Runs `f` with an analysis environment for files that are not open, on the current
    /// thread (call from blocking code).
    pub fn with_environment<T>(&self, f: impl FnOnce(&Environment) -> T) -> T {
        self.environment(false, f)
    }

    fn environment<T>(&self, remember_glossaries: bool, f: impl FnOnce(&Environment) -> T) -> T {
        let config = self.config();
        let root = self.root();
        let open_source = |path: &Path| self.store.source_at_path(path);
        let env = Environment {
            config: &config,
            root: root.as_deref(),
            open_source: &open_source,
            glossaries: &self.glossaries,
            remember_glossaries,
        };
        f(&env)
    }

    /// Publishes a snapshot's diagnostics, unless the document changed or closed meanwhile.
    pub async fn publish(&self, snapshot: &Snapshot) {
        let _order = self.publish_lock.lock().await;
        if self.store.revision(&snapshot.uri) != Some(snapshot.revision) {
            return;
        }
        let config = self.config();
        let encoding = self.encoding();
        let diagnostics = diagnostics::for_snapshot(snapshot, &config, encoding);
        self.client.publish_diagnostics(snapshot.uri.clone(), diagnostics, Some(snapshot.version)).await;
        match &snapshot.content {
            Content::Article(article) => self.publish_glossary_problems(article, &config, encoding).await,
            Content::TooLarge { size, limit } => self.log(
                MessageType::WARNING,
                format!("{} is not checked: {size} bytes is over maxDocumentSize ({limit})", snapshot.uri.as_str()),
            ),
            Content::Glossary(_) | Content::Skipped => {}
        }
    }

    /// Problems in glossary files an article loaded, published on those files unless they are
    /// open (an open glossary publishes its own, with its version).
    async fn publish_glossary_problems(
        &self,
        article: &snapshot::ArticleSnapshot,
        config: &super::config::Config,
        encoding: Encoding,
    ) {
        let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> =
            article.glossary.paths.iter().map(|path| (path.clone(), Vec::new())).collect();
        for (path, diagnostic) in &article.glossary.file_problems {
            by_file.entry(path.clone()).or_default().push(diagnostic.clone());
        }
        for (path, problems) in by_file {
            if self.store.is_open_path(&path) {
                continue;
            }
            {
                let mut published = self.published_files.lock().unwrap_or_else(|p| p.into_inner());
                let previous = published.get(&path);
                if previous == Some(&problems) || (previous.is_none() && problems.is_empty()) {
                    continue;
                }
                published.insert(path.clone(), problems.clone());
            }
            let (Some(uri), Some(source)) = (Uri::from_file_path(&path), article.sources.get(&path)) else {
                continue;
            };
            let converted = diagnostics::convert(&problems, &uri, &source.text, &source.lines, config, encoding);
            self.client.publish_diagnostics(uri, converted, None).await;
        }
    }

    /// A document closed: once closing settles (half a second without another close asking
    /// again), the allocator hands the memory freed back to the system.
    ///
    /// The heap does not grow across opening and closing documents (heaptrack, 20 cycles of
    /// 200 articles: the same live heap after each), but glibc keeps freed pages mapped, so the
    /// resident size crept up with every cycle and was never returned (13 MB to 21 MB over 40
    /// cycles). `malloc_trim` returns every free page, inside the heap as well as at its top.
    pub fn document_closed(self: &Arc<Self>) {
        use std::sync::atomic::Ordering;
        if self.trim_scheduled.swap(true, Ordering::AcqRel) {
            return;
        }
        let session = Arc::clone(self);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            session.trim_scheduled.store(false, Ordering::Release);
            // Freeing a closed document's snapshot may still be under way on the blocking
            // pool; the trim runs there too, after it.
            let _ = tokio::task::spawn_blocking(release_free_memory).await;
        });
    }

    /// Clears a closed document's diagnostics.
    pub async fn clear(&self, uri: Uri) {
        let _order = self.publish_lock.lock().await;
        if let Some(path) = uri.to_file_path() {
            self.published_files.lock().unwrap_or_else(|p| p.into_inner()).remove(path.as_ref());
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    /// Logs to the client without making the caller wait on the client.
    pub fn log(&self, level: MessageType, message: String) {
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(level, message).await });
    }
}

/// Returns the allocator's free pages to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    // SAFETY: malloc_trim only releases memory the allocator holds free; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}
