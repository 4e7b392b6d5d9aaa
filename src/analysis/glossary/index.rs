//! The merged glossary of an article and the name matcher built from it.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Entity, EntityId, EntityKind, Glossary};
use crate::analysis::{Code, Diagnostic, Span, lexicon};

/// Entities from every glossary file that applies to an article, nearest file first.
#[derive(Debug, Clone, Default)]
pub struct GlossaryIndex {
    /// Paths (or other labels) of the glossary files, nearest first.
    pub files: Vec<String>,
    pub entities: Vec<Entity>,
    ids: HashMap<String, EntityId>,
    /// Built once in [`GlossaryIndex::build`]; None when there is nothing to find.
    matcher: Option<NameMatcher>,
    /// Which build this is: unique to each call of [`GlossaryIndex::build`] (shared by its
    /// clones, which find the same names), 0 for an index never built, which finds none.
    generation: u64,
}

/// The last generation given to a built index.
static GENERATIONS: AtomicU64 = AtomicU64::new(0);

impl GlossaryIndex {
    /// Merges glossary files, nearest first: the nearest wins an id conflict. Returns the
    /// index and the problems found across files, each with the index of its file.
    ///
    /// The problems inside one file ([`Glossary::diagnostics`]) are not repeated here.
    pub fn build(files: Vec<(String, Glossary)>) -> (GlossaryIndex, Vec<(usize, Diagnostic)>) {
        let mut index = GlossaryIndex::default();
        // Sized once: grown by doubling, a 10,000-entity index would hold room for 16,384.
        let total: usize = files.iter().map(|(_, glossary)| glossary.entities.len()).sum();
        index.entities.reserve_exact(total);
        index.ids.reserve(total);
        for (file, (label, glossary)) in files.into_iter().enumerate() {
            index.files.push(label);
            for mut entity in glossary.entities {
                // A nearer file already defined this id: the nearer definition overrides.
                if index.ids.contains_key(&entity.id) {
                    continue;
                }
                entity.file = file;
                index.ids.insert(entity.id.clone(), index.entities.len());
                index.entities.push(entity);
            }
        }
        let mut problems = Vec::new();
        index.check_affiliations(&mut problems);
        let patterns = claim_names(&index.entities, &mut problems);
        index.matcher = NameMatcher::new(patterns);
        index.generation = GENERATIONS.fetch_add(1, Ordering::Relaxed) + 1;
        (index, problems)
    }

