//! Attributing quotations to speakers: the cue–speaker pairs of each sentence, the pair
//! each quotation takes (its own sentence first, then its paragraph), the quotation's kind,
//! and whom each speaker stands for.

mod choice;
mod choices;
mod clauses;
mod cues;
mod digest;
mod nested;
mod phrases;
mod resolve;
mod rule;
#[cfg(test)]
mod resolution_tests;
#[cfg(test)]
mod rules_tests;
mod shift;

pub use cues::Found;
pub use choices::{SentenceChoice, sentence_choices};
pub use rule::{Link, Rule};

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::mentions::Mention;
use super::quotes::{self, Attribution, Quote, QuoteKind};
use super::words::tokenize_outside;
use super::{Article, Block, BlockKind, Code, Diagnostic, GlossaryIndex, Span, lexicon, sentences};
use phrases::Item;

#[derive(Debug, Default)]
pub struct Attributed {
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn attribute(
    prose: &str,
    article: &Article,
    quotes: Vec<Quote>,
    mentions: &[Mention],
    glossary: &GlossaryIndex,
) -> Attributed {
    let sentences_of = |_: usize, block: &Block, parts: &[Span]| Cow::Owned(block_sentences(prose, block.span, parts));
    attribute_with(prose, article, quotes, mentions, glossary, &sentences_of, None)
}

/// Gives the sentences of a block: `(block index, block, quotation parts inside it)`.
pub(crate) type SentencesOf<'s> = dyn Fn(usize, &Block, &[Span]) -> Cow<'s, [Sentence]> + 's;

/// [`attribute`] with the sentences of each block that is not a heading given by
/// `sentences_of(block index, block, quotation parts inside it)`, which must return what
/// [`block_sentences`] would: incremental analysis hands back a previous run's sentences
/// for blocks an edit left alone. The rest of the walk (introductions, run-on speakers,
/// resolution in reading order) always runs over the whole article.
pub(crate) fn attribute_with<'s>(
    prose: &str,
    article: &Article,
    mut quotes: Vec<Quote>,
    mentions: &[Mention],
    glossary: &GlossaryIndex,
    sentences_of: &SentencesOf<'s>,
    choices: Option<&std::cell::RefCell<Vec<SentenceChoice>>>,
) -> Attributed {
    // About one bare pair and one quotation event per quotation: one allocation for most
    // articles instead of a dozen copies of a growing list.
    let mut events = Vec::with_capacity(quotes.len() * 2 + 16);
    let mut next_quote = 0;
    let mut part_walk = PartWalk::new(&quotes);
    // For quotations running over paragraphs: the attribution found beside their first part.
    let mut opening_attribution: FxHashMap<usize, (Found, Span)> = FxHashMap::default();
    // The speaker of a paragraph that ends with a colon introduces the next paragraph.
    let mut introduction: Option<(Found, Span)> = None;
    // The speaker of the quotation that ended the previous paragraph: a paragraph that is all
    // quotation continues it (unless that speaker is itself ambiguous, decided later).
    let mut speaker_at_paragraph_end: Option<(Found, Span)> = None;
    // What the walk reads of every quotation, copied out in one pass: a `Quote` is a few
    // cache lines long, and reading them between blocks missed the cache at each one.
    let quote_ends: Vec<usize> = quotes.iter().map(|q| q.span.end).collect();
    // The first part of each quotation that runs over paragraphs.
    let openings: Vec<Option<Span>> =
        quotes.iter().map(|q| q.parts.first().copied().filter(|_| q.parts.len() > 1)).collect();
    for (block_index, block) in article.blocks.iter().enumerate() {
        // Quotations belong to the block where they end; run-on parts elsewhere stay opaque.
        let first = next_quote;
        while next_quote < quote_ends.len() && quote_ends[next_quote] <= block.span.end {
            next_quote += 1;
        }
        let owned = first..next_quote;
        let block_parts = part_walk.next_block(block.span);
        let parts: Vec<Span> = block_parts.iter().map(|(p, _)| *p).collect();
        if block.kind == BlockKind::Heading {
            for quote in &mut quotes[owned] {
                // A headline's quotation is speech or a title, never scare quotes, and is
                // never flagged: headlines do not carry attributions.
                quote.kind = quotes::classify(prose, *quote.parts.last().unwrap_or(&quote.span), block.span, true);
            }
            continue;
        }
        let given = sentences_of(block_index, block, &parts);
        let sentences: &[Sentence] = &given;
        let found_for = |part: Span| {
            let sentence = sentences.iter().find(|s| s.span.covers(part))?;
            // Items are in text order, so a binary search finds the quotation's item.
            let quote_item = sentence.items.partition_point(|i| i.span().start < part.start);
            if sentence.items.get(quote_item) != Some(&Item::Quote(part)) {
                return None;
            }
            // With no cue word, a sentence's subject still speaks what it quotes:
            // `Hannity pressed: “…”`, `The team cited “…”`, `Clinton decried “…”`.
            // The kind of an unattributed quotation, when it had to be known here, is kept
            // for the caller.
            let mut unattributed_kind = None;
            let chosen = clauses::named_introduction(prose, &sentence.items, quote_item, clauses::Placement::AfterDash)
                .or_else(|| choice::choose(prose, &sentence.items, &sentence.pairs, quote_item))
                .filter(|found| can_speak(prose, found))
                .or_else(|| {
                    let kind = quotes::classify(prose, part, sentence.span, false);
                    unattributed_kind = Some(kind);
                    (kind != QuoteKind::Title)
                        .then(|| {
                            clauses::possessor_of_speech_noun(prose, &sentence.items, quote_item)
                                .or_else(|| clauses::subject_of(prose, &sentence.items, quote_item))
                        })
                        .flatten()
                });
            if let Some(choices) = choices {
                let pairs = sentence.pairs.iter().map(|p| p.found).collect();
                choices.borrow_mut().push(SentenceChoice { quote: part, chosen, pairs });
            }
            Some((chosen, sentence.span, unattributed_kind))
        };
        for &(part, index) in block_parts {
            let is_opening = openings[index] == Some(part);
            if !is_opening {
                continue;
            }
            // A quotation that opens after its speaker's sentence and runs on:
            // `“A,” he said. “B…` + `“C.”` is his, like a second quote in one paragraph.
            let in_sentence = found_for(part).and_then(|(found, sentence, _)| Some((found?, sentence)));
            let earlier_in_paragraph = || {
                sentences
                    .iter()
                    .flat_map(|s| s.pairs.iter().map(move |p| (p.found, s.span)))
                    .filter(|(f, _)| f.cue.end <= part.start)
                    .max_by_key(|(f, _)| f.cue.end)
            };
            let introduced = introduction.filter(|_| part.start == block.span.start);
            if let Some(found) = in_sentence.or_else(earlier_in_paragraph).or(introduced) {
                opening_attribution.insert(index, found);
            }
        }
        let mut attributed_here: Vec<(usize, Found, Span, Link)> = Vec::new();
        let mut unresolved = Vec::new();
        for index in owned {
            let part = *quotes[index].parts.last().unwrap_or(&quotes[index].span);
            let Some((found, sentence, unattributed_kind)) = found_for(part) else { continue };
            let found = found
                .map(|f| (f, sentence, Link::Sentence))
                .or_else(|| opening_attribution.get(&index).map(|&(f, s)| (f, s, Link::Opening)));
            quotes[index].kind = match unattributed_kind {
                Some(kind) if found.is_none() => kind,
                _ => quotes::classify(prose, part, sentence, found.is_some()),
            };
            // A title or a term is nobody's words, whatever cue its sentence has: `Okafor said
            // on the show “Harbour Tonight” that …`.
            let names_a_work = matches!(quotes[index].kind, QuoteKind::Title | QuoteKind::Term);
            match found.filter(|_| !names_a_work) {
                Some((found, sentence, link)) => attributed_here.push((index, found, sentence, link)),
                None => unresolved.push((index, sentence)),
            }
        }
        // Digest layouts name a source apart from the quotations, once for the block: a
        // credit in brackets closing the paragraph, and a signature line after it.
        let (credit, signature) = if unresolved.is_empty() {
            (None, None)
        } else {
            let next = article.blocks.get(block_index + 1);
            (digest::bracket_credit(prose, block.span), next.and_then(|next| digest::signature_line(prose, next.span)))
        };
        // A quotation with no cue in its sentence takes the nearest attribution of its
        // paragraph: `“A,” he said. “B.”` or `“A.” “B,” she said.`
        for (index, sentence_span) in unresolved {
            if quotes[index].kind != QuoteKind::Speech {
                continue;
            }
            let at = quotes[index].span.start;
            let from_quotes = attributed_here.iter().map(|(_, f, s, _)| (*f, *s));
            let from_sentences = sentences
                .iter()
                .filter(|s| s.span != sentence_span)
                .flat_map(|s| s.pairs.iter().map(move |p| (p.found, s.span)));
            let candidates: Vec<(Found, Span)> = from_quotes.chain(from_sentences).collect();
            let nearest = candidates
                .iter()
                .filter(|(f, _)| f.cue.end <= at)
                .max_by_key(|(f, _)| f.cue.end)
                .or_else(|| candidates.iter().filter(|(f, _)| f.cue.start >= at).min_by_key(|(f, _)| f.cue.start));
            // A credit names the source outright; a signature line signs only a paragraph that
            // is all quotation (`— Lena Marsh, Harbour Post`).
            let all_quotation = is_all_quotation(sentences, sentence_span);
            let signed = signature.filter(|_| all_quotation);
            let nearest = credit
                .map(|f| (f, sentence_span, Link::Signature))
                .or_else(|| nearest.map(|&(f, s)| (f, s, Link::Paragraph)))
                .or_else(|| signed.map(|f| (f, sentence_span, Link::Signature)));
            if let Some((found, span, link)) = nearest.or(introduction.map(|(f, s)| (f, s, Link::Introduction))) {
                // `“…,” said Okafor, who chairs the committee. “…”`: the relative pronoun
                // speaks only inside its clause; a later quotation names its antecedent.
                let found =
                    if found.speaker.text(prose) == "who" { Found { speaker: found.head, ..found } } else { found };
                attributed_here.push((index, found, span, link));
            } else if let Some((found, span)) = speaker_at_paragraph_end
                .filter(|_| quotes[index].span.start == block.span.start && all_quotation)
            {
                attributed_here.push((index, found, span, Link::Continuation));
            }
        }
        let last_quote = next_quote.checked_sub(1).filter(|&i| i >= first);
        // Or the speaker of the paragraph's last sentence: `Trump was quick to add that …`
        // followed by a paragraph of his words.
        let last_sentence_speaker = || sentences.last().and_then(|s| Some((s.pairs.last()?.found, s.span)));
        speaker_at_paragraph_end = last_quote
            .and_then(|last| {
                let ends_paragraph = sentences.last().is_some_and(|s| s.span.start <= quotes[last].span.end);
                let (_, found, span, _) = attributed_here.iter().find(|(i, _, _, _)| *i == last)?;
                ends_paragraph.then_some((*found, *span))
            })
            .or_else(last_sentence_speaker);
        introduction = sentences.last().filter(|s| s.span.text(prose).ends_with(':')).and_then(|s| {
            let found =
                s.pairs.last().map(|p| p.found).or_else(|| clauses::subject_of(prose, &s.items, s.items.len()))?;
            Some((found, s.span))
        });
        for sentence in sentences {
            for pair in &sentence.pairs {
                events.push(Event {
                    at: pair.found.speaker.start,
                    quote: None,
                    found: pair.found,
                    sentence: sentence.span,
                    link: Link::Sentence,
                });
            }
        }
        for (index, found, sentence, link) in attributed_here {
            events.push(Event { at: quotes[index].span.start.max(found.speaker.start), quote: Some(index), found, sentence, link });
        }
        for quote in &mut quotes[first..next_quote] {
            quote.needs_speaker = quote.kind == QuoteKind::Speech;
        }
    }
    resolve_in_reading_order(prose, quotes, events, mentions, glossary)
}

