"""Claim text for matching, and the 0-100 similarity of two claims.

The match form is the shared normaliser's output (:func:`claims.normalize.normalize`: Arabic
diacritics, tatweel and letter variants folded, digits ASCII, quote marks, punctuation and
ellipses gone, case folded) with two more steps that only matching wants: English ``n't``
becomes the word ``not`` (so negation is visible as a word), and every number becomes ``0``
(the same quote carried with another figure is the same claim; the figures are compared
separately, see :mod:`claims.drift`).

:func:`similarity` is an Indel ratio, or a partial ratio when one claim is much shorter (a
truncated quote, a quote embedded in a longer claim); a negation present on one side and not
the other (in the aligned part) makes the score 0.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from claims.blocking import content_words
from claims.normalize import fold_case

THRESHOLD = 88.0
# Partial matching only for a short side with this many content words: shorter fragments
# ("we are not going to borrow $19 million for…") fit inside far too many unrelated claims.
MIN_PARTIAL_CONTENT = 6
# A partial match scores a little under an equally good full match.
PARTIAL_PENALTY = 4.0
# Length of the three pieces (start, middle, end) of the short side of which one must occur
# verbatim in the long side before a partial alignment is computed.
PROBE_CHARS = 12

NEGATIONS_EN = frozenset("not no never nor neither none nobody nothing nowhere cannot "
                         "dont doesnt didnt wont isnt arent wasnt werent cant couldnt shouldnt wouldnt "
                         "hasnt havent hadnt mustnt neednt".split())
NEGATIONS_AR = frozenset("لا لم لن ليس ليست ليسوا لستم لسنا لست ليسا ما غير عدم بدون دون".split())
NEGATIONS = NEGATIONS_EN | NEGATIONS_AR

_NT = re.compile(r"n['’‘`´]t\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT = re.compile(r"[^\w\s]|_")


def match_form(text: str | None) -> str:
    """The text a claim is compared by: normalised, ``n't`` -> ``not``, numbers -> ``0``.

    >>> match_form("“We DON’T expect 1,500 jobs…”")
    'we do not expect 0 jobs'
    """
    if not text:
        return ""
    # = normalize(…, punctuation=True), numbers, punctuation, whitespace; in one pass each
    return " ".join(_PUNCT.sub(" ", _NUMBER.sub("0", fold_case(_NT.sub(" not", text)))).split())


def is_negation(word: str) -> bool:
    """A negation word of either language, Arabic ones also with a leading و or ف (ولا, فلن)."""
    if word in NEGATIONS:
        return True
    return len(word) > 2 and word[0] in "وف" and word[1:] in NEGATIONS_AR


def negation_count(form: str) -> int:
    """How many negation words a match form holds."""
    return sum(1 for w in form.split() if is_negation(w))


def negation_signature(form: str) -> tuple[str, ...]:
    """What each negation negates: the word after it (sorted). "will not raise" and "won't
    raise" agree; "won't cut … will raise" and "will cut … won't raise" do not."""
    words = form.split()
    return tuple(sorted(words[i + 1] if i + 1 < len(words) else "" for i, w in enumerate(words) if is_negation(w)))


@dataclass(frozen=True, slots=True)
class Features:
    """What scoring needs of one match form, computed once per form."""

    form: str
    content: int  # content words (see claims.blocking.content_words)
    negations: tuple[str, ...]

    @classmethod
    def of(cls, form: str) -> Features:
        return cls(form, len(content_words(form)), negation_signature(form))


def _probes(short: str) -> tuple[str, str, str]:
    n = PROBE_CHARS
    mid = (len(short) - n) // 2
    return short[:n], short[mid:mid + n], short[-n:]


def _partial(short: Features, long: Features, cutoff: float) -> float:
    """Partial ratio of ``short`` inside ``long`` when at least ``cutoff``, with the negation
    check on the aligned part; else 0."""
    if not any(p in long.form for p in _probes(short.form)):
        return 0.0  # not even a fragment of it is in there: skip the costly alignment
    al = fuzz.partial_ratio_alignment(short.form, long.form, score_cutoff=cutoff)
    if al is None or al.score < cutoff:
        return 0.0
    start, end, text = al.dest_start, al.dest_end, long.form
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    # A quote cut before its verb ("… before the end of the year") would also fit inside the
    # negated claim ("prices will not fall by 10% before the end of the year") and chain the two
    # clusters: any negation left of the aligned part rules the match out.
    if negation_count(text[:start]) or negation_signature(text[start:end]) != short.negations:
        return 0.0
    # Every content word of the short side must be in the long one (one may be missing from a
    # long fragment that aligns very well): a fragment made of boilerplate plus one word of its
    # own ("… in Berfaporo over the next decade") otherwise fits a sibling claim.
    missing = len(set(content_words(short.form)) - set(content_words(text)))
    if missing > (1 if short.content >= 8 and al.score >= 94 else 0):
        return 0.0
    return al.score


