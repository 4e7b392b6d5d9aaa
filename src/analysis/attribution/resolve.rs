//! Whom a speaker mention stands for: glossary entities, names missing from the glossary,
//! documents, and pronouns resolved the way readers would resolve them.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod descriptions;

use super::cues::Found;
use crate::analysis::mentions::Mention;
use crate::analysis::quotes::{Resolved, SpeakerForm};
use crate::analysis::words::{is_capitalised, strip_possessive, tokenize};
use crate::analysis::{Code, Diagnostic, EntityId, EntityKind, GlossaryIndex, Pronoun, Span, eight_bytes, lexicon};

/// How many earlier speakers and mentions a pronoun looks back through.
const LOOK_BACK: usize = 256;

/// Whom a speaker stands for, as [`Resolved`] but with the name borrowed from the glossary
/// or the text where it can be: most speakers resolve to a glossary entity, and only the
/// quotations they are given need a name of their own.
#[derive(Debug, Clone)]
struct Speaker<'a> {
    entity: Option<EntityId>,
    name: Cow<'a, str>,
    named_at: Option<Span>,
}

impl Speaker<'_> {
    fn to_resolved(&self) -> Resolved {
        Resolved { entity: self.entity, name: self.name.to_string(), named_at: self.named_at }
    }
}

/// Someone who spoke, in reading order.
#[derive(Debug, Clone)]
struct Spoke<'a> {
    at: Span,
    resolved: Speaker<'a>,
    /// The attribution's sentence: "in a statement" there makes this speaker the author of
    /// a later "the statement read". Read only when a document speaks.
    sentence: Span,
}

/// A resolution [`Resolver::resolve`] made: the index of its speaker in `Resolver::spoke`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpokeId(usize);

