//! The service in front of tower-lsp-server's: it sees every request in the order it was
//! read, and covers what tower-lsp-server leaves out.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

use futures::FutureExt;
use futures::future::{self, BoxFuture};
use serde_json::Value;
use tower_lsp_server::ExitedError;
use tower_lsp_server::jsonrpc::{Error, Request, Response};

use super::session::Lifecycle;
use super::transport::FaultRoute;

/// Notes `shutdown` the moment it is read, answers the faults `reframe` routes here, and
/// answers unknown `$/` requests.
pub struct ProtocolGuard<S> {
    pub inner: S,
    pub lifecycle: Arc<Lifecycle>,
    pub faults: FaultRoute,
}

impl<S> tower_service::Service<Request> for ProtocolGuard<S>
where
    S: tower_service::Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<'static, Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if let Some(answer) = self.faults.answer(&request) {
            return future::ready(Ok(Some(answer))).boxed();
        }
        // The `shutdown` handler itself may never run: a client that sends `exit` right
        // behind `shutdown` gets pending handlers cancelled, and must still get status 0.
        if request.method() == "shutdown" && self.lifecycle.initialized.load(Ordering::SeqCst) {
            self.lifecycle.shutdown_requested.store(true, Ordering::SeqCst);
        }
        // tower-lsp-server answers an unknown `$/` request with nothing at all, but LSP says
        // such a request must get MethodNotFound, or the client waits for ever.
        let dollar_request = match request.id() {
            Some(id) if request.method().starts_with("$/") => Some((id.clone(), request.method().to_owned())),
            _ => None,
        };
        let response = self.inner.call(request);
        async move {
            let response = response.await?;
            Ok(response.or_else(|| {
                dollar_request.map(|(id, method)| {
                    Response::from_error(id, Error { data: Some(Value::String(method)), ..Error::method_not_found() })
                })
            }))
        }
        .boxed()
    }
}
