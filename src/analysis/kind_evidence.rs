//! What a name the glossary lacks stands for, read from the article: the entity kind and,
//! for a person, the pronoun the article uses. For the add-to-glossary fix, which wrote every
//! speaker as a person (issue 14: a country, a ministry, a newspaper are not persons).
//!
//! Each piece of evidence adds to one kind's score:
//! - the name itself: its head noun (`Ministry of Health`, `Lowther Times`, `Harbour City`,
//!   `Pell & Marsh Ltd`), a country (`Pakistan`), an acronym (`IRCC`, weakly), a title
//!   (`Mr. Okoro`), or two or three plain capitalised words (`Marta Quill`, weakly);
//! - around each place the article writes the name (or, for a person's name, the surname
//!   alone): a title or honorific before it (`Mayor`, `Ms.`), a description before it (`the
//!   newspaper`, `teacher`), an appositive after it (`, the town's weekly newspaper,`, `, a
//!   cleaner at the court,`), an age (`Quill, 52,`), `who` or `which` after it, a place
//!   preposition before it (`in Lowther`), a possessive (`Pakistan’s government`, `Quill’s
//!   husband`), and `he` or `she` later in its sentence (`Quill said she …`);
//! - the article's attributions: a pronoun speaker (`she said`) or a description (`the
//!   ministry said`) resolved to the same name.
//!
//! The kind with the highest score is proposed; a tie with person, or no evidence at all,
//! proposes person, the glossary's default. A pronoun is proposed for a person only when the
//! article uses `he` or `she` for them and never the other. Word lists are in `lexicon.rs`.

use super::quotes::SpeakerForm;
use super::words::{Token, is_capitalised, strip_possessive, tokenize};
use super::{Analysis, EntityKind, Pronoun, Span, lexicon};

/// What the add-to-glossary fix writes for a name besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub kind: EntityKind,
    /// `he` or `she`, when the article uses it for the person.
    pub pronouns: Option<Pronoun>,
}

/// Evidence that settles a kind on its own: the name's own head noun, a country, a title or
/// honorific, an age, a description in apposition (`, a cleaner at the court`, `, the
/// utility`, `is a village`), `he` or `she` said of the name in its sentence.
const DECISIVE: u32 = 3;
/// A description before the name (`the newspaper Lowther Times`, `cleaner Marta Quill`),
/// `NAME, which`, a pronoun or a description speaker resolved to it.
const STRONG: u32 = 2;
/// `in NAME`, `NAME, who`, a first-and-last-name shape, an acronym.
const WEAK: u32 = 1;
/// At most this much of a score from places and possessions around the name, which a
/// person's name also gets now and then (`in Whitfield’s view` is no place, but `in Okafor`
/// may be a quotation's `in Okafor we trust`).
const PLACE_CUES_AT_MOST: u32 = 2;
/// How many places in the article are read for each spelling of the name.
const OCCURRENCES: usize = 64;
/// How far around a name its context is read, in bytes.
const CONTEXT: usize = 240;
/// How many words after a name `he` or `she` may come and still be about it.
const PRONOUN_REACH: usize = 8;
/// How many words an appositive may hold before its head noun ends.
const APPOSITIVE_WORDS: usize = 6;

/// The kinds a name may be proposed as, in the order a tie between them is settled (person,
/// the glossary's default, first).
const KINDS: [EntityKind; 5] =
    [EntityKind::Person, EntityKind::Publication, EntityKind::Organization, EntityKind::Place, EntityKind::Document];

#[derive(Debug, Default)]
struct Evidence {
    scores: [u32; KINDS.len()],
    place_cues: u32,
    he: u32,
    she: u32,
}

impl Evidence {
    fn add(&mut self, kind: EntityKind, weight: u32) {
        if let Some(slot) = KINDS.iter().position(|&k| k == kind) {
            self.scores[slot] += weight;
        }
    }

    fn place_cue(&mut self) {
        if self.place_cues < PLACE_CUES_AT_MOST {
            self.place_cues += 1;
            self.add(EntityKind::Place, WEAK);
        }
    }

