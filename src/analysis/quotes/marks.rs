//! Reading quote marks: which marks open and close a quotation, which are apostrophes,
//! and which quotations run on into the next paragraph.

use super::{Quote, QuoteKind};
use crate::analysis::eight_bytes::{self, has_byte};
use crate::analysis::words::is_apostrophe;
use crate::analysis::{Block, BlockKind, Code, Diagnostic, Span};

/// Quotations of every block, in reading order, and the marks that do not pair up.
pub fn find(prose: &str, blocks: &[Block]) -> (Vec<Quote>, Vec<Diagnostic>) {
    let mut scanner = Scanner { prose, quotes: Vec::new(), diagnostics: Vec::new(), open: None };
    for (index, block) in blocks.iter().enumerate() {
        let next = blocks.get(index + 1);
        scanner.block(*block, next);
    }
    (scanner.quotes, scanner.diagnostics)
}

/// False when none of the eight bytes in `chunk` is `"`, `'` or 0xE2 (the first byte of `“`,
/// `”`, `‘` and `’`).
fn may_hold_mark(chunk: u64) -> bool {
    has_byte(chunk, b'"') || has_byte(chunk, b'\'') || has_byte(chunk, 0xE2)
}

/// True for marks that open a double-quoted passage.
pub fn is_opening_mark(c: char) -> bool {
    c == '“' || c == '"'
}

struct Open {
    start: usize,
    /// The pieces finished in earlier paragraphs.
    parts: Vec<Span>,
    part_start: usize,
    nested_start: Option<usize>,
    /// The nested quotation was opened with `“` inside a straight-quoted one, and `”` ends it.
    nested_curly: bool,
    nested: Vec<Span>,
}

struct Scanner<'a> {
    prose: &'a str,
    quotes: Vec<Quote>,
    diagnostics: Vec<Diagnostic>,
    open: Option<Open>,
}

