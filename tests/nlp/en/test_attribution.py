"""Attribution of whole sentences and short articles (claims.nlp.en.attribution), through the
real ``build("en")`` pipeline. Every sentence here is written for the tests."""
from __future__ import annotations

import pytest

from .conftest import run

D, I = "direct", "indirect"


def summary(body: str) -> list[tuple]:
    return [(c.kind, c.text, c.speaker, c.source) for c in run(body)]


CASES = [
    # ---- direct quotations: cue after, before, in the middle; inverted cue; curly quotes
    ('"We will rebuild the bridge," the mayor said.',
     [(D, "We will rebuild the bridge", "the mayor", None)]),
    ('Mayor Ann Cole said: "We will rebuild the bridge."',
     [(D, "We will rebuild the bridge.", "Ann Cole", None)]),
    ('"It was a hard year," said Dr Ravi Menon. "Next year will be better."',
     [(D, "It was a hard year", "Ravi Menon", None), (D, "Next year will be better.", "Ravi Menon", None)]),
    ('“We were lucky,” Ms Ortiz said, “and we know it.”',
     [(D, "We were lucky", "Ortiz", None), (D, "and we know it.", "Ortiz", None)]),
    ("\"The plan, as drafted, is 'unworkable',\" the union said.",
     [(D, "The plan, as drafted, is 'unworkable'", "the union", None)]),
    ('"Why would we stop now?" asked Mr Lund.',
     [(D, "Why would we stop now?", "Lund", None)]),
    # ---- reported speech
    ("The minister said that the scheme would be extended.",
     [(I, "the scheme would be extended", "The minister", None)]),
    ("Critics argue the tax will hurt small firms.",
     [(I, "the tax will hurt small firms", "Critics", None)]),
    ("Paula Grant, the head of the regulator, told MPs the rules were being broken.",
     [(I, "the rules were being broken", "Paula Grant", None)]),
    ("The bill will pass, Senator Joe Diaz predicted on Monday.",
     [(I, "The bill will pass", "Joe Diaz", None)]),
    ("The plan is doomed, said one analyst.",
     [(I, "The plan is doomed", "one analyst", None)]),
    ("Prices will rise again, the bank warned, although it did not say by how much.",
     [(I, "Prices will rise again", "the bank", None)]),
    ("According to the police, the driver was not injured.",
     [(I, "the driver was not injured", "the police", None)]),
    ("The driver was not injured, according to the police.",
     [(I, "The driver was not injured", "the police", None)]),
    ("The UN council is worried the funds will run out.",
     [(I, "the funds will run out", "The UN council", None)]),
    ("Dr Kaur did not think the drug was safe.",
     [(I, "the drug was safe", "Kaur", None)]),
    ("Labour accused the government of wasting money.",
     [(I, "wasting money", "Labour", None)]),
    ("The council unveiled plans to close three libraries.",
     [(I, "to close three libraries", "The council", None)]),
    ("Mr Moss reiterated his view on Tuesday that the merger was a mistake.",
     [(I, "the merger was a mistake", "Moss", None)]),
    # ---- an attribution that interrupts its clause spans the whole clause
    ("The deal had not, Mr Varga added, been approved by the board.",
     [(I, "The deal had not, Mr Varga added, been approved by the board", "Varga", None)]),
    # ---- call / designation, and scare quotes inside a reported clause
    ('Ms Webb called the proposal "reckless and unfair".',
     [(D, "reckless and unfair", "Webb", None)]),
    ('The firm said it was "very disappointed" with the ruling.',
     [(I, 'it was "very disappointed" with the ruling', "The firm", None)]),
    # ---- sources
    ("Apple said in a statement that it would appeal.",
     [(I, "it would appeal", "Apple", "a statement")]),
    ("In a speech in Leeds on Monday, Mr Khan said the economy was turning.",
     [(I, "the economy was turning", "Khan", "a speech in Leeds")]),
    ('"I have no regrets," the actor told the BBC.',
     [(D, "I have no regrets", "the actor", "BBC")]),
    ("Elon Musk wrote on X that the deal was off.",
     [(I, "the deal was off", "Elon Musk", "X")]),
    ("According to a memo seen by Reuters, the bank will cut 300 jobs.",
     [(I, "the bank will cut 300 jobs", "a memo seen by Reuters", "a memo seen by Reuters")]),
    ("Sales fell by a third, the Financial Times reported.",
     [(I, "Sales fell by a third", "the Financial Times", "Financial Times")]),
    # ---- documents as speakers
    ("Court documents allege the pair hid the money abroad.",
     [(I, "the pair hid the money abroad", "Court documents", "Court documents")]),
    ("The report says growth will slow next year.",
     [(I, "growth will slow next year", "The report", "The report")]),
    # ---- no claims
    ("A spokesman for the firm declined to comment.", []),
    ("The senator did not say whether she would run again.", []),
    ("The union called for a strike.", []),
    ('The so-called "super league" was abandoned.', []),
    ("She told a staffer to buy a new phone.", []),
]


