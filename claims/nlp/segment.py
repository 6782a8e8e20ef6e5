"""Paragraphs, sentences and quotation spans of an article, as character offsets.

Shared by both languages. Quotation marks in news text are often straight (``"``), sometimes
mixed with curly ones, sometimes unbalanced, and quotes run over several paragraphs (the
convention: an opening mark at the start of the next paragraph, no closing mark at the end of
the previous one). :func:`find_quotes` decides for every mark whether it opens or closes from
the characters around it, and recovers what it can from unbalanced paragraphs instead of
giving up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the closing marks accepted for it. Straight quotes close themselves.
PAIRS: dict[str, str] = {
    '"': '"”“',
    "“": '”"“',  # some sites close with a second opening mark
    "”": '”"“',  # RTL texts sometimes open with the "closing" glyph
    "„": '“”"',
    "«": "»",
    "»": "«",  # reversed guillemets in some RTL sources
    "‹": "›",
}
DOUBLE_MARKS = set('"“”„«»‹›')
OPEN_ONLY = set("“„«‹")
CLOSE_ONLY = set("”»›")

# Characters after which a straight quote opens: start, space, brackets, dashes, colon, and
# Arabic one-letter proclitics written solid against the quote (و"…" ب"…" ل"…" ف"…" ك"…").
_OPEN_BEFORE = set(" \t\n([{—–-:/\u00a0") | set("وبلفك")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?،؛؟…—–-/\u00a0'’")

SENTENCE_END = re.compile(r"[.!?؟…]+['\"”’»)]*(?=\s+|$)")
# English abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vs etc inc ltd co corp bros dept "
    "est approx fig al u.s u.k u.n e.g i.e a.m p.m".split()
)


@dataclass(frozen=True)
class Quote:
    """A quotation inside one paragraph. ``start``/``end`` delimit the quoted words (marks,
    surrounding spaces and a trailing comma excluded); ``open_at``/``close_at`` are the marks
    (``close_at`` is None when the quote runs on to the end of the paragraph)."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    continued: bool = False  # continues an unclosed quotation of the previous paragraph
    continues: bool = False  # is continued in the next paragraph

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True)
class Segments:
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    quotes: list[Quote]


def paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Non-empty lines of ``text[start:]`` as (start, end) offsets, edges stripped."""
    out = []
    pos = start
    for line in text[start:].split("\n"):
        a, b = pos, pos + len(line)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos += len(line) + 1
    return out


def _can_open(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before in _OPEN_BEFORE or not before.isalnum()) and not after.isspace() and i + 1 < hi


def _can_close(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and i > lo and (after in _CLOSE_AFTER or not after.isalnum())


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "\u200f\u200e"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",،\u200f\u200e"):
        b -= 1
    return a, b


def _marks(text: str, lo: int, hi: int) -> list[int]:
    return [i for i in range(lo, hi) if text[i] in DOUBLE_MARKS]


def _pair_marks(text: str, lo: int, hi: int, open_at_start: bool) -> tuple[list[tuple[int, int | None, int]], bool]:
    """Pair the double quotation marks of one paragraph.

    Returns (pairs, still_open): a pair is (open_index, close_index or None, inner_end) for
    each outermost quotation; ``open_at_start`` means a quotation from the previous paragraph
    is still open at ``lo`` (open index -1). Nested quotations (``"… "name" …"``) are tracked on
    a stack so that their marks do not end the outer one. When the outer quotation is never
    closed, the marks were unbalanced: it is cut where the first inner quotation opens, and
    the inner quotations become quotations of their own."""
    pairs: list[tuple[int, int | None, int]] = []
    nested: list[tuple[int, int | None, int]] = []
    stack: list[tuple[int, str]] = [(-1, '"')] if open_at_start else []
    for i in _marks(text, lo, hi):
        ch = text[i]
        can_open = ch in OPEN_ONLY or _can_open(text, i, lo, hi)
        can_close = ch in CLOSE_ONLY or _can_close(text, i, lo, hi)
        if not stack:
            if can_open and not (ch in CLOSE_ONLY and ch not in PAIRS):
                stack.append((i, ch))
            continue
        top_char = stack[-1][1]
        closes_top = ch in PAIRS.get(top_char, '"')
        if closes_top and can_close and (not can_open or ch in CLOSE_ONLY or len(stack) == 1 or ch == top_char):
            o, _ = stack.pop()
            if not stack:
                pairs.append((o, i, i))
                nested = []
            elif len(stack) == 1:
                nested.append((o, i, i))
        elif can_open:
            stack.append((i, ch))
    if not stack:
        return pairs, False
    if nested:
        pairs.append((stack[0][0], None, nested[0][0]))
        pairs.extend(nested)
        return pairs, False
    pairs.append((stack[0][0], None, hi))
    return pairs, True


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[Quote]:
    """Quotation spans in ``text``, one per paragraph part (multi-paragraph quotes give one
    span per paragraph, linked with ``continued``/``continues``)."""
    quotes: list[Quote] = []
    carry = False
    for pi, (lo, hi) in enumerate(paras):
        # A quotation left open continues only if this paragraph opens with a mark again.
        mark = _opening_mark(text, lo, hi)
        continued = carry and mark is not None
        pairs, still_open = _pair_marks(text, mark + 1 if continued else lo, hi, open_at_start=continued)
        for n, (o, c, inner_end) in enumerate(pairs):
            o = (mark if mark is not None else lo) if o == -1 else o
            a, b = _trim(text, o + 1, inner_end)
            if b <= a:
                continue
            quotes.append(Quote(
                start=a, end=b, open_at=o, close_at=c, paragraph=pi,
                continued=continued and n == 0,
                continues=still_open and c is None and _next_starts_with_mark(text, paras, pi),
            ))
        carry = still_open
    return quotes


def _opening_mark(text: str, lo: int, hi: int) -> int | None:
    """Offset of the quotation mark that opens the paragraph at ``lo`` (a two-character mark
    rewritten by :func:`quote_view` sits one character in), or None."""
    if text[lo] in DOUBLE_MARKS:
        return lo
    if text[lo] == " " and lo + 1 < hi and text[lo + 1] in DOUBLE_MARKS:
        return lo + 1
    return None


def _next_starts_with_mark(text: str, paras: list[tuple[int, int]], pi: int) -> bool:
    return pi + 1 < len(paras) and _opening_mark(text, *paras[pi + 1]) is not None


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    j = dot
    while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # single initials ("J. K. Rowling") and dotted acronyms ("U.S.")
    return len(word.replace(".", "")) == 1 and word.replace(".", "").isalpha() and text[j:dot].isupper()


def sentences(text: str, paras: list[tuple[int, int]], quotes: list[Quote] | None = None) -> list[tuple[int, int]]:
    """Sentences as (start, end), never crossing a paragraph and never ending inside a quote."""
    inside = []
    for q in quotes or []:
        inside.append((q.open_at, q.outer_end if q.close_at is not None else q.end))
    out = []
    for lo, hi in paras:
        start = lo
        for m in SENTENCE_END.finditer(text, lo, hi):
            end = m.end()
            if any(a < m.end() - 1 < b - 1 for a, b in inside):
                continue
            if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start(), lo):
                continue
            nxt = end
            while nxt < hi and text[nxt].isspace():
                nxt += 1
            if nxt < hi and text[nxt].islower() and text[m.start()] != "؟":
                continue  # "e.g. this", "… said. the" — a lower-case word does not start a sentence
            if end > start:
                out.append((start, end))
            start = nxt
        if start < hi:
            out.append((start, hi))
    return out


# Quotation marks written with two characters: '' (both ends, as in LDC/NYT corpora) and ``.
_TWO_CHAR_MARKS = re.compile(r"''|``")


def quote_view(text: str) -> str:
    """``text`` with two-character quotation marks ('' and ``) rewritten as a straight double
    quote plus a space, placed so that the mark still opens or closes: ``''Yes,'' he said``
    -> `` "Yes, "  he said``. Same length, so every offset stays valid."""
    if "''" not in text and "``" not in text:
        return text

    def swap(m: re.Match) -> str:
        i = m.start()
        after = text[i + 2] if i + 2 < len(text) else " "
        before = text[i - 1] if i > 0 else " "
        if m.group() == "``" or (not after.isspace() and (before.isspace() or before in "([{—–-")):
            return ' "'  # opening: the mark right before the quoted words
        return '" '  # closing: the mark right after them

    return _TWO_CHAR_MARKS.sub(swap, text)


def segment(text: str, body_start: int = 0) -> Segments:
    """Paragraphs, quotes and sentences of the body of ``text``."""
    paras = paragraphs(text, body_start)
    quotes = find_quotes(quote_view(text), paras)
    return Segments(paras, sentences(text, paras, quotes), quotes)
