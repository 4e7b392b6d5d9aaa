//! Plain text: every non-empty line is a paragraph, and the first is the title.

use super::{Block, BlockKind};
use crate::analysis::Span;

pub(super) fn blocks(text: &str, body_start: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut line_start = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed_end = line.trim_end();
        let leading = trimmed_end.len() - trimmed_end.trim_start().len();
        if !trimmed_end.trim().is_empty() {
            let span = Span::new(line_start + leading, line_start + trimmed_end.len());
            let kind = if blocks.is_empty() && looks_like_title(span.text(text)) {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block { span, kind });
        }
        line_start += line.len();
    }
    blocks
}

/// A first line without closing sentence punctuation reads as a headline, never a quote's source.
fn looks_like_title(line: &str) -> bool {
    !line.ends_with(['.', '”', '"', '?', '!', ':', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_non_empty_line_is_a_block_and_a_bare_first_line_is_a_title() {
        let text = "Council votes to close pool\n\n  First paragraph.\r\nSecond “quoted,” she said.\n";
        let found: Vec<_> = blocks(text, 0).iter().map(|b| (b.kind, b.span.text(text))).collect();
        assert_eq!(
            found,
            vec![
                (BlockKind::Heading, "Council votes to close pool"),
                (BlockKind::Paragraph, "First paragraph."),
                (BlockKind::Paragraph, "Second “quoted,” she said."),
            ]
        );
    }

    #[test]
    fn a_first_line_ending_a_sentence_is_a_paragraph() {
        let text = "“We won,” the coach said.\n";
        assert_eq!(blocks(text, 0)[0].kind, BlockKind::Paragraph);
    }
}
