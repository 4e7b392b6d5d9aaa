//! The glossary files that problems are reported in, each with its path as shown and one
//! line index, built the first time one of its problems is written: a glossary may have
//! tens of thousands of problems, and a line index per problem is quadratic.

use std::path::Path;

use super::check::GlossaryProblem;
use super::shown_path::ShownPath;
use crate::analysis::LineIndex;

pub struct GlossaryFiles<'a> {
    cwd: &'a Path,
    files: Vec<(&'a Path, ShownPath, LineIndex)>,
}

impl<'a> GlossaryFiles<'a> {
    pub fn new(cwd: &'a Path) -> GlossaryFiles<'a> {
        GlossaryFiles { cwd, files: Vec::new() }
    }

    /// The file `problem` is in: its path as shown, its line index, and whether this is the
    /// first problem met in it.
    pub fn of(&mut self, problem: &'a GlossaryProblem) -> (&ShownPath, &LineIndex, bool) {
        let known = self.files.iter().position(|(path, _, _)| *path == problem.path.as_path());
        let first = known.is_none();
        let at = known.unwrap_or_else(|| {
            let text = problem.text.as_deref().unwrap_or("");
            self.files.push((&problem.path, super::display_path(&problem.path, self.cwd), LineIndex::new(text)));
            self.files.len() - 1
        });
        let (_, path, lines) = &self.files[at];
        (path, lines, first)
    }
}
