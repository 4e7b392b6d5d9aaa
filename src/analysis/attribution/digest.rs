//! Digest layouts, where a quotation's source is set apart from it rather than named by a
//! cue: a line after the quotation that opens with a dash (`— Gerald F. Seib, The Harbour
//! Gazette`), and a bracketed credit closing the paragraph (`… the rest of the world.”
//! [WaPo.]`). Both are read per block by the attribution walk.

use super::clauses::inverted_speaker;
use super::cues::{Found, form_of};
use super::phrases::{self, Item};
use super::rule::Rule;
use crate::analysis::quotes::SpeakerForm;
use crate::analysis::words::{is_capitalised, tokenize};
use crate::analysis::Span;

/// The most words a bracketed credit may have: `[Mother Jones.]`, `[The Harbour Gazette]`.
const CREDIT_WORDS: usize = 6;

/// `— Lena Marsh, Harbour Post`: a block that is only a dash and a name signs the
/// quotation of the paragraph before it.
pub(super) fn signature_line(prose: &str, block: Span) -> Option<Found> {
    let text = block.text(prose);
    let trimmed = text.trim_start();
    if !trimmed.starts_with(['—', '–', '―']) && !trimmed.starts_with("--") {
        return None;
    }
    let tokens = tokenize(prose, block);
    let items = phrases::items(&tokens, &[]);
    let first_word = items.iter().position(|i| matches!(i, Item::Word(_)))?;
    if !items[..first_word].iter().all(|i| matches!(i, Item::Punct(_, '—' | '–' | '―' | '-'))) {
        return None;
    }
    let head = phrases::after(prose, &items, first_word)?;
    if form_of(prose, head) != SpeakerForm::Name {
        return None;
    }
    let speaker = inverted_speaker(prose, &items, head);
    let dash = items[0].span();
    Some(Found { speaker, head, cue: dash, form: SpeakerForm::Name, rule: Rule::SignatureLine })
}

/// `HEADLINE “…” [WaPo.]`: a short capitalised name in brackets or parentheses that closes
/// a paragraph credits its quotations.
pub(super) fn bracket_credit(prose: &str, block: Span) -> Option<Found> {
    let text = block.text(prose);
    let trimmed = text.trim_end();
    let (open, close) = if trimmed.ends_with(']') {
        ('[', ']')
    } else if trimmed.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let opening = trimmed.rfind(open)?;
    let inner = trimmed[opening + 1..trimmed.len() - close.len_utf8()].trim_end_matches('.');
    let words: Vec<&str> = inner.split_whitespace().collect();
    let credits = !words.is_empty()
        && words.len() <= CREDIT_WORDS
        && words.first().is_some_and(|w| is_capitalised(w))
        && !inner.contains(['“', '”', '"', '[', ']', '(', ')']);
    // The credit follows a quotation or the end of a sentence: `….” [NYT.]`.
    let before = trimmed[..opening].trim_end();
    if !credits || !before.ends_with(['”', '"', '.', '?', '!']) {
        return None;
    }
    let start = block.start + opening + 1;
    let name = Span::new(start, start + inner.len());
    let bracket = Span::new(block.start + opening, start);
    Some(Found { speaker: name, head: name, cue: bracket, form: form_of(prose, name), rule: Rule::SourceInBrackets })
}
