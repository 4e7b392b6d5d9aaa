//! Finding cue–speaker pairs in a sentence: `Mujahid said`, `said Mujahid`, `the statement
//! read`, `according to X`, `Klasra, editor in chief of the Telegraph, told`.

use std::sync::LazyLock;

use super::clauses::{appositive_subject, inverted_speaker, subject, with_relative_clause};
use super::phrases::{self, Item};
use super::rule::Rule;
use crate::analysis::quotes::SpeakerForm;
use crate::analysis::words::{ends_possessive, is_capitalised};
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
    /// The rule that found this pair.
    pub rule: Rule,
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
        // Continued, verb and conjoined cues are all cue verbs, and most words are none:
        // one lookup per word decides for the three rules.
        let cue_verb = word_at(prose, items, index).is_some_and(lexicon::is_cue_verb);
        let found = cue_verb
            .then(|| continued_cue(prose, items, index, pairs.last()))
            .flatten()
            .or_else(|| phrase_cue(prose, items, index))
            .or_else(|| cue_verb.then(|| parenthetical_cue(prose, items, index)).flatten())
            .or_else(|| cue_verb.then(|| verb_cue(prose, items, index)).flatten())
            .or_else(|| tail_verb_cue(prose, items, index))
            .or_else(|| cue_verb.then(|| conjoined_cue(prose, items, index, pairs.last())).flatten());
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
    let found = Found { cue: items[index].span(), rule: Rule::ContinuedCue, ..last.found };
    Some((Pair { found, first_item: last.first_item, cue_item: index }, 1))
}

pub(super) fn word_at<'a>(prose: &'a str, items: &[Item], index: usize) -> Option<&'a str> {
    items.get(index).and_then(|i| i.word(prose))
}

/// The cue phrases split into words once.
static PHRASES: LazyLock<Vec<(Vec<&'static str>, lexicon::SpeakerSide)>> =
    LazyLock::new(|| lexicon::CUE_PHRASES.iter().map(|&(phrase, side)| (phrase.split(' ').collect(), side)).collect());

/// `according to X`, `X was quoted as saying`.
fn phrase_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let first = word_at(prose, items, index)?;
    if !lexicon::may_open_cue_phrase(first) {
        return None;
    }
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
            // `“The deal is done,” points out Tomas Okafor.`: right after a quotation the
            // speaker of a cue phrase follows it.
            lexicon::SpeakerSide::Before if follows_quote(items, index) => {
                (phrases::after(prose, items, last + 1)?, index)
            }
            lexicon::SpeakerSide::Before => {
                let speaker = phrases::before(prose, items, index)?;
                (speaker, items.iter().position(|i| i.span().start == speaker.start).unwrap_or(index))
            }
        };
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::CuePhrase };
        return Some((Pair { found, first_item, cue_item: index }, words.len()));
    }
    None
}

/// Whether the item at `index` comes right after a quotation, or after a quotation and a comma.
fn follows_quote(items: &[Item], index: usize) -> bool {
    index >= 1 && matches!(items[index - 1], Item::Quote(_))
        || index >= 2 && matches!(items[index - 1], Item::Punct(_, ',')) && matches!(items[index - 2], Item::Quote(_))
}

/// `The results, says Kim, are “a disaster.”`: a strong cue set off by commas with its
/// speaker after it, inside the sentence it attributes.
fn parenthetical_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    if lexicon::is_weak_cue(word) || word.ends_with("ing") || is_capitalised(word) || follows_quote(items, index) {
        return None;
    }
    if index < 2 || !matches!(items[index - 1], Item::Punct(_, ',')) || items[index - 2].word(prose).is_none() {
        return None;
    }
    let head = phrases::after(prose, items, index + 1)?;
    let comma = items.iter().position(|i| i.span().start >= head.end)?;
    // The sentence goes on after the second comma, to a quotation: not `…, said Okafor,
    // who chairs the committee.`
    let continues = matches!(items[comma], Item::Punct(_, ','))
        && items.get(comma + 1).and_then(|i| i.word(prose)).is_some_and(|w| !lexicon::is_cue_verb(w) && !lexicon::opens_relative_clause(w))
        && items[comma + 1..].iter().any(|i| matches!(i, Item::Quote(_)));
    if !continues || form_of(prose, head) == SpeakerForm::Document {
        return None;
    }
    let cue = items[index].span();
    let found = Found { speaker: head, head, cue, form: form_of(prose, head), rule: Rule::ParentheticalCue };
    Some((Pair { found, first_item: index, cue_item: index }, 1))
}

