//! Quick fixes: add an unknown speaker to the nearest glossary, silence a diagnostic with an
//! ignore comment, attribute an unattributed quotation to its likely speaker, replace an
//! ambiguous pronoun with each candidate's name, pin the speaker of an unattributed quotation
//! or an ambiguous pronoun's paragraph with a speaker pin. A name the article has already
//! introduced is written as news style writes it on second reference: a person by surname.
//!
//! Each fix is a [`Fix`] value worked out into a [`Plan`] against the current texts, and every
//! plan becomes a `WorkspaceEdit` the editor applies: copydesk never writes a file itself.
//! An edit uses only what the client says it can apply: `documentChanges` when it has them,
//! plain `changes` otherwise, and a new glossary file only when it can create files. When the
//! client cannot create one and the article has no glossary file to add to, the fix is not
//! offered (or offered disabled, with the reason, to clients that show disabled actions). The
//! `copydesk.applyFix` command turns a fix into the same edit and asks the client to apply it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionDisabled, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

pub use super::fix_environment::{ClientEdits, FixEnvironment};
use super::position::LineMap;
use super::snapshot::{ArticleSnapshot, Content, Snapshot};
use crate::analysis::kind_evidence::{self, Proposal};
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Code, EntityId, EntityKind, Span};

pub const APPLY_FIX_COMMAND: &str = "copydesk.applyFix";

/// One quick fix, as carried in a command's arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fix", rename_all = "camelCase")]
pub enum Fix {
    /// Append `[id] name = "…"` to the nearest glossary.toml, creating it if needed.
    #[serde(rename_all = "camelCase")]
    AddToGlossary { uri: Uri, name: String },
    /// Insert `<!-- copydesk-ignore CODE -->` before the block at `offset`.
    #[serde(rename_all = "camelCase")]
    Ignore { uri: Uri, version: i32, code: String, offset: usize },
    /// Turn `“….”` into `“…,” NAME said.` for the quotation spanning `start..end`.
    #[serde(rename_all = "camelCase")]
    Attribute { uri: Uri, version: i32, start: usize, end: usize, name: String },
    /// Insert `<!-- copydesk-speaker ID -->` on its own line before the block at `offset`.
    #[serde(rename_all = "camelCase")]
    Pin { uri: Uri, version: i32, id: String, offset: usize },
    /// Replace the ambiguous pronoun spanning `start..end` with NAME.
    #[serde(rename_all = "camelCase")]
    NamePronoun { uri: Uri, version: i32, start: usize, end: usize, name: String },
}

impl Fix {
    /// The document the fix is for.
    pub fn uri(&self) -> &Uri {
        match self {
            Fix::AddToGlossary { uri, .. }
            | Fix::Ignore { uri, .. }
            | Fix::Attribute { uri, .. }
            | Fix::Pin { uri, .. }
            | Fix::NamePronoun { uri, .. } => uri,
        }
    }
}

/// Why a fix cannot be applied as things stand, in words for the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub reason: String,
}

impl Unavailable {
    fn because(reason: &str) -> Unavailable {
        Unavailable { reason: reason.to_string() }
    }
}

