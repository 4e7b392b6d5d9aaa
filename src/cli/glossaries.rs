//! `copydesk glossaries ARTICLE…`: which glossary files apply to each article and why (its
//! front matter, a sidecar file, a folder's glossary.toml, copydesk.toml, `--glossary`), the
//! command-line twin of an editor's health check, so that a result that depends on the
//! folder `check` runs from can be explained.
//!
//! Exit status: 0 when every article has a glossary, 1 when one has none, 2 for an article
//! that cannot be read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::inputs::{self, Source};
use super::project::Projects;
use crate::workspace::articles::{self, GLOSSARY_MAX_BYTES, ReadConfig, read_text_file};
use crate::workspace::{GlossaryReason, explain_glossaries};

#[derive(Debug, Clone, clap::Args)]
pub struct GlossariesArgs {
    /// Articles to explain.
    #[arg(required = true, value_name = "ARTICLE")]
    pub paths: Vec<PathBuf>,

    /// The workspace root, as for `check`.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// A glossary file applying to every article, as for `check`.
    #[arg(long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
}

/// Runs `copydesk glossaries` and returns its exit status.
pub fn run(args: &GlossariesArgs) -> ExitCode {
    let Ok(cwd) = std::env::current_dir() else {
        eprintln!("copydesk: cannot read the current folder");
        return ExitCode::from(2);
    };
    let projects = Projects::default();
    let given: Vec<PathBuf> = args.glossaries.iter().map(|path| cwd.join(path)).collect();
    let mut out = io::stdout().lock();
    let mut status = 0;
    for input in inputs::expand(&args.paths, args.root.as_deref(), &cwd) {
        let Source::File(path) = &input.source else {
            eprintln!("copydesk: {}: not an article file", input.display);
            status = 2;
            continue;
        };
        let text = match articles::read_article(path, &ReadConfig::default()) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("copydesk: {}: {error}", input.display);
                status = 2;
                continue;
            }
        };
        let article = crate::analysis::article::parse(&text.text, text.format);
        let project = projects.for_article(path, &input.root);
        let from_project: Vec<PathBuf> = project.iter().flat_map(|p| p.glossaries.iter().cloned()).collect();
        let extra: Vec<PathBuf> = from_project.iter().chain(&given).cloned().collect();
        let mut read = |file: &Path| read_text_file(file, GLOSSARY_MAX_BYTES);
        let (found, problems) = explain_glossaries(path, article.front_matter.as_ref(), &input.root, &extra, &mut read);
        let shown = |file: &Path| super::display_path(file, &cwd).into_string();
        let why = |file: &Path, reason: &GlossaryReason| match reason {
            GlossaryReason::FrontMatter(written) => format!("named by the front matter (`glossary: {written}`)"),
            GlossaryReason::Sidecar => "sidecar file beside the article".to_string(),
            GlossaryReason::Folder if file.parent() == path.parent() => {
                "glossary.toml in the article's folder".to_string()
            }
            GlossaryReason::Folder => "glossary.toml in a folder above the article".to_string(),
            GlossaryReason::Configured if from_project.iter().any(|p| cwd.join(file) == *p) => {
                let settings = project.as_ref().map_or_else(String::new, |p| shown(&p.path));
                format!("listed in {settings}")
            }
            GlossaryReason::Configured => "given with --glossary".to_string(),
        };
        let _ = writeln!(out, "{}:", input.display);
        if found.is_empty() {
            status = status.max(1);
            let _ = writeln!(
                out,
                "  no glossary applies: looked for the front matter's `glossary`, {}.glossary.toml, \
                 glossary.toml from the article's folder up to {}, and copydesk.toml's `glossaries`",
                path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                Some(shown(&input.root)).filter(|root| !root.is_empty()).unwrap_or_else(|| ".".to_string()),
            );
        }
        for (file, reason) in &found {
            let _ = writeln!(out, "  {}  {}", shown(file), why(file, reason));
        }
        for problem in problems {
            let _ = writeln!(out, "  not read: {problem}");
        }
    }
    ExitCode::from(status)
}

/// A note on standard error for each checked article file no glossary applies to: its names
/// are then matched to nothing, and the result depends on the folder `check` ran from.
/// Standard input, checked as a quick test of a passage, gets none.
pub fn note_missing(outcomes: &[super::check::Outcome]) {
    for checked in outcomes.iter().filter_map(|outcome| outcome.as_ref().ok()) {
        if checked.glossary.paths.is_empty() && checked.path.as_str() != "-" {
            let path = super::human::escape_controls(&checked.path);
            eprintln!(
                "copydesk: note: no glossary applies to {path}, so no name is matched to an entity \
                 (see `copydesk glossaries {path}`)"
            );
        }
    }
}
