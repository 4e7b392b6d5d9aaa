//! Finding cue–speaker pairs in a sentence: `Mujahid said`, `said Mujahid`, `the statement
//! read`, `according to X`, `Klasra, editor in chief of the Telegraph, told`.

use std::sync::LazyLock;

use super::phrases::{self, Item};
use crate::analysis::quotes::SpeakerForm;
use crate::analysis::words::is_capitalised;
use crate::analysis::{Span, lexicon};

/// One attribution found in the text, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The speaker as the text gives it, appositive included: `Klasra, editor of the Telegraph,`.
    pub speaker: Span,
    /// The part that names the speaker: `Klasra`.
    pub head: Span,
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
        let found = continued_cue(prose, items, index, pairs.last())
            .or_else(|| phrase_cue(prose, items, index))
            .or_else(|| verb_cue(prose, items, index))
            .or_else(|| tail_verb_cue(prose, items, index));
        if let Some((pair, consumed)) = found {
            pairs.push(pair);
            index += consumed;
        } else {
            index += 1;
        }
    }
    pairs
}

/// `Spicer said, adding, “…”`: a participle right after a cue continues that cue's speaker.
fn continued_cue(prose: &str, items: &[Item], index: usize, last: Option<&Pair>) -> Option<(Pair, usize)> {
    let last = last?;
    let word = word_at(prose, items, index)?;
    let follows_last = last.cue_item + 2 == index && matches!(items[index - 1], Item::Punct(_, ','));
    if !(follows_last && word.ends_with("ing") && lexicon::is_cue_verb(word)) {
        return None;
    }
    let found = Found { cue: items[index].span(), ..last.found };
    Some((Pair { found, first_item: last.first_item, cue_item: index }, 1))
}

/// Picks the pair that attributes the quotation at `quote_item`: the one right after it
/// (`“…,” he said`), else the nearest before it, else the nearest after it.
pub fn choose(prose: &str, items: &[Item], pairs: &[Pair], quote_item: usize) -> Option<Found> {
    let adjacent_after = pairs.iter().find(|p| {
        p.first_item > quote_item
            && items[quote_item + 1..p.first_item].iter().all(|i| matches!(i, Item::Punct(_, ',' | '—' | '–' | '-')))
    });
    let chosen = adjacent_after
        .or_else(|| pairs.iter().rev().find(|p| p.cue_item < quote_item))
        .or_else(|| pairs.iter().find(|p| p.cue_item > quote_item))?;
    // `Trump hailed the vote, telling reporters that he thinks it “a great thing”`: a
    // pronoun inside the sentence of a named speaker is that speaker, named.
    let introduces_quote = (chosen.cue_item + 1..quote_item)
        .all(|i| matches!(items[i], Item::Punct(_, ',' | ':')) || items[i].word(prose) == Some("that"));
    if chosen.found.form == SpeakerForm::Pronoun && adjacent_after.is_none() && !introduces_quote {
        let named =
            pairs.iter().find(|p| p.first_item < chosen.first_item && matches!(p.found.form, SpeakerForm::Name));
        if let Some(named) = named {
            return Some(named.found);
        }
    }
    Some(chosen.found)
}

fn word_at<'a>(prose: &'a str, items: &[Item], index: usize) -> Option<&'a str> {
    items.get(index).and_then(|i| i.word(prose))
}

