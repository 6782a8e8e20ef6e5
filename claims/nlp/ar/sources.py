"""Sources: the outlet, document, channel or venue a claim is known through, as named.

:func:`find_sources` reads a stretch of words (the words between a cue and its content, or a
sentence's opening phrase) for a source noun (صحيفة, بيان, مذكرة, تغريدة, مؤتمر صحفي …), a
platform (تويتر, Slack) or a venue (مجلس النواب), behind a preposition, and returns the noun
phrase: the noun with its name (صحيفة "الأفق اليومي", مجلة Nexa), its adjectives (مذكرة
داخلية) and a short attachment (صادر عن …, مع …, على تويتر), never the rest of the sentence.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from claims.nlp.ar.cues import COMPLEMENTIZERS
from claims.nlp.ar.forms import verb_forms
from claims.nlp.ar.lex import lexicon, match_phrase, phrase_index
from claims.nlp.ar.names import is_latin, name_like
from claims.nlp.ar.words import QUOTE_CHARS, Word, strip_article
from claims.normalize import normalize

# Prepositions in front of a source (separate words); ب ل are also written solid.
SOURCE_PREPS = frozenset(normalize(w) for w in "في عبر خلال على إلى أمام من داخل وفي وعبر وخلال ضيف ضيفة".split())
_ATTACH = {  # words that continue a source phrase, and how many words follow them
    **{normalize(w): 4 for w in ("صادر", "صادرة", "الصادر", "الصادرة")},
    **{normalize(w): 3 for w in ("أعده", "أعدته", "نشره", "نشرته", "نشرها", "بثته", "بثها", "أجرتها", "أجراها")},
}
_ATTACH_PREPS = {"مع": ("event", "channel", "document"), "الي": ("document",), "علي": ("channel", "document"),
                 "في": ("event",), "عن": ()}
_SUFFIXES = (("تهم", "ه"), ("تها", "ه"), ("ته", "ه"), ("هم", ""), ("ها", ""), ("ه", ""))
_ON = frozenset(normalize(w) for w in "عبر على وعبر وعلى".split())
DEMONSTRATIVES = frozenset(normalize(w) for w in "هذا هذه ذلك تلك".split())
NEWS_WORDS = frozenset(normalize(w) for w in "للأنباء الأنباء أنباء الإخبارية الإخباري".split())


@dataclass(frozen=True)
class Source:
    """A source phrase found in the text."""
    text: str
    start: int
    end: int
    kind: str  # outlet | document | channel | event | venue | platform
    noun: str | None = None  # normalised head noun (مذكره), for anaphora
    anaphoric: bool = False  # المذكرة, هذه المذكرة, مذكرته: refers back to one named before


@lru_cache(maxsize=65536)
def noun_of(norm: str) -> tuple[str | None, bool]:
    """(source noun, pronoun-suffixed) of a normalised word, or (None, False)."""
    nouns = lexicon().source_nouns
    w = norm
    if strip_article(w) in nouns:
        return strip_article(w), False
    if w[:1] in "لب" and not w.startswith("ال") and len(w) > 3:
        if strip_article(w[1:]) in nouns:
            return strip_article(w[1:]), False
        w2 = w[1:]
    else:
        w2 = w
    base = strip_article(w2)
    if base in nouns:
        return base, False
    if base.startswith("ل") and base[1:] in nouns:  # للبيان -> بيان
        return base[1:], False
    for suf, rep in _SUFFIXES:
        if base.endswith(suf) and len(base) - len(suf) >= 3:
            cand = base[: -len(suf)] + rep
            if cand in nouns:
                return cand, True
    return None, False


def _stop(w: Word) -> bool:
    """Words that end any source phrase."""
    return w.is_punct and w.text not in QUOTE_CHARS or w.norm in COMPLEMENTIZERS or w.norm in verb_forms() \
        or w.bare in verb_forms() or w.norm in _OCCASION_PREPS


# "في تصريح صحفي إثر اللقاء": the occasion after a source noun is not part of its name
_OCCASION_PREPS = frozenset(normalize(w) for w in "إثر عقب غداة أثناء قبيل بعيد بعد قبل خلال منذ".split())


def _quoted_end(ws: list[Word], k: int, hi: int) -> int:
    """Index after the closing mark of a quotation opening at ``ws[k]`` (k itself if none)."""
    for m in range(k + 1, min(hi, k + 8)):
        if ws[m].text in QUOTE_CHARS:
            return m + 1
    return k


def _name_end(ws: list[Word], k: int, hi: int, limit: int = 4) -> int:
    """End of a name after an outlet noun: a quotation, Latin or other name words, then the
    outlet's adjectives (الإخباري)."""
    lex = lexicon()
    if k < hi and ws[k].text in QUOTE_CHARS:
        k = _quoted_end(ws, k, hi)
    elif k < hi and lex.source_nouns.get(strip_article(ws[k].norm)) == "outlet":
        return _name_end(ws, k + 1, hi)  # مقابلة مع قناة الحرة
    else:
        start = k
        while k < hi and k - start < limit and not _stop(ws[k]) and (
                name_like(ws[k]) or is_latin(ws[k]) or ws[k].hashtag or ws[k].definite
                or strip_article(ws[k].norm) in lex.org_nouns):
            if ws[k].norm in lex.function_words:
                break
            k += 1
        if start < k < hi and k - start <= 2 and ws[k].text in QUOTE_CHARS:
            k = _quoted_end(ws, k, hi)  # وكالة أنباء "…"
    while k < hi and (ws[k].definite and lex.is_modifier(ws[k].norm) or ws[k].norm in NEWS_WORDS):
        k += 1  # (وكالة "…" الرسمية للأنباء)
    return k