/// A speaker is a noun phrase that can speak: never a lone adverb, conjunction or quantifier
/// (`Even`, `yet`, `First`, `More`), which a rule reading a clause may take for its subject.
pub(super) fn can_speak(prose: &str, found: &Found) -> bool {
    !lexicon::is_never_speaker(found.head.text(prose))
}

/// Whether the sentence at `span` holds nothing but quotations and punctuation: only such a
/// sentence, opening a paragraph, continues the previous paragraph's speaker. `“It was
/// chaos,” echoes Ivo Laine.` names a speaker of its own, even one no rule understood.
fn is_all_quotation(sentences: &[Sentence], span: Span) -> bool {
    sentences.iter().find(|s| s.span == span).is_none_or(|s| s.items.iter().all(|i| !matches!(i, Item::Word(_))))
}

/// The sentences of a block that is not a heading, with their items and cue–speaker pairs:
/// the costly part of attribution, and a function of the block's prose and the quotation
/// parts inside it alone (`parts` as [`PartWalk::next_block`] gives them).
pub(crate) fn block_sentences(prose: &str, block: Span, parts: &[Span]) -> Vec<Sentence> {
    sentences::split(prose, block, parts).into_iter().map(|span| Sentence::new(prose, span, parts)).collect()
}

/// Every quotation part with its quotation, in text order, walked once alongside the blocks.
pub(crate) struct PartWalk {
    parts: Vec<(Span, usize)>,
    next: usize,
}

