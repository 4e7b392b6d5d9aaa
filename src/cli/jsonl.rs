//! `check --input-format jsonl`: articles as JSON Lines, for pipelines that shard an archive
//! (Spark's `RDD.pipe`, `xargs -P`, GNU parallel, Beam). Each line is
//! `{"id": …, "text": …, "format": "md"|"txt", "glossary": "<TOML text>"}`; each gets one line
//! of output with its `id`, in order: the record of `--format json` (without `path`), or
//! `{"id", "line", "error"}` for a line that is not such an object.
//!
//! It streams: a line is read, analysed, written and flushed before the next is read, so
//! memory stays bounded by the longest line (itself at most `--max-file-size`) however long
//! the stream, and a reader sees each result as soon as it exists. No file is read for a
//! record: its glossary is its `glossary` field plus the `--glossary` files, so that the same
//! line gives the same output on any machine a shard runs on.

use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::check::GlossaryProblem;
use super::json::Record;
use super::text::{self, GlossaryText, TextGlossary};
use super::{CheckArgs, OutputFormat, Totals};
use crate::analysis::{Format, GlossaryIndex};
use crate::workspace::articles;

/// The label of a record's own glossary in `glossary_diagnostics[].path`: the field it came from.
const LINE_GLOSSARY: &str = "glossary";

/// One output line for an article: its `id`, then the record of `--format json`.
#[derive(Debug, Serialize)]
struct LineRecord<'a> {
    id: &'a Value,
    #[serde(flatten)]
    record: Record<'a>,
}

/// One output line for an input line that could not be analysed.
#[derive(Debug, Serialize)]
struct ErrorRecord<'a> {
    id: &'a Value,
    /// 1-based, in the input the line came from.
    line: usize,
    error: &'a str,
}

/// The `--glossary` files, read and parsed once for the whole stream.
struct ExtraGlossaries {
    files: Vec<GlossaryText>,
    /// The index of the extra files alone, for every record without a glossary of its own.
    alone: Arc<GlossaryIndex>,
    /// Problems of the extra files, given to the first record written.
    problems: Vec<GlossaryProblem>,
}

/// The index built for the last record's glossary text, reused while the following records
/// carry the same text (a partition of an archive usually shares one glossary).
#[derive(Default)]
struct LastGlossary {
    text: String,
    /// The record's glossary merged with the extra files; the problems of the record's alone.
    glossary: TextGlossary,
}

/// Runs `check --input-format jsonl` over `args.paths` (`-` or JSON Lines files), in order.
pub fn run(args: &CheckArgs) -> ExitCode {
    if !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        eprintln!("copydesk: --input-format jsonl writes JSON Lines; --format sarif and github are for articles");
        return ExitCode::from(2);
    }
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(error) => {
            eprintln!("copydesk: cannot read the current folder: {error}");
            return ExitCode::from(2);
        }
    };
    let extras = match ExtraGlossaries::read(&args.input.glossaries, &cwd) {
        Ok(extras) => extras,
        Err(message) => {
            eprintln!("copydesk: {message}");
            return ExitCode::from(2);
        }
    };
    let mut stream = Stream {
        extras,
        last: LastGlossary::default(),
        default_format: args.input.stdin_format.format(),
        limit: usize::try_from(args.input.max_file_size).unwrap_or(usize::MAX),
        cwd,
        totals: Totals::default(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for path in &args.paths {
        let name = path.to_string_lossy();
        let result = if name == "-" {
            stream.run_input(&mut io::stdin().lock(), "-", &mut out)
        } else {
            match std::fs::File::open(stream.cwd.join(path)) {
                Ok(file) => stream.run_input(&mut BufReader::new(file), &name, &mut out),
                Err(error) => {
                    eprintln!("copydesk: {name}: {error}");
                    stream.totals.unreadable += 1;
                    continue;
                }
            }
        };
        match result {
            Ok(()) => {}
            // A reader that stops early (`| head`) is not a failure of the check.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => break,
            Err(error) => {
                eprintln!("copydesk: {name}: {error}");
                stream.totals.unreadable += 1;
            }
        }
    }
    ExitCode::from(stream.totals.exit_status())
}

struct Stream {
    extras: ExtraGlossaries,
    last: LastGlossary,
    /// The format of a record without `format`: `--stdin-format`'s.
    default_format: Format,
    /// The longest line read, in bytes.
    limit: usize,
    cwd: PathBuf,
    /// Lines that could not be analysed count as unreadable inputs; diagnostics by severity.
    totals: Totals,
}

impl Stream {
    fn run_input(&mut self, reader: &mut dyn BufRead, name: &str, out: &mut dyn Write) -> io::Result<()> {
        let mut line = Vec::new();
        let mut number = 0;
        while let Some(too_long) = read_line(reader, &mut line, self.limit)? {
            number += 1;
            // Blank lines, such as a trailing one, separate nothing and are skipped.
            if !too_long && line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let outcome = if too_long {
                Err((Value::Null, format!("line longer than {} bytes", self.limit)))
            } else {
                self.analyse_line(&line)
            };
            match outcome {
                Ok(written) => out.write_all(written.as_bytes())?,
                Err((id, error)) => {
                    self.totals.unreadable += 1;
                    eprintln!("copydesk: {name}:{number}: {error}");
                    let record = ErrorRecord { id: &id, line: number, error: &error };
                    serde_json::to_writer(&mut *out, &record).map_err(io::Error::other)?;
                }
            }
            out.write_all(b"\n")?;
            // Each result goes out before the next line is read: the reader may be waiting
            // for it before it sends more.
            out.flush()?;
        }
        Ok(())
    }

    /// The output line for one input line, or its id (null when it has none) and what is wrong.
    fn analyse_line(&mut self, line: &[u8]) -> Result<String, (Value, String)> {
        let value: Value =
            serde_json::from_slice(line).map_err(|error| (Value::Null, format!("not a JSON object: {error}")))?;
        let Value::Object(mut record) = value else {
            return Err((Value::Null, "not a JSON object".to_string()));
        };
        let id = record.remove("id").unwrap_or(Value::Null);
        let fail = |message: &str| Err((id.clone(), message.to_string()));
        if !matches!(id, Value::String(_) | Value::Number(_)) {
            return fail("`id` must be a string or a number");
        }
        let Some(Value::String(text)) = record.remove("text") else {
            return fail("`text` must be a string");
        };
        let format = match record.get("format") {
            None | Some(Value::Null) => self.default_format,
            Some(Value::String(name)) if name == "md" => Format::Markdown,
            Some(Value::String(name)) if name == "txt" => Format::PlainText,
            Some(_) => return fail("`format` must be \"md\" or \"txt\""),
        };
        let glossary_text = match record.get("glossary") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.as_str()),
            Some(_) => return fail("`glossary` must be a string of TOML"),
        };
        Ok(self.analyse(&id, text, format, glossary_text))
    }

    fn analyse(&mut self, id: &Value, text: String, format: Format, glossary_text: Option<&str>) -> String {
        let (index, mut glossary_problems) = match glossary_text {
            None => (Arc::clone(&self.extras.alone), Vec::new()),
            Some(glossary_text) => {
                if self.last.text != glossary_text || self.last.glossary.index.files.is_empty() {
                    self.last = LastGlossary::build(glossary_text, &self.extras);
                }
                (Arc::clone(&self.last.glossary.index), self.last.glossary.problems.clone())
            }
        };
        glossary_problems.append(&mut self.extras.problems);
        let checked = text::analyse(text, format, index, glossary_problems);
        let problems = checked.glossary_problems.iter().map(|problem| &problem.diagnostic);
        for diagnostic in checked.analysis.diagnostics.iter().chain(problems) {
            self.totals.severities[diagnostic.severity as usize] += 1;
        }
        let record = LineRecord { id, record: Record::new(&checked, &self.cwd) };
        serde_json::to_string(&record).expect("records hold only strings and numbers")
    }
}

