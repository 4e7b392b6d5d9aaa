//! `--format human`: `path:line:col: severity[code]: message`, then the source line with an
//! underline and any notes drawn by annotate-snippets (as rustc draws its own), and a
//! closing summary.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use annotate_snippets::renderer::{
    DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_INFO_STYLE, DEFAULT_WARNING_STYLE, Renderer,
};
use annotate_snippets::{AnnotationKind, Group, Level, Snippet};
use anstyle::Style;

use super::Totals;
use super::check::Checked;
use super::glossary_files::GlossaryFiles;
use crate::analysis::{Diagnostic, LineIndex, Severity};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HumanConfig {
    /// ANSI colours, for a terminal.
    pub color: bool,
}

/// Prints the problems of one article: those of glossary files it was first to load, then its own.
pub fn write_file(out: &mut dyn Write, checked: &Checked, cwd: &Path, config: HumanConfig) -> io::Result<()> {
    let mut files = GlossaryFiles::new(cwd);
    for problem in &checked.glossary_problems {
        let text = problem.text.as_deref().unwrap_or("");
        let (path, lines, first) = files.of(problem);
        if let Some(note) = path.lossy_note().filter(|_| first) {
            writeln!(out, "{note}")?;
        }
        write_diagnostic(out, path, text, lines, &problem.diagnostic, config)?;
    }
    let lines = LineIndex::new(&checked.text);
    for diagnostic in &checked.analysis.diagnostics {
        write_diagnostic(out, &checked.path, &checked.text, &lines, diagnostic, config)?;
    }
    Ok(())
}

/// One line saying what was checked and found.
pub fn write_summary(out: &mut dyn Write, totals: &Totals, config: HumanConfig) -> io::Result<()> {
    let paint = Paint(config.color);
    let mut line = format!(
        "{}, {} ({} attributed) from {}, {}; {}, {}, {}, {}",
        count(totals.files, "file checked", "files checked"),
        count(totals.quotes, "quote", "quotes"),
        totals.attributed,
        count(totals.speakers, "speaker", "speakers"),
        count(totals.mentions, "mention", "mentions"),
        count(totals.by_severity(Severity::Error), "error", "errors"),
        count(totals.by_severity(Severity::Warning), "warning", "warnings"),
        count(totals.by_severity(Severity::Information), "information", "information"),
        count(totals.by_severity(Severity::Hint), "hint", "hints"),
    );
    if totals.unreadable > 0 {
        line.push_str(&format!(
            "; {}",
            count(totals.unreadable, "input could not be read", "inputs could not be read")
        ));
    }
    writeln!(out, "{}", paint.style(BOLD, &line))
}

fn write_diagnostic(
    out: &mut dyn Write,
    path: &str,
    text: &str,
    lines: &LineIndex,
    diagnostic: &Diagnostic,
    config: HumanConfig,
) -> io::Result<()> {
    let paint = Paint(config.color);
    let (line, column) = lines.line_col(text, diagnostic.span.start);
    let severity_style = severity_style(diagnostic.severity);
    // File names, and messages quoting article or glossary text, are shown with their
    // control characters escaped: none reaches the terminal to act on it.
    let path = escape_controls(path);
    writeln!(
        out,
        "{}: {}: {}",
        paint.style(BOLD, &format!("{path}:{line}:{column}")),
        paint.style(severity_style, &format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code.as_str())),
        escape_controls(&diagnostic.message),
    )?;

    // Only the diagnostic's own line goes to the renderer: handed the whole article, it would
    // split every line of it again for each diagnostic.
    let line_start = lines.line_start(line - 1).unwrap_or(0);
    let line_text = shown_line(line_text(text, line_start));
    // The underline, in bytes of the line as shown (its characters map one to one), stops at
    // the line's end; the rest of a span that runs on is not drawn.
    let start = column - 1;
    let end = start + diagnostic.span.text(text).chars().count();
    let byte = |column: usize| line_text.char_indices().nth(column).map_or(line_text.len(), |(at, _)| at);
    let underline = byte(start)..byte(end);
    let notes: Vec<String> = diagnostic
        .related
        .iter()
        .map(|(span, message)| {
            let (line, column) = lines.line_col(text, span.start);
            format!("{path}:{line}:{column}: {}", escape_controls(message))
        })
        .collect();
    let snippet =
        Snippet::source(line_text.as_str()).line_start(line).annotation(AnnotationKind::Primary.span(underline));
    let group = Group::with_level(level(diagnostic.severity))
        .element(snippet)
        .elements(notes.iter().map(|note| Level::NOTE.message(note.as_str())));
    let renderer = if config.color { Renderer::styled() } else { Renderer::plain() };
    writeln!(out, "{}", renderer.term_width(MAX_SHOWN).render(&[group]))
}

