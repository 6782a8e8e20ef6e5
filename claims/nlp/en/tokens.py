"""A flat, precomputed view of a spaCy ``Doc`` for the English rules.

Every rule in this package works on token indices; this view computes once per document what
they all ask about each token (lower-case form, capitalisation, whether it lies inside a
quotation, which sentence and paragraph it belongs to), so each question is a list look-up.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH, ORTH
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
    word: list[bool] = field(default_factory=list)  # neither whitespace nor punctuation (:meth:`is_word`)
    lowercase: list[bool] = field(default_factory=list)  # str.islower() of the token
    lower_word: list[bool] = field(default_factory=list)  # a word written in lower case
    alpha: list[bool] = field(default_factory=list)  # a word that starts with a letter
    qmark: list[bool] = field(default_factory=list)  # a quotation mark (:meth:`is_qmark`)

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, a: int, b: int) -> str:
        """The article text from token ``a`` to token ``b - 1`` inclusive."""
        return self.text[self.start[a]:self.end[b - 1]] if b > a else ""

    def is_word(self, i: int) -> bool:
        return self.word[i]

    def is_qmark(self, i: int) -> bool:
        return self.qmark[i]

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or first follows) character offset ``char``."""
        return bisect_right(self.start, char) - 1 if char >= self.start[0] else 0


# The columns of TokenView that depend on a token's spelling only, in the order of its fields
# (words, low, space, punct, cap, word, lowercase, lower_word, alpha, qmark); qmark is set for
# double marks here, for single marks where the segmenter paired them (:func:`build`).
_Row = tuple[str, str, bool, bool, bool, bool, bool, bool, bool, bool]
_ROWS: dict[int, _Row] = {}  # by orth id (a hash of the spelling)
_MAX_ROWS = 65536  # then the cache starts afresh


def _row(text: str) -> _Row:
    """The row (see ``_Row``) of the spelling ``text``."""
    cap = bool(text) and (text[0].isupper() or (len(text) > 1 and text[0].isdigit() and any(c.isupper() for c in text)))
    space, punct = text.isspace(), _ALNUM.search(text) is None
    word = not space and not punct
    lowercase = text.islower()
    return (text, text.lower().translate(APOSTROPHES), space, punct, cap, word,
            lowercase, word and lowercase, word and text[0].isalpha(), text in QUOTE_CHARS)


def _rows(doc: Doc, orths: list[int]) -> list[_Row]:
    """The row of each token, computed once per spelling (keyed by the token's orth id, so
    that neither the token's text nor its traits are rebuilt for spellings seen before)."""
    rows = _ROWS
    if len(rows) > _MAX_ROWS:
        rows.clear()
    out = list(map(rows.get, orths))
    if None in out:
        for k, o in enumerate(orths):
            if out[k] is None:
                out[k] = rows.get(o) or rows.setdefault(o, _row(doc.vocab.strings[o]))
    return out


def build(doc: Doc, seg: Segments) -> TokenView:
    """The view of ``doc`` with the segmentation ``seg`` (``doc._.segments``)."""
    # offsets, lengths and orth ids as one array: creating a Token object per token is the expensive part
    text = doc_text(doc)
    starts: list[int] = []
    ends: list[int] = []
    rows: list[_Row] = []
    if len(doc):
        arr = doc.to_array([IDX, LENGTH, ORTH])
        starts = arr[:, 0].tolist()
        ends = (arr[:, 0] + arr[:, 1]).tolist()
        rows = _rows(doc, arr[:, 2].tolist())
    words, low, space, punct, cap, word, lowercase, lower_word, alpha, qmark = \
        [list(column) for column in zip(*rows)] if rows else [[] for _ in range(10)]

    n = len(words)
    quote = [-1] * n
    for qi, q in enumerate(seg.quotes):
        a = q.open_at
        b = q.close_at + 1 if q.close_at is not None else q.end
        i = max(bisect_right(starts, a) - 1, 0)  # the token holding the opening mark, or the one before it
        j = bisect_left(starts, b)
        if i < j and ends[i] <= a:
            i += 1
        if i < j:
            quote[i:j] = [qi] * (j - i)

    def ranges(spans: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
        label = [-1] * n
        out = []
        for k, (a, b) in enumerate(spans):
            i = bisect_right(starts, a - 1)  # the first token starting in [a, b)
            j = max(i, bisect_left(starts, b))
            label[i:j] = [k] * (j - i)
            out.append((i, j))
        return label, out

    sent, sentences = ranges(seg.sentences)
    para, paragraphs = ranges(seg.paragraphs)
    single = frozenset(x for q in seg.quotes for x in (q.open_at, q.close_at)
                       if x is not None and x < len(text) and text[x] in SINGLE_MARKS)
    for x in single:
        i = bisect_left(starts, x)
        if i < n and starts[i] == x and words[i] in SINGLE_MARKS:
            qmark[i] = True
    return TokenView(doc, text, words, low, starts, ends, space, punct, cap, quote, sent, para,
                     list(seg.quotes), sentences, paragraphs, single, word, lowercase, lower_word, alpha, qmark)
