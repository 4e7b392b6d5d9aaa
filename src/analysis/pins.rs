//! Speaker pins: `<!-- copydesk-speaker ID -->` says who speaks the quotations of one
//! paragraph, and `<!-- copydesk-speaker none -->` that nobody does, on purpose (a chant, a
//! sign). The rules will sometimes be wrong; a pin is the writer's correction, kept in the
//! article so that warnings, hovers and the source ledger follow it.
//!
//! A pass of its own, after attribution: it reads the article's pins and the attributed
//! quotations and overrides the speaker of each quotation a pin covers, dropping the
//! diagnostics that were about that speaker. It does not feed back into attribution (a
//! pronoun after a pinned paragraph still resolves as if the pin were not there), so that the
//! rules stay a pure reading of the text and the pin only ever corrects what it covers.

use rustc_hash::FxHashSet;

use super::article::Pin;
use super::attribution::{Attributed, Link, Rule};
use super::quotes::{Attribution, Quote, QuoteKind, Resolved, SpeakerForm};
use super::{Article, Code, Diagnostic, GlossaryIndex};

/// Applies the article's pins to `attributed`: the quotations of each pinned block take the
/// pinned entity (or no speaker, for `none`), and a pin naming no glossary entity is an
/// `unknown-pin` error and changes nothing.
pub fn apply(article: &Article, glossary: &GlossaryIndex, attributed: &mut Attributed) {
    // Speakers a pin replaced, by the start of their head, and quotations it settled.
    let mut replaced_heads: FxHashSet<usize> = FxHashSet::default();
    let mut settled_quotes: FxHashSet<usize> = FxHashSet::default();
    for pin in &article.pins {
        let Some(block) = pin.block else { continue };
        let entity = if pin.is_none() {
            None
        } else {
            match glossary.by_id(&pin.id) {
                Some(entity) => Some(entity),
                None => {
                    attributed.diagnostics.push(unknown_pin(pin));
                    continue;
                }
            }
        };
        for quote in attributed.quotes.iter_mut().filter(|q| q.parts.iter().any(|part| part.overlaps(block))) {
            // Scare quotes, titles and terms are nobody's words: a pin on their paragraph
            // is about its speech.
            if quote.kind != QuoteKind::Speech && quote.attribution.is_none() {
                continue;
            }
            if let Some(previous) = &quote.attribution {
                replaced_heads.insert(previous.head.start);
            }
            settled_quotes.insert(quote.span.start);
            match entity {
                Some(entity) => pin_to(quote, pin, entity, glossary),
                None => {
                    quote.attribution = None;
                    quote.likely_speaker = None;
                    quote.needs_speaker = false;
                }
            }
        }
    }
    if replaced_heads.is_empty() && settled_quotes.is_empty() {
        return;
    }
    // A speaker still speaking an unpinned quotation keeps its diagnostics.
    let still_spoken: FxHashSet<usize> = attributed
        .quotes
        .iter()
        .filter_map(|q| q.attribution.as_ref())
        .filter(|a| a.rule != Rule::Pinned)
        .map(|a| a.head.start)
        .collect();
    attributed.diagnostics.retain(|d| match d.code {
        Code::UnattributedQuote => !settled_quotes.contains(&d.span.start),
        Code::AmbiguousSpeaker | Code::UnknownSpeaker | Code::UnresolvedPronoun => {
            !replaced_heads.contains(&d.span.start) || still_spoken.contains(&d.span.start)
        }
        _ => true,
    });
}

/// Gives `quote` the pinned entity. A quotation the rules attributed keeps the speaker and cue
/// as written, so that hovers and hints stay on the words; one they did not is attributed to
/// the pin itself.
fn pin_to(quote: &mut Quote, pin: &Pin, entity: super::EntityId, glossary: &GlossaryIndex) {
    let resolved = Resolved { entity: Some(entity), name: glossary.entity(entity).name.clone(), named_at: None };
    quote.likely_speaker = None;
    match &mut quote.attribution {
        Some(attribution) => {
            attribution.rule = Rule::Pinned;
            attribution.resolved = Some(resolved);
        }
        None => {
            quote.kind = QuoteKind::Speech;
            quote.attribution = Some(Attribution {
                speaker: pin.id_span,
                head: pin.id_span,
                form: SpeakerForm::Name,
                cue: pin.comment,
                rule: Rule::Pinned,
                link: Link::Paragraph,
                resolved: Some(resolved),
            });
        }
    }
}