/// A cue verb with its speaker before it, or after it when inverted (`said Mujahid`).
fn verb_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    if !lexicon::is_cue_verb(word) || is_capitalised(word) && index > 0 {
        return None;
    }
    let cue = items[index].span();
    let next_word = word_at(prose, items, index + 1);
    // Passive: `measures added by Republicans` — the speaker follows "by"; not a means of
    // speaking (`Hadwin said by phone`), after which the speaker is before the cue.
    let by_means = word_at(prose, items, index + 2).is_some_and(lexicon::is_means_of_communication);
    if next_word == Some("by") && !by_means {
        let speaker = phrases::after(prose, items, index + 2)?;
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::PassiveAgent };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    // `with McCain calling it “a Chinese menu”`, `– Ryan saying …`, `with Trump reportedly
    // yelling`: in an absolute phrase
    // the participle belongs to the noun phrase right before it, not to the clause.
    if word.ends_with("ing")
        && let Some(speaker) = phrases::before(prose, items, speaker_end(prose, items, index))
        && let Some(first_item) = items.iter().position(|i| i.span().start == speaker.start)
        && first_item > 0
        && (items[first_item - 1].word(prose) == Some("with")
            || matches!(items[first_item - 1], Item::Punct(_, '—' | '–' | '-'))
            // `– Ryan saying he was “encouraged” and Trump calling it a “great meeting”`.
            || items[first_item - 1].word(prose) == Some("and")
                && speaker.text(prose).split(' ').all(is_capitalised))
    {
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::AbsolutePhrase };
        return Some((Pair { found, first_item, cue_item: index }, 1));
    }
    // Otherwise a participle takes the subject of its clause: `Trump and Ryan issued a
    // statement describing …`, `Klasra left, saying “…”`.
    if word.ends_with("ing")
        && index > 0
        && let Some((first_item, speaker)) = subject(prose, items, index)
    {
        let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::ParticipleSubject };
        return Some((Pair { found, first_item, cue_item: index }, 1));
    }
    // `when terrorists are revealed as …`, `Okafor was criticized for …`: a cue in the
    // passive without `by` says nothing of what its subject said. (`Marsh was asked`
    // stays: who is asked answers next.)
    let passive = word.ends_with("ed")
        && word != "asked"
        && index > 0
        && word_at(prose, items, index - 1).is_some_and(lexicon::is_passive_auxiliary);
    if passive {
        return None;
    }
    let speaker_end = speaker_end(prose, items, index);
    let after_quote_or_comma = |i: usize| {
        i == 0
            || matches!(items[i - 1], Item::Quote(_) | Item::Punct(_, ',' | '—'))
            || i == 1 && items[0].word(prose).is_some_and(lexicon::is_conjunction_opener)
    };
    // A weak cue followed closely by a quotation is one: `called her “third-rate”`.
    let followed_by_break = matches!(items.get(index + 1), None | Some(Item::Punct(_, ':' | ',' | '.' | '—')))
        || items[index + 1..].iter().take(4).any(|i| matches!(i, Item::Quote(_)));
    let weak = lexicon::is_weak_cue(word);
    // After a possessive, an article or a number a weak cue is a noun: `Trump’s charge`,
    // `a report`, `by 50 points`.
    let determines = |w: &str| {
        ends_possessive(w) || lexicon::marks_weak_cue_as_noun(w) || w.starts_with(|c: char| c.is_ascii_digit())
    };
    // `a heavily Democratic state`, `an ABC News report`: adverbs and capitalised modifiers
    // may stand between an indefinite article and the noun (`the Daily Caller reports` is a
    // name and its verb).
    let after_indefinite_and_modifiers = || {
        let is_modifier =
            |w: &str| (is_capitalised(w) || w.ends_with("ly")) && !lexicon::is_stop_word(w) && !determines(w);
        let modifiers = (1..=3)
            .take_while(|&back| index >= back && word_at(prose, items, index - back).is_some_and(is_modifier))
            .count();
        modifiers > 0 && word_at(prose, items, index.wrapping_sub(modifiers + 1)).is_some_and(|w| w == "a" || w == "an")
    };
    let noun_position = word_at(prose, items, index.wrapping_sub(1)).is_some_and(determines)
        || weak && after_indefinite_and_modifiers();
    // `private email servers`, `text messages`: a weak cue that is also a noun, before a
    // plural noun, modifies it.
    let modifies_noun = lexicon::is_weak_cue_modifying_noun(word)
        && next_word.is_some_and(|w| {
            w.len() > 3
                && w.ends_with('s')
                && !is_capitalised(w)
                && !lexicon::is_stop_word(w)
                && !lexicon::is_cue_verb(w)
        });
    if weak && (noun_position || modifies_noun) {
        return None;
    }
    // `Beck, who said …`: the relative pronoun is the speaker as written; the noun it
    // refers to names them. Without the comma only a name is its antecedent: `a post from
    // Rikkie Wells who tweeted`.
    if speaker_end > 0 && word_at(prose, items, speaker_end - 1) == Some("who") {
        let who = items[speaker_end - 1].span();
        let after_comma = speaker_end >= 3 && matches!(items[speaker_end - 2], Item::Punct(_, ','));
        let antecedent = if after_comma {
            phrases::before(prose, items, speaker_end - 2)
                .map(|head| named_before_appositive(prose, items, head).unwrap_or(head))
        } else {
            phrases::before(prose, items, speaker_end - 1).filter(|head| form_of(prose, *head) == SpeakerForm::Name)
        };
        if let Some(head) = antecedent {
            let found = Found { speaker: who, head, cue, form: form_of(prose, head), rule: Rule::RelativePronoun };
            return Some((Pair { found, first_item: speaker_end - 1, cue_item: index }, 1));
        }
    }
    let before = phrases::before(prose, items, speaker_end)
        .map(|s| with_relative_clause(prose, items, s))
        .or_else(|| {
            let comma = speaker_end.checked_sub(1).filter(|&c| matches!(items[c], Item::Punct(_, ',')))?;
            appositive_subject(prose, items, comma)
        })
        .or_else(|| name_between_quote_and_cue(prose, items, index));
    if let Some((head, speaker)) = before {
        let first_item = items.iter().position(|i| i.span().start == speaker.start).unwrap_or(index);
        // `Okafor had called it “…”`, `Okafor also called …`: auxiliaries and adverbs keep a
        // weak cue next to its speaker.
        let adjacent = speaker_end == index
            || (speaker_end..index)
                .all(|i| word_at(prose, items, i).is_some_and(lexicon::is_auxiliary_before_weak_cue));
        // `Lew said in the conference call.`, `32% of Republican claims`: after a
        // preposition a weak cue ends a noun phrase; it is no verb.
        let after_preposition = first_item > 0
            && word_at(prose, items, first_item - 1).is_some_and(lexicon::is_preposition_before_weak_cue);
        if !weak || (adjacent && !after_preposition && (after_quote_or_comma(first_item) || followed_by_break)) {
            let found = Found { speaker, head, cue, form: form_of(prose, head), rule: Rule::SpeakerBeforeCue };
            return Some((Pair { found, first_item, cue_item: index }, 1));
        }
        return None;
    }
    inverted_cue(prose, items, index)
}