def _phrase_end(ws: list[Word], k: int, hi: int, kind: str) -> int:
    """End (exclusive) of the source phrase whose noun is ``ws[k]``."""
    lex = lexicon()
    e = k + 1
    if kind == "outlet":
        return _name_end(ws, e, hi)
    # adjectives and a genitive (مذكرة داخلية, التقرير الفصلي الجديد, مذكرة نصار, مؤتمر صحفي)
    n = 0
    while e < hi and n < 3 and not _stop(ws[e]) and ws[e].norm not in lex.function_words \
            and ws[e].norm not in _ATTACH and ws[e].text not in QUOTE_CHARS \
            and (noun_of(ws[e].norm)[0] is None or n == 0 and ws[e].norm[:1] == "ل"):
        if ws[e].norm[:1] in "لب" and not ws[e].norm.startswith("ال") and n or ws[e].norm == "ل":
            break
        if _verb_like(ws[e]):
            break
        e += 1
        n += 1
    if n and e < hi and kind in ("event", "document") and ws[e - 1].norm[:1] == "ل" \
            and lex.source_nouns.get(noun_of(ws[e - 1].norm)[0]) == "outlet":
        g = _name_end(ws, e, hi, 3)  # تصريح لموقع "الأفق": the outlet's name
        if g > e:
            return g
    if e < hi and ws[e].norm in _ATTACH:
        f = e + 2 if e + 1 < hi and ws[e + 1].norm == "عن" else e + 1
        g = _name_end(ws, f, hi, _ATTACH[ws[e].norm])
        return g if g > f else e  # "تقرير نشرته الخميس": nothing names the publisher
    if e < hi and kind in ("event", "document") and ws[e].norm == "ل" and e + 1 < hi:
        g = _name_end(ws, e + 1, hi, 3)  # تصريح لـ"الشرق الأوسط"
        return g if g > e + 1 else e
    if e < hi and ws[e].text in QUOTE_CHARS and kind == "document":
        return _quoted_end(ws, e, hi) if _quoted_end(ws, e, hi) > e else e
    if e + 1 < hi and kind in _ATTACH_PREPS.get(ws[e].norm, ()):
        return _name_end(ws, e + 1, hi, 2)
    return e


def after_prefix(w: Word) -> int:
    """Offset just after a one-letter preposition written solid (لصحيفة, بـ"…"), skipping its
    diacritics and tatweel."""
    a = w.start + 1
    while a < w.end and (w.text[a - w.start] == "ـ" or "\u064b" <= w.text[a - w.start] <= "\u065f"):
        a += 1
    return a


@lru_cache(maxsize=1)
def _firsts() -> frozenset[str]:
    """First words of platform and venue names."""
    lex = lexicon()
    return frozenset(k[0] for k in (*lex.platforms, *lex.venues))


@lru_cache(maxsize=65536)
def _solid_first(norm: str) -> tuple[bool, str]:
    """(solid, first) of a normalised word: whether it carries a preposition ل/ب written solid,
    and the word to look platform and venue names up by (without that preposition, or without
    و before a platform: وتويتر)."""
    lex = lexicon()
    solid = norm[:1] in "لب" and not norm.startswith("ال") and not _whole_word_source(norm)
    first = norm[1:] if solid and len(norm) > 3 else norm
    if first.startswith("و") and len(first) > 3 and first[1:] in phrase_index(lex.platforms)[0]:
        first = first[1:]
    return solid, first


