use super::fixture::{annotate, strip};
use super::parse;
use crate::analysis::glossary::Entity;

/// Parses the fixture's TOML and checks the `^^^` marks under it: each entity's header,
/// each field's value, and each diagnostic as `code: message`.
fn check(fixture: &str) {
    let text = strip(fixture);
    let glossary = parse(&text);
    let mut marks = Vec::new();
    for entity in &glossary.entities {
        marks.push((entity.header, format!("entity {}", entity.id)));
        for (field, span) in &entity.fields {
            marks.push((*span, field.to_string()));
        }
    }
    for diagnostic in &glossary.diagnostics {
        marks.push((diagnostic.span, format!("{}: {}", diagnostic.code.as_str(), diagnostic.message)));
    }
    assert_eq!(annotate(&text, &marks), fixture);
}

/// Parses `input` and checks the entities' values, one line each.
fn check_values(input: &str, expect: &str) {
    let glossary = parse(input);
    let actual: String = glossary.entities.iter().map(|entity| summary(entity) + "\n").collect();
    let problems: String =
        glossary.diagnostics.iter().map(|d| format!("{}: {}\n", d.code.as_str(), d.message)).collect();
    assert_eq!(actual + &problems, expect);
}

fn summary(entity: &Entity) -> String {
    let mut parts = vec![entity.id.clone(), entity.kind.as_str().to_string(), format!("{:?}", entity.name)];
    if !entity.aliases.is_empty() {
        parts.push(format!("aliases={:?}", entity.aliases));
    }
    if let Some(role) = &entity.role {
        parts.push(format!("role={role:?}"));
    }
    if let Some(affiliation) = &entity.affiliation {
        parts.push(format!("affiliation={affiliation}"));
    }
    if let Some(description) = &entity.description {
        parts.push(format!("description={description:?}"));
    }
    if let Some(pronouns) = entity.pronouns {
        parts.push(format!("pronouns={}", pronouns.as_str()));
    }
    for (field, value) in &entity.extra {
        parts.push(format!("{field}={value:?}"));
    }
    parts.join(" ")
}

#[test]
fn spans_of_headers_fields_and_aliases() {
    check(
        r#"# Harbour City people.
[dana-whitfield]
^^^^^^^^^^^^^^^^ entity dana-whitfield
name = "Dana Whitfield"
       ^^^^^^^^^^^^^^^^ name
aliases = ["Mayor Whitfield", "Whitfield"]
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aliases
           ^^^^^^^^^^^^^^^^^ aliases[0]
                              ^^^^^^^^^^^ aliases[1]
affiliation = "council"
              ^^^^^^^^^ affiliation

[council]
^^^^^^^^^ entity council
kind = "organization"
       ^^^^^^^^^^^^^^ kind
name = "Harbour City Council"
       ^^^^^^^^^^^^^^^^^^^^^^ name
"#,
    );
}

#[test]
fn spans_of_quoted_dotted_and_inline_entities() {
    check(
        r#"gazette = { name = "The Harbour Gazette", kind = "publication" }
^^^^^^^ entity gazette
                   ^^^^^^^^^^^^^^^^^^^^^ name
                                                 ^^^^^^^^^^^^^ kind
[ "tomas-okafor" ]
^^^^^^^^^^^^^^^^^^ entity tomas-okafor
name = 'Tomas Okafor'
       ^^^^^^^^^^^^^^ name
office = { floor = 2 }
         ^^^^^^^^^^^^^ glossary-invalid-field: `office` must be text, not a table
         ^^^^^^^^^^^^^ office
[harbour.ward]
^^^^^^^^^^^^^^ glossary-invalid-field: `ward` must be text, not a table
 ^^^^^^^ glossary-missing-name: entity `harbour` has no `name`
name = "Ward Seven"
"#,
    );
}

#[test]
fn values_defaults_and_extra_fields() {
    check_values(
        r#"
[dana-whitfield]
name = "Dana Whitfield"
role = "Mayor of Harbour City"
affiliation = "council"
pronouns = "she/her"
description = "Elected in 2022."
twitter = "@danaw"
first_elected = 2022

[council]
name = "Harbour City Council"
kind = "organisation"
aliases = ["the council"]

[gazette]
name = "The Harbour Gazette"
kind = "publication"
pronouns = "it"
"#,
        r#"dana-whitfield person "Dana Whitfield" role="Mayor of Harbour City" affiliation=council description="Elected in 2022." pronouns=she twitter="@danaw" first_elected="2022"
council organization "Harbour City Council" aliases=["the council"]
gazette publication "The Harbour Gazette" pronouns=it
"#,
    );
}

#[test]
fn entities_keep_file_order() {
    check_values(
        "[zed]\nname = \"Zed Park\"\n[abe]\nname = \"Abe Lund\"\n",
        "zed person \"Zed Park\"\nabe person \"Abe Lund\"\n",
    );
}