def score(a: Features, b: Features, *, score_cutoff: float = 0.0) -> float:
    """:func:`similarity` of two precomputed :class:`Features` (0 when under ``score_cutoff``)."""
    if a.form == b.form:
        return 100.0 if a.form else 0.0
    if not a.form or not b.form:
        return 0.0
    # order the pair so the result cannot depend on argument order
    short, long = (a, b) if (len(a.form), a.form) <= (len(b.form), b.form) else (b, a)
    best = 0.0
    if short.negations == long.negations:
        best = fuzz.ratio(short.form, long.form, score_cutoff=score_cutoff)
    if best < 100.0 and short.content >= MIN_PARTIAL_CONTENT and len(short.form) < len(long.form):
        cutoff = max(score_cutoff, best) + PARTIAL_PENALTY
        if cutoff <= 100.0:
            best = max(best, _partial(short, long, cutoff) - PARTIAL_PENALTY)
    return best if best >= score_cutoff else 0.0


def score_many(a: Sequence[Features], b: Sequence[Features], *, score_cutoff: float, workers: int = 1) -> np.ndarray:
    """:func:`score` of each pair ``(a[i], b[i])``, computed in batches: the Indel ratios and the
    partial ratios of all pairs at once (``rapidfuzz.process.cpdist``, in ``workers`` threads),
    and the Python-level partial checks (alignment, negations, content words) only for the few
    pairs whose partial ratio could win. Equal to ``[score(x, y, score_cutoff=…) for …]``."""
    n = len(a)
    out = np.zeros(n, dtype=np.float64)
    if not n:
        return out
    fa = np.array([f.form for f in a], dtype=object)
    fb = np.array([f.form for f in b], dtype=object)
    la = np.fromiter((len(f) for f in fa), dtype=np.int64, count=n)
    lb = np.fromiter((len(f) for f in fb), dtype=np.int64, count=n)
    same = np.fromiter((x == y for x, y in zip(fa, fb)), dtype=bool, count=n)
    empty = (la == 0) | (lb == 0)
    neg_eq = np.fromiter((x.negations == y.negations for x, y in zip(a, b)), dtype=bool, count=n)
    todo = ~same & ~empty
    ratio_idx = np.flatnonzero(todo & neg_eq)
    if len(ratio_idx):
        out[ratio_idx] = process.cpdist(fa[ratio_idx].tolist(), fb[ratio_idx].tolist(), scorer=fuzz.ratio,
                                        score_cutoff=score_cutoff, dtype=np.float64, workers=workers)
    # partial matching: the shorter side (strictly) with enough content words
    a_short = la < lb
    short_content = np.fromiter(((x.content if s else y.content) for x, y, s in zip(a, b, a_short)),
                                dtype=np.int64, count=n)
    cutoff = np.maximum(out, score_cutoff) + PARTIAL_PENALTY
    part = np.flatnonzero(todo & (la != lb) & (short_content >= MIN_PARTIAL_CONTENT) & (out < 100.0)
                          & (cutoff <= 100.0))
    if len(part):
        shorts = np.where(a_short[part], fa[part], fb[part]).tolist()
        longs = np.where(a_short[part], fb[part], fa[part]).tolist()
        pr = process.cpdist(shorts, longs, scorer=fuzz.partial_ratio, score_cutoff=score_cutoff + PARTIAL_PENALTY,
                            dtype=np.float64, workers=workers)
        for k in np.flatnonzero(pr >= cutoff[part]):
            i = part[k]
            x, y = (a[i], b[i]) if a_short[i] else (b[i], a[i])
            out[i] = max(out[i], _partial(x, y, float(cutoff[i])) - PARTIAL_PENALTY)
    out[same & ~empty] = 100.0
    out[out < score_cutoff] = 0.0
    return out


def similarity(a: str, b: str, *, score_cutoff: float = 0.0) -> float:
    """0-100 similarity of two match forms (see :func:`match_form`). Symmetric; 100 for equal
    forms; a truncated or embedded quote scores its partial ratio (less a small penalty); a
    negation on one side only scores 0."""
    return score(Features.of(a), Features.of(b), score_cutoff=score_cutoff)


def text_similarity(a: str | None, b: str | None, *, score_cutoff: float = 0.0) -> float:
    """:func:`similarity` of two raw claim texts."""
    return similarity(match_form(a), match_form(b), score_cutoff=score_cutoff)
