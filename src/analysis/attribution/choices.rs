//! What the chooser saw: for each quotation part read in its own sentence, the sentence's
//! cue–speaker pairs and the one taken. It is how the case for a learned chooser was
//! measured (issue 13, item 8: `scripts/chooser-headroom`): a chooser, however it ranks,
//! can only pick among these pairs.

use std::borrow::Cow;
use std::cell::RefCell;

use super::{Found, attribute_with, block_sentences};
use crate::analysis::mentions::Mention;
use crate::analysis::quotes::Quote;
use crate::analysis::{Article, Block, GlossaryIndex, Span};

/// One quotation part read in its own sentence.
#[derive(Debug, Clone)]
pub struct SentenceChoice {
    /// The quotation part.
    pub quote: Span,
    /// What the sentence's rules attributed it to, if anything.
    pub chosen: Option<Found>,
    /// Every cue–speaker pair of the sentence.
    pub pairs: Vec<Found>,
}

/// The choices attribution makes sentence by sentence, in the order it makes them (a part
/// that opens a quotation running over paragraphs is read twice and listed twice).
pub fn sentence_choices(
    prose: &str,
    article: &Article,
    quotes: Vec<Quote>,
    mentions: &[Mention],
    glossary: &GlossaryIndex,
) -> Vec<SentenceChoice> {
    let choices = RefCell::new(Vec::new());
    let sentences_of = |_: usize, block: &Block, parts: &[Span]| Cow::Owned(block_sentences(prose, block.span, parts));
    attribute_with(prose, article, quotes, mentions, glossary, &sentences_of, Some(&choices));
    choices.into_inner()
}
