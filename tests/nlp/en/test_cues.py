"""Cue matching (claims.nlp.en.cues): verb forms, phrases, exclusions, passives, negation."""
from __future__ import annotations

import pytest
import spacy

from claims.nlp.en import lexicon
from claims.nlp.en.cues import CueMatcher
from claims.nlp.en.tokens import build
from claims.nlp.segment import segment


def cues(text: str):
    nlp = spacy.blank("en")
    doc = nlp(text)
    tv = build(doc, segment(text))
    return [(tv.span_text(c.start, c.end), c.frame, c.form, c.passive, c.negated)
            for c in CueMatcher(nlp.vocab, lexicon.get()).find(tv)]


@pytest.mark.parametrize("text,expected", [
    ("The minister said the plan was sound.", [("said", "say", "past", False, False)]),
    ("Critics say it will fail.", [("say", "say", "base", False, False)]),
    ("She told reporters it was over.", [("told", "tell", "past", False, False)]),
    ("He has warned that prices will rise.", [("warned", "tell", "participle", False, False)]),
    ("The company is worried about costs.", [("is worried", "belief", "phrase", False, False)]),
    ("According to the report, sales fell.", [("According to", "according", "phrase", False, False)]),
    ("He did not think it would work.", [("think", "belief", "base", False, True)]),
    ("The patient was said to be stable.", [("said", "say", "participle", True, False)]),
    ("Norvex bosses repeated their view that cuts were needed.",
     [("repeated their view", "say", "phrase", False, False)]),
])
def test_cues_are_found_with_frame_and_form(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("text", [
    "The union called for a strike.",  # exclusion
    "She declined to say more.",  # infinitive
    "He did not say whether he would stay.",  # negated speech verb: no content
    "The report was long.",  # a noun after a determiner
    "His claims were rejected.",
    "She thought of herself as a fixer.",
])
def test_non_attributions_give_no_cue(text):
    assert cues(text) == []


def test_cues_inside_quotations_are_ignored():
    assert [c[0] for c in cues('"I said no," he added.')] == ["added"]