impl PartWalk {
    pub(crate) fn new(quotes: &[Quote]) -> PartWalk {
        let parts = quotes.iter().enumerate().flat_map(|(i, q)| q.parts.iter().map(move |p| (*p, i))).collect();
        PartWalk { parts, next: 0 }
    }

    /// The parts inside `block`, each with the index of its quotation; blocks are visited
    /// in reading order.
    pub(crate) fn next_block(&mut self, block: Span) -> &[(Span, usize)] {
        while self.next < self.parts.len() && self.parts[self.next].0.start < block.start {
            self.next += 1;
        }
        let first = self.next;
        while self.next < self.parts.len() && self.parts[self.next].0.end <= block.end {
            self.next += 1;
        }
        &self.parts[first..self.next]
    }
}

/// One sentence with its items and cue–speaker pairs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sentence {
    span: Span,
    items: Vec<Item>,
    pairs: Vec<cues::Pair>,
}

impl Sentence {
    fn new(prose: &str, span: Span, parts: &[Span]) -> Sentence {
        let inside = parts_overlapping(parts, span);
        // Most narrative sentences hold neither a quotation nor any cue: one automaton pass
        // tells, and spares them the tokenizer and the pair rules, which would find nothing.
        let text = span.text(prose);
        if inside.is_empty() && !text.trim_end().ends_with(':') && !lexicon::may_hold_cue(text) {
            return Sentence { span, items: Vec::new(), pairs: Vec::new() };
        }
        let tokens = tokenize_outside(prose, span, inside);
        let items = phrases::items(&tokens, inside);
        let pairs = cues::pairs(prose, &items);
        Sentence { span, items, pairs }
    }
}

