//! Document highlights: every place the article refers to the entity under the cursor, by
//! name, pronoun or description, so that putting the cursor on `he` marks Brandt and every
//! `he` that means him.

use tower_lsp_server::lsp_types::{DocumentHighlight, DocumentHighlightKind};

use super::position::Encoding;
use super::references::{entity_at, mentions_in};
use super::snapshot::{Content, Snapshot};

pub fn highlights(snapshot: &Snapshot, offset: usize, encoding: Encoding) -> Option<Vec<DocumentHighlight>> {
    if !matches!(snapshot.content, Content::Article(_)) {
        return None;
    }
    let (key, _) = entity_at(snapshot, offset, encoding)?;
    let highlights = mentions_in(snapshot, &key, encoding)
        .into_iter()
        .map(|location| DocumentHighlight { range: location.range, kind: Some(DocumentHighlightKind::TEXT) })
        .collect();
    Some(highlights)
}
