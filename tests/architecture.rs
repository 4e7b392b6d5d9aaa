//! Keeps the invariants of ARCHITECTURE.md that a reader cannot see at a glance.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn analysis_does_no_io_and_knows_no_protocol() {
    let forbidden = [
        "tokio",
        "tower",
        "tower_lsp_server",
        "serde_json",
        "serde::",
        "ropey",
        "std::fs",
        "std::net",
        "std::process",
        "std::io::stdin",
        "std::env",
        "crate::lsp",
        "crate::cli",
        "crate::workspace",
    ];
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis")), &mut files);
    assert!(files.len() > 10, "the analysis sources were found");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}

/// Every LSP method passes the one panic boundary: `LanguageServer` is implemented only by
/// the table in src/lsp/server.rs, which wraps each method in `panic_guard`; every handler in
/// src/lsp/handlers.rs has its line in that table; and nothing wraps a handler by hand (so a
/// handler that does has been written outside the table).
#[test]
fn every_lsp_method_passes_the_panic_boundary() {
    let lsp = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lsp"));
    let mut files = Vec::new();
    rust_files(lsp, &mut files);
    let server = std::fs::read_to_string(lsp.join("server.rs")).unwrap();
    let handlers = std::fs::read_to_string(lsp.join("handlers.rs")).unwrap();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy();
        let implementations = text.matches("impl LanguageServer for").count();
        let expected = usize::from(name == "server.rs");
        assert_eq!(implementations, expected, "{} implements LanguageServer {implementations} times", file.display());
        if name != "server.rs" {
            for wrapper in ["panic_guard::request(", "panic_guard::notification("] {
                assert!(!text.contains(wrapper), "{} wraps a handler by hand with {wrapper}", file.display());
            }
        }
    }
    let table = &server[server.find("guarded_language_server! {").expect("the table of methods")..];
    let handler_names: Vec<&str> = handlers
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub async fn "))
        .map(|rest| rest.split('(').next().unwrap())
        .collect();
    assert!(handler_names.len() >= 20, "the handlers were found: {handler_names:?}");
    for name in &handler_names {
        let row = format!("        {name}(");
        assert!(table.contains(&row), "handler {name} has no line in server.rs's table, so no panic boundary");
    }
    let rows = table.lines().filter(|line| line.contains(") = \"") || line.contains(") -> ")).count();
    assert_eq!(rows, handler_names.len(), "every line of the table has a handler");
}

/// The report pages and the hover cards are text built from analysis results: no protocol,
/// no JSON, no IO, so that both front ends can share them and tests need no server.
#[test]
fn report_and_cards_know_no_protocol() {
    let forbidden = [
        "tokio",
        "tower",
        "tower_lsp_server",
        "lsp_types",
        "serde_json",
        "std::fs",
        "std::net",
        "crate::lsp",
        "crate::cli",
    ];
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/report")), &mut files);
    assert!(files.iter().any(|f| f.ends_with("cards.rs")), "the hover cards live in src/report");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} mentions {word}", file.display());
        }
    }
}
