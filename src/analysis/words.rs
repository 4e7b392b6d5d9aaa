//! A small tokenizer for prose: words (with inner apostrophes, hyphens and the periods of
//! abbreviations such as "U.S.") and single punctuation marks, each with its byte span.

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// Any other non-space character: punctuation, quote marks, symbols.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text(self, source: &str) -> &str {
        self.span.text(source)
    }

    pub fn is_word(self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_punct(self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// True for the apostrophes that may sit inside a word: `don’t`, `Klasra's`.
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokens of `source[span]`, with absolute spans.
pub fn tokenize(source: &str, span: Span) -> Vec<Token> {
    tokenize_outside(source, span, &[])
}

/// The tokens of [`tokenize`], except that the tokens starting inside one of `quotes`
/// (sorted by start) are one token from the first of them to the quotation's end, when the
/// quotation ends in a mark no word can hold (`”`, `"`, `)`). For callers that treat a
/// quotation as one opaque item: its words are not read, and the tokens before and after
/// it are the same, since a token depends only on the text from where it starts.
pub fn tokenize_outside(source: &str, span: Span, quotes: &[Span]) -> Vec<Token> {
    let text = span.text(source);
    let bytes = text.as_bytes();
    // About one token for every five bytes of prose: one allocation for most sentences.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 4);
    let mut quote_index = 0;
    // Walks bytes, decoding a character only where one is not ASCII: the rules below are
    // the same for every character, but ASCII letters, digits and spaces, nearly all of
    // prose, skip the Unicode tables.
    let mut i = 0;
    while i < bytes.len() {
        let (c, c_len) = char_at(text, i);
        if is_space(c) {
            i += c_len;
            continue;
        }
        let at = span.start + i;
        while quote_index < quotes.len() && quotes[quote_index].end <= at {
            quote_index += 1;
        }
        // A word never runs through a closing mark, so a token starts right after it: from
        // there on the tokens are those of the whole text.
        if let Some(quote) = quotes.get(quote_index).filter(|q| q.start <= at && ends_in_hard_mark(source, **q)) {
            tokens.push(Token { span: Span::new(at, quote.end), kind: TokenKind::Punct(c) });
            i = quote.end - span.start;
            continue;
        }
        if !is_letter_or_digit(c) {
            tokens.push(Token { span: Span::new(span.start + i, span.start + i + c_len), kind: TokenKind::Punct(c) });
            i += c_len;
            continue;
        }
        let mut end = i + c_len;
        // Whether `text[i..end]` is all digits, commas and periods so far.
        let mut numeric = c.is_ascii_digit();
        while end < bytes.len() {
            let j = end;
            if bytes[j].is_ascii_alphanumeric() {
                numeric &= bytes[j].is_ascii_digit();
                end += 1;
                continue;
            }
            // A space, and a comma outside a number, end a word whatever follows: most
            // words end there, and need none of the tests below.
            if bytes[j] == b' ' || bytes[j] == b',' && !numeric {
                break;
            }
            let (d, d_len) = char_at(text, j);
            // "1,300" and "3.5" are one number.
            let in_number = (d == ',' || d == '.') && numeric && bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
            let joins = in_number
                || is_letter_or_digit(d)
                || d == '\u{0301}'
                || is_combining(d)
                || ((is_apostrophe(d) || d == '-' || d == '.' || d == '\u{2011}')
                    && next_char(text, j + d_len).is_some_and(is_letter_or_digit)
                    && (d != '.' || is_abbreviation_dot(&text[i..j], &text[j + 1..])));
            if !joins {
                break;
            }
            numeric &= d.is_ascii_digit() || d == ',' || d == '.';
            end = j + d_len;
        }
        // A plural possessive keeps its apostrophe: "the supporters’ trust".
        if bytes[end - 1] == b's'
            && let Some(apostrophe) = next_char(text, end).filter(|&a| is_apostrophe(a))
            && next_char(text, end + apostrophe.len_utf8()).is_none_or(is_space)
        {
            end += apostrophe.len_utf8();
        }
        // A trailing period of an abbreviation such as "U.S." belongs to the word.
        // So does the period of a title or an initial: "Sen. Amy Klobuchar", "Wendy R. Weiser".
        let word = &text[i..end];
        if bytes.get(end) == Some(&b'.') {
            let initial = word.len() <= 4 && word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || initial || super::lexicon::is_abbreviation(word) {
                end += 1;
            }
        }
        tokens.push(Token { span: Span::new(span.start + i, span.start + end), kind: TokenKind::Word });
        i = end;
    }
    tokens
}

/// True when the last character of `quote` is one no word token can hold: not a letter,
/// digit, space or combining mark, nor a character a word joins (apostrophes, hyphens,
/// periods and commas).
fn ends_in_hard_mark(source: &str, quote: Span) -> bool {
    let Some(last) = source.get(..quote.end).and_then(|before| before.chars().next_back()) else { return false };
    !(is_letter_or_digit(last)
        || is_space(last)
        || is_combining(last)
        || is_apostrophe(last)
        || matches!(last, '\u{0301}' | ',' | '.' | '-' | '\u{2011}'))
}

/// The character at byte `i` of `text` (a character boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return (byte as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The character starting at byte `i` of `text`, if any.
#[inline]
fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// `char::is_whitespace`, with ASCII decided without the Unicode table.
#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() { matches!(c, ' ' | '\t'..='\r') } else { c.is_whitespace() }
}

/// `char::is_alphanumeric`, with ASCII and the General Punctuation block (curly quotes and
/// apostrophes, dashes, none of them letters or digits) decided without the Unicode tables.
#[inline]
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if GENERAL_PUNCTUATION.contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x200C | 0x200D)
}

/// "U.S" or "a.m": single letters joined by periods.
fn is_abbreviation_dot(before: &str, after: &str) -> bool {
    let last = before.rsplit('.').next().unwrap_or(before);
    last.chars().count() == 1 && after.chars().take_while(|c| c.is_alphanumeric()).count() == 1
}

/// True when the word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True when the word ends in a possessive `’s` or `'s`: `Trump’s`, `the council's`.
pub fn ends_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

/// The word without a possessive ending: `Klasra's` → `Klasra`.
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let tokens = tokenize(text, Span::new(0, text.len()));
        let got: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(got.join("|"), expect);
    }

    #[test]
    fn words_keep_apostrophes_hyphens_and_abbreviations() {
        check("O’Neill’s side-deal, the U.S. team's “win.”", "O’Neill’s|side-deal|,|the|U.S.|team's|“|win|.|”");
        check("rock ’n’ roll in the ’90s", "rock|’|n|’|roll|in|the|’|90s");
        check("Mr. Diaz said", "Mr.|Diaz|said");
        check("Wendy R. Weiser and 1,300 fans, 3.5 percent.", "Wendy|R.|Weiser|and|1,300|fans|,|3.5|percent|.");
    }

    #[test]
    fn the_shortcuts_agree_with_the_standard_library() {
        for c in GENERAL_PUNCTUATION.chain('\0'..='\u{7F}') {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(strip_possessive("Klasra's"), "Klasra");
        assert_eq!(strip_possessive("Pakistan’s"), "Pakistan");
        assert_eq!(strip_possessive("Jones’"), "Jones");
        assert_eq!(strip_possessive("’"), "’");
    }
}
