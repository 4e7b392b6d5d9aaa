//! `--format github`: GitHub Actions workflow commands, one per problem
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`), which the
//! runner turns into annotations on the pull request's files, then the summary line.

use std::io::{self, Write};
use std::path::Path;

use super::check::{Checked, Unreadable};
use super::places::{self, FileRef, Region};
use crate::analysis::{Diagnostic, LineIndex, Severity};

/// Prints the problems of one article: those of glossary files it was first to load, then its own.
pub fn write_file(out: &mut dyn Write, checked: &Checked, cwd: &Path) -> io::Result<()> {
    places::each_problem(checked, cwd, |diagnostic, file, text, lines| {
        write_command(out, diagnostic, file, text, lines)
    })
}

/// An input that could not be read, as an error annotation on its file: in CI nobody reads
/// standard error unless a step fails, and the annotation says which file and why.
pub fn write_unreadable(out: &mut dyn Write, unreadable: &Unreadable, cwd: &Path) -> io::Result<()> {
    let mut properties = Vec::new();
    if let Some(file) = file_property(&FileRef::article(&unreadable.path, cwd)) {
        properties.push(file);
    }
    properties.push("title=unreadable-input".to_string());
    let message = format!("cannot read {}: {}", unreadable.path, unreadable.error);
    writeln!(out, "::error {}::{}", properties.join(","), escape_data(&message))
}

/// The `file=` property naming `file`; none for standard input, which is no file of the
/// repository, so its annotations go on the run.
fn file_property(file: &FileRef) -> Option<String> {
    match file {
        FileRef::Relative(path) => Some(format!("file={}", escape_property(path))),
        FileRef::Absolute(path) => Some(format!("file={}", escape_property(&path.to_string_lossy()))),
        FileRef::Stdin => None,
    }
}

/// GitHub has three annotation levels; hints and information are both notices.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    }
}

fn write_command(
    out: &mut dyn Write,
    diagnostic: &Diagnostic,
    file: &FileRef,
    text: &str,
    lines: &LineIndex,
) -> io::Result<()> {
    let region = Region::of(text, lines, diagnostic.span);
    let mut properties: Vec<String> = file_property(file).into_iter().collect();
    properties.push(format!("line={}", region.start_line));
    // GitHub takes columns only for an annotation on one line; a span over several lines is
    // given by its lines alone.
    if region.start_line == region.end_line {
        properties.push(format!("col={}", region.start_column));
        properties.push(format!("endLine={}", region.end_line));
        properties.push(format!("endColumn={}", region.end_column));
    } else {
        properties.push(format!("endLine={}", region.end_line));
    }
    properties.push(format!("title={}", escape_property(diagnostic.code.as_str())));

    // The places a message talks about (an ambiguous pronoun's candidates) follow it on
    // lines of their own, as the human format's notes do.
    let mut message = diagnostic.message.clone();
    for (span, note) in &diagnostic.related {
        let (line, column) = lines.line_col(text, span.start);
        message.push_str(&format!("\nnote: line {line}, column {column}: {note}"));
    }
    writeln!(out, "::{} {}::{}", command(diagnostic.severity), properties.join(","), escape_data(&message))
}

/// A command's message, escaped as the runner unescapes it: `%`, and the line breaks that
/// would otherwise end the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value, escaped as for a message plus the `:` and `,` that would otherwise end
/// the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Span};
    use crate::cli::check::checked_with_a_glossary_problem;

    #[test]
    fn messages_and_properties_are_escaped_as_the_runner_unescapes_them() {
        assert_eq!(escape_data("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b");
        assert_eq!(escape_property("news/a:b,c%.md"), "news/a%3Ab%2Cc%25.md");
    }

    #[test]
    fn one_command_per_problem_with_its_place_and_level() {
        let text = "# Pool\n\n“Nobody asked,” he said.\n“Open to the end\nand on.\nHale spoke.\n";
        let quote = Span::new(text.find('“').unwrap(), text.find(" he").unwrap());
        let he = Span::new(text.find("he said").unwrap(), text.find(" said").unwrap());
        let open = Span::new(text.find("“Open").unwrap(), text.find("Hale").unwrap());
        let hale = Span::new(text.find("Hale").unwrap(), text.find(" spoke").unwrap());
        let mut ambiguous = Diagnostic::new(Code::AmbiguousSpeaker, he, "“he” could be Okafor, or Hale: 50%");
        ambiguous.related.push((hale, "Hale is named here".to_string()));
        let diagnostics = vec![
            Diagnostic::new(Code::UnattributedQuote, quote, "No speaker."),
            ambiguous,
            Diagnostic::new(Code::UnbalancedQuote, open, "Never closed."),
        ];
        let checked = checked_with_a_glossary_problem("news/pool, final.md", text, diagnostics);
        let mut out = Vec::new();
        write_file(&mut out, &checked, Path::new("/work")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=news/glossary.toml,line=2,col=8,endLine=2,endColumn=16,title=glossary-unknown-kind::Unknown kind “wizard”.\n\
             ::warning file=news/pool%2C final.md,line=3,col=1,endLine=3,endColumn=16,title=unattributed-quote::No speaker.\n\
             ::notice file=news/pool%2C final.md,line=3,col=17,endLine=3,endColumn=19,title=ambiguous-speaker::\
             “he” could be Okafor, or Hale: 50%25%0Anote: line 6, column 1: Hale is named here\n\
             ::warning file=news/pool%2C final.md,line=4,endLine=5,title=unbalanced-quote::Never closed.\n"
        );
    }
}
