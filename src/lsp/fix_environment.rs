//! What a quick fix needs from the session and the client: glossary files as the editor has
//! them, documents' versions, the root, the position encoding, and which edits the client can
//! apply. Code actions and the `copydesk.applyFix` command build it here, the same way, so an
//! action's edit and the command's edit cannot read different texts.

use std::path::Path;

use tower_lsp_server::lsp_types::{ClientCapabilities, ResourceOperationKind, Uri};

use super::position::Encoding;
use super::session::Session;

/// How the server finds glossary files for a fix.
pub struct FixEnvironment<'a> {
    pub encoding: Encoding,
    pub root: Option<&'a Path>,
    /// The text of a file as the editor has it, or as it is on disk.
    pub read: &'a dyn Fn(&Path) -> Option<String>,
    /// The version of an open document.
    pub version: &'a dyn Fn(&Uri) -> Option<i32>,
}

/// What the client can apply by itself, and how it shows actions it cannot apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientEdits {
    pub document_changes: bool,
    pub create_files: bool,
    /// The client shows a code action's `disabled` reason (`codeAction.disabledSupport`).
    pub disabled_support: bool,
}

impl ClientEdits {
    /// What the client said it can do in `initialize`.
    pub fn of(capabilities: &ClientCapabilities) -> ClientEdits {
        let edit = capabilities.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref());
        ClientEdits {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            disabled_support: capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.code_action.as_ref())
                .and_then(|c| c.disabled_support)
                .unwrap_or(false),
        }
    }
}

/// Runs `fix` with the session's fix environment and the client's edit capabilities. Reads
/// files from disk where no buffer is open, so call it off the message loop.
pub fn with_fix_environment<T>(session: &Session, fix: impl FnOnce(&FixEnvironment, ClientEdits) -> T) -> T {
    let settings = session.settings();
    let read = |path: &Path| session.file_text(path);
    let version = |uri: &Uri| session.store.version(uri);
    let env =
        FixEnvironment { encoding: settings.encoding, root: settings.root.as_deref(), read: &read, version: &version };
    fix(&env, ClientEdits::of(&settings.capabilities))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn client_edits_follow_the_capabilities() {
        let capabilities: ClientCapabilities = serde_json::from_value(json!({
            "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename"]}},
            "textDocument": {"codeAction": {"disabledSupport": true}}
        }))
        .unwrap();
        let all = ClientEdits { document_changes: true, create_files: true, disabled_support: true };
        assert_eq!(ClientEdits::of(&capabilities), all);
        assert_eq!(ClientEdits::of(&ClientCapabilities::default()), ClientEdits::default());
        let renames_only: ClientCapabilities =
            serde_json::from_value(json!({"workspace": {"workspaceEdit": {"resourceOperations": ["rename"]}}}))
                .unwrap();
        assert!(!ClientEdits::of(&renames_only).create_files);
    }
}
