"""Attribution patterns of news styles beyond the first development articles: wire and
broadsheet copy, US political reporting, BBC-dataset text with lost paragraph breaks. Every
sentence here is written for the tests."""
from __future__ import annotations

import pytest

from claims.nlp.segment import segment

from .conftest import run
from .helpers import index

D, I = "direct", "indirect"


def summary(body: str) -> list[tuple]:
    return [(c.kind, c.text, c.speaker, c.source) for c in run(body)]


CASES = [
    # ---- after a quotation, what follows the cue is an adjunct, not reported content
    ('"We have no plans to sell," the minister said after meeting the unions.',
     [(D, "We have no plans to sell", "the minister", None)]),
    ('"I thought it would be chaos," Lena Ruiz said in an e-mail.',
     [(D, "I thought it would be chaos", "Lena Ruiz", "an e-mail")]),
    ('"It looks good," Chief Ola Banks said about the forecast for the race.',
     [(D, "It looks good", "Ola Banks", None)]),
    # ---- the rest of an interrupted quotation after a cue with adjuncts or a participle
    ('"The risk is not the cost," Dara Quinn told Radio Kestrel on Monday, "but the delay."',
     [(D, "The risk is not the cost", "Dara Quinn", None), (D, "but the delay.", "Dara Quinn", None)]),
    ('"Each time you say that," Senator Ivo Marsh said, pointing at the chart, "you lose votes."',
     [(D, "Each time you say that", "Ivo Marsh", None), (D, "you lose votes.", "Ivo Marsh", None)]),
    # ---- call / brand / dub with a short object before the quotation, and words after it
    ('The nurses union called the offer a "slap in the face" for its members.',
     [(D, "slap in the face", "The nurses union", None)]),
    ('Ms Kerr called the minister\'s remarks on Friday "a cheap stunt" aimed at voters.',
     [(D, "a cheap stunt", "Kerr", None)]),
    ('On Tuesday, Mr Pell provoked anger by branding the rival campaign "a circus" at a rally.',
     [(D, "a circus", "Pell", None)]),
    ('In what the regulator calls a "worrying trend", fares rose again.',
     [(D, "worrying trend", "the regulator", None)]),
    ('The former captain, dubbed the Iron Man for his style, retired on Friday.', []),
    # ---- questions: the short attribution after "?" or "!" stays in the sentence
    ('"Why is this not fraud?" Tobin demanded.',
     [(D, "Why is this not fraud?", "Tobin", None)]),
    # ---- names: abbreviated titles, party tags, initials, "X of Y", gender of surnames
    ('Ohio Sen. Marla Quint said the bill was dead. "We will try again," Quint said.',
     [(I, "the bill was dead", "Marla Quint", None), (D, "We will try again", "Marla Quint", None)]),
    ('"We were engaged from the start," said Rep. Omar Vance (D-Ore.), a critic of the plan.',
     [(D, "We were engaged from the start", "Omar Vance", None)]),
    ('"Scripts are vague," said R.J. Kettle. Later Kettle praised the cast. "It was a joy," he said.',
     [(D, "Scripts are vague", "R.J. Kettle", None), (D, "It was a joy", "R.J. Kettle", None)]),
    ('"Callers are impatient," says Tara Voss of software firm Linemark.',
     [(D, "Callers are impatient", "Tara Voss", None)]),
    ('Mrs Hale met Maria Obed at the fair. "It went well," Mr Obed said.',
     [(D, "It went well", "Obed", None)]),
    # ---- subjects: parentheticals between dashes (or the spaces left where a dash was lost),
    # relative clauses with commas inside, quantified groups, plural group nouns
    ('But Mr Crane — who ran the rival campaign — said he was not convinced.',
     [(I, "he was not convinced", "Crane", None)]),
    ('But Mr Crane   who ran the rival campaign   said he was not convinced.',
     [(I, "he was not convinced", "Crane", None)]),
    ('The prosecutors, who have charged 12 people in Tulsa, Oklahoma, estimate the losses at $2m.',
     [(I, "the losses at $2m", "The prosecutors", None)]),
    ('But many Republicans say the plan is too costly.',
     [(I, "the plan is too costly", "many Republicans", None)]),
    ('The festival will go ahead, organisers say.',
     [(I, "The festival will go ahead", "organisers", None)]),
    ('The mayor stressed that the audit was not finished, and civil liberties groups warned that the cameras were illegal.',
     [(I, "the audit was not finished", "The mayor", None),
      (I, "the cameras were illegal", "civil liberties groups", None)]),
    # ---- interruptions: a copula after the interruption, or an adjunct inside it
    ('One likely cause, Dr Ames says, is the cold spring.',
     [(I, "One likely cause, Dr Ames says, is the cold spring", "Ames", None)]),
    ('These drivers, Mr Ruiz explained earlier in the hearing, were well trained.',
     [(I, "These drivers, Mr Ruiz explained earlier in the hearing, were well trained", "Ruiz", "the hearing")]),
    # ---- recipients and sources
    ('Dr Oyelaran told Radio Kestrel News: "The ward is safe."',
     [(D, "The ward is safe.", "Oyelaran", "Radio Kestrel News")]),
    ('"It cost a fortune," Nia Bell told CNN affiliate WQRT.',
     [(D, "It cost a fortune", "Nia Bell", "CNN affiliate WQRT")]),
    ('"He is a fine actor," Kim Dale told Fox News Latino.',
     [(D, "He is a fine actor", "Kim Dale", "Fox News Latino")]),
    ('Veltro released a separate statement saying, "The deal helps readers."',
     [(D, "The deal helps readers.", "Veltro", "a separate statement")]),
    ('"My name is on the ballot," Ms Abara said on Saturday night at the party gala dinner in Leeds.',
     [(D, "My name is on the ballot", "Abara", "the party gala dinner in Leeds")]),
    ('Senator Ulla Berg, at a later press gaggle, said, "We are ready."',
     [(D, "We are ready.", "Ulla Berg", "a later press gaggle")]),
    ('Ms Orr said in a posting to readers, writers and agents that the deal was fair.',
     [(I, "the deal was fair", "Orr", "a posting")]),
    # ---- who speaks: a name after role appositions, a pronoun pointing ahead, an untyped
    # multi-word subject for "she", possessors of cue nouns (who do not become the subject)
    ('The head of the agency, Deputy Chief Constable, Rhona Kealy, said: "We made arrests."',
     [(D, "We made arrests.", "Rhona Kealy", None)]),
    ('Ravi Dutt spoke first. Although he said it was "wild" to see the trailer, Ana Prieto kept quiet.',
     [(I, 'it was "wild" to see the trailer', "Ravi Dutt", None)]),
    ('Tomas Egan spoke first. Although he said it was "wild" to see the trailer, Owen Stroud kept quiet.',
     [(I, 'it was "wild" to see the trailer', "Owen Stroud", None)]),
    ('In response to the protests, Ama Ofori Boateng called a summit with Paul Tebbit present. '
     '"We will listen," she said.',
     [(D, "We will listen", "Ama Ofori Boateng", None)]),
    ('Rob Dunn, spokesman for the No group, said the claim was false. '
     'And he hit back at Ms Kaye\'s claim that the tunnel would cut journeys. "It will not," he said.',
     [(I, "the claim was false", "Rob Dunn", None),
      (I, "the tunnel would cut journeys", "Kaye", None),
      (D, "It will not", "Rob Dunn", None)]),
    ('After the vote was held, party chair Joan Bligh said in a letter to members, donors and staff that, '
     'while she was proud, there was work to do.',
     [(I, "while she was proud, there was work to do", "Joan Bligh", "a letter")]),
    # ---- British single quotation marks
    ("‘We don’t know what the Pryces’ plans are,’ the mayor said. ‘We will wait.’",
     [(D, "We don’t know what the Pryces’ plans are", "the mayor", None), (D, "We will wait.", "the mayor", None)]),
    ("Ms Hart said the plan was ‘unworkable’ and added: ‘It will fail.’",
     [(I, "the plan was ‘unworkable’", "Hart", None), (D, "It will fail.", "Hart", None)]),
    ("'It's over,' said Tom O'Dea, the players' union chief. 'We lost.'",
     [(D, "It's over", "Tom O'Dea", None), (D, "We lost.", "Tom O'Dea", None)]),
    # ---- more speakers: "Sen."-style titles, honorific + title-like surname, coordinated names,
    # relative clauses without a comma, a document before "that said", a name before an apposition
    ('"It is all about turnout," Mr. Bishop added.',
     [(D, "It is all about turnout", "Bishop", None)]),
    ('Sens. Ana Ruiz (D-Ore.), Bo Tandy (D-Ohio) and Cyrus Vail (D-N.J.) all suggested that the loans were illegal.',
     [(I, "the loans were illegal", "Ana Ruiz, Bo Tandy and Cyrus Vail", None)]),
    ('Ms Lee and Mr Khan said the deal was off. They added that talks would resume.',
     [(I, "the deal was off", "Lee and Khan", None), (I, "talks would resume", "Lee and Khan", None)]),
    ('At a forum in Leeds, Ian Moss, the head of the trust, told a student who suggested that some wards may close that '
     '"no ward will close this year."',
     [(I, "some wards may close", "a student", "a forum in Leeds"),
      (D, "no ward will close this year.", "Ian Moss", "a forum in Leeds")]),
    ('Volta is appealing a ruling that said it had fixed prices and must pay a fine.',
     [(I, "it had fixed prices and must pay a fine", "a ruling", "a ruling")]),
    ('The senator clashed with Rona McKay, now the Senate majority leader, who in 2012 said the goal was growth.',
     [(I, "the goal was growth", "Rona McKay", None)]),
    ('Nora Wilde, a former aide who went with her to Rome in 2011, said the trip mattered.',
     [(I, "the trip mattered", "Nora Wilde", None)]),
    ('Chief Supt Rhian Dale went on to warn: "The internet brings risks."',
     [(D, "The internet brings risks.", "Rhian Dale", None)]),
    ('GPs in Cornwall had feared patients would be turned away.',
     [(I, "patients would be turned away", "GPs in Cornwall", None)]),
    ('Metrolink reported no major delays on Friday. The police said no one was hurt.',
     [(I, "no major delays on Friday", "Metrolink", None), (I, "no one was hurt", "The police", None)]),
    ('An agency spokeswoman said the team went undercover. She said the websites sold stolen cards.',
     [(I, "the team went undercover", "An agency spokeswoman", None),
      (I, "the websites sold stolen cards", "An agency spokeswoman", None)]),
    ('"It is right," Tanaka said. He called the town a "good news story".',
     [(D, "It is right", "Tanaka", None), (D, "good news story", "Tanaka", None)]),
    ('Critics may engage voters in battleground states around issues such as crime.', []),
    # ---- single quotation marks with the spaces after them lost in scraping
    ("Asked about coins, Ms Varga said: ‘They have no value.’ ‘I will say it again,’ she added. "
     "‘Sell them.’Her comments echoed the regulator.",
     [(D, "They have no value.", "Varga", None), (D, "I will say it again", "Varga", None),
      (D, "Sell them.", "Varga", None)]),
    # ---- a participle after the main clause reports nothing of that clause
    ("Digital coins have soared this year, reminding some investors of the 2017 bubble.", []),
    # ---- descriptors and sources named around the sentence
    ('The Rail Workers Union met Norvex. Norvex said pay would rise. The union said the offer was poor.',
     [(I, "pay would rise", "Norvex", None), (I, "the offer was poor", "The Rail Workers Union", None)]),
    ('Asked at a press conference about the coins, Ms Varga said: "They have no value."',
     [(D, "They have no value.", "Varga", "a press conference")]),
    ('In a statement, the Nurses Association called the offer an "insult". '
     'The statement also set out its demands: "We want a fair deal," the association wrote.',
     [(D, "insult", "the Nurses Association", "a statement"),
      (D, "We want a fair deal", "the Nurses Association", "The statement")]),
    # ---- not reported content
    ('Mr Lowe said he did not think the vote was rigged, but said the count was slow.',
     [(I, "he did not think the vote was rigged", "Lowe", None), (I, "the count was slow", "Lowe", None)]),
    ('After the board agreed to the sale, Ms Fenn said she was relieved.',
     [(I, "she was relieved", "Fenn", None)]),
    ('For this scene, the director asked the cast to improvise.', []),
    ('The senator stopped short of revealing anything about it.', []),
    ('His former secretary of state struggles to find work.', []),
]


