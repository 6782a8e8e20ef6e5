"""Claim text for matching, and the 0-100 similarity of two claims.

The match form is the shared normaliser's output (:func:`claims.normalize.normalize`: Arabic
diacritics, tatweel and letter variants folded, digits ASCII, quote marks, punctuation and
ellipses gone, case folded) with three more steps that only matching wants: a framing lead-in
is dropped ("Salem said:", "According to Salem,", "وقال سالم إن", "Frankly," — see
:func:`strip_lead`), English ``n't`` becomes the word ``not`` (so negation is visible as a
word), and every number becomes ``0`` (the same quote carried with another figure is the same
claim; the figures are compared separately, see :mod:`claims.drift`).

:func:`similarity` is an Indel ratio, or a partial ratio when one claim is shorter (a truncated
quote, a quote embedded in a longer claim). Scores are 0 when the two say different things in
nearly the same words:

- a negation on one side and not the other (in the aligned part, or just left of it);
- a *replaced* content word (:func:`substitutions`: another place, organisation, object or
  person where the other has its own word) — a word cut or added is tolerated, a word replaced
  is another claim;
- for a fragment: a content word of its own that the aligned part of the longer claim lacks.

:func:`score_pairs` scores many pairs at once (rapidfuzz ``cpdist``) with the same result as
:func:`score` pair by pair.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from claims.blocking import content_word, content_words
from claims.normalize import fold_case

THRESHOLD = 88.0
# Partial matching only for a short side with this many content words: shorter fragments
# ("we are not going to borrow $19 million for…") fit inside far too many unrelated claims.
MIN_PARTIAL_CONTENT = 4
# A partial match scores a little under an equally good full match.
PARTIAL_PENALTY = 4.0
# A fragment with this many content words may lack one of them in the longer claim altogether
# (a word cut from a quote embedded in a longer one); shorter fragments must keep every word.
CUT_PARTIAL_CONTENT = 6
# A fragment whose words are all in the longer claim and whose best window of its own length
# scores up to WINDOW_SLACK under the cutoff is scored again on windows widened by up to
# WIDEN_WORDS words (a word added inside the fragment there).
WINDOW_SLACK = 8.0
WIDEN_WORDS = 2
# Length of the three pieces (start, middle, end) of the short side of which one must occur
# verbatim in the long side before a partial alignment is computed.
PROBE_CHARS = 12
# How many words after a negation may hold the content word it negates (fillers skipped).
NEGATED_REACH = 3
# How many words left of a fragment's place in a longer claim may not hold a negation.
NEGATION_REACH = 3
# Two words this similar (Indel ratio) are one word spelt two ways (transliteration, typo, clitic).
SPELLING = 80.0

NEGATIONS_EN = frozenset("not no never nor neither none nobody nothing nowhere cannot "
                         "dont doesnt didnt wont isnt arent wasnt werent cant couldnt shouldnt wouldnt "
                         "hasnt havent hadnt mustnt neednt".split())
NEGATIONS_AR = frozenset("لا لم لن ليس ليست ليسوا لستم لسنا لست ليسا ما غير عدم بدون دون".split())
NEGATIONS = NEGATIONS_EN | NEGATIONS_AR
# Subject and possessive pronouns: "we approved" / "the ministry approved" is another claim.
PRONOUNS = frozenset("i we you he she they my our your his her their us them نحن انا انت انتم هو هي هم".split())

# Every word is_negation accepts: one set test skips the word-by-word scan of most claims.
_NEGATION_FORMS = NEGATIONS | {p + n for p in "وف" for n in NEGATIONS_AR}
_NT = re.compile(r"n['’‘`´]t\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT = re.compile(r"[^\w\s]|_")


# Lead-ins that frame a quote rather than say it: attribution ("Salem said:", "According to
# Salem,", "وقال سالم إن", "وبحسب سالم فإن") and a few discourse markers ("Frankly,", "Let me be
# clear:", "بصراحة،"). Matched on the folded text while its punctuation is still there, at the
# start only, and only when a comma, colon or "that"/"إن" closes them.
_NAME = r"[^,:;.!?\"'«»،؛]{1,48}?"
_LEADS = [re.compile(p) for p in (
    r"^\s*according to " + _NAME + r"\s*[,:]\s*",
    r"^\s*" + _NAME + r"\s(?:said|says|told\s+\w+|insisted|stressed|added|argued|noted|warned|explained|"
    r"announced|claimed)(?:\s+that\s+|\s*[:,]\s*)",
    r"^\s*(?:let me be clear|to be clear|frankly|honestly|make no mistake|i can tell you that|i want to stress "
    r"that|as i said before|today i can confirm that|we believe that)\s*[:,]?\s+",
    r"^\s*و?(?:قال|قالت|اكد|اكدت|اضاف|اضافت|اوضح|اوضحت|صرح|صرحت|ذكر|ذكرت|شدد|شددت)\s+" + _NAME +
    r"(?:\s+(?:ان|انه|انها|بان)\s+|\s*:\s*)",
    r"^\s*و?(?:بحسب|حسب|وفقا\s+ل)\s*" + _NAME + r"(?:\s*[،,]\s*|\s+)(?:فان|ان)\s+",
    r"^\s*(?:بكل وضوح|بصراحه|استطيع ان اقول لكم ان|لا شك ان|اريد ان اوكد ان|اوكد اليوم ان|كما قلت سابقا|"
    r"نحن نعتقد ان)\s*[،:,]?\s*",
)]


# Words one of _LEADS needs near the start: without any, no pattern is tried (most claims).
_LEAD_HINT = re.compile(r"according|said|says|told|insisted|stressed|added|argued|noted|warned|explained|announced|"
                        r"claimed|clear|frankly|honestly|mistake|tell you|stress|before|confirm|believe|"
                        r"قال|اكد|اضاف|اوضح|صرح|ذكر|شدد|حسب|وفقا|وضوح|بصراحه|اقول|لا شك|نعتقد")


def strip_lead(folded: str) -> str:
    """``folded`` (see :func:`claims.normalize.fold_case`) without a framing lead-in (see
    ``_LEADS``); unchanged when what would remain is under three words."""
    for _ in range(2):  # "Frankly, Salem said: …"
        if not _LEAD_HINT.search(folded, 0, 80):
            break
        for pat in _LEADS:
            m = pat.match(folded)
            if m and len(folded[m.end():].split()) >= 3:
                folded = folded[m.end():]
                break
        else:
            break
    return folded


def match_form(text: str | None, *, lead: bool = False) -> str:
    """The text a claim is compared by: normalised, a framing lead-in dropped (unless
    ``lead``), ``n't`` -> ``not``, numbers -> ``0``.

    >>> match_form("“We DON’T expect 1,500 jobs…”")
    'we do not expect 0 jobs'
    >>> match_form("Ahmed Salem said: we will build 40 schools")
    'we will build 0 schools'
    """
    if not text:
        return ""
    # = normalize(…, punctuation=True), numbers, punctuation, whitespace; in one pass each
    folded = fold_case(_NT.sub(" not", text))
    if not lead:
        folded = strip_lead(folded)
    return " ".join(_PUNCT.sub(" ", _NUMBER.sub("0", folded)).split())


# An ellipsis at either end of a quote (inside its quote marks or not): "… before the winter",
# "we will build [...]".
_CUT_MARK = re.compile(r"^[\s\"'“”‘’«»„]*(?:…|\.\.\.|[\[(](?:…|\.\.\.)[\])])|"
                       r"(?:…|\.\.\.|[\[(](?:…|\.\.\.)[\])])[\s\"'“”‘’«».]*$")


def marked_cut(text: str | None) -> bool:
    """Whether a claim's text is marked as cut: an ellipsis at its start or end ("… before
    the winter", "we will build…"). Such a fragment may fit many claims; see
    :func:`claims.dedupe._resolve`."""
    # every mark holds "…" or "...": most texts have neither
    return bool(text) and ("…" in text or "..." in text) and bool(_CUT_MARK.search(text))


def is_negation(word: str) -> bool:
    """A negation word of either language, Arabic ones also with a leading و or ف (ولا, فلن)."""
    if word in NEGATIONS:
        return True
    return len(word) > 2 and word[0] in "وف" and word[1:] in NEGATIONS_AR


def negation_signature(form: str) -> tuple[str, ...]:
    """What each negation negates: the first content word among the next
    ``NEGATED_REACH`` words (sorted). "will not raise", "won't raise" and "will not really
    raise" agree; "won't cut … will raise" and "will cut … won't raise" do not."""
    words = form.split()
    if _NEGATION_FORMS.isdisjoint(words):
        return ()
    out = []
    for i, w in enumerate(words):
        if is_negation(w):
            out.append(next((c for c in map(content_word, words[i + 1:i + 1 + NEGATED_REACH]) if c), ""))
    return tuple(sorted(out))