/// The parts that overlap `span`, in order. Parts are in text order and apart (quotations
/// never overlap), so those are one run of them.
fn parts_overlapping(parts: &[Span], span: Span) -> &[Span] {
    let Some(first) = parts.iter().position(|p| span.overlaps(*p)) else { return &[] };
    let run = parts[first..].iter().take_while(|p| span.overlaps(**p)).count();
    &parts[first..first + run]
}

/// How far back a speaker's name is looked for to tell a first mention from a later one:
/// the whole of any news article, and a bound that keeps the cost linear in a long document.
const FIRST_MENTION_WINDOW: usize = 32 * 1024;

/// `Warren, who has not endorsed a candidate, said`: a who-clause before the cue introduces
/// a speaker readers meet for the first time; for one the article has already named it is
/// an aside, and the speaker is the name alone (as PolNeAR marks it: 32 of 37 first
/// mentions keep the clause on train, 21 of 27 later mentions drop it).
fn without_known_who_clause(prose: &str, found: &Found) -> Span {
    let speaker = found.speaker.text(prose);
    let before_cue = found.speaker.end <= found.cue.start;
    // A plain byte search: `str::find` sets up a two-way searcher for every speaker.
    let Some(comma) = speaker.as_bytes().windows(5).position(|w| w == b", who") else { return found.speaker };
    let name = found.head.text(prose);
    if !before_cue || found.head.start != found.speaker.start || &speaker[..comma] != name {
        return found.speaker;
    }
    let surname = name.rsplit(' ').next().unwrap_or(name);
    let mut window_start = found.speaker.start.saturating_sub(FIRST_MENTION_WINDOW);
    while !prose.is_char_boundary(window_start) {
        window_start += 1;
    }
    if prose[window_start..found.speaker.start].contains(surname) { found.head } else { found.speaker }
}

