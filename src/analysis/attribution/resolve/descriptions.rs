//! Speakers described rather than named: `the newspaper`, `the New Jersey governor`, `the
//! bespectacled, 71-year-old diplomat`, `the mayor` after `Doug McCallum, the mayor of
//! Surrey,`, and roles that speak for someone else (`One Clinton spokesman`).

use std::borrow::Cow;

use super::{Resolver, Speaker, holds_word, is_plural_noun, person_name};
use crate::analysis::mentions::Mention;
use crate::analysis::words::{is_capitalised, strip_possessive};
use crate::analysis::{EntityId, EntityKind, Span, lexicon};

/// How many words may stand between a `the` and the description it opens when the speaker
/// phrase itself starts after them (`the bespectacled, 71-year-old diplomat`).
const MODIFIERS_BEFORE_HEAD: usize = 3;

/// How far before a description [`Resolver::role_in_article`] reads for the name the article
/// gave that role.
const ROLE_REACH: usize = 8192;

/// How many words an appositive may hold before its role noun (`Doug McCallum, the
/// long-serving mayor`).
const APPOSITIVE_WORDS: usize = 6;

impl<'a> Resolver<'a> {
    /// `Anna Palmer, 34, a North Dakota native who …`, `Donald Trump, the presumptive
    /// nominee, who …`: a description opening with an article right after a name and a
    /// comma (an age between them allowed) is an appositive, and stands for the name's
    /// entity.
    pub(super) fn appositive_of_a_name(&self, head: Span) -> Option<Speaker<'a>> {
        let prose: &'a str = self.prose;
        let first = head.text(prose).split(' ').next()?;
        if !lexicon::is_article(first) {
            return None;
        }
        let mut before = prose.get(..head.start)?.trim_end_matches(' ').strip_suffix(',')?;
        // `Palmer, 34, a …`: step over the age.
        if let Some((name_part, age)) = before.rsplit_once(", ")
            && !age.is_empty()
            && age.len() <= 3
            && age.bytes().all(|b| b.is_ascii_digit())
        {
            before = name_part;
        }
        let name_end = before.trim_end_matches(' ').len();
        let end = self.mentions.partition_point(|m| m.span.end <= name_end);
        let mention = self.mentions[..end].last().filter(|m| m.span.end == name_end)?;
        let kind = self.glossary.entity(mention.entity).kind;
        matches!(kind, EntityKind::Person | EntityKind::Organization | EntityKind::Group | EntityKind::Publication)
            .then(|| self.entity(mention.entity, mention.span))
    }

    /// `IRCC said` after `Immigration, Refugees and Citizenship Canada`: an acronym is the
    /// organisation named earlier whose capitalised words it spells, a glossary entity
    /// mentioned before it or a name in the article's own words, so that both count as one
    /// speaker.
    pub(super) fn acronym_of_earlier_name(&self, head: Span) -> Option<Speaker<'a>> {
        let prose: &'a str = self.prose;
        let acronym = strip_possessive(head.text(prose));
        let letters = acronym.len();
        if !(2..=8).contains(&letters) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let glossary = self.glossary;
        let spelled = self
            .mentions_before(head.start)
            .rev()
            .find(|m| initials(&glossary.entity(m.entity).name) == acronym);
        if let Some(mention) = spelled {
            return Some(self.entity(mention.entity, mention.span));
        }
        // The article's own words: a run of capitalised words (joined by `and`, `of`, `for`,
        // `the` or commas) before the acronym whose initials spell it.
        let mut from = head.start.saturating_sub(ROLE_REACH);
        while !prose.is_char_boundary(from) {
            from += 1;
        }
        let before = &prose[from..head.start];
        let words: Vec<&str> = before.split_whitespace().collect();
        let last_letter = acronym.chars().last()?;
        // A run ends with a word starting with the acronym's last letter: only those are read.
        let ends = (0..words.len()).rev().filter(|&end| {
            words[end].trim_matches(|c: char| !c.is_alphanumeric()).starts_with(last_letter)
        });
        for end in ends {
            let mut run = Vec::new();
            for &word in words[..=end].iter().rev() {
                let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
                if is_capitalised(bare) || lexicon::is_relation_preposition(bare) || bare == "and" || bare == "the" {
                    run.push(bare);
                } else {
                    break;
                }
                if run.len() > letters * 2 {
                    break;
                }
            }
            run.reverse();
            while run.first().is_some_and(|w| !is_capitalised(w) || lexicon::is_determiner(w)) {
                run.remove(0);
            }
            for start in 0..run.len() {
                let candidate = run[start..].join(" ");
                if initials(&candidate) == acronym && run[start..].len() >= 2 {
                    let name = words_joined_as_written(before, &run[start..]);
                    return Some(Speaker { entity: None, name: Cow::Owned(name), named_at: Some(head) });
                }
            }
        }
        None
    }

    /// `One Clinton spokesman`, `a Trump adviser`: a person named before a role that speaks
    /// for someone else is whom the role serves, not the speaker, who stays a description.
    /// (`a State Department official` speaks for the department: an organisation is its
    /// officials' voice, and is kept.)
    pub(super) fn serves_the_name(&self, own: Span, mention: &Mention) -> bool {
        let text = own.text(self.prose);
        let last = text.rsplit(' ').next().unwrap_or(text);
        self.glossary.entity(mention.entity).kind == EntityKind::Person
            && mention.span.end < own.end
            && !is_capitalised(last)
            && lexicon::is_serving_role(strip_possessive(last))
    }

    /// True when a speaker phrase with capitalised words is still a description: `the New
    /// Jersey governor`, `a North Dakota native` (an article and a lower-case head).
    pub(super) fn reads_as_description(&self, head: Span) -> bool {
        let text = head.text(self.prose);
        let last = text.rsplit(' ').next().unwrap_or(text);
        let opens_with_article = text
            .split_once(' ')
            .is_some_and(|(first, _)| lexicon::is_article(first));
        opens_with_article && !is_capitalised(last)
    }

    /// `the newspaper`, `the department`, `the New Jersey governor`: a definite description
    /// resolves to the entity it describes best. Its words are looked for in the name, role
    /// and description of the entities the article names: the most recent one before it
    /// holding the most of them, else the one entity anywhere in the article holding the most
    /// (`the New Jersey governor told …` before `Christie` is named), else, for a noun that
    /// says what kind of speaker it is (`the newspaper`, `the group`, `the diplomat`, `the
    /// 72-year-old`), the most recent entity of that kind. Nothing fits: it stands alone.
    pub(super) fn definite_description(&self, head: Span) -> Option<Speaker<'a>> {
        let words = self.described_words(head)?;
        let noun = strip_possessive(words.last()?);
        if is_capitalised(noun) {
            return None;
        }
        let noun = noun.to_lowercase();
        let aged = words.iter().any(|w| w.ends_with("-year-old"));
        // Each content word, lower-cased, and whether the article capitalised it (`Democratic`).
        let content: Vec<(String, bool)> = words
            .iter()
            .map(|w| strip_possessive(w).trim_matches(','))
            .map(|w| (w.to_lowercase(), is_capitalised(w)))
            .filter(|(w, _)| w.len() > 2 && !w.ends_with("-year-old") && !lexicon::is_stop_word(w) && !lexicon::is_determiner(w))
            .filter(|(w, _)| !lexicon::is_relation_preposition(w) && w != "and")
            .collect();
        let glossary = self.glossary;
        // `the business mogul`: when the head says what kind of speaker it is, an entity
        // whose glossary words hold neither it nor a proper modifier (`the Democratic
        // nominee`) but only a common one (`business partner`) is not described.
        let head_is_a_kind =
            lexicon::is_publication_noun(&noun) || lexicon::is_organization_noun(&noun) || lexicon::is_person_noun(&noun);
        let score = |id: EntityId| {
            let entity = glossary.entity(id);
            let fields = [Some(&entity.name), entity.role.as_ref(), entity.description.as_ref()];
            let holds = |word: &str| fields.iter().flatten().any(|field| holds_word(field, word));
            let head_held = !head_is_a_kind || holds(&noun);
            content.iter().filter(|(word, proper)| (head_held || *proper) && holds(word)).count()
        };
        let kind_fits: &dyn Fn(EntityKind) -> bool = if lexicon::is_publication_noun(&noun) {
            &|kind| kind == EntityKind::Publication
        } else if lexicon::is_organization_noun(&noun) {
            &|kind| matches!(kind, EntityKind::Organization | EntityKind::Group | EntityKind::Publication)
        } else if is_plural_noun(&noun) {
            // `the lawyers`, `the protesters`: people, together.
            &|kind| kind == EntityKind::Group
        } else {
            &|kind| kind == EntityKind::Person
        };
        // `the mayor`, `the governor`: a role the glossary must give; a noun of kind alone
        // (`the newspaper`, `the diplomat`, `the 72-year-old`) fits any entity of that kind.
        let kind_says_enough = head_is_a_kind || aged;
        let fits = |m: &&Mention| kind_fits(glossary.entity(m.entity).kind);
        // `the group said` after `The Trayvon Martin Foundation did not …`: a description
        // saying only what kind of speaker it is means the one of that kind just named,
        // whatever other entities' descriptions hold the word.
        if kind_says_enough && content.iter().all(|(word, _)| *word == noun) {
            let paragraphs_start = self.previous_paragraph_start(head.start);
            // A body's noun (`the group`) means a publication (`the company` after `Business
            // Insider`) only when no other body is at hand.
            let nearby = || self.mentions_before(head.start).rev().take_while(|m| m.span.start >= paragraphs_start);
            let publication = |m: &&Mention| glossary.entity(m.entity).kind == EntityKind::Publication;
            let found = nearby().filter(fits).find(|m| !publication(m)).or_else(|| nearby().find(fits));
            if let Some(mention) = found {
                return Some(self.entity(mention.entity, mention.span));
            }
        }
        let best_before = self
            .mentions_before(head.start)
            .rev()
            .filter(fits)
            .map(|m| (score(m.entity), m))
            .filter(|&(s, _)| s > 0)
            .reduce(|best, next| if next.0 > best.0 { next } else { best });
        if let Some((_, mention)) = best_before {
            return Some(self.entity(mention.entity, mention.span));
        }
        if let Some(mention) = self.best_in_article(&fits, &score) {
            return Some(self.entity(mention.entity, mention.span));
        }
        if let Some(named) = self.role_in_article(head, &noun) {
            return Some(named);
        }
        if !kind_says_enough {
            return None;
        }
        // The latest of its kind, the subject of that one's sentence before an object.
        let latest = self.mentions_before(head.start).rev().find(fits)?;
        let mention = self.subject_of_sentence_naming(latest, head.start, &|m| fits(&m));
        Some(self.entity(mention.entity, mention.span))
    }

    /// Where the paragraph before the one holding `at` starts (a line holding only
    /// whitespace separates Markdown paragraphs; every line is one in plain news copy).
    fn previous_paragraph_start(&self, at: usize) -> usize {
        let before = self.prose.get(..at).unwrap_or("");
        let this_start = line_start(before);
        line_start(before[..this_start].trim_end())
    }

    /// `the mayor` after `Doug McCallum, the mayor of Surrey,` or `Mayor Doug McCallum`: the
    /// person the article itself gave the role, in an appositive or a title, latest first.
    /// Found for names the glossary lacks too, where most writers need it.
    pub(super) fn role_in_article(&self, head: Span, noun: &str) -> Option<Speaker<'a>> {
        let prose: &'a str = self.prose;
        let mut from = head.start.saturating_sub(ROLE_REACH);
        while !prose.is_char_boundary(from) {
            from += 1;
        }
        for start in self.noun_offsets_between(noun, from, head.start).into_iter().rev() {
            let stop = start + noun.len();
            let whole = prose[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && prose[stop..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if !whole {
                continue;
            }
            let named = if is_capitalised(&prose[start..stop]) {
                self.name_after_title(stop)
            } else {
                self.name_before_appositive(start)
            };
            if named.is_some() {
                return named;
            }
        }
        None
    }

    /// Where `noun` (lower case) occurs in the prose in any ASCII case, starting in `from..to`:
    /// every occurrence in the article is found once, the first time the noun is asked for,
    /// since an article describes its people with the same few nouns again and again.
    fn noun_offsets_between(&self, noun: &str, from: usize, to: usize) -> Vec<usize> {
        let mut offsets = self.noun_offsets.borrow_mut();
        let all = offsets.entry(noun.to_string()).or_insert_with(|| {
            let lower = self.lower_prose.get_or_init(|| self.prose.to_ascii_lowercase());
            memchr::memmem::find_iter(lower.as_bytes(), noun.as_bytes()).collect()
        });
        let first = all.partition_point(|&at| at < from);
        let last = all.partition_point(|&at| at + noun.len() <= to);
        all.get(first..last).map(<[usize]>::to_vec).unwrap_or_default()
    }

    /// `Mayor Doug McCallum`: the name right after a title word ending at `title_end`.
    fn name_after_title(&self, title_end: usize) -> Option<Speaker<'a>> {
        let prose: &'a str = self.prose;
        let rest = prose.get(title_end..)?.strip_prefix(' ')?;
        let words = rest.split(' ').take_while(|w| is_capitalised(w) && !lexicon::is_determiner(w)).count();
        if words == 0 {
            return None;
        }
        let run_len: usize = rest.split(' ').take(words).map(|w| w.len() + 1).sum::<usize>() - 1;
        let run = Span::new(title_end + 1, title_end + 1 + run_len);
        let run = Span::new(run.start, run.start + run.text(prose).trim_end_matches([',', '.', ';', ':']).len());
        self.person_at(run)
    }

    /// `Doug McCallum, the mayor of Surrey,`: the name before the comma that opens the
    /// appositive holding a role noun at `noun_start`.
    fn name_before_appositive(&self, noun_start: usize) -> Option<Speaker<'a>> {
        let prose: &'a str = self.prose;
        let before = prose.get(..noun_start)?;
        let comma = before.rfind(',')?;
        let between = &before[comma + 1..];
        if between.contains(['.', ';', '\n', '“', '"']) || between.split_whitespace().count() > APPOSITIVE_WORDS {
            return None;
        }
        let name_end = before[..comma].trim_end().len();
        let name_text = &before[..name_end];
        let words: Vec<&str> = name_text.rsplit(|c: char| c.is_ascii_whitespace()).take_while(|w| is_capitalised(w) && !lexicon::is_determiner(w)).collect();
        if words.is_empty() {
            return None;
        }
        let run_len: usize = words.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        self.person_at(Span::new(name_end - run_len, name_end))
    }

    /// The person a run of capitalised words names: a glossary entity mentioned there, else
    /// a full name (or a surname the article has already given a full name).
    fn person_at(&self, run: Span) -> Option<Speaker<'a>> {
        let mentions: &'a [Mention] = self.mentions;
        let end = mentions.partition_point(|m| m.span.end <= run.end);
        if let Some(mention) = mentions[..end].iter().rev().take_while(|m| m.span.end > run.start).find(|m| m.span.start >= run.start) {
            return Some(self.entity(mention.entity, mention.span));
        }
        let name = person_name(run.text(self.prose));
        let full = match self.unknown_names.get(&name) {
            Some(full) => full.clone(),
            None if name.contains(' ') => name,
            None => return None,
        };
        Some(Speaker { entity: None, name: Cow::Owned(full), named_at: Some(run) })
    }

    /// The one entity named anywhere in the article that holds more of a description's
    /// words than any other; none when two tie.
    fn best_in_article(&self, fits: &dyn Fn(&&Mention) -> bool, score: &dyn Fn(EntityId) -> usize) -> Option<&'a Mention> {
        let mentions: &'a [Mention] = self.mentions;
        let mut best: Option<(usize, &'a Mention)> = None;
        let mut tied = false;
        for mention in mentions.iter().filter(|m| fits(m)) {
            let s = score(mention.entity);
            match best {
                _ if s == 0 => {}
                Some((top, chosen)) if s == top && chosen.entity != mention.entity => tied = true,
                Some((top, _)) if s <= top => {}
                _ => {
                    best = Some((s, mention));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(_, m)| m)
    }

    /// The words of a definite description after its `the`: from the speaker phrase when it
    /// opens with one, else from a `the` a few modifiers before it (`the bespectacled,
    /// 71-year-old diplomat`, where the phrase found is `71-year-old diplomat`).
    fn described_words(&self, head: Span) -> Option<Vec<&'a str>> {
        let prose: &'a str = self.prose;
        let text = head.text(prose);
        if let Some((first, rest)) = text.split_once(' ')
            && first.eq_ignore_ascii_case("the")
        {
            return Some(rest.split(' ').collect());
        }
        let before = prose.get(..head.start)?;
        let mut words = before.rsplit(' ').filter(|w| !w.is_empty());
        for _ in 0..=MODIFIERS_BEFORE_HEAD {
            let word = words.next()?;
            if word.eq_ignore_ascii_case("the") {
                return Some(text.split(' ').collect());
            }
            let modifier = word.trim_end_matches(',');
            if modifier.is_empty() || is_capitalised(modifier) || !modifier.chars().all(|c| c.is_alphanumeric() || c == '-') {
                return None;
            }
        }
        None
    }
}

/// Where the line `before` ends in starts.
fn line_start(before: &str) -> usize {
    before.rfind('\n').map_or(0, |i| i + 1)
}

/// The capital letters that open the capitalised words of a name: `Immigration, Refugees
/// and Citizenship Canada` → `IRCC`.
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter_map(|word| word.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// The words of a name as the article wrote them, commas included: the last occurrence in
/// `before` of the text from the first word to the last.
fn words_joined_as_written(before: &str, words: &[&str]) -> String {
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return String::new() };
    let Some(end) = before.rfind(last).map(|at| at + last.len()) else { return words.join(" ") };
    match before[..end].rfind(first) {
        Some(start) => before[start..end].to_string(),
        None => words.join(" "),
    }
}
