//! `copydesk._copydesk`, the Rust half of the Python module: an analyzer holding one merged
//! glossary index, returning the records of `check --format json` (without `path`) as JSON
//! text. The Python half (copydesk/__init__.py) turns them into dicts and raises
//! `GlossaryError`. Analysis runs with the interpreter detached (the GIL released).

use std::path::{Path, PathBuf};

use copydesk::analysis::Format;
use copydesk::cli::text::{self, GlossaryText, TextGlossary};
use copydesk::workspace::articles::{GLOSSARY_MAX_BYTES, read_text_file};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(_copydesk, GlossaryError, PyValueError, "A glossary that cannot be read or has errors.");

fn format_of(name: &str) -> PyResult<Format> {
    match name {
        "md" => Ok(Format::Markdown),
        "txt" => Ok(Format::PlainText),
        other => Err(PyValueError::new_err(format!("format must be \"md\" or \"txt\", not {other:?}"))),
    }
}

/// One glossary index for many texts. `glossaries`: `(kind, value)` pairs, nearest first,
/// kind "text" (TOML text, labelled `label`) or "path" (a file to read).
#[pyclass(frozen, module = "copydesk._copydesk")]
struct Analyzer {
    glossary: TextGlossary,
}

#[pymethods]
impl Analyzer {
    #[new]
    fn new(py: Python<'_>, glossaries: Vec<(String, String, String)>) -> PyResult<Analyzer> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut files = Vec::with_capacity(glossaries.len());
        for (kind, label, value) in glossaries {
            let file = if kind == "path" {
                let path = PathBuf::from(&value);
                let text = py
                    .detach(|| read_text_file(&cwd.join(&path), GLOSSARY_MAX_BYTES))
                    .map_err(|error| GlossaryError::new_err(format!("glossary {value}: {error}")))?;
                // Named as `check` names a `--glossary` file: relative to the working folder.
                let shown = cwd.join(&path);
                let shown = shown.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(path);
                GlossaryText::parse(shown, text)
            } else {
                GlossaryText::parse(label, value)
            };
            files.push(file);
        }
        let glossary = py.detach(|| TextGlossary::build(&files, files.len()));
        Ok(Analyzer { glossary })
    }

    /// The problems inside the glossary files, as a JSON array of `glossary_diagnostics` entries.
    fn problems_json(&self) -> String {
        text::problems_json(&self.glossary)
    }

    /// The record of one text, as JSON.
    fn analyze_json(&self, py: Python<'_>, text: String, format: &str) -> PyResult<String> {
        let format = format_of(format)?;
        Ok(py.detach(|| text::record_line(text, format, &self.glossary)))
    }

    /// The records of `texts`, in order, as JSON, on `threads` threads (1: the calling thread
    /// alone, no thread started; 0: one per core). The threads are scoped to the call: none
    /// outlives it, so a process forked later (Spark's Python workers, a DataLoader's) holds
    /// no pool to deadlock on.
    fn analyze_batch_json(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        format: &str,
        threads: usize,
    ) -> PyResult<Vec<String>> {
        let format = format_of(format)?;
        let glossary = &self.glossary;
        Ok(py.detach(move || {
            let threads = match threads {
                0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
                n => n,
            }
            .min(texts.len());
            if threads <= 1 {
                return texts.into_iter().map(|text| text::record_line(text, format, glossary)).collect();
            }
            let chunk = texts.len().div_ceil(threads);
            let mut texts = texts.into_iter();
            let chunks: Vec<Vec<String>> =
                std::iter::from_fn(|| Some(texts.by_ref().take(chunk).collect::<Vec<_>>()).filter(|c| !c.is_empty()))
                    .collect();
            std::thread::scope(|scope| {
                let workers: Vec<_> = chunks
                    .into_iter()
                    .map(|chunk| {
                        scope.spawn(move || {
                            chunk.into_iter().map(|text| text::record_line(text, format, glossary)).collect::<Vec<_>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                    .collect()
            })
        }))
    }
}

#[pymodule]
fn _copydesk(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Analyzer>()?;
    module.add("GlossaryError", module.py().get_type::<GlossaryError>())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