    fn pronoun(&mut self, pronoun: Pronoun, weight: u32) {
        match pronoun {
            Pronoun::He => self.he += 1,
            Pronoun::She => self.she += 1,
            Pronoun::They | Pronoun::It => return,
        }
        self.add(EntityKind::Person, weight);
    }

    fn proposal(&self) -> Proposal {
        let best = self.scores.iter().copied().max().unwrap_or(0);
        let kind =
            KINDS.iter().zip(self.scores).find(|&(_, score)| score == best).map_or(EntityKind::Person, |(&k, _)| k);
        let pronouns = match (kind, self.he, self.she) {
            (EntityKind::Person, he, 0) if he > 0 => Some(Pronoun::He),
            (EntityKind::Person, 0, she) if she > 0 => Some(Pronoun::She),
            _ => None,
        };
        Proposal { kind, pronouns }
    }
}

/// The kind and pronouns to propose for `name` (as the article writes it, as an
/// `unknown-speaker` diagnostic underlines it), from the article's prose (its prose mask or
/// its text) and its analysis.
pub fn propose(prose: &str, analysis: &Analysis, name: &str) -> Proposal {
    let mut evidence = Evidence::default();
    let all_words: Vec<&str> = name.split_whitespace().collect();
    let opens_with_the = all_words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let mut words = &all_words[usize::from(opens_with_the)..];
    let Some(&last) = words.last() else { return evidence.proposal() };
    let named_kind = name_kind(words);
    // `Mr. Okoro`, `Mayor Dana Whitfield`: a title before a name that names no body.
    if named_kind.is_none() {
        while words.len() > 1 && is_title(words[0]) {
            evidence.add(EntityKind::Person, DECISIVE);
            if let Some(pronoun) = lexicon::honorific_pronoun(words[0]) {
                evidence.pronoun(pronoun, 0);
            }
            words = &words[1..];
        }
    }
    let proper = join_as_written(name, words);
    let proper = proper.strip_suffix("’s").or(proper.strip_suffix("'s")).unwrap_or(proper);
    match named_kind {
        Some(kind) => evidence.add(kind, DECISIVE),
        None if lexicon::is_country(proper) => evidence.add(EntityKind::Place, DECISIVE),
        None if words.len() == 1 && is_acronym(proper) => evidence.add(EntityKind::Organization, WEAK),
        None if (2..=3).contains(&words.len()) && words.iter().all(|w| is_plain_name_word(w)) => {
            evidence.add(EntityKind::Person, WEAK)
        }
        None => {}
    }
    if lexicon::is_organization_name_word(last.trim_end_matches(['.', ','])) && named_kind.is_none() {
        evidence.add(EntityKind::Organization, DECISIVE);
    }

    let full = occurrences(prose, proper);
    for &at in &full {
        read_context(prose, at, words.len() == 1, &mut evidence);
    }
    read_attributions(prose, analysis, name, &mut evidence);
    // A person is written by surname after the first reference: `Quill said she …`, and
    // `Church` of `Ada Church, 61,` too once the rest says she is a person. A surname after
    // another capitalised word is someone else's (`Ted Quill`).
    let surname = (words.len() > 1 && evidence.proposal().kind == EntityKind::Person)
        .then(|| strip_possessive(words[words.len() - 1]))
        .filter(|surname| is_capitalised(surname));
    if let Some(surname) = surname {
        for at in occurrences(prose, surname) {
            let inside_full = full.iter().any(|f| f.covers(at));
            let after_other_name = previous_tokens(prose, at.start)
                .last()
                .is_some_and(|t| t.is_word() && is_capitalised(t.text(prose)) && !is_title(t.text(prose)));
            if !inside_full && !after_other_name {
                read_context(prose, at, false, &mut evidence);
            }
        }
    }
    evidence.proposal()
}

