//! Speakers found from a sentence's clause structure rather than next to a cue: the
//! subject of a clause, a name before an appositive, the noun a who-clause describes, and
//! the description after an inverted cue.

use super::cues::{Found, form_of, word_at};
use super::phrases::{self, Item};
use super::rule::Rule;
use crate::analysis::quotes::{SpeakerForm, reads_as_sentence};
use crate::analysis::words::{ends_possessive, is_capitalised};
use crate::analysis::{Span, lexicon};

/// `Campaigners who filled the gallery called …`: the phrase before the cue ends a
/// who-clause; the speaker is the noun the clause describes, with the clause.
pub(super) fn with_relative_clause(prose: &str, items: &[Item], phrase: Span) -> (Span, Span) {
    let Some(first) = items.iter().position(|i| i.span().start == phrase.start) else { return (phrase, phrase) };
    let relative = items[first.saturating_sub(8)..first]
        .iter()
        .rposition(|i| i.word(prose).is_some_and(|w| w == "who" || w == "that"))
        .map(|p| first.saturating_sub(8) + p);
    let Some(relative) = relative else { return (phrase, phrase) };
    // `an effort that Okafor said would fail`: a phrase right after the relative pronoun is
    // the subject of the clause, and speaks. After a verb, `that` is no relative pronoun
    // (`The Journal notes that Coulter …`), and the phrase keeps what comes before it.
    let after_verb = word_at(prose, items, relative.wrapping_sub(1))
        .is_some_and(|w| lexicon::is_cue_verb(w) || lexicon::takes_that_clause(w));
    let subject_of_clause = relative + 1 == first && !after_verb;
    if subject_of_clause || items[relative + 1..first].iter().any(|i| !matches!(i, Item::Word(_))) {
        return (phrase, phrase);
    }
    match phrases::before(prose, items, relative) {
        Some(noun) if form_of(prose, noun) != SpeakerForm::Pronoun => (noun, Span::new(noun.start, phrase.end)),
        _ => (phrase, phrase),
    }
}

/// The subject of the clause that `before` belongs to: the first noun phrase at the start
/// of the sentence or after a comma that a lower-case verb follows.
pub(super) fn subject(prose: &str, items: &[Item], before: usize) -> Option<(usize, Span)> {
    subject_and_verb(prose, items, before).map(|found| (found.start, found.phrase))
}

/// `Okafor lobbies for a higher wage`: inside a phrase read from `start`, a lower-case word
/// in -s right after a name, before a preposition or an article, is the verb.
fn verb_after_name(prose: &str, items: &[Item], start: usize, phrase: Span) -> Option<usize> {
    let end = items.iter().position(|i| i.span().start >= phrase.end).unwrap_or(items.len());
    (start + 1..end).find(|&i| {
        let Some(word) = word_at(prose, items, i) else { return false };
        word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !is_capitalised(word)
            && word_at(prose, items, i - 1).is_some_and(|w| is_capitalised(w) && !lexicon::is_stop_word(w))
            && word_at(prose, items, i + 1).is_some_and(lexicon::opens_object_after_verb)
    })
}

/// A clause's subject as [`subject_and_verb`] finds it.
struct Subject {
    /// The subject's first item.
    start: usize,
    /// The noun phrase that names the subject: `Ted Marsh`.
    head: Span,
    /// The subject with any appositive: `Ted Marsh, co-founder of the institute,`.
    phrase: Span,
    /// The verb's item.
    verb: usize,
}

