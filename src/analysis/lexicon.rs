//! The words the engine knows, in one place so they are easy to extend: cue verbs and
//! phrases, document nouns, titles, pronouns and abbreviations. Each list is plain text,
//! one word per whitespace-separated entry, read once into a hash set.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

/// Verbs that introduce what someone said or wrote, in every form a news sentence uses.
const CUE_VERBS: &str = "
    say says said saying tell tells told telling add adds added adding ask asks asked asking
    write writes wrote writing written tweet tweets tweeted tweeting retweeted post posts posted
    explain explains explained explaining note notes noted noting insist insists insisted insisting
    warn warns warned warning argue argues argued arguing claim claims claimed claiming
    state states stated stating reply replies replied replying respond responds responded responding
    read reads continue continues continued declare declares declared declaring
    announce announces announced announcing acknowledge acknowledges acknowledged acknowledging
    admit admits admitted admitting recall recalls recalled recalling suggest suggests suggested suggesting
    urge urges urged urging predict predicts predicted predicting promise promises promised promising
    vow vows vowed vowing pledge pledges pledged pledging boast boasts boasted boasting
    complain complains complained complaining concede concedes conceded conceding
    confirm confirms confirmed confirming deny denies denied denying describe describes described describing
    call calls called calling shout shouts shouted shouting yell yells yelled yelling joke jokes joked joking
    quip quips quipped remark remarks remarked observe observes observed report reports reported reporting
    testify testifies testified contend contends contended maintain maintains maintained
    assert asserts asserted charge charges charged counter counters countered
    emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed
    point points pointed mention mentions mentioned tout touts touted reveal reveals revealed
    chant chants chanted chanting cry cries cried thunder thundered scoff scoffed sigh sighed laugh laughed
    exclaim exclaimed begin began conclude concludes concluded think thinks thought
    believe believes believed agree agrees agreed accuse accuses accused
    criticize criticized criticise criticised proclaim proclaims proclaimed retort retorted muse mused
    speculate speculated quote quoted answer answers answered email emails emailed e-mailed text texted
    retaliate retaliated assure assures assured reassured worry worries worried
    remember remembers remembered react reacts reacted imply implies implied lament laments lamented
    plead pleads pleaded demand demands demanded scream screamed screaming whisper whispered mutter muttered
    snap snapped rail railed blast blasts blasted slam slams slammed mock mocked tease teased
    praise praised hail hailed wonder wonders wondered question questioned advise advised
    caution cautioned inform informed recount recounts recounted opine opined reason reasoned
    beg begged object objected protest protested interject interjected gush gushed rave raved
    sneer sneered taunt taunted scold scolded repeat repeated reiterate reiterates reiterated echo echoed
    clarify clarified elaborate elaborated summarize summarized hope hopes hoped fear fears feared
    feel feels felt allege alleges alleged swear swore threaten threatened preach preached
    lecture lectured chimed interrupted boomed estimate estimates estimated blame blames blamed
    thank thanked propose proposed recommend recommends recommended sing sings sang
    cautions scoffs sighs laughs muses mutters whispers gushes sneers taunts scolds repeats echoes
    clarifies elaborates summarizes swears threatens preaches interrupts retorts screams exclaims opines
    interjects informs advises praises mocks teases speculates criticizes criticises
    comment comments commented commenting
";

/// Verbs of speech, writing or thought too loose to look for a speaker beside them, which
/// still make the subject of their clause the speaker of a quotation the clause holds:
/// `Whitfield decried “a campaign of lies”`, `Okafor dubbed the plan “a money pit”`. A
/// clause whose verbs are neither these nor cue verbs gives its quotation no speaker:
/// `Fans gathered in the so-called “fan zone”`.
const SPEECH_ACT_VERBS: &str = "
    talk talks talked talking speak speaks spoke speaking refer refers referred referring
    dub dubs dubbed term terms termed label labels labeled labelled brand brands branded
    characterize characterizes characterized characterise characterises characterised
    portray portrays portrayed cite cites cited citing decry decries decried press presses pressed
    vent vents vented snipe snipes sniped indicate indicates indicated pitch pitches pitched
    dismiss dismisses dismissed welcome welcomes welcomed condemn condemns condemned
    denounce denounces denounced attack attacks attacked lash lashes lashed rip rips ripped
    bash bashes bashed chide chides chided ridicule ridicules ridiculed deride derides derided
    applaud applauds applauded invoke invokes invoked publish publishes published
    tweet tweets tweeted retweet retweets retweeting sign signs signed
    envision envisions envisioned imagine imagines imagined consider considers considered
    deem deems deemed hail hails hailed decree decrees decreed frame frames framed
    promise promises promised vow vows vowed ponder ponders pondered express expresses expressed
    voice voices voiced pronounce pronounces pronounced discuss discusses discussed
    defend defends defended dubbing labeling labelling branding reject rejects rejected rejecting
    list lists listed
";

/// Cue verbs that only attribute when the speaker stands right next to them: on their
/// own they are too often ordinary verbs ("state police", "a post", "read the bill").
const WEAK_CUES: &str = "
    read reads post posts state states call calls called calling point points pointed note notes
    report reports charge charges counter counters begin began think thinks thought believe believes
    believed agree agrees agreed stress stresses mention mentions quote quoted continue continues
    continued warning writing written stating saying telling adding asking noting text answer object
    question hope hopes fear fears feel feels felt echo worry worries demand demands beg rail snap reason
    remember assure caution blast slam hail mock praise praised hailed mocked questioned advised threatened
    lecture email emails blame blames blamed thank thanked propose proposed recommend recommends
    recommended sing sings sang estimate estimates remark remarks tweet tweets claim claims
    cautions echoes mocks praises comment comments
";

/// Time phrases that may stand between a speaker and a cue verb, like the single words of
/// the prelude: `Beck has in the past described`, `she at one point called`.
pub const PRELUDE_PHRASES: &[&str] = &[
    "in the past",
    "at one point",
    "at the time",
    "at times",
    "in recent days",
    "in recent weeks",
    "in recent months",
    "in recent years",
    "for years",
    "for months",
    // `Trump was quick to add`, `Clinton is expected to say`: the subject of the verb
    // before the infinitive speaks.
    "quick to",
    "eager to",
    "careful to",
    "expected to",
    "likely to",
    "set to",
    "going to",
    "about to",
];

/// Words that may stand between a speaker and a cue verb: `Mujahid also said`, `she has said`.
const CUE_PRELUDE: &str = "
    also later previously earlier once recently repeatedly then has have had was were is are would
    will could might may did does do reportedly again often frequently publicly privately simply flatly
    quickly finally just first never not allegedly angrily bluntly candidly famously memorably
    sarcastically tersely jokingly laughingly proudly quietly loudly openly directly further even
    subsequently already still always ultimately herself himself themselves monday tuesday wednesday
    thursday friday saturday sunday today yesterday tonight morning night afternoon evening last this week
    specifically explicitly clearly immediately personally formally officially separately similarly
    likewise too now almost nearly barely hardly merely however meanwhile instead nevertheless
    nonetheless therefore thus
";

/// Irregular past tenses that end a noun phrase: `The senator sought to …`.
const IRREGULAR_VERBS: &str = "
    sought made took gave went came got held kept left met paid ran saw sent stood won brought bought
    built caught chose drew drove fell fought found flew forgot grew heard hid hit hurt knew led lost
    meant rose sold shot spent spoke struck swore taught threw understood wore became began did had
    was were is are has have does
";

/// Words that open an aside rather than describe the speaker: `Hunter, meanwhile, said`.
/// One word each: an aside like `in reply` or `for example` opens with a word listed here.
const ASIDE_OPENERS: &str = "
    meanwhile however also too though himself herself themselves itself once in on at for
    from with by after before during about of to via through when while as responding
    speaking writing referring citing adding noting pointing asked asking reached again still
    instead later earlier now then today yesterday
";

/// Nouns for documents and other artifacts that can be a quotation's source.
const DOCUMENT_NOUNS: &str = "
    statement letter report release document memo filing email e-mail tweet post complaint ruling
    lawsuit indictment affidavit transcript message note notice order verdict judgment judgement
    opinion motion brief petition resolution minutes website ad advert advertisement video speech
    communique communiqué announcement text draft study survey poll book memoir editorial column op-ed
    plea sign banner placard caption headline summary bill amendment policy manifesto request
";