/// Resolves speakers in reading order, remembering who spoke.
pub struct Resolver<'a> {
    prose: &'a str,
    mentions: &'a [Mention],
    glossary: &'a GlossaryIndex,
    spoke: Vec<Spoke<'a>>,
    /// Where the last search of `mentions` by start ended: speakers are resolved in reading
    /// order, so the next search nearly always ends a few mentions further on.
    mention_hint: Cell<usize>,
    /// The prose lower-cased (ASCII only, so every byte offset is the prose's), made the
    /// first time a role noun is looked for.
    lower_prose: OnceCell<String>,
    /// Where each role noun looked for occurs in the prose (word or not), in order: found once
    /// per article, however many descriptions use the noun.
    noun_offsets: RefCell<HashMap<String, Vec<usize>>>,
    /// Full names of speakers missing from the glossary, so a later surname finds them.
    /// Surname → the latest full name with it.
    unknown_names: HashMap<String, String>,
    /// The pronoun the article itself uses for a speaker missing from the glossary, by full
    /// name: `Mr. Voss`, `Voss said she …`.
    unknown_pronouns: HashMap<String, Pronoun>,
    /// Speakers missing from the glossary, where each was found, with the full name.
    pub unknown_speakers: Vec<(Span, String)>,
    /// Where pronoun speakers were found ambiguous, by start offset.
    ambiguous: HashSet<usize>,
    /// `he` or `she` speakers no one named before them can be: reported where they speak a
    /// quotation.
    pub unresolved_pronouns: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Resolver<'a> {
    pub fn new(prose: &'a str, mentions: &'a [Mention], glossary: &'a GlossaryIndex) -> Resolver<'a> {
        Resolver {
            prose,
            mentions,
            glossary,
            spoke: Vec::new(),
            mention_hint: Cell::new(0),
            lower_prose: OnceCell::new(),
            noun_offsets: RefCell::default(),
            unknown_names: HashMap::default(),
            unknown_speakers: Vec::new(),
            unknown_pronouns: HashMap::default(),
            ambiguous: HashSet::default(),
            unresolved_pronouns: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Resolves a speaker and remembers them as the latest to speak; gives the resolution
    /// as a [`SpokeId`] for [`Resolver::resolved`].
    pub fn resolve(&mut self, found: &Found, sentence: Span) -> Option<SpokeId> {
        let resolved = match found.form {
            SpeakerForm::Pronoun => self.pronoun(found.head),
            SpeakerForm::Document => self.document(found.head),
            SpeakerForm::Name | SpeakerForm::Description => self.named(found, sentence),
        }?;
        self.spoke.push(Spoke { at: found.head, resolved, sentence });
        Some(SpokeId(self.spoke.len() - 1))
    }

    /// What a [`Resolver::resolve`] call resolved its speaker to.
    pub fn resolved(&self, id: SpokeId) -> Resolved {
        self.spoke[id.0].resolved.to_resolved()
    }

    /// True when the speaker at `head` was a pronoun found ambiguous.
    pub fn is_ambiguous(&self, head: Span) -> bool {
        self.ambiguous.contains(&head.start)
    }

    /// Whom readers will assume said a quotation at `at` that names no speaker.
    pub fn assumed_speaker(&self, at: usize) -> Option<Resolved> {
        self.spoke.iter().rev().find(|s| s.at.start < at).map(|s| s.resolved.to_resolved())
    }

    /// `self.mentions.partition_point(|m| m.span.start < start)`, looked for first a few
    /// mentions on from where the last search ended.
    fn first_mention_from(&self, start: usize) -> usize {
        const NEAR: usize = 16;
        let mentions = self.mentions;
        let hint = self.mention_hint.get().min(mentions.len());
        let index = if hint > 0 && mentions[hint - 1].span.start >= start {
            mentions[..hint].partition_point(|m| m.span.start < start)
        } else {
            let near = mentions[hint..].iter().take(NEAR).position(|m| m.span.start >= start);
            match near {
                Some(offset) => hint + offset,
                None if mentions.len() - hint <= NEAR => mentions.len(),
                None => hint + NEAR + mentions[hint + NEAR..].partition_point(|m| m.span.start < start),
            }
        };
        self.mention_hint.set(index);
        index
    }

    fn mention_in(&self, span: Span) -> Option<&Mention> {
        let from = self.first_mention_from(span.start);
        let inside = || {
            self.mentions[from..]
                .iter()
                .take_while(move |m| m.span.start < span.end)
                .filter(move |m| span.covers(m.span))
        };
        let kind = |m: &&Mention| self.glossary.entity(m.entity).kind;
        // `Huckabee spokeswoman Alice Stewart`: the person named last is the phrase's head
        // (but `Whitfield and Okafor` speak together, and the first named stands for both).
        let coordinated = span.text(self.prose).contains(" and ");
        inside()
            .find(|m| !coordinated && kind(m) == EntityKind::Person && m.span.end == span.end)
            .or_else(|| inside().find(|m| kind(m) == EntityKind::Person))
            .or_else(|| inside().find(|m| m.span.end == span.end))
            .or_else(|| inside().next())
    }

    /// The mentions that end by `at`, nearest last, at most the last [`LOOK_BACK`]: readers
    /// resolve a pronoun within the last few paragraphs, and the bound keeps the cost
    /// linear in the article.
    fn mentions_before(&self, at: usize) -> impl DoubleEndedIterator<Item = &Mention> {
        let end = self.mentions.partition_point(|m| m.span.end <= at);
        self.mentions[end.saturating_sub(LOOK_BACK)..end].iter()
    }

    fn entity(&self, id: EntityId, at: Span) -> Speaker<'a> {
        let glossary: &'a GlossaryIndex = self.glossary;
        Speaker { entity: Some(id), name: Cow::Borrowed(&glossary.entity(id).name), named_at: Some(at) }
    }

    fn named(&mut self, found: &Found, sentence: Span) -> Option<Speaker<'a>> {
        // `an adviser to Whitfield` is not Whitfield: a description's mentions after `to`
        // name whom it serves.
        let prose: &'a str = self.prose;
        let text = found.head.text(prose);
        let own = match text.as_bytes().windows(4).position(|w| w == b" to ") {
            Some(to) if found.form == SpeakerForm::Description => Span::new(found.head.start, found.head.start + to),
            _ => found.head,
        };
        let described = found.form == SpeakerForm::Description || self.reads_as_description(found.head);
        if described && let Some(named) = self.appositive_of_a_name(found.head) {
            return Some(named);
        }
        let mut mention = self.mention_in(own).filter(|m| !self.serves_the_name(own, m));
        // `Whitfield’s spokeswoman`, `Okafor's advocacy group One Harbour` are not Whitfield
        // or Okafor either: the possessor is whom they serve. (A glossary name that runs
        // through the possessive, `the council's planning committee`, is still found.)
        let own_text = own.text(prose);
        if let Some((possessor, _)) = own_text.rsplit_once("’s ").or_else(|| own_text.rsplit_once("'s ")) {
            let possessed_start = own.start + possessor.len() + own_text[possessor.len()..].find(' ').unwrap_or(0);
            if !mention.is_some_and(|m| m.span.end > possessed_start) {
                mention = self.mention_in(Span::new(possessed_start, own.end));
            }
        }
        if let Some(mention) = mention {
            return Some(self.entity(mention.entity, mention.span));
        }
        if described
            && let Some(described) = self.definite_description(found.head)
        {
            return Some(described);
        }
        if let Some(spelled) = self.acronym_of_earlier_name(found.head) {
            return Some(spelled);
        }
        // One capitalised word opening a sentence may be a plain noun (`Campaigners said`);
        // it is a name only once the article has used it as part of a full name.
        let sentence_initial_word = found.head.start == sentence.start && !text.contains(' ');
        let known_surname = self.unknown_names.contains_key(strip_possessive(text));
        if described || sentence_initial_word && !known_surname {
            return Some(Speaker { entity: None, name: description_name(text), named_at: Some(found.head) });
        }
        // `the Ministry of Health said`: a body's name is kept whole, not cut at `of` as a
        // person's place is (`Will Doyle of Ashgrove`).
        if let Some(body) = body_name(text) {
            self.unknown_speakers.push((found.head, body.to_string()));
            return Some(Speaker { entity: None, name: Cow::Borrowed(body), named_at: Some(found.head) });
        }
        let name = person_name(text);
        if name.is_empty() {
            return Some(Speaker { entity: None, name: Cow::Borrowed(text), named_at: Some(found.head) });
        }
        let full = match name.rsplit_once(' ') {
            Some((_, surname)) => {
                if self.unknown_names.get(surname) != Some(&name) {
                    self.unknown_names.insert(surname.to_string(), name.clone());
                }
                name
            }
            None => self.unknown_names.get(&name).cloned().unwrap_or(name),
        };
        if !self.unknown_pronouns.contains_key(&full)
            && let Some(pronoun) = pronoun_the_article_uses(prose, found)
        {
            self.unknown_pronouns.insert(full.clone(), pronoun);
        }
        // Reported once per name, and only where the name speaks a quotation: the attribution
        // walk drops the reports of speakers with no quotation (`over Pakistan’s refusal, …
        // said`) before the first of each name is kept.
        self.unknown_speakers.push((found.head, full.clone()));
        Some(Speaker { entity: None, name: Cow::Owned(full), named_at: Some(found.head) })
    }

    fn document(&self, speaker: Span) -> Option<Speaker<'a>> {
        if let Some(mention) = self.mention_in(speaker) {
            return Some(self.entity(mention.entity, mention.span));
        }
        let prose: &'a str = self.prose;
        let text = speaker.text(prose);
        let noun = text.rsplit(' ').next().unwrap_or(text).to_lowercase();
        // Several speakers of one sentence share it: each sentence is read once.
        let mut last_read = None;
        let mut mentions_noun = |sentence: Span| {
            let first_time = last_read != Some(sentence);
            last_read = Some(sentence);
            first_time && holds_word(sentence.text(prose), &noun)
        };
        let author = self
            .spoke
            .iter()
            .rev()
            .filter(|s| s.at.start < speaker.start)
            .take(LOOK_BACK)
            .find(|s| mentions_noun(s.sentence))
            .or_else(|| self.spoke.iter().rev().find(|s| s.at.start < speaker.start));
        Some(author.map_or_else(
            || Speaker { entity: None, name: Cow::Borrowed(text), named_at: Some(speaker) },
            |s| s.resolved.clone(),
        ))
    }

    fn pronoun(&mut self, speaker: Span) -> Option<Speaker<'a>> {
        let pronoun = Pronoun::parse(speaker.text(self.prose))?;
        let at = speaker.start;
        let last_speaker = self
            .spoke
            .iter()
            .rev()
            .filter(|s| s.at.start < at)
            .take(LOOK_BACK)
            .find(|s| self.resolved_matches(&s.resolved, pronoun))
            .cloned();
        let Some(chosen) = last_speaker else {
            // Nobody matching has spoken yet: the most recent matching person named, or the
            // subject of that person's sentence.
            let mention = self.mentions_before(at).rev().find(|m| self.entity_matches(m.entity, pronoun));
            let mention = mention.map(|latest| {
                self.subject_of_sentence_naming(latest, at, &|m| {
                    self.glossary.entity(m.entity).kind == EntityKind::Person && self.entity_matches(m.entity, pronoun)
                })
            });
            let Some(mention) = mention else {
                if !matches!(pronoun, Pronoun::He | Pronoun::She) {
                    return None;
                }
                // No glossary entry: the latest person the article itself names.
                if let Some(named) = self.latest_person_named(at, pronoun) {
                    return Some(named);
                }
                if !self.names_anyone_before(at) {
                    self.unresolved_pronouns.push(speaker);
                }
                return None;
            };
            return Some(self.entity(mention.entity, mention.span));
        };
        // Anyone else who matches and was named after the chosen speaker last appeared makes
        // the pronoun ambiguous.
        let since = self
            .mentions_before(at)
            .rev()
            .take_while(|m| m.span.end > chosen.at.end)
            .find(|m| Some(m.entity) == chosen.resolved.entity)
            .map_or(chosen.at.end, |m| m.span.end);
        let rival = self.mentions_before(at).rev().take_while(|m| m.span.start >= since).find(|m| {
            Some(m.entity) != chosen.resolved.entity
                && self.glossary.entity(m.entity).kind == EntityKind::Person
                && self.entity_matches(m.entity, pronoun)
        });
        // `Ban's term expires this year. He said …`, `Trump has not responded to Calderon's
        // remarks. … he tweeted`: the latest person opening a sentence since the chosen
        // speaker spoke is whom readers take the pronoun for, over that speaker, even when
        // the speaker is named again after it as an object.
        let subject_since = self
            .mentions_before(at)
            .rev()
            .take_while(|m| m.span.start >= chosen.at.end)
            .find(|m| {
                self.glossary.entity(m.entity).kind == EntityKind::Person
                    && self.entity_matches(m.entity, pronoun)
                    && self.opens_sentence(m.span)
            })
            .filter(|m| Some(m.entity) != chosen.resolved.entity);
        let rival = rival.or(subject_since);
        let rival = rival.map(|m| (m.span, self.glossary.entity(m.entity).name.clone())).or_else(|| {
            matches!(pronoun, Pronoun::He | Pronoun::She)
                .then(|| self.article_rival(since, at, &chosen.resolved.name, pronoun))
                .flatten()
        });
        let reading = match subject_since {
            Some(subject) => self.entity(subject.entity, subject.span),
            None => chosen.resolved.clone(),
        };
        if let Some((rival_span, rival_name)) = rival {
            let rival_name = &rival_name;
            let mut diagnostic = Diagnostic::new(
                Code::AmbiguousSpeaker,
                speaker,
                format!(
                    "“{}” could be {} (the last to speak) or {} (named since); copydesk reads it as {}.",
                    speaker.text(self.prose),
                    chosen.resolved.name,
                    rival_name,
                    reading.name
                ),
            );
            diagnostic.related.push((chosen.at, format!("{} last spoke here", chosen.resolved.name)));
            diagnostic.related.push((rival_span, format!("{rival_name} is named here")));
            self.ambiguous.insert(speaker.start);
            self.diagnostics.push(diagnostic);
        }
        Some(reading)
    }

    /// `George Zimmerman is selling the gun he used to kill Trayvon Martin. “…,” he told Fox
    /// 35`: of the people named from the sentence of the latest one (`latest`) up to the
    /// pronoun at `at`, readers take the one opening a sentence, its subject, over one
    /// named later in it as an object. Nobody opens a sentence: `latest`.
    fn subject_of_sentence_naming(&self, latest: &'a Mention, at: usize, fits: &dyn Fn(&Mention) -> bool) -> &'a Mention {
        let mentions: &'a [Mention] = self.mentions;
        let sentence_start = self.prose.get(..latest.span.start).map_or(0, sentence_start);
        let end = mentions.partition_point(|m| m.span.end <= at);
        let first = mentions[..end].partition_point(|m| m.span.start < sentence_start);
        mentions[first..end]
            .iter()
            .rev()
            .find(|m| fits(m) && self.opens_sentence(m.span))
            .unwrap_or(latest)
    }

    /// True when the prose before `at` holds a capitalised word inside a sentence, which may
    /// name a person the glossary does not know: a pronoun is then not reported as meaning no
    /// one, since without a glossary copydesk knows only the people who have spoken.
    fn names_anyone_before(&self, at: usize) -> bool {
        let before = self.prose.get(..at).unwrap_or("");
        // Each line opens a sentence: headlines and paragraphs end without a full stop.
        before.lines().any(|line| {
            let mut sentence_start = true;
            line.split_whitespace().any(|word| {
                let bare = word.trim_start_matches(['“', '"', '‘', '\'', '(']);
                let named = !sentence_start && is_capitalised(bare) && bare != "I";
                sentence_start = word.trim_end_matches(['”', '"', '’', '\'', ')']).ends_with(['.', '!', '?', ':']);
                named
            })
        })
    }

    /// True when the mention at `span` opens its sentence or paragraph (a possessive one
    /// too: `Ban's term …`), as a sentence's subject usually does.
    fn opens_sentence(&self, span: Span) -> bool {
        let before = self.prose.get(..span.start).unwrap_or("").trim_end_matches([' ', '\t', '"', '“']);
        let previous_word = before.rsplit([' ', '\n']).next().unwrap_or("");
        before.is_empty()
            || before.ends_with('\n')
            || before.ends_with(['.', '!', '?'])
                && !lexicon::is_title_word(previous_word)
                && !lexicon::is_title_word(previous_word.trim_end_matches('.'))
            || before.strip_suffix(',').is_some_and(opens_with_a_leading_phrase)
    }

    fn resolved_matches(&self, resolved: &Speaker<'_>, pronoun: Pronoun) -> bool {
        match resolved.entity {
            Some(id) => self.entity_matches(id, pronoun),
            None => match self.unknown_pronouns.get(resolved.name.as_ref()) {
                Some(&known) => known == pronoun || pronoun == Pronoun::They,
                None if names_no_person(&resolved.name) => matches!(pronoun, Pronoun::They | Pronoun::It),
                None => matches!(pronoun, Pronoun::He | Pronoun::She | Pronoun::They),
            },
        }
    }

    /// A person the glossary does not know, named between `from` and `to`, who could be the
    /// pronoun at `to` as well as `chosen`: a name after a title (`Deputy Leader Martin
    /// Hale`) or one the article has already given a speaker (`Mercer`), whose pronoun, when
    /// the article has shown it, matches.
    fn article_rival(&self, from: usize, to: usize, chosen: &str, pronoun: Pronoun) -> Option<(Span, String)> {
        let from = from.max(to.saturating_sub(ARTICLE_RIVAL_REACH));
        let mut start = from;
        while !self.prose.is_char_boundary(start) {
            start += 1;
        }
        let chosen_surname = chosen.rsplit(' ').next().unwrap_or(chosen);
        let words: Vec<Span> =
            tokenize(self.prose, Span::new(start, to)).into_iter().filter(|t| t.is_word()).map(|t| t.span).collect();
        let mut index = 0;
        while index < words.len() {
            let run_end = (index..words.len())
                .take_while(|&i| {
                    let word = words[i].text(self.prose);
                    is_capitalised(word)
                        && !lexicon::is_speaker_pronoun(word)
                        && !lexicon::is_determiner(word)
                        && (i == index || words[i].start <= words[i - 1].end + 1)
                })
                .last()
                .map_or(index, |last| last + 1);
            if run_end == index {
                index += 1;
                continue;
            }
            let run = Span::new(words[index].start, words[run_end - 1].end);
            index = run_end;
            let text = run.text(self.prose);
            let titled = text.split(' ').any(|w| lexicon::is_title_word(w) || lexicon::is_title_word(w.trim_end_matches('.')));
            // Most runs are one capitalised word opening a sentence: without a title or a
            // surname the article knows, no run can be a rival, so its name is not built.
            let last_word = strip_possessive(text.rsplit(' ').next().unwrap_or(text));
            if !titled && !self.unknown_names.contains_key(last_word) {
                continue;
            }
            let name = person_name(text);
            let Some(surname) = name.rsplit(' ').next().filter(|s| !s.is_empty()) else { continue };
            let known = self.unknown_names.get(surname).cloned();
            if !(titled && name.contains(' ') || known.is_some()) || surname == chosen_surname {
                continue;
            }
            let full = known.unwrap_or(name);
            let compatible = self.unknown_pronouns.get(&full).is_none_or(|&own| own == pronoun || pronoun == Pronoun::They);
            if compatible && self.mention_in(run).is_none() {
                return Some((run, full));
            }
        }
        None
    }

    /// `Ana Ruiz closed the pool. “…,” she said.`: the latest full name before `at` that the
    /// glossary does not hold and that reads as a person's (two or three capitalised words, no
    /// word naming a body or a publication, not after a preposition of place), or a surname
    /// the article has given a full name; its pronoun, when the article has shown it, matches.
    fn latest_person_named(&self, at: usize, pronoun: Pronoun) -> Option<Speaker<'a>> {
        let mut start = at.saturating_sub(ARTICLE_RIVAL_REACH);
        while !self.prose.is_char_boundary(start) {
            start += 1;
        }
        let words: Vec<Span> =
            tokenize(self.prose, Span::new(start, at)).into_iter().filter(|t| t.is_word()).map(|t| t.span).collect();
        let capitalised = |i: usize| {
            let word = words[i].text(self.prose);
            is_capitalised(word) && !lexicon::is_speaker_pronoun(word) && !lexicon::is_determiner(word)
        };
        let mut end = words.len();
        while end > 0 {
            if !capitalised(end - 1) {
                end -= 1;
                continue;
            }
            let mut first = end - 1;
            while first > 0 && capitalised(first - 1) && words[first].start <= words[first - 1].end + 1 {
                first -= 1;
            }
            let one_word = first + 1 == end;
            let run = Span::new(words[first].start, words[end - 1].end);
            let after_place = first > 0 && lexicon::is_place_preposition(words[first - 1].text(self.prose));
            end = first;
            let text = run.text(self.prose);
            // One word is a person only as a surname the article knows (the common case
            // being a capitalised word opening a sentence, which is not).
            if one_word && !self.unknown_names.contains_key(strip_possessive(text)) {
                continue;
            }
            let names_a_body = text.split(' ').any(|w| {
                lexicon::is_organization_noun(w) || lexicon::is_publication_noun(w) || lexicon::is_stop_word(w)
            });
            let name = person_name(text);
            let surname = name.rsplit(' ').next().unwrap_or("");
            let known = self.unknown_names.get(surname).cloned();
            let looks_like_a_person = (2..=3).contains(&name.split(' ').count()) && !names_a_body && !after_place;
            if surname.is_empty() || !(looks_like_a_person || known.is_some()) || self.mention_in(run).is_some() {
                continue;
            }
            let full = known.unwrap_or(name);
            if self.unknown_pronouns.get(&full).is_none_or(|&own| own == pronoun) {
                return Some(Speaker { entity: None, name: Cow::Owned(full), named_at: Some(run) });
            }
        }
        None
    }

    fn entity_matches(&self, id: EntityId, pronoun: Pronoun) -> bool {
        let entity = self.glossary.entity(id);
        match (entity.pronouns, entity.kind) {
            (Some(own), _) => own == pronoun,
            (None, EntityKind::Person) => matches!(pronoun, Pronoun::He | Pronoun::She | Pronoun::They),
            (None, EntityKind::Organization | EntityKind::Group | EntityKind::Publication) => {
                matches!(pronoun, Pronoun::They | Pronoun::It)
            }
            (None, EntityKind::Document | EntityKind::Place) => pronoun == Pronoun::It,
        }
    }
}

