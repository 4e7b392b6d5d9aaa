//! `--format json`: one JSON object per article, one per line, exactly the schema of
//! ../shared/eval/README.md, plus a `glossary_diagnostics` field for problems in glossary files.

use std::path::Path;

use serde::Serialize;

use super::check::{Checked, GlossaryProblem};
use super::glossary_files::GlossaryFiles;
use crate::analysis::mentions::Mention;
use crate::analysis::quotes::Quote;
use crate::analysis::{Diagnostic, GlossaryIndex, LineIndex, Span};

#[derive(Debug, Serialize)]
pub struct FileRecord<'a> {
    /// The article's name as text; lossy when the name is not UTF-8, and then
    /// `path_base64` holds its bytes.
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_base64: Option<String>,
    #[serde(flatten)]
    pub record: Record<'a>,
}

/// What `--format json` says of one article, whatever it came from: `check --input-format
/// jsonl` writes it after the line's `id`, the Python module returns it (src/cli/text.rs).
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub quotes: Vec<QuoteRecord<'a>>,
    pub mentions: Vec<MentionRecord<'a>>,
    pub diagnostics: Vec<DiagnosticRecord<'a>>,
    /// Problems inside the glossary files this article loaded, reported with the first article
    /// that loaded each file.
    pub glossary_diagnostics: Vec<GlossaryDiagnosticRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub attributed: bool,
    pub speaker: Option<SpanRecord<'a>>,
    pub entity: Option<&'a str>,
    pub name: Option<&'a str>,
    pub cue: Option<SpanRecord<'a>>,
    /// The attribution rule that found the speaker (docs/attribution.md names each).
    pub rule: Option<&'static str>,
    /// How the quotation reached its cue's sentence: sentence, paragraph, opening, introduction, continuation.
    pub link: Option<&'static str>,
    /// Quotations inside this one, each with the speaker the quotation's words give it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<InnerQuoteRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct InnerQuoteRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<SpanRecord<'a>>,
    pub cue: Option<SpanRecord<'a>>,
    pub rule: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub entity: &'a str,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticRecord<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    /// 1-based, in lines of the text the diagnostic belongs to.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedRecord<'a>>,
}

/// Another place a diagnostic talks about, such as a candidate of an ambiguous pronoun.
#[derive(Debug, Serialize)]
pub struct RelatedRecord<'a> {
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct GlossaryDiagnosticRecord<'a> {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_base64: Option<String>,
    #[serde(flatten)]
    pub diagnostic: DiagnosticRecord<'a>,
}

impl<'a> FileRecord<'a> {
    pub fn new(checked: &'a Checked, cwd: &Path) -> FileRecord<'a> {
        FileRecord { path: &checked.path, path_base64: checked.path.base64(), record: Record::new(checked, cwd) }
    }

    /// The record as one line of JSON, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("records hold only strings and numbers")
    }
}

impl<'a> Record<'a> {
    /// The record of `checked`, glossary files named relative to `cwd`.
    pub fn new(checked: &'a Checked, cwd: &Path) -> Record<'a> {
        let text = checked.text.as_str();
        let glossary = &checked.glossary.index;
        let lines = LineIndex::new(text);
        Record {
            quotes: checked.analysis.quotes.iter().map(|quote| QuoteRecord::new(quote, text, glossary)).collect(),
            mentions: checked
                .analysis
                .mentions
                .iter()
                .map(|mention| MentionRecord::new(mention, text, glossary))
                .collect(),
            diagnostics: checked
                .analysis
                .diagnostics
                .iter()
                .map(|diagnostic| DiagnosticRecord::new(diagnostic, text, &lines))
                .collect(),
            glossary_diagnostics: GlossaryDiagnosticRecord::all(&checked.glossary_problems, cwd),
        }
    }
}

impl<'a> QuoteRecord<'a> {
    fn new(quote: &'a Quote, text: &'a str, glossary: &'a GlossaryIndex) -> QuoteRecord<'a> {
        let attribution = quote.attribution.as_ref();
        let resolved = quote.speaker();
        QuoteRecord {
            start: quote.span.start,
            end: quote.span.end,
            kind: quote.kind.as_str(),
            attributed: !quote.lacks_speaker(),
            speaker: attribution.map(|a| SpanRecord::new(a.speaker, text)),
            entity: resolved.and_then(|r| r.entity).map(|id| entity_id(glossary, id)),
            name: resolved.map(|r| r.name.as_str()),
            cue: attribution.map(|a| SpanRecord::new(a.cue, text)),
            rule: attribution.map(|a| a.rule.as_str()),
            link: attribution.map(|a| a.link.as_str()),
            nested: quote
                .inner
                .iter()
                .map(|inner| {
                    let attribution = inner.attribution.as_ref();
                    InnerQuoteRecord {
                        start: inner.span.start,
                        end: inner.span.end,
                        speaker: attribution.map(|a| SpanRecord::new(a.speaker, text)),
                        cue: attribution.map(|a| SpanRecord::new(a.cue, text)),
                        rule: attribution.map(|a| a.rule.as_str()),
                    }
                })
                .collect(),
        }
    }
}

impl<'a> SpanRecord<'a> {
    fn new(span: Span, text: &'a str) -> SpanRecord<'a> {
        SpanRecord { start: span.start, end: span.end, text: span.text(text) }
    }
}

impl<'a> MentionRecord<'a> {
    fn new(mention: &Mention, text: &'a str, glossary: &'a GlossaryIndex) -> MentionRecord<'a> {
        MentionRecord {
            start: mention.span.start,
            end: mention.span.end,
            text: mention.span.text(text),
            entity: entity_id(glossary, mention.entity),
        }
    }
}

impl<'a> DiagnosticRecord<'a> {
    fn new(diagnostic: &'a Diagnostic, text: &str, lines: &LineIndex) -> DiagnosticRecord<'a> {
        let (line, column) = lines.line_col(text, diagnostic.span.start);
        let related = diagnostic
            .related
            .iter()
            .map(|(span, message)| {
                let (line, column) = lines.line_col(text, span.start);
                RelatedRecord { message, start: span.start, end: span.end, line, column }
            })
            .collect();
        DiagnosticRecord {
            code: diagnostic.code.as_str(),
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            start: diagnostic.span.start,
            end: diagnostic.span.end,
            line,
            column,
            related,
        }
    }
}

impl<'a> GlossaryDiagnosticRecord<'a> {
    /// Every problem's record, with one line index per glossary file: a line index per
    /// problem made 20,000 problems in a 1 MB glossary take 11 s of CPU.
    pub fn all(problems: &'a [GlossaryProblem], cwd: &Path) -> Vec<GlossaryDiagnosticRecord<'a>> {
        let mut files = GlossaryFiles::new(cwd);
        let mut records = Vec::with_capacity(problems.len());
        for problem in problems {
            let text = problem.text.as_deref().unwrap_or("");
            let (path, lines, _) = files.of(problem);
            records.push(GlossaryDiagnosticRecord {
                path: path.to_string(),
                path_base64: path.base64(),
                diagnostic: DiagnosticRecord::new(&problem.diagnostic, text, lines),
            });
        }
        records
    }
}

/// The id an entity has in its glossary file; an id out of range (an engine bug) prints empty
/// rather than aborting the whole run.
fn entity_id(glossary: &GlossaryIndex, id: usize) -> &str {
    glossary.entities.get(id).map_or("", |entity| entity.id.as_str())
}
