//! The language server: the only layer that knows LSP and JSON-RPC.
//!
//! `server` implements the protocol, every method through one panic boundary, and
//! `handlers` does each method's steps, delegating to the module that owns the feature;
//! `session` holds the shared state and the analysis pipeline; `position` is the only place
//! byte offsets become LSP positions. `framing` and `transport` stand between the
//! client's bytes and tower-lsp-server so that no malformed frame ends the session, and
//! `protocol_guard` wraps tower-lsp-server's service to answer what it leaves unanswered.

mod code_actions;
mod code_lens;
mod completion;
mod config;
mod definition;
mod diagnostics;
pub mod document_store;
mod fix_environment;
mod framing;
mod glossary_watch;
mod handlers;
mod highlights;
mod hover;
mod inlay_hints;
mod ledger_commands;
mod lifecycle;
mod lookup;
mod panic_guard;
pub mod position;
mod project_settings;
mod protocol_guard;
mod references;
mod server;
mod session;
mod shared_glossaries;
mod snapshot;
mod symbols;
#[cfg(test)]
mod test_fixture;
mod transport;
mod workspace_index;

use std::convert::Infallible;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use protocol_guard::ProtocolGuard;

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

/// Threads for blocking work (analyses, requests computed off the loop, reading stdin,
/// freeing snapshots, the workspace index): tokio's default of 512 let a burst of closes (each
/// refreshing the index on a thread of its own) grow the pool by a few threads per burst, each
/// holding its stack and its allocator cache, so the resident size crept up with every cycle
/// of opening and closing documents (17 to 54 threads over 30 cycles of 200 articles).
/// Analyses are limited to one per core anyway; the rest is short work that can queue.
const BLOCKING_THREADS: usize = 16;
/// How long an idle blocking thread stays (tokio's default: 10 s).
const BLOCKING_THREAD_KEEP_ALIVE: Duration = Duration::from_secs(2);

/// Serves LSP over stdin and stdout until the client says exit; returns the exit status.
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_keep_alive(BLOCKING_THREAD_KEEP_ALIVE)
        .build()
    {
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
///
/// The input reaches tower-lsp-server through `transport::reframe`, which hands on only
/// well-formed messages, so that no bad frame can end the session.
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
    let faults = transport::FaultRoute::new();
    let service = ProtocolGuard { inner: service, lifecycle: Arc::clone(&lifecycle), faults: faults.clone() };
    let (server_input, reframed) = tokio::io::duplex(transport::PIPE_CAPACITY);
    // Once the client's input ends, `reframe` drops its end of the pipe, which ends the
    // server's input in turn; the session itself ends with the server.
    let reframing = async {
        transport::reframe(input, reframed, &faults).await;
        std::future::pending::<Infallible>().await
    };
    tokio::select! {
        () = Server::new(server_input, output, socket).serve(service) => {
            if lifecycle.shutdown_requested.load(Ordering::SeqCst) {
                Outcome::Clean
            } else {
                Outcome::ExitWithoutShutdown
            }
        }
        never = reframing => match never {},
        () = lifecycle.editor_died.notified() => Outcome::EditorDied,
    }
}