/// `In his assessment of the real estate magnate, Calderon …`: true when the sentence
/// `before` ends in opens with a preposition and holds no comma, so that what follows its
/// comma is the main clause's subject.
fn opens_with_a_leading_phrase(before: &str) -> bool {
    const LEADING_PHRASE_WORDS: usize = 12;
    let phrase = before[sentence_start(before)..].trim_start_matches([' ', '\t', '"', '“']);
    let mut words = phrase.split_whitespace();
    let opens_with_preposition =
        words.next().is_some_and(|first| lexicon::is_opening_preposition(&first.to_ascii_lowercase()));
    opens_with_preposition && !phrase.contains(',') && words.count() < LEADING_PHRASE_WORDS
}

/// Where the sentence `before` ends in starts: after the last line break or sentence mark
/// (an abbreviation's full stop counts, as readers of a short window would not tell).
fn sentence_start(before: &str) -> usize {
    before.rfind(['\n', '.', '!', '?']).map_or(0, |end| end + 1)
}

/// How far before a pronoun [`Resolver::article_rival`] reads for other people named.
const ARTICLE_RIVAL_REACH: usize = 4096;

/// `Mr. Voss said`, `Voss said she …`: the pronoun the article uses for a speaker, from an
/// honorific before the name or a pronoun right after the cue.
fn pronoun_the_article_uses(prose: &str, found: &Found) -> Option<Pronoun> {
    let head = found.head.text(prose);
    let honorific = head.split(' ').next().map(|w| w.trim_end_matches('.'));
    let from_honorific = match honorific {
        Some("Mr") => Some(Pronoun::He),
        Some("Ms" | "Mrs" | "Miss") => Some(Pronoun::She),
        _ => None,
    };
    let after_cue = prose.get(found.cue.end..).unwrap_or("").trim_start();
    let next_word = after_cue.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let from_pronoun = match next_word {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        _ => None,
    };
    from_honorific.or(if found.cue.start >= found.head.end { from_pronoun } else { None })
}

