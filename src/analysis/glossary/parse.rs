//! Parsing one glossary file with spans.
//!
//! A well-formed file is read one table at a time: each table is parsed, read into its
//! entity and dropped before the next, so that a 10,000-entity file never holds its whole
//! spanned TOML tree (about 35 MB for 1.7 MB of TOML) at once. When that does not settle the
//! file (a table fails to parse, or two tables share a key), the whole file is parsed as one
//! document. When the TOML has syntax errors, the file is cut into its tables (each
//! `[header]` up to the next) and every table is parsed on its own, so that one broken
//! entity does not hide all the others: the broken tables report their errors and are left
//! out, the good ones load.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::parser::{Event, EventKind, RecursionGuard};

use super::{Entity, EntityKind, Gender, Glossary, Pronoun};
use crate::analysis::{Code, Diagnostic, Span};

/// Reads one glossary file. Never fails: problems become diagnostics at their place in
/// `text`, and every entity that could be read is kept.
pub fn parse(text: &str) -> Glossary {
    let mut glossary = read(text);
    for diagnostic in &mut glossary.diagnostics {
        diagnostic.span = settle(text, diagnostic.span);
    }
    glossary
}

/// Keeps a span inside the text, on character boundaries, and out of the middle of a CRLF,
/// where no editor position exists: TOML errors sometimes point between `\r` and `\n`.
fn settle(text: &str, span: Span) -> Span {
    let fix = |mut offset: usize| {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes().get(offset) == Some(&b'\n') {
            offset -= 1;
        }
        offset
    };
    let start = fix(span.start);
    Span::new(start, fix(span.end).max(start))
}

fn read(text: &str) -> Glossary {
    read_table_by_table(text).unwrap_or_else(|| read_whole(text))
}

/// Reads a well-formed file table by table, holding one table's parse at a time. Returns
/// None, for [`read_whole`] to decide, when a table does not parse on its own or when two
/// tables define the same top-level key (`[a.b]` and `[a.c]`, a key given twice).
///
/// The cuts are made before every line that starts with `[`. A cut inside a multi-line
/// string or array leaves the text before it unterminated, which fails to parse, so a wrong
/// cut never goes unnoticed; a header the cuts miss (an indented one) only makes a larger
/// piece. Pieces whose top-level keys are all distinct mean in TOML exactly what the whole
/// file means, so both readings give the same entities, spans and problems.
fn read_table_by_table(text: &str) -> Option<Glossary> {
    let mut reader = Reader::default();
    let mut keys: HashSet<String> = HashSet::new();
    for piece in line_start_pieces(text) {
        let piece_text = text.get(piece.clone())?;
        let (document, errors) = DeTable::parse_recoverable(piece_text);
        if !errors.is_empty() {
            return None;
        }
        for key in document.get_ref().keys() {
            if !keys.insert(key.get_ref().to_string()) {
                return None;
            }
        }
        reader.read_document(piece_text, piece.start, &document);
    }
    Some(reader.finish())
}

/// The byte ranges of `text` cut before every line that starts with `[`.
fn line_start_pieces(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let cuts = line_starts(bytes).filter(move |&start| start > 0 && bytes.get(start) == Some(&b'['));
    let mut start = 0;
    cuts.chain(std::iter::once(text.len())).filter_map(move |end| {
        let piece = start..end;
        start = end;
        (!piece.is_empty()).then_some(piece)
    })
}

/// The offset where every line after the first starts.
fn line_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(|&(_, &byte)| byte == b'\n').map(|(at, _)| at + 1)
}

/// Reads the file parsed as one document, and table by table when it has syntax errors.
fn read_whole(text: &str) -> Glossary {
    let mut reader = Reader::default();
    let (document, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        reader.read_document(text, 0, &document);
        return reader.finish();
    }

    let mut reported_syntax = false;
    for section in sections(text) {
        let Some(section_text) = text.get(section.clone()) else { continue };
        let (document, errors) = DeTable::parse_recoverable(section_text);
        if errors.is_empty() {
            reader.read_document(section_text, section.start, &document);
        } else {
            reported_syntax = true;
            for error in &errors {
                reader.syntax_error(error, section.start);
            }
        }
    }
    // A whole-file error that no single table shows (a duplicate header is caught by the
    // reader itself) must still be reported rather than lost.
    if !reported_syntax && !reader.reported_duplicate {
        for error in &errors {
            reader.syntax_error(error, 0);
        }
    }
    reader.finish()
}

