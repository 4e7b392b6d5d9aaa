//! The article model: which parts of a text are prose, how the prose falls into blocks
//! (paragraphs, headings, list items), the front matter, and ignore comments.

mod front_matter;
mod ignore;
mod markdown;
mod plain;

pub use front_matter::FrontMatter;
pub use ignore::{IgnoreRule, Ignores};

use super::{Code, Span};

/// How an article's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    PlainText,
}

impl Format {
    /// The format a file name implies: Markdown for `.md` and `.markdown`, else plain text.
    pub fn from_path(path: &str) -> Format {
        Format::from_extension(path).unwrap_or(Format::PlainText)
    }

    /// The format an extension names, or None when the extension says nothing about it.
    pub fn from_extension(path: &str) -> Option<Format> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase())?;
        match extension.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::PlainText),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Paragraph,
    /// A heading or a plain-text title line; a headline is never an attribution.
    Heading,
    ListItem,
    /// A paragraph inside a Markdown block quote.
    BlockQuote,
    TableCell,
}

/// A unit of prose: quotes and attributions never cross a block, except quotations that
/// run on into the next paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub format: Format,
    /// The source text with every byte that is not prose (front matter, Markdown syntax,
    /// code, HTML, link destinations) replaced by a space, newlines kept. It has the same
    /// length as the source, so offsets into it are offsets into the source.
    pub prose: String,
    /// Blocks in reading order, each trimmed to its prose.
    pub blocks: Vec<Block>,
    pub front_matter: Option<FrontMatter>,
    pub ignores: Ignores,
    /// `copydesk-speaker` comments, in reading order.
    pub pins: Vec<Pin>,
}

/// A `<!-- copydesk-speaker ID -->` comment: the writer says who speaks the quotations of
/// one paragraph, where the rules would guess wrong or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The whole comment.
    pub comment: Span,
    /// The glossary entity id as written; `none` says the quotations have no speaker on
    /// purpose; empty when the comment names none.
    pub id: String,
    /// Where the id is written (the comment's text when there is no id).
    pub id_span: Span,
    /// The block whose quotations it pins: the one holding the comment, else the first to
    /// start after it; None when no block follows.
    pub block: Option<Span>,
}

impl Pin {
    /// True for `copydesk-speaker none`.
    pub fn is_none(&self) -> bool {
        self.id == "none"
    }
}

/// Splits an article into its model. Never fails: unrecognised structure is prose.
pub fn parse(text: &str, format: Format) -> Article {
    let front_matter = front_matter::parse(text);
    let body_start = front_matter.as_ref().map_or(0, |f| f.span.end);
    let mut prose = String::with_capacity(text.len());
    prose.push_str(&blank(&text[..body_start]));
    let Parsed { blocks, ignores, pins, prose_tail } = match format {
        Format::PlainText => plain::parse(text, body_start),
        Format::Markdown => markdown::parse(text, body_start),
    };
    prose.push_str(&prose_tail);
    debug_assert_eq!(prose.len(), text.len());
    Article { format, prose, blocks, front_matter, ignores, pins }
}

/// What a format's reader makes of the article's body, `text[body_start..]`: offsets are
/// offsets into `text`.
struct Parsed {
    blocks: Vec<Block>,
    ignores: Ignores,
    pins: Vec<Pin>,
    /// The prose mask of `text[body_start..]`.
    prose_tail: String,
}

impl Parsed {
    /// A body that starts inside a character, which the front matter reader never gives:
    /// read as having no prose rather than panic.
    fn without_prose(text: &str, body_start: usize) -> Parsed {
        let prose_tail = " ".repeat(text.len().saturating_sub(body_start));
        Parsed { blocks: Vec::new(), ignores: Ignores::default(), pins: Vec::new(), prose_tail }
    }
}

/// `text` with every character but newlines replaced by spaces of the same byte length.
pub(crate) fn blank(text: &str) -> String {
    // Built as bytes, which the compiler turns into a vectorised loop; a `String` collected
    // from chars was pushed one character at a time (0.8 ms for a 1 MB article).
    let mask: Vec<u8> = text.bytes().map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' }).collect();
    // Every byte is ASCII, so this cannot fail; the fallback still keeps the length.
    String::from_utf8(mask).unwrap_or_else(|e| " ".repeat(e.as_bytes().len()))
}

impl Ignores {
    /// True when an ignore comment silences `code` at `span`.
    pub fn silences(&self, code: Code, span: Span) -> bool {
        self.file.iter().any(|rule| rule.matches(code))
            || self.blocks.iter().any(|(scope, rule)| scope.overlaps(span) && rule.matches(code))
    }
}
