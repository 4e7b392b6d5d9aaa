//! The `copydesk check` command: expands the PATH arguments, checks every article, prints
//! what was found, and decides the exit status.
//!
//! Exit status: 0 when nothing reaches warning level, 1 when problems were found, 2 for a
//! usage error or any input that could not be read (every other input is still checked).

mod args;
pub mod check;
pub mod choices;
pub mod github;
pub mod glossaries;
mod glossary_files;
pub mod human;
pub mod inputs;
pub mod json;
mod jsonl;
pub mod text;
mod places;
pub mod project;
pub mod quotes;
pub mod report;
pub mod sarif;
pub mod shown_path;

pub use args::{CheckArgs, InputArgs, InputFormat, OutputFormat, StdinFormat};
pub use report::ReportArgs;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::Severity;
use crate::workspace::articles::ReadConfig;
use check::{CheckConfig, Outcome};
use human::HumanConfig;

/// The articles `paths` name and how to check them, as `check` and `report` both read them;
/// exit status 2 when the current folder cannot be read or `--root` names no folder.
fn inputs_and_config(paths: &[PathBuf], args: &InputArgs) -> Result<(Vec<inputs::Input>, CheckConfig), ExitCode> {
    let cwd = std::env::current_dir().map_err(|error| {
        eprintln!("copydesk: cannot read the current folder: {error}");
        ExitCode::from(2)
    })?;
    if let Some(root) = &args.root {
        check_root(&cwd.join(root)).map_err(|reason| {
            let root = human::escape_controls(&root.to_string_lossy()).into_owned();
            eprintln!("copydesk: --root {root}: {reason}");
            ExitCode::from(2)
        })?;
    }
    let projects = std::sync::Arc::new(project::Projects::default());
    let inputs = project::expand(paths, args.root.as_deref(), &cwd, &projects);
    let config = CheckConfig {
        read: ReadConfig { max_bytes: args.max_file_size },
        stdin_format: args.stdin_format.format(),
        extra_glossaries: args.glossaries.iter().map(|path| cwd.join(path)).collect(),
        cwd,
        jobs: args.jobs.map(usize::from),
        projects,
    };
    Ok((inputs, config))
}

/// Why `root` cannot be the workspace root, if it cannot: a root that is not there would
/// otherwise search nothing and refuse every front matter glossary, without a word.
fn check_root(root: &Path) -> Result<(), String> {
    match std::fs::metadata(root) {
        Ok(metadata) if metadata.is_dir() => Ok(()),
        Ok(_) => Err("not a folder".to_string()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err("no such folder".to_string()),
        Err(error) => Err(error.to_string()),
    }
}

/// Runs `copydesk check` and returns its exit status.
pub fn run(args: &CheckArgs) -> ExitCode {
    if args.input_format == InputFormat::Jsonl {
        return jsonl::run(args);
    }
    let (inputs, config) = match inputs_and_config(&args.paths, &args.input) {
        Ok(read) => read,
        Err(status) => return status,
    };
    let mut outcomes = check::check_all(&inputs, &config);
    check::report_glossaries_once(&mut outcomes);
    project::apply_severities(&mut outcomes, &inputs, &config.cwd, &args.severities, &config.projects);
    // A copydesk.toml with problems is reported like a usage error: the run still checks,
    // with the rest of the file applied, but exits with 2.
    let settings_problems = project::report_problems(&config.projects, &config.cwd, &mut io::stderr().lock());

    let totals = Totals::of(&outcomes);
    let human = HumanConfig { color: color_wanted() };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let quotes = args.quotes && args.format == OutputFormat::Human;
    if args.format == OutputFormat::Human {
        glossaries::note_missing(&outcomes);
    }
    match print(&mut out, &outcomes, &totals, args.format, human, &config.cwd, quotes).and_then(|()| out.flush()) {
        Ok(()) => {}
        // A reader that stops early (`| head`) is not a failure of the check.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            eprintln!("copydesk: cannot write the output: {error}");
            return ExitCode::from(2);
        }
    }
    if settings_problems > 0 {
        return ExitCode::from(2);
    }
    ExitCode::from(totals.exit_status())
}

/// Counts over every article checked, for the summary and the exit status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub unreadable: usize,
    pub quotes: usize,
    pub attributed: usize,
    /// Distinct speakers of attributed quotes, by resolved name.
    pub speakers: usize,
    pub mentions: usize,
    /// Diagnostics in articles and glossary files, indexed by severity (hint first).
    pub severities: [usize; 4],
}

