//! Noun phrases around a cue: the speaker before `said`, after `said`, after `according to`.

use crate::analysis::Span;
use crate::analysis::lexicon;
use crate::analysis::words::{Token, TokenKind, ends_possessive, is_capitalised};

/// A sentence as the attribution rules see it: words and punctuation, with each
/// quotation reduced to one opaque item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Word(Span),
    Punct(Span, char),
    Quote(Span),
}

impl Item {
    pub fn span(self) -> Span {
        match self {
            Item::Word(s) | Item::Punct(s, _) | Item::Quote(s) => s,
        }
    }

    pub fn word(self, prose: &str) -> Option<&str> {
        match self {
            Item::Word(s) => Some(s.text(prose)),
            _ => None,
        }
    }
}

/// Merges tokens with quotation spans: tokens inside a quotation become one `Quote` item.
pub fn items(tokens: &[Token], quotes: &[Span]) -> Vec<Item> {
    let mut items = Vec::with_capacity(tokens.len());
    let mut quote_index = 0;
    for token in tokens {
        while quote_index < quotes.len() && quotes[quote_index].end <= token.span.start {
            quote_index += 1;
        }
        if let Some(&quote) = quotes.get(quote_index).filter(|q| q.start <= token.span.start) {
            if items.last() != Some(&Item::Quote(quote)) {
                items.push(Item::Quote(quote));
            }
            continue;
        }
        items.push(match token.kind {
            TokenKind::Word => Item::Word(token.span),
            TokenKind::Punct(c) => Item::Punct(token.span, c),
        });
    }
    items
}

fn is_connector(word: &str) -> bool {
    lexicon::is_phrase_connector(word)
}

/// Could this word be part of a noun phrase?
fn nominal(word: &str) -> bool {
    // `wasn’t`, `didn't`: a negated auxiliary ends the phrase before it.
    if lexicon::is_sentence_opener(word) || lexicon::is_negated_auxiliary(word) {
        return false;
    }
    if is_capitalised(word) || word.chars().next().is_some_and(|c| c.is_numeric()) {
        // Modal verbs and a few other stop words are also first names: Will, May, Chase.
        return !lexicon::is_stop_word(word) || lexicon::is_determiner(word) || lexicon::is_stop_word_as_name(word);
    }
    if lexicon::is_stop_word(word) && !lexicon::is_determiner(word) {
        return false;
    }
    // Strong cues are verbs; weak ones are as often nouns: "state director", "a report".
    if lexicon::is_cue_verb(word) && !lexicon::is_weak_cue(word) {
        return false;
    }
    if lexicon::is_irregular_verb(word) {
        return false;
    }
    let verb_like = (word.ends_with("ed") || word.ends_with("ing") || word.ends_with("ly"))
        && !lexicon::is_noun_like_verb_form(word);
    !verb_like
}

/// A participle or adjective in -ed/-ing that can modify the noun after it.
fn modifier(word: &str) -> bool {
    !is_capitalised(word)
        && (word.ends_with("ing") || word.ends_with("ed"))
        && !lexicon::is_stop_word(word)
        && !lexicon::is_cue_verb(word)
        && word.len() > 4
}

