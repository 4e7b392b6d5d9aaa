//! Markdown through pulldown-cmark's source offsets.

use super::{Block, Ignores};

pub(super) struct Parsed {
    pub blocks: Vec<Block>,
    pub ignores: Ignores,
    /// The prose mask of `text[body_start..]`.
    pub prose_tail: String,
}

pub(super) fn parse(text: &str, body_start: usize) -> Parsed {
    // FIXME(markdown helper): real Markdown structure; for now every line is a paragraph.
    Parsed {
        blocks: super::plain::blocks(text, body_start),
        ignores: Ignores::default(),
        prose_tail: text[body_start..].to_string(),
    }
}
