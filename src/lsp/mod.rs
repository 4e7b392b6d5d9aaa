//! The language server: the only layer that knows LSP and JSON-RPC.
//!
//! `server` implements the protocol by delegating each method to the module that owns the
//! feature; `session` holds the shared state and the analysis pipeline; `position` is the
//! only place byte offsets become LSP positions.

mod code_actions;
mod completion;
mod config;
mod definition;
mod diagnostics;
pub mod document_store;
mod glossary_watch;
mod hover;
mod inlay_hints;
mod lifecycle;
mod lookup;
mod panic_guard;
pub mod position;
mod references;
mod server;
mod session;
mod shared_glossaries;
mod snapshot;
mod symbols;
#[cfg(test)]
mod test_fixture;
mod workspace_index;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ExitedError, LspService, Server};

pub use config::Config;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The client sent `exit` (or closed the input) after `shutdown`.
    Clean,
    /// The client sent `exit` (or closed the input) without `shutdown` first.
    ExitWithoutShutdown,
    /// The editor process named in `processId` died.
    EditorDied,
}

impl Outcome {
    /// 0 after an orderly shutdown, 1 otherwise, as the LSP specification asks.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::ExitWithoutShutdown | Outcome::EditorDied => ExitCode::from(1),
        }
    }
}

/// Serves LSP over stdin and stdout until the client says exit; returns the exit status.
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("copydesk lsp: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    let outcome = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking reads of stdin and pending analyses must not keep the process alive.
    runtime.shutdown_timeout(Duration::from_millis(200));
    outcome.exit_code()
}

/// Serves LSP over any byte streams (stdio, or an in-memory pipe in tests) until `exit`, the
/// end of the input, or the editor's death.
pub async fn serve<I, O>(input: I, output: O) -> Outcome
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let lifecycle = Arc::new(session::Lifecycle::default());
    let (service, socket) = LspService::new({
        let lifecycle = Arc::clone(&lifecycle);
        move |client| server::Backend::new(client, lifecycle)
    });
    let service = ShutdownWatch { inner: service, lifecycle: Arc::clone(&lifecycle) };
    tokio::select! {
        () = Server::new(input, output, socket).serve(service) => {
            if lifecycle.shutdown_requested.load(Ordering::SeqCst) {
                Outcome::Clean
            } else {
                Outcome::ExitWithoutShutdown
            }
        }
        () = lifecycle.editor_died.notified() => Outcome::EditorDied,
    }
}

/// Notes a `shutdown` request the moment it is read. The handler itself may never run: a
/// client that sends `exit` right behind `shutdown` gets pending handlers cancelled, and must
/// still get exit status 0.
struct ShutdownWatch<S> {
    inner: S,
    lifecycle: Arc<session::Lifecycle>,
}

impl<S> tower_service::Service<Request> for ShutdownWatch<S>
where
    S: tower_service::Service<Request, Response = Option<Response>, Error = ExitedError>,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> S::Future {
        if request.method() == "shutdown" && self.lifecycle.initialized.load(Ordering::SeqCst) {
            self.lifecycle.shutdown_requested.store(true, Ordering::SeqCst);
        }
        self.inner.call(request)
    }
}
