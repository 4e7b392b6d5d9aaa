//! Sentence boundaries in a block of narrative. Quotations are opaque: a period inside a
//! quotation ends the sentence only where the quotation ends and a new sentence begins.

use super::Span;
use super::eight_bytes::has_byte;
use super::lexicon;
use super::quotes::is_opening_mark;
use super::words::is_capitalised;

/// The sentences of `block`, in order, covering it without gaps. `quotes` are the
/// quotation spans inside the block, sorted.
pub fn split(prose: &str, block: Span, quotes: &[Span]) -> Vec<Span> {
    let text = block.text(prose);
    let mut sentences = Vec::new();
    let mut start = block.start;
    let mut quote_index = 0;
    for offset in candidates(text, block.start, quotes) {
        let Some(c) = text[offset..].chars().next() else { continue };
        let at = block.start + offset;
        while quote_index < quotes.len() && quotes[quote_index].end <= at {
            quote_index += 1;
        }
        let inside_quote = quotes.get(quote_index).is_some_and(|q| q.start <= at && at < q.end);
        let ends_quote = quotes.get(quote_index).is_some_and(|q| q.end == at + c.len_utf8() && q.start < at);
        let terminal = if ends_quote {
            prose[..at].trim_end().ends_with(['.', '?', '!'])
        } else {
            !inside_quote && matches!(c, '.' | '?' | '!')
        };
        if !terminal {
            continue;
        }
        let end = at + c.len_utf8();
        let rest = &prose[end..block.end];
        let next_word = rest.trim_start();
        if rest.len() == next_word.len() && !next_word.is_empty() {
            continue; // "U.S.-backed", "3.5": no space, no boundary.
        }
        let begins_sentence = next_word
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_numeric() || is_opening_mark(n) || n == '‘' || n == '(');
        // After "U.S." or "p.m." a pronoun or an article starts a new sentence; after "Mr."
        // or an initial the next word is a name and does not.
        let after_abbreviation = c == '.' && is_abbreviation_before(prose, block.start, at);
        let begins_sentence = if after_abbreviation {
            let word_end = next_word.find(|c: char| !c.is_alphabetic()).unwrap_or(next_word.len());
            lexicon::starts_sentence_after_abbreviation(&next_word[..word_end])
                && ends_dotted_abbreviation(prose, block.start, at)
        } else {
            begins_sentence
        };
        // `“Really?” Bush said.`: a question or exclamation closing a quotation is the
        // quotation's own; the sentence runs on to its speaker and cue.
        let question_before_cue =
            ends_quote && prose[..at].trim_end().ends_with(['?', '!']) && names_then_cue(next_word);
        if begins_sentence && !question_before_cue {
            sentences.push(Span::new(start, end));
            start = block.end - next_word.len();
        }
    }
    if start < block.end {
        sentences.push(Span::new(start, block.end));
    }
    sentences
}

/// True when `text` opens with a name of up to four capitalised words and then a cue verb:
/// `Bush said`, `Sen. Dana Whitfield asked`.
fn names_then_cue(text: &str) -> bool {
    let mut words = text.split_whitespace();
    for (count, raw) in words.by_ref().enumerate() {
        let word = raw.trim_end_matches([',', '.', ':', ';']);
        // `“…?” Hannity pressed.`: any verb in the past tense that ends the sentence.
        let past_tense_ending = word.len() < raw.len() && word.ends_with("ed");
        if (lexicon::is_cue_verb(word) || past_tense_ending) && !is_capitalised(word) {
            return count > 0;
        }
        // `“…!” She replied to him …` opens a sentence of its own: a pronoun is no name.
        if count == 4 || !is_capitalised(word) || lexicon::is_stop_word(word) || lexicon::is_speaker_pronoun(word) {
            return false;
        }
    }
    false
}

