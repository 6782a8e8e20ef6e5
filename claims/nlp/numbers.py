"""Numbers in news text, English and Arabic: digit strings in any script and separator style,
number words, scale words ("million", "مليار", "bn") and the tokens they are read from.

Text is read through a *shadow*: the same string with Arabic-Indic digits, the Arabic
decimal and thousands separators and the Arabic percent sign replaced by their ASCII forms,
and invisible formatting marks by spaces. It has the length of the text, so every offset
found in the shadow is an offset into the text.

:func:`read_amount` reads the number that starts at a token ("2.5 million", "ثلاثة آلاف",
"$1.9bn" without its currency, "عشرين ألفا"); :func:`parse_amount` does the same for a whole
string and is what the tests and callers with a bare amount use. Units, ranges, qualifiers and
what is not a figure at all are :mod:`claims.nlp.figures`' business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from claims.nlp.lexicons import load_tsv
from claims.nlp.memo import Memo
from claims.normalize import AR_PROCLITICS, DIGITS, INVISIBLES, fold_arabic

_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ",", "\u066a": "%"})
# Thin and no-break spaces may group thousands ("1 000 000"); they never separate decimals.
_GROUP_SPACES = "\u00a0\u202f\u2009"

AR_LETTERS = ("\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff"
              "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc")
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_NUMBER = (r"[0-9]+ر[0-9]+(?![0-9])"  # Tunisian press: "6ر12" is 12.6
           rf"|[0-9]{{1,3}}(?:[{_GROUP_SPACES}][0-9]{{3}})+(?![0-9]|[.,][0-9])"
           r"|[0-9]+(?:[.,][0-9]+)*")
# One token (an Arabic or Latin word, a number, any other character) with the white space
# before it. Every other character is a token, so the matches run on from one another and
# ``findall`` alone gives the tokens and, from their lengths, the offsets. Which alternative
# matched shows in the token's first character (see _classify); as they start with different
# characters, their order does not matter, and the most frequent go first.
TOKEN = re.compile(
    rf"\s*(?:[{AR_LETTERS}]+|[{LATIN_LETTERS}]+(?:['’\-][{LATIN_LETTERS}]+)*|(?:{_NUMBER})|\S)"
)
_SPACE = re.compile(r"\s*")  # the white space TOKEN reads before a token
_AR_FIRST = re.compile(rf"[{AR_LETTERS}]")
_LATIN_FIRST = re.compile(rf"[{LATIN_LETTERS}]")


# shadow() in one pass: every character it changes (digits, separators, invisibles: one
# character each, so offsets hold), replaced by a regex that calls back on those alone.
_SHADOW = {chr(k): v if isinstance(v, str) else chr(v) for table in (DIGITS, _SEPARATORS) for k, v in table.items()}
_INVISIBLE_RANGES = ((0x200b, 0x200f), (0x202a, 0x202e), (0x2066, 0x2069), (0xfeff, 0xfeff), (0x00ad, 0x00ad))
_SHADOW |= {chr(c): " " for lo, hi in _INVISIBLE_RANGES for c in range(lo, hi + 1)}
assert all(INVISIBLES.match(c) for c, v in _SHADOW.items() if v == " ") and not INVISIBLES.search(
    "".join(chr(c) for c in range(0x2000, 0x2070) if chr(c) not in _SHADOW))  # the same characters
_SHADOW_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_SHADOW)) + "]")


def _shadow_char(m: re.Match) -> str:
    return _SHADOW[m.group()]


def shadow(text: str) -> str:
    """The text with ASCII digits and separators and no invisible marks, offsets unchanged."""
    return _SHADOW_RE.sub(_shadow_char, text)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The matching form of one word or phrase: Arabic folded, Latin lower case."""
    return fold_text(word)


def fold_text(text: str) -> str:
    """:func:`fold` without its cache, for a whole text (read once, not worth keeping)."""
    return fold_arabic(text).replace("’", "'").lower()


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One token of the shadow: a number, an Arabic or Latin word, or one other character.
    Tokens of the same spelling after the same white space are one shared object (see
    :func:`_token`), so a token has no offsets: :func:`tokenize_ends` gives them."""

    text: str  # as in the shadow (ASCII digits)
    norm: str  # the matching form (see fold)
    kind: str  # num | ar | lat | sym
    glued: bool  # no space between it and the previous token
    newline: bool  # a line break between it and the previous token


def tokenize(shadow_text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``shadow_text[start:end]``."""
    return tokenize_ends(shadow_text, start, end)[0]


