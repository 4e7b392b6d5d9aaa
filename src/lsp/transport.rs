//! Between the client's bytes and tower-lsp-server: re-frames the input so that no fault
//! ends the session, and routes the answers to faults through the server's own output.
//!
//! tower-lsp-server's read loop ends at the first frame it cannot decode (tokio-util's
//! `FramedRead` yields `None` after a decoder error), so it must only ever see well-formed
//! frames. `reframe` reads the client's input through a `Framer`, forwards each message as
//! it came, and forwards each fault as a request to a method only this process knows, which
//! `ProtocolGuard` answers with the fault's error response. The answer thus leaves through
//! the server's one writer and can never interleave with the bytes of another frame.

use std::hash::{BuildHasher, Hasher};

use serde::Deserialize;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

use super::framing::{Event, Fault, Framer};

/// How many bytes the pipe between `reframe` and tower-lsp-server holds.
pub const PIPE_CAPACITY: usize = 64 * 1024;

/// The private method that carries faults from `reframe` to `ProtocolGuard`.
#[derive(Clone)]
pub struct FaultRoute {
    method: String,
}

impl FaultRoute {
    /// A route whose method name holds a random number, so that a client cannot forge a
    /// fault answer: a request to any other `$/copydesk/fault/` method is an unknown one.
    pub fn new() -> FaultRoute {
        let nonce = std::collections::hash_map::RandomState::new().build_hasher().finish();
        FaultRoute { method: format!("$/copydesk/fault/{nonce:016x}") }
    }

    /// The error response a request on this route asks for, or `None` for any other request.
    pub fn answer(&self, request: &Request) -> Option<Response> {
        if request.method() != self.method {
            return None;
        }
        let report = request.params().and_then(|params| FaultReport::deserialize(params).ok());
        Some(match report {
            Some(FaultReport { id, error }) => Response::from_error(id, error),
            // Only `reframe` writes these requests, so this cannot happen; answering still
            // beats a panic.
            None => Response::from_error(Id::Null, Error::new(ErrorCode::InternalError)),
        })
    }

    fn request_body(&self, fault: Fault) -> String {
        json!({"jsonrpc": "2.0", "id": 0, "method": self.method, "params": {"id": fault.id, "error": fault.error}})
            .to_string()
    }
}

#[derive(Deserialize)]
struct FaultReport {
    id: Id,
    error: Error,
}

/// Copies LSP frames from `input` to `server_input` until either side closes, replacing each
/// fault with a request on `route`.
pub async fn reframe<I, W>(mut input: I, mut server_input: W, route: &FaultRoute)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut framer = Framer::default();
    let mut chunk = vec![0; PIPE_CAPACITY];
    loop {
        let read = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => read,
        };
        framer.feed(&chunk[..read]);
        while let Some(event) = framer.next_event() {
            let body = match event {
                Event::Message(body) => body,
                Event::Fault(fault) => route.request_body(fault),
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            let written = async {
                server_input.write_all(header.as_bytes()).await?;
                server_input.write_all(body.as_bytes()).await
            };
            if written.await.is_err() {
                return;
            }
        }
    }
}