/// The offsets in `text` where a sentence may end, in order: every `.`, `?` and `!`, and
/// the last character of each quotation. At any other character the loop of [`split`]
/// finds no boundary, so it visits only these instead of every character.
fn candidates(text: &str, text_start: usize, quotes: &[Span]) -> Vec<usize> {
    let mut offsets = Vec::new();
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    // Eight bytes at a time: most chunks of prose hold no terminal mark at all.
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if has_byte(word, b'.') || has_byte(word, b'?') || has_byte(word, b'!') {
            offsets.extend(chunk.iter().enumerate().filter(|&(_, &b)| is_terminal(b)).map(|(i, _)| at + i));
        }
        at += 8;
    }
    offsets.extend(chunks.remainder().iter().enumerate().filter(|&(_, &b)| is_terminal(b)).map(|(i, _)| at + i));
    let quote_ends = quotes.iter().filter_map(|quote| {
        let end = quote.end.checked_sub(text_start)?;
        let last = text.get(..end)?.chars().next_back()?;
        Some(end - last.len_utf8())
    });
    let before = offsets.len();
    offsets.extend(quote_ends);
    if offsets.len() > before {
        offsets.sort_unstable();
        offsets.dedup();
    }
    offsets
}

fn is_terminal(byte: u8) -> bool {
    matches!(byte, b'.' | b'?' | b'!')
}

/// True for a period that ends a dotted abbreviation such as "U.S." or "p.m." (not "Mr.").
fn ends_dotted_abbreviation(prose: &str, floor: usize, at: usize) -> bool {
    let before = &prose[floor..at];
    let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or(before);
    word.contains('.')
}

/// True when the period at `at` closes an abbreviation or an initial: "Mr.", "J. Smith".
fn is_abbreviation_before(prose: &str, floor: usize, at: usize) -> bool {
    if !prose[at..].starts_with('.') {
        return false;
    }
    let before = &prose[floor..at];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || lexicon::is_abbreviation(word) || (word.contains('.') && word.len() <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let article = crate::analysis::article::parse(&format!("Title\n{text}"), crate::analysis::Format::PlainText);
        let quotes: Vec<Span> = crate::analysis::quotes::scan(&article.prose, &article)
            .quotes
            .iter()
            .map(|q| Span::new(q.span.start - 6, q.span.end - 6))
            .collect();
        let got: Vec<&str> = split(text, Span::new(0, text.len()), &quotes).iter().map(|s| s.text(text)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn quotations_are_opaque() {
        check(
            "“We lost. We will win,” he said. “Next year.” Then he left.",
            &["“We lost. We will win,” he said.", "“Next year.”", "Then he left."],
        );
    }

    #[test]
    fn a_question_inside_a_quotation_does_not_end_the_sentence() {
        check("“Why now?” she asked. It rained.", &["“Why now?” she asked.", "It rained."]);
        check(
            "He left early. “Is that it? Really?” Sen. Dana Whitfield asked. “Go!” Okafor said of the club.",
            &["He left early.", "“Is that it? Really?” Sen. Dana Whitfield asked.", "“Go!” Okafor said of the club."],
        );
        // A statement closed with a period is not carried on to the next sentence's cue,
        // nor a question to a sentence that only starts with names.
        check(
            "“We lost.” Okafor said the club would appeal. “Why?” Riverside United fans ask nothing.",
            &["“We lost.”", "Okafor said the club would appeal.", "“Why?”", "Riverside United fans ask nothing."],
        );
        check("“Why?” The Council met.", &["“Why?”", "The Council met."]);
        check("“Go!” She replied later.", &["“Go!”", "She replied later."]);
        check("“Is it over?” Okafor pressed. “Yes.”", &["“Is it over?” Okafor pressed.", "“Yes.”"]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        check(
            "Mr. Diaz met J. R. Okafor in the U.S. on Sept. 3. They spoke.",
            &["Mr. Diaz met J. R. Okafor in the U.S. on Sept. 3.", "They spoke."],
        );
        check(
            "The club plays in the U.S. He left at 7 p.m. The rest stayed.",
            &["The club plays in the U.S.", "He left at 7 p.m.", "The rest stayed."],
        );
    }
}
