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
from bisect import bisect_left
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

# (and two lost spaces: '… value.”“I’m …', '… money.’Bailey’s …'). "[…][…]*" rather than "[…]+":
# a pattern that opens with a character set lets the regex engine skip to candidate characters.
SENTENCE_END = re.compile(r"[.!?؟…][.!?؟…]*['\"”’»)]*(?=\s+|$|[“‘](?=[A-Z])|(?<=[”’])[A-Z])")
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
    resumes: bool = False  # reopens the previous quotation of this paragraph (a lost paragraph break)
    resumed: bool = False  # is reopened by the next quotation of this paragraph

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
    if i > lo and _arabic_letter(before) and before not in "وبلفك" and _arabic_letter(after):
        return True  # 'برنامج "بوليتيكا"اليوم': Arabic sites often drop the space after a closing mark
    return not before.isspace() and i > lo and (after in _CLOSE_AFTER or not after.isalnum())


def _loose(text: str, i: int, lo: int, hi: int) -> bool:
    """A straight double mark set off by a space after it and a space or colon before it
    ('قائلا:" لقد …', 'لمراسلنا " لقد …', '… الوعود " وقال'): the sloppy spacing of many
    Arabic sites. With no quotation open it opens one (when another straight mark follows in
    the paragraph); with a straight quotation open it closes it."""
    if text[i] != '"':
        return False
    before = text[i - 1] if i > lo else " "
    if i + 1 >= hi or not text[i + 1].isspace():
        # '… تتراجع ".': set off before, punctuation or the end after: only closes
        return before.isspace() and (i + 1 >= hi or text[i + 1] in ".،,؛;:!?؟…)")
    return before.isspace() or before == ":"


def _arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "\u200f\u200e"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",،\u200f\u200e"):
        b -= 1
    return a, b


_DOUBLE_MARK = re.compile("[" + re.escape("".join(sorted(DOUBLE_MARKS))) + "]")


def _marks(text: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in _DOUBLE_MARK.finditer(text, lo, hi)]


def _resumes(text: str, i: int, lo: int) -> bool:
    """An opening mark at ``i`` while a quotation is open, right after the end of a sentence and
    before a capital ('… profit. "We believe …'): the source lost a paragraph break, and the
    mark reopens the same quotation rather than nesting a new one. (The caller also requires
    the same mark as the open one: a different glyph is more often a stray mark.)"""
    j = i - 1
    if j < lo or not text[j].isspace():
        return False
    while j >= lo and text[j].isspace():
        j -= 1
    return j >= lo and text[j] in ".!?…" and i + 1 < len(text) and text[i + 1].isupper()


def _attribution_cut(text: str, i: int, lo: int, most_words: int = 6) -> int | None:
    """An opening mark at ``i`` while a quotation is open, after a colon that ends a short
    sentence of its own ('… a Muslim. He added: "The …'): the open quotation lost its closing
    mark at the end of the sentence before, where it is cut (the offset returned); the short
    sentence is the attribution of the new quotation. None when the mark does not read so."""
    j = i - 1
    while j >= lo and text[j].isspace():
        j -= 1
    if j < lo or text[j] != ":":
        return None
    k = j - 1
    while k >= lo and text[k] not in ".!?…\"\u201d":
        k -= 1
    if k < lo or text[k] in "\"\u201d" or not text[k + 1:k + 2].isspace():
        return None
    clause = text[k + 1:j].split()
    if not 1 <= len(clause) <= most_words or _is_abbreviation(text, k, lo):
        return None
    return k + 1


