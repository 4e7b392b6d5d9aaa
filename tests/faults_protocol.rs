//! Protocol faults against the real binary: a raw stdio client sends what a broken or
//! hostile editor might — bad framing, bad JSON, unknown methods, wrong parameter types,
//! positions past the end, inverted ranges, edits to documents never opened, versions going
//! backwards, a flood of requests while edits stream in — and checks that each gets the
//! JSON-RPC error the specification asks for or is ignored as it allows, and that the
//! server keeps serving with its documents intact.
//!
//! Framing faults (bad JSON, wrong or missing Content-Length, a body that is not UTF-8) and
//! unknown `$/` requests are in tests/regressions_pending.rs until the server survives them.
//!
//! "Intact" is checked through what a writer sees: after the fault, the diagnostics the
//! server publishes for a document are exactly those the analysis gives on the text the
//! client believes the document holds.

#[path = "faults_support/raw_client.rs"]
mod raw_client;

use raw_client::{INVALID_PARAMS, METHOD_NOT_FOUND, STORY, Server, error_code, range};
use serde_json::json;

#[test]
fn unknown_methods() {
    let mut server = Server::start();
    let response = server.request("copydesk/doesNotExist", json!({}));
    assert_eq!(error_code(&response), Some(METHOD_NOT_FOUND), "{response}");
    // Unknown notifications, with or without `$/`, are ignored without an answer. (An
    // unknown `$/` request must get MethodNotFound too: see tests/regressions_pending.rs.)
    server.notify("$/unknownNotification", json!({"x": 1}));
    server.notify("copydesk/unknownNotification", json!([1, 2]));
    server.expect_serving();
    server.expect_no_response_to_notifications();
}

#[test]
fn wrong_parameter_types() {
    let mut server = Server::start();
    let uri = server.open("wrong-types.md", STORY);
    let response =
        server.request("textDocument/hover", json!({"textDocument": 5, "position": {"line": 0, "character": 0}}));
    assert_eq!(error_code(&response), Some(INVALID_PARAMS), "{response}");
    let response = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": -1, "character": "x"}}),
    );
    assert_eq!(error_code(&response), Some(INVALID_PARAMS), "{response}");
    let response = server.request("textDocument/definition", json!("not an object"));
    assert_eq!(error_code(&response), Some(INVALID_PARAMS), "{response}");
    // Notifications with wrong parameters cannot be answered: they must change nothing.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": "two"}, "contentChanges": [{"text": "gone"}]}),
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": "gone"}),
    );
    server.notify("textDocument/didOpen", json!({"textDocument": {"uri": 3}}));
    server.notify("workspace/didChangeConfiguration", json!({"settings": {"copydesk": {"debounceMs": "soon"}}}));
    server.expect_document(&uri, STORY, 2);
}

#[test]
fn requests_at_positions_past_the_end() {
    let mut server = Server::start();
    let uri = server.open("past-end.md", STORY);
    for (line, character) in [(0, 400), (6, 0), (7, 0), (500, 3), (u32::MAX, u32::MAX)] {
        let position = json!({"line": line, "character": character});
        let text_document = json!({"uri": uri});
        let contexts = [
            ("textDocument/hover", json!(null)),
            ("textDocument/definition", json!(null)),
            ("textDocument/completion", json!({"triggerKind": 1})),
            ("textDocument/references", json!({"includeDeclaration": true})),
        ];
        for (method, context) in contexts {
            let params = json!({"textDocument": text_document, "position": position, "context": context});
            let response = server.request(method, params);
            assert!(response.get("result").is_some(), "{method} at {line}:{character}: {response}");
        }
        let range = json!({"start": position, "end": position});
        for method in ["textDocument/codeAction", "textDocument/inlayHint"] {
            let params = json!({"textDocument": text_document, "range": range, "context": {"diagnostics": []}});
            let response = server.request(method, params);
            assert!(response.get("result").is_some(), "{method} at {line}:{character}: {response}");
        }
    }
    server.expect_document(&uri, STORY, 2);
}

