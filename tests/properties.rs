//! Property tests of the analysis engine: on arbitrary news-like text, in both formats,
//! analysis never panics and every span it reports is one an editor can use — inside the
//! text, on character boundaries, in order. The language server's edits and position
//! conversions have their own properties in `properties/edits.rs`.
//!
//! The texts are built from fragments rather than from arbitrary characters, so that the
//! few hundred cases each property gets reach quotes, cues, names, Markdown and front matter
//! instead of random noise. Failures found here are kept as plain regression tests in the
//! suite they belong to or in the analysis's own tests.

#[path = "properties/edits.rs"]
mod edits;

use copydesk::analysis::{self, Analysis, Article, Format, Glossary, GlossaryIndex, Span, glossary, incremental};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// A few hundred cases per property keep the suite fast on a 2-core machine; persistence
/// is off so that a failure is written down as a named regression test, not a seed file.
fn config() -> Config {
    Config { cases: 256, failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn plain_text_analysis_keeps_spans_usable(text in news_text()) {
        check_article(&text, Format::PlainText, &small_glossary())?;
    }

    #[test]
    fn markdown_analysis_keeps_spans_usable(text in news_text()) {
        check_article(&text, Format::Markdown, &small_glossary())?;
    }

    #[test]
    fn analysis_with_an_arbitrary_glossary_keeps_spans_usable(
        text in news_text(),
        names in prop::collection::vec(fragment_text(1..4), 1..4),
    ) {
        let glossary_text = glossary_naming(&names);
        let (index, _) = GlossaryIndex::build(vec![("g.toml".into(), glossary::parse(&glossary_text))]);
        check_article(&text, Format::Markdown, &index)?;
        check_article(&text, Format::PlainText, &index)?;
    }

    #[test]
    fn glossary_parse_keeps_spans_usable(text in toml_text()) {
        check_glossary(&text)?;
    }

    #[test]
    fn incremental_analysis_equals_fresh_analysis(
        text in multi_paragraph_text(),
        edits in prop::collection::vec(text_edit(), 1..8),
        markdown in any::<bool>(),
        rebuild_glossary_at in 0usize..12,
    ) {
        let format = if markdown { Format::Markdown } else { Format::PlainText };
        check_incremental(&text, &edits, format, rebuild_glossary_at)?;
    }
}

/// Applies `edits` one after another, analysing each text with the previous analysis's
/// reusable work, and asserts every result equal to a fresh analysis of the same text.
/// After `rebuild_glossary_at` edits the glossary changes, which must not reuse mentions
/// found with the old one.
fn check_incremental(
    text: &str,
    edits: &[TextEdit],
    format: Format,
    rebuild_glossary_at: usize,
) -> Result<(), TestCaseError> {
    let mut glossary = small_glossary();
    let mut text = text.to_string();
    let article = analysis::article::parse(&text, format);
    let (_, mut reusable) = incremental::analyze_article_reusing(&text, &article, &glossary, None);
    for (step, edit) in edits.iter().enumerate() {
        edit.apply(&mut text);
        if step == rebuild_glossary_at {
            // Another glossary: "United" is no longer an alias of the club.
            let text = include_str!("fixtures/small-glossary.toml").replace("\"United\", ", "");
            glossary = GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(&text))]).0;
        }
        let (article, fresh) = analysis::analyze(&text, format, &glossary);
        let (incremental, next) = incremental::analyze_article_reusing(&text, &article, &glossary, Some(reusable));
        prop_assert_eq!(&incremental.quotes, &fresh.quotes, "quotes after edit {} ({:?}) of {:?}", step, edit, text);
        prop_assert_eq!(&incremental.mentions, &fresh.mentions, "mentions after edit {} of {:?}", step, text);
        prop_assert_eq!(&incremental.diagnostics, &fresh.diagnostics, "diagnostics after edit {} of {:?}", step, text);
        let differences = next.differences_from_fresh(&text, &article, &glossary);
        prop_assert!(differences.is_none(), "work kept after edit {} of {:?}: {:?}", step, text, differences);
        reusable = next;
    }
    Ok(())
}

