//! `<!-- copydesk-ignore CODE -->`, `<!-- copydesk-ignore-file CODE -->` and
//! `<!-- copydesk-speaker ID -->` comments: the directives a writer puts in an article.

use std::ops::Range;

use crate::analysis::{Code, Span};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ignores {
    /// Rules from `copydesk-ignore-file` comments.
    pub file: Vec<IgnoreRule>,
    /// Rules from `copydesk-ignore` comments, each with the block it silences.
    pub blocks: Vec<(Span, IgnoreRule)>,
}

/// The codes one comment silences; no codes means every code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreRule {
    pub codes: Vec<String>,
}

impl IgnoreRule {
    pub fn matches(&self, code: Code) -> bool {
        self.codes.is_empty() || self.codes.iter().any(|c| c == code.as_str())
    }
}

/// What one ignore comment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Directive {
    /// `copydesk-ignore-file`: the whole article.
    File(IgnoreRule),
    /// `copydesk-ignore`: the next block.
    NextBlock(IgnoreRule),
    /// `copydesk-speaker ID`: the quotations of a paragraph are the entity's (or nobody's,
    /// for `none`). `id` is empty when the comment names none; `id_at` is where the id is,
    /// relative to the start of the text the directives were read from.
    Speaker { id: String, id_at: Range<usize> },
}

/// The directives in the HTML comments of `html` (an HTML block, inline HTML, or a plain
/// text article), each with the range of its whole comment. A comment that never closes is
/// no directive.
pub(super) fn directives(html: &str) -> Vec<(Range<usize>, Directive)> {
    let mut found = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = html.get(rest_start..).and_then(|rest| rest.find("<!--")) {
        let comment_start = rest_start + open;
        let body_start = comment_start + "<!--".len();
        let Some(close) = html[body_start..].find("-->") else { break };
        let comment_end = body_start + close + "-->".len();
        if let Some(directive) = directive(&html[body_start..body_start + close], body_start) {
            found.push((comment_start..comment_end, directive));
        }
        rest_start = comment_end;
    }
    found
}

/// Reads one comment's text (which starts at `body_start`): the directive name, then codes
/// separated by spaces or commas, or the one id of a speaker pin.
fn directive(comment: &str, body_start: usize) -> Option<Directive> {
    let separators = [' ', '\t', '\r', '\n', ','];
    let mut words = comment.split(separators).filter(|word| !word.is_empty());
    let name = words.next()?;
    match name {
        "copydesk-ignore" => Some(Directive::NextBlock(IgnoreRule { codes: words.map(str::to_string).collect() })),
        "copydesk-ignore-file" => Some(Directive::File(IgnoreRule { codes: words.map(str::to_string).collect() })),
        "copydesk-speaker" => {
            // The id is the rest of the comment, trimmed: an id with a space in it is then
            // reported as unknown, not silently cut to its first word.
            let name_end = comment.find(name).map_or(0, |at| at + name.len());
            let rest = &comment[name_end..];
            let id = rest.trim_matches(separators);
            let id_start = body_start + name_end + rest.find(id).unwrap_or(0);
            let id_at =
                if id.is_empty() { body_start..body_start + comment.len() } else { id_start..id_start + id.len() };
            Some(Directive::Speaker { id: id.to_string(), id_at })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders each directive as its scope, its codes (or `all`), and the text up to its end.
    fn check(html: &str, expect: &str) {
        let rendered: Vec<String> = directives(html)
            .into_iter()
            .map(|(comment, directive)| {
                let end = comment.end;
                let (scope, rule) = match directive {
                    Directive::File(rule) => ("file", rule),
                    Directive::NextBlock(rule) => ("next-block", rule),
                    Directive::Speaker { id, id_at } => {
                        return format!("speaker {id:?} at {:?} in {:?}", &html[id_at], &html[comment]);
                    }
                };
                let codes = if rule.codes.is_empty() { "all".to_string() } else { rule.codes.join(" ") };
                format!("{scope}: {codes} (ends after {:?})", &html[end.saturating_sub(3)..end])
            })
            .collect();
        assert_eq!(rendered.join("\n"), expect.trim(), "for {html:?}");
    }

    #[test]
    fn next_block_and_file_directives() {
        check("<!-- copydesk-ignore -->", r#"next-block: all (ends after "-->")"#);
        check(
            "<!-- copydesk-ignore unattributed-quote, unknown-speaker -->\n",
            r#"next-block: unattributed-quote unknown-speaker (ends after "-->")"#,
        );
        check("<!--copydesk-ignore-file\n  ambiguous-speaker\n-->", r#"file: ambiguous-speaker (ends after "-->")"#);
    }

    #[test]
    fn several_comments_in_one_html_block() {
        check(
            "<!-- a note for the sub-editor --><!-- copydesk-ignore-file unknown-speaker --> <!-- copydesk-ignore -->",
            r#"
file: unknown-speaker (ends after "-->")
next-block: all (ends after "-->")
"#,
        );
    }

    #[test]
    fn speaker_pins_name_one_id() {
        check(
            "<!-- copydesk-speaker mujahid --> <!--copydesk-speaker\n  none\n-->",
            r#"
speaker "mujahid" at "mujahid" in "<!-- copydesk-speaker mujahid -->"
speaker "none" at "none" in "<!--copydesk-speaker\n  none\n-->"
"#,
        );
        // No id, or more than one word: kept whole, for the pin pass to report.
        check(
            "<!-- copydesk-speaker --><!-- copydesk-speaker Zabihullah Mujahid -->",
            r#"
speaker "" at " copydesk-speaker " in "<!-- copydesk-speaker -->"
speaker "Zabihullah Mujahid" at "Zabihullah Mujahid" in "<!-- copydesk-speaker Zabihullah Mujahid -->"
"#,
        );
    }

    #[test]
    fn other_comments_and_unclosed_comments_are_not_directives() {
        check("<!-- copydesk-ignored -->", "");
        check("<!-- please copydesk-ignore this -->", "");
        check("<!-- copydesk-ignore", "");
        check("<!--", "");
        check("<div>copydesk-ignore</div>", "");
    }

    #[test]
    fn rules_match_their_codes_or_every_code() {
        let rule = IgnoreRule { codes: vec!["unknown-speaker".to_string()] };
        assert!(rule.matches(Code::UnknownSpeaker));
        assert!(!rule.matches(Code::UnattributedQuote));
        assert!(IgnoreRule::default().matches(Code::UnattributedQuote));
    }
}
