//! Annotated fixtures for the glossary tests: a line whose first non-space character is
//! `^` marks a span on the line above (`^^^ label`), so expectations sit where they apply.

use crate::analysis::Span;

/// The fixture's text without its annotation lines.
pub(crate) fn strip(fixture: &str) -> String {
    fixture.split_inclusive('\n').filter(|line| !is_annotation(line)).collect()
}

/// `text` with a `^^^ label` line under each mark, marks on one line ordered by position.
/// A mark is drawn to the end of its first line; an empty span is drawn as one `^`.
pub(crate) fn annotate(text: &str, marks: &[(Span, String)]) -> String {
    let mut marks = marks.to_vec();
    marks.sort_by(|a, b| (a.0.start, a.0.end, &a.1).cmp(&(b.0.start, b.0.end, &b.1)));
    let mut out = String::new();
    let mut line_start = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (number, line) in lines.iter().enumerate() {
        let is_last = number + 1 == lines.len();
        let content = line.trim_end_matches(['\n', '\r']);
        out.push_str(content);
        out.push('\n');
        for (span, label) in &marks {
            let inside = span.start >= line_start
                && (span.start < line_start + line.len() || (is_last && span.start <= text.len()));
            if !inside {
                continue;
            }
            let column = text.get(line_start..span.start).map_or(0, |s| s.chars().count());
            let end = span.end.min(line_start + content.len()).max(span.start);
            let width = text.get(span.start..end).map_or(1, |s| s.chars().count()).max(1);
            out.push_str(&format!("{}{} {label}\n", " ".repeat(column), "^".repeat(width)));
        }
        line_start += line.len();
    }
    out
}

fn is_annotation(line: &str) -> bool {
    line.trim_start().starts_with('^')
}
