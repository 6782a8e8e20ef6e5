"""Attribution patterns of fresh news styles (BBC politics/business/sport/tech, US regional and
tabloid copy): long capitalised titles before a name, acronyms that repair a name cut by a
lower-case word, reported clauses that must not lend their subject to the speaker, sources
named once for a scene, race distances, emergency numbers and date ranges.

Every name, event and sentence here is invented for these tests. The unit cases come first;
``CORPUS`` at the end holds nine short articles that combine them."""
from __future__ import annotations

import pytest

from tests.nlp.figure_checks import check_figures

from .conftest import run
from .helpers import index

D, I = "direct", "indirect"


def summary(body: str) -> list[tuple]:
    return [(c.kind, c.text, c.speaker, c.source) for c in run(body)]


# ---------------------------------------------------------------------------------- names

@pytest.mark.parametrize("text,core,role", [
    # a title the lexicon does not know, ending in a known first name and a surname
    ("California State Park Ranger Supervisor Robert Colligan said it.", "Robert Colligan",
     "California State Park Ranger Supervisor"),
    ("Yorkshire Water Flood Liaison Lead Helen Marsh said it.", "Helen Marsh", "Yorkshire Water Flood Liaison Lead"),
    # title words the lexicon now knows
    ("Assemblywoman Dana Ortiz said it.", "Dana Ortiz", "Assemblywoman"),
    ("County Supervisor Ray Ochoa said it.", "Ray Ochoa", "County Supervisor"),
])
def test_long_title_before_a_personal_name_is_the_role(text, core, role):
    tv, idx = index(text)
    m = idx.mentions[0]
    assert (m.core, m.role, m.kind) == (core, role, "person")


@pytest.mark.parametrize("text,core", [
    ("Mary Anne Smith said it.", "Mary Anne Smith"),  # two first names stay one name
    ("Andrew Lloyd Webber said it.", "Andrew Lloyd Webber"),
    ("The Queen Elizabeth Hospital said it.", "Queen Elizabeth Hospital"),  # an organisation
    ("Former striker Dean Marlow said it.", "Dean Marlow"),  # "Dean" is a first name here, not a title
    ("The Star-Ledger reported it.", "Star-Ledger"),  # no "Star" role split off a hyphenated name
])
def test_names_that_must_stay_whole(text, core):
    tv, idx = index(text)
    assert core in [m.core for m in idx.mentions]


def test_acronym_repairs_a_name_cut_by_a_lower_case_word():
    tv, idx = index("Fares rose. The European Low fares Airlines Association (ELAA) said so.")
    m = next(m for m in idx.mentions if m.acronym)
    assert m.core == "European Low fares Airlines Association" and m.kind == "organisation"
    assert "European Low" not in [x.core for x in idx.mentions]


def test_acronym_that_matches_already_is_left_alone():
    tv, idx = index("Fares rose, the Independent Pilots Union (IPU) said.")
    assert [m.core for m in idx.mentions if m.acronym] == ["Independent Pilots Union"]


# ---------------------------------------------------------------------------------- attribution

