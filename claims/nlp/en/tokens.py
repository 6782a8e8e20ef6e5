"""A flat, precomputed view of a spaCy ``Doc`` for the English rules.

Every rule in this package works on token indices; this view computes once per document what
they all ask about each token (lower-case form, capitalisation, whether it lies inside a
quotation, which sentence and paragraph it belongs to), so each question is a list look-up.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from claims.nlp.segment import Quote, Segments
from claims.nlp.components import doc_text

SINGLE_MARKS = frozenset(["'", "‘", "’"])  # quotation marks only where the segmenter paired them
QUOTE_CHARS = frozenset(['"', "“", "”", "„", "‟", "«", "»", "‹", "›", "''", "``", "`"])
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds


@dataclass
class TokenView:
    doc: Doc
    text: str
    words: list[str]
    low: list[str]  # lower case, curly apostrophes straightened ("’s" -> "'s")
    start: list[int]  # char offset of each token
    end: list[int]
    space: list[bool]  # whitespace-only token
    punct: list[bool]  # no letter or digit
    cap: list[bool]  # starts with an upper-case letter (or is an acronym)
    quote: list[int]  # index into ``quotes`` of the quotation the token lies in (marks included), -1 outside
    sent: list[int]  # sentence number, -1 in the headline
    para: list[int]
    quotes: list[Quote]
    sentences: list[tuple[int, int]]  # token ranges [a, b)
    paragraphs: list[tuple[int, int]]
    single_marks: frozenset[int] = frozenset()  # offsets of single marks used as quotation marks

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, a: int, b: int) -> str:
        """The article text from token ``a`` to token ``b - 1`` inclusive."""
        return self.text[self.start[a]:self.end[b - 1]] if b > a else ""

    def is_word(self, i: int) -> bool:
        return not self.space[i] and not self.punct[i]

    def is_qmark(self, i: int) -> bool:
        w = self.words[i]
        return w in QUOTE_CHARS or (w in SINGLE_MARKS and self.start[i] in self.single_marks)

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or first follows) character offset ``char``."""
        return bisect_right(self.start, char) - 1 if char >= self.start[0] else 0


@lru_cache(maxsize=65536)
def _traits(word: str) -> tuple[str, bool, bool, bool]:
    """(low, space, punct, cap) of a token (see :class:`TokenView`), computed once per spelling."""
    cap = bool(word) and (word[0].isupper() or (len(word) > 1 and word[0].isdigit() and any(c.isupper() for c in word)))
    return word.lower().translate(APOSTROPHES), word.isspace(), _ALNUM.search(word) is None, cap


def build(doc: Doc, seg: Segments) -> TokenView:
    """The view of ``doc`` with the segmentation ``seg`` (``doc._.segments``)."""
    # offsets and lengths as one array: creating a Token object per token is the expensive part
    text = doc_text(doc)
    starts: list[int] = []
    ends: list[int] = []
    if len(doc):
        arr = doc.to_array([IDX, LENGTH])
        starts = arr[:, 0].tolist()
        ends = (arr[:, 0] + arr[:, 1]).tolist()
    words = [text[s:e] for s, e in zip(starts, ends)]
    traits = [_traits(w) for w in words]  # (low, space, punct, cap) of each token
    low, space, punct, cap = [list(column) for column in zip(*traits)] if traits else ([], [], [], [])

    n = len(words)
    quote = [-1] * n
    for qi, q in enumerate(seg.quotes):
        a = q.open_at
        b = q.close_at + 1 if q.close_at is not None else q.end
        i = bisect_right(starts, a) - 1 if starts and a >= starts[0] else 0
        i = max(i, 0)
        while i < n and starts[i] < b:
            if ends[i] > a:
                quote[i] = qi
            i += 1

    def ranges(spans: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
        label = [-1] * n
        out = []
        for k, (a, b) in enumerate(spans):
            i = bisect_right(starts, a - 1)
            j = i
            while j < n and starts[j] < b:
                label[j] = k
                j += 1
            out.append((i, j))
        return label, out

    sent, sentences = ranges(seg.sentences)
    para, paragraphs = ranges(seg.paragraphs)
    text = doc_text(doc)
    single = frozenset(x for q in seg.quotes for x in (q.open_at, q.close_at)
                       if x is not None and x < len(text) and text[x] in SINGLE_MARKS)
    return TokenView(doc, doc_text(doc), words, low, starts, ends, space, punct, cap, quote, sent, para,
                     list(seg.quotes), sentences, paragraphs, single)
