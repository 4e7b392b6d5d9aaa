//! `report --format html` and the editor's ledger panel: one self-contained page — inline CSS, inline SVG charts, no
//! scripts, nothing fetched — readable on screen and on paper. Each source row carries
//! `data-entity`, `data-name` and `data-quotations`, which the test holding the page to the
//! JSON reads.

use std::fmt::Write as _;

use super::{Report, counts, plural, role_and_affiliation, shorten};
use crate::analysis::ledger::{Ledger, Place};

const STYLE: &str = "
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th { background: #f4f4f6; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.summary { color: #444; }
.muted { color: #777; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.charts figure { margin: 0; }
figcaption { font-size: .85rem; color: #444; }
svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
ul { margin: .3rem 0; padding-left: 1.2rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-before: auto; } section { break-inside: avoid-page; } }
";

const BAR: &str = "#3a6ea5";
/// The bar chart shows at most this many sources, the most quoted; the table lists them all.
const MOST_BARS: usize = 25;
const SHARE_COLOURS: &[&str] = &["#3a6ea5", "#d08c2e", "#5a9e6f", "#9b6bb0", "#888888", "#c45c5c", "#4aa3a1"];

pub fn page(report: &Report) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<title>copydesk source ledger</title>\n<style>");
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n<h1>Source ledger</h1>\n");
    let _ = writeln!(
        html,
        "<p class=\"summary\">{} · made by <code>copydesk report</code></p>",
        plural(report.total.articles, "article", "articles")
    );
    if report.articles.len() != 1 {
        section(&mut html, report, "Total", &report.total, true, "total");
    }
    for (path, ledger) in &report.articles {
        section(&mut html, report, path, ledger, false, "article");
    }
    html.push_str("</body>\n</html>\n");
    html
}

fn section(html: &mut String, report: &Report, title: &str, ledger: &Ledger, total: bool, scope: &str) {
    let at = |place: Place| report.place(place, total);
    let _ = writeln!(html, "<section data-scope=\"{scope}\" data-path=\"{}\">", escape(if total { "" } else { title }));
    let _ = writeln!(html, "<h2>{}</h2>", escape(title));
    let _ = writeln!(html, "<p class=\"summary\" data-quotations=\"{}\">{}</p>", ledger.quotations, counts(ledger));

    html.push_str("<div class=\"charts\">\n");
    let bars: Vec<(String, usize)> =
        ledger.sources.iter().take(MOST_BARS).map(|s| (s.name.clone(), s.quotations)).collect();
    if ledger.sources.len() > MOST_BARS {
        let caption = format!("Quotations per source: the {MOST_BARS} most quoted of {}", ledger.sources.len());
        bar_chart(html, &caption, &bars);
    } else if !bars.is_empty() {
        bar_chart(html, "Quotations per source", &bars);
    }
    let genders: Vec<(String, usize)> =
        ledger.by_gender().iter().map(|(g, n)| (g.as_str().to_string(), *n)).filter(|(_, n)| *n > 0).collect();
    share_chart(html, "Quoted people by gender", &genders);
    let kinds: Vec<(String, usize)> = ledger.by_kind().iter().map(|(k, n)| (k.to_string(), *n)).collect();
    share_chart(html, "Quoted sources by kind", &kinds);
    html.push_str("</div>\n");

    html.push_str("<h3>Sources</h3>\n");
    if ledger.sources.is_empty() {
        html.push_str("<p class=\"muted\">No quoted sources.</p>\n");
    } else {
        html.push_str("<table>\n<thead><tr><th>Source</th><th>Kind</th><th>Gender</th><th>Role, affiliation</th>");
        html.push_str("<th class=\"n\">Quotes</th><th class=\"n\">Assumed</th><th class=\"n\">Direct</th><th class=\"n\">Partial</th><th class=\"n\">Words</th><th>First</th></tr></thead>\n<tbody>\n");
        for s in &ledger.sources {
            let role = role_and_affiliation(s);
            let name = match &s.entity {
                Some(id) => format!("{} <span class=\"muted\">{}</span>", escape(&s.name), escape(id)),
                None if s.named => escape(&s.name),
                None => format!("{} <span class=\"muted\">anonymous</span>", escape(&s.name)),
            };
            let _ = writeln!(
                html,
                "<tr data-entity=\"{}\" data-name=\"{}\" data-quotations=\"{}\"><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(s.entity.as_deref().unwrap_or("")),
                escape(&s.name),
                s.quotations,
                s.kind_str(),
                if s.is_person() { s.gender.as_str() } else { "–" },
                escape(&role),
                s.quotations,
                s.assumed,
                s.direct,
                s.partial,
                s.words,
                escape(&at(s.first)),
            );
        }
        html.push_str("</tbody>\n</table>\n");
    }

    html.push_str("<h3>Unattributed quotations</h3>\n");
    list(
        html,
        ledger.unattributed.iter().map(|u| {
            let assumed =
                u.likely_speaker.as_ref().map_or(String::new(), |n| format!("; readers will assume {}", escape(n)));
            format!("{} ({}){assumed}", escape(&at(u.at)), plural(u.words, "word", "words"))
        }),
    );
    html.push_str("<h3>According to</h3>\n");
    list(html, ledger.according_to.iter().map(|a| format!("{} {}", escape(&at(a.at)), escape(&a.source))));
    html.push_str("<h3>Mentioned, never quoted</h3>\n");
    list(
        html,
        ledger.unquoted.iter().map(|u| {
            format!(
                "{} <span class=\"muted\">{}</span>, {}, {}, first at {}",
                escape(&u.name),
                escape(&u.entity),
                u.kind.as_str(),
                plural(u.mentions, "mention", "mentions"),
                escape(&at(u.first))
            )
        }),
    );
    html.push_str("</section>\n");
}

fn list(html: &mut String, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        html.push_str("<p class=\"muted\">None.</p>\n");
        return;
    }
    html.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(html, "<li>{item}</li>");
    }
    html.push_str("</ul>\n");
}