#[test]
fn missing_name_is_reported_at_the_header_and_the_entity_is_left_out() {
    check(
        r#"[okafor]
^^^^^^^^ glossary-missing-name: entity `okafor` has no `name`
role = "Councillor"

[whitfield]
^^^^^^^^^^^ entity whitfield
name = "Dana Whitfield"
       ^^^^^^^^^^^^^^^^ name
"#,
    );
}

#[test]
fn unknown_kind_is_reported_at_the_value_and_the_entity_loads_as_a_person() {
    check(
        r#"[council]
^^^^^^^^^ entity council
name = "Harbour City Council"
       ^^^^^^^^^^^^^^^^^^^^^^ name
kind = "comittee"
       ^^^^^^^^^^ glossary-unknown-kind: unknown kind `comittee`: expected one of person, organization, publication, place, document, group
       ^^^^^^^^^^ kind
"#,
    );
}

#[test]
fn wrong_value_types_are_invalid_fields() {
    check(
        r#"[okafor]
^^^^^^^^ entity okafor
name = "Tomas Okafor"
       ^^^^^^^^^^^^^^ name
aliases = "Okafor"
          ^^^^^^^^ aliases
          ^^^^^^^^ glossary-invalid-field: `aliases` must be a list of names, such as ["…"], not text
role = ["Councillor"]
       ^^^^^^^^^^^^^^ glossary-invalid-field: `role` must be text, not a list
       ^^^^^^^^^^^^^^ role
pronouns = "xe"
           ^^^^ glossary-invalid-field: unknown pronouns `xe`: expected he, she, they or it
           ^^^^ pronouns
kind = 3
       ^ glossary-invalid-field: `kind` must be text, not an integer
       ^ kind
office = { floor = 2 }
         ^^^^^^^^^^^^^ glossary-invalid-field: `office` must be text, not a table
         ^^^^^^^^^^^^^ office

[gazette]
^^^^^^^^^ entity gazette
name = "The Harbour Gazette"
       ^^^^^^^^^^^^^^^^^^^^^ name
aliases = ["Gazette", 7, ""]
          ^^^^^^^^^^^^^^^^^^ aliases
           ^^^^^^^^^ aliases[0]
                      ^ glossary-invalid-field: an alias must be text, not an integer
                         ^^ glossary-invalid-field: an alias is empty
"#,
    );
}

#[test]
fn a_name_of_the_wrong_type_is_reported_once() {
    check(
        r#"[okafor]
name = 42
       ^^ glossary-invalid-field: `name` must be text, not an integer
[blank]
name = "  "
       ^^^^ glossary-invalid-field: `name` is empty
"#,
    );
}

#[test]
fn top_level_values_and_arrays_of_tables_are_not_entities() {
    check(
        r#"version = 2
          ^ glossary-invalid-field: `version` is not an entity: each entity is a table headed `[version]`
[[people]]
^^^^^^^^^^ glossary-invalid-field: `people` is not an entity: each entity is a table headed `[people]`
name = "Dana Whitfield"
"#,
    );
}

#[test]
fn a_syntax_error_leaves_the_other_tables_loaded() {
    check(
        r#"[whitfield]
^^^^^^^^^^^ entity whitfield
name = "Dana Whitfield"
       ^^^^^^^^^^^^^^^^ name

[okafor]
name = "Tomas Okafor
                    ^ glossary-syntax: TOML syntax error: invalid basic string, expected `"`
role = "Councillor"

[gazette]
^^^^^^^^^ entity gazette
name = "The Harbour Gazette"
       ^^^^^^^^^^^^^^^^^^^^^ name
"#,
    );
}

#[test]
fn an_unclosed_header_only_loses_its_own_table() {
    check(
        r#"[whitfield
          ^ glossary-syntax: TOML syntax error: unclosed table, expected `]`
name = "Dana Whitfield"

[okafor]
^^^^^^^^ entity okafor
name = "Tomas Okafor"
       ^^^^^^^^^^^^^^ name
"#,
    );
}

#[test]
fn an_id_defined_twice_keeps_the_first_definition() {
    check(
        r#"[okafor]
^^^^^^^^ entity okafor
name = "Tomas Okafor"
       ^^^^^^^^^^^^^^ name

[okafor]
^^^^^^^^ glossary-syntax: entity `okafor` is defined twice in this file; the first definition is used
name = "T. Okafor"
"#,
    );
}

#[test]
fn a_key_defined_twice_in_a_table_is_a_syntax_error() {
    check(
        r#"[okafor]
name = "Tomas Okafor"
name = "T. Okafor"
^^^^ glossary-syntax: TOML syntax error: duplicate key
"#,
    );
}

