"""One normaliser for matching, search and deduplication, in both scripts.

Arabic: diacritics (harakat, tanween, shadda, sukun, dagger alef) and tatweel removed; alef
variants (أ إ آ ٱ) to bare alef, alef maqsura to ya, ta marbuta to ha, hamza carriers (ؤ ئ)
to their bases. Digits: Arabic-Indic and Eastern Arabic-Indic to ASCII. Both scripts: NFKC,
case folded, quote marks unified, punctuation optionally dropped, whitespace collapsed.

Every function here returns a new string; the only state is caches of results by spelling.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from claims.nlp.memo import Memo

if TYPE_CHECKING:
    import numpy

ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Invisible formatting marks that news sites leave in text (bidi controls, ZW joiners, BOM).
INVISIBLES = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                         "ک": "ك", "ی": "ي", "ڤ": "ف", "گ": "ك"})
QUOTES = str.maketrans({c: '"' for c in "«»“”„‟″〝〞＂‹›"} | {c: "'" for c in "‘’‚‛′`´"})

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")

# normalize() in one pass: every character that fold_arabic, DIGITS, QUOTES or INVISIBLES
# change, with its replacement ("" for the removed ones). A regex substitution that calls back
# only on those characters is several times faster than three dict-based str.translate calls,
# which look up every character of the text.
_FOLD: dict[str, str] = {chr(k): v if isinstance(v, str) else chr(v)
                         for table in (LETTERS, DIGITS, QUOTES) for k, v in table.items()}
_REMOVED = [(0x0610, 0x061a), (0x064b, 0x065f), (0x0670, 0x0670), (0x06d6, 0x06ed),  # ARABIC_DIACRITICS
            (0x0640, 0x0640),  # TATWEEL
            (0x200b, 0x200f), (0x202a, 0x202e), (0x2066, 0x2069), (0xfeff, 0xfeff), (0x00ad, 0x00ad)]  # INVISIBLES
_FOLD |= {chr(c): "" for lo, hi in _REMOVED for c in range(lo, hi + 1)}
_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD)) + "]")
_fold_char = _FOLD.__getitem__
_PUNCT_OR_UNDERSCORE = re.compile(r"[^\w\s]|_")

# Clitics that attach in front of Arabic words: conjunctions و ف, prepositions ب ل ك, future س.
# Only stripped from words long enough to stay a word (see strip_clitics).
AR_PROCLITICS = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
                 "و", "ف", "ب", "ل", "ك")


def strip_diacritics(text: str) -> str:
    """Remove Arabic diacritics and tatweel; letters and offsets of other text are untouched."""
    return ARABIC_DIACRITICS.sub("", text).replace(TATWEEL, "")


def _replacing(table: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """A ``str.maketrans`` table as (character, replacement) pairs for :func:`_replace_all`.
    No replacement may be a character the table replaces, so the order of the pairs does not
    matter."""
    pairs = tuple((chr(k), v if isinstance(v, str) else chr(v)) for k, v in table.items())
    assert not {v for _, v in pairs} & {k for k, _ in pairs}
    return pairs


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)`` for a table of :func:`_replacing`: one ``str.replace`` per
    character present, which on an article is some sixty times faster than ``translate``
    looking up every character in a dict."""
    for char, replacement in pairs:
        if char in text:
            text = text.replace(char, replacement)
    return text


_LETTER_PAIRS = _replacing(LETTERS)
_DIGIT_PAIRS = _replacing(DIGITS)
_QUOTE_PAIRS = _replacing(QUOTES)


def fold_arabic(text: str) -> str:
    """Diacritics and tatweel removed, letter variants folded (أحمد -> احمد, مدرسة -> مدرسه)."""
    return _replace_all(strip_diacritics(text), _LETTER_PAIRS)


def to_ascii_digits(text: str) -> str:
    """١٢٣ and ۱۲۳ -> 123 (same length, so offsets are kept)."""
    return _replace_all(text, _DIGIT_PAIRS)


def normalize(text: str | None, *, punctuation: bool = False) -> str:
    """The shared matching form: NFKC, invisibles out, Arabic folded, digits ASCII, quotes
    unified, lower case, whitespace collapsed. ``punctuation=False`` (the default) replaces
    punctuation with spaces, which is what search and dedup want."""
    if not text:
        return ""
    s = _FOLD_RE.sub(_fold_match, unicodedata.normalize("NFKC", text)).casefold()
    if not punctuation:
        s = _PUNCT_OR_UNDERSCORE.sub(" ", s)
    return " ".join(s.split())  # str.split and re's \s agree on what whitespace is