@pytest.mark.parametrize("body,expected", CASES)
def test_sentence_attribution(body, expected):
    assert summary(body) == expected


def test_pronouns_follow_the_last_fitting_speaker_and_gender():
    body = ("Maria Lopez met James Carter on Monday. She said the talks had gone well.\n"
            "He said they had been a waste of time. Ms Lopez added that she would try again.")
    assert [c.speaker for c in run(body)] == ["Maria Lopez", "James Carter", "Maria Lopez"]


def test_it_resolves_to_the_organisation_speaking_last():
    body = "Nordbank said profits would fall. It added that no jobs would go."
    assert [c.speaker for c in run(body)] == ["Nordbank", "Nordbank"]


def test_company_descriptions_resolve_to_the_organisation():
    body = ("Shares in Velotech fell on Tuesday. Velotech said demand had weakened.\n"
            "The company also said it would cut prices.")
    assert [c.speaker for c in run(body)] == ["Velotech", "Velotech"]


def test_names_resolve_to_their_fullest_form_with_roles():
    body = ("Green Party chairman Owen Ravel said the scheme was flawed.\n"
            "Mr Ravel said ministers should think again.")
    claims = run(body)
    assert [(c.speaker, c.speaker_role) for c in claims] == [("Owen Ravel", "Green Party chairman")] * 2


def test_floating_quotes_continue_the_last_speaker():
    body = ('Ana Ruiz, who runs a food bank, said demand had doubled.\n'
            '"People are choosing between heating and eating."\n'
            '"It cannot go on like this."')
    claims = run(body)
    assert [(c.kind, c.speaker, c.cue) for c in claims] == [(I, "Ana Ruiz", "said"), (D, "Ana Ruiz", None),
                                                           (D, "Ana Ruiz", None)]


def test_multi_paragraph_quotation_keeps_its_speaker():
    body = ('Health Secretary Jane Holt said: "We are ready for this.\n'
            '"Every hospital has a plan.\n'
            '"Nobody should be alarmed."\n'
            'The virus was first found in March.')
    claims = run(body)
    assert [(c.text, c.speaker) for c in claims] == [
        ("We are ready for this.", "Jane Holt"), ("Every hospital has a plan.", "Jane Holt"),
        ("Nobody should be alarmed.", "Jane Holt")]
    assert claims[0].speaker_role == "Health Secretary"


def test_quotation_opening_a_paragraph_takes_the_speaker_named_after_it():
    body = ('Mr Brand, the club captain, spoke after the game.\n'
            '"It was the hardest match of the season.\n'
            '"We were tired and it showed," the midfielder said.')
    claims = run(body)
    assert [c.speaker for c in claims] == ["the midfielder", "the midfielder"]


def test_unbalanced_quotes_recover_what_they_can():
    body = '"We need more time," Dr Chen said. "The tests are not finished\nThe results will come next week.'
    assert [(c.kind, c.text, c.speaker) for c in run(body)] == [
        (D, "We need more time", "Chen"), (D, "The tests are not finished", "Chen")]


def test_statements_inside_a_quotation_are_not_claims():
    body = '"My lawyer said we would win, and he was wrong," Mr Pike said.'
    claims = run(body)
    assert [(c.text, c.speaker) for c in claims] == [("My lawyer said we would win, and he was wrong", "Pike")]


