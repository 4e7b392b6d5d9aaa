//! Data-driven tests of attribution: each fixture is an article (plain text, first line
//! the title) and the expectation lists every quotation with its kind, speaker as written,
//! cue and resolved name, then the diagnostics.

use crate::analysis::{Format, GlossaryIndex, analyze, glossary};

const GLOSSARY: &str = r#"
[dana-whitfield]
name = "Dana Whitfield"
aliases = ["Whitfield"]
role = "Mayor of Harbour City"
pronouns = "she"

[tomas-okafor]
name = "Tomas Okafor"
role = "Councillor"
pronouns = "he"

[lena-marsh]
name = "Lena Marsh"
pronouns = "she"

[ben-castillo]
name = "Ben Castillo"
pronouns = "he"

[harbour-council]
name = "Harbour City Council"
kind = "organization"
aliases = ["the council's planning committee"]

[gazette]
name = "The Harbour Gazette"
kind = "publication"
aliases = ["Harbour Gazette"]
"#;

fn render(text: &str, glossary_text: &str) -> String {
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(glossary_text))]);
    let (_, analysis) = analyze(text, Format::PlainText, &index);
    let mut out = String::new();
    for quote in &analysis.quotes {
        let inner = quote.span.text(text);
        let short: String = inner.chars().take(24).collect();
        out.push_str(&format!("{} {short}", quote.kind.as_str()));
        match &quote.attribution {
            Some(a) => out.push_str(&format!(" ← {} [{}]", a.speaker.text(text), a.cue.text(text))),
            None if quote.needs_speaker => out.push_str(" ← none"),
            None => {}
        }
        if let Some(speaker) = quote.speaker() {
            out.push_str(&format!(" = {}", speaker.name));
        }
        out.push('\n');
    }
    for d in &analysis.diagnostics {
        out.push_str(&format!("{} {:?}: {}\n", d.code.as_str(), d.span.text(text), d.message));
    }
    out
}

fn check(text: &str, expect: &str) {
    let got = render(text, GLOSSARY);
    assert_eq!(got.trim_end(), expect.trim_end(), "\n{got}");
}

#[test]
fn speaker_after_the_quote() {
    check(
        r#"Pool to close
“The roof is unsafe,” Whitfield told the Harbour Gazette.
"#,
        r#"speech “The roof is unsafe,” ← Whitfield [told] = Dana Whitfield"#,
    );
}

#[test]
fn appositive_with_who_clause() {
    check(
        r#"Pool to close
"We are ready," Paris, who used to work on the pier, said about the plans.
"#,
        r#"speech "We are ready," ← Paris, who used to work on the pier, [said] = Paris
unknown-speaker "Paris": Paris is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn speaker_before_a_partial_quote() {
    check(
        r#"Pool to close
Okafor lamented that the “danger” came from the roof.
"#,
        r#"speech “danger” ← Okafor [lamented] = Tomas Okafor"#,
    );
}

#[test]
fn straight_quotes_and_inverted_speaker() {
    check(
        r#"Pool to close

"It is a model," said Tomas Okafor.
"#,
        r#"speech "It is a model," ← Tomas Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn any_past_tense_verb_after_a_quotation_is_a_cue() {
    check(
        r#"Pool to close
“This is fantastic!” beamed Will Doyle of Ashgrove.
"#,
        r#"speech “This is fantastic!” ← Will Doyle of Ashgrove [beamed] = Will Doyle
unknown-speaker "Will Doyle of Ashgrove": Will Doyle is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}