/// `Clinton’s response was “…”`: whose words they are is the speaker, as PolNeAR marks it
/// (`Clinton’s`), when the phrase names the words themselves.
fn possessor_of_words(prose: &str, speaker: Span) -> Span {
    let text = speaker.text(prose);
    // Speakers are a few words long: a byte loop beats `rfind`'s memrchr set-up.
    let Some(last_space) = text.bytes().rposition(|b| b == b' ') else { return speaker };
    if !lexicon::is_speech_noun(&text[last_space + 1..]) {
        return speaker;
    }
    let possessive =
        text[..last_space].rfind(['’', '\'']).filter(|&i| text[i..].starts_with("’s ") || text[i..].starts_with("'s "));
    match possessive {
        Some(mark) => Span::new(speaker.start, speaker.start + mark + text[mark..].find(' ').unwrap_or(0)),
        None => speaker,
    }
}

/// A speaker to resolve: a quotation's attribution, or an attribution without a quotation
/// that still makes its speaker the latest to have spoken.
struct Event {
    at: usize,
    quote: Option<usize>,
    found: Found,
    sentence: Span,
    /// How the quotation reached the attribution's sentence.
    link: Link,
}

fn resolve_in_reading_order(
    prose: &str,
    mut quotes: Vec<Quote>,
    mut events: Vec<Event>,
    mentions: &[Mention],
    glossary: &GlossaryIndex,
) -> Attributed {
    // Quotation events come after the bare pair with the same speaker, which they replace.
    events.sort_by_key(|e| (e.at, e.quote.is_some()));
    // `Clinton’s response`: the possessor is whom the words resolve to.
    for event in &mut events {
        event.found.head = possessor_of_words(prose, event.found.head);
    }
    // Every attribution is known before any is resolved, so that a quotation is never
    // reported as unattributed while its speaker, later in the sentence, is still to come.
    for event in &events {
        if let Some(index) = event.quote {
            let found = event.found;
            quotes[index].attribution = Some(Attribution {
                speaker: possessor_of_words(prose, without_known_who_clause(prose, &found)),
                head: found.head,
                form: found.form,
                cue: found.cue,
                rule: found.rule,
                link: event.link,
                resolved: None,
            });
        }
    }
    let mut resolver = resolve::Resolver::new(prose, mentions, glossary);
    let mut resolved_pairs: FxHashMap<(usize, usize), Option<resolve::SpokeId>> =
        FxHashMap::with_capacity_and_hasher(events.len(), Default::default());
    let mut next_unattributed = 0;
    let mut diagnostics = Vec::new();
    for event in &events {
        flag_unattributed(&mut quotes, &mut next_unattributed, event.at, &resolver, &mut diagnostics);
        // `Asked whether Trump, who has called warming a hoax, could win, Ban demurred.`: a
        // speaker inside a relative clause, quoting nothing, is background to the sentence
        // and does not become the one a later `he said` continues.
        if event.quote.is_none() && event.found.rule == Rule::RelativePronoun {
            continue;
        }
        // `Yet he tweeted`, read as the speaker `yet`: a word that cannot speak is no one to
        // continue, whether or not it quoted anything.
        if event.quote.is_none() && !can_speak(prose, &event.found) {
            continue;
        }
        let key = (event.found.speaker.start, event.found.cue.start);
        let resolved = *resolved_pairs.entry(key).or_insert_with(|| resolver.resolve(&event.found, event.sentence));
        let Some(index) = event.quote else { continue };
        if event.link == Link::Continuation && resolver.is_ambiguous(event.found.head) {
            // Readers cannot tell who goes on speaking: the paragraph needs its own attribution.
            quotes[index].attribution = None;
        } else if let Some(attribution) = quotes[index].attribution.as_mut() {
            attribution.resolved = resolved.map(|id| resolver.resolved(id));
        }
    }
    flag_unattributed(&mut quotes, &mut next_unattributed, usize::MAX, &resolver, &mut diagnostics);
    for quote in quotes.iter_mut().filter(|q| !q.nested.is_empty()) {
        quote.inner = nested::inner_quotes(prose, quote);
    }
    diagnostics.append(&mut resolver.diagnostics);
    report_unknown_speakers(&quotes, &resolver.unknown_speakers, &mut diagnostics);
    report_unresolved_pronouns(&quotes, &resolver.unresolved_pronouns, &mut diagnostics);
    Attributed { quotes, diagnostics }
}

