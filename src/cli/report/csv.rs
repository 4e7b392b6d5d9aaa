//! `report --format csv`: one row per quoted source of each article, then one per source of
//! the total (`scope` = `total`, `path` empty), for a spreadsheet. RFC 4180 quoting, LF line ends.

use std::io::{self, Write};

use super::Report;
use crate::analysis::ledger::Source;

const HEADER: &[&str] = &[
    "scope",
    "path",
    "entity",
    "name",
    "kind",
    "role",
    "affiliation",
    "gender",
    "named",
    "quotations",
    "attributed",
    "assumed",
    "direct",
    "partial",
    "words",
    "according_to",
    "first_path",
    "first_line",
];

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    row(out, HEADER.iter().map(|h| h.to_string()))?;
    for (path, ledger) in &report.articles {
        for source in &ledger.sources {
            row(out, fields("article", path, path, source))?;
        }
    }
    for source in &report.total.sources {
        row(out, fields("total", "", report.path(source.first.article), source))?;
    }
    Ok(())
}

fn fields(scope: &str, path: &str, first_path: &str, s: &Source) -> impl Iterator<Item = String> {
    [
        scope.to_string(),
        path.to_string(),
        s.entity.clone().unwrap_or_default(),
        s.name.clone(),
        s.kind_str().to_string(),
        s.role.clone().unwrap_or_default(),
        s.affiliation.clone().unwrap_or_default(),
        s.gender.as_str().to_string(),
        s.named.to_string(),
        s.quotations.to_string(),
        s.attributed.to_string(),
        s.assumed.to_string(),
        s.direct.to_string(),
        s.partial.to_string(),
        s.words.to_string(),
        s.according_to.to_string(),
        first_path.to_string(),
        s.first.line.to_string(),
    ]
    .into_iter()
}

fn row(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let line: Vec<String> = fields.map(|field| quote(&field)).collect();
    writeln!(out, "{}", line.join(","))
}

/// A field as CSV writes it: in double quotes, inner quotes doubled, when it holds a comma,
/// a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(super::quote("plain"), "plain");
        assert_eq!(super::quote("Kaswar Klasra, editor"), "\"Kaswar Klasra, editor\"");
        assert_eq!(super::quote("the \"Telegraph\""), "\"the \"\"Telegraph\"\"\"");
    }
}