/// Invented news paragraphs with every form the per-block work reads: quotations with
/// cues before and after, run-on quotations, colon introductions, pronouns and names.
const NEWS_SENTENCES: &[&str] = &[
    "“We played well,” Ana Ruiz said.",
    "Riverside United lost 2-1 on Saturday.",
    "She said the club “will not give up”.",
    "“The pitch was poor,” said Omar Haddad, the referee.",
    "Ruiz told reporters: “We go again.",
    "“And we will win.”",
    "“It was a fair decision,” he said.",
    "The statement read: “No comment.”",
    "According to Haddad, “the rules are clear.”",
    "Judge Omar Haddad adjourned the case until May.",
    "The council met at 7 p.m. on Tuesday.",
    "United’s manager said that the squad was tired.",
    "“Nobody expected this,” she added. “Nobody.”",
    "Mr. Haddad declined to comment.",
];

fn multi_paragraph_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(NEWS_SENTENCES).prop_map(str::to_owned),
        1 => fragment_text(0..6),
    ];
    let paragraph = prop::collection::vec(piece, 1..4).prop_map(|pieces| pieces.join(" "));
    let separator = prop::sample::select(&["\n\n", "\n\n", "\n", "\n\n## Heading\n\n", "\n\n> ", "\n\n- "][..]);
    prop::collection::vec((paragraph, separator), 1..10)
        .prop_map(|paragraphs| paragraphs.into_iter().flat_map(|(p, s)| [p, s.to_string()]).collect())
}

/// An edit as an editor makes one: delete up to a few characters at a place and insert a
/// piece of text there.
#[derive(Debug, Clone)]
struct TextEdit {
    at: Place,
    delete: usize,
    insert: String,
}

/// Where an edit starts, found on a character boundary when it is applied.
#[derive(Debug, Clone)]
enum Place {
    /// A fraction of the text.
    Anywhere(f64),
    /// The last character before, or the first after, the n-th line break (wrapping): the
    /// edges of blocks, where reusing a block's work is decided.
    BeforeLineBreak(usize),
    AfterLineBreak(usize),
}

impl TextEdit {
    fn apply(&self, text: &mut String) {
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let line_breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let offset = match self.at {
            Place::Anywhere(fraction) => boundaries[((boundaries.len() - 1) as f64 * fraction) as usize],
            Place::BeforeLineBreak(_) | Place::AfterLineBreak(_) if line_breaks.is_empty() => text.len(),
            Place::BeforeLineBreak(n) => {
                let at = line_breaks[n % line_breaks.len()];
                text[..at].char_indices().next_back().map_or(at, |(i, _)| i)
            }
            Place::AfterLineBreak(n) => line_breaks[n % line_breaks.len()] + 1,
        };
        let index = boundaries.partition_point(|&b| b < offset);
        let start = boundaries[index];
        let end = boundaries[(index + self.delete).min(boundaries.len() - 1)];
        text.replace_range(start..end, &self.insert);
    }
}

/// What edits insert: a character typed, a quote mark that opens or closes a quotation, a
/// blank line that splits a paragraph, a fence that turns what follows into code, a name.
const EDIT_INSERTS: &[&str] = &[
    "a", "x", " ", ".", ",", ":", "“", "”", "\"", "‘", "’", "\n", "\n\n", "```\n", "\n```\n", "# ", "> ", "- ",
    "Ana Ruiz", "Ruiz", "United", "said", "he said.", "😀", "*", "<!--", "-->",
];

fn text_edit() -> impl Strategy<Value = TextEdit> {
    let insert = prop_oneof![
        4 => prop::sample::select(EDIT_INSERTS).prop_map(str::to_owned),
        1 => Just(String::new()),
        1 => fragment_text(1..4),
    ];
    let place = prop_oneof![
        2 => (0.0..=1.0f64).prop_map(Place::Anywhere),
        1 => any::<usize>().prop_map(Place::BeforeLineBreak),
        1 => any::<usize>().prop_map(Place::AfterLineBreak),
    ];
    (place, prop_oneof![3 => Just(0usize), 2 => 1usize..4, 1 => 4usize..40], insert)
        .prop_map(|(at, delete, insert)| TextEdit { at, delete, insert })
}

/// Asserts every invariant of one analysis run; the message names the first one broken.
fn check_article(text: &str, format: Format, glossary: &GlossaryIndex) -> Result<(), TestCaseError> {
    let (article, analysis) = analysis::analyze(text, format, glossary);
    check_model(text, &article)?;
    check_analysis(text, &article, &analysis, glossary)
}

