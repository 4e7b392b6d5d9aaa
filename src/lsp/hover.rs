//! Hover: an actor card on a mention, whom a pronoun speaker resolves to, and who said a
//! quotation. Short and plain: one sentence or line each, counts in words ("quoted twice",
//! "not quoted"), nothing the diagnostics already say.

use std::path::Path;

use tower_lsp_server::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::lookup::{self, Target};
use super::position::Encoding;
use super::snapshot::{ArticleSnapshot, Content, GlossarySnapshot, Snapshot};
use crate::analysis::attribution::Rule;
use crate::analysis::quotes::{Attribution, Quote, QuoteKind, Resolved, SpeakerForm};
use crate::analysis::{Entity, EntityId, GlossaryIndex, Span};

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
        Target::Speaker(attribution) => Some((speaker_summary(snapshot, article, attribution), attribution.speaker)),
        Target::Mention(mention) => Some((card_with_counts(article, mention.entity), mention.span)),
        Target::Quote(quote) => Some((quote_summary(snapshot, index, quote), quote.span)),
    }
}

/// A speaker as written (a pronoun, a description, a name missing from the glossary): whom
/// it stands for in one line, then who that is and how often the article quotes them. The
/// full card is on the names themselves; the ambiguity, if any, is the diagnostic's to tell.
fn speaker_summary(snapshot: &Snapshot, article: &ArticleSnapshot, attribution: &Attribution) -> String {
    let written = markdown_text(attribution.speaker.text(&snapshot.text).trim());
    let Some(resolved) = &attribution.resolved else {
        return match attribution.form {
            SpeakerForm::Pronoun => format!("**{written}**: nobody named before it fits"),
            _ => format!("**{written}** is not in the glossary"),
        };
    };
    let mut text = format!("**{written}** → **{}**", markdown_text(&resolved.name));
    if let Some(entity) = resolved.entity {
        if let Some(role) = article.glossary.index.get(entity).and_then(|e| e.role.as_ref()) {
            text.push_str(&format!(", {}", markdown_text(role)));
        }
        text.push_str(&format!("\n\n{}", counts(article, entity)));
    }
    text
}

/// Who said a quotation, in a sentence: the speaker and their role, or whom readers will
/// assume, or why it needs nobody.
fn quote_summary(snapshot: &Snapshot, index: &GlossaryIndex, quote: &Quote) -> String {
    let speaker_with_role = |resolved: &Resolved| {
        let role = resolved.entity.and_then(|id| index.get(id)).and_then(|e| e.role.as_ref());
        let role = role.map(|role| format!(", {}", markdown_text(role))).unwrap_or_default();
        format!("**{}**{role}", markdown_text(&resolved.name))
    };
    match (&quote.attribution, &quote.likely_speaker) {
        (_, _) if quote.kind != QuoteKind::Speech => match quote.kind {
            QuoteKind::Scare => "Scare quotes: no speaker needed.",
            QuoteKind::Title => "A title: no speaker needed.",
            _ => "A word talked about as a word: no speaker needed.",
        }
        .to_string(),
        (Some(attribution), _) => {
            let said = match &attribution.resolved {
                Some(resolved) => speaker_with_role(resolved),
                None => format!("**{}**", markdown_text(attribution.speaker.text(&snapshot.text).trim())),
            };
            if attribution.rule == Rule::Pinned {
                format!("Said by {said} (pinned by copydesk-speaker).")
            } else {
                format!("Said by {said}.")
            }
        }
        (None, Some(likely)) if quote.lacks_speaker() => {
            format!("No speaker named: readers will assume **{}**.", markdown_text(&likely.name))
        }
        (None, _) if quote.lacks_speaker() => "No speaker named.".to_string(),
        (None, _) => "No speaker needed.".to_string(),
    }
}

fn card_with_counts(article: &ArticleSnapshot, entity: EntityId) -> String {
    let Some(card) = card(&article.glossary.index, entity) else {
        return String::new();
    };
    format!("{card}\n\n{}", counts(article, entity))
}

