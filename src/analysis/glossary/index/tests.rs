use super::GlossaryIndex;
use crate::analysis::glossary::parse;
use crate::analysis::glossary::parse::fixture::{annotate, strip};

/// Builds the index from a fixture of glossary files, nearest first, each opened by a
/// `//- label` line, and checks the `^^^` marks of every problem (inside one file or across
/// files) and the merged entities as `id file name` lines.
fn check_build(fixture: &str, expect_entities: &str) {
    let files = split_files(fixture);
    let texts: Vec<(String, String)> = files.iter().map(|(label, text)| (label.clone(), strip(text))).collect();
    let parsed: Vec<_> = texts.iter().map(|(label, text)| (label.clone(), parse(text))).collect();
    let mut marks: Vec<Vec<_>> =
        parsed.iter().map(|(_, glossary)| glossary.diagnostics.iter().map(|d| (d.span, label(d))).collect()).collect();
    let (index, problems) = GlossaryIndex::build(parsed);
    for (file, diagnostic) in &problems {
        marks[*file].push((diagnostic.span, label(diagnostic)));
    }
    let annotated: String = texts
        .iter()
        .zip(&marks)
        .map(|((label, text), marks)| format!("//- {label}\n{}", annotate(text, marks)))
        .collect();
    assert_eq!(annotated, fixture);
    let entities: String =
        index.entities.iter().map(|e| format!("{} {} {}\n", e.id, index.files[e.file], e.name)).collect();
    assert_eq!(entities, expect_entities);
}

fn label(diagnostic: &crate::analysis::Diagnostic) -> String {
    format!("{}: {}", diagnostic.code.as_str(), diagnostic.message)
}

fn split_files(fixture: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        match line.strip_prefix("//- ") {
            Some(label) => files.push((label.trim().to_string(), String::new())),
            None => {
                if let Some((_, text)) = files.last_mut() {
                    text.push_str(line);
                }
            }
        }
    }
    files
}

/// Finds the names of `glossary` in the fixture's text and checks the `^^^` marks, each
/// labelled with the id of the entity found.
fn check_mentions(glossary: &str, fixture: &str) {
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), parse(glossary))]);
    let text = strip(fixture);
    let marks: Vec<_> =
        index.find_names(&text).into_iter().map(|(span, id)| (span, index.entity(id).id.clone())).collect();
    assert_eq!(annotate(&text, &marks), fixture);
}

const HARBOUR_CITY: &str = r#"
[dana-whitfield]
name = "Dana Whitfield"
aliases = ["Mayor Whitfield"]
affiliation = "council"
pronouns = "she"

[tomas-okafor]
name = "Tomas Okafor"
role = "Councillor"
affiliation = "council"

[lena-okafor]
name = "Lena Okafor"
role = "Harbour master"

[priya-nair]
name = "Priya Nair"

[nair-trust]
name = "Nair Trust"
kind = "organization"
aliases = ["Nair"]

[council]
name = "Harbour City Council"
kind = "organization"
aliases = ["the council"]

[harbour-city]
name = "Harbour City"
kind = "place"

[gazette]
name = "The Harbour Gazette"
kind = "publication"
aliases = ["Gazette"]

[riverside-united]
name = "Riverside United"
kind = "organization"

[united]
name = "United"
kind = "organization"
"#;

#[test]
fn names_aliases_and_surnames_with_possessives() {
    check_mentions(
        HARBOUR_CITY,
        r#"Mayor Dana Whitfield’s budget passed; Whitfield's allies told the Gazette.
      ^^^^^^^^^^^^^^ dana-whitfield
                                      ^^^^^^^^^ dana-whitfield
                                                                  ^^^^^^^ gazette
Mayor Whitfield thanked “Tomas Okafor” and the council.
^^^^^^^^^^^^^^^ dana-whitfield
                         ^^^^^^^^^^^^ tomas-okafor
                                           ^^^^^^^^^^^ council
"#,
    );
}