CASES = [
    # ---- a long apposition with a relative clause inside it: the name is the speaker
    ('Jacques Verlaine, vice president of the European Commission, which drafted the rules, said that passengers '
     'had waited too long.',
     [(I, "passengers had waited too long", "Jacques Verlaine", None)]),
    # ---- "quote X as saying": X speaks, the quoting outlet is the source
    ("Local newspapers quote Mayor Ilse Brandt as saying the bridge will reopen in June.",
     [(I, "the bridge will reopen in June", "Ilse Brandt", "Local newspapers")]),
    ('State media quoted the minister as saying: "We will not back down."',
     [(D, "We will not back down.", "the minister", "State media")]),
    # ---- plural agent nouns as speakers of "according to"
    ("The new toll road will cut commuting times by half, according to its backers.",
     [(I, "The new toll road will cut commuting times by half", "its backers", None)]),
    # ---- a quotation chain with a lost paragraph break: the first part is the named speaker's
    ('Ndiaye won easily. "I feel really strong at the moment. "I want to win both titles," said Ndiaye.',
     [(D, "I feel really strong at the moment.", "Ndiaye", None),
      (D, "I want to win both titles", "Ndiaye", None)]),
    ('"We are delighted," said Lena Ortiz. Her rival was less happy. "It was a perfect race for her. '
     '"She has worked so hard," Tomas Brandt said.',
     [(D, "We are delighted", "Lena Ortiz", None), (D, "It was a perfect race for her.", "Tomas Brandt", None),
      (D, "She has worked so hard", "Tomas Brandt", None)]),
    # ---- the subject of a reported clause is never the speaker
    ('Downing Street said the minister had told MPs she would stay. "She has the full support of the prime minister."',
     [(I, "the minister had told MPs she would stay", "Downing Street", None),
      (D, "She has the full support of the prime minister.", "Downing Street", None)]),
    ('Addison, who was angry, insisted on a vote, said Ruland "has let down every family."', None),
    ('State Sen. Joe Pinto said Gov. Mark Ruland "has never once visited" the flooded towns.',
     [(I, 'Gov. Mark Ruland "has never once visited" the flooded towns', "Joe Pinto", None)]),
    # ---- a party and place tag between the subject and "said" (US regional style)
    ('Addison, R-Burlington, said Ruland "has let down every family."',
     [(I, 'Ruland "has let down every family."', "Addison", None)]),
    ('State Sen. Dawn Addison, R-Burlington, said Gov. Mark Ruland "has let down every family." '
     '"He should be ashamed," she said.',
     [(I, 'Gov. Mark Ruland "has let down every family."', "Dawn Addison", None),
      (D, "He should be ashamed", "Dawn Addison", None)]),
    # ---- "the spokesman" after "The prime minister's spokesman said": the same speaker
    ('The prime minister\'s spokesman said talks would go on. "Nobody wants a strike," the spokesman said.',
     [(I, "talks would go on", "The prime minister's spokesman", None),
      (D, "Nobody wants a strike", "The prime minister's spokesman", None)]),
    # ---- "where/when she said" after a named woman, even one the first-name list does not know
    ('The bill was introduced by Sen. Loretta Vance in Trenton, where she said the state owed residents '
     '"real answers".',
     [(I, 'the state owed residents "real answers"', "Loretta Vance", None)]),
    # ---- "he" after a role noun subject ("The governor …. He …")
    ('The governor vetoed the bill on Friday. He said it was "reckless".',
     [(I, 'it was "reckless"', "The governor", None)]),
    # ---- "the company" is the article's subject company, not one named as an object or modifier
    ("UK mobile group Kestrel Telecom has agreed to buy a stake in Russian operator OAO Volga Cellular. "
     "Volga Cellular shares rose. The company also said it would cut 400 jobs.",
     [(I, "it would cut 400 jobs", "Kestrel Telecom", None)]),
    # ---- documents that are the content itself give no source; a bare participle is not part of the NP
    ("Statistics show that crime has fallen by 4%.", [(I, "crime has fallen by 4%", "Statistics", None)]),
    ("The legislation says that landlords must give notice.",
     [(I, "landlords must give notice", "The legislation", None)]),
    ("Statistics released on Monday showed that exports fell.", [(I, "exports fell", "Statistics", None)]),
    # ---- an outlet speaking as itself is its own source (names and "X Ledger/Press/Record")
    ("The Star-Ledger reported that the governor had left the state. The newspaper said he was in Florida.",
     [(I, "the governor had left the state", "The Star-Ledger", "Star-Ledger"),
      (I, "he was in Florida", "The Star-Ledger", "Star-Ledger")]),
    ("BBC Sport understands that the club will appeal.",
     [(I, "the club will appeal", "BBC Sport", "BBC Sport")]),
    # ---- a reported object with a time adjunct is no claim
    ("The Asbury Park Press first reported the deal on Tuesday.", []),
    # ---- sports copy refers back to its subject by age, nationality or role
    ('Kelly Brooks won the 800m in Glasgow. The 34-year-old said she was "thrilled". The Scot told BBC Sport: '
     '"It was a special night."',
     [(I, 'she was "thrilled"', "Kelly Brooks", None), (D, "It was a special night.", "Kelly Brooks", "BBC Sport")]),
    ('Arsenal boss Arsene Wenger said his side had been "unlucky". The Gunners boss added that Henry would be fit.',
     [(I, 'his side had been "unlucky"', "Arsene Wenger", None), (I, "Henry would be fit", "Arsene Wenger", None)]),
    # ---- "the force" and "a spokesperson for the force" after a named police force
    ("Officers from Kent Police were called. The incident happened at 3.15pm, the force said in a statement. "
     "A spokesperson for the force said officers were at the scene.",
     [(I, "The incident happened at 3.15pm", "Kent Police", "a statement"),
      (I, "officers were at the scene", "spokesperson for Kent Police", None)]),
    # ---- "told The Post": one capitalised word that names an outlet
    ('"He was shaking," the source told The Post.', [(D, "He was shaking", "the source", "Post")]),
    # ---- an age before the head noun; a channel named after "speaking/appearing on"
    ('"I was terrified," the 27-year-old mother of two told The Post on Tuesday.',
     [(D, "I was terrified", "the 27-year-old mother of two", "Post")]),
    ('Speaking on GMTV, Mr Blair said he was "confident" of winning.',
     [(I, 'he was "confident" of winning', "Blair", "GMTV")]),
    ("Appearing on BBC One's Question Time, Ms Lowe said the plan would fail.",
     [(I, "the plan would fail", "Lowe", "BBC One's Question Time")]),
    ("Speaking on Capitol Hill, Ms Lowe said the plan would fail.", [(I, "the plan would fail", "Lowe", None)]),
    # ---- "according to" with a role apposition: the apposition belongs to the frame, not the content
    ("The driver fled, according to Ian Cole, a police spokesman.", [(I, "The driver fled", "Ian Cole", None)]),
    ("According to Ian Cole, a police spokesman, the driver fled.", [(I, "the driver fled", "Ian Cole", None)]),
    ("According to police, the driver, 45, fled the scene.", [(I, "the driver, 45, fled the scene", "police", None)]),
    # ---- a nickname in quotation marks inside the subject's name is no quotation
    ('Former champion Jimmy "the Whirlwind" White   has admitted missing lessons, instead spending his days in '
     'halls.',
     [(I, "missing lessons, instead spending his days in halls", "Jimmy White", None)]),
    # ---- "she" right after a sentence whose subject is a surname the article never typed
    ('Brooks won in Glasgow. She told BBC Sport: "I am thrilled. "It was the best race of my life," she added.',
     [(D, "I am thrilled.", "Brooks", "BBC Sport"), (D, "It was the best race of my life", "Brooks", "BBC Sport")]),
    # ---- "X was quoted by Y as saying": X speaks, Y is the source
    ('Mr Barrot was quoted by Reuters as saying the rules were "long overdue".',
     [(I, 'the rules were "long overdue"', "Barrot", "Reuters")]),
    ('The minister was quoted by local newspapers as saying: "We will build it."',
     [(D, "We will build it.", "The minister", "local newspapers")]),
    # ---- an interjected adverb between subject and cue; "adding" after a clause ending in a quotation
    ('Ms Ruiz, however, said the plan was "dead in the water".',
     [(I, 'the plan was "dead in the water"', "Ruiz", None)]),
    ('Airline boss Ian Leary said the rules were "a joke", adding that fares would rise.',
     [(I, 'the rules were "a joke"', "Ian Leary", None), (I, "fares would rise", "Ian Leary", None)]),
    # ---- "per X" as "according to X"; a programme's quoted title after "appearance on"
    ("The suspect was released without bail, per court records.",
     [(I, "The suspect was released without bail", "court records", "court records")]),
    ("Tickets cost $5 per person and 10 per cent more per hour.", []),
    ('Ruiz said during an appearance on "Fox & Friends" that the ruling was wrong.',
     [(I, "the ruling was wrong", "Ruiz", 'an appearance on "Fox & Friends"')]),
    # ---- participles: "with X claiming", and a verb with its object is not part of the subject
    ("The plan has divided the town, with critics claiming it will ruin the harbour.",
     [(I, "it will ruin the harbour", "critics", None)]),
    ('Lawyers for the firm issued a statement claiming the report was "deeply flawed".',
     [(I, 'the report was "deeply flawed"', "Lawyers for the firm", "a statement")]),
    # ---- "the software giant" after a one-word company subject; a website told
    ("Microsoft has warned users of a flaw. The software giant said a patch was ready. Its rival, "
     "Nexo, said nothing. A manager at Microsoft agreed.",
     [(I, "a patch was ready", "Microsoft", None)]),
    ("Ian Fogg, an analyst at Jupiter Research, told the BBC News website that prices would fall.",
     [(I, "prices would fall", "Ian Fogg", "the BBC News website")]),
]