/// The cue phrases split into words once.
static PHRASES: LazyLock<Vec<(Vec<&'static str>, lexicon::SpeakerSide)>> =
    LazyLock::new(|| lexicon::CUE_PHRASES.iter().map(|&(phrase, side)| (phrase.split(' ').collect(), side)).collect());

/// `according to X`, `X was quoted as saying`.
fn phrase_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let first = word_at(prose, items, index)?;
    for (words, side) in PHRASES.iter() {
        if !first.eq_ignore_ascii_case(words[0]) {
            continue;
        }
        let matches = words
            .iter()
            .enumerate()
            .skip(1)
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
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker) };
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
    let next_word = word_at(prose, items, index + 1);
    // Passive: `measures added by Republicans` — the speaker follows "by".
    if next_word == Some("by") {
        let speaker = phrases::after(prose, items, index + 2)?;
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker) };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    // A participle takes the subject of its clause: `Trump and Ryan issued a statement
    // describing …`, `Klasra left, saying “…”`.
    if word.ends_with("ing")
        && index > 0
        && let Some((first_item, speaker)) = subject(prose, items, index)
    {
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker) };
        return Some((Pair { found, first_item, cue_item: index }, 1));
    }
    let mut speaker_end = index;
    while speaker_end > 0 && word_at(prose, items, speaker_end - 1).is_some_and(is_prelude) {
        speaker_end -= 1;
    }
    let after_quote_or_comma = |i: usize| i == 0 || matches!(items[i - 1], Item::Quote(_) | Item::Punct(_, ',' | '—'));
    // A weak cue followed closely by a quotation is one: `called her “third-rate”`.
    let followed_by_break = matches!(items.get(index + 1), None | Some(Item::Punct(_, ':' | ',' | '.' | '—')))
        || items[index + 1..].iter().take(4).any(|i| matches!(i, Item::Quote(_)));
    let weak = lexicon::is_weak_cue(word);
    // After a possessive, an article or a number a weak cue is a noun: `Trump’s charge`,
    // `a report`, `by 50 points`.
    let noun_position = word_at(prose, items, index.wrapping_sub(1)).is_some_and(|w| {
        w.ends_with("’s")
            || w.ends_with("'s")
            || ["a", "an", "the", "this", "his", "her", "their", "its"].contains(&w)
            || w.starts_with(|c: char| c.is_ascii_digit())
    });
    if weak && noun_position {
        return None;
    }
    // `Beck, who said …`: the relative pronoun is the speaker as written; the noun it
    // refers to names them.
    if speaker_end > 0 && word_at(prose, items, speaker_end - 1) == Some("who") {
        let who = items[speaker_end - 1].span();
        let antecedent = (speaker_end >= 3 && matches!(items[speaker_end - 2], Item::Punct(_, ',')))
            .then(|| phrases::before(prose, items, speaker_end - 2))
            .flatten();
        if let Some(head) = antecedent {
            let found = Found { speaker: who, head, cue, form: form_of(prose, head) };
            return Some((Pair { found, first_item: speaker_end - 1, cue_item: index }, 1));
        }
    }
    let before =
        phrases::before(prose, items, speaker_end).map(|s| with_relative_clause(prose, items, s)).or_else(|| {
            let comma = speaker_end.checked_sub(1).filter(|&c| matches!(items[c], Item::Punct(_, ',')))?;
            appositive_subject(prose, items, comma)
        });
    if let Some((head, speaker)) = before {
        let first_item = items.iter().position(|i| i.span().start == speaker.start).unwrap_or(index);
        let adjacent = speaker_end == index;
        if !weak || (adjacent && (after_quote_or_comma(first_item) || followed_by_break)) {
            let found = Found { speaker, head, cue, form: form_of(prose, head) };
            return Some((Pair { found, first_item, cue_item: index }, 1));
        }
        return None;
    }
    // Inverted: `“…,” said Mujahid.`
    let after_quote = index >= 1 && matches!(items[index - 1], Item::Quote(_))
        || index >= 2 && matches!(items[index - 1], Item::Punct(_, ',')) && matches!(items[index - 2], Item::Quote(_));
    // `Because of the calendar, explained Rosenberg, “…”`.
    let introduces_quote = |head: Span| {
        let next = items.iter().position(|i| i.span().start >= head.end);
        next.is_some_and(|n| {
            matches!(items[n], Item::Punct(_, ',' | ':')) && matches!(items.get(n + 1), Some(Item::Quote(_)))
        })
    };
    if !after_quote
        && !weak
        && index >= 1
        && matches!(items[index - 1], Item::Punct(_, ','))
        && let Some(head) = phrases::after(prose, items, index + 1).filter(|h| introduces_quote(*h))
    {
        let found = Found { speaker: head, head, cue, form: form_of(prose, head) };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    if after_quote
        && !weak
        && let Some(head) = phrases::after(prose, items, index + 1)
    {
        let speaker = inverted_speaker(prose, items, head);
        let found = Found { speaker, head, cue, form: form_of(prose, head) };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    None
}

/// `Campaigners who filled the gallery called …`: the phrase before the cue ends a
/// who-clause; the speaker is the noun the clause describes, with the clause.
fn with_relative_clause(prose: &str, items: &[Item], phrase: Span) -> (Span, Span) {
    let Some(first) = items.iter().position(|i| i.span().start == phrase.start) else { return (phrase, phrase) };
    let relative = items[first.saturating_sub(8)..first]
        .iter()
        .rposition(|i| i.word(prose).is_some_and(|w| w == "who" || w == "that"))
        .map(|p| first.saturating_sub(8) + p);
    let Some(relative) = relative else { return (phrase, phrase) };
    if items[relative + 1..first].iter().any(|i| !matches!(i, Item::Word(_))) {
        return (phrase, phrase);
    }
    match phrases::before(prose, items, relative) {
        Some(noun) if form_of(prose, noun) != SpeakerForm::Pronoun => (noun, Span::new(noun.start, phrase.end)),
        _ => (phrase, phrase),
    }
}

/// Words between a speaker and the cue: `also`, `has`, `actually`.
fn is_prelude(word: &str) -> bool {
    lexicon::is_cue_prelude(word) || (word.ends_with("ly") && !is_capitalised(word) && word.len() > 4)
}

/// The subject of the clause that `before` belongs to: the first noun phrase at the start
/// of the sentence or after a comma that a lower-case verb follows.
fn subject(prose: &str, items: &[Item], before: usize) -> Option<(usize, Span)> {
    let starts = std::iter::once(0).chain((1..before).filter(|&i| matches!(items[i - 1], Item::Punct(_, ','))));
    for start in starts {
        // `Speaking in Ohio, Trump said`, `Early in his campaign, Trump …`: not subjects.
        let opener = word_at(prose, items, start).map(str::to_lowercase);
        let prepositional = |i: usize| {
            word_at(prose, items, i)
                .is_some_and(|w| ["by", "about", "on", "in", "at", "for", "with", "to", "from", "after"].contains(&w))
        };
        // A first name looks like an adverb or a participle (`Carly`, `Sterling`) but a
        // capitalised surname follows it.
        let name_follows = word_at(prose, items, start + 1).is_some_and(is_capitalised);
        if !name_follows
            && opener.is_some_and(|w| {
                lexicon::opens_aside(&w) || w == "early" || w.ends_with("ed") && prepositional(start + 1)
            })
        {
            continue;
        }
        let Some(mut phrase) = phrases::after(prose, items, start) else { continue };
        // `the council lists “…”`: a plural-looking last word before a quotation or `that`
        // is the verb.
        let ends_in_verb = |phrase: Span| {
            let next = items.iter().position(|i| i.span().start >= phrase.end);
            let last_word = phrase.text(prose).rsplit(' ').next().unwrap_or("");
            phrase.text(prose).contains(' ')
                && last_word.ends_with('s')
                && !is_capitalised(last_word)
                && next.is_some_and(|n| matches!(items[n], Item::Quote(_)) || items[n].word(prose) == Some("that"))
        };
        if ends_in_verb(phrase) {
            let cut = phrase.text(prose).rfind(' ').unwrap_or(0);
            phrase = Span::new(phrase.start, phrase.start + phrase.text(prose)[..cut].trim_end().len());
        }
        let mut end = items.iter().position(|i| i.span().start >= phrase.end).unwrap_or(items.len());
        // `Senate Leader Mitch McConnell, R-Ky., delivered …`: step over an appositive.
        if matches!(items.get(end), Some(Item::Punct(_, ','))) {
            let closing = items
                .get(end + 1..before.min(items.len()))
                .unwrap_or(&[])
                .iter()
                .take(12)
                .position(|i| matches!(i, Item::Punct(_, ',')))
                .map(|p| end + 1 + p);
            if let Some(closing) = closing
                && items[end + 1..closing].iter().all(|i| !matches!(i, Item::Quote(_)))
            {
                phrase = Span::new(phrase.start, items[closing].span().end);
                end = closing + 1;
            }
        }
        let verb_follows = end < before
            && items[end].word(prose).is_some_and(|w| {
                !is_capitalised(w)
                    && !phrases::is_determiner(w)
                    && !["later", "earlier", "ago", "after", "before", "and", "or"].contains(&w)
            });
        if verb_follows {
            return Some((start, phrase));
        }
    }
    None
}

/// The subject and verb of the clause a quotation stands in, for sentences without a cue
/// word: `Hannity pressed. “…”`, `The Sanders campaign projects that “…”`.
pub fn subject_of(prose: &str, items: &[Item], quote_item: usize) -> Option<Found> {
    // `“A disgrace.” ― Martha Aguilar`: a dash and a name after the quotation sign it.
    if let Some(Item::Punct(dash, '―' | '—' | '–' | '-')) = items.get(quote_item + 1)
        && let Some(head) = phrases::after(prose, items, quote_item + 2)
        && form_of(prose, head) == SpeakerForm::Name
    {
        return Some(Found { speaker: head, head, cue: *dash, form: SpeakerForm::Name });
    }
    // `“…?” Hannity pressed.`: a name and a verb right after the quotation.
    if matches!(items.get(quote_item + 1), Some(Item::Word(_)))
        || matches!(items.get(quote_item + 1), Some(Item::Punct(_, ',')))
    {
        let start = if matches!(items.get(quote_item + 1), Some(Item::Punct(_, ','))) {
            quote_item + 2
        } else {
            quote_item + 1
        };
        if let Some(head) = phrases::after(prose, items, start) {
            let verb = items.iter().position(|i| i.span().start >= head.end)?;
            let verb_word = word_at(prose, items, verb);
            let ends = matches!(
                items.get(verb + 1),
                None | Some(Item::Punct(_, '.' | ',' | ':' | '?' | '!')) | Some(Item::Quote(_))
            );
            if form_of(prose, head) != SpeakerForm::Description && verb_word.is_some_and(|w| !is_capitalised(w)) && ends
            {
                let cue = items[verb].span();
                return Some(Found { speaker: head, head, cue, form: form_of(prose, head) });
            }
        }
    }
    // `Michael P. McDonald: “…”` — a name alone before a colon introduces the quotation.
    if quote_item >= 2
        && matches!(items[quote_item - 1], Item::Punct(_, ':'))
        && let Some(head) = phrases::before(prose, items, quote_item - 1)
    {
        let first = items.iter().position(|i| i.span().start == head.start).unwrap_or(0);
        let alone = first == 0 || matches!(items[first - 1], Item::Punct(_, '-' | '—' | '–') | Item::Quote(_));
        if alone && form_of(prose, head) == SpeakerForm::Name {
            let cue = items[quote_item - 1].span();
            return Some(Found { speaker: head, head, cue, form: SpeakerForm::Name });
        }
    }
    // The nearest clause subject that is a pronoun: `… and he has long used that fact to …
    // “the Iowa way.”`
    let nearest_pronoun = (0..quote_item).rev().take(20).find(|&i| {
        word_at(prose, items, i).is_some_and(|w| ["he", "she", "they", "He", "She", "They"].contains(&w))
            && word_at(prose, items, i + 1).is_some_and(|v| !is_capitalised(v) && !phrases::is_determiner(v))
    });
    if let Some(i) = nearest_pronoun {
        let head = items[i].span();
        return Some(Found { speaker: head, head, cue: items[i + 1].span(), form: SpeakerForm::Pronoun });
    }
    let (_, head) = subject(prose, items, quote_item)?;
    let verb = items.iter().position(|i| i.span().start >= head.end)?;
    let cue = items[verb].span();
    Some(Found { speaker: head, head, cue, form: form_of(prose, head) })
}

/// In the slot right after a quotation any past-tense verb is a cue: `“…,” Trump
/// retorted.` and `“…,” reacted Trump.`
fn tail_verb_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    let past = word.ends_with("ed") && !is_capitalised(word) && word.len() > 3;
    if !past {
        return None;
    }
    let cue = items[index].span();
    let after_quote = |i: usize| {
        i >= 1 && matches!(items[i - 1], Item::Quote(_))
            || i >= 2 && matches!(items[i - 1], Item::Punct(_, ',')) && matches!(items[i - 2], Item::Quote(_))
    };
    let ends = |i: usize| matches!(items.get(i), None | Some(Item::Punct(_, '.' | ',' | ':' | ';')));
    // `“…,” Trump retorted.`
    if let Some(speaker) = phrases::before(prose, items, index) {
        let first_item = items.iter().position(|i| i.span().start == speaker.start)?;
        if after_quote(first_item)
            && (ends(index + 1) || word_at(prose, items, index + 1).is_some_and(|w| !is_capitalised(w)))
        {
            let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker) };
            return Some((Pair { found, first_item, cue_item: index }, 1));
        }
    }
    // `“…,” reacted Trump.`
    if after_quote(index) {
        let head = phrases::after(prose, items, index + 1)?;
        let end = items.iter().position(|i| i.span().start >= head.end).unwrap_or(items.len());
        if (ends(end)) && head.text(prose).split_whitespace().any(is_capitalised) {
            let speaker = inverted_speaker(prose, items, head);
            let found = Found { speaker, head, cue, form: form_of(prose, head) };
            return Some((Pair { found, first_item: index, cue_item: index }, 1));
        }
    }
    None
}

