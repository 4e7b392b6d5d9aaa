//! What each LSP method does: the method's own steps, delegating the feature's work to the
//! module that owns it. `server.rs` routes every method here through the panic boundary, so
//! nothing in this file catches panics itself.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::UriExt;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::request::{GotoDeclarationParams, GotoDeclarationResponse};
use tower_lsp_server::lsp_types::*;

use super::code_actions::{self, APPLY_FIX_COMMAND, Fix};
use super::document_store::DocumentKind;
use super::fix_environment::with_fix_environment;
use super::highlights;
use super::position::Encoding;
use super::session::{Session, Settings};
use super::snapshot::Snapshot;
use super::{
    code_lens, completion, definition, glossary_watch, hover, inlay_hints, ledger_commands, lifecycle, panic_guard,
    project_settings, references, symbols, workspace_index,
};

/// A command that panics, so tests can check that a panic costs one answer, not the server.
/// Debug builds only.
#[cfg(debug_assertions)]
pub const DEBUG_PANIC_COMMAND: &str = "copydesk.debug.panic";

pub struct Handlers {
    pub session: Arc<Session>,
}

impl Handlers {
    /// The document's current snapshot and the byte offset of `position` in it.
    async fn at(&self, uri: &Uri, position: Position) -> Option<(Arc<Snapshot>, usize)> {
        // Bounded work however long the line (`position`), so it stays on the loop.
        let snapshot = self.session.snapshot(uri).await?;
        let offset = snapshot.lines.offset(&snapshot.text, position, self.session.encoding());
        Some((snapshot, offset))
    }

