//! The one place that turns UTF-8 byte offsets into LSP positions and back.
//!
//! LSP lines end at `\n`, `\r\n` or `\r`; columns count UTF-16 code units unless the client
//! offered UTF-8, in which case they count bytes. Every other module works in byte offsets
//! ([`Span`]) and calls into here at the protocol boundary.

use ropey::Rope;
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;

/// The unit LSP columns are counted in, as negotiated in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (it costs nothing to convert), else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Line starts of one text under LSP's line endings, for converting in both directions.
#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset where each line starts; the first is always 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        let mut starts = vec![0];
        if !text.contains('\r') {
            // The common case, and a fast one: searching for one byte goes a word at a time.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineMap { starts, len: text.len() };
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineMap { starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of a byte offset; offsets past the end or inside a character are moved
    /// back to the nearest character boundary.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.starts[line];
        let column: usize = text[start..offset].chars().map(|c| encoding.width(c)).sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The byte offset of a position; a line past the end gives the end of the text, a column
    /// past the end of its line gives the end of the line, and a column inside a character
    /// (half a surrogate pair) gives the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        column_to_offset(text[start..end].chars(), position.character as usize, encoding) + start
    }

    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(self.position(text, span.start, encoding), self.position(text, span.end, encoding))
    }

    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding);
        Span::new(start.min(end), start.max(end))
    }
}

/// The byte offset of a position in a rope, with the same clamping as [`LineMap::offset`].
/// The rope must be built with ropey's `cr_lines` (and without `unicode_lines`) so that its
/// lines are LSP's lines.
pub fn rope_offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    column_to_offset(rope.line(line).chars(), position.character as usize, encoding) + start
}

/// The byte offset a column reaches in one line (terminator included in `chars`).
fn column_to_offset(chars: impl Iterator<Item = char>, column: usize, encoding: Encoding) -> usize {
    let mut units = 0;
    let mut bytes = 0;
    for c in chars {
        if c == '\n' || c == '\r' {
            break;
        }
        let width = encoding.width(c);
        if units + width > column {
            break;
        }
        units += width;
        bytes += c.len_utf8();
    }
    bytes
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every `^` marker line: the marker's column (counted in characters of the line
    /// above) names a byte offset whose position must be `expect` in the given encoding, and
    /// which must convert back to the same offset, in a LineMap and in a rope alike.
    fn check(text: &str, target: &str, encoding: Encoding, expect: (u32, u32)) {
        let offset = text.find(target).expect("target in text");
        let lines = LineMap::new(text);
        let position = lines.position(text, offset, encoding);
        assert_eq!((position.line, position.character), expect, "position of {target:?}");
        assert_eq!(lines.offset(text, position, encoding), offset, "offset back from {position:?}");
        let rope = Rope::from_str(text);
        assert_eq!(rope_offset(&rope, position, encoding), offset, "rope offset of {position:?}");
    }

    #[test]
    fn ascii() {
        check("one\ntwo said", "said", Encoding::Utf16, (1, 4));
        check("one\ntwo said", "said", Encoding::Utf8, (1, 4));
    }

    #[test]
    fn emoji_is_two_utf16_units_and_four_bytes() {
        let text = "“We won 🎉,” Okafor said.";
        check(text, "Okafor", Encoding::Utf16, (0, 13));
        check(text, "Okafor", Encoding::Utf8, (0, 19));
    }

    #[test]
    fn arabic_script_names() {
        let text = "قال ذبيح الله مجاهد إن\n“Talks will go on,” said مجاهد.";
        check(text, "مجاهد.", Encoding::Utf16, (1, 25));
        check(text, "مجاهد.", Encoding::Utf8, (1, 29));
    }

    #[test]
    fn combining_marks_count_as_their_own_units() {
        // "Zoë" written with e + U+0308 COMBINING DIAERESIS: four UTF-16 units, five bytes.
        let text = "Zoe\u{308} Ndiaye said";
        check(text, "Ndiaye", Encoding::Utf16, (0, 5));
        check(text, "Ndiaye", Encoding::Utf8, (0, 6));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "first\r\nsecond\rthird\n";
        check(text, "second", Encoding::Utf16, (1, 0));
        check(text, "third", Encoding::Utf16, (2, 0));
        let lines = LineMap::new(text);
        assert_eq!(lines.line_count(), 4);
        // A column past the end of a line stops before its terminator.
        assert_eq!(lines.offset(text, Position::new(0, 99), Encoding::Utf16), 5);
        assert_eq!(rope_offset(&Rope::from_str(text), Position::new(0, 99), Encoding::Utf16), 5);
        // The end of the text is the empty last line.
        assert_eq!(lines.position(text, text.len(), Encoding::Utf16), Position::new(3, 0));
        assert_eq!(lines.offset(text, Position::new(9, 0), Encoding::Utf16), text.len());
    }

    #[test]
    fn half_a_surrogate_pair_falls_back_to_the_character_start() {
        let text = "a🎉b";
        let lines = LineMap::new(text);
        assert_eq!(lines.offset(text, Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(rope_offset(&Rope::from_str(text), Position::new(0, 2), Encoding::Utf16), 1);
        // An offset inside a character maps to the character's position.
        assert_eq!(lines.position(text, 3, Encoding::Utf16), Position::new(0, 1));
    }

    #[test]
    fn utf8_is_negotiated_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])), Encoding::Utf16);
    }
}
