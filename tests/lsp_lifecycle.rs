//! The server's lifecycle through real framing: initialize, shutdown, exit statuses, requests
//! after shutdown, the editor dying, panics, debounced and versioned publishing, ordered edits.

mod lsp_support;

use std::time::Duration;

use copydesk::lsp::Outcome;
use lsp_support::{TestClient, Workspace, find, initialize_params, position};
use serde_json::{Value, json};

#[tokio::test]
async fn initialize_reports_server_info_and_capabilities() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::start();
    let result = client.result("initialize", initialize_params(&workspace.root(), Value::Null)).await;
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental sync");
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "declarationProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "inlayHintProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    let commands = capabilities["executeCommandProvider"]["commands"].as_array().unwrap();
    for command in ["copydesk.applyFix", "copydesk.ledger", "copydesk.ledgerHtml"] {
        assert!(commands.contains(&json!(command)), "{command}");
    }
    // The client's own command: listing it would make VS Code's client register it as well.
    assert!(!commands.contains(&json!("copydesk.showLedger")));
    assert_eq!(capabilities["codeLensProvider"], json!({"resolveProvider": false}));
    client.notify("initialized", json!({})).await;
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

#[tokio::test]
async fn utf8_is_chosen_when_the_client_offers_it() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::start();
    let mut params = initialize_params(&workspace.root(), Value::Null);
    params["capabilities"]["general"]["positionEncodings"] = json!(["utf-8", "utf-16"]);
    let result = client.result("initialize", params).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

#[tokio::test]
async fn shutdown_accepts_null_params_and_later_requests_are_invalid() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), Value::Null).await;
    // eglot sends `"params": null`; the test client sends exactly that.
    let response = client.request("shutdown", Value::Null).await;
    assert_eq!(response["result"], Value::Null, "{response}");
    // Neovim sends a second shutdown on quit: it must get an answer, not hang the server.
    let again = client.request("shutdown", Value::Null).await;
    assert_eq!(again["error"]["code"], -32600, "{again}");
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.md"}, "position": position(0, 0)}))
        .await;
    assert_eq!(hover["error"]["code"], -32600, "{hover}");
    client.notify("exit", Value::Null).await;
    assert_eq!(client.finish().await, Outcome::Clean);
}

#[tokio::test]
async fn exit_without_shutdown_is_a_failure_status() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), Value::Null).await;
    client.notify("exit", Value::Null).await;
    let outcome = client.finish().await;
    assert_eq!(outcome, Outcome::ExitWithoutShutdown);
    assert_eq!(outcome.exit_code(), std::process::ExitCode::from(1));
    assert_eq!(Outcome::Clean.exit_code(), std::process::ExitCode::SUCCESS);
}

#[tokio::test]
async fn the_server_exits_when_the_editor_process_dies() {
    let workspace = Workspace::new(&[]);
    let mut editor = std::process::Command::new("sleep").arg("30").spawn().expect("spawn a stand-in editor");
    let mut client = TestClient::start();
    let mut params = initialize_params(&workspace.root(), Value::Null);
    params["processId"] = json!(editor.id());
    client.result("initialize", params).await;
    client.notify("initialized", json!({})).await;
    editor.kill().expect("kill the stand-in editor");
    editor.wait().expect("reap it");
    assert_eq!(client.finish().await, Outcome::EditorDied);
}

#[tokio::test]
async fn a_panicking_handler_answers_with_an_error_and_the_server_keeps_serving() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), Value::Null).await;
    let response =
        client.request("workspace/executeCommand", json!({"command": "copydesk.debug.panic", "arguments": []})).await;
    assert_eq!(response["error"]["code"], -32603, "{response}");
    let log = client
        .wait_for(|m| {
            m["method"] == "window/logMessage" && m["params"]["message"].as_str().is_some_and(|s| s.contains("panic"))
        })
        .await;
    assert_eq!(log["params"]["type"], 1, "logged as an error");
    let message = log["params"]["message"].as_str().unwrap();
    assert!(message.starts_with("workspace/executeCommand failed: panic"), "named by its method: {message}");
    let symbols = client.request("workspace/symbol", json!({"query": ""})).await;
    assert!(symbols.get("result").is_some(), "still serving: {symbols}");
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

