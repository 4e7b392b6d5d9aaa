//! The names of the attribution rules: which rule found a quotation's speaker ([`Rule`]) and
//! how the quotation reached that speaker's sentence ([`Link`]). Both are part of the result,
//! so that the JSON output, the hover and the corpus tools can say why a speaker was chosen,
//! and each has a fixture in `rules_tests.rs` that fails when the rule is taken out.

/// The rule that found a cue and its speaker. The names follow the forms table of
/// docs/attribution.md; `as_str` gives the name the output uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `Whitfield said`, `Okafor, the club’s captain, told`: a speaker before a cue verb.
    SpeakerBeforeCue,
    /// `“…,” said Mujahid.`, `“…,” notes Dana Whitfield.`: a cue verb right after a
    /// quotation, with its speaker after it.
    CueAfterQuote,
    /// `Continued Okafor: “…”`, `Because of the calendar, explained Rosenberg, “…”`: a cue
    /// that opens the sentence or a clause, its speaker after it, then the quotation.
    CueBeforeSpeaker,
    /// `The repairs “will take the summer,” said Okafor.`: a cue after a comma with only its
    /// speaker after it closes a sentence that quotes.
    CueClosesSentence,
    /// `The results, says Kim, are “…”`: a cue and its speaker set off by commas inside the
    /// sentence they attribute.
    ParentheticalCue,
    /// `according to the committee`, `X was quoted as saying`: a cue phrase of the lexicon.
    CuePhrase,
    /// `measures proposed by Republicans`: a cue in the passive, its speaker after `by`.
    PassiveAgent,
    /// `with Okafor calling the plan “a disgrace”`: a participle after its own noun phrase.
    AbsolutePhrase,
    /// `Klasra left, saying “…”`: a participle takes the subject of its clause.
    ParticipleSubject,
    /// `Beck, who said …`: a who-clause's cue, whose speaker is the noun the clause describes.
    RelativePronoun,
    /// `Okafor said … and added`, `… but now says`: a cue joined to an earlier one or to its
    /// clause's subject.
    ConjoinedCue,
    /// `Spicer said, adding, “…”`: a participle continuing the cue before it.
    ContinuedCue,
    /// `“…,” Trump retorted.`: a past-tense verb right after a quotation and its speaker.
    PastVerbAfterQuote,
    /// `“…,” reacted Trump.`: a past-tense verb right after a quotation, its speaker after it.
    PastVerbBeforeSpeaker,
    /// `“A disgrace.” ― Martha Aguilar`: a dash and a name after the quotation sign it.
    SignedWithDash,
    /// `“…”` then a line `— Gerald F. Seib, The Harbour Gazette`: a line that is only a dash
    /// and a name signs the quotation paragraph before it.
    SignatureLine,
    /// `HEADLINE “…” [WaPo.]`: a bracketed name closing a paragraph credits its quotations.
    SourceInBrackets,
    /// `Lena Marsh: “…”`: a name alone before a colon introduces the quotation.
    NameBeforeColon,
    /// `“Is it over?” Okafor pressed.`: a name and a verb of speech right after a question.
    NameAndVerbAfterQuote,
    /// `Clinton decried “…”`: with no cue word, the subject of a clause whose verb is an act
    /// of speech, writing or thought.
    SubjectOfSpeechVerb,
    /// `She was blunt: “We are broke.”`: a colon, comma or dash that ends a clause and opens
    /// a quotation reading as a sentence presents it as the words of the clause's subject.
    ClauseIntroducesQuote,
    /// `his call for a “total ban”`, `Romney’s “47 percent” comment`: the possessor of a noun
    /// of speech.
    SpeechNounPossessor,
    /// `Limbaugh discussed what he described as the “brilliant” decision`: the pronoun of a
    /// what-clause is the sentence's named subject.
    WhatClauseSubject,
    /// `<!-- copydesk-speaker okafor -->`: the writer pinned the paragraph's quotations to a
    /// glossary entity; no rule was asked.
    Pinned,
}

impl Rule {
    /// Every rule, for the test that each has a fixture.
    pub const ALL: &[Rule] = &[
        Rule::SpeakerBeforeCue,
        Rule::CueAfterQuote,
        Rule::CueBeforeSpeaker,
        Rule::CueClosesSentence,
        Rule::ParentheticalCue,
        Rule::CuePhrase,
        Rule::PassiveAgent,
        Rule::AbsolutePhrase,
        Rule::ParticipleSubject,
        Rule::RelativePronoun,
        Rule::ConjoinedCue,
        Rule::ContinuedCue,
        Rule::PastVerbAfterQuote,
        Rule::PastVerbBeforeSpeaker,
        Rule::SignedWithDash,
        Rule::SignatureLine,
        Rule::SourceInBrackets,
        Rule::NameBeforeColon,
        Rule::NameAndVerbAfterQuote,
        Rule::SubjectOfSpeechVerb,
        Rule::ClauseIntroducesQuote,
        Rule::SpeechNounPossessor,
        Rule::WhatClauseSubject,
        Rule::Pinned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SpeakerBeforeCue => "speaker-before-cue",
            Rule::CueAfterQuote => "cue-after-quote",
            Rule::CueBeforeSpeaker => "cue-before-speaker",
            Rule::CueClosesSentence => "cue-closes-sentence",
            Rule::ParentheticalCue => "parenthetical-cue",
            Rule::CuePhrase => "cue-phrase",
            Rule::PassiveAgent => "passive-agent",
            Rule::AbsolutePhrase => "absolute-phrase",
            Rule::ParticipleSubject => "participle-subject",
            Rule::RelativePronoun => "relative-pronoun",
            Rule::ConjoinedCue => "conjoined-cue",
            Rule::ContinuedCue => "continued-cue",
            Rule::PastVerbAfterQuote => "past-verb-after-quote",
            Rule::PastVerbBeforeSpeaker => "past-verb-before-speaker",
            Rule::SignedWithDash => "signed-with-dash",
            Rule::SignatureLine => "signature-line",
            Rule::SourceInBrackets => "source-in-brackets",
            Rule::NameBeforeColon => "name-before-colon",
            Rule::NameAndVerbAfterQuote => "name-and-verb-after-quote",
            Rule::SubjectOfSpeechVerb => "subject-of-speech-verb",
            Rule::ClauseIntroducesQuote => "clause-introduces-quote",
            Rule::SpeechNounPossessor => "speech-noun-possessor",
            Rule::WhatClauseSubject => "what-clause-subject",
            Rule::Pinned => "pinned",
        }
    }
}

/// How a quotation reached the sentence whose cue attributes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// The cue is in the quotation's own sentence.
    Sentence,
    /// The nearest cue of the quotation's paragraph: `“A,” he said. “B.”`
    Paragraph,
    /// A quotation that runs over paragraphs takes the cue beside its first part.
    Opening,
    /// A paragraph ending in a colon introduces the next: `Whitfield wrote:` then `“…”`.
    Introduction,
    /// A paragraph that is all quotation continues the speaker of the paragraph before.
    Continuation,
    /// The line after a paragraph of quotation signs it, or a credit closes the paragraph.
    Signature,
}

impl Link {
    pub fn as_str(self) -> &'static str {
        match self {
            Link::Sentence => "sentence",
            Link::Paragraph => "paragraph",
            Link::Opening => "opening",
            Link::Introduction => "introduction",
            Link::Continuation => "continuation",
            Link::Signature => "signature",
        }
    }
}