def test_colon_at_paragraph_end_hands_the_cue_to_the_next_quotation():
    body = 'Mr Carter added:\n"We will not sign anything until the terms change."'
    assert [(c.text, c.speaker, c.cue) for c in run(body)] == [
        ("We will not sign anything until the terms change.", "Carter", "added")]


def test_outlet_source_carries_through_it_and_the_paper():
    body = ("The Guardian reported on Sunday that the minister had been warned.\n"
            "The paper said officials had raised concerns twice. It added that no action was taken.")
    assert [(c.speaker, c.source) for c in run(body)] == [("The Guardian", "Guardian")] * 3


def test_trailing_outlet_frame_is_the_source_of_the_claim_before_it():
    body = "Velotech says none of the money went to its owners, the Financial Times reports."
    assert [(c.text, c.speaker, c.source) for c in run(body)] == [
        ("none of the money went to its owners", "Velotech", "Financial Times")]


def test_documents_keep_their_author_for_later_references():
    body = ("The court filings from the county prosecutor allege years of fraud.\n"
            "The pair used a shell company, the filings state.")
    claims = run(body)
    assert [(c.speaker, c.source) for c in claims] == [
        ("the county prosecutor", "The court filings from the county prosecutor"),
        ("the county prosecutor", "the filings")]


def test_bare_spokesman_takes_the_organisation_of_the_paragraph():
    body = 'Orbis backed the plan. "This is good news," a spokesman said.'
    claims = run(body)
    assert [(c.speaker, c.speaker_role) for c in claims][-1] == ("Orbis spokesman", "spokesman")


def test_spokesman_for_a_named_person():
    body = "A spokesman for Foreign Minister Lena Berg said the talks would resume."
    c = run(body)[0]
    assert c.speaker == "spokesman for Lena Berg"
    assert c.speaker_role == "spokesman for Foreign Minister Lena Berg"


def test_passive_attribution_without_agent_is_unnamed():
    body = 'The patient is said to be "stable" and was said to be eating normally.'
    assert [(c.kind, c.text, c.speaker) for c in run(body)] == [
        (D, "stable", "unnamed"), (I, "eating normally", "unnamed")]


def test_headline_is_never_annotated():
    text = 'Mayor says "no"\n\nThe council met on Friday.\n'
    from claims.nlp import pipeline
    nlp = pipeline.get("en")
    doc = nlp.make_doc(text)
    doc._.body_start = text.index("The")
    assert nlp(doc)._.claims == []


def test_cue_offsets_point_at_the_cue():
    body = "The minister said that the scheme would be extended."
    c = run(body)[0]
    text = "Headline\n\n" + body
    assert text[c.cue_start:c.cue_end] == "said" == c.cue
    assert text[c.start:c.end] == c.text


MORE_CASES = [
    # relative-clause speaker: the content ends with the relative clause
    ("The minister, who said last week that she would resign, attended the meeting.",
     [(I, "she would resign", "The minister", None)]),
    # a dateline is not part of the claim; "according to" takes a whole noun phrase
    ("LONDON — Talks collapsed on Friday, according to two officials briefed on the matter.",
     [(I, "Talks collapsed on Friday", "two officials briefed on the matter", None)]),
    # hyphenated names stay whole
    ("Representative Ana Ruiz-Vega wrote on X that the vote was rigged.",
     [(I, "the vote was rigged", "Ana Ruiz-Vega", "X")]),
    # a cue word used as a noun before an auxiliary
    ("Bank notes will be replaced next year.", []),
    # a weak verb inside another speaker's clause is not a claim of its own
    ("He said talks could resume if the union showed \"real flexibility\".",
     [(I, 'talks could resume if the union showed "real flexibility"', None, None)]),
    # adjuncts between the cue and its clause
    ("The watchdog estimated in a report released on Monday that losses reached £2bn.",
     [(I, "losses reached £2bn", "The watchdog", "a report")]),
    # "X, speaking at …, said": the participial apposition names the source
    ("The prime minister, speaking at a news conference in Rome, said the measures were needed.",
     [(I, "the measures were needed", "The prime minister", "a news conference in Rome")]),
    # a name in apposition to a role noun phrase is the speaker
    ("Smith's lawyer, Jane Doe, said her client denied the charges.",
     [(I, "her client denied the charges", "Jane Doe", None)]),
    ('"I have no regrets," the actor told the BBC.',
     [(D, "I have no regrets", "the actor", "BBC")]),
    ('"We were tired," one shopkeeper said.',
     [(D, "We were tired", "one shopkeeper", None)]),
]


