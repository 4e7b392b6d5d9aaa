//! The entity glossary: TOML files of people, organisations, publications and documents,
//! parsed with the span of every entity and field, merged into one index that finds names.

mod index;
mod parse;

pub use index::GlossaryIndex;
pub use parse::parse;

use std::borrow::Cow;

use super::{Diagnostic, Span};

/// Index of an entity in [`GlossaryIndex::entities`].
pub type EntityId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Publication,
    Place,
    Document,
    Group,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Publication,
        EntityKind::Place,
        EntityKind::Document,
        EntityKind::Group,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Publication => "publication",
            EntityKind::Place => "place",
            EntityKind::Document => "document",
            EntityKind::Group => "group",
        }
    }

    pub fn parse(name: &str) -> Option<EntityKind> {
        match name {
            "organisation" => Some(EntityKind::Organization),
            _ => EntityKind::ALL.into_iter().find(|kind| kind.as_str() == name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
}

impl Pronoun {
    pub fn as_str(self) -> &'static str {
        match self {
            Pronoun::He => "he",
            Pronoun::She => "she",
            Pronoun::They => "they",
            Pronoun::It => "it",
        }
    }

    /// Reads "he", "she/her", "they/them", "it", and the other forms of each.
    pub fn parse(word: &str) -> Option<Pronoun> {
        let first = word.split('/').next().unwrap_or(word).trim().to_lowercase();
        match first.as_str() {
            "he" | "him" | "his" => Some(Pronoun::He),
            "she" | "her" | "hers" => Some(Pronoun::She),
            "they" | "them" | "their" => Some(Pronoun::They),
            "it" | "its" => Some(Pronoun::It),
            _ => None,
        }
    }
}

/// A person's gender as the glossary gives it (`gender = "woman"`), for the source ledger's
/// shares; never guessed from a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    Woman,
    Man,
    Nonbinary,
    Unknown,
}

impl Gender {
    pub const ALL: [Gender; 4] = [Gender::Woman, Gender::Man, Gender::Nonbinary, Gender::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::Nonbinary => "nonbinary",
            Gender::Unknown => "unknown",
        }
    }

    /// Reads `woman`, `man`, `nonbinary` and `unknown`, and the common synonyms of each.
    pub fn parse(word: &str) -> Option<Gender> {
        match word.trim().to_lowercase().as_str() {
            "woman" | "female" | "f" => Some(Gender::Woman),
            "man" | "male" | "m" => Some(Gender::Man),
            "nonbinary" | "non-binary" | "non binary" => Some(Gender::Nonbinary),
            "unknown" | "" => Some(Gender::Unknown),
            _ => None,
        }
    }
}

/// One entity as written in a glossary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    /// Another entity's id.
    pub affiliation: Option<String>,
    pub description: Option<String>,
    pub pronouns: Option<Pronoun>,
    pub gender: Option<Gender>,
    /// Any other string fields, in file order, kept to be shown.
    pub extra: Vec<(String, String)>,
    /// Index of the glossary file in [`GlossaryIndex::files`]; 0 for a file parsed alone.
    pub file: usize,
    /// The `[id]` header.
    pub header: Span,
    /// Each field's value span, by field name, in file order. The names glossaries use
    /// (`name`, `kind`, `aliases[0]`, …) are shared static text rather than a string per
    /// entity: a 10,000-entity glossary has about 80,000 of them.
    pub fields: Vec<(Cow<'static, str>, Span)>,
}

impl Entity {
    /// The `gender` field, else what `pronouns` say (he: man, she: woman), else unknown.
    pub fn gender(&self) -> Gender {
        self.gender.unwrap_or(match self.pronouns {
            Some(Pronoun::He) => Gender::Man,
            Some(Pronoun::She) => Gender::Woman,
            _ => Gender::Unknown,
        })
    }

    pub fn field_span(&self, field: &str) -> Option<Span> {
        self.fields.iter().find(|(name, _)| name == field).map(|(_, span)| *span)
    }
}

/// One glossary file: the entities that loaded and the problems found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entities: Vec<Entity>,
    pub diagnostics: Vec<Diagnostic>,
}