/// `“We will appeal,” From said.`: between a quotation and its cue a capitalised word is a
/// name, even one that is also a preposition or a modal elsewhere (`From`, `Will`, `May`).
fn name_between_quote_and_cue(prose: &str, items: &[Item], cue: usize) -> Option<(Span, Span)> {
    let name = cue.checked_sub(1)?;
    word_at(prose, items, name).filter(|w| is_capitalised(w) && !lexicon::is_speaker_pronoun(w))?;
    follows_quote(items, name).then(|| (items[name].span(), items[name].span()))
}

/// `Okafor backed the plan at first, but now says …`, `Okafor said … and added`: a cue
/// joined to its clause by `but` or `and` shares the speaker of the cue before it, or
/// else the clause's subject.
fn conjoined_cue(prose: &str, items: &[Item], index: usize, last: Option<&Pair>) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    if !lexicon::is_cue_verb(word) || lexicon::is_weak_cue(word) || is_capitalised(word) {
        return None;
    }
    let joiner = speaker_end(prose, items, index).checked_sub(1)?;
    if !word_at(prose, items, joiner).is_some_and(|w| w == "but" || w == "and") {
        return None;
    }
    let cue = items[index].span();
    if let Some(last) = last.filter(|p| p.cue_item < joiner) {
        let found = Found { cue, rule: Rule::ConjoinedCue, ..last.found };
        return Some((Pair { found, first_item: last.first_item, cue_item: index }, 1));
    }
    // `But as Trump denounced … and pledged to confront “…”`: with no clause subject, the
    // subject of a subordinate clause before the `and` is the cue's.
    let subordinate_subject = || {
        (1..joiner).find_map(|i| {
            let opens = word_at(prose, items, i - 1).is_some_and(lexicon::lends_subordinate_subject);
            let phrase = phrases::after(prose, items, i).filter(|_| opens)?;
            let verb = items.iter().position(|item| item.span().start >= phrase.end)?;
            word_at(prose, items, verb).filter(|w| !is_capitalised(w) && w.ends_with("ed"))?;
            Some((i, phrase))
        })
    };
    let (first_item, speaker) = subject(prose, items, joiner).or_else(subordinate_subject)?;
    let found = Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::ConjoinedCue };
    Some((Pair { found, first_item, cue_item: index }, 1))
}