@pytest.mark.parametrize("body,expected", CASES)
def test_generalisation(body, expected):
    assert summary(body) == expected


def test_lost_paragraph_breaks_in_one_quotation():
    body = ('The chairman, Tom Reyes, said: "We are pleased. "Our staff worked hard. '
            '"We thank the town."')
    got = [(c.kind, c.text, c.speaker, c.cue) for c in run(body)]
    assert got == [(D, "We are pleased.", "Tom Reyes", "said"), (D, "Our staff worked hard.", "Tom Reyes", None),
                   (D, "We thank the town.", "Tom Reyes", None)]


def test_lost_paragraph_break_splits_quotes_in_the_segmenter():
    text = 'Reyes said: "We are pleased. "Our staff worked hard."'
    qs = segment(text).quotes
    assert [text[q.start:q.end] for q in qs] == ["We are pleased.", "Our staff worked hard."]
    assert qs[0].resumed and qs[1].resumes and qs[0].close_at is None


def test_a_different_mark_inside_an_open_quote_is_not_a_lost_break():
    text = 'Reyes said, "we had one rule, maybe two. \u201cNow it is ten. It is hard.'
    assert len(segment(text).quotes) == 1


def test_run_together_initials_do_not_end_a_sentence():
    text = 'The film is by J.C. Marlow and opens today.'
    assert len(segment(text).sentences) == 1


