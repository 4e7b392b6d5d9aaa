//! Quotations inside quotations: `“…the minister stood up and said, ‘Your ferry is safe,’
//! and we believed her,” Olufemi said.` The inner quotation has a speaker of its own, found
//! by the same cue rules read over the words of the outer quotation.

use super::cues::{self, Found};
use super::phrases::{self, Item};
use super::{Link, can_speak, choice};
use crate::analysis::Span;
use crate::analysis::quotes::{Attribution, InnerQuote, Quote};
use crate::analysis::words::tokenize_outside;

/// Each single-quoted passage of `quote`, with the speaker the outer quotation gives it.
pub(super) fn inner_quotes(prose: &str, quote: &Quote) -> Vec<InnerQuote> {
    quote
        .nested
        .iter()
        .map(|&inner| {
            let part = quote.parts.iter().copied().find(|p| p.covers(inner)).unwrap_or(quote.span);
            let attribution = speaker_inside(prose, part, inner).map(|found| Attribution {
                speaker: found.speaker,
                head: found.head,
                form: found.form,
                cue: found.cue,
                rule: found.rule,
                link: Link::Sentence,
                resolved: None,
            });
            InnerQuote { span: inner, attribution }
        })
        .collect()
}

/// The cue–speaker pair of the outer quotation's words that attributes `inner`.
fn speaker_inside(prose: &str, part: Span, inner: Span) -> Option<Found> {
    // The words between the outer marks, read as a sentence of their own.
    let text = part.text(prose);
    let opening = text.chars().next().filter(|c| ['“', '"'].contains(c)).map_or(0, char::len_utf8);
    let closing = text.chars().next_back().filter(|c| ['”', '"'].contains(c)).map_or(0, char::len_utf8);
    let body = Span::new(part.start + opening, (part.end - closing).max(part.start + opening));
    if !body.covers(inner) {
        return None;
    }
    let tokens = tokenize_outside(prose, body, &[inner]);
    let items = phrases::items(&tokens, &[inner]);
    let quote_item = items.iter().position(|i| *i == Item::Quote(inner))?;
    let pairs = cues::pairs(prose, &items);
    choice::choose(prose, &items, &pairs, quote_item).filter(|found| can_speak(prose, found))
}