#[tokio::test]
async fn diagnostics_carry_the_version_and_close_clears_them() {
    let workspace = Workspace::new(&[("story.md", "")]);
    let uri = workspace.uri("story.md");
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    client.open(&uri, "markdown", "“Nobody said this.”\n").await;
    client.diagnostics_at(&uri, 1).await;
    client.change(&uri, 2, (0, 0), (0, 0), "Hello. ").await;
    client.diagnostics_at(&uri, 2).await;
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}})).await;
    let cleared = client.diagnostics(&uri, |p| p.get("version").is_none_or(Value::is_null)).await;
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

#[tokio::test]
async fn rapid_edits_are_debounced_and_only_the_last_version_is_published() {
    let workspace = Workspace::new(&[]);
    let uri = workspace.uri("story.md");
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 150})).await;
    client.open(&uri, "markdown", "").await;
    client.diagnostics_at(&uri, 1).await;
    for version in 2..=30 {
        client.change(&uri, version, (0, 0), (0, 0), "x").await;
    }
    let published = client.diagnostics(&uri, |_| true).await;
    assert_eq!(published["version"], 30, "only the settled version is analysed: {published}");
    let later = client.collect_for(Duration::from_millis(400)).await;
    let stale: Vec<&Value> = later.iter().filter(|m| m["method"] == "textDocument/publishDiagnostics").collect();
    assert!(stale.is_empty(), "no stale publications: {stale:?}");
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

/// Builds `kind = "per` in a glossary through interleaved incremental edits around emoji and
/// Arabic script, then checks the text through completion, whose edit range is computed from
/// the server's copy of the document.
#[tokio::test]
async fn interleaved_incremental_edits_apply_in_order() {
    let workspace = Workspace::new(&[]);
    let uri = workspace.uri("glossary.toml");
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let start = "[mujahid]\nname = \"مجاهد 🎉\"\r\n";
    client.open(&uri, "toml", start).await;
    type Edit = ((u32, u32), (u32, u32), &'static str);
    let edits: [Edit; 6] = [
        ((2, 0), (2, 0), "kind"),
        ((2, 4), (2, 4), " = \"pr"),
        // Replace "pr" with "p", then put the "er" after it.
        ((2, 8), (2, 10), "p"),
        ((2, 9), (2, 9), "er"),
        // Edit the line with the emoji (two UTF-16 units) without touching line 2.
        ((1, 16), (1, 16), "!"),
        ((1, 8), (1, 13), "Zabihullah"),
    ];
    for (version, (from, to, text)) in (2..).zip(edits) {
        client.change(&uri, version, from, to, text).await;
    }
    let expected = "[mujahid]\nname = \"Zabihullah 🎉!\"\r\nkind = \"per";
    let end = find(expected, "kind = \"per", 11);
    let result = client
        .result("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": position(end.0, end.1)}))
        .await;
    let items = result.as_array().cloned().unwrap_or_else(|| result["items"].as_array().cloned().unwrap_or_default());
    let person = items.iter().find(|i| i["label"] == "person").unwrap_or_else(|| panic!("person offered: {items:?}"));
    assert_eq!(person["textEdit"]["range"], lsp_support::range((2, 8), (2, 11)));
    assert!(items.iter().all(|i| i["label"] != "group"), "filtered by the prefix");
    assert_eq!(client.shutdown_and_exit().await, Outcome::Clean);
}

#[tokio::test]
async fn exit_right_behind_shutdown_is_still_a_clean_exit() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), Value::Null).await;
    // No waiting for the shutdown answer: the exit may cancel the pending handler.
    client.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null})).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(client.finish().await, Outcome::Clean);
}
