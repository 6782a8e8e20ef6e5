"""Attribution cues in a list of words: verbs, participles and nominal phrases.

A verb cue is any generated form of a lemma in ``cue_verbs.tsv`` (:mod:`claims.nlp.ar.forms`),
written alone or after a conjunction (وقال, فأكد). Whether a candidate really attributes
something is decided by :mod:`claims.nlp.ar.attribution`, which looks for its complement;
this module only finds candidates and what their form says (tense, gender, number).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from claims.nlp.ar.forms import VerbForm, verb_forms
from claims.nlp.ar.lex import lexicon
from claims.nlp.ar.words import forms, Word
from claims.normalize import strip_diacritics

# Complementizers (normalised): أن/إن alone or with a pronoun suffix, with ب/و/ف in front.
_AN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك", "كم")
COMPLEMENTIZERS = frozenset(p + "ان" + s for p in ("", "ب", "و", "ف", "وب") for s in _AN_SUFFIXES) - {"وان", "فان"}
# Words before أن that make it part of a conjunction, not a complementizer (إلا أن "however").
NOT_COMPLEMENTIZER_BEFORE = frozenset("الا غير رغم برغم بعد قبل منذ حتى كما بيد لو لاجل مع دون بدون".split())
DEMONSTRATIVES = frozenset("هذا هذه ذلك تلك هولاء".split())
# Verb forms spelt like a preposition (بين "between" / بيّن "showed"): without a conjunction
# and right after a word of the sentence they are the preposition ("الأزمة بين الكويت
# والفلبين"); as verbs they open a clause (وبيّن, "كما بين", after a comma).
PREPOSITION_HOMOGRAPHS = frozenset({"بين"})
VERB_AFTER = frozenset({"كما", "فيما", "وقد", "قد", "ثم", "وكما"})


@dataclass
class Cue:
    """A cue candidate: words ``i``..``j-1`` (``j`` is the first word after the cue)."""

    kind: str  # verb | participle | nominal
    i: int
    j: int
    lemma: str
    gender: str | None = None
    number: str | None = None
    tense: str | None = None
    preps: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    conj: bool = False
    nominal: str | None = None  # nominal cue kind: according | via | self


def is_complementizer(words: list[Word], k: int) -> bool:
    """``words[k]`` is أن/إن (with suffix or ب) introducing a clause."""
    w = words[k]
    if w.norm not in COMPLEMENTIZERS or "آ" in w.text[:2]:  # آن (Anne) is a name
        return False
    if k > 0 and words[k - 1].norm in NOT_COMPLEMENTIZER_BEFORE and w.norm[0] not in "بو":
        return False
    if w.norm == "ان" and k > 0 and _inside_outlet_name(words, k):
        return False  # "سي إن إن": the letters of CNN
    return True


# Prepositions that take a verb's أن-clause (أكد على أن, أشار إلى أن, كشف عن أن)
CLAUSE_PREPOSITIONS = frozenset({"علي", "الي", "عن"})


def preposition_then_clause(words: list[Word], k: int) -> bool:
    """``words[k]`` is على/إلى/عن followed by an أن-clause ("… الخيام على أن"): the verb's
    complement starts there, so a name before it ends at ``k``."""
    return words[k].norm in CLAUSE_PREPOSITIONS and k + 1 < len(words) and is_complementizer(words, k + 1)


def _inside_outlet_name(words: list[Word], k: int) -> bool:
    """Word ``k`` lies inside a named outlet that starts one or two words before it."""
    from claims.nlp.ar.sources import outlet_len  # (sources reads this module's complementizers)

    return any(start >= 0 and outlet_len(words, start)[0] > k - start for start in (k - 1, k - 2))


def _verb_readings(w: Word) -> tuple[tuple[VerbForm, ...], bool]:
    """Readings of a word as a cue verb form, and whether a conjunction was stripped."""
    table = verb_forms()
    r = table.get(w.norm)
    if r:
        return _nouns_out(w, r), False
    if w.bare != w.norm:
        r = table.get(w.bare)
        if r:
            return _nouns_out(w, r), True
    elif len(w.norm) == 3 and w.norm[0] in "وف":
        r = table.get(w.norm[1:])  # "فرد", "وردّ": a two-letter verb (ردّ) after و/ف
        if r:
            return tuple(x for x in r if x.tense == "perfect"), True
    return (), False


def _nouns_out(w: Word, readings: tuple[VerbForm, ...]) -> tuple[VerbForm, ...]:
    """Drop the perfect 3ms reading of a lemma ending in ى when the word is written with a
    final ي: رأي, نفي are the nouns "opinion", "denial", not the verbs رأى, نفى."""
    if not strip_diacritics(w.text).endswith("ي"):
        return readings
    return tuple(r for r in readings if not (r.tense == "perfect" and r.lemma.endswith("ى")
                                              and r.gender == "m" and r.number == "s"))


# Object pronoun suffixes a cue verb may carry (وصفه, اتهمته, أبلغها).
_OBJ_SUFFIXES = ("هما", "هم", "هن", "ها", "ه")


def _suffixed_readings(w: Word) -> tuple[tuple[VerbForm, ...], bool]:
    """Readings of a cue verb with an object pronoun (ما وصفه "…", واتهمته بـ…), and whether a
    conjunction was stripped; such a cue must have its complement right after it."""
    table = verb_forms()
    for form, conj in ((w.norm, False), (w.bare, True)):
        if conj and w.bare == w.norm:
            continue
        for suf in _OBJ_SUFFIXES:
            if form.endswith(suf) and len(form) - len(suf) >= 3:
                r = table.get(form[: -len(suf)])
                if r:
                    return tuple(x for x in r if x.tense != "participle"), conj
    return (), False


def _best(readings: tuple[VerbForm, ...]) -> VerbForm:
    """The reading to use when a form has several."""
    # a form read both as perfect and imperfect/participle: prefer the finite verb
    order = {"perfect": 0, "imperfect": 1, "participle": 2}
    return min(readings, key=lambda r: order[r.tense])


def find_cues(words: list[Word], may_open: Iterable[object] | None = None) -> list[Cue]:
    """Every cue candidate in ``words`` (one sentence), left to right. ``may_open`` tells word
    by word whether it can open one (:func:`may_open_cue`), when the caller knows already."""
    lex = lexicon()
    if may_open is None:
        may_open = map(_cue_reading, [w.text for w in words])
    norms: list[str] | None = None
    out: list[Cue] = []
    k = 0  # the first word not yet used by a cue
    for i in compress(range(len(words)), may_open):  # (most words can open no cue)
        if i < k:
            continue
        w = words[i]
        firsts, verb = _cue_reading(w.text)
        # nominal phrases (longest first); the first word may carry و
        m = None
        if firsts:
            norms = norms or [x.norm for x in words]
            for first in firsts:
                m = _nominal_at(lex.cue_phrases, first, norms, i)
                if m:
                    break
        if m:
            key, length = m
            out.append(Cue("nominal", i, i + length, " ".join(key), nominal=lex.cue_phrases[key],
                           conj=w.bare != w.norm))
            k = i + length
            continue
        if verb is not None and not _preposition_here(words, i):
            kind, fields = verb
            out.append(Cue(kind, i, i + 1, *fields))
        k = i + 1
    return out


def _preposition_here(words: list[Word], i: int) -> bool:
    """``words[i]`` is a preposition spelt like a cue verb, as used here (see
    :data:`PREPOSITION_HOMOGRAPHS`), or another word that only looks like one here: تابع
    before ل ("تطبيق تابع لشبكة": affiliated to), يدعى/تدعى with alif maqsura ("is named")."""
    w = words[i]
    if w.norm == "تابع" and i + 1 < len(words) and words[i + 1].norm[:1] == "ل" and not words[i + 1].norm.startswith("ال"):
        return True
    if w.bare in ("يدعي", "تدعي") and strip_diacritics(w.text).endswith("ى"):
        return True
    if w.norm not in PREPOSITION_HOMOGRAPHS or w.bare != w.norm or "\u0651" in w.text or i == 0:
        return False
    prev = words[i - 1]
    return not prev.is_punct and prev.norm not in VERB_AFTER


def may_open_cue(text: str) -> bool:
    """Whether a word written ``text`` can open a cue candidate."""
    return _cue_reading(text) is not None


@lru_cache(maxsize=65536)
def _cue_reading(text: str) -> tuple[tuple[str, ...], tuple[str, tuple] | None] | None:
    """What a word written ``text`` may open, once per spelling: (its forms that start a nominal
    phrase, its verb cue as (kind, the :class:`Cue` fields after ``j``) or None); None when
    neither."""
    norm, bare = forms(text)
    if not (text[:1].isalnum() or text[:1] == "#"):
        return None  # punctuation
    firsts = _phrase_firsts()
    starts = tuple(dict.fromkeys(f for f in (norm, bare) if f in firsts))
    r, conj, flags = _verb_reading(text, norm, bare)
    if not starts and r is None:
        return None
    if r is None:
        return starts, None
    kind = "participle" if r.tense == "participle" else "verb"
    return starts, (kind, (r.lemma, r.gender, r.number, r.tense, r.preps, r.flags | flags, conj))


@lru_cache(maxsize=65536)
def _verb_reading(text: str, norm: str, bare: str) -> tuple[VerbForm | None, bool, frozenset[str]]:
    """(reading, conjunction stripped, extra flags) of a word written ``text`` as a cue verb,
    answered once per spelling; the reading is None when the word is no cue verb."""
    w = Word(text, 0, 0, norm, bare)
    readings, conj = _verb_readings(w)
    flags: frozenset[str] = frozenset()
    if not readings and not w.definite:
        readings, conj = _suffixed_readings(w)
        flags = frozenset({"pron"})
    return (_best(readings) if readings else None), conj, flags


@lru_cache(maxsize=1)
def _phrase_firsts() -> frozenset[str]:
    return frozenset(key[0] for key in lexicon().cue_phrases)


def _nominal_at(table: dict[tuple[str, ...], str], first: str, norms: list[str], k: int):
    """(entry, words used) for a nominal cue whose first word (read as ``first``) is at ``k``; an
    entry ending in ل may be the prefix of the next word (وفقا لمصادر, وفقا لـ"رويترز")."""
    for size in (4, 3, 2, 1):
        if k + size > len(norms):
            continue
        words_ = (first, *norms[k + 1:k + size])
        if words_ in table:
            return words_, size
        last = words_[-1]
        if size > 1 and last.startswith("ل") and len(last) > 1 and (*words_[:-1], "ل") in table:
            return (*words_[:-1], "ل"), size - 1
    return None