/// Words that name a role or office before a person's name: `Defense Minister Khawaja Asif`.
const TITLE_WORDS: &str = "
    Mr. Mrs. Ms. Miss Dr. Prof. Gov. Sen. Rep. Gen. Lt. Col. Capt. Sgt. Rev. Hon. Judge Justice
    President Vice Prime Minister Secretary Senator Governor Mayor Councillor Councilor Councilwoman
    Councilman Chairman Chairwoman Chair Director Chief Deputy Speaker Leader Commissioner Sheriff
    Detective Officer Coach Manager Captain Professor Doctor Mullah Sheikh King Queen Prince Princess
    Lord Lady Sir Dame Pope Bishop Father Sister Attorney General Spokesman Spokeswoman Spokesperson
    Candidate Nominee Ambassador Chancellor Superintendent Principal Inspector Constable Premier
    Representative Congressman Congresswoman Assemblyman Assemblywoman Alderman Magistrate Prosecutor
    Defense Defence Foreign Interior Finance Health Economic Affairs Former Acting Interim Executive
    Senior Junior Assistant Associate Head Striker Midfielder Defender Goalkeeper State Staff Party
";

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &str = "
    Mr Mrs Ms Dr Prof Gov Sen Rep Gen Lt Col Capt Sgt Rev Hon St Jr Sr Inc Co Corp Ltd No vs v Jan
    Feb Mar Apr Aug Sept Sep Oct Nov Dec Mt Ft Ave Blvd Rd approx etc e.g i.e Fla Calif Ill Mass Penn
    Pa Wash Ore Tex Ariz Mich Minn Wis Conn Del Md Va Ga Ala Tenn Ky Mo Okla Kan Neb Nev Colo Ind Miss
    La Ark Sup Supt Cmdr Adm Maj Pvt Cpl Rt Messrs Mme Mlle
";

/// Nouns before a quotation that mark it as a title: `the novel “Beloved”`.
const TITLE_NOUNS: &str = "
    novel book film movie song album show series play poem documentary article column op-ed headline
    titled entitled podcast opera musical painting episode sitcom memoir essay single track sculpture
    exhibition programme program campaign slogan hashtag motto
";

/// Words that are never a speaker on their own, though a rule reading a clause may find
/// one where a subject stands: adverbs, conjunctions, comparatives and bare quantifiers.
const NEVER_SPEAKERS: &str = "
    even yet first more less most fewer least also only just still then now there here so
    such than thus however instead meanwhile perhaps maybe indeed finally later earlier again
    and but or nor because although though while whether if when where why how what which
";

pub fn is_never_speaker(phrase: &str) -> bool {
    contains_lower(&NEVER_SPEAKER_SET, phrase)
}

/// Relative pronouns, which open a clause about the noun before them.
const RELATIVE_PRONOUNS: &str = "who whom whose which";

pub fn opens_relative_clause(word: &str) -> bool {
    contains_lower(&RELATIVE_SET, word)
}

/// Nouns a definite description uses for a publication: `the newspaper wrote`.
const PUBLICATION_NOUNS: &str = "
    newspaper paper daily weekly tabloid magazine outlet network broadcaster website site publication
    journal channel station
";

/// Nouns a definite description uses for an organisation or group: `the department said`.
const ORGANIZATION_NOUNS: &str = "
    ministry department company firm group board commission committee agency campaign party council
    government administration organization organisation union office bureau association foundation
    institute university team club bank court coalition authority service corporation charity
    nonprofit non-profit pac super-pac caucus league federation alliance center centre
";

/// Nouns a definite description uses for a person, whatever their role: `the diplomat said`
/// is the person the article has been about, glossary role or not. Roles that speak for
/// someone else (`spokesman`, `lawyer`, `official`) are not here: they are another person.
const PERSON_NOUNS: &str = "
    diplomat businessman businesswoman billionaire mogul politician lawmaker candidate nominee
    veteran activist economist author writer actor actress star comedian singer player
    defenceman defenseman striker goalkeeper pitcher quarterback rookie
";

/// Roles that speak for someone else: a name before one is whom the role serves, not the
/// speaker (`One Clinton spokesman said`, `a Trump adviser`), while a name after one is the
/// speaker (`Huckabee spokeswoman Alice Stewart`).
const SERVING_ROLES: &str = "
    spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers advisor advisors
    assistant lawyer lawyers attorney attorneys counsel consultant staffer staffers strategist
    official officials representative representatives surrogate surrogates pollster
";

pub fn is_serving_role(word: &str) -> bool {
    contains_lower(&SERVING_SET, word)
}

pub fn is_person_noun(word: &str) -> bool {
    contains_lower(&PERSON_SET, word)
}

pub fn is_publication_noun(word: &str) -> bool {
    contains_lower(&PUBLICATION_SET, word)
}

pub fn is_organization_noun(word: &str) -> bool {
    contains_lower(&ORGANIZATION_SET, word)
}

/// Means by which someone speaks, which follow `by` without being the speaker: `Hadwin said
/// by phone`.
const MEANS_OF_COMMUNICATION: &str = "
    phone telephone cellphone email e-mail text video videoconference video-link satellite radio
    mail letter post fax teleconference zoom skype whatsapp messenger
";

pub fn is_means_of_communication(word: &str) -> bool {
    contains_lower(&MEANS_SET, word)
}

/// Short words that stay lower case inside a title: `The Art of the Deal`.
const TITLE_JOINERS: &str = "a an the of and or in on at to for with from by vs. nor but";

/// Prepositions a show or a book follows (`said on “Meet the Press.”`, `wrote in “The Art of
/// the Deal”`): a title-case quotation right after one names a work, even in a speaker's
/// sentence.
const PREPOSITIONS_BEFORE_TITLES: &str = "on in";
static PREPOSITION_BEFORE_TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| set(PREPOSITIONS_BEFORE_TITLES));

pub fn is_preposition_before_title(word: &str) -> bool {
    contains_lower(&PREPOSITION_BEFORE_TITLE_SET, word)
}

pub fn is_title_joiner(word: &str) -> bool {
    contains_lower(&TITLE_JOINER_SET, word)
}

/// Words before a short quotation that mark it as scare quotes or a term.
const SCARE_MARKERS: &str = "
    so-called dubbed branded labeled labelled termed nicknamed known word term phrase label name named
    deemed considered self-described self-styled quote-unquote
";

/// Determiners and quantifiers that open a noun phrase: `the`, `another`, `most`.
const DETERMINERS: &str = "
    the a an this these those his her their its our my your another one two three several some many
    most other both each every no all any few
";

/// Words that end a noun phrase, whichever way it is read.
const STOP_WORDS: &str = "
    that which who whom whose when where while because but or if as after before since to in on at
    with by from about than not is was were are be been has have had would will could should also so
    then there here into during over under until what how why yesterday today tonight last this did
    does do can may might must just even only later earlier again it's adding saying noting though
    although however whether monday tuesday wednesday thursday friday saturday sunday via through
    against without upon per like unlike despite among amid between once toward towards
    across around behind beyond near within throughout onto above below beneath along
";

/// Capitalised words that open a sentence without belonging to its subject: `And Patrick said`.
const SENTENCE_OPENERS: &str = "
    And But Now So Yet Or Then Still Perhaps Maybe Here’s Here's There’s There's Continued Also Plus
    Meanwhile Instead Indeed Finally Later Earlier
";

/// `wasn’t`, `didn't`: an auxiliary with its negation.
pub fn is_negated_auxiliary(word: &str) -> bool {
    word.ends_with("n’t") || word.ends_with("n't")
}

/// Whether `word` is one of the lower-case `words`, in any case, without a lower-cased copy.
pub fn one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Nouns for someone's words: `Clinton’s response`, `the mayor’s remarks`.
const SPEECH_NOUNS: &[&str] = &[
    "statement",
    "response",
    "answer",
    "remarks",
    "remark",
    "comments",
    "comment",
    "words",
    "accusation",
    "claim",
    "assertion",
    "slogan",
    "phrase",
    "catchphrase",
    "argument",
    "reply",
    "retort",
    "rhetoric",
    "pledge",
    "promise",
    "warning",
    "assumption",
    "clarion",
];

pub fn is_speech_noun(word: &str) -> bool {
    // `one_of` compares ASCII case only: a word with other characters is in no ASCII list.
    if SPEECH_NOUN_SET.all_ascii {
        word.is_ascii() && contains_lower(&SPEECH_NOUN_SET, word)
    } else {
        one_of(word, SPEECH_NOUNS)
    }
}

/// Words that follow a verb but never a noun phrase's last noun: `the email goes on`,
/// `the report urges them`.
pub const VERB_FOLLOWERS: &[&str] = &["that", "on", "to", "as", "into", "him", "her", "them", "me", "us", "it"];