/// Where the speaker before the cue at `index` ends: before the words and time phrases
/// that may stand between them (`has`, `also`, `in the past`).
fn speaker_end(prose: &str, items: &[Item], index: usize) -> usize {
    let mut end = index;
    loop {
        if end > 0 && word_at(prose, items, end - 1).is_some_and(is_prelude) {
            end -= 1;
        } else if let Some(words) = prelude_phrase_before(prose, items, end) {
            end -= words;
        } else {
            return end;
        }
    }
}

/// A cue with its speaker after it: `“…,” said Mujahid.`, `Continued Stone: “…”`,
/// `… in the final, said Okafor.`
fn inverted_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    let cue = items[index].span();
    let weak = lexicon::is_weak_cue(word);
    let after_quote = follows_quote(items, index);
    // `Because of the calendar, explained Rosenberg, “…”`.
    let introduces_quote = |head: Span| {
        let next = items.iter().position(|i| i.span().start >= head.end);
        next.is_some_and(|n| {
            matches!(items[n], Item::Punct(_, ',' | ':')) && matches!(items.get(n + 1), Some(Item::Quote(_)))
        })
    };
    // `Continued Stone: “…”`: a cue that opens the sentence, even a weak one.
    let opens_sentence = index == 0 && is_capitalised(word);
    if !after_quote
        && (opens_sentence || !weak && index >= 1 && matches!(items[index - 1], Item::Punct(_, ',')))
        && let Some(head) = phrases::after(prose, items, index + 1).filter(|h| introduces_quote(*h))
    {
        let found = Found { speaker: head, head, cue, form: form_of(prose, head), rule: Rule::CueBeforeSpeaker };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    // `Fans “never gave up” in the final, said Okafor.`: a cue after a comma with only its
    // speaker after it closes a sentence that quotes.
    let quoted_before = items[..index].iter().any(|i| matches!(i, Item::Quote(_)));
    if !after_quote
        && !weak
        && quoted_before
        && index >= 1
        && matches!(items[index - 1], Item::Punct(_, ','))
        && let Some(head) = phrases::after(prose, items, index + 1)
    {
        let speaker = inverted_speaker(prose, items, head);
        let end = items.iter().position(|i| i.span().start >= speaker.end).unwrap_or(items.len());
        // `…, said the bureau’s director, James Comey, on Monday.`: a short phrase of time
        // or place may follow the speaker.
        let end = end + time_phrase_length(prose, &items[end..]);
        let closes = items[end..].iter().all(|i| matches!(i, Item::Punct(_, '.' | ',' | '!' | '?' | ')')));
        if closes {
            let found = Found { speaker, head, cue, form: form_of(prose, head), rule: Rule::CueClosesSentence };
            return Some((Pair { found, first_item: index, cue_item: index }, 1));
        }
    }
    // `head off "more radical" protest suggestions`: a quotation with no punctuation of its
    // own and right against the verb is part of the clause, not a quotation it inverts.
    let bare_quotation = after_quote
        && matches!(items[index - 1], Item::Quote(_))
        && !items[index - 1]
            .span()
            .text(prose)
            .trim_end_matches(['"', '”', '’', '\''])
            .ends_with([',', '.', '!', '?', '…', '—', '-', ':', ';']);
    let names_or_points = |head: Span| {
        form_of(prose, head) != SpeakerForm::Description || {
            let first = head.text(prose).split(' ').next().unwrap_or("");
            lexicon::is_determiner(first)
        }
    };
    // A weak cue is one when a document follows it (`“…,” read the statement.`) or a name
    // that ends the sentence (`“It was chaos,” echoes Ivo Laine.`).
    let name_closes = |head: Span| {
        form_of(prose, head) == SpeakerForm::Name
            && items
                .iter()
                .position(|i| i.span().start >= head.end)
                .is_none_or(|next| matches!(items[next], Item::Punct(_, '.' | '!' | '?' | ',')))
    };
    if after_quote
        && let Some(head) = phrases::after(prose, items, index + 1)
        && (!bare_quotation || names_or_points(head))
        && (!weak || form_of(prose, head) == SpeakerForm::Document || name_closes(head))
    {
        let speaker = inverted_speaker(prose, items, head);
        let found = Found { speaker, head, cue, form: form_of(prose, head), rule: Rule::CueAfterQuote };
        return Some((Pair { found, first_item: index, cue_item: index }, 1));
    }
    None
}