#[test]
fn leftmost_longest_prefers_the_whole_name() {
    check_mentions(
        HARBOUR_CITY,
        r#"Riverside United beat United at Harbour City Council grounds in Harbour City.
^^^^^^^^^^^^^^^^ riverside-united
                      ^^^^^^ united
                                ^^^^^^^^^^^^^^^^^^^^ council
                                                                ^^^^^^^^^^^^ harbour-city
"#,
    );
}

#[test]
fn letters_and_digits_may_not_touch_a_name() {
    check_mentions(
        HARBOUR_CITY,
        r#"UnitedHealth, Whitfields, 3United and Riverside United2 are not names; (United) is.
                                                                        ^^^^^^ united
"#,
    );
}

#[test]
fn a_long_name_failing_its_boundary_lets_a_shorter_one_win() {
    check_mentions(
        HARBOUR_CITY,
        r#"Harbour City Councils and Riverside Uniteds differ.
^^^^^^^^^^^^ harbour-city
"#,
    );
}

#[test]
fn a_surname_two_entities_claim_finds_nobody() {
    // "Okafor" is both Tomas's and Lena's surname; "Nair" is the trust's alias, so it is
    // the trust and never Priya.
    check_mentions(
        HARBOUR_CITY,
        r#"Okafor spoke after Lena Okafor; Nair paid Priya Nair, and Nair's staff agreed.
                   ^^^^^^^^^^^ lena-okafor
                                ^^^^ nair-trust
                                          ^^^^^^^^^^ priya-nair
                                                          ^^^^ nair-trust
"#,
    );
}

#[test]
fn only_people_have_surnames_and_matching_is_case_sensitive() {
    check_mentions(
        HARBOUR_CITY,
        r#"The Council, the Gazette and harbour city council: gazette, THE COUNCIL.
                 ^^^^^^^ gazette
"#,
    );
}

#[test]
fn a_name_wrapped_across_lines_is_still_found() {
    check_mentions(
        HARBOUR_CITY,
        r#"The budget of Mayor Dana
                    ^^^^ dana-whitfield
Whitfield passed.

Tomas

Okafor did not vote.
"#,
    );
}

#[test]
fn pakistani_taliban_style_overlap_is_one_mention() {
    check_mentions(
        r#"
[north-united]
name = "North Harbour United"
kind = "organization"
aliases = ["Harbour United"]

[harbour]
name = "Harbour"
kind = "place"
"#,
        r#"Harbour United and North Harbour United play in Harbour.
^^^^^^^^^^^^^^ north-united
                   ^^^^^^^^^^^^^^^^^^^^ north-united
                                                ^^^^^^^ harbour
"#,
    );
}

#[test]
fn the_nearest_file_wins_an_id_and_affiliations_cross_files() {
    check_build(
        r#"//- story.md.glossary.toml
[council]
name = "Harbour City Council"
kind = "organization"

[dana-whitfield]
name = "Dana Whitfield"
affiliation = "gazette-group"
//- glossary.toml
[council]
name = "Old Harbour Council"

[gazette-group]
name = "Gazette Media Group"
kind = "organization"
"#,
        "council story.md.glossary.toml Harbour City Council\n\
         dana-whitfield story.md.glossary.toml Dana Whitfield\n\
         gazette-group glossary.toml Gazette Media Group\n",
    );
}

#[test]
fn an_affiliation_naming_no_entity() {
    check_build(
        r#"//- glossary.toml
[tomas-okafor]
name = "Tomas Okafor"
affiliation = "harbour-counsil"
              ^^^^^^^^^^^^^^^^^ glossary-unknown-affiliation: affiliation `harbour-counsil` names no entity in the glossary
"#,
        "tomas-okafor glossary.toml Tomas Okafor\n",
    );
}

