//! Where a diagnostic is, in the terms the CI formats (`sarif`, `github`) share: files named
//! relative to the working folder, and regions in 1-based lines and columns.

use std::io;
use std::path::{Component, Path, PathBuf};

use super::check::Checked;
use super::glossary_files::GlossaryFiles;
use crate::analysis::{Diagnostic, LineIndex, Span};

/// Hands `each` every problem of one checked article, in the order the formats report them:
/// those of the glossary files it was first to load, then its own; each with its file, the
/// text it is placed in, and that text's line index (one per glossary file, not one per
/// problem: a file may have thousands).
pub fn each_problem(
    checked: &Checked,
    cwd: &Path,
    mut each: impl FnMut(&Diagnostic, &FileRef, &str, &LineIndex) -> io::Result<()>,
) -> io::Result<()> {
    let mut files = GlossaryFiles::new(cwd);
    for problem in &checked.glossary_problems {
        let (_, lines, _) = files.of(problem);
        let text = problem.text.as_deref().unwrap_or("");
        each(&problem.diagnostic, &FileRef::file(&problem.path, cwd), text, lines)?;
    }
    let file = FileRef::article(&checked.path, cwd);
    let lines = LineIndex::new(&checked.text);
    for diagnostic in &checked.analysis.diagnostics {
        each(diagnostic, &file, &checked.text, &lines)?;
    }
    Ok(())
}

/// A span as CI tools read it: 1-based lines, 1-based columns counted in characters (as the
/// human format counts them), the end column being the one just after the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Region {
    pub fn of(text: &str, lines: &LineIndex, span: Span) -> Region {
        // A span that takes in its line's break (an unclosed quotation read to the end of its
        // paragraph) ends on that line: otherwise it would reach column 1 of the next line,
        // and a viewer would mark a line the problem is not on.
        let bytes = text.as_bytes();
        let mut end = span.end.min(text.len()).max(span.start.min(text.len()));
        while end > span.start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        let (start_line, start_column) = lines.line_col(text, span.start);
        let (end_line, end_column) = lines.line_col(text, end);
        Region { start_line, start_column, end_line, end_column }
    }
}

/// Which file a result belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRef {
    /// The article read from standard input (`-`).
    Stdin,
    /// A file inside the working folder, relative to it, with `/` between components.
    Relative(String),
    /// A file outside the working folder, as an absolute path.
    Absolute(PathBuf),
}

impl FileRef {
    /// The article `display` names: `-` is standard input, any other path is taken against
    /// `cwd` (where the user typed it).
    pub fn article(display: &str, cwd: &Path) -> FileRef {
        if display == "-" { FileRef::Stdin } else { FileRef::file(Path::new(display), cwd) }
    }

    /// A file, relative or absolute, named against `cwd`. The path is cleaned of `.` and `..`
    /// without touching the disk, so that `../repo/a.md` typed inside `repo` comes out as
    /// `a.md`: CI tools match results to the repository's files by that relative path.
    pub fn file(path: &Path, cwd: &Path) -> FileRef {
        let absolute = normalize(&cwd.join(path));
        match absolute.strip_prefix(normalize(cwd)) {
            Ok(relative) if !relative.as_os_str().is_empty() => {
                let parts: Vec<String> =
                    relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
                FileRef::Relative(parts.join("/"))
            }
            _ => FileRef::Absolute(absolute),
        }
    }
}

/// `path` with `.` dropped and `..` taking away the component before it.
fn normalize(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other.as_os_str()),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(text: &str, start: &str, end_after: &str) -> Region {
        let start = text.find(start).unwrap();
        let end = text.find(end_after).unwrap() + end_after.len();
        Region::of(text, &LineIndex::new(text), Span::new(start, end))
    }

    #[test]
    fn regions_count_characters_and_end_after_the_last_one() {
        let text = "# Pool\n“Café,” she said.\n";
        let got = region(text, "“", "”");
        assert_eq!(got, Region { start_line: 2, start_column: 1, end_line: 2, end_column: 8 });
    }

    #[test]
    fn a_span_taking_in_its_line_break_ends_on_its_own_line() {
        let text = "“Open to the end\r\nNext paragraph.\n";
        let got = region(text, "“", "end\r\n");
        assert_eq!(got, Region { start_line: 1, start_column: 1, end_line: 1, end_column: 17 });
        let empty = Region::of(text, &LineIndex::new(text), Span::new(3, 3));
        assert_eq!((empty.start_column, empty.end_column), (2, 2));
    }

    #[test]
    fn files_are_named_relative_to_the_working_folder_when_inside_it() {
        let cwd = Path::new("/work/repo");
        assert_eq!(FileRef::article("-", cwd), FileRef::Stdin);
        assert_eq!(FileRef::article("news/./a.md", cwd), FileRef::Relative("news/a.md".into()));
        assert_eq!(FileRef::article("../repo/news/a.md", cwd), FileRef::Relative("news/a.md".into()));
        assert_eq!(FileRef::article("/work/repo/b.md", cwd), FileRef::Relative("b.md".into()));
        assert_eq!(FileRef::article("../other/c.md", cwd), FileRef::Absolute("/work/other/c.md".into()));
        assert_eq!(FileRef::file(Path::new("/etc/glossary.toml"), cwd), FileRef::Absolute("/etc/glossary.toml".into()));
    }
}
