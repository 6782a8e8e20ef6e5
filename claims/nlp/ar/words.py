"""Words of Arabic news text with offsets and matching forms.

spaCy's blank Arabic tokenizer leaves proclitics on words (وقال) and sometimes glues quotation
marks to them (السوق".), so attribution works on its own light word list: runs of letters,
digits and joiners (``#جيمس_ماتيس``, ``كارسون-ساندلر``, ``لـOpenAI``, ``6ر12``) and single
punctuation characters, each with its matching form (:func:`claims.normalize.normalize`) and
that form without a conjunction (و/ف) in front.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.normalize import normalize, strip_diacritics

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed"
_WORD = re.compile(
    rf"#?[\w{_MARKS}%]+(?:[-_.'’][\w{_MARKS}%]+)*_?|[^\s\w{_MARKS}]",
    re.UNICODE,
)
QUOTE_CHARS = frozenset('"“”«»‹›„')
COMMAS = frozenset("،,")
CLAUSE_PUNCT = frozenset("،,؛;:")


@dataclass(frozen=True, slots=True)
class Word:
    """One word or punctuation mark: text as written, offsets, matching forms."""

    text: str
    start: int
    end: int
    norm: str  # normalised (punctuation marks keep their own text)
    bare: str  # norm without a conjunction و/ف in front (when what is left is still a word)

    @property
    def is_punct(self) -> bool:
        return not (self.text[0].isalnum() or self.text[0] == "#")

    @property
    def conj(self) -> bool:
        """The word carries a conjunction prefix (وقال, فقال)."""
        return self.bare != self.norm

    @property
    def hashtag(self) -> bool:
        return self.text.startswith("#")

    @property
    def definite(self) -> bool:
        """Starts with the article ال (after و/ف), read from the written text: أل in a name
        (ألتمان) is not the article, though both normalise to ال."""
        return has_article(self.text)


@lru_cache(maxsize=65536)
def forms(text: str) -> tuple[str, str]:
    """(norm, bare) of one token's text."""
    n = normalize(text) or text
    if text.startswith("#"):
        n = normalize(text[1:].replace("_", " ")) or n
    bare = n
    if len(n) > 3 and n[0] in "وف" and " " not in n:
        bare = n[1:]
    return n, bare


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words and punctuation of ``text[start:end]``, offsets into ``text``."""
    out = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        t = m.group()
        if t in "\u200f\u200e\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff":
            continue
        n, b = forms(t)
        out.append(Word(t, m.start(), m.end(), n, b))
    return out


@lru_cache(maxsize=65536)
def has_article(text: str) -> bool:
    """والحكومة, الوزير, للشركة: the word carries the article ال (with bare alef)."""
    t = strip_diacritics(text.lstrip("#"))
    if t[:1] in "وف" and len(t) > 3 and t[1:3] in ("ال", "لل"):
        t = t[1:]
    return t.startswith("ال") or (t.startswith("لل") and len(t) > 3)


def strip_article(norm: str) -> str:
    """الوزير -> وزير (normalised words only; short words are left alone)."""
    if norm.startswith("ال") and len(norm) > 3:
        return norm[2:]
    if norm.startswith("لل") and len(norm) > 3:
        return norm[2:]
    return norm


def strip_preposition(norm: str) -> str:
    """A one-letter preposition written solid in front: لصحيفه -> صحيفه, بالمذكره -> المذكره."""
    if len(norm) > 3 and norm[0] in "لب" and not norm.startswith("ال"):
        return norm[1:]
    return norm
