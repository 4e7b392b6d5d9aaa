//! Checking articles: reading each, loading its glossaries, analysing it, in parallel across
//! cores with the results kept in input order.

use std::path::{Path, PathBuf};

use super::inputs::{Input, Source};
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
}

/// One article, analysed.
#[derive(Debug)]
pub struct Checked {
    pub path: String,
    pub text: String,
    pub glossary: ArticleGlossary,
    /// The analysis, its diagnostics including the glossary loader's problems on the article.
    pub analysis: Analysis,
    /// Problems inside glossary files, each with the text of that file as it was read.
    pub glossary_problems: Vec<GlossaryProblem>,
}

/// A problem inside a glossary file.
#[derive(Debug, Clone)]
pub struct GlossaryProblem {
    pub path: PathBuf,
    /// The glossary's text, when it could be read, to place the problem in it.
    pub text: Option<String>,
    pub diagnostic: Diagnostic,
}

/// An article that could not be read, and why.
#[derive(Debug)]
pub struct Unreadable {
    pub path: String,
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
    };
    let articles::ArticleText { text, format } =
        read.map_err(|error| Unreadable { path: input.display.clone(), error })?;
    let article = analysis::article::parse(&text, format);

    let glossary = workspace::load_glossaries_cached(
        &input.article_path(&config.cwd),
        article.front_matter.as_ref(),
        &input.root,
        &config.extra_glossaries,
        &mut |path: &Path| std::fs::read_to_string(path),
        glossaries,
    );

    let mut analysis = analysis::analyze_article(&text, &article, &glossary.index);
    analysis.diagnostics.extend(glossary.article_problems.iter().cloned());
    analysis::diagnostics::finish(&text, &article, &mut analysis.diagnostics);

    let glossary_problems = glossary
        .file_problems
        .iter()
        .map(|(path, diagnostic)| GlossaryProblem {
            path: path.clone(),
            // Read when reporting, not kept from loading: most glossaries have no problem, and
            // copying each one's text for every article would cost more than this second read.
            text: None,
            diagnostic: diagnostic.clone(),
        })
        .collect();
    Ok(Checked { path: input.display.clone(), text, glossary, analysis, glossary_problems })
}

/// Keeps each glossary file's problems only on the first article that loaded that file, so
/// that a glossary shared by many articles is reported once, and reads the text of each file
/// reported, to place its problems.
pub fn report_glossaries_once(outcomes: &mut [Outcome]) {
    let mut reported: Vec<PathBuf> = Vec::new();
    for checked in outcomes.iter_mut().filter_map(|outcome| outcome.as_mut().ok()) {
        checked.glossary_problems.retain(|problem| !reported.contains(&problem.path));
        let mut texts: Vec<(PathBuf, Option<String>)> = Vec::new();
        for problem in &mut checked.glossary_problems {
            if !texts.iter().any(|(path, _)| path == &problem.path) {
                texts.push((problem.path.clone(), std::fs::read_to_string(&problem.path).ok()));
            }
            problem.text = texts.iter().find(|(path, _)| path == &problem.path).and_then(|(_, text)| text.clone());
        }
        for problem in &checked.glossary_problems {
            if !reported.contains(&problem.path) {
                reported.push(problem.path.clone());
            }
        }
    }
}
