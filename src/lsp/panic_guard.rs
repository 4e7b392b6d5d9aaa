//! Catching panics in handlers and analyses, so one bad input costs one answer, not the server.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::lsp_types::MessageType;

use super::session::Session;

/// Runs a request handler; a panic becomes an internal error answer and a log message.
pub async fn request<T>(
    session: &Session,
    method: &str,
    handler: impl Future<Output = jsonrpc::Result<T>>,
) -> jsonrpc::Result<T> {
    match AssertUnwindSafe(handler).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => {
            let message = format!("{method} failed: {}", describe(payload.as_ref()));
            session.log(MessageType::ERROR, message.clone());
            Err(jsonrpc::Error { code: jsonrpc::ErrorCode::InternalError, message: message.into(), data: None })
        }
    }
}

/// Runs a notification handler; a panic is logged and forgotten.
pub async fn notification(session: &Session, method: &str, handler: impl Future<Output = ()>) {
    if let Err(payload) = AssertUnwindSafe(handler).catch_unwind().await {
        session.log(MessageType::ERROR, format!("{method} failed: {}", describe(payload.as_ref())));
    }
}

/// Runs `work` on tokio's blocking pool, off the message loop, so that a request whose cost
/// grows with the document (the symbols of a long article) does not hold back the requests
/// behind it. A panic in `work` is raised again here, for [`request`] to answer as an error.
pub async fn off_loop<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => match error.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(error) => panic!("{error}"),
        },
    }
}

pub fn describe_join_error(error: tokio::task::JoinError) -> String {
    match error.try_into_panic() {
        Ok(payload) => describe(payload.as_ref()),
        Err(error) => error.to_string(),
    }
}

fn describe(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        format!("panic: {message}")
    } else if let Some(message) = payload.downcast_ref::<String>() {
        format!("panic: {message}")
    } else {
        "panic".to_string()
    }
}
