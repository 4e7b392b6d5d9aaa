//! Plain text: every non-empty line is a paragraph, and the first is the title. The
//! copydesk comments (`<!-- copydesk-ignore -->`, `<!-- copydesk-speaker ID -->`) work as in
//! Markdown: they are not prose, and a line holding only such comments is not a paragraph.

use super::ignore::{self, Directive};
use super::{Block, BlockKind, Ignores, Parsed, Pin, blank};
use crate::analysis::Span;

/// Reads `text[body_start..]` as plain text; offsets in the result are offsets into `text`.
/// Its prose mask is the text with its copydesk comments blanked.
pub(super) fn parse(text: &str, body_start: usize) -> Parsed {
    let Some(tail) = text.get(body_start..) else { return Parsed::without_prose(text, body_start) };
    let directives = ignore::directives(tail);
    // Only copydesk's own comments are blanked: any other `<!--` in a plain text article
    // is the writer's text, as it always was.
    let mut prose_tail = String::with_capacity(tail.len());
    let mut copied = 0;
    for (comment, _) in &directives {
        prose_tail.push_str(&tail[copied..comment.start]);
        prose_tail.push_str(&blank(&tail[comment.clone()]));
        copied = comment.end;
    }
    prose_tail.push_str(&tail[copied..]);
    let mut lines = Vec::new();
    let blocks = blocks_of(&prose_tail, body_start, &mut lines);
    let at = |range: &std::ops::Range<usize>| Span::new(body_start + range.start, body_start + range.end);
    let mut ignores = Ignores::default();
    let mut pins = Vec::new();
    for (comment, directive) in directives {
        let comment = at(&comment);
        let next_block = blocks.iter().find(|b| b.span.start >= comment.end).map(|b| b.span);
        match directive {
            Directive::File(rule) => ignores.file.push(rule),
            Directive::NextBlock(rule) => {
                if let Some(block) = next_block {
                    ignores.blocks.push((block, rule));
                }
            }
            Directive::Speaker { id, id_at } => {
                // The paragraph on the comment's own line, else the next one.
                let own_line = lines.iter().position(|line| line.start <= comment.start && comment.start < line.end);
                let block = own_line.map(|index| blocks[index].span).or(next_block);
                pins.push(Pin { comment, id, id_span: at(&id_at), block });
            }
        }
    }
    Parsed { blocks, ignores, pins, prose_tail }
}

#[cfg(test)]
fn blocks(text: &str, body_start: usize) -> Vec<Block> {
    blocks_of(&text[body_start..], body_start, &mut Vec::new())
}

/// The blocks of `tail` (the text from `body_start` on), and in `lines` the span of each
/// block's whole line.
fn blocks_of(tail: &str, body_start: usize, lines: &mut Vec<Span>) -> Vec<Block> {
    let text = tail;
    let mut blocks = Vec::new();
    let mut line_start = 0;
    for line in tail.split_inclusive('\n') {
        let trimmed_end = line.trim_end();
        let leading = trimmed_end.len() - trimmed_end.trim_start().len();
        if !trimmed_end.trim().is_empty() {
            let span = Span::new(line_start + leading, line_start + trimmed_end.len());
            let kind = if blocks.is_empty() && looks_like_title(span.text(text)) {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block { span: Span::new(body_start + span.start, body_start + span.end), kind });
            lines.push(Span::new(body_start + line_start, body_start + line_start + line.len()));
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

    /// Issue 16: copydesk comments are not prose in plain text, a line of them is not a
    /// paragraph, `copydesk-ignore` silences the next paragraph, and a pin takes the
    /// paragraph on its own line or else the next.
    #[test]
    fn copydesk_comments_are_directives_not_paragraphs() {
        let text = "Pool closes\n<!-- copydesk-ignore unattributed-quote -->\n“One.”\n\
                    <!-- copydesk-speaker marsh -->\n“Two.”\n“Three.” <!-- copydesk-speaker none -->\n";
        let parsed = parse(text, 0);
        let blocks: Vec<&str> = parsed.blocks.iter().map(|b| b.span.text(text)).collect();
        assert_eq!(blocks, ["Pool closes", "“One.”", "“Two.”", "“Three.”"]);
        let ignored: Vec<(&str, &[String])> =
            parsed.ignores.blocks.iter().map(|(span, rule)| (span.text(text), rule.codes.as_slice())).collect();
        assert_eq!(ignored, [("“One.”", &["unattributed-quote".to_string()][..])]);
        let pins: Vec<(&str, &str, &str)> = parsed
            .pins
            .iter()
            .map(|p| (p.id.as_str(), p.id_span.text(text), p.block.map_or("", |b| b.text(text))))
            .collect();
        assert_eq!(pins, [("marsh", "marsh", "“Two.”"), ("none", "none", "“Three.”")]);
        assert!(!parsed.prose_tail.contains("copydesk"), "{:?}", parsed.prose_tail);
        assert_eq!(parsed.prose_tail.len(), text.len());
    }

    #[test]
    fn a_first_line_ending_a_sentence_is_a_paragraph() {
        let text = "“We won,” the coach said.\n";
        assert_eq!(blocks(text, 0)[0].kind, BlockKind::Paragraph);
    }
}
