//! Telling speech from scare quotes, titles and terms.

use super::QuoteKind;
use crate::analysis::words::{Token, tokenize};
use crate::analysis::{Span, lexicon};

/// The kind of the quotation at `quote` in `sentence`. `attributed` says whether its
/// sentence gives it a speaker: a partial quote in a speaker's sentence is speech.
pub fn classify(prose: &str, quote: Span, sentence: Span, attributed: bool) -> QuoteKind {
    let inner = inner_text(prose, quote);
    // The rules only tell up to eight words apart: a long quotation is not counted through.
    let words = count_words(inner, 8);
    // The three words before the quotation are all the rules read: tokenize a short window.
    let mut window_start = quote.start.saturating_sub(80).max(sentence.start.min(quote.start));
    while !prose.is_char_boundary(window_start) {
        window_start += 1;
    }
    let before: Vec<Token> = tokenize(prose, Span::new(window_start, quote.start));
    let mut last_words = [""; 3];
    let mut found = 0;
    for token in before.iter().rev().filter(|t| t.is_word()).take(3) {
        last_words[found] = token.text(prose);
        found += 1;
    }
    let previous_words = &last_words[..found];
    // `the show “Cake Boss.”`, `to see if they could “look like Donald Trump.”`: a short
    // quotation that a word runs straight into is a phrase of the sentence, and the period
    // American style sets inside its closing mark does not make it a sentence.
    let embedded = before.last().is_some_and(|t| t.is_word());
    let trimmed = inner.trim_end();
    let ends_like_sentence =
        trimmed.ends_with(['?', '!']) || trimmed.ends_with('.') && !(embedded && words <= EMBEDDED_PHRASE_WORDS);
    let follows = |is_marker: fn(&str) -> bool| previous_words.iter().take(2).any(|w| is_marker(w));
    let sentence_like = ends_like_sentence || words >= 8;
    // `the film “Beloved”`, `a film called “Beloved”`; not `his campaign has “the wind …”`.
    let after_title_noun = match previous_words {
        [first, ..] if lexicon::is_title_noun(first) => true,
        [first, second, ..] => lexicon::is_title_noun(second) && lexicon::is_naming_verb(first),
        _ => false,
    };
    if after_title_noun && !sentence_like {
        return QuoteKind::Title;
    }
    // `appear on “The View” and “The Late Show With Stephen Colbert,”`: a short quotation in
    // title case that a word runs straight into names a work, a show or an event; in a
    // speaker's sentence too when it follows `on` or `in` (`Cuban said on “Meet the Press.”`).
    let after_title_preposition = previous_words.first().is_some_and(|w| lexicon::is_preposition_before_title(w));
    if embedded
        && (!attributed || after_title_preposition)
        && !sentence_like
        && (2..=EMBEDDED_PHRASE_WORDS).contains(&words)
        && is_title_case(inner)
    {
        return QuoteKind::Title;
    }
    // A partial quotation in its speaker's sentence is speech, even after "called".
    if !sentence_like && words <= 6 && !attributed {
        if previous_words.first().is_some_and(|w| lexicon::is_term_noun(w)) {
            return QuoteKind::Term;
        }
        if follows(lexicon::is_scare_marker) || called_it(previous_words) {
            return QuoteKind::Scare;
        }
        // A comma inside the closing mark (`“We lost,” …`) goes with a quotation that opens a
        // sentence; after a word it is the sentence's own comma, set inside American style.
        if (words <= 4 || embedded && words <= EMBEDDED_PHRASE_WORDS) && (embedded || !inner.trim_end().ends_with(','))
        {
            return QuoteKind::Scare;
        }
    }
    QuoteKind::Speech
}

/// Every word capitalised but the short joining words of titles: `The Late Show With
/// Stephen Colbert`, `Cake Boss.`
fn is_title_case(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || lexicon::is_title_joiner(w))
}

/// The most words a quotation that a word runs straight into may have and still be read as
/// a phrase of its sentence when nobody is said to speak it: `they could “look like Donald
/// Trump.”`
const EMBEDDED_PHRASE_WORDS: usize = 6;

/// Whether the quotation at `quote` reads as a sentence of its own: it ends like one, or
/// runs to eight words or more. A clause can introduce such a quotation with a colon or a
/// comma alone (`She was blunt: “We are broke.”`); a shorter one is a phrase of the clause.
pub fn reads_as_sentence(prose: &str, quote: Span) -> bool {
    let inner = inner_text(prose, quote);
    inner.trim_end().ends_with(['.', '?', '!']) || count_words(inner, 8) >= 8
}