/// The line of `text` starting at `start`, without its line ending.
fn line_text(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// The width the renderer fits a line into; a longer line is cut around its underline.
const MAX_SHOWN: usize = 100;

/// A line as shown: each character a terminal would act on is one replacement character,
/// so that nothing in an article moves the cursor or recolours the terminal. (The renderer
/// replaces C0 and bidirectional controls itself, but lets C1 controls such as CSI through.)
fn shown_line(line: &str) -> String {
    line.chars().map(|c| if acts_on_terminal(c) && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

/// How the renderer colours a severity's underline.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// True for characters a terminal acts on rather than shows: C0 and C1 controls (ESC starts
/// the sequences that move the cursor, retitle the window or clear the screen), DEL, and the
/// bidirectional overrides and isolates that reorder what follows them.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal acts on written as a Rust escape (`\u{1b}`).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_controls_but(text, None)
}

/// Lines of text, as a table or a report, with every character a terminal acts on escaped
/// but their line breaks.
pub fn escape_controls_in_lines(text: &str) -> Cow<'_, str> {
    escape_controls_but(text, Some('\n'))
}

fn escape_controls_but(text: &str, kept: Option<char>) -> Cow<'_, str> {
    let escapes = |c: char| acts_on_terminal(c) && Some(c) != kept;
    if !text.chars().any(escapes) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escapes(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

const BOLD: Style = Style::new().bold();

/// The renderer's colours for each severity, so that the heading and the underline agree.
fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => DEFAULT_ERROR_STYLE,
        Severity::Warning => DEFAULT_WARNING_STYLE,
        Severity::Information => DEFAULT_INFO_STYLE,
        Severity::Hint => DEFAULT_HELP_STYLE,
    }
}

/// Wraps text in an ANSI style when colour is on.
struct Paint(bool);

