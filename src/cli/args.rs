//! The command line of `copydesk check`.

use std::path::PathBuf;

use crate::analysis::Format;
use crate::workspace::articles::ReadConfig;

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Articles or folders to check (folders recursively: .md, .markdown, .txt); `-` reads
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print what was found.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub input: InputArgs,

    /// What the PATHs hold: articles, or JSON Lines of articles (`-` or files), one
    /// `{"id", "text", "format", "glossary"}` object a line, each answered by one line of
    /// JSON with its `id`, in order, as it is read.
    #[arg(long, value_enum, default_value_t = InputFormat::Articles)]
    pub input_format: InputFormat,

    /// With the human format, also list every quotation: its line, the speaker as written,
    /// whom that resolved to, and the cue with its rule.
    #[arg(long)]
    pub quotes: bool,

    /// Report CODE at LEVEL (error, warning, information, hint, off) in this run, over
    /// copydesk.toml's `[severities]`; may be given several times.
    #[arg(long = "severity", value_name = "CODE=LEVEL", value_parser = super::project::parse_severity_arg)]
    pub severities: Vec<(crate::analysis::Code, crate::workspace::project_config::Level)>,
}

/// How `check` and `report` read their articles and glossaries: the options the two share.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// The workspace root: glossary.toml files are looked for from each article's folder up to
    /// here, and symbolic links leaving it are not followed. Defaults to the nearest folder
    /// holding `.git`, else the current folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// A glossary file applying to every article, after those the articles find themselves.
    #[arg(long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,

    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = StdinFormat::Txt)]
    pub stdin_format: StdinFormat,

    /// Refuse articles larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = ReadConfig::default().max_bytes)]
    pub max_file_size: u64,

    /// How many files to analyse at once; by default one per core.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code]: message`, the source line, and a summary.
    Human,
    /// One JSON object per article, one per line.
    Json,
    /// One SARIF 2.1.0 log (for GitHub code scanning and other SARIF readers).
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…,line=…::message`), then the summary.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Article files and folders, or `-` for one article on standard input.
    Articles,
    /// JSON Lines, one article a line; the output is JSON Lines whatever `--format` says.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StdinFormat {
    Md,
    Txt,
}

impl StdinFormat {
    pub fn format(self) -> Format {
        match self {
            StdinFormat::Md => Format::Markdown,
            StdinFormat::Txt => Format::PlainText,
        }
    }
}
