//! Deterministic generators of news-like articles and entity glossaries for the benchmarks.
//!
//! Every name here is invented. The article generator writes the attribution forms of the
//! foundation issue (speaker after the quote, `said Name`, `Name said: “…”`, `said that`,
//! partial quotes, `according to`, appositives, titles before names, organisations and
//! documents as sources, pronoun chains, run-on quotations, unattributed quotes, scare
//! quotes and titles), with names drawn from a generated glossary, so that the benchmarks
//! measure the engine on text shaped like its real input.
//!
//! The same seed always gives the same text, so figures can be compared across commits.

#![allow(dead_code)]

use std::fmt::Write;

/// A small, fast, deterministic generator (xorshift64*); statistical quality does not matter
/// here, only that the text is varied and reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // A zero state would stay zero forever.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound`; `bound` must be positive.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A person the articles can quote.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub surname: String,
    /// "he", "she" or "they".
    pub pronoun: &'static str,
    /// An office written before the name: "Councillor", "Judge".
    pub title: &'static str,
    /// A description for appositives: "the club's head coach".
    pub role: String,
}

/// An organisation, publication or document the articles can cite.
#[derive(Debug, Clone)]
pub struct Body {
    pub name: String,
}

/// The entities an article draws its names from.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub people: Vec<Person>,
    pub organizations: Vec<Body>,
    pub publications: Vec<Body>,
    pub documents: Vec<Body>,
}

/// A glossary file's text and the cast it defines.
#[derive(Debug, Clone)]
pub struct GeneratedGlossary {
    pub toml: String,
    pub cast: Cast,
    pub entities: usize,
    pub aliases: usize,
}

/// The typical glossary of one story: ten entities (six people, two organisations, a
/// newspaper and a report) around a city council, a football club and a court case.
pub fn small_glossary() -> GeneratedGlossary {
    let mut out = GlossaryWriter::default();
    for person in core_people() {
        out.person(&person, &[person.surname.clone(), format!("{} {}", person.title, person.surname)]);
    }
    out.body(
        "harrowgate-council",
        "Harrowgate Borough Council",
        "organization",
        &["the borough council", "Harrowgate council"],
    );
    out.body("kestrel-vale-fc", "Kestrel Vale FC", "organization", &["Kestrel Vale", "the Kestrels"]);
    out.body("harrowgate-courier", "The Harrowgate Courier", "publication", &["Harrowgate Courier", "the Courier"]);
    out.body(
        "stadium-review",
        "Brightwater Stadium Review",
        "document",
        &["the stadium review", "the Brightwater review"],
    );
    out.finish()
}

/// A newsroom-sized glossary: the ten entities of [`small_glossary`] plus generated people
/// and organisations up to `entities` in all, each with three aliases (10,000 entities give
/// 30,000 aliases). Every generated name and alias is distinct, so the index reports no
/// duplicate claims.
pub fn large_glossary(entities: usize) -> GeneratedGlossary {
    let mut out = GlossaryWriter::default();
    for person in core_people() {
        out.person(
            &person,
            &[person.surname.clone(), format!("{} {}", person.title, person.surname), initial_and_surname(&person)],
        );
    }
    out.body(
        "harrowgate-council",
        "Harrowgate Borough Council",
        "organization",
        &["the borough council", "Harrowgate council", "HBC"],
    );
    out.body("kestrel-vale-fc", "Kestrel Vale FC", "organization", &["Kestrel Vale", "the Kestrels", "KVFC"]);
    out.body(
        "harrowgate-courier",
        "The Harrowgate Courier",
        "publication",
        &["Harrowgate Courier", "the Courier", "the Harrowgate paper"],
    );
    out.body(
        "stadium-review",
        "Brightwater Stadium Review",
        "document",
        &["the stadium review", "the Brightwater review", "the Brightwater report"],
    );
    let mut rng = Rng::new(0xC0FFEE);
    for index in 0..entities.saturating_sub(out.entities) {
        let surname = invented_surname(index);
        if index % 5 == 4 {
            let word = rng.pick(ORGANIZATION_WORDS);
            let name = format!("{surname} {word}");
            let aliases =
                [format!("the {surname} {}", word.to_lowercase()), surname.to_uppercase(), format!("{surname} board")];
            out.body(&format!("org-{index}"), &name, "organization", &aliases);
        } else {
            let first = rng.pick(FIRST_NAMES);
            let (title, role) = *rng.pick(OFFICES);
            let person = Person {
                name: format!("{first} {surname}"),
                surname: surname.clone(),
                pronoun: *rng.pick(&["he", "she", "they"]),
                title,
                role: role.to_string(),
            };
            let aliases = [surname.clone(), format!("{title} {surname}"), initial_and_surname(&person)];
            out.person_with_id(&format!("person-{index}"), &person, &aliases);
        }
    }
    out.finish()
}

