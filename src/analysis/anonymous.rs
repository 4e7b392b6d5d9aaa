//! The `anonymous-source` hint: a quotation attributed to a source the article does not
//! name (`a senior official who spoke on condition of anonymity`, `sources said`, `a person
//! familiar with the talks`, `one official`). Newsroom policies ask that a story say why a
//! source is not named; the hint points at each one so the writer can check.
//!
//! It reads only each quotation's attribution (the speaker as written, its head and form)
//! after resolution, so it depends on nothing beyond what attribution already found. The
//! words it looks for live in `lexicon.rs`.

use super::quotes::{Attribution, Quote, SpeakerForm};
use super::{Code, Diagnostic, lexicon};

/// One hint per quotation whose speaker is an unnamed source, at the speaker as written.
pub fn diagnostics(prose: &str, quotes: &[Quote]) -> Vec<Diagnostic> {
    quotes
        .iter()
        .filter_map(|quote| quote.attribution.as_ref())
        .filter(|attribution| is_anonymous(prose, attribution))
        .map(|attribution| {
            let speaker = attribution.speaker.text(prose).trim();
            Diagnostic::new(
                Code::AnonymousSource,
                attribution.speaker,
                format!(
                    "The source “{speaker}” is not named; say why (newsroom policies ask for the reason a source is granted anonymity), or name them."
                ),
            )
        })
        .collect()
}

/// Whether an attribution's speaker is a source described but not named: a description (not
/// a name, pronoun or document) resolved to no glossary entity, whose words hold a noun of
/// [`lexicon::is_anonymous_source_noun`] and either a phrase of
/// [`lexicon::ANONYMITY_PHRASES`] or an indefinite determiner, or that is a bare plural
/// (`sources`, `officials`).
pub fn is_anonymous(prose: &str, attribution: &Attribution) -> bool {
    if attribution.form != SpeakerForm::Description
        || attribution.resolved.as_ref().is_some_and(|resolved| resolved.entity.is_some())
    {
        return false;
    }
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let head: Vec<String> = attribution.head.text(prose).split_whitespace().map(word).collect();
    if !head.iter().any(|w| lexicon::is_anonymous_source_noun(w)) {
        return false;
    }
    let speaker = attribution.speaker.text(prose).to_lowercase();
    if lexicon::CROWD_QUANTITIES.iter().any(|crowd| speaker.starts_with(crowd)) {
        return false;
    }
    let withheld = lexicon::ANONYMITY_PHRASES.iter().any(|phrase| speaker.contains(phrase));
    let indefinite = head.first().is_some_and(|w| lexicon::is_indefinite_determiner(w));
    let bare_plural = head.len() == 1 && head[0].ends_with('s');
    withheld || indefinite || bare_plural
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Code, Format, GlossaryIndex, analyze, glossary};

    const GLOSSARY: &str = r#"
[dana-whitfield]
name = "Dana Whitfield"
kind = "person"
role = "Leader of the council"
pronouns = "she"

[harbour-council]
name = "Harbour Council"
kind = "organization"
"#;

    /// The speakers, as written, of the quotations the hint fires on.
    fn flagged(article: &str) -> Vec<String> {
        let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
        let (_, analysis) = analyze(article, Format::PlainText, &index);
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::AnonymousSource)
            .map(|d| d.span.text(article).to_string())
            .collect()
    }

    #[test]
    fn fires_on_sources_the_article_does_not_name() {
        let article = "Budget talks stall\n\n\
            “We will not sign this,” a senior official who spoke on condition of anonymity said.\n\
            “The deal is dead,” sources said.\n\
            “Nobody has read the report,” said a person familiar with the negotiations.\n\
            “The vote is off,” one official said.\n\
            According to two people briefed on the talks, “the treasurer has resigned.”\n\
            “Two weeks,” officials said.\n";
        assert_eq!(
            flagged(article),
            [
                "a senior official who spoke on condition of anonymity",
                "sources",
                "a person familiar with the negotiations",
                "one official",
                "two people",
                "officials",
            ]
        );
    }

    #[test]
    fn named_sources_spokespeople_and_definite_references_are_left_alone() {
        let article = "Budget talks stall\n\n\
            “It is all fine,” Dana Whitfield said.\n\
            “We are listening,” she said.\n\
            “Not yet,” a council spokesman said.\n\
            “We have a plan,” Harbour Council said.\n\
            “No comment,” the official said.\n\
            “It will pass,” said Gwen Pryce, a source of endless optimism.\n\
            “We love the pool,” a lot of people said.\n";
        assert_eq!(flagged(article), Vec::<String>::new());
    }
}

#[cfg(test)]
mod docs_tests {
    use crate::analysis::Code;

    /// Every article diagnostic has its own section in the writers' guide, with a problem and
    /// a fix, under `## Diagnostics`.
    #[test]
    fn every_article_code_is_explained_in_the_guide() {
        let guide = include_str!("../../docs/attribution.md");
        let diagnostics = &guide[guide.find("## Diagnostics").expect("a Diagnostics section")..];
        for code in Code::ALL.into_iter().filter(|code| !code.as_str().starts_with("glossary-")) {
            let heading = format!("\n### {}\n", code.as_str());
            let at = diagnostics.find(&heading).unwrap_or_else(|| panic!("no section {heading:?}"));
            let section = &diagnostics[at + heading.len()..];
            let section = &section[..section.find("\n#").unwrap_or(section.len())];
            assert!(section.contains("Fix"), "{code:?} has no fix");
        }
        assert!(diagnostics.contains("### anonymous-source\n**Hint.**"));
    }
}