/// `unresolved-pronoun` where a `he` or `she` no one named before can be speaks a quotation.
fn report_unresolved_pronouns(quotes: &[Quote], unresolved: &[Span], diagnostics: &mut Vec<Diagnostic>) {
    let quoted: rustc_hash::FxHashSet<usize> =
        quotes.iter().filter_map(|q| q.attribution.as_ref()).map(|a| a.head.start).collect();
    for &pronoun in unresolved.iter().filter(|p| quoted.contains(&p.start)) {
        diagnostics.push(Diagnostic::new(
            Code::UnresolvedPronoun,
            pronoun,
            "No one named before this pronoun can be its speaker; name the speaker here.",
        ));
    }
}

/// `unknown-speaker`, once per name, at the first place the name speaks a quotation: a
/// speaker named only in a sentence with no quotation is not reported.
fn report_unknown_speakers(quotes: &[Quote], unknown: &[(Span, String)], diagnostics: &mut Vec<Diagnostic>) {
    let quoted: rustc_hash::FxHashSet<usize> =
        quotes.iter().filter_map(|q| q.attribution.as_ref()).map(|a| a.head.start).collect();
    let mut reported: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (head, name) in unknown {
        if quoted.contains(&head.start) && reported.insert(name) {
            diagnostics.push(Diagnostic::new(
                Code::UnknownSpeaker,
                *head,
                format!("{name} is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."),
            ));
        }
    }
}

/// Reports the speech quotations before `until` that have no speaker.
fn flag_unattributed(
    quotes: &mut [Quote],
    next: &mut usize,
    until: usize,
    resolver: &resolve::Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) {
    while *next < quotes.len() && quotes[*next].span.start < until {
        let quote = &mut quotes[*next];
        *next += 1;
        if quote.attribution.is_some() || !quote.needs_speaker {
            continue;
        }
        quote.likely_speaker = resolver.assumed_speaker(quote.span.start);
        let message = match &quote.likely_speaker {
            Some(s) => format!(
                "This quotation has no speaker in its sentence or paragraph; readers will assume {} said it.",
                s.name
            ),
            None => "This quotation has no speaker in its sentence or paragraph.".to_string(),
        };
        diagnostics.push(Diagnostic::new(Code::UnattributedQuote, quote.span, message));
    }
}

#[cfg(test)]
mod tests;