def negations_agree(a: Features, b: Features) -> bool:
    """Whether two wordings negate the same things: equal :func:`negation_signature`, or as
    many negations whose targets differ only because one side lost the negated word ("have not
    their jobs" / "have not lost their jobs": the cut side's signature is the other side's with
    the words it lacks left out). A negation added, removed or moved to another word still
    disagrees."""
    if a.negations == b.negations:
        return True
    if len(a.negations) != len(b.negations):
        return False
    return ((_lacks_negated_word(a, b) and _signature_within(b.form, a.form) == a.negations)
            or (_lacks_negated_word(b, a) and _signature_within(a.form, b.form) == b.negations))


def _lacks_negated_word(a: Features, b: Features) -> bool:
    """Whether ``b`` negates a content word that ``a`` lacks while ``b`` holds every word ``a``
    negates (cheap necessary test before the signatures)."""
    return (any(t and t not in a.words for t in b.negations)
            and all(not t or t in b.words for t in a.negations))


def _signature_within(form: str, other: str) -> tuple[str, ...]:
    """:func:`negation_signature` of ``form`` with the words ``other`` lacks left out."""
    keep = set(other.split())
    return negation_signature(" ".join(w for w in form.split() if w in keep))


@dataclass(frozen=True, slots=True)
class Features:
    """What scoring needs of one match form, computed once per form."""

    form: str
    content: int  # content words (see claims.blocking.content_words)
    negations: tuple[str, ...]
    words: frozenset[str] = frozenset()  # the distinct content words

    @classmethod
    def of(cls, form: str) -> Features:
        words = content_words(form)
        return cls(form, len(words), negation_signature(form), frozenset(words))