/// The fixes for analysis diagnostics that overlap `range`.
pub fn fixes(snapshot: &Snapshot, range: Span) -> Vec<(String, Fix)> {
    let Content::Article(article) = &snapshot.content else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    let touches = |span: Span| span.start <= range.end && range.start <= span.end;
    for diagnostic in article.analysis.diagnostics.iter().filter(|d| touches(d.span)) {
        match diagnostic.code {
            Code::UnknownSpeaker => {
                let name = diagnostic.span.text(&snapshot.text).trim().to_string();
                if !name.is_empty() {
                    fixes.push((
                        format!("Add “{name}” to the glossary"),
                        Fix::AddToGlossary { uri: snapshot.uri.clone(), name },
                    ));
                }
            }
            Code::UnattributedQuote => {
                let quote = article
                    .analysis
                    .quotes
                    .iter()
                    .find(|q| q.span.overlaps(diagnostic.span) && q.kind == QuoteKind::Speech);
                let likely_entity = quote.and_then(|q| q.likely_speaker.as_ref()?.entity);
                if let Some((quote, likely)) = quote.and_then(|q| Some((q, q.likely_speaker.as_ref()?))) {
                    let name = match likely.entity {
                        Some(entity) => reference(article, entity, quote.span.start).to_string(),
                        None => likely.name.clone(),
                    };
                    fixes.push((
                        format!("Attribute to {name} (confirm the speaker)"),
                        Fix::Attribute {
                            uri: snapshot.uri.clone(),
                            version: snapshot.version,
                            start: quote.span.start,
                            end: quote.span.end,
                            name,
                        },
                    ));
                }
                let candidates = likely_entity.into_iter().chain(named_near(article, diagnostic.span.start));
                pin_fixes(snapshot, article, diagnostic.span.start, candidates, &mut fixes);
            }
            Code::AmbiguousSpeaker => {
                // The speaker the rules chose, then everyone the diagnostic names as a rival.
                let analysis = &article.analysis;
                let chosen = analysis
                    .quotes
                    .iter()
                    .filter_map(|q| q.attribution.as_ref())
                    .find(|a| a.head == diagnostic.span)
                    .and_then(|a| a.resolved.as_ref()?.entity);
                let related = diagnostic.related.iter().filter_map(|(span, _)| {
                    analysis.mentions.iter().find(|m| m.span.start == span.start).map(|m| m.entity).or_else(|| {
                        let attribution = analysis.quotes.iter().filter_map(|q| q.attribution.as_ref());
                        attribution.clone().find(|a| a.head.start == span.start)?.resolved.as_ref()?.entity
                    })
                });
                let candidates = distinct_speakers(article, chosen.into_iter().chain(related));
                let pronoun = diagnostic.span;
                let written = pronoun.text(&snapshot.text);
                for &entity in &candidates {
                    let name = reference(article, entity, pronoun.start).to_string();
                    fixes.push((
                        format!("Replace “{written}” with {name}"),
                        Fix::NamePronoun {
                            uri: snapshot.uri.clone(),
                            version: snapshot.version,
                            start: pronoun.start,
                            end: pronoun.end,
                            name,
                        },
                    ));
                }
                pin_fixes(snapshot, article, pronoun.start, candidates.into_iter(), &mut fixes);
            }
            _ => {}
        }
        {
            // Ignore comments work in Markdown and plain text alike.
            fixes.push((
                format!("Silence {} in this paragraph", diagnostic.code.as_str()),
                Fix::Ignore {
                    uri: snapshot.uri.clone(),
                    version: snapshot.version,
                    code: diagnostic.code.as_str().to_string(),
                    offset: diagnostic.span.start,
                },
            ));
        }
    }
    fixes.dedup_by(|a, b| a.1 == b.1);
    fixes
}

/// How many speakers a quotation's pin fixes offer at most: the likely one and a few named
/// nearby, not everyone in the glossary.
const PIN_CANDIDATES: usize = 3;

/// The first [`PIN_CANDIDATES`] distinct glossary entities of `candidates`.
fn distinct_speakers(article: &ArticleSnapshot, candidates: impl Iterator<Item = EntityId>) -> Vec<EntityId> {
    let mut offered: Vec<EntityId> = Vec::new();
    for entity in candidates {
        if offered.len() < PIN_CANDIDATES && !offered.contains(&entity) && article.glossary.index.get(entity).is_some()
        {
            offered.push(entity);
        }
    }
    offered
}

/// How the article should name `entity` at `at`: by its second reference (a person's
/// surname) once a mention of it comes before `at`, else by its full name.
fn reference(article: &ArticleSnapshot, entity: EntityId, at: usize) -> &str {
    let index = &article.glossary.index;
    if article.analysis.mentions.iter().any(|m| m.entity == entity && m.span.end <= at) {
        index.second_reference(entity)
    } else {
        index.display_name(entity)
    }
}

