//! `copydesk debug-choices FILE…` (hidden): for each quotation part read in its own sentence,
//! the sentence's cue–speaker pairs and the one the rules took, as JSON lines with byte
//! offsets. `scripts/chooser-headroom` reads it to measure how much any chooser, learned or
//! not, could gain over the rules' order (issue 13, item 8).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::analysis::attribution::Found;
use crate::analysis::{GlossaryIndex, sentence_choices};
use crate::workspace::articles::{ReadConfig, read_article};

#[derive(Debug, Clone, clap::Args)]
pub struct ChoicesArgs {
    /// Articles to read.
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &ChoicesArgs) -> ExitCode {
    let glossary = GlossaryIndex::default();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut status = 0;
    for path in &args.paths {
        let article = match read_article(path, &ReadConfig::default()) {
            Ok(article) => article,
            Err(error) => {
                eprintln!("copydesk: {}: {error}", path.display());
                status = 2;
                continue;
            }
        };
        for choice in sentence_choices(&article.text, article.format, &glossary) {
            let record = json!({
                "path": path.to_string_lossy(),
                "quote": [choice.quote.start, choice.quote.end],
                "chosen": choice.chosen.as_ref().map(found),
                "pairs": choice.pairs.iter().map(found).collect::<Vec<_>>(),
            });
            if writeln!(out, "{record}").is_err() {
                return ExitCode::from(2);
            }
        }
    }
    let _ = out.flush();
    ExitCode::from(status)
}

fn found(found: &Found) -> Value {
    json!({
        "speaker": [found.speaker.start, found.speaker.end],
        "cue": [found.cue.start, found.cue.end],
        "form": format!("{:?}", found.form),
        "rule": found.rule.as_str(),
    })
}
