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

fn affiliation_definition(snapshot: &Snapshot, glossary: &GlossarySnapshot, offset: usize, encoding: Encoding) -> Option<Location> {
    if let Some((_, target)) = affiliation_at(glossary, offset) {
        if let Some(location) = entity_location(&glossary.context, &glossary.sources, target, encoding) {
            return Some(location);
        }
    }
    // The file may not be among the glossaries its folder loads (an extra path from
    // configuration, say): look for the id in the file itself.
    let (_, id) = affiliation_value_at(glossary, offset)?;
    let entity = glossary.own.entities.iter().find(|e| e.id == id)?;
    Some(Location::new(snapshot.uri.clone(), snapshot.lines.range(&snapshot.text, entity.header, encoding)))
}