/// The kind the name's own words give: its head noun, the last word before a lower-case
/// joiner (`Ministry` of `Ministry of Health`, `Times` of `Lowther Times`).
fn name_kind(words: &[&str]) -> Option<EntityKind> {
    let head = words.iter().take_while(|w| is_capitalised(w)).last()?;
    let head = strip_possessive(head.trim_end_matches(['.', ',']));
    if lexicon::is_publication_noun(head) || lexicon::is_publication_name_word(head) {
        Some(EntityKind::Publication)
    } else if lexicon::is_organization_noun(head) || lexicon::is_organization_name_word(head) {
        Some(EntityKind::Organization)
    } else if lexicon::is_place_noun(head) {
        Some(EntityKind::Place)
    } else if words.len() > 1 && lexicon::is_document_noun(head) {
        Some(EntityKind::Document)
    } else {
        None
    }
}

/// The kind a lower-case description noun gives: `newspaper`, `ministry`, `town`, `cleaner`.
fn described_kind(noun: &str) -> Option<EntityKind> {
    let noun = strip_possessive(noun);
    if noun.is_empty() || is_capitalised(noun) {
        return None;
    }
    if lexicon::is_publication_noun(noun) {
        Some(EntityKind::Publication)
    } else if lexicon::is_organization_noun(noun) || lexicon::is_organization_name_word(noun) {
        Some(EntityKind::Organization)
    } else if lexicon::is_place_noun(noun) {
        Some(EntityKind::Place)
    } else if lexicon::is_person_description_noun(noun) || is_title(&capitalise(noun)) {
        Some(EntityKind::Person)
    } else if lexicon::is_document_noun(noun) {
        Some(EntityKind::Document)
    } else {
        None
    }
}

/// Evidence around one place the name is written.
fn read_context(prose: &str, at: Span, single_word: bool, evidence: &mut Evidence) {
    let before = previous_tokens(prose, at.start);
    let word = |i: usize| before.len().checked_sub(i).map(|i| before[i]).filter(|t| t.is_word()).map(|t| t.text(prose));
    if let Some(previous) = word(1) {
        if is_title(previous) {
            evidence.add(EntityKind::Person, DECISIVE);
            if let Some(pronoun) = lexicon::honorific_pronoun(previous) {
                evidence.pronoun(pronoun, 0);
            }
        } else if lexicon::is_place_cue_preposition(previous) {
            evidence.place_cue();
        } else if previous == "of" && word(2).is_some_and(|noun| described_kind(noun) == Some(EntityKind::Place)) {
            // `the town of Lowther`.
            evidence.add(EntityKind::Place, STRONG);
        } else if let Some(kind) = described_kind(previous) {
            // `the newspaper Lowther Times`, `cleaner Marta Quill`.
            evidence.add(kind, STRONG);
        } else if single_word
            && is_capitalised(previous)
            && !lexicon::is_stop_word(previous)
            && !lexicon::is_determiner(previous)
            && !lexicon::is_sentence_opener(previous)
        {
            // `Lena Brandt` where the article's speaker is `Brandt`.
            evidence.add(EntityKind::Person, WEAK);
        }
    }

    let after = following_tokens(prose, at.end);
    let text = |i: usize| after.get(i).map_or("", |t| t.text(prose));
    // `Pakistan’s government`, `Quill’s husband`: the possessive is part of the word.
    let possessed = prose.get(at.end..).is_some_and(|rest| rest.starts_with("’s") || rest.starts_with("'s"));
    if possessed {
        let noun_from = at.end + if prose[at.end..].starts_with('\'') { 2 } else { "’s".len() };
        let noun = after.iter().find(|t| t.is_word() && t.span.start >= noun_from).map_or("", |t| t.text(prose));
        if lexicon::is_place_possession(noun) {
            evidence.place_cue();
        } else if lexicon::is_kin_noun(noun) {
            evidence.add(EntityKind::Person, STRONG);
        }
        return;
    }
    let mut next = 0;
    if text(0) == "," || text(0) == "(" {
        // `Quill, 52,` and `Quill (52)`.
        if is_age(text(1)) && matches!(text(2), "," | ")" | "." | ";") {
            evidence.add(EntityKind::Person, DECISIVE);
            next = if text(2) == "," { 3 } else { 2 };
        } else if text(0) == "," {
            next = 1;
        }
    }
    if next > 0 {
        match text(next).to_ascii_lowercase().as_str() {
            "who" => evidence.add(EntityKind::Person, WEAK),
            // A person is never `which`: more than a name's shape says.
            "which" => evidence.add(EntityKind::Organization, STRONG),
            "a" | "an" | "the" => appositive(prose, &after[next + 1..], evidence),
            // `Priya Raman, chair of the lido trust,`.
            _ if after.get(next).is_some_and(|t| t.is_word()) && !is_capitalised(text(next)) => {
                appositive(prose, &after[next..], evidence)
            }
            _ => {}
        }
    } else if matches!(text(0), "is" | "was") && matches!(text(1), "a" | "an" | "the") {
        // `Lowther is a town in the north`.
        appositive(prose, &after[2..], evidence);
    }
    pronoun_after(prose, &after, evidence);
}