def tokenize_ends(shadow_text: str, start: int = 0, end: int | None = None) -> tuple[list[Token], list[int]]:
    """Tokens of ``shadow_text[start:end]`` and where they end: token ``k`` ends at offset
    ``ends[k + 1]`` of the whole string (``ends[0]`` is ``start``) and starts ``len(text)``
    before. Each token is read through a cache of its spelling with the space before it, so
    a text costs one regex pass and a few list operations, not an object per token."""
    end = len(shadow_text) if end is None else end
    chunks = TOKEN.findall(shadow_text, start, end)
    ends = list(accumulate(map(len, chunks), initial=start))
    toks = list(map(_TOKENS.__getitem__, chunks))
    if toks:
        toks[0] = _TOKENS["\n" + toks[0].text]  # the first token stands as at the start of a line
    return toks, ends


def _token(chunk: str) -> Token:
    """The token of one match of :data:`TOKEN` (its white space, then its text)."""
    space = _SPACE.match(chunk).group()
    text = chunk[len(space):]
    norm, kind = _classify(text)
    return Token(text, norm, kind, not space, "\n" in space)


_TOKENS = Memo(_token, 65536)


@lru_cache(maxsize=65536)
def _classify(text: str) -> tuple[str, str]:
    """(norm, kind) of a token of :data:`TOKEN`: a number starts with a digit (the shadow has
    ASCII digits only), an Arabic or Latin word with a letter of its script; anything else is
    one symbol."""
    if "0" <= text[0] <= "9":
        return text, "num"
    if _AR_FIRST.match(text):
        return fold(text), "ar"
    if _LATIN_FIRST.match(text):
        return fold(text), "lat"
    return text, "sym"


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """The token norms of a lexicon phrase, tokenised as text is ("US$" -> ("us", "$"))."""
    s = shadow(phrase)
    return tuple(t.norm for t in tokenize(s))


@lru_cache(maxsize=65536)
def ar_variants(norm: str) -> tuple[tuple[str, int], ...]:
    """The word and the word without one proclitic cluster, with the length of what was
    taken off: "وعشرين" -> (("وعشرين", 0), ("عشرين", 1)). "والثلاث" keeps its article."""
    out = [(norm, 0)]
    for p in AR_PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            if p.endswith("ال") or p.endswith("لل"):
                out.append(("ال" + norm[len(p):], len(p) - 2 if p.endswith("ال") else len(p) - 1))
            else:
                out.append((norm[len(p):], len(p)))
    return tuple(out)


def raw_offset(raw: str, n_folded: int) -> int:
    """Index in ``raw`` after its first ``n_folded`` folded characters (diacritics and
    tatweel that folding drops are skipped, also right after that point)."""
    if n_folded <= 0:
        return 0
    count = 0
    for i, ch in enumerate(raw):
        if fold_arabic(ch):
            count += 1
        if count == n_folded:
            j = i + 1
            while j < len(raw) and not fold_arabic(raw[j]):
                j += 1
            return j
    return len(raw)


