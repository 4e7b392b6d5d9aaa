//! The merged glossary of an article and the name matcher built from it.

use super::{Entity, EntityId, Glossary};
use crate::analysis::{Diagnostic, Span};

/// Entities from every glossary file that applies to an article, nearest file first.
#[derive(Debug, Clone, Default)]
pub struct GlossaryIndex {
    /// Paths (or other labels) of the glossary files, nearest first.
    pub files: Vec<String>,
    pub entities: Vec<Entity>,
}

impl GlossaryIndex {
    /// Merges glossary files, nearest first: the nearest wins an id conflict. Returns the
    /// index and the problems found across files, each with the index of its file.
    pub fn build(files: Vec<(String, Glossary)>) -> (GlossaryIndex, Vec<(usize, Diagnostic)>) {
        let _ = files;
        (GlossaryIndex::default(), Vec::new()) // FIXME(glossary helper)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    pub fn by_id(&self, id: &str) -> Option<EntityId> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// Every name, alias or unclaimed surname in `text`, leftmost-longest on word
    /// boundaries, possessives included, in order.
    pub fn find_names(&self, text: &str) -> Vec<(Span, EntityId)> {
        let _ = text;
        Vec::new() // FIXME(glossary helper)
    }
}