@lru_cache(maxsize=65536)
def _may_open(norm: str) -> bool:
    """Whether a word (normalised) can start a source phrase in :func:`find_sources`: ل (before
    a quoted name), a named outlet, a platform or venue, or a source noun. Most words cannot,
    and are passed over at once."""
    firsts, _ = phrase_index(lexicon().outlets)
    return norm == "ل" or norm in firsts or (norm[:1] in "لب" and norm[1:] in firsts) \
        or _solid_first(norm)[1] in _firsts() or noun_of(norm)[0] is not None


def _whole_word_source(norm: str) -> bool:
    """بيان, بودكاست, لقاء: the word itself is a source noun or platform, its first letter no
    preposition."""
    lex = lexicon()
    return strip_article(norm) in lex.source_nouns or (norm,) in lex.platforms


_QUOTE_MARK = re.compile("[" + "".join(sorted(QUOTE_CHARS)) + "]")


def _balanced(t: str) -> str:
    """A phrase without a stray quotation mark at its edge."""
    t = t.strip()
    if len(_QUOTE_MARK.findall(t)) % 2:
        t = t.strip("".join(QUOTE_CHARS)).strip()
    return t


def _verb_like(w: Word) -> bool:
    """An imperfect verb after a document noun (مذكرة داخلية ترجع إلى …) ends its phrase."""
    n = w.norm
    return n[:1] in "يت" and not w.definite and len(n) >= 4 and not n.endswith(("ه", "ي", "ات")) \
        and noun_of(n)[0] is None and strip_article(n) not in lexicon().titles


def may_open_source(w: Word) -> bool:
    """Whether a word can start a source phrase in :func:`find_sources` (see :func:`_may_open`)."""
    return not w.is_punct and _may_open(w.norm)


def find_sources(text: str, ws: list[Word], lo: int, hi: int, need_prep: bool = True,
                 opens: list[int] | None = None) -> list[Source]:
    """Source phrases in ``ws[lo:hi]``. With ``need_prep`` a source must follow a preposition
    (في بيان, لصحيفة, عبر تويتر, بمجلس النواب) — a bare noun there is usually not one.
    ``opens``, when the caller has it, lists (in order) the indices of the words of ``ws`` that
    may start one (:func:`may_open_source`); the others are passed over."""
    lex = lexicon()
    out: list[Source] = []
    if opens is None:
        starts: Iterable[int] = (i for i in range(lo, hi) if may_open_source(ws[i]))
    else:
        starts = opens[bisect.bisect_left(opens, lo):bisect.bisect_left(opens, hi)]
    k = lo  # the first word not yet read
    for i in starts:
        if i < k:
            continue  # (inside a phrase already found)
        k = i
        w = ws[k]
        if w.norm == "ل" and k + 1 < hi and ws[k + 1].text in QUOTE_CHARS:
            e = _quoted_end(ws, k + 1, hi)
            if e > k + 2:
                out.append(Source(text[ws[k + 1].start:ws[e - 1].end], ws[k + 1].start, ws[e - 1].end, "outlet"))
                k = e
                continue
        prev = ws[k - 1].norm if k > lo else ""
        prev2 = ws[k - 2].norm if k - 1 > lo else ""
        # a named outlet or agency told or carrying the claim (لرويترز, لـ"بي بي سي", وفقا لأسوشيتد برس)
        ol, prefixed = outlet_len(ws, k, hi)
        if ol and (prefixed or prev in ("ل", "لـ", "مع", "لدي") or not need_prep):
            a = after_prefix(w) if prefixed else w.start
            out.append(Source(text[a:ws[k + ol - 1].end], a, ws[k + ol - 1].end, "outlet"))
            k += ol
            continue
        solid, first = _solid_first(w.norm)
        preceded = prev in SOURCE_PREPS or solid or not need_prep or prev == "ردا" \
            or (prev in DEMONSTRATIVES and prev2 in SOURCE_PREPS)
        if preceded:
            m = 0
            if first in _firsts():
                row = [first] + [x.norm for x in ws[k + 1:min(hi, k + 5)]]
                m = match_phrase(lex.platforms, row, 0) or match_phrase(lex.venues, row, 0, 4)
                if m and match_phrase(lex.platforms, row, 0) and need_prep and prev not in _ON and not solid:
                    m = 0  # "في فيسبوك" is the company; "على/عبر فيسبوك" the platform
            if m:
                kind = "platform" if match_phrase(lex.platforms, row, 0) else "venue"
                a = after_prefix(w) if solid else w.start
                out.append(Source(text[a:ws[k + m - 1].end], a, ws[k + m - 1].end, kind))
                k += m
                continue
            noun, suffixed = noun_of(w.norm)
            if noun and suffixed and lex.source_nouns[noun] == "document" and prev in DURING:
                k += 1
                continue  # "خلال دراسته": during his studies, no document
            if noun and lex.source_nouns[noun] == "event" and process_event(ws, k, hi):
                k += 1
                continue  # "الحوار الوطني", "الحوار بين الأحزاب": a political process, no channel
            if noun:
                kind = lex.source_nouns[noun]
                e = _phrase_end(ws, k, hi, kind)
                if kind == "outlet" and e == k + 1 and not w.definite and not suffixed:
                    k += 1
                    continue  # an outlet noun with no name is not a source (لموقع)
                if kind == "outlet" and not news_phrase(ws, k, e):
                    k = e
                    continue  # "الوكالة الدولية للطاقة الذرية": an agency, not a news agency
                a = after_prefix(w) if solid and not w.norm.startswith("لل") else w.start
                definite = w.definite
                anaphoric = suffixed or prev in DEMONSTRATIVES or (definite and e == k + 1)
                out.append(Source(_balanced(text[a:ws[e - 1].end]), a, ws[e - 1].end, kind, noun, anaphoric))
                k = e
                continue
        k += 1
    return out