def _probes(short: str) -> tuple[str, str, str]:
    n = PROBE_CHARS
    mid = (len(short) - n) // 2
    return short[:n], short[mid:mid + n], short[-n:]


def _partial(short: Features, long: Features, cutoff: float) -> float:
    """Partial ratio of ``short`` inside ``long`` when at least ``cutoff``, with the negation
    check on the aligned part; else 0."""
    if len(short.words - long.words) > 1 or not any(p in long.form for p in _probes(short.form)):
        return 0.0  # cheap tests first: at most one word may be spelt otherwise; a piece must be verbatim
    # (a fragment whose words are all in the long claim may have gained one there: see _widened)
    slack = WINDOW_SLACK if short.words <= long.words else 0.0
    al = fuzz.partial_ratio_alignment(short.form, long.form, score_cutoff=max(0.0, cutoff - slack))
    if al is None:
        return 0.0
    start, end, text = al.dest_start, al.dest_end, long.form
    # an alignment that starts or ends inside a word took a piece of it: the window may start
    # after that word or end before it instead of taking it whole
    inner_start = text.find(" ", start) + 1 if start > 0 and text[start - 1] != " " else None
    inner_end = text.rfind(" ", 0, end) if end < len(text) and text[end] != " " else None
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    # a window of the fragment's length misses the ends of a fragment that gained a word inside
    # the long claim ("… expect actually sugar prices …"): widened word by word, it scores better
    got = al.score
    if got < 100.0:
        ws, we, got = _widened(short.form, text, start, end, inner_start, inner_end)
        got = max(got, al.score)
        start, end = min(start, ws), max(end, we)  # the checks below look at the whole stretch
    if got < cutoff:
        return 0.0
    # A quote cut before its verb ("… before the end of the year") would also fit inside the
    # negated claim ("prices will not fall by 10% before the end of the year") and chain the two
    # clusters: a negation among the NEGATION_REACH words left of the aligned part rules the
    # match out (further left is another clause: a quote embedded after another sentence).
    left = text[:start].split()[-NEGATION_REACH:]
    if any(is_negation(w) for w in left) or negation_signature(text[start:end]) != short.negations:
        return 0.0
    # Every content word of the short side must be in the aligned part of the long one (or, for
    # one word, a close spelling of it): a fragment made of boilerplate plus one word of its own ("… in
    # Berfaporo over the next decade") otherwise fits a sibling claim that names another place.
    # (one word either side counts as aligned: a word added inside the fragment's span in the
    # long claim pushes its last word just past an alignment of the fragment's length)
    # A fragment of CUT_PARTIAL_CONTENT content words or more may lack one word in the long
    # claim altogether (cut there), not one the long claim holds elsewhere.
    left, right = text[:start].split(), text[end:].split()
    aligned = set(content_words(" ".join([*left[-1:], text[start:end], *right[:1]])))
    unmatched = [w for w in short.words - aligned if not any(fuzz.ratio(w, x, score_cutoff=SPELLING) for x in aligned)]
    if unmatched and (len(unmatched) > 1 or unmatched[0] in long.words or short.content < CUT_PARTIAL_CONTENT):
        return 0.0
    # and no word of the fragment replaced in the long claim ("… will open by 2027" inside
    # "… will open over the next five years, while …"; an alignment of the fragment's length
    # may stop short of the replacement, hence two more words either side)
    if substituted(short.form, " ".join([*left[-2:], text[start:end], *right[:2]])):
        return 0.0
    return got