    /// Identifies this index's name matcher: two indexes with the same generation find the
    /// same names in any text, so mentions found with one hold for the other.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The entity at `id`. Panics when `id` did not come from this index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id]
    }

    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id)
    }

    pub fn by_id(&self, id: &str) -> Option<EntityId> {
        if self.ids.is_empty() {
            // An index assembled by hand rather than built has no id table.
            return self.entities.iter().position(|e| e.id == id);
        }
        self.ids.get(id).copied()
    }

    /// The name to show for an entity: its `name`, or "" for an unknown id.
    pub fn display_name(&self, id: EntityId) -> &str {
        self.get(id).map_or("", |e| e.name.as_str())
    }

    /// How news style names an entity once it has been introduced: a person by surname
    /// (`Mujahid said`), when the surname alone finds that person in this glossary; anyone
    /// else, or a person whose surname is someone else's too, by the full name.
    pub fn second_reference(&self, id: EntityId) -> &str {
        let Some(entity) = self.get(id) else { return "" };
        let surname = (entity.kind == EntityKind::Person).then(|| surname(&entity.name)).flatten();
        match surname {
            Some(surname) if self.find_names(surname) == [(Span::new(0, surname.len()), id)] => surname,
            _ => &entity.name,
        }
    }

    pub fn aliases_of(&self, id: EntityId) -> &[String] {
        self.get(id).map_or(&[], |e| e.aliases.as_slice())
    }

    /// The label of the glossary file the entity comes from.
    pub fn file_of(&self, id: EntityId) -> Option<&str> {
        self.get(id).and_then(|e| self.files.get(e.file)).map(String::as_str)
    }

    /// The entity named by `id`'s `affiliation`, when it exists.
    pub fn affiliation_entity(&self, id: EntityId) -> Option<EntityId> {
        let affiliation = self.get(id)?.affiliation.as_deref()?;
        self.by_id(affiliation)
    }

    /// The affiliations of `id` outward (its organisation, that organisation's parent, …),
    /// stopping before any entity seen already so that a cycle ends the walk.
    pub fn affiliation_chain(&self, id: EntityId) -> Vec<EntityId> {
        let mut chain = Vec::new();
        let mut current = id;
        while let Some(next) = self.affiliation_entity(current) {
            if next == id || chain.contains(&next) {
                break;
            }
            chain.push(next);
            current = next;
        }
        chain
    }

    /// Every name, alias or unclaimed surname in `text`, leftmost-longest on word
    /// boundaries, possessives included, in order.
    ///
    /// A letter or digit may not touch either end of a match, so "Okafor" is not found in
    /// "Okaforville"; a possessive ("Okafor’s", "Okafor's") is fine and stays outside the
    /// span. Within a paragraph any run of whitespace matches the space in a name, so a name
    /// wrapped across lines is still found; a blank line never does. Matching is
    /// case-sensitive. The cost is linear in the text whatever the glossary's size.
    pub fn find_names(&self, text: &str) -> Vec<(Span, EntityId)> {
        match &self.matcher {
            Some(matcher) => matcher.find(text),
            None => Vec::new(),
        }
    }

    fn check_affiliations(&self, problems: &mut Vec<(usize, Diagnostic)>) {
        for entity in &self.entities {
            let Some(affiliation) = &entity.affiliation else { continue };
            if self.by_id(affiliation).is_none() {
                let span = entity.field_span("affiliation").unwrap_or(entity.header);
                let message = format!("affiliation `{affiliation}` names no entity in the glossary");
                problems.push((entity.file, Diagnostic::new(Code::GlossaryUnknownAffiliation, span, message)));
            }
        }
        self.check_affiliation_cycles(problems);
    }

    /// Reports each affiliation cycle once, at the affiliation of its last entity in
    /// glossary order (the one that closes the loop as the files are read).
    fn check_affiliation_cycles(&self, problems: &mut Vec<(usize, Diagnostic)>) {
        const UNSEEN: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![UNSEEN; self.entities.len()];
        for start in 0..self.entities.len() {
            let mut path = Vec::new();
            let mut node = Some(start);
            while let Some(current) = node {
                match state[current] {
                    UNSEEN => {
                        state[current] = ON_PATH;
                        path.push(current);
                        node = self.affiliation_entity(current);
                    }
                    ON_PATH => {
                        if let Some(position) = path.iter().position(|&member| member == current) {
                            problems.push(self.cycle_problem(&path[position..]));
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for member in path {
                state[member] = DONE;
            }
        }
    }

    fn cycle_problem(&self, cycle: &[EntityId]) -> (usize, Diagnostic) {
        let last = cycle.iter().copied().max().unwrap_or(0);
        let entity = self.entity(last);
        let span = entity.field_span("affiliation").unwrap_or(entity.header);
        let message = if cycle.len() == 1 {
            format!("`{}` is affiliated with itself", entity.id)
        } else {
            // Start the loop at the reported entity so the message reads from where it points.
            let start = cycle.iter().position(|&member| member == last).unwrap_or(0);
            let mut names: Vec<&str> =
                cycle[start..].iter().chain(&cycle[..start]).map(|&m| self.entity(m).id.as_str()).collect();
            names.push(entity.id.as_str());
            format!("affiliation cycle: {}", names.join(" → "))
        };
        (entity.file, Diagnostic::new(Code::GlossaryInvalidField, span, message))
    }
}

/// Decides which entity each name, alias and surname finds, reporting names and aliases
/// that two entities claim. Names are claimed before aliases, so an entity's own name
/// beats another's alias; between equals the nearer, earlier entity wins.
fn claim_names(entities: &[Entity], problems: &mut Vec<(usize, Diagnostic)>) -> Vec<(String, EntityId)> {
    let mut claims: HashMap<String, EntityId> = HashMap::new();
    let mut patterns = Vec::new();
    let mut claim = |pattern: &str, id: EntityId, span: Span, what: &str, problems: &mut Vec<(usize, Diagnostic)>| {
        let pattern = normalize_spaces(pattern);
        if pattern.is_empty() {
            return;
        }
        match claims.get(&pattern) {
            None => {
                claims.insert(pattern.clone(), id);
                patterns.push((pattern, id));
            }
            Some(&owner) if owner == id => {}
            Some(&owner) => {
                let entity = &entities[id];
                let first = &entities[owner];
                let message = format!(
                    "{what} `{pattern}` is already claimed by `{}` ({}); mentions of it go to `{}`",
                    first.id, first.name, first.id
                );
                let mut diagnostic = Diagnostic::new(Code::GlossaryDuplicateAlias, span, message);
                if first.file == entity.file {
                    diagnostic.related.push((first.header, format!("`{}` is defined here", first.id)));
                }
                problems.push((entity.file, diagnostic));
            }
        }
    };
    for (id, entity) in entities.iter().enumerate() {
        let span = entity.field_span("name").unwrap_or(entity.header);
        claim(&entity.name, id, span, "the name", problems);
    }
    for (id, entity) in entities.iter().enumerate() {
        for (index, alias) in entity.aliases.iter().enumerate() {
            claim(alias, id, entity.alias_span(index), "the alias", problems);
        }
    }

    // `Blue Cross Blue Shield` for the `Blue Cross Blue Shield Association`: a body's name
    // without its closing kind word, when three or more words remain (two would be
    // `Democratic National`, the start of other names) and no name or alias claims them.
    // (A surname is one word, so it never equals a short form.)
    for (id, entity) in entities.iter().enumerate() {
        if matches!(entity.kind, EntityKind::Organization | EntityKind::Group)
            && let Some(short) = short_form(&entity.name)
            && !claims.contains_key(short)
        {
            claims.insert(short.to_string(), id);
            patterns.push((short.to_string(), id));
        }
    }

    // A surname finds its person only when it is nobody else's name, alias or surname.
    let mut surnames: BTreeMap<&str, Vec<EntityId>> = BTreeMap::new();
    for (id, entity) in entities.iter().enumerate() {
        if entity.kind == EntityKind::Person
            && let Some(surname) = surname(&entity.name)
        {
            surnames.entry(surname).or_default().push(id);
        }
    }
    for (surname, people) in surnames {
        if let [person] = people[..]
            && !claims.contains_key(surname)
        {
            patterns.push((surname.to_string(), person));
        }
    }
    patterns
}

/// An organisation's name without its closing kind word (`Association`, `Foundation`,
/// `Commission`), when three or more capitalised words remain.
fn short_form(name: &str) -> Option<&str> {
    let (rest, last) = name.trim().rsplit_once(' ')?;
    let rest = rest.trim_end();
    let words = rest.split_whitespace().count();
    let capitalised = rest.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (lexicon::is_organization_noun(last) && words >= 3 && capitalised).then_some(rest)
}

/// The last word of a person's name, skipping suffixes such as "Jr.", when the name has
/// more than one word and that word is capitalised.
fn surname(name: &str) -> Option<&str> {
    const SUFFIXES: [&str; 7] = ["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];
    let mut words: Vec<&str> = name.split_whitespace().map(|w| w.trim_matches(',')).filter(|w| !w.is_empty()).collect();
    while words.len() > 2 && words.last().is_some_and(|last| SUFFIXES.contains(last)) {
        words.pop();
    }
    match words[..] {
        [_, .., last] if last.chars().next().is_some_and(char::is_uppercase) => Some(last),
        _ => None,
    }
}

/// Collapses runs of whitespace to one space, as names are matched.
fn normalize_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to this many names, aliases and surnames the matcher is a DFA; beyond, a contiguous
/// NFA. The bound is aho-corasick's own for choosing a DFA, which keeps its tables small.
const DFA_MAX_PATTERNS: usize = 100;
/// ... and only while no pattern is longer than this many bytes. Building the DFA follows
/// failure links from every state for every byte class, which is quadratic in the length
/// of a repetitive pattern: one alias of 40,000 `a`s took 47 s. The NFA is built in time
/// linear in the patterns' length (the same alias: under 10 ms) and finds the same matches.
const DFA_MAX_PATTERN_BYTES: usize = 128;

/// The automaton for these patterns: a DFA for a few short names, a contiguous NFA else.
fn automaton_kind(patterns: &[String]) -> AhoCorasickKind {
    if patterns.len() <= DFA_MAX_PATTERNS && patterns.iter().all(|p| p.len() <= DFA_MAX_PATTERN_BYTES) {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    }
}

/// An Aho-Corasick automaton over every name, alias and surname, with the entity each
/// pattern finds.
#[derive(Debug, Clone)]
struct NameMatcher {
    automaton: AhoCorasick,
    entities: Vec<EntityId>,
}

impl NameMatcher {
    fn new(patterns: Vec<(String, EntityId)>) -> Option<NameMatcher> {
        if patterns.is_empty() {
            return None;
        }
        let (patterns, entities): (Vec<String>, Vec<EntityId>) = patterns.into_iter().unzip();
        // Overlapping search reports every pattern at every position; the boundary filter
        // runs before choosing the longest, so a long match that fails its boundary still
        // lets a shorter one at the same place win.
        // A contiguous NFA: a fraction of a DFA's memory for tens of thousands of names,
        // and still one pass over the text. A typical glossary's few dozen names make a
        // small DFA, which finds the same matches about 20% faster.
        let kind = automaton_kind(&patterns);
        let automaton =
            AhoCorasick::builder().match_kind(MatchKind::Standard).kind(Some(kind)).build(&patterns).ok()?;
        Some(NameMatcher { automaton, entities })
    }

    fn find(&self, text: &str) -> Vec<(Span, EntityId)> {
        let haystack = Haystack::new(text);
        let mut candidates: Vec<(usize, usize, EntityId)> = self
            .automaton
            .find_overlapping_iter(&haystack.text)
            .filter_map(|found| {
                let start = haystack.source_offset(found.start())?;
                let end = haystack.source_offset(found.end().checked_sub(1)?)? + 1;
                let entity = *self.entities.get(found.pattern().as_usize())?;
                Some((start, end, entity))
            })
            .filter(|&(start, end, _)| on_word_boundaries(text, start, end))
            .collect();
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));

        let mut names = Vec::new();
        let mut taken_until = 0;
        for (start, end, entity) in candidates {
            if start >= taken_until {
                names.push((Span::new(start, end), entity));
                taken_until = end;
            }
        }
        names
    }
}

/// The text names are searched in: every run of whitespace inside a paragraph (a space,
/// a line break, a non-breaking space, or the blanks left where Markdown syntax was) becomes
/// one space, and a run holding a blank line becomes a line break, which no name contains.
/// So "Dana\nWhitfield" and "Dana **Whitfield**" are found, and nothing across paragraphs.
struct Haystack {
    text: String,
    /// Where the offsets of `text` and the source start to differ: each entry is a `text`
    /// offset and how far the source is ahead from there on. Most text collapses nothing,
    /// so this stays short, unlike a table with an entry for every byte.
    shifts: Vec<(usize, usize)>,
}

impl Haystack {
    fn new(source: &str) -> Haystack {
        let mut text = String::with_capacity(source.len());
        let mut shifts = Vec::new();
        // Source text before `copied` is in `text`. A lone space changes nothing, so text
        // is copied only up to a run of whitespace that collapses or becomes a line break,
        // in long stretches rather than word by word.
        let mut copied = 0;
        let mut from = 0;
        while let Some((start, first)) = next_space(source, from) {
            let mut line_breaks = usize::from(first == '\n');
            let mut run_len = first.len_utf8();
            for c in source[start + run_len..].chars() {
                if !c.is_whitespace() {
                    break;
                }
                line_breaks += usize::from(c == '\n');
                run_len += c.len_utf8();
            }
            let run_end = start + run_len;
            from = run_end;
            if first == ' ' && run_len == 1 {
                continue;
            }
            text.push_str(&source[copied..start]);
            text.push(if line_breaks >= 2 { '\n' } else { ' ' });
            let ahead = run_end - text.len();
            if shifts.last().map_or(0, |&(_, shift)| shift) != ahead {
                shifts.push((text.len(), ahead));
            }
            copied = run_end;
        }
        text.push_str(&source[copied..]);
        Haystack { text, shifts }
    }

    /// The source offset of the haystack byte at `offset`.
    fn source_offset(&self, offset: usize) -> Option<usize> {
        if offset >= self.text.len() {
            return None;
        }
        let index = self.shifts.partition_point(|&(from, _)| from <= offset);
        let ahead = index.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        Some(offset + ahead)
    }
}

/// The first whitespace character at or after byte `from` (a character boundary) and its
/// offset, passing over lone spaces between words, which [`Haystack::new`] leaves as they
/// are. Whitespace is ASCII but for a few multi-byte spaces (no-break, line separator,
/// ideographic), whose lead bytes are the only ones decoded.
fn next_space(source: &str, from: usize) -> Option<(usize, char)> {
    let bytes = source.as_bytes();
    let may_be_space = |byte: Option<&u8>| matches!(byte, Some(b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3));
    let mut at = from;
    while at < bytes.len() {
        // Most stretches of eight bytes are ASCII words and lone spaces: passed over whole.
        if bytes.get(at..at + 8).is_some_and(is_quiet) {
            at += 8;
            continue;
        }
        let stop = (at + 8).min(bytes.len());
        while at < stop {
            match bytes[at] {
                b' ' if !may_be_space(bytes.get(at + 1)) => {}
                b' ' | b'\t'..=b'\r' => return Some((at, bytes[at] as char)),
                0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                    if let Some(c) = source.get(at..).and_then(|rest| rest.chars().next()).filter(|c| c.is_whitespace())
                    {
                        return Some((at, c));
                    }
                }
                _ => {}
            }
            at += 1;
        }
    }
    None
}

/// True for eight bytes where [`next_space`] stops nowhere: all ASCII, no control
/// character, no two spaces together and no space last (whatever follows it).
fn is_quiet(chunk: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { return false };
    let x = u64::from_le_bytes(chunk);
    if x & HIGHS != 0 {
        return false;
    }
    // Per byte, exactly (no borrow crosses bytes once each has its high bit set): the high
    // bit of each byte below 0x0E, and of each space.
    let controls = !((x | HIGHS) - ONES * 0x0E) & HIGHS;
    let y = x ^ (ONES * u64::from(b' '));
    let spaces = !((y | HIGHS) - ONES) & HIGHS;
    controls == 0 && spaces & (spaces >> 8) == 0 && spaces >> 56 == 0
}

/// True when no letter or digit touches either end of `text[start..end]`. A possessive
/// ’s or 's after the name starts with an apostrophe, so it passes.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
