//! The source ledger: who an article quotes, how much, and who it names but never quotes.
//! Computed from an [`Analysis`] and its glossary, with no IO; `copydesk report` prints it.
//!
//! What counts:
//! - A *quotation* is a speech quotation that needs a speaker or has one (scare quotes,
//!   titles and terms are not counted, nor speech in a headline that nobody is said to speak).
//! - Its *source* is the speaker the attribution resolved to, keyed by glossary entity id,
//!   else by the resolved name, else by the speaker as written. A quotation with no
//!   attribution is *unattributed*; when readers will assume a speaker, it also counts for
//!   that speaker as *assumed*, so a source's `quotations` = `attributed` + `assumed`.
//! - A source is *named* when it resolved to a glossary entity or any of its quotations names
//!   it (a full name, or a name the `unknown-speaker` diagnostic reports); else it is
//!   *anonymous* (`a council spokesman`, `sources`, `Campaigners said`, an unresolved `he`).
//! - A quotation is *direct* when it reads as a sentence of the speaker's (it opens with a
//!   capital and ends as a sentence or clause does, or runs to eight words or more) and
//!   *partial* when it is a fragment worked into the writer's sentence.
//! - The gender shares count sources that are people (kind person, or a source outside the
//!   glossary, which may be anyone): the glossary `gender`, else its `pronouns`, else unknown.
//!   Nothing is guessed from a name.

use std::collections::HashMap;

use super::attribution::Rule;
use super::quotes::{Attribution, Quote, QuoteKind, SpeakerForm};
use super::{Analysis, Code, EntityId, EntityKind, Gender, GlossaryIndex, LineIndex, Span};

/// One article's ledger, or the total over several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// Articles counted: 1 for one article's ledger.
    pub articles: usize,
    pub quotations: usize,
    pub words_quoted: usize,
    pub direct: usize,
    pub partial: usize,
    /// Quoted sources, most quoted first (then by first quotation).
    pub sources: Vec<Source>,
    /// Quotations with no attribution, in reading order.
    pub unattributed: Vec<Unattributed>,
    /// Glossary people, organisations and groups the article mentions but never quotes.
    pub unquoted: Vec<Unquoted>,
    /// Quotations attributed by `according to`, in reading order.
    pub according_to: Vec<AccordingTo>,
}

/// Where something is: the article (an index into the caller's list; 0 in one article's
/// ledger), the 1-based line, and the byte span in that article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub article: usize,
    pub line: usize,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The glossary entity's id, when the source resolved to one.
    pub entity: Option<String>,
    pub name: String,
    /// The glossary kind; None for a source outside the glossary.
    pub kind: Option<EntityKind>,
    pub role: Option<String>,
    /// The affiliation entity's name (or the id as written when it names no entity).
    pub affiliation: Option<String>,
    pub gender: Gender,
    pub named: bool,
    pub quotations: usize,
    /// Quotations the text attributes to this source.
    pub attributed: usize,
    /// Unattributed quotations readers will assume this source said.
    pub assumed: usize,
    pub direct: usize,
    pub partial: usize,
    pub words: usize,
    /// Quotations attributed by `according to`.
    pub according_to: usize,
    /// The first quotation.
    pub first: Place,
}

impl Source {
    /// True when the gender shares count this source: a person, or someone outside the glossary.
    pub fn is_person(&self) -> bool {
        matches!(self.kind, None | Some(EntityKind::Person))
    }

