//! Incremental analysis: analysing a document again after an edit, reusing the costly
//! per-block work of its previous analysis for the blocks the edit left alone.
//!
//! Most of an analysis's time goes to work that depends on one block only: the glossary
//! names in the block ([`mentions::find_in_block`]) and its sentences with their items and
//! cue–speaker pairs ([`attribution::block_sentences`]). Both are functions of the block's
//! prose and (for sentences) of the quotation parts inside it, and nothing else. The passes
//! that carry state across blocks stay whole and cheap: the Markdown parse (done by the
//! caller), the quote-mark scan (a quotation left open runs on into later paragraphs), the
//! walk over blocks that carries introductions and run-on speakers, and resolution in
//! reading order (pronoun chains span the article).
//!
//! What changed is found by comparing the previous prose with the new one: the longest
//! common prefix and suffix, two byte comparisons, no hashing. A block reuses what was
//! computed for the previous block at the same place when:
//!
//! - it lies wholly in the unchanged prefix with the same span, or wholly in the unchanged
//!   suffix with its span moved by the change in length (so its prose is the same bytes);
//! - it has the same kind;
//! - the quotation parts inside it are the same, relative to its start (an edit that opens
//!   a quotation earlier can change them far away);
//! - for mentions only, the glossary index is the same build ([`GlossaryIndex::generation`]).
//!
//! Results are reused only for the same place in the same document, never looked up by
//! content, so the output is exactly that of [`super::analyze_article`]; the property test
//! `incremental_analysis_equals_fresh_analysis` holds it to that.

use std::borrow::Cow;
use std::ops::Range;

use super::attribution::{self, PartWalk, Sentence};
use super::mentions::{self, Mention};
use super::{Analysis, Article, Block, BlockKind, GlossaryIndex, Span, quotes};

/// What an analysis of a document keeps for the next analysis of the same document.
#[derive(Debug, Default, Clone)]
pub struct Reusable {
    /// [`GlossaryIndex::generation`] of the index the mentions were found with.
    glossary: u64,
    /// The prose mask the work was done on, to find what the next text changed.
    prose: String,
    blocks: Vec<BlockWork>,
    /// The quotation parts inside each block, the mentions and the sentences of all blocks
    /// in reading order; each block holds its ranges of them.
    parts: Vec<Span>,
    mentions: Vec<Mention>,
    sentences: Vec<Sentence>,
}

/// How much of an analysis was reused, for tests and measurements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    pub blocks: usize,
    /// Blocks whose mentions were taken from the previous analysis.
    pub mentions_reused: usize,
    /// Blocks (not headings) whose sentences were taken from the previous analysis.
    pub sentences_reused: usize,
}

#[derive(Debug, Clone)]
struct BlockWork {
    block: Block,
    parts: Range<usize>,
    mentions: Range<usize>,
    /// Empty for headings, which attribution reads without sentences.
    sentences: Range<usize>,
    mentions_reused: bool,
    sentences_reused: bool,
}

impl Reusable {
    /// How much the analysis that made this reused from the one before.
    pub fn reuse(&self) -> Reuse {
        Reuse {
            blocks: self.blocks.len(),
            mentions_reused: self.blocks.iter().filter(|b| b.mentions_reused).count(),
            sentences_reused: self.blocks.iter().filter(|b| b.sentences_reused).count(),
        }
    }

    /// Tells where the work kept here differs from what a fresh analysis of `article` would
    /// compute, block by block: the oracle of the property tests, stricter than comparing
    /// outputs (a stale item list rarely changes what attribution reports).
    #[doc(hidden)]
    pub fn differences_from_fresh(&self, text: &str, article: &Article, glossary: &GlossaryIndex) -> Option<String> {
        let fresh = analyze_article_reusing(text, article, glossary, None).1;
        if self.blocks.len() != fresh.blocks.len() {
            return Some(format!("{} blocks kept, {} in the article", self.blocks.len(), fresh.blocks.len()));
        }
        for (kept, fresh_work) in self.blocks.iter().zip(&fresh.blocks) {
            let kept_work = (
                kept.block,
                &self.parts[kept.parts.clone()],
                &self.mentions[kept.mentions.clone()],
                &self.sentences[kept.sentences.clone()],
            );
            let fresh_work = (
                fresh_work.block,
                &fresh.parts[fresh_work.parts.clone()],
                &fresh.mentions[fresh_work.mentions.clone()],
                &fresh.sentences[fresh_work.sentences.clone()],
            );
            let (kept_work, fresh_work) = (format!("{kept_work:?}"), format!("{fresh_work:?}"));
            if kept_work != fresh_work {
                return Some(format!("kept {kept_work}\nfresh {fresh_work}"));
            }
        }
        None
    }
}