/// `Klasra, editor in chief of the Telegraph, told`: when a comma stands right before the
/// cue, the speaker is the name that opens the clause, with everything up to that comma
/// (appositives and who-clauses alike). Returns the name and the whole phrase.
fn appositive_subject(prose: &str, items: &[Item], closing_comma: usize) -> Option<(Span, Span)> {
    let mut start = closing_comma;
    while start > 0 {
        match items[start - 1] {
            Item::Quote(_) | Item::Punct(_, ';' | ':' | '—' | '–') => break,
            Item::Word(span) if is_finite_cue(span.text(prose)) => {
                // A cue is fine inside a who-clause: `Clinton, who called Sanders, told …`.
                let in_relative_clause = items[..start - 1]
                    .iter()
                    .rev()
                    .take_while(|i| !matches!(i, Item::Punct(_, ',')))
                    .any(|i| i.word(prose).is_some_and(|w| ["who", "which", "whose", "whom"].contains(&w)));
                if !in_relative_clause {
                    return None;
                }
            }
            _ => {}
        }
        start -= 1;
        if closing_comma - start > 60 {
            return None;
        }
    }
    let candidates = std::iter::once(start)
        .chain((start + 1..closing_comma).filter(|&i| matches!(items[i - 1], Item::Punct(_, ','))));
    for position in candidates {
        let position = (position..closing_comma).find(|&i| !matches!(items[i], Item::Punct(_, ',')))?;
        let Some(name) = phrases::after(prose, items, position) else { continue };
        let next = items.iter().position(|i| i.span().start >= name.end)?;
        let named =
            name.text(prose).split_whitespace().any(is_capitalised) || form_of(prose, name) != SpeakerForm::Name;
        if next == closing_comma && named {
            // `Sen. Jack Reed (D-R.I.), said`: the comma closes the name itself.
            return Some((name, Span::new(name.start, items[closing_comma].span().end)));
        }
        if next < closing_comma && matches!(items[next], Item::Punct(_, ',')) && named {
            let aside = items.get(next + 1).and_then(|i| i.word(prose)).is_none_or(lexicon::opens_aside);
            let phrase = if aside { name } else { Span::new(name.start, items[closing_comma].span().end) };
            // `Eastwick’s manager, Rob Kerridge, said`: the name in the appositive is the speaker.
            let appositive = &items[next + 1..closing_comma];
            let proper_name = !appositive.is_empty()
                && appositive.len() <= 4
                && appositive.iter().all(|i| i.word(prose).is_some_and(is_capitalised));
            let head = if proper_name && form_of(prose, name) != SpeakerForm::Pronoun && !is_proper_name(prose, name) {
                Span::new(appositive[0].span().start, appositive[appositive.len() - 1].span().end)
            } else {
                name
            };
            return Some((head, phrase));
        }
    }
    None
}