/// "Pin speaker: NAME" for each distinct glossary entity of `candidates`, pinning the block
/// at `offset`.
fn pin_fixes(
    snapshot: &Snapshot,
    article: &ArticleSnapshot,
    offset: usize,
    candidates: impl Iterator<Item = EntityId>,
    fixes: &mut Vec<(String, Fix)>,
) {
    let index = &article.glossary.index;
    for entity in distinct_speakers(article, candidates) {
        let Some(found) = index.get(entity) else { continue };
        fixes.push((
            format!("Pin speaker: {}", found.name),
            Fix::Pin { uri: snapshot.uri.clone(), version: snapshot.version, id: found.id.clone(), offset },
        ));
    }
}

/// Glossary entities that can speak, named in the block holding `offset` or the block
/// before it, nearest first: the people a reader would take for an unattributed speaker.
fn named_near(article: &ArticleSnapshot, offset: usize) -> Vec<EntityId> {
    let blocks = &article.article.blocks;
    let Some(here) = blocks.iter().position(|b| b.span.start <= offset && offset <= b.span.end) else {
        return Vec::new();
    };
    let from = blocks[here.saturating_sub(1)].span.start;
    let to = blocks[here].span.end;
    let index = &article.glossary.index;
    article
        .analysis
        .mentions
        .iter()
        .rev()
        .filter(|m| from <= m.span.start && m.span.end <= to)
        .filter(|m| index.get(m.entity).is_some_and(|e| e.kind != EntityKind::Place))
        .map(|m| m.entity)
        .collect()
}

/// Code actions for the fixes, each carrying its edit. A fix that cannot be applied is left
/// out, or shown disabled with the reason to clients that support it.
pub fn actions(
    snapshot: &Snapshot,
    fixes: Vec<(String, Fix)>,
    client: ClientEdits,
    env: &FixEnvironment,
) -> Vec<CodeAction> {
    fixes
        .into_iter()
        .filter_map(|(title, fix)| {
            let (edit, disabled) = match plan(snapshot, &fix, client, env) {
                Ok(plan) => (Some(plan.edit(client)), None),
                Err(_) if !client.disabled_support => return None,
                Err(Unavailable { reason }) => (None, Some(CodeActionDisabled { reason })),
            };
            Some(CodeAction { title, kind: Some(CodeActionKind::QUICKFIX), edit, disabled, ..CodeAction::default() })
        })
        .collect()
}

/// A fix worked out against the current texts.
#[derive(Debug, Clone)]
pub struct Plan {
    pub uri: Uri,
    pub version: Option<i32>,
    pub edits: Vec<TextEdit>,
    /// The file does not exist yet: the edit creates it holding `edits[0].new_text`. Only
    /// planned for clients that can create files.
    pub create: Option<PathBuf>,
}

impl Plan {
    /// The workspace edit in the form this client applies.
    pub fn edit(&self, client: ClientEdits) -> WorkspaceEdit {
        if !client.document_changes {
            return WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), self.edits.clone())])),
                ..WorkspaceEdit::default()
            };
        }
        let mut operations = Vec::new();
        if self.create.is_some() {
            operations.push(DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: self.uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            })));
        }
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri: self.uri.clone(), version: self.version },
            edits: self.edits.iter().cloned().map(OneOf::Left).collect(),
        }));
        WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(operations)), ..WorkspaceEdit::default() }
    }
}

/// Works out a fix against the snapshot (which must be of the fix's document), as an edit
/// this client can apply.
pub fn plan(snapshot: &Snapshot, fix: &Fix, client: ClientEdits, env: &FixEnvironment) -> Result<Plan, Unavailable> {
    let Content::Article(article) = &snapshot.content else {
        return Err(Unavailable::because("the document is not an article"));
    };
    match fix {
        Fix::AddToGlossary { uri, name } => add_to_glossary(article, uri, name, client, env),
        _ => plan_in_article(snapshot, article, fix, env)
            .ok_or_else(|| Unavailable::because("the text has changed: ask for the fix again")),
    }
}