@pytest.mark.parametrize("body,expected", MORE_CASES)
def test_more_sentence_attribution(body, expected):
    assert summary(body) == expected


def test_role_from_a_preceding_noun_phrase_drops_its_article():
    c = run("The White House press secretary, Karine Jean-Pierre, said talks would go on.")[0]
    assert (c.speaker, c.speaker_role) == ("Karine Jean-Pierre", "White House press secretary")


STYLE_CASES = [
    # two-apostrophe quotation marks (LDC/NYT style) and honorifics with a period
    ("''We are ready,'' said Mr. Ortega. ''The team has trained for months.''",
     [(D, "We are ready", "Ortega", None), (D, "The team has trained for months.", "Ortega", None)]),
    # several appositions before the cue; the role stops before a relative clause
    ("Sharon Pike, 52, from Bolton, says she was left heartbroken.",
     [(I, "she was left heartbroken", "Sharon Pike", None)]),
    ('"It is a mess," said Ian Cole, an economist who once advised the Treasury.',
     [(D, "It is a mess", "Ian Cole", None)]),
    # a reduced relative clause after the head noun
    ("All the experts I interviewed said the plan was too complex.",
     [(I, "the plan was too complex", "All the experts I interviewed", None)]),
    # an organisation name with a locative phrase
    ("The Policy Center at the Urban Institute estimates that the plan would cost $2bn.",
     [(I, "the plan would cost $2bn", "The Policy Center", None)]),
    # a document named with its author: the author speaks, the document is the source
    ("Growth is not the goal, according to a speech Ms Ruiz gave in March.",
     [(I, "Growth is not the goal", "Ruiz", "a speech")]),
    # "However laudable …" is part of the clause; a semicolon ends it
    ("However laudable the goal, the tax ''is a misguided approach,'' said Mr. Burn.",
     [(I, "However laudable the goal, the tax ''is a misguided approach,''", "Burn", None)]),
    ("The centre estimates that the plan would raise $1bn; others put the figure lower.",
     [(I, "the plan would raise $1bn", "The centre", None)]),
]


@pytest.mark.parametrize("body,expected", STYLE_CASES)
def test_other_house_styles(body, expected):
    assert summary(body) == expected


def test_initials_do_not_make_a_person_an_organisation():
    c = run('"Fine," said Leonard E. Marsh, a professor of law.')[0]
    assert (c.speaker, c.speaker_type, c.speaker_role) == ("Leonard E. Marsh", "person", "professor of law")


def test_roles_and_first_names_in_a_feature():
    body = ("Neighbour Dave Hughes, 61, joked that the street looked naked.\n"
            "Sharon Pike runs the shop. Sharon reckons prices will rise.")
    assert [(c.speaker, c.speaker_role) for c in run(body)] == [("Dave Hughes", "Neighbour"), ("Sharon Pike", None)]


def test_a_bare_title_resolves_to_the_person_introduced_with_it():
    body = ("The fire was started deliberately, Mayor Ana Soto said.\n"
            "At a briefing in Leeds, the mayor also said that two people had been arrested.")
    claims = run(body)
    assert [(c.speaker, c.source) for c in claims] == [("Ana Soto", None), ("Ana Soto", "a briefing in Leeds")]


def test_comma_before_the_quotation_us_style():
    body = 'Asked about the delay, Ms Grant said, "We are doing all we can."'
    assert [(c.kind, c.text, c.speaker) for c in run(body)] == [(D, "We are doing all we can.", "Grant")]


def test_adjunct_between_commas_is_not_the_speaker():
    body = 'Senator Ruth Abel, at a later press briefing, said, "The bill is dead."'
    c = run(body)[0]
    assert (c.text, c.speaker, c.speaker_role) == ("The bill is dead.", "Ruth Abel", "Senator")


def test_curly_and_straight_apostrophes_name_the_same_person():
    body = "Commissioner James O’Hara spoke first. O'Hara said the road would reopen."
    assert run(body)[0].speaker == "James O’Hara"
