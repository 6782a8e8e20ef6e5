"""Names across scripts: Arabic -> Latin romanisation and consonant skeletons.

Arabic spells foreign names by their consonants and long vowels (سام ألتمان, مارك زوكربيرغ),
and Latin spells Arabic names many ways (Mohammed, Muhammad). Both reduce to the same
*consonant skeleton*: letters mapped to classes of sounds the two scripts confuse, vowels
(and the letters Arabic uses as vowels: ا و ي ع ء ه ح) dropped, doubled letters collapsed::

    Sam Altman      -> "SM LTMN"       سام ألتمان     -> "SM LTMN"
    Mark Zuckerberg -> "MRK SKRBRG"    مارك زوكربيرغ  -> "MRK SKRBRG"

Classes: B=b/p/ب, T=t/th/ت/ط/ث, D=d/dh/د/ض/ذ, S=s/z/ز/س/ص/ظ, C=sh/ch/sch/ش/تش, K=k/c/q/ck/kh/
ك/ق/خ, G=g/j/gh/dj/ج/غ, F=f/v/ph/ف/ڤ, L M N R. ``coarse`` skeletons also merge C into S
(Guterres / غوتيريش).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Indel

from claims.normalize import fold_arabic, normalize

# Arabic letter -> readable Latin (و and ي handled apart: consonant or long vowel).
AR_LATIN = {
    "ء": "'", "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh",
}
AR_CLASS = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ض": "D", "ذ": "D",
    "ز": "S", "س": "S", "ص": "S", "ظ": "S", "ش": "C", "چ": "C", "ژ": "G", "ك": "K", "ق": "K",
    "خ": "K", "ج": "G", "غ": "G", "ف": "F", "ل": "L", "م": "M", "ن": "N", "ر": "R",
}
LATIN_CLASS = {
    "b": "B", "p": "B", "t": "T", "d": "D", "s": "S", "z": "S", "k": "K", "q": "K", "g": "G",
    "j": "G", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N", "r": "R",
}
# Applied in order, before single letters; upper case marks a class already decided.
LATIN_DIGRAPHS = (
    ("sch", "C"), ("tch", "C"), ("chr", "Kr"), ("chl", "Kl"), ("ch", "C"), ("sh", "C"), ("ph", "F"),
    ("th", "T"), ("dh", "D"), ("kh", "K"), ("gh", "G"), ("dj", "G"), ("ck", "K"), ("qu", "K"),
    ("x", "KS"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLE = re.compile(r"([a-z])\1")
# Name particles left out of skeletons (both scripts, normalised). "al"/"el" are not here: the
# Arabic article is written on the word (السيسي), so Latin "al-Sisi" is joined to match it.
PARTICLES = frozenset("bin ben ibn bint abu abou von van der den de da di du le la "
                      "بن ابن بنت ابو فون فان دير دي دو".split())
ARTICLES = frozenset({"al", "el", "ال"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    """True when ``text`` holds Arabic letters."""
    return bool(_ARABIC.search(text))


def _ascii_fold(text: str) -> str:
    """é -> e, ö -> o: Latin letters without their accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_words(name: str) -> list[str]:
    """Normalised words of a name without particles (bin, von …); a separate Latin article is
    joined to its word as Arabic writes it ("al Sisi" -> "alsisi")."""
    out: list[str] = []
    article = ""
    for w in normalize(name).split():
        if w in ARTICLES:
            article = "al" if w != "ال" else w
            continue
        if w in PARTICLES:
            continue
        out.append(article + w)
        article = ""
    return out


def _romanize_word(word: str) -> str:
    out: list[str] = []
    n = len(word)
    # ايلون -> ilun, اوباما -> ubama: a first alef before و/ي only carries the vowel
    skip_alef = n > 2 and word[0] == "ا" and word[1] in "وي"
    for i, ch in enumerate(word):
        if skip_alef and i < 2:
            out.append(("u" if ch == "و" else "i") if i else "")
            continue
        prev_vowel = i == 0 or word[i - 1] in "اويى"
        if ch == "ت" and i + 1 < n and word[i + 1] == "ش":
            out.append("ch")
            continue
        if ch == "ش" and i > 0 and word[i - 1] == "ت":
            continue
        if ch in "وي":
            # a consonant at the start or after a vowel letter, else a long vowel
            if prev_vowel and not (i > 0 and word[i - 1] == ch):
                out.append("w" if ch == "و" else "y")
            else:
                out.append("u" if ch == "و" else "i")
            continue
        out.append(AR_LATIN.get(ch, ch))
    return "".join(out)