DURING = frozenset(normalize(w) for w in "خلال أثناء طوال إبان وخلال وأثناء".split())
# Adjectives and words after حوار that make it a political process, not an interview.
PROCESS_WORDS = frozenset(normalize(w) for w in "الوطني الوطنية السياسي المجتمعي الاجتماعي بين".split())


def process_event(ws: list[Word], k: int, hi: int) -> bool:
    """The event noun at ``k`` is حوار naming a political process (الحوار الوطني, حوار بين
    الأحزاب), not an interview."""
    return strip_article(strip_prep(ws[k].norm)) == "حوار" and k + 1 < hi and ws[k + 1].norm in PROCESS_WORDS


def strip_prep(n: str) -> str:
    """A normalised word without a solid ب/ل in front (بالحوار -> الحوار)."""
    return n[1:] if n[:1] in "بل" and len(n) > 3 and not n.startswith("ال") else n


# Outlet nouns that also head bodies of other kinds (وكالة الطاقة, هيئة الرقابة, شبكة الكهرباء):
# they name an outlet only with a news word, a quoted or Latin name or a known outlet after them.
AMBIGUOUS_OUTLETS = frozenset(normalize(w) for w in "وكالة هيئة شبكة".split())


def news_phrase(ws: list[Word], k: int, e: int) -> bool:
    """The outlet phrase ``ws[k:e]`` names a news outlet (see AMBIGUOUS_OUTLETS)."""
    noun, _ = noun_of(ws[k].norm)
    if noun not in AMBIGUOUS_OUTLETS:
        return True
    for m in range(k + 1, e):
        w = ws[m]
        if w.text in QUOTE_CHARS or w.norm in NEWS_WORDS or is_latin(w) or outlet_len(ws, m, e)[0] \
                or strip_article(w.norm) in ("اذاعه", "اعلام", "صحافه", "تلفزيون", "بث"):
            return True
    return False


def outlet_len(ws: list[Word], k: int, hi: int | None = None) -> tuple[int, bool]:
    """(words, written with a solid ل/ب) of a named outlet (``outlets.txt``) starting at
    ``ws[k]``: رويترز, لرويترز, أسوشيتد برس; (0, False) when none starts there."""
    lex = lexicon()
    hi = len(ws) if hi is None else hi
    if k >= hi or ws[k].is_punct:
        return 0, False
    first = ws[k].norm
    firsts, _ = phrase_index(lex.outlets)
    if first not in firsts and not (first[:1] in "لب" and first[1:] in firsts):
        return 0, False  # the common case, decided without building the word list
    norms = [x.norm for x in ws[k:min(hi, k + 4)]]
    m = match_phrase(lex.outlets, norms, 0, 4)
    if m:
        return m, False
    first = norms[0]
    if first[:1] in "لب" and len(first) >= 3 and not first.startswith("ال"):
        m = match_phrase(lex.outlets, [first[1:]] + norms[1:], 0, 4)  # (لبي بي سي: ل before a two-letter word)
        if m:
            return m, True
    return 0, False


def outlet_after(text: str, ws: list[Word], k: int, hi: int) -> Source | None:
    """An outlet phrase starting at ``ws[k]`` (صحيفة X, "رويترز"), for "seen by"/"told to"."""
    noun, _ = noun_of(ws[k].norm)
    if noun and lexicon().source_nouns[noun] == "outlet":
        e = _phrase_end(ws, k, hi, "outlet")
        if e > k + 1:
            return Source(text[ws[k].start:ws[e - 1].end], ws[k].start, ws[e - 1].end, "outlet", noun)
    return None