/// `the lawyers`, `the group`, `the cable`: a speaker the glossary does not know whose
/// head noun is plural or names a body or a document, so that `he` or `she` cannot be them.
fn names_no_person(name: &str) -> bool {
    let head = strip_possessive(name.rsplit(' ').next().unwrap_or(name));
    if is_capitalised(head) {
        return false;
    }
    is_plural_noun(head)
        || lexicon::is_organization_noun(head)
        || lexicon::is_publication_noun(head)
        || lexicon::is_document_noun(head)
}

/// `lawyers`, `voters`, not `boss` or `campus`: a lower-case noun read as plural by its ending.
fn is_plural_noun(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")
}

/// True when one of the words of `text` (runs of letters, digits and hyphens) is `word`,
/// ignoring ASCII case. Compares bytes where the word's first letter occurs instead of
/// splitting the whole text into words.
fn holds_word(text: &str, word: &str) -> bool {
    let is_separator = |c: char| !c.is_alphanumeric() && c != '-';
    if word.is_empty() {
        return text.split(is_separator).any(|piece| piece.is_empty());
    }
    // A word never holds a separator, so it could never equal such a `word`.
    if word.contains(is_separator) {
        return false;
    }
    let (bytes, pattern) = (text.as_bytes(), word.as_bytes());
    let first = pattern[0].to_ascii_lowercase();
    let matches_at = |at: usize| {
        bytes[at].to_ascii_lowercase() == first
            && bytes[at..at + pattern.len()].eq_ignore_ascii_case(pattern)
            && text.get(..at).is_some_and(|before| before.chars().next_back().is_none_or(is_separator))
            && text.get(at + pattern.len()..).is_some_and(|after| after.chars().next().is_none_or(is_separator))
    };
    // A byte that lower-cases to `first` has the bits of `first | 0x20` once 0x20 is set in
    // it: eight bytes without one are passed over at once (a document's speaker looks back
    // through many sentences).
    let positions = bytes.len().saturating_sub(pattern.len() - 1);
    let mut at = 0;
    while at < positions {
        if let Some(chunk) = eight_bytes::load(bytes, at)
            && !eight_bytes::has_byte(chunk | (eight_bytes::ONES * 0x20), first | 0x20)
        {
            at += 8;
            continue;
        }
        if matches_at(at) {
            return true;
        }
        at += 1;
    }
    false
}