def test_role_apposition_keeps_a_noun_that_is_also_a_cue_verb():
    c = run('"It is too early," said Mary Ruiz, a spokeswoman for the state Department of Transportation.')[0]
    assert c.speaker_role == "spokeswoman for the state Department of Transportation"


@pytest.mark.parametrize("body,speaker,role", [
    ("Ian Fogg, who is head of research at Jupiter, said prices would fall.", "Ian Fogg",
     "head of research at Jupiter"),
    ('Former England captain Will Carling said the side lacked "leadership".', "Will Carling",
     "Former England captain"),
    ("Jacques Verlaine, vice president of the European Commission, which drafted the rules, said it was time.",
     "Jacques Verlaine", "vice president of the European Commission"),
])
def test_roles(body, speaker, role):
    c = run(body)[0]
    assert (c.speaker, c.speaker_role) == (speaker, role)


def test_passive_agent_with_a_role_apposition_is_no_claim():
    got = summary("The report was written by Ian Fogg, head of research at Jupiter. Mr Fogg said prices would fall.")
    assert got == [(I, "prices would fall", "Ian Fogg", None)]


@pytest.mark.parametrize("body,expected", CASES)
def test_attribution(body, expected):
    got = summary(body)
    if expected is None:  # only: nobody but the subject of "said" speaks
        assert all(c[2] != "Ruland" for c in got), got
        return
    assert got == expected


