"""Speaker noun phrases (claims.nlp.en.speakers)."""
from __future__ import annotations

import pytest

from .helpers import parser, tok


@pytest.mark.parametrize("text,cue,kind,np_text,role", [
    ("He said it was late.", "said", "pronoun", "He", None),
    ("Liberal Democrat chairman Matthew Taylor said no.", "said", "name", "Liberal Democrat chairman Matthew Taylor",
     "Liberal Democrat chairman"),
    ("Gerhard Florin, EA's managing director for European publishing, said yes.", "said", "name", "Gerhard Florin",
     "EA's managing director for European publishing"),
    ("Chris Panayis, managing director of ISP Freedom2surf said it would help.", "said", "name", "Chris Panayis",
     "managing director of ISP Freedom2surf"),
    ("Senator Ann Wells, a Democrat from Ohio, said no.", "said", "name", "Senator Ann Wells",
     "Democrat from Ohio"),
    ("Smith's lawyer, Jane Doe, said no.", "said", "name", "Jane Doe", "Smith's lawyer"),
    ("Health Secretary Jeremy Hunt, who chaired the meeting, said no.", "said", "name", "Health Secretary Jeremy Hunt",
     "Health Secretary"),
    ("A spokesman for the ministry said no.", "said", "noun", "A spokesman for the ministry", None),
    ("Sources close to the negotiations said no.", "said", "noun", "Sources close to the negotiations", None),
    ("Reid's office has previously said no.", "said", "noun", "Reid's office", None),
    ("The former monopoly said no.", "said", "noun", "The former monopoly", None),
    ("Some charities say no.", "say", "noun", "Some charities", None),
    ("Court documents allege fraud.", "allege", "noun", "Court documents", None),
    ("Video game giant Electronic Arts (EA) says it will grow.", "says", "name",
     "Video game giant Electronic Arts (EA)", "Video game giant"),
])
def test_left_subject(text, cue, kind, np_text, role):
    tv, p = parser(text)
    np = p.left_subject(tok(tv, cue), 0)
    assert np is not None
    assert (np.kind, np.text, np.role) == (kind, np_text, role)


@pytest.mark.parametrize("text,cue", [
    ("The move comes after the plans said nothing.", "said"),  # "plans" cannot speak
    ("It was the best thing said in years.", "said"),
])
def test_no_subject(text, cue):
    tv, p = parser(text)
    assert p.left_subject(tok(tv, cue), 0) is None


@pytest.mark.parametrize("text,start_after,np_text,role", [
    ('"No," said Mr Blair.', "said", "Mr Blair", None),
    ('"No," said Jones, a lawyer for the family.', "said", "Jones", "lawyer for the family"),
    ("According to people familiar with the matter, it fell.", "to", "people familiar with the matter", None),
    ("According to Chinese state press reports, it fell.", "to", "Chinese state press reports", None),
])
def test_right_np(text, start_after, np_text, role):
    tv, p = parser(text)
    np = p.right_np(tok(tv, start_after) + 1, len(tv))
    assert np is not None and (np.text, np.role) == (np_text, role)


def test_document_author_after_from():
    tv, p = parser("The charging documents from the district attorney allege fraud.")
    np = p.left_subject(tok(tv, "allege"), 0)
    assert np.noun_kind == "document" and np.author is not None and np.author.text == "the district attorney"


def test_descriptor_allows_country_modifiers_only():
    tv, p = parser("The US firm says no. The UN refugees agency says no.")
    assert p.left_subject(tok(tv, "says", 0), 0).noun_kind == "descriptor"
    assert p.left_subject(tok(tv, "says", 1), 0).noun_kind == "organisation"