/// Fixes that edit the article itself.
fn plan_in_article(snapshot: &Snapshot, article: &ArticleSnapshot, fix: &Fix, env: &FixEnvironment) -> Option<Plan> {
    let range = |span: Span| snapshot.lines.range(&snapshot.text, span, env.encoding);
    match fix {
        Fix::AddToGlossary { .. } => None,
        Fix::Ignore { code, offset, .. } => {
            Some(comment_line_before(snapshot, article, *offset, &format!("copydesk-ignore {code}"), env))
        }
        Fix::Pin { id, offset, .. } => {
            Some(comment_line_before(snapshot, article, *offset, &format!("copydesk-speaker {id}"), env))
        }
        Fix::NamePronoun { start, end, name, .. } => {
            let edits = vec![TextEdit::new(range(Span::new(*start, *end)), name.clone())];
            Some(Plan { uri: snapshot.uri.clone(), version: Some(snapshot.version), edits, create: None })
        }
        Fix::Attribute { start, end, name, .. } => {
            let quote = Span::new(*start, *end).text(&snapshot.text);
            let closing = quote.chars().last()?;
            let before_closing = quote[..quote.len() - closing.len_utf8()].chars().last()?;
            let closing_at = end - closing.len_utf8();
            let mut edits = Vec::new();
            if before_closing == '.' {
                edits.push(TextEdit::new(range(Span::new(closing_at - 1, closing_at)), ",".to_string()));
            }
            // A question or exclamation keeps its mark; the sentence after it goes on.
            edits.push(TextEdit::new(range(Span::new(*end, *end)), format!(" {name} said.")));
            if before_closing != '.' && before_closing != '?' && before_closing != '!' && before_closing != ',' {
                edits.insert(0, TextEdit::new(range(Span::new(closing_at, closing_at)), ",".to_string()));
            }
            Some(Plan { uri: snapshot.uri.clone(), version: Some(snapshot.version), edits, create: None })
        }
    }
}

/// Inserts `<!-- DIRECTIVE -->` on a line of its own before the block holding `offset`.
fn comment_line_before(
    snapshot: &Snapshot,
    article: &ArticleSnapshot,
    offset: usize,
    directive: &str,
    env: &FixEnvironment,
) -> Plan {
    let block = article.article.blocks.iter().find(|b| b.span.start <= offset && offset <= b.span.end);
    let anchor = block.map_or(offset, |b| b.span.start).min(snapshot.text.len());
    let line_start = snapshot.text[..floor(&snapshot.text, anchor)].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let newline = if snapshot.text.contains("\r\n") { "\r\n" } else { "\n" };
    let at = snapshot.lines.range(&snapshot.text, Span::new(line_start, line_start), env.encoding);
    Plan {
        uri: snapshot.uri.clone(),
        version: Some(snapshot.version),
        edits: vec![TextEdit::new(at, format!("<!-- {directive} -->{newline}"))],
        create: None,
    }
}