/// `, the town’s weekly newspaper,`, `, a 52-year-old cleaner at the court,`, `, chair of
/// the lido trust,` and ` is a town in the north`: the head noun of a description after the
/// name, the last word before punctuation, a joiner or a name (`the club Quill founded`).
fn appositive(prose: &str, tokens: &[Token], evidence: &mut Evidence) {
    let mut words: Vec<&str> = Vec::new();
    for token in tokens.iter().take_while(|t| t.is_word()).take(APPOSITIVE_WORDS) {
        let word = token.text(prose);
        let name_after_description = is_capitalised(word) && words.last().is_some_and(|w| !is_capitalised(w));
        if lexicon::is_stop_word(word) || lexicon::is_phrase_connector_in_any_case(word) || name_after_description {
            break;
        }
        words.push(word);
    }
    if words.iter().any(|w| w.ends_with("-year-old")) {
        evidence.add(EntityKind::Person, DECISIVE);
    } else if let Some(kind) = words.last().and_then(|head| described_kind(head)) {
        evidence.add(kind, DECISIVE);
    }
}

/// `Quill said she would appeal`: the first `he` or `she` in the name's sentence after it,
/// with no other name, no quotation and no other pronoun between them.
fn pronoun_after(prose: &str, after: &[Token], evidence: &mut Evidence) {
    let mut words = 0;
    for token in after {
        let text = token.text(prose);
        if !token.is_word() {
            if matches!(text, "." | "!" | "?" | ";" | ":" | "“" | "”" | "\"" | "(" | "‘") {
                return;
            }
            continue;
        }
        words += 1;
        if words > PRONOUN_REACH || is_capitalised(text) || lexicon::opens_relative_clause(text) && text != "who" {
            return;
        }
        if let Some(pronoun) = Pronoun::parse(text) {
            evidence.pronoun(pronoun, DECISIVE);
            return;
        }
    }
}

/// Attributions to the same speaker as the one written `name`: pronouns (`she said`) and
/// descriptions (`the ministry said`) that resolution gave that speaker.
fn read_attributions(prose: &str, analysis: &Analysis, name: &str, evidence: &mut Evidence) {
    let attributions = || analysis.quotes.iter().filter_map(|q| q.attribution.as_ref());
    let Some(speaker) = attributions()
        .find(|a| a.head.text(prose).trim() == name && a.resolved.as_ref().is_some_and(|r| r.entity.is_none()))
        .and_then(|a| a.resolved.as_ref())
    else {
        return;
    };
    for attribution in attributions() {
        let Some(resolved) = &attribution.resolved else { continue };
        if resolved.entity.is_some() || resolved.name != speaker.name {
            continue;
        }
        let head = attribution.head.text(prose);
        match attribution.form {
            SpeakerForm::Pronoun => {
                if let Some(pronoun) = Pronoun::parse(head) {
                    evidence.pronoun(pronoun, STRONG);
                }
            }
            SpeakerForm::Description => {
                if let Some(kind) = head.split_whitespace().last().and_then(described_kind) {
                    evidence.add(kind, STRONG);
                }
            }
            SpeakerForm::Name | SpeakerForm::Document => {}
        }
    }
}

