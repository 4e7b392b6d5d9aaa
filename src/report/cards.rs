//! The hover cards as Markdown: an entity's card from the glossary, whom a speaker as
//! written stands for, and who said a quotation. Short and plain: one sentence or line each,
//! counts in words ("quoted twice", "not quoted"), nothing the diagnostics already say. The
//! language server's `hover.rs` finds what is under the cursor and wraps these; they take
//! analysis results and text, no protocol types. Glossary and article text is always shown
//! literally ([`markdown_text`]).

use crate::analysis::attribution::Rule;
use crate::analysis::quotes::{Attribution, Quote, QuoteKind, Resolved, SpeakerForm};
use crate::analysis::{Analysis, Entity, EntityId, GlossaryIndex};

/// A speaker as written (a pronoun, a description, a name missing from the glossary): whom
/// it stands for in one line, then who that is and how often the article quotes them. The
/// full card is on the names themselves; the ambiguity, if any, is the diagnostic's to tell.
pub fn speaker_summary(text: &str, analysis: &Analysis, index: &GlossaryIndex, attribution: &Attribution) -> String {
    let written = markdown_text(attribution.speaker.text(text).trim());
    let Some(resolved) = &attribution.resolved else {
        return match attribution.form {
            SpeakerForm::Pronoun => format!("**{written}**: nobody named before it fits"),
            _ => format!("**{written}** is not in the glossary"),
        };
    };
    let mut summary = format!("**{written}** → **{}**", markdown_text(&resolved.name));
    if let Some(entity) = resolved.entity {
        if let Some(role) = index.get(entity).and_then(|e| e.role.as_ref()) {
            summary.push_str(&format!(", {}", markdown_text(role)));
        }
        summary.push_str(&format!("\n\n{}", counts(analysis, entity)));
    }
    summary
}

/// Who said a quotation, in a sentence: the speaker and their role, or whom readers will
/// assume, or why it needs nobody.
pub fn quote_summary(text: &str, index: &GlossaryIndex, quote: &Quote) -> String {
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
                None => format!("**{}**", markdown_text(attribution.speaker.text(text).trim())),
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

/// An entity's card, then how often the article names and quotes it.
pub fn card_with_counts(analysis: &Analysis, index: &GlossaryIndex, entity: EntityId) -> String {
    let Some(card) = card(index, entity) else {
        return String::new();
    };
    format!("{card}\n\n{}", counts(analysis, entity))
}

/// How often the article names and quotes an entity, in words: "Mentioned once, quoted
/// twice.", "Mentioned 3 times, not quoted.", "Quoted once." (for a speaker never named, as
/// a pinned one can be).
fn counts(analysis: &Analysis, entity: EntityId) -> String {
    let mentions = analysis.mentions.iter().filter(|m| m.entity == entity).count();
    let quoted = analysis.quotes.iter().filter(|q| q.speaker().and_then(|r| r.entity) == Some(entity)).count();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts in words people use, never "quoted 0 times" (issue 16).
    #[test]
    fn counts_are_in_words() {
        let glossary = crate::analysis::glossary::parse("[okafor]\nname = \"Ada Okafor\"\n");
        let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary)]);
        let text = "Ada Okafor opened it. “Yes,” Ada Okafor said. “No,” she said.\n";
        let (_, analysis) = crate::analysis::analyze(text, crate::analysis::Format::PlainText, &index);
        assert_eq!(counts(&analysis, 0), "Mentioned twice, quoted twice.");
        let (_, empty) = crate::analysis::analyze("Nothing.\n", crate::analysis::Format::PlainText, &index);
        assert_eq!(counts(&empty, 0), "Not quoted.");
        assert_eq!((times(1), times(2), times(3)), ("once".to_string(), "twice".to_string(), "3 times".to_string()));
    }

    /// Issue 16: a card repeated an affiliation its role names.
    #[test]
    fn an_affiliation_the_role_names_is_not_repeated() {
        let glossary = crate::analysis::glossary::parse(
            "[klasra]\nname = \"Kaswar Klasra\"\nrole = \"Editor in chief of the Islamabad Telegraph\"\naffiliation = \"t\"\n",
        );
        let card = entity_card(&glossary.entities[0], |_| Some("Islamabad Telegraph".to_string()));
        assert_eq!(card, "**Kaswar Klasra** · person\n\n*Editor in chief of the Islamabad Telegraph*");
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