def test_single_marks_stay_apostrophes_in_double_quote_articles():
    text = 'Headline\n\nThe players\' union said "it is over". Lee\'s view: \'fine\', he said.\n'
    assert [text[q.start:q.end] for q in segment(text, 10).quotes] == ["it is over"]


@pytest.mark.parametrize("body,speakers", [
    # a month as a surname: after a first name or an honorific, then alone
    ("Theresa May said the deal was good for Britain.", ["Theresa May"]),
    ("Mrs May added that talks would continue.", ["May"]),
    ("Prime Minister Theresa May spoke first. May said the vote would go ahead.", ["Theresa May"]),
    # a first name that is also a month
    ("Analyst April Ryan said the figures were wrong.", ["April Ryan"]),
])
def test_month_words_as_names(body, speakers):
    assert [c.speaker for c in run(body)] == speakers


@pytest.mark.parametrize("text", [
    "Theresa May spoke in May. The vote in May was close.",
    "Theresa May met him on May 5 and again in late May.",
])
def test_a_month_that_is_also_a_surname_stays_a_date(text):
    _, idx = index(text)
    assert [m.core for m in idx.mentions] == ["Theresa May"]


def test_a_quotation_that_lost_its_closing_mark_before_an_attribution():
    body = ('Mr Reyes said: "I have lost three years of my life. He added: "They wanted to break me." '
            'The ministry denied it.')
    got = [(c.kind, c.text, c.speaker, c.cue) for c in run(body)]
    assert got == [(D, "I have lost three years of my life.", "Reyes", "said"),
                   (D, "They wanted to break me.", "Reyes", "added")]