fn check_model(text: &str, article: &Article) -> Result<(), TestCaseError> {
    prop_assert_eq!(article.prose.len(), text.len(), "the prose mask has the text's length");
    // The mask blanks syntax and may write an entity's character at the entity, but every
    // line break stays where it is, so lines in the mask are lines in the text.
    for (offset, (prose, source)) in article.prose.bytes().zip(text.bytes()).enumerate() {
        prop_assert_eq!(prose == b'\n', source == b'\n', "line break moved in the prose mask at {}", offset);
    }
    for block in &article.blocks {
        in_text(text, block.span, "block")?;
        prop_assert!(!block.span.is_empty(), "empty block {:?}", block.span);
    }
    for pair in article.blocks.windows(2) {
        prop_assert!(pair[0].span.end <= pair[1].span.start, "blocks overlap or are out of order: {:?}", pair);
    }
    if let Some(front_matter) = &article.front_matter {
        in_text(text, front_matter.span, "front matter")?;
        let before = text.get(..front_matter.span.start).unwrap_or("?");
        prop_assert!(
            before.is_empty() || before == "\u{feff}",
            "front matter starts the text, after at most a BOM: {:?}",
            front_matter.span
        );
        for (_, span) in &front_matter.glossary {
            in_text(text, *span, "front matter glossary path")?;
        }
    }
    for (scope, _) in &article.ignores.blocks {
        in_text(text, *scope, "ignore scope")?;
    }
    Ok(())
}

fn check_analysis(
    text: &str,
    article: &Article,
    analysis: &Analysis,
    glossary: &GlossaryIndex,
) -> Result<(), TestCaseError> {
    for quote in &analysis.quotes {
        in_text(text, quote.span, "quote")?;
        for part in &quote.parts {
            in_text(text, *part, "quote part")?;
            prop_assert!(quote.span.covers(*part), "part {:?} outside quote {:?}", part, quote.span);
        }
        for nested in &quote.nested {
            in_text(text, *nested, "nested quote")?;
            prop_assert!(quote.span.covers(*nested), "nested {:?} outside quote {:?}", nested, quote.span);
        }
        if let Some(attribution) = &quote.attribution {
            in_text(text, attribution.speaker, "speaker")?;
            in_text(text, attribution.cue, "cue")?;
            if let Some(resolved) = &attribution.resolved {
                check_resolved(text, resolved, glossary)?;
            }
        }
        if let Some(likely) = &quote.likely_speaker {
            check_resolved(text, likely, glossary)?;
        }
    }
    for pair in analysis.quotes.windows(2) {
        prop_assert!(
            pair[0].span.end <= pair[1].span.start,
            "quotes overlap or are out of order: {:?} {:?}",
            pair[0].span,
            pair[1].span
        );
    }
    for mention in &analysis.mentions {
        in_text(text, mention.span, "mention")?;
        prop_assert!(glossary.get(mention.entity).is_some(), "mention of unknown entity {}", mention.entity);
        let inside = article.blocks.iter().any(|b| b.span.covers(mention.span));
        prop_assert!(inside, "mention {:?} outside every block", mention.span);
    }
    for pair in analysis.mentions.windows(2) {
        prop_assert!(pair[0].span.end <= pair[1].span.start, "mentions overlap or are out of order: {:?}", pair);
    }
    for diagnostic in &analysis.diagnostics {
        in_text(text, diagnostic.span, "diagnostic")?;
        for (span, _) in &diagnostic.related {
            in_text(text, *span, "related information")?;
        }
    }
    for pair in analysis.diagnostics.windows(2) {
        prop_assert!(pair[0].span.start <= pair[1].span.start, "diagnostics out of order: {:?}", pair);
    }
    Ok(())
}

fn check_resolved(
    text: &str,
    resolved: &analysis::quotes::Resolved,
    glossary: &GlossaryIndex,
) -> Result<(), TestCaseError> {
    if let Some(span) = resolved.named_at {
        in_text(text, span, "speaker named at")?;
    }
    if let Some(entity) = resolved.entity {
        prop_assert!(glossary.get(entity).is_some(), "speaker resolves to unknown entity {}", entity);
    }
    Ok(())
}

fn check_glossary(text: &str) -> Result<(), TestCaseError> {
    let parsed: Glossary = glossary::parse(text);
    for entity in &parsed.entities {
        in_text(text, entity.header, "entity header")?;
        for (field, span) in &entity.fields {
            in_text(text, *span, field)?;
        }
    }
    for diagnostic in &parsed.diagnostics {
        in_text(text, diagnostic.span, "glossary diagnostic")?;
    }
    // The same file twice: the second copy loses every id conflict, which must not panic.
    let (index, problems) = GlossaryIndex::build(vec![("a.toml".into(), parsed.clone()), ("b.toml".into(), parsed)]);
    for (file, diagnostic) in &problems {
        prop_assert!(*file < 2, "problem in unknown file {}", file);
        in_text(text, diagnostic.span, "cross-file glossary problem")?;
    }
    check_article("“Fine,” Ana Ruiz said. She said “more” too.\n", Format::PlainText, &index)
}

