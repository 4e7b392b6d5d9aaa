//! `copydesk.toml`, the project's settings at the workspace root, read by `check` and the
//! server alike so that a newsroom's choices live with its articles rather than in each
//! writer's editor:
//!
//! ```toml
//! glossaries = ["shared/people.toml"]   # relative to this file
//! exclude = ["drafts/**", "*.wire.txt"] # skipped when check walks a folder
//!
//! [severities]
//! ambiguous-speaker = "off"              # error | warning | information | hint | off
//! ```
//!
//! Problems in the file (bad TOML, an unknown key or code, a bad level) are diagnostics at
//! their place in it; the rest of the file still applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::analysis::{Code, Diagnostic, Severity, Span};

/// The file's name.
pub const FILE_NAME: &str = "copydesk.toml";

/// A severity override: `None` turns the code off.
pub type Level = Option<Severity>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectConfig {
    /// Where the file is.
    pub path: PathBuf,
    /// The file's text as it was read, to place its problems.
    pub text: String,
    pub severities: HashMap<Code, Level>,
    /// Extra glossary files for every article, absolute (resolved against the file's folder).
    pub glossaries: Vec<PathBuf>,
    /// Globs of paths, relative to the file's folder, that folder walks skip.
    pub exclude: Vec<String>,
    /// Problems in the file, in its text.
    pub problems: Vec<Diagnostic>,
}

/// The nearest `copydesk.toml` from `folder` up to `root` (inclusive), as its path and text,
/// read through `read`. A folder outside `root` looks only in itself.
pub fn find(folder: &Path, root: &Path, read: &mut dyn FnMut(&Path) -> Option<String>) -> Option<(PathBuf, String)> {
    let mut dir = Some(folder);
    while let Some(current) = dir {
        let candidate = current.join(FILE_NAME);
        if let Some(text) = read(&candidate) {
            return Some((candidate, text));
        }
        if current == root || !current.starts_with(root) {
            return None;
        }
        dir = current.parent();
    }
    None
}

/// Parses `text`, the contents of the `copydesk.toml` at `path`.
pub fn parse(path: &Path, text: &str) -> ProjectConfig {
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut config = ProjectConfig { path: path.to_path_buf(), text: text.to_string(), ..ProjectConfig::default() };
    let (table, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        let span = error.span().map_or(Span::default(), |r| Span::new(r.start, r.end));
        config.problem(span, format!("copydesk.toml is not valid TOML: {}", error.message().trim()));
    }
    for (key, value) in table.get_ref() {
        let key_span = span_of(key.span());
        match key.get_ref().as_ref() {
            "severities" => match value.get_ref() {
                DeValue::Table(severities) => {
                    for (code, level) in severities {
                        config.read_severity(code.get_ref(), span_of(code.span()), level);
                    }
                }
                _ => config.problem(span_of(value.span()), "`severities` must be a table of code = level"),
            },
            "glossaries" => {
                for (path, _) in config.strings(key.get_ref(), value) {
                    config.glossaries.push(folder.join(path));
                }
            }
            "exclude" => {
                for (glob, _) in config.strings(key.get_ref(), value) {
                    config.exclude.push(glob);
                }
            }
            other => config.problem(
                key_span,
                format!("unknown setting `{other}` (copydesk.toml knows severities, glossaries and exclude)"),
            ),
        }
    }
    // The parsed table is in key order, not the file's: problems are listed as they stand.
    config.problems.sort_by_key(|d| (d.span.start, d.span.end));
    config
}

impl ProjectConfig {
    fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.problems.push(Diagnostic::new(Code::ConfigInvalid, span, message));
    }

    fn read_severity(&mut self, name: &str, span: Span, level: &toml::Spanned<DeValue<'_>>) {
        let Some(code) = Code::parse(name) else {
            self.problem(span, format!("unknown diagnostic code `{name}`"));
            return;
        };
        match level.get_ref() {
            DeValue::String(level_name) => match parse_level(level_name) {
                Some(level) => {
                    self.severities.insert(code, level);
                }
                None => self.problem(
                    span_of(level.span()),
                    format!("unknown level `{level_name}` for {name}: use error, warning, information, hint or off"),
                ),
            },
            _ => self.problem(span_of(level.span()), format!("the level of {name} must be a string")),
        }
    }

    /// The strings of an array setting, each problem reported; a single string is accepted
    /// as a list of one.
    fn strings(&mut self, key: &str, value: &toml::Spanned<DeValue<'_>>) -> Vec<(String, Span)> {
        let items: Vec<&toml::Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(_) => vec![value],
            _ => {
                self.problem(span_of(value.span()), format!("`{key}` must be a list of strings"));
                return Vec::new();
            }
        };
        let mut strings = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) => strings.push((text.to_string(), span_of(item.span()))),
                _ => self.problem(span_of(item.span()), format!("`{key}` must be a list of strings")),
            }
        }
        strings
    }

    /// True when `path` (absolute) lies under this file's folder and matches an `exclude`
    /// glob, itself or through one of its folders.
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(relative) = self.path.parent().and_then(|folder| path.strip_prefix(folder).ok()) else {
            return false;
        };
        let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        (1..=parts.len()).any(|len| {
            let prefix = parts[..len].join("/");
            self.exclude.iter().any(|glob| {
                if glob.contains('/') {
                    glob_matches(glob.trim_start_matches("./").trim_end_matches('/'), &prefix)
                } else {
                    // A glob without a slash matches a file or folder name at any depth.
                    glob_matches(glob, &parts[len - 1])
                }
            })
        })
    }
}