/// Every word capitalised: `Rob Kerridge`, not `Eastwick’s manager`.
fn is_proper_name(prose: &str, phrase: Span) -> bool {
    phrase.text(prose).split_whitespace().all(is_capitalised)
}

/// A cue verb that is a sentence's own verb, not a participle inside an appositive.
fn is_finite_cue(word: &str) -> bool {
    lexicon::is_cue_verb(word) && !word.ends_with("ing") && !lexicon::is_weak_cue(word)
}

/// `said Jaime Harrison, chair of the party.`: the speaker runs on to the end of the clause,
/// unless what follows is an attribution of its own (`, who said …`).
fn inverted_speaker(prose: &str, items: &[Item], name: Span) -> Span {
    let Some(next) = items.iter().position(|i| i.span().start >= name.end) else { return name };
    if !matches!(items[next], Item::Punct(_, ',')) {
        return name;
    }
    if items.get(next + 1).and_then(|i| i.word(prose)).is_none_or(lexicon::opens_aside) {
        return name;
    }
    let mut end = next + 1;
    while end < items.len() {
        match items[end] {
            Item::Quote(_) | Item::Punct(_, ';' | ':' | '.' | '?' | '!' | '—') => break,
            // A comma followed by an aside ends the description: `, referring to …`.
            Item::Punct(_, ',') if items.get(end + 1).and_then(|i| i.word(prose)).is_some_and(lexicon::opens_aside) => {
                break;
            }
            Item::Word(span) if is_finite_cue(span.text(prose)) => return name,
            _ => {}
        }
        end += 1;
    }
    let mut last = end - 1;
    while last > next && matches!(items[last], Item::Punct(_, ',')) {
        last -= 1;
    }
    if last == next || end - next > 40 {
        return name;
    }
    Span::new(name.start, items[last].span().end)
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
