//! Reusing the tokens and cue pairs of sentences that an edit left alone.
//!
//! Reading a sentence into items and finding its cue–speaker pairs is most of attribution's
//! cost, and depends on nothing but the sentence's text and where quotations cut it. A
//! language server re-analyses a long document after every keystroke; with a memo kept
//! between those analyses only the sentences the edit touched are read again. The speakers
//! are still resolved over the whole article, so pronouns and continuations see every change.

use rustc_hash::FxHashMap;

use super::Sentence;
use super::cues::{Found, Pair};
use super::phrases::Item;
use crate::analysis::Span;

/// The sentences of one document's previous analysis. Kept by whoever analyses the same
/// document repeatedly; [`SentenceMemo::default`] remembers nothing.
#[derive(Debug, Default)]
pub struct SentenceMemo {
    enabled: bool,
    /// What the previous analysis read, by sentence text and quotation cuts.
    previous: FxHashMap<Key, Relative>,
    /// What this analysis reads, to become `previous` when it ends.
    current: FxHashMap<Key, Relative>,
}

impl SentenceMemo {
    /// A memo that remembers each analysis for the next one.
    pub fn enabled() -> SentenceMemo {
        SentenceMemo { enabled: true, ..SentenceMemo::default() }
    }

    /// How many sentences the last analysis read, for tests and benchmarks.
    pub fn len(&self) -> usize {
        self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }

    /// The sentence at `span`, from the previous analysis when its text and cuts are the same.
    pub(super) fn sentence(&mut self, prose: &str, span: Span, parts: &[Span]) -> Sentence {
        if !self.enabled {
            return Sentence::new(prose, span, parts);
        }
        let base = span.start;
        let key = Key {
            text: span.text(prose).into(),
            cuts: parts.iter().filter(|p| span.overlaps(**p)).map(|p| relative(*p, base)).collect(),
        };
        // Only the previous analysis counts: a sentence repeated within one document is read
        // each time, so a first analysis costs what it costs without a memo.
        if let Some(known) = self.previous.get(&key) {
            let sentence = known.placed(span);
            self.current.entry(key).or_insert_with(|| known.clone());
            return sentence;
        }
        let sentence = Sentence::new(prose, span, parts);
        self.current.insert(key, Relative::of(&sentence));
        sentence
    }

    /// Ends an analysis: what it read is what the next one may reuse.
    pub(super) fn finish(&mut self) {
        if self.enabled {
            self.previous = std::mem::take(&mut self.current);
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Key {
    text: Box<str>,
    cuts: Vec<Span>,
}

/// A sentence's items and pairs with offsets from its start. Quotations may begin before the
/// sentence, so offsets wrap around rather than go negative; placing undoes it exactly.
#[derive(Debug, Clone)]
struct Relative {
    items: Vec<Item>,
    pairs: Vec<Pair>,
}

impl Relative {
    fn of(sentence: &Sentence) -> Relative {
        let base = sentence.span.start;
        Relative {
            items: sentence.items.iter().map(|item| shift_item(*item, |s| relative(s, base))).collect(),
            pairs: sentence.pairs.iter().map(|pair| shift_pair(*pair, |s| relative(s, base))).collect(),
        }
    }

    fn placed(&self, span: Span) -> Sentence {
        let base = span.start;
        Sentence {
            span,
            items: self.items.iter().map(|item| shift_item(*item, |s| absolute(s, base))).collect(),
            pairs: self.pairs.iter().map(|pair| shift_pair(*pair, |s| absolute(s, base))).collect(),
        }
    }
}

fn relative(span: Span, base: usize) -> Span {
    Span { start: span.start.wrapping_sub(base), end: span.end.wrapping_sub(base) }
}

fn absolute(span: Span, base: usize) -> Span {
    Span { start: span.start.wrapping_add(base), end: span.end.wrapping_add(base) }
}

fn shift_item(item: Item, shift: impl Fn(Span) -> Span) -> Item {
    match item {
        Item::Word(s) => Item::Word(shift(s)),
        Item::Punct(s, c) => Item::Punct(shift(s), c),
        Item::Quote(s) => Item::Quote(shift(s)),
    }
}

fn shift_pair(pair: Pair, shift: impl Fn(Span) -> Span) -> Pair {
    let found = pair.found;
    Pair {
        found: Found { speaker: shift(found.speaker), head: shift(found.head), cue: shift(found.cue), ..found },
        ..pair
    }
}
