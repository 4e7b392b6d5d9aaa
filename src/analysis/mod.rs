//! The attribution engine: pure functions from article text (and a glossary) to quotes,
//! speakers, mentions and diagnostics, all located by UTF-8 byte offsets.
//!
//! Nothing here does IO, knows about LSP or JSON, or panics on any input: a messy article
//! is input, not an error.

pub mod anonymous;
pub mod article;
pub mod attribution;
pub mod diagnostics;
pub mod eight_bytes;
pub mod glossary;
pub mod incremental;
pub mod kind_evidence;
pub mod ledger;
pub mod lexicon;
pub mod mentions;
pub mod pins;
pub mod quotes;
pub mod references;
pub mod sentences;
pub mod span;
pub mod words;

pub use article::{Article, Block, BlockKind, Format, FrontMatter};
pub use diagnostics::{Code, Diagnostic, Severity};
pub use glossary::{Entity, EntityId, EntityKind, Gender, Glossary, GlossaryIndex, Pronoun};
pub use span::{LineIndex, Span};

/// What one analysis run found in an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Quotations in reading order.
    pub quotes: Vec<quotes::Quote>,
    /// Mentions of glossary entities in reading order.
    pub mentions: Vec<mentions::Mention>,
    /// Problems, sorted by position, with ignore comments already applied.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and analyses one article against a glossary.
pub fn analyze(text: &str, format: Format, glossary: &GlossaryIndex) -> (Article, Analysis) {
    let article = article::parse(text, format);
    let analysis = analyze_article(text, &article, glossary);
    (article, analysis)
}

/// Analyses an already parsed article.
pub fn analyze_article(text: &str, article: &Article, glossary: &GlossaryIndex) -> Analysis {
    let mentions = mentions::find(&article.prose, article, glossary);
    let scan = quotes::scan(&article.prose, article);
    let attributed = attribution::attribute(&article.prose, article, scan.quotes, &mentions, glossary);
    assemble(text, article, glossary, mentions, scan.diagnostics, attributed)
}

/// The choices attribution makes sentence by sentence (see
/// [`attribution::sentence_choices`]): for measuring the chooser, not for the product.
pub fn sentence_choices(text: &str, format: Format, glossary: &GlossaryIndex) -> Vec<attribution::SentenceChoice> {
    let article = article::parse(text, format);
    let mentions = mentions::find(&article.prose, &article, glossary);
    let scan = quotes::scan(&article.prose, &article);
    attribution::sentence_choices(&article.prose, &article, scan.quotes, &mentions, glossary)
}

/// The last step of every analysis, fresh or incremental: the writer's speaker pins over the
/// rules' attributions, then diagnostics from every stage, finished together.
fn assemble(
    text: &str,
    article: &Article,
    glossary: &GlossaryIndex,
    mentions: Vec<mentions::Mention>,
    mut diagnostics: Vec<Diagnostic>,
    mut attributed: attribution::Attributed,
) -> Analysis {
    pins::apply(article, glossary, &mut attributed);
    diagnostics.extend(attributed.diagnostics);
    diagnostics.extend(anonymous::diagnostics(&article.prose, &attributed.quotes));
    diagnostics::finish(text, article, &mut diagnostics);
    Analysis { quotes: attributed.quotes, mentions, diagnostics }
}