def test_a_colon_inside_a_quotation_without_a_new_sentence_is_no_lost_mark():
    text = 'Reyes said: "The rule is simple: "no cash" is the motto."'
    assert [text[q.start:q.end] for q in segment(text).quotes] == ['The rule is simple: "no cash" is the motto.']


@pytest.mark.parametrize("body", [
    "Speaking to the BBC News website Mr Lorne said he was surprised.",
    "Speaking to the BBC News website, Mr Lorne said he was surprised.",
])
def test_an_opening_participle_phrase_without_its_comma(body):
    assert summary(body) == [(I, "he was surprised", "Lorne", "the BBC News website")]


def test_a_subject_with_an_aside_is_the_one_a_later_he_refers_to():
    body = ("Tom Reyes said he was questioned at the camp. The home secretary said he would not act. "
            "Mr Reyes, who has dual nationality, was one of four men released in January.\n"
            "He said he was sent there by a British officer.")
    assert [c.speaker for c in run(body)] == ["Tom Reyes", "The home secretary", "Tom Reyes"]


@pytest.mark.parametrize("body,text,source", [
    ('Ann Lowe told BBC One\'s Breakfast with Frost: "We are not organising a witch hunt."',
     "We are not organising a witch hunt.", "BBC One's Breakfast with Frost"),
    ('Ann Lowe told NBC\'s Meet the Press: "We will not back down."', "We will not back down.", None),
    ("Ann Lowe told CBS's Face the Nation on Sunday that the bill would pass.", "the bill would pass", None),
])
def test_programme_titles_with_small_words_after_told(body, text, source):
    (c,) = run(body)
    assert (c.text, c.speaker) == (text, "Ann Lowe")
    if source:
        assert c.source == source