/// A description as it reads mid-sentence: `The club` → `the club`.
fn description_name(text: &str) -> Cow<'_, str> {
    match text.split_once(' ') {
        Some((first, rest)) if lexicon::is_determiner(first) => {
            let lower = first.to_lowercase();
            if lower == first { Cow::Borrowed(text) } else { Cow::Owned(format!("{lower} {rest}")) }
        }
        _ => Cow::Borrowed(text),
    }
}

/// `the Ministry of Health` → `Ministry of Health`, `Harbour City Council`: a run of
/// capitalised words (joined by the short words of titles) headed by a noun of a body or a
/// publication, last or before its `of`; not `Council Leader Dana Whitfield`.
fn body_name(text: &str) -> Option<&str> {
    let text = strip_possessive(text);
    let name = match text.split_once(' ') {
        Some((first, rest)) if lexicon::is_article(first) => rest,
        _ => text,
    };
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || !words.iter().all(|w| is_capitalised(w) || lexicon::is_title_joiner(w)) {
        return None;
    }
    let is_body = |w: &str| lexicon::is_organization_noun(w) || lexicon::is_publication_noun(w);
    let headed = words.iter().enumerate().any(|(i, w)| {
        is_capitalised(w) && is_body(w) && words.get(i + 1).is_none_or(|next| lexicon::is_title_joiner(next))
    });
    headed.then_some(name)
}