impl Paint {
    fn style(&self, style: Style, text: &str) -> String {
        if self.0 { format!("{style}{text}{style:#}") } else { text.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Span};
    use crate::cli::check::checked_with_a_glossary_problem;

    #[test]
    fn diagnostics_print_their_place_the_line_and_an_underline() {
        let text = "# Pool\n\n“Nobody asked,” he said.\nHale and Mercer spoke.\n";
        let quote = Span::new(text.find('“').unwrap(), text.find(" he").unwrap());
        let he = Span::new(text.find("he said").unwrap(), text.find(" said").unwrap());
        let hale = Span::new(text.find("Hale").unwrap(), text.find(" and").unwrap());
        let mut ambiguous = Diagnostic::new(Code::AmbiguousSpeaker, he, "“he” could be Okafor or Hale");
        ambiguous.related.push((hale, "Hale is named here".to_string()));
        let diagnostics = vec![Diagnostic::new(Code::UnattributedQuote, quote, "No speaker."), ambiguous];
        let checked = checked_with_a_glossary_problem("news/pool.md", text, diagnostics);
        let mut out = Vec::new();
        write_file(&mut out, &checked, Path::new("/work"), HumanConfig::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "news/glossary.toml:2:8: error[glossary-unknown-kind]: Unknown kind “wizard”.\n\
             \x20 |\n\
             2 | kind = \"wizard\"\n\
             \x20 |        ^^^^^^^^\n\
             news/pool.md:3:1: warning[unattributed-quote]: No speaker.\n\
             \x20 |\n\
             3 | “Nobody asked,” he said.\n\
             \x20 | ^^^^^^^^^^^^^^^\n\
             news/pool.md:3:17: hint[ambiguous-speaker]: “he” could be Okafor or Hale\n\
             \x20 |\n\
             3 | “Nobody asked,” he said.\n\
             \x20 |                 ^^\n\
             \x20 |\n\
             \x20 = note: news/pool.md:4:1: Hale is named here\n"
        );

        let mut coloured = Vec::new();
        write_file(&mut coloured, &checked, Path::new("/work"), HumanConfig { color: true }).unwrap();
        let coloured = String::from_utf8(coloured).unwrap();
        let warning = DEFAULT_WARNING_STYLE;
        assert!(coloured.contains(&format!("{warning}warning[unattributed-quote]{warning:#}")), "{coloured}");
        assert!(
            coloured.contains(&format!("{warning}^^^^^^^^^^^^^^^")),
            "the underline in the same colour: {coloured}"
        );
    }

    /// `fixture` is a line, then a line of `^` marking the characters to underline (an empty
    /// span is written `|`); `expect` is the rendered line and underline, without the gutter.
    fn check(fixture: &str, expect: &str) {
        let (line, marks) = fixture.split_once('\n').unwrap();
        let marks: Vec<char> = marks.chars().collect();
        let (start, end) = match marks.iter().position(|&c| c == '|') {
            Some(at) => (at, at),
            None => {
                let start = marks.iter().position(|&c| c == '^').unwrap();
                (start, marks.iter().rposition(|&c| c == '^').unwrap() + 1)
            }
        };
        let text = format!("{line}\n");
        let byte = |column: usize| text.char_indices().nth(column).map_or(line.len(), |(at, _)| at);
        let diagnostic = Diagnostic::new(Code::UnattributedQuote, Span::new(byte(start), byte(end)), "m");
        let mut out = Vec::new();
        write_diagnostic(&mut out, "a.md", &text, &LineIndex::new(&text), &diagnostic, HumanConfig::default()).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "  |", "{out}");
        let shown: Vec<&str> = lines[2..].iter().map(|line| line.get(4..).unwrap_or("")).collect();
        assert_eq!(shown.join("\n"), expect, "{out}");
    }

    #[test]
    fn underlines_count_characters_not_bytes() {
        check("“Hi,” Ravi said.\n      ^^^^", "“Hi,” Ravi said.\n      ^^^^");
    }

    #[test]
    fn tabs_and_wide_characters_keep_the_carets_aligned() {
        // A tab is four columns wherever it stands.
        check("\t“東京,” he said.\n ^^^^", "    “東京,” he said.\n    ^^^^^^");
        check("e\u{301}“x” she said.\n  ^^^", "e\u{301}“x” she said.\n ^^^");
    }

    #[test]
    fn an_empty_span_gets_one_caret() {
        check("“Open\n|", "“Open\n^");
        check("abc\n   |", "abc\n   ^");
    }

    #[test]
    fn long_lines_show_a_window_around_the_underline() {
        let (before, after) = ("a".repeat(150), "b".repeat(150));
        check(
            &format!("{before}“quoted,” she said.{after}\n{}^^^^^^^^^", " ".repeat(150)),
            &format!("...{}“quoted,” she said.{}...\n{}^^^^^^^^^", &before[..40], &after[..31], " ".repeat(43)),
        );
    }

    /// Nothing in an article reaches the terminal to act on it: C0 and C1 controls, DEL and
    /// the bidirectional controls are shown as replacement characters.
    #[test]
    fn control_characters_in_the_line_are_shown_not_sent() {
        check(
            "\u{1b}[2J“Hi,” \u{9b}31m Ravi \u{202e}said.\n          ^^^^",
            "\u{FFFD}[2J“Hi,” \u{FFFD}31m Ravi \u{FFFD}said.\n          ^^^^",
        );
    }
}
