//! Checking articles: reading each, loading its glossaries, analysing it, in parallel across
//! cores with the results kept in input order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::inputs::{Input, Source};
use super::shown_path::ShownPath;
use crate::analysis::{self, Analysis, Diagnostic, Format};
use crate::workspace::articles::{self, ReadConfig, ReadError};
use crate::workspace::{self, ArticleGlossary, GlossaryCache};

/// What every article's check shares.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub read: ReadConfig,
    pub stdin_format: Format,
    /// Glossary files applying to every article, as absolute paths.
    pub extra_glossaries: Vec<PathBuf>,
    pub cwd: PathBuf,
    /// Files checked at once; `None`: one per core.
    pub jobs: Option<usize>,
    /// The `copydesk.toml` settings of the articles' projects, read once each.
    pub projects: Arc<super::project::Projects>,
}

/// One article, analysed.
#[derive(Debug)]
pub struct Checked {
    pub path: ShownPath,
    pub text: String,
    pub glossary: ArticleGlossary,
    /// The analysis, its diagnostics including the glossary loader's problems on the article.
    pub analysis: Analysis,
    /// Problems inside glossary files this article was the first to load, each with the
    /// text of that file as it was read; empty until [`report_glossaries_once`].
    pub glossary_problems: Vec<GlossaryProblem>,
}

/// A problem inside a glossary file.
#[derive(Debug, Clone)]
pub struct GlossaryProblem {
    pub path: PathBuf,
    /// The glossary's text as it was read and parsed, to place the problem in it: shared by
    /// every problem in the file, so that 10,000 problems hold one copy of the text.
    pub text: Option<Arc<str>>,
    pub diagnostic: Diagnostic,
}

/// An article that could not be read, and why.
#[derive(Debug)]
pub struct Unreadable {
    pub path: ShownPath,
    pub error: ReadError,
}

pub type Outcome = Result<Checked, Unreadable>;

