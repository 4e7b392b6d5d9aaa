//! YAML (`---`) and TOML (`+++`) front matter: recognised, never prose, and read for its
//! `glossary` key.

use crate::analysis::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// From the opening fence to the end of the closing fence's line.
    pub span: Span,
    /// Paths named by the `glossary` key, relative to the article, each with its span.
    pub glossary: Vec<(String, Span)>,
}

/// Front matter at the very start of `text` (after an optional byte order mark), or None when
/// the text does not open with a fence or the fence is never closed.
pub(super) fn parse(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = lines_from(text, start);
    let opening = lines.next()?;
    let syntax = match opening.content.trim_end() {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return None,
    };
    let closing = lines.find(|line| syntax.closes(line.content.trim_end()))?;
    let body = Span::new(opening.end, closing.start);
    let glossary = match syntax {
        Syntax::Yaml => yaml::glossary(text, body),
        Syntax::Toml => toml_glossary(text, body),
    };
    Some(FrontMatter { span: Span::new(start, closing.end), glossary })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Toml,
}

impl Syntax {
    fn closes(self, fence: &str) -> bool {
        match self {
            Syntax::Yaml => fence == "---" || fence == "...",
            Syntax::Toml => fence == "+++",
        }
    }
}

/// One line of the text: where it starts, its content without the line feed (a carriage
/// return may remain), and where the next line starts.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    content: &'a str,
    end: usize,
}

fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Line<'_>> {
    let rest = text.get(from..).unwrap_or("");
    rest.split_inclusive('\n').scan(from, |offset, raw| {
        let start = *offset;
        *offset += raw.len();
        Some(Line { start, content: raw.strip_suffix('\n').unwrap_or(raw), end: *offset })
    })
}

/// Reads `glossary = "…"` or `glossary = ["…", …]` from TOML front matter. A syntax error
/// elsewhere in the front matter does not hide a well-formed key.
fn toml_glossary(text: &str, body: Span) -> Vec<(String, Span)> {
    let Some(source) = text.get(body.start..body.end) else { return Vec::new() };
    let (table, _errors) = toml::de::DeTable::parse_recoverable(source);
    let Some(value) = table.get_ref().get("glossary") else { return Vec::new() };
    let values: Vec<_> = match value.get_ref() {
        toml::de::DeValue::Array(items) => items.into_iter().collect(),
        _ => vec![value],
    };
    values
        .into_iter()
        .filter_map(|item| {
            let path = item.get_ref().as_str()?;
            let raw = item.span();
            let span = strip_toml_quotes(source, Span::new(raw.start, raw.end));
            let span = Span::new(body.start + span.start, body.start + span.end);
            (!path.is_empty()).then(|| (path.to_string(), span))
        })
        .collect()
}

/// The span of a TOML string's contents, without its quotes.
fn strip_toml_quotes(source: &str, span: Span) -> Span {
    let raw = span.text(source);
    let quote_len = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|quote| raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote))
        .map_or(0, str::len);
    Span::new(span.start + quote_len, span.end - quote_len)
}

/// Just enough YAML to read one top-level key whose value is a scalar, a flow list or a block
/// list of scalars; copydesk needs nothing else from YAML front matter.
mod yaml {
    use super::{Line, lines_from};
    use crate::analysis::Span;

    pub(super) fn glossary(text: &str, body: Span) -> Vec<(String, Span)> {
        let mut lines = lines_from(text, body.start).take_while(|line| line.end <= body.end);
        let Some((line, value_start)) =
            lines.by_ref().find_map(|line| key_value_start(line, "glossary").map(|at| (line, at)))
        else {
            return Vec::new();
        };
        let value = &text[value_start..line.start + line.content.len()];
        let leading = value.len() - value.trim_start().len();
        let value_start = value_start + leading;
        match value.trim_start().chars().next() {
            None | Some('#') => block_list(text, lines),
            Some('[') => flow_list(text, value_start + 1, body.end),
            Some(_) => scalar(text, value_start, line.start + line.content.len(), ScalarEnd::Line)
                .map(|(item, _)| item)
                .into_iter()
                .filter(|(path, _)| !path.is_empty())
                .collect(),
        }
    }

