"""Speaker noun phrases (claims.nlp.en.speakers)."""
from __future__ import annotations

import pytest

from .helpers import parser, tok


@pytest.mark.parametrize("text,cue,kind,np_text,role", [
    ("He said it was late.", "said", "pronoun", "He", None),
    ("Green Party chairman Owen Ravel said no.", "said", "name", "Green Party chairman Owen Ravel",
     "Green Party chairman"),
    ("Hanna Lind, ABX's managing director for Nordic sales, said yes.", "said", "name", "Hanna Lind",
     "ABX's managing director for Nordic sales"),
    ("Dev Anand, managing director of broker Kestrel Capital said it would help.", "said", "name", "Dev Anand",
     "managing director of broker Kestrel Capital"),
    ("Senator Ann Wells, a Democrat from Ohio, said no.", "said", "name", "Senator Ann Wells",
     "Democrat from Ohio"),
    ("Smith's lawyer, Jane Doe, said no.", "said", "name", "Jane Doe", "Smith's lawyer"),
    ("Transport Secretary Alan Greer, who chaired the meeting, said no.", "said", "name",
     "Transport Secretary Alan Greer", "Transport Secretary"),
    ("A spokesman for the ministry said no.", "said", "noun", "A spokesman for the ministry", None),
    ("Sources close to the inquiry said no.", "said", "noun", "Sources close to the inquiry", None),
    ("Duval's office has previously said no.", "said", "noun", "Duval's office", None),
    ("The former national monopoly said no.", "said", "noun", "The former national monopoly", None),
    ("Some charities say no.", "say", "noun", "Some charities", None),
    ("Court documents allege fraud.", "allege", "noun", "Court documents", None),
    ("Mining giant Northern Mining Corp (NMC) says it will grow.", "says", "name",
     "Mining giant Northern Mining Corp (NMC)", "Mining giant"),
])
def test_left_subject(text, cue, kind, np_text, role):
    tv, p = parser(text)
    np = p.left_subject(tok(tv, cue), 0)
    assert np is not None
    assert (np.kind, np.text, np.role) == (kind, np_text, role)


@pytest.mark.parametrize("text,cue", [
    ("The cut comes after the plans said nothing.", "said"),  # "plans" cannot speak
    ("It was the best thing said in years.", "said"),
])
def test_no_subject(text, cue):
    tv, p = parser(text)
    assert p.left_subject(tok(tv, cue), 0) is None


@pytest.mark.parametrize("text,start_after,np_text,role", [
    ('"No," said Mr Okafor.', "said", "Mr Okafor", None),
    ('"No," said Jones, a lawyer for the family.', "said", "Jones", "lawyer for the family"),
    ("According to people familiar with the matter, it fell.", "to", "people familiar with the matter", None),
    ("According to Indian state media reports, it fell.", "to", "Indian state media reports", None),
])
def test_right_np(text, start_after, np_text, role):
    tv, p = parser(text)
    np = p.right_np(tok(tv, start_after) + 1, len(tv))
    assert np is not None and (np.text, np.role) == (np_text, role)


def test_document_author_after_from():
    tv, p = parser("The court filings from the county prosecutor allege fraud.")
    np = p.left_subject(tok(tv, "allege"), 0)
    assert np.noun_kind == "document" and np.author is not None and np.author.text == "the county prosecutor"


def test_descriptor_allows_country_modifiers_only():
    tv, p = parser("The German firm says no. The UN food agency says no.")
    assert p.left_subject(tok(tv, "says", 0), 0).noun_kind == "descriptor"
    assert p.left_subject(tok(tv, "says", 1), 0).noun_kind == "organisation"