def _fold_match(m: re.Match) -> str:
    return _fold_char(m.group())


def fold_case(text: str) -> str:
    """:func:`normalize` without the punctuation and whitespace steps: NFKC, invisibles out,
    Arabic folded, digits ASCII, quotes unified, case folded (for callers that post-process)."""
    return _FOLD_RE.sub(_fold_match, unicodedata.normalize("NFKC", text)).casefold()


def strip_clitics(word: str) -> str:
    """Strip one Arabic proclitic cluster from a normalised word: والحكومه -> الحكومه,
    وبالتالي -> التالي. Leaves short words alone (ولد stays ولد)."""
    for p in AR_PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            rest = word[len(p):]
            # keep the article: وال+x -> ال+x, بال+x -> ال+x
            if p.endswith("ال"):
                return "ال" + rest
            if p.endswith("لل"):
                return "ال" + rest
            return rest
    return word


@lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """:func:`normalize`, computed once per distinct string: names, roles and mentions come
    back again and again, within an article and from one article to the next."""
    return normalize(text)


def search_form(text: str | None) -> str:
    """Text for the full-text index: each normalised word, and for Arabic words with a proclitic
    also the word without it, so that "الحكومة" finds "والحكومة" and "احمد" finds "أحمد"."""
    if not text:
        return ""
    # No step of normalize() reaches across white space, so the form of a text is that of its
    # pieces between white space, each computed once per spelling.
    return " ".join(filter(None, map(_SEARCH_PIECES.__getitem__, text.split())))


def _search_piece(piece: str) -> str:
    """:func:`search_form` of one piece of text without white space."""
    return " ".join(map(_search_word, normalize(piece).split()))


_SEARCH_PIECES = Memo(_search_piece, 65536)


@lru_cache(maxsize=65536)
def _search_word(w: str) -> str:
    """The search forms of one normalised word, space separated (see :func:`search_form`);
    computed once per word."""
    if not ARABIC_LETTER.match(w):
        return w
    out = [w]
    bare = strip_clitics(w)
    if bare != w:
        out.append(bare)
    if bare.startswith("ال") and len(bare) > 4:
        out.append(bare[2:])
    return " ".join(out)


def search_query(query: str) -> str:
    """Normalise a user's search query the way :func:`search_form` indexed the text, keeping
    FTS operators (quotes, AND/OR/NOT, *) intact."""
    s = unicodedata.normalize("NFKC", query)
    s = INVISIBLES.sub("", s)
    s = _replace_all(to_ascii_digits(fold_arabic(s)), _QUOTE_PAIRS)
    return _SPACE.sub(" ", s).strip()


def tokens(text: str | None) -> list[str]:
    """Normalised words of ``text`` (for dedup blocking and word overlap)."""
    return normalize(text).split()


def _letter_script(ch: str) -> int:
    """0 for a character that is not a letter, else its script: 1 Arabic, 2 Latin, 3 other."""
    if not ch.isalpha():
        return 0
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
        return 1
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return 2
    return 3


@lru_cache(maxsize=1)
def _bmp_scripts() -> "numpy.ndarray":
    """:func:`_letter_script` of every character of the Basic Multilingual Plane, by code point."""
    import numpy

    return numpy.array([_letter_script(chr(cp)) for cp in range(0x10000)], dtype=numpy.uint8)


def letters_by_script(text: str) -> tuple[int, int, int]:
    """How many letters of ``text`` (its first 20,000 characters) are Arabic, Latin and other."""
    import numpy

    # one table look-up per character in numpy: a loop over an article's characters was most
    # of the time of reading it
    codes = numpy.frombuffer(text[:20000].encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    astral = codes > 0xFFFF
    counts = numpy.bincount(_bmp_scripts()[codes[~astral] if astral.any() else codes], minlength=4)
    ar, lat, other = int(counts[1]), int(counts[2]), int(counts[3])
    for cp in codes[astral].tolist():
        kind = _letter_script(chr(cp))
        ar, lat, other = ar + (kind == 1), lat + (kind == 2), other + (kind == 3)
    return ar, lat, other


def script_of(text: str, letters: tuple[int, int, int] | None = None) -> str:
    """"arabic", "latin" or "other": the script most letters of ``text`` are in (``letters``:
    :func:`letters_by_script` of it, when the caller has counted them already)."""
    ar, lat, other = letters or letters_by_script(text)
    if not (ar or lat or other):
        return "other"
    best = max(ar, lat, other)
    return "arabic" if best == ar else "latin" if best == lat else "other"