#[test]
fn an_alias_two_entities_claim_is_reported_at_the_later_one() {
    check_build(
        r#"//- near.toml
[gazette]
name = "The Harbour Gazette"
aliases = ["the paper", "Gazette"]

[tribune]
name = "Harbour Tribune"
aliases = ["the paper", "Gazette"]
           ^^^^^^^^^^^ glossary-duplicate-alias: the alias `the paper` is already claimed by `gazette` (The Harbour Gazette); mentions of it go to `gazette`
                        ^^^^^^^^^ glossary-duplicate-alias: the alias `Gazette` is already claimed by `gazette` (The Harbour Gazette); mentions of it go to `gazette`
//- far.toml
[gazette-owner]
name = "Harbour Tribune"
       ^^^^^^^^^^^^^^^^^ glossary-duplicate-alias: the name `Harbour Tribune` is already claimed by `tribune` (Harbour Tribune); mentions of it go to `tribune`
aliases = ["Gazette"]
           ^^^^^^^^^ glossary-duplicate-alias: the alias `Gazette` is already claimed by `gazette` (The Harbour Gazette); mentions of it go to `gazette`
"#,
        "gazette near.toml The Harbour Gazette\n\
         tribune near.toml Harbour Tribune\n\
         gazette-owner far.toml Harbour Tribune\n",
    );
}

#[test]
fn an_alias_equal_to_another_entitys_name_keeps_the_name() {
    let glossary = parse(
        r#"
[united]
name = "United"
kind = "organization"

[riverside-united]
name = "Riverside United"
aliases = ["United"]
kind = "organization"
"#,
    );
    let (index, problems) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary)]);
    let found: Vec<_> =
        index.find_names("United won.").into_iter().map(|(_, id)| index.entity(id).id.as_str()).collect();
    assert_eq!(found, ["united"]);
    let messages: Vec<_> = problems.iter().map(|(_, d)| d.message.as_str()).collect();
    assert_eq!(messages, ["the alias `United` is already claimed by `united` (United); mentions of it go to `united`"]);
}

#[test]
fn affiliation_cycles() {
    check_build(
        r#"//- glossary.toml
[council]
name = "Harbour City Council"
kind = "organization"
affiliation = "ward-committee"

[ward-committee]
name = "Ward Committee"
kind = "group"
affiliation = "council"
              ^^^^^^^^^ glossary-invalid-field: affiliation cycle: ward-committee → council → ward-committee

[gazette]
name = "The Harbour Gazette"
affiliation = "gazette"
              ^^^^^^^^^ glossary-invalid-field: `gazette` is affiliated with itself
"#,
        "council glossary.toml Harbour City Council\n\
         ward-committee glossary.toml Ward Committee\n\
         gazette glossary.toml The Harbour Gazette\n",
    );
}

#[test]
fn lookup_helpers() {
    let (index, _) = GlossaryIndex::build(vec![
        ("near.toml".to_string(), parse(HARBOUR_CITY)),
        ("far.toml".to_string(), parse("[region]\nname = \"Harbour Region\"\nkind = \"place\"\n")),
    ]);
    let dana = index.by_id("dana-whitfield").expect("dana is in the glossary");
    let council = index.by_id("council").expect("the council is in the glossary");
    let region = index.by_id("region").expect("the region is in the far file");
    assert_eq!(index.display_name(dana), "Dana Whitfield");
    assert_eq!(index.aliases_of(dana), ["Mayor Whitfield"]);
    assert_eq!(index.affiliation_entity(dana), Some(council));
    assert_eq!(index.affiliation_chain(dana), [council]);
    assert_eq!(index.affiliation_entity(council), None);
    assert_eq!(index.file_of(dana), Some("near.toml"));
    assert_eq!(index.file_of(region), Some("far.toml"));
    assert_eq!(index.by_id("nobody"), None);
    assert_eq!(index.display_name(9999), "");
    assert!(index.aliases_of(9999).is_empty());
}

#[test]
fn an_empty_index_finds_nothing() {
    assert!(GlossaryIndex::default().find_names("Dana Whitfield").is_empty());
    let (index, problems) = GlossaryIndex::build(Vec::new());
    assert!(index.find_names("Dana Whitfield").is_empty());
    assert!(problems.is_empty());
}

