//! Whom described speakers and pronouns stand for: appositives, definite descriptions
//! read against the glossary's roles, roles that speak for someone else, and the pronoun
//! rules readers follow. Fixtures use the glossary of `tests.rs`.

use super::tests::{GLOSSARY, render};

fn check(text: &str, expect: &str) {
    let got = render(text, GLOSSARY);
    assert_eq!(got.trim_end(), expect.trim_end(), "\n{got}");
}

#[test]
fn a_role_given_in_an_appositive_is_that_person() {
    check(
        r#"Pool to close
“It is over,” said Samuel Park.
Asked about it, Park, the club’s longtime coach, said nothing.
“I am done,” the club’s longtime coach, who led the club for years, said.
"#,
        r#"speech “It is over,” ← Samuel Park [said] = Samuel Park
speech “I am done,” ← the club’s longtime coach [said] = Samuel Park
unknown-speaker "Samuel Park": Samuel Park is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_description_after_the_and_modifiers_is_definite() {
    check(
        r#"Pool to close
Tomas Okafor voted on Monday.
“It is a sad day,” the bespectacled, 52-year-old councillor said.
"#,
        r#"speech “It is a sad day,” ← 52-year-old councillor [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_description_before_the_name_is_found_by_the_glossary_role() {
    check(
        r#"Pool to close
“It is over,” the Harbour City mayor said on Monday.
Dana Whitfield had fought for the pool for a decade.
"#,
        r#"speech “It is over,” ← the Harbour City mayor [said] = Dana Whitfield"#,
    );
}

#[test]
fn a_role_that_speaks_for_a_person_is_not_that_person() {
    check(
        r#"Pool to close
“It is over,” one Whitfield spokesman said.
“We lost,” Whitfield spokeswoman Lena Marsh said.
"#,
        r#"speech “It is over,” ← one Whitfield spokesman [said] = one Whitfield spokesman
speech “We lost,” ← Whitfield spokeswoman Lena Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn he_or_she_never_stands_for_a_plural_or_a_body() {
    check(
        r#"Pool to close
“We will appeal,” Okafor said.
“The vote was unlawful,” the lawyers said.
“I will not give up,” he said.
"#,
        r#"speech “We will appeal,” ← Okafor [said] = Tomas Okafor
speech “The vote was unlawful,” ← the lawyers [said] = the lawyers
speech “I will not give up,” ← he [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_speaker_inside_a_relative_clause_is_not_continued_by_a_pronoun() {
    check(
        r#"Pool to close
“It is over,” Okafor said.
Asked whether Castillo, who has called the vote a fraud, would sue, Okafor nodded.
“We will see,” he said.
"#,
        r#"speech “It is over,” ← Okafor [said] = Tomas Okafor
speech “We will see,” ← he [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_person_named_since_as_a_sentence_subject_takes_the_pronoun() {
    check(
        r#"Pool to close
“It is over,” Okafor said.
Castillo’s term ends this year.
“I will miss it,” he said.
"#,
        r#"speech “It is over,” ← Okafor [said] = Tomas Okafor
speech “I will miss it,” ← he [said] = Ben Castillo
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Ben Castillo."#,
    );
}

#[test]
fn without_a_glossary_a_role_resolves_to_the_name_the_article_gave_it() {
    check_without_glossary(
        r#"Pool to close
Doug Maynard, the mayor of Eastport, voted for closure on Monday.
“It is a sad day,” the mayor said.
Coach Ivo Laine was not at the meeting.
“Nobody asked us,” the coach said.
"#,
        r#"speech “It is a sad day,” ← the mayor [said] = Doug Maynard
speech “Nobody asked us,” ← the coach [said] = Ivo Laine"#,
    );
}

fn check_without_glossary(text: &str, expect: &str) {
    let got = render(text, "");
    assert_eq!(got.trim_end(), expect.trim_end(), "\n{got}");
}

#[test]
fn a_subject_named_since_wins_though_the_last_speaker_is_named_after_it() {
    check(
        r#"Pool to close
“It is over,” Okafor said.
Castillo has not seen Okafor’s letter.
“I will fight on,” he wrote on Saturday.
"#,
        r#"speech “It is over,” ← Okafor [said] = Tomas Okafor
speech “I will fight on,” ← he [wrote] = Ben Castillo
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Ben Castillo."#,
    );
}

#[test]
fn a_word_that_cannot_speak_is_never_the_last_to_speak() {
    check(
        r#"Pool to close
“It is over,” Okafor said.
Castillo has not yet responded to the letter.
“I will fight on,” he said.
"#,
        r#"speech “It is over,” ← Okafor [said] = Tomas Okafor
speech “I will fight on,” ← he [said] = Ben Castillo
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Ben Castillo."#,
    );
}

#[test]
fn an_appositive_description_stands_for_the_name_before_it() {
    check(
        r#"Pool to close
“It is over,” Okafor said.
“We tried,” said Lena Marsh, 34, a Harbour native who broke into politics reporting for the Gazette.
“I will fight on,” he said.
"#,
        r#"speech “It is over,” ← Okafor [said] = Tomas Okafor
speech “We tried,” ← Lena Marsh, 34, a Harbour native who broke into politics reporting for the Gazette [said] = Lena Marsh
speech “I will fight on,” ← he [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_pronoun_no_one_named_before_can_be_is_reported_not_guessed() {
    check(
        r#"Pool to close
“It is over,” he said.
"#,
        r#"speech “It is over,” ← he [said]
unresolved-pronoun "he": No one named before this pronoun can be its speaker; name the speaker here."#,
    );
    // Capitalised words that name no person (a place, a body) leave it unresolved, and
    // since they may be names copydesk cannot tell, nothing is reported.
    check(
        r#"Pool to close
The pool in Harbour City closed after the Harbour Swim Club voted.
“It is over,” she said.
"#,
        r#"speech “It is over,” ← she [said]"#,
    );
}

#[test]
fn without_a_glossary_a_pronoun_before_anyone_speaks_is_the_latest_person_named() {
    check_without_glossary(
        r#"Pool to close
Ana Ruiz swam there for forty years, and the pool in New Harbour closed on Monday.
“It is over,” she said.
"#,
        r#"speech “It is over,” ← she [said] = Ana Ruiz"#,
    );
}

#[test]
fn an_acronym_is_the_organisation_whose_name_it_spells() {
    check_without_glossary(
        r#"Pool to close
The Harbour Swimming Association opposed the closure.
“No decision has been made,” HSA said on Friday.
"#,
        r#"speech “No decision has been ma ← HSA [said] = Harbour Swimming Association"#,
    );
    check(
        r#"Pool to close
Harbour City Council met on Monday.
“We will vote in March,” HCC said.
"#,
        r#"speech “We will vote in March,” ← HCC [said] = Harbour City Council"#,
    );
}

#[test]
fn before_anyone_speaks_a_pronoun_is_the_subject_of_the_sentence_naming_its_people() {
    // Ben Castillo is named last, as an object; readers take the subject, Tomas Okafor.
    check(
        r#"Pool to close
Tomas Okafor is suing the club that banned Ben Castillo last year.
“I am a free man,” he told the Gazette.
"#,
        r#"speech “I am a free man,” ← he [told] = Tomas Okafor"#,
    );
}

#[test]
fn a_plural_description_is_a_group_the_glossary_names() {
    let glossary = format!("{GLOSSARY}\n[okafor-lawyers]\nname = \"Okafor’s lawyers\"\nkind = \"group\"\n");
    let got = super::tests::render(
        r#"Pool to close
Okafor’s lawyers filed the appeal on Monday.
“We will win,” the lawyers said.
"#,
        &glossary,
    );
    assert_eq!(got.trim_end(), "speech “We will win,” ← the lawyers [said] = Okafor’s lawyers", "\n{got}");
}

#[test]
fn a_description_naming_only_a_kind_is_the_body_just_named() {
    // The Gazette is named last, but a publication is `the group` only when no other body
    // is at hand.
    check(
        r#"Pool to close
Harbour City Council did not want to comment, telling the Harbour Gazette it was busy.
“We are busy,” the group said.
"#,
        r#"speech “We are busy,” ← the group [said] = Harbour City Council"#,
    );
}

#[test]
fn a_subject_after_a_leading_phrase_opens_its_sentence() {
    check(
        r#"Pool to close
“It is over,” Tomas Okafor said.
In his reply to the council, Ben Castillo was blunt.
“It is not,” he said.
"#,
        r#"speech “It is over,” ← Tomas Okafor [said] = Tomas Okafor
speech “It is not,” ← he [said] = Ben Castillo
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Ben Castillo."#,
    );
}

#[test]
fn a_kind_of_speaker_is_not_an_entity_holding_only_a_common_modifier() {
    // Lena Marsh's role holds `business`, not `mogul`: the description falls back to the
    // latest person, the subject of the sentence naming her.
    let glossary = r#"
[tomas-okafor]
name = "Tomas Okafor"
kind = "person"

[lena-marsh]
name = "Lena Marsh"
kind = "person"
role = "Okafor's former business partner"
"#;
    let got = super::tests::render(
        r#"Pool to close
On Monday, Tomas Okafor said Lena Marsh would run the pool.
“She is the best,” the business mogul announced.
"#,
        glossary,
    );
    assert_eq!(got.trim_end(), "speech “She is the best,” ← the business mogul [announced] = Tomas Okafor", "\n{got}");
}

#[test]
fn a_body_missing_from_the_glossary_keeps_its_whole_name() {
    check_without_glossary(
        r#"Pool to close
“We are ready,” the Ministry of Health said.
“So are we,” Council Leader Dana Whitfield said.
"#,
        r#"speech “We are ready,” ← the Ministry of Health [said] = Ministry of Health
speech “So are we,” ← Council Leader Dana Whitfield [said] = Dana Whitfield
unknown-speaker "the Ministry of Health": Ministry of Health is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are.
unknown-speaker "Council Leader Dana Whitfield": Dana Whitfield is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}