/// Words after which an adjective in -ed or -ing modifies the noun that follows:
/// `one unaligned strategist`, `the embattled mayor`.
pub const MODIFIER_OPENERS: &[&str] = &["a", "an", "the", "one", "another", "his", "her", "their", "its", "our"];

/// Prepositions whose phrase can define the description before it: `a footnote in the
/// report`, `said a source at the club`.
pub const DEFINING_PREPOSITIONS: &[&str] = &["in", "from", "on", "at", "with"];

/// Roles that name whom they serve with `to`: `an adviser to the mayor`, `a source close to
/// the club`.
pub const ROLES_WITH_TO: &[&str] =
    &["adviser", "advisor", "aide", "assistant", "counsel", "consultant", "spokesman", "spokeswoman", "close"];

/// Cues of several words, matched case-insensitively, with where the speaker stands.
pub const CUE_PHRASES: &[(&str, SpeakerSide)] = &[
    ("according to", SpeakerSide::After),
    ("in the words of", SpeakerSide::After),
    ("as quoted by", SpeakerSide::After),
    ("was quoted as saying", SpeakerSide::Before),
    ("were quoted as saying", SpeakerSide::Before),
    ("is quoted as saying", SpeakerSide::Before),
    ("went on to say", SpeakerSide::Before),
    ("pointed out", SpeakerSide::Before),
    ("points out", SpeakerSide::Before),
    ("put it", SpeakerSide::Before),
    ("puts it", SpeakerSide::Before),
    ("shot back", SpeakerSide::Before),
    ("fired back", SpeakerSide::Before),
    ("went on", SpeakerSide::Before),
    ("goes on", SpeakerSide::Before),
    ("spoke up", SpeakerSide::Before),
];

/// False when no phrase of [`CUE_PHRASES`] opens with `word` in any ASCII case: every word
/// is tried as a phrase's opening, and this tells from its length and first byte alone.
pub fn may_open_cue_phrase(word: &str) -> bool {
    static OPENERS: LazyLock<[u64; 256]> = LazyLock::new(|| {
        let mut lengths_by_first_byte = [0u64; 256];
        for (phrase, _) in CUE_PHRASES {
            let first = phrase.split(' ').next().unwrap_or("").as_bytes();
            match first.first() {
                Some(&byte) if first.len() < 64 => {
                    for case in [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()] {
                        lengths_by_first_byte[usize::from(case)] |= 1 << first.len();
                    }
                }
                // A word this long (or empty) is never turned away.
                _ => lengths_by_first_byte = [u64::MAX; 256],
            }
        }
        lengths_by_first_byte
    });
    let Some(&byte) = word.as_bytes().first() else { return OPENERS[0] == u64::MAX };
    word.len() >= 64 || OPENERS[usize::from(byte)] & (1 << word.len()) != 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerSide {
    Before,
    After,
}

// Short lists the rules consult at one place each. A list looked up with [`one_of`] matches
// in any ASCII case; one looked up with `contains` matches exactly as written.

/// Forms of `be` before a cue in -ed that make it passive: `Okafor was criticized for …`.
/// Any case.
const PASSIVE_AUXILIARIES: &[&str] = &["is", "are", "was", "were", "been", "being", "be"];

pub fn is_passive_auxiliary(word: &str) -> bool {
    one_of(word, PASSIVE_AUXILIARIES)
}

/// Articles and possessives after which a weak cue is a noun: `a report`, `his call`.
/// Exact case.
const NOUN_MARKERS_BEFORE_WEAK_CUE: &[&str] = &["a", "an", "the", "this", "his", "her", "their", "its"];

pub fn marks_weak_cue_as_noun(word: &str) -> bool {
    NOUN_MARKERS_BEFORE_WEAK_CUE.contains(&word)
}

/// Weak cues that are also nouns modifying a plural noun after them: `private email
/// servers`, `text messages`. Any case.
const WEAK_CUES_MODIFYING_NOUNS: &[&str] = &["email", "text", "post", "tweet", "report", "call", "note"];

pub fn is_weak_cue_modifying_noun(word: &str) -> bool {
    one_of(word, WEAK_CUES_MODIFYING_NOUNS)
}

/// Auxiliaries and adverbs that keep a weak cue next to its speaker: `Okafor had called it
/// “…”`, `Okafor also called …`. Any case.
const AUXILIARIES_BEFORE_WEAK_CUE: &[&str] = &["has", "have", "had", "also", "once", "previously", "repeatedly"];

pub fn is_auxiliary_before_weak_cue(word: &str) -> bool {
    one_of(word, AUXILIARIES_BEFORE_WEAK_CUE)
}

/// Prepositions after which a weak cue ends a noun phrase: `said in the conference call`.
/// Any case.
const PREPOSITIONS_BEFORE_WEAK_CUE: &[&str] =
    &["in", "on", "at", "of", "during", "from", "with", "for", "into", "about"];

pub fn is_preposition_before_weak_cue(word: &str) -> bool {
    one_of(word, PREPOSITIONS_BEFORE_WEAK_CUE)
}

/// Conjunctions opening a subordinate clause whose subject a later cue after `and` takes:
/// `But as Trump denounced … and pledged to confront “…”`. Any case.
const SUBORDINATORS_LENDING_SUBJECT: &[&str] = &["as", "when", "while"];

pub fn lends_subordinate_subject(word: &str) -> bool {
    one_of(word, SUBORDINATORS_LENDING_SUBJECT)
}

/// First words of a time phrase that may follow a cue: `on Monday`, `last week`, `in a
/// statement`. Any case.
const TIME_PHRASE_OPENERS: &[&str] =
    &["on", "in", "at", "last", "this", "during", "yesterday", "today", "earlier", "later"];

pub fn opens_time_phrase(word: &str) -> bool {
    one_of(word, TIME_PHRASE_OPENERS)
}

/// Capitalised modals that are first names before a cue, not a prelude: `Will described
/// Trump as …`. Exact case.
const MODALS_AS_FIRST_NAMES: &[&str] = &["Will", "May", "Can"];

pub fn is_modal_as_first_name(word: &str) -> bool {
    MODALS_AS_FIRST_NAMES.contains(&word)
}

/// Capitalised stop words that may also be names and so belong to a noun phrase: `Will`,
/// `Bill`, `Grace`. Exact case.
const STOP_WORDS_AS_NAMES: &[&str] =
    &["Will", "May", "Can", "Bill", "Last", "Just", "Even", "Long", "Over", "Hope", "Grace"];

pub fn is_stop_word_as_name(word: &str) -> bool {
    STOP_WORDS_AS_NAMES.contains(&word)
}

/// Prepositions after which a lower-case description names someone else: `a longtime
/// adviser to Dana Whitfield`. Exact case.
const RELATION_PREPOSITIONS: &[&str] = &["to", "of", "for"];

/// Prepositions after which a capitalised name is a place, not a person: `in New York`.
/// Exact case.
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "from", "to", "near", "across", "outside", "inside", "of"];

pub fn is_place_preposition(word: &str) -> bool {
    PLACE_PREPOSITIONS.contains(&word)
}

pub fn is_relation_preposition(word: &str) -> bool {
    RELATION_PREPOSITIONS.contains(&word)
}

/// Capitalised first-person pronouns, which are no names though capitalised: a speaker
/// `I` or `We` is a description. Exact case; compare [`SPEAKER_PRONOUNS`], the third person
/// a pronoun rule resolves, and [`OTHER_PERSONAL_PRONOUNS`].
const CAPITALISED_FIRST_PERSON_PRONOUNS: &[&str] = &["I", "We"];

pub fn is_capitalised_first_person_pronoun(word: &str) -> bool {
    CAPITALISED_FIRST_PERSON_PRONOUNS.contains(&word)
}

/// First- and second-person pronouns, which are a whole noun phrase before a cue like the
/// [`SPEAKER_PRONOUNS`] but never stand for a third party: `we said`, `you said`. Exact
/// case (`I` only capitalised).
const OTHER_PERSONAL_PRONOUNS: &[&str] = &["I", "we", "We", "you", "You"];

pub fn is_other_personal_pronoun(word: &str) -> bool {
    OTHER_PERSONAL_PRONOUNS.contains(&word)
}

/// The [`SPEAKER_PRONOUNS`] for people, without `it`: a clause subject that may be the
/// speaker of a quotation later in the sentence. Exact case, lower or capitalised.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

pub fn is_person_pronoun(word: &str) -> bool {
    PERSON_PRONOUNS.contains(&word)
}

/// Words before a pronoun that open a relative or concessive clause, whose own subject the
/// pronoun is: `…, whom she described as …`, `although he wrote …`. Any case.
const OWN_CLAUSE_OPENERS: &[&str] = &["who", "whom", "which", "although", "though", "whereas"];

