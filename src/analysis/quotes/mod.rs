//! Finding quotations: quote marks, apostrophes, nesting, runs over paragraphs, kinds.

mod kind;
mod marks;

pub use kind::{classify, reads_as_sentence};
pub use marks::is_opening_mark;

use super::attribution::{Link, Rule};
use super::{Article, Diagnostic, EntityId, Span};
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Someone said or wrote it: it needs a speaker.
    Speech,
    /// Scare quotes: `called it a “witch hunt”`.
    Scare,
    /// The title of a work: `the novel “Beloved”`.
    Title,
    /// A word or term discussed as such: `the word “pivot”`.
    Term,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Scare => "scare",
            QuoteKind::Title => "title",
            QuoteKind::Term => "term",
        }
    }
}

/// How the text names a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerForm {
    /// A proper name: `Mujahid`, `Defense Minister Khawaja Mohammed Asif`.
    Name,
    /// `he`, `she`, `they`, `it`.
    Pronoun,
    /// A description: `a spokesman`, `the newspaper`, `sources`.
    Description,
    /// A document: `the statement`, `the letter`.
    Document,
}

/// Whom a speaker mention stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub entity: Option<EntityId>,
    pub name: String,
    /// Where that speaker was named.
    pub named_at: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker as written, appositive included: `Klasra, editor of the Telegraph,`.
    pub speaker: Span,
    /// The words that name the speaker: `Klasra`.
    pub head: Span,
    pub form: SpeakerForm,
    /// The cue: `said`, `told`, `according to`.
    pub cue: Span,
    /// The rule that found the speaker and cue.
    pub rule: Rule,
    /// How the quotation reached the cue's sentence.
    pub link: Link,
    pub resolved: Option<Resolved>,
}

/// A quotation inside a quotation, with its own speaker: `‘Your ferry is safe,’` inside
/// `“…the minister stood up and said, ‘Your ferry is safe,’ …”`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InnerQuote {
    pub span: Span,
    pub attribution: Option<Attribution>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included; a quotation that runs
    /// over paragraphs spans all of them.
    pub span: Span,
    /// One span per paragraph the quotation runs through.
    pub parts: Vec<Span>,
    pub kind: QuoteKind,
    /// Single-quoted passages inside the quotation.
    pub nested: Vec<Span>,
    /// The same passages with the speaker the quotation's own words give each.
    pub inner: Vec<InnerQuote>,
    pub attribution: Option<Attribution>,
    /// For an unattributed quote: whom readers will assume said it.
    pub likely_speaker: Option<Resolved>,
    /// Speech outside a headline: a quotation that must have a speaker.
    pub needs_speaker: bool,
}

impl Quote {
    pub fn is_attributed(&self) -> bool {
        self.attribution.is_some()
    }

    /// True when the quotation is reported as having no speaker.
    pub fn lacks_speaker(&self) -> bool {
        self.needs_speaker && self.attribution.is_none()
    }

    /// The resolved speaker, attributed or assumed.
    pub fn speaker(&self) -> Option<&Resolved> {
        self.attribution.as_ref().and_then(|a| a.resolved.as_ref()).or(self.likely_speaker.as_ref())
    }
}

#[derive(Debug, Default)]
pub struct Scan {
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the quotation marks of every block; kinds and speakers come later.
pub fn scan(prose: &str, article: &Article) -> Scan {
    let (quotes, diagnostics) = marks::find(prose, &article.blocks);
    Scan { quotes, diagnostics }
}
