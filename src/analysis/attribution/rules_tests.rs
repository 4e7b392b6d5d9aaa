//! One fixture per attribution rule: each test names a rule, attributes one sentence, and
//! checks the speaker and that the rule recorded is the one named, so that taking a rule out
//! (or letting another rule take its place) fails the test named for it.

use super::Rule;
use crate::analysis::{Format, GlossaryIndex, analyze, glossary};

/// The one entity of the fixtures' glossary, for the pin fixture: a name no other fixture
/// uses, so that no other rule sees a glossary name.
const GLOSSARY: &str = "[quist]\nname = \"Ada Quist\"\n";

/// The speaker as written, the cue and the rule of the quotation whose text starts with
/// `quote_start`, as `speaker [cue] rule`, or `none` when it has no attribution.
fn attribution_of(text: &str, quote_start: &str) -> String {
    let (index, _) = GlossaryIndex::build(vec![("glossary.toml".to_string(), glossary::parse(GLOSSARY))]);
    let (_, analysis) = analyze(text, Format::PlainText, &index);
    let quote = analysis
        .quotes
        .iter()
        .find(|q| q.span.text(text).trim_start_matches(['“', '"']).starts_with(quote_start))
        .unwrap_or_else(|| panic!("no quotation starting {quote_start:?} in {text:?}"));
    match &quote.attribution {
        Some(a) => format!("{} [{}] {}", a.speaker.text(text), a.cue.text(text), a.rule.as_str()),
        None => "none".to_string(),
    }
}

/// Rules that have a test below; `every_rule_has_a_fixture` holds [`Rule::ALL`] to it.
macro_rules! rule_fixtures {
    ($($name:ident: $rule:ident, $text:expr, $quote:expr => $expect:expr;)*) => {
        $(
            #[test]
            fn $name() {
                let got = attribution_of(concat!("Headline\n", $text, "\n"), $quote);
                assert_eq!(got, $expect, "rule {}", Rule::$rule.as_str());
                assert!(got.ends_with(Rule::$rule.as_str()), "the fixture of {:?} must produce it", Rule::$rule);
            }
        )*
        const COVERED: &[Rule] = &[$(Rule::$rule),*];
    };
}

rule_fixtures! {
    speaker_before_cue: SpeakerBeforeCue,
        "“The roof is unsafe,” Whitfield told the Gazette.", "The roof" => "Whitfield [told] speaker-before-cue";
    cue_after_quote: CueAfterQuote,
        "“It is a sad day,” said Tomas Okafor.", "It is" => "Tomas Okafor [said] cue-after-quote";
    cue_before_speaker: CueBeforeSpeaker,
        "Continued Okafor: “Nobody wanted this.”", "Nobody" => "Okafor [Continued] cue-before-speaker";
    cue_closes_sentence: CueClosesSentence,
        "Fans “never gave up” in the final, said Tomas Okafor.", "never gave" => "Tomas Okafor [said] cue-closes-sentence";
    cue_phrase: CuePhrase,
        "The pool “has lost money for a decade,” according to the planning committee.", "has lost"
        => "the planning committee [according to] cue-phrase";
    passive_agent: PassiveAgent,
        "The repairs were “a waste of money,” as claimed by the opposition.", "a waste" => "the opposition [claimed] passive-agent";
    absolute_phrase: AbsolutePhrase,
        "Councillors were angry, with Okafor calling the plan “a disgrace.”", "a disgrace" => "Okafor [calling] absolute-phrase";
    participle_subject: ParticipleSubject,
        "Okafor left the chamber, saying “we will be back.”", "we will" => "Okafor [saying] participle-subject";
    relative_pronoun: RelativePronoun,
        "The pool will close, Marsh, who said the roof was “beyond repair,” confirmed.", "beyond" => "who [said] relative-pronoun";
    conjoined_cue: ConjoinedCue,
        "Okafor backed the plan at first, but now says it is “a mistake.”", "a mistake" => "Okafor [says] conjoined-cue";
    continued_cue: ContinuedCue,
        "Whitfield said, adding, “We cannot keep it open.”", "We cannot" => "Whitfield [adding] continued-cue";
    past_verb_after_quote: PastVerbAfterQuote,
        "“We were robbed,” Okafor shrugged.", "We were" => "Okafor [shrugged] past-verb-after-quote";
    past_verb_before_speaker: PastVerbBeforeSpeaker,
        "“We were robbed,” shrugged Okafor.", "We were" => "Okafor [shrugged] past-verb-before-speaker";
    signed_with_dash: SignedWithDash,
        "“Close the lido and you close the town’s heart.” ― Lena Marsh", "Close the" => "Lena Marsh [―] signed-with-dash";
    name_before_colon: NameBeforeColon,
        "Lena Marsh: “The title race is open again.”", "The title" => "Lena Marsh [:] name-before-colon";
    name_and_verb_after_quote: NameAndVerbAfterQuote,
        "“Not again,” Okafor spoke.", "Not again" => "Okafor [spoke] name-and-verb-after-quote";
    subject_of_speech_verb: SubjectOfSpeechVerb,
        "Whitfield decried “a campaign of lies” in the chamber.", "a campaign" => "Whitfield [decried] subject-of-speech-verb";
    speech_noun_possessor: SpeechNounPossessor,
        "Nobody forgot Okafor’s “47 percent” comment.", "47 percent" => "Okafor’s [comment] speech-noun-possessor";
    parenthetical_cue: ParentheticalCue,
        "The results, says Kim, are “a disaster for the club.”", "a disaster" => "Kim [says] parenthetical-cue";
    clause_introduces_quote: ClauseIntroducesQuote,
        "Okafor was blunt: “We are broke and everyone knows it.”", "We are" => "Okafor [:] clause-introduces-quote";
    signature_line: SignatureLine,
        "“Nobody voted for this closure and nobody will forget it.”\n— Lena Marsh, Harbour Post", "Nobody voted"
        => "Lena Marsh, Harbour Post [—] signature-line";
    source_in_brackets: SourceInBrackets,
        "FERRY CUTS “The council will cut the night ferry from March.” [Gazette.]", "The council"
        => "Gazette [[] source-in-brackets";
    what_clause_subject: WhatClauseSubject,
        "Okafor discussed what he described as the “brilliant” decision.", "brilliant" => "Okafor [described] what-clause-subject";
    pinned: Pinned,
        "<!-- copydesk-speaker quist -->\n“Free swimming for every child, for ever.”", "Free swimming"
        => "quist [<!-- copydesk-speaker quist -->] pinned";
}

#[test]
fn every_rule_has_a_fixture() {
    let missing: Vec<&str> = Rule::ALL.iter().filter(|r| !COVERED.contains(r)).map(|r| r.as_str()).collect();
    assert!(missing.is_empty(), "rules without a fixture in rules_tests.rs: {missing:?}");
}

#[test]
fn every_rule_is_in_the_writers_guide() {
    let guide = include_str!("../../../docs/attribution.md");
    let missing: Vec<&str> =
        Rule::ALL.iter().map(|r| r.as_str()).filter(|name| !guide.contains(&format!("| `{name}` |"))).collect();
    assert!(missing.is_empty(), "rules missing from the table in docs/attribution.md: {missing:?}");
}