pub fn opens_own_clause(word: &str) -> bool {
    one_of(word, OWN_CLAUSE_OPENERS)
}

/// Conjunctions that open a subordinate clause fronting a sentence: `After Patrick asked
/// about it,`, `When Okafor spoke,`. Any case.
const CLAUSE_SUBORDINATORS: &[&str] =
    &["after", "when", "while", "before", "since", "although", "though", "if", "because", "once", "until", "whereas"];

pub fn is_clause_subordinator(word: &str) -> bool {
    one_of(word, CLAUSE_SUBORDINATORS)
}

/// Verbs besides the cue verbs after which `that` opens a reported clause rather than a
/// relative one: `The study shows that …`. Any case.
const VERBS_BEFORE_THAT_CLAUSE: &[&str] = &["shows", "showed", "found", "finds", "means"];

pub fn takes_that_clause(word: &str) -> bool {
    one_of(word, VERBS_BEFORE_THAT_CLAUSE)
}

/// Words after which a lower-case word in -s following a name is a verb: `Okafor lobbies
/// for a higher wage`. Any case.
const OBJECT_OPENERS_AFTER_VERB: &[&str] = &["for", "with", "about", "against", "a", "an", "the", "that"];

pub fn opens_object_after_verb(word: &str) -> bool {
    one_of(word, OBJECT_OPENERS_AFTER_VERB)
}

/// Prepositions whose phrase, after an opening word, makes it no subject: `Speaking in
/// Ohio, Trump said`. Exact case.
const OPENING_PREPOSITIONS: &[&str] = &["by", "about", "on", "in", "at", "for", "with", "to", "from", "after"];

pub fn is_opening_preposition(word: &str) -> bool {
    OPENING_PREPOSITIONS.contains(&word)
}

/// Lower-case words after a subject that are no verb of it: `two days later`, `and`.
/// Exact case.
const NON_VERBS_AFTER_SUBJECT: &[&str] = &["later", "earlier", "ago", "after", "before", "and", "or"];

pub fn is_non_verb_after_subject(word: &str) -> bool {
    NON_VERBS_AFTER_SUBJECT.contains(&word)
}

/// Possessives of people before a noun of speech: `his “47 percent” comment`. Any case.
const PERSONAL_POSSESSIVES: &[&str] = &["his", "her", "their"];

pub fn is_personal_possessive(word: &str) -> bool {
    one_of(word, PERSONAL_POSSESSIVES)
}

/// Possessive determiners, the [`PERSONAL_POSSESSIVES`] and `its`. Any case.
const POSSESSIVE_DETERMINERS: &[&str] = &["his", "her", "their", "its"];

pub fn is_possessive_determiner(word: &str) -> bool {
    one_of(word, POSSESSIVE_DETERMINERS)
}

/// [`RELATIVE_PRONOUNS`] in lower case only, exactly as written.
pub fn is_lower_case_relative_pronoun(word: &str) -> bool {
    RELATIVE_SET.contains(word)
}

/// Numbers written as words, which count the noun after them: `the two councillors`. Any
/// case.
const NUMBER_WORDS: &[&str] =
    &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen"];

pub fn is_number_word(word: &str) -> bool {
    one_of(word, NUMBER_WORDS)
}

/// Lower-case words that may join the parts of a noun phrase: `the head of the council`,
/// `Marks & Spencer`.
const PHRASE_CONNECTORS: &[&str] = &["of", "for", "and", "&"];

/// Exact case.
pub fn is_phrase_connector(word: &str) -> bool {
    PHRASE_CONNECTORS.contains(&word)
}

/// Any case: a noun phrase never opens with one.
pub fn is_phrase_connector_in_any_case(word: &str) -> bool {
    one_of(word, PHRASE_CONNECTORS)
}

/// Nouns in -ed or -ing (or -ly) that are no verb forms: `spokesperson`, `king`,
/// `building`. Exact case.
const NOUNS_LIKE_VERB_FORMS: &[&str] = &["spokesperson", "king", "official", "red", "building"];

pub fn is_noun_like_verb_form(word: &str) -> bool {
    NOUNS_LIKE_VERB_FORMS.contains(&word)
}

/// Quantifiers that can be a whole noun phrase on their own: `Another said …`. Any case.
const LONE_QUANTIFIERS: &[&str] = &["another", "some", "many", "both", "several", "most", "few", "one"];

pub fn is_lone_quantifier(word: &str) -> bool {
    one_of(word, LONE_QUANTIFIERS)
}

/// Counts that, after `of`, are the noun they count: `the mother of three said`. Any case.
const COUNTS_AFTER_OF: &[&str] = &["one", "two", "three", "both", "all", "many", "several", "some"];

pub fn is_count_after_of(word: &str) -> bool {
    one_of(word, COUNTS_AFTER_OF)
}

/// Participles naming the people a poll asked: `those surveyed said`. Any case.
const POLL_PARTICIPLES: &[&str] = &["surveyed", "polled", "interviewed", "questioned", "sampled"];

pub fn is_poll_participle(word: &str) -> bool {
    one_of(word, POLL_PARTICIPLES)
}

/// What follows the apostrophe of a pronoun contracted with an auxiliary: `he’s`, `she’d`,
/// `they’ll`, `we’ve`, `they’re`. Exact case.
const AUXILIARY_CONTRACTIONS: &[&str] = &["s", "d", "ll", "ve", "re"];

pub fn is_auxiliary_contraction(ending: &str) -> bool {
    AUXILIARY_CONTRACTIONS.contains(&ending)
}

/// Words that make the number after them approximate: `about 200 protesters`. Any case.
const APPROXIMATORS: &[&str] = &["about", "nearly", "around", "roughly", "some", "over", "almost"];

pub fn is_approximator(word: &str) -> bool {
    one_of(word, APPROXIMATORS)
}

/// Verbs that, after a title noun, introduce its title: `a film called “Beloved”`. Any case.
const NAMING_VERBS: &[&str] = &["called", "titled", "entitled", "named", "dubbed"];

pub fn is_naming_verb(word: &str) -> bool {
    one_of(word, NAMING_VERBS)
}

/// Nouns right before a short quotation that make it a term: `the word “…”`. Any case.
const TERM_NOUNS: &[&str] = &["word", "term", "phrase", "label", "name"];

pub fn is_term_noun(word: &str) -> bool {
    one_of(word, TERM_NOUNS)
}

/// Objects of `call` before a scare quotation: `called it a “…”`, `calls them “…”`. Any
/// case.
const OBJECTS_OF_CALL: &[&str] = &["it", "him", "her", "them", "this", "that", "a", "an", "the"];

pub fn is_object_of_call(word: &str) -> bool {
    one_of(word, OBJECTS_OF_CALL)
}

/// Forms of `call`: `called it a “…”`. Any case.
const FORMS_OF_CALL: &[&str] = &["called", "calls", "call", "calling"];

pub fn is_form_of_call(word: &str) -> bool {
    one_of(word, FORMS_OF_CALL)
}

/// Third-person pronouns that can stand for a speaker, whom the pronoun rules resolve to an
/// earlier name. Exact case, lower or capitalised. [`PERSON_PRONOUNS`] leaves out `it`;
/// [`OTHER_PERSONAL_PRONOUNS`] are the first and second person.
pub const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "they", "it", "He", "She", "They", "It"];

fn set(words: &'static str) -> WordSet {
    WordSet::new(words.split_whitespace().map(str::as_bytes).collect())
}

/// A word list: a hash set of the words' bytes behind a bitmap of word shapes (length,
/// first and last byte). Nearly every word the rules look up is in no list, and the
/// bitmap turns most of those away without hashing them.
struct WordSet {
    words: HashSet<&'static [u8]>,
    shapes: [u64; SHAPE_BITS / 64],
    /// Every word is ASCII and lower case.
    all_ascii: bool,
}

const SHAPE_BITS: usize = 8192;

