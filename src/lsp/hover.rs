//! Hover: an actor card on a mention, whom a pronoun speaker resolves to, and a quotation's
//! speaker and cue.

use std::path::Path;

use tower_lsp_server::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::lookup::{self, Target};
use super::position::Encoding;
use super::snapshot::{ArticleSnapshot, Content, GlossarySnapshot, Snapshot};
use crate::analysis::quotes::{Quote, SpeakerForm};
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
        Target::Speaker(attribution) => {
            let written = markdown_text(attribution.speaker.text(&snapshot.text));
            let cue = cue_text(snapshot, attribution);
            let mut text = match (&attribution.resolved, attribution.form) {
                (Some(resolved), _) => {
                    let name = markdown_text(&resolved.name);
                    format!("**{written}** → **{name}** (speaker of this quotation, cue “{cue}”)")
                }
                (None, SpeakerForm::Pronoun) => {
                    format!(
                        "**{written}**: speaker of this quotation (cue “{cue}”), resolves to no one named before it"
                    )
                }
                (None, _) => format!("**{written}**: speaker of this quotation (cue “{cue}”), not in the glossary"),
            };
            if let Some(entity) = attribution.resolved.as_ref().and_then(|r| r.entity) {
                text.push_str("\n\n---\n\n");
                text.push_str(&card_with_counts(article, entity));
            }
            Some((text, attribution.speaker))
        }
        Target::Mention(mention) => Some((card_with_counts(article, mention.entity), mention.span)),
        Target::Quote(quote) => Some((quote_summary(snapshot, index, quote), quote.span)),
    }
}

/// The cue as the hover shows it: a pinned quotation's cue is the writer's pin, named as
/// such rather than shown as the raw comment.
fn cue_text(snapshot: &Snapshot, attribution: &crate::analysis::quotes::Attribution) -> String {
    if attribution.rule == crate::analysis::attribution::Rule::Pinned {
        return "pinned by copydesk-speaker".to_string();
    }
    markdown_text(attribution.cue.text(&snapshot.text))
}

fn quote_summary(snapshot: &Snapshot, index: &GlossaryIndex, quote: &Quote) -> String {
    let kind = quote.kind.as_str();
    match (&quote.attribution, &quote.likely_speaker) {
        (Some(attribution), _) => {
            let speaker = match &attribution.resolved {
                Some(resolved) => markdown_text(&resolved.name),
                None => markdown_text(attribution.speaker.text(&snapshot.text)),
            };
            let role = attribution
                .resolved
                .as_ref()
                .and_then(|r| r.entity)
                .and_then(|id| index.entities.get(id))
                .and_then(|e| e.role.as_ref())
                .map(|role| format!(", {}", markdown_text(role)))
                .unwrap_or_default();
            let cue = cue_text(snapshot, attribution);
            format!("Quotation ({kind})\n\nSpeaker: **{speaker}**{role}\n\nCue: “{cue}”")
        }
        (None, Some(likely)) if quote.kind == crate::analysis::quotes::QuoteKind::Speech => {
            let name = markdown_text(&likely.name);
            format!("Quotation ({kind}) with no attribution\n\nReaders will assume **{name}** said it.")
        }
        (None, _) if quote.kind == crate::analysis::quotes::QuoteKind::Speech => {
            format!("Quotation ({kind}) with no attribution: no speaker")
        }
        (None, _) => format!("Quotation ({kind}): needs no speaker"),
    }
}

fn card_with_counts(article: &ArticleSnapshot, entity: EntityId) -> String {
    let mentions = article.analysis.mentions.iter().filter(|m| m.entity == entity).count();
    let quoted = article.analysis.quotes.iter().filter(|q| q.speaker().and_then(|r| r.entity) == Some(entity)).count();
    let Some(card) = card(&article.glossary.index, entity) else {
        return String::new();
    };
    format!("{card}\n\n---\n\nIn this article: mentioned {}, quoted {}.", times(mentions), times(quoted))
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
        role_line.push(markdown_text(&affiliation_name(affiliation).unwrap_or_else(|| affiliation.clone())));
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
            Some("**she** → **Ada Okafor** (speaker of this quotation, cue “said”)"),
        );
    }

    #[test]
    fn quotations_show_their_speaker_or_its_absence() {
        check("“It opens$0 today,” Ada Okafor said.\n", Some("Quotation (speech)"));
        // A paragraph between them, so the second quotation does not carry on the first speaker's.
        check(
            "“It opens today,” Ada Okafor said.\n\nThe bridge is new.\n\n“Fin$0ally.”\n",
            Some("Quotation (speech) with no attribution"),
        );
    }

    #[test]
    fn the_card_names_the_affiliation_and_other_fields() {
        let (text, offset) = cursor("Ada Okafor$0 spoke.\n");
        let snapshot = snapshot(&text, COUNCIL_GLOSSARY);
        let Some(Hover { contents: HoverContents::Markup(markup), .. }) =
            hover(&snapshot, None, offset, Encoding::Utf16)
        else {
            panic!("hover expected");
        };
        assert_eq!(
            markup.value,
            "**Ada Okafor** · person\n\n*Mayor*, Riverside City Council\n\n- pronouns: she\n- ward: Eastfield\n\n---\n\nIn this article: mentioned once, quoted 0 times."
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