def test_a_tell_verb_coordinated_with_a_passive_is_passive():
    body = "Tom Reyes said he was sent to the camp, only to be confined and told he would stay for years."
    assert [(c.speaker, c.text) for c in run(body)] == [
        ("Tom Reyes", "he was sent to the camp, only to be confined and told he would stay for years")]


@pytest.mark.parametrize("body", [
    "Dawn Addiego, for example, said the plan was weak.",
    "Dawn Addiego, on the other hand, said the plan was weak.",
])
def test_interjected_phrases_between_subject_and_cue(body):
    assert summary(body) == [(I, "the plan was weak", "Dawn Addiego", None)]


@pytest.mark.parametrize("body,speaker,role,source", [
    ('Rhodri Thomas, Plaid Cymru health spokesman said: "It is a failed target."',
     "Rhodri Thomas", "Plaid Cymru health spokesman", None),
    ('"The sea is shallow," Erik Smith, an oceanographer at the University of Sydney told Reuters.',
     "Erik Smith", "an oceanographer at the University of Sydney", "Reuters"),
])
def test_an_apposition_that_lost_its_closing_comma(body, speaker, role, source):
    (c,) = run(body)
    assert (c.speaker, c.speaker_role, c.source) == (speaker, role, source)


def test_a_lower_case_particle_before_a_surname_belongs_to_the_name():
    body = ('"The Java Sea is not an ocean," said Erik van Sebille, an oceanographer.\n'
            '"It is so shallow," said van Sebille.')
    assert [(c.speaker, c.speaker_role) for c in run(body)] == [("Erik van Sebille", "oceanographer")] * 2


def test_a_clause_may_open_with_an_amount():
    assert summary("Ms Hutt said £264m will be spent reducing waiting times.") == [
        (I, "£264m will be spent reducing waiting times", "Hutt", None)]