# ---------------------------------------------------------------------------------- sources

SOURCE_CASES = [
    # a channel named once holds for the same speaker's continuation: "added", no cue, "also"
    ('The governor said in a series of tweets that the audit was "a hit job". He added that he would not resign.',
     ["a series of tweets", "a series of tweets"]),
    ('"Ireland is cheap," Ana Ruiz told Reuters. "Growth will continue."', ["Reuters", "Reuters"]),
    ("In his new book, Dean Marlow writes that the firm lost its way. He also writes that managers ignored warnings.",
     ["his new book", "his new book"]),
    # the occasion named in a sentence that reports nothing, then the speaker's first words
    ('In a series of tweets, the senator attacked the plan. "It is a disgrace," she wrote. "Nobody voted for this."',
     ["a series of tweets", "a series of tweets"]),
    # a plain new "X said" starts afresh (the dev convention), and so does another speaker
    ('In a speech in Leeds, Ms Kerr said: "We will win." She said that polls were wrong.', ["a speech in Leeds", None]),
    ('Ms Kerr said in a statement that rents were too high. "They are not," said Tom Ives. "Never."',
     ["a statement", None, None]),
]


@pytest.mark.parametrize("body,sources", SOURCE_CASES)
def test_sources_carry_within_a_scene(body, sources):
    assert [c.source for c in run(body)] == sources


# ---------------------------------------------------------------------------------- figures