    /// The kind's name for output: `unknown` for a source outside the glossary.
    pub fn kind_str(&self) -> &'static str {
        self.kind.map_or("unknown", EntityKind::as_str)
    }

    fn key(&self) -> (bool, &str) {
        match &self.entity {
            Some(id) => (true, id),
            None => (false, &self.name),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unattributed {
    pub at: Place,
    pub words: usize,
    /// Whom readers will assume said it.
    pub likely_speaker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unquoted {
    pub entity: String,
    pub name: String,
    pub kind: EntityKind,
    pub mentions: usize,
    pub first: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccordingTo {
    pub at: Place,
    /// The source's name.
    pub source: String,
    /// The speaker as written.
    pub speaker: String,
}

impl Ledger {
    /// The ledger of one analysed article.
    pub fn of(text: &str, analysis: &Analysis, glossary: &GlossaryIndex) -> Ledger {
        let lines = LineIndex::new(text);
        let place = |span: Span| Place { article: 0, line: lines.line_col(text, span.start).0, span };
        let mut ledger = Ledger { articles: 1, ..Ledger::default() };
        let mut index: HashMap<(bool, String), usize> = HashMap::new();
        let mut quoted_entities: Vec<EntityId> = Vec::new();

        for quote in analysis.quotes.iter().filter(|q| counts(q)) {
            let words = words_quoted(quote.span.text(text));
            let direct = is_direct(quote.span.text(text));
            ledger.quotations += 1;
            ledger.words_quoted += words;
            if direct {
                ledger.direct += 1;
            } else {
                ledger.partial += 1;
            }

            let attribution = quote.attribution.as_ref();
            let resolved = quote.speaker();
            if attribution.is_none() {
                ledger.unattributed.push(Unattributed {
                    at: place(quote.span),
                    words,
                    likely_speaker: resolved.map(|r| r.name.clone()),
                });
            }
            // The source: the resolved speaker, else (an attribution nobody resolved) the
            // speaker as written; an unattributed quotation readers give nobody has none.
            let (entity, name) = match (resolved, attribution) {
                (Some(r), _) => (r.entity.filter(|&id| id < glossary.entities.len()), r.name.clone()),
                (None, Some(a)) => (None, a.speaker.text(text).trim().to_string()),
                (None, None) => continue,
            };
            let key = match entity {
                Some(id) => (true, glossary.entity(id).id.clone()),
                None => (false, name.clone()),
            };
            let slot = *index.entry(key).or_insert_with(|| {
                ledger.sources.push(new_source(glossary, entity, &name, place(quote.span)));
                ledger.sources.len() - 1
            });
            if let Some(id) = entity
                && !quoted_entities.contains(&id)
            {
                quoted_entities.push(id);
            }
            let source = &mut ledger.sources[slot];
            source.quotations += 1;
            source.words += words;
            if direct {
                source.direct += 1;
            } else {
                source.partial += 1;
            }
            match attribution {
                Some(a) => {
                    source.attributed += 1;
                    if names_someone(a, &source.name, analysis) {
                        source.named = true;
                    }
                    if is_according_to(a.rule, a.cue.text(text)) {
                        source.according_to += 1;
                        ledger.according_to.push(AccordingTo {
                            at: place(quote.span),
                            source: source.name.clone(),
                            speaker: a.speaker.text(text).trim().to_string(),
                        });
                    }
                }
                None => source.assumed += 1,
            }
        }

        let mut unquoted: Vec<Unquoted> = Vec::new();
        let mut unquoted_index: HashMap<EntityId, usize> = HashMap::new();
        for mention in &analysis.mentions {
            let Some(entity) = glossary.get(mention.entity) else { continue };
            let kind = entity.kind;
            if !matches!(kind, EntityKind::Person | EntityKind::Organization | EntityKind::Group)
                || quoted_entities.contains(&mention.entity)
            {
                continue;
            }
            let slot = *unquoted_index.entry(mention.entity).or_insert_with(|| {
                unquoted.push(Unquoted {
                    entity: entity.id.clone(),
                    name: entity.name.clone(),
                    kind,
                    mentions: 0,
                    first: place(mention.span),
                });
                unquoted.len() - 1
            });
            unquoted[slot].mentions += 1;
        }
        ledger.unquoted = unquoted;
        ledger.sort();
        ledger
    }

    /// The total over several articles' ledgers, in the caller's order: `articles[i]`'s
    /// places get article index `i`. Sources with the same entity id (or, outside the
    /// glossary, the same name) are one source; so are unquoted entities, and an entity quoted
    /// in any article is not unquoted.
    pub fn total(articles: &[Ledger]) -> Ledger {
        let mut total = Ledger::default();
        let mut index: HashMap<(bool, String), usize> = HashMap::new();
        let mut unquoted_index: HashMap<String, usize> = HashMap::new();
        for (number, ledger) in articles.iter().enumerate() {
            let moved = |place: Place| Place { article: number, ..place };
            total.articles += ledger.articles;
            total.quotations += ledger.quotations;
            total.words_quoted += ledger.words_quoted;
            total.direct += ledger.direct;
            total.partial += ledger.partial;
            for source in &ledger.sources {
                let (is_entity, key) = source.key();
                match index.get(&(is_entity, key.to_string())) {
                    Some(&slot) => {
                        let into = &mut total.sources[slot];
                        into.named |= source.named;
                        into.quotations += source.quotations;
                        into.attributed += source.attributed;
                        into.assumed += source.assumed;
                        into.direct += source.direct;
                        into.partial += source.partial;
                        into.words += source.words;
                        into.according_to += source.according_to;
                    }
                    None => {
                        index.insert((is_entity, key.to_string()), total.sources.len());
                        total.sources.push(Source { first: moved(source.first), ..source.clone() });
                    }
                }
            }
            total
                .unattributed
                .extend(ledger.unattributed.iter().map(|u| Unattributed { at: moved(u.at), ..u.clone() }));
            total.according_to.extend(ledger.according_to.iter().map(|a| AccordingTo { at: moved(a.at), ..a.clone() }));
            for unquoted in &ledger.unquoted {
                match unquoted_index.get(&unquoted.entity) {
                    Some(&slot) => total.unquoted[slot].mentions += unquoted.mentions,
                    None => {
                        unquoted_index.insert(unquoted.entity.clone(), total.unquoted.len());
                        total.unquoted.push(Unquoted { first: moved(unquoted.first), ..unquoted.clone() });
                    }
                }
            }
        }
        let quoted: Vec<String> = total.sources.iter().filter_map(|s| s.entity.clone()).collect();
        total.unquoted.retain(|u| !quoted.contains(&u.entity));
        total.sort();
        total
    }

    fn sort(&mut self) {
        self.sources.sort_by(|a, b| b.quotations.cmp(&a.quotations).then(a.first.cmp(&b.first)));
        self.unquoted.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.first.cmp(&b.first)));
    }

    pub fn named_sources(&self) -> usize {
        self.sources.iter().filter(|s| s.named).count()
    }

    pub fn anonymous_sources(&self) -> usize {
        self.sources.len() - self.named_sources()
    }

    /// Quoted sources that are people, by gender, in [`Gender::ALL`] order.
    pub fn by_gender(&self) -> Vec<(Gender, usize)> {
        Gender::ALL
            .iter()
            .map(|&gender| (gender, self.sources.iter().filter(|s| s.is_person() && s.gender == gender).count()))
            .collect()
    }

    /// Quoted sources by kind, in [`EntityKind::ALL`] order then `unknown` (outside the
    /// glossary); kinds with no source are left out.
    pub fn by_kind(&self) -> Vec<(&'static str, usize)> {
        let kinds = EntityKind::ALL.iter().map(|&kind| Some(kind)).chain([None]);
        kinds
            .map(|kind| {
                (kind.map_or("unknown", EntityKind::as_str), self.sources.iter().filter(|s| s.kind == kind).count())
            })
            .filter(|&(_, count)| count > 0)
            .collect()
    }
}

/// Whether a quotation goes in the ledger: speech that needs a speaker or has one.
fn counts(quote: &Quote) -> bool {
    quote.kind == QuoteKind::Speech && (quote.needs_speaker || quote.attribution.is_some())
}

fn new_source(glossary: &GlossaryIndex, entity: Option<EntityId>, name: &str, first: Place) -> Source {
    let found = entity.map(|id| (id, glossary.entity(id)));
    Source {
        entity: found.map(|(_, e)| e.id.clone()),
        name: name.to_string(),
        kind: found.map(|(_, e)| e.kind),
        role: found.and_then(|(_, e)| e.role.clone()),
        affiliation: found.and_then(|(id, e)| {
            let written = e.affiliation.as_ref()?;
            Some(glossary.affiliation_entity(id).map_or_else(|| written.clone(), |a| glossary.entity(a).name.clone()))
        }),
        gender: found.map_or(Gender::Unknown, |(_, e)| e.gender()),
        named: found.is_some(),
        quotations: 0,
        attributed: 0,
        assumed: 0,
        direct: 0,
        partial: 0,
        words: 0,
        according_to: 0,
        first,
    }
}

/// Whether an attribution outside the glossary names its speaker: a name the resolver
/// read as a full name, or one the `unknown-speaker` diagnostic reports. (A single
/// capitalised word opening a sentence, `Campaigners said`, is written as a name but is a
/// description.)
fn names_someone(attribution: &Attribution, resolved_name: &str, analysis: &Analysis) -> bool {
    attribution.form == SpeakerForm::Name
        && (resolved_name.trim().contains(' ')
            || analysis
                .diagnostics
                .iter()
                .any(|d| d.code == Code::UnknownSpeaker && attribution.speaker.covers(d.span)))
}

/// `according to` is a cue phrase of the lexicon; its rule is `cue-phrase`.
fn is_according_to(rule: Rule, cue: &str) -> bool {
    rule == Rule::CuePhrase && cue.trim().to_lowercase().starts_with("according to")
}

/// The words of a quotation, marks and punctuation aside: whitespace-separated pieces
/// holding a letter or digit.
pub fn words_quoted(quotation: &str) -> usize {
    quotation.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Whether a quotation (marks included) reads as a sentence of the speaker's: it opens with
/// a capital and ends as a sentence or a clause does, or runs to eight words or more.
pub fn is_direct(quotation: &str) -> bool {
    let inner =
        quotation.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '?' | '!' | ',' | '…' | '—'));
    let opens_capital = inner.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let ends_clause = inner.trim_end().ends_with(['.', '?', '!', ',', '…', '—']);
    opens_capital && (ends_clause || words_quoted(inner) >= 8)
}

mod summary;
#[cfg(test)]
mod tests;
