//! Inlay hints: whom a pronoun speaker resolves to, written after it (`he → Ada Okafor`).

use tower_lsp_server::lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip, Range};

use super::position::Encoding;
use super::snapshot::{Content, Snapshot};
use crate::analysis::quotes::SpeakerForm;

pub fn inlay_hints(snapshot: &Snapshot, range: Range, encoding: Encoding) -> Vec<InlayHint> {
    let Content::Article(article) = &snapshot.content else {
        return Vec::new();
    };
    let wanted = snapshot.lines.span(&snapshot.text, range, encoding);
    article
        .analysis
        .quotes
        .iter()
        .filter_map(|quote| {
            let attribution = quote.attribution.as_ref()?;
            let resolved = attribution.resolved.as_ref()?;
            if attribution.form != SpeakerForm::Pronoun || attribution.speaker.end < wanted.start || attribution.speaker.end > wanted.end {
                return None;
            }
            Some(InlayHint {
                position: snapshot.lines.position(&snapshot.text, attribution.speaker.end, encoding),
                label: InlayHintLabel::String(format!("→ {}", resolved.name)),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "“{}” resolves to {}",
                    attribution.speaker.text(&snapshot.text),
                    resolved.name
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