/// A news-like article of at least `target_bytes` bytes (cut at a paragraph end), with a
/// Markdown headline and blank lines between paragraphs, so it reads as Markdown and as
/// plain text alike. Speakers come from `cast`, plus a few invented names that are in no
/// glossary (quoted bystanders).
pub fn article(cast: &Cast, target_bytes: usize, seed: u64) -> String {
    let mut writer = ArticleWriter::new(cast, seed, target_bytes);
    writer.write(|out, _| out.len() >= target_bytes);
    writer.out
}

/// The same kind of article, of at least `target_words` whitespace-separated words.
pub fn article_of_words(cast: &Cast, target_words: usize, seed: u64) -> String {
    let mut writer = ArticleWriter::new(cast, seed, target_words * 7);
    writer.write(|_, words| words >= target_words);
    writer.out
}

// ---------------------------------------------------------------------------------------
// Glossaries.

fn core_people() -> Vec<Person> {
    let person = |name: &str, pronoun, title, role: &str| Person {
        name: name.to_string(),
        surname: name.rsplit(' ').next().unwrap_or(name).to_string(),
        pronoun,
        title,
        role: role.to_string(),
    };
    vec![
        person("Marisol Quenby", "she", "Mayor", "the mayor of Harrowgate"),
        person("Teodor Alvani", "he", "Councillor", "chair of the planning committee"),
        person("Odile Brannock", "she", "Judge", "the presiding judge"),
        person("Caspar Lindqvist-Oyelaran", "he", "Coach", "the club's head coach"),
        person("Rufus Penhallow", "he", "Inspector", "a senior police inspector"),
        person("Sable Okonjo-Whitby", "they", "Director", "director of the supporters' trust"),
    ]
}

fn initial_and_surname(person: &Person) -> String {
    let initial = person.name.chars().next().unwrap_or('X');
    format!("{initial}. {}", person.surname)
}

