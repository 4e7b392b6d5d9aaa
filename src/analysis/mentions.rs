//! Mentions of glossary entities in an article's prose.

use super::{Article, EntityId, GlossaryIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entity: EntityId,
}

/// Every glossary name inside the article's blocks, in reading order. A name that would
/// run from one block into the next (two plain-text lines) is not a mention.
pub fn find(prose: &str, article: &Article, glossary: &GlossaryIndex) -> Vec<Mention> {
    let mut blocks = article.blocks.iter().peekable();
    let mut mentions = Vec::new();
    for (span, entity) in glossary.find_names(prose) {
        while blocks.peek().is_some_and(|b| b.span.end <= span.start) {
            blocks.next();
        }
        if blocks.peek().is_some_and(|b| b.span.covers(span)) {
            mentions.push(Mention { span, entity });
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Format, GlossaryIndex, analyze, glossary};

    fn check(text: &str, format: Format, expect: &[&str]) {
        let glossary_text =
            "[club]\nname = \"Riverside United\"\nkind = \"organization\"\n[coach]\nname = \"Ana Ruiz\"\n";
        let (index, _) = GlossaryIndex::build(vec![("g.toml".into(), glossary::parse(glossary_text))]);
        let (_, analysis) = analyze(text, format, &index);
        let got: Vec<&str> = analysis.mentions.iter().map(|m| m.span.text(text)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn mentions_stay_inside_blocks_and_prose() {
        check("Title\nAna Ruiz joined Riverside\nUnited fans.\n", Format::PlainText, &["Ana Ruiz"]);
        check(
            "Ruiz of `Riverside United` met Riverside United’s [Ana Ruiz](<https://x/Ana Ruiz>).\n",
            Format::Markdown,
            &["Ruiz", "Riverside United", "Ana Ruiz"],
        );
    }
}
