//! Markdown through pulldown-cmark's source offsets: which bytes are prose, and how the prose
//! falls into blocks.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::ignore::{self, Directive, IgnoreRule};
use super::{Block, BlockKind, Ignores, Parsed, Pin, blank};
use crate::analysis::Span;

/// Parses `text[body_start..]` as Markdown; offsets in the result are offsets into `text`.
pub(super) fn parse(text: &str, body_start: usize) -> Parsed {
    let Some(tail) = text.get(body_start..) else { return Parsed::without_prose(text, body_start) };
    // A byte order mark is never prose, and pulldown-cmark would read it as text.
    let bom = if tail.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let source = &tail[bom..];
    let mut builder = Builder::new(text, body_start, tail, body_start + bom);
    // Smart punctuation stays off: it would turn straight quotes into curly ones in Text events
    // and hide which mark the writer typed.
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish(tail)
}

/// Where a paragraph sits, which decides its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    BlockQuote,
    Item,
}

/// The prose seen so far in the block being read.
#[derive(Debug, Clone, Copy)]
struct OpenBlock {
    kind: BlockKind,
    prose: Span,
}

struct Builder<'a> {
    text: &'a str,
    /// Where the mask starts in `text`.
    mask_start: usize,
    /// Where the parsed source starts in `text` (after a byte order mark).
    source_start: usize,
    mask: Vec<u8>,
    containers: Vec<Container>,
    /// The kind of the open paragraph, heading or table cell, if any.
    leaf: Option<BlockKind>,
    open: Option<OpenBlock>,
    /// Depth of constructs whose text is not prose: images (alt text), code blocks, autolinks.
    hidden: usize,
    /// For each open link, whether its text is hidden (autolinks show their destination).
    links: Vec<bool>,
    blocks: Vec<Block>,
    ignores: Ignores,
    /// `copydesk-ignore` rules waiting for the first block that starts after their comment.
    pending: Vec<(usize, IgnoreRule)>,
    /// Speaker pins read so far, in reading order.
    pins: Vec<Pin>,
    /// Indices in `pins` of those waiting for the next block to close.
    pins_waiting: Vec<usize>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, mask_start: usize, tail: &str, source_start: usize) -> Builder<'a> {
        Builder {
            text,
            mask_start,
            source_start,
            mask: blank(tail).into_bytes(),
            containers: Vec::new(),
            leaf: None,
            open: None,
            hidden: 0,
            links: Vec::new(),
            blocks: Vec::new(),
            ignores: Ignores::default(),
            pending: Vec::new(),
            pins: Vec::new(),
            pins_waiting: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let span = Span::new(self.source_start + range.start, self.source_start + range.end);
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(shown) if self.hidden == 0 => self.prose(span, &shown),
            Event::InlineHtml(_) => self.html(span),
            // Code, HTML lines (read whole at the block's start), math, footnote references,
            // rules and breaks stay blank; a soft break's newline is already in the mask.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Paragraph => self.open_leaf(self.paragraph_kind()),
            Tag::Heading { .. } => self.open_leaf(BlockKind::Heading),
            Tag::TableCell => self.open_leaf(BlockKind::TableCell),
            Tag::BlockQuote(_) => {
                self.close_block();
                self.containers.push(Container::BlockQuote);
            }
            Tag::Item => {
                self.close_block();
                self.containers.push(Container::Item);
            }
            Tag::CodeBlock(_) => {
                self.close_block();
                self.hidden += 1;
            }
            Tag::HtmlBlock => {
                self.close_block();
                self.html(span);
            }
            Tag::Image { .. } => self.hidden += 1,
            Tag::Link { link_type, .. } => {
                let hides = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.links.push(hides);
                self.hidden += usize::from(hides);
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
            // Any other block (a nested list, a table, a footnote definition) ends the text of a
            // tight list item before it.
            _ => self.close_block(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
                self.close_block();
                self.leaf = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::Item => {
                self.close_block();
                self.containers.pop();
            }
            TagEnd::CodeBlock | TagEnd::Image => self.hidden = self.hidden.saturating_sub(1),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.hidden = self.hidden.saturating_sub(1);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {}
            _ => self.close_block(),
        }
    }

    /// A paragraph takes the kind of its innermost container: a list item quoted in a block
    /// quote is a list item, a quote inside a list item is a block quote.
    fn paragraph_kind(&self) -> BlockKind {
        match self.containers.last() {
            Some(Container::BlockQuote) => BlockKind::BlockQuote,
            Some(Container::Item) => BlockKind::ListItem,
            None => BlockKind::Paragraph,
        }
    }

    fn open_leaf(&mut self, kind: BlockKind) {
        self.close_block();
        self.leaf = Some(kind);
    }

    /// Copies a Text event's prose into the mask. Where an entity such as `&rdquo;` stands for
    /// one character, that character is written at the entity's start, so the mask reads as
    /// the reader sees it while every offset still points into the entity; escape backslashes
    /// lie outside Text ranges and stay blank.
    fn prose(&mut self, span: Span, shown: &str) {
        let Some(source) = self.text.get(span.start..span.end) else { return };
        let mut shown_chars = shown.chars();
        let single_char = shown_chars.next().filter(|_| shown_chars.next().is_none());
        if source == shown {
            self.write(span.start, source);
        } else if let Some(c) = single_char.filter(|c| is_entity(source) && c.len_utf8() <= source.len()) {
            let mut buffer = [0; 4];
            self.write(span.start, c.encode_utf8(&mut buffer));
        } else {
            // Anything else (a NUL read as U+FFFD, say): keep the source characters the shown
            // text also has, in order, and blank the rest.
            let mut wanted = shown.chars().peekable();
            for (offset, c) in source.char_indices() {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                    let mut buffer = [0; 4];
                    self.write(span.start + offset, c.encode_utf8(&mut buffer));
                }
            }
        }
    }

    /// Writes prose at absolute offset `at` and widens the open block to hold it.
    fn write(&mut self, at: usize, prose: &str) {
        let Some(relative) = at.checked_sub(self.mask_start) else { return };
        let Some(slot) = self.mask.get_mut(relative..relative + prose.len()) else { return };
        slot.copy_from_slice(prose.as_bytes());
        let written = Span::new(at, at + prose.len());
        match &mut self.open {
            Some(open) => open.prose.end = open.prose.end.max(written.end),
            None => {
                // Text outside a paragraph, heading or cell is a tight list item's.
                let kind = self.leaf.unwrap_or(match self.containers.last() {
                    Some(Container::Item) => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                });
                self.open = Some(OpenBlock { kind, prose: written });
            }
        }
    }

    /// Ends the open block: trimmed to the prose it holds, dropped when it holds none.
    fn close_block(&mut self) {
        let Some(open) = self.open.take() else { return };
        let relative = |offset: usize| offset.saturating_sub(self.mask_start);
        let Some(bytes) = self.mask.get(relative(open.prose.start)..relative(open.prose.end)) else { return };
        let Some(first) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else { return };
        let last = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or(first);
        let span = Span::new(open.prose.start + first, open.prose.start + last + 1);
        let (silenced, waiting): (Vec<_>, Vec<_>) = self.pending.drain(..).partition(|&(after, _)| after <= span.start);
        self.pending = waiting;
        for (_, rule) in silenced {
            self.ignores.blocks.push((span, rule));
        }
        // Pins read since the last block closed are in this block (inline HTML, even after
        // its last word) or before it with no block between.
        for index in self.pins_waiting.drain(..) {
            self.pins[index].block = Some(span);
        }
        self.blocks.push(Block { span, kind: open.kind });
    }

    /// Reads directives from an HTML block or inline HTML. A speaker pin waits for the next
    /// block to close: the paragraph it is inside, or else the first after it.
    fn html(&mut self, span: Span) {
        let Some(html) = self.text.get(span.start..span.end) else { return };
        let at = |range: std::ops::Range<usize>| Span::new(span.start + range.start, span.start + range.end);
        for (comment, directive) in ignore::directives(html) {
            match directive {
                Directive::File(rule) => self.ignores.file.push(rule),
                Directive::NextBlock(rule) => self.pending.push((span.start + comment.end, rule)),
                Directive::Speaker { id, id_at } => {
                    self.pins.push(Pin { comment: at(comment), id, id_span: at(id_at), block: None });
                    self.pins_waiting.push(self.pins.len() - 1);
                }
            }
        }
    }

    fn finish(mut self, tail: &str) -> Parsed {
        self.close_block();
        // Every write copies whole characters over spaces, so the mask is valid UTF-8; the
        // fallback only keeps that promise without a panic.
        let prose_tail = String::from_utf8(self.mask).unwrap_or_else(|_| blank(tail));
        Parsed { blocks: self.blocks, ignores: self.ignores, pins: self.pins, prose_tail }
    }
}