/// Appends the speaker to the nearest existing `glossary.toml`, else to the first glossary
/// file the article draws on (its front matter's, its sidecar, a configured one), else creates
/// `glossary.toml` beside the article when the client can create files.
fn add_to_glossary(
    article: &ArticleSnapshot,
    article_uri: &Uri,
    name: &str,
    client: ClientEdits,
    env: &FixEnvironment,
) -> Result<Plan, Unavailable> {
    let not_a_file = || Unavailable::because("the article is not a file, so it has no glossary");
    let article_path = article_uri.to_file_path().ok_or_else(not_a_file)?.into_owned();
    let folder = article_path.parent().ok_or_else(not_a_file)?.to_path_buf();
    let existing_target = nearest_glossary(&folder, env)
        .or_else(|| article.glossary.paths.iter().find(|path| (env.read)(path).is_some()).cloned());
    let target = match existing_target {
        Some(target) => target,
        None if client.create_files => folder.join("glossary.toml"),
        None => {
            return Err(Unavailable::because(
                "no glossary file to add to, and this editor cannot create one: create glossary.toml beside the article",
            ));
        }
    };
    let existing = (env.read)(&target);
    let mut id = slug(name);
    let taken = |candidate: &str| {
        article.glossary.index.by_id(candidate).is_some()
            || existing.as_deref().is_some_and(|text| text.contains(&format!("[{}]", toml_key(candidate))))
    };
    if taken(&id) {
        let base = id.clone();
        id = (2..).map(|n| format!("{base}-{n}")).find(|candidate| !taken(candidate)).unwrap_or(base);
    }
    let entry = glossary_entry(&id, name, kind_evidence::propose(&article.article.prose, &article.analysis, name));
    let uri = Uri::from_file_path(&target).ok_or_else(|| Unavailable::because("the glossary file has no file URI"))?;
    match existing {
        Some(text) => {
            let lines = LineMap::new(&text);
            let end = lines.position(&text, text.len(), env.encoding);
            let separator = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            Ok(Plan {
                version: (env.version)(&uri),
                uri,
                edits: vec![TextEdit::new(Range::new(end, end), format!("{separator}{entry}"))],
                create: None,
            })
        }
        // The planned creation is only reached by clients that can create files.
        None => Ok(Plan {
            uri,
            version: None,
            edits: vec![TextEdit::new(Range::new(Position::new(0, 0), Position::new(0, 0)), entry)],
            create: Some(target),
        }),
    }
}

/// The first `glossary.toml` from `folder` up to the workspace root.
fn nearest_glossary(folder: &Path, env: &FixEnvironment) -> Option<PathBuf> {
    let mut dir = Some(folder);
    while let Some(current) = dir {
        let candidate = current.join("glossary.toml");
        if (env.read)(&candidate).is_some() {
            return Some(candidate);
        }
        if env.root.is_some_and(|root| current == root) || env.root.is_none_or(|root| !current.starts_with(root)) {
            return None;
        }
        dir = current.parent();
    }
    None
}

/// The glossary entry the add-to-glossary fix writes: the id as a TOML key, the name as a
/// TOML string, the kind the article's evidence proposes, and the pronoun the article uses
/// for a person when it shows one. The glossary parser reads it back as exactly that.
pub fn glossary_entry(id: &str, name: &str, proposal: Proposal) -> String {
    let mut entry =
        format!("[{}]\nname = {}\nkind = \"{}\"\n", toml_key(id), toml_string(name), proposal.kind.as_str());
    if let Some(pronoun) = proposal.pronouns {
        entry.push_str(&format!("pronouns = \"{}\"\n", pronoun.as_str()));
    }
    entry
}

/// `id` as a TOML table key: bare when it is made of ASCII letters, digits, `-` and `_`
/// only, else quoted (`["zoë-ndiaye"]`), since a bare key cannot hold `ë`.
fn toml_key(id: &str) -> String {
    let bare = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { id.to_string() } else { toml_string(id) }
}