# ---------------------------------------------------------------------------------------
# digit strings


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@lru_cache(maxsize=16384)
def parse_digits(s: str) -> float | None:
    """Value of a digit string as written in news text, or None when it is not one number.

    "1,234.5" and "1.234,5" (both orders), "1,000,000" and "1.000.000", "2.5"; a comma
    followed by one or two digits is a decimal comma ("8133,5", "5,5"); thin and no-break
    spaces group thousands; Tunisian "6ر12" is 12.6 (the press agency writes the decimals
    first). A lone ".000" group is read as thousands ("1.000"), other lone dots as decimals.
    "19.07.2018" and "1,2,3" are not numbers."""
    if "ر" in s:
        frac, whole = s.split("ر")
        return float(f"{whole}.{frac}")
    for sp in _GROUP_SPACES:
        s = s.replace(sp, "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        whole, frac = s.rsplit(dec, 1)
        groups = whole.split("." if dec == "," else ",")
        if dec in whole or not _thousands(groups):
            return None
        return float("".join(groups) + "." + frac)
    for sep in ",.":
        if sep not in s:
            continue
        parts = s.split(sep)
        if len(parts) == 2:
            whole, frac = parts
            if len(frac) == 3 and len(whole) <= 3 and (sep == "," or (frac == "000" and whole != "0")):
                return float(whole + frac)
            if len(frac) in (1, 2) or sep == "." or len(whole) > 3:
                return float(f"{whole}.{frac}")
            return None
        return float("".join(parts)) if _thousands(parts) else None
    return float(s)


# ---------------------------------------------------------------------------------------
# lexicons


@dataclass(frozen=True)
class Word:
    """A number word: its value and how it combines ("digit", "teen", "ten", "hundreds",
    "multiplier", "teen_prefix")."""

    value: float
    type: str


@dataclass(frozen=True)
class Scale:
    multiplier: float
    number: str  # sg | pl | du
    attach: str  # word | suffix | both


def accusative(form: str) -> str | None:
    """The accusative indefinite spelling of an Arabic noun ("عام" -> "عاما", "مدني" ->
    "مدنيا"), or None where the noun takes no alef ("ساعة", "ضحايا")."""
    if not form or not re.match(f"[{AR_LETTERS}]", form[-1]) or form[-1] in "اوهءى":
        return None
    return form + "ا"


@dataclass
class NumberLexicon:
    """Number words, scales, fractions and articles of one language (folded forms)."""

    lang: str
    words: dict[str, Word] = field(default_factory=dict)
    scales: dict[str, Scale] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()


@lru_cache(maxsize=None)
def number_lexicon(lang: str) -> NumberLexicon:
    """The number lexicon of ``lang``, read once from its data files."""
    lex = NumberLexicon(lang)
    for form, value, typ in load_tsv(lang, "number_words.tsv", 3):
        lex.words[fold(form)] = Word(float(value), typ)
    for form, mult, number, attach in load_tsv(lang, "scales.tsv", 4):
        sc = Scale(float(mult), number, attach)
        lex.scales[fold(form)] = sc
        acc = accusative(fold(form)) if lang == "ar" and number == "sg" else None
        if acc and acc not in lex.scales:
            lex.scales[acc] = sc
    for form, value in load_tsv(lang, "fractions.tsv", 2):
        lex.fractions[fold(form)] = float(value)
    lex.articles = frozenset(fold(p) for role, p in load_tsv(lang, "figure_context.tsv", 2) if role == "article")
    return lex


# ---------------------------------------------------------------------------------------
# amounts


@dataclass
class Amount:
    """A number read from tokens ``first`` up to (not including) ``last``."""

    value: float
    first: int
    last: int
    words: bool = False  # spelled with words
    scale: float = 1.0  # multiplier of the scale word read with it (1 if none)
    raw: str = ""  # the digit string as written ("" for words)
    decade: bool = False  # "30s", "1990s"
    clitic: int = 0  # folded characters of a proclitic in front of the first token ("وخمسة")
    rest: tuple[str, ...] = ()  # what follows the number inside a hyphenated word ("five-year")
    bare_scale: bool = False  # a scale word alone: "مليون دولار", "ألفي عام"


class _Words:
    """Accumulates number words the way they combine: "twenty-five", "خمسة وعشرون",
    "ثلاثة عشر", "one hundred and twenty thousand", "ثلاثة آلاف وخمسمئة"."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.total = 0.0
        self.current = 0.0
        self.last_type = ""
        self.last_scale = float("inf")
        self.count = 0

    @property
    def value(self) -> float:
        return self.total + self.current

    def _fits(self, w: Word) -> bool:
        small = self.current % 100
        if w.type in ("digit", "teen_prefix"):
            return small == 0 or (self.lang == "en" and self.last_type == "ten" and small % 10 == 0)
        if w.type == "teen":
            return small == 0 or (self.lang == "ar" and w.value == 10 and self.last_type in ("digit", "teen_prefix"))
        if w.type == "ten":
            return small == 0 or (self.lang == "ar" and self.last_type == "digit" and 1 <= small <= 9)
        if w.type == "hundreds":
            return self.current % 1000 == 0
        if w.type == "multiplier":
            return self.current < 100 and self.last_type != "multiplier"
        return False

    def add_word(self, w: Word) -> bool:
        """Add a number word; False (and nothing added) when it cannot follow what came."""
        if self.last_type == "teen_prefix" and w.type != "teen":
            return False
        if not self._fits(w):
            return False
        if w.type == "multiplier":
            self.current = (self.current or 1) * w.value
        else:
            self.current += w.value
        self.last_type = w.type
        self.count += 1
        return True

    def add_scale(self, s: Scale) -> bool:
        """Add a scale word ("thousand", "آلاف", "ألفين"); plurals need a number before them."""
        if s.multiplier >= self.last_scale or self.last_type == "teen_prefix":
            return False
        if s.number == "pl" and not self.current:
            return False
        if s.number == "du":
            if self.current:
                return False
            self.current = 2
        self.total += (self.current or 1) * s.multiplier
        self.current = 0
        self.last_scale = s.multiplier
        self.last_type = "scale"
        self.count += 1
        return True


# Proclitics a number word may carry: "وعشرين", "بثلاثة", "لخمسة", "فستة". Not ك ("كمية"
# would be ك + مية), and the word left must keep three letters ("لست" is not ل + ست).
NUMBER_PROCLITICS = ("و", "ب", "ل", "ف", "وب", "ول", "فب", "فل")


def _word_forms(tok: Token, lang: str, first: bool) -> list[tuple[str, int]]:
    """Candidate forms of a word token: Arabic words may carry a proclitic (only "و" after
    the first word of a number: "خمسة وعشرون")."""
    if tok.kind != "ar":
        return [(tok.norm, 0)]
    forms = [(tok.norm, 0)]
    for p in NUMBER_PROCLITICS if first else ("و",):
        if tok.norm.startswith(p) and len(tok.norm) - len(p) >= 3:
            forms.append((tok.norm[len(p):], len(p)))
    return forms


def _scale_after(toks: list[Token], j: int, lex: NumberLexicon, glued: bool) -> Scale | None:
    """The scale word at ``j`` (glued to the digits or a separate word), if any; a glued
    one may start a hyphenated word ("1bn-a-year")."""
    if j >= len(toks) or toks[j].newline or toks[j].kind not in ("lat", "ar"):
        return None
    t = toks[j]
    sc = lex.scales.get(t.norm.split("-")[0] if glued else t.norm)
    if sc is None or t.glued != glued:
        return None
    if glued and sc.attach == "word" or not glued and sc.attach == "suffix":
        return None
    return sc


def _read_digits(toks: list[Token], i: int, lex: NumberLexicon) -> Amount | None:
    t = toks[i]
    value = parse_digits(t.text)
    if value is None:
        return None
    a = Amount(value, i, i + 1, raw=t.text)
    j = i + 1
    sc = _scale_after(toks, j, lex, glued=True)
    if sc is None and j < len(toks) and toks[j].glued and toks[j].norm == "s" and toks[j].kind == "lat":
        a.decade = True
        j += 1
    if sc is None and not a.decade:
        sc = _scale_after(toks, j, lex, glued=False)
        if sc is not None and sc.number == "du":
            sc = None
    if sc is not None:
        a.value *= sc.multiplier
        a.scale = sc.multiplier
        a.rest = tuple(toks[j].norm.split("-")[1:])
        j += 1
    a.last = j
    if a.scale > 1 and lex.lang == "ar":
        a.last += _and_a_half(toks, j, lex, a.scale, a)
        _add_smaller(toks, a, lex)
    elif lex.lang == "en":
        a.last += _and_a_half(toks, j, lex, a.scale, a)
    return a


def _add_smaller(toks: list[Token], a: Amount, lex: NumberLexicon) -> None:
    """Arabic compound amounts: "3 ملايين و500 ألف" = 3,500,000, "3 آلاف و500" = 3,500."""
    j = a.last
    if j + 1 < len(toks) and toks[j].norm == "و" and toks[j + 1].kind == "num" and not toks[j + 1].newline:
        b = _read_digits(toks, j + 1, lex)
        if b is not None and b.value < a.scale and (1 < b.scale < a.scale or b.scale == 1 and a.scale == 1000):
            a.value += b.value
            a.last = b.last


def _read_words(toks: list[Token], i: int, lex: NumberLexicon) -> Amount | None:
    acc = _Words(lex.lang)
    j, clitic, rest = i, 0, ()
    n = len(toks)
    if lex.lang == "en" and toks[i].kind == "lat":
        head = toks[i].norm.split("-")[0]
        if lex.words.get(head, Word(0, "")).type == "multiplier" or head in lex.scales:
            return None  # "hundred", "thousand" need a number or "a" before them
    if toks[i].norm in lex.articles and i + 1 < n and not toks[i + 1].newline:
        nxt = toks[i + 1].norm
        w = lex.words.get(nxt)
        if (w and w.type == "multiplier") or nxt in lex.scales and lex.scales[nxt].number == "sg":
            acc.current, acc.last_type, acc.count = 1, "digit", 1
            j = i + 1
    while j < n:
        t = toks[j]
        if j > i and (t.newline or t.kind not in ("lat", "ar")):
            break
        if t.kind == "lat":
            parts = t.norm.split("-")
            k = 0
            for p in parts:
                w, sc = lex.words.get(p), lex.scales.get(p)
                if w and acc.add_word(w) or sc and sc.attach != "suffix" and acc.add_scale(sc):
                    k += 1
                else:
                    break
            if k == 0:
                if t.norm == "and" and acc.count and acc.value % 100 == 0 and j + 1 < n \
                        and lex.words.get(toks[j + 1].norm.split("-")[0], Word(0, "")).type in ("digit", "teen", "ten"):
                    j += 1
                    continue
                break
            j += 1
            if k < len(parts):
                rest = tuple(parts[k:])
                break
            continue
        if t.kind != "ar":
            break
        for form, clen in _word_forms(t, lex.lang, first=j == i):
            w, sc = lex.words.get(form), lex.scales.get(form)
            if sc and j == i and form.endswith("ا") and sc.number == "sg":
                sc = Scale(sc.multiplier, "du", sc.attach)  # "مليارا دولار": a dual, two billion
            if w and acc.add_word(w) or sc and acc.add_scale(sc):
                if j == i:
                    clitic = clen
                break
        else:
            break
        j += 1
    if acc.last_type == "teen_prefix" or not acc.count or acc.value <= 0:
        return None
    a = Amount(acc.value, i, j, words=True, clitic=clitic, rest=rest)
    if acc.last_type == "scale":
        a.scale = acc.last_scale
        a.bare_scale = acc.count == 1
    if not rest:
        a.last += _and_a_half(toks, j, lex, a.scale, a)
        if a.scale > 1 and lex.lang == "ar":
            _add_smaller(toks, a, lex)  # "مليار و200 مليون"
    return a


def and_a_half(toks: list[Token], j: int, lang: str) -> int:
    """Number of tokens at ``j`` saying "and a half" ("two and a half", "مليون ونصف"), or 0."""
    if j >= len(toks) or toks[j].newline:
        return 0
    if lang == "ar":
        t = toks[j].norm
        return 1 if t.startswith("و") and number_lexicon(lang).fractions.get(t[1:]) == 0.5 else 0
    if toks[j].norm != "and":
        return 0
    words = [t.norm for t in toks[j:j + 3]]
    return 3 if words == ["and", "a", "half"] and not any(t.newline for t in toks[j:j + 3]) else 0


def _and_a_half(toks: list[Token], j: int, lex: NumberLexicon, scale: float, a: Amount) -> int:
    """"مليون ونصف" = 1.5 million, "two and a half million": adds the half to ``a``;
    returns the tokens read."""
    k = and_a_half(toks, j, lex.lang)
    if k:
        a.value += 0.5 * scale
    return k


def _read_fraction_scale(toks: list[Token], i: int, lex: NumberLexicon) -> Amount | None:
    """"half a million", "نصف مليون": a fraction of a scale is a plain number."""
    frac = lex.fractions.get(toks[i].norm)
    if frac is None:
        return None
    j = i + 1
    if j < len(toks) and toks[j].norm in lex.articles:
        j += 1
    if j < len(toks) and not toks[j].newline:
        sc = lex.scales.get(toks[j].norm)
        if sc and sc.number == "sg" and sc.attach != "suffix":
            return Amount(frac * sc.multiplier, i, j + 1, words=True, scale=sc.multiplier)
    return None


def read_amount(toks: list[Token], i: int, lang: str) -> Amount | None:
    """The number that starts at token ``i``, or None. Digits with a glued or following
    scale ("1.9bn", "100 مليون", "3 ملايين و500 ألف"), number words ("twenty-five",
    "خمسة وعشرون", "a dozen", "ألفي"), fractions of scales ("half a million")."""
    if i >= len(toks):
        return None
    lex = number_lexicon(lang)
    t = toks[i]
    if t.kind == "num":
        return _read_digits(toks, i, lex)
    if t.kind in ("lat", "ar") and _may_start_number(t.norm, t.kind, lex):
        return _read_fraction_scale(toks, i, lex) or _read_words(toks, i, lex)
    return None


def _may_start_number(norm: str, kind: str, lex: NumberLexicon) -> bool:
    """A cheap test that a word (its norm and kind) could start a spelled number."""
    forms = [f for f, _ in ar_variants(norm)] if kind == "ar" else [norm.split("-")[0]]
    return any(f in lex.words or f in lex.scales or f in lex.fractions or f in lex.articles for f in forms)


def parse_amount(text: str, lang: str) -> float | None:
    """The value of ``text`` when all of it is one amount ("2,5 مليار", "twenty-five
    thousand", "١٬٢٠٠"), else None."""
    toks = tokenize(shadow(text))
    if not toks:
        return None
    a = read_amount(toks, 0, lang)
    if a is None or a.last != len(toks) or a.rest or a.decade:
        return None
    return a.value