/// An HTML entity or numeric character reference, as pulldown-cmark decodes them.
fn is_entity(source: &str) -> bool {
    source.len() > 2 && source.starts_with('&') && source.ends_with(';')
}

#[cfg(test)]
mod tests {
    use super::super::{Format, parse as parse_article};
    use super::*;

    /// Renders an article's Markdown model, one line per item: each block's kind and its text
    /// read from the prose mask (each run of blanked source shows as one `·`, a line end as
    /// `⏎`), each ignore rule with the block it silences, and any prose the mask holds outside
    /// every block.
    fn check(markdown: &str, expect: &str) {
        let article = parse_article(markdown, Format::Markdown);
        let shown = |span: Span| render_mask(markdown, &article.prose, span);
        let mut lines = Vec::new();
        for block in &article.blocks {
            let kind = match block.kind {
                BlockKind::Paragraph => "paragraph",
                BlockKind::Heading => "heading",
                BlockKind::ListItem => "item",
                BlockKind::BlockQuote => "quote",
                BlockKind::TableCell => "cell",
            };
            lines.push(format!("{kind}: {}", shown(block.span)));
        }
        let codes = |rule: &IgnoreRule| if rule.codes.is_empty() { "all".to_string() } else { rule.codes.join(",") };
        for rule in &article.ignores.file {
            lines.push(format!("ignore in file: {}", codes(rule)));
        }
        for (span, rule) in &article.ignores.blocks {
            lines.push(format!("ignore {} in: {}", codes(rule), shown(*span)));
        }
        let mut outside = article.prose.clone().into_bytes();
        for block in &article.blocks {
            outside[block.span.start..block.span.end].fill(b' ');
        }
        let stray = String::from_utf8_lossy(&outside).split_whitespace().collect::<Vec<_>>().join(" ");
        if !stray.is_empty() {
            lines.push(format!("prose outside blocks: {stray}"));
        }
        assert_eq!(lines.join("\n"), expect.trim(), "for {markdown:?}");
    }