/// The name in a speaker phrase without titles, possessive or place: `Council Leader Dana
/// Whitfield` → `Dana Whitfield`, `Will Doyle of Ashgrove` → `Will Doyle`.
fn person_name(text: &str) -> String {
    let before_place =
        [" of ", " from ", " at "].iter().filter_map(|sep| text.find(sep)).min().map_or(text, |end| &text[..end]);
    let name = trailing_name(before_place);
    if name.is_empty() { trailing_name(text) } else { name }
}

fn trailing_name(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let tail_start = words.iter().rposition(|w| !is_capitalised(w)).map_or(0, |i| i + 1);
    let tail = &words[tail_start..];
    let is_title = |w: &&str| lexicon::is_title_word(w) || lexicon::is_title_word(w.trim_end_matches('.'));
    // Everything up to the last title word is the office: `Council Leader`, `Defense Minister`.
    let after_titles = tail.iter().rposition(is_title).map_or(0, |i| i + 1);
    let names: Vec<&str> = tail[after_titles..].iter().copied().map(strip_possessive).collect();
    names.join(" ")
}

#[cfg(test)]
mod tests {
    /// `holds_word` as it read before it skipped eight bytes at a time: every position tried.
    fn holds_word_at_every_position(text: &str, word: &str) -> bool {
        let is_separator = |c: char| !c.is_alphanumeric() && c != '-';
        let (bytes, pattern) = (text.as_bytes(), word.as_bytes());
        (0..bytes.len().saturating_sub(pattern.len() - 1)).any(|at| {
            bytes[at..at + pattern.len()].eq_ignore_ascii_case(pattern)
                && text.get(..at).is_some_and(|before| before.chars().next_back().is_none_or(is_separator))
                && text.get(at + pattern.len()..).is_some_and(|after| after.chars().next().is_none_or(is_separator))
        })
    }