@pytest.mark.parametrize("body,cues", [
    ("The Demos report looked at the impact of broadband.", []),
    ("The Hutton report was published on Monday.", []),
    ("The Democrats claim that the bill failed.", ["claim"]),
])
def test_a_cue_word_heading_a_subject_is_a_noun(body, cues):
    assert [c.cue for c in run(body)] == cues


@pytest.mark.parametrize("first", [
    "Ivan Petrov won the race last week, but John Smith is unfazed.",
    "Ivan Petrov won the race in Madrid last week but John Smith is unfazed.",
])
def test_the_subject_of_a_later_clause_is_who_he_means(first):
    body = first + '\nHe said: "I never write myself off."'
    assert [c.speaker for c in run(body) if c.kind == D] == ["John Smith"]


def test_determined_that_after_a_coordinated_verb():
    assert summary("Two doctors examined him and determined that no arteries were hit.") == [
        (I, "no arteries were hit", "Two doctors", None)]
    assert run("He was determined to win the race.") == []


def test_a_think_tank_named_as_the_author_of_a_report():
    body = ("A quarter of users upload content, according to a report by UK think tank Demos. "
            "It said that fast connections are changing the way people use the internet.")
    assert [(c.speaker, c.speaker_role) for c in run(body)] == [("Demos", "UK think tank")] * 2


@pytest.mark.parametrize("body,speaker", [
    ("Princes William and Harry said they were very happy.", "Princes William and Harry"),
    ("Pilots and aviation experts said thunderstorms were common.", "Pilots and aviation experts"),
    ("Ms Lee and Mr Khan said the plan was fine.", "Lee and Khan"),
])
def test_coordinated_subjects(body, speaker):
    assert [c.speaker for c in run(body)] == [speaker]


def test_a_place_based_think_tank_is_the_organisation_named_before():
    body = ("The OECD cut its growth forecast on Tuesday. "
            "The Paris-based think tank said it believed the economy could recover.")
    assert [c.speaker for c in run(body)] == ["The OECD"]


def test_a_profession_that_is_also_a_surname_stays_a_name():
    body = '"The drug transformed brain organisation," said Paul Expert, a researcher at the college.'
    assert [(c.speaker, c.speaker_role) for c in run(body)] == [("Paul Expert", "researcher at the college")]


def test_a_role_subject_with_an_apposed_name_is_who_she_means():
    body = ('"He cries every time," Yohannes said.\n'
            "The mayor of Surabaya, Tri Rismaharini, comforted relatives.\n"
            '"They belong to God," she said.')
    assert [c.speaker for c in run(body)] == ["Yohannes", "Tri Rismaharini"]


def test_with_a_quantifier_saying():
    body = 'Anger over the war has appeared to be the main reason, with many saying it was "unjustified".'
    assert [(c.speaker, c.text) for c in run(body)] == [("many", 'it was "unjustified"')]


@pytest.mark.parametrize("body,speaker,role", [
    ("Other media quoted the head of the search and rescue agency, Fransiskus Soelistyo, as saying "
     "only three bodies had been retrieved.", "Fransiskus Soelistyo", "head of the search and rescue agency"),
    ("The paper quoted the minister, Tom Reyes, as saying the plan was dead.", "Tom Reyes", "minister"),
])
def test_quoted_a_described_person_named_between_commas_as_saying(body, speaker, role):
    assert [(c.speaker, c.speaker_role) for c in run(body)] == [(speaker, role)]


@pytest.mark.parametrize("text,sentences", [
    ("He lives in Washington, D.C. The event drew crowds.", ["He lives in Washington, D.C.", "The event drew crowds."]),
    ("The U.S. economy grew.", ["The U.S. economy grew."]),
    ("She met J.K. Rowling there. It was fine.", ["She met J.K. Rowling there.", "It was fine."]),
])
def test_dotted_initials_end_a_sentence_before_a_sentence_opener(text, sentences):
    assert [text[a:b] for a, b in segment(text).sentences] == sentences