/// The number of whitespace-separated words of `text`, counted up to `limit`: what
/// `text.split_whitespace().take(limit).count()` gives, reading ASCII without decoding.
fn count_words(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    // Whether the character at `i` is whitespace, and its length.
    let space_at = |i: usize| -> (bool, usize) {
        let byte = bytes[i];
        if byte.is_ascii() {
            (matches!(byte, b' ' | b'\t'..=b'\r'), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (c.is_whitespace(), c.len_utf8())
        }
    };
    let mut count = 0;
    let mut i = 0;
    while count < limit {
        while i < bytes.len() && space_at(i).0 {
            i += space_at(i).1;
        }
        if i == bytes.len() {
            break;
        }
        count += 1;
        while i < bytes.len() {
            // Printable ASCII, nearly every byte of a word, needs no further look.
            if (b'!'..=b'~').contains(&bytes[i]) {
                i += 1;
                continue;
            }
            let (space, length) = space_at(i);
            if space {
                break;
            }
            i += length;
        }
    }
    count
}

/// `called it a “…”`, `calls them “…”`.
fn called_it(previous: &[&str]) -> bool {
    use lexicon::{is_form_of_call, is_object_of_call};
    match previous {
        [first, second, ..] if is_object_of_call(first) && is_form_of_call(second) => true,
        [first, second, third, ..] => is_object_of_call(first) && is_object_of_call(second) && is_form_of_call(third),
        _ => false,
    }
}

/// The quotation without its marks.
pub(crate) fn inner_text(prose: &str, quote: Span) -> &str {
    let text = quote.text(prose);
    let text = text.strip_prefix(['“', '"']).unwrap_or(text);
    text.strip_suffix(['”', '"']).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture marks the sentence with the quote inside; `attributed` as given.
    fn check(sentence: &str, attributed: bool, expect: QuoteKind) {
        let start = sentence.find(['“', '"']).unwrap();
        let after_open = start + sentence[start..].chars().next().unwrap().len_utf8();
        let close = after_open + sentence[after_open..].find(['”', '"']).unwrap();
        let end = close + sentence[close..].chars().next().unwrap().len_utf8();
        let kind = classify(sentence, Span::new(start, end), Span::new(0, sentence.len()), attributed);
        assert_eq!(kind, expect, "{sentence}");
    }

    #[test]
    fn a_title_after_on_or_in_is_a_title_in_a_speakers_sentence_too() {
        check("Okafor said on “Meet the Council.” that the pool would close.", true, QuoteKind::Title);
        check("Okafor wrote in “The Harbour Years” that the pool was old.", true, QuoteKind::Title);
        // Not in title case: the speaker's own words.
        check("Okafor said on “a very sad day” that the pool would close.", true, QuoteKind::Speech);
    }

    #[test]
    fn scare_quotes_titles_and_terms() {
        check("Critics called it a “witch hunt” on Tuesday.", false, QuoteKind::Scare);
        check("The mayor called it a “witch hunt” on Tuesday.", true, QuoteKind::Speech);
        check("She reread the novel “Beloved” last summer.", false, QuoteKind::Title);
        check("They showed a film called “Beloved” last summer.", false, QuoteKind::Title);
        check("He says his campaign has “the wind at its back” now.", true, QuoteKind::Speech);
        check("Nobody used the word “pivot” at the meeting.", false, QuoteKind::Term);
        check("The so-called “fan zone” stayed empty.", false, QuoteKind::Scare);
        check("The “fan zone” stayed empty.", false, QuoteKind::Scare);
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\nline",
            "no\u{a0}break\u{2003}em space",
            "é à ü",
            "a b c d e f g h i j",
        ] {
            for limit in [1, 3, 8] {
                assert_eq!(count_words(text, limit), text.split_whitespace().take(limit).count(), "{text:?} {limit}");
            }
        }
    }

    #[test]
    fn speech_needs_a_speaker() {
        check("“We will rebuild the stand by spring,” the chairman said.", true, QuoteKind::Speech);
        check("The coach said the team was “not ready.”", true, QuoteKind::Speech);
        check("“It is over.”", false, QuoteKind::Speech);
        check("She said the plan was “reckless”.", true, QuoteKind::Speech);
    }
}
