//! Every language feature through the real server and real framing, on an invented story
//! about a city council and its glossary.

mod lsp_support;

use lsp_support::{TestClient, Workspace, find, position, range};
use serde_json::{Value, json};

const GLOSSARY: &str = r#"[okafor]
name = "Ada Okafor"
kind = "person"
role = "Mayor of Riverside"
affiliation = "council"
pronouns = "she"
description = "Elected in 2022 on a transport platform."
twitter = "@adaokafor"

[brandt]
name = "Tomas Brandt"
role = "opposition leader"
affiliation = "council"
pronouns = "he"

[council]
name = "Riverside City Council"
kind = "organization"
aliases = ["the council"]
"#;

const STORY: &str = r#"---
title: Council approves the river bridge
---

# Council approves the river bridge

Mayor Ada Okafor said the vote was “a turning point for the east side.”

“We waited eleven years for this,” Okafor said. “Nobody should wait that long again.”

“The budget is a fantasy,” said Tomas Brandt, the opposition leader.

“It will cost twice as much,” he said.

The council meets again in April.

“Construction starts in May.”

“We will be watching,” said Lena Vogt.
"#;

const OTHER_STORY: &str = "# Bridge vote\n\nAda Okafor thanked residents.\n";

fn workspace() -> Workspace {
    Workspace::new(&[("news/glossary.toml", GLOSSARY), ("news/bridge.md", STORY), ("news/other.md", OTHER_STORY)])
}

/// A workspace and a client with the story open and its first diagnostics in.
async fn open_story(options: Value) -> (Workspace, TestClient, String, Vec<Value>) {
    let workspace = workspace();
    let mut client = TestClient::initialized(&workspace.root(), options).await;
    let uri = workspace.uri("news/bridge.md");
    client.open(&uri, "markdown", STORY).await;
    let diagnostics = client.diagnostics_at(&uri, 1).await;
    (workspace, client, uri, diagnostics)
}

fn at(text: &str, needle: &str, skip: usize) -> Value {
    let (line, character) = find(text, needle, skip);
    position(line, character)
}

fn span_range(text: &str, needle: &str) -> Value {
    let start = find(text, needle, 0);
    let end = find(text, needle, needle.chars().count());
    range(start, end)
}

fn summary(diagnostics: &[Value]) -> Vec<(String, i64)> {
    diagnostics
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["severity"].as_i64().unwrap_or(0)))
        .collect()
}

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"].as_str().unwrap_or_default().to_string()
}

async fn request_at(client: &mut TestClient, method: &str, uri: &str, position: Value) -> Value {
    client.result(method, json!({"textDocument": {"uri": uri}, "position": position})).await
}

#[tokio::test]
async fn diagnostics_have_source_code_link_and_exact_ranges() {
    let (_workspace, client, _uri, diagnostics) = open_story(json!({"debounceMs": 0})).await;
    assert_eq!(summary(&diagnostics), [("unattributed-quote".to_string(), 2), ("unknown-speaker".to_string(), 3)]);
    let unattributed = &diagnostics[0];
    assert_eq!(unattributed["source"], "copydesk");
    assert_eq!(unattributed["range"], span_range(STORY, "“Construction starts in May.”"));
    assert!(unattributed["message"].as_str().unwrap().contains("Tomas Brandt"), "{unattributed}");
    assert_eq!(
        unattributed["codeDescription"]["href"],
        "https://github.com/copydesk/copydesk/blob/main/docs/attribution.md#unattributed-quote"
    );
    assert_eq!(diagnostics[1]["range"], span_range(STORY, "Lena Vogt"));
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn severities_come_from_initialization_options_and_configuration_changes() {
    let options = json!({"debounceMs": 0, "severities": {"unknown-speaker": "off", "unattributed-quote": "error"}});
    let (_workspace, mut client, uri, diagnostics) = open_story(options).await;
    assert_eq!(summary(&diagnostics), [("unattributed-quote".to_string(), 1)]);
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"severities": {"unknown-speaker": "hint"}}}}),
        )
        .await;
    let republished = client.diagnostics(&uri, |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 2)).await;
    let diagnostics = republished["diagnostics"].as_array().unwrap();
    assert_eq!(summary(diagnostics), [("unattributed-quote".to_string(), 1), ("unknown-speaker".to_string(), 4)]);
    client.shutdown_and_exit().await;
}

fn codes(params: &Value) -> Vec<(String, i64)> {
    summary(params["diagnostics"].as_array().map_or(&[][..], Vec::as_slice))
}

