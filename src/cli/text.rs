//! Articles and glossaries given as text rather than files: how `check --input-format jsonl`
//! and the Python module (python/) analyse an article and build its JSON record. Both go
//! through [`analyse`] and [`Record`](super::json::Record), the record of `check --format json`
//! without its `path`, so that a text gives them exactly the record `check` gives the same
//! text in a file with the same glossaries.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::check::{Checked, GlossaryProblem};
use super::json::Record;
use crate::analysis::{self, Format, Glossary, GlossaryIndex, glossary};
use crate::workspace::ArticleGlossary;

/// One glossary file given as text, parsed once.
#[derive(Debug, Clone)]
pub struct GlossaryText {
    /// What `glossary_diagnostics[].path` calls it: a file's path, or a field's name.
    pub label: PathBuf,
    pub text: Arc<str>,
    pub parsed: Glossary,
}

impl GlossaryText {
    pub fn parse(label: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> GlossaryText {
        let text = text.into();
        let parsed = glossary::parse(&text);
        GlossaryText { label: label.into(), text, parsed }
    }
}

/// Glossary files merged into one index, as `check` merges the files that apply to an article.
#[derive(Debug, Clone, Default)]
pub struct TextGlossary {
    pub index: Arc<GlossaryIndex>,
    /// The problems inside the files, each with its file's label and text: every parse
    /// problem file by file, then the merge's.
    pub problems: Vec<GlossaryProblem>,
}

impl TextGlossary {
    /// Merges `files`, nearest first (an entity id in an earlier file wins), keeping the
    /// problems of the first `reported` files only.
    pub fn build(files: &[GlossaryText], reported: usize) -> TextGlossary {
        let labelled = files.iter().map(|file| (file.label.display().to_string(), file.parsed.clone())).collect();
        let (index, merge_problems) = GlossaryIndex::build(labelled);
        let problem = |file: &GlossaryText, diagnostic: &analysis::Diagnostic| GlossaryProblem {
            path: file.label.clone(),
            text: Some(Arc::clone(&file.text)),
            diagnostic: diagnostic.clone(),
        };
        let mut problems: Vec<GlossaryProblem> = files
            .iter()
            .take(reported)
            .flat_map(|file| file.parsed.diagnostics.iter().map(move |diagnostic| problem(file, diagnostic)))
            .collect();
        for (at, diagnostic) in &merge_problems {
            if *at < reported
                && let Some(file) = files.get(*at)
            {
                problems.push(problem(file, diagnostic));
            }
        }
        TextGlossary { index: Arc::new(index), problems }
    }
}

/// Analyses `text` with `index` as `check` analyses an article file (the front matter's
/// `glossary` key is not followed: no file is read), with `glossary_problems` to report.
pub fn analyse(
    text: String,
    format: Format,
    index: Arc<GlossaryIndex>,
    glossary_problems: Vec<GlossaryProblem>,
) -> Checked {
    let article = analysis::article::parse(&text, format);
    let mut analysis = analysis::analyze_article(&text, &article, &index);
    analysis::diagnostics::finish(&text, &article, &mut analysis.diagnostics);
    Checked {
        path: "".into(),
        text,
        glossary: ArticleGlossary { index, ..ArticleGlossary::default() },
        analysis,
        glossary_problems,
    }
}

/// The record of `check --format json` for `text`, without `path`, as one line of JSON: every
/// record carries the problems of `glossary`'s files. The Python module's `analyze`.
pub fn record_line(text: String, format: Format, glossary: &TextGlossary) -> String {
    let checked = analyse(text, format, Arc::clone(&glossary.index), glossary.problems.clone());
    // Labels are already as they should print: nothing to make relative.
    serde_json::to_string(&Record::new(&checked, Path::new(""))).expect("records hold only strings and numbers")
}

/// The problems of `glossary`'s files as JSON, an array of `glossary_diagnostics` entries.
pub fn problems_json(glossary: &TextGlossary) -> String {
    let records = super::json::GlossaryDiagnosticRecord::all(&glossary.problems, Path::new(""));
    serde_json::to_string(&records).expect("records hold only strings and numbers")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_files_problems_are_reported() {
        let own = GlossaryText::parse("glossary", "[a]\nname = \"Ada Okafor\"\nkind = \"x\"\n");
        let extra = GlossaryText::parse("extra.toml", "[b]\nkind = \"person\"\n");
        let both = TextGlossary::build(&[own.clone(), extra.clone()], 2);
        assert_eq!(both.problems.len(), 2, "{:?}", both.problems);
        let first = TextGlossary::build(&[own, extra], 1);
        assert_eq!(first.problems.len(), 1);
        assert_eq!(first.problems[0].path, PathBuf::from("glossary"));
        assert_eq!(first.index.entities.len(), 1, "the nameless entity does not load");
    }

    #[test]
    fn a_record_line_is_the_file_record_without_its_path() {
        let glossary = TextGlossary::build(&[GlossaryText::parse("glossary", "[ada]\nname = \"Ada Okafor\"\n")], 1);
        let text = "“We will reopen the pool,” Ada Okafor said.\n";
        let line = record_line(text.to_string(), Format::Markdown, &glossary);
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["diagnostics", "glossary_diagnostics", "mentions", "quotes"]);
        assert_eq!(value["quotes"][0]["entity"], "ada");
    }
}
