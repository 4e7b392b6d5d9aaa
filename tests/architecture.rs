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
