"""Shared helpers of the Arabic attribution tests: run the attribution rules on a text."""
from __future__ import annotations

from claims.model import Claim
from claims.nlp.ar.attribution import attribute
from claims.nlp.ar.words import words
from claims.nlp.segment import segment

HEADLINE = "عنوان\n\n"


def run(text: str) -> list[Claim]:
    """Claims of ``text`` read as a body with no headline."""
    return attribute(text, segment(text, 0), 0)


def run_article(text: str) -> list[Claim]:
    """Claims of ``text`` as the body of an article under a one-word headline."""
    text = HEADLINE + text
    return attribute(text, segment(text, len(HEADLINE)), len(HEADLINE))


def one(text: str) -> Claim:
    """The single claim of ``text`` (no headline)."""
    cs = run(text)
    assert len(cs) == 1, [(c.text, c.speaker) for c in cs]
    return cs[0]


def one_article(text: str) -> Claim:
    """The single claim of ``text`` under a headline."""
    cs = run_article(text)
    assert len(cs) == 1, [(c.text, c.speaker) for c in cs]
    return cs[0]


def span(subject: str, rng: tuple[int, int] | None) -> str | None:
    """The words ``rng`` (word indexes, end excluded) of ``subject``, or None."""
    ws = words(subject)
    return subject[ws[rng[0]].start:ws[rng[1] - 1].end] if rng else None
