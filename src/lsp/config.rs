//! Server settings, read from `initializationOptions` and `workspace/didChangeConfiguration`.
//!
//! Both accept the settings at the top level or under a `copydesk` key, in camelCase:
//! `{"severities": {"unknown-speaker": "hint", "ambiguous-speaker": "off"}, "debounceMs": 0,
//! "glossaries": ["shared/people.toml"], "maxDocumentSize": 1000000}`. A severity of
//! `default` removes an override. These settings override the project's `copydesk.toml`
//! (see [`Config::over_project`]).

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::analysis::{Code, Severity};
use crate::workspace::project_config::ProjectConfig;

/// Analysis waits this long after the last keystroke before it runs.
pub const DEFAULT_DEBOUNCE_MS: u64 = 150;
/// Documents larger than this are not analysed, so a huge paste cannot stall the server.
pub const DEFAULT_MAX_DOCUMENT_SIZE: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Per-code severity overrides; `None` turns the code off.
    pub severities: HashMap<Code, Option<Severity>>,
    pub debounce_ms: u64,
    /// Extra glossary files, relative to the workspace root unless absolute.
    pub glossaries: Vec<PathBuf>,
    pub max_document_size: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            severities: HashMap::new(),
            debounce_ms: DEFAULT_DEBOUNCE_MS,
            glossaries: Vec::new(),
            max_document_size: DEFAULT_MAX_DOCUMENT_SIZE,
        }
    }
}

impl Config {
    /// The severity to publish for `code`, or None when configuration turned it off.
    pub fn severity(&self, code: Code, reported: Severity) -> Option<Severity> {
        match self.severities.get(&code) {
            Some(configured) => *configured,
            None => Some(reported),
        }
    }

    /// These editor settings over a project's `copydesk.toml`: a severity the editor sets
    /// wins, and the editor's glossaries come after the project's.
    pub fn over_project(&self, project: Option<&ProjectConfig>) -> Config {
        let Some(project) = project else { return self.clone() };
        let mut merged = self.clone();
        for (code, level) in &project.severities {
            merged.severities.entry(*code).or_insert(*level);
        }
        merged.glossaries = project.glossaries.iter().cloned().chain(self.glossaries.iter().cloned()).collect();
        merged
    }

    /// Applies the settings found in `value` on top of `self`, leaving unmentioned settings
    /// as they are. Returns a description of every setting that could not be read.
    pub fn update(&mut self, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let settings = value.get("copydesk").unwrap_or(value);
        let Some(settings) = settings.as_object() else {
            return problems;
        };
        if let Some(severities) = settings.get("severities") {
            match severities.as_object() {
                Some(map) => {
                    for (name, level) in map {
                        let Some(code) = Code::parse(name) else {
                            problems.push(format!("severities: unknown code `{name}`"));
                            continue;
                        };
                        match level.as_str() {
                            // The editor's way to say "not set here": the project's
                            // copydesk.toml, else the built-in level, applies.
                            Some("default") => {
                                self.severities.remove(&code);
                            }
                            Some("off" | "none") => {
                                self.severities.insert(code, None);
                            }
                            Some(level) => match Severity::parse(level) {
                                Some(severity) => {
                                    self.severities.insert(code, Some(severity));
                                }
                                None => problems.push(format!("severities.{name}: unknown level `{level}`")),
                            },
                            None => problems.push(format!("severities.{name}: expected a string")),
                        }
                    }
                }
                None => problems.push("severities: expected an object".to_string()),
            }
        }
        if let Some(debounce) = settings.get("debounceMs") {
            match debounce.as_u64() {
                Some(ms) => self.debounce_ms = ms,
                None => problems.push("debounceMs: expected a non-negative integer".to_string()),
            }
        }
        if let Some(glossaries) = settings.get("glossaries") {
            let paths = match glossaries {
                Value::String(path) => Some(vec![PathBuf::from(path)]),
                Value::Array(items) => items.iter().map(|item| item.as_str().map(PathBuf::from)).collect(),
                _ => None,
            };
            match paths {
                Some(paths) => self.glossaries = paths,
                None => problems.push("glossaries: expected a path or a list of paths".to_string()),
            }
        }
        if let Some(size) = settings.get("maxDocumentSize") {
            match size.as_u64() {
                Some(size) => self.max_document_size = usize::try_from(size).unwrap_or(usize::MAX),
                None => problems.push("maxDocumentSize: expected a non-negative integer".to_string()),
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(settings: Value, expect: Config, expect_problems: &[&str]) {
        let mut config = Config::default();
        let problems = config.update(&settings);
        assert_eq!(config, expect);
        assert_eq!(problems, expect_problems);
    }

    #[test]
    fn defaults_survive_empty_settings() {
        check(json!(null), Config::default(), &[]);
        check(json!({}), Config::default(), &[]);
    }

    #[test]
    fn reads_every_setting_at_top_level_or_under_copydesk() {
        let expect = Config {
            severities: HashMap::from([(Code::UnknownSpeaker, Some(Severity::Hint)), (Code::AmbiguousSpeaker, None)]),
            debounce_ms: 0,
            glossaries: vec![PathBuf::from("people.toml")],
            max_document_size: 10,
        };
        let settings = json!({
            "severities": {"unknown-speaker": "hint", "ambiguous-speaker": "off"},
            "debounceMs": 0,
            "glossaries": ["people.toml"],
            "maxDocumentSize": 10
        });
        check(settings.clone(), expect.clone(), &[]);
        check(json!({ "copydesk": settings }), expect, &[]);
    }

    /// Issue 16: `default` removes an override, so that copydesk.toml's level applies again.
    #[test]
    fn default_removes_an_override() {
        let mut config = Config::default();
        config.update(&json!({"severities": {"unknown-speaker": "off", "ambiguous-speaker": "error"}}));
        config.update(&json!({"severities": {"unknown-speaker": "default"}}));
        assert_eq!(config.severities, HashMap::from([(Code::AmbiguousSpeaker, Some(Severity::Error))]));
    }

    #[test]
    fn reports_bad_settings_and_keeps_the_rest() {
        let expect = Config {
            severities: HashMap::from([(Code::UnattributedQuote, Some(Severity::Error))]),
            ..Config::default()
        };
        check(
            json!({"severities": {"no-such-code": "hint", "unattributed-quote": "error", "unknown-speaker": "loud"}, "debounceMs": -1}),
            expect,
            &[
                "severities: unknown code `no-such-code`",
                "severities.unknown-speaker: unknown level `loud`",
                "debounceMs: expected a non-negative integer",
            ],
        );
    }
}
