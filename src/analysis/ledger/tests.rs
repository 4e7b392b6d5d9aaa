use super::*;
use crate::analysis::{Format, analyze, glossary};

const GLOSSARY: &str = r#"
[dana-whitfield]
name = "Dana Whitfield"
kind = "person"
aliases = ["Whitfield"]
role = "Leader of the council"
affiliation = "harbour-council"
pronouns = "she"

[colin-mercer]
name = "Colin Mercer"
kind = "person"
aliases = ["Mercer"]
role = "Treasurer"
pronouns = "he"

[sam-ade]
name = "Sam Ade"
kind = "person"
aliases = ["Ade"]
gender = "nonbinary"
pronouns = "they"

[harbour-council]
name = "Harbour Council"
kind = "organization"

[martin-hale]
name = "Martin Hale"
kind = "person"
aliases = ["Hale"]
"#;

const ARTICLE: &str = "Harbour Council closes the pool\n\
Dana Whitfield said the closure was “the hardest call of my time here.”\n\
“We cannot keep pouring money into it,” Whitfield said.\n\
The vote was seven to four.\n\
“There is nothing left in the reserves.”\n\
Repairs would cost “at least four million,” according to Colin Mercer.\n\
“Nobody asked us,” said a council spokesman.\n\
Martin Hale voted for closure at Harbour Council.\n";

fn ledger(article: &str) -> Ledger {
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
    let (_, analysis) = analyze(article, Format::PlainText, &index);
    Ledger::of(article, &analysis, &index)
}

fn sources(ledger: &Ledger) -> Vec<String> {
    ledger
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} {:?} {} {} named={} q={} attributed={} assumed={} direct={} partial={} words={} according={} line={}",
                s.name,
                s.entity,
                s.kind_str(),
                s.gender.as_str(),
                s.named,
                s.quotations,
                s.attributed,
                s.assumed,
                s.direct,
                s.partial,
                s.words,
                s.according_to,
                s.first.line
            )
        })
        .collect()
}

#[test]
fn sources_count_their_quotations_words_and_forms() {
    let ledger = ledger(ARTICLE);
    assert_eq!(
        sources(&ledger),
        [
            "Dana Whitfield Some(\"dana-whitfield\") person woman named=true q=3 attributed=2 assumed=1 direct=2 partial=1 words=21 according=0 line=2",
            "Colin Mercer Some(\"colin-mercer\") person man named=true q=1 attributed=1 assumed=0 direct=0 partial=1 words=4 according=1 line=6",
            "a council spokesman None unknown unknown named=false q=1 attributed=1 assumed=0 direct=1 partial=0 words=3 according=0 line=7",
        ]
    );
    assert_eq!((ledger.quotations, ledger.direct, ledger.partial, ledger.words_quoted), (5, 3, 2, 28));
    assert_eq!(ledger.sources[0].affiliation.as_deref(), Some("Harbour Council"));
    assert_eq!(ledger.sources[0].role.as_deref(), Some("Leader of the council"));
    assert_eq!((ledger.named_sources(), ledger.anonymous_sources()), (2, 1));
}

#[test]
fn unattributed_quotations_name_whom_readers_assume() {
    let ledger = ledger(ARTICLE);
    let unattributed: Vec<(usize, Option<&str>)> =
        ledger.unattributed.iter().map(|u| (u.at.line, u.likely_speaker.as_deref())).collect();
    assert_eq!(unattributed, [(5, Some("Dana Whitfield"))]);
}

#[test]
fn according_to_is_listed_with_its_source() {
    let ledger = ledger(ARTICLE);
    let according: Vec<(usize, &str, &str)> =
        ledger.according_to.iter().map(|a| (a.at.line, a.source.as_str(), a.speaker.as_str())).collect();
    assert_eq!(according, [(6, "Colin Mercer", "Colin Mercer")]);
}

#[test]
fn people_and_organisations_mentioned_but_never_quoted() {
    let ledger = ledger(ARTICLE);
    let unquoted: Vec<(&str, usize, usize)> =
        ledger.unquoted.iter().map(|u| (u.entity.as_str(), u.mentions, u.first.line)).collect();
    assert_eq!(unquoted, [("harbour-council", 2, 1), ("martin-hale", 1, 8)]);
}

