//! The workspace root's `copydesk.toml` in the server: read at start and again whenever it
//! changes (edited, saved, closed, or changed on disk), put under the editor's settings in
//! [`Session::config`], and its problems shown on the file when it is open, else in a message.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{MessageType, Uri};

use super::diagnostics;
use super::position::LineMap;
use super::session::Session;
use crate::analysis::LineIndex;
use crate::workspace::project_config::{self, FILE_NAME};

/// True for a `copydesk.toml` anywhere (only the root's is read).
pub fn is_project_file(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == FILE_NAME)
}

/// True when `uri` is a `copydesk.toml`.
pub fn is_project_uri(uri: &Uri) -> bool {
    uri.to_file_path().is_some_and(|path| is_project_file(&path))
}

/// Reads the root's `copydesk.toml` again (an open buffer standing in for the file), reports
/// its problems, and re-analyses every open document when what it says changed.
pub fn reload(session: &Arc<Session>) {
    let session = Arc::clone(session);
    tokio::spawn(async move {
        let Some(path) = session.root().map(|root| root.join(FILE_NAME)) else { return };
        let text = session.file_text(&path);
        let project = text.map(|text| Arc::new(project_config::parse(&path, &text)));
        let changed = {
            let mut current = session.project.write().unwrap_or_else(|p| p.into_inner());
            let changed = *current != project;
            *current = project.clone();
            changed
        };
        publish_problems(&session, &path, project.as_deref()).await;
        if changed {
            session.reanalyze(|_| true, false);
        }
    });
}

/// Problems in the file: diagnostics on it when it is open, else one message listing them.
async fn publish_problems(session: &Session, path: &Path, project: Option<&project_config::ProjectConfig>) {
    let problems = project.map_or(&[][..], |p| p.problems.as_slice());
    let Some(uri) = Uri::from_file_path(path) else { return };
    if session.store.is_open_path(path) {
        let text = project.map_or("", |p| p.text.as_str());
        let lines = LineMap::new(text);
        let converted = diagnostics::convert(problems, &uri, text, &lines, &session.config(), session.encoding());
        let version = session.store.version(&uri);
        session.client.publish_diagnostics(uri, converted, version).await;
    } else if let Some(project) = project.filter(|p| !p.problems.is_empty()) {
        let lines = LineIndex::new(&project.text);
        let listed: Vec<String> = problems
            .iter()
            .map(|d| format!("{FILE_NAME}:{}: {}", lines.line_col(&project.text, d.span.start).0, d.message))
            .collect();
        session.client.show_message(MessageType::ERROR, format!("copydesk: {}", listed.join("; "))).await;
    }
}