/// `text` as a TOML basic string, with `"`, `\` and every control character escaped (a
/// basic string may hold none of them raw but tab).
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// An id from a name: `Ada Okafor-Ndiaye` → `ada-okafor-ndiaye`.
pub fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "speaker".to_string() } else { id }
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (name, expect) in [
            ("Ada Okafor", "ada-okafor"),
            ("  Jean-Luc  Picard ", "jean-luc-picard"),
            ("مجاهد", "مجاهد"),
            ("!!", "speaker"),
        ] {
            assert_eq!(slug(name), expect, "{name}");
        }
    }

    /// Issue 18, item 10: the fix wrote `[zoë-ndiaye-brandt]`, which a TOML bare key cannot
    /// be, so the glossary stopped parsing. Every entry it writes reads back as its id and name (and
    /// its kind and pronouns).
    #[test]
    fn glossary_entries_read_back_as_their_id_and_name() {
        for name in [
            "Ada Okafor",
            "Zoë Ndiaye-Brandt",
            "مجاهد",
            "Seán O'Brien",
            "José \"Pepe\" Núñez",
            "Back\\slash",
            "Tab\tand\u{7}bell\u{1b}",
            "東京 太郎",
            "Ada\u{85}Okafor",
            "!!",
        ] {
            let id = slug(name);
            for proposal in [
                Proposal { kind: EntityKind::Person, pronouns: None },
                Proposal { kind: EntityKind::Person, pronouns: Some(crate::analysis::Pronoun::She) },
                Proposal { kind: EntityKind::Organization, pronouns: None },
            ] {
                let entry = glossary_entry(&id, name, proposal);
                let parsed = crate::analysis::glossary::parse(&entry);
                assert!(parsed.diagnostics.is_empty(), "{entry}: {:?}", parsed.diagnostics);
                let entity = &parsed.entities[0];
                assert_eq!(
                    (entity.id.as_str(), entity.name.as_str(), entity.kind, entity.pronouns),
                    (id.as_str(), name, proposal.kind, proposal.pronouns),
                    "{entry}"
                );
            }
        }
    }

    #[test]
    fn fixes_round_trip_through_command_arguments() {
        let fix = Fix::Ignore {
            uri: "file:///w/a.md".parse().unwrap(),
            version: 3,
            code: "unattributed-quote".into(),
            offset: 7,
        };
        let value = serde_json::to_value(&fix).unwrap();
        assert_eq!(value["fix"], "ignore");
        assert_eq!(serde_json::from_value::<Fix>(value).unwrap(), fix);
    }
}