/// The noun phrase that ends just before `items[end]`, read backwards, within the clause.
pub fn before(prose: &str, items: &[Item], end: usize) -> Option<Span> {
    // A parenthesis right before the cue belongs to the phrase: `Rep. Jo Park (D-Ore.) said`.
    if end > 0 && matches!(items[end - 1], Item::Punct(_, ')')) {
        let open = items[..end - 1].iter().rposition(|i| matches!(i, Item::Punct(_, '(')))?;
        if end - 1 - open > 8 {
            return None;
        }
        let name = before(prose, items, open)?;
        return Some(Span::new(name.start, items[end - 1].span().end));
    }
    let mut index = end;
    let mut first: Option<usize> = None;
    let mut last: Option<usize> = None;
    let mut words = 0;
    while index > 0 {
        let item = items[index - 1];
        let Some(word) = item.word(prose) else { break };
        if last.is_none() {
            if lexicon::is_speaker_pronoun(word) || lexicon::is_other_personal_pronoun(word) {
                return Some(item.span());
            }
            if let Some(pronoun) = contracted_pronoun(word) {
                return Some(Span::new(item.span().start, item.span().start + pronoun.len()));
            }
            // A lone quantifier can be the whole phrase: `Another said …`.
            let lone = lexicon::is_lone_quantifier(word) && (index == 1 || !matches!(items[index - 2], Item::Word(_)));
            if lone {
                return Some(item.span());
            }
            // `the mother of three said`: a number after `of` is the noun it counts.
            let counted = lexicon::is_count_after_of(word) && index >= 2 && items[index - 2].word(prose) == Some("of");
            // `those surveyed said`, `voters polled said`: the people a poll asked.
            let polled = lexicon::is_poll_participle(word)
                && index >= 2
                && items[index - 2].word(prose).is_some_and(|w| nominal(w) || w.eq_ignore_ascii_case("those"));
            if !counted && !polled && (!nominal(word) || lexicon::is_determiner(word) || is_connector(word)) {
                return None;
            }
            last = Some(index - 1);
            first = Some(index - 1);
        } else if lexicon::is_determiner(word) {
            first = Some(index - 1);
            let before_determiner = index.checked_sub(2).and_then(|i| items[i].word(prose));
            if !before_determiner.is_some_and(|w| w == "of" || w == "for") {
                break;
            }
        } else if is_connector(word) {
            let joins = match word {
                "and" | "&" => {
                    items.get(index).and_then(|i| i.word(prose)).is_some_and(is_capitalised)
                        && index.checked_sub(2).and_then(|i| items[i].word(prose)).is_some_and(is_capitalised)
                }
                _ => true,
            };
            if !joins {
                break;
            }
        } else if nominal(word) && !lexicon::is_speaker_pronoun(word) {
            first = Some(index - 1);
        } else if modifier(word)
            && items.get(index).and_then(|i| i.word(prose)).is_some_and(|w| nominal(w) && !is_capitalised(w))
        {
            // `policy planning director`, `the bespectacled diplomat`: a participle before a
            // noun. Before a name it is the verb: `The closure angered Okafor`.
            first = Some(index - 1);
        } else {
            break;
        }
        words += 1;
        if words > 12 {
            break;
        }
        index -= 1;
    }
    let (first, last) = (first?, last?);
    // A phrase never starts with a connector: "of the council said" reads as "the council".
    let mut first = first;
    while first < last && items[first].word(prose).is_some_and(is_connector) {
        first += 1;
    }
    // `A footnote in the report said`: a phrase after a preposition may define the
    // description before it, when that description opens with an article.
    let preposition = first.checked_sub(1).and_then(|p| Some((p, items[p].word(prose)?)));
    if let Some((p, word)) = preposition
        && lexicon::DEFINING_PREPOSITIONS.contains(&word)
        && let Some(described) = before(prose, items, p)
        && described
            .text(prose)
            .split(' ')
            .next()
            .is_some_and(|w| lexicon::one_of(w, lexicon::MODIFIER_OPENERS) && described.text(prose).contains(' '))
    {
        return Some(Span::new(described.start, items[last].span().end));
    }
    Some(Span::new(items[first].span().start, items[last].span().end))
}

/// `he’s` in `he’s said`, `he’d` in `he’d asked`: the pronoun of a contraction with an
/// auxiliary (`has`, `is`, `had`, `would`, `will`, `have`, `are`).
fn contracted_pronoun(word: &str) -> Option<&str> {
    let (pronoun, rest) = word.split_at(word.find(['’', '\''])?);
    let ending = rest.trim_start_matches(['’', '\'']);
    (lexicon::is_auxiliary_contraction(ending) && lexicon::is_speaker_pronoun(pronoun)).then_some(pronoun)
}

/// Roles that name whom they serve with `to`: `an adviser to the mayor`.
fn takes_to(word: &str) -> bool {
    lexicon::ROLES_WITH_TO.contains(&word)
}