/// A horizontal bar chart: one bar per label, its value written after it.
fn bar_chart(html: &mut String, caption: &str, bars: &[(String, usize)]) {
    const LABEL: usize = 190;
    const PLOT: usize = 260;
    const ROW: usize = 22;
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let height = bars.len() * ROW + 6;
    let width = LABEL + PLOT + 40;
    let _ = writeln!(
        html,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption)
    );
    for (row, (label, value)) in bars.iter().enumerate() {
        let y = row * ROW + 3;
        let length = (value * PLOT).div_ceil(max).max(1);
        let _ = writeln!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{length}\" height=\"{}\" fill=\"{BAR}\"><title>{}: {value}</title></rect><text x=\"{}\" y=\"{}\">{value}</text>",
            LABEL - 6,
            y + 13,
            escape(&shorten(label, 28)),
            ROW - 6,
            escape(label),
            LABEL + length + 4,
            y + 13
        );
    }
    let _ = writeln!(html, "</svg><figcaption>{}</figcaption></figure>", escape(caption));
}

/// One stacked bar of shares with a legend beneath it.
fn share_chart(html: &mut String, caption: &str, shares: &[(String, usize)]) {
    const WIDTH: usize = 300;
    let total: usize = shares.iter().map(|(_, n)| n).sum();
    let legend_rows = shares.len();
    let height = 30 + legend_rows * 18;
    let _ = writeln!(
        html,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption)
    );
    if total == 0 {
        let _ = writeln!(html, "<text x=\"0\" y=\"16\">none</text>");
    }
    let mut x = 0;
    for (index, (label, n)) in shares.iter().enumerate() {
        let colour = SHARE_COLOURS[index % SHARE_COLOURS.len()];
        let width = (n * WIDTH).checked_div(total).unwrap_or(0);
        let width = if index + 1 == shares.len() && total > 0 { WIDTH - x } else { width };
        let percent = (n * 100 + total / 2).checked_div(total).unwrap_or(0);
        let _ = writeln!(
            html,
            "<rect x=\"{x}\" y=\"0\" width=\"{width}\" height=\"20\" fill=\"{colour}\"><title>{}: {n} ({percent}%)</title></rect>",
            escape(label)
        );
        let y = 30 + index * 18;
        let _ = writeln!(
            html,
            "<rect x=\"0\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"18\" y=\"{}\">{} {n} ({percent}%)</text>",
            y + 11,
            escape(label)
        );
        x += width;
    }
    let _ = writeln!(html, "</svg><figcaption>{}</figcaption></figure>", escape(caption));
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped() {
        assert_eq!(super::escape("<b>\"O'Neill\" & co</b>"), "&lt;b&gt;&quot;O&#39;Neill&quot; &amp; co&lt;/b&gt;");
    }
}