#[test]
fn surnames_skip_suffixes_and_lowercase_words() {
    check_mentions(
        r#"
[marcus-bell]
name = "Marcus Bell Jr."

[ana-de-souza]
name = "Ana de souza"

[cher]
name = "Cher"
"#,
        r#"Bell met Marcus Bell Jr. and Cher; souza and Souza did not.
^^^^ marcus-bell
         ^^^^^^^^^^^^^^^ marcus-bell
                             ^^^^ cher
"#,
    );
}

#[test]
fn any_whitespace_inside_a_paragraph_matches_a_space() {
    // Windows line endings, a non-breaking space, and the blanks Markdown emphasis leaves.
    let text = "Priya\r\nNair, Dana\u{a0}Whitfield and   Tomas    Okafor;\r\n\r\nLena\r\n\r\nOkafor.\n";
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), parse(HARBOUR_CITY))]);
    let found: Vec<_> = index
        .find_names(text)
        .into_iter()
        .map(|(span, id)| format!("{} {}", span.text(text).escape_debug(), index.entity(id).id))
        .collect();
    assert_eq!(
        found,
        [r"Priya\r\nNair priya-nair", r"Dana\u{a0}Whitfield dana-whitfield", "Tomas    Okafor tomas-okafor"]
    );
}

/// Issue 18, item 2: the DFA built for a few names is quadratic in the length of a
/// repetitive pattern (one alias of 40,000 `a`s: 47 s; 30 KB held a language server's
/// diagnostics back 22.8 s). A pattern longer than a name can be makes the linear NFA.
#[test]
fn a_long_alias_builds_the_linear_automaton_and_is_still_found() {
    use aho_corasick::AhoCorasickKind;
    let kind = |alias: &str| {
        let glossary = format!("[x]\nname = \"Ada Okafor\"\naliases = [\"{alias}\"]\n");
        let (index, problems) = GlossaryIndex::build(vec![("glossary.toml".to_string(), parse(&glossary))]);
        assert!(problems.is_empty(), "{problems:?}");
        (index.matcher.as_ref().unwrap().automaton.kind(), index)
    };
    assert_eq!(kind("Mayor Okafor").0, AhoCorasickKind::DFA);
    assert_eq!(kind(&"a".repeat(129)).0, AhoCorasickKind::ContiguousNFA);
    let alias = "a".repeat(40_000);
    let (found_kind, index) = kind(&alias);
    assert_eq!(found_kind, AhoCorasickKind::ContiguousNFA);
    let text = format!("Ada Okafor, or {alias}, said so.");
    let found: Vec<_> = index.find_names(&text).into_iter().map(|(span, _)| span.len()).collect();
    assert_eq!(found, [10, 40_000]);
}

/// Issue 16: fixes wrote the full name on second reference (`Zabihullah Mujahid said`).
#[test]
fn second_references_use_a_surname_that_finds_its_person() {
    let (index, _) = GlossaryIndex::build(vec![(
        "g".to_string(),
        parse(
            r#"
[mujahid]
name = "Zabihullah Mujahid"

[bell]
name = "Marcus Bell Jr."

[ana]
name = "Ana Brandt"

[tomas]
name = "Tomas Brandt"

[cher]
name = "Cher"

[telegraph]
name = "Islamabad Telegraph"
kind = "publication"
"#,
        ),
    )]);
    let second: Vec<&str> = (0..index.entities.len()).map(|id| index.second_reference(id)).collect();
    // Two Brandts: the surname alone finds neither, so each keeps the full name.
    assert_eq!(second, ["Mujahid", "Bell", "Ana Brandt", "Tomas Brandt", "Cher", "Islamabad Telegraph"]);
}

#[test]
fn a_body_is_found_by_its_name_without_the_closing_kind_word() {
    // Three words or more: `Green Harbour` alone is not the party.
    check_mentions(
        r#"
[swimmers]
name = "Harbour Pool Swimmers Association"
kind = "organization"

[green-party]
name = "Green Harbour Party"
kind = "organization"
"#,
        r#"The Harbour Pool Swimmers met; Green Harbour voted, and the Green Harbour Party too.
    ^^^^^^^^^^^^^^^^^^^^^ swimmers
                                                            ^^^^^^^^^^^^^^^^^^^ green-party
"#,
    );
}