impl WordSet {
    fn new(words: HashSet<&'static [u8]>) -> WordSet {
        let mut shapes = [0; SHAPE_BITS / 64];
        for word in &words {
            for bit in shape(word) {
                shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        let all_ascii = words.iter().all(|w| w.is_ascii() && !w.iter().any(u8::is_ascii_uppercase));
        WordSet { words, shapes, all_ascii }
    }

    fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    fn contains_bytes(&self, word: &[u8]) -> bool {
        self.may_have_shape(shape(word)) && self.words.contains(word)
    }

    /// False when no word of the list has this shape.
    #[inline]
    fn may_have_shape(&self, bits: [usize; 2]) -> bool {
        bits.iter().all(|&bit| self.shapes[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// The two bits of the shape bitmap for `word`: its length and its first two and last two
/// bytes, each with the ASCII lower-case bit set, so that a word and its lower case (and
/// its upper case) always get the same bits. Words of a language share first and last
/// letters and lengths (`and` and `add`); with two bytes at each end and two bits, a word
/// outside a list finds its bits set for about one lookup in twenty.
#[inline]
fn shape(word: &[u8]) -> [usize; 2] {
    let (head, tail) = match word {
        [] => return [0, 0],
        [only] => ([*only; 2], [*only; 2]),
        [first, second, .., before_last, last] => ([*first, *second], [*before_last, *last]),
        [first, second, third] => ([*first, *second], [*second, *third]),
        [first, second] => ([*first, *second], [*first, *second]),
    };
    let ends = u64::from(u16::from_le_bytes(head)) | u64::from(u16::from_le_bytes(tail)) << 16;
    let key = ends | 0x2020_2020 | (word.len().min(255) as u64) << 32;
    let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    [(hash >> 51) as usize, (hash >> 38) as usize % SHAPE_BITS]
}

/// `SPEECH_NOUNS` as a set, for [`is_speech_noun`], which runs for every speaker.
static SPEECH_NOUN_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(SPEECH_NOUNS.iter().map(|w| w.as_bytes()).collect()));
static DETERMINER_SET: LazyLock<WordSet> = LazyLock::new(|| set(DETERMINERS));
static STOP_SET: LazyLock<WordSet> = LazyLock::new(|| set(STOP_WORDS));
static OPENER_SET: LazyLock<WordSet> = LazyLock::new(|| set(SENTENCE_OPENERS));
static CUE_VERB_SET: LazyLock<WordSet> = LazyLock::new(|| set(CUE_VERBS));
static WEAK_CUE_SET: LazyLock<WordSet> = LazyLock::new(|| set(WEAK_CUES));
static PRELUDE_SET: LazyLock<WordSet> = LazyLock::new(|| set(CUE_PRELUDE));
static IRREGULAR_SET: LazyLock<WordSet> = LazyLock::new(|| set(IRREGULAR_VERBS));
static ASIDE_SET: LazyLock<WordSet> = LazyLock::new(|| set(ASIDE_OPENERS));
static DOCUMENT_SET: LazyLock<WordSet> = LazyLock::new(|| set(DOCUMENT_NOUNS));
static TITLE_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| set(TITLE_WORDS));
static ABBREVIATION_SET: LazyLock<WordSet> = LazyLock::new(|| set(ABBREVIATIONS));
static TITLE_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| set(TITLE_NOUNS));
static SCARE_SET: LazyLock<WordSet> = LazyLock::new(|| set(SCARE_MARKERS));
static TITLE_JOINER_SET: LazyLock<WordSet> = LazyLock::new(|| set(TITLE_JOINERS));
static NEVER_SPEAKER_SET: LazyLock<WordSet> = LazyLock::new(|| set(NEVER_SPEAKERS));
static RELATIVE_SET: LazyLock<WordSet> = LazyLock::new(|| set(RELATIVE_PRONOUNS));
static PUBLICATION_SET: LazyLock<WordSet> = LazyLock::new(|| set(PUBLICATION_NOUNS));
static ORGANIZATION_SET: LazyLock<WordSet> = LazyLock::new(|| set(ORGANIZATION_NOUNS));
static PERSON_SET: LazyLock<WordSet> = LazyLock::new(|| set(PERSON_NOUNS));
static SERVING_SET: LazyLock<WordSet> = LazyLock::new(|| set(SERVING_ROLES));
static MEANS_SET: LazyLock<WordSet> = LazyLock::new(|| set(MEANS_OF_COMMUNICATION));
static SPEECH_ACT_SET: LazyLock<WordSet> = LazyLock::new(|| set(SPEECH_ACT_VERBS));

/// Looks a word up in lower case without allocating for words that are already lower case
/// or short and ASCII, as nearly every word is.
#[inline]
fn contains_lower(set: &WordSet, word: &str) -> bool {
    let bytes = word.as_bytes();
    // The lower-cased word's shape is known without lower-casing it: nearly every word looked
    // up is in no list, and most stop here, inline, without a copy or a hash.
    if bytes.is_ascii() && !set.may_have_shape(shape(bytes)) {
        return false;
    }
    lookup_lower(set, word)
}

/// [`contains_lower`] past its shape test: kept out of line so that the test stays small.
#[inline(never)]
fn lookup_lower(set: &WordSet, word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return set.words.contains(bytes);
        }
        let mut buffer = [0u8; 32];
        if let Some(lower) = buffer.get_mut(..bytes.len()) {
            lower.copy_from_slice(bytes);
            lower.make_ascii_lowercase();
            return set.words.contains(&*lower);
        }
    }
    if word.chars().any(char::is_uppercase) { set.contains(word.to_lowercase().as_str()) } else { set.contains(word) }
}

pub fn is_determiner(word: &str) -> bool {
    contains_lower(&DETERMINER_SET, word)
}

pub fn is_stop_word(word: &str) -> bool {
    contains_lower(&STOP_SET, word)
}

/// Case-sensitive: `And` opening a sentence, not `and`.
pub fn is_sentence_opener(word: &str) -> bool {
    OPENER_SET.contains(word)
}

/// `And`, `But`, `Yet`, `So`, `Or` opening a sentence: they join it to the one before and
/// are no part of its subject.
pub fn is_conjunction_opener(word: &str) -> bool {
    ["And", "But", "Yet", "So", "Or"].contains(&word)
}

/// Words that start a new sentence even after an abbreviation's period: `… in the U.S. He …`.
pub fn starts_sentence_after_abbreviation(word: &str) -> bool {
    ["He", "She", "They", "It", "We", "I", "The", "This", "That", "But", "And", "A", "An", "His", "Her", "Their"]
        .contains(&word)
}

/// True when `text` may hold a cue: a cue verb or the start of a cue phrase, found as a
/// substring in any case. False positives only cost time; a false negative would lose an
/// attribution, so every cue word and phrase is a pattern.
pub fn may_hold_cue(text: &str) -> bool {
    let Some(finder) = CUE_FINDER.as_ref() else { return true };
    // Whole words only: "already" holds "read" but is no cue. A cue starts a word, and no
    // pattern holds a word break, so a match failing its boundaries hides no other.
    let is_letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    finder.find_iter(text).any(|found| {
        !is_letter(text[..found.start()].chars().next_back()) && !is_letter(text[found.end()..].chars().next())
    })
}

static CUE_FINDER: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    let phrase_words = CUE_PHRASES.iter().filter_map(|(phrase, _)| phrase.split(' ').next());
    let patterns: Vec<&str> = CUE_VERBS.split_whitespace().chain(phrase_words).collect();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
});

pub fn is_cue_verb(word: &str) -> bool {
    contains_lower(&CUE_VERB_SET, word) || is_participle_in(&CUE_VERB_SET, word)
}

/// Whether `word` is the -ing form of a verb of `set` that the list does not spell out:
/// `praising` of `praise`, `questioning` of `question`, `slamming` of `slam`.
fn is_participle_in(set: &WordSet, word: &str) -> bool {
    let Some(stem) = word.strip_suffix("ing") else { return false };
    if stem.len() < 3 || !stem.is_ascii() {
        return false;
    }
    let mut buffer = [0u8; 32];
    if stem.len() + 1 > buffer.len() {
        return false;
    }
    buffer[..stem.len()].copy_from_slice(stem.as_bytes());
    buffer[stem.len()] = b'e';
    let with_e = std::str::from_utf8(&buffer[..=stem.len()]).unwrap_or("");
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    contains_lower(set, stem) || contains_lower(set, with_e) || doubled && contains_lower(set, &stem[..stem.len() - 1])
}

/// A word that makes its clause an act of speech, writing or thought: a cue verb, a verb of
/// [`SPEECH_ACT_VERBS`], a noun of speech (`remarks`) or a document (`statement`).
pub fn is_speech_act(word: &str) -> bool {
    // A weak cue counts as a participle only: `state`, `post` and `call` are as often nouns
    // (`vary from state to state`), `called`, `posted` and `praising` never.
    (is_cue_verb(word) && (!is_weak_cue(word) || word.ends_with("ed") || word.ends_with("ing")))
        || contains_lower(&SPEECH_ACT_SET, word)
        || contains_lower(&DOCUMENT_SET, word)
        || is_speech_noun(word)
}

