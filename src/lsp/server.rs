//! The `LanguageServer` implementation, and the one panic boundary every method passes.
//!
//! The trait's methods are generated from the table at the end of this file: each runs its
//! handler in `handlers.rs` inside `panic_guard`, so a panicking request is answered with an
//! error and a panicking notification is logged, and the server keeps serving. A new method
//! is a new line of the table and a handler; it cannot be added without the boundary
//! (tests/architecture.rs holds the table and the handlers to each other).
//!
//! The boundary sits here rather than in a tower layer around the service because
//! tower-lsp-server's own layers must see each handler finish: a panic unwinding through
//! them would leave `initialize` marked as in progress (the server would stop reading) and
//! a request's id registered as pending for ever.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::request::{GotoDeclarationParams, GotoDeclarationResponse};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::handlers::Handlers;
use super::panic_guard;
use super::session::{Lifecycle, Session};

#[cfg(debug_assertions)]
pub use super::handlers::DEBUG_PANIC_COMMAND;

pub struct Backend {
    handlers: Handlers,
}

impl Backend {
    pub fn new(client: Client, lifecycle: Arc<Lifecycle>) -> Backend {
        Backend { handlers: Handlers { session: Arc::new(Session::new(client, lifecycle)) } }
    }
}

/// The parameter's name when the method has parameters; lets the table below write a
/// method without parameters (`shutdown`) the same way as the others.
macro_rules! argument {
    ($name:ident, $type:ty) => {
        $name
    };
}

/// Implements `LanguageServer` with every method guarded: requests through
/// `panic_guard::request`, notifications through `panic_guard::notification`, each named
/// by its LSP method in the log.
macro_rules! guarded_language_server {
    (
        requests { $( $request:ident ( $($request_params:ty)? ) -> $result:ty = $request_method:literal; )* }
        notifications { $( $notification:ident ( $notification_params:ty ) = $notification_method:literal; )* }
    ) => {
        impl LanguageServer for Backend {
            $(
                async fn $request(&self $(, params: $request_params)?) -> Result<$result> {
                    let handler = self.handlers.$request($(argument!(params, $request_params))?);
                    panic_guard::request(&self.handlers.session, $request_method, handler).await
                }
            )*
            $(
                async fn $notification(&self, params: $notification_params) {
                    let handler = self.handlers.$notification(params);
                    panic_guard::notification(&self.handlers.session, $notification_method, handler).await
                }
            )*
        }
    };
}

guarded_language_server! {
    requests {
        initialize(InitializeParams) -> InitializeResult = "initialize";
        shutdown() -> () = "shutdown";
        hover(HoverParams) -> Option<Hover> = "textDocument/hover";
        goto_definition(GotoDefinitionParams) -> Option<GotoDefinitionResponse> = "textDocument/definition";
        goto_declaration(GotoDeclarationParams) -> Option<GotoDeclarationResponse> = "textDocument/declaration";
        references(ReferenceParams) -> Option<Vec<Location>> = "textDocument/references";
        document_highlight(DocumentHighlightParams) -> Option<Vec<DocumentHighlight>> = "textDocument/documentHighlight";
        document_symbol(DocumentSymbolParams) -> Option<DocumentSymbolResponse> = "textDocument/documentSymbol";
        symbol(WorkspaceSymbolParams) -> Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>> = "workspace/symbol";
        completion(CompletionParams) -> Option<CompletionResponse> = "textDocument/completion";
        code_action(CodeActionParams) -> Option<CodeActionResponse> = "textDocument/codeAction";
        inlay_hint(InlayHintParams) -> Option<Vec<InlayHint>> = "textDocument/inlayHint";
        code_lens(CodeLensParams) -> Option<Vec<CodeLens>> = "textDocument/codeLens";
        execute_command(ExecuteCommandParams) -> Option<LSPAny> = "workspace/executeCommand";
    }
    notifications {
        initialized(InitializedParams) = "initialized";
        did_open(DidOpenTextDocumentParams) = "textDocument/didOpen";
        did_change(DidChangeTextDocumentParams) = "textDocument/didChange";
        did_save(DidSaveTextDocumentParams) = "textDocument/didSave";
        did_close(DidCloseTextDocumentParams) = "textDocument/didClose";
        did_change_configuration(DidChangeConfigurationParams) = "workspace/didChangeConfiguration";
        did_change_watched_files(DidChangeWatchedFilesParams) = "workspace/didChangeWatchedFiles";
    }
}