    /// The mask over `span`, each run of spaces that blanks some source shown as one `·`.
    fn render_mask(text: &str, prose: &str, span: Span) -> String {
        let mut out = String::new();
        let mut run = String::new();
        let mut run_blanks_source = false;
        for (offset, c) in span.text(prose).char_indices() {
            if c == ' ' {
                run.push(' ');
                run_blanks_source |= text.as_bytes()[span.start + offset] != b' ';
                continue;
            }
            out.push_str(if run_blanks_source { "·" } else { &run });
            run.clear();
            run_blanks_source = false;
            match c {
                '\r' => {}
                '\n' => out.push('⏎'),
                _ => out.push(c),
            }
        }
        out
    }

    #[test]
    fn paragraphs_keep_soft_line_breaks() {
        check(
            r#"The Rovers beat the Dockers 3-1 on Saturday,
their first win since August.

"We needed that," said the captain.
"#,
            r#"
paragraph: The Rovers beat the Dockers 3-1 on Saturday,⏎their first win since August.
paragraph: "We needed that," said the captain.
"#,
        );
    }

    #[test]
    fn headings_are_their_own_blocks_without_their_markers() {
        check(
            r"# Rovers end the drought ##

Cup final
=========

## What the manager said
Not much.
",
            r"
heading: Rovers end the drought
heading: Cup final
heading: What the manager said
paragraph: Not much.
",
        );
    }