/// `error|warning|information|hint|off`, as in the editor settings (`info`, `warn` and `none`
/// are accepted too); `Some(None)` is `off`.
pub fn parse_level(name: &str) -> Option<Level> {
    match name {
        "off" | "none" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

/// Applies severity overrides to diagnostics: each overridden code takes its level, and the
/// codes turned off are dropped.
pub fn apply_severities(diagnostics: &mut Vec<Diagnostic>, severities: &HashMap<Code, Level>) {
    if severities.is_empty() {
        return;
    }
    diagnostics.retain_mut(|d| match severities.get(&d.code) {
        Some(Some(severity)) => {
            d.severity = *severity;
            true
        }
        Some(None) => false,
        None => true,
    });
}

fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

/// A glob over `/`-separated paths: `*` matches within one name, `**` any number of whole
/// names, `?` one character.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let glob: Vec<&str> = glob.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    segments_match(&glob, &path)
}

fn segments_match(glob: &[&str], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => {
            path.split_first().is_some_and(|(name, tail)| name_matches(first, name) && segments_match(rest, tail))
        }
    }
}

fn name_matches(glob: &str, name: &str) -> bool {
    let glob: Vec<char> = glob.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Classic wildcard matching with one backtrack point for the last `*`.
    let (mut g, mut n, mut star, mut mark) = (0, 0, None, 0);
    while n < name.len() {
        if g < glob.len() && (glob[g] == '?' || glob[g] == name[n]) {
            g += 1;
            n += 1;
        } else if g < glob.len() && glob[g] == '*' {
            star = Some(g);
            mark = n;
            g += 1;
        } else if let Some(s) = star {
            g = s + 1;
            mark += 1;
            n = mark;
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::LineIndex;

    fn problems(text: &str) -> Vec<String> {
        let config = parse(Path::new("/w/copydesk.toml"), text);
        let lines = LineIndex::new(text);
        config.problems.iter().map(|d| format!("{}: {}", lines.line_col(text, d.span.start).0, d.message)).collect()
    }

    #[test]
    fn reads_severities_glossaries_and_excludes() {
        let text = "glossaries = [\"shared/people.toml\"]\nexclude = [\"drafts/**\"]\n\n[severities]\n\
                    ambiguous-speaker = \"off\"\nunknown-speaker = \"hint\"\n";
        let config = parse(Path::new("/w/copydesk.toml"), text);
        assert_eq!(config.problems, []);
        assert_eq!(
            config.severities,
            HashMap::from([(Code::AmbiguousSpeaker, None), (Code::UnknownSpeaker, Some(Severity::Hint))])
        );
        assert_eq!(config.glossaries, [PathBuf::from("/w/shared/people.toml")]);
        assert_eq!(config.exclude, ["drafts/**"]);
    }

    #[test]
    fn problems_are_placed_on_their_line_and_the_rest_applies() {
        let text = "colour = true\n[severities]\nno-such-code = \"hint\"\nunknown-speaker = \"loud\"\n\
                    ambiguous-speaker = \"off\"\n";
        let mut found = problems(text);
        found.sort();
        assert_eq!(
            found,
            [
                "1: unknown setting `colour` (copydesk.toml knows severities, glossaries and exclude)",
                "3: unknown diagnostic code `no-such-code`",
                "4: unknown level `loud` for unknown-speaker: use error, warning, information, hint or off",
            ]
        );
        let config = parse(Path::new("/w/copydesk.toml"), text);
        assert_eq!(config.severities, HashMap::from([(Code::AmbiguousSpeaker, None)]));
        assert!(problems("[severities\n").iter().all(|p| p.starts_with("1: copydesk.toml is not valid TOML")));
        assert!(!problems("[severities\n").is_empty());
    }

    /// The JSON Schema editors validate copydesk.toml with knows every code, so a new code
    /// is not flagged as a mistake in the file.
    #[test]
    fn the_schema_lists_every_code() {
        // Read as text: only the front ends know JSON.
        let schema = include_str!("../../editors/vscode/schemas/copydesk.schema.json");
        let missing: Vec<&str> =
            Code::ALL.iter().map(|c| c.as_str()).filter(|c| !schema.contains(&format!("\"{c}\": {{"))).collect();
        assert!(missing.is_empty(), "codes missing from copydesk.schema.json: {missing:?}");
    }

    #[test]
    fn globs() {
        for (glob, path, expect) in [
            ("drafts/**", "drafts/a/b.md", true),
            ("drafts/**", "news/a.md", false),
            ("**/*.wire.txt", "news/ap.wire.txt", true),
            ("*.md", "a.md", true),
            ("a?c.md", "abc.md", true),
            ("news/*.md", "news/sub/a.md", false),
        ] {
            assert_eq!(glob_matches(glob, path), expect, "{glob} {path}");
        }
        let config = ProjectConfig {
            path: PathBuf::from("/w/copydesk.toml"),
            exclude: vec!["drafts".to_string(), "news/*.wire.txt".to_string()],
            ..ProjectConfig::default()
        };
        assert!(config.excludes(Path::new("/w/drafts/a.md")));
        assert!(config.excludes(Path::new("/w/sport/drafts/a.md")));
        assert!(config.excludes(Path::new("/w/news/ap.wire.txt")));
        assert!(!config.excludes(Path::new("/w/news/a.md")));
        assert!(!config.excludes(Path::new("/elsewhere/drafts/a.md")));
    }
}