#[test]
fn never_panics_on_any_prefix_or_odd_input() {
    let text = strip(
        r#"[dana-whitfield]
name = "Dana Whitfield" # the mayor
aliases = ["Mayor Whitfield", 'Whitfield', """Dana
W."""]
kind = "person"
[council.sub]
x = [[1, 2], {a = "b"}]
[[arr]]
name = "“Curly” ’quotes’ and ünïcödé"
"#,
    );
    for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
        let _ = parse(&text[..end]);
        let _ = parse(&text[end..]);
    }
    for odd in [
        "[",
        "]",
        "[[",
        "=",
        "\"",
        "[a]\nname = \"\"\"",
        "[a.b.c]\n[a]\nname=1",
        &"[".repeat(500),
        "\u{feff}[a]\nname=\"A\"",
    ] {
        let _ = parse(odd);
    }
}

#[test]
fn a_syntax_error_before_a_crlf_stays_off_the_line_break() {
    let text = "[club]\r\nname = \"Riverside\r\n";
    let parsed = super::parse(text);
    assert!(!parsed.diagnostics.is_empty(), "the unterminated string is reported");
    for diagnostic in &parsed.diagnostics {
        for at in [diagnostic.span.start, diagnostic.span.end] {
            let splits_crlf = at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n');
            assert!(!splits_crlf, "{diagnostic:?} lies inside a CRLF");
        }
    }
}

/// Checks that reading `input` table by table either gives exactly what reading the whole
/// file gives or is declined, and whether it was taken.
fn check_table_by_table(input: &str, taken: bool) {
    let by_table = super::read_table_by_table(input);
    assert_eq!(by_table.is_some(), taken, "table by table taken for {input:?}");
    if let Some(by_table) = by_table {
        assert_eq!(by_table, super::read_whole(input), "{input:?}");
    }
}

#[test]
fn reading_table_by_table_gives_what_the_whole_file_gives() {
    let cases = [
        ("", true),
        ("# only a comment\n", true),
        (
            "[okafor]\nname = \"Ada Okafor\"\naliases = [\"Okafor\", \"Mayor Okafor\"]\n\n[club]\nname = \"Riverside FC\"\nkind = \"organization\"\n",
            true,
        ),
        ("top = 1\n[okafor]\nname = \"Ada Okafor\"\r\n[club]\r\nname = \"Riverside\"\r\n", true),
        // Headers that are not at the start of a line stay in the piece before them.
        ("[okafor]\nname = \"Ada Okafor\"\n  [club]\n  name = \"Riverside\"\n", true),
        ("[\"quoted id\"]\nname = \"Q\"\n[a.b]\nname = \"B\"\n[[arr]]\nname = \"A\"\n", true),
        ("[okafor]\nname = \"Ada Okafor\"\nrole = \"\"\"the mayor\n[not-a-header]\n\"\"\"\n", false),
        ("[okafor]\nname = \"Ada\"\naliases = [\n[\"nested\"],\n]\n", false),
        // One key in two tables: only the whole file can say what that means.
        ("[a.b]\nname = \"B\"\n[a.c]\nname = \"C\"\n", false),
        ("[[arr]]\nname = \"A\"\n[[arr]]\nname = \"B\"\n", false),
        ("a.b = 1\n[a]\nname = \"A\"\n", false),
        ("[okafor]\nname = \"Ada\"\n[okafor]\nname = \"Tomas\"\n", false),
        ("[okafor]\nname = \"Ada\n[club]\nname = \"Riverside\"\n", false),
        ("\u{feff}[a]\nname=\"A\"\n[b]\nname=\"B\"", true),
    ];
    for (input, taken) in cases {
        check_table_by_table(input, taken);
    }
    // Every prefix of a file with odd tables reads the same either way.
    let text = "[dana]\nname = \"Dana Whitfield\" # the mayor\naliases = ['W', \"\"\"Dana\n[W.]\"\"\"]\n[council.sub]\nx = [\n[1, 2], {a = \"b\"}]\n[[arr]]\nname = \"ünï\"\n[club]\nname = \"Riverside\"\n";
    for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
        if let Some(by_table) = super::read_table_by_table(&text[..end]) {
            assert_eq!(by_table, super::read_whole(&text[..end]), "{:?}", &text[..end]);
        }
    }
}

#[test]
fn gender_is_read_and_else_follows_the_pronouns() {
    let glossary = parse(
        "[a]\nname = \"A\"\ngender = \"woman\"\npronouns = \"he\"\n[b]\nname = \"B\"\npronouns = \"she\"\n\
         [c]\nname = \"C\"\npronouns = \"they\"\n[d]\nname = \"D\"\n[e]\nname = \"E\"\ngender = \"Non-binary\"\n\
         [f]\nname = \"F\"\ngender = \"robot\"\n",
    );
    let genders: Vec<&str> = glossary.entities.iter().map(|entity| entity.gender().as_str()).collect();
    assert_eq!(genders, ["woman", "woman", "unknown", "unknown", "nonbinary", "unknown"]);
    let problems: Vec<&str> = glossary.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(problems, ["unknown gender `robot`: expected woman, man, nonbinary or unknown"]);
}
