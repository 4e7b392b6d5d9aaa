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
///
/// A conversion walks at most a few [`STRIDE`]s of its line, however long the line: a text
/// with a line longer than that keeps checkpoints, every `STRIDE` bytes, of how many UTF-16
/// units precede them (UTF-8 columns are byte counts and need none).
#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset where each line starts; the first is always 0.
    starts: Vec<usize>,
    len: usize,
    /// (byte offset on a character boundary, UTF-16 units before it), every `STRIDE` bytes;
    /// empty when every line is shorter than 2 × `STRIDE`.
    checkpoints: Vec<(usize, usize)>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        let mut starts = vec![0];
        if !text.contains('\r') {
            // The common case, and a fast one: searching for one byte goes a word at a time.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineMap::with_checkpoints(text, starts);
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
        LineMap::with_checkpoints(text, starts)
    }

    fn with_checkpoints(text: &str, starts: Vec<usize>) -> LineMap {
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let long_line = starts.iter().zip(ends).any(|(start, end)| end - start >= 2 * STRIDE);
        let mut checkpoints = Vec::new();
        if long_line {
            let (mut at, mut units) = (0, 0);
            checkpoints.reserve(text.len() / STRIDE + 1);
            while at < text.len() {
                checkpoints.push((at, units));
                let next = ceil_char_boundary(text, (at + STRIDE).min(text.len()));
                units += utf16_len(&text[at..next]);
                at = next;
            }
        }
        LineMap { starts, len: text.len(), checkpoints }
    }

    /// UTF-16 units in `text[from..to]`, both character boundaries, walking at most about
    /// two `STRIDE`s.
    fn utf16_between(&self, text: &str, from: usize, to: usize) -> usize {
        if to - from < 2 * STRIDE || self.checkpoints.is_empty() {
            return utf16_len(&text[from..to]);
        }
        self.utf16_before(text, to) - self.utf16_before(text, from)
    }

    /// UTF-16 units before byte `offset` (a character boundary), from the nearest checkpoint.
    fn utf16_before(&self, text: &str, offset: usize) -> usize {
        let index = self.checkpoints.partition_point(|&(at, _)| at <= offset).saturating_sub(1);
        let (at, units) = self.checkpoints.get(index).copied().unwrap_or((0, 0));
        units + utf16_len(&text[at..offset])
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
        let column = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.utf16_between(text, start, offset),
        };
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
        let column = position.character as usize;
        if end - start < 2 * STRIDE || (encoding == Encoding::Utf16 && self.checkpoints.is_empty()) {
            return column_to_offset(text[start..end].chars(), column, encoding) + start;
        }
        let content_end = line_content_end(text, start, end);
        match encoding {
            Encoding::Utf8 => floor_char_boundary(text, start.saturating_add(column).min(content_end)),
            Encoding::Utf16 => {
                // From the last checkpoint on this line at or before the column.
                let target = self.utf16_before(text, start).saturating_add(column);
                let index = self.checkpoints.partition_point(|&(at, units)| at <= start || units <= target);
                let (at, units) = match index.checked_sub(1).map(|i| self.checkpoints[i]) {
                    Some((at, units)) if at > start => (at, units),
                    _ => (start, self.utf16_before(text, start)),
                };
                let at = at.min(content_end);
                column_to_offset(text[at..end].chars(), target - units, encoding) + at
            }
        }
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
///
/// Ropey's own indexes find the place in logarithmic time, however long the line.
pub fn rope_offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start_char = rope.line_to_char(line);
    let next_char = if line + 1 < rope.len_lines() { rope.line_to_char(line + 1) } else { rope.len_chars() };
    // The line without its terminator (`\n`, `\r\n` or `\r`).
    let mut end_char = next_char;
    if end_char > start_char && rope.char(end_char - 1) == '\n' {
        end_char -= 1;
    }
    if end_char > start_char && rope.char(end_char - 1) == '\r' {
        end_char -= 1;
    }
    let column = position.character as usize;
    let char_index = match encoding {
        Encoding::Utf8 => {
            let start = rope.char_to_byte(start_char);
            let end = rope.char_to_byte(end_char);
            // A byte inside a character stands for that character's start.
            rope.byte_to_char(start.saturating_add(column).min(end))
        }
        Encoding::Utf16 => {
            let start = rope.char_to_utf16_cu(start_char);
            let end = rope.char_to_utf16_cu(end_char);
            // Half a surrogate pair stands for the pair's start.
            rope.utf16_cu_to_char(start.saturating_add(column).min(end))
        }
    };
    rope.char_to_byte(char_index)
}

