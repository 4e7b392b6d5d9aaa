//! Turning the PATH arguments into the list of articles to check, each with its workspace root.

use std::path::{Path, PathBuf};

use super::shown_path::ShownPath;
use crate::workspace::articles::{Found, find_articles};

/// One article to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as the user gave it (or as found under a folder they gave), for output.
    pub display: ShownPath,
    pub source: Source,
    /// The workspace root the article's glossaries are searched up to.
    pub root: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    /// An absolute path.
    File(PathBuf),
    /// A folder that could not be listed, and why: reported as an input that could not be read.
    UnreadableFolder(String),
}

impl Input {
    /// The path handed to the glossary loader: standard input stands in the current folder.
    pub fn article_path(&self, cwd: &Path) -> PathBuf {
        match &self.source {
            Source::Stdin => cwd.join("<stdin>"),
            Source::File(path) => path.clone(),
            Source::UnreadableFolder(_) => cwd.to_path_buf(),
        }
    }
}

/// Expands `paths` in order: folders into their articles, sorted; files and `-` as given.
/// A path that does not exist stays in the list, so that reading it reports why.
pub fn expand(paths: &[PathBuf], explicit_root: Option<&Path>, cwd: &Path) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let root = explicit_root.map_or_else(|| default_root(cwd, cwd), |r| cwd.join(r));
            inputs.push(Input { display: ShownPath::from("-"), source: Source::Stdin, root });
            continue;
        }
        let absolute = cwd.join(path);
        let is_dir = absolute.is_dir();
        let folder = if is_dir { absolute.clone() } else { parent_or_self(&absolute) };
        let root = explicit_root.map_or_else(|| default_root(&folder, cwd), |r| cwd.join(r));
        if is_dir {
            for found in find_articles(&absolute, &root) {
                let relative = found.path().strip_prefix(&absolute).unwrap_or(found.path());
                let display = ShownPath::new(&path.join(relative));
                let source = match found {
                    Found::Article(found) => Source::File(found),
                    Found::UnreadableFolder(_, reason) => Source::UnreadableFolder(reason),
                };
                inputs.push(Input { display, source, root: root.clone() });
            }
        } else {
            let display = ShownPath::new(path);
            inputs.push(Input { display, source: Source::File(absolute), root });
        }
    }
    inputs
}

/// The nearest folder from `folder` upwards holding `.git` (a folder, or a file in a git
/// worktree); else the current folder when it holds `folder`; else `folder` itself, so that
/// an article outside the current folder still finds the glossaries beside it.
pub fn default_root(folder: &Path, cwd: &Path) -> PathBuf {
    if let Some(repository) = folder.ancestors().find(|dir| dir.join(".git").exists()) {
        return repository.to_path_buf();
    }
    if folder.starts_with(cwd) { cwd.to_path_buf() } else { folder.to_path_buf() }
}

fn parent_or_self(path: &Path) -> PathBuf {
    path.parent().map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder holding `files`, removed by the caller.
    fn folder(name: &str, files: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("copydesk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "text\n").unwrap();
        }
        dir
    }

    fn check(files: &[&str], args: &[&str], expect: &str) {
        let dir = folder("inputs", files);
        let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
        let found: Vec<String> = expand(&paths, Some(Path::new(".")), &dir)
            .iter()
            .map(|input| match &input.source {
                Source::Stdin => "stdin".to_string(),
                Source::UnreadableFolder(reason) => format!("{} unreadable: {reason}", input.display),
                Source::File(path) => format!("{} {}", input.display, path.strip_prefix(&dir).unwrap().display()),
            })
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found.join("\n"), expect);
    }

    #[test]
    fn folders_expand_sorted_and_skip_hidden_and_build_folders() {
        check(
            &[
                "news/b.md",
                "news/a.txt",
                "news/sub/c.markdown",
                "news/.drafts/d.md",
                "news/target/e.md",
                "news/node_modules/f.md",
                "news/notes.rst",
                "other.rst",
            ],
            &["other.rst", "news", "-", "missing.md"],
            "other.rst other.rst\n\
             news/a.txt news/a.txt\n\
             news/b.md news/b.md\n\
             news/sub/c.markdown news/sub/c.markdown\n\
             stdin\n\
             missing.md missing.md",
        );
    }

    #[test]
    fn the_root_is_the_nearest_repository_else_the_current_folder() {
        let cwd = Path::new("/nonexistent/work");
        assert_eq!(default_root(&cwd.join("news"), cwd), cwd);
        assert_eq!(default_root(Path::new("/nonexistent/elsewhere"), cwd), Path::new("/nonexistent/elsewhere"));
        let repository = folder("root", &["project/.git", "project/news/sport/a.md"]);
        let project = repository.join("project");
        assert_eq!(default_root(&project.join("news/sport"), Path::new("/")), project);
        std::fs::remove_dir_all(&repository).unwrap();
    }
}