/// A surname that differs for every index: three syllables from a 32-syllable table, read
/// as digits of the index in base 32 (32,768 distinct surnames).
fn invented_surname(index: usize) -> String {
    let syllables = [
        "ka", "lo", "ven", "dar", "mi", "sor", "tel", "bru", "quin", "ash", "po", "rel", "zan", "fey", "gor", "hal",
        "jun", "ket", "lim", "nor", "oss", "pel", "ruv", "sta", "tor", "ul", "vash", "wen", "yar", "zel", "bex",
        "crim",
    ];
    let mut surname = String::new();
    let mut rest = index;
    for _ in 0..3 {
        surname.push_str(syllables[rest % 32]);
        rest /= 32;
    }
    surname.push_str("ard");
    let mut chars = surname.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

const FIRST_NAMES: &[&str] = &[
    "Aldric", "Brisa", "Cormac", "Delphine", "Evander", "Fenna", "Gideon", "Halcyon", "Ilsa", "Jorund", "Kasimir",
    "Liora", "Mateus", "Nerys", "Oriel", "Perpetua", "Quillon", "Rosalind", "Soren", "Tamsin", "Ulrike", "Vasco",
    "Wrenna", "Xanthe", "Yusra", "Zebedee", "Anouk", "Bartok", "Cressida", "Dagny",
];

const OFFICES: &[(&str, &str)] = &[
    ("Councillor", "a ward councillor"),
    ("Judge", "a circuit judge"),
    ("Coach", "the assistant coach"),
    ("Inspector", "a detective inspector"),
    ("Director", "a housing director"),
    ("Professor", "a professor of urban planning"),
    ("Senator", "a state senator"),
    ("Chief", "the fire chief"),
];

const ORGANIZATION_WORDS: &[&str] =
    &["Trust", "Association", "Rowing Club", "Foundation", "Tenants Union", "Chamber", "Cooperative", "Institute"];

#[derive(Default)]
struct GlossaryWriter {
    toml: String,
    cast: Cast,
    entities: usize,
    aliases: usize,
}

impl GlossaryWriter {
    fn person(&mut self, person: &Person, aliases: &[String]) {
        let id = person.name.to_lowercase().replace(' ', "-");
        self.person_with_id(&id, person, aliases);
    }

    fn person_with_id(&mut self, id: &str, person: &Person, aliases: &[String]) {
        let _ = write!(
            self.toml,
            "[{id}]\nname = \"{}\"\nkind = \"person\"\naliases = {}\nrole = \"{}\"\npronouns = \"{}\"\n\n",
            person.name,
            toml_list(aliases),
            person.role,
            person.pronoun
        );
        self.entities += 1;
        self.aliases += aliases.len();
        self.cast.people.push(person.clone());
    }

    fn body<S: AsRef<str>>(&mut self, id: &str, name: &str, kind: &str, aliases: &[S]) {
        let aliases: Vec<String> = aliases.iter().map(|a| a.as_ref().to_string()).collect();
        let _ =
            write!(self.toml, "[{id}]\nname = \"{name}\"\nkind = \"{kind}\"\naliases = {}\n\n", toml_list(&aliases));
        self.entities += 1;
        self.aliases += aliases.len();
        let body = Body { name: name.to_string() };
        match kind {
            "publication" => self.cast.publications.push(body),
            "document" => self.cast.documents.push(body),
            _ => self.cast.organizations.push(body),
        }
    }

    fn finish(self) -> GeneratedGlossary {
        GeneratedGlossary { toml: self.toml, cast: self.cast, entities: self.entities, aliases: self.aliases }
    }
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|a| format!("\"{a}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------------------
// Articles.

/// Quoted bystanders who are in no glossary: each becomes an `unknown-speaker`.
const BYSTANDERS: &[&str] = &["Orla Venncastle", "Pim Achterberg-Sloane", "Juniper Maddox-Reyne", "Idris Fallowfield"];

const SUBJECTS: &[&str] = &[
    "the new stand",
    "the rezoning plan",
    "the ticket prices",
    "the appeal",
    "the parking levy",
    "this season",
    "the verdict",
    "the youth academy",
    "the flood barrier",
    "the budget",
];

const VERBS: &[&str] = &[
    "will change",
    "has never helped",
    "cannot fix",
    "was always going to test",
    "should protect",
    "has divided",
    "does not reflect",
    "must not delay",
];

const OBJECTS: &[&str] = &[
    "the people who live here",
    "families on the east side",
    "anyone who comes to matches",
    "the trust between us",
    "the town’s finances",
    "what the court was asked to decide",
    "small businesses on the high street",
    "the players we’ve developed since the ’90s",
];

const CLOSERS: &[&str] = &[
    "and we’ll keep saying so",
    "whatever the committee decides",
    "and that is not a small thing",
    "but we don’t have the full picture yet",
    "and nobody should pretend otherwise",
    "if we are honest with ourselves",
];

const SCARE_TERMS: &[&str] =
    &["fan zone", "temporary", "consultation", "world-class", "listening exercise", "witch hunt"];

const TITLES: &[&str] = &["Goals of Autumn", "The Long Ward", "Harbour Lights", "A Quiet Verdict"];

const NARRATION: &[&str] = &[
    "The meeting ran past midnight, and several residents left before the final vote.",
    "Attendance at home matches has fallen by a fifth over three seasons, club figures show.",
    "The hearing is expected to last two weeks, with a ruling due before the winter break.",
    "Construction crews have been on site since March, although work paused during the summer.",
    "Supporters gathered outside the town hall on Saturday, holding scarves and hand-painted signs.",
    "The borough’s budget gap for next year is estimated at 4.2 million pounds.",
];

const DAYS: &[&str] =
    &["on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "on Friday morning", "at the weekend"];

struct ArticleWriter<'a> {
    rng: Rng,
    cast: &'a Cast,
    out: String,
}

impl<'a> ArticleWriter<'a> {
    fn new(cast: &'a Cast, seed: u64, capacity: usize) -> ArticleWriter<'a> {
        ArticleWriter { rng: Rng::new(seed), cast, out: String::with_capacity(capacity + 4096) }
    }

    /// Writes stories of a dozen paragraphs until `enough(text, words)` holds after a
    /// paragraph.
    fn write(&mut self, enough: impl Fn(&str, usize) -> bool) {
        let mut words = 0;
        let mut story = 0;
        loop {
            for paragraph in 0..14 {
                let start = self.out.len();
                match paragraph {
                    0 => self.headline(story),
                    1 => self.lede(),
                    _ => self.paragraph(),
                }
                words += self.out[start..].split_whitespace().count();
                if enough(&self.out, words) {
                    return;
                }
            }
            story += 1;
        }
    }

    /// A story opens with a headline and a lede; a dozen paragraphs in the attribution
    /// forms follow, with a few people who speak several times so that pronouns have
    /// someone to resolve to.
    fn headline(&mut self, number: usize) {
        let subject = *self.rng.pick(SUBJECTS);
        let _ = write!(self.out, "# Story {number}: row over {subject} deepens\n\n");
    }

    fn lede(&mut self) {
        let subject = *self.rng.pick(SUBJECTS);
        let lead = self.person().clone();
        let org = self.organization();
        let day = *self.rng.pick(DAYS);
        let _ = write!(
            self.out,
            "{} clashed with {org} {day} over {subject}, the latest turn in a dispute that has run for months.\n\n",
            lead.name
        );
    }

    fn paragraph(&mut self) {
        // Every ingredient is drawn up front, whichever form is chosen, so that the text
        // depends only on the seed.
        let form = self.rng.below(20);
        let p = self.person().clone();
        let mut other = self.person().clone();
        if other.name == p.name {
            // Someone else: step past the speaker by a random distance short of a full lap.
            let people = &self.cast.people;
            let at = people.iter().position(|x| x.name == p.name).unwrap_or(0);
            other = people[(at + 1 + self.rng.below(people.len() - 1)) % people.len()].clone();
        }
        let (q, q2, q3) = (self.quote(), self.quote(), self.quote());
        let fragment = self.fragment();
        let org = self.organization();
        let doc = self.document();
        let publication = self.publication();
        let day = *self.rng.pick(DAYS);
        let subject = *self.rng.pick(SUBJECTS);
        let term = *self.rng.pick(SCARE_TERMS);
        let title = *self.rng.pick(TITLES);
        let bystander = *self.rng.pick(BYSTANDERS);
        let narration = *self.rng.pick(NARRATION);
        let (open, close) = if self.rng.chance(85) { ("“", "”") } else { ("\"", "\"") };
        let out = &mut self.out;
        let _ = match form {
            0 => write!(out, "{open}{q},{close} {} said.", p.name),
            1 => write!(out, "{open}{q},{close} said {}.", p.surname),
            2 => write!(out, "{} said: {open}{q}.{close}", p.name),
            3 => write!(out, "{} said that {open}{fragment}{close} and called for calm.", p.surname),
            // A partial quote inside the speaker's own sentence.
            4 => write!(out, "{} said {org} {open}{fragment}{close} before the vote.", p.surname),
            5 => write!(out, "The plan {fragment}, according to {doc}."),
            6 => write!(out, "{}, {} at {org}, told {publication}: {open}{q}.{close}", p.name, p.role),
            7 => write!(out, "{} {} said {open}{q}{close} in a statement.", p.title, p.name),
            8 => write!(out, "{org}’s spokesperson said {open}{q}.{close}"),
            // A document as source, after an attribution that names the document.
            9 => write!(out, "{} issued a statement {day}. {open}{q},{close} the statement read.", p.name),
            // A pronoun chain: the speaker is named once, then referred to by pronoun, and
            // a second quotation follows its attribution.
            10 | 11 => write!(
                out,
                "{open}{q},{close} {} said. {open}{q2}.{close}\n\n{open}{q3},{close} {} added.",
                p.name, p.pronoun
            ),
            // An unattributed quotation: readers will assume the previous speaker said it.
            12 => write!(out, "{open}{q}.{close}"),
            13 => write!(
                out,
                "Critics called the arrangement a {open}{term}{close} fix, and the club’s memoir {open}{title}{close} did not help."
            ),
            // A quotation that runs on into the next paragraph, attributed once.
            14 => write!(out, "{open}{q}.\n\n{open}{q2},{close} {} said.", p.surname),
            15 => write!(out, "{open}{q},{close} said {bystander}, who lives near the ground."),
            // Another person is named between the speaker and the pronoun.
            16 => write!(
                out,
                "{} met {} {day} to discuss {subject}. {open}{q},{close} {} said.",
                p.name, other.name, p.pronoun
            ),
            _ => write!(out, "{narration} {} did not respond to a request for comment.", p.surname),
        };
        out.push_str("\n\n");
    }

    fn person(&mut self) -> &Person {
        // Favour a few recurring speakers, as a story does, but draw from the whole cast.
        let people = &self.cast.people;
        if self.rng.chance(70) {
            &people[self.rng.below(people.len().min(6))]
        } else {
            &people[self.rng.below(people.len())]
        }
    }

    fn organization(&mut self) -> String {
        self.rng.pick(&self.cast.organizations).name.clone()
    }

    fn publication(&mut self) -> String {
        self.rng.pick(&self.cast.publications).name.clone()
    }

    fn document(&mut self) -> String {
        self.rng.pick(&self.cast.documents).name.clone()
    }

    fn quote(&mut self) -> String {
        let subject = *self.rng.pick(SUBJECTS);
        let mut q = format!("{} {} {}", capitalise_first(subject), self.rng.pick(VERBS), self.rng.pick(OBJECTS));
        if self.rng.chance(40) {
            q.push_str(", ");
            q.push_str(*self.rng.pick(CLOSERS));
        }
        q
    }

    fn fragment(&mut self) -> String {
        format!("{} {}", self.rng.pick(VERBS), self.rng.pick(OBJECTS))
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