impl Scanner<'_> {
    fn block(&mut self, block: Block, next: Option<&Block>) {
        let text = block.span.text(self.prose);
        let mut skip_first_mark = false;
        if self.open.is_some() {
            if text.starts_with(is_opening_mark) {
                // A quotation running on: this paragraph's opening mark continues it.
                if let Some(open) = &mut self.open {
                    open.part_start = block.span.start;
                }
                skip_first_mark = true;
            } else {
                self.close_unbalanced_at_part_end();
            }
        }
        // Only quote marks and apostrophes matter here, and each starts with one of three
        // bytes: find those, and decode characters only around them.
        let bytes = text.as_bytes();
        let mut next_offset = 0;
        while next_offset < bytes.len() {
            // Eight bytes at a time while none of them is one of the three.
            if let Some(chunk) = eight_bytes::load(bytes, next_offset)
                && !may_hold_mark(chunk)
            {
                next_offset += 8;
                continue;
            }
            let offset = next_offset;
            next_offset += 1;
            if !matches!(bytes[offset], b'"' | b'\'' | 0xE2) {
                continue;
            }
            let Some(c) = text.get(offset..).and_then(|rest| rest.chars().next()) else { continue };
            if !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’') {
                continue;
            }
            if skip_first_mark && offset == 0 {
                continue;
            }
            let at = block.span.start + offset;
            let previous = text[..offset].chars().next_back();
            let following = text[offset + c.len_utf8()..].chars().next();
            match (c, self.open.is_some()) {
                ('“', false) | ('"', false) => self.open_at(at),
                ('”', true) if self.open.as_ref().is_some_and(|o| o.nested_curly) => {
                    if let Some(open) = &mut self.open {
                        if let Some(start) = open.nested_start.take() {
                            open.nested.push(Span::new(start, at + c.len_utf8()));
                        }
                        open.nested_curly = false;
                    }
                }
                ('”', true) | ('"', true) => self.close(at + c.len_utf8()),
                // `"It isn’t about “Equal Justice” anymore."`: inside a straight-quoted passage
                // a curly pair that closes before the straight mark is a nested quotation.
                ('“', true)
                    if self.opened_straight()
                        && self.open.as_ref().is_some_and(|o| o.nested_start.is_none())
                        && closes_curly_first(&text[offset + c.len_utf8()..]) =>
                {
                    if let Some(open) = &mut self.open {
                        open.nested_start = Some(at);
                        open.nested_curly = true;
                    }
                }
                // A “ typed where ” belongs: right after a word or punctuation, before a
                // space or punctuation (`fascist?“ he asked`).
                ('“', true)
                    if previous.is_some_and(|p| !p.is_whitespace())
                        && following.is_none_or(|f| f.is_whitespace() || matches!(f, ',' | '.' | ';' | ')')) =>
                {
                    self.close(at + c.len_utf8())
                }
                ('“', true) => {
                    // An opening mark inside an open quotation: the earlier one was never closed.
                    let end = trim_end(self.prose, block.span.start, at);
                    self.close_unbalanced(end);
                    self.open_at(at);
                }
                ('”', false) => self.diagnostics.push(Diagnostic::new(
                    Code::UnbalancedQuote,
                    Span::new(at, at + c.len_utf8()),
                    "This closing quotation mark has no opening mark.",
                )),
                (c, true) if c == '‘' || is_apostrophe(c) => self.single(at, c, previous, following),
                _ => {}
            }
        }
        if self.open.is_some() {
            let runs_on = next
                .is_some_and(|n| n.kind != BlockKind::Heading && n.span.text(self.prose).starts_with(is_opening_mark));
            if let Some(open) = &mut self.open {
                open.parts.push(Span::new(open.part_start, block.span.end));
            }
            if !runs_on {
                self.close_unbalanced(block.span.end);
            }
        }
    }

    fn open_at(&mut self, at: usize) {
        self.open = Some(Open {
            start: at,
            parts: Vec::new(),
            part_start: at,
            nested_start: None,
            nested_curly: false,
            nested: Vec::new(),
        });
    }

    /// Whether the open quotation began with a straight mark.
    fn opened_straight(&self) -> bool {
        self.open.as_ref().is_some_and(|o| self.prose[o.start..].starts_with('"'))
    }

    /// A single mark inside a quotation: a nested quotation's mark, or an apostrophe.
    fn single(&mut self, at: usize, c: char, previous: Option<char>, following: Option<char>) {
        let Some(open) = &mut self.open else { return };
        let after_word = previous.is_some_and(|p| p.is_alphanumeric() || p == '.' || p == ',' || p == '?' || p == '!');
        let before_word = following.is_some_and(|f| f.is_alphanumeric());
        match open.nested_start {
            Some(start) if after_word && !before_word => {
                open.nested.push(Span::new(start, at + c.len_utf8()));
                open.nested_start = None;
            }
            None if !after_word && before_word && c != '’' => open.nested_start = Some(at),
            _ => {}
        }
    }

    fn close(&mut self, end: usize) {
        if let Some(mut open) = self.open.take() {
            open.parts.push(Span::new(open.part_start, end));
            self.quotes.push(quote(open, end));
        }
    }

    /// Ends an unclosed quotation at `end` and reports its opening mark.
    fn close_unbalanced(&mut self, end: usize) {
        if let Some(mut open) = self.open.take() {
            if open.parts.last().is_none_or(|p| p.end < end && p.start != open.part_start) {
                open.parts.push(Span::new(open.part_start, end));
            }
            let mark_len = self.prose[open.start..].chars().next().map_or(1, char::len_utf8);
            self.diagnostics.push(Diagnostic::new(
                Code::UnbalancedQuote,
                Span::new(open.start, open.start + mark_len),
                "This quotation mark is never closed; the quotation is read to the end of its paragraph.",
            ));
            self.quotes.push(quote(open, end));
        }
    }

    /// Ends a quotation carried from the previous paragraph where that paragraph ended.
    fn close_unbalanced_at_part_end(&mut self) {
        let end = self.open.as_ref().and_then(|o| o.parts.last()).map_or(0, |p| p.end);
        if let Some(open) = &mut self.open {
            open.part_start = end;
        }
        self.close_unbalanced(end);
    }
}

/// Whether `rest` of a paragraph holds a `”` before any `"` or `“`.
fn closes_curly_first(rest: &str) -> bool {
    rest.find(['”', '"', '“']).is_some_and(|i| rest[i..].starts_with('”'))
}