/// The byte ranges of the file's tables: whatever precedes the first header, then each
/// `[header]` or `[[header]]` up to the next one.
fn sections(text: &str) -> Vec<Range<usize>> {
    let source = toml_parser::Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events: Vec<Event> = Vec::new();
    let mut guard = RecursionGuard::new(&mut events, RECURSION_LIMIT);
    toml_parser::parser::parse_document(&tokens, &mut guard, &mut ());

    let mut starts = vec![0];
    starts.extend(
        events
            .iter()
            .filter(|event| matches!(event.kind(), EventKind::StdTableOpen | EventKind::ArrayTableOpen))
            .map(|event| event.span().start())
            .filter(|&start| start > 0 && start <= text.len() && text.is_char_boundary(start)),
    );
    starts.dedup();
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(text.len());
    starts.into_iter().zip(ends).map(|(start, end)| start..end).collect()
}

/// Deeper nesting than any glossary needs; the limit keeps hostile input from exhausting
/// the stack.
const RECURSION_LIMIT: u32 = 80;

#[derive(Default)]
struct Reader {
    glossary: Glossary,
    /// Each id read so far with its header, to report an id defined twice.
    seen: HashMap<String, Span>,
    reported_duplicate: bool,
}

impl Reader {
    fn finish(mut self) -> Glossary {
        // Grown one entity at a time, the list has room for up to twice as many.
        self.glossary.entities.shrink_to_fit();
        self.glossary
    }

    fn report(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.glossary.diagnostics.push(Diagnostic::new(code, span, message));
    }

    fn syntax_error(&mut self, error: &toml::de::Error, offset: usize) {
        let span = error.span().map_or(Span::new(offset, offset), |range| shift(range, offset));
        let message = error.message().trim();
        self.report(Code::GlossarySyntax, span, format!("TOML syntax error: {message}"));
    }

    /// Reads the top-level tables of a parsed document (or of one section of the file,
    /// starting at `offset`) as entities, in file order.
    fn read_document(&mut self, text: &str, offset: usize, document: &Spanned<DeTable<'_>>) {
        let mut entries: Vec<_> = document.get_ref().iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in entries {
            let id = key.get_ref().as_ref();
            let key_span = shift(key.span(), offset);
            let value_span = shift(value.span(), offset);
            let DeValue::Table(table) = value.get_ref() else {
                let span = if value_span.is_empty() { key_span } else { value_span };
                self.report(
                    Code::GlossaryInvalidField,
                    span,
                    format!("`{id}` is not an entity: each entity is a table headed `[{id}]`"),
                );
                continue;
            };
            let header = header_span(text, offset, key.span(), value.span());
            if let Some(first) = self.seen.get(id) {
                let first = *first;
                self.reported_duplicate = true;
                let mut diagnostic = Diagnostic::new(
                    Code::GlossarySyntax,
                    header,
                    format!("entity `{id}` is defined twice in this file; the first definition is used"),
                );
                diagnostic.related.push((first, format!("`{id}` is first defined here")));
                self.glossary.diagnostics.push(diagnostic);
                continue;
            }
            self.seen.insert(id.to_string(), header);
            if let Some(entity) = self.read_entity(text, offset, id, header, table) {
                self.glossary.entities.push(entity);
            }
        }
    }

