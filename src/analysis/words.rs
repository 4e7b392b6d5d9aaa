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
    let text = span.text(source);
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token {
                span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                kind: TokenKind::Punct(c),
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            // "1,300" and "3.5" are one number.
            let in_number = (d == ',' || d == '.')
                && text[i..j].chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && text[j + 1..].chars().next().is_some_and(|n| n.is_ascii_digit());
            let joins = in_number
                || d.is_alphanumeric()
                || d == '\u{0301}'
                || is_combining(d)
                || ((is_apostrophe(d) || d == '-' || d == '.' || d == '\u{2011}')
                    && text[j + d.len_utf8()..].chars().next().is_some_and(|n| n.is_alphanumeric())
                    && (d != '.' || is_abbreviation_dot(&text[i..j], &text[j + 1..])));
            if !joins {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // A plural possessive keeps its apostrophe: "the supporters’ trust".
        if text[i..end].ends_with('s')
            && text[end..].starts_with(is_apostrophe)
            && text[end..].chars().nth(1).is_none_or(|n| n.is_whitespace())
        {
            let apostrophe = text[end..].chars().next().map_or(1, char::len_utf8);
            end += apostrophe;
            chars.next();
        }
        // A trailing period of an abbreviation such as "U.S." belongs to the word.
        // So does the period of a title or an initial: "Sen. Amy Klobuchar", "Wendy R. Weiser".
        let word = &text[i..end];
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if text[end..].starts_with('.') && (word.contains('.') || initial || super::lexicon::is_abbreviation(word)) {
            end += 1;
            chars.next();
        }
        tokens.push(Token { span: Span::new(span.start + i, span.start + end), kind: TokenKind::Word });
    }
    tokens
}

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
    fn possessives_are_stripped() {
        assert_eq!(strip_possessive("Klasra's"), "Klasra");
        assert_eq!(strip_possessive("Pakistan’s"), "Pakistan");
        assert_eq!(strip_possessive("Jones’"), "Jones");
        assert_eq!(strip_possessive("’"), "’");
    }
}
