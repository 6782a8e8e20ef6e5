"""Words of Arabic news text with offsets and matching forms.

spaCy's blank Arabic tokenizer leaves proclitics on words (وقال) and sometimes glues quotation
marks to them (السوق".), so attribution works on its own light word list: runs of letters,
digits and joiners (``#جون_هارت``, ``ماري-لوس``, ``لـNexa``, ``4ر7``) and single
punctuation characters, each with its matching form (:func:`claims.normalize.normalize`) and
that form without a conjunction (و/ف) in front.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TypeVar

from claims.nlp.memo import Memo
from claims.normalize import normalize, strip_diacritics

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed"
_WORD = re.compile(
    rf"#?[\w{_MARKS}%]+(?:[-_.'’][\w{_MARKS}%]+)*_?|[^\s\w{_MARKS}]",
    re.UNICODE,
)
# A word with the white space before it: every character that is not white space is in some
# word, so the matches run on from one another and ``findall`` alone gives the offsets.
_SPACED_WORD = re.compile(rf"(\s*)({_WORD.pattern})", re.UNICODE)
# Formatting marks (directional marks and isolates, BOM) that are read as no word at all.
_INVISIBLE = frozenset("\u200f\u200e\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
QUOTE_CHARS = frozenset('"“”«»‹›„')
COMMAS = frozenset("،,")


class Word:
    """One word or punctuation mark: text as written, offsets, matching forms and the word
    tests derived from them (computed once: attribution asks them of every word many times).
    Immutable by convention; compared and hashed by its fields. A plain slotted class: an
    article has thousands of words, and a frozen dataclass's ``__init__`` costs several times
    more."""

    __slots__ = ("text", "start", "end", "norm", "bare", "is_punct", "conj", "hashtag", "definite")

    text: str
    start: int
    end: int
    norm: str  # normalised (punctuation marks keep their own text)
    bare: str  # norm without a conjunction و/ف in front (when what is left is still a word)
    is_punct: bool  # neither a letter or digit nor "#" first
    conj: bool  # carries a conjunction prefix (وقال, فقال)
    hashtag: bool  # written with "#" first
    definite: bool  # starts with the article ال (after و/ف), read from the written text (has_article)

    def __init__(self, text: str, start: int, end: int, norm: str, bare: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.norm = norm
        self.bare = bare
        first = text[:1]
        self.hashtag = first == "#"
        self.is_punct = not (first.isalnum() or self.hashtag)
        self.conj = bare != norm
        self.definite = has_article(text)

    def _key(self) -> tuple[str, int, int, str, str]:
        return (self.text, self.start, self.end, self.norm, self.bare)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Word(text={self.text!r}, start={self.start!r}, end={self.end!r}, norm={self.norm!r}, "
                f"bare={self.bare!r})")


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


@lru_cache(maxsize=65536)
def _traits(text: str) -> tuple[str, str, bool, bool, bool, bool]:
    """What :class:`Word` derives from a word's text alone, computed once per spelling:
    (norm, bare, is_punct, conj, hashtag, definite)."""
    norm, bare = forms(text)
    first = text[:1]
    hashtag = first == "#"
    return norm, bare, not (first.isalnum() or hashtag), bare != norm, hashtag, has_article(text)


Tag = TypeVar("Tag")


def _no_tag(text: str) -> None:
    """The tag of :func:`words`: none."""
    return None


# The words of each piece of text read so far, by tag function and spelling (see _read_piece):
# read for every piece of every article, where lru_cache's bookkeeping costs more than a lookup.
_PIECES: dict[Callable, Memo] = {}
MEMO_SIZE = 65536


def _read_piece(piece: str, tag: Callable[[str], Tag]) -> tuple[tuple[int, int, str, tuple, Tag], ...]:
    """(start, end, text, :func:`_traits`, ``tag`` of the text) of each word of ``piece``,
    offsets into it."""
    out = []
    pos = 0
    for space, t in _SPACED_WORD.findall(piece):
        s = pos + len(space)
        pos = s + len(t)
        if t not in _INVISIBLE:
            traits = _traits(t)
            if traits[0] == t:
                t = traits[0]  # (one string for the text and the form: a word refers to fewer objects)
            out.append((s, pos, t, traits, tag(t)))
    return tuple(out)


def _pieces(tag: Callable[[str], Tag]) -> Memo:
    """The memo of :func:`_read_piece` with ``tag``."""
    memo = _PIECES.get(tag)
    if memo is None:
        memo = _PIECES[tag] = Memo(partial(_read_piece, tag=tag), MEMO_SIZE)
    return memo


_new_word = object.__new__


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words and punctuation of ``text[start:end]``, offsets into ``text``."""
    return tagged_words(text, start, end, _no_tag)[0]


def tagged_words(text: str, start: int, end: int | None,
                 tag: Callable[[str], Tag]) -> tuple[list[Word], list[Tag]]:
    """:func:`words`, and ``tag`` of each word's text: a value that depends on the spelling
    alone, looked up with the word's reading (by a caller that needs one for every word)."""
    out = []
    tags: list[Tag] = []
    append = out.append
    add_tag = tags.append
    pos = start
    read = _pieces(tag).__getitem__
    # No word holds a space, so the words of a text are those of its pieces between spaces,
    # and most pieces are one word whose reading is known by its spelling.
    for piece in text[start:end].split(" "):
        for s, e, t, traits, value in read(piece):
            w = _new_word(Word)
            w.text, w.start, w.end = t, pos + s, pos + e
            w.norm, w.bare, w.is_punct, w.conj, w.hashtag, w.definite = traits
            append(w)
            add_tag(value)
        pos += len(piece) + 1
    return out, tags


@lru_cache(maxsize=65536)
def has_article(text: str) -> bool:
    """والحكومة, الوزير, للشركة: the word carries the article ال (with bare alef)."""
    t = strip_diacritics(text.lstrip("#"))
    if t[:1] in "وف" and len(t) > 3 and t[1:3] in ("ال", "لل"):
        t = t[1:]
    return t.startswith("ال") or (t.startswith("لل") and len(t) > 3)


@lru_cache(maxsize=65536)
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