/// [`subject`] with the name before any appositive and the verb that follows.
fn subject_and_verb(prose: &str, items: &[Item], before: usize) -> Option<Subject> {
    // `WASHINGTON (AP) — Clinton has taken a swipe …, saying`: a dateline's dash opens the
    // clause too.
    let dateline = |i: usize| i <= 8 && matches!(items[i - 1], Item::Punct(_, '—' | '–' | '-'));
    // `(Whitfield’s spokeswoman said …)`: an opening parenthesis is no part of the subject.
    let first = usize::from(matches!(items.first(), Some(Item::Punct(_, '(' | '['))));
    let starts = std::iter::once(first)
        .chain((1..before).filter(|&i| matches!(items[i - 1], Item::Punct(_, ',')) || dateline(i)));
    for start in starts {
        // `Speaking in Ohio, Trump said`, `Early in his campaign, Trump …`: not subjects.
        let opener = word_at(prose, items, start).map(str::to_lowercase);
        let prepositional = |i: usize| word_at(prose, items, i).is_some_and(lexicon::is_opening_preposition);
        // A first name looks like an adverb or a participle (`Carly`, `Sterling`) but a
        // capitalised surname follows it.
        let name_follows = word_at(prose, items, start + 1).is_some_and(is_capitalised);
        // `Boreing said`, `Kelly told`: a capitalised word in -ing or -ly right before a cue
        // is a name, not `Speaking in Ohio,` or `Reportedly,`.
        let names_speaker = word_at(prose, items, start).is_some_and(is_capitalised)
            && word_at(prose, items, start + 1).is_some_and(|w| !is_capitalised(w) && lexicon::is_cue_verb(w));
        // `about 200 protesters congregated`: a count, not an aside.
        let counts = word_at(prose, items, start + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        // `Then the minister stood up and said`: an adverb of time before an article opens
        // the clause, as before a name.
        let adverb_then_article = word_at(prose, items, start).is_some_and(|w| lexicon::is_cue_prelude(w) && lexicon::opens_aside(w))
            && word_at(prose, items, start + 1).is_some_and(|w| lexicon::is_determiner(w) && !is_capitalised(w));
        if !name_follows
            && !adverb_then_article
            && !names_speaker
            && !counts
            && opener.is_some_and(|w| {
                lexicon::opens_aside(&w) || w == "early" || w.ends_with("ed") && prepositional(start + 1)
            })
        {
            continue;
        }
        // `Now Donald Trump, …, is promising`: an adverb before a name opens the clause.
        let start = if adverb_then_article
            || name_follows
                && word_at(prose, items, start).is_some_and(|w| lexicon::is_cue_prelude(w) && lexicon::opens_aside(w))
        {
            start + 1
        } else {
            start
        };
        let Some(mut phrase) = phrases::after(prose, items, start) else { continue };
        // `the council lists “…”`, `the email goes on`: a plural-looking last word before a
        // quotation, `that`, an object or a preposition is the verb.
        let ends_in_verb = |phrase: Span| {
            let next = items.iter().position(|i| i.span().start >= phrase.end);
            let last_word = phrase.text(prose).rsplit(' ').next().unwrap_or("");
            let takes_object = |n: usize| {
                matches!(items[n], Item::Quote(_))
                    || items[n].word(prose).is_some_and(|w| {
                        lexicon::VERB_FOLLOWERS.contains(&w)
                            || lexicon::is_determiner(w) && w.chars().all(|c| c.is_lowercase())
                    })
            };
            phrase.text(prose).contains(' ')
                && last_word.ends_with('s')
                && !last_word.ends_with("ss")
                && !is_capitalised(last_word)
                && next.is_some_and(takes_object)
        };
        if ends_in_verb(phrase) {
            let cut = phrase.text(prose).rfind(' ').unwrap_or(0);
            phrase = Span::new(phrase.start, phrase.start + phrase.text(prose)[..cut].trim_end().len());
        } else if let Some(verb) = verb_after_name(prose, items, start, phrase) {
            phrase = Span::new(phrase.start, items[verb - 1].span().end);
        }
        let head = phrase;
        let mut end = items.iter().position(|i| i.span().start >= phrase.end).unwrap_or(items.len());
        // `Senate Leader Mitch McConnell, R-Ky., delivered …`: step over an appositive.
        if matches!(items.get(end), Some(Item::Punct(_, ','))) {
            let closing = items
                .get(end + 1..before.min(items.len()))
                .unwrap_or(&[])
                .iter()
                .take(24)
                .position(|i| matches!(i, Item::Punct(_, ',')))
                .map(|p| end + 1 + p);
            if let Some(closing) = closing
                && items[end + 1..closing].iter().all(|i| !matches!(i, Item::Quote(_) | Item::Punct(_, '—' | '–')))
            {
                // `Sanders, celebrating a victory in Vermont, said`: an aside is stepped over
                // but is no part of the speaker.
                let aside = word_at(prose, items, end + 1).is_some_and(lexicon::opens_aside);
                if !aside {
                    phrase = Span::new(phrase.start, items[closing].span().end);
                }
                end = closing + 1;
            }
        }
        let verb_follows = end < before
            && items[end].word(prose).is_some_and(|w| {
                !is_capitalised(w) && !lexicon::is_determiner(w) && !lexicon::is_non_verb_after_subject(w)
            });
        if verb_follows {
            return Some(Subject { start, head, phrase, verb: end });
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
        return Some(Found { speaker: head, head, cue: *dash, form: SpeakerForm::Name, rule: Rule::SignedWithDash });
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
            if form_of(prose, head) != SpeakerForm::Description
                && verb_word.is_some_and(|w| !is_capitalised(w) && lexicon::is_speech_act(w))
                && ends
            {
                let cue = items[verb].span();
                return Some(Found { speaker: head, head, cue, form: form_of(prose, head), rule: Rule::NameAndVerbAfterQuote });
            }
        }
    }
    if let Some(found) = named_introduction(prose, items, quote_item, Placement::Anywhere) {
        return Some(found);
    }
    // The nearest clause subject that is a pronoun: `… and he has long used that fact to …
    // “the Iowa way.”`
    let nearest_pronoun = (0..quote_item).rev().take(20).find(|&i| {
        word_at(prose, items, i).is_some_and(lexicon::is_person_pronoun)
            && word_at(prose, items, i + 1).is_some_and(|v| !is_capitalised(v) && !lexicon::is_determiner(v))
    });
    if let Some(i) = nearest_pronoun
        && let Some(act) = speech_act_between(prose, items, i + 1, quote_item)
    {
        let head = items[i].span();
        return Some(Found { speaker: head, head, cue: act, form: SpeakerForm::Pronoun, rule: Rule::SubjectOfSpeechVerb });
    }
    let subject = subject_and_verb(prose, items, quote_item)?;
    if let Some(cue) = speech_act_between(prose, items, subject.verb, quote_item) {
        let form = form_of(prose, subject.head);
        return Some(Found { speaker: subject.phrase, head: subject.head, cue, form, rule: Rule::SubjectOfSpeechVerb });
    }
    let introducer = introducing_punctuation(prose, items, quote_item)?;
    let form = form_of(prose, subject.head);
    Some(Found { speaker: subject.phrase, head: subject.head, cue: introducer, form, rule: Rule::ClauseIntroducesQuote })
}

/// `She was blunt: “We are broke.”`, `Clinton shared her worry with donors, “I do not know
/// which Trump will show up.”`, and a paragraph ending `Transcript as follows:`: a colon, a
/// comma or a dash that ends a clause and opens a quotation that reads as a sentence presents
/// that quotation as the words of the clause's subject. The punctuation is the cue. At
/// `quote_item == items.len()` the sentence itself ends with the colon that introduces the
/// next paragraph.
fn introducing_punctuation(prose: &str, items: &[Item], quote_item: usize) -> Option<Span> {
    if quote_item == items.len() {
        return match items.last() {
            Some(Item::Punct(colon, ':')) => Some(*colon),
            _ => None,
        };
    }
    let Some(Item::Quote(quote)) = items.get(quote_item) else { return None };
    match items.get(quote_item.checked_sub(1)?) {
        Some(Item::Punct(mark, ':' | ',' | '—' | '–' | '-')) if reads_as_sentence(prose, *quote) => Some(*mark),
        _ => None,
    }
}

/// The first word of `items[from..to]` that makes a clause an act of speech, writing or
/// thought (`decried`, `dubbed`, `statement`): a clause's subject speaks the quotation the
/// clause holds only through one. `Fans gathered in the so-called “fan zone”` has none.
fn speech_act_between(prose: &str, items: &[Item], from: usize, to: usize) -> Option<Span> {
    items.get(from..to)?.iter().find(|i| i.word(prose).is_some_and(lexicon::is_speech_act)).map(|i| i.span())
}

/// Where [`named_introduction`] looks for a name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Anywhere,
    AfterDash,
}

