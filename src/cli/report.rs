//! `copydesk report`: the source ledger of each article and of all of them together — who is
//! quoted, how much, who is named but never quoted — as aligned tables, JSON, CSV or one
//! self-contained HTML page. Inputs are read exactly as `check` reads them; the ledger itself
//! is `analysis::ledger`. The JSON schema is docs/report.md.
//!
//! Exit status: 0, or 2 for a usage error, an input that could not be read (every other input
//! is still reported) or an output that could not be written.

mod csv;
mod human;
mod json;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::InputArgs;
use super::check;
use crate::analysis::ledger::Ledger;
use crate::report::html;

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Articles or folders to report on (folders recursively: .md, .markdown, .txt); `-`
    /// reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the ledger.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Write the report to this file instead of standard output (meant for `--format html`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Aligned tables, one set per article, then the total.
    Human,
    /// One JSON document: every article's ledger and the total (docs/report.md).
    Json,
    /// One row per source of each article, then the total's rows.
    Csv,
    /// One self-contained page with tables and charts (no network, inline CSS and SVG).
    Html,
}

pub use crate::report::Report;

/// Runs `copydesk report` and returns its exit status.
pub fn run(args: &ReportArgs) -> ExitCode {
    let (inputs, config) = match super::inputs_and_config(&args.paths, &args.input) {
        Ok(read) => read,
        Err(status) => return status,
    };
    let cwd = &config.cwd;
    let mut unreadable = false;
    let mut articles = Vec::new();
    for outcome in check::check_all(&inputs, &config) {
        match outcome {
            Ok(checked) => {
                let ledger = Ledger::of(&checked.text, &checked.analysis, &checked.glossary.index);
                articles.push((checked.path.into_string(), ledger));
            }
            Err(failed) => {
                unreadable = true;
                let path = super::human::escape_controls(&failed.path);
                let error = failed.error.to_string();
                eprintln!("copydesk: {path}: {}", super::human::escape_controls(&error));
                if let Some(note) = failed.path.lossy_note() {
                    eprintln!("copydesk: {note}");
                }
            }
        }
    }
    let ledgers: Vec<Ledger> = articles.iter().map(|(_, ledger)| ledger.clone()).collect();
    let report = Report { total: Ledger::total(&ledgers), articles };

    let written = match &args.output {
        Some(path) => std::fs::File::create(cwd.join(path)).and_then(|file| {
            let mut out = io::BufWriter::new(file);
            write(&mut out, &report, args.format)?;
            out.flush()
        }),
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            match write(&mut out, &report, args.format).and_then(|()| out.flush()) {
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
        }
    };
    if let Err(error) = written {
        let target = args.output.as_ref().map_or("the output".to_string(), |path| path.display().to_string());
        eprintln!("copydesk: cannot write {target}: {error}");
        return ExitCode::from(2);
    }
    ExitCode::from(if unreadable { 2 } else { 0 })
}

pub fn write(out: &mut dyn Write, report: &Report, format: ReportFormat) -> io::Result<()> {
    match format {
        ReportFormat::Human => {
            // File names, names and roles from glossaries and article text: nothing in the
            // tables may act on the terminal.
            let mut text = Vec::new();
            human::write(&mut text, report)?;
            out.write_all(super::human::escape_controls_in_lines(&String::from_utf8_lossy(&text)).as_bytes())
        }
        ReportFormat::Json => writeln!(out, "{}", json::to_string(report)),
        ReportFormat::Csv => csv::write(out, report),
        ReportFormat::Html => out.write_all(html::page(report).as_bytes()),
    }
}