#[cfg(test)]
mod plan_tests {
    use super::*;
    use crate::lsp::position::Encoding;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, GLOSSARY_PATH, snapshot};

    /// Plans every fix offered over the whole text and applies each to its file's text,
    /// checking (title, the edited text).
    fn check(text: &str, expect: &[(&str, &str)]) {
        let snapshot = snapshot(text, COUNCIL_GLOSSARY);
        let read = |path: &Path| (path == Path::new(GLOSSARY_PATH)).then(|| COUNCIL_GLOSSARY.to_string());
        let version = |_: &Uri| None;
        let env =
            FixEnvironment { encoding: Encoding::Utf16, root: Some(Path::new("/w")), read: &read, version: &version };
        let results: Vec<(String, String)> = fixes(&snapshot, Span::new(0, text.len()))
            .into_iter()
            .map(|(title, fix)| {
                let plan = plan(&snapshot, &fix, ClientEdits::default(), &env).expect("a plan");
                let original = if plan.uri.as_str().ends_with("glossary.toml") { COUNCIL_GLOSSARY } else { text };
                (title, apply(original, &plan.edits))
            })
            .collect();
        let expect: Vec<(String, String)> = expect.iter().map(|(t, e)| (t.to_string(), e.to_string())).collect();
        assert_eq!(results, expect);
    }

    /// Plans adding Lena Vogt, speaker of `article` at `/w/desk/story.md`, with `files` on
    /// disk, for a client that can (or cannot) create files: the file the edit is for and
    /// whether it creates it, or why the fix is unavailable.
    fn check_target(files: &[(&str, &str)], article: &str, create_files: bool, expect: Result<(&str, bool), &str>) {
        let article = format!("{article}“We will be watching,” said Lena Vogt.\n");
        let snapshot = crate::lsp::test_fixture::snapshot_among("/w/desk/story.md", &article, files);
        let read = |path: &Path| files.iter().find(|(p, _)| Path::new(p) == path).map(|(_, text)| text.to_string());
        let version = |_: &Uri| None;
        let env =
            FixEnvironment { encoding: Encoding::Utf16, root: Some(Path::new("/w")), read: &read, version: &version };
        let fix = Fix::AddToGlossary { uri: snapshot.uri.clone(), name: "Lena Vogt".to_string() };
        let client = ClientEdits { create_files, ..ClientEdits::default() };
        let got = plan(&snapshot, &fix, client, &env);
        let got =
            got.as_ref().map(|plan| (plan.uri.path().as_str(), plan.create.is_some())).map_err(|u| u.reason.as_str());
        assert_eq!(got, expect);
    }

    #[test]
    fn new_speakers_go_to_an_existing_glossary_and_a_new_one_only_if_the_client_creates_it() {
        let council = ("/w/glossary.toml", COUNCIL_GLOSSARY);
        let people = ("/w/desk/people.toml", "[okafor]\nname = \"Ada Okafor\"\n");
        let front_matter = "---\nglossary: people.toml\n---\n";
        // The nearest glossary.toml, from the article's folder up to the root, comes first.
        check_target(&[council, people], front_matter, false, Ok(("/w/glossary.toml", false)));
        check_target(&[council], "", true, Ok(("/w/glossary.toml", false)));
        // Then a glossary file the article names.
        check_target(&[people], front_matter, false, Ok(("/w/desk/people.toml", false)));
        check_target(&[people], front_matter, true, Ok(("/w/desk/people.toml", false)));
        // With none, a new glossary.toml beside the article, for clients that can create it.
        check_target(&[], "", true, Ok(("/w/desk/glossary.toml", true)));
        check_target(
            &[],
            "",
            false,
            Err(
                "no glossary file to add to, and this editor cannot create one: create glossary.toml beside the article",
            ),
        );
    }

    /// Applies non-overlapping edits, last first so earlier offsets stay valid.
    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let lines = LineMap::new(text);
        let mut spans: Vec<(Span, &str)> =
            edits.iter().map(|e| (lines.span(text, e.range, Encoding::Utf16), e.new_text.as_str())).collect();
        spans.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        let mut result = text.to_string();
        for (span, new_text) in spans {
            result.replace_range(span.start..span.end, new_text);
        }
        result
    }

    #[test]
    fn unknown_speakers_are_appended_to_the_nearest_glossary() {
        let glossary_after = format!("{COUNCIL_GLOSSARY}\n[lena-vogt]\nname = \"Lena Vogt\"\nkind = \"person\"\n");
        check(
            "“Wait,” said Lena Vogt.\n",
            &[
                ("Add “Lena Vogt” to the glossary", glossary_after.as_str()),
                (
                    "Silence unknown-speaker in this paragraph",
                    "<!-- copydesk-ignore unknown-speaker -->\n“Wait,” said Lena Vogt.\n",
                ),
            ],
        );
    }

    /// Issue 14, item 4: the fix wrote every new entry as a person. It now writes the kind the
    /// article shows (a ministry is an organisation) and, for a person, the pronoun the article
    /// uses for her.
    #[test]
    fn new_entries_take_their_kind_and_pronouns_from_the_article() {
        let text = "“Prisoners will be moved by Friday,” the Ministry of Justice said.\n\n\
                    “I was never told,” said Marta Quill, a cleaner at the court. Quill said she would appeal.\n";
        let ministry = format!(
            "{COUNCIL_GLOSSARY}\n[the-ministry-of-justice]\nname = \"the Ministry of Justice\"\nkind = \"organization\"\n"
        );
        let quill = format!(
            "{COUNCIL_GLOSSARY}\n[marta-quill]\nname = \"Marta Quill\"\nkind = \"person\"\npronouns = \"she\"\n"
        );
        let silenced_first = format!("<!-- copydesk-ignore unknown-speaker -->\n{text}");
        let (first, second) = text.split_once("\n\n").expect("two paragraphs");
        let silenced_second = format!("{first}\n\n<!-- copydesk-ignore unknown-speaker -->\n{second}");
        check(
            text,
            &[
                ("Add “the Ministry of Justice” to the glossary", ministry.as_str()),
                ("Silence unknown-speaker in this paragraph", silenced_first.as_str()),
                ("Add “Marta Quill” to the glossary", quill.as_str()),
                ("Silence unknown-speaker in this paragraph", silenced_second.as_str()),
            ],
        );
    }

    /// Issue 16: an ambiguous pronoun offers to pin each reading, the rules' choice first.
    #[test]
    fn ambiguous_pronouns_offer_a_pin_for_each_candidate() {
        let text = "“Open it,” said Tomas Brandt.\n\nAda Okafor and Tomas Brandt spoke.\n\n“Wait,” she said.\n";
        let glossary = format!("{COUNCIL_GLOSSARY}\n[lena]\nname = \"Lena Marsh\"\npronouns = \"she\"\n");
        let snapshot = snapshot(&format!("“Go,” said Lena Marsh.\n\n{text}"), &glossary);
        let Content::Article(article) = &snapshot.content else { panic!("an article") };
        let ambiguous = article.analysis.diagnostics.iter().find(|d| d.code == Code::AmbiguousSpeaker);
        let ambiguous = ambiguous.expect("`she` is ambiguous");
        let pins: Vec<String> = fixes(&snapshot, ambiguous.span)
            .into_iter()
            .filter_map(|(_, fix)| match fix {
                Fix::Pin { id, .. } => Some(id),
                _ => None,
            })
            .collect();
        // Ada Okafor opens the sentence before `she`: the rules read her, Lena Marsh second.
        assert_eq!(pins, ["okafor", "lena"]);
    }

    /// Issue 16: the ambiguous pronoun had no fix but pins; it now offers to name each
    /// candidate, by surname since each has been introduced.
    #[test]
    fn ambiguous_pronouns_offer_to_name_each_candidate() {
        let text = "“Go,” said Lena Marsh.\n\n“Open it,” said Tomas Brandt.\n\nAda Okafor and Tomas Brandt spoke.\n\n“Wait,” she said.\n";
        let glossary = format!("{COUNCIL_GLOSSARY}\n[lena]\nname = \"Lena Marsh\"\npronouns = \"she\"\n");
        let snapshot = snapshot(text, &glossary);
        let read = |_: &Path| None;
        let version = |_: &Uri| None;
        let env =
            FixEnvironment { encoding: Encoding::Utf16, root: Some(Path::new("/w")), read: &read, version: &version };
        let Content::Article(article) = &snapshot.content else { panic!("an article") };
        let ambiguous = article.analysis.diagnostics.iter().find(|d| d.code == Code::AmbiguousSpeaker);
        let ambiguous = ambiguous.expect("`she` is ambiguous");
        let named: Vec<(String, String)> = fixes(&snapshot, ambiguous.span)
            .into_iter()
            .filter(|(_, fix)| matches!(fix, Fix::NamePronoun { .. }))
            .map(|(title, fix)| {
                let plan = plan(&snapshot, &fix, ClientEdits::default(), &env).expect("a plan");
                (title, apply(text, &plan.edits).lines().last().unwrap_or("").to_string())
            })
            .collect();
        let expect = [
            ("Replace “she” with Okafor", "“Wait,” Okafor said."),
            ("Replace “she” with Marsh", "“Wait,” Marsh said."),
        ];
        let expect: Vec<(String, String)> = expect.iter().map(|(t, e)| (t.to_string(), e.to_string())).collect();
        assert_eq!(named, expect);
    }

    #[test]
    fn unattributed_quotes_get_their_likely_speaker() {
        // A paragraph between them, so the quotation does not carry on the first speaker's.
        check(
            "“Open it,” said Tomas Brandt.\n\nThe vote is on Monday.\n\n“It is time.”\n",
            &[
                (
                    "Attribute to Brandt (confirm the speaker)",
                    "“Open it,” said Tomas Brandt.\n\nThe vote is on Monday.\n\n“It is time,” Brandt said.\n",
                ),
                (
                    "Pin speaker: Tomas Brandt",
                    "“Open it,” said Tomas Brandt.\n\nThe vote is on Monday.\n\n<!-- copydesk-speaker brandt -->\n“It is time.”\n",
                ),
                (
                    "Silence unattributed-quote in this paragraph",
                    "“Open it,” said Tomas Brandt.\n\nThe vote is on Monday.\n\n<!-- copydesk-ignore unattributed-quote -->\n“It is time.”\n",
                ),
            ],
        );
    }
}