/// `Michael P. McDonald: “…”`, `Polls got it right — HuffPollster: “…”`: a name alone
/// before a colon introduces the quotation. With `Placement::AfterDash` only a name after
/// a dash or another quotation counts: one that overrides whatever cue the sentence had
/// before it (at the start of a sentence, `Fallon fired back:` reads as a name too).
pub fn named_introduction(prose: &str, items: &[Item], quote_item: usize, placement: Placement) -> Option<Found> {
    if quote_item < 2 || !matches!(items[quote_item - 1], Item::Punct(_, ':')) {
        return None;
    }
    let head = phrases::before(prose, items, quote_item - 1)?;
    let first = items.iter().position(|i| i.span().start == head.start).unwrap_or(0);
    // `More from Okafor: “…”` introduces like the name alone.
    let mut opening = first;
    if opening >= 1 && word_at(prose, items, opening - 1).is_some_and(|w| w.eq_ignore_ascii_case("from")) {
        opening -= 1;
        if opening >= 1 && word_at(prose, items, opening - 1).is_some_and(|w| w.eq_ignore_ascii_case("more")) {
            opening -= 1;
        }
    }
    let after_dash =
        opening > 0 && matches!(items[opening - 1], Item::Punct(_, '-' | '—' | '–' | '.' | '…') | Item::Quote(_));
    let alone = after_dash || opening == 0 && placement == Placement::Anywhere;
    (alone && form_of(prose, head) == SpeakerForm::Name).then(|| {
        let cue = items[quote_item - 1].span();
        Found { speaker: head, head, cue, form: SpeakerForm::Name, rule: Rule::NameBeforeColon }
    })
}

