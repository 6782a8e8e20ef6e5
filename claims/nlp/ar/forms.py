"""Inflected forms of Arabic attribution verbs, generated from one lexicon line per lemma.

``cue_verbs.tsv`` gives the 3rd person masculine singular perfect (قال) and imperfect (يقول),
the masculine accusative participle (قائلا) and a morphological class; :func:`conjugate` makes
the forms news text uses: 3rd person perfect and imperfect in all genders and numbers, and the
circumstantial participle in all genders, numbers and tanween spellings. Surface forms are
returned with their slot (``p3fs``, ``i3mp``, ``a_ms`` …) so that gender and number agreement can
be read off a matched form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claims.nlp.lexicons import load_tsv
from claims.normalize import normalize, strip_diacritics

CLASSES = ("sound", "hollow", "defective", "defective_w", "doubled")
TANWEEN_FATH = "\u064b"

# slot -> (tense, gender, number): p = perfect, i = imperfect, a = participle (accusative)
SLOTS: dict[str, tuple[str, str, str]] = {
    "p3ms": ("perfect", "m", "s"), "p3fs": ("perfect", "f", "s"), "p3mp": ("perfect", "m", "p"),
    "p3fp": ("perfect", "f", "p"), "p3md": ("perfect", "m", "d"), "p3fd": ("perfect", "f", "d"),
    "i3ms": ("imperfect", "m", "s"), "i3fs": ("imperfect", "f", "s"), "i3mp": ("imperfect", "m", "p"),
    "i3fp": ("imperfect", "f", "p"), "i3md": ("imperfect", "m", "d"), "i3fd": ("imperfect", "f", "d"),
    "a_ms": ("participle", "m", "s"), "a_fs": ("participle", "f", "s"), "a_mp": ("participle", "m", "p"),
    "a_fp": ("participle", "f", "p"), "a_fd": ("participle", "f", "d"),
}


# The masculine dual perfect (نقلا, ذكرا, كشفا) is spelled like an accusative noun or adverb
# and almost never reports speech in news (a dual subject after the verb takes the singular).
UNMATCHED_SLOTS = frozenset({"p3md"})


def perfect_forms(stem: str, cls: str) -> dict[str, str]:
    """3rd person perfect forms of a 3ms perfect ``stem`` (diacritics removed)."""
    if cls == "defective":  # نفى -> نفت نفوا نفين نفيا نفتا
        b = stem[:-1]
        return {"p3ms": stem, "p3fs": b + "ت", "p3mp": b + "وا", "p3fp": b + "ين", "p3md": b + "يا", "p3fd": b + "تا"}
    if cls == "defective_w":  # عزا -> عزت عزوا عزون عزوا عزتا
        b = stem[:-1]
        return {"p3ms": stem, "p3fs": b + "ت", "p3mp": b + "وا", "p3fp": b + "ون", "p3md": b + "وا", "p3fd": b + "تا"}
    fp = stem + "ن"
    if cls == "hollow":  # قال -> قلن
        fp = stem[:-2] + stem[-1] + "ن"
    elif cls == "doubled":  # أقر -> أقررن
        fp = stem + stem[-1] + "ن"
    return {"p3ms": stem, "p3fs": stem + "ت", "p3mp": stem + "وا", "p3fp": fp, "p3md": stem + "ا", "p3fd": stem + "تا"}


def imperfect_forms(stem: str, cls: str) -> dict[str, str]:
    """3rd person imperfect forms of a 3ms imperfect ``stem`` (starting with ي)."""
    t = "ت" + stem[1:]
    if cls == "defective":
        b = stem[:-1]
        if stem.endswith("ى"):  # يرى -> يرون يرين يريان
            return {"i3ms": stem, "i3fs": t, "i3mp": b + "ون", "i3fp": b + "ين", "i3md": b + "يان", "i3fd": "ت" + b[1:] + "يان"}
        # ينفي -> ينفون ينفين ينفيان
        return {"i3ms": stem, "i3fs": t, "i3mp": b + "ون", "i3fp": stem + "ن", "i3md": stem + "ان", "i3fd": t + "ان"}
    if cls == "defective_w":  # يعزو -> يعزون يعزون يعزوان
        b = stem[:-1]
        return {"i3ms": stem, "i3fs": t, "i3mp": b + "ون", "i3fp": stem + "ن", "i3md": stem + "ان", "i3fd": t + "ان"}
    fp = stem + "ن"
    if cls == "hollow":  # يقول -> يقلن
        fp = stem[:-2] + stem[-1] + "ن"
    elif cls == "doubled":  # يقر -> يقررن
        fp = stem + stem[-1] + "ن"
    return {"i3ms": stem, "i3fs": t, "i3mp": stem + "ون", "i3fp": fp, "i3md": stem + "ان", "i3fd": t + "ان"}


def participle_forms(acc: str, cls: str = "sound") -> dict[str, list[str]]:
    """Circumstantial participle spellings from the masculine accusative (قائلا): every gender
    and number, with the tanween written on or before the alif, or not at all."""
    base = acc[:-1] if acc.endswith("ا") else acc
    # defective participles drop their final ي before the plural ending: نافيا -> نافين
    mp = base[:-1] + "ين" if cls == "defective" and base.endswith("ي") else base + "ين"
    return {
        "a_ms": [base + "ا", base + "ا" + TANWEEN_FATH, base + TANWEEN_FATH + "ا"],
        "a_fs": [base + "ة", base + "ة" + TANWEEN_FATH],
        "a_mp": [mp],  # also the masculine dual accusative
        "a_fp": [base + "ات"],
        "a_fd": [base + "تين"],
    }


def conjugate(perfect: str, imperfect: str | None, participle: str | None, cls: str) -> dict[str, list[str]]:
    """All generated surface forms of one lemma, by slot."""
    if cls not in CLASSES:
        raise ValueError(f"unknown verb class {cls!r} (expected one of {', '.join(CLASSES)})")
    out: dict[str, list[str]] = {k: [v] for k, v in perfect_forms(strip_diacritics(perfect), cls).items()}
    if imperfect:
        out.update({k: [v] for k, v in imperfect_forms(strip_diacritics(imperfect), cls).items()})
    if participle:
        out.update(participle_forms(strip_diacritics(participle), cls))
    return out


@dataclass(frozen=True)
class VerbForm:
    """What a matched cue form tells: its lemma, tense, agreement and the lemma's frame."""

    lemma: str
    tense: str  # perfect | imperfect | participle
    gender: str  # m | f
    number: str  # s | d | p
    preps: tuple[str, ...]  # normalised prepositions that may introduce the content
    flags: frozenset[str]


def _cell(row: tuple[str, ...], i: int) -> str | None:
    """A lexicon cell, None for '-' or a missing column."""
    v = row[i] if i < len(row) else "-"
    return None if v in ("-", "") else v


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, tuple[VerbForm, ...]]:
    """Normalised surface form -> the readings it has (a form may belong to two slots)."""
    table: dict[str, list[VerbForm]] = {}
    for row in load_tsv("ar", "cue_verbs.tsv", min_columns=4):
        perfect, imperfect, participle, cls = row[0], _cell(row, 1), _cell(row, 2), row[3]
        preps = tuple(normalize(p) for p in (_cell(row, 4) or "").split(",") if p)
        flags = frozenset(f for f in (_cell(row, 5) or "").split(",") if f)
        lemma = strip_diacritics(perfect)
        for slot, forms in conjugate(perfect, imperfect, participle, cls).items():
            if slot in UNMATCHED_SLOTS:
                continue
            tense, gender, number = SLOTS[slot]
            vf = VerbForm(lemma, tense, gender, number, preps, flags)
            for f in forms:
                readings = table.setdefault(normalize(f), [])
                if vf not in readings:
                    readings.append(vf)
    return {k: tuple(v) for k, v in table.items()}
