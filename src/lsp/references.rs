//! References: every mention of an entity, from a mention in an article or from the entity's
//! entry in a glossary, across open documents (live) and the workspace's other articles (as
//! indexed in the background).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::{Location, Uri};

use super::document_store::DocumentKind;
use super::lookup;
use super::position::Encoding;
use super::session::Session;
use super::snapshot::{Content, EntityKey, Snapshot, entity_location};

/// How long a references request waits for the first workspace scan.
const INDEX_WAIT: Duration = Duration::from_secs(20);

/// The entity at `offset` and where it is declared.
pub fn entity_at(snapshot: &Snapshot, offset: usize, encoding: Encoding) -> Option<(EntityKey, Option<Location>)> {
    match &snapshot.content {
        Content::Article(article) => {
            let entity = lookup::at(&article.analysis, offset)?.entity()?;
            Some((EntityKey::of(&article.glossary, entity)?, article.entity_location(entity, encoding)))
        }
        Content::Glossary(glossary) => {
            let path = snapshot.uri.to_file_path()?.into_owned();
            let entity = glossary
                .entity_at(&path, offset)
                .or_else(|| super::definition::affiliation_at(glossary, offset).map(|(_, id)| id))?;
            Some((
                EntityKey::of(&glossary.context, entity)?,
                entity_location(&glossary.context, &glossary.sources, entity, encoding),
            ))
        }
        Content::Skipped | Content::TooLarge { .. } => None,
    }
}

/// References to `key` in one article snapshot: mentions, and the pronouns and
/// descriptions that speak for it.
pub fn mentions_in(snapshot: &Snapshot, key: &EntityKey, encoding: Encoding) -> Vec<Location> {
    let Content::Article(article) = &snapshot.content else { return Vec::new() };
    article
        .analysis
        .references()
        .into_iter()
        .filter(|&(entity, _)| EntityKey::of(&article.glossary, entity).as_ref() == Some(key))
        .map(|(_, span)| Location::new(snapshot.uri.clone(), snapshot.lines.range(&snapshot.text, span, encoding)))
        .collect()
}

pub async fn references(
    session: &Arc<Session>,
    uri: &Uri,
    offset: usize,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let encoding = session.encoding();
    let snapshot = session.snapshot(uri).await?;
    let (key, declaration) = entity_at(&snapshot, offset, encoding)?;
    let mut locations = Vec::new();
    if include_declaration {
        locations.extend(declaration);
    }
    // Open articles as the editor has them.
    let mut open_paths: HashSet<PathBuf> = HashSet::new();
    for (open, kind) in session.store.uris() {
        if !matches!(kind, DocumentKind::Article(_)) {
            continue;
        }
        if let Some(path) = open.to_file_path() {
            open_paths.insert(path.into_owned());
        }
        if let Some(snapshot) = session.snapshot(&open).await {
            locations.extend(mentions_in(&snapshot, &key, encoding));
        }
    }
    // The rest of the workspace as last read from disk.
    if session.workspace.wait_ready(INDEX_WAIT).await {
        locations.extend(session.workspace.mentions(&key, |path| open_paths.contains(path)));
    }
    Some(locations)
}
