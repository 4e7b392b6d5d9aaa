//! A raw LSP client over the real binary's stdio, for fault tests: it can send any bytes,
//! reads the server's frames strictly (a broken frame fails the test), answers the server's
//! own requests, and checks a document's text through the diagnostics published for it.

#![allow(dead_code)] // Each test file uses its own part of the client.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use copydesk::analysis::{GlossaryIndex, analyze};
use copydesk::lsp::position::{Encoding, LineMap};
use serde_json::{Value, json};

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;

/// An article whose diagnostics show where its text is and what it says: speakers missing
/// from the (empty) glossary on lines 2 and 4 and an unattributed quotation on line 6, after
/// an astral character and CRLF line ends, so that a lost or misplaced edit moves, renames or
/// drops them.
pub const STORY: &str = "# Council 😀 vote\r\n\r\n“Not now,” said Tomás Reyes on Tuesday.\r\n\r\n“We will appeal,” Mayor Lena Ortiz said.\r\n\r\n“Nobody asked us.”\r\n";

/// The real `copydesk lsp` process with a raw stdio connection.
pub struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Incoming>,
    /// Messages received but not yet looked at.
    backlog: Vec<Value>,
    workspace: tempfile::TempDir,
    next_id: i64,
}

pub enum Incoming {
    Message(Value),
    /// Output that is not a well-framed JSON message: always a failure.
    Garbage(String),
}

/// How long any one expectation may wait.
pub const TIMEOUT: Duration = Duration::from_secs(15);

impl Server {
    /// Starts `copydesk lsp` in an empty workspace and initializes it (UTF-16 positions,
    /// diagnostics without delay).
    pub fn start() -> Server {
        let workspace = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .current_dir(workspace.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || read_frames(BufReader::new(stdout), &sender));
        let mut server = Server { child, stdin, incoming, backlog: Vec::new(), workspace, next_id: 1 };
        let root = format!("file://{}", server.workspace.path().display());
        let response = server.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "newsroom"}],
                "initializationOptions": {"debounceMs": 0},
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            }),
        );
        assert!(response.get("result").is_some(), "initialize: {response}");
        server.notify("initialized", json!({}));
        server
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn uri(&self, name: &str) -> String {
        format!("file://{}/{name}", self.workspace.path().display())
    }

    pub fn open(&mut self, name: &str, text: &str) -> String {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).and_then(|()| self.stdin.flush()).expect("server reads its input");
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(&frame(&message.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// An error response with this id and code.
    pub fn expect_error(&mut self, id: Value, code: i64) {
        let response =
            self.wait_for(&format!("error {code}"), |m| m.get("error").is_some() && m.get("method").is_none());
        assert_eq!(response["id"], id, "{response}");
        assert_eq!(error_code(&response), Some(code), "{response}");
    }

    /// The server still answers requests: a new request gets its own response.
    pub fn expect_serving(&mut self) {
        let response = self.request("workspace/symbol", json!({"query": ""}));
        assert!(response.get("result").is_some(), "workspace/symbol after the fault: {response}");
        assert!(self.child.try_wait().expect("process status").is_none(), "the server exited");
    }

    /// No message so far answers a notification (every response names a request we sent).
    pub fn expect_no_response_to_notifications(&mut self) {
        let next_id = self.next_id;
        let stray = self
            .backlog
            .iter()
            .find(|m| m.get("method").is_none() && m["id"].as_i64().is_none_or(|id| id >= next_id || id < 1));
        assert!(stray.is_none(), "a notification was answered: {stray:?}");
    }

    /// Touches the document with an empty edit at `version` and checks that the diagnostics
    /// published for that version are the analysis of `text`.
    pub fn expect_document(&mut self, uri: &str, text: &str, version: i64) {
        self.change(uri, version, json!([{"range": range((0, 0), (0, 0)), "text": ""}]));
        let published = self.wait_for(&format!("diagnostics for {uri} at version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        let mut got: Vec<(String, Value, String)> = published["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_owned(),
                    d["range"].clone(),
                    d["message"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let mut expected = expected_diagnostics(text);
        got.sort_by_key(|(code, range, message)| (code.clone(), range.to_string(), message.clone()));
        expected.sort_by_key(|(code, range, message)| (code.clone(), range.to_string(), message.clone()));
        assert_eq!(got, expected, "the server's document is not the client's:\n{text}");
        self.expect_serving();
    }

    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(index);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(Incoming::Message(message)) => message,
                Ok(Incoming::Garbage(output)) => panic!("the server wrote a broken frame: {output}"),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}; received: {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().ok();
                    panic!(
                        "the server closed its output ({status:?}) while we waited for {what}; received: {:#?}",
                        self.backlog
                    )
                }
            };
            self.answer_server_request(&message);
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// Answers the requests the server makes of its client, so that it is never left waiting.
    fn answer_server_request(&mut self, message: &Value) {
        let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) else {
            return;
        };
        let result = if method == "workspace/configuration" { json!([]) } else { Value::Null };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The diagnostics the analysis gives on `text`: code, LSP range in UTF-16, message.
pub fn expected_diagnostics(text: &str) -> Vec<(String, Value, String)> {
    let (_, analysis) = analyze(text, copydesk::analysis::Format::Markdown, &GlossaryIndex::default());
    let lines = LineMap::new(text);
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let range = lines.range(text, d.span, Encoding::Utf16);
            (d.code.as_str().to_owned(), serde_json::to_value(range).expect("range as JSON"), d.message.clone())
        })
        .collect()
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

pub fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

/// Reads `Content-Length` frames from the server until its output closes.
fn read_frames(mut reader: impl BufRead, sender: &std::sync::mpsc::Sender<Incoming>) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            match line.strip_prefix("Content-Length: ").map(str::parse::<usize>) {
                Some(Ok(n)) => length = Some(n),
                Some(Err(_)) => {
                    let _ = sender.send(Incoming::Garbage(line.to_owned()));
                    return;
                }
                None if line.starts_with("Content-Type: ") => {}
                None => {
                    let _ = sender.send(Incoming::Garbage(line.to_owned()));
                    return;
                }
            }
        }
        let Some(length) = length else {
            let _ = sender.send(Incoming::Garbage("a header without Content-Length".into()));
            return;
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            let _ = sender.send(Incoming::Garbage("a body cut short".into()));
            return;
        }
        let incoming = match serde_json::from_slice(&body) {
            Ok(message) => Incoming::Message(message),
            Err(_) => Incoming::Garbage(String::from_utf8_lossy(&body).into_owned()),
        };
        if sender.send(incoming).is_err() {
            return;
        }
    }
}
