//! `report --format json`: one JSON document, the schema of docs/report.md.

use serde_json::{Map, Value, json};

use super::Report;
use crate::analysis::ledger::{Ledger, Place};

/// The version of the schema in docs/report.md; raised when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

pub fn to_string(report: &Report) -> String {
    let articles: Vec<Value> = report
        .articles
        .iter()
        .map(|(path, ledger)| {
            let mut record = Map::new();
            record.insert("path".into(), json!(path));
            record.extend(ledger_value(report, ledger, Some(path)));
            Value::Object(record)
        })
        .collect();
    let value = json!({
        "version": SCHEMA_VERSION,
        "articles": articles,
        "total": Value::Object(ledger_value(report, &report.total, None)),
    });
    value.to_string()
}

/// A ledger's fields; `path` is the article's own, else each place names its article.
fn ledger_value(report: &Report, ledger: &Ledger, path: Option<&str>) -> Map<String, Value> {
    let place = |at: Place| {
        json!({
            "path": path.unwrap_or_else(|| report.path(at.article)),
            "line": at.line,
            "start": at.span.start,
            "end": at.span.end,
        })
    };
    let sources: Vec<Value> = ledger
        .sources
        .iter()
        .map(|s| {
            json!({
                "entity": s.entity,
                "name": s.name,
                "kind": s.kind_str(),
                "role": s.role,
                "affiliation": s.affiliation,
                "gender": s.gender.as_str(),
                "named": s.named,
                "quotations": s.quotations,
                "attributed": s.attributed,
                "assumed": s.assumed,
                "direct": s.direct,
                "partial": s.partial,
                "words": s.words,
                "according_to": s.according_to,
                "first": place(s.first),
            })
        })
        .collect();
    let unattributed: Vec<Value> = ledger
        .unattributed
        .iter()
        .map(|u| json!({ "at": place(u.at), "words": u.words, "likely_speaker": u.likely_speaker }))
        .collect();
    let unquoted: Vec<Value> = ledger
        .unquoted
        .iter()
        .map(|u| {
            json!({
                "entity": u.entity,
                "name": u.name,
                "kind": u.kind.as_str(),
                "mentions": u.mentions,
                "first": place(u.first),
            })
        })
        .collect();
    let according_to: Vec<Value> = ledger
        .according_to
        .iter()
        .map(|a| json!({ "at": place(a.at), "source": a.source, "speaker": a.speaker }))
        .collect();
    let by_gender: Map<String, Value> =
        ledger.by_gender().into_iter().map(|(gender, n)| (gender.as_str().to_string(), json!(n))).collect();
    let by_kind: Map<String, Value> = ledger.by_kind().into_iter().map(|(kind, n)| (kind.to_string(), json!(n))).collect();

    let mut map = Map::new();
    map.insert("articles".into(), json!(ledger.articles));
    map.insert("quotations".into(), json!(ledger.quotations));
    map.insert("words_quoted".into(), json!(ledger.words_quoted));
    map.insert("direct".into(), json!(ledger.direct));
    map.insert("partial".into(), json!(ledger.partial));
    map.insert("named_sources".into(), json!(ledger.named_sources()));
    map.insert("anonymous_sources".into(), json!(ledger.anonymous_sources()));
    map.insert("sources".into(), Value::Array(sources));
    map.insert("unattributed".into(), Value::Array(unattributed));
    map.insert("unquoted".into(), Value::Array(unquoted));
    map.insert("according_to".into(), Value::Array(according_to));
    map.insert("by_gender".into(), Value::Object(by_gender));
    map.insert("by_kind".into(), Value::Object(by_kind));
    map
}