/// Issue 16: the root's copydesk.toml sets severities for the server too, editor settings
/// override it, and `default` in the editor's settings gives the file's level back.
#[tokio::test]
async fn copydesk_toml_severities_apply_under_the_editor_settings() {
    let workspace = Workspace::new(&[
        ("copydesk.toml", "[severities]\nunknown-speaker = \"off\"\nunattributed-quote = \"error\"\n"),
        ("news/glossary.toml", GLOSSARY),
        ("news/bridge.md", STORY),
    ]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let uri = workspace.uri("news/bridge.md");
    client.open(&uri, "markdown", STORY).await;
    let from_file = vec![("unattributed-quote".to_string(), 1)];
    client.diagnostics(&uri, |p| codes(p) == from_file).await;

    let settings = |level: &str| json!({"settings": {"copydesk": {"severities": {"unknown-speaker": level}}}});
    client.notify("workspace/didChangeConfiguration", settings("hint")).await;
    let overridden = vec![("unattributed-quote".to_string(), 1), ("unknown-speaker".to_string(), 4)];
    client.diagnostics(&uri, |p| codes(p) == overridden).await;
    client.notify("workspace/didChangeConfiguration", settings("default")).await;
    client.diagnostics(&uri, |p| codes(p) == from_file).await;
    client.shutdown_and_exit().await;
}

/// Issue 16: a problem in copydesk.toml is a message while the file is closed, and a
/// diagnostic at its line once it is open; the rest of the file still applies.
#[tokio::test]
async fn copydesk_toml_problems_are_shown_at_their_line() {
    let settings = "[severities]\nno-such-code = \"hint\"\nunknown-speaker = \"off\"\n";
    let workspace = Workspace::new(&[("copydesk.toml", settings), ("news/glossary.toml", GLOSSARY)]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let message = client.wait_for(|m| m["method"] == "window/showMessage").await;
    assert_eq!(message["params"]["message"], "copydesk: copydesk.toml:2: unknown diagnostic code `no-such-code`");
    let uri = workspace.uri("copydesk.toml");
    client.open(&uri, "toml", settings).await;
    let published = client.diagnostics(&uri, |p| !p["diagnostics"].as_array().unwrap().is_empty()).await;
    let diagnostic = &published["diagnostics"][0];
    assert_eq!((diagnostic["code"].as_str(), diagnostic["severity"].as_i64()), (Some("config-invalid"), Some(1)));
    assert_eq!(diagnostic["range"], range((1, 0), (1, 12)));
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn documents_over_the_size_limit_are_not_analysed() {
    let (_workspace, mut client, _uri, diagnostics) =
        open_story(json!({"debounceMs": 0, "maxDocumentSize": 100})).await;
    assert_eq!(diagnostics, Vec::<Value>::new());
    let log = client.wait_for(|m| m["method"] == "window/logMessage").await;
    let message = log["params"]["message"].as_str().unwrap();
    assert!(message.contains("bridge.md is not checked") && message.contains("maxDocumentSize (100)"), "{message}");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn the_language_id_decides_only_when_the_extension_says_nothing() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    // Inside a Markdown code block the quotation is not prose; in plain text it is.
    let text = "```\n“Gone for good.”\n```\n";
    for (name, language, expect) in [
        ("notes", "markdown", 0),
        ("notes-plain", "plaintext", 1),
        ("story.md", "plaintext", 0),
        ("story.txt", "markdown", 1),
    ] {
        let uri = workspace.uri(name);
        client.open(&uri, language, text).await;
        let diagnostics = client.diagnostics_at(&uri, 1).await;
        assert_eq!(diagnostics.len(), expect, "{name} as {language}: {diagnostics:?}");
    }
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn hover_shows_the_actor_card_the_pronoun_and_the_quotation() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;

    let card = request_at(&mut client, "textDocument/hover", &uri, at(STORY, "Okafor said.", 2)).await;
    let text = hover_text(&card);
    for expected in [
        "**Ada Okafor** · person",
        "Mayor of Riverside",
        "Riverside City Council",
        "Elected in 2022",
        "twitter: @adaokafor",
        "Mentioned twice, quoted 3 times.",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let start = find(STORY, "Okafor said.", 0);
    assert_eq!(card["range"], range(start, (start.0, start.1 + 6)));

    let pronoun = request_at(&mut client, "textDocument/hover", &uri, at(STORY, "he said", 0)).await;
    assert!(hover_text(&pronoun).contains("**he** → **Tomas Brandt**"), "{pronoun}");

    let quote = request_at(&mut client, "textDocument/hover", &uri, at(STORY, "Construction", 3)).await;
    assert_eq!(hover_text(&quote), "No speaker named: readers will assume **Tomas Brandt**.", "{quote}");

    let attributed = request_at(&mut client, "textDocument/hover", &uri, at(STORY, "budget", 0)).await;
    let text = hover_text(&attributed);
    assert_eq!(text, "Said by **Tomas Brandt**, opposition leader.");

    let nothing = request_at(&mut client, "textDocument/hover", &uri, at(STORY, "title:", 0)).await;
    assert_eq!(nothing, Value::Null);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn definition_and_declaration_lead_into_the_glossary() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let glossary = workspace.uri("news/glossary.toml");
    for method in ["textDocument/definition", "textDocument/declaration"] {
        let location = request_at(&mut client, method, &uri, at(STORY, "Okafor said.", 0)).await;
        assert_eq!(location, json!({"uri": glossary, "range": range((0, 0), (0, 8))}), "{method}");
    }
    let pronoun = request_at(&mut client, "textDocument/definition", &uri, at(STORY, "he said", 1)).await;
    assert_eq!(pronoun, json!({"uri": glossary, "range": span_range(GLOSSARY, "[brandt]")}));

    // Inside the glossary, from an affiliation value to the entity it names.
    client.open(&glossary, "toml", GLOSSARY).await;
    let affiliation =
        request_at(&mut client, "textDocument/definition", &glossary, at(GLOSSARY, "\"council\"", 3)).await;
    assert_eq!(affiliation, json!({"uri": glossary, "range": span_range(GLOSSARY, "[council]")}));
    let card = request_at(&mut client, "textDocument/hover", &glossary, at(GLOSSARY, "\"council\"", 3)).await;
    assert!(hover_text(&card).contains("**Riverside City Council** · organization"), "{card}");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn references_cover_open_documents_and_the_workspace() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let other = workspace.uri("news/other.md");
    let glossary = workspace.uri("news/glossary.toml");
    let expected_story = [span_range(STORY, "Ada Okafor"), {
        let start = find(STORY, "Okafor said.", 0);
        range(start, (start.0, start.1 + 6))
    }];
    let params = |uri: &str, position: Value, declaration: bool| json!({"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": declaration}});
    let found = client.result("textDocument/references", params(&uri, at(STORY, "Okafor said.", 1), false)).await;
    let mut expected: Vec<Value> = expected_story.iter().map(|r| json!({"uri": uri, "range": r})).collect();
    expected.push(json!({"uri": other, "range": span_range(OTHER_STORY, "Ada Okafor")}));
    assert_eq!(found, json!(expected));

    // From the glossary entry, declaration included.
    client.open(&glossary, "toml", GLOSSARY).await;
    let from_entry =
        client.result("textDocument/references", params(&glossary, at(GLOSSARY, "[okafor]", 2), true)).await;
    let mut with_declaration = vec![json!({"uri": glossary, "range": range((0, 0), (0, 8))})];
    with_declaration.extend(expected);
    assert_eq!(from_entry, json!(with_declaration));

    // The background scan reported its progress, from begin to end.
    let created = client.server_requests.iter().any(|r| r["method"] == "window/workDoneProgress/create");
    assert!(created, "progress token requested: {:?}", client.server_requests);
    let end = client.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    assert_eq!(end["params"]["token"], "copydesk/index");
    assert_eq!(end["params"]["value"]["message"], "2 articles indexed");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn highlights_and_references_include_the_pronouns_that_resolve_to_a_person() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let he = {
        let start = find(STORY, "he said.", 0);
        range(start, (start.0, start.1 + 2))
    };
    let expected = json!([{"range": span_range(STORY, "Tomas Brandt"), "kind": 1}, {"range": he, "kind": 1}]);
    for position in [at(STORY, "he said.", 0), at(STORY, "Tomas Brandt", 3)] {
        let found = client
            .result("textDocument/documentHighlight", json!({"textDocument": {"uri": uri}, "position": position}))
            .await;
        assert_eq!(found, expected);
    }
    let params = json!({"textDocument": {"uri": uri}, "position": at(STORY, "he said.", 0), "context": {"includeDeclaration": false}});
    let references = client.result("textDocument/references", params).await;
    let ranges: Vec<&Value> = references.as_array().unwrap().iter().map(|l| &l["range"]).collect();
    assert_eq!(ranges, [&span_range(STORY, "Tomas Brandt"), &he]);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn document_symbols_outline_speakers_and_their_quotes() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let symbols = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    let outline: Vec<(String, usize)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["children"].as_array().map_or(0, Vec::len)))
        .collect();
    assert_eq!(outline, [("Ada Okafor".to_string(), 3), ("Tomas Brandt".to_string(), 3), ("Lena Vogt".to_string(), 1)]);
    assert_eq!(symbols[0]["children"][1]["name"], "“We waited eleven years for this,”");

    let glossary = workspace.uri("news/glossary.toml");
    client.open(&glossary, "toml", GLOSSARY).await;
    let entities = client.result("textDocument/documentSymbol", json!({"textDocument": {"uri": glossary}})).await;
    let names: Vec<(&str, &str)> = entities
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("Ada Okafor", "okafor"), ("Tomas Brandt", "brandt"), ("Riverside City Council", "council")]);
    assert_eq!(entities[0]["selectionRange"], range((0, 0), (0, 8)));
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn workspace_symbols_are_the_glossary_entities() {
    let (workspace, mut client, _uri, _) = open_story(json!({"debounceMs": 0})).await;
    let symbols = client.result("workspace/symbol", json!({"query": "okaf"})).await;
    assert_eq!(
        symbols,
        json!([{
            "name": "Ada Okafor",
            "kind": 19,
            "containerName": "okafor",
            "location": {"uri": workspace.uri("news/glossary.toml"), "range": range((0, 0), (0, 8))}
        }])
    );
    let all = client.result("workspace/symbol", json!({"query": ""})).await;
    assert_eq!(all.as_array().unwrap().len(), 3);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn completion_offers_names_in_articles_and_kinds_and_ids_in_glossaries() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let line = STORY.lines().count() as u32;
    client.change(&uri, 2, (line, 0), (line, 0), "Tom").await;
    let items = request_at(&mut client, "textDocument/completion", &uri, position(line, 3)).await;
    let labels: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Tomas Brandt"]);
    assert_eq!(items[0]["textEdit"]["range"], range((line, 0), (line, 3)));
    // A lowercase word is not a name.
    client.change(&uri, 3, (line, 0), (line, 3), "the").await;
    let none = request_at(&mut client, "textDocument/completion", &uri, position(line, 3)).await;
    assert_eq!(none, json!([]));

    let glossary = workspace.uri("news/glossary.toml");
    let text = format!("{GLOSSARY}\n[vogt]\nname = \"Lena Vogt\"\naffiliation = \"co");
    client.open(&glossary, "toml", &text).await;
    let end = find(&text, "affiliation = \"co", 17);
    let ids = request_at(&mut client, "textDocument/completion", &glossary, position(end.0, end.1)).await;
    let labels: Vec<&str> = ids.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["council"]);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn inlay_hints_name_pronoun_speakers() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let hints = client
        .result("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range((0, 0), (40, 0))}))
        .await;
    let (line, character) = find(STORY, "he said", 2);
    assert_eq!(hints.as_array().unwrap().len(), 1, "{hints}");
    assert_eq!(hints[0]["label"], "→ Tomas Brandt");
    assert_eq!(hints[0]["position"], position(line, character));
    let outside = client
        .result("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range((0, 0), (3, 0))}))
        .await;
    assert_eq!(outside, json!([]));
    client.shutdown_and_exit().await;
}

fn titles(actions: &Value) -> Vec<String> {
    actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

async fn actions_at(client: &mut TestClient, uri: &str, range: Value) -> Value {
    client
        .result(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .await
}

#[tokio::test]
async fn code_actions_add_speakers_attribute_quotes_and_silence_diagnostics() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let glossary = workspace.uri("news/glossary.toml");

    let add = actions_at(&mut client, &uri, span_range(STORY, "Lena Vogt")).await;
    assert_eq!(titles(&add), ["Add “Lena Vogt” to the glossary", "Silence unknown-speaker in this paragraph"]);
    let end = (GLOSSARY.lines().count() as u32, 0);
    assert_eq!(
        add[0]["edit"]["documentChanges"],
        json!([{
            "textDocument": {"uri": glossary, "version": null},
            "edits": [{"range": range(end, end), "newText": "\n[lena-vogt]\nname = \"Lena Vogt\"\nkind = \"person\"\n"}]
        }])
    );

    let quote = span_range(STORY, "“Construction starts in May.”");
    let attribute = actions_at(&mut client, &uri, quote.clone()).await;
    assert_eq!(
        titles(&attribute),
        [
            "Attribute to Brandt (confirm the speaker)",
            "Pin speaker: Tomas Brandt",
            "Silence unattributed-quote in this paragraph"
        ]
    );
    let period = find(STORY, ".”\n\n“We will", 0);
    let after = find(STORY, ".”\n\n“We will", 2);
    assert_eq!(
        attribute[0]["edit"]["documentChanges"][0]["edits"],
        json!([
            {"range": range(period, (period.0, period.1 + 1)), "newText": ","},
            {"range": range(after, after), "newText": " Brandt said."}
        ])
    );

    // Applying the silencing edit makes the warning go away.
    let silence = &attribute[2]["edit"]["documentChanges"][0];
    assert_eq!(silence["textDocument"]["version"], 1);
    let edit = &silence["edits"][0];
    let line = quote["start"]["line"].as_u64().unwrap() as u32;
    assert_eq!(edit["range"], range((line, 0), (line, 0)));
    assert_eq!(edit["newText"], "<!-- copydesk-ignore unattributed-quote -->\n");
    client.change(&uri, 2, (line, 0), (line, 0), edit["newText"].as_str().unwrap()).await;
    let after_silence = client.diagnostics_at(&uri, 2).await;
    assert_eq!(summary(&after_silence), [("unknown-speaker".to_string(), 3)]);
    client.shutdown_and_exit().await;
}

/// Issue 16: an unattributed quotation offers to pin each likely speaker; the pin goes on a
/// line of its own before the paragraph, and applying it attributes the quotation with no
/// warning left.
#[tokio::test]
async fn pin_speaker_actions_insert_a_pin_that_attributes_the_quotation() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let quote = span_range(STORY, "“Construction starts in May.”");
    let actions = actions_at(&mut client, &uri, quote.clone()).await;
    let pins: Vec<String> = titles(&actions).into_iter().filter(|t| t.starts_with("Pin speaker")).collect();
    assert_eq!(pins, ["Pin speaker: Tomas Brandt"]);
    let pin = action(&actions, "Pin speaker: Tomas Brandt").expect("pin action");
    let edit = &pin["edit"]["documentChanges"][0]["edits"][0];
    let line = quote["start"]["line"].as_u64().unwrap() as u32;
    assert_eq!(edit["range"], range((line, 0), (line, 0)));
    assert_eq!(edit["newText"], "<!-- copydesk-speaker brandt -->\n");
    client.change(&uri, 2, (line, 0), (line, 0), edit["newText"].as_str().unwrap()).await;
    let after = client.diagnostics_at(&uri, 2).await;
    assert_eq!(summary(&after), [("unknown-speaker".to_string(), 3)]);
    let hover = request_at(&mut client, "textDocument/hover", &uri, position(line + 1, 3)).await;
    let shown = hover_text(&hover);
    assert!(shown.contains("Tomas Brandt") && shown.contains("pinned by copydesk-speaker"), "{shown}");
    client.shutdown_and_exit().await;
}

const WATCHING: &str = "“We will be watching,” said Lena Vogt.\n";

/// A client that applies plain `changes` only (no `documentChanges`, no file creation), as
/// some editors are, with or without `codeAction.disabledSupport`; the story open.
async fn open_without_resource_operations(workspace: &Workspace, disabled_support: bool) -> (TestClient, String) {
    let mut client = TestClient::start();
    let mut params = lsp_support::initialize_params(&workspace.root(), json!({"debounceMs": 0}));
    params["capabilities"]["workspace"]["workspaceEdit"] = json!({"documentChanges": false});
    params["capabilities"]["textDocument"]["codeAction"] = json!({"disabledSupport": disabled_support});
    client.result("initialize", params).await;
    client.notify("initialized", json!({})).await;
    let uri = workspace.uri("desk/story.md");
    client.open(&uri, "markdown", WATCHING).await;
    client.diagnostics_at(&uri, 1).await;
    (client, uri)
}

fn action<'a>(actions: &'a Value, title: &str) -> Option<&'a Value> {
    actions.as_array().unwrap().iter().find(|a| a["title"] == title)
}