    fn read_entity(
        &mut self,
        text: &str,
        offset: usize,
        id: &str,
        header: Span,
        table: &DeTable<'_>,
    ) -> Option<Entity> {
        let mut entity = Entity {
            id: id.to_string(),
            name: String::new(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            role: None,
            affiliation: None,
            description: None,
            pronouns: None,
            gender: None,
            extra: Vec::new(),
            file: 0,
            header,
            fields: Vec::new(),
        };
        // The name may be present but unusable; that is reported once, as a bad field.
        let mut name_problem = false;

        let mut fields: Vec<_> = table.iter().collect();
        fields.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in fields {
            let field = key.get_ref().as_ref();
            let span = shift(value.span(), offset);
            entity.fields.push((field_name(field), span));
            let found = value.get_ref();
            match field {
                "name" => match found.as_str() {
                    Some(name) if !name.trim().is_empty() => entity.name = name.to_string(),
                    Some(_) => {
                        name_problem = true;
                        self.report(Code::GlossaryInvalidField, span, "`name` is empty");
                    }
                    None => {
                        name_problem = true;
                        self.expected_text(field, found, span);
                    }
                },
                "kind" => match found.as_str() {
                    Some(kind) => match EntityKind::parse(kind) {
                        Some(kind) => entity.kind = kind,
                        None => {
                            let known: Vec<&str> = EntityKind::ALL.iter().map(|kind| kind.as_str()).collect();
                            self.report(
                                Code::GlossaryUnknownKind,
                                span,
                                format!("unknown kind `{kind}`: expected one of {}", known.join(", ")),
                            );
                        }
                    },
                    None => self.expected_text(field, found, span),
                },
                "aliases" => self.read_aliases(offset, found, span, &mut entity),
                "role" => entity.role = self.text_field(field, found, span),
                "affiliation" => entity.affiliation = self.text_field(field, found, span),
                "description" => entity.description = self.text_field(field, found, span),
                "pronouns" => match found.as_str() {
                    Some(word) => match Pronoun::parse(word) {
                        Some(pronoun) => entity.pronouns = Some(pronoun),
                        None => self.report(
                            Code::GlossaryInvalidField,
                            span,
                            format!("unknown pronouns `{word}`: expected he, she, they or it"),
                        ),
                    },
                    None => self.expected_text(field, found, span),
                },
                "gender" => match found.as_str() {
                    Some(word) => match Gender::parse(word) {
                        Some(gender) => entity.gender = Some(gender),
                        None => self.report(
                            Code::GlossaryInvalidField,
                            span,
                            format!("unknown gender `{word}`: expected woman, man, nonbinary or unknown"),
                        ),
                    },
                    None => self.expected_text(field, found, span),
                },
                _ => match found {
                    DeValue::String(value) => entity.extra.push((field.to_string(), value.to_string())),
                    // Numbers, dates and booleans are shown as written.
                    DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {
                        entity.extra.push((field.to_string(), span_text(text, value.span()).to_string()))
                    }
                    DeValue::Array(_) | DeValue::Table(_) => self.expected_text(field, found, span),
                },
            }
        }

        if entity.name.is_empty() {
            if !name_problem {
                self.report(Code::GlossaryMissingName, header, format!("entity `{id}` has no `name`"));
            }
            return None;
        }
        Some(entity)
    }

    fn read_aliases(&mut self, offset: usize, found: &DeValue<'_>, span: Span, entity: &mut Entity) {
        let Some(items) = found.as_array() else {
            self.report(
                Code::GlossaryInvalidField,
                span,
                format!("`aliases` must be a list of names, such as [\"…\"], not {}", describe_type(found)),
            );
            return;
        };
        for item in items.iter() {
            let item_span = shift(item.span(), offset);
            match item.get_ref().as_str() {
                Some(alias) if !alias.trim().is_empty() => {
                    entity.fields.push((alias_field(entity.aliases.len()), item_span));
                    entity.aliases.push(alias.to_string());
                }
                Some(_) => self.report(Code::GlossaryInvalidField, item_span, "an alias is empty"),
                None => self.report(
                    Code::GlossaryInvalidField,
                    item_span,
                    format!("an alias must be text, not {}", describe_type(item.get_ref())),
                ),
            }
        }
    }

    fn text_field(&mut self, field: &str, found: &DeValue<'_>, span: Span) -> Option<String> {
        match found.as_str() {
            Some(value) => Some(value.to_string()),
            None => {
                self.expected_text(field, found, span);
                None
            }
        }
    }

    fn expected_text(&mut self, field: &str, found: &DeValue<'_>, span: Span) {
        self.report(Code::GlossaryInvalidField, span, format!("`{field}` must be text, not {}", describe_type(found)));
    }
}

impl Entity {
    /// The span of the alias at `index` in [`Entity::aliases`], falling back to the whole
    /// `aliases` list and then to the header when the entity was not read from a file.
    pub fn alias_span(&self, index: usize) -> Span {
        self.field_span(&alias_field(index)).or_else(|| self.field_span("aliases")).unwrap_or(self.header)
    }
}

/// The name under which [`Entity::fields`] keeps the span of the alias at `index`.
fn alias_field(index: usize) -> Cow<'static, str> {
    const FIRST: [&str; 8] = [
        "aliases[0]",
        "aliases[1]",
        "aliases[2]",
        "aliases[3]",
        "aliases[4]",
        "aliases[5]",
        "aliases[6]",
        "aliases[7]",
    ];
    match FIRST.get(index) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(format!("aliases[{index}]")),
    }
}

/// A field's name for [`Entity::fields`]: static text for the fields the reader knows.
fn field_name(field: &str) -> Cow<'static, str> {
    const KNOWN: [&str; 8] = ["name", "kind", "aliases", "role", "affiliation", "description", "pronouns", "gender"];
    match KNOWN.iter().find(|known| **known == field) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(field.to_string()),
    }
}

/// The `[id]` header of a table when it has one; for a dotted header (`[a.b]`) or an
/// inline table, the id's key.
fn header_span(text: &str, offset: usize, key: Range<usize>, table: Range<usize>) -> Span {
    let bracketed = table.start <= key.start && key.end <= table.end && span_text(text, table.clone()).starts_with('[');
    shift(if bracketed { table } else { key }, offset)
}

fn span_text(text: &str, range: Range<usize>) -> &str {
    text.get(range).unwrap_or("")
}

fn shift(range: Range<usize>, offset: usize) -> Span {
    Span::new(range.start + offset, range.end + offset)
}

fn describe_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
pub(super) mod fixture;
#[cfg(test)]
mod tests;