fn unknown_pin(pin: &Pin) -> Diagnostic {
    let message = if pin.id.is_empty() {
        "copydesk-speaker needs the glossary id of the speaker, or `none`; this pin is ignored.".to_string()
    } else {
        format!("`{}` is not an id in the glossary, so this pin is ignored; use an entity's id, or `none`.", pin.id)
    };
    Diagnostic::new(Code::UnknownPin, pin.id_span, message)
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Code, Format, GlossaryIndex, analyze, glossary};

    const GLOSSARY: &str = "[marsh]\nname = \"Lena Marsh\"\npronouns = \"she\"\n\n\
                            [okafor]\nname = \"Tomas Okafor\"\npronouns = \"he\"\n\n\
                            [castillo]\nname = \"Ben Castillo\"\npronouns = \"he\"\n";

    /// Each quotation as `text → speaker (rule)`, or `text: none`, then each diagnostic's code.
    fn check(text: &str, format: Format, expect: &str) {
        let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
        let (_, analysis) = analyze(text, format, &index);
        let mut lines: Vec<String> = analysis
            .quotes
            .iter()
            .map(|q| match (&q.attribution, q.needs_speaker) {
                (Some(a), _) => format!(
                    "{} → {} ({})",
                    q.span.text(text),
                    a.resolved.as_ref().map_or("?", |r| r.name.as_str()),
                    a.rule.as_str()
                ),
                (None, needs) => format!("{}: none{}", q.span.text(text), if needs { "" } else { " needed" }),
            })
            .collect();
        lines.extend(analysis.diagnostics.iter().map(|d| format!("{} at {:?}", d.code.as_str(), d.span.text(text))));
        assert_eq!(lines.join("\n"), expect.trim(), "for {text:?}");
    }

    #[test]
    fn a_pin_before_a_paragraph_attributes_its_unattributed_quotation() {
        let text = "“Open it,” said Tomas Okafor.\n\nThe vote is on Monday.\n\n\
                    <!-- copydesk-speaker marsh -->\n“It is time.”\n";
        check(
            text,
            Format::Markdown,
            "“Open it,” → Tomas Okafor (cue-after-quote)\n“It is time.” → Lena Marsh (pinned)",
        );
        check(
            text,
            Format::PlainText,
            "“Open it,” → Tomas Okafor (cue-after-quote)\n“It is time.” → Lena Marsh (pinned)",
        );
    }

    #[test]
    fn a_pin_inside_a_paragraph_overrides_the_rules_and_their_doubts() {
        let unpinned = "“We tried,” Tomas Okafor said.\n\nThe motion was seconded by Ben Castillo.\n\n\
                        “It was never about money,” he said.\n";
        check(
            unpinned,
            Format::Markdown,
            "“We tried,” → Tomas Okafor (speaker-before-cue)\n“It was never about money,” → Tomas Okafor (speaker-before-cue)\n\
             ambiguous-speaker at \"he\"",
        );
        let pinned = unpinned.replace("he said.", "he said. <!-- copydesk-speaker castillo -->");
        check(
            &pinned,
            Format::Markdown,
            "“We tried,” → Tomas Okafor (speaker-before-cue)\n“It was never about money,” → Ben Castillo (pinned)",
        );
    }

    #[test]
    fn a_pin_to_none_leaves_the_quotation_unattributed_without_a_warning() {
        let text = "The crowd gathered.\n\n<!-- copydesk-speaker none -->\n“Save our pool!”\n";
        check(text, Format::Markdown, "“Save our pool!”: none needed");
        check(text, Format::PlainText, "“Save our pool!”: none needed");
    }

    #[test]
    fn a_pin_to_an_unknown_id_is_an_error_and_changes_nothing() {
        let text = "The crowd gathered.\n\n<!-- copydesk-speaker whitfield -->\n“Save our pool!”\n";
        check(
            text,
            Format::Markdown,
            "“Save our pool!”: none\nunknown-pin at \"whitfield\"\nunattributed-quote at \"“Save our pool!”\"",
        );
        let (index, _) = GlossaryIndex::build(Vec::new());
        let (_, analysis) = analyze("<!-- copydesk-speaker -->\n“Go.”\n", Format::Markdown, &index);
        assert_eq!(analysis.diagnostics[0].code, Code::UnknownPin);
        assert_eq!(analysis.diagnostics[0].severity, crate::analysis::Severity::Error);
    }

    #[test]
    fn a_pin_settles_a_pronoun_no_one_named_could_be() {
        let unpinned = "“It was never about money,” he said.\n";
        check(
            unpinned,
            Format::Markdown,
            "“It was never about money,” → ? (speaker-before-cue)\nunresolved-pronoun at \"he\"",
        );
        let pinned = format!("<!-- copydesk-speaker castillo -->\n{unpinned}");
        check(&pinned, Format::Markdown, "“It was never about money,” → Ben Castillo (pinned)");
    }

    #[test]
    fn a_pin_covers_only_its_own_paragraph() {
        let text = "<!-- copydesk-speaker marsh -->\n“One.”\n\n“Two.”\n";
        check(text, Format::Markdown, "“One.” → Lena Marsh (pinned)\n“Two.”: none\nunattributed-quote at \"“Two.”\"");
    }
}
