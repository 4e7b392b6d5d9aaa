//! `--format human`: `path:line:col: severity[code]: message`, the source line with an
//! underline, and a closing summary.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

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

    let line_start = lines.line_start(line - 1).unwrap_or(0);
    let line_text = line_text(text, line_start);
    let start = column - 1;
    let end = start + diagnostic.span.text(text).chars().count();
    let (shown, underline) = snippet(line_text, start, end);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    writeln!(out, "{} {}", paint.style(BLUE, &format!("{number} |")), shown)?;
    writeln!(out, "{} {}", paint.style(BLUE, &format!("{gutter} |")), paint.style(severity_style, &underline))?;
    for (span, message) in &diagnostic.related {
        let (line, column) = lines.line_col(text, span.start);
        let message = escape_controls(message);
        writeln!(out, "{} {path}:{line}:{column}: {message}", paint.style(BLUE, &format!("{gutter} = note:")))?;
    }
    Ok(())
}

/// The line of `text` starting at `start`, without its line ending.
fn line_text(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// Lines wider than this are shown as a window around the underline.
const MAX_SHOWN: usize = 100;
/// Columns of context kept before the underline when a line is cut.
const CONTEXT_BEFORE: usize = 30;
const TAB_STOP: usize = 4;

/// The line as shown and the underline beneath it for characters `start..end` of `line`;
/// an underline running past the line's end stops there, and an empty one is one `^`.
/// Tabs are expanded and wide characters take two columns, so the carets line up.
fn snippet(line: &str, start: usize, end: usize) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    let start = start.min(chars.len());
    let end = end.clamp(start, chars.len());
    let total: usize = chars.iter().map(|&c| char_width(c).max(1)).sum();
    let window_start = if total > MAX_SHOWN { start.saturating_sub(CONTEXT_BEFORE) } else { 0 };

    let mut shown = String::new();
    let mut underline = String::new();
    let mut column = 0;
    if window_start > 0 {
        shown.push('…');
        underline.push(' ');
        column += 1;
    }
    let mut index = window_start;
    let mut start_column = None;
    while index < chars.len() && column < MAX_SHOWN {
        if index == start {
            start_column = Some(column);
        }
        let c = chars[index];
        let width = if c == '\t' { TAB_STOP - column % TAB_STOP } else { char_width(c) };
        if c == '\t' {
            shown.push_str(&" ".repeat(width));
        } else if acts_on_terminal(c) {
            shown.push(' ');
        } else {
            shown.push(c);
        }
        let mark = if (start..end).contains(&index) { '^' } else { ' ' };
        underline.extend(std::iter::repeat_n(mark, width));
        column += width;
        index += 1;
    }
    if index < chars.len() {
        shown.push('…');
    }
    if !underline.contains('^') {
        underline = format!("{}^", " ".repeat(start_column.unwrap_or(column)));
    }
    (shown, underline.trim_end().to_string())
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

/// Columns a character takes in a terminal: 0 for combining marks and invisible joiners,
/// 2 for East Asian wide characters and emoji, 1 otherwise. An approximation of Unicode's
/// East Asian Width without a table, good for the scripts news articles use.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

const BOLD: &str = "1";
const BLUE: &str = "1;34";

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Information => "1;36",
        Severity::Hint => "1;32",
    }
}

/// Wraps text in an ANSI style when colour is on.
struct Paint(bool);

impl Paint {
    fn style(&self, style: &str, text: &str) -> String {
        if self.0 { format!("\x1b[{style}m{text}\x1b[0m") } else { text.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Code, Span};
    use crate::cli::check::{Checked, GlossaryProblem};

    #[test]
    fn diagnostics_print_their_place_the_line_and_an_underline() {
        let text = "# Pool\n\n“Nobody asked,” he said.\nHale and Mercer spoke.\n";
        let quote = Span::new(text.find('“').unwrap(), text.find(" he").unwrap());
        let he = Span::new(text.find("he said").unwrap(), text.find(" said").unwrap());
        let hale = Span::new(text.find("Hale").unwrap(), text.find(" and").unwrap());
        let mut ambiguous = Diagnostic::new(Code::AmbiguousSpeaker, he, "“he” could be Okafor or Hale");
        ambiguous.related.push((hale, "Hale is named here".to_string()));
        let glossary_text = "[hale]\nkind = \"wizard\"\n";
        let checked = Checked {
            path: "news/pool.md".into(),
            text: text.to_string(),
            glossary: Default::default(),
            analysis: Analysis {
                diagnostics: vec![Diagnostic::new(Code::UnattributedQuote, quote, "No speaker."), ambiguous],
                ..Analysis::default()
            },
            glossary_problems: vec![GlossaryProblem {
                path: Path::new("/work/news/glossary.toml").to_path_buf(),
                text: Some(glossary_text.into()),
                diagnostic: Diagnostic::new(
                    Code::GlossaryUnknownKind,
                    Span::new(glossary_text.find("\"wizard").unwrap(), glossary_text.len() - 1),
                    "Unknown kind “wizard”.",
                ),
            }],
        };
        let mut out = Vec::new();
        write_file(&mut out, &checked, Path::new("/work"), HumanConfig::default()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "news/glossary.toml:2:8: error[glossary-unknown-kind]: Unknown kind “wizard”.\n\
             2 | kind = \"wizard\"\n\
             \x20 |        ^^^^^^^^\n\
             news/pool.md:3:1: warning[unattributed-quote]: No speaker.\n\
             3 | “Nobody asked,” he said.\n\
             \x20 | ^^^^^^^^^^^^^^^\n\
             news/pool.md:3:17: hint[ambiguous-speaker]: “he” could be Okafor or Hale\n\
             3 | “Nobody asked,” he said.\n\
             \x20 |                 ^^\n\
             \x20 = note: news/pool.md:4:1: Hale is named here\n"
        );

        let mut coloured = Vec::new();
        write_file(&mut coloured, &checked, Path::new("/work"), HumanConfig { color: true }).unwrap();
        let coloured = String::from_utf8(coloured).unwrap();
        assert!(coloured.contains("\x1b[1;33mwarning[unattributed-quote]\x1b[0m"), "{coloured}");
    }

    /// `fixture` is a line, then a line of `^` marking the characters to underline (an empty
    /// span is written `|`); `expect` is the rendered line and underline.
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
        let (shown, underline) = snippet(line, start, end);
        assert_eq!(format!("{shown}\n{underline}"), expect);
    }

    #[test]
    fn underlines_count_characters_not_bytes() {
        check("“Hi,” Ravi said.\n      ^^^^", "“Hi,” Ravi said.\n      ^^^^");
    }

    #[test]
    fn tabs_and_wide_characters_keep_the_carets_aligned() {
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
            &format!("…{}“quoted,” she said.{}…\n{}^^^^^^^^^", &before[..30], &after[..50], " ".repeat(31)),
        );
    }
}
