//! Writes generated articles and glossaries to disk for the whole-process measures
//! (`copydesk check` on a folder, the language-server harness), and shows what the engine
//! finds in a generated article so the generator can be seen to exercise every form.
//!
//! Run through cargo so it shares the benchmarks' generator:
//!
//! ```text
//! cargo bench --bench corpus -- folder DIR [--articles N] [--bytes B] [--glossary small|large]
//! cargo bench --bench corpus -- file PATH (--bytes B | --words W) [--seed S] [--glossary small|large]
//! cargo bench --bench corpus -- glossary PATH small|large
//! cargo bench --bench corpus -- summary
//! cargo bench --bench corpus -- stages [--bytes B] [--glossary small|large] [--repeat N]
//! cargo bench --bench corpus -- edits [--bytes B] [--glossary small|large] [--repeat N]
//! ```

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Duration;

use copydesk::analysis::{
    self, Format, GlossaryIndex, attribution, diagnostics, glossary, incremental, mentions, quotes,
};

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
            let text = match options.words {
                0 => support::article(&glossary.cast, options.bytes, options.seed),
                words => support::article_of_words(&glossary.cast, words, options.seed),
            };
            std::fs::write(path, &text).map_err(|e| format!("{path}: {e}"))?;
            println!("{path}: {} bytes, {} words", text.len(), text.split_whitespace().count());
            Ok(())
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
        "stages" => {
            stages(&options);
            Ok(())
        }
        "edits" => {
            edits(&options);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

struct Options {
    positional: Vec<String>,
    articles: usize,
    bytes: usize,
    /// When set, `file` writes this many words rather than `bytes`.
    words: usize,
    seed: u64,
    glossary: String,
    repeat: usize,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            positional: Vec::new(),
            articles: 500,
            bytes: 12_000,
            words: 0,
            seed: 1,
            glossary: "small".to_string(),
            repeat: 3,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--articles" => options.articles = number(value()?)?,
                "--bytes" => options.bytes = number(value()?)?,
                "--words" => options.words = number(value()?)?,
                "--seed" => options.seed = number(value()?)? as u64,
                "--glossary" => options.glossary = value()?.clone(),
                "--repeat" => options.repeat = number(value()?)?.max(1),
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

/// The time of each stage of one analysis (the fastest of `--repeat` runs), to find which
/// stage grows faster than the text. Times are this thread's CPU time where the platform
/// has it, so that other processes on a shared machine inflate them less than wall time.
/// A profiler works on this loop too.
fn stages(options: &Options) {
    let generated = glossary_for(&options.glossary);
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(&generated.toml))]);
    let text = support::article(&generated.cast, options.bytes, 42);
    let mut best = [Duration::MAX; 5];
    for _ in 0..options.repeat {
        let mut times = [Duration::ZERO; 5];
        let mut clock = thread_time();
        let mut lap = |slot: usize, times: &mut [Duration; 5]| {
            let now = thread_time();
            times[slot] = now.saturating_sub(clock);
            clock = now;
        };
        let article = analysis::article::parse(&text, Format::Markdown);
        lap(0, &mut times);
        let found = mentions::find(&article.prose, &article, &index);
        lap(1, &mut times);
        let scan = quotes::scan(&article.prose, &article);
        lap(2, &mut times);
        let attributed = attribution::attribute(&article.prose, &article, scan.quotes, &found, &index);
        lap(3, &mut times);
        let mut all = scan.diagnostics;
        all.extend(attributed.diagnostics);
        diagnostics::finish(&text, &article, &mut all);
        lap(4, &mut times);
        for (best, time) in best.iter_mut().zip(times) {
            *best = (*best).min(time);
        }
    }
    let total: Duration = best.iter().sum();
    let names = ["article::parse", "mentions::find", "quotes::scan", "attribution::attribute", "diagnostics::finish"];
    println!("{} bytes, {} glossary, {} time, best of {}:", text.len(), options.glossary, CLOCK, options.repeat);
    for (name, time) in names.iter().zip(best) {
        println!("  {name:<24} {:>10.2} ms  {:>8.1} MB/s", time.as_secs_f64() * 1e3, mb_per_s(text.len(), time));
    }
    println!("  {:<24} {:>10.2} ms  {:>8.1} MB/s", "total", total.as_secs_f64() * 1e3, mb_per_s(text.len(), total));
}

/// One-character edits spread over the article, as the language-server harness makes them
/// (an `x` before a word), each analysed fresh and with the previous analysis's work: the
/// analysis part of the server's edit latency, without the Markdown parse, which both need.
fn edits(options: &Options) {
    let generated = glossary_for(&options.glossary);
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".into(), glossary::parse(&generated.toml))]);
    let mut text = support::article(&generated.cast, options.bytes, 42);
    let article = analysis::article::parse(&text, Format::Markdown);
    let mut reusable = incremental::analyze_article_reusing(&text, &article, &index, None).1;
    let (mut fresh_times, mut reusing_times, mut reused) = (Vec::new(), Vec::new(), Vec::new());
    for edit in 0..options.repeat {
        let mut target = text.len() * (2 * edit + 1) / (2 * options.repeat);
        while !text.is_char_boundary(target) {
            target += 1;
        }
        let at = text[target..].find(' ').map_or(text.len(), |space| target + space + 1);
        text.insert(at, 'x');
        let article = analysis::article::parse(&text, Format::Markdown);
        let clock = thread_time();
        let fresh = analysis::analyze_article(&text, &article, &index);
        let middle = thread_time();
        let (incremental, next) = incremental::analyze_article_reusing(&text, &article, &index, Some(reusable));
        let end = thread_time();
        assert!(fresh == incremental, "incremental analysis differs from a fresh one after edit {edit}");
        fresh_times.push(middle.saturating_sub(clock));
        reusing_times.push(end.saturating_sub(middle));
        let reuse = next.reuse();
        reused.push(reuse.mentions_reused as f64 / reuse.blocks.max(1) as f64);
        reusable = next;
    }
    let ms = |times: &mut Vec<Duration>| {
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
        format!("best {:>7.2} ms  median {:>7.2} ms  max {:>7.2} ms", at(0.0), at(0.5), at(1.0))
    };
    println!(
        "{} bytes, {} glossary, {} one-character edits, {} time:",
        text.len(),
        options.glossary,
        options.repeat,
        CLOCK
    );
    println!("  fresh analysis    {}", ms(&mut fresh_times));
    println!("  reusing analysis  {}", ms(&mut reusing_times));
    let mean = reused.iter().sum::<f64>() / reused.len().max(1) as f64;
    println!("  blocks whose work was reused: {:.2}% on average", mean * 100.0);
}

#[cfg(unix)]
const CLOCK: &str = "thread CPU";

/// This thread's CPU time.
#[cfg(unix)]
fn thread_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return Duration::ZERO;
    }
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

#[cfg(not(unix))]
const CLOCK: &str = "wall";

#[cfg(not(unix))]
fn thread_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}