def _pair_marks(text: str, lo: int, hi: int, open_at_start: bool,
                marks: list[int] | None = None) -> tuple[list[tuple[int, int | None, int]], bool]:
    """Pair the double quotation marks of one paragraph.

    Returns (pairs, still_open): a pair is (open_index, close_index or None, inner_end) for
    each outermost quotation; ``open_at_start`` means a quotation from the previous paragraph
    is still open at ``lo`` (open index -1). Nested quotations (``"… "name" …"``) are tracked on
    a stack so that their marks do not end the outer one. When the outer quotation is never
    closed, the marks were unbalanced: it is cut where the first inner quotation opens, and
    the inner quotations become quotations of their own. A quotation reopened after a lost
    paragraph break (:func:`_resumes`) ends before the new mark (close index None). ``marks``:
    the offsets of the double marks in [lo, hi), when the caller has them."""
    pairs: list[tuple[int, int | None, int]] = []
    nested: list[tuple[int, int | None, int]] = []
    stack: list[tuple[int, str]] = [(-1, '"')] if open_at_start else []
    for i in _marks(text, lo, hi) if marks is None else marks:
        ch = text[i]
        can_open = ch in OPEN_ONLY or _can_open(text, i, lo, hi)
        can_close = ch in CLOSE_ONLY or _can_close(text, i, lo, hi)
        if _loose(text, i, lo, hi):
            if stack and stack[-1][1] == '"':
                can_close = True
            elif not stack and '"' in text[i + 1:hi] and i + 1 < hi and text[i + 1].isspace():
                can_open = True
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
            if len(stack) == 1 and not nested and ch == stack[0][1]:
                if _resumes(text, i, lo):
                    pairs.append((stack.pop()[0], None, i))
                else:
                    cut = _attribution_cut(text, i, max(lo, stack[0][0] + 1))
                    if cut is not None:
                        pairs.append((stack.pop()[0], None, cut))
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
    marks = _marks(text, paras[0][0], paras[-1][1]) if paras else []  # all double marks, found in one pass
    for pi, (lo, hi) in enumerate(paras):
        last = bisect_left(marks, hi)
        if last == 0 or marks[last - 1] < lo:
            carry = False  # no mark in the paragraph: no quotation, and none continues
            continue
        # A quotation left open continues only if this paragraph opens with a mark again.
        mark = _opening_mark(text, lo, hi)
        continued = carry and mark is not None
        a = mark + 1 if continued else lo
        pairs, still_open = _pair_marks(text, a, hi, open_at_start=continued, marks=marks[bisect_left(marks, a):last])
        for n, (o, c, inner_end) in enumerate(pairs):
            o = (mark if mark is not None else lo) if o == -1 else o
            a, b = _trim(text, o + 1, inner_end)
            if b <= a:
                continue
            resumed = c is None and n + 1 < len(pairs) and pairs[n + 1][0] == inner_end
            quotes.append(Quote(
                start=a, end=b, open_at=o, close_at=c, paragraph=pi,
                continued=continued and n == 0,
                continues=still_open and c is None and _next_starts_with_mark(text, paras, pi),
                resumes=n > 0 and pairs[n - 1][1] is None and pairs[n - 1][2] == o,
                resumed=resumed,
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
    if dot - 2 >= lo and not text[dot - 1].isascii() and text[dot - 1].isalpha() and text[dot - 2].isalpha() \
            and not text[dot - 1].lower().isascii():
        return False  # (most Arabic text) no initial before the dot, and no listed abbreviation ends so
    written = _word_before(text, dot, lo)
    word = written.lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # single initials ("J. K. Rowling"), run-together initials ("J.C. Smith") and dotted acronyms
    return written.isupper() and all(len(p) == 1 and p.isalpha() for p in word.split("."))


def _word_before(text: str, dot: int, lo: int) -> str:
    """The letters and dots written right before the dot at ``dot`` ("D.C", "Mr")."""
    j = dot
    while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    return text[j:dot]


# Capitalised words that open sentences and hardly follow an abbreviation inside one
SENTENCE_OPENERS = frozenset("The A An He She It They We I But And This That These Those His Her Its Their There "
                             "However Meanwhile".split())


def _initials_then_sentence(text: str, dot: int, end: int, hi: int) -> bool:
    """"… in Washington, D.C. The event drew …": dotted initials end the sentence too when a
    word that opens sentences follows (not for "Mr. Smith", "Dec. 13")."""
    word = _word_before(text, dot, 0)
    if "." not in word or not word.replace(".", "").isupper():
        return False
    nxt = end
    while nxt < hi and text[nxt].isspace():
        nxt += 1
    e = nxt
    while e < hi and text[e].isalpha():
        e += 1
    return nxt > end and text[nxt:e] in SENTENCE_OPENERS


_SHORT_TAIL = re.compile(r"[^.!?\"“”]{1,60}?\.(?=\s|$)")


def _short_tail(text: str, a: int, hi: int) -> bool:
    """The text from ``a`` is a short clause (at most four words) closed by a full stop."""
    m = _SHORT_TAIL.match(text, a, hi)
    return bool(m) and len(m.group().split()) <= 4


def sentences(text: str, paras: list[tuple[int, int]], quotes: list[Quote] | None = None) -> list[tuple[int, int]]:
    """Sentences as (start, end), never crossing a paragraph and never ending inside a quote."""
    inside = []
    for q in quotes or []:
        inside.append((q.open_at, q.outer_end if q.close_at is not None else q.end))
    out = []
    for lo, hi in paras:
        start = lo
        here = [(a, b) for a, b in inside if a < hi and lo < b]  # the quotes of this paragraph
        for m in SENTENCE_END.finditer(text, lo, hi):
            end = m.end()
            if here and any(a < end - 1 < b - 1 for a, b in here):
                continue
            if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start(), lo) \
                    and not _initials_then_sentence(text, m.start(), end, hi):
                continue
            nxt = end
            while nxt < hi and text[nxt].isspace():
                nxt += 1
            if nxt < hi and text[nxt].islower() and text[m.start()] != "؟":
                continue  # "e.g. this", "… said. the" — a lower-case word does not start a sentence
            if text[m.start()] in "?!" and text[end - 1] in "\"”»" and _short_tail(text, nxt, hi):
                continue  # '"Why now?" Mr Lund asked.': the attribution belongs to the question
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


_SPEECH_CLOSE = re.compile(r"[,.?!…]['’]\s")
_SINGLE_OPENERS = "‘'"
_SINGLE_CLOSERS = "’'"


def _single_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(open, close) single quotation marks of one paragraph. An opener stands at the start of a
    word (after a space, a bracket or a dash); a closer ends a word (a space, punctuation or the
    end follows). Between an opener and the next one, a closer right after punctuation
    (‘… plans are,’) wins over an earlier one after a letter, which may be a plural possessive
    (‘… the Lees’ plans …’)."""
    def opener(i: int) -> bool:
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        return (before.isspace() or before in "([—–-\"“’") and (after.isalnum())  # ("’‘": a lost space)

    def closer(i: int) -> bool:
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        return not before.isspace() and i > lo and (not after.isalnum() or before in ".?!" and after.isupper())

    marks = [i for i in range(lo, hi) if text[i] in _SINGLE_OPENERS or text[i] in _SINGLE_CLOSERS]
    pairs = []
    k = 0
    while k < len(marks):
        o = marks[k]
        if text[o] not in _SINGLE_OPENERS or not opener(o):
            k += 1
            continue
        nxt_open = next((x for x in marks[k + 1:] if text[x] in _SINGLE_OPENERS and opener(x)), hi)
        cands = [x for x in marks[k + 1:] if x < nxt_open and text[x] in _SINGLE_CLOSERS and closer(x)]
        if not cands:
            k += 1
            continue
        c = next((x for x in cands if text[x - 1] in ",.?!…"), cands[0])
        pairs.append((o, c))
        k = marks.index(c) + 1
    return pairs


def single_quote_view(text: str, body_start: int = 0) -> str:
    """``text`` with single quotation marks rewritten as double ones when the body quotes in the
    British single style (‘We will win,’ she said): no double marks at all in the body, and
    a single mark closing after punctuation somewhere. Apostrophes ("don’t", "Lee's") are
    left alone; same length, so every offset stays valid."""
    body = text[body_start:]
    if _DOUBLE_MARK.search(body) or "''" in body or not _SPEECH_CLOSE.search(body):
        return text
    chars = list(text)
    for lo, hi in paragraphs(text, body_start):
        for o, c in _single_pairs(text, lo, hi):
            chars[o], chars[c] = "“", "”"
    return "".join(chars)


def segment(text: str, body_start: int = 0) -> Segments:
    """Paragraphs, quotes and sentences of the body of ``text``."""
    paras = paragraphs(text, body_start)
    quotes = find_quotes(single_quote_view(quote_view(text), body_start), paras)
    return Segments(paras, sentences(text, paras, quotes), quotes)
