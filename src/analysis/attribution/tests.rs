//! Data-driven tests of attribution: each fixture is an article (plain text, first line
//! the title) and the expectation lists every quotation with its kind, speaker as written,
//! cue and resolved name, then the diagnostics.

use crate::analysis::{Format, GlossaryIndex, analyze, glossary};

pub(super) const GLOSSARY: &str = r#"
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

pub(super) fn render(text: &str, glossary_text: &str) -> String {
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
    // The anonymous-source hint reads attributions and has its own tests (anonymous.rs).
    for d in analysis.diagnostics.iter().filter(|d| d.code != crate::analysis::Code::AnonymousSource) {
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

#[test]
fn said_after_the_name_and_name_after_said() {
    check(
        r#"Pool to close
“The roof is unsafe,” Whitfield said.
“It is a sad day,” said Tomas Okafor.
"#,
        r#"speech “The roof is unsafe,” ← Whitfield [said] = Dana Whitfield
speech “It is a sad day,” ← Tomas Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn colon_and_that_introductions() {
    check(
        r#"Pool to close
Whitfield said: “We cannot keep it open.”
Okafor said that “nobody asked the children.”
"#,
        r#"speech “We cannot keep it open. ← Whitfield [said] = Dana Whitfield
speech “nobody asked the childr ← Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn partial_quote_inside_the_speakers_sentence() {
    check(
        r#"Pool to close
Dana Whitfield said the pool and the park “are a burden the city cannot carry.”
"#,
        r#"speech “are a burden the city c ← Dana Whitfield [said] = Dana Whitfield"#,
    );
}

#[test]
fn according_to() {
    check(
        r#"Pool to close
The pool “has been losing money for a decade,” according to the council's planning committee.
"#,
        r#"speech “has been losing money f ← the council's planning committee [according to] = Harbour City Council"#,
    );
}

#[test]
fn appositive_between_name_and_cue() {
    check(
        r#"Pool to close
“It is a scandal,” Lena Marsh, editor of the Harbour Gazette, told reporters.
"#,
        r#"speech “It is a scandal,” ← Lena Marsh, editor of the Harbour Gazette, [told] = Lena Marsh"#,
    );
}

#[test]
fn title_before_the_name() {
    check(
        r#"Pool to close
Council Leader Dana Whitfield said: “The decision is final.”
Deputy Mayor Ruth Ellery said: “It is not.”
"#,
        r#"speech “The decision is final.” ← Council Leader Dana Whitfield [said] = Dana Whitfield
speech “It is not.” ← Deputy Mayor Ruth Ellery [said] = Ruth Ellery
unknown-speaker "Deputy Mayor Ruth Ellery": Ruth Ellery is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn organisations_and_documents_as_sources() {
    check(
        r#"Pool to close
In a statement issued by her office, Dana Whitfield said the pool would close.
“Public safety must come first,” the statement read.
Harbour City Council said in a letter that the site faced “urgent structural repairs.”
"#,
        r#"speech “Public safety must come ← the statement [read] = Dana Whitfield
speech “urgent structural repai ← Harbour City Council [said] = Harbour City Council"#,
    );
}

#[test]
fn a_second_quote_after_its_attribution() {
    check(
        r#"Pool to close
“The roof leaks,” he said. “The boiler is older than I am.”
"#,
        r#"speech “The roof leaks,” ← he [said]
speech “The boiler is older tha ← he [said]
unresolved-pronoun "he": No one named before this pronoun can be its speaker; name the speaker here."#,
    );
}

#[test]
fn pronouns_follow_the_last_matching_speaker_across_paragraphs() {
    check(
        r#"Pool to close
“We tried everything,” Okafor told the Harbour Gazette.
Whitfield left the meeting early.
“Nobody wanted this,” he added.
"#,
        r#"speech “We tried everything,” ← Okafor [told] = Tomas Okafor
speech “Nobody wanted this,” ← he [added] = Tomas Okafor"#,
    );
}

#[test]
fn a_pronoun_is_ambiguous_when_another_match_was_named_since() {
    check(
        r#"Pool to close
“We tried everything,” Okafor said.
The motion was seconded by Ben Castillo.
“God willing, it reopens,” he said.
"#,
        r#"speech “We tried everything,” ← Okafor [said] = Tomas Okafor
speech “God willing, it reopens ← he [said] = Tomas Okafor
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Tomas Okafor."#,
    );
}

#[test]
fn a_paragraph_of_quotation_continues_a_clear_speaker() {
    check(
        r#"Pool to close
“We tried everything,” Lena Marsh said.
“The city will regret this for a generation.”
"#,
        r#"speech “We tried everything,” ← Lena Marsh [said] = Lena Marsh
speech “The city will regret th ← Lena Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn a_paragraph_of_quotation_after_an_ambiguous_speaker_has_none() {
    check(
        r#"Pool to close
“We tried everything,” Okafor said.
The motion was seconded by Ben Castillo.
“It was never about money,” he said.
“The city will regret this for a generation.”
"#,
        r#"speech “We tried everything,” ← Okafor [said] = Tomas Okafor
speech “It was never about mone ← he [said] = Tomas Okafor
speech “The city will regret th ← none = Tomas Okafor
ambiguous-speaker "he": “he” could be Tomas Okafor (the last to speak) or Ben Castillo (named since); copydesk reads it as Tomas Okafor.
unattributed-quote "“The city will regret this for a generation.”": This quotation has no speaker in its sentence or paragraph; readers will assume Tomas Okafor said it."#,
    );
}

#[test]
fn a_quotation_with_nobody_before_it_has_no_speaker() {
    check(
        r#"Pool to close
The council met on Tuesday.
“The city will regret this for a generation.”
"#,
        r#"speech “The city will regret th ← none
unattributed-quote "“The city will regret this for a generation.”": This quotation has no speaker in its sentence or paragraph."#,
    );
}

#[test]
fn a_quotation_over_two_paragraphs_is_attributed_once() {
    check(
        r#"Pool to close
“Miners paid for it with a penny a week,” said Lena Marsh. “Their names are on the wall.
“Closing it is an insult to every one of them.”
"#,
        r#"speech “Miners paid for it with ← Lena Marsh [said] = Lena Marsh
speech “Their names are on the  ← Lena Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn scare_quotes_and_titles_need_no_speaker() {
    check(
        r#"Pool to close
The so-called “fan zone” stayed empty.
A plaque quotes the film “The Long Summer” beside the deep end.
"#,
        r#"scare “fan zone”
title “The Long Summer”"#,
    );
}

#[test]
fn a_headline_is_never_an_attribution() {
    check(
        r#"Mayor vows “We will rebuild” after fire
“It will take a year,” Whitfield said.
"#,
        r#"speech “We will rebuild”
speech “It will take a year,” ← Whitfield [said] = Dana Whitfield"#,
    );
}

#[test]
fn a_who_clause_speaks_for_its_noun() {
    check(
        r#"Pool to close
The vote was welcomed by Okafor, who said the lido had become “a money pit.”
"#,
        r#"speech “a money pit.” ← who [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_pronoun_subject_nearest_the_quotation_speaks_it() {
    check(
        r#"Pool to close
Whitfield chaired the meeting and she spent an hour talking about “our shared inheritance.”
Whitfield chaired the meeting and she spent an hour on “our shared inheritance.”
"#,
        r#"speech “our shared inheritance. ← she [talking] = Dana Whitfield
scare “our shared inheritance."#,
    );
}

#[test]
fn a_dash_and_a_name_sign_a_quotation() {
    check(
        r#"Readers respond
“Close the lido and you close the town’s heart.” ― Lena Marsh
"#,
        r#"speech “Close the lido and you  ← Lena Marsh [―] = Lena Marsh"#,
    );
}

#[test]
fn a_colon_introduces_the_next_paragraph() {
    check(
        r#"Pool to close
In a letter to residents, Whitfield wrote:
“The pool will close on 30 September.
“It will not reopen.”
"#,
        r#"speech “The pool will close on  ← Whitfield [wrote] = Dana Whitfield"#,
    );
}

#[test]
fn participle_after_a_long_clause_takes_the_sentence_subject() {
    check(
        r#"Pool to close
Lena Marsh threw her support behind Councillor Tomas Okafor (Labour) Wednesday, saying it is time for “a council that listens.”
On its website, the council lists “public safety as its first duty.”
"#,
        r#"speech “a council that listens. ← Lena Marsh [saying] = Lena Marsh
speech “public safety as its fi ← the council [lists] = the council"#,
    );
}

#[test]
fn a_paragraph_of_quotation_continues_the_speaker_of_the_sentence_before() {
    check(
        r#"Pool to close
Okafor said the council had no choice but to close the pool.
“Nobody wanted this outcome.”
"#,
        r#"speech “Nobody wanted this outc ← Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_participle_after_a_cue_continues_its_speaker() {
    check(
        r#"Pool to close
The pool will close in September, Okafor said, adding: “Nobody is happy about it.”
"#,
        r#"speech “Nobody is happy about i ← Okafor [adding] = Tomas Okafor"#,
    );
}

#[test]
fn a_speech_cue_outranks_a_weak_one_before_the_quotation() {
    check(
        r#"Pool to close
Whitfield said the engineers’ report called the roof “a hazard to every swimmer.”
"#,
        r#"speech “a hazard to every swimm ← Whitfield [said] = Dana Whitfield"#,
    );
}

#[test]
fn an_adjective_in_ed_opens_an_inverted_speaker() {
    check(
        r#"Cup final
“We were robbed,” said retired referee Ben Castillo.
“It was never a penalty,” said one unimpressed club steward.
"#,
        r#"speech “We were robbed,” ← retired referee Ben Castillo [said] = Ben Castillo
speech “It was never a penalty, ← one unimpressed club steward [said] = one unimpressed club steward"#,
    );
}

#[test]
fn put_it_is_a_cue() {
    check(
        r#"Pool to close
As the Harbour Gazette put it, “the deep end is now the shallow end.”
"#,
        r#"speech “the deep end is now the ← the Harbour Gazette [put it] = The Harbour Gazette"#,
    );
}

#[test]
fn a_weak_cue_before_a_document_is_inverted() {
    check(
        r#"Pool to close
Okafor said he was sorry. Harbour City Council said in a statement that the roof was unsafe.
“The pool will reopen when it is safe,” read the statement, which was issued on Friday.
"#,
        r#"speech “The pool will reopen wh ← the statement [read] = Harbour City Council"#,
    );
}

#[test]
fn a_cue_that_opens_the_sentence_is_inverted() {
    check(
        r#"Pool to close
Continued Okafor: “Nobody wanted this.”
Said Whitfield, “It is a sad day.”
"#,
        r#"speech “Nobody wanted this.” ← Okafor [Continued] = Tomas Okafor
speech “It is a sad day.” ← Whitfield [Said] = Dana Whitfield"#,
    );
}

#[test]
fn a_cue_with_its_speaker_closes_a_sentence_that_quotes() {
    check(
        r#"Pool to close
The repairs “will take the whole summer” at the very least, said Tomas Okafor, who chairs the committee.
"#,
        r#"speech “will take the whole sum ← Tomas Okafor, who chairs the committee [said] = Tomas Okafor"#,
    );
}

#[test]
fn negations_and_contractions_around_a_cue() {
    check(
        r#"Pool to close
Whitfield wouldn’t say when the pool would reopen, only that it would be “a matter of months.”
Okafor was asked about the roof. “It leaks,” he’s said more than once.
"#,
        r#"speech “a matter of months.” ← Whitfield [say] = Dana Whitfield
speech “It leaks,” ← he [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_verb_in_s_ends_the_subject_of_a_sentence_without_cue() {
    check(
        r#"Pool to close
The Harbour Gazette focuses on the “crumbling” roof.
The report goes on: “Every beam needs replacing.”
"#,
        // FIXME: the Gazette's “crumbling” is its own word, but `focuses` is no act of speech,
        // so the quotation reads as scare quotes.
        r#"scare “crumbling”
speech “Every beam needs replac ← The report [goes on] = The report"#,
    );
}

#[test]
fn an_inverted_appositive_keeps_its_closing_comma() {
    check(
        r#"Pool to close
“The vote was unanimous,” said Tomas Okafor, the committee chair, after the meeting.
“The vote was close,” said Lena Marsh, a committee member.
"#,
        r#"speech “The vote was unanimous, ← Tomas Okafor, the committee chair, [said] = Tomas Okafor
speech “The vote was close,” ← Lena Marsh, a committee member [said] = Lena Marsh"#,
    );
}

#[test]
fn an_inverted_speaker_keeps_age_and_hometown() {
    check(
        r#"Cup final
“We waited forty years for this,” said Lena Marsh, 67, of Harbour City.
"#,
        r#"speech “We waited forty years f ← Lena Marsh, 67, of Harbour City [said] = Lena Marsh"#,
    );
}

#[test]
fn an_inverted_description_keeps_its_defining_who_clause() {
    check(
        r#"Court case
“The evidence was never disclosed,” said a court official who asked not to be named.
"#,
        r#"speech “The evidence was never  ← a court official who asked not to be named [said] = a court official"#,
    );
}

#[test]
fn an_adviser_to_someone_is_not_them() {
    check(
        r#"Pool to close
“The mayor never read the report,” said a longtime adviser to Dana Whitfield.
“It is a sad day,” said a spokesman for Harbour City Council.
"#,
        r#"speech “The mayor never read th ← a longtime adviser to Dana Whitfield [said] = a longtime adviser to Dana Whitfield
speech “It is a sad day,” ← a spokesman for Harbour City Council [said] = Harbour City Council"#,
    );
}

#[test]
fn a_later_quotation_names_the_antecedent_of_who() {
    check(
        r#"Pool to close
The closure angered Okafor, who said the pool was “a lifeline” for the town. “Nobody asked us.”
"#,
        r#"speech “a lifeline” ← who [said] = Tomas Okafor
speech “Nobody asked us.” ← Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn an_inverted_description_keeps_the_phrase_that_defines_it() {
    check(
        r#"Court case
“The jury was never told,” said a lawyer involved in the appeal.
“Nobody expected the verdict,” said one clerk familiar with the case.
"#,
        // FIXME: the name should be "one clerk"; the head phrase takes "familiar" as a noun.
        r#"speech “The jury was never told ← a lawyer involved in the appeal [said] = a lawyer
speech “Nobody expected the ver ← one clerk familiar with the case [said] = one clerk familiar"#,
    );
}

#[test]
fn a_description_before_the_cue_keeps_the_phrase_that_defines_it() {
    check(
        r#"Court case
A clerk in the courtroom said the verdict was “a surprise to everyone.”
"#,
        r#"speech “a surprise to everyone. ← A clerk in the courtroom [said] = a clerk in the courtroom"#,
    );
}

#[test]
fn a_whose_clause_after_an_inverted_speaker_is_left_out() {
    check(
        r#"Court case
“We will appeal,” said Lena Marsh, whose firm represents the club.
"#,
        r#"speech “We will appeal,” ← Lena Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn an_inverted_description_stops_before_a_who_clause_that_attributes() {
    check(
        r#"Cup final
“We were the better side,” said Ben Castillo, the club’s captain, who added that the referee “had a poor day.”
"#,
        r#"speech “We were the better side ← Ben Castillo, the club’s captain [said] = Ben Castillo
speech “had a poor day.” ← who [added] = Ben Castillo"#,
    );
}

#[test]
fn now_and_then_can_open_a_description() {
    check(
        r#"Cup final
“It was the best day of my life,” said Ben Castillo, now a club ambassador.
“We never lost at home,” said Lena Marsh, then the club’s secretary, in an interview.
"#,
        r#"speech “It was the best day of  ← Ben Castillo, now a club ambassador [said] = Ben Castillo
speech “We never lost at home,” ← Lena Marsh, then the club’s secretary, [said] = Lena Marsh"#,
    );
}

#[test]
fn a_who_clause_introduces_a_speaker_only_at_first_mention() {
    check(
        r#"Pool to close
Marsh, who swam there as a girl, said the closure was “a betrayal.”
Marsh wrote to the council twice. Marsh, who chairs the swimming club, said the town was “in mourning.”
"#,
        r#"speech “a betrayal.” ← Marsh, who swam there as a girl, [said] = Lena Marsh
speech “in mourning.” ← Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn a_period_inside_a_web_address_does_not_end_an_inverted_description() {
    check(
        r#"Cup final
“Tickets sold out in an hour,” said Lena Marsh, editor of HarbourFans.net.
"#,
        r#"speech “Tickets sold out in an  ← Lena Marsh, editor of HarbourFans.net [said] = Lena Marsh"#,
    );
}

#[test]
fn a_which_clause_before_the_cue_is_left_out_of_a_document() {
    check(
        r#"Court case
The complaint, which was filed on Monday, said the club had been “negligent for years.”
"#,
        r#"speech “negligent for years.” ← The complaint [said] = The complaint"#,
    );
}

#[test]
fn whose_words_they_are_is_the_speaker() {
    check(
        r#"Pool to close
Asked about the roof, Dana Whitfield’s response was blunt: “It cannot be saved.”
"#,
        r#"speech “It cannot be saved.” ← Dana Whitfield’s [:] = Dana Whitfield"#,
    );
}

#[test]
fn remarks_claims_and_tweets_are_nouns_away_from_their_speaker() {
    check(
        r#"Pool to close
Tomas Okafor called Whitfield’s remarks on the roof “a new low.”
Lena Marsh tweets: “The pool must stay open.”
"#,
        r#"speech “a new low.” ← Tomas Okafor [called] = Tomas Okafor
speech “The pool must stay open ← Lena Marsh [tweets] = Lena Marsh"#,
    );
}

#[test]
fn a_preposition_after_a_quotation_is_no_speaker() {
    check(
        r#"Pool to close
Okafor pledged “support” toward shared goals.
"#,
        r#"speech “support” ← Okafor [pledged] = Tomas Okafor"#,
    );
}

#[test]
fn a_time_phrase_between_speaker_and_cue_is_skipped() {
    check(
        r#"Pool to close
Whitfield has in the past described the pool as “a money pit.”
"#,
        r#"speech “a money pit.” ← Whitfield [described] = Dana Whitfield"#,
    );
}

#[test]
fn a_cue_joined_by_and_or_but_shares_the_speaker() {
    check(
        r#"Pool to close
Okafor backed the plan at first, but now says it is “a mistake.”
Whitfield, speaking on local radio, called the vote “a disgrace,” and said the plan was “dead.”
When Lena Marsh was asked about the pool, she laughed and said, “We’ll see.”
"#,
        r#"speech “a mistake.” ← Okafor [says] = Tomas Okafor
speech “a disgrace,” ← Whitfield [called] = Dana Whitfield
speech “dead.” ← Whitfield [said] = Dana Whitfield
speech “We’ll see.” ← she [said] = Lena Marsh"#,
    );
}

#[test]
fn a_participle_in_an_absolute_phrase_belongs_to_its_noun() {
    check(
        r#"Pool to close
Councillors were angry, with Okafor calling the plan “a disgrace.”
The club issued a statement saying the pool was “beyond repair.”
"#,
        r#"speech “a disgrace.” ← Okafor [calling] = Tomas Okafor
speech “beyond repair.” ← The club [saying] = the club"#,
    );
}

#[test]
fn a_participle_that_describes_the_noun_after_a_quotation_is_no_cue() {
    check(
        r#"Cup final
Okafor says the club is “on course for the title,” the target needed to keep the coach.
Whitfield said she would “sell” the grounds owned by the club.
"#,
        r#"speech “on course for the title ← Okafor [says] = Tomas Okafor
speech “sell” ← Whitfield [said] = Dana Whitfield"#,
    );
}

#[test]
fn a_conjunction_opening_the_sentence_is_no_part_of_an_appositive_subject() {
    check(
        r#"Pool to close
But Dana Whitfield, noting the size of the crowd, said, “It is a big night.”
And the Harbour Gazette, a weekly paper, called the plan “a waste.”
"#,
        r#"speech “It is a big night.” ← Dana Whitfield [said] = Dana Whitfield
speech “a waste.” ← the Harbour Gazette, a weekly paper, [called] = The Harbour Gazette"#,
    );
}

#[test]
fn a_noun_of_speech_gives_its_possessor_the_words() {
    check(
        r#"Pool to close
Whitfield faced anger over her remark last week that “the pool is finished.”
The vote followed Tomas Okafor’s claim that the roof was “beyond repair.”
"#,
        r#"speech “the pool is finished.” ← her [remark] = Dana Whitfield
speech “beyond repair.” ← Tomas Okafor’s [claim] = Tomas Okafor"#,
    );
}

#[test]
fn a_singer_sings_the_words() {
    check(
        r#"Cup final
“We never walk alone,” Lena Marsh sings to the crowd.
"#,
        r#"speech “We never walk alone,” ← Lena Marsh [sings] = Lena Marsh"#,
    );
}

#[test]
fn a_weak_cue_after_a_preposition_is_a_noun() {
    check(
        r#"Pool to close
“We will act,” Whitfield said in the conference call. “The roof comes first.”
"#,
        r#"speech “We will act,” ← Whitfield [said] = Dana Whitfield
speech “The roof comes first.” ← Whitfield [said] = Dana Whitfield"#,
    );
}

#[test]
fn phrasal_cues_shot_back_and_went_on() {
    check(
        r#"Cup final
“We were robbed,” Okafor shot back. “Completely robbed.”
“You know it, right?” Whitfield went on, as if she had not heard.
"#,
        r#"speech “We were robbed,” ← Okafor [shot back] = Tomas Okafor
speech “Completely robbed.” ← Okafor [shot back] = Tomas Okafor
speech “You know it, right?” ← Whitfield [went on] = Dana Whitfield"#,
    );
}

#[test]
fn a_closing_inverted_cue_may_end_with_a_time_phrase() {
    check(
        r#"Court case
The club found no “ties of any consequence,” said Councillor Tomas Okafor on Monday.
"#,
        r#"speech “ties of any consequence ← Councillor Tomas Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_pronoun_inside_a_described_speakers_report_is_that_speaker() {
    check(
        r#"Court case
The longtime clerk said he rarely asks colleagues to testify, “except for people I trust.”
"#,
        r#"speech “except for people I tru ← The longtime clerk [said] = the longtime clerk"#,
    );
}

#[test]
fn a_speaker_quick_to_add_introduces_the_next_paragraph() {
    check(
        r#"Pool to close
“The pool stays shut,” Whitfield said. She was quick to add that the gym would stay open.

“The gym is safe.”
"#,
        r#"speech “The pool stays shut,” ← Whitfield [said] = Dana Whitfield
speech “The gym is safe.” ← She [add] = Dana Whitfield"#,
    );
}

/// Every example in the guide's table of attributed forms (docs/attribution.md) is read as
/// the guide says: each of its spoken quotations has a speaker.
#[test]
fn the_guides_examples_are_attributed() {
    let guide = include_str!("../../../docs/attribution.md");
    let table = guide.split("All of these are attributed:").nth(1).and_then(|rest| rest.split("\n\n").nth(1)).unwrap();
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
    let mut checked = 0;
    for example in table.split('`').skip(1).step_by(2).filter(|e| e.contains('“') && !e.contains("“…”")) {
        let text = format!("Example\n{example}\n");
        let (_, analysis) = analyze(&text, Format::PlainText, &index);
        let speech: Vec<_> = analysis.quotes.iter().filter(|q| q.needs_speaker).collect();
        assert!(!speech.is_empty(), "no spoken quotation in {example}");
        for quote in speech {
            assert!(quote.is_attributed(), "{} has no speaker in {example}", quote.span.text(&text));
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} examples read from the guide");
}

#[test]
fn more_from_a_name_introduces_a_quotation() {
    check(
        r#"Cup final
What the result means for the league - More from Lena Marsh: “The title race is open again.”
"#,
        r#"speech “The title race is open  ← Lena Marsh [:] = Lena Marsh"#,
    );
}

#[test]
fn a_pronoun_inside_a_pronouns_report_is_the_outer_speaker() {
    check(
        r#"Court case
Whitfield took the stand. She said she recalls the clerk being “confused” that day.
"#,
        r#"speech “confused” ← She [said] = Dana Whitfield"#,
    );
}

#[test]
fn the_pronoun_of_a_what_clause_is_the_named_subject() {
    check(
        r#"Pool to close
Dana Whitfield used her column to discuss what she described as the “reckless” vote.
"#,
        r#"speech “reckless” ← Dana Whitfield [described] = Dana Whitfield"#,
    );
}

#[test]
fn an_adverb_before_a_cue_in_an_aside_makes_no_speaker() {
    check(
        r#"Cup final
“We were robbed,” Okafor said, with a passion that almost suggested anger. “We lost the cup.”
"#,
        r#"speech “We were robbed,” ← Okafor [said] = Tomas Okafor
speech “We lost the cup.” ← Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_connective_adverb_stands_between_speaker_and_cue() {
    check(
        r#"Harbour budget
Okafor however said he would welcome the county’s help with a “principled rescue plan” for the port.
"#,
        r#"speech “principled rescue plan” ← Okafor [said] = Tomas Okafor"#,
    );
}

#[test]
fn a_pronoun_opening_a_relative_or_concessive_clause_keeps_its_own_words() {
    check(
        r#"Pool to close
Whitfield said lifeguards walked out with the swimmers, whom she described as “peaceful.”

Okafor said the vote would go ahead, although he wrote that he “rejects the mayor’s latest remarks.”

Okafor said the vote would go ahead, adding that he “rejects the mayor’s latest remarks.”
"#,
        r#"speech “peaceful.” ← she [described] = Dana Whitfield
speech “rejects the mayor’s lat ← he [wrote] = Tomas Okafor
speech “rejects the mayor’s lat ← Okafor [adding] = Tomas Okafor"#,
    );
}

#[test]
fn a_name_alone_after_a_dash_introduces_the_quotation_over_an_earlier_cue() {
    check(
        r#"Cup final
Pundits agree - Lena Marsh: “The title race is open again.”

Fans did predict the upset — Harbour Gazette: “Nobody saw the second goal coming.”

The club wrote about it ... Tomas Okafor: “Appreciate the support.”
"#,
        r#"speech “The title race is open  ← Lena Marsh [:] = Lena Marsh
speech “Nobody saw the second g ← Harbour Gazette [:] = The Harbour Gazette
speech “Appreciate the support. ← Tomas Okafor [:] = Tomas Okafor"#,
    );
}

#[test]
fn a_name_in_ing_or_ly_before_a_cue_is_a_subject() {
    check(
        r#"Club
Boreing said the members will still meet, but said, “It’s time we change,” promising the club will return to its roots.

Kelly told the fans the stand would reopen, then said, “We owe them that,” adding that the club had paid.
"#,
        r#"speech “It’s time we change,” ← Boreing [said] = Boreing
speech “We owe them that,” ← Kelly [told] = Kelly"#,
    );
}

#[test]
fn a_bare_quotation_against_a_verb_is_no_inverted_attribution() {
    check(
        r#"Pool to close
Marsh said the petition was an attempt to head off "more radical" protest suggestions, including a sit-in.
"#,
        r#"speech "more radical" ← Marsh [said] = Lena Marsh"#,
    );
}

#[test]
fn the_subject_of_a_relative_clause_speaks_its_words() {
    check(
        r#"Harbour budget
Okafor voted against a plan backed by the council that Whitfield said would make "a bad budget even worse."

The Gazette notes that Whitfield called the plan "very weak."
"#,
        // FIXME: after a verb `that` opens a report, not a relative clause, and the phrase
        // keeps the reporter because PolNeAR marks the outer source there; the name it
        // resolves to should still be Whitfield or The Harbour Gazette, not `The Gazette notes`.
        r#"speech "a bad budget even worse ← Whitfield [said] = Dana Whitfield
speech "very weak." ← The Gazette notes that Whitfield [called] = the Gazette notes
unknown-speaker "The Gazette": The Gazette is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_pronoun_cue_after_the_quotation_does_not_introduce_it() {
    check(
        r#"Harbour budget
Okafor took to the radio to accuse the council of being “duped” and to mock what he called the mayor’s “fairy tale.”
"#,
        r#"speech “duped” ← Okafor [called] = Tomas Okafor
speech “fairy tale.” ← Okafor [called] = Tomas Okafor"#,
    );
}

#[test]
fn a_cue_in_the_passive_gives_its_subject_no_words() {
    check(
        r#"Harbour budget
When the auditors are revealed as donors, Whitfield and Okafor call them "friends of the port."

Okafor was criticized by Whitfield, who called the plan "reckless."
"#,
        r#"speech "friends of the port." ← Whitfield and Okafor [call] = Dana Whitfield
speech "reckless." ← Whitfield [criticized] = Dana Whitfield"#,
    );
}

#[test]
fn a_pronoun_repeating_the_cue_of_the_clauses_name_is_that_name() {
    check(
        r#"Court case
Asked about the verdict, Marsh said "I don't know anything about the appeal," she said.

Marsh said the ruling was "unfair," she told reporters.
"#,
        r#"speech "I don't know anything a ← Marsh [said] = Lena Marsh
speech "unfair," ← she [told] = Lena Marsh"#,
    );
}

#[test]
fn an_auxiliary_keeps_a_weak_cue_next_to_its_speaker() {
    check(
        r#"Harbour budget
And the port plan, which Okafor had called a "disaster" and promised to "rip up"? He praised it on Monday.
"#,
        r#"speech "disaster" ← Okafor [called] = Tomas Okafor
speech "rip up" ← Okafor [promised] = Tomas Okafor"#,
    );
}

#[test]
fn a_datelines_dash_opens_the_clause_of_a_participle() {
    check(
        r#"Pool to close
HARBOUR CITY (AP) — Whitfield has taken a swipe at the council’s stance, saying that “bombastic comments” do more harm than good.
"#,
        r#"speech “bombastic comments” ← Whitfield [saying] = Dana Whitfield"#,
    );
}

#[test]
fn a_parenthesis_open_at_the_cue_opens_the_clause() {
    check(
        r#"Cup final
The club has lost finals before (Ben Castillo, who captained the side, once said, “It happened so many times.”)
"#,
        r#"speech “It happened so many tim ← Ben Castillo, who captained the side, [said] = Ben Castillo"#,
    );
}

#[test]
fn a_name_after_and_starts_a_second_absolute_phrase() {
    check(
        r#"Harbour budget
Both issued a statement after the talks – Marsh saying she was “very encouraged” and Okafor calling it a “great meeting.”
"#,
        r#"speech “very encouraged” ← Marsh [saying] = Lena Marsh
speech “great meeting.” ← Okafor [calling] = Tomas Okafor"#,
    );
}

#[test]
fn an_adverb_before_the_participle_of_an_absolute_phrase() {
    check(
        r#"Cup final
At the final on Saturday, fans kicked a steward, with Okafor reportedly yelling: “Get him out of here!”

Whitfield and Okafor have used the harshest words, with Okafor recently promising to "close the port for good."
"#,
        r#"speech “Get him out of here!” ← Okafor [yelling] = Tomas Okafor
speech "close the port for good ← Okafor [promising] = Tomas Okafor"#,
    );
}

/// Also: `Whitfield’s spokeswoman` is not Whitfield.
#[test]
fn an_opening_parenthesis_is_no_part_of_the_subject() {
    check(
        r#"Harbour budget
(Whitfield’s spokeswoman challenged the claim that Okafor had ever "attacked" her, and said he "maintains that she will be a very competent mayor.")
"#,
        r#"speech "attacked" ← Whitfield’s spokeswoman [said] = Whitfield’s spokeswoman
speech "maintains that she will ← Whitfield’s spokeswoman [said] = Whitfield’s spokeswoman"#,
    );
}

#[test]
fn a_weak_cue_before_a_plural_noun_modifies_it() {
    check(
        r#"Court case
Last month, Police Chief Ben Castillo called Whitfield's use of private email servers "extremely careless," but said she should face no charges.
"#,
        r#"speech "extremely careless," ← Police Chief Ben Castillo [called] = Ben Castillo"#,
    );
}

#[test]
fn a_long_appositive_is_stepped_over_and_an_aside_left_out() {
    check(
        r#"Harbour budget
Ted Marsh, co-founder of the Harbour Institute and advocate of a port-wide effort to cultivate new industries, welcomed "the recognition that we do not have the money."

Whitfield, clearly frustrated, rejected "every one of those claims."

Okafor, when asked what is wrong with the plan, responded that the mayor "is right about the problems."
"#,
        r#"speech "the recognition that we ← Ted Marsh, co-founder of the Harbour Institute and advocate of a port-wide effort to cultivate new industries, [welcomed] = Ted Marsh
speech "every one of those clai ← Whitfield [rejected] = Dana Whitfield
speech "is right about the prob ← Okafor [responded] = Tomas Okafor
unknown-speaker "Ted Marsh": Ted Marsh is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_cue_in_a_fronted_subordinate_clause_speaks_for_that_clause_only() {
    check(
        r#"Court case
After the Gazette’s Lena Marsh asked about it, the Okafors became “agitated” once the cameras were off, according to a source at the court.

As Lena Marsh reported, the clerk “gave between $1,001 and $5,000” to the club.

When Okafor announced his candidacy in June, he infamously referred to the council as “thieves” while calling to close the port.
"#,
        r#"speech “agitated” ← a source [according to] = a source
speech “gave between $1,001 and ← Lena Marsh [reported] = Lena Marsh
speech “thieves” ← he [calling] = Tomas Okafor"#,
    );
}

#[test]
fn a_word_in_s_after_a_name_and_before_a_preposition_is_the_verb() {
    check(
        r#"Harbour budget
In city after city, Okafor lobbies for a higher minimum wage: "No one who works a full-time job should live in poverty." He says doing nothing is "unconscionable."
"#,
        r#"speech "No one who works a full ← Okafor [:] = Tomas Okafor
speech "unconscionable." ← He [says] = Tomas Okafor"#,
    );
}

#[test]
fn a_weak_cue_after_an_indefinite_article_and_modifiers_is_a_noun() {
    check(
        r#"Harbour budget
Marsh praised Whitfield’s leadership after the flood and her ability to get things done in a heavily Conservative state.

“We need someone who will cut through the noise.”

Whitfield is describing as “unhinged” a Harbour Gazette post attacking the council.
"#,
        r#"speech “We need someone who wil ← Marsh [praised] = Lena Marsh
speech “unhinged” ← Whitfield [describing] = Dana Whitfield"#,
    );
}

#[test]
fn a_capitalised_modal_before_a_cue_is_a_first_name() {
    check(
        r#"Harbour budget
From the mayor’s “reckless” budget to her call for a “harbour tax,” Will described Whitfield as a “danger to the port.”
"#,
        r#"speech “reckless” ← Will [described] = Will
speech “harbour tax,” ← Will [described] = Will
speech “danger to the port.” ← Will [described] = Will
unknown-speaker "Will": Will is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn subjects_behind_an_adverb_a_count_or_a_subordinate_clause() {
    check(
        r#"Harbour budget
Now Tomas Okafor, the most unconventional candidate in years, is promising to create "a big spectacle" at the port.

In Harbour City, Okafor's advocacy group One Harbour began an ad campaign praising Whitfield for seeking "bipartisan solutions" to the crisis.

But as Okafor denounced the council's budget and pledged to confront "knife-wielding thieves," many in the crowd cheered.

Outside the arena, about 200 protesters gathered in three clusters, holding signs and chanting "Dump Okafor."
"#,
        r#"speech "a big spectacle" ← Tomas Okafor, the most unconventional candidate in years, [promising] = Tomas Okafor
speech "bipartisan solutions" ← Okafor's advocacy group One Harbour [praising] = One Harbour
speech "knife-wielding thieves, ← Okafor [pledged] = Tomas Okafor
speech "Dump Okafor." ← about 200 protesters [chanting] = about 200 protesters
unknown-speaker "Okafor's advocacy group One Harbour": One Harbour is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_quotation_between_a_possessor_and_a_noun_of_speech_is_the_possessors() {
    check(
        r#"Harbour budget
Unemployment rose because of the flood, not because of laziness. Dana Whitfield’s “47 percent” comment was nearly as dismissive.
“We will fight,” Okafor said. Critics seized on his “fight them” remark within minutes.
"#,
        r#"speech “47 percent” ← Dana Whitfield’s [comment] = Dana Whitfield
speech “We will fight,” ← Okafor [said] = Tomas Okafor
speech “fight them” ← his [remark] = Tomas Okafor"#,
    );
}

#[test]
fn a_quotation_in_a_clause_without_a_cue_has_no_speaker() {
    check(
        r#"Harbour weekend
Fans gathered in the so-called “fan zone” on Friday.
The Ministry of Transport will cut the ferry timetable under its so-called “modernisation” plan.
He used the word “pivot” twice.
More than 200 people joined the “walk for water” on Saturday.
The council met on the show “Harbour Tonight” and said nothing.
"#,
        r#"scare “fan zone”
scare “modernisation”
term “pivot”
scare “walk for water”
title “Harbour Tonight”"#,
    );
}

#[test]
fn a_partial_quotation_with_a_real_cue_keeps_its_speaker() {
    check(
        r#"Harbour weekend
Okafor called the talks a “great meeting” on Friday.
Whitfield decried “a campaign of lies” in the chamber.
"#,
        r#"speech “great meeting” ← Okafor [called] = Tomas Okafor
speech “a campaign of lies” ← Whitfield [decried] = Dana Whitfield"#,
    );
}

#[test]
fn uncommon_and_inverted_cues() {
    check(
        r#"Cup final
“I got lucky,” Castillo said by phone.

“It was chaos,” echoes Lena Marsh.

“We will appeal,” notes Dana Whitfield.

“The deal is done,” points out Tomas Okafor.

“We never gave up,” says one of the players.

As one veteran commented: “Nobody listens to us.”

The results, says Okafor, are “a disaster for the club.”
"#,
        r#"speech “I got lucky,” ← Castillo [said] = Ben Castillo
speech “It was chaos,” ← Lena Marsh [echoes] = Lena Marsh
speech “We will appeal,” ← Dana Whitfield [notes] = Dana Whitfield
speech “The deal is done,” ← Tomas Okafor [points out] = Tomas Okafor
speech “We never gave up,” ← one of the players [says] = one of the players
speech “Nobody listens to us.” ← one veteran [commented] = one veteran
speech “a disaster for the club ← Okafor [says] = Tomas Okafor"#,
    );
}

#[test]
fn a_paragraph_opening_with_a_quotation_and_an_unknown_cue_does_not_continue_the_last_speaker() {
    check(
        r#"Cup final
“We were robbed,” Castillo said.

“It was chaos,” hums the stadium announcer.
"#,
        r#"speech “We were robbed,” ← Castillo [said] = Ben Castillo
speech “It was chaos,” ← none = Ben Castillo
unattributed-quote "“It was chaos,”": This quotation has no speaker in its sentence or paragraph; readers will assume Ben Castillo said it."#,
    );
}

#[test]
fn digest_layouts_name_their_sources_apart_from_the_quotation() {
    check(
        r#"Morning digest
“The council has lost the plot on the lido and everyone can see it.” — Lena Marsh, The Harbour Gazette
“Nobody voted for this closure and nobody will forget it.”
— Tomas Okafor, councillor
FERRY CUTS “The council will cut the night ferry from March, officials said on Monday.” [Harbour Gazette.]
WHITFIELD: “We cannot keep it open.”
"#,
        // FIXME: `WHITFIELD` in a transcript is Dana Whitfield; names in capitals are not
        // matched against the glossary yet.
        r#"speech “The council has lost th ← Lena Marsh [—] = Lena Marsh
speech “Nobody voted for this c ← Tomas Okafor, councillor [—] = Tomas Okafor
speech “The council will cut th ← Harbour Gazette [[] = The Harbour Gazette
speech “We cannot keep it open. ← WHITFIELD [:] = WHITFIELD"#,
    );
}

#[test]
fn a_capitalised_word_between_a_quotation_and_its_cue_is_a_name() {
    check(
        r#"Cup final
“We will appeal,” From said.
Among the replies was a post from Lena Marsh who tweeted, “The pool is ours and we will keep it.”
"#,
        r#"speech “We will appeal,” ← From [said] = From
speech “The pool is ours and we ← who [tweeted] = Lena Marsh
unknown-speaker "From": From is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_quotation_inside_a_quotation_has_its_own_speaker() {
    let text = "Ferry saved\n“Then the minister stood up and said, ‘Your ferry is safe,’ and we believed her,” Okafor said.\n";
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
    let (_, analysis) = analyze(text, Format::PlainText, &index);
    let outer = &analysis.quotes[0];
    assert_eq!(outer.attribution.as_ref().map(|a| a.speaker.text(text)), Some("Okafor"));
    let inner: Vec<(&str, Option<&str>)> = outer
        .inner
        .iter()
        .map(|q| (q.span.text(text), q.attribution.as_ref().map(|a| a.speaker.text(text))))
        .collect();
    assert_eq!(inner, [("‘Your ferry is safe,’", Some("the minister"))]);
}

#[test]
fn a_definite_description_is_the_latest_entity_it_fits() {
    check(
        r#"Pool to close
Dana Whitfield met the Harbour Gazette and Harbour City Council on Monday.
“The pool is finished,” the newspaper wrote.
“We will vote in March,” the council said.
“I have done my best,” the mayor said.
“It is a sad day,” the 52-year-old councillor said.
"#,
        r#"speech “The pool is finished,” ← the newspaper [wrote] = The Harbour Gazette
speech “We will vote in March,” ← the council [said] = Harbour City Council
speech “I have done my best,” ← the mayor [said] = Dana Whitfield
speech “It is a sad day,” ← the 52-year-old councillor [said] = Dana Whitfield"#,
    );
}

#[test]
fn unknown_speaker_is_reported_only_where_the_name_speaks_a_quotation() {
    check(
        r#"Pool to close
Over Ruiz’s objection, Ana Ruiz said the council would meet again.
“It is over,” said Jo Park.
"#,
        r#"speech “It is over,” ← Jo Park [said] = Jo Park
unknown-speaker "Jo Park": Jo Park is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}

#[test]
fn a_cue_verb_in_its_ing_form_is_a_cue_though_the_list_spells_out_other_forms() {
    check(
        r#"Cup final
Okafor is praising Castillo, who retired on Saturday, as “a man who never went to the gutter.”
Whitfield is questioning whether the club would have paid “if it were held anywhere else.”
"#,
        r#"speech “a man who never went to ← Okafor [praising] = Tomas Okafor
speech “if it were held anywher ← Whitfield [questioning] = Dana Whitfield"#,
    );
}

/// As [`check`], with no glossary at all: what most writers have.
fn check_without_glossary(text: &str, expect: &str) {
    let got = render(text, "");
    assert_eq!(got.trim_end(), expect.trim_end(), "\n{got}");
}

#[test]
fn without_a_glossary_a_titled_name_since_the_last_speaker_makes_he_ambiguous() {
    check_without_glossary(
        r#"Pool to close
“It is a sad day,” said Samuel Okafor, a councillor.
Deputy Leader Martin Hale voted for closure.
“I learned to swim there,” he said.
“Nobody asked the children.”
"#,
        r#"speech “It is a sad day,” ← Samuel Okafor, a councillor [said] = Samuel Okafor
speech “I learned to swim there ← he [said] = Samuel Okafor
speech “Nobody asked the childr ← none = Samuel Okafor
unknown-speaker "Samuel Okafor": Samuel Okafor is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are.
ambiguous-speaker "he": “he” could be Samuel Okafor (the last to speak) or Martin Hale (named since); copydesk reads it as Samuel Okafor.
unattributed-quote "“Nobody asked the children.”": This quotation has no speaker in its sentence or paragraph; readers will assume Samuel Okafor said it."#,
    );
}

#[test]
fn without_a_glossary_the_pronoun_the_article_uses_tells_speakers_apart() {
    check_without_glossary(
        r#"Pool to close
“We will fight on,” said Ms. Ana Ruiz, a swimmer.
Deputy Leader Martin Hale said he voted for closure.
“I learned to swim there,” she said.
"#,
        r#"speech “We will fight on,” ← Ms. Ana Ruiz, a swimmer [said] = Ana Ruiz
speech “I learned to swim there ← she [said] = Ana Ruiz
unknown-speaker "Ms. Ana Ruiz": Ana Ruiz is quoted but is not in the glossary; add an entry so hovers and pronouns know who they are."#,
    );
}
