"""Source phrases (claims.nlp.en.sources)."""
from __future__ import annotations

import pytest

from claims.nlp.en import lexicon
from claims.nlp.en.sources import is_outlet_label, phrase_source

from .helpers import view


@pytest.mark.parametrize("text,label,kind", [
    ("in a statement that", "a statement", "document"),
    ("in a speech in Leeds on Tuesday", "a speech in Leeds", "event"),
    ("in an interview with CNN", "an interview with CNN", "event"),
    ("on Twitter", "Twitter", "channel"),
    ("at a news conference in Paris", "a news conference in Paris", "event"),
    ("in a memo seen by WIRED", "a memo seen by WIRED", "document"),
    ("in a post on X", "a post on X", "document"),
    ("in a letter to shareholders", "a letter", "document"),
])
def test_phrase_sources(text, label, kind):
    src = phrase_source(view(text), lexicon.get(), 0, len(view(text)))
    assert src is not None and (src.label, src.kind) == (label, kind)


@pytest.mark.parametrize("text", ["in November", "in London", "on the plane", "in a bad mood"])
def test_no_source_in_other_adjuncts(text):
    tv = view(text)
    assert phrase_source(tv, lexicon.get(), 0, len(tv)) is None


@pytest.mark.parametrize("words,expected", [
    (["the", "financial", "times"], True), (["bbc", "news"], True), (["kestrel", "news"], True),
    (["reuters"], True), (["time", "magazine"], True), (["ofgem"], False), (["grand", "rapids"], False),
])
def test_outlet_names(words, expected):
    assert is_outlet_label(lexicon.get(), words) is expected
