//! A small LSP client for in-process tests: it runs the real server over `tokio::io::duplex`
//! with real `Content-Length` framing, answers the server's own requests, and keeps every
//! notification for the test to wait on.

#![allow(dead_code)] // Each test file uses its own part of the client.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Duration;

use copydesk::lsp::{Outcome, serve};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, ReadHalf, WriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long a test waits for any one thing before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications and server requests received but not yet looked at.
    backlog: VecDeque<Value>,
    /// Every request the server sent us, in order.
    pub server_requests: Vec<Value>,
    next_id: i64,
    server: Option<JoinHandle<Outcome>>,
}

impl TestClient {
    pub fn start() -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(serve(server_read, server_write));
        let (read, writer) = tokio::io::split(client_end);
        let (sender, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_messages(read, sender));
        TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            server_requests: Vec::new(),
            next_id: 1,
            server: Some(server),
        }
    }

    /// Starts a server and initializes it with capabilities like a modern editor's, for the
    /// workspace `root`, with `options` as initializationOptions.
    pub async fn initialized(root: &Path, options: Value) -> TestClient {
        let mut client = TestClient::start();
        let response = client.request("initialize", initialize_params(root, options)).await;
        assert!(response.get("result").is_some(), "initialize failed: {response}");
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.expect("server input open");
        self.writer.flush().await.expect("flush");
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Sends a request and returns the whole response message (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.wait_for(|message| message.get("id") == Some(&json!(id)) && message.get("method").is_none()).await
    }

    /// The `result` of a request, failing the test on an error response.
    pub async fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        match response.get("result") {
            Some(result) => result.clone(),
            None => panic!("{method} failed: {response}"),
        }
    }

    /// Waits for a message matching `wanted`, answering server requests meanwhile; other
    /// messages stay in the backlog.
    pub async fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(index).expect("index in range");
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out; unmatched messages: {:#?}", self.backlog))
                .expect("server output open");
            self.answer_server_request(&message).await;
            if wanted(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// Every message that arrives within `window`, answering server requests.
    pub async fn collect_for(&mut self, window: Duration) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + window;
        let mut messages: Vec<Value> = self.backlog.drain(..).collect();
        while let Ok(Some(message)) = tokio::time::timeout_at(deadline, self.incoming.recv()).await {
            self.answer_server_request(&message).await;
            messages.push(message);
        }
        messages
    }

    /// The next `publishDiagnostics` for `uri` that satisfies `wanted`.
    pub async fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && wanted(&m["params"])
        })
        .await["params"]
            .clone()
    }

    /// The next `publishDiagnostics` for `uri` at document version `version`.
    pub async fn diagnostics_at(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.diagnostics(uri, |p| p["version"] == version).await;
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub async fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    /// Sends one incremental change (range as [line, character] pairs).
    pub async fn change(&mut self, uri: &str, version: i64, start: (u32, u32), end: (u32, u32), text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range(start, end), "text": text}]
            }),
        )
        .await;
    }

    /// Shuts down and exits; returns how the server says it ended.
    pub async fn shutdown_and_exit(mut self) -> Outcome {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "shutdown: {response}");
        self.notify("exit", Value::Null).await;
        self.finish().await
    }

    /// Waits for the server to end by itself.
    pub async fn finish(mut self) -> Outcome {
        let server = self.server.take().expect("server running");
        tokio::time::timeout(TIMEOUT, server).await.expect("server ended in time").expect("server did not panic")
    }

    async fn answer_server_request(&mut self, message: &Value) {
        let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) else {
            return;
        };
        self.server_requests.push(message.clone());
        let result = match method {
            "workspace/applyEdit" => json!({"applied": true}),
            "workspace/configuration" => json!([]),
            _ => Value::Null,
        };
        self.send(json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
    }
}

/// Reads framed messages from the server until its output closes.
async fn read_messages(mut read: ReadHalf<DuplexStream>, sender: mpsc::UnboundedSender<Value>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        while let Some((header_end, length)) = frame_header(&buffer) {
            if buffer.len() < header_end + length {
                break;
            }
            let body: Vec<u8> = buffer.drain(..header_end + length).skip(header_end).collect();
            let message: Value = serde_json::from_slice(&body).expect("server sent valid JSON");
            if sender.send(message).is_err() {
                return;
            }
        }
        match read.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

/// The end of a complete header block and the body length it announces.
fn frame_header(buffer: &[u8]) -> Option<(usize, usize)> {
    let end = buffer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let header = std::str::from_utf8(&buffer[..end]).expect("ASCII header");
    let length = header
        .lines()
        .find_map(|line| line.strip_prefix("Content-Length: "))
        .expect("Content-Length header")
        .trim()
        .parse()
        .expect("numeric length");
    Some((end, length))
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

pub fn position(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// Capabilities close to what VS Code and Neovim send, UTF-16 positions.
pub fn initialize_params(root: &Path, options: Value) -> Value {
    json!({
        "processId": std::process::id(),
        "rootUri": uri_of(root),
        "workspaceFolders": [{"uri": uri_of(root), "name": "workspace"}],
        "initializationOptions": options,
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true},
            "workspace": {
                "didChangeWatchedFiles": {"dynamicRegistration": true},
                "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
                "applyEdit": true
            },
            "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}
        }
    })
}

pub fn uri_of(path: &Path) -> String {
    // Only the characters our fixtures can contain need escaping.
    format!("file://{}", path.display().to_string().replace('%', "%25").replace(' ', "%20"))
}

/// A workspace folder on disk holding `files` (relative path, text).
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new(files: &[(&str, &str)]) -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("create folders");
            std::fs::write(full, text).expect("write fixture");
        }
        Workspace { dir }
    }

    pub fn root(&self) -> PathBuf {
        // Canonical, so paths match what the server derives from URIs.
        self.dir.path().canonicalize().expect("canonical root")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn uri(&self, relative: &str) -> String {
        uri_of(&self.path(relative))
    }
}

/// The (line, character) of the first occurrence of `needle` in `text`, in UTF-16 units,
/// plus `skip` characters into it.
pub fn find(text: &str, needle: &str, skip: usize) -> (u32, u32) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} in fixture"));
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize =
        text[line_start..offset].encode_utf16().count() + needle.chars().take(skip).map(char::len_utf16).sum::<usize>();
    (line, column as u32)
}
