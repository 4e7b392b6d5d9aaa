//! Sequences of incremental edits on the language server's document store, checked against
//! a plain `String` that applies the same edits the way an LSP client means them.

use std::str::FromStr;

use copydesk::lsp::document_store::DocumentStore;
use copydesk::lsp::position::Encoding;
use tower_lsp_server::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Reads the bytes as: an encoding byte, an initial text, then edits, and applies them.
///
/// Each edit is a header of six bytes — kind, start line, start column, end line, end
/// column, text length — and the text (lossy UTF-8). Kind 0xff replaces the whole
/// document. Line and column bytes over 0xf0 stand for far past the end.
pub fn check_edits(data: &[u8]) {
    let mut input = Input(data);
    let encoding = if input.byte() % 2 == 0 { Encoding::Utf16 } else { Encoding::Utf8 };
    let initial_length = usize::from(input.byte());
    let mut client = String::from_utf8_lossy(input.take(initial_length)).into_owned();
    let uri = Uri::from_str("file:///newsroom/story.md").expect("a valid URI");
    let store = DocumentStore::default();
    store.open(uri.clone(), &client, 0, "markdown");
    let mut version = 0;
    while input.0.len() >= 6 {
        let header = input.take(6).to_vec();
        let text = String::from_utf8_lossy(input.take(usize::from(header[5]))).into_owned();
        let change = if header[0] == 0xff {
            client = text.clone();
            TextDocumentContentChangeEvent { range: None, range_length: None, text }
        } else {
            let start = position(header[1], header[2]);
            let end = position(header[3], header[4]);
            let (from, to) = (offset(&client, start, encoding), offset(&client, end, encoding));
            // An end before the start is read as the empty range at the start.
            let to = to.max(from);
            client.replace_range(from..to, &text);
            TextDocumentContentChangeEvent { range: Some(Range::new(start, end)), range_length: None, text }
        };
        version += 1;
        assert!(store.change(&uri, version, &[change], encoding).is_some(), "the document is open");
        let server = store.text(&uri).expect("the document is open");
        assert_eq!(server, client, "the server's text left the client's");
    }
}

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (taken, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        taken
    }
}

fn position(line: u8, column: u8) -> Position {
    let far = |b: u8| if b > 0xf0 { u32::MAX - u32::from(0xff - b) } else { u32::from(b) };
    Position::new(far(line), far(column))
}

/// The byte offset of a position as the LSP specification defines it: lines end at `\n`,
/// `\r\n` or `\r`; a column past its line's end is the line's end; a line past the last is
/// the document's end. A column inside a character (half a surrogate pair) is taken as the
/// start of that character, as the server does.
fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let mut line = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while line < position.line {
        if i >= bytes.len() {
            return text.len();
        }
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 1;
                line += 1;
                start = i + 1;
            }
            b'\n' | b'\r' => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let mut units = 0u64;
    for (at, c) in text[start..].char_indices() {
        if c == '\n' || c == '\r' {
            return start + at;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8() as u64,
            Encoding::Utf16 => c.len_utf16() as u64,
        };
        if units > u64::from(position.character) {
            return start + at;
        }
    }
    text.len()
}