def _widened(short: str, text: str, start: int, end: int, inner_start: int | None = None,
             inner_end: int | None = None) -> tuple[int, int, float]:
    """The best Indel ratio of ``short`` against ``text[start:end]`` (word boundaries) and the
    windows that start up to ``WIDEN_WORDS`` words earlier (or at ``inner_start``) and end at
    ``inner_end`` or a later word boundary, up to ``WIDEN_WORDS`` words past the fragment's
    length; with that window."""
    lefts = [start] + [i + 1 for i in range(start - 2, -1, -1) if text[i] == " "][:WIDEN_WORDS]
    if start > 0 and len(lefts) <= WIDEN_WORDS:
        lefts.append(0)
    rights, past = [end], 0
    for i in range(end + 1, len(text) + 1):
        if i == len(text) or text[i] == " ":
            rights.append(i)
            past += i - start > len(short)
            if past >= WIDEN_WORDS:
                break
    if inner_start and inner_start < end:
        lefts.append(inner_start)
    if inner_end and inner_end > start:
        rights.append(inner_end)
    best = (start, end, fuzz.ratio(short, text[start:end]))
    for s in lefts:
        for e in rights:
            if e > s:
                r = fuzz.ratio(short, text[s:e], score_cutoff=best[2])
                if r > best[2]:
                    best = (s, e, r)
    return best


