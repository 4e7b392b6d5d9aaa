//! What is under the cursor in an article: a mention, a quotation's speaker, a quotation.
//! Hover, definition and references all start here.

use crate::analysis::mentions::Mention;
use crate::analysis::quotes::{Attribution, Quote, SpeakerForm};
use crate::analysis::{Analysis, EntityId};

#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A speaker as written (`he`, `Okafor`, `the club`), with its quotation.
    Speaker(&'a Attribution),
    Mention(&'a Mention),
    Quote(&'a Quote),
}

impl Target<'_> {
    /// The entity the target stands for, if known.
    pub fn entity(&self) -> Option<EntityId> {
        match self {
            Target::Speaker(attribution) => attribution.resolved.as_ref().and_then(|r| r.entity),
            Target::Mention(mention) => Some(mention.entity),
            Target::Quote(quote) => quote.speaker().and_then(|r| r.entity),
        }
    }
}

/// The innermost thing at `offset`: speakers and mentions before the quotations around them.
/// The cursor may sit just after the last character of a word, as editors put it there.
pub fn at(analysis: &Analysis, offset: usize) -> Option<Target<'_>> {
    let touches = |span: crate::analysis::Span| span.start <= offset && offset <= span.end && !span.is_empty();
    let speaker = analysis.quotes.iter().find_map(|quote| {
        let attribution = quote.attribution.as_ref()?;
        touches(attribution.speaker).then_some(Target::Speaker(attribution))
    });
    let mention = || {
        analysis
            .mentions
            .iter()
            .find(|m| m.span.contains(offset))
            .or_else(|| analysis.mentions.iter().find(|m| touches(m.span)))
    };
    // A pronoun is described as whom it resolves to; a named speaker as the mention it is.
    match speaker {
        Some(Target::Speaker(attribution)) if attribution.form == SpeakerForm::Pronoun => speaker,
        _ => mention()
            .map(Target::Mention)
            .or(speaker)
            .or_else(|| analysis.quotes.iter().find(|q| q.span.contains(offset)).map(Target::Quote)),
    }
}