/// Where `name` is written in `prose` as whole words, the first [`OCCURRENCES`].
fn occurrences(prose: &str, name: &str) -> Vec<Span> {
    if name.is_empty() {
        return Vec::new();
    }
    let joins_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    prose
        .match_indices(name)
        .map(|(start, _)| Span::new(start, start + name.len()))
        .filter(|at| !joins_word(prose[..at.start].chars().next_back()) && !joins_word(prose[at.end..].chars().next()))
        .take(OCCURRENCES)
        .collect()
}

/// The tokens before `at` in its paragraph, at most [`CONTEXT`] bytes back.
fn previous_tokens(prose: &str, at: usize) -> Vec<Token> {
    let mut start = at.saturating_sub(CONTEXT);
    while !prose.is_char_boundary(start) {
        start += 1;
    }
    let start = prose[start..at].rfind('\n').map_or(start, |line| start + line + 1);
    tokenize(prose, Span::new(start, at))
}

/// The tokens after `at` in its paragraph, at most [`CONTEXT`] bytes on.
fn following_tokens(prose: &str, at: usize) -> Vec<Token> {
    let mut end = (at + CONTEXT).min(prose.len());
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    let end = prose[at..end].find('\n').map_or(end, |line| at + line);
    tokenize(prose, Span::new(at, end))
}

/// `name`'s text from `words[0]` to its last word, as written (`Pell & Marsh Ltd`).
fn join_as_written<'a>(name: &'a str, words: &[&str]) -> &'a str {
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return "" };
    let start = first.as_ptr() as usize - name.as_ptr() as usize;
    let end = last.as_ptr() as usize - name.as_ptr() as usize + last.len();
    name.get(start..end).unwrap_or("")
}

/// A title or honorific before a name: `Mayor`, `Dr.`, `Ms`.
fn is_title(word: &str) -> bool {
    lexicon::is_title_word(word)
        || lexicon::is_title_word(&format!("{word}."))
        || lexicon::honorific_pronoun(word).is_some() && is_capitalised(word)
}

