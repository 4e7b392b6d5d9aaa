//! `--format sarif`: one SARIF 2.1.0 log for the whole run, for GitHub code scanning and the
//! other tools that read static analysis results. One rule per diagnostic code, linking to its
//! section of docs/attribution.md; one result per diagnostic, placed by a region in 1-based
//! lines and columns (columns count Unicode code points, as `columnKind` says) in a file named
//! relative to the working folder.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::check::Outcome;
use super::places::{self, FileRef, Region};
use crate::analysis::{Code, Diagnostic, LineIndex, Severity};

/// The schema the log names, the OASIS standard's own (tests/fixtures holds a copy).
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where each code is explained; the language server links to the same sections.
const DOCS: &str = "https://github.com/copydesk/copydesk/blob/main/docs/attribution.md";
const INFORMATION_URI: &str = "https://github.com/copydesk/copydesk";
/// Relative artifact URIs are relative to this base, the folder copydesk ran in.
const BASE: &str = "%SRCROOT%";

/// Writes the log of every outcome, in input order, on one line. Inputs that could not be
/// read become notifications of the run and mark it unsuccessful.
pub fn write_log(out: &mut dyn Write, outcomes: &[Outcome], cwd: &Path) -> io::Result<()> {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for outcome in outcomes {
        match outcome {
            // Problems in glossary files come first, as in the human format.
            Ok(checked) => places::each_problem(checked, cwd, |diagnostic, file, text, lines| {
                results.push(result(diagnostic, file, text, lines));
                Ok(())
            })?,
            Err(unreadable) => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", unreadable.path, unreadable.error) },
                "locations": [{ "physicalLocation": { "artifactLocation":
                    artifact_location(&FileRef::article(&unreadable.path, cwd)) } }],
            })),
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": Code::ALL.iter().map(|&code| rule(code)).collect::<Vec<_>>(),
            } },
            "originalUriBaseIds": { BASE: { "uri": directory_uri(cwd) } },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

/// The rule of one code: its id, what it means, its section of the guide, its default level.
fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": description(code) },
        "helpUri": help_uri(code),
        "defaultConfiguration": { "level": level(code.default_severity()) },
    })
}

/// One sentence per code, from the guide: a match rather than a table so that a new code
/// cannot be added without one.
fn description(code: Code) -> &'static str {
    match code {
        Code::UnattributedQuote => "A quotation that is speech has no speaker in its sentence or paragraph.",
        Code::AmbiguousSpeaker => "A pronoun speaker could be the last person to speak or someone else named since.",
        Code::UnknownSpeaker => "A quoted speaker is a name missing from the glossary.",
        Code::UnbalancedQuote => "A quotation mark is never closed, or a closing mark has no opening mark.",
        Code::AnonymousSource => "A quotation is attributed to a source the article does not name.",
        Code::UnresolvedPronoun => "A pronoun speaks a quotation but no one named before it can be meant.",
        Code::UnknownPin => "A copydesk-speaker pin names no glossary entity id.",
        Code::ConfigInvalid => "A copydesk.toml setting is not valid: bad TOML, an unknown code or a bad level.",
        Code::GlossarySyntax => "A glossary file's TOML does not parse, or an id is defined twice.",
        Code::GlossaryMissingName => "A glossary entity has no name.",
        Code::GlossaryUnknownKind => "A glossary entity's kind is not one copydesk knows.",
        Code::GlossaryUnknownAffiliation => "A glossary entity's affiliation names no entity id.",
        Code::GlossaryDuplicateAlias => "Two glossary entities claim the same name or alias.",
        Code::GlossaryInvalidField => "A glossary field has the wrong type, or affiliations form a cycle.",
        Code::GlossaryNotFound => "A glossary the article names is missing, unreadable or outside the workspace.",
    }
}

/// The section of docs/attribution.md explaining `code`: article codes have their own
/// heading, glossary codes share one (as in the language server's code descriptions).
pub fn help_uri(code: Code) -> String {
    let anchor = if code.as_str().starts_with("glossary-") { "glossary-diagnostics" } else { code.as_str() };
    format!("{DOCS}#{anchor}")
}

/// SARIF has three levels of problem: hints and information are both notes. The result
/// keeps copydesk's own severity in its properties.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn result(diagnostic: &Diagnostic, file: &FileRef, text: &str, lines: &LineIndex) -> Value {
    let related: Vec<Value> = diagnostic
        .related
        .iter()
        .enumerate()
        .map(|(id, (span, message))| {
            json!({
                "id": id,
                "message": { "text": message },
                "physicalLocation": physical_location(file, text, lines, *span),
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|&code| code == diagnostic.code),
        "level": level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [{ "physicalLocation": physical_location(file, text, lines, diagnostic.span) }],
        "properties": { "severity": diagnostic.severity.as_str() },
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

fn physical_location(file: &FileRef, text: &str, lines: &LineIndex, span: crate::analysis::Span) -> Value {
    let region = Region::of(text, lines, span);
    json!({
        "artifactLocation": artifact_location(file),
        "region": {
            "startLine": region.start_line,
            "startColumn": region.start_column,
            "endLine": region.end_line,
            "endColumn": region.end_column,
        },
    })
}

/// A file inside the working folder is a relative URI against [`BASE`], which code scanning
/// resolves against the repository's checkout; one outside it is an absolute `file:` URI;
/// standard input has no URI, only a description.
fn artifact_location(file: &FileRef) -> Value {
    match file {
        FileRef::Stdin => json!({ "description": { "text": "standard input" } }),
        FileRef::Relative(path) => json!({ "uri": encode_path(path), "uriBaseId": BASE }),
        FileRef::Absolute(path) => json!({ "uri": format!("file://{}", encode_path(&path.to_string_lossy())) }),
    }
}

fn directory_uri(dir: &Path) -> String {
    let path = dir.to_string_lossy();
    let slash = if path.ends_with('/') { "" } else { "/" };
    format!("file://{}{slash}", encode_path(&path))
}

/// `path` as the path of a URI: every byte outside RFC 3986's unreserved characters, `/`
/// and the sub-delimiters is percent-encoded, UTF-8 byte by byte. `:` is encoded too, so
/// that a relative path like `a:b.md` cannot be read as a URI with the scheme `a`.
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte);
        if keep {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_as_uri_paths() {
        assert_eq!(encode_path("news/a.md"), "news/a.md");
        assert_eq!(encode_path("news/my story #2.md"), "news/my%20story%20%232.md");
        assert_eq!(encode_path("café:100%.md"), "caf%C3%A9%3A100%25.md");
        assert_eq!(directory_uri(Path::new("/work/my repo")), "file:///work/my%20repo/");
    }

    /// The rules link where the language server links (src/lsp/diagnostics.rs), and every
    /// anchor is a heading of the guide (GitHub makes `### unattributed-quote` the anchor
    /// `#unattributed-quote`).
    #[test]
    fn every_rule_links_to_its_section_of_the_guide() {
        assert_eq!(
            help_uri(Code::UnattributedQuote),
            "https://github.com/copydesk/copydesk/blob/main/docs/attribution.md#unattributed-quote"
        );
        let guide = include_str!("../../docs/attribution.md");
        for code in Code::ALL {
            let uri = help_uri(code);
            let anchor = uri.rsplit_once('#').unwrap().1;
            let heading = if anchor == "glossary-diagnostics" { "### Glossary diagnostics" } else { anchor };
            let heading = if heading.starts_with('#') { heading.to_string() } else { format!("### {heading}") };
            assert!(guide.lines().any(|line| line == heading), "no `{heading}` in docs/attribution.md");
        }
    }
}
