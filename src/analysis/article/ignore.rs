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
