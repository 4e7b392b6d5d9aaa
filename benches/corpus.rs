//! Writes generated articles and glossaries to disk for the whole-process measures
//! (`copydesk check` on a folder, the language-server harness), and shows what the engine
//! finds in a generated article so the generator can be seen to exercise every form.
//!
//! Run through cargo so it shares the benchmarks' generator:
//!
//! ```text
//! cargo bench --bench corpus -- folder DIR [--articles N] [--bytes B] [--glossary small|large]
//! cargo bench --bench corpus -- file PATH --bytes B [--seed S]
//! cargo bench --bench corpus -- glossary PATH small|large
//! cargo bench --bench corpus -- summary
//! ```

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::analysis::{self, Format, GlossaryIndex, glossary};

fn main() -> ExitCode {
    // Cargo passes `--bench` to every bench target; it means nothing here.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some(command) = args.first() else {
        // `cargo bench` with no filter runs every target: do nothing rather than fail.
        return Ok(());
    };
    let options = Options::parse(&args[1..])?;
    match command.as_str() {
        "folder" => write_folder(&options),
        "file" => {
            let path = options.positional.first().ok_or("file needs a PATH")?;
            let glossary = glossary_for(&options.glossary);
            let text = support::article(&glossary.cast, options.bytes, options.seed);
            std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))
        }
        "glossary" => {
            let path = options.positional.first().ok_or("glossary needs a PATH")?;
            let kind = options.positional.get(1).cloned().unwrap_or_else(|| options.glossary.clone());
            let glossary = glossary_for(&kind);
            std::fs::write(path, &glossary.toml).map_err(|e| format!("{path}: {e}"))?;
            println!("{path}: {} entities, {} aliases", glossary.entities, glossary.aliases);
            Ok(())
        }
        "summary" => {
            summary();
            Ok(())
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

struct Options {
    positional: Vec<String>,
    articles: usize,
    bytes: usize,
    seed: u64,
    glossary: String,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options =
            Options { positional: Vec::new(), articles: 500, bytes: 12_000, seed: 1, glossary: "small".to_string() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--articles" => options.articles = number(value()?)?,
                "--bytes" => options.bytes = number(value()?)?,
                "--seed" => options.seed = number(value()?)? as u64,
                "--glossary" => options.glossary = value()?.clone(),
                _ => options.positional.push(arg.clone()),
            }
        }
        Ok(options)
    }
}

fn number(text: &str) -> Result<usize, String> {
    text.replace('_', "").parse().map_err(|_| format!("`{text}` is not a number"))
}

fn glossary_for(kind: &str) -> support::GeneratedGlossary {
    match kind {
        "large" => support::large_glossary(10_000),
        _ => support::small_glossary(),
    }
}

/// A folder of articles of about `bytes` each (a typical news story is 5–15 KB) with one
/// `glossary.toml` beside them, which `copydesk check` finds for every article.
fn write_folder(options: &Options) -> Result<(), String> {
    let dir = PathBuf::from(options.positional.first().ok_or("folder needs a DIR")?);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let glossary = glossary_for(&options.glossary);
    std::fs::write(dir.join("glossary.toml"), &glossary.toml).map_err(|e| e.to_string())?;
    let mut total = 0;
    for number in 0..options.articles {
        let text = support::article(&glossary.cast, options.bytes, options.seed.wrapping_add(number as u64));
        total += text.len();
        let path = dir.join(format!("story-{number:04}.md"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "{}: {} articles, {total} bytes, glossary of {} entities and {} aliases",
        dir.display(),
        options.articles,
        glossary.entities,
        glossary.aliases
    );
    Ok(())
}

/// What the engine finds in a generated 100 KB article: counts of quotation kinds,
/// attributed speech and diagnostics by code, and a sample of the text.
fn summary() {
    let generated = support::small_glossary();
    let (index, problems) = GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(&generated.toml))]);
    let large = support::large_glossary(10_000);
    let large_parsed = glossary::parse(&large.toml);
    let (_, large_problems) = GlossaryIndex::build(vec![("glossary.toml".into(), large_parsed.clone())]);
    println!(
        "small glossary: {} entities, {} aliases, {} problems",
        generated.entities,
        generated.aliases,
        problems.len()
    );
    println!(
        "large glossary: {} entities ({} parsed), {} aliases, {} parse problems, {} index problems",
        large.entities,
        large_parsed.entities.len(),
        large.aliases,
        large_parsed.diagnostics.len(),
        large_problems.len()
    );
    let text = support::article(&generated.cast, 100_000, 7);
    let (_, found) = analysis::analyze(&text, Format::Markdown, &index);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut attributed = 0;
    let mut resolved = 0;
    for quote in &found.quotes {
        *kinds.entry(format!("{:?}", quote.kind)).or_default() += 1;
        attributed += usize::from(quote.attribution.is_some());
        resolved += usize::from(quote.speaker().is_some());
    }
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in &found.diagnostics {
        *codes.entry(diagnostic.code.as_str()).or_default() += 1;
    }
    println!("100 KB article: {} bytes, {} words", text.len(), text.split_whitespace().count());
    println!("quotes by kind: {kinds:?}; attributed {attributed}, with a resolved speaker {resolved}");
    println!("mentions: {}", found.mentions.len());
    println!("diagnostics: {codes:?}");
    println!("--- first 2,000 bytes ---");
    let mut end = 2_000.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    println!("{}", &text[..end]);
}
