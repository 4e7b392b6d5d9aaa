//! Hover: an actor card on a mention, whom a pronoun speaker resolves to, and who said a
//! quotation. The text is `report::cards`'s; this module finds what is under the cursor,
//! converts the range, and wraps the Markdown.

use std::path::Path;

use tower_lsp_server::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::lookup::{self, Target};
use super::position::Encoding;
use super::snapshot::{ArticleSnapshot, Content, GlossarySnapshot, Snapshot};
use crate::analysis::Span;
use crate::report::cards::{self, card};

pub fn hover(snapshot: &Snapshot, path: Option<&Path>, offset: usize, encoding: Encoding) -> Option<Hover> {
    let (markdown, span) = match &snapshot.content {
        Content::Article(article) => article_hover(snapshot, article, offset)?,
        Content::Glossary(glossary) => glossary_hover(glossary, path?, offset)?,
        Content::Skipped | Content::TooLarge { .. } => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
        range: Some(snapshot.lines.range(&snapshot.text, span, encoding)),
    })
}

fn article_hover(snapshot: &Snapshot, article: &ArticleSnapshot, offset: usize) -> Option<(String, Span)> {
    let analysis = &article.analysis;
    let index = &article.glossary.index;
    match lookup::at(analysis, offset)? {
        Target::Speaker(attribution) => {
            Some((cards::speaker_summary(&snapshot.text, analysis, index, attribution), attribution.speaker))
        }
        Target::Mention(mention) => Some((cards::card_with_counts(analysis, index, mention.entity), mention.span)),
        Target::Quote(quote) => Some((cards::quote_summary(&snapshot.text, index, quote), quote.span)),
    }
}

fn glossary_hover(glossary: &GlossarySnapshot, path: &Path, offset: usize) -> Option<(String, Span)> {
    // On an `affiliation` value: the card of the entity it names.
    if let Some((span, target)) = super::definition::affiliation_at(glossary, offset) {
        let text = card(&glossary.context.index, target)?;
        return Some((text, span));
    }
    let id = glossary.entity_at(path, offset)?;
    let entity = glossary.context.index.entities.get(id)?;
    Some((card(&glossary.context.index, id)?, entity.header))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::test_fixture::{COUNCIL_GLOSSARY, GLOSSARY_PATH, cursor, glossary_snapshot, snapshot};

    /// Hovers at `$0` and checks the hover's first paragraph (None: no hover).
    fn check(fixture: &str, expect: Option<&str>) {
        let (text, offset) = cursor(fixture);
        let snapshot = snapshot(&text, COUNCIL_GLOSSARY);
        let hover = hover(&snapshot, None, offset, Encoding::Utf16);
        let first = hover.map(|h| match h.contents {
            HoverContents::Markup(markup) => markup.value.split("\n\n").next().unwrap_or("").to_string(),
            other => panic!("markdown expected, got {other:?}"),
        });
        assert_eq!(first.as_deref(), expect, "{fixture}");
    }

    #[test]
    fn mentions_show_the_card() {
        check("Ada Ok$0afor opened the bridge.\n", Some("**Ada Okafor** · person"));
        check("Councillor Brandt$0 voted.\n", Some("**Tomas Brandt** · person"));
        check("The $0bridge opened.\n", None);
    }

    #[test]
    fn pronoun_speakers_show_whom_they_resolve_to() {
        check(
            "“It opens today,” Ada Okafor said.\n\n“We are proud,” s$0he said.\n",
            Some("**she** → **Ada Okafor**, Mayor"),
        );
    }

    /// The whole hover, for the cases issue 16 found long or unplain.
    fn whole(fixture: &str) -> Option<String> {
        let (text, offset) = cursor(fixture);
        let snapshot = snapshot(&text, COUNCIL_GLOSSARY);
        hover(&snapshot, None, offset, Encoding::Utf16).map(|h| match h.contents {
            HoverContents::Markup(markup) => markup.value,
            other => panic!("markdown expected, got {other:?}"),
        })
    }

    /// Issue 16: the pronoun's hover stacked the resolution, the cue and the whole card in a
    /// scrolling box; it is now the resolution and the counts, with no "cue".
    #[test]
    fn a_pronoun_hover_is_two_short_lines() {
        assert_eq!(
            whole("“It opens today,” Ada Okafor said.\n\n“We are proud,” s$0he said.\n").as_deref(),
            Some("**she** → **Ada Okafor**, Mayor\n\nMentioned once, quoted twice.")
        );
    }

    /// Issue 16: "Quotation (speech)", "Cue:" and a summary repeating the diagnostic's
    /// sentence become one plain sentence.
    #[test]
    fn quotations_say_who_said_them_in_one_sentence() {
        let cases = [
            ("“It opens$0 today,” Ada Okafor said.\n", "Said by **Ada Okafor**, Mayor."),
            // A paragraph between them, so the second quotation does not carry on the first speaker's.
            (
                "“It opens today,” Ada Okafor said.\n\nThe bridge is new.\n\n“Fin$0ally.”\n",
                "No speaker named: readers will assume **Ada Okafor**.",
            ),
            ("“Fin$0ally.”\n", "No speaker named."),
            ("The so-called “re$0form” failed.\n", "Scare quotes: no speaker needed."),
        ];
        for (fixture, expect) in cases {
            assert_eq!(whole(fixture).as_deref(), Some(expect), "{fixture}");
        }
    }

    /// Issue 16: a card said "quoted 0 times" and repeated an affiliation its role names
    /// (a role that names the affiliation is tested in `report::cards`).
    #[test]
    fn the_card_names_the_affiliation_and_other_fields() {
        assert_eq!(
            whole("Ada Okafor$0 spoke.\n").as_deref(),
            Some(
                "**Ada Okafor** · person\n\n*Mayor*, Riverside City Council\n\n- pronouns: she\n- ward: Eastfield\n\nMentioned once, not quoted."
            )
        );
    }

    #[test]
    fn glossary_headers_and_affiliations_show_cards() {
        let snapshot = glossary_snapshot(COUNCIL_GLOSSARY);
        let path = std::path::Path::new(GLOSSARY_PATH);
        let on = |needle: &str| COUNCIL_GLOSSARY.find(needle).unwrap() + 2;
        let first_line = |offset| match hover(&snapshot, Some(path), offset, Encoding::Utf16) {
            Some(Hover { contents: HoverContents::Markup(markup), .. }) => {
                markup.value.lines().next().map(str::to_string)
            }
            _ => None,
        };
        assert_eq!(first_line(on("[brandt]")).as_deref(), Some("**Tomas Brandt** · person"));
        assert_eq!(first_line(on("\"council\"")).as_deref(), Some("**Riverside City Council** · organization"));
        assert_eq!(first_line(on("role")), None);
    }
}
