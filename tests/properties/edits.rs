//! Properties of the language server's text handling: random incremental edits at LSP
//! positions keep the server's document equal to the client's, and offsets and positions
//! convert back and forth without loss.
//!
//! The client is modelled by a plain `String` and a position converter written here from
//! the LSP specification (lines end at `\n`, `\r\n` or `\r`; a column past the end of its
//! line means the line's end; a line past the end means the document's end), independent of
//! the server's own `position` module.

use std::str::FromStr;

use copydesk::analysis::Span;
use copydesk::lsp::document_store::DocumentStore;
use copydesk::lsp::position::{Encoding, LineMap, rope_offset};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

proptest! {
    #![proptest_config(super::config())]

    #[test]
    fn incremental_edits_keep_the_server_text_equal_to_the_client_text(
        initial in document_text(),
        edits in prop::collection::vec(edit(), 1..24),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        check_edits(&initial, &edits, encoding)?;
    }

    #[test]
    fn offsets_and_positions_round_trip(text in document_text(), utf8 in any::<bool>()) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        check_round_trips(&text, encoding)?;
    }

    #[test]
    fn any_position_is_clamped_like_the_specification_says(
        text in document_text(),
        line in prop_oneof![0u32..12, Just(u32::MAX)],
        character in prop_oneof![0u32..40, Just(u32::MAX)],
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let position = Position::new(line, character);
        let expected = ClientText(&text).offset(position, encoding);
        prop_assert_eq!(LineMap::new(&text).offset(&text, position, encoding), expected, "LineMap at {:?}", position);
        prop_assert_eq!(rope_offset(&Rope::from_str(&text), position, encoding), expected, "rope at {:?}", position);
    }
}

/// One edit, its ends picked among the document's positions when it is applied.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the range between two positions with `text`; a position is either one of the
    /// document's valid positions (by index, wrapping) or a clamped one past a line's end or
    /// the document's end.
    Range { start: Place, end: Place, text: String },
    /// Replace the whole document.
    Full { text: String },
}

#[derive(Debug, Clone, Copy)]
enum Place {
    /// The n-th valid position of the document, wrapping around.
    Valid(usize),
    /// The end of the n-th line (wrapping), written as a column far past it.
    PastLineEnd(usize),
    /// A line after the last one.
    PastDocumentEnd,
    /// The document's last position, written exactly.
    DocumentEnd,
}

fn check_edits(initial: &str, edits: &[Edit], encoding: Encoding) -> Result<(), TestCaseError> {
    let uri = Uri::from_str("file:///newsroom/story.md").expect("a valid URI");
    let store = DocumentStore::default();
    store.open(uri.clone(), initial, 1, "markdown");
    let mut client = initial.to_owned();
    for (number, edit) in edits.iter().enumerate() {
        let change = match edit {
            Edit::Full { text } => {
                client = text.clone();
                TextDocumentContentChangeEvent { range: None, range_length: None, text: text.clone() }
            }
            Edit::Range { start, end, text } => {
                let view = ClientText(&client);
                let (mut start, mut end) = (view.place(*start, encoding), view.place(*end, encoding));
                if view.offset(start, encoding) > view.offset(end, encoding) {
                    std::mem::swap(&mut start, &mut end);
                }
                let (from, to) = (view.offset(start, encoding), view.offset(end, encoding));
                client.replace_range(from..to, text);
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(start, end)),
                    range_length: None,
                    text: text.clone(),
                }
            }
        };
        let version = 2 + i32::try_from(number).unwrap_or(i32::MAX - 2);
        prop_assert!(store.change(&uri, version, &[change], encoding).is_some(), "the document is open");
        let server = store.text(&uri).unwrap_or_default();
        prop_assert_eq!(&server, &client, "after edit {} ({:?})", number, edit);
        prop_assert_eq!(store.version(&uri), Some(version));
    }
    Ok(())
}

