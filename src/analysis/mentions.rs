//! Mentions of glossary entities in an article's prose.

use super::words::is_capitalised;
use super::{Article, EntityId, GlossaryIndex, Span, lexicon};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entity: EntityId,
}

impl Mention {
    /// The mention moved by `by` bytes, as an edit before it moves it.
    pub fn shifted(self, by: isize) -> Mention {
        Mention { span: self.span.shifted(by), ..self }
    }
}

/// Every glossary name inside the article's blocks, in reading order. A name that would
/// run from one block into the next (two plain-text lines) is not a mention.
pub fn find(prose: &str, article: &Article, glossary: &GlossaryIndex) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for block in &article.blocks {
        find_in_block(prose, block.span, glossary, &mut mentions);
    }
    mentions
}

/// Appends the glossary names inside one block, in reading order. Each block is searched
/// on its own, so its mentions depend on its prose alone: a name running into the next
/// block neither counts nor hides a name inside this one, and an edit elsewhere in the
/// article leaves them as they were (which incremental analysis relies on).
pub fn find_in_block(prose: &str, block: Span, glossary: &GlossaryIndex, mentions: &mut Vec<Mention>) {
    let text = block.text(prose);
    if text.is_empty() {
        return;
    }
    let shift = block.start as isize;
    mentions.extend(
        glossary
            .find_names(text)
            .into_iter()
            .filter(|&(span, entity)| !is_someone_elses_surname(text, span, glossary, entity))
            .map(|(span, entity)| Mention { span: span.shifted(shift), entity }),
    );
}

/// `Ted Marsh` is not Lena Marsh: a surname found alone, right after a capitalised first
/// name that is not a title (`Councillor Marsh`, `Ms. Marsh`), belongs to someone else.
fn is_someone_elses_surname(text: &str, span: Span, glossary: &GlossaryIndex, entity: EntityId) -> bool {
    // The words around the match first: they rule out nearly every mention without reading
    // the glossary entry.
    let found = span.text(text);
    if found.contains(char::is_whitespace) {
        return false;
    }
    let before = text[..span.start].trim_end_matches(' ');
    if before.len() == span.start {
        return false;
    }
    let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let first_name = is_capitalised(previous)
        && previous.chars().all(|c| c.is_alphabetic() || c == '-')
        && !lexicon::is_title_word(previous)
        && !lexicon::is_stop_word(previous)
        && !lexicon::is_cue_verb(previous);
    if !first_name {
        return false;
    }
    let entity = glossary.entity(entity);
    found != entity.name && !entity.aliases.iter().any(|alias| alias == found)
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

    #[test]
    fn a_surname_after_another_first_name_is_someone_else() {
        check(
            "Title\nCoach Ruiz and Ana Ruiz met Teo Ruiz. But Ruiz left.\n",
            Format::PlainText,
            &["Ruiz", "Ana Ruiz", "Ruiz"],
        );
    }
}
