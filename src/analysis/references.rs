//! Every place an article refers to an entity: its mentions by name, and the pronouns and
//! descriptions that speak for it (`he said`, `the newspaper wrote`), which readers take
//! for references as much as the name itself.

use super::quotes::SpeakerForm;
use super::{Analysis, EntityId, Span};

impl Analysis {
    /// Each reference to a glossary entity with its entity, in reading order and each span
    /// once: mentions, then resolved pronoun and description speakers that no mention covers.
    pub fn references(&self) -> Vec<(EntityId, Span)> {
        let mut references: Vec<(EntityId, Span)> = self.mentions.iter().map(|m| (m.entity, m.span)).collect();
        let mentioned = |span: Span| self.mentions.iter().any(|m| m.span.start < span.end && span.start < m.span.end);
        for attribution in self.quotes.iter().filter_map(|q| q.attribution.as_ref()) {
            let Some(entity) = attribution.resolved.as_ref().and_then(|r| r.entity) else { continue };
            let speaks_for = matches!(attribution.form, SpeakerForm::Pronoun | SpeakerForm::Description);
            if speaks_for && !attribution.head.is_empty() && !mentioned(attribution.head) {
                references.push((entity, attribution.head));
            }
        }
        references.sort_by_key(|&(entity, span)| (span.start, span.end, entity));
        references.dedup();
        references
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Format, GlossaryIndex, analyze, glossary};

    const GLOSSARY: &str = r#"
[dana-whitfield]
name = "Dana Whitfield"
aliases = ["Whitfield"]
role = "Mayor of Harbour City"
pronouns = "she"

[gazette]
name = "The Harbour Gazette"
kind = "publication"
aliases = ["Harbour Gazette"]
"#;

    #[test]
    fn pronouns_and_descriptions_that_speak_for_an_entity_refer_to_it() {
        let text = "Pool to close\n\
            Dana Whitfield met the Harbour Gazette.\n\
            “It is over,” she said. “We tried.”\n\
            “The pool is finished,” the newspaper wrote.\n";
        let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
        let (_, analysis) = analyze(text, Format::PlainText, &index);
        let found: Vec<(&str, &str)> = analysis
            .references()
            .into_iter()
            .map(|(entity, span)| (index.entity(entity).name.as_str(), span.text(text)))
            .collect();
        assert_eq!(
            found,
            [
                ("Dana Whitfield", "Dana Whitfield"),
                ("The Harbour Gazette", "Harbour Gazette"),
                ("Dana Whitfield", "she"),
                ("The Harbour Gazette", "the newspaper"),
            ]
        );
    }
}
