//! Choosing, among a sentence's cue–speaker pairs, the one that attributes a quotation:
//! the pair right after it, else the nearest strong one before it, else one after it, with
//! the clause rules that override that order (a pronoun that stands for an earlier name, a
//! fronted subordinate clause).

use super::clauses::subject;
use super::cues::{Found, Pair, form_of, word_at};
use super::phrases::Item;
use super::rule::Rule;
use crate::analysis::lexicon;
use crate::analysis::quotes::SpeakerForm;

/// Picks the pair that attributes the quotation at `quote_item`: the one right after it
/// (`“…,” he said`), else the nearest before it, else the nearest after it.
pub fn choose(prose: &str, items: &[Item], pairs: &[Pair], quote_item: usize) -> Option<Found> {
    let adjacent_after = pairs.iter().find(|p| {
        p.first_item > quote_item
            && items[quote_item + 1..p.first_item].iter().all(|i| matches!(i, Item::Punct(_, ',' | '—' | '–' | '-')))
    });
    // `Feinstein said “…,” she said.`: a pronoun repeating the cue of a name that opens the
    // clause is that name, and the name is the speaker as written.
    let repeated = adjacent_after.filter(|p| p.found.form == SpeakerForm::Pronoun).and_then(|after| {
        pairs.iter().find(|p| {
            (p.first_item == 0 || matches!(items[p.first_item - 1], Item::Punct(_, ',')))
                && p.cue_item < quote_item
                && p.found.form == SpeakerForm::Name
                && !lexicon::is_weak_cue(p.found.cue.text(prose))
                && p.found.cue.text(prose) == after.found.cue.text(prose)
        })
    });
    if let Some(named) = repeated {
        return Some(named.found);
    }
    // `After Patrick asked about it, the Okafors became “agitated”`: a cue inside a fronted
    // subordinate clause speaks for that clause only.
    let clause_end = fronted_clause_end(prose, items).filter(|&end| end < quote_item);
    let in_other_clause = |p: &Pair| clause_end.is_some_and(|end| p.cue_item < end);
    let chosen = adjacent_after
        .or_else(|| {
            // A weak cue that continues a strong one's speaker (`said, adding`) is as strong.
            let weak = |p: &Pair| lexicon::is_weak_cue(p.found.cue.text(prose));
            let strong = |p: &&Pair| {
                !weak(p)
                    || pairs.iter().any(|q| q.cue_item < p.cue_item && q.found.speaker == p.found.speaker && !weak(q))
            };
            let before = || pairs.iter().rev().filter(|p| p.cue_item < quote_item && !in_other_clause(p));
            before().find(strong).or_else(|| before().next())
        })
        .or_else(|| pairs.iter().find(|p| p.cue_item > quote_item))?;
    // `Trump hailed the vote, telling reporters that he thinks it “a great thing”`, `She
    // said she recalls …`: a pronoun inside the report of an earlier speaker in the sentence
    // is that speaker.
    let introduces_quote = chosen.cue_item < quote_item
        && (chosen.cue_item + 1..quote_item)
            .all(|i| matches!(items[i], Item::Punct(_, ',' | ':')) || items[i].word(prose) == Some("that"));
    // `…, whom she described as “peaceful”`, `although he wrote that he “…”`: a pronoun that
    // opens a relative or concessive clause is that clause's own subject, not a report of
    // the earlier speaker. (`when he said` is left out: PolNeAR's annotators go both ways.)
    let opens_own_clause =
        chosen.first_item > 0 && word_at(prose, items, chosen.first_item - 1).is_some_and(lexicon::opens_own_clause);
    if chosen.found.form == SpeakerForm::Pronoun && adjacent_after.is_none() && !introduces_quote && !opens_own_clause {
        // `Cost estimates, he added, were …`: a capitalised word before a weak cue is no name.
        let named = pairs.iter().find(|p| {
            p.first_item < chosen.first_item
                && !in_other_clause(p)
                && p.found.form != SpeakerForm::Document
                && !lexicon::is_weak_cue(p.found.cue.text(prose))
        });
        if let Some(named) = named {
            return Some(named.found);
        }
        // `Limbaugh discussed what he described as the “brilliant” decision`: the pronoun of
        // a `what` clause is the subject of the sentence, when a name.
        let in_what_clause = chosen.first_item > 0 && word_at(prose, items, chosen.first_item - 1) == Some("what");
        if in_what_clause
            && let Some((_, subject)) = subject(prose, items, chosen.first_item - 1)
            && form_of(prose, subject) == SpeakerForm::Name
        {
            return Some(Found {
                speaker: subject,
                head: subject,
                form: SpeakerForm::Name,
                rule: Rule::WhatClauseSubject,
                ..chosen.found
            });
        }
    }
    Some(chosen.found)
}

/// The comma that closes a subordinate clause opening the sentence (`After Patrick asked
/// about it,`, `When Okafor spoke,`), if the sentence opens with one.
fn fronted_clause_end(prose: &str, items: &[Item]) -> Option<usize> {
    let opener = word_at(prose, items, 0)?;
    if !lexicon::is_clause_subordinator(opener) {
        return None;
    }
    items.iter().take(30).position(|i| matches!(i, Item::Punct(_, ',')))
}