    #[test]
    fn tight_list_items_are_blocks_and_nested_lists_split_them() {
        check(
            r"- Goals: Okafor (2), Lindqvist
- Cards:
  * Brandt, 54th minute
  * Moreau, 81st minute
1. Attendance 12,400
",
            r"
item: Goals: Okafor (2), Lindqvist
item: Cards:
item: Brandt, 54th minute
item: Moreau, 81st minute
item: Attendance 12,400
",
        );
    }

    #[test]
    fn loose_list_items_hold_paragraphs() {
        check(
            r#"- "It was a penalty," Okafor said.

  The referee disagreed.

- The fans sang.
"#,
            r#"
item: "It was a penalty," Okafor said.
item: The referee disagreed.
item: The fans sang.
"#,
        );
    }

    #[test]
    fn block_quotes_mark_their_paragraphs() {
        check(
            r"The club's statement read:

> We thank Gerd Brandt for his
> years of service.
>
> - He leaves with our thanks.

Fans were not surprised.
",
            r"
paragraph: The club's statement read:
quote: We thank Gerd Brandt for his⏎·years of service.
item: He leaves with our thanks.
paragraph: Fans were not surprised.
",
        );
    }

    #[test]
    fn table_cells_are_blocks() {
        check(
            r"| Player | Verdict |
|--------|---------|
| Okafor | *Superb* \| tireless |
",
            r"
cell: Player
cell: Verdict
cell: Okafor
cell: Superb·| tireless
",
        );
    }

    #[test]
    fn code_html_and_link_syntax_are_not_prose() {
        check(
            r#"Run `make table` to see the [league table](https://example.org/t "Table") <b>today</b>.

![The captain lifting the cup](cup.jpg) Photo by <https://example.org/photos>.

```text
"Not a quote," said nobody.
```

    indented code

<div class="sidebar">
Ignored "text" in HTML.
</div>
"#,
            r#"
paragraph: Run·to see the·league table·today·.
paragraph: Photo by·.
"#,
        );
    }

    #[test]
    fn escapes_and_entities_stay_at_their_source_offsets() {
        check(
            r#"\"Stay,\" fans chanted &amp; sang &ldquo;Gerd&rdquo; 5 \* 2."#,
            r#"
paragraph: "Stay,·" fans chanted &·sang “·Gerd”·5·* 2.
"#,
        );
    }

    #[test]
    fn footnotes_and_strikethrough() {
        check(
            r"The board ~~sacked~~ parted with Brandt.[^1]

[^1]: Confirmed by the club on Monday.
",
            r"
paragraph: The board·sacked·parted with Brandt.
paragraph: Confirmed by the club on Monday.
",
        );
    }

    #[test]
    fn front_matter_and_a_byte_order_mark_are_not_prose() {
        check(
            "\u{feff}---\r\nglossary: rovers.toml\r\n---\r\n# Late winner\r\n\r\nOkafor scored.\r\n",
            r"
heading: Late winner
paragraph: Okafor scored.
",
        );
        check("\u{feff}Okafor scored.", "paragraph: Okafor scored.");
    }

    #[test]
    fn ignore_comments_silence_the_next_block() {
        check(
            r#"<!-- copydesk-ignore unattributed-quote -->
"We go again."

"Next week," said Brandt. <!-- copydesk-ignore -->
"Unsilenced," said nobody.

Final paragraph.
"#,
            r#"
paragraph: "We go again."
paragraph: "Next week," said Brandt.·⏎"Unsilenced," said nobody.
paragraph: Final paragraph.
ignore unattributed-quote in: "We go again."
ignore all in: Final paragraph.
"#,
        );
    }