/// Checks every input, spreading them over the machine's cores in contiguous chunks.
pub fn check_all(inputs: &[Input], config: &CheckConfig) -> Vec<Outcome> {
    // Articles sharing glossary files share one parsed glossary and name matcher.
    let glossaries = GlossaryCache::default();
    let glossaries = &glossaries;
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = config.jobs.unwrap_or_else(cores).min(inputs.len());
    if threads <= 1 {
        return inputs.iter().map(|input| check_one(input, config, glossaries)).collect();
    }
    let chunk_size = inputs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = inputs
            .chunks(chunk_size)
            .map(|chunk| {
                scope.spawn(move || chunk.iter().map(|input| check_one(input, config, glossaries)).collect::<Vec<_>>())
            })
            .collect();
        // Joining in spawn order keeps the outcomes in input order.
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// Reads, loads the glossaries of, and analyses one article.
pub fn check_one(input: &Input, config: &CheckConfig, glossaries: &GlossaryCache) -> Outcome {
    let read = match &input.source {
        Source::Stdin => articles::read_article_from(std::io::stdin().lock(), config.stdin_format, &config.read),
        Source::File(path) => articles::read_article(path, &config.read),
        Source::UnreadableFolder(reason) => Err(ReadError::UnreadableFolder(reason.clone())),
    };
    let articles::ArticleText { text, format } =
        read.map_err(|error| Unreadable { path: input.display.clone(), error })?;
    let article = analysis::article::parse(&text, format);

    let article_path = input.article_path(&config.cwd);
    let extra_glossaries = config.projects.extra_glossaries(&article_path, &input.root, &config.extra_glossaries);
    let glossary = workspace::load_glossaries_cached(
        &article_path,
        article.front_matter.as_ref(),
        &input.root,
        &extra_glossaries,
        &mut |path: &Path| articles::read_text_file(path, articles::GLOSSARY_MAX_BYTES),
        glossaries,
    );

    let mut analysis = analysis::analyze_article(&text, &article, &glossary.index);
    analysis.diagnostics.extend(glossary.article_problems.iter().cloned());
    analysis::diagnostics::finish(&text, &article, &mut analysis.diagnostics);

    // The glossary's problems stay in `glossary`, shared with every article that loaded the
    // same files, until `report_glossaries_once` gives them to the first of those articles.
    Ok(Checked { path: input.display.clone(), text, glossary, analysis, glossary_problems: Vec::new() })
}

/// Gives each glossary file's problems to the first article that loaded that file, so that a
/// glossary shared by many articles is reported once, each problem with the text of its file
/// as it was read and parsed (the file is not read again: it may have changed since).
pub fn report_glossaries_once(outcomes: &mut [Outcome]) {
    let mut reported: HashSet<PathBuf> = HashSet::new();
    for checked in outcomes.iter_mut().filter_map(|outcome| outcome.as_mut().ok()) {
        let glossary = &checked.glossary;
        let text_of = |path: &Path| {
            let file = glossary.paths.iter().position(|loaded| loaded == path)?;
            glossary.texts.get(file).cloned()
        };
        let mut problems = Vec::new();
        let mut first_here: Vec<&Path> = Vec::new();
        for (path, diagnostic) in &glossary.file_problems {
            if reported.contains(path) && !first_here.contains(&path.as_path()) {
                continue;
            }
            if reported.insert(path.clone()) {
                first_here.push(path);
            }
            problems.push(GlossaryProblem { path: path.clone(), text: text_of(path), diagnostic: diagnostic.clone() });
        }
        checked.glossary_problems = problems;
    }
}

/// For the output formats' tests: the article `path` holding `text`, with `diagnostics`, that
/// was first to load `/work/news/glossary.toml`, whose one problem is an unknown kind on its
/// line 2 (`kind = "wizard"`, columns 8 to 16).
#[cfg(test)]
pub fn checked_with_a_glossary_problem(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> Checked {
    let glossary_text = "[hale]\nkind = \"wizard\"\n";
    let wizard = analysis::Span::new(glossary_text.find("\"wizard").unwrap_or(0), glossary_text.len() - 1);
    Checked {
        path: path.into(),
        text: text.to_string(),
        glossary: ArticleGlossary::default(),
        analysis: Analysis { diagnostics, ..Analysis::default() },
        glossary_problems: vec![GlossaryProblem {
            path: PathBuf::from("/work/news/glossary.toml"),
            text: Some(glossary_text.into()),
            diagnostic: Diagnostic::new(analysis::Code::GlossaryUnknownKind, wizard, "Unknown kind “wizard”."),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::inputs::{Input, Source};

    /// Issue 18, item 13: `check` placed glossary problems by the offsets of one read and
    /// the lines of a second read, so a glossary saved during the run showed the wrong
    /// lines. The text of the first read is kept, once for all of a file's problems.
    #[test]
    fn glossary_problems_are_placed_in_the_text_that_was_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let glossary = dir.path().join("glossary.toml");
        let text = "[a]\nname = \"Ada Okafor\"\naliases = [\"he\"]\n[b]\nname = \"Bo Lind\"\naliases = [\"he\"]\nkind = \"x\"\n";
        std::fs::write(&glossary, text).unwrap();
        let article = dir.path().join("a.md");
        std::fs::write(&article, "Ada Okafor spoke.\n").unwrap();
        let config = CheckConfig {
            read: ReadConfig::default(),
            stdin_format: Format::Markdown,
            extra_glossaries: Vec::new(),
            cwd: dir.path().to_path_buf(),
            jobs: Some(1),
            projects: Arc::default(),
        };
        let input = Input { display: "a.md".into(), source: Source::File(article), root: dir.path().to_path_buf() };
        let mut outcomes = vec![check_one(&input, &config, &GlossaryCache::default())];
        std::fs::write(&glossary, "# rewritten while the check ran\n").unwrap();
        report_glossaries_once(&mut outcomes);
        let checked = outcomes[0].as_ref().unwrap();
        assert_eq!(checked.glossary_problems.len(), 2, "{:?}", checked.glossary_problems);
        let first = checked.glossary_problems[0].text.clone().unwrap();
        assert_eq!(&*first, text);
        for problem in &checked.glossary_problems {
            assert!(Arc::ptr_eq(problem.text.as_ref().unwrap(), &first), "one shared text");
        }
    }
}