/// A span that an editor can turn into a range: ordered, inside the text, on character
/// boundaries, never inside a CRLF.
fn in_text(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    on_characters(text, span, what)?;
    // No LSP position lies between `\r` and `\n`: a span ending there has no range.
    let splits_crlf = |at: usize| at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n');
    prop_assert!(!splits_crlf(span.start) && !splits_crlf(span.end), "{} span {:?} splits a CRLF", what, span);
    Ok(())
}

/// A span inside the text on character boundaries, that may still end inside a CRLF.
fn on_characters(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{} span {:?} is inverted", what, span);
    prop_assert!(span.end <= text.len(), "{} span {:?} passes the end ({})", what, span, text.len());
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{} span {:?} splits a character",
        what,
        span
    );
    Ok(())
}

/// Pieces of news copy and of everything that surrounds it: quote marks of every kind,
/// cue words and names, scripts and astral characters, Markdown syntax, front matter.
const FRAGMENTS: &[&str] = &[
    "a",
    "e",
    "x",
    "Q",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "\u{a0}",
    ",",
    ".",
    ":",
    ";",
    "-",
    "—",
    "“",
    "”",
    "\"",
    "\"",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "said",
    "says",
    "told",
    "according to",
    "the statement read",
    "he",
    "she",
    "they",
    "it",
    "that",
    "Ana Ruiz",
    "Ruiz",
    "Riverside United",
    "United",
    "Judge Omar Haddad",
    "Haddad",
    "Mayor",
    "Lee's",
    "Ruiz’s",
    "😀",
    "𝕏",
    "👩‍⚖️",
    "عمر حداد",
    "ـ",
    "\u{301}",
    "e\u{301}",
    "\u{200d}",
    "\u{feff}",
    "#",
    "## ",
    "*",
    "**",
    "_",
    ">",
    "> ",
    "[",
    "]",
    "(",
    ")",
    "](",
    "`",
    "```\n",
    "<",
    ">",
    "<!--",
    "-->",
    "<!-- copydesk-ignore -->",
    "<!-- copydesk-ignore-file unattributed-quote -->",
    "<b>",
    "![",
    "- ",
    "1. ",
    "|",
    "\\",
    "---\n",
    "+++\n",
    "glossary: g.toml\n",
    "glossary = [\"g.toml\"]\n",
    "&amp;",
    "&#8220;",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn fragment_text(length: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), length).prop_map(|pieces| pieces.concat())
}

fn news_text() -> impl Strategy<Value = String> {
    fragment_text(0..80)
}

/// The glossary every article property runs against: people with pronouns, an
/// organisation whose alias is a word of its name, an Arabic-script name.
fn small_glossary() -> GlossaryIndex {
    let text = include_str!("fixtures/small-glossary.toml");
    GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(text))]).0
}

/// A glossary of one person per name, written as TOML with the names escaped.
fn glossary_naming(names: &[String]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!("[e{i}]\nname = {}\naliases = [{}]\n", toml_string(name), toml_string(&name.to_uppercase()))
        })
        .collect()
}

fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Pieces of TOML, well and badly formed, so that both the one-pass reader and the
/// table-by-table recovery run.
const TOML_FRAGMENTS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "[ruiz]\n",
    "[club]\n",
    "[a.b]\n",
    "name",
    "kind",
    "aliases",
    "pronouns",
    "role",
    "affiliation",
    " = ",
    "=",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\"Ana Ruiz\"",
    "\"person\"",
    "\"planet\"",
    "\"club\"",
    "\"ruiz\"",
    "\"she\"",
    "[\"United\"]",
    "[\"Ana\", \"Ana\"]",
    "{ x = 1 }",
    "1979-05-27",
    "true",
    "3.5",
    ",",
    "\n",
    "\n",
    "\r\n",
    "#",
    " ",
    "\\",
    "\\u",
    "\\u{1F600}",
    "😀",
    "عمر",
    "\u{301}",
    ".",
    "x",
    "\t",
    "\u{feff}",
    "\0",
];

fn toml_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(TOML_FRAGMENTS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}