    /// Where the value of `key:` starts when `line` holds that top-level key.
    fn key_value_start(line: Line<'_>, key: &str) -> Option<usize> {
        let content = line.content;
        let after_key = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|spelled| content.strip_prefix(spelled.as_str()))?;
        let after_colon = after_key.trim_start_matches([' ', '\t']).strip_prefix(':')?;
        let separated = after_colon.is_empty() || after_colon.starts_with([' ', '\t', '\r']);
        separated.then(|| line.start + content.len() - after_colon.len())
    }

    /// Items of a block list (`- a.toml` lines) following the key, blank and comment lines skipped.
    fn block_list<'a>(text: &str, lines: impl Iterator<Item = Line<'a>>) -> Vec<(String, Span)> {
        let mut items = Vec::new();
        for line in lines {
            let trimmed = line.content.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.content.len() - line.content.trim_start().len();
            let Some(after_dash) = line.content.trim_start().strip_prefix('-') else { break };
            if !(after_dash.is_empty() || after_dash.starts_with([' ', '\t', '\r'])) {
                break;
            }
            let item_start = line.start + indent + 1;
            let item_text = &text[item_start..line.start + line.content.len()];
            let item_start = item_start + item_text.len() - item_text.trim_start().len();
            let line_end = line.start + line.content.len();
            if let Some(((path, span), _)) = scalar(text, item_start, line_end, ScalarEnd::Line)
                && !path.is_empty()
            {
                items.push((path, span));
            }
        }
        items
    }

    /// Items of a flow list, from just after its `[` to its `]` (which may be on a later line).
    fn flow_list(text: &str, mut at: usize, end: usize) -> Vec<(String, Span)> {
        let mut items = Vec::new();
        let bytes = text.as_bytes();
        while at < end {
            match bytes[at] {
                b']' => break,
                b' ' | b'\t' | b'\r' | b'\n' | b',' => at += 1,
                _ => match scalar(text, at, end, ScalarEnd::FlowItem) {
                    Some(((path, span), next)) => {
                        if !path.is_empty() {
                            items.push((path, span));
                        }
                        at = next.max(at + 1);
                    }
                    None => break,
                },
            }
        }
        items
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum ScalarEnd {
        /// A plain scalar runs to the end of the line or a comment.
        Line,
        /// A plain scalar in a flow list also stops at `,` and `]`.
        FlowItem,
    }

    /// A quoted or plain scalar starting at `start`: its value and span (without quotes), and
    /// the offset just after it. None for a quoted scalar that never closes on its line.
    fn scalar(text: &str, start: usize, end: usize, until: ScalarEnd) -> Option<((String, Span), usize)> {
        let rest = text.get(start..end)?;
        let line = rest.split(['\n', '\r']).next().unwrap_or("");
        match line.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let contents = &line[1..];
                let close = closing_quote(contents, quote)?;
                let raw = &contents[..close];
                let value = if quote == '"' {
                    raw.replace("\\\\", "\u{0}").replace("\\\"", "\"").replace('\u{0}', "\\")
                } else {
                    raw.replace("''", "'")
                };
                let span = Span::new(start + 1, start + 1 + close);
                Some(((value, span), span.end + 1))
            }
            _ => {
                let stop = line
                    .char_indices()
                    .find(|&(i, c)| {
                        let comment = c == '#' && line[..i].ends_with([' ', '\t']);
                        comment || (until == ScalarEnd::FlowItem && (c == ',' || c == ']'))
                    })
                    .map_or(line.len(), |(i, _)| i);
                let value = line[..stop].trim_end();
                Some(((value.to_string(), Span::new(start, start + value.len())), start + stop))
            }
        }
    }

    /// The byte index of the quote that closes a YAML scalar, honouring `\"` in double quotes and
    /// `''` in single quotes.
    fn closing_quote(contents: &str, quote: char) -> Option<usize> {
        let mut chars = contents.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if quote == '"' && c == '\\' {
                chars.next();
            } else if c == quote {
                if quote == '\'' && chars.peek().is_some_and(|&(_, next)| next == '\'') {
                    chars.next();
                } else {
                    return Some(i);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the front matter found in `text`: its text between `|` marks (line ends shown
    /// as `\n` and `\r`), then each glossary path with the text its span covers, so a wrong
    /// span shows at once.
    fn check(text: &str, expect: &str) {
        let rendered = match parse(text) {
            None => "no front matter\n".to_string(),
            Some(front) => {
                let shown = front.span.text(text).replace('\r', "\\r").replace('\n', "\\n");
                let mut out = format!("front matter |{shown}|\n");
                for (path, span) in &front.glossary {
                    out.push_str(&format!("glossary {path} at |{}|\n", span.text(text)));
                }
                out
            }
        };
        assert_eq!(rendered.trim(), expect.trim(), "for {text:?}");
    }

    #[test]
    fn yaml_front_matter_without_a_glossary() {
        check(
            r"---
title: Rovers sack their manager
---
# Rovers sack their manager
",
            r"front matter |---\ntitle: Rovers sack their manager\n---\n|",
        );
    }

    #[test]
    fn yaml_scalar_glossary_plain_and_quoted() {
        check(
            r"---
glossary: rovers.toml
---
Body.
",
            r"
front matter |---\nglossary: rovers.toml\n---\n|
glossary rovers.toml at |rovers.toml|
",
        );
        check(
            r#"---
author: Desk
glossary: "people/rovers.toml"  # the club
...
Body.
"#,
            r#"
front matter |---\nauthor: Desk\nglossary: "people/rovers.toml"  # the club\n...\n|
glossary people/rovers.toml at |people/rovers.toml|
"#,
        );
        check(
            r"---
glossary: 'it''s.toml'
---
",
            r"
front matter |---\nglossary: 'it''s.toml'\n---\n|
glossary it's.toml at |it''s.toml|
",
        );
    }

    #[test]
    fn yaml_flow_and_block_lists() {
        check(
            r#"---
glossary: [rovers.toml, "league.toml", 'ground.toml']
---
"#,
            r#"
front matter |---\nglossary: [rovers.toml, "league.toml", 'ground.toml']\n---\n|
glossary rovers.toml at |rovers.toml|
glossary league.toml at |league.toml|
glossary ground.toml at |ground.toml|
"#,
        );
        check(
            r#"---
glossary:
  - rovers.toml
  # the league's own list
  - "league.toml"
title: Cup run
---
"#,
            r#"
front matter |---\nglossary:\n  - rovers.toml\n  # the league's own list\n  - "league.toml"\ntitle: Cup run\n---\n|
glossary rovers.toml at |rovers.toml|
glossary league.toml at |league.toml|
"#,
        );
    }

    #[test]
    fn yaml_ignores_nested_and_lookalike_keys() {
        check(
            r"---
sources:
  glossary: nested.toml
glossary_extra: no.toml
---
",
            r"front matter |---\nsources:\n  glossary: nested.toml\nglossary_extra: no.toml\n---\n|",
        );
    }

    #[test]
    fn toml_front_matter_with_and_without_a_glossary() {
        check(
            r#"+++
title = "Cup run"
+++
Body.
"#,
            r#"front matter |+++\ntitle = "Cup run"\n+++\n|"#,
        );
        check(
            r#"+++
glossary = "rovers.toml"
+++
"#,
            r#"
front matter |+++\nglossary = "rovers.toml"\n+++\n|
glossary rovers.toml at |rovers.toml|
"#,
        );
        check(
            r#"+++
glossary = ["rovers.toml", 'league.toml']
[extra]
glossary = "not-this.toml"
+++
"#,
            r#"
front matter |+++\nglossary = ["rovers.toml", 'league.toml']\n[extra]\nglossary = "not-this.toml"\n+++\n|
glossary rovers.toml at |rovers.toml|
glossary league.toml at |league.toml|
"#,
        );
    }

    #[test]
    fn toml_syntax_errors_elsewhere_keep_the_glossary() {
        check(
            r#"+++
glossary = "rovers.toml"
title = = broken
+++
"#,
            r#"
front matter |+++\nglossary = "rovers.toml"\ntitle = = broken\n+++\n|
glossary rovers.toml at |rovers.toml|
"#,
        );
    }

    #[test]
    fn crlf_and_byte_order_mark() {
        check(
            "\u{feff}---\r\nglossary:\r\n  - rovers.toml\r\n---\r\nBody.\r\n",
            r"
front matter |---\r\nglossary:\r\n  - rovers.toml\r\n---\r\n|
glossary rovers.toml at |rovers.toml|
",
        );
        check(
            "+++\r\nglossary = [\"a.toml\", \"b.toml\"]\r\n+++\r\n",
            r#"
front matter |+++\r\nglossary = ["a.toml", "b.toml"]\r\n+++\r\n|
glossary a.toml at |a.toml|
glossary b.toml at |b.toml|
"#,
        );
    }

    #[test]
    fn closing_fence_at_end_of_text_and_trailing_spaces() {
        check(
            "---  \nglossary: a.toml\n---",
            r"
front matter |---  \nglossary: a.toml\n---|
glossary a.toml at |a.toml|
",
        );
    }

    #[test]
    fn no_front_matter() {
        let unclosed = r"---
title: never closed

Rovers won.
";
        check(unclosed, "no front matter");
        check("+++\nglossary = \"a.toml\"\n---\n", "no front matter");
        check("Rovers won.\n---\nglossary: a.toml\n---\n", "no front matter");
        check("----\nglossary: a.toml\n----\n", "no front matter");
        check(" ---\nglossary: a.toml\n---\n", "no front matter");
        check("", "no front matter");
        check("---", "no front matter");
    }

    #[test]
    fn odd_values_never_panic_and_skip_what_is_not_a_path() {
        check(
            "---\nglossary: [\"unclosed, b.toml]\n---\n",
            r#"front matter |---\nglossary: ["unclosed, b.toml]\n---\n|"#,
        );
        check("---\nglossary: \"\"\n---\n", r#"front matter |---\nglossary: ""\n---\n|"#);
        check("---\nglossary:\n---\n", r"front matter |---\nglossary:\n---\n|");
        check("---\nglossary: [\n---\n", r"front matter |---\nglossary: [\n---\n|");
        check("+++\nglossary = 3\n+++\n", r"front matter |+++\nglossary = 3\n+++\n|");
        check(
            "---\nglossary: [é.toml,\n  ü.toml]\n---\n",
            r"
front matter |---\nglossary: [é.toml,\n  ü.toml]\n---\n|
glossary é.toml at |é.toml|
glossary ü.toml at |ü.toml|
",
        );
    }
}