/// How many items before a quotation the words it quotes may be named: `his call for a
/// “total ban”`, `her remark last week that “…”`.
const SPEECH_NOUN_REACH: usize = 10;

/// `his call for “a total ban”`, `Trump’s claim that Obama “founded ISIS”`: with no cue in
/// its sentence, a quotation that a noun of speech introduces is the words of that noun's
/// possessor.
pub fn possessor_of_speech_noun(prose: &str, items: &[Item], quote_item: usize) -> Option<Found> {
    // `Romney’s “47 percent” comment`: the quotation may stand between the possessor and the
    // noun.
    let possessive_before = |w: &str| lexicon::is_personal_possessive(w) || ends_possessive(w);
    if word_at(prose, items, quote_item + 1).is_some_and(lexicon::is_speech_noun)
        && quote_item > 0
        && word_at(prose, items, quote_item - 1).is_some_and(possessive_before)
    {
        return Some(possessor_speaking(prose, items, quote_item - 1, items[quote_item + 1].span()));
    }
    let reach = quote_item.saturating_sub(SPEECH_NOUN_REACH);
    let noun = (reach..quote_item).rev().find(|&i| word_at(prose, items, i).is_some_and(lexicon::is_speech_noun))?;
    let between = &items[noun + 1..quote_item];
    let interrupted = between.iter().any(|i| match i {
        Item::Word(span) => lexicon::is_cue_verb(span.text(prose)) && !lexicon::is_weak_cue(span.text(prose)),
        Item::Punct(_, c) => *c != ',',
        Item::Quote(_) => true,
    });
    if interrupted {
        return None;
    }
    // Up to two modifiers stand between the possessor and the noun: `his repeated calls`,
    // `her March comment`.
    let possessor = (noun.saturating_sub(3)..noun)
        .rev()
        .find(|&i| word_at(prose, items, i).is_some_and(|w| is_possessive_determiner(w) || ends_possessive(w)))?;
    let modifiers_only = items[possessor + 1..noun].iter().all(|i| i.word(prose).is_some());
    if !modifiers_only {
        return None;
    }
    Some(possessor_speaking(prose, items, possessor, items[noun].span()))
}

