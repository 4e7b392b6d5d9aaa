//! Data-driven tests of what incremental analysis reuses. Each case analyses `before`, then
//! `after` with the work of `before`, and lists every block of `after` with what it reused
//! (`reused`) or computed again (`new`): its sentences, then its mentions. Every case also
//! checks that the result equals a fresh analysis; the property test in
//! `tests/properties.rs` does so on random edits.

use super::{Earlier, Reusable, analyze_article_reusing};
use crate::analysis::{Format, GlossaryIndex, analyze, article, glossary};

const GLOSSARY: &str = r#"
[ruiz]
name = "Ana Ruiz"
pronouns = "she"

[club]
name = "Riverside United"
kind = "organization"
aliases = ["United"]
"#;

fn index() -> GlossaryIndex {
    GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]).0
}

/// Analyses `after` reusing the analysis of `before`, with a glossary index built again
/// for `after` when `new_glossary` is set, and renders the reuse of each block.
fn render(before: &str, after: &str, new_glossary: bool) -> String {
    let first = index();
    let second = if new_glossary { index() } else { first.clone() };
    let (_, reusable) = analyze_article_reusing(before, &article::parse(before, Format::Markdown), &first, None);
    let article = article::parse(after, Format::Markdown);
    let (analysis, reusable) = analyze_article_reusing(after, &article, &second, Some(reusable));
    let (_, fresh) = analyze(after, Format::Markdown, &second);
    assert_eq!(analysis, fresh, "incremental analysis differs from a fresh one");
    blocks(after, &reusable)
}

fn blocks(text: &str, reusable: &Reusable) -> String {
    let word = |reused: bool| if reused { "reused" } else { "new" };
    let mut out = String::new();
    for work in &reusable.blocks {
        let sentences =
            if work.sentences.is_empty() && !work.sentences_reused { "-" } else { word(work.sentences_reused) };
        let start: String = work.block.span.text(text).chars().take(28).collect();
        let line = format!("{sentences:6} {:6} {:?} {start}", word(work.mentions_reused), work.block.kind);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check(before: &str, after: &str, expect: &str) {
    assert_eq!(render(before, after, false), expect, "\n{}", render(before, after, false));
}

const STORY: &str = "# Riverside United lose at home

“We played well,” Ana Ruiz said after the match.

United conceded twice in the second half.

“The pitch was poor,” she said. “We go again.”
";

#[test]
fn an_edit_inside_one_paragraph_leaves_the_others_reused() {
    check(
        STORY,
        &STORY.replace("conceded twice", "conceded three times"),
        "\
-      reused Heading Riverside United lose at hom
reused reused Paragraph “We played well,” Ana Ruiz s
new    new    Paragraph United conceded three times
reused reused Paragraph “The pitch was poor,” she sa
",
    );
}

#[test]
fn a_blank_line_splits_a_paragraph_into_two_new_ones() {
    check(
        STORY,
        &STORY.replace("well,” Ana", "well,”\n\nAna"),
        "\
-      reused Heading Riverside United lose at hom
new    new    Paragraph “We played well,”
new    new    Paragraph Ana Ruiz said after the matc
reused reused Paragraph United conceded twice in the
reused reused Paragraph “The pitch was poor,” she sa
",
    );
}

#[test]
fn a_quotation_left_open_runs_on_without_changing_the_next_paragraphs_parts() {
    // The second paragraph's quotation now continues the first's, which the walk over
    // blocks reads afresh; the parts inside the paragraph, all its sentences depend on,
    // are the same spans.
    let before = "Ruiz said the club was ready.\n\n“We go again,” she said.\n";
    check(
        before,
        &before.replace("the club was ready.", "“the club is ready."),
        "\
new    new    Paragraph Ruiz said “the club is ready
reused reused Paragraph “We go again,” she said.
",
    );
}

#[test]
fn a_fence_turns_the_paragraphs_after_it_into_code() {
    check(
        STORY,
        &STORY.replace("United conceded", "```\nUnited conceded"),
        "\
-      reused Heading Riverside United lose at hom
reused reused Paragraph “We played well,” Ana Ruiz s
",
    );
}

#[test]
fn an_edit_in_a_heading_reuses_every_paragraph() {
    check(
        STORY,
        &STORY.replace("lose at home", "lose"),
        "\
-      new    Heading Riverside United lose
reused reused Paragraph “We played well,” Ana Ruiz s
reused reused Paragraph United conceded twice in the
reused reused Paragraph “The pitch was poor,” she sa
",
    );
}

#[test]
fn a_new_glossary_finds_every_mention_again_but_keeps_the_sentences() {
    let after = STORY.replace("conceded twice", "conceded three times");
    assert_eq!(
        render(STORY, &after, true),
        "\
-      new    Heading Riverside United lose at hom
reused new    Paragraph “We played well,” Ana Ruiz s
new    new    Paragraph United conceded three times
reused new    Paragraph “The pitch was poor,” she sa
"
    );
}

#[test]
fn the_same_text_again_reuses_everything() {
    check(
        STORY,
        STORY,
        "\
-      reused Heading Riverside United lose at hom
reused reused Paragraph “We played well,” Ana Ruiz s
reused reused Paragraph United conceded twice in the
reused reused Paragraph “The pitch was poor,” she sa
",
    );
}

#[test]
fn a_block_with_other_quotation_parts_is_analysed_again() {
    // Parts follow from a block's own text in every case the quote scanner produces today;
    // the comparison guards against a scanner that one day reads across paragraphs.
    let text = "Intro.\n\n“We go again,” she said.\n";
    let article = article::parse(text, Format::Markdown);
    let (_, reusable) = analyze_article_reusing(text, &article, &index(), None);
    let block = article.blocks[1];
    let parts = reusable.parts.clone();
    assert_eq!(parts.len(), 1);
    let mut earlier = Earlier::new(reusable, &article.prose, &index());
    assert_eq!(earlier.same_place(&block, &parts), Some((1, 0)));
    assert_eq!(earlier.same_place(&block, &[]), None);
}