#[test]
fn edits_past_line_and_document_ends_are_clamped() {
    let mut server = Server::start();
    let uri = server.open("clamped.md", STORY);
    // A column past the line's end means the line's end; a line past the end, the document's end.
    server.change(&uri, 2, json!([{"range": range((2, 900), (2, 901)), "text": " And left."}]));
    server.change(&uri, 3, json!([{"range": range((90, 0), (99, 5)), "text": "\r\n“Late,” he said.\r\n"}]));
    let expected = STORY.replacen("on Tuesday.", "on Tuesday. And left.", 1) + "\r\n“Late,” he said.\r\n";
    server.expect_document(&uri, &expected, 4);
}

#[test]
fn inverted_ranges_do_not_corrupt_the_document() {
    let mut server = Server::start();
    let uri = server.open("inverted.md", STORY);
    // The specification does not define an end before the start. The server reads it as the
    // empty range at the start (an insertion): the document stays whole and the same for
    // every later edit.
    server.change(&uri, 2, json!([{"range": range((4, 10), (2, 3)), "text": "X"}]));
    let at = STORY.find("“We will").expect("quote") + "“We will ".len();
    let mut expected = STORY.to_owned();
    expected.insert(at, 'X');
    server.expect_document(&uri, &expected, 3);
}

#[test]
fn edits_for_documents_never_opened_are_ignored() {
    let mut server = Server::start();
    let uri = server.open("opened.md", STORY);
    let ghost = server.uri("never-opened.md");
    server.change(&ghost, 2, json!([{"range": range((0, 0), (0, 0)), "text": "boo"}]));
    server.change(&ghost, 3, json!([{"text": "whole"}]));
    server.notify("textDocument/didClose", json!({"textDocument": {"uri": ghost}}));
    server.notify("textDocument/didSave", json!({"textDocument": {"uri": ghost}}));
    let response = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": ghost}, "position": {"line": 0, "character": 0}}),
    );
    assert!(response.get("result").is_some() || error_code(&response).is_some(), "{response}");
    let response = server.request("textDocument/documentSymbol", json!({"textDocument": {"uri": ghost}}));
    assert!(response.get("result").is_some() || error_code(&response).is_some(), "{response}");
    server.expect_document(&uri, STORY, 2);
}

#[test]
fn versions_going_backwards_still_apply_the_edits() {
    let mut server = Server::start();
    let uri = server.open("versions.md", STORY);
    // The text is what the client has, whatever version it claims: dropping these edits
    // would leave the server out of step with the editor for good.
    server.change(&uri, 10, json!([{"range": range((2, 0), (2, 0)), "text": "“Yes,” "}]));
    server.change(&uri, 5, json!([{"range": range((2, 0), (2, 0)), "text": "Today "}]));
    server.change(&uri, 5, json!([{"range": range((0, 0), (0, 1)), "text": "##"}]));
    let expected = STORY.replacen("“Not now,”", "Today “Yes,” “Not now,”", 1).replacen("# Council", "## Council", 1);
    server.expect_document(&uri, &expected, 6);
}

#[test]
fn a_request_flood_while_edits_stream_in() {
    let mut server = Server::start();
    let uri = server.open("flood.md", STORY);
    let mut client_text = STORY.to_owned();
    let mut ids = Vec::new();
    for version in 2..202 {
        // Type one character at the end of line 2, then ask about it at once, twice.
        server.change(&uri, version, json!([{"range": range((2, 400), (2, 400)), "text": "x"}]));
        let at = client_text.find("\r\n\r\n“We").expect("the end of line 2");
        client_text.insert(at, 'x');
        for method in ["textDocument/hover", "textDocument/inlayHint"] {
            let params = json!({
                "textDocument": {"uri": uri},
                "position": {"line": 2, "character": 20},
                "range": range((0, 0), (8, 0)),
            });
            ids.push(server.send_request(method, params));
        }
    }
    for id in ids {
        let response = server.response(id);
        assert!(response.get("result").is_some(), "request {id}: {response}");
    }
    server.expect_document(&uri, &client_text, 202);
}
