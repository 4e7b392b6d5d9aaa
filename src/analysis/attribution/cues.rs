//! Finding cue–speaker pairs in a sentence: `Mujahid said`, `said Mujahid`, `the statement
//! read`, `according to X`, `Klasra, editor in chief of the Telegraph, told`.

use super::phrases::{self, Item};
use crate::analysis::quotes::SpeakerForm;
use crate::analysis::words::is_capitalised;
use crate::analysis::{Span, lexicon};

/// One attribution found in the text, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub speaker: Span,
    pub cue: Span,
    pub form: SpeakerForm,
}

/// A pair with the item positions the choice of pair for a quotation needs.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub found: Found,
    /// Index of the first item of the pair (speaker or cue, whichever comes first).
    pub first_item: usize,
    pub cue_item: usize,
}

/// Every cue in the sentence that has a speaker.
pub fn pairs(prose: &str, items: &[Item]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut index = 0;
    while index < items.len() {
        if let Some((pair, consumed)) = phrase_cue(prose, items, index).or_else(|| verb_cue(prose, items, index)) {
            pairs.push(pair);
            index += consumed;
        } else {
            index += 1;
        }
    }
    pairs
}

/// Picks the pair that attributes the quotation at `quote_item`: the one right after it
/// (`“…,” he said`), else the nearest before it, else the nearest after it.
pub fn choose(items: &[Item], pairs: &[Pair], quote_item: usize) -> Option<Found> {
    let adjacent_after = pairs.iter().find(|p| {
        p.first_item > quote_item
            && items[quote_item + 1..p.first_item].iter().all(|i| matches!(i, Item::Punct(_, ',' | '—' | '–' | '-')))
    });
    adjacent_after
        .or_else(|| pairs.iter().rev().find(|p| p.cue_item < quote_item))
        .or_else(|| pairs.iter().find(|p| p.cue_item > quote_item))
        .map(|p| p.found)
}

fn word_at<'a>(prose: &'a str, items: &[Item], index: usize) -> Option<&'a str> {
    items.get(index).and_then(|i| i.word(prose))
}

/// `according to X`, `X was quoted as saying`.
fn phrase_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    for &(phrase, side) in lexicon::CUE_PHRASES {
        let words: Vec<&str> = phrase.split(' ').collect();
        let matches = words
            .iter()
            .enumerate()
            .all(|(k, w)| word_at(prose, items, index + k).is_some_and(|x| x.eq_ignore_ascii_case(w)));
        if !matches {
            continue;
        }
        let last = index + words.len() - 1;
        let cue = Span::new(items[index].span().start, items[last].span().end);
        let (speaker, first_item) = match side {
            lexicon::SpeakerSide::After => (phrases::after(prose, items, last + 1)?, index),
            lexicon::SpeakerSide::Before => {
                let speaker = phrases::before(prose, items, index)?;
                (speaker, items.iter().position(|i| i.span().start == speaker.start).unwrap_or(index))
            }
        };
        let found = Found { speaker, cue, form: form_of(prose, speaker) };
        return Some((Pair { found, first_item, cue_item: index }, words.len()));
    }
    None
}

/// A cue verb with its speaker before it, or after it when inverted (`said Mujahid`).
fn verb_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    if !lexicon::is_cue_verb(word) || is_capitalised(word) && index > 0 {
        return None;
    }
    let cue = items[index].span();
    let mut speaker_end = index;
    while speaker_end > 0 && word_at(prose, items, speaker_end - 1).is_some_and(lexicon::is_cue_prelude) {
        speaker_end -= 1;
    }
    let after_quote_or_comma = |i: usize| i == 0 || matches!(items[i - 1], Item::Quote(_) | Item::Punct(_, ',' | '—'));
    let followed_by_break =
        matches!(items.get(index + 1), None | Some(Item::Punct(_, ':' | ',' | '.' | '—')) | Some(Item::Quote(_)));
    let weak = lexicon::is_weak_cue(word);
    if let Some(speaker) = phrases::before(prose, items, speaker_end) {
        let first_item = items.iter().position(|i| i.span().start == speaker.start).unwrap_or(index);
        let speaker = with_appositive(prose, items, first_item, speaker);
        let first_item = items.iter().position(|i| i.span().start == speaker.start).unwrap_or(first_item);
        let adjacent = speaker_end == index;
        if !weak || (adjacent && (after_quote_or_comma(first_item) || followed_by_break)) {
            let found = Found { speaker, cue, form: form_of(prose, speaker) };
            return Some((Pair { found, first_item, cue_item: index }, 1));
        }
        return None;
    }
    // Inverted: `“…,” said Mujahid.`
    if after_quote_or_comma(index) && !weak {
        if let Some(speaker) = phrases::after(prose, items, index + 1) {
            let found = Found { speaker, cue, form: form_of(prose, speaker) };
            return Some((Pair { found, first_item: index, cue_item: index }, 1));
        }
    }
    // A participle after a comma takes the subject of the sentence: `Klasra left, saying “…”`.
    if word.ends_with("ing") && index > 0 && matches!(items[index - 1], Item::Punct(_, ',')) {
        let speaker = phrases::after(prose, items, 0)?;
        let found = Found { speaker, cue, form: form_of(prose, speaker) };
        return Some((Pair { found, first_item: 0, cue_item: index }, 1));
    }
    None
}

/// `Klasra, editor in chief of the Telegraph, told`: the phrase before the cue is an
/// appositive when a name stands before it between commas; the speaker is the name.
fn with_appositive(prose: &str, items: &[Item], first_item: usize, speaker: Span) -> Span {
    // Walk back to the comma that opens the appositive, within a few words.
    let mut index = first_item;
    let mut steps = 0;
    while index > 0 && steps < 14 {
        match items[index - 1] {
            Item::Punct(_, ',') => break,
            Item::Word(_) => {}
            _ => return speaker,
        }
        index -= 1;
        steps += 1;
    }
    let ends_with_comma = first_item > 0 && matches!(items[first_item - 1], Item::Punct(_, ','));
    let comma = if ends_with_comma {
        first_item - 1
    } else if index > 0 {
        index - 1
    } else {
        return speaker;
    };
    if !matches!(items[comma], Item::Punct(_, ',')) {
        return speaker;
    }
    let appositive_closes =
        items[comma + 1..first_item].iter().all(|i| i.word(prose).is_some_and(|w| !lexicon::is_cue_verb(w)));
    if !appositive_closes && !ends_with_comma {
        return speaker;
    }
    let Some(name) = phrases::before(prose, items, comma) else { return speaker };
    let name_item = items.iter().position(|i| i.span().start == name.start).unwrap_or(comma);
    let starts_clause = name_item == 0 || matches!(items[name_item - 1], Item::Quote(_) | Item::Punct(_, ',' | '—'));
    if starts_clause && name.text(prose).split_whitespace().any(is_capitalised) { name } else { speaker }
}

/// How the speaker is written.
pub fn form_of(prose: &str, speaker: Span) -> SpeakerForm {
    let text = speaker.text(prose);
    if lexicon::is_speaker_pronoun(text) {
        return SpeakerForm::Pronoun;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let head = words.last().copied().unwrap_or("");
    if words.len() > 1 && lexicon::is_document_noun(head) && phrases::is_determiner(words[0]) {
        return SpeakerForm::Document;
    }
    let named = words.iter().enumerate().any(|(i, w)| is_capitalised(w) && !(i == 0 && phrases::is_determiner(w)));
    if named && !["I", "We"].contains(&text) { SpeakerForm::Name } else { SpeakerForm::Description }
}