#[test]
fn gender_shares_count_people_only_and_never_guess() {
    let article = "Pool closes\n\
        “It is over,” Dana Whitfield said.\n\
        “It is not,” said Sam Ade.\n\
        “Wait and see,” said Martin Hale.\n\
        “We decided,” Harbour Council said.\n\
        “No,” said Ruth Ellery.\n";
    let ledger = ledger(article);
    let shares: Vec<(&str, usize)> = ledger.by_gender().iter().map(|&(g, n)| (g.as_str(), n)).collect();
    // Hale has no gender or pronouns, Ruth Ellery is not in the glossary: unknown, both.
    assert_eq!(shares, [("woman", 1), ("man", 0), ("nonbinary", 1), ("unknown", 2)]);
    assert_eq!(ledger.by_kind(), [("person", 3), ("organization", 1), ("unknown", 1)]);
}

#[test]
fn the_total_merges_sources_across_articles() {
    let first = ledger(ARTICLE);
    let second = ledger("Pool reopens\n“It reopens in May,” Whitfield said.\n“At a cost,” Martin Hale said.\n");
    let total = Ledger::total(&[first, second]);
    assert_eq!(total.articles, 2);
    assert_eq!(total.quotations, 7);
    let counts: Vec<(&str, usize, usize)> =
        total.sources.iter().map(|s| (s.name.as_str(), s.quotations, s.first.article)).collect();
    assert_eq!(
        counts,
        [("Dana Whitfield", 4, 0), ("Colin Mercer", 1, 0), ("a council spokesman", 1, 0), ("Martin Hale", 1, 1)]
    );
    // Hale is quoted in the second article, so no longer unquoted in the total.
    let unquoted: Vec<&str> = total.unquoted.iter().map(|u| u.entity.as_str()).collect();
    assert_eq!(unquoted, ["harbour-council"]);
}

#[test]
fn direct_and_partial_quotations() {
    assert!(is_direct("“We cannot keep pouring money into it,”"));
    assert!(is_direct("“Nobody asked us.”"));
    assert!(!is_direct("“at least four million,”"));
    assert!(!is_direct("“Whitfield's folly”"));
    assert_eq!(words_quoted("“We — the council — cannot.”"), 4);
}

/// Issue 16: a pinned quotation counts for the pinned entity as attributed and named, and a
/// quotation pinned to `none` is neither unattributed nor anyone's.
#[test]
fn pins_count_in_the_ledger() {
    let (index, _) = GlossaryIndex::build(vec![(
        "glossary.toml".to_string(),
        glossary::parse("[marsh]\nname = \"Lena Marsh\"\nkind = \"person\"\n"),
    )]);
    let text = "The pool shut.\n\n<!-- copydesk-speaker marsh -->\n“It is time.”\n\n\
                <!-- copydesk-speaker none -->\n“Save our pool!”\n";
    let (_, analysis) = analyze(text, Format::Markdown, &index);
    let ledger = Ledger::of(text, &analysis, &index);
    assert!(ledger.unattributed.is_empty(), "{:?}", ledger.unattributed);
    assert_eq!(ledger.sources.len(), 1, "{:?}", ledger.sources);
    let source = &ledger.sources[0];
    assert_eq!(
        (source.entity.as_deref(), source.attributed, source.assumed, source.named),
        (Some("marsh"), 1, 0, true)
    );
}

/// Issue 15: the code lens's one-line ledger, in the words of the issue's example.
#[test]
fn the_summary_counts_quotations_sources_by_gender_unattributed_and_anonymous() {
    assert_eq!(
        ledger(ARTICLE).summary(),
        "5 quotations · 3 sources (1 woman, 1 man, 1 of unknown gender) · 1 unattributed · 1 anonymous"
    );
    let article = "Pool closes\n\
        “It is over,” Dana Whitfield said.\n\
        “It is not,” said Sam Ade.\n\
        “We decided,” Harbour Council said.\n";
    // Nothing unattributed or anonymous: those parts are left out, not shown as zeros.
    assert_eq!(ledger(article).summary(), "3 quotations · 3 sources (1 woman, 1 nonbinary person, 1 organization)");
    assert_eq!(ledger("Pool closes\nThe vote was seven to four.\n").summary(), "No quotations");
}

/// Issue 15: the lens over each source's first quotation.
#[test]
fn each_source_is_summed_up_at_its_first_quotation() {
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
    let (_, analysis) = analyze(ARTICLE, Format::PlainText, &index);
    let ledger = Ledger::of(ARTICLE, &analysis, &index);
    let lines: Vec<(usize, String)> =
        ledger.source_summaries(&analysis, &index).into_iter().map(|(at, line)| (at.line, line)).collect();
    // Whitfield is named twice; the spokesman is outside the glossary, with no mentions to count.
    assert_eq!(
        lines,
        [
            (2, "quoted 3× · mentioned 2×".to_string()),
            (6, "quoted 1× · mentioned 1×".to_string()),
            (7, "quoted 1×".to_string())
        ]
    );
}