fn check_round_trips(text: &str, encoding: Encoding) -> Result<(), TestCaseError> {
    let lines = LineMap::new(text);
    let client = ClientText(text);
    for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
        // Between `\r` and `\n` is no position at all: nothing there to round-trip.
        if client.splits_crlf(offset) {
            continue;
        }
        let position = lines.position(text, offset, encoding);
        prop_assert_eq!(position, client.position(offset, encoding), "position of offset {}", offset);
        prop_assert_eq!(lines.offset(text, position, encoding), offset, "offset of {:?}", position);
    }
    for position in client.valid_positions(encoding) {
        let offset = lines.offset(text, position, encoding);
        prop_assert_eq!(lines.position(text, offset, encoding), position, "round trip of {:?}", position);
        prop_assert_eq!(
            rope_offset(&Rope::from_str(text), position, encoding),
            offset,
            "rope offset of {:?}",
            position
        );
    }
    let span = Span::new(0, text.len());
    prop_assert_eq!(lines.span(text, lines.range(text, span, encoding), encoding), span);
    Ok(())
}

/// The client's view of its own text, from the LSP specification.
struct ClientText<'a>(&'a str);

impl ClientText<'_> {
    /// Each line's content (terminator excluded) as a byte range.
    fn lines(&self) -> Vec<std::ops::Range<usize>> {
        let text = self.0;
        let mut lines = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\n' || c == '\r' {
                lines.push(start..i);
                if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                    chars.next();
                    start = i + 2;
                } else {
                    start = i + 1;
                }
            }
        }
        lines.push(start..text.len());
        lines
    }

    fn width(c: char, encoding: Encoding) -> u32 {
        match encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }

    /// The byte offset of a position, clamped as the specification says; a column inside a
    /// character (half a surrogate pair) is taken as that character's start.
    fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let lines = self.lines();
        let Some(line) = lines.get(position.line as usize) else {
            return self.0.len();
        };
        let mut units = 0;
        for (i, c) in self.0[line.clone()].char_indices() {
            units += Self::width(c, encoding);
            if units > position.character {
                return line.start + i;
            }
        }
        line.end
    }

    fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let lines = self.lines();
        let line = lines.iter().rposition(|l| l.start <= offset).unwrap_or(0);
        let start = lines[line].start;
        let column = self.0[start..offset].chars().map(|c| Self::width(c, encoding)).sum();
        Position::new(line as u32, column)
    }

    /// Every position that names a character boundary, line ends included.
    fn valid_positions(&self, encoding: Encoding) -> Vec<Position> {
        let mut positions = Vec::new();
        for (number, line) in self.lines().into_iter().enumerate() {
            let mut column = 0;
            positions.push(Position::new(number as u32, 0));
            for c in self.0[line].chars() {
                column += Self::width(c, encoding);
                positions.push(Position::new(number as u32, column));
            }
        }
        positions
    }

    fn place(&self, place: Place, encoding: Encoding) -> Position {
        let lines = self.lines();
        match place {
            Place::Valid(n) => {
                let positions = self.valid_positions(encoding);
                positions[n % positions.len()]
            }
            Place::PastLineEnd(n) => Position::new((n % lines.len()) as u32, 1000),
            Place::PastDocumentEnd => Position::new(lines.len() as u32 + 3, 0),
            Place::DocumentEnd => self.position(self.0.len(), encoding),
        }
    }

    fn splits_crlf(&self, offset: usize) -> bool {
        offset > 0 && self.0.as_bytes()[offset - 1] == b'\r' && self.0.as_bytes().get(offset) == Some(&b'\n')
    }
}

/// Characters that stress position conversion: astral characters (two UTF-16 units, four
/// bytes), Arabic letters, combining marks, every line ending, curly quotes.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Z",
    " ",
    " ",
    "\n",
    "\n",
    "\r\n",
    "\r\n",
    "\r",
    "😀",
    "𝕏",
    "👩‍⚖️",
    "عمر",
    "e\u{301}",
    "“",
    "”",
    "’",
    "\"",
    "said",
    "\t",
    "\u{2028}",
    "\u{85}",
    "\u{b}",
];

fn piece_text(length: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), length).prop_map(|pieces| pieces.concat())
}

fn document_text() -> impl Strategy<Value = String> {
    piece_text(0..40)
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![
        6 => any::<usize>().prop_map(Place::Valid),
        1 => any::<usize>().prop_map(Place::PastLineEnd),
        1 => Just(Place::PastDocumentEnd),
        2 => Just(Place::DocumentEnd),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        12 => (place(), place(), piece_text(0..6)).prop_map(|(start, end, text)| Edit::Range { start, end, text }),
        1 => piece_text(0..12).prop_map(|text| Edit::Full { text }),
    ]
}