/// Analyses an already parsed article like [`super::analyze_article`], with the same
/// result, reusing the per-block work of `previous` (an earlier analysis of the same
/// document) where the text did not change. Returns what the next analysis can reuse.
pub fn analyze_article_reusing(
    text: &str,
    article: &Article,
    glossary: &GlossaryIndex,
    previous: Option<Reusable>,
) -> (Analysis, Reusable) {
    let prose = article.prose.as_str();
    let scan = quotes::scan(prose, article);
    // Sized as the previous analysis's lists, which an edit rarely changes much: growing
    // them by doubling would copy a large article's sentences several times over.
    let room = |previous: Option<usize>| previous.map_or(0, |len| len + len / 8);
    let mut next = Reusable {
        glossary: glossary.generation(),
        prose: article.prose.clone(),
        blocks: Vec::with_capacity(article.blocks.len()),
        parts: Vec::with_capacity(room(previous.as_ref().map(|p| p.parts.len()))),
        mentions: Vec::with_capacity(room(previous.as_ref().map(|p| p.mentions.len()))),
        sentences: Vec::with_capacity(room(previous.as_ref().map(|p| p.sentences.len()))),
    };
    let mut earlier = previous.map(|previous| Earlier::new(previous, prose, glossary));
    let mut part_walk = PartWalk::new(&scan.quotes);
    for block in &article.blocks {
        let parts_start = next.parts.len();
        next.parts.extend(part_walk.next_block(block.span).iter().map(|(part, _)| *part));
        let parts = parts_start..next.parts.len();
        let same = earlier.as_mut().and_then(|earlier| earlier.same_place(block, &next.parts[parts.clone()]));

        let mentions_start = next.mentions.len();
        let mentions_reused = match (&earlier, same) {
            (Some(earlier), Some((old, shift))) if earlier.same_glossary => {
                let old = &earlier.reusable.blocks[old].mentions;
                next.mentions.extend(earlier.reusable.mentions[old.clone()].iter().map(|m| m.shifted(shift)));
                true
            }
            _ => {
                mentions::find_in_block(prose, block.span, glossary, &mut next.mentions);
                false
            }
        };

        let sentences_start = next.sentences.len();
        let mut sentences_reused = false;
        if block.kind != BlockKind::Heading {
            match (&mut earlier, same) {
                (Some(earlier), Some((old, shift))) => {
                    // Moved, not copied: the previous analysis is not used again.
                    let old = earlier.reusable.blocks[old].sentences.clone();
                    next.sentences.extend(earlier.reusable.sentences[old].iter_mut().map(|sentence| {
                        let mut sentence = std::mem::take(sentence);
                        if shift != 0 {
                            sentence.shift(shift);
                        }
                        sentence
                    }));
                    sentences_reused = true;
                }
                _ => next.sentences.extend(attribution::block_sentences(prose, block.span, &next.parts[parts.clone()])),
            }
        }
        next.blocks.push(BlockWork {
            block: *block,
            parts,
            mentions: mentions_start..next.mentions.len(),
            sentences: sentences_start..next.sentences.len(),
            mentions_reused,
            sentences_reused,
        });
    }
    // The previous analysis's leftovers are freed here, before attribution allocates.
    drop(earlier);

    let sentences_of = |index: usize, _: &Block, _: &[Span]| {
        let range = next.blocks.get(index).map_or(0..0, |work| work.sentences.clone());
        Cow::Borrowed(next.sentences.get(range).unwrap_or(&[]))
    };
    let attributed = attribution::attribute_with(prose, article, scan.quotes, &next.mentions, glossary, &sentences_of, None);
    let analysis = super::assemble(text, article, glossary, next.mentions.clone(), scan.diagnostics, attributed);
    (analysis, next)
}

/// The previous analysis, with what the edit left unchanged of its prose.
struct Earlier {
    reusable: Reusable,
    same_glossary: bool,
    /// Bytes at the start of the new prose that are the same as at the start of the old.
    prefix: usize,
    /// Where the unchanged end of the new prose starts.
    suffix_start: usize,
    /// How far the unchanged end moved: new length minus old length.
    shift: isize,
    /// The first old block not yet passed over: new blocks are asked about in order.
    next_block: usize,
}

impl Earlier {
    fn new(reusable: Reusable, prose: &str, glossary: &GlossaryIndex) -> Earlier {
        let (old, new) = (reusable.prose.as_bytes(), prose.as_bytes());
        let prefix = common_prefix(old, new);
        let longest_suffix = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(&old[old.len() - longest_suffix..], &new[new.len() - longest_suffix..]);
        Earlier {
            same_glossary: reusable.glossary == glossary.generation(),
            prefix,
            suffix_start: new.len() - suffix,
            shift: new.len() as isize - old.len() as isize,
            next_block: 0,
            reusable,
        }
    }

    /// The index of the previous block whose work holds for `block` (whose quotation parts
    /// are `parts`) and how far its spans move, or None when the block must be analysed.
    fn same_place(&mut self, block: &Block, parts: &[Span]) -> Option<(usize, isize)> {
        let shift = if block.span.end <= self.prefix {
            0
        } else if block.span.start >= self.suffix_start {
            self.shift
        } else {
            return None;
        };
        let old_span = block.span.shifted(-shift);
        let blocks = &self.reusable.blocks;
        while blocks.get(self.next_block).is_some_and(|old| old.block.span.start < old_span.start) {
            self.next_block += 1;
        }
        let old = blocks.get(self.next_block)?;
        let old_parts = &self.reusable.parts[old.parts.clone()];
        let same = old.block.span == old_span
            && old.block.kind == block.kind
            && old_parts.len() == parts.len()
            && old_parts.iter().zip(parts).all(|(old, new)| old.shifted(shift) == *new);
        same.then_some((self.next_block, shift))
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // Slices compare with memcmp: find the first differing chunk that way, then the byte.
    const CHUNK: usize = 4096;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= len && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..len].iter().zip(&b[at..len]).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 4096;
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut matched = 0;
    while matched + CHUNK <= len && a[len - matched - CHUNK..len - matched] == b[len - matched - CHUNK..len - matched] {
        matched += CHUNK;
    }
    matched + a[..len - matched].iter().rev().zip(b[..len - matched].iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests;
