//! Turning analysis diagnostics into LSP diagnostics: source, code, link to the docs,
//! configured severity, related places.

use std::str::FromStr;

use tower_lsp_server::lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

use super::config::Config;
use super::position::{Encoding, LineMap};
use super::snapshot::{Content, Snapshot};
use crate::analysis::{Code, Diagnostic, Severity};

pub const SOURCE: &str = "copydesk";
const DOCS: &str = "https://github.com/copydesk/copydesk/blob/main/docs/attribution.md";

/// The diagnostics to publish for a snapshot's own document.
pub fn for_snapshot(snapshot: &Snapshot, config: &Config, encoding: Encoding) -> Vec<LspDiagnostic> {
    let diagnostics = match &snapshot.content {
        Content::Article(article) => &article.analysis.diagnostics,
        Content::Glossary(glossary) => &glossary.diagnostics,
        Content::Skipped | Content::TooLarge { .. } => return Vec::new(),
    };
    convert(diagnostics, &snapshot.uri, &snapshot.text, &snapshot.lines, config, encoding)
}

pub fn convert(
    diagnostics: &[Diagnostic],
    uri: &Uri,
    text: &str,
    lines: &LineMap,
    config: &Config,
    encoding: Encoding,
) -> Vec<LspDiagnostic> {
    diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let severity = config.severity(diagnostic.code, diagnostic.severity)?;
            let related: Vec<DiagnosticRelatedInformation> = diagnostic
                .related
                .iter()
                .map(|(span, message)| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), lines.range(text, *span, encoding)),
                    message: message.clone(),
                })
                .collect();
            Some(LspDiagnostic {
                range: lines.range(text, diagnostic.span, encoding),
                severity: Some(lsp_severity(severity)),
                code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
                code_description: code_description(diagnostic.code),
                source: Some(SOURCE.to_string()),
                message: diagnostic.message.clone(),
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            })
        })
        .collect()
}

/// The section of docs/attribution.md that explains `code`: article codes have their own
/// heading, glossary codes share one.
pub fn code_description(code: Code) -> Option<CodeDescription> {
    let anchor = if code.as_str().starts_with("glossary-") { "glossary-diagnostics" } else { code.as_str() };
    let href = Uri::from_str(&format!("{DOCS}#{anchor}")).ok()?;
    Some(CodeDescription { href })
}

pub fn lsp_severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;
    use std::collections::HashMap;
    use tower_lsp_server::lsp_types::{Position, Range};

    fn check(config: &Config, diagnostic: Diagnostic, expect: Option<(Range, DiagnosticSeverity, &str)>) {
        let text = "“Hi,” she said.\n“Bye.”\n";
        let uri = Uri::from_str("file:///w/story.md").unwrap();
        let converted = convert(&[diagnostic], &uri, text, &LineMap::new(text), config, Encoding::Utf16);
        let got = converted.first().map(|d| {
            assert_eq!(d.source.as_deref(), Some("copydesk"));
            assert_eq!(d.code, Some(NumberOrString::String("unattributed-quote".to_string())));
            (d.range, d.severity.unwrap(), d.code_description.as_ref().unwrap().href.as_str().to_string())
        });
        let expect = expect.map(|(range, severity, href)| (range, severity, href.to_string()));
        assert_eq!(got, expect);
    }

    #[test]
    fn glossary_codes_link_to_their_shared_section() {
        let href = code_description(Code::GlossaryMissingName).unwrap().href;
        assert_eq!(href.as_str(), format!("{DOCS}#glossary-diagnostics"));
    }

    #[test]
    fn severity_code_and_link() {
        let second_quote = Span::new("“Hi,” she said.\n".len(), "“Hi,” she said.\n“Bye.”".len());
        let diagnostic = Diagnostic::new(Code::UnattributedQuote, second_quote, "No speaker");
        let range = Range::new(Position::new(1, 0), Position::new(1, 6));
        let href = "https://github.com/copydesk/copydesk/blob/main/docs/attribution.md#unattributed-quote";
        check(&Config::default(), diagnostic.clone(), Some((range, DiagnosticSeverity::WARNING, href)));
        let hint = Config {
            severities: HashMap::from([(Code::UnattributedQuote, Some(Severity::Hint))]),
            ..Config::default()
        };
        check(&hint, diagnostic.clone(), Some((range, DiagnosticSeverity::HINT, href)));
        let off = Config { severities: HashMap::from([(Code::UnattributedQuote, None)]), ..Config::default() };
        check(&off, diagnostic, None);
    }
}