#[tokio::test]
async fn clients_that_cannot_create_files_add_speakers_to_an_existing_glossary() {
    let workspace = Workspace::new(&[("glossary.toml", GLOSSARY), ("desk/story.md", WATCHING)]);
    let (mut client, uri) = open_without_resource_operations(&workspace, false).await;
    let glossary = workspace.uri("glossary.toml");
    let actions = actions_at(&mut client, &uri, range((0, 0), (0, 40))).await;
    let add = action(&actions, "Add “Lena Vogt” to the glossary").expect("add action");
    let end = (GLOSSARY.lines().count() as u32, 0);
    let append =
        json!([{"range": range(end, end), "newText": "\n[lena-vogt]\nname = \"Lena Vogt\"\nkind = \"person\"\n"}]);
    assert_eq!(add["edit"], json!({"changes": {glossary.clone(): append.clone()}}));
    // An edit inside the open article needs no resource operation either.
    let silence = action(&actions, "Silence unknown-speaker in this paragraph").expect("silence");
    assert_eq!(
        silence["edit"]["changes"][&uri],
        json!([{"range": range((0, 0), (0, 0)), "newText": "<!-- copydesk-ignore unknown-speaker -->\n"}])
    );

    // The command asks the client to apply the same edit; the server writes nothing.
    let fix = json!({"fix": "addToGlossary", "uri": uri, "name": "Lena Vogt"});
    client.result("workspace/executeCommand", json!({"command": "copydesk.applyFix", "arguments": [fix]})).await;
    let apply = client.wait_for(|m| m["method"] == "workspace/applyEdit").await;
    assert_eq!(apply["params"]["edit"], json!({"changes": {glossary: append}}));
    assert_eq!(std::fs::read_to_string(workspace.path("glossary.toml")).unwrap(), GLOSSARY);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn without_a_glossary_to_add_to_the_fix_is_disabled_or_left_out() {
    let workspace = Workspace::new(&[("desk/story.md", WATCHING)]);
    let reason =
        "no glossary file to add to, and this editor cannot create one: create glossary.toml beside the article";

    let (mut client, uri) = open_without_resource_operations(&workspace, true).await;
    let actions = actions_at(&mut client, &uri, range((0, 0), (0, 40))).await;
    let add = action(&actions, "Add “Lena Vogt” to the glossary").expect("disabled add action");
    assert_eq!(add["disabled"], json!({"reason": reason}));
    assert!(add.get("edit").is_none() && add.get("command").is_none(), "{add}");
    let fix = json!({"fix": "addToGlossary", "uri": uri, "name": "Lena Vogt"});
    let refused =
        client.request("workspace/executeCommand", json!({"command": "copydesk.applyFix", "arguments": [fix]})).await;
    assert_eq!(refused["error"]["message"], reason);
    assert!(!workspace.path("desk/glossary.toml").exists(), "the server wrote no file");
    client.shutdown_and_exit().await;

    let (mut client, uri) = open_without_resource_operations(&workspace, false).await;
    let actions = actions_at(&mut client, &uri, range((0, 0), (0, 40))).await;
    assert_eq!(titles(&actions), ["Silence unknown-speaker in this paragraph"]);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn unsaved_glossary_edits_reanalyse_open_articles() {
    let (workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let registration = client.server_requests.iter().find(|r| r["method"] == "client/registerCapability").cloned();
    let registration = match registration {
        Some(r) => r,
        None => client.wait_for(|m| m["method"] == "client/registerCapability").await,
    };
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(
        watchers,
        &json!([
            {"globPattern": "**/glossary.toml"},
            {"globPattern": "**/*.glossary.toml"},
            {"globPattern": "**/copydesk.toml"}
        ])
    );

    let glossary = workspace.uri("news/glossary.toml");
    client.open(&glossary, "toml", GLOSSARY).await;
    let lines = GLOSSARY.lines().count() as u32;
    client.change(&glossary, 2, (lines, 0), (lines, 0), "\n[vogt]\nname = \"Lena Vogt\"\n").await;
    let republished = client.diagnostics(&uri, |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 1)).await;
    assert_eq!(republished["diagnostics"][0]["code"], "unattributed-quote");

    // Closing the unsaved glossary goes back to the file on disk.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": glossary}})).await;
    let back = client.diagnostics(&uri, |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 2)).await;
    assert_eq!(back["diagnostics"][1]["code"], "unknown-speaker");

    // A change on disk reported by the watcher is picked up too.
    std::fs::write(workspace.path("news/glossary.toml"), format!("{GLOSSARY}\n[vogt]\nname = \"Lena Vogt\"\n"))
        .unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": glossary, "type": 2}]})).await;
    client.diagnostics(&uri, |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 1)).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn glossary_edits_republish_every_article_using_it_and_refresh_inlay_hints() {
    let workspace = workspace();
    let mut client = TestClient::start();
    let mut params = lsp_support::initialize_params(&workspace.root(), json!({"debounceMs": 0}));
    params["capabilities"]["workspace"]["inlayHint"] = json!({"refreshSupport": true});
    client.result("initialize", params).await;
    client.notify("initialized", json!({})).await;
    let (story, other) = (workspace.uri("news/bridge.md"), workspace.uri("news/other.md"));
    client.open(&story, "markdown", STORY).await;
    client.open(&other, "markdown", OTHER_STORY).await;
    client.diagnostics_at(&story, 1).await;
    client.diagnostics_at(&other, 1).await;

    // Tomas Brandt becomes an alias of a longer name; Lena Vogt joins.
    let glossary = workspace.uri("news/glossary.toml");
    client.open(&glossary, "toml", GLOSSARY).await;
    let (line, character) = find(GLOSSARY, "name = \"Tomas Brandt\"", 0);
    let renamed = "name = \"Tomas Brandt-Lindqvist\"\naliases = [\"Tomas Brandt\"]";
    client.change(&glossary, 2, (line, character), (line, character + 21), renamed).await;
    let end = GLOSSARY.lines().count() as u32 + 1;
    client.change(&glossary, 3, (end, 0), (end, 0), "\n[vogt]\nname = \"Lena Vogt\"\n").await;

    // Every open article is republished against the edited glossary: the story's unknown
    // speaker is known now, and the other story, which only mentions Ada Okafor, too.
    let known = client.diagnostics(&story, |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 1)).await;
    assert_eq!(known["diagnostics"][0]["code"], "unattributed-quote");
    assert_eq!(known["version"], 1, "the article itself did not change");
    client.diagnostics(&other, |_| true).await;
    let refresh = client.wait_for(|m| m["method"] == "workspace/inlayHint/refresh").await;
    assert!(refresh.get("id").is_some(), "a request: {refresh}");
    let hints = client
        .result("textDocument/inlayHint", json!({"textDocument": {"uri": story}, "range": range((0, 0), (40, 0))}))
        .await;
    assert_eq!(hints[0]["label"], "→ Tomas Brandt-Lindqvist");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn clients_without_refresh_support_get_no_refresh_request() {
    let (workspace, mut client, _uri, _) = open_story(json!({"debounceMs": 0})).await;
    let glossary = workspace.uri("news/glossary.toml");
    client.open(&glossary, "toml", GLOSSARY).await;
    client.change(&glossary, 2, (0, 0), (0, 0), "\n").await;
    client.collect_for(std::time::Duration::from_millis(300)).await;
    assert!(!client.server_requests.iter().any(|r| r["method"] == "workspace/inlayHint/refresh"));
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn glossary_problems_are_published_on_the_glossary_file() {
    let broken = "[okafor]\nname = \"Ada Okafor\"\naffiliation = \"nowhere\"\n\n[nameless]\nrole = \"clerk\"\n";
    let workspace = Workspace::new(&[("glossary.toml", broken)]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let article = workspace.uri("story.md");
    client.open(&article, "markdown", "Ada Okafor spoke.\n").await;
    let glossary = workspace.uri("glossary.toml");
    let published = client.diagnostics(&glossary, |_| true).await;
    let codes: Vec<&str> =
        published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"glossary-unknown-affiliation") && codes.contains(&"glossary-missing-name"), "{published}");

    // Open, the glossary publishes its own problems with its version.
    client.open(&glossary, "toml", broken).await;
    let own = client.diagnostics_at(&glossary, 1).await;
    let unknown = own.iter().find(|d| d["code"] == "glossary-unknown-affiliation").expect("unknown affiliation");
    assert_eq!(unknown["range"]["start"]["line"], 2);
    assert_eq!(unknown["severity"], 1);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn positions_follow_the_negotiated_encoding_with_emoji_and_arabic_names() {
    let glossary = "[mujahid]\nname = \"ذبيح الله مجاهد\"\naliases = [\"مجاهد\"]\n";
    let text = "🎉 Zoe\u{308} met مجاهد.\r\n“Talks go on,” مجاهد said.\r\n";
    for (encodings, expect) in [(json!(["utf-16"]), 12), (json!(["utf-8", "utf-16"]), 15)] {
        let workspace = Workspace::new(&[("glossary.toml", glossary)]);
        let mut client = TestClient::start();
        let mut params = lsp_support::initialize_params(&workspace.root(), json!({"debounceMs": 0}));
        params["capabilities"]["general"]["positionEncodings"] = encodings;
        client.result("initialize", params).await;
        client.notify("initialized", json!({})).await;
        let uri = workspace.uri("story.txt");
        client.open(&uri, "plaintext", text).await;
        client.diagnostics_at(&uri, 1).await;
        let hover = request_at(&mut client, "textDocument/hover", &uri, position(0, expect + 1)).await;
        assert!(hover_text(&hover).contains("ذبيح الله مجاهد"), "{hover}");
        let width = if expect == 12 { 5 } else { 10 };
        assert_eq!(hover["range"], range((0, expect), (0, expect + width)));
        let second = request_at(&mut client, "textDocument/definition", &uri, position(1, 0)).await;
        assert_eq!(second, Value::Null, "the opening mark is no mention");
        client.shutdown_and_exit().await;
    }
}

/// Plain text reads copydesk comments too (issue 16), so it is offered the same fixes.
#[tokio::test]
async fn plain_text_is_offered_ignore_comments_and_pins() {
    let workspace = Workspace::new(&[("glossary.toml", GLOSSARY)]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let uri = workspace.uri("wire.txt");
    let text = "“We need the bridge,” said Tomas Brandt.\nThe vote is on Monday.\n“Is this the end?”\n";
    client.open(&uri, "plaintext", text).await;
    let diagnostics = client.diagnostics_at(&uri, 1).await;
    assert_eq!(summary(&diagnostics), [("unattributed-quote".to_string(), 2)]);
    let actions = actions_at(&mut client, &uri, range((2, 0), (2, 3))).await;
    assert_eq!(
        titles(&actions),
        [
            "Attribute to Brandt (confirm the speaker)",
            "Pin speaker: Tomas Brandt",
            "Silence unattributed-quote in this paragraph"
        ]
    );
    // A question keeps its mark: only the attribution is added.
    let after = find(text, "?”", 2);
    assert_eq!(
        actions[0]["edit"]["documentChanges"][0]["edits"],
        json!([{"range": range(after, after), "newText": " Brandt said."}])
    );
    // The ignore comment, on a line of its own, silences the warning and is no paragraph.
    let silence = &action(&actions, "Silence unattributed-quote in this paragraph").unwrap()["edit"];
    let edit = &silence["documentChanges"][0]["edits"][0];
    assert_eq!(edit["range"], range((2, 0), (2, 0)));
    client.change(&uri, 2, (2, 0), (2, 0), edit["newText"].as_str().unwrap()).await;
    assert_eq!(summary(&client.diagnostics_at(&uri, 2).await), []);
    client.shutdown_and_exit().await;
}

/// Issue 18, item 4: requests ran on the message loop, so a hover waited behind the symbols
/// of an 800 KB one-line document (9.5 s). Work that grows with the document runs on the
/// blocking pool: the hover sent after the symbols request is answered first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_request_does_not_hold_back_the_requests_behind_it() {
    let workspace = Workspace::new(&[]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let (big, small) = (workspace.uri("big.md"), workspace.uri("small.md"));
    client.open(&big, "markdown", &"“We won 🎉,” Ada Okafor said. ".repeat(13_000)).await;
    client.open(&small, "markdown", "“Hi,” Ada Okafor said.\n").await;
    client.diagnostics_at(&big, 1).await;
    client.diagnostics_at(&small, 1).await;

    let symbols = json!({"jsonrpc": "2.0", "id": 9001, "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": big}}});
    let hover = json!({"jsonrpc": "2.0", "id": 9002, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": small}, "position": position(0, 8)}});
    client.send(symbols).await;
    client.send(hover).await;
    let first = client.wait_for(|m| m.get("id").is_some() && m.get("method").is_none()).await;
    assert_eq!(first["id"], 9002, "the hover waited for the symbols");
    let symbols = client.wait_for(|m| m["id"] == 9001).await;
    assert!(
        symbols["result"][0]["children"].as_array().is_some_and(|c| c.len() >= 13_000),
        "{:.200}",
        symbols.to_string()
    );
    client.shutdown_and_exit().await;
}

/// Issue 16's Done-when on the seed article: no two inlay hints share a position, the
/// ambiguous `he` of line 9 shows its doubt and offers a fix naming Nadeem Anjum (by surname,
/// as he was introduced on line 8). Skipped, with a note, when the shared corpus is not beside
/// the repository.
#[tokio::test]
async fn the_seed_article_has_one_hint_per_position_and_names_the_ambiguous_speaker() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seed");
    if !seed.join("kabul-talks.txt").exists() {
        eprintln!("note: {} is absent; the seed check is skipped", seed.display());
        return;
    }
    let article = std::fs::read_to_string(seed.join("kabul-talks.txt")).unwrap();
    let glossary = std::fs::read_to_string(seed.join("glossary.toml")).unwrap();
    let workspace = Workspace::new(&[("glossary.toml", glossary.as_str())]);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let uri = workspace.uri("kabul-talks.txt");
    client.open(&uri, "plaintext", &article).await;
    client.diagnostics_at(&uri, 1).await;
    let hints = client
        .result("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range((0, 0), (40, 0))}))
        .await;
    let positions: Vec<&Value> = hints.as_array().unwrap().iter().map(|h| &h["position"]).collect();
    for (i, p) in positions.iter().enumerate() {
        assert!(!positions[..i].contains(p), "two hints at {p}: {hints}");
    }
    let he = find(&article, "he said", 0);
    assert_eq!(he.0, 8, "the first `he said` is on line 9");
    let doubt = hints.as_array().unwrap().iter().find(|h| h["position"]["line"] == 8).expect("a hint on line 9");
    assert!(doubt["label"].as_str().unwrap().ends_with('?'), "{doubt}");
    let actions = actions_at(&mut client, &uri, range(he, (he.0, he.1 + 2))).await;
    let name = action(&actions, "Replace “he” with Anjum").unwrap_or_else(|| panic!("{:?}", titles(&actions)));
    assert_eq!(name["edit"]["documentChanges"][0]["edits"][0]["newText"], "Anjum");
    client.shutdown_and_exit().await;
}

/// Issue 18, item 13: references and workspace symbols covered only the first 5,000 files
/// of the workspace without a word. Past the limit the server logs a warning once, and the
/// indexing progress ends saying so.
#[tokio::test]
async fn a_workspace_over_the_index_limit_is_said_to_be_cut() {
    let names: Vec<String> = (0..5_001).map(|i| format!("news/{i:04}.txt")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|name| (name.as_str(), "")).collect();
    let workspace = Workspace::new(&files);
    let mut client = TestClient::initialized(&workspace.root(), json!({"debounceMs": 0})).await;
    let end = client.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end").await;
    assert_eq!(end["params"]["value"]["message"], "5000 articles indexed (the first 5000 files only)");
    let log = client.wait_for(|m| m["method"] == "window/logMessage").await;
    assert_eq!(log["params"]["type"], 2, "a warning: {log}");
    let message = log["params"]["message"].as_str().unwrap();
    assert!(message.starts_with("copydesk indexed only the first 5000 article and glossary files of "), "{message}");
    client.shutdown_and_exit().await;
}

fn lens_titles(lenses: &Value) -> Vec<(u64, String)> {
    let lenses = lenses.as_array().expect("code lenses");
    lenses
        .iter()
        .map(|lens| {
            assert_eq!(lens["command"]["command"], "copydesk.showLedger", "{lens}");
            (lens["range"]["start"]["line"].as_u64().unwrap(), lens["command"]["title"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Issue 15: the ledger in one line on the first line, and a line over each source's first
/// quotation, each opening the ledger with the document as the command's argument.
#[tokio::test]
async fn code_lenses_sum_up_the_ledger_and_each_source() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let lenses = client.result("textDocument/codeLens", json!({"textDocument": {"uri": uri}})).await;
    assert_eq!(
        lens_titles(&lenses),
        [
            (0, "7 quotations · 3 sources (1 woman, 1 man, 1 of unknown gender) · 1 unattributed".to_string()),
            (find(STORY, "“a turning point", 0).0 as u64, "quoted 3× · mentioned 2×".to_string()),
            (find(STORY, "“The budget", 0).0 as u64, "quoted 3× · mentioned 1×".to_string()),
            (find(STORY, "“We will be watching", 0).0 as u64, "quoted 1×".to_string()),
        ]
    );
    assert_eq!(lenses[0]["command"]["arguments"], json!([uri]));
    client.shutdown_and_exit().await;
}

/// Issue 15: any client gets the ledger as Markdown, and as the report's HTML page.
#[tokio::test]
async fn the_ledger_commands_answer_markdown_and_the_html_page() {
    let (_workspace, mut client, uri, _) = open_story(json!({"debounceMs": 0})).await;
    let markdown =
        client.result("workspace/executeCommand", json!({"command": "copydesk.ledger", "arguments": [uri]})).await;
    let markdown = markdown.as_str().expect("Markdown text");
    assert!(markdown.starts_with("# Source ledger: bridge.md\n\n7 quotations"), "{markdown}");
    assert!(
        markdown.contains("| Ada Okafor `okafor` | person | woman | Mayor of Riverside, Riverside City Council | 3 |"),
        "{markdown}"
    );
    let html = client
        .result("workspace/executeCommand", json!({"command": "copydesk.ledgerHtml", "arguments": [{"uri": uri}]}))
        .await;
    let html = html.as_str().expect("HTML text");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"), "{html}");
    assert!(html.contains("data-entity=\"okafor\" data-name=\"Ada Okafor\" data-quotations=\"3\""), "{html}");
    let closed = client
        .request("workspace/executeCommand", json!({"command": "copydesk.ledger", "arguments": ["file:///nowhere.md"]}))
        .await;
    assert!(closed["error"]["message"].as_str().is_some_and(|m| m.contains("is not open")), "{closed}");
    client.shutdown_and_exit().await;
}

/// Issue 15: the lenses follow the glossary, so a glossary edit asks clients that can for them again.
#[tokio::test]
async fn glossary_edits_refresh_code_lenses() {
    let workspace = workspace();
    let mut client = TestClient::start();
    let mut params = lsp_support::initialize_params(&workspace.root(), json!({"debounceMs": 0}));
    params["capabilities"]["workspace"]["codeLens"] = json!({"refreshSupport": true});
    client.result("initialize", params).await;
    client.notify("initialized", json!({})).await;
    let story = workspace.uri("news/bridge.md");
    client.open(&story, "markdown", STORY).await;
    client.diagnostics_at(&story, 1).await;
    let glossary = workspace.uri("news/glossary.toml");
    client.open(&glossary, "toml", GLOSSARY).await;
    let end = GLOSSARY.lines().count() as u32 + 1;
    client.change(&glossary, 2, (end, 0), (end, 0), "\n[vogt]\nname = \"Lena Vogt\"\npronouns = \"she\"\n").await;
    client.wait_for(|m| m["method"] == "workspace/codeLens/refresh").await;
    let lenses = client.result("textDocument/codeLens", json!({"textDocument": {"uri": story}})).await;
    assert_eq!(lens_titles(&lenses)[0].1, "7 quotations · 3 sources (2 women, 1 man) · 1 unattributed");
    client.shutdown_and_exit().await;
}