impl Totals {
    pub fn of(outcomes: &[Outcome]) -> Totals {
        let mut totals = Totals::default();
        let mut speakers = HashSet::new();
        for outcome in outcomes {
            let Ok(checked) = outcome else {
                totals.unreadable += 1;
                continue;
            };
            totals.files += 1;
            let analysis = &checked.analysis;
            totals.quotes += analysis.quotes.len();
            for quote in analysis.quotes.iter().filter(|quote| quote.is_attributed()) {
                totals.attributed += 1;
                if let Some(speaker) = quote.speaker() {
                    speakers.insert(speaker.name.as_str());
                }
            }
            totals.mentions += analysis.mentions.len();
            let glossary = checked.glossary_problems.iter().map(|problem| &problem.diagnostic);
            for diagnostic in analysis.diagnostics.iter().chain(glossary) {
                totals.severities[diagnostic.severity as usize] += 1;
            }
        }
        totals.speakers = speakers.len();
        totals
    }

    pub fn by_severity(&self, severity: Severity) -> usize {
        self.severities[severity as usize]
    }

    /// 2 when an input could not be read, else 1 when anything reached warning level, else 0.
    pub fn exit_status(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.by_severity(Severity::Warning) + self.by_severity(Severity::Error) > 0 {
            1
        } else {
            0
        }
    }
}

/// Prints each outcome in input order: results on standard output, unreadable inputs on
/// standard error, each with its reason.
fn print(
    out: &mut dyn Write,
    outcomes: &[Outcome],
    totals: &Totals,
    format: OutputFormat,
    human: HumanConfig,
    cwd: &Path,
    quotes: bool,
) -> io::Result<()> {
    if format == OutputFormat::Sarif {
        // The log is one document: unreadable inputs are named on standard error first, and
        // also inside the log, as notifications of the run.
        for unreadable in outcomes.iter().filter_map(|outcome| outcome.as_ref().err()) {
            report_unreadable(unreadable);
        }
        return sarif::write_log(out, outcomes, cwd);
    }
    for outcome in outcomes {
        match outcome {
            Ok(checked) => match format {
                OutputFormat::Human => {
                    // A name shown lossily is said to be, before anything shows it.
                    let shown = quotes || !checked.analysis.diagnostics.is_empty();
                    if let Some(note) = checked.path.lossy_note().filter(|_| shown) {
                        writeln!(out, "{note}")?;
                    }
                    human::write_file(out, checked, cwd, human)?;
                    if quotes {
                        // The table quotes file names and article text: nothing in it may act
                        // on the terminal.
                        let mut table = Vec::new();
                        quotes::write_quotes(&mut table, checked)?;
                        out.write_all(human::escape_controls_in_lines(&String::from_utf8_lossy(&table)).as_bytes())?;
                    }
                }
                OutputFormat::Json => writeln!(out, "{}", json::FileRecord::new(checked, cwd).to_line())?,
                OutputFormat::Github => github::write_file(out, checked, cwd)?,
                OutputFormat::Sarif => unreachable!("the SARIF log is written whole, above"),
            },
            Err(unreadable) => {
                // Flushed first so that, on a terminal, the message sits among the results in order.
                out.flush()?;
                report_unreadable(unreadable);
                if format == OutputFormat::Github {
                    github::write_unreadable(out, unreadable, cwd)?;
                }
            }
        }
    }
    match format {
        OutputFormat::Human => human::write_summary(out, totals, human)?,
        // The summary closes the step's log; it is no workflow command, so it stays plain.
        OutputFormat::Github => human::write_summary(out, totals, HumanConfig::default())?,
        OutputFormat::Json | OutputFormat::Sarif => {}
    }
    Ok(())
}

/// Names an input that could not be read on standard error, with the reason.
fn report_unreadable(unreadable: &check::Unreadable) {
    let path = human::escape_controls(&unreadable.path);
    let error = unreadable.error.to_string();
    eprintln!("copydesk: {path}: {}", human::escape_controls(&error));
    if let Some(note) = unreadable.path.lossy_note() {
        eprintln!("copydesk: {note}");
    }
}

/// Colour as anstream decides it for standard output: on a terminal, unless NO_COLOR
/// (https://no-color.org), CLICOLOR=0 or TERM=dumb says otherwise; CLICOLOR_FORCE forces it.
fn color_wanted() -> bool {
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}

/// A path for output: relative to the current folder when it lies inside it.
pub(crate) fn display_path(path: &Path, cwd: &Path) -> shown_path::ShownPath {
    shown_path::ShownPath::new(path.strip_prefix(cwd).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_inputs_outrank_problems_in_the_exit_status() {
        let check = |unreadable, severities, expect| {
            let totals = Totals { unreadable, severities, ..Totals::default() };
            assert_eq!(totals.exit_status(), expect, "{totals:?}");
        };
        check(0, [0, 0, 0, 0], 0);
        check(0, [3, 2, 0, 0], 0);
        check(0, [0, 0, 1, 0], 1);
        check(0, [0, 0, 0, 1], 1);
        check(1, [0, 0, 0, 0], 2);
        check(1, [0, 0, 4, 0], 2);
    }
}
