//! Analysis throughput on generated news articles, one core: how many bytes of article the
//! engine reads per second at 1 KB … 10 MB, with the typical ten-entity glossary and with a
//! 10,000-entity glossary of 30,000 aliases; and the cost of building that glossary.
//!
//! The throughput must stay roughly flat from 10 KB to 10 MB: a falling curve means some
//! step is quadratic in the article's length.
//!
//! ```text
//! cargo bench --bench analysis              # everything, a few minutes
//! cargo bench --bench analysis -- small     # one group, by name filter
//! ```

#[path = "support/mod.rs"]
mod support;

use std::sync::LazyLock;

use copydesk::analysis::{self, Format, Glossary, GlossaryIndex, glossary};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// Article sizes in bytes, as bench arguments (numbers sort in order in divan's table).
const SIZES: [usize; 5] = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];

struct Setup {
    small: GlossaryIndex,
    large: GlossaryIndex,
    large_toml: String,
    /// Articles whose speakers come from the small glossary's cast, by size label. The same
    /// text is read against both glossaries, so the difference is the glossary's cost alone.
    articles: Vec<(usize, String)>,
    /// Articles whose speakers are drawn from all 10,000 entities.
    large_cast_articles: Vec<(usize, String)>,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let small = support::small_glossary();
    let large = support::large_glossary(10_000);
    let articles = SIZES.iter().map(|&size| (size, support::article(&small.cast, size, 42))).collect();
    let large_cast_articles = SIZES.iter().map(|&size| (size, support::article(&large.cast, size, 43))).collect();
    Setup {
        small: index_of(&small.toml),
        large: index_of(&large.toml),
        large_toml: large.toml,
        articles,
        large_cast_articles,
    }
});

fn index_of(toml: &str) -> GlossaryIndex {
    GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(toml))]).0
}

fn text(articles: &[(usize, String)], size: usize) -> &str {
    articles.iter().find(|(s, _)| *s == size).map_or("", |(_, text)| text.as_str())
}

fn run(bencher: Bencher, text: &str, format: Format, glossary: &GlossaryIndex) {
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analysis::analyze(black_box(text), format, black_box(glossary)));
}

/// The typical case: a story's own glossary of ten entities.
mod small_glossary {
    use super::*;

    #[divan::bench(args = SIZES, max_time = 3)]
    fn markdown(bencher: Bencher, size: usize) {
        let setup = &*SETUP;
        run(bencher, text(&setup.articles, size), Format::Markdown, &setup.small);
    }

    #[divan::bench(args = SIZES, max_time = 3)]
    fn plain_text(bencher: Bencher, size: usize) {
        let setup = &*SETUP;
        run(bencher, text(&setup.articles, size), Format::PlainText, &setup.small);
    }
}

/// A newsroom's whole glossary: 10,000 entities, 30,000 aliases.
mod large_glossary {
    use super::*;

    /// The same articles as `small_glossary::markdown`.
    #[divan::bench(args = SIZES, max_time = 3)]
    fn markdown(bencher: Bencher, size: usize) {
        let setup = &*SETUP;
        run(bencher, text(&setup.articles, size), Format::Markdown, &setup.large);
    }

    /// Articles that quote and name people from across the whole glossary.
    #[divan::bench(args = SIZES, max_time = 3)]
    fn markdown_large_cast(bencher: Bencher, size: usize) {
        let setup = &*SETUP;
        run(bencher, text(&setup.large_cast_articles, size), Format::Markdown, &setup.large);
    }
}

/// Loading the 10,000-entity glossary: parsing its TOML, then building the index and name
/// matcher. A language server pays this once per glossary change.
mod glossary_10k {
    use super::*;

    #[divan::bench(max_time = 5)]
    fn parse(bencher: Bencher) {
        let toml = SETUP.large_toml.as_str();
        bencher.counter(BytesCount::new(toml.len())).bench(|| glossary::parse(black_box(toml)));
    }

    #[divan::bench(max_time = 5)]
    fn build_index(bencher: Bencher) {
        let parsed: Glossary = glossary::parse(&SETUP.large_toml);
        bencher
            .with_inputs(|| vec![("glossary.toml".to_string(), parsed.clone())])
            .bench_local_values(GlossaryIndex::build);
    }
}