FIGURES = [
    # race distances: metres in a sporting text or before a race word; millions otherwise
    ("Ndiaye won the 1500m title and will run the 800m at the indoor championships.",
     [("1500m", 1500, "metres"), ("800m", 800, "metres")]),
    ("She broke the 10,000m world record.", [("10,000m", 10000, "metres")]),
    ("The app has 800m users and the firm owes 300m of debt.",
     [("800m users", 8e8, "users"), ("300m", 3e8, "count")]),
    ("Sales hit £800m at the championships.", [("£800m", 8e8, "GBP")]),
    ("He wants to run well over 60m indoors this winter.", [("60m", 60, "metres")]),
    ("Brooks won the 800m in Glasgow. Of the 300m, half was debt.",
     [("800m", 800, "metres"), ("300m", 3e8, "count")]),
    # emergency numbers
    ("She called 911 after a 999 call was missed.", []),
    ("About 911 people voted.", [("911 people", 911, "people")]),
    # date ranges are dates; other ranges stay figures
    ("The championships run from 6 to 9 March, between 6 and 9 March.", []),
    ("He scored 6 to 9 goals.", [("6 to 9 goals", 6, "goals", {"value_max": 9})]),
    # hyphenated ranges and units
    ("It was an 8-to-10 foot alligator.", [("8-to-10 foot", 8, "feet", {"value_max": 10})]),
    ("It was an 8- to 10-foot snake.", [("8- to 10-foot", 8, "feet", {"value_max": 10})]),
    ("A woman who was 8-months-pregnant.", [("8-months", 8, "months")]),
    ("A 30-year-old man and an 80-foot yacht.", [("30-year-old", 30, "years_of_age"), ("80-foot", 80, "feet")]),
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_figures(text, expected):
    check_figures(text, "en", expected)


# ---------------------------------------------------------------------------------- corpus

CORPUS = {
    "bbc-politics": (
        "Ministers ignored repeated warnings about river defences, a group of MPs has said.\n"
        'In their March report, MPs on the Commons environment committee said the flood agency had been "starved of '
        'funds" for a decade. They added that at least 1,200 homes remained at risk.\n'
        "The prime minister's official spokesman said the environment secretary had told colleagues she would not "
        'resign. "She has the full confidence of the prime minister," the spokesman said. "Nobody could have predicted '
        'the scale of the rain."\n'
        'Local newspapers quote residents of Hollin Bridge as saying they had been left "to fend for themselves".\n',
        [(I, "a group of MPs", None, "Ministers ignored"),
         (I, "MPs on the Commons environment committee", "their March report", "the flood agency"),
         (I, "MPs on the Commons environment committee", "their March report", "at least 1,200 homes"),
         (I, "The prime minister's official spokesman", None, "the environment secretary had told"),
         (D, "The prime minister's official spokesman", None, "She has the full"),
         (D, "The prime minister's official spokesman", None, "Nobody could"),
         (I, "residents of Hollin Bridge", "Local newspapers", "they had been left")]),
    "bbc-business": (
        "UK mobile group Kestrel Telecom has agreed to buy a 25% stake in Russia's OAO Volga Cellular for $310m.\n"
        "The deal gives Kestrel access to 12 million subscribers. Volga Cellular shares rose 4% in Moscow on the "
        "news.\n"
        'Analysts said the price looked high. "They are paying for growth that may never come," said Piotr Zalewski, '
        "an analyst at Baltic Securities.\n"
        "The company also said it would cut 400 jobs at its Leeds call centre.\n"
        'Budget carriers were less pleased. The European Low fares Airlines Association (ELAA) said the new charges '
        'were "a tax on travel".\n',
        [(I, "Analysts", None, "the price"),
         (D, "Piotr Zalewski", None, "They are paying"),
         (I, "Kestrel Telecom", None, "it would cut 400 jobs"),
         (I, "The European Low fares Airlines Association (ELAA)", None, "the new charges")]),
    "bbc-sport": (
        "Double Olympic champion Grace Ndiaye says she will run both the 800m and 1500m at next month's indoor "
        "championships in Madrid.\n"
        "The 29-year-old won the 1500m in Birmingham on Saturday. The championships run from 6 to 9 March.\n"
        '"I feel really strong at the moment. "I want to win both titles and I think I can," said Ndiaye.\n'
        'Her coach, Tomas Brandt, said the schedule would be "tough but manageable".\n',
        [(I, "Grace Ndiaye", None, "she will run"),
         (D, "Grace Ndiaye", None, "I feel really strong"),
         (D, "Grace Ndiaye", None, "I want to win"),
         (I, "Tomas Brandt", None, "the schedule")]),
    "nj-shore": (
        'State Sen. Joe Pinto said Gov. Mark Ruland "has never once visited" the flooded shore towns.\n'
        "Assemblywoman Dana Ortiz spoke at a town hall in Toms River on Thursday, where she said the state owed "
        'residents "real answers".\n'
        "California State Park Ranger Supervisor Robert Colligan said the beach would stay closed until Monday. "
        '"The sand is still moving," Colligan said.\n',
        [(I, "Joe Pinto", None, "Gov. Mark Ruland"),
         (I, "Dana Ortiz", None, "the state owed"),
         (I, "Robert Colligan", None, "the beach"),
         (D, "Robert Colligan", None, "The sand")]),
    "nypost-alligator": (
        "A Queens woman who was 8-months-pregnant called 911 after spotting an 8-to-10 foot alligator in her back "
        "yard, police said.\n"
        "The reptile was captured by trappers about two hours later, according to the NYPD.\n"
        "In a series of tweets, the borough president attacked the city's response. \"This is a disgrace,\" she "
        'wrote. "Nobody came for two hours."\n',
        [(I, "police", None, "A Queens woman"),
         (I, "the NYPD", None, "The reptile"),
         (D, "the borough president", "a series of tweets", "This is a disgrace"),
         (D, "the borough president", "a series of tweets", "Nobody came")]),
    "fox-toll": (
        "The new toll road will cut commuting times by half, according to its backers.\n"
        "Critics filed a lawsuit on Monday, claiming the toll was unconstitutional.\n"
        "The Washington Post reported that the state audit found $4 million in unexplained payments. The Post also "
        "reported that two aides had quit.\n"
        "Statistics show that traffic on the old highway has fallen by 12%.\n",
        [(I, "its backers", None, "The new toll road"),
         (I, "Critics", None, "the toll was"),
         (I, "The Washington Post", "Washington Post", "the state audit"),
         (I, "The Washington Post", "Washington Post", "two aides"),
         (I, "Statistics", None, "traffic on")]),
    "eu-rules": (
        "Airlines must compensate passengers for cancelled flights under new European rules.\n"
        "Jacques Verlaine, vice president of the European Commission, which drafted the rules, said that passengers "
        'had waited "far too long". "We cannot accept that travellers are left stranded," he said.\n'
        "Verlaine said in a press conference in Brussels that the rules would apply from June. He added that airlines "
        "had been consulted.\n",
        [(I, "Jacques Verlaine", None, "passengers had waited"),
         (D, "Jacques Verlaine", None, "We cannot accept"),
         (I, "Jacques Verlaine", "a press conference in Brussels", "the rules would apply"),
         (I, "Jacques Verlaine", "a press conference in Brussels", "airlines had been")]),
    "tech-memoir": (
        'In his new book, former Google engineer Dean Marlow writes that the company "lost its way" after 2015. He '
        "also writes that managers ignored privacy warnings.\n"
        'Marlow told the Daily Courier that he had no regrets. "I would do it all again," he said.\n',
        [(I, "Dean Marlow", "his new book", "the company"),
         (I, "Dean Marlow", "his new book", "managers ignored"),
         (I, "Dean Marlow", "Daily Courier", "he had no regrets"),
         (D, "Dean Marlow", None, "I would do it")]),
    "nj-statehouse": (
        'State Sen. Dawn Addison, R-Burlington, said Gov. Mark Ruland "has let down every family on the shore." '
        '"He should be ashamed," she said.\n'
        "Ruland's spokeswoman, Tara Quist, said the governor had visited the area twice. The governor was quoted by "
        'the Courier-Post as saying the state "will rebuild".\n'
        "The 61-year-old Democrat, however, said on Wednesday that no decision had been made on the aid package, per "
        "a statement from his office.\n",
        [(I, "Dawn Addison", None, "Gov. Mark Ruland"),
         (D, "Dawn Addison", None, "He should be ashamed"),
         (I, "Tara Quist", None, "the governor had visited"),
         (I, "Mark Ruland", "Courier-Post", "the state"),
         (I, "Mark Ruland", "a statement from his office", "no decision")]),
}

CORPUS_ROLES = {
    "nj-shore": {"Joe Pinto": "State Sen.", "Dana Ortiz": "Assemblywoman",
                 "Robert Colligan": "California State Park Ranger Supervisor"},
    "eu-rules": {"Jacques Verlaine": "vice president of the European Commission"},
    "tech-memoir": {"Dean Marlow": "former Google engineer"},
    "bbc-sport": {"Grace Ndiaye": "Double Olympic champion", "Tomas Brandt": "Her coach"},
}

CORPUS_FIGURES = {
    "bbc-sport": [("800m", 800, "metres"), ("1500m", 1500, "metres"), ("29-year-old", 29, "years_of_age"),
                  ("1500m", 1500, "metres")],
    "nypost-alligator": [("8-months", 8, "months"), ("8-to-10 foot", 8, "feet", {"value_max": 10}),
                         ("two hours", 2, "hours"), ("two hours", 2, "hours")],
    "bbc-business": [("25%", 25, "percent"), ("$310m", 3.1e8, "USD"), ("12 million subscribers", 1.2e7, "subscribers"),
                     ("4%", 4, "percent"), ("400 jobs", 400, "jobs")],
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_article(name):
    body, expected = CORPUS[name]
    claims = run(body)
    got = [(c.kind, c.speaker, c.source, c.text[:len(e[3])]) for c, e in zip(claims, expected)]
    assert got == expected and len(claims) == len(expected), [(c.kind, c.speaker, c.source, c.text) for c in claims]
    for c in claims:
        if c.speaker in CORPUS_ROLES.get(name, {}):
            assert c.speaker_role == CORPUS_ROLES[name][c.speaker], c


@pytest.mark.parametrize("name", sorted(CORPUS_FIGURES))
def test_corpus_figures(name):
    check_figures(CORPUS[name][0], "en", CORPUS_FIGURES[name])