/// How often the article names and quotes an entity, in words: "Mentioned once, quoted
/// twice.", "Mentioned 3 times, not quoted.", "Quoted once." (for a speaker never named, as
/// a pinned one can be).
fn counts(article: &ArticleSnapshot, entity: EntityId) -> String {
    let mentions = article.analysis.mentions.iter().filter(|m| m.entity == entity).count();
    let quoted = article.analysis.quotes.iter().filter(|q| q.speaker().and_then(|r| r.entity) == Some(entity)).count();
    let quoted = match quoted {
        0 => "not quoted".to_string(),
        n => format!("quoted {}", times(n)),
    };
    match mentions {
        0 => format!("{}{}.", quoted[..1].to_uppercase(), &quoted[1..]),
        n => format!("Mentioned {}, {quoted}.", times(n)),
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Everything the glossary says about an entity, in Markdown.
pub fn card(index: &GlossaryIndex, id: EntityId) -> Option<String> {
    let entity = index.entities.get(id)?;
    Some(entity_card(entity, |affiliation| index.by_id(affiliation).map(|a| index.entity(a).name.clone())))
}

/// Every glossary value in the card is text, never Markdown: an image, a link (a `command:`
/// link runs a command in VS Code), HTML or a heading written in a glossary shows as written.
pub fn entity_card(entity: &Entity, affiliation_name: impl Fn(&str) -> Option<String>) -> String {
    let mut lines = vec![format!("**{}** · {}", markdown_text(&entity.name), entity.kind.as_str())];
    let mut role_line = Vec::new();
    if let Some(role) = &entity.role {
        role_line.push(format!("*{}*", markdown_text(role)));
    }
    if let Some(affiliation) = &entity.affiliation {
        let affiliation = affiliation_name(affiliation).unwrap_or_else(|| affiliation.clone());
        // `Editor in chief of the Islamabad Telegraph` says the affiliation already.
        let said = entity.role.as_ref().is_some_and(|role| role.to_lowercase().contains(&affiliation.to_lowercase()));
        if !said {
            role_line.push(markdown_text(&affiliation));
        }
    }
    if !role_line.is_empty() {
        lines.push(role_line.join(", "));
    }
    if let Some(description) = &entity.description {
        lines.push(markdown_text(description));
    }
    let mut fields = Vec::new();
    if !entity.aliases.is_empty() {
        let aliases: Vec<String> = entity.aliases.iter().map(|alias| markdown_text(alias)).collect();
        fields.push(format!("- aliases: {}", aliases.join(", ")));
    }
    if let Some(pronouns) = entity.pronouns {
        fields.push(format!("- pronouns: {}", pronouns.as_str()));
    }
    for (name, value) in &entity.extra {
        fields.push(format!("- {}: {}", markdown_text(name), markdown_text(value)));
    }
    if !fields.is_empty() {
        lines.push(fields.join("\n"));
    }
    lines.join("\n\n")
}

/// `text` as Markdown that shows it literally: every ASCII punctuation character that can
/// open a link, an image, HTML, an entity, emphasis, code, a table cell, math or a block
/// escaped with a backslash (as CommonMark allows), and line breaks made spaces so that no
/// line can start a block. `@ , : ; / ? " '` and the like stay as they are: they make nothing
/// (a URL is a link only after `<` or inside `[]()`, both escaped).
pub fn markdown_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' => escaped.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|' | '<'
            | '>' | '~' | '&' | '$' | '=' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
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

    /// Issue 16: a card said "quoted 0 times" and repeated an affiliation its role names.
    #[test]
    fn the_card_names_the_affiliation_and_other_fields() {
        assert_eq!(
            whole("Ada Okafor$0 spoke.\n").as_deref(),
            Some(
                "**Ada Okafor** · person\n\n*Mayor*, Riverside City Council\n\n- pronouns: she\n- ward: Eastfield\n\nMentioned once, not quoted."
            )
        );
        let glossary = crate::analysis::glossary::parse(
            "[klasra]\nname = \"Kaswar Klasra\"\nrole = \"Editor in chief of the Islamabad Telegraph\"\naffiliation = \"t\"\n",
        );
        let card = entity_card(&glossary.entities[0], |_| Some("Islamabad Telegraph".to_string()));
        assert_eq!(card, "**Kaswar Klasra** · person\n\n*Editor in chief of the Islamabad Telegraph*");
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

    /// Issue 18, item 9: glossary text went into hover Markdown as it was, so an image, a
    /// `command:` link or HTML in a name or description was rendered (or run) by the editor.
    #[test]
    fn glossary_text_is_shown_literally_in_the_card() {
        let glossary = crate::analysis::glossary::parse(
            r#"[x]
name = "Ada ![p](https://e.test/p.png)"
role = "*Mayor* <img src=x onerror=alert(1)>"
description = "[Run](command:workbench.action.terminal.new)\n# Heading\n&amp; `code`"
aliases = ["A_da"]
site = "<script>"
"#,
        );
        let card = entity_card(&glossary.entities[0], |_| None);
        assert_eq!(
            card,
            "**Ada \\!\\[p\\]\\(https://e\\.test/p\\.png\\)** · person\n\n\
             *\\*Mayor\\* \\<img src\\=x onerror\\=alert\\(1\\)\\>*\n\n\
             \\[Run\\]\\(command:workbench\\.action\\.terminal\\.new\\) \\# Heading \\&amp; \\`code\\`\n\n\
             - aliases: A\\_da\n- site: \\<script\\>"
        );
    }
}