    #[test]
    fn words_are_found_whole_in_any_case() {
        let texts = [
            "The council’s STATEMENT, read aloud; a statements page and re-statement. Statement",
            "a long preamble before the letter",
            "statements and restatement and statement-like",
            "the lettering of a newsletter, x@letter, 9-to-5, 9 to 5 rota, @Letter`letter{",
            "short",
            "",
        ];
        for text in texts {
            for word in ["statement", "letter", "5", "re-statement", "s", "é"] {
                let expected = holds_word_at_every_position(text, word);
                assert_eq!(super::holds_word(text, word), expected, "{word:?} in {text:?}");
            }
        }
        assert!(super::holds_word(texts[0], "statement"));
        assert!(!super::holds_word(texts[2], "statement"));
    }

    #[test]
    fn person_names_drop_titles() {
        assert_eq!(super::person_name("Council Leader Dana Whitfield"), "Dana Whitfield");
        assert_eq!(super::person_name("the club’s coach Ana Ruiz"), "Ana Ruiz");
        assert_eq!(super::person_name("Okafor’s"), "Okafor");
        assert_eq!(super::person_name("Will Doyle of Ashgrove"), "Will Doyle");
        assert_eq!(super::person_name("Secretary of State Ana Ruiz"), "Ana Ruiz");
    }
}