impl ExtraGlossaries {
    fn read(paths: &[PathBuf], cwd: &Path) -> Result<ExtraGlossaries, String> {
        let mut files = Vec::new();
        for path in paths {
            let text = articles::read_text_file(&cwd.join(path), articles::GLOSSARY_MAX_BYTES)
                .map_err(|error| format!("glossary {}: {error}", path.display()))?;
            files.push(GlossaryText::parse(path.clone(), text));
        }
        let TextGlossary { index, problems } = TextGlossary::build(&files, files.len());
        Ok(ExtraGlossaries { files, alone: index, problems })
    }
}

impl LastGlossary {
    /// The record's glossary, nearest, merged with the `--glossary` files after it. Only the
    /// problems inside the record's glossary are kept: those of the extra files are reported
    /// once, with the first record.
    fn build(text: &str, extras: &ExtraGlossaries) -> LastGlossary {
        let mut files = vec![GlossaryText::parse(LINE_GLOSSARY, text)];
        files.extend(extras.files.iter().cloned());
        LastGlossary { text: text.to_string(), glossary: TextGlossary::build(&files, 1) }
    }
}

/// Reads the next line of `reader` into `line`, without its `\n`, holding at most `limit`
/// bytes: a longer line is read to its end and dropped, so that one huge line cannot take
/// the memory a stream is promised not to. `None` at the end of input, else whether the line
/// was too long.
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>, limit: usize) -> io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok(read_any.then_some(too_long));
        }
        read_any = true;
        let newline = buffer.iter().position(|&byte| byte == b'\n');
        let chunk = &buffer[..newline.unwrap_or(buffer.len())];
        if !too_long {
            if line.len() + chunk.len() > limit {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(buffer.len(), |at| at + 1);
        reader.consume(used);
        if newline.is_some() {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_longer_than_the_limit_are_dropped_not_held() {
        let input = format!("{}\nshort\r\n{}", "x".repeat(10_000), "tail");
        let mut reader = io::BufReader::with_capacity(64, input.as_bytes());
        let mut line = Vec::new();
        assert_eq!(read_line(&mut reader, &mut line, 100).unwrap(), Some(true));
        assert!(line.capacity() <= 128, "the long line was not kept: capacity {}", line.capacity());
        assert_eq!(read_line(&mut reader, &mut line, 100).unwrap(), Some(false));
        assert_eq!(line, b"short");
        assert_eq!(read_line(&mut reader, &mut line, 100).unwrap(), Some(false));
        assert_eq!(line, b"tail");
        assert_eq!(read_line(&mut reader, &mut line, 100).unwrap(), None);
    }
}
