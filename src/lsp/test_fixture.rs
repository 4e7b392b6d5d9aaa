//! Snapshots built from in-memory fixtures, for the feature modules' unit tests: an article
//! at `/w/story.md` (or `.txt`) and a glossary at `/w/glossary.toml`, with `$0` marking the
//! cursor in the article.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use tower_lsp_server::lsp_types::Uri;

use super::config::Config;
use super::document_store::{DocumentInput, DocumentKind};
use super::shared_glossaries::{OpenSource, SharedGlossaries};
use super::snapshot::{self, Environment, Snapshot, SourceText};
use crate::analysis::Format;

pub const GLOSSARY_PATH: &str = "/w/glossary.toml";

/// The article without its `$0` marker, and the marker's byte offset (0 without one).
pub fn cursor(fixture: &str) -> (String, usize) {
    match fixture.find("$0") {
        Some(offset) => (fixture.replacen("$0", "", 1), offset),
        None => (fixture.to_string(), 0),
    }
}

/// Analyses `article` (Markdown) against `glossary`, served from memory.
pub fn snapshot(article: &str, glossary: &str) -> Snapshot {
    build("/w/story.md", DocumentKind::Article(Format::Markdown), article, glossary)
}

/// Analyses `article` as the next revision of a document whose last analysis left `previous`,
/// with the session's shared `glossaries` (so that the glossary index can be the same build).
pub fn snapshot_after(
    article: &str,
    glossary: &str,
    glossaries: &SharedGlossaries,
    previous: Option<crate::analysis::incremental::Reusable>,
) -> Snapshot {
    let config = Config::default();
    let open_source =
        |file: &Path| (file == Path::new(GLOSSARY_PATH)).then(|| Arc::new(SourceText::new(glossary.to_string())));
    let env = Environment { remember_glossaries: true, ..environment(&config, &open_source, glossaries) };
    let input = DocumentInput { previous, ..input("/w/story.md", DocumentKind::Article(Format::Markdown), article) };
    snapshot::build(input, &env)
}

/// Analyses the glossary file itself.
pub fn glossary_snapshot(glossary: &str) -> Snapshot {
    build(GLOSSARY_PATH, DocumentKind::Glossary, glossary, glossary)
}

/// Analyses the Markdown article at `path` (under `/w`) with `files` (path, text) standing in
/// for the file system.
pub fn snapshot_among(path: &str, article: &str, files: &[(&str, &str)]) -> Snapshot {
    let config = Config::default();
    let open_source = |file: &Path| {
        let (_, text) = files.iter().find(|(p, _)| Path::new(p) == file)?;
        Some(Arc::new(SourceText::new(text.to_string())))
    };
    let glossaries = SharedGlossaries::default();
    let env = environment(&config, &open_source, &glossaries);
    snapshot::build(input(path, DocumentKind::Article(Format::Markdown), article), &env)
}

fn environment<'a>(
    config: &'a Config,
    open_source: OpenSource<'a>,
    glossaries: &'a SharedGlossaries,
) -> Environment<'a> {
    Environment { config, root: Some(Path::new("/w")), open_source, glossaries, remember_glossaries: false }
}

fn input(path: &str, kind: DocumentKind, text: &str) -> DocumentInput {
    DocumentInput {
        uri: Uri::from_str(&format!("file://{path}")).expect("fixture URI"),
        text: text.to_string(),
        version: 1,
        revision: 0,
        kind,
        path: Some(path.into()),
        previous: None,
    }
}

fn build(path: &str, kind: DocumentKind, text: &str, glossary: &str) -> Snapshot {
    let config = Config::default();
    let open_source =
        |file: &Path| (file == Path::new(GLOSSARY_PATH)).then(|| Arc::new(SourceText::new(glossary.to_string())));
    let glossaries = SharedGlossaries::default();
    let env = environment(&config, &open_source, &glossaries);
    snapshot::build(input(path, kind, text), &env)
}

pub const COUNCIL_GLOSSARY: &str = r#"[okafor]
name = "Ada Okafor"
role = "Mayor"
affiliation = "council"
pronouns = "she"
ward = "Eastfield"

[brandt]
name = "Tomas Brandt"
aliases = ["Councillor Brandt"]
pronouns = "he"

[council]
name = "Riverside City Council"
kind = "organization"
"#;