/// The byte offset a column reaches in one line (terminator included in `chars`).
fn column_to_offset(chars: impl Iterator<Item = char>, column: usize, encoding: Encoding) -> usize {
    let mut units = 0;
    let mut bytes = 0;
    for c in chars {
        #[cfg(test)]
        tests::scanned(c.len_utf8());
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

/// Bytes between the checkpoints of a long line.
const STRIDE: usize = 1024;

/// UTF-16 units in `text`: one per character, two for those beyond the BMP (lead byte F0–F4).
fn utf16_len(text: &str) -> usize {
    #[cfg(test)]
    tests::scanned(text.len());
    text.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

/// Where the line `text[start..end]` ends without its terminator.
fn line_content_end(text: &str, start: usize, end: usize) -> usize {
    let line = &text.as_bytes()[start..end];
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    start + line.len()
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
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
    use std::cell::Cell;

    thread_local! {
        static SCANNED: Cell<usize> = const { Cell::new(0) };
    }

    /// Counts the bytes a conversion walked, so that a test can bound the work without a clock.
    pub(super) fn scanned(bytes: usize) {
        SCANNED.with(|scanned| scanned.set(scanned.get() + bytes));
    }

    /// Issue 18, item 4: converting a position walked its line from the start, so the
    /// symbols of an 800 KB one-line document took 5.6 s (every span walked up to 800 KB).
    /// Each conversion now walks a bounded stretch, whatever the line's length.
    #[test]
    fn conversions_on_a_long_line_walk_a_bounded_stretch() {
        let text: String = "Okafor said 🎉 “yes” and Zoe\u{308} left. ".repeat(20_000) + "\r\nend";
        let lines = LineMap::new(&text);
        let rope = Rope::from_str(&text);
        let boundaries: Vec<usize> = (0..=text.len()).step_by(997).filter(|&o| text.is_char_boundary(o)).collect();
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            SCANNED.with(|scanned| scanned.set(0));
            for &offset in &boundaries {
                let position = lines.position(&text, offset, encoding);
                assert_eq!(lines.offset(&text, position, encoding), offset, "{encoding:?} {position:?}");
                assert_eq!(rope_offset(&rope, position, encoding), offset, "rope, {encoding:?} {position:?}");
            }
            let walked = SCANNED.with(Cell::get);
            let conversions = 3 * boundaries.len();
            assert!(
                walked <= conversions * 4 * STRIDE,
                "{encoding:?}: {walked} bytes walked for {conversions} conversions"
            );
        }
        // Any column, inside a surrogate pair or past the line's end included, gives what a
        // walk from the line's start gives.
        let short: String = "Okafor said 🎉 “yes” and Zoe\u{308} left. ".repeat(300) + "\r\nend";
        let (short_lines, short_rope) = (LineMap::new(&short), Rope::from_str(&short));
        let first_line = &short[..short.find('\r').unwrap() + 2];
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            for column in (0..first_line.len() as u32 + 3000).step_by(97) {
                let position = Position::new(0, column);
                let walked = column_to_offset(first_line.chars(), column as usize, encoding);
                assert_eq!(short_lines.offset(&short, position, encoding), walked, "{encoding:?} {column}");
                assert_eq!(rope_offset(&short_rope, position, encoding), walked, "rope, {encoding:?} {column}");
            }
        }
        // Positions past the end of the long line stop before its terminator.
        let end_of_line = text.len() - "\r\nend".len();
        assert_eq!(lines.offset(&text, Position::new(0, u32::MAX), Encoding::Utf16), end_of_line);
        assert_eq!(lines.offset(&text, Position::new(0, u32::MAX), Encoding::Utf8), end_of_line);
        assert_eq!(rope_offset(&rope, Position::new(0, u32::MAX), Encoding::Utf16), end_of_line);
        assert_eq!(rope_offset(&rope, Position::new(0, u32::MAX), Encoding::Utf8), end_of_line);
    }

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