pub fn is_weak_cue(word: &str) -> bool {
    contains_lower(&WEAK_CUE_SET, word) || is_participle_in(&WEAK_CUE_SET, word) && !contains_lower(&CUE_VERB_SET, word)
}

pub fn is_cue_prelude(word: &str) -> bool {
    contains_lower(&PRELUDE_SET, word)
}

pub fn is_irregular_verb(word: &str) -> bool {
    IRREGULAR_SET.contains(word)
}

/// True for a word that opens an aside: an adverb, a preposition or a participle.
pub fn opens_aside(word: &str) -> bool {
    contains_lower(&ASIDE_SET, word)
        || (word.ends_with("ing") && word.len() > 5 && !word.starts_with(char::is_uppercase))
        || (word.ends_with("ly") && !word.starts_with(char::is_uppercase))
}

pub fn is_document_noun(word: &str) -> bool {
    contains_lower(&DOCUMENT_SET, word)
}

pub fn is_title_word(word: &str) -> bool {
    TITLE_WORD_SET.contains(word)
}

pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATION_SET.contains(word)
}

pub fn is_title_noun(word: &str) -> bool {
    contains_lower(&TITLE_NOUN_SET, word)
}

pub fn is_scare_marker(word: &str) -> bool {
    contains_lower(&SCARE_SET, word)
}

pub fn is_speaker_pronoun(word: &str) -> bool {
    SPEAKER_PRONOUNS.contains(&word)
}

/// Nouns that describe a source without naming it: `a senior official`, `sources`, `a person
/// familiar with the talks`. `spokesman` and the like are not here: a spokesperson speaks on
/// the record for the body they represent.
const ANONYMOUS_SOURCE_NOUNS: &str = "
    source sources official officials person people aide aides insider insiders adviser advisers
    advisor advisors diplomat diplomats staffer staffers employee employees member members
    executive executives figure figures individual individuals
";

/// Determiners that leave a source unidentified: `a senior official`, `one official`, `two
/// people`. `the official` refers back to someone the article has introduced.
/// The articles that open a description (`a North Dakota native`, `the mayor`).
const ARTICLES: &str = "a an the";

const INDEFINITE_DETERMINERS: &str = "a an one two three four five several some many multiple another various numerous";

/// Phrases in a speaker's description that say the source is withheld: `who spoke on
/// condition of anonymity`, `who was not authorized to speak`, `familiar with the talks`.
pub const ANONYMITY_PHRASES: &[&str] = &[
    "condition of anonymity",
    "not authorized to",
    "not authorised to",
    "declined to be named",
    "not to be named",
    "not be named",
    "not to be identified",
    "not be identified",
    "requested anonymity",
    "familiar with",
    "briefed on",
    "with knowledge of",
    "close to the",
];

/// Quantities that make a description a crowd rather than a source: `a lot of people said`.
pub const CROWD_QUANTITIES: &[&str] = &["a lot of ", "lots of ", "plenty of ", "a number of people"];

static ANONYMOUS_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| set(ANONYMOUS_SOURCE_NOUNS));
static INDEFINITE_SET: LazyLock<WordSet> = LazyLock::new(|| set(INDEFINITE_DETERMINERS));
static ARTICLE_SET: LazyLock<WordSet> = LazyLock::new(|| set(ARTICLES));

pub fn is_anonymous_source_noun(word: &str) -> bool {
    contains_lower(&ANONYMOUS_NOUN_SET, word)
}

pub fn is_indefinite_determiner(word: &str) -> bool {
    contains_lower(&INDEFINITE_SET, word)
}