    #[test]
    fn ignore_file_comments_anywhere() {
        check(
            r"Okafor scored twice.

<!--
copydesk-ignore-file unknown-speaker, ambiguous-speaker
-->
Lindqvist did not <!-- copydesk-ignore-file --> score.
",
            r"
paragraph: Okafor scored twice.
paragraph: Lindqvist did not·score.
ignore in file: unknown-speaker,ambiguous-speaker
ignore in file: all
",
        );
    }

    #[test]
    fn ignore_comment_with_no_block_after_it() {
        check("Full time.\n\n<!-- copydesk-ignore -->\n", "paragraph: Full time.");
    }

    /// Odd inputs, alone and in every pair: the mask keeps the text's length and line ends and
    /// shows only source characters (or an entity's character at the entity), and blocks come
    /// in order, inside the text, on character boundaries, each holding prose.
    #[test]
    fn odd_inputs_keep_the_mask_and_blocks_sound() {
        let fragments = [
            "",
            "\u{feff}",
            "\r\n",
            "---\nglossary: a.toml\n---\n",
            "+++\nglossary = 'a.toml'\n+++",
            "---\n",
            "```\nunclosed code fence \"quote\n",
            "<!--",
            "<!-- copydesk-ignore",
            "<!-- copydesk-ignore -->",
            "text <!-- unclosed\n\nmore",
            "⚽ “Goal!” 🎉\r\n\r\n> 🏆 *cup* **won**\r\n",
            "&#x1F600; &nbsp; &bogus; &#0; &#xD800; &ThickSpace;",
            "nul\0char and \\\u{e9} escape",
            "- \n-\n  - ⚽\n    > \"q\n",
            "| a |\n|---|\n| é | ü | extra |\n",
            "[^x]: \n[link]: <> \"t\"\n\n[link]",
            "* * *\n___\n# \n#",
            "<div>\n\n\"after html\"",
            "    code\n\ttab code\n\u{a0}nbsp",
            "a\\\nb  \nc\\",
            "[![img](a \"t\")](b) [x](<y z> 'w')",
            "> > > deep\n>>> deeper",
            "\r",
            "\n\n\n",
            "~~~\n",
            "\"Rovers\" <a href=\"x\">won</a> 2–0",
        ];
        for first in fragments {
            assert_sound(first);
            for second in fragments {
                assert_sound(&format!("{first}{second}"));
                assert_sound(&format!("{first}\n{second}"));
            }
        }
    }

    fn assert_sound(text: &str) {
        let article = parse_article(text, Format::Markdown);
        let prose = &article.prose;
        assert_eq!(prose.len(), text.len(), "mask length for {text:?}");
        for (offset, c) in prose.char_indices() {
            // A blanked multi-byte character leaves spaces inside it.
            let source = text.get(offset..).unwrap_or(" ");
            let honest = c == ' ' || source.starts_with(c) || source.starts_with('&');
            assert!(honest, "mask shows {c:?} at {offset} for {text:?}");
            if source.starts_with('\n') {
                assert_eq!(c, '\n', "newlines kept for {text:?}");
            }
        }
        let mut previous_end = 0;
        for block in &article.blocks {
            assert!(previous_end <= block.span.start, "blocks in order for {text:?}");
            assert!(block.span.start < block.span.end, "non-empty block for {text:?}");
            assert!(block.span.end <= text.len(), "block inside the text for {text:?}");
            assert!(text.is_char_boundary(block.span.start), "char boundary for {text:?}");
            assert!(text.is_char_boundary(block.span.end), "char boundary for {text:?}");
            assert!(!block.span.text(prose).trim().is_empty(), "prose in {text:?}");
            previous_end = block.span.end;
        }
        for (span, _) in &article.ignores.blocks {
            assert!(article.blocks.iter().any(|block| block.span == *span), "ignore scope is a block for {text:?}");
        }
    }
}
