//! Go to definition (and declaration): from a mention or a resolved speaker to the entity's
//! `[id]` header in its glossary file; inside a glossary, from an `affiliation` value to the
//! entity it names.

use tower_lsp_server::lsp_types::Location;

use super::lookup::{self, Target};
use super::position::Encoding;
use super::snapshot::{Content, GlossarySnapshot, Snapshot, entity_location};
use crate::analysis::{EntityId, Span};

pub fn definition(snapshot: &Snapshot, offset: usize, encoding: Encoding) -> Option<Location> {
    match &snapshot.content {
        Content::Article(article) => {
            // From what names someone, not from anywhere inside a quotation.
            let entity = match lookup::at(&article.analysis, offset)? {
                Target::Quote(_) => return None,
                target => target.entity()?,
            };
            article.entity_location(entity, encoding)
        }
        Content::Glossary(glossary) => affiliation_definition(snapshot, glossary, offset, encoding),
        Content::Skipped | Content::TooLarge { .. } => None,
    }
}

/// The `affiliation` value at `offset` in this glossary file and the entity it names in the
/// merged glossary around this file.
pub fn affiliation_at(glossary: &GlossarySnapshot, offset: usize) -> Option<(Span, EntityId)> {
    let (span, id) = affiliation_value_at(glossary, offset)?;
    Some((span, glossary.context.index.by_id(id)?))
}

fn affiliation_value_at(glossary: &GlossarySnapshot, offset: usize) -> Option<(Span, &str)> {
    glossary.own.entities.iter().find_map(|entity| {
        let span = entity.field_span("affiliation")?;
        let touches = span.start <= offset && offset <= span.end;
        touches.then_some((span, entity.affiliation.as_deref()?))
    })
}

fn affiliation_definition(
    snapshot: &Snapshot,
    glossary: &GlossarySnapshot,
    offset: usize,
    encoding: Encoding,
) -> Option<Location> {
    if let Some((_, target)) = affiliation_at(glossary, offset)
        && let Some(location) = entity_location(&glossary.context, &glossary.sources, target, encoding)
    {
        return Some(location);
    }
    // The file may not be among the glossaries its folder loads (an extra path from
    // configuration, say): look for the id in the file itself.
    let (_, id) = affiliation_value_at(glossary, offset)?;
    let entity = glossary.own.entities.iter().find(|e| e.id == id)?;
    Some(Location::new(snapshot.uri.clone(), snapshot.lines.range(&snapshot.text, entity.header, encoding)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, cursor, glossary_snapshot, snapshot};

    /// Checks the glossary line `$0` leads to (None: nowhere).
    fn check(fixture: &str, expect: Option<&str>) {
        let (text, offset) = cursor(fixture);
        let location = definition(&snapshot(&text, COUNCIL_GLOSSARY), offset, Encoding::Utf16);
        let line = location.map(|l| {
            assert!(l.uri.as_str().ends_with("/w/glossary.toml"), "{}", l.uri.as_str());
            COUNCIL_GLOSSARY.lines().nth(l.range.start.line as usize).unwrap_or("")
        });
        assert_eq!(line, expect, "{fixture}");
    }

    #[test]
    fn mentions_and_resolved_speakers_lead_to_their_header() {
        check("Ada $0Okafor spoke.\n", Some("[okafor]"));
        check("Riverside City Council$0 met.\n", Some("[council]"));
        check("“Open it,” said Tomas Brandt.\n\n“Now,” h$0e said.\n", Some("[brandt]"));
        check("“Op$0en it,” said Tomas Brandt.\n", None);
        check("Nob$0ody spoke.\n", None);
    }

    #[test]
    fn affiliation_values_lead_to_their_entity() {
        let snapshot = glossary_snapshot(COUNCIL_GLOSSARY);
        let offset = COUNCIL_GLOSSARY.find("\"council\"").unwrap() + 3;
        let location = definition(&snapshot, offset, Encoding::Utf16).expect("definition");
        assert_eq!(COUNCIL_GLOSSARY.lines().nth(location.range.start.line as usize), Some("[council]"));
        assert_eq!(definition(&snapshot, 0, Encoding::Utf16), None);
    }
}
