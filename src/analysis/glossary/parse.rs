//! Parsing one glossary file with spans.

use super::Glossary;

pub fn parse(_text: &str) -> Glossary {
    Glossary::default() // FIXME(glossary helper)
}