/// The noun phrase that starts at `items[start]`, read forwards: `said Mujahid`,
/// `according to a spokesman for the council`.
pub fn after(prose: &str, items: &[Item], start: usize) -> Option<Span> {
    let first_word = items.get(start)?.word(prose)?;
    if lexicon::is_speaker_pronoun(first_word) {
        return Some(items[start].span());
    }
    if lexicon::is_phrase_connector_in_any_case(first_word) {
        return None;
    }
    let mut last = None;
    let mut index = start;
    let mut words = 0;
    let determined = lexicon::is_determiner(first_word) || ends_possessive(first_word);
    while let Some(item) = items.get(index) {
        let Some(word) = item.word(prose) else {
            // "U.S." may end with a period token; a comma ends the phrase.
            break;
        };
        let is_first = index == start;
        // `about 200 protesters`, `nearly 50 fans`: an approximate count opens the phrase.
        let approximates = is_first
            && lexicon::is_approximator(word)
            && items
                .get(index + 1)
                .and_then(|i| i.word(prose))
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        // `says one of the players`, `some of the fans`: a quantifier before `of` is the head.
        let quantifies = is_first
            && lexicon::is_determiner(word)
            && items.get(index + 1).and_then(|i| i.word(prose)).is_some_and(|n| n == "of");
        if quantifies {
            last = Some(index);
        } else if approximates || is_first && lexicon::is_determiner(word) {
        } else if is_connector(word)
            || word == "to" && index > start && items[index - 1].word(prose).is_some_and(takes_to)
        {
            let next = items.get(index + 1).and_then(|i| i.word(prose));
            if !next.is_some_and(|n| nominal(n) || lexicon::is_determiner(n)) || last.is_none() {
                break;
            }
        } else if lexicon::is_determiner(word)
            && index > start
            && items[index - 1].word(prose).is_some_and(|w| is_connector(w) || w == "to")
        {
        } else if (nominal(word) || determined && word.ends_with("ing")) && !lexicon::is_determiner(word) {
            // After an article an -ing word is a noun: `the planning committee`.
            last = Some(index);
        } else if modifier(word)
            && (if is_first {
                word.ends_with("ed")
            } else {
                items[index - 1].word(prose).is_some_and(|w| lexicon::one_of(w, lexicon::MODIFIER_OPENERS))
            })
            && items.get(index + 1).and_then(|i| i.word(prose)).is_some_and(nominal)
        {
            // `said retired surgeon Ben Carson`, `one unaligned strategist`: an adjective in
            // -ed or -ing that opens the phrase belongs to it, though it cannot end it.
        } else if is_capitalised(word)
            && index > start
            && items.get(index + 1).and_then(|i| i.word(prose)).is_some_and(|n| is_capitalised(n) && nominal(n))
        {
            // `the advocacy group One Nation`, `Our Principles PAC`: inside a name a
            // capitalised stop word is part of it.
        } else if lexicon::is_number_word(word)
            && index > start
            && items[index - 1].word(prose).is_some_and(lexicon::is_determiner)
            && items.get(index + 1).and_then(|i| i.word(prose)).is_some_and(nominal)
        {
            // `the two councillors`, `the three judges`: a number after an article counts the
            // noun after it.
        } else if is_capitalised(word)
            && index > start
            && items[index - 1].word(prose).is_some_and(lexicon::is_determiner)
            && items.get(index + 1).and_then(|i| i.word(prose)).is_some_and(|n| nominal(n) && !is_capitalised(n))
        {
            // `reads a Wednesday editorial`: a capitalised stop word after an article
            // modifies the noun after it.
        } else {
            break;
        }
        words += 1;
        if words > 12 {
            break;
        }
        index += 1;
    }
    let mut last = last?;
    // A parenthesis right after a name belongs to it: `Rep. Jo Park (D-Ore.)`.
    if matches!(items.get(last + 1), Some(Item::Punct(_, '('))) {
        let close = items[last + 1..].iter().take(10).position(|i| matches!(i, Item::Punct(_, ')')));
        if let Some(close) = close {
            last += 1 + close;
        }
    }
    Some(Span::new(items[start].span().start, items[last].span().end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::words::tokenize;

    /// `|` marks where the phrase is looked for: before it (`before`) or after it (`after`).
    fn check(fixture: &str, expect: Option<&str>) {
        let (left, right) = fixture.split_once('|').unwrap();
        let text = format!("{left}{right}");
        let tokens = tokenize(&text, Span::new(0, text.len()));
        let items = items(&tokens, &[]);
        let split = items.iter().position(|i| i.span().start >= left.len()).unwrap_or(items.len());
        let found = if right.starts_with(' ') && left.ends_with(' ') || right.is_empty() {
            before(&text, &items, split)
        } else {
            after(&text, &items, split)
        };
        assert_eq!(found.map(|s| s.text(&text)), expect, "{fixture}");
    }

    #[test]
    fn phrases_before_a_cue() {
        check("Mujahid | said", Some("Mujahid"));
        check("In a statement, Mayor Dana Whitfield | said", Some("Mayor Dana Whitfield"));
        check("The head of the supporters’ trust | said", Some("The head of the supporters’ trust"));
        check("On Tuesday the club | said", Some("the club"));
        check("Harbour City and Riverside United | said", Some("Harbour City and Riverside United"));
        check("and then he | said", Some("he"));
        check("and she’s | said", Some("she"));
        check("Okafor said he’d | asked", Some("he"));
        check("they’ve | said", Some("they"));
        check("Whitfield didn’t | say", None);
        check("The results aren’t | final", None);
        check("Fans who stayed | said", None);
        check("When pressed, the mother of three | replied", Some("the mother of three"));
        check("two | said", None);
        check("While those surveyed | said", Some("those surveyed"));
        check("Most voters polled | said", Some("Most voters polled"));
    }

    #[test]
    fn phrases_after_a_cue() {
        check("said |Councillor Tomas Okafor on Tuesday", Some("Councillor Tomas Okafor"));
        check("according to |a spokesman for the club.", Some("a spokesman for the club"));
        check("said |he.", Some("he"));
        check("said |that the pool", None);
        check("said |retired surgeon Ben Carson.", Some("retired surgeon Ben Carson"));
        check("said |one unaligned club steward.", Some("one unaligned club steward"));
        check("said |a longtime adviser to the mayor.", Some("a longtime adviser to the mayor"));
        check("said |a source close to the club.", Some("a source close to the club"));
        check("said |Okafor to the council.", Some("Okafor"));
        check("said |embattled.", None);
        check("|leading scorer Ben Castillo", None);
        check("reads |a Wednesday editorial.", Some("a Wednesday editorial"));
        check("said |Okafor Wednesday.", Some("Okafor"));
        check("|The two councillors, however,", Some("The two councillors"));
        check("said |the two.", None);
    }
}