/// The number of items of a phrase like `on Monday`, `last week` or `in a statement` at
/// the start of `items`, or 0.
fn time_phrase_length(prose: &str, items: &[Item]) -> usize {
    let Some(first) = items.first().and_then(|i| i.word(prose)) else { return 0 };
    if !lexicon::opens_time_phrase(first) {
        return 0;
    }
    let length = items.iter().take(5).take_while(|i| i.word(prose).is_some()).count();
    let rest = &items[length..];
    if rest.iter().all(|i| matches!(i, Item::Punct(_, '.' | '!' | '?'))) { length } else { 0 }
}

/// `Ben Castillo, the club’s captain, who …`: the name an appositive describes, which is
/// whom its who-clause is about.
fn named_before_appositive(prose: &str, items: &[Item], appositive: Span) -> Option<Span> {
    let first = items.iter().position(|i| i.span().start == appositive.start)?;
    let comma = first.checked_sub(1).filter(|&c| matches!(items[c], Item::Punct(_, ',')))?;
    let name = phrases::before(prose, items, comma)?;
    (form_of(prose, name) == SpeakerForm::Name && form_of(prose, appositive) != SpeakerForm::Name).then_some(name)
}

/// Words between a speaker and the cue: `also`, `has`, `actually`, `wouldn’t`.
fn is_prelude(word: &str) -> bool {
    // `Will described Trump as …`: a capitalised modal is a first name.
    (lexicon::is_cue_prelude(word) && !lexicon::is_modal_as_first_name(word))
        || (word.ends_with("ly") && !is_capitalised(word) && word.len() > 4)
        || lexicon::is_negated_auxiliary(word)
}