/// `a`, `an`, `the`, in any case.
pub fn is_article(word: &str) -> bool {
    contains_lower(&ARTICLE_SET, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case_where_they_should() {
        assert!(is_cue_verb("Said") && is_cue_verb("lamented") && !is_cue_verb("table"));
        assert!(is_weak_cue("read") && !is_weak_cue("said"));
        assert!(is_title_word("Mayor") && !is_title_word("mayor"));
        assert!(is_document_noun("Statement"));
    }

    /// The whitespace-split lists, each with whether its entries may keep a period
    /// (abbreviations and titles: `Mr.`, `e.g`, `vs.`).
    const SPLIT_LISTS: &[(&str, &str, bool)] = &[
        ("CUE_VERBS", CUE_VERBS, false),
        ("SPEECH_ACT_VERBS", SPEECH_ACT_VERBS, false),
        ("WEAK_CUES", WEAK_CUES, false),
        ("CUE_PRELUDE", CUE_PRELUDE, false),
        ("IRREGULAR_VERBS", IRREGULAR_VERBS, false),
        ("ASIDE_OPENERS", ASIDE_OPENERS, false),
        ("DOCUMENT_NOUNS", DOCUMENT_NOUNS, false),
        ("TITLE_WORDS", TITLE_WORDS, true),
        ("ABBREVIATIONS", ABBREVIATIONS, true),
        ("TITLE_NOUNS", TITLE_NOUNS, false),
        ("NEVER_SPEAKERS", NEVER_SPEAKERS, false),
        ("RELATIVE_PRONOUNS", RELATIVE_PRONOUNS, false),
        ("MEANS_OF_COMMUNICATION", MEANS_OF_COMMUNICATION, false),
        ("TITLE_JOINERS", TITLE_JOINERS, true),
        ("SCARE_MARKERS", SCARE_MARKERS, false),
        ("DETERMINERS", DETERMINERS, false),
        ("STOP_WORDS", STOP_WORDS, false),
        ("SENTENCE_OPENERS", SENTENCE_OPENERS, false),
        ("SERVING_ROLES", SERVING_ROLES, false),
        ("PUBLICATION_NOUNS", PUBLICATION_NOUNS, false),
        ("ORGANIZATION_NOUNS", ORGANIZATION_NOUNS, false),
        ("PERSON_NOUNS", PERSON_NOUNS, false),
    ];

    /// The lists written as slices of single words.
    const SLICE_LISTS: &[(&str, &[&str])] = &[
        ("SPEECH_NOUNS", SPEECH_NOUNS),
        ("VERB_FOLLOWERS", VERB_FOLLOWERS),
        ("MODIFIER_OPENERS", MODIFIER_OPENERS),
        ("DEFINING_PREPOSITIONS", DEFINING_PREPOSITIONS),
        ("ROLES_WITH_TO", ROLES_WITH_TO),
        ("PLACE_PREPOSITIONS", PLACE_PREPOSITIONS),
        ("SPEAKER_PRONOUNS", SPEAKER_PRONOUNS),
        ("PASSIVE_AUXILIARIES", PASSIVE_AUXILIARIES),
        ("NOUN_MARKERS_BEFORE_WEAK_CUE", NOUN_MARKERS_BEFORE_WEAK_CUE),
        ("WEAK_CUES_MODIFYING_NOUNS", WEAK_CUES_MODIFYING_NOUNS),
        ("AUXILIARIES_BEFORE_WEAK_CUE", AUXILIARIES_BEFORE_WEAK_CUE),
        ("PREPOSITIONS_BEFORE_WEAK_CUE", PREPOSITIONS_BEFORE_WEAK_CUE),
        ("SUBORDINATORS_LENDING_SUBJECT", SUBORDINATORS_LENDING_SUBJECT),
        ("TIME_PHRASE_OPENERS", TIME_PHRASE_OPENERS),
        ("MODALS_AS_FIRST_NAMES", MODALS_AS_FIRST_NAMES),
        ("STOP_WORDS_AS_NAMES", STOP_WORDS_AS_NAMES),
        ("RELATION_PREPOSITIONS", RELATION_PREPOSITIONS),
        ("CAPITALISED_FIRST_PERSON_PRONOUNS", CAPITALISED_FIRST_PERSON_PRONOUNS),
        ("OTHER_PERSONAL_PRONOUNS", OTHER_PERSONAL_PRONOUNS),
        ("PERSON_PRONOUNS", PERSON_PRONOUNS),
        ("OWN_CLAUSE_OPENERS", OWN_CLAUSE_OPENERS),
        ("CLAUSE_SUBORDINATORS", CLAUSE_SUBORDINATORS),
        ("VERBS_BEFORE_THAT_CLAUSE", VERBS_BEFORE_THAT_CLAUSE),
        ("OBJECT_OPENERS_AFTER_VERB", OBJECT_OPENERS_AFTER_VERB),
        ("OPENING_PREPOSITIONS", OPENING_PREPOSITIONS),
        ("NON_VERBS_AFTER_SUBJECT", NON_VERBS_AFTER_SUBJECT),
        ("PERSONAL_POSSESSIVES", PERSONAL_POSSESSIVES),
        ("POSSESSIVE_DETERMINERS", POSSESSIVE_DETERMINERS),
        ("NUMBER_WORDS", NUMBER_WORDS),
        ("NOUNS_LIKE_VERB_FORMS", NOUNS_LIKE_VERB_FORMS),
        ("LONE_QUANTIFIERS", LONE_QUANTIFIERS),
        ("COUNTS_AFTER_OF", COUNTS_AFTER_OF),
        ("POLL_PARTICIPLES", POLL_PARTICIPLES),
        ("AUXILIARY_CONTRACTIONS", AUXILIARY_CONTRACTIONS),
        ("APPROXIMATORS", APPROXIMATORS),
        ("NAMING_VERBS", NAMING_VERBS),
        ("TERM_NOUNS", TERM_NOUNS),
        ("OBJECTS_OF_CALL", OBJECTS_OF_CALL),
        ("FORMS_OF_CALL", FORMS_OF_CALL),
    ];

    /// The problems of one list: entries twice over, and entries with characters other than
    /// letters, digits, hyphens and apostrophes (and a period, where `period` allows it).
    pub(super) fn list_problems<'a>(
        name: &str,
        entries: impl IntoIterator<Item = &'a str>,
        period: bool,
    ) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut problems = Vec::new();
        for entry in entries {
            if !seen.insert(entry) {
                problems.push(format!("{name}: `{entry}` twice"));
            }
            let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’') || period && c == '.';
            if entry.is_empty() || !entry.chars().all(allowed) {
                problems.push(format!("{name}: `{entry}` is not one word"));
            }
        }
        problems
    }

    #[test]
    fn lists_hold_each_word_once_and_only_words() {
        let mut problems = Vec::new();
        for &(name, words, period) in SPLIT_LISTS {
            problems.extend(list_problems(name, words.split_whitespace(), period));
        }
        for &(name, words) in SLICE_LISTS {
            problems.extend(list_problems(name, words.iter().copied(), false));
        }
        // `Marks & Spencer`: the ampersand joins a phrase as a word does.
        problems.extend(list_problems(
            "PHRASE_CONNECTORS",
            PHRASE_CONNECTORS.iter().copied().filter(|&w| w != "&"),
            false,
        ));
        for (name, phrases) in
            [("PRELUDE_PHRASES", PRELUDE_PHRASES.to_vec()), ("CUE_PHRASES", CUE_PHRASES.iter().map(|p| p.0).collect())]
        {
            let mut seen = std::collections::HashSet::new();
            problems.extend(phrases.into_iter().filter(|p| !seen.insert(*p)).map(|p| format!("{name}: `{p}` twice")));
        }
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(!list_problems("test", "in reply though, in".split_whitespace(), false).is_empty());
    }

    /// The rule files, whose word lists belong here.
    const RULE_FILES: &[(&str, &str)] = &[
        ("attribution/cues.rs", include_str!("attribution/cues.rs")),
        ("attribution/choice.rs", include_str!("attribution/choice.rs")),
        ("attribution/clauses.rs", include_str!("attribution/clauses.rs")),
        ("attribution/phrases.rs", include_str!("attribution/phrases.rs")),
        ("attribution/mod.rs", include_str!("attribution/mod.rs")),
        ("attribution/resolve.rs", include_str!("attribution/resolve.rs")),
        ("attribution/digest.rs", include_str!("attribution/digest.rs")),
        ("quotes/kind.rs", include_str!("quotes/kind.rs")),
        ("sentences.rs", include_str!("sentences.rs")),
    ];

    /// The lines of `source` before its test module that hold a list of words: a string
    /// array (`["he", …]`, `&["has", …]`, or an array opening at the end of a line whose next
    /// line is a word string) or a `&[&str]` constant.
    pub(super) fn word_list_literals(source: &str) -> Vec<(usize, &str)> {
        let code = source.find("#[cfg(test)]\nmod tests {").map_or(source, |end| &source[..end]);
        let lines: Vec<&str> = code.lines().collect();
        let opens_word = |text: &str| {
            let mut chars = text.chars();
            chars.next() == Some('"') && chars.next().is_some_and(char::is_alphabetic)
        };
        (0..lines.len())
            .filter(|&n| {
                let line = lines[n].trim();
                if line.starts_with("//") {
                    return false;
                }
                let array_of_words = line.match_indices('[').any(|(at, _)| opens_word(&line[at + 1..]));
                let array_continues =
                    line.ends_with('[') && lines.get(n + 1).is_some_and(|next| opens_word(next.trim()));
                array_of_words || array_continues || line.contains(": &[&str] =")
            })
            .map(|n| (n + 1, lines[n]))
            .collect()
    }

    #[test]
    fn rule_files_hold_no_word_lists() {
        let found: Vec<String> = RULE_FILES
            .iter()
            .flat_map(|(file, source)| {
                word_list_literals(source)
                    .into_iter()
                    .map(move |(line, text)| format!("{file}:{line}: {}", text.trim()))
            })
            .collect();
        assert!(found.is_empty(), "word lists belong in lexicon.rs:\n{}", found.join("\n"));
        // The check finds what it looks for, and not punctuation or a test module.
        let sample = "let a = lexicon::one_of(w, &[\"has\", \"have\"]);\nlet b = [\"he\"].contains(&w);\n\
                      if !one_of(\n    w,\n    &[\n        \"after\", \"when\",\n    ],\n) {}\n\
                      const X: &[&str] = &[];\n// [\"comment\"]\nmatches!(i, Item::Punct(_, ','));\n\
                      #[cfg(test)]\nmod tests {\n    let c = [\"test\"];\n}\n";
        let lines: Vec<usize> = word_list_literals(sample).into_iter().map(|(line, _)| line).collect();
        assert_eq!(lines, [1, 2, 5, 9]);
    }
}

// ---------------------------------------------------------------------------------------
// The kind of an entity the glossary lacks, and its pronouns (`kind_evidence.rs`, for the
// add-to-glossary fix). Kept together at the end of the file. Besides these lists the
// evidence reads PUBLICATION_NOUNS, ORGANIZATION_NOUNS, PERSON_NOUNS, SERVING_ROLES,
// DOCUMENT_NOUNS and TITLE_WORDS above.
// ---------------------------------------------------------------------------------------

/// Capitalised words that end the name of a newspaper, broadcaster or agency: `the Lowther
/// Times`, `Harbour Radio`. The description nouns of [`PUBLICATION_NOUNS`] (`Daily`,
/// `Journal`) count too. Any case.
const PUBLICATION_NAME_WORDS: &str = "
    times post news gazette herald tribune chronicle courier mail telegraph guardian observer
    express star sun globe standard independent mirror record echo inquirer examiner bulletin
    review dispatch sentinel advertiser argus register monitor press wire radio television tv
    broadcasting
";

/// Words that end the name of an organisation, besides the nouns of [`ORGANIZATION_NOUNS`]:
/// company suffixes (`Pell & Marsh Ltd`), institutions (`Ashgrove Hospital`), the words of
/// club names (`Harbour United`), and kinds of business a description names (`Harbour Water,
/// the utility that …`). Any case.
const ORGANIZATION_NAME_WORDS: &str = "
    inc incorporated ltd llc plc corp co gmbh fc ag college school academy hospital clinic police
    society trust church parliament assembly senate congress airlines airways railway railways
    motors industries holdings partners united rovers athletic wanderers rangers albion tribunal
    prison library museum theatre theater orchestra choir brigade army navy cooperative co-op
    studios fund utility lender insurer retailer supermarket airline carmaker manufacturer brewery
";

/// Nouns for places, as the last word of a name (`Harbour City`) or a description of one
/// (`the town of Lowther`, `Ashgrove, a village in …`). Any case.
const PLACE_NOUNS: &str = "
    city town village country nation state states province region district county island islands
    capital suburb neighbourhood neighborhood borough municipality territory republic kingdom
    township parish valley emirates
";

/// Countries and continents named in one word. A name that is one of them is a place (or,
/// with `he` or `she` said of it, a person: `Jordan`, `Chad`). Any case.
const COUNTRIES: &str = "
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia botswana brazil
    brunei bulgaria burundi cambodia cameroon canada chad chile china colombia comoros congo
    croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
    ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
    guinea-bissau guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel
    italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
    lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia
    maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro
    morocco mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger
    nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal
    qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia
    spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand timor-leste
    togo tonga tunisia turkey türkiye turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu
    vatican venezuela vietnam yemen zambia zimbabwe england scotland wales britain greenland uk usa
    africa asia europe america antarctica oceania australasia
