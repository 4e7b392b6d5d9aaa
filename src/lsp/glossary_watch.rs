//! Glossary files: the file watcher registration, and re-analysing open documents when a
//! glossary changes, saved or not.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileEvent, FileSystemWatcher, GlobPattern, MessageType, Registration, Uri,
};

use super::document_store::{DocumentKind, is_glossary_name};
use super::session::Session;

/// Glossary files, and the project's `copydesk.toml`, whose changes on disk we are told of.
pub const GLOSSARY_GLOBS: [&str; 3] = ["**/glossary.toml", "**/*.glossary.toml", "**/copydesk.toml"];

/// Asks the client to tell us about glossary files changing on disk, when it can.
pub async fn register(session: Arc<Session>) {
    let dynamic = session
        .settings()
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if !dynamic {
        return;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: GLOSSARY_GLOBS
            .iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.to_string()), kind: None })
            .collect(),
    };
    let registration = Registration {
        id: "copydesk-glossary-watcher".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(error) = session.client.register_capability(vec![registration]).await {
        session.log(MessageType::WARNING, format!("could not watch glossary files: {error}"));
    }
}

/// A glossary changed (`changed`, or one that just closed): re-analyse every open document
/// but that one, since any article or glossary may draw on it.
pub fn glossary_changed(session: &Arc<Session>, changed: Option<&Uri>) {
    let path = changed.and_then(|uri| uri.to_file_path());
    session.glossaries.glossary_changed(path.as_deref());
    reanalyse_all(session, changed);
}

/// An open glossary closed: everyone goes back to the file as saved.
pub fn glossary_closed(session: &Arc<Session>, path: &Path) {
    session.glossaries.glossary_changed(Some(path));
    reanalyse_all(session, None);
}

/// Re-analyses every open article and glossary but `except`, and asks the client to ask
/// again for inlay hints, which may name other speakers now, and code lenses, whose counts
/// and genders come from the glossary. Requests that follow analyse
/// the invalidated documents first, so the refresh need not wait for the analyses.
fn reanalyse_all(session: &Arc<Session>, except: Option<&Uri>) {
    for uri in session.store.invalidate(|uri, d| d.kind != DocumentKind::Other && Some(uri) != except) {
        session.schedule(uri, true);
    }
    if refreshes_inlay_hints(session) {
        // Waiting on the client must not hold up the handler that called us.
        let client = session.client.clone();
        tokio::spawn(async move { client.inlay_hint_refresh().await });
    }
    if refreshes_code_lenses(session) {
        let client = session.client.clone();
        tokio::spawn(async move { client.code_lens_refresh().await });
    }
}

fn refreshes_inlay_hints(session: &Session) -> bool {
    let settings = session.settings();
    let inlay = settings.capabilities.workspace.as_ref().and_then(|w| w.inlay_hint.as_ref());
    inlay.and_then(|i| i.refresh_support).unwrap_or(false)
}

fn refreshes_code_lenses(session: &Session) -> bool {
    let settings = session.settings();
    let lens = settings.capabilities.workspace.as_ref().and_then(|w| w.code_lens.as_ref());
    lens.and_then(|l| l.refresh_support).unwrap_or(false)
}

/// Files changed on disk: refresh the workspace index, and re-analyse if a glossary changed.
pub fn files_changed(session: &Arc<Session>, changes: Vec<FileEvent>) {
    let mut glossary = false;
    for change in changes {
        let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else { continue };
        if path.file_name().is_some_and(|n| is_glossary_name(&n.to_string_lossy())) {
            glossary = true;
            session.glossaries.glossary_changed(Some(&path));
        }
        refresh_index(session, path);
    }
    if glossary {
        reanalyse_all(session, None);
    }
}

/// Re-reads one file into the workspace index, off the reactor.
pub fn refresh_index(session: &Arc<Session>, path: PathBuf) {
    let session = Arc::clone(session);
    tokio::task::spawn_blocking(move || {
        let encoding = session.encoding();
        session.with_environment(|env| session.workspace.refresh(&path, env, encoding));
    });
}