fn quote(open: Open, end: usize) -> Quote {
    Quote {
        span: Span::new(open.start, end),
        parts: open.parts,
        kind: QuoteKind::Speech,
        nested: open.nested,
        inner: Vec::new(),
        attribution: None,
        likely_speaker: None,
        needs_speaker: false,
    }
}

fn trim_end(prose: &str, floor: usize, end: usize) -> usize {
    let trimmed = prose[floor..end].trim_end();
    floor + trimmed.len()
}

#[cfg(test)]
mod tests {
    use crate::analysis::article::{self, Format};

    /// Renders quotes as their text, nested passages in [brackets], then the diagnostics.
    fn check(text: &str, expect: &str) {
        let article = article::parse(text, Format::PlainText);
        let (quotes, diagnostics) = super::find(&article.prose, &article.blocks);
        let mut got = String::new();
        for q in &quotes {
            got.push_str(&format!("quote {:?}", q.span.text(text)));
            for n in &q.nested {
                got.push_str(&format!(" [{}]", n.text(text)));
            }
            if q.parts.len() > 1 {
                got.push_str(&format!(" parts={}", q.parts.len()));
            }
            got.push('\n');
        }
        for d in &diagnostics {
            got.push_str(&format!("{} at {:?}\n", d.code.as_str(), &text[d.span.start..]));
        }
        assert_eq!(got.trim_end(), expect.trim_end(), "\n{got}");
    }

    #[test]
    fn curly_and_straight_quotes() {
        check(
            r#"A
“Yes,” she said. "No," he said.
"#,
            r#"quote "“Yes,”"
quote "\"No,\""
"#,
        );
    }

    #[test]
    fn apostrophes_are_never_marks() {
        check(
            "A\n“Don’t call it rock ’n’ roll, it’s ’90s pop at O’Neill’s,” he said.\n",
            "quote \"“Don’t call it rock ’n’ roll, it’s ’90s pop at O’Neill’s,”\"",
        );
    }

    #[test]
    fn single_quotes_nest_inside_double_quotes() {
        check(
            "A\n“He told me ‘never again’ and left,” she said. “It's 'done' now.”\n",
            "quote \"“He told me ‘never again’ and left,”\" [‘never again’]\nquote \"“It's 'done' now.”\" ['done']",
        );
    }

    #[test]
    fn a_quotation_runs_on_into_the_next_paragraph() {
        check(
            "A\n“We will rebuild the stand.\n“And we will do it by spring,” the chairman said.\n",
            "quote \"“We will rebuild the stand.\\n“And we will do it by spring,”\" parts=2",
        );
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        check(
            "A\n“We will rebuild, the chairman said.\nThe club declined to comment.\n",
            "quote \"“We will rebuild, the chairman said.\"\nunbalanced-quote at \"“We will rebuild, the chairman said.\\nThe club declined to comment.\\n\"",
        );
    }

    #[test]
    fn a_stray_closing_mark_is_reported_and_the_rest_still_read() {
        check(
            "A\nThe fans” left. “Go,” she said.\n",
            "quote \"“Go,”\"\nunbalanced-quote at \"” left. “Go,” she said.\\n\"",
        );
    }

    #[test]
    fn curly_marks_nest_inside_a_straight_quotation() {
        check(
            "A\n\"The city isn’t about “fair play” anymore. It’s about money.\" He left. \"Go “now,\" she said.\n",
            "quote \"\\\"The city isn’t about “fair play” anymore. It’s about money.\\\"\" [“fair play”]\nquote \"\\\"Go\"\nquote \"“now,\\\"\"\nunbalanced-quote at \"\\\"Go “now,\\\" she said.\\n\"",
        );
    }

    #[test]
    fn an_opening_mark_typed_for_a_closing_one_closes() {
        check("A\n“Are you sure?“ he asked.\n", "quote \"“Are you sure?“\"");
    }

    #[test]
    fn a_new_opening_mark_closes_an_unclosed_quotation() {
        check(
            "A\n“First part “Second part,” she said.\n",
            "quote \"“First part\"\nquote \"“Second part,”\"\nunbalanced-quote at \"“First part “Second part,” she said.\\n\"",
        );
    }
}
