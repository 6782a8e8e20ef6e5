"""Shared helpers for the English attribution tests: run the real pipeline on a short body."""
from __future__ import annotations

import pytest

from claims.model import Claim
from claims.nlp import pipeline

HEAD = "Headline\n\n"


def run(body: str) -> list[Claim]:
    """Claims of an article whose body is ``body`` (one paragraph a line)."""
    nlp = pipeline.get("en")
    text = HEAD + body.strip("\n") + "\n"
    doc = nlp.make_doc(text)
    doc._.body_start = len(HEAD)
    return list(nlp(doc)._.claims)


@pytest.fixture
def claims_of():
    return run
