//! `copydesk.toml` on the command line: each article's project settings (found from its
//! folder up to its workspace root), their glossaries and excluded paths, severities with
//! `--severity CODE=LEVEL` over them, and problems in the file reported as errors.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::check::Outcome;
use super::inputs::{self, Input, Source};
use crate::analysis::{Code, LineIndex};
use crate::workspace::articles::{GLOSSARY_MAX_BYTES, read_text_file};
use crate::workspace::project_config::{self, Level, ProjectConfig};

/// The project settings of a run: each folder's `copydesk.toml`, read once.
#[derive(Debug, Default)]
pub struct Projects {
    /// By the folder the search started from.
    found: Mutex<HashMap<(PathBuf, PathBuf), Option<Arc<ProjectConfig>>>>,
}

impl Projects {
    /// The settings that apply to the article at `article` in the workspace `root`.
    pub fn for_article(&self, article: &Path, root: &Path) -> Option<Arc<ProjectConfig>> {
        let folder = article.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        found
            .entry((folder.clone(), root.to_path_buf()))
            .or_insert_with(|| {
                let mut read = |path: &Path| read_text_file(path, GLOSSARY_MAX_BYTES).ok();
                let (path, text) = project_config::find(&folder, root, &mut read)?;
                Some(Arc::new(project_config::parse(&path, &text)))
            })
            .clone()
    }

    /// The glossaries for an article: its project's, then those given on the command line.
    pub fn extra_glossaries(&self, article: &Path, root: &Path, given: &[PathBuf]) -> Vec<PathBuf> {
        let project = self.for_article(article, root);
        project.iter().flat_map(|p| p.glossaries.iter().cloned()).chain(given.iter().cloned()).collect()
    }

    /// Every settings file read, each once, in path order.
    fn files(&self) -> Vec<Arc<ProjectConfig>> {
        let found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let mut seen = HashSet::new();
        let mut files: Vec<Arc<ProjectConfig>> =
            found.values().flatten().filter(|p| seen.insert(p.path.clone())).cloned().collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Reads `CODE=LEVEL` for `--severity`.
pub fn parse_severity_arg(arg: &str) -> Result<(Code, Level), String> {
    let (name, level) = arg.split_once('=').ok_or_else(|| format!("`{arg}` is not CODE=LEVEL"))?;
    let code = Code::parse(name.trim()).ok_or_else(|| {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown code `{name}`; the codes are {}", codes.join(", "))
    })?;
    let level = project_config::parse_level(level.trim())
        .ok_or_else(|| format!("unknown level `{level}`: use error, warning, information, hint or off"))?;
    Ok((code, level))
}

/// Expands the PATH arguments as `check` always has, leaving out what a project's
/// `exclude` globs name among the articles found by walking a folder (a file named on the
/// command line is checked whatever the globs say).
pub fn expand(paths: &[PathBuf], root: Option<&Path>, cwd: &Path, projects: &Projects) -> Vec<Input> {
    let mut kept = Vec::new();
    for path in paths {
        let found = inputs::expand(std::slice::from_ref(path), root, cwd);
        let walked = path.as_os_str() != "-" && cwd.join(path).is_dir();
        kept.extend(found.into_iter().filter(|input| {
            let Source::File(file) = &input.source else { return true };
            !walked || !projects.for_article(file, &input.root).is_some_and(|p| p.excludes(file))
        }));
    }
    kept
}

/// Gives every checked article's diagnostics, and those of the glossary files it reports,
/// the severities its project and then `--severity` set (dropping those set to `off`).
pub fn apply_severities(
    outcomes: &mut [Outcome],
    inputs: &[Input],
    cwd: &Path,
    given: &[(Code, Level)],
    projects: &Projects,
) {
    for (outcome, input) in outcomes.iter_mut().zip(inputs) {
        let Ok(checked) = outcome else { continue };
        let mut severities = projects
            .for_article(&input.article_path(cwd), &input.root)
            .map(|p| p.severities.clone())
            .unwrap_or_default();
        severities.extend(given.iter().copied());
        project_config::apply_severities(&mut checked.analysis.diagnostics, &severities);
        checked.glossary_problems.retain_mut(|problem| {
            let mut one = vec![problem.diagnostic.clone()];
            project_config::apply_severities(&mut one, &severities);
            match one.pop() {
                Some(diagnostic) => {
                    problem.diagnostic = diagnostic;
                    true
                }
                None => false,
            }
        });
    }
}

/// Prints each problem of the settings files read as `copydesk: FILE:LINE:COL: error: …` on
/// `err`; returns how many there were.
pub fn report_problems(projects: &Projects, cwd: &Path, err: &mut dyn Write) -> usize {
    let mut count = 0;
    for project in projects.files() {
        let lines = LineIndex::new(&project.text);
        let shown = super::display_path(&project.path, cwd);
        for problem in &project.problems {
            let (line, column) = lines.line_col(&project.text, problem.span.start);
            let _ = writeln!(
                err,
                "copydesk: {shown}:{line}:{column}: error[{}]: {}",
                problem.code.as_str(),
                problem.message
            );
            count += 1;
        }
    }
    count
}
