//! `<!-- copydesk-ignore CODE -->` and `<!-- copydesk-ignore-file CODE -->` comments.

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
}

/// The ignore directives in the HTML comments of `html` (an HTML block or inline HTML), each
/// with the offset just past its comment. A comment that never closes silences nothing.
pub(super) fn directives(html: &str) -> Vec<(usize, Directive)> {
    let mut found = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = html.get(rest_start..).and_then(|rest| rest.find("<!--")) {
        let body_start = rest_start + open + "<!--".len();
        let Some(close) = html[body_start..].find("-->") else { break };
        let comment_end = body_start + close + "-->".len();
        if let Some(directive) = directive(&html[body_start..body_start + close]) {
            found.push((comment_end, directive));
        }
        rest_start = comment_end;
    }
    found
}

/// Reads one comment's text: the directive name, then codes separated by spaces or commas.
fn directive(comment: &str) -> Option<Directive> {
    let mut words = comment.split([' ', '\t', '\r', '\n', ',']).filter(|word| !word.is_empty());
    let name = words.next()?;
    let rule = IgnoreRule { codes: words.map(str::to_string).collect() };
    match name {
        "copydesk-ignore" => Some(Directive::NextBlock(rule)),
        "copydesk-ignore-file" => Some(Directive::File(rule)),
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
            .map(|(end, directive)| {
                let (scope, rule) = match directive {
                    Directive::File(rule) => ("file", rule),
                    Directive::NextBlock(rule) => ("next-block", rule),
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
