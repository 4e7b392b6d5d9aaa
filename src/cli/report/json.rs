//! `report --format json`: one JSON document, the schema of docs/report.md. Serialised from
//! borrowed records rather than built as a `serde_json::Value` tree: over the 924 PolNeAR
//! articles the tree took 140 ms of the run's 220 ms.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Report;
use crate::analysis::ledger::{Ledger, Place};

/// The version of the schema in docs/report.md; raised when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    articles: Vec<ArticleRecord<'a>>,
    total: LedgerRecord<'a>,
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    path: &'a str,
    #[serde(flatten)]
    ledger: LedgerRecord<'a>,
}

#[derive(Serialize)]
struct LedgerRecord<'a> {
    articles: usize,
    quotations: usize,
    words_quoted: usize,
    direct: usize,
    partial: usize,
    named_sources: usize,
    anonymous_sources: usize,
    sources: Vec<SourceRecord<'a>>,
    unattributed: Vec<UnattributedRecord<'a>>,
    unquoted: Vec<UnquotedRecord<'a>>,
    according_to: Vec<AccordingToRecord<'a>>,
    by_gender: BTreeMap<&'static str, usize>,
    by_kind: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct PlaceRecord<'a> {
    path: &'a str,
    line: usize,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SourceRecord<'a> {
    entity: Option<&'a str>,
    name: &'a str,
    kind: &'static str,
    role: Option<&'a str>,
    affiliation: Option<&'a str>,
    gender: &'static str,
    named: bool,
    quotations: usize,
    attributed: usize,
    assumed: usize,
    direct: usize,
    partial: usize,
    words: usize,
    according_to: usize,
    first: PlaceRecord<'a>,
}

#[derive(Serialize)]
struct UnattributedRecord<'a> {
    at: PlaceRecord<'a>,
    words: usize,
    likely_speaker: Option<&'a str>,
}

#[derive(Serialize)]
struct UnquotedRecord<'a> {
    entity: &'a str,
    name: &'a str,
    kind: &'static str,
    mentions: usize,
    first: PlaceRecord<'a>,
}

#[derive(Serialize)]
struct AccordingToRecord<'a> {
    at: PlaceRecord<'a>,
    source: &'a str,
    speaker: &'a str,
}

pub fn to_string(report: &Report) -> String {
    let document = Document {
        version: SCHEMA_VERSION,
        articles: report
            .articles
            .iter()
            .map(|(path, ledger)| ArticleRecord { path, ledger: ledger_record(report, ledger, Some(path)) })
            .collect(),
        total: ledger_record(report, &report.total, None),
    };
    serde_json::to_string(&document).expect("records hold only strings, numbers and booleans")
}

/// A ledger's record; `path` is the article's own, else each place names its article.
fn ledger_record<'a>(report: &'a Report, ledger: &'a Ledger, path: Option<&'a str>) -> LedgerRecord<'a> {
    let place = |at: Place| PlaceRecord {
        path: path.unwrap_or_else(|| report.path(at.article)),
        line: at.line,
        start: at.span.start,
        end: at.span.end,
    };
    LedgerRecord {
        articles: ledger.articles,
        quotations: ledger.quotations,
        words_quoted: ledger.words_quoted,
        direct: ledger.direct,
        partial: ledger.partial,
        named_sources: ledger.named_sources(),
        anonymous_sources: ledger.anonymous_sources(),
        sources: ledger
            .sources
            .iter()
            .map(|s| SourceRecord {
                entity: s.entity.as_deref(),
                name: &s.name,
                kind: s.kind_str(),
                role: s.role.as_deref(),
                affiliation: s.affiliation.as_deref(),
                gender: s.gender.as_str(),
                named: s.named,
                quotations: s.quotations,
                attributed: s.attributed,
                assumed: s.assumed,
                direct: s.direct,
                partial: s.partial,
                words: s.words,
                according_to: s.according_to,
                first: place(s.first),
            })
            .collect(),
        unattributed: ledger
            .unattributed
            .iter()
            .map(|u| UnattributedRecord {
                at: place(u.at),
                words: u.words,
                likely_speaker: u.likely_speaker.as_deref(),
            })
            .collect(),
        unquoted: ledger
            .unquoted
            .iter()
            .map(|u| UnquotedRecord {
                entity: &u.entity,
                name: &u.name,
                kind: u.kind.as_str(),
                mentions: u.mentions,
                first: place(u.first),
            })
            .collect(),
        according_to: ledger
            .according_to
            .iter()
            .map(|a| AccordingToRecord { at: place(a.at), source: &a.source, speaker: &a.speaker })
            .collect(),
        by_gender: ledger.by_gender().into_iter().map(|(gender, n)| (gender.as_str(), n)).collect(),
        by_kind: ledger.by_kind().into_iter().collect(),
    }
}