    pub async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = &self.session;
        let encoding =
            Encoding::negotiate(params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        #[allow(deprecated)] // rootUri still matters to clients that send no workspace folders.
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| &folder.uri)
            .or(params.root_uri.as_ref())
            .and_then(|uri| uri.to_file_path().map(|p| p.into_owned()));
        *session.settings.write().unwrap_or_else(|p| p.into_inner()) =
            Settings { encoding, root, capabilities: params.capabilities.clone() };
        if let Some(options) = &params.initialization_options {
            let problems = session.config.write().unwrap_or_else(|p| p.into_inner()).update(options);
            for problem in problems {
                session.log(MessageType::WARNING, format!("copydesk settings: {problem}"));
            }
        }
        if let Some(pid) = params.process_id {
            lifecycle::watch_editor(pid, Arc::clone(&session.lifecycle));
        }
        session.lifecycle.initialized.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(lifecycle::initialize_result(encoding))
    }

    pub async fn initialized(&self, _: InitializedParams) {
        let session = Arc::clone(&self.session);
        // Both wait on the client, so neither may hold up the message loop.
        project_settings::reload(&session);
        tokio::spawn(glossary_watch::register(Arc::clone(&session)));
        tokio::spawn(lifecycle::index_workspace(session));
    }

    pub async fn shutdown(&self) -> Result<()> {
        // `ProtocolGuard` already noted it, as the request was read.
        Ok(())
    }

    pub async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let session = &self.session;
        let document = params.text_document;
        session.store.open(document.uri.clone(), &document.text, document.version, &document.language_id);
        session.schedule(document.uri.clone(), false);
        if DocumentKind::detect(&document.uri, &document.language_id) == DocumentKind::Glossary {
            glossary_watch::glossary_changed(session, Some(&document.uri));
        }
        if project_settings::is_project_uri(&document.uri) {
            project_settings::reload(session);
        }
    }

    pub async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let session = &self.session;
        // Applied before any await, so edits keep their arrival order.
        let uri = params.text_document.uri;
        let encoding = session.encoding();
        // Only the edited document is looked at here: this runs on every keystroke.
        let Some(kind) = session.store.change(&uri, params.text_document.version, &params.content_changes, encoding)
        else {
            return;
        };
        session.schedule(uri.clone(), true);
        if kind == DocumentKind::Glossary {
            glossary_watch::glossary_changed(session, Some(&uri));
        }
        if project_settings::is_project_uri(&uri) {
            project_settings::reload(session);
        }
    }

    pub async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let session = &self.session;
        if let Some(path) = params.text_document.uri.to_file_path() {
            glossary_watch::refresh_index(session, path.into_owned());
        }
    }

    pub async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let session = &self.session;
        let uri = params.text_document.uri;
        let closed = session.store.close(&uri);
        if let Some(path) = uri.to_file_path() {
            let path = path.into_owned();
            match closed.map(|d| d.kind) {
                // Articles go back to the glossary as saved on disk.
                Some(DocumentKind::Glossary) => glossary_watch::glossary_closed(session, &path),
                Some(DocumentKind::Article(_)) => session.glossaries.article_closed(&path),
                _ => {}
            }
            glossary_watch::refresh_index(session, path);
        }
        let project_file = project_settings::is_project_uri(&uri);
        session.clear(uri).await;
        if project_file {
            // Back to the file as saved, whose problems now go to a message.
            project_settings::reload(session);
        }
        session.document_closed();
    }

    pub async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let session = &self.session;
        let problems = session.config.write().unwrap_or_else(|p| p.into_inner()).update(&params.settings);
        for problem in problems {
            session.log(MessageType::WARNING, format!("copydesk settings: {problem}"));
        }
        session.reanalyze(|_| true, false);
    }

    pub async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let session = &self.session;
        if params.changes.iter().any(|change| project_settings::is_project_uri(&change.uri)) {
            project_settings::reload(session);
        }
        glossary_watch::files_changed(session, params.changes);
    }

    pub async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let document = params.text_document_position_params;
        let Some((snapshot, offset)) = self.at(&document.text_document.uri, document.position).await else {
            return Ok(None);
        };
        let path = document.text_document.uri.to_file_path().map(|p| p.into_owned());
        let encoding = self.session.encoding();
        Ok(panic_guard::off_loop(move || hover::hover(&snapshot, path.as_deref(), offset, encoding)).await)
    }

    pub async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let document = params.text_document_position_params;
        let Some((snapshot, offset)) = self.at(&document.text_document.uri, document.position).await else {
            return Ok(None);
        };
        Ok(definition::definition(&snapshot, offset, self.session.encoding()).map(GotoDefinitionResponse::Scalar))
    }

    pub async fn goto_declaration(&self, params: GotoDeclarationParams) -> Result<Option<GotoDeclarationResponse>> {
        // An entity is declared where it is defined: its glossary entry.
        self.goto_definition(params).await
    }

    pub async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let document = params.text_document_position;
        let Some((_, offset)) = self.at(&document.text_document.uri, document.position).await else {
            return Ok(None);
        };
        let include = params.context.include_declaration;
        Ok(references::references(&self.session, &document.text_document.uri, offset, include).await)
    }

    pub async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let document = params.text_document_position_params;
        let Some((snapshot, offset)) = self.at(&document.text_document.uri, document.position).await else {
            return Ok(None);
        };
        let encoding = self.session.encoding();
        Ok(panic_guard::off_loop(move || highlights::highlights(&snapshot, offset, encoding)).await)
    }

    pub async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.session.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.session.encoding();
        let symbols = panic_guard::off_loop(move || symbols::document_symbols(&snapshot, encoding)).await;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    pub async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>>> {
        let session = &self.session;
        let encoding = session.encoding();
        session.workspace.wait_ready(Duration::from_secs(20)).await;
        let open_paths: Vec<_> = session
            .store
            .uris()
            .into_iter()
            .filter(|(_, kind)| *kind == DocumentKind::Glossary)
            .filter_map(|(uri, _)| Some((uri.to_file_path()?.into_owned(), uri)))
            .collect();
        let mut entities = session.workspace.entities(|path| open_paths.iter().any(|(p, _)| p == path));
        for (_, uri) in &open_paths {
            if let Some(text) = session.store.text(uri) {
                entities.extend(workspace_index::glossary_entities(uri, &text, encoding));
            }
        }
        Ok(Some(OneOf::Left(symbols::workspace_symbols(entities, &params.query))))
    }

    pub async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let document = params.text_document_position;
        let Some((snapshot, offset)) = self.at(&document.text_document.uri, document.position).await else {
            return Ok(None);
        };
        let encoding = self.session.encoding();
        let items = panic_guard::off_loop(move || completion::completion(&snapshot, offset, encoding)).await;
        Ok(Some(CompletionResponse::Array(items)))
    }

    pub async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let session = &self.session;
        let Some(snapshot) = session.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let session = Arc::clone(session);
        let actions = panic_guard::off_loop(move || {
            with_fix_environment(&session, |env, client| {
                let range = snapshot.lines.span(&snapshot.text, params.range, env.encoding);
                let fixes = code_actions::fixes(&snapshot, range);
                code_actions::actions(&snapshot, fixes, client, env)
            })
        })
        .await;
        Ok(Some(actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()))
    }

    pub async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snapshot) = self.session.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.session.encoding();
        Ok(Some(panic_guard::off_loop(move || inlay_hints::inlay_hints(&snapshot, params.range, encoding)).await))
    }

    pub async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(snapshot) = self.session.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.session.encoding();
        Ok(Some(panic_guard::off_loop(move || code_lens::code_lenses(&snapshot, encoding)).await))
    }

    pub async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        #[cfg(debug_assertions)]
        if params.command == DEBUG_PANIC_COMMAND {
            panic!("panic requested by {DEBUG_PANIC_COMMAND}");
        }
        let command = params.command.as_str();
        if command == ledger_commands::LEDGER_COMMAND || command == ledger_commands::LEDGER_HTML_COMMAND {
            let uri = ledger_commands::document(&params.arguments)?;
            let Some(snapshot) = self.session.snapshot(&uri).await else {
                return Err(Error::invalid_params(format!("{} is not open", uri.as_str())));
            };
            let command = params.command.clone();
            return panic_guard::off_loop(move || ledger_commands::render(&command, &snapshot)).await.map(Some);
        }
        if params.command != APPLY_FIX_COMMAND {
            return Err(Error::invalid_params(format!("unknown command {}", params.command)));
        }
        let argument = params.arguments.into_iter().next().unwrap_or(Value::Null);
        let fix: Fix = serde_json::from_value(argument).map_err(|e| Error::invalid_params(e.to_string()))?;
        let uri = fix.uri().clone();
        let session = &self.session;
        let Some(snapshot) = session.snapshot(&uri).await else {
            return Err(Error::invalid_params(format!("{} is not open", uri.as_str())));
        };
        let edit = with_fix_environment(session, |env, client| {
            code_actions::plan(&snapshot, &fix, client, env).map(|plan| plan.edit(client))
        })
        .map_err(|unavailable| Error::invalid_params(unavailable.reason))?;
        // The client applies the edit; waiting for its answer here could stall the message loop.
        let client = session.client.clone();
        tokio::spawn(async move {
            let _ = client.apply_edit(edit).await;
        });
        Ok(None)
    }
}
