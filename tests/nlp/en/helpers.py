"""Build the token view, name index and NP parser for a short text (no pipeline needed)."""
from __future__ import annotations

import spacy

from claims.nlp.en import lexicon, names
from claims.nlp.en.speakers import NPParser
from claims.nlp.en.tokens import TokenView, build
from claims.nlp.segment import segment

_NLP = spacy.blank("en")


def view(text: str) -> TokenView:
    return build(_NLP(text), segment(text))


def index(text: str) -> tuple[TokenView, names.NameIndex]:
    tv = view(text)
    return tv, names.find(tv, lexicon.get())


def parser(text: str) -> tuple[TokenView, NPParser]:
    tv, idx = index(text)
    return tv, NPParser(tv, lexicon.get(), idx)


def tok(tv: TokenView, word: str, nth: int = 0) -> int:
    """Index of the ``nth`` token equal to ``word``."""
    return [i for i, w in enumerate(tv.words) if w == word][nth]
