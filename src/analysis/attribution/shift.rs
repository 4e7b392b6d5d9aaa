//! Moving a block's sentences to where an edit before the block has put them. Every span
//! inside is moved: the destructuring below names every field, so a field added to these
//! types fails to compile here until it is moved too.

use super::Sentence;
use super::cues::{Found, Pair};
use super::phrases::Item;

impl Sentence {
    /// Moves every span by `by` bytes.
    pub(crate) fn shift(&mut self, by: isize) {
        let Sentence { span, items, pairs } = self;
        *span = span.shifted(by);
        for item in items {
            *item = item.shifted(by);
        }
        for pair in pairs {
            *pair = pair.shifted(by);
        }
    }
}

impl Item {
    pub(crate) fn shifted(self, by: isize) -> Item {
        match self {
            Item::Word(span) => Item::Word(span.shifted(by)),
            Item::Punct(span, c) => Item::Punct(span.shifted(by), c),
            Item::Quote(span) => Item::Quote(span.shifted(by)),
        }
    }
}

impl Pair {
    pub(crate) fn shifted(self, by: isize) -> Pair {
        // Item positions count items within the sentence, which an edit elsewhere leaves as they are.
        let Pair { found, first_item, cue_item } = self;
        Pair { found: found.shifted(by), first_item, cue_item }
    }
}

impl Found {
    pub(crate) fn shifted(self, by: isize) -> Found {
        let Found { speaker, head, cue, form, rule } = self;
        Found { speaker: speaker.shifted(by), head: head.shifted(by), cue: cue.shifted(by), form, rule }
    }
}