";

/// Countries and regions named in more than one word, matched as written.
pub const COUNTRY_PHRASES: &[&str] = &[
    "United States",
    "United Kingdom",
    "United Arab Emirates",
    "Great Britain",
    "Northern Ireland",
    "New Zealand",
    "South Africa",
    "South Korea",
    "North Korea",
    "South Sudan",
    "Saudi Arabia",
    "Sri Lanka",
    "Costa Rica",
    "El Salvador",
    "Sierra Leone",
    "Burkina Faso",
    "Papua New Guinea",
    "Czech Republic",
    "Dominican Republic",
    "Central African Republic",
    "Ivory Coast",
    "East Timor",
    "Cape Verde",
    "Equatorial Guinea",
    "Bosnia and Herzegovina",
    "North Macedonia",
    "San Marino",
    "Solomon Islands",
    "Marshall Islands",
    "Trinidad and Tobago",
    "Antigua and Barbuda",
    "Hong Kong",
    "North America",
    "South America",
    "Latin America",
    "Middle East",
];

/// Prepositions before a bare capitalised name that make it a place: `in Lowther`, `across
/// Ashgrove`. Narrower than [`PLACE_PREPOSITIONS`], whose `to`, `of`, `from` and `at` come
/// before people and bodies as often. Any case.
const PLACE_CUE_PREPOSITIONS: &str = "in across throughout inside outside near within";

/// What a place has, after its possessive: `Lowther’s council`, `Pakistan’s government`.
/// Any case.
const PLACE_POSSESSIONS: &str = "
    government capital president parliament embassy economy border borders population citizens
    currency mayor
";

/// Relatives, after a person's possessive (`Voss’s husband`) or as a description of one
/// (`Voss, a mother of three`). Any case.
const KIN_NOUNS: &str = "
    wife husband son daughter mother father brother sister partner fiance fiancé fiancee fiancée
    widow widower grandmother grandfather grandson granddaughter niece nephew cousin aunt uncle
    stepson stepdaughter
";

/// Nouns that describe a person in an appositive (`Marta Quill, a cleaner at the court`),
/// besides [`PERSON_NOUNS`], [`SERVING_ROLES`], [`KIN_NOUNS`] and the titles. Any case.
const PERSON_ROLE_NOUNS: &str = "
    resident nurse teacher owner student pupil worker farmer pensioner volunteer parent chef driver
    neighbour neighbor swimmer runner cyclist founder campaigner cleaner shopkeeper landlord
    landlady tenant fisherman baker builder plumber electrician engineer scientist researcher
    witness victim defendant plaintiff claimant juror survivor fan supporter voter woman man girl
    boy gentleman member referee umpire
";

/// Honorifics before a name that give the pronoun the article uses for the person: `Mr. Voss`
/// is `he`. Any case, without the period.
const MASCULINE_HONORIFICS: &str = "mr sir lord";
const FEMININE_HONORIFICS: &str = "ms mrs miss mme mlle dame lady madam";

static PUBLICATION_NAME_SET: LazyLock<WordSet> = LazyLock::new(|| set(PUBLICATION_NAME_WORDS));
static ORGANIZATION_NAME_SET: LazyLock<WordSet> = LazyLock::new(|| set(ORGANIZATION_NAME_WORDS));
static PLACE_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| set(PLACE_NOUNS));
static COUNTRY_SET: LazyLock<WordSet> = LazyLock::new(|| set(COUNTRIES));
static PLACE_CUE_SET: LazyLock<WordSet> = LazyLock::new(|| set(PLACE_CUE_PREPOSITIONS));
static PLACE_POSSESSION_SET: LazyLock<WordSet> = LazyLock::new(|| set(PLACE_POSSESSIONS));
static KIN_SET: LazyLock<WordSet> = LazyLock::new(|| set(KIN_NOUNS));
static PERSON_ROLE_SET: LazyLock<WordSet> = LazyLock::new(|| set(PERSON_ROLE_NOUNS));
static MASCULINE_HONORIFIC_SET: LazyLock<WordSet> = LazyLock::new(|| set(MASCULINE_HONORIFICS));
static FEMININE_HONORIFIC_SET: LazyLock<WordSet> = LazyLock::new(|| set(FEMININE_HONORIFICS));

pub fn is_publication_name_word(word: &str) -> bool {
    contains_lower(&PUBLICATION_NAME_SET, word)
}

pub fn is_organization_name_word(word: &str) -> bool {
    contains_lower(&ORGANIZATION_NAME_SET, word)
}

pub fn is_place_noun(word: &str) -> bool {
    contains_lower(&PLACE_NOUN_SET, word)
}

/// A country or continent: one word of [`COUNTRIES`] in any case, or one of
/// [`COUNTRY_PHRASES`] as written.
pub fn is_country(name: &str) -> bool {
    contains_lower(&COUNTRY_SET, name) || COUNTRY_PHRASES.contains(&name)
}

pub fn is_place_cue_preposition(word: &str) -> bool {
    contains_lower(&PLACE_CUE_SET, word)
}

pub fn is_place_possession(word: &str) -> bool {
    contains_lower(&PLACE_POSSESSION_SET, word)
}

pub fn is_kin_noun(word: &str) -> bool {
    contains_lower(&KIN_SET, word)
}

/// A noun for a person in a description: [`PERSON_ROLE_NOUNS`], [`PERSON_NOUNS`],
/// [`SERVING_ROLES`] or [`KIN_NOUNS`].
pub fn is_person_description_noun(word: &str) -> bool {
    contains_lower(&PERSON_ROLE_SET, word) || is_person_noun(word) || is_serving_role(word) || is_kin_noun(word)
}

/// The pronoun an honorific gives (`Mr` → he, `Ms.` → she), in any case, period or not.
pub fn honorific_pronoun(word: &str) -> Option<crate::analysis::Pronoun> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if contains_lower(&MASCULINE_HONORIFIC_SET, word) {
        Some(crate::analysis::Pronoun::He)
    } else if contains_lower(&FEMININE_HONORIFIC_SET, word) {
        Some(crate::analysis::Pronoun::She)
    } else {
        None
    }
}

#[cfg(test)]
mod kind_evidence_lists {
    use super::*;

    const LISTS: &[(&str, &str)] = &[
        ("PUBLICATION_NAME_WORDS", PUBLICATION_NAME_WORDS),
        ("ORGANIZATION_NAME_WORDS", ORGANIZATION_NAME_WORDS),
        ("PLACE_NOUNS", PLACE_NOUNS),
        ("COUNTRIES", COUNTRIES),
        ("PLACE_CUE_PREPOSITIONS", PLACE_CUE_PREPOSITIONS),
        ("PLACE_POSSESSIONS", PLACE_POSSESSIONS),
        ("KIN_NOUNS", KIN_NOUNS),
        ("PERSON_ROLE_NOUNS", PERSON_ROLE_NOUNS),
        ("MASCULINE_HONORIFICS", MASCULINE_HONORIFICS),
        ("FEMININE_HONORIFICS", FEMININE_HONORIFICS),
    ];

    /// The same check as `tests::lists_hold_each_word_once_and_only_words`, for this
    /// section's lists; each phrase of [`COUNTRY_PHRASES`] is words of that kind, and once.
    #[test]
    fn kind_lists_hold_each_word_once_and_only_words() {
        let mut problems = Vec::new();
        for &(name, words) in LISTS {
            problems.extend(super::tests::list_problems(name, words.split_whitespace(), false));
        }
        let mut seen = std::collections::HashSet::new();
        for phrase in COUNTRY_PHRASES {
            if !seen.insert(phrase) {
                problems.push(format!("COUNTRY_PHRASES: `{phrase}` twice"));
            }
            problems.extend(super::tests::list_problems("COUNTRY_PHRASES", phrase.split(' '), false));
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// The evidence file holds no word list of its own.
    #[test]
    fn kind_evidence_holds_no_word_lists() {
        let found = super::tests::word_list_literals(include_str!("kind_evidence.rs"));
        assert!(found.is_empty(), "word lists belong in lexicon.rs: {found:?}");
    }

    #[test]
    fn kind_lookups_ignore_case() {
        assert!(is_country("Pakistan") && is_country("United States") && !is_country("united states"));
        assert!(is_publication_name_word("Gazette") && is_organization_name_word("Ltd"));
        assert_eq!(honorific_pronoun("Ms."), Some(crate::analysis::Pronoun::She));
        assert_eq!(honorific_pronoun("MR"), Some(crate::analysis::Pronoun::He));
        assert_eq!(honorific_pronoun("Dr."), None);
    }
}