fn is_possessive_determiner(word: &str) -> bool {
    lexicon::is_possessive_determiner(word)
}

/// The speaker a possessive at `possessor` names, with `cue` the noun of speech: `his` (a
/// pronoun), or the whole name that owns the words (`Donald Trump’s`).
fn possessor_speaking(prose: &str, items: &[Item], possessor: usize, cue: Span) -> Found {
    let word = items[possessor].span();
    if is_possessive_determiner(word.text(prose)) {
        return Found { speaker: word, head: word, cue, form: SpeakerForm::Pronoun, rule: Rule::SpeechNounPossessor };
    }
    let mut first = possessor;
    while first > 0 && word_at(prose, items, first - 1).is_some_and(|w| is_capitalised(w) && !lexicon::is_stop_word(w))
    {
        first -= 1;
    }
    let speaker = Span::new(items[first].span().start, word.end);
    Found { speaker, head: speaker, cue, form: form_of(prose, speaker), rule: Rule::SpeechNounPossessor }
}

/// `Klasra, editor in chief of the Telegraph, told`: when a comma stands right before the
/// cue, the speaker is the name that opens the clause, with everything up to that comma
/// (appositives and who-clauses alike). Returns the name and the whole phrase.
pub(super) fn appositive_subject(prose: &str, items: &[Item], closing_comma: usize) -> Option<(Span, Span)> {
    let mut start = closing_comma;
    while start > 0 {
        match items[start - 1] {
            Item::Quote(_) | Item::Punct(_, ';' | ':' | '—' | '–') => break,
            // `(Lemkin, who coined the word, once said`: a parenthesis still open at the
            // cue opens the clause; `Sen. Jack Reed (D-R.I.), said` is closed.
            Item::Punct(_, '(') if !items[start..closing_comma].iter().any(|i| matches!(i, Item::Punct(_, ')'))) => {
                break;
            }
            Item::Word(span) if is_finite_cue(span.text(prose)) => {
                // A cue is fine inside a who-clause: `Clinton, who called Sanders, told …`.
                let in_relative_clause = items[..start - 1]
                    .iter()
                    .rev()
                    .take_while(|i| !matches!(i, Item::Punct(_, ',')))
                    .any(|i| i.word(prose).is_some_and(lexicon::is_lower_case_relative_pronoun));
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
        let mut position = (position..closing_comma).find(|&i| !matches!(items[i], Item::Punct(_, ',')))?;
        // `But Whitfield, noting the crowd, said`: a conjunction opening the sentence is
        // not part of the subject.
        if position + 1 < closing_comma && items[position].word(prose).is_some_and(lexicon::is_conjunction_opener) {
            position += 1;
        }
        let Some(name) = phrases::after(prose, items, position) else { continue };
        let next = items.iter().position(|i| i.span().start >= name.end)?;
        let named =
            name.text(prose).split_whitespace().any(is_capitalised) || form_of(prose, name) != SpeakerForm::Name;
        if next == closing_comma && named {
            // `Sen. Jack Reed (D-R.I.), said`: the comma closes the name itself.
            return Some((name, Span::new(name.start, items[closing_comma].span().end)));
        }
        if next < closing_comma && matches!(items[next], Item::Punct(_, ',')) && named {
            let aside = items
                .get(next + 1)
                .and_then(|i| i.word(prose))
                .is_none_or(|w| lexicon::opens_aside(w) || is_commentary(w));
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
pub(super) fn inverted_speaker(prose: &str, items: &[Item], name: Span) -> Span {
    let Some(next) = items.iter().position(|i| i.span().start >= name.end) else { return name };
    if word_at(prose, items, next) == Some("who") && !is_capitalised(name.text(prose)) {
        return restrictive_clause(items, name, next);
    }
    // `said a source involved in the talks`, `said one official in the room`: a description
    // defined by the phrase after it.
    let opens_with_article = name.text(prose).split(' ').next().is_some_and(|w| lexicon::MODIFIER_OPENERS.contains(&w));
    if opens_with_article
        && word_at(prose, items, next).is_some_and(|w| opens_definition(w) || w.ends_with("ed") && w.len() > 4)
    {
        return restrictive_clause(items, name, next);
    }
    if !matches!(items[next], Item::Punct(_, ',')) {
        return name;
    }
    if items.get(next + 1).and_then(|i| i.word(prose)).is_none() || ends_description(prose, items, next + 1) {
        return name;
    }
    let mut end = next + 1;
    // The comma before a who-clause: `, the party's strategist, who added that …` keeps the
    // description when the who-clause turns out to be an attribution of its own.
    let mut who_clause: Option<usize> = None;
    while end < items.len() {
        if matches!(items[end], Item::Punct(_, ',')) && word_at(prose, items, end + 1) == Some("who") {
            who_clause = Some(end);
        }
        match items[end] {
            // `MoveOn.org`, `R-S.C.`: a period inside a word does not end the description.
            Item::Punct(dot, '.') if prose[dot.end..].starts_with(|c: char| c.is_alphanumeric()) => {}
            Item::Quote(_) | Item::Punct(_, ';' | ':' | '.' | '?' | '!' | '—') => break,
            // A comma followed by an aside ends the description: `, referring to …`.
            Item::Punct(_, ',') if ends_description(prose, items, end + 1) && !is_hometown(prose, items, end + 1) => {
                break;
            }
            Item::Word(span) if is_finite_cue(span.text(prose)) => {
                return match who_clause {
                    Some(comma) if comma > next + 1 => Span::new(name.start, items[comma - 1].span().end),
                    _ => name,
                };
            }
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
    // `said Jo Park, a spokeswoman, adding …`: the comma that closes the appositive belongs to it,
    // as it does before a cue (`Park, a spokeswoman, said`).
    if matches!(items.get(last + 1), Some(Item::Punct(_, ','))) {
        last += 1;
    }
    Span::new(name.start, items[last].span().end)
}

/// Whether the word at `at`, after a comma, ends a speaker's description: an aside
/// (`, referring to …`) or a comment (`, whose …`), but not `, now a radio host` or
/// `, then senior pastor`.
fn ends_description(prose: &str, items: &[Item], at: usize) -> bool {
    let Some(word) = word_at(prose, items, at) else { return false };
    if word == "now" || word == "then" {
        let describes = word_at(prose, items, at + 1).is_some_and(|w| {
            lexicon::MODIFIER_OPENERS.contains(&w)
                || !is_capitalised(w) && !w.ends_with("ed") && !w.ends_with("ing") && !w.ends_with("ly")
        });
        return !describes;
    }
    lexicon::opens_aside(word) || is_commentary(word)
}

/// `, whose book …`, `, which …`: a clause that comments on a speaker rather than says who
/// they are, and that PolNeAR leaves out of the speaker.
fn is_commentary(word: &str) -> bool {
    word == "whose" || word == "which"
}

/// A word that opens a phrase defining the description before it: `in the room`,
/// `close to the club`, `familiar with the talks`.
fn opens_definition(word: &str) -> bool {
    lexicon::DEFINING_PREPOSITIONS.contains(&word) || word == "close" || word == "familiar"
}

/// `Jo Park, 32, of Harbour City`: `of` or `from` before a place continues a description.
fn is_hometown(prose: &str, items: &[Item], at: usize) -> bool {
    word_at(prose, items, at).is_some_and(|w| w == "of" || w == "from")
        && word_at(prose, items, at + 1).is_some_and(is_capitalised)
}

/// `said a former official who oversaw the inquiry.`: a who-clause without a comma defines
/// a description, and belongs to it up to the end of the clause.
fn restrictive_clause(items: &[Item], name: Span, who: usize) -> Span {
    let end = items[who..]
        .iter()
        .position(|i| matches!(i, Item::Quote(_) | Item::Punct(_, ',' | ';' | ':' | '.' | '?' | '!' | '—')))
        .map_or(items.len(), |p| who + p);
    if end - who > 25 || end == who + 1 {
        return name;
    }
    Span::new(name.start, items[end - 1].span().end)
}
