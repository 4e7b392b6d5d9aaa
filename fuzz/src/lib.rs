//! What every fuzz target checks after running copydesk on an input: beyond not
//! panicking, every span handed to an editor must be usable (ordered, inside the text, on
//! character boundaries), because a bad span is a crash or a wrong underline in the client.

pub mod edits;

use copydesk::analysis::{Analysis, Article, Format, GlossaryIndex, Span, analyze, glossary};

/// The glossary the article target runs against: people with pronouns, an organisation
/// whose alias is a word of its name, an Arabic-script alias, a document.
pub const GLOSSARY: &str = include_str!("../../tests/fixtures/small-glossary.toml");

/// A short article that exercises names, pronouns and quotes, for running a fuzzed glossary.
pub const ARTICLE: &str = "“We will win,” Ana Ruiz said. United’s coach added: “Always.”\n\"Never,\" he said.\n";

pub fn glossary_index(text: &str) -> GlossaryIndex {
    GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(text))]).0
}

/// Analyses `text` in both formats and checks every span of the results.
pub fn check_article(text: &str, glossary: &GlossaryIndex) {
    for format in [Format::Markdown, Format::PlainText] {
        let (article, analysis) = analyze(text, format, glossary);
        check_model(text, &article);
        check_analysis(text, &article, &analysis, glossary);
    }
}

/// Parses `text` as a glossary file, builds an index from it (twice, so the second copy
/// loses every id conflict) and runs an article against it.
pub fn check_glossary(text: &str) {
    let parsed = glossary::parse(text);
    for entity in &parsed.entities {
        in_text(text, entity.header, "entity header");
        for (field, span) in &entity.fields {
            in_text(text, *span, field);
        }
    }
    for diagnostic in &parsed.diagnostics {
        in_text(text, diagnostic.span, "glossary diagnostic");
    }
    let files = vec![("a.toml".to_owned(), parsed.clone()), ("b.toml".to_owned(), parsed)];
    let (index, problems) = GlossaryIndex::build(files);
    for (file, diagnostic) in &problems {
        assert!(*file < 2, "problem in unknown file {file}");
        in_text(text, diagnostic.span, "cross-file glossary problem");
    }
    check_article(ARTICLE, &index);
}

fn check_model(text: &str, article: &Article) {
    assert_eq!(article.prose.len(), text.len(), "the prose mask has the text's length");
    for block in &article.blocks {
        in_text(text, block.span, "block");
    }
    for pair in article.blocks.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "blocks overlap: {pair:?}");
    }
    if let Some(front_matter) = &article.front_matter {
        in_text(text, front_matter.span, "front matter");
    }
}

fn check_analysis(text: &str, article: &Article, analysis: &Analysis, glossary: &GlossaryIndex) {
    for quote in &analysis.quotes {
        in_text(text, quote.span, "quote");
        for part in quote.parts.iter().chain(&quote.nested) {
            in_text(text, *part, "quote part");
            assert!(quote.span.covers(*part), "part {part:?} outside quote {:?}", quote.span);
        }
        if let Some(attribution) = &quote.attribution {
            in_text(text, attribution.speaker, "speaker");
            in_text(text, attribution.cue, "cue");
        }
        let resolved = quote.attribution.as_ref().and_then(|a| a.resolved.as_ref()).into_iter().chain(&quote.likely_speaker);
        for resolved in resolved {
            if let Some(span) = resolved.named_at {
                in_text(text, span, "speaker named at");
            }
            assert!(resolved.entity.is_none_or(|id| glossary.get(id).is_some()), "speaker is an unknown entity");
        }
    }
    for pair in analysis.quotes.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "quotes overlap: {:?} {:?}", pair[0].span, pair[1].span);
    }
    for mention in &analysis.mentions {
        in_text(text, mention.span, "mention");
        assert!(article.blocks.iter().any(|b| b.span.covers(mention.span)), "mention {:?} outside every block", mention.span);
    }
    for diagnostic in &analysis.diagnostics {
        in_text(text, diagnostic.span, "diagnostic");
        for (span, _) in &diagnostic.related {
            in_text(text, *span, "related information");
        }
    }
}

fn in_text(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what} span {span:?} is inverted");
    assert!(span.end <= text.len(), "{what} span {span:?} passes the end ({})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} span {span:?} splits a character");
}