def romanize(text: str) -> str:
    """Readable Latin for Arabic text (other text unchanged, normalised):
    ``سام ألتمان`` -> ``sam altman``."""
    return " ".join(_romanize_word(w) if is_arabic(w) else w for w in normalize(fold_arabic(text)).split())


def _skeleton_arabic(word: str) -> str:
    return "".join(AR_CLASS.get(ch, "") for ch in word.replace("تش", "ش"))


def _skeleton_latin(word: str) -> str:
    s = _DOUBLE.sub(r"\1", _ascii_fold(word).lower())
    for a, b in LATIN_DIGRAPHS:
        s = s.replace(a, b)
    s = _SOFT_C.sub("s", s).replace("c", "k")
    return "".join(ch if ch.isupper() else LATIN_CLASS.get(ch, "") for ch in s)


def word_skeleton(word: str) -> str:
    """Consonant skeleton of one normalised word, in either script. A leading article becomes
    a marker: ``a`` for Arabic ال (السيسي -> aSS), ``l`` for Latin al/el (Altman -> lTMN). Both
    read as L; the Arabic one may also be dropped ("Sisi" / السيسي), the Latin one not
    ("Altman" is no "Othman")."""
    arabic = is_arabic(word)
    marker = ""
    if len(word) > 3 and word.startswith("ال" if arabic else ("al", "el")):
        marker, word = ("a" if arabic else "l"), word[2:]
    # Doubled Latin letters were collapsed before the vowels went (Mohammed -> MMD, as محمد).
    return marker + (_skeleton_arabic(word) if arabic else _skeleton_latin(word))


@lru_cache(maxsize=65536)
def skeleton(name: str, *, coarse: bool = False) -> str:
    """Space-separated consonant skeletons of the words of ``name`` (see the module docstring)."""
    s = " ".join(w for w in map(word_skeleton, name_words(name)) if w)
    return s.replace("C", "S") if coarse else s


def _variants(skel: str) -> tuple[str, str]:
    """A skeleton with its article markers read as L, and with the Arabic ones dropped."""
    return skel.replace("l", "L").replace("a", "L"), skel.replace("l", "L").replace("a", "")


def surname_keys(name: str) -> list[str]:
    """Coarse skeletons of the last word of ``name`` (with and without an Arabic article): the
    blocks a name is compared within."""
    words = [w for w in skeleton(name, coarse=True).split() if w.strip("la")]
    return sorted({v for v in _variants(words[-1]) if v}) if words else []


def skeleton_similarity(a: str, b: str) -> float:
    """Indel similarity (0-100) of two skeletons, spaces ignored, article markers read both
    ways; 98 when they differ only in C/S and are long enough for that to mean something
    (Guterres / غوتيريش)."""
    best = 0.0
    for x, y in zip(_variants(a.replace(" ", "")), _variants(b.replace(" ", ""))):
        if x and y:
            best = max(best, Indel.normalized_similarity(x, y) * 100)
            if best < 98 and min(len(x), len(y)) >= 4 and x.replace("C", "S") == y.replace("C", "S"):
                best = 98.0
    return best


def name_similarity(a: str, b: str) -> float:
    """0-100 similarity of two names in any scripts, by their whole skeletons."""
    return skeleton_similarity(skeleton(a), skeleton(b))


def match_names(a: str, b: str, *, min_score: float = 85.0) -> float:
    """How surely two full names (two words or more each) name one person, 0-100: surnames
    equal in skeleton (or very close when long), given names close (equal when short); 0 when
    not."""
    wa, wb = skeleton(a).split(), skeleton(b).split()
    if len(wa) < 2 or len(wb) < 2:
        return 0.0
    sur = skeleton_similarity(wa[-1], wb[-1])
    if sur < 98 and not (min(len(wa[-1]), len(wb[-1])) >= 5 and sur >= 88):
        return 0.0
    ga, gb = " ".join(wa[:-1]), " ".join(wb[:-1])
    if skeleton_similarity(ga, gb) < (100 if min(len(ga), len(gb)) <= 3 else 85):
        return 0.0
    whole = skeleton_similarity(" ".join(wa), " ".join(wb))
    return whole if whole >= min_score else 0.0