/// `52`: an age after a name.
fn is_age(text: &str) -> bool {
    (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// `IRCC`: two to eight capital letters.
fn is_acronym(word: &str) -> bool {
    (2..=8).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// A word of a person's name: capitalised letters (`Quill`, `O’Brien`, `Okafor-Ndiaye`) or an
/// initial (`K.`).
fn is_plain_name_word(word: &str) -> bool {
    let word = strip_possessive(word);
    if let Some(initial) = word.strip_suffix('.') {
        return initial.chars().count() == 1 && is_capitalised(initial);
    }
    is_capitalised(word)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && word.chars().any(char::is_lowercase)
        && !lexicon::is_country(word)
}

/// `mayor` → `Mayor`, to look a lower-case word up among the titles.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Format, GlossaryIndex, analyze};

    /// Analyses `text` (Markdown) with no glossary and proposes an entry for each name an
    /// `unknown-speaker` diagnostic underlines, one line each: `NAME → kind` or
    /// `NAME → kind, pronoun`.
    fn check(text: &str, expect: &str) {
        let (index, _) = GlossaryIndex::build(Vec::new());
        let (article, analysis) = analyze(text, Format::Markdown, &index);
        let got: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownSpeaker)
            .map(|d| {
                let name = d.span.text(text).trim();
                let proposal = propose(&article.prose, &analysis, name);
                match proposal.pronouns {
                    Some(pronoun) => format!("{name} → {}, {}", proposal.kind.as_str(), pronoun.as_str()),
                    None => format!("{name} → {}", proposal.kind.as_str()),
                }
            })
            .collect();
        assert_eq!(got.join("\n"), expect.trim(), "for {text:?}");
    }

    #[test]
    fn a_ministry_is_an_organisation_and_a_woman_said_she() {
        check(
            r#"Cleaner wins case against prison
“Prisoners will be moved by Friday,” the Ministry of Justice said on Monday.

“I was never told,” said Marta Quill, 52, a cleaner at the court. Quill said she would appeal.
"#,
            r#"
the Ministry of Justice → organization
Marta Quill → person, she
"#,
        );
    }

    #[test]
    fn a_newspaper_is_a_publication_by_its_name_or_its_description() {
        check(
            r#"Council row
“The council misled us,” the Lowther Times reported.

“Read it twice,” said Kessock Voice, the town’s weekly newspaper.
"#,
            r#"
the Lowther Times → publication
Kessock Voice → publication
"#,
        );
    }

    #[test]
    fn clubs_banks_and_acronyms_are_organisations() {
        check(
            r#"Club banned
“We will appeal the ban,” Harbour United said.

“Rates will rise,” said Harbour Savings Bank.

“Fares will rise,” said the HTA.

“We knew nothing,” said Ashgrove Rowers, which runs the boathouse.

“The pipes are fine,” said Harbour Water, the utility that serves the town.
"#,
            r#"
Harbour United → organization
Harbour Savings Bank → organization
the HTA → organization
Ashgrove Rowers → organization
Harbour Water → organization
"#,
        );
    }

    #[test]
    fn countries_and_places_the_article_is_in_are_places() {
        check(
            r#"Border talks
“The border stays open,” Norway said in a statement.

Flooding hit homes in Kessock on Sunday, and the river rose across Kessock overnight.

“We will rebuild,” Kessock said.

“Nothing to add,” said Brora. Brora is a village on the coast.
"#,
            r#"
Norway → place
Kessock → place
Brora → place
"#,
        );
    }

    #[test]
    fn titles_honorifics_and_ages_make_a_person() {
        check(
            r#"Court case
“Never,” said Mr. Okoro. “Not while I live,” he added.

“We lost,” said Ada Church, 61. Church said she had the votes.

Lena Brandt runs the bakery on the quay. “We are finished,” Brandt said.

“Guilty,” said Jordan. Jordan said he would resign.

“We were never consulted,” said Tomas Bank, chair of the lido trust.
"#,
            r#"
Mr. Okoro → person, he
Ada Church → person, she
Brandt → person
Jordan → person, he
Tomas Bank → person
"#,
        );
    }

    #[test]
    fn a_pronoun_is_proposed_only_when_the_article_keeps_to_one() {
        check(
            r#"Club coach
“We train on Sundays,” said Sam Reyes. Reyes said she would stay, and later Reyes said he would go.

“Ask the board,” said Tomas Hale. Hale told Ada Ferris she was wrong.
"#,
            r#"
Sam Reyes → person
Tomas Hale → person
"#,
        );
    }

    #[test]
    fn a_pronoun_speaker_resolved_to_the_name_gives_its_pronoun() {
        check(
            r#"Court case
“The verdict is wrong,” said Ines Marlow.

“We will go to the appeal court,” she said.
"#,
            r#"
Ines Marlow → person, she
"#,
        );
    }

    #[test]
    fn no_evidence_proposes_the_glossary_default() {
        check(
            r#"Council
“Enough,” said Quillon.
"#,
            r#"
Quillon → person
"#,
        );
    }

    #[test]
    fn any_text_and_any_name_give_a_proposal() {
        let (index, _) = GlossaryIndex::build(Vec::new());
        let text = "“é,” said É’s. in É, Q (5) ’s “x” , the ";
        let (article, analysis) = analyze(text, Format::Markdown, &index);
        for name in ["", " ", "the", "É’s", "’s", "Q (5)", "the the", text] {
            let _ = propose(&article.prose, &analysis, name);
        }
        for cut in 0..=text.len() {
            if let (Some(before), Some(after)) = (text.get(..cut), text.get(cut..)) {
                let _ = propose(before, &analysis, after);
                let _ = propose(after, &analysis, before);
            }
        }
    }
}