/// The number of words of a time phrase that ends just before `items[end]` and stands
/// between a speaker and the cue: `Beck has in the past described …`.
fn prelude_phrase_before(prose: &str, items: &[Item], end: usize) -> Option<usize> {
    // Every phrase ends with a word: comparing it with the word before `end` first rules out
    // nearly every phrase at once (this runs for every cue candidate).
    let last = word_at(prose, items, end.checked_sub(1)?)?;
    let matches_at = |phrase: &[&str], start: usize| {
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word_at(prose, items, start + k).is_some_and(|x| x.eq_ignore_ascii_case(w)))
    };
    PRELUDE_PHRASES
        .iter()
        .find(|phrase| {
            end >= phrase.len()
                && phrase.last().is_some_and(|w| last.eq_ignore_ascii_case(w))
                && matches_at(phrase, end - phrase.len())
        })
        .map(Vec::len)
}

/// The prelude phrases split into words once.
static PRELUDE_PHRASES: LazyLock<Vec<Vec<&'static str>>> =
    LazyLock::new(|| lexicon::PRELUDE_PHRASES.iter().map(|phrase| phrase.split(' ').collect()).collect());

/// In the slot right after a quotation any past-tense verb is a cue: `“…,” Trump
/// retorted.` and `“…,” reacted Trump.`
fn tail_verb_cue(prose: &str, items: &[Item], index: usize) -> Option<(Pair, usize)> {
    let word = word_at(prose, items, index)?;
    let past = word.ends_with("ed") && !is_capitalised(word) && word.len() > 3;
    if !past {
        return None;
    }
    let cue = items[index].span();
    let after_quote = |i: usize| follows_quote(items, i);
    let ends = |i: usize| matches!(items.get(i), None | Some(Item::Punct(_, '.' | ',' | ':' | ';')));
    // `“…” oil fields seized by the militia`, `“…,” the number needed to win`: a participle
    // before `by`, or any verb but a cue before `to`, describes the noun; nobody speaks.
    let next_word = word_at(prose, items, index + 1);
    if next_word == Some("by") || next_word == Some("to") && !lexicon::is_cue_verb(word) {
        return None;
    }
    // `“…,” Trump retorted.`
    if let Some(speaker) = phrases::before(prose, items, index) {
        let first_item = items.iter().position(|i| i.span().start == speaker.start)?;
        if after_quote(first_item)
            && (ends(index + 1) || word_at(prose, items, index + 1).is_some_and(|w| !is_capitalised(w)))
        {
            let found =
                Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::PastVerbAfterQuote };
            return Some((Pair { found, first_item, cue_item: index }, 1));
        }
    }
    // `“…,” reacted Trump.`
    if after_quote(index) {
        let head = phrases::after(prose, items, index + 1)?;
        let end = items.iter().position(|i| i.span().start >= head.end).unwrap_or(items.len());
        if (ends(end)) && head.text(prose).split_whitespace().any(is_capitalised) {
            let speaker = inverted_speaker(prose, items, head);
            let found = Found { speaker, head, cue, form: form_of(prose, head), rule: Rule::PastVerbBeforeSpeaker };
            return Some((Pair { found, first_item: index, cue_item: index }, 1));
        }
    }
    None
}

/// How the speaker is written.
pub fn form_of(prose: &str, speaker: Span) -> SpeakerForm {
    let text = speaker.text(prose);
    if lexicon::is_speaker_pronoun(text) {
        return SpeakerForm::Pronoun;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let head = words.last().copied().unwrap_or("");
    if words.len() > 1 && lexicon::is_document_noun(head) && lexicon::is_determiner(words[0]) {
        return SpeakerForm::Document;
    }
    // `a longtime adviser to Dana Whitfield` describes someone else than the name it holds:
    // after a lower-case opening, only the words before `to`, `of` or `for` can make a name.
    let opens_lower = words.first().is_some_and(|w| !is_capitalised(w));
    let head_words = match words.iter().position(|w| lexicon::is_relation_preposition(w)) {
        Some(relation) if opens_lower => &words[..relation],
        _ => &words[..],
    };
    let named = head_words.iter().enumerate().any(|(i, w)| is_capitalised(w) && !(i == 0 && lexicon::is_determiner(w)));
    if named && !lexicon::is_capitalised_first_person_pronoun(text) {
        SpeakerForm::Name
    } else {
        SpeakerForm::Description
    }
}