def substitutions(a: str, b: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Where two match forms differ by *replaced* content words: aligned word by word (longest
    common subsequence), each changed stretch (a run of edits between common words) that takes
    from each side a content word the other side lacks, with no close spelling (Indel ratio ≥
    ``SPELLING``) in the other side of the stretch, or a number where the other side has words
    ("by 0" / "before the summer"), as (content words of ``a``'s side, of ``b``'s side; "0" for
    such a number). A word cut, added or spelt differently is no substitution, nor is a lead-in
    or a tail on one side only."""
    swap = (len(a), a) > (len(b), b)  # one alignment whichever way round
    if swap:
        a, b = b, a
    wa, wb = a.split(), b.split()
    all_a = {w for w in map(content_word, wa) if w} | PRONOUNS.intersection(wa)
    all_b = {w for w in map(content_word, wb) if w} | PRONOUNS.intersection(wb)
    na, nb = wa.count("0"), wb.count("0")
    if not ((all_a - all_b or na > nb) and (all_b - all_a or nb > na)):
        return []  # one side's words are all in the other: cut, added or moved, not replaced
    stretches: list[list[int]] = []  # [i1, i2, j1, j2] of runs of edits
    for tag, i1, i2, j1, j2 in Indel.opcodes(wa, wb):
        if tag == "equal":
            continue
        if stretches and stretches[-1][1] == i1 and stretches[-1][3] == j1:
            stretches[-1][1], stretches[-1][3] = i2, j2
        else:
            stretches.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in stretches:
        xa = [w for w in map(content_word, wa[i1:i2]) if w] + [w for w in wa[i1:i2] if w in PRONOUNS]
        xb = [w for w in map(content_word, wb[j1:j2]) if w] + [w for w in wb[j1:j2] if w in PRONOUNS]
        # a number where the other side has words ("by 0" / "before the summer") replaces them too
        za, zb = wa[i1:i2].count("0"), wb[j1:j2].count("0")
        if not (xa or za) or not (xb or zb):
            continue
        lone_a = za > zb or any(x not in all_b and not any(fuzz.ratio(x, y, score_cutoff=SPELLING) for y in xb)
                                for x in xa)
        lone_b = zb > za or any(y not in all_a and not any(fuzz.ratio(y, x, score_cutoff=SPELLING) for x in xa)
                                for y in xb)
        if lone_a and lone_b:
            sa, sb = frozenset(xa) | ({"0"} if za > zb else set()), frozenset(xb) | ({"0"} if zb > za else set())
            out.append((sb, sa) if swap else (sa, sb))
    return out


def _replaces(a: Features, b: Features) -> bool:
    """:func:`substituted` of two wordings, after the cheap necessary test on their words."""
    # one side's words all in the other may still be a replacement: a number or a pronoun
    # where the other side has words
    return a.words != b.words and substituted(a.form, b.form)


def substituted(a: str, b: str) -> bool:
    """Whether two match forms differ by a replaced content word (see :func:`substitutions`):
    another place, organisation, object or person, so another claim."""
    return bool(substitutions(a, b))


def score(a: Features, b: Features, *, score_cutoff: float = 0.0) -> float:
    """:func:`similarity` of two precomputed :class:`Features` (0 when under ``score_cutoff``)."""
    if a.form == b.form:
        return 100.0 if a.form else 0.0
    if not a.form or not b.form:
        return 0.0
    # order the pair so the result cannot depend on argument order
    short, long = (a, b) if (len(a.form), a.form) <= (len(b.form), b.form) else (b, a)
    best = 0.0
    if negations_agree(short, long):
        best = fuzz.ratio(short.form, long.form, score_cutoff=score_cutoff)
        if best and _replaces(short, long):
            best = 0.0
    if best < 100.0 and short.content >= MIN_PARTIAL_CONTENT and len(short.form) < len(long.form):
        cutoff = max(score_cutoff, best) + PARTIAL_PENALTY
        if cutoff <= 100.0:
            best = max(best, _partial(short, long, cutoff) - PARTIAL_PENALTY)
    return best if best >= score_cutoff else 0.0


MASK_BITS = 128


@lru_cache(maxsize=1 << 20)
def word_bit(word: str) -> int:
    """The bit (0-127) a content word sets in a word mask: a fixed hash of the word."""
    return zlib.crc32(word.encode("utf-8")) % MASK_BITS


def word_mask(words: Iterable[str]) -> tuple[int, int]:
    """A 128-bit mask of a set of words (as two 64-bit halves). A bit of ``a`` missing from
    ``b`` means a word of ``a`` is missing from ``b``, so the count of such bits is a lower
    bound of how many words of ``a`` ``b`` lacks: an exact, vectorisable rejection test."""
    m = 0
    for w in words:
        m |= 1 << word_bit(w)
    return m & 0xFFFFFFFFFFFFFFFF, m >> 64


class FeatureTable:
    """:class:`Features` of many match forms as arrays, for :func:`score_pairs`."""

    def __init__(self, feats: Sequence[Features], masks: np.ndarray | None = None) -> None:
        self.feats = list(feats)
        n = len(self.feats)
        # word masks (see word_bits): two uint64 per form; given by callers that have them
        self.masks = masks if masks is not None else np.array(
            [word_mask(f.words) for f in self.feats] or [(0, 0)], dtype=np.uint64).reshape(-1, 2)[:n]
        self.forms = np.array([f.form for f in self.feats] or [""], dtype=object)[:n]
        self.lens = np.fromiter((len(f.form) for f in self.feats), dtype=np.int64, count=n)
        self.content = np.fromiter((f.content for f in self.feats), dtype=np.int64, count=n)
        sigs: dict[tuple[str, ...], int] = {}
        self.negations = np.fromiter((sigs.setdefault(f.negations, len(sigs)) for f in self.feats), dtype=np.int64,
                                     count=n)
        self.n_negations = np.fromiter((len(f.negations) for f in self.feats), dtype=np.int64, count=n)


def score_pairs(table: FeatureTable, ia: np.ndarray, ib: np.ndarray, *, score_cutoff: float,
                workers: int = 1, detail: bool = False):
    """:func:`score` of each pair of rows ``(ia[i], ib[i])`` of ``table``, in batches: the Indel
    ratios and the partial ratios of all pairs at once (``rapidfuzz.process.cpdist``, in
    ``workers`` threads), and the Python-level partial checks (alignment, negations, content
    words) only for the few pairs whose partial ratio could win. Equal, pair by pair, to
    ``score(table.feats[ia[i]], table.feats[ib[i]], score_cutoff=score_cutoff)``. With
    ``detail``, also which pairs scored through partial matching (a fragment inside a longer
    wording: the strictly shorter side is the fragment)."""
    ia, ib = np.asarray(ia, dtype=np.int64), np.asarray(ib, dtype=np.int64)
    n = len(ia)
    out = np.zeros(n, dtype=np.float64)
    via_partial = np.zeros(n, dtype=bool)
    if not n:
        return (out, via_partial) if detail else out
    la, lb = table.lens[ia], table.lens[ib]
    empty = (la == 0) | (lb == 0)
    same = (ia == ib) | ((la == lb) & (table.forms[ia] == table.forms[ib]))
    todo = ~same & ~empty
    ratio_idx = np.flatnonzero(todo & (table.negations[ia] == table.negations[ib]))
    # pairs whose negations differ but may agree once a cut word is left out (negations_agree)
    differ = np.flatnonzero(todo & (table.negations[ia] != table.negations[ib]) & (table.n_negations[ia] > 0)
                            & (table.n_negations[ia] == table.n_negations[ib]))
    if len(differ):
        feats = table.feats
        agree = [i for i in differ.tolist() if negations_agree(feats[ia[i]], feats[ib[i]])]
        if agree:
            ratio_idx = np.sort(np.concatenate([ratio_idx, np.array(agree, dtype=np.int64)]))
    if len(ratio_idx):
        out[ratio_idx] = process.cpdist(table.forms[ia[ratio_idx]].tolist(), table.forms[ib[ratio_idx]].tolist(),
                                        scorer=fuzz.ratio, score_cutoff=score_cutoff, dtype=np.float64,
                                        workers=workers)
        feats = table.feats
        for i in np.flatnonzero(out > 0).tolist():
            if _replaces(feats[ia[i]], feats[ib[i]]):
                out[i] = 0.0
    # partial matching: the strictly shorter side, when it has enough content words
    a_short = la < lb
    short = np.where(a_short, ia, ib)
    long_ = np.where(a_short, ib, ia)
    cutoff = np.maximum(out, score_cutoff) + PARTIAL_PENALTY
    part = np.flatnonzero(todo & (la != lb) & (table.content[short] >= MIN_PARTIAL_CONTENT) & (out < 100.0)
                          & (cutoff <= 100.0))
    if len(part):
        # _partial's cheap tests first, vectorised: a fragment may lack at most one word of its
        # own in the long side; two bits of its word mask missing there prove it lacks two
        ms, ml = table.masks[short[part]], table.masks[long_[part]]
        lacking = np.bitwise_count(ms[:, 0] & ~ml[:, 0]) + np.bitwise_count(ms[:, 1] & ~ml[:, 1])
        part = part[lacking <= 1]
    if len(part):
        forms = table.forms
        # then the exact word test and the verbatim probes: most candidate pairs fail them
        feats = table.feats
        keep = [k for k, (i, j) in enumerate(zip(short[part].tolist(), long_[part].tolist()))
                if len(feats[i].words - feats[j].words) <= 1 and any(q in forms[j] for q in _probes(forms[i]))]
        part = part[keep]
        # (a fragment whose words are all in the long side may score WINDOW_SLACK lower here)
        slack = np.fromiter((WINDOW_SLACK if feats[i].words <= feats[j].words else 0.0
                             for i, j in zip(short[part].tolist(), long_[part].tolist())), dtype=np.float64,
                            count=len(part))
    if len(part):
        pr = process.cpdist(forms[short[part]].tolist(), forms[long_[part]].tolist(), scorer=fuzz.partial_ratio,
                            score_cutoff=max(0.0, score_cutoff + PARTIAL_PENALTY - WINDOW_SLACK), dtype=np.float64,
                            workers=workers)
        for i in part[pr >= cutoff[part] - slack]:
            got = _partial(table.feats[short[i]], table.feats[long_[i]], float(cutoff[i])) - PARTIAL_PENALTY
            if got > out[i]:
                out[i] = got
                via_partial[i] = True
    out[same & ~empty] = 100.0
    out[out < score_cutoff] = 0.0
    via_partial &= out > 0
    return (out, via_partial) if detail else out


def similarity(a: str, b: str, *, score_cutoff: float = 0.0) -> float:
    """0-100 similarity of two match forms (see :func:`match_form`). Symmetric; 100 for equal
    forms; a truncated or embedded quote scores its partial ratio (less a small penalty); a
    negation on one side only scores 0."""
    return score(Features.of(a), Features.of(b), score_cutoff=score_cutoff)


def text_similarity(a: str | None, b: str | None, *, score_cutoff: float = 0.0) -> float:
    """:func:`similarity` of two raw claim texts."""
    return similarity(match_form(a), match_form(b), score_cutoff=score_cutoff)
