//! Diagnostic codes, severities, and the final pass that sorts and silences them.

use super::{Article, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Every diagnostic copydesk reports, in articles and in glossary files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    UnattributedQuote,
    AmbiguousSpeaker,
    UnknownSpeaker,
    UnbalancedQuote,
    AnonymousSource,
    UnresolvedPronoun,
    UnknownPin,
    ConfigInvalid,
    GlossarySyntax,
    GlossaryMissingName,
    GlossaryUnknownKind,
    GlossaryUnknownAffiliation,
    GlossaryDuplicateAlias,
    GlossaryInvalidField,
    GlossaryNotFound,
}

impl Code {
    pub const ALL: [Code; 15] = [
        Code::UnattributedQuote,
        Code::AmbiguousSpeaker,
        Code::UnknownSpeaker,
        Code::UnbalancedQuote,
        Code::AnonymousSource,
        Code::UnresolvedPronoun,
        Code::UnknownPin,
        Code::ConfigInvalid,
        Code::GlossarySyntax,
        Code::GlossaryMissingName,
        Code::GlossaryUnknownKind,
        Code::GlossaryUnknownAffiliation,
        Code::GlossaryDuplicateAlias,
        Code::GlossaryInvalidField,
        Code::GlossaryNotFound,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnattributedQuote => "unattributed-quote",
            Code::AmbiguousSpeaker => "ambiguous-speaker",
            Code::UnknownSpeaker => "unknown-speaker",
            Code::UnbalancedQuote => "unbalanced-quote",
            Code::AnonymousSource => "anonymous-source",
            Code::UnresolvedPronoun => "unresolved-pronoun",
            Code::UnknownPin => "unknown-pin",
            Code::ConfigInvalid => "config-invalid",
            Code::GlossarySyntax => "glossary-syntax",
            Code::GlossaryMissingName => "glossary-missing-name",
            Code::GlossaryUnknownKind => "glossary-unknown-kind",
            Code::GlossaryUnknownAffiliation => "glossary-unknown-affiliation",
            Code::GlossaryDuplicateAlias => "glossary-duplicate-alias",
            Code::GlossaryInvalidField => "glossary-invalid-field",
            Code::GlossaryNotFound => "glossary-not-found",
        }
    }

    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.as_str() == name)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnattributedQuote | Code::UnbalancedQuote => Severity::Warning,
            Code::AmbiguousSpeaker | Code::AnonymousSource | Code::UnresolvedPronoun => Severity::Hint,
            Code::UnknownSpeaker => Severity::Information,
            Code::UnknownPin
            | Code::ConfigInvalid
            | Code::GlossarySyntax
            | Code::GlossaryMissingName
            | Code::GlossaryUnknownKind
            | Code::GlossaryUnknownAffiliation
            | Code::GlossaryInvalidField
            | Code::GlossaryNotFound => Severity::Error,
            Code::GlossaryDuplicateAlias => Severity::Warning,
        }
    }
}

/// A problem at a place in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Other places the message talks about, such as the candidates of an ambiguous pronoun.
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { span, code, severity: code.default_severity(), message: message.into(), related: Vec::new() }
    }
}

/// Drops diagnostics silenced by ignore comments and sorts the rest by position.
pub fn finish(_text: &str, article: &Article, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|d| !article.ignores.silences(d.code, d.span));
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
}
