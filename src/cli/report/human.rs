//! `report --format human`: for each article, and then for all of them when there are
//! several, a line of counts, the table of sources, and the lists below it.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Report;
use crate::analysis::ledger::{Ledger, Place};
use crate::report::{counts, gender_shares, kind_shares, plural, role_and_affiliation, shorten};

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for (path, ledger) in &report.articles {
        write_ledger(out, report, path, ledger, false)?;
    }
    if report.articles.len() != 1 {
        let title = format!("Total, {}", plural(report.total.articles, "article", "articles"));
        write_ledger(out, report, &title, &report.total, true)?;
    }
    Ok(())
}

fn write_ledger(out: &mut dyn Write, report: &Report, title: &str, ledger: &Ledger, total: bool) -> io::Result<()> {
    let at = |place: Place| report.place(place, total);
    writeln!(out, "{title}: {}", counts(ledger))?;
    if !ledger.sources.is_empty() {
        let mut rows = vec![
            [
                "Source",
                "Kind",
                "Gender",
                "Role, affiliation",
                "Quotes",
                "Assumed",
                "Direct",
                "Partial",
                "Words",
                "First",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for s in &ledger.sources {
            let name = match &s.entity {
                Some(id) => format!("{} [{id}]", s.name),
                None if s.named => s.name.clone(),
                None => format!("{} (anonymous)", s.name),
            };
            let role = role_and_affiliation(s);
            rows.push(vec![
                name,
                s.kind_str().to_string(),
                if s.is_person() { s.gender.as_str().to_string() } else { "-".to_string() },
                shorten(&role, 40),
                s.quotations.to_string(),
                s.assumed.to_string(),
                s.direct.to_string(),
                s.partial.to_string(),
                s.words.to_string(),
                at(s.first),
            ]);
        }
        writeln!(out)?;
        table(out, &rows, &[4, 5, 6, 7, 8])?;
    }
    writeln!(out)?;
    if ledger.unattributed.is_empty() {
        writeln!(out, "  Unattributed: none")?;
    } else {
        writeln!(out, "  Unattributed:")?;
        for u in &ledger.unattributed {
            let assumed =
                u.likely_speaker.as_ref().map_or(String::new(), |name| format!("; readers will assume {name}"));
            writeln!(out, "    {} ({}){assumed}", at(u.at), plural(u.words, "word", "words"))?;
        }
    }
    if ledger.according_to.is_empty() {
        writeln!(out, "  According to: none")?;
    } else {
        writeln!(out, "  According to:")?;
        for a in &ledger.according_to {
            writeln!(out, "    {} {}", at(a.at), a.source)?;
        }
    }
    if ledger.unquoted.is_empty() {
        writeln!(out, "  Mentioned, never quoted: none")?;
    } else {
        writeln!(out, "  Mentioned, never quoted:")?;
        for u in &ledger.unquoted {
            writeln!(
                out,
                "    {} [{}], {}, {}, first at {}",
                u.name,
                u.entity,
                u.kind.as_str(),
                plural(u.mentions, "mention", "mentions"),
                at(u.first)
            )?;
        }
    }
    writeln!(out, "  {}", gender_shares(ledger))?;
    writeln!(out, "  {}", kind_shares(ledger))?;
    writeln!(out)
}

/// Prints rows as columns two spaces apart, the columns of `right` aligned right.
fn table(out: &mut dyn Write, rows: &[Vec<String>], right: &[usize]) -> io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns).map(|c| rows.iter().map(|row| row[c].width()).max().unwrap_or(0)).collect();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.width());
            if right.contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns are padded by the width a terminal gives each cell, so a name in a wide
    /// script (two columns a character) keeps the next column in line.
    #[test]
    fn wide_names_keep_the_columns_aligned() {
        let rows = [["东京新闻", "3"], ["Hale", "12"]].map(|row| row.map(str::to_string).to_vec());
        let mut out = Vec::new();
        table(&mut out, &rows, &[1]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "  东京新闻   3\n  Hale      12\n");
    }
}
