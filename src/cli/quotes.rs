//! `check --quotes` (human format): every quotation of an article with its line, the
//! speaker as written, whom that resolved to, and the cue with the rule that found it — who
//! said what, without JSON.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::check::Checked;
use crate::analysis::LineIndex;
use crate::analysis::quotes::QuoteKind;

/// Characters of a quotation shown before it is cut with `…`.
const SHOWN: usize = 48;

pub fn write_quotes(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    let text = checked.text.as_str();
    let quotes = &checked.analysis.quotes;
    writeln!(
        out,
        "{}: {}",
        checked.path,
        if quotes.len() == 1 { "1 quotation".to_string() } else { format!("{} quotations", quotes.len()) }
    )?;
    if quotes.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(text);
    let mut rows = vec![["line", "quotation", "speaker as written", "resolved", "cue (rule)"].map(String::from)];
    for quote in quotes {
        let line = lines.line_col(text, quote.span.start).0;
        let shown = one_line(quote.span.text(text));
        let (speaker, resolved, cue) = match &quote.attribution {
            Some(a) => (
                one_line(a.speaker.text(text)),
                a.resolved.as_ref().map_or("?".to_string(), |r| r.name.clone()),
                format!("{} ({})", one_line(a.cue.text(text)), a.rule.as_str()),
            ),
            None if quote.kind != QuoteKind::Speech => {
                (format!("({} quotes)", quote.kind.as_str()), String::new(), String::new())
            }
            None if quote.needs_speaker => {
                let assumed = quote.likely_speaker.as_ref().map_or(String::new(), |r| format!("assumed: {}", r.name));
                ("(unattributed)".to_string(), assumed, String::new())
            }
            None => ("(headline)".to_string(), String::new(), String::new()),
        };
        rows.push([line.to_string(), shown, speaker, resolved, cue]);
    }
    let widths: Vec<usize> = (0..5).map(|c| rows.iter().map(|row| row[c].width()).max().unwrap_or(0)).collect();
    for row in &rows {
        let mut out_line = String::from(" ");
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            if c == 0 {
                out_line.push_str(&pad);
                out_line.push_str(cell);
            } else {
                out_line.push_str(cell);
                out_line.push_str(&pad);
            }
            out_line.push_str("  ");
        }
        writeln!(out, "{}", out_line.trim_end())?;
    }
    Ok(())
}

/// Text on one line, whitespace runs as one space, cut to [`SHOWN`] characters.
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= SHOWN { joined } else { joined.chars().take(SHOWN - 1).chain(['…']).collect() }
}
