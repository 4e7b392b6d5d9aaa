//! Inlay hints: whom a pronoun speaker resolves to, written after it (`he → Ada Okafor`),
//! with a question mark where the pronoun could be someone else (`he → Ada Okafor?`). One
//! hint per pronoun, however many quotations it speaks.

use rustc_hash::FxHashSet;
use tower_lsp_server::lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip, Range};

use super::position::Encoding;
use super::snapshot::{Content, Snapshot};
use crate::analysis::Code;
use crate::analysis::quotes::SpeakerForm;

pub fn inlay_hints(snapshot: &Snapshot, range: Range, encoding: Encoding) -> Vec<InlayHint> {
    let Content::Article(article) = &snapshot.content else {
        return Vec::new();
    };
    let analysis = &article.analysis;
    let wanted = snapshot.lines.span(&snapshot.text, range, encoding);
    // `“…,” he said. “…”`: one pronoun speaks both quotations, and gets one hint.
    let mut hinted = FxHashSet::default();
    analysis
        .quotes
        .iter()
        .filter_map(|quote| {
            let attribution = quote.attribution.as_ref()?;
            let resolved = attribution.resolved.as_ref()?;
            if attribution.form != SpeakerForm::Pronoun
                || attribution.speaker.end < wanted.start
                || attribution.speaker.end > wanted.end
                || !hinted.insert(attribution.speaker.end)
            {
                return None;
            }
            let doubt =
                analysis.diagnostics.iter().find(|d| d.code == Code::AmbiguousSpeaker && d.span == attribution.head);
            let (label, tooltip) = match doubt {
                Some(doubt) => (format!("→ {}?", resolved.name), doubt.message.clone()),
                None => (
                    format!("→ {}", resolved.name),
                    format!("“{}” resolves to {}", attribution.speaker.text(&snapshot.text), resolved.name),
                ),
            };
            Some(InlayHint {
                position: snapshot.lines.position(&snapshot.text, attribution.speaker.end, encoding),
                label: InlayHintLabel::String(label),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, snapshot};
    use tower_lsp_server::lsp_types::Position;

    /// Checks the hints over the whole text: (line, character, label).
    fn check(text: &str, expect: &[(u32, u32, &str)]) {
        check_with(COUNCIL_GLOSSARY, text, expect);
    }

    fn check_with(glossary: &str, text: &str, expect: &[(u32, u32, &str)]) {
        let snapshot = snapshot(text, glossary);
        let everything = Range::new(Position::new(0, 0), Position::new(u32::MAX, 0));
        let hints: Vec<(u32, u32, String)> = inlay_hints(&snapshot, everything, Encoding::Utf16)
            .into_iter()
            .map(|hint| match hint.label {
                InlayHintLabel::String(label) => (hint.position.line, hint.position.character, label),
                InlayHintLabel::LabelParts(_) => panic!("plain labels expected"),
            })
            .collect();
        let expect: Vec<(u32, u32, String)> = expect.iter().map(|(l, c, s)| (*l, *c, s.to_string())).collect();
        assert_eq!(hints, expect, "{text}");
    }

    #[test]
    fn pronoun_speakers_get_a_hint_and_names_do_not() {
        check(
            "“Open it,” said Tomas Brandt.\n\n“Now,” he said.\n",
            //               ^^ line 2, after "he" (UTF-16 column 9)
            &[(2, 9, "→ Tomas Brandt")],
        );
        check("“Open it,” said Tomas Brandt.\n", &[]);
    }

    /// Issue 16: one `he said` serving two quotations showed `he → Kaswar Klasra → Kaswar Klasra`.
    #[test]
    fn a_pronoun_speaking_two_quotations_gets_one_hint() {
        check("“Open it,” said Tomas Brandt.\n\n“Now,” he said. “Today, not tomorrow.”\n", &[(2, 9, "→ Tomas Brandt")]);
    }

    /// Issue 16: an ambiguous pronoun's hint showed no doubt.
    #[test]
    fn an_ambiguous_pronoun_hint_shows_doubt() {
        let glossary = format!("{COUNCIL_GLOSSARY}\n[lena]\nname = \"Lena Marsh\"\npronouns = \"she\"\n");
        check_with(
            &glossary,
            "“Go,” said Lena Marsh.\n\n“Open it,” said Tomas Brandt.\n\nAda Okafor and Tomas Brandt spoke.\n\n“Wait,” she said.\n",
            &[(6, 11, "→ Ada Okafor?")],
        );
    }
}
