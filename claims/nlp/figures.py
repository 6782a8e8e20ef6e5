"""Figures in English and Arabic news text: a number with its unit, normalised.

    find_figures("Northwind earned $2.7 billion", "en")
    -> [Figure(text="$2.7 billion", value=2.7e9, unit="USD", kind="money", ...)]

What counts follows the export contract (the dev set README, "Each figure"): money in
ISO 4217 codes, percentages, durations, ages (``years_of_age``), measures, ratios, and counts
whose unit is the counted noun in English plural. Calendar dates, years, clock times, phone
numbers, identifiers ("Pixel 8", "المادة 50", "F-15"), ordinals, vague quantities,
multipliers and numbers in hashtags or URLs are not figures. Qualifier words ("nearly",
"نحو", "more than") go to ``Figure.qualifier`` and stay out of the span, as do Arabic
proclitics glued to the number ("بـ100").

Everything language-specific is data under ``lexicons/<lang>/`` (see each file's header);
this module holds the rules that combine it. Numbers themselves are read by
:mod:`claims.nlp.numbers`. Rules of thumb that are not obvious from the lexicons:

- an Arabic noun after a number that no lexicon lists is still the counted noun: the unit is
  the noun itself, folded, without the accusative alef ("25 مراقبا" -> "مراقب"); an English
  word after a number is the unit when it looks plural, after up to two modifiers ("12
  largest listed firms"). Such guessed units never turn a year or an identifier into a
  figure;
- a bare number with no unit is a figure (unit "count") unless it is a number word after a
  determiner ("the two"), "one" alone, a year, or any of the things above;
- a word with a capital letter right before a bare number in digits makes it an identifier
  ("Windows 11", "iPhone 15"), as do the cue words of ``not_figures.tsv`` ("Article 50");
- a number right after the Arabic article is an ordinal when no unit follows ("الرئيس
  الـ45"); with a unit it is a figure ("خلال الـ24 ساعة") unless it repeats an amount the
  article already gave ("مبلغ الـ 2.7 مليار دينار" after "2.7 مليار دينار": a reference back);
- "X to Y" with one unit is a range; with the unit on both sides it is a range too, except
  after "from"/"من", where it is a change between two figures ("from 34% to 46%"); numbers
  glued by a hyphen that make no rising range are a score or a season ("3-1", "2019-20");
- an ambiguous currency word (bare "دينار", "riyal") is resolved from the country words of
  the article (``currency_context.tsv``), with a documented default per word.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claims.model import Figure
from claims.nlp.lexicons import load_list, load_tsv
from claims.nlp.components import doc_text, set_spans
from claims.nlp.memo import Memo
from claims.nlp.numbers import (
    _may_start_number,
    Amount,
    Token,
    accusative,
    and_a_half,
    ar_variants,
    fold,
    fold_text,
    number_lexicon,
    raw_offset,
    read_amount,
    shadow,
    tokenize,
    tokenize_ends,
)

__all__ = ["find_figures", "FiguresComponent", "figure_lexicon"]

ARABIC_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "لل"})
ARABIC_ARTICLES = frozenset({"ال", "وال", "بال", "فال", "كال", "لل", "ولل"})
SENTENCE_PUNCT = frozenset('.!?:;"“”«»()[]')

# Spans that hold no figures: URLs, e-mail addresses, hashtags and handles, numeric dates,
# clock times and phone numbers. Matched on the shadow (ASCII digits).
_BLOCKED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\S+@\S+\.\w+"
    r"|[#@][^\s#@]+"
    r"|(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"
    r"|(?<![0-9.,])[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])"
    r"|(?<![0-9])[0-9]{1,2}[.:][0-9]{2}\s?(?:[aApP]\.?[mM]\.?)"
    r"|\+[0-9][0-9\s()-]{6,}[0-9]"
    r"|(?<![\w.,])0[0-9]{2,}(?:[\s-][0-9]{3,})*"
    r"|(?<![\w.,])0[0-9](?![\w.,])"  # "00", "05": hours or minutes of a clock time, days of a date
)
_EMAIL = r"|\S+@\S+\.\w+"


def _first_chars(items: Any) -> set[str] | None:
    """The characters a parsed regex (``re._parser`` items) can start a match with; None when
    that is not a short known set."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as c  # type: ignore[no-redef]

    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < 64:
                    chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
                else:
                    return None
            return chars
        if op is c.SUBPATTERN:
            return _first_chars(av[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                got = _first_chars(branch)
                if got is None:
                    return None
                out |= got
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(av[2])
        return None
    return None


def _without_email() -> re.Pattern[str] | None:
    """:data:`_BLOCKED` for a text with no "@" (its e-mail alternative cannot match there), with
    a lookahead on the characters every other alternative starts with, so the regex engine
    tries no other position: the same spans, about ten times faster. None when the
    alternatives are not all of that kind (then :data:`_BLOCKED` is always used)."""
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as _parser  # type: ignore[no-redef]

    if _EMAIL not in _BLOCKED.pattern:
        return None
    rest = _BLOCKED.pattern.replace(_EMAIL, "", 1)
    try:
        starts = _first_chars(list(_parser.parse(rest)))
    except Exception:  # noqa: BLE001 - an internal module: without it, the plain regex
        return None
    if not starts:
        return None
    cls = "".join(re.escape(ch) for ch in sorted(starts))
    return re.compile(f"(?=[{cls}])(?:{rest})")


_BLOCKED_NO_AT = _without_email()
_YEAR = re.compile(r"[0-9]{4}")
# English race distances written "800m" (see _Scan.race_distance) and emergency numbers.
RACE_WORDS = frozenset("race races title titles final finals heat heats record records hurdles freestyle "
                       "breaststroke backstroke butterfly medley relay gold silver bronze medal crown event "
                       "events champion championship sprint run runner runners world indoors outdoors".split())
SPORT_WORDS = frozenset("athletics athlete athletes race races sprint sprinter sprinters hurdles relay marathon "
                        "olympic olympics championships champion medal medals gold silver bronze track indoor "
                        "outdoor swimming swimmer freestyle coach season runner runners metres meters lap laps "
                        "heats podium sport sports".split())
EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
EMERGENCY_BEFORE = frozenset("call called calling calls dial dialed dialled dialing dialling phoned phone ring rang "
                             "a the".split())
EMERGENCY_AFTER = frozenset("call calls caller callers dispatcher dispatchers operator operators system center "
                            "centre line emergency services".split())
_PAST_OR_COMING = frozenset(fold(w) for w in "الماضية الماضي الأخيرة الأخير المقبلة المقبل القادمة القادم المنصرمة".split())
_CLOCK = re.compile(r"(?:[01]?[0-9]|2[0-4])(?:[.:,][0-5][0-9])?|(?:[01][0-9]|2[0-3])[0-5][0-9]")  # (Arabic "4,45")


@dataclass(frozen=True)
class UnitInfo:
    """What a unit phrase means: the unit, the kind of figure, the grammatical number of
    the phrase (sg, pl, du) and a multiplier (Tunisian "م د" = million dinars)."""

    unit: str
    kind: str
    number: str = "pl"
    multiplier: float = 1.0


class PhraseTable:
    """Phrases (token tuples) mapped to values, matched on token norms; entries added with
    ``case_sensitive`` match the token text as written ("May" the month, not "may"). Tokens
    written together in the lexicon must be written together in the text ("A$5" is
    Australian dollars, "a $5" is not)."""

    def __init__(self) -> None:
        self.ci: dict[tuple[str, ...], Any] = {}
        self.cs: dict[tuple[str, ...], Any] = {}
        self.glue: dict[tuple[str, ...], tuple[bool, ...]] = {}
        self.heads: set[str] = set()  # first words of the case-insensitive phrases
        self.cs_heads: set[str] = set()  # and of the case-sensitive ones, as written
        self.maxlen = 0
        # every prefix and suffix of the keys (norms; texts for the case-sensitive ones), so a
        # lookup tries only the lengths some phrase could have
        self.ci_prefixes: set[tuple[str, ...]] = set()
        self.cs_prefixes: set[tuple[str, ...]] = set()
        self.ci_suffixes: set[tuple[str, ...]] = set()
        self.cs_suffixes: set[tuple[str, ...]] = set()
        # last words of the keys: a phrase can end before a token only after one of them
        self.ci_last: set[str] = set()
        self.cs_last: set[str] = set()

    def add(self, phrase: str, value: Any, case_sensitive: bool = False) -> None:
        toks = tokenize(shadow(phrase))
        key = tuple(t.text if case_sensitive else t.norm for t in toks)
        if not key:
            return
        table = self.cs if case_sensitive else self.ci
        table.setdefault(key, value)
        prefixes, suffixes = (self.cs_prefixes, self.cs_suffixes) if case_sensitive else (self.ci_prefixes,
                                                                                          self.ci_suffixes)
        for k in range(1, len(key) + 1):
            prefixes.add(key[:k])
            suffixes.add(key[-k:])
        (self.cs_last if case_sensitive else self.ci_last).add(key[-1])
        (self.cs_heads if case_sensitive else self.heads).add(key[0])
        glue = tuple(t.glued for t in toks[1:])
        old = self.glue.get(key, glue)
        self.glue[key] = tuple(x and y for x, y in zip(old, glue, strict=True))
        self.maxlen = max(self.maxlen, len(key))

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return key in self.ci or key in self.cs

    def _value(self, toks: list[Token], a: int, norms: tuple[str, ...] | None,
               texts: tuple[str, ...] | None) -> Any:
        """The value of the phrase at token ``a`` read as ``norms`` (else as written, ``texts``;
        None for either: known to be no phrase), when its tokens are glued as the lexicon's."""
        if norms is not None and norms in self.ci:
            key, value = norms, self.ci[norms]
        elif texts is not None and texts in self.cs:
            key, value = texts, self.cs[texts]
        else:
            return None
        glue = self.glue.get(key, ())
        if value is None or any(need and not toks[a + 1 + n].glued for n, need in enumerate(glue)):
            return None
        return value

    def match_at(self, toks: list[Token], j: int, first: str | None = None) -> tuple[Any, int] | None:
        """Longest phrase starting at token ``j`` (within one line): (value, end index).
        ``first`` stands for the first token's norm (a form without its proclitic)."""
        n = len(toks)
        if j >= n:
            return None
        t = toks[j]
        norm = t.norm if first is None else first
        if norm not in self.heads and t.text not in self.cs_heads:
            return None  # no phrase starts with this word
        # walk on while the tokens from j begin some phrase: no longer one can match
        norms: tuple[str, ...] = (norm,)
        texts: tuple[str, ...] = (t.text,)
        ci_ok, cs_ok = norms in self.ci_prefixes, bool(self.cs) and texts in self.cs_prefixes
        best = None
        b = j + 1
        while ci_ok or cs_ok:
            v = self._value(toks, j, norms if ci_ok else None, texts if cs_ok else None)
            if v is not None:
                best = v, b
            if b >= n or b - j >= self.maxlen or toks[b].newline:
                break
            if ci_ok:
                norms += (toks[b].norm,)
                ci_ok = norms in self.ci_prefixes
            if cs_ok:
                texts += (toks[b].text,)
                cs_ok = texts in self.cs_prefixes
            b += 1
        return best

    def _may_end(self, t: Token, clitics: bool) -> bool:
        """Whether some phrase can end with token ``t`` (read without its proclitic with
        ``clitics``, as a phrase of one word may be): a cheap test before a full match."""
        if t.norm in self.ci_last or t.text in self.cs_last:
            return True
        return clitics and t.kind == "ar" and any(f in self.ci_last for f, _ in ar_variants(t.norm))

    def match_before(self, toks: list[Token], e: int, clitics: bool = False) -> tuple[Any, int] | None:
        """Longest phrase ending right before token ``e`` on its line: (value, start index).
        With ``clitics`` its first word may carry an Arabic proclitic ("بحوالي", "لأكثر من")."""
        longest = min(self.maxlen, e)
        if longest <= 0 or e < len(toks) and toks[e].newline or not self._may_end(toks[e - 1], clitics):
            return None
        # a phrase of length L needs its last L - 1 tokens (as written, no clitic) to end some
        # phrase, on one line: tails[L - 1] holds them (None for a table they end no phrase of)
        norms: tuple[str, ...] = ()
        texts: tuple[str, ...] = ()
        ci_ok, cs_ok = True, bool(self.cs)
        tails: list[tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = [(norms, texts if cs_ok else None)]
        for k in range(e - 1, e - longest, -1):
            t = toks[k]
            if ci_ok:
                norms = (t.norm,) + norms
                ci_ok = norms in self.ci_suffixes
            if cs_ok:
                texts = (t.text,) + texts
                cs_ok = texts in self.cs_suffixes
            if not (ci_ok or cs_ok) or t.newline:
                break
            tails.append((norms if ci_ok else None, texts if cs_ok else None))
        for length in range(len(tails), 0, -1):
            a = e - length
            tail_norms, tail_texts = tails[length - 1]
            t = toks[a]
            texts_key = None if tail_texts is None else (t.text,) + tail_texts
            forms = ar_variants(t.norm) if clitics and t.kind == "ar" else ((t.norm, 0),)
            for form, _ in forms:
                v = self._value(toks, a, None if tail_norms is None else (form,) + tail_norms, texts_key)
                if v is not None:
                    return v, a
        return None


_NO_PHRASES = PhraseTable()  # the table of a role no lexicon fills (never added to)


@dataclass
class FigureLexicon:
    """Everything :func:`find_figures` reads from the lexicons of one language."""

    lang: str
    units: PhraseTable = field(default_factory=PhraseTable)  # after the number
    prefixes: PhraseTable = field(default_factory=PhraseTable)  # before it: "$", "US$"
    qual_before: PhraseTable = field(default_factory=PhraseTable)
    qual_after: PhraseTable = field(default_factory=PhraseTable)
    not_before: PhraseTable = field(default_factory=PhraseTable)
    not_after: PhraseTable = field(default_factory=PhraseTable)
    not_self: PhraseTable = field(default_factory=PhraseTable)
    roles: dict[str, PhraseTable] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    currency_cues: dict[str, list[tuple[str, tuple[str, ...], bool]]] = field(default_factory=dict)

    def role(self, name: str) -> PhraseTable:
        return self.roles.get(name) or _NO_PHRASES


def _forms(cell: str) -> list[str]:
    return [] if cell.strip() == "-" else [f.strip() for f in cell.split(",") if f.strip()]


def _add_unit(lex: FigureLexicon, form: str, info: UnitInfo) -> None:
    lex.units.add(form, info)
    if lex.lang == "ar":
        words = fold(form).split()
        acc = accusative(words[0]) if words else None
        if acc:
            lex.units.add(" ".join([acc] + words[1:]), info)


def _load_units(lex: FigureLexicon) -> None:
    lang = lex.lang
    for unit, kind, sg, pl, du in load_tsv(lang, "units.tsv", 5):
        for number, cell in (("sg", sg), ("pl", pl), ("du", du)):
            for form in _forms(cell):
                _add_unit(lex, form, UnitInfo(unit, kind, number))
    for unit, sg, pl, du in load_tsv(lang, "counted_nouns.tsv", 4):
        for number, cell in (("sg", sg), ("pl", pl), ("du", du)):
            for form in _forms(cell):
                _add_unit(lex, form, UnitInfo(unit, "count", number))
    for role, phrase in load_tsv(lang, "figure_context.tsv", 2):
        if role == "age_after":
            lex.units.add(phrase, UnitInfo("years_of_age", "age", "pl"))
    for code, position, mult, forms in load_tsv(lang, "currencies.tsv", 4):
        for form in _forms(forms):
            info = UnitInfo(code, "money", "sg", float(mult))
            if position in ("suffix", "both"):
                _add_unit(lex, form, info)
            if position in ("prefix", "both"):
                lex.prefixes.add(form, info)


@lru_cache(maxsize=None)
def figure_lexicon(lang: str) -> FigureLexicon:
    """The figure lexicon of ``lang`` ("ar" or "en"), read once from its data files."""
    lex = FigureLexicon(lang)
    _load_units(lex)
    for qualifier, position, phrase in load_tsv(lang, "qualifiers.tsv", 3):
        (lex.qual_before if position == "before" else lex.qual_after).add(phrase, qualifier)
    for position, reason, phrase in load_tsv(lang, "not_figures.tsv", 3):
        cs = lang == "en" and reason == "date"
        if position in ("before", "both"):
            lex.not_before.add(phrase, reason, cs)
        if position in ("after", "both"):
            lex.not_after.add(phrase, reason, cs)
        if position == "self":
            lex.not_self.add(phrase, reason)
    for role, phrase in load_tsv(lang, "figure_context.tsv", 2):
        lex.roles.setdefault(role, PhraseTable()).add(phrase, True)
    lex.stop = frozenset(fold(w) for w in load_list(lang, "figure_stopwords.txt"))
    for placeholder, code, cues in load_tsv(lang, "currency_context.tsv", 3):
        words = tuple(fold(c) for c in cues.split(",") if c.strip() and c.strip() != "*")
        lex.currency_cues.setdefault(placeholder, []).append((code, words, "*" in cues.split(",")))
    return lex


@dataclass
class UnitMatch:
    """A unit found after a number: tokens up to ``end`` are read; the figure's span ends
    at ``span_end`` (the unit itself, or the number for a partitive "nine of the games");
    ``fallback`` marks a unit guessed from a noun no lexicon lists."""

    info: UnitInfo
    end: int
    span_end: int
    fallback: bool = False


BLOCK = UnitMatch(UnitInfo("", ""), -1, -1)  # what follows the number says it is no figure


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def _looks_plural(tok: Token) -> bool:
    """"games", "MPs"; not "gas", "bus", "status", "its"."""
    if _ACRONYM_PLURAL.fullmatch(tok.text):
        return True
    word = tok.norm
    return (len(word) > 3 and word.endswith("s") and word.isalpha()
            and not word.endswith(("ss", "us", "is", "ous", "'s")))


# What may start a figure at a word: True, False, or the words one of which must follow it
# (a phrase of several words is the only thing that can start there).
Follow = bool | frozenset[str]


def _union(follows: Iterable[Follow]) -> Follow:
    """True when any of ``follows`` is; else the union of the word sets (False if empty)."""
    words: set[str] = set()
    for f in follows:
        if f is True:
            return True
        if f:
            words |= f
    return frozenset(words) or False


def _read_alone(info: UnitInfo, article: bool) -> bool:
    """Whether :meth:`_Scan.noun_figure` or :meth:`_Scan.definite_duration` can read a unit
    with no number before it: a singular, a dual that is not money, a duration; a word that
    had the article only as a dual or plural duration."""
    if article:
        return info.kind == "duration" and info.number != "sg"
    return info.kind == "duration" or info.number == "sg" or info.number == "du" and info.kind != "money"


@lru_cache(maxsize=None)
def _unit_follows(lang: str, article: bool) -> dict[str, Follow]:
    """First words of the unit phrases that can be read alone (see :func:`_read_alone`),
    mapped to True when such a phrase is that word alone, else to the words that come second."""
    follows: dict[str, list[Follow]] = {}
    for key, info in figure_lexicon(lang).units.ci.items():
        if _read_alone(info, article):
            follows.setdefault(key[0], []).append(True if len(key) == 1 else frozenset(key[1:2]))
    return {word: _union(f) for word, f in follows.items()}


def _may_start_at(lang: str, t: Token) -> Follow:
    """What may start a figure at token ``t``: a number always, a word as :func:`_may_start`."""
    return t.kind == "num" or _may_start(lang, t.kind, t.norm)


# The same for each token object, per language (tokens are shared by spelling, see
# numbers.tokenize_ends). Its keys keep tokens alive: twice the size of the token cache
# leaves room for the live ones, and those it dropped go at the next emptying.
_MAY_START = {lang: Memo(partial(_may_start_at, lang), 131_072) for lang in ("ar", "en")}


def _may_start(lang: str, kind: str, norm: str) -> Follow:
    """Whether :meth:`_Scan.at` can find anything at a token of this kind and norm: the same
    tests its readers make first (a number word, a fraction, a unit noun on its own). A word
    that can only start a phrase of several words gives the words that may follow it."""
    if kind == "sym":
        return False
    nlex = number_lexicon(lang)
    if kind != "ar":
        head = norm.split("-")[0]
        if head in nlex.words or head in nlex.scales or head in nlex.fractions or norm in nlex.fractions:
            return True
        if norm in nlex.articles:  # "a hundred", "a third of"
            multipliers = [w for w, v in nlex.words.items() if v.type == "multiplier"]
            return frozenset([*multipliers, *nlex.scales, *nlex.fractions])
        return head in nlex.articles  # "a-..."
    variants = ar_variants(norm)
    if _may_start_number(norm, kind, nlex):
        return True
    if any(f in nlex.fractions for f, _ in variants):
        return True
    if any(f.startswith("ال") and f[2:] in nlex.words for f, _ in variants):
        return True  # a definite cardinal ("الأربعين عاما الماضية", see definite_duration)
    # a unit noun read alone (noun_figure, definite_duration); without its article only a
    # dual or plural duration ("الأسبوعين", "السنوات العشر")
    nouns = _unit_follows(lang, article=False)
    follows = [nouns.get(f, False) for f, _ in variants]
    if norm.startswith("ال"):
        follows.append(_unit_follows(lang, article=True).get(norm[2:], False))
    return _union(follows)


class _Scan:
    """One pass over ``text[start:end]``; see :func:`find_figures`."""

    def __init__(self, text: str, lang: str, start: int, end: int) -> None:
        self.text = text
        self.lang = lang
        self.lex = figure_lexicon(lang)
        self.nlex = number_lexicon(lang)
        sh = shadow(text)
        self.toks, self.ends = tokenize_ends(sh, start, end)
        blocked = _BLOCKED if _BLOCKED_NO_AT is None or sh.find("@", start, end) >= 0 else _BLOCKED_NO_AT
        spans = [m.span() for m in blocked.finditer(sh, start, end)]
        self.blocked_starts = [s for s, _ in spans]
        self.blocked_ends = [e for _, e in spans]
        self.currency: dict[str, str] = {}
        self.folded: str | None = None  # the text folded, once a currency needs it
        self.keys: set[str] = set()  # keys of the figures found so far
        self.age_end = -10  # token index after the last decade age ("their 20s, 30s and 60s")

    # -- the pass ---------------------------------------------------------------------

    def run(self) -> list[Figure]:
        out: list[Figure] = []
        toks = self.toks
        n = len(toks)
        follows = self.follows()
        resume = 0  # the first token after the last figure
        for i in compress(range(n), follows):
            if i < resume:
                continue
            start = follows[i]
            if start is not True and not (i + 1 < n and toks[i + 1].norm in start):
                continue  # at(i) would find nothing: no symbol or word of no lexicon starts a figure
            got = self.at(i)
            if got is not None:
                fig, resume = got
                out.append(fig)
                self.keys.add(fig.key)
        return out

    def follows(self) -> list[Follow]:
        """What may start a figure at each token (see :func:`_may_start`; numbers always)."""
        return list(map(_MAY_START[self.lang].__getitem__, self.toks))

    def at(self, i: int) -> tuple[Figure, int] | None:
        t = self.toks[i]
        if t.kind == "sym" or self.in_blocked(self.offsets(i)[0]):
            return None
        a = read_amount(self.toks, i, self.lang)
        if a is None:
            a = self.definite_scaled(i)
            if a is not None:
                return self.amount_figure(a)
            return self.fraction_figure(i) or self.noun_figure(i) or self.definite_duration(i)
        return self.amount_figure(a)

    def definite_scaled(self, i: int) -> Amount | None:
        """An Arabic cardinal written with the article before a scale word: "العشرة آلاف شخص"
        (10,000 people), "العشرين ألف جندي". Without a scale a definite number stays no figure
        ("السلطات الثلاث")."""
        if self.lang != "ar" or self.toks[i].kind != "ar":
            return None
        v = self._definite_number(i, first=True)
        t = self.tok(i + 1)
        if v is None or t is None or t.newline or t.kind != "ar":
            return None
        sc = self.nlex.scales.get(t.norm)
        if sc is None or sc.number == "du":
            return None
        return Amount(v * sc.multiplier, i, i + 2, words=True, scale=sc.multiplier)

    def in_blocked(self, pos: int) -> bool:
        k = bisect.bisect_right(self.blocked_starts, pos) - 1
        return k >= 0 and pos < self.blocked_ends[k]

    # -- helpers ----------------------------------------------------------------------

    def tok(self, k: int) -> Token | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def offsets(self, k: int) -> tuple[int, int]:
        """Start and end offset of token ``k`` in the text."""
        end = self.ends[k + 1]
        return end - len(self.toks[k].text), end

    def role_at(self, name: str, k: int) -> int | None:
        """End index of a ``name`` context phrase starting at ``k`` on the same line."""
        t = self.tok(k)
        if t is None or t.newline:
            return None
        m = self.lex.role(name).match_at(self.toks, k)
        return m[1] if m else None

    def role_before(self, name: str, e: int) -> int | None:
        """Start index of a ``name`` context phrase ending right before token ``e``."""
        if e < len(self.toks) and self.toks[e].newline:
            return None
        m = self.lex.role(name).match_before(self.toks, e, clitics=self.lang == "ar")
        return m[1] if m else None

    def clitic_before(self, s: int) -> int:
        """``s``, or ``s - 1`` when token ``s - 1`` is an Arabic proclitic written against
        the number ("و39", "بـ100") or standing alone before it ("بـ 173.6")."""
        p = self.tok(s - 1)
        t = self.toks[s] if s < len(self.toks) else None
        if p is not None and t is not None and not t.newline and p.kind == "ar" and p.norm in ARABIC_CLITICS:
            return s - 1
        return s

    def resolve_currency(self, code: str) -> str:
        """ISO code of an ambiguous currency word, from the country words of the article."""
        if not code.startswith("@"):
            return code
        if code not in self.currency:
            if self.folded is None:
                self.folded = fold_text(self.text)
            folded = self.folded
            best, best_n, default = None, 0, None
            for iso, cues, is_default in self.lex.currency_cues.get(code, []):
                if is_default and default is None:
                    default = iso
                n = sum(folded.count(c) for c in cues)
                if n > best_n:
                    best, best_n = iso, n
            self.currency[code] = best or default or code.lstrip("@").upper()
        return self.currency[code]

    # -- context before the number ---------------------------------------------------

    def prefix_unit(self, first: int) -> tuple[UnitInfo, int] | None:
        """A currency symbol or code right before the number ("$4.9", "US$ 5", "EUR 3"),
        or, in Arabic, a percent sign written before it ("%50"): (unit, first index)."""
        t = self.toks[first]
        p = self.tok(first - 1)
        if p is None or t.newline:
            return None
        if self.lang == "ar" and p.text == "%" and t.glued:
            return UnitInfo("percent", "percent", "sg"), first - 1
        m = self.lex.prefixes.match_before(self.toks, first)
        if m is None:
            return None
        info, start = m
        if any(self.toks[k].newline for k in range(start + 1, first + 1)):
            return None
        return info, start

    def blocked_before(self, s: int, has_unit: bool, yearish: bool, clockish: bool = False,
                       digits: bool = True) -> bool:
        """True when the words before span start ``s`` make the number no figure
        (``clockish``: the number could be a clock time, "at 5", "at 2100"; identifiers are
        written in ``digits``: "District 9", not "the district two winters ago")."""
        t, p = self.toks[s], self.tok(s - 1)
        if p is None or t.newline:
            return False
        if self.lang == "ar" and self.clock_minutes(s):
            return True
        if t.glued and t.kind == "num" and self.glued_to_word(s, has_unit):
            return True
        e = self.clitic_before(s)
        if not has_unit and self.ordinal_article(e):
            return True  # "الرئيس الـ45", "القرن الـ21"
        m = self.lex.not_before.match_before(self.toks, e, clitics=self.lang == "ar")
        reason = m[0] if m is not None else None
        if reason in ("date", "rank") or reason == "identifier" and not has_unit and digits:
            return True
        if reason == "year" and yearish or reason == "calendar" and (yearish or not has_unit):
            return True
        if reason == "time" and not has_unit and clockish:
            return True
        return digits and not has_unit and self.name_before(e)

    def clock_minutes(self, s: int) -> bool:
        """The minutes of an Arabic clock time: "الساعة 14 و30 دقيقة", "على الساعة (19 و25 دق)"."""
        p, q = self.tok(s - 1), self.tok(s - 2)
        if p is None or q is None or p.norm != "و" or q.kind != "num" or not q.text.isdigit() or int(q.text) > 24:
            return False
        j = s - 2
        r = self.tok(j - 1)
        if r is not None and r.text == "(":
            j -= 1
        m = self.lex.not_before.match_before(self.toks, j, clitics=True)
        return m is not None and m[0] == "time"

    def glued_to_word(self, s: int, has_unit: bool) -> bool:
        """Digits written against a word or sign: "PS5", "EK2041", "24/7", "#5", "F-15",
        "إف-15", "COVID-19", "No.10", "2018-07", "عام2016"; not a proclitic ("و39", "بـ100")
        and not the article before a unit ("الـ24 ساعة")."""
        p, q = self.toks[s - 1], self.tok(s - 2)
        if p.kind == "lat" or p.text in "/#:":
            return True
        if p.kind == "ar":
            return p.norm not in ARABIC_CLITICS and (p.norm not in ARABIC_ARTICLES or not has_unit)
        return p.text in "-–." and q is not None and p.glued and q.kind in ("lat", "ar", "num")

    def ordinal_article(self, e: int) -> bool:
        """The Arabic article standing before token ``e`` without a qualifier before it."""
        q = self.tok(e - 1)
        if q is None or q.kind != "ar" or q.norm not in ARABIC_ARTICLES or self.toks[e].newline:
            return False
        return self.lex.qual_before.match_before(self.toks, e, clitics=True) is None

    def name_before(self, e: int) -> bool:
        """A word with a capital letter right before token ``e``: "Pixel 8", "iPhone 15"."""
        q = self.tok(e - 1)
        return (q is not None and q.kind == "lat" and any(c.isupper() for c in q.text)
                and q.norm not in self.lex.stop and not q.norm.endswith("'s") and not self.toks[e].glued)

    def qualifier(self, s: int, e: int) -> str | None:
        """The qualifier before span start ``s`` ("nearly", "لأكثر من") or after token ``e``."""
        for end in dict.fromkeys((s, self.clitic_before(s))):
            q = self.tok(end - 1)
            if q is not None and q.norm in ARABIC_ARTICLES:
                end -= 1  # "بنحو الـ100": the article after the qualifier
            m = self.lex.qual_before.match_before(self.toks, end, clitics=self.lang == "ar")
            if m is not None and not _purpose_clause(self.toks[m[1]].norm):
                return m[0]
        m = self.lex.qual_after.match_at(self.toks, e)
        if m is not None and not self.toks[e].newline:
            return m[0]
        return None

    def is_age(self, s: int, e: int) -> bool:
        """Whether the years figure spanning tokens ``s``..``e`` is an age: "aged 53",
        "يبلغ من العمر 53 عاما", "أعمارهن بين 12 و41 سنة"."""
        if self.role_before("age_before", s) is not None or self.parenthesised(s, e):
            return True
        if self.lang == "ar":
            cues = self.lex.role("age_before")
            for k in range(s - 1, max(-1, s - 5), -1):
                t = self.toks[k]
                if t.kind == "num" or t.text in SENTENCE_PUNCT or t.text in "،,":
                    break
                if any((form,) in cues for form, _ in ar_variants(t.norm)):
                    return True
                if t.newline:
                    break
            if self.role_at("age_after", e) is not None:
                return True
        return False

    # -- units after the number ------------------------------------------------------

    def unit_after(self, a: Amount) -> UnitMatch | None:
        """The unit after amount ``a``; None for a bare number; BLOCK when what follows
        makes it no figure ("21st", "5pm", "3 مرات", "7 فبراير")."""
        toks = self.toks
        if a.rest:
            return self.unit_in_word(a)
        j = a.last
        t = self.tok(j)
        if t is None or t.newline:
            return None
        if t.text in "-–" and t.glued and (u := self.tok(j + 1)) is not None and u.glued and u.kind == "lat":
            if u.norm.split("-")[0] in self.nlex.articles:
                return None  # "£1bn-a-year": a rate, not part of the unit
            if u.norm == "to" and (v := self.tok(j + 2)) is not None and v.text in "-–" and v.glued:
                return None  # "8-to-10 foot": a range, the unit comes after the second number
            m = self.lex.units.match_at(toks, j + 1) or self.lex.units.match_at(toks, j + 1, first=u.norm.split("-")[0])
            if m is not None:
                return UnitMatch(m[0], m[1], m[1])  # "80-foot", "30-year-old", "8-months-pregnant"
            return BLOCK  # "five-star", "7-Eleven": part of a compound word
        if t.glued and t.text == "/" and (u := self.tok(j + 1)) is not None and u.glued and u.kind == "num":
            return BLOCK  # "24/7", "2018/19"
        if t.glued and t.kind == "lat":
            m = self.lex.units.match_at(toks, j, first=t.norm.split("-")[0])
            return UnitMatch(m[0], m[1], m[1]) if m is not None else BLOCK  # "10km(-long)"; "4G", "21st"
        m = self.lex.units.match_at(toks, j)
        if m is not None:
            info, end = m
            if info.kind == "money" and self.lang == "en" and toks[j].norm.startswith("pound") \
                    and (o := self.tok(end)) is not None and o.norm == "of":
                info = UnitInfo("pounds", "measure")  # "10 pounds of cocaine" is a weight
            return UnitMatch(info, end, end)
        if self.lex.not_after.match_at(toks, j) is not None:
            return BLOCK
        if self.lang == "ar" and t.norm == "و" and (u := self.tok(j + 1)) is not None and u.kind == "num" \
                and u.glued and (m := self.lex.not_after.match_at(toks, j + 2)) is not None and m[0] == "date":
            return BLOCK  # "8 و9 فيفري": the first day of a date
        if self.role_at("partitive", j) is not None:
            return self.partitive(a, j)
        return self.noun_fallback(a, j)

    def unit_in_word(self, a: Amount) -> UnitMatch | None:
        """The unit inside a hyphenated word after its number: "five-year", "one-ounce",
        "five-year-old"; BLOCK for "two-way", "one-off"; None for what follows a glued
        scale ("$100m-plus")."""
        key = a.rest
        if key[0] in self.nlex.articles:
            return None  # "£1bn-a-year", "$5m-a-day": a rate, no unit
        for info_key in (key, key[:1]):
            info = self.lex.units.ci.get(info_key)
            if info is not None:
                if key[-1:] == ("old",) and info.unit == "years":
                    info = UnitInfo("years_of_age", "age", "sg")
                return UnitMatch(info, a.last, a.last)
        return None if a.raw else BLOCK

    def partitive(self, a: Amount, j: int) -> UnitMatch | None:
        """"seven of the 12 largest firms" (unit firms, span "seven"), "100 من القوات"."""
        toks = self.toks
        k = self.role_at("partitive", j) or j + 1
        if self.lang == "ar":
            t = self.tok(k)
            if t is None or t.newline or t.kind != "ar" or not t.norm.startswith("ال"):
                return None
            noun = t.norm[2:]
            m = self.lex.units.match_at(toks, k, first=noun)
            if m is not None and m[0].kind == "duration":
                return BLOCK  # "15 من الشهر الجاري" is a date
            info = m[0] if m is not None else UnitInfo(_nominative(noun), "count")
            return UnitMatch(info, a.last, a.last, fallback=True)
        if (d := self.role_at("partitive_det", k)) is not None:
            k = d
        for _ in range(4):
            t = self.tok(k)
            if t is None or t.newline:
                return None
            if t.kind == "num":
                k += 1
                continue
            if t.kind != "lat" or t.norm in self.lex.stop:
                return None
            m = self.lex.units.match_at(toks, k)
            if m is not None and m[0].kind == "count":
                return UnitMatch(m[0], a.last, a.last, fallback=True)
            if _looks_plural(t):
                return UnitMatch(UnitInfo(t.norm, "count"), a.last, a.last, fallback=True)
            k += 1
        return None

    def noun_fallback(self, a: Amount, j: int) -> UnitMatch | None:
        """The counted noun when no lexicon lists it (see the module docstring)."""
        toks = self.toks
        if self.lang == "ar":
            t = toks[j]
            if t.kind != "ar" or t.norm in self.lex.stop or t.norm.startswith("ال") or len(t.norm) < 2:
                return None
            if t.norm.startswith("و") or any(f.startswith("ال") or f in self.lex.stop
                                             for f, c in ar_variants(t.norm) if c):
                return None  # a new phrase ("9 ويبعد"), not the counted noun
            return UnitMatch(UnitInfo(_nominative(t.norm), "count"), j + 1, j + 1, fallback=True)
        k = j
        for mods in range(3):
            t = self.tok(k)
            if t is None or t.newline or t.kind != "lat" or t.norm in self.lex.stop:
                return None
            m = self.lex.units.match_at(toks, k)
            if m is not None:
                # a listed noun after modifiers ("12 largest listed firms") is still a guess
                ok = m[0].kind == "count" and mods and (m[0].number != "sg" or a.value == 1)
                return UnitMatch(m[0], m[1], m[1], fallback=True) if ok else None
            if _looks_plural(t) and a.value != 1:
                return UnitMatch(UnitInfo(t.norm, "count"), k + 1, k + 1, fallback=True)
            k += 1
        return None

    # -- figures ----------------------------------------------------------------------

    def span(self, s: int, e: int, clitic: int = 0) -> tuple[int, int]:
        """Character span of tokens ``s``..``e`` (exclusive), less a proclitic of ``clitic``
        folded characters at the start, and less what follows the first part of a
        hyphenated word glued to digits ("£1bn-a-year" -> "£1bn", "10km-long" -> "10km")."""
        last = self.toks[e - 1]
        start, t_end = self.offsets(s)
        if clitic:
            start += raw_offset(self.text[start:t_end], clitic)
        last_start, end = self.offsets(e - 1)
        before = self.toks[e - 2] if e - 1 > s else None
        if before is not None and last.glued and last.kind == "lat" and (
                before.kind == "num" or before.text in "-–" and before.glued and e - 2 > s and self.toks[e - 3].kind == "num"
                and not last.norm.endswith("-old")):
            end = last_start + len(last.text.split("-")[0])  # ("8-months-pregnant" -> "8-months")
        return start, end

    def make(self, s: int, e: int, value: float, info: UnitInfo, *, value_max: float | None = None,
             clitic: int = 0, qualifier: str | None = None) -> Figure:
        start, end = self.span(s, e, clitic)
        unit = self.resolve_currency(info.unit) if info.kind == "money" else info.unit
        return Figure(text=self.text[start:end], start=start, end=end, value=_clean(value),
                      unit=unit, value_max=None if value_max is None else _clean(value_max),
                      kind=info.kind, qualifier=qualifier)

    def amount_figure(self, a: Amount) -> tuple[Figure, int] | None:
        """The figure that amount ``a`` starts, if any (with the index to go on from)."""
        prefix = self.prefix_unit(a.first)
        s = prefix[1] if prefix else a.first
        if self.in_name(a):
            return None
        if a.decade:
            return self.decade_figure(a, s)
        fraction = self.fraction_of(a)
        if fraction is not None:
            return self.ratio_of(a, s, *fraction)
        ratio = self.ratio(a, s)
        if ratio is not None:
            return ratio
        metres = self.race_distance(a, s, prefix)
        if metres is not None:
            return metres
        if self.emergency_number(a, s) or self.ar_phone_number(a, s) or self.ar_authored(a) \
                or self.ar_date_range(a):
            return None
        unit = self.unit_after(a)
        if unit is BLOCK:
            return None
        if prefix is not None and unit is not None and unit.info.kind != "money":
            unit = None  # "$1.2tn of assets" is money
        if unit is None and prefix is None and self.date_range(a, s):
            return None  # "from 6 to 9 January": the first day of a date range
        rng = self.range_after(a, s, prefix, unit)
        if rng is not None:
            return rng
        if self.joined_pair(a):
            return None  # "3-1", "2018-19": a score or a season, not a range
        return self.single_figure(a, s, prefix, unit)

    def race_distance(self, a: Amount, s: int, prefix: tuple[UnitInfo, int] | None) -> tuple[Figure, int] | None:
        """"the 800m", "1500m title", "10,000m": with no currency, an "m" glued to a round
        distance is metres (not millions) in a sporting context, or when a race word follows.
        A counted noun or "of" after it keeps the millions ("800m people", "300m of debt")."""
        if self.lang != "en" or prefix is not None or a.words or a.scale != 1e6 or a.rest:
            return None
        m = self.tok(a.last - 1)
        if m is None or m.norm != "m" or not m.glued:
            return None
        d = a.value / 1e6
        if d != int(d) or not (d in (50, 60, 110) or 100 <= d <= 10000 and d % 100 == 0):
            return None
        nxt = self.tok(a.last)
        if nxt is not None and not nxt.newline and nxt.kind == "lat":
            if nxt.norm == "of" or self.lex.units.match_at(self.toks, a.last) is not None and nxt.norm not in RACE_WORDS:
                return None
            if _looks_plural(nxt) and nxt.norm not in RACE_WORDS:
                return None
        raced = nxt is not None and not nxt.newline and nxt.norm in RACE_WORDS
        p = self.tok(s - 1)
        if p is not None and p.norm == "the" and nxt is not None and not nxt.newline and nxt.norm in ("in", "at"):
            raced = True  # "won the 800m in Glasgow"
        if not raced and not self.sporting():
            return None
        info = UnitInfo("metres", "measure")
        return self.make(s, a.last, d, info, qualifier=self.qualifier(s, a.last)), a.last

    def sporting(self) -> bool:
        """Whether the text speaks of sport (races, athletes, championships)."""
        if not hasattr(self, "_sporting"):
            words = re.findall(r"[a-z]+", self.text.lower())
            self._sporting = sum(1 for w in words if w in SPORT_WORDS) >= 2
        return self._sporting

    def emergency_number(self, a: Amount, s: int) -> bool:
        """"called 911", "a 999 call": an emergency telephone number, not a quantity."""
        if self.lang != "en" or a.raw not in EMERGENCY_NUMBERS:
            return False
        p, n = self.tok(s - 1), self.tok(a.last)
        return (p is not None and p.norm in EMERGENCY_BEFORE) or (n is not None and not n.newline and n.norm in EMERGENCY_AFTER)

    def multiplier_near(self, s: int, e: int) -> bool:
        """A word of comparison or growth up to three words before token ``s`` or two after
        ``e`` (``multiplier_near``): the number of times is a multiplier."""
        cues = self.lex.role("multiplier_near")
        for k in [*range(s - 1, max(-1, s - 4), -1), *range(e, min(len(self.toks), e + 2))]:
            t = self.toks[k]
            if t.kind == "ar" and any((form,) in cues for form, _ in ar_variants(t.norm)):
                return True
        return False

    def ar_phone_number(self, a: Amount, s: int) -> bool:
        """"اتصل بالرقم 911", "الاتصال على 112", "خط الطوارئ 197": a telephone number after a
        word of calling or of emergency up to four words before it (``phone_before``)."""
        if self.lang != "ar" or a.words or not a.raw.isdigit() or len(a.raw) < 3 or a.scale != 1:
            return False
        cues = self.lex.role("phone_before")
        for k in range(s - 1, max(-1, s - 5), -1):
            t = self.toks[k]
            if t.text in SENTENCE_PUNCT or t.newline and k < s - 1:
                break
            if t.kind == "ar" and any((form,) in cues for form, _ in ar_variants(t.norm)):
                return True
        return False

    def ar_date_range(self, a: Amount) -> bool:
        """"من 6 إلى 9 يناير", "بين 6 و9 مارس": the first day of a range of days whose second
        number is followed by a month (both are dates)."""
        if self.lang != "ar" or a.words or not a.raw.isdigit() or not 1 <= a.value <= 31:
            return False
        k2 = self.role_at("range_to", a.last) or self.role_at("range_and", a.last)
        if k2 is None:
            return False
        b = read_amount(self.toks, k2, self.lang)
        if b is None or b.words or not b.raw.isdigit() or not 1 <= b.value <= 31:
            return False
        m = self.lex.not_after.match_at(self.toks, b.last)
        return m is not None and m[0] == "date"

    def ar_authored(self, a: Amount) -> bool:
        """"ألّف كتبا", "الذي ألف كتابا عن …": the verb "authored", not a thousand. ألف alone
        (no number before it) takes a genitive singular as a number ("ألف شخص"); before an
        indefinite accusative noun ("كتبا", "روايات") or written with shadda it is the verb."""
        if self.lang != "ar" or not a.words or a.value != 1000 or a.last != a.first + 1:
            return False
        t = self.toks[a.first]
        if t.norm not in ("الف", "والف", "فالف") or (p := self.tok(a.first - 1)) is not None \
                and not t.newline and (p.kind == "num" or p.norm in self.nlex.words):
            return False
        start, end = self.offsets(a.first)
        if "\u0651" in self.text[start:end]:
            return True  # ألّف
        n = self.tok(a.last)
        return n is not None and not n.newline and n.kind == "ar" and len(n.norm) > 3 \
            and n.norm.endswith("ا") and n.norm[-2] not in "اوى" and not n.norm.startswith("ال")

    def date_range(self, a: Amount, s: int) -> bool:
        """"6 to 9 January", "between 6 and 9 March": the first number of a range of days
        whose second number is followed by a month."""
        if self.lang != "en" or a.words or not a.raw.isdigit() or not 1 <= a.value <= 31:
            return False
        k2 = self.role_at("range_to", a.last) or self.role_at("range_and", a.last) or self.role_at("range_or", a.last)
        if k2 is None:
            return False
        b = read_amount(self.toks, k2, self.lang)
        if b is None or b.words or not 1 <= b.value <= 31:
            return False
        m = self.lex.not_after.match_at(self.toks, b.last)
        return m is not None and m[0] == "date"

    def in_name(self, a: Amount) -> bool:
        """Number words that belong to an idiom or a name: "one of", "the Four Seasons"."""
        if not a.words:
            return False
        if self.lex.not_self.match_at(self.toks, a.first) is not None:
            return True
        first = self.toks[a.first]
        return self.lang == "en" and first.text[:1].isupper() and not self.sentence_start(a.first)

    def fraction_of(self, a: Amount) -> tuple[float, int] | None:
        """"two-thirds", "three quarters", "ثلاثة أرباع": (ratio value, end index)."""
        if a.rest and a.rest[0] in self.nlex.fractions:
            return a.value * self.nlex.fractions[a.rest[0]], a.last
        f = self.tok(a.last)
        if f is not None and not f.newline and f.norm in self.nlex.fractions and a.value > 1 and not a.rest:
            return a.value * self.nlex.fractions[f.norm], a.last + 1
        return None

    def single_figure(self, a: Amount, s: int, prefix: tuple[UnitInfo, int] | None,
                      unit: UnitMatch | None) -> tuple[Figure, int] | None:
        """A figure of one value: the checks on what surrounds it, age, qualifier."""
        info = unit.info if unit else (prefix[0] if prefix else None)
        lexical = info is not None and not (unit and unit.fallback)
        yearish = bool(_YEAR.fullmatch(a.raw)) and 1000 <= a.value <= 2100
        if self.blocked_before(s, lexical, yearish, _CLOCK.fullmatch(a.raw) is not None, digits=not a.words):
            return None
        if yearish and not lexical or not self.bare_ok(a, s, info, unit):
            return None
        if info is None:
            info = UnitInfo("years_of_age", "age") if self.appositive_age(a, s) else UnitInfo("count", "count")
        if info.unit == "times" and self.multiplier_near(s, unit.span_end if unit else a.last):
            return None  # "تضاعف ثلاث مرات": a multiplier
        value = a.value * info.multiplier * self.sign(s)
        e = unit.span_end if unit else a.last
        nxt = unit.end if unit else a.last
        if unit is not None and info.kind == "duration" and (k := and_a_half(self.toks, nxt, self.lang)):
            value += 0.5  # "ثلاث سنوات ونصف"
            e = nxt = nxt + k
        if info.unit in ("years", "years_of_age") and self.is_age(s, e):
            info = UnitInfo("years_of_age", "age")
        elif a.raw and info.unit == "count" and self.role_before("age_before", s) is not None:
            info = UnitInfo("years_of_age", "age")  # "aged 53", "في سن 18"
        clitic = a.clitic if s == a.first else 0
        fig = self.make(s, e, value, info, clitic=clitic, qualifier=self.qualifier(s, e))
        if self.given(s, fig):
            return None
        return fig, nxt

    def given(self, s: int, fig: Figure) -> bool:
        """"مبلغ الـ 2.7 مليار دينار" after "2.7 مليار دينار": a number with the article that
        repeats an amount already given refers back to it; it is no new figure ("خلال الـ24
        ساعة الماضية" is)."""
        e = self.clitic_before(s)
        q = self.tok(e - 1)
        definite = q is not None and q.kind == "ar" and q.norm in ARABIC_ARTICLES
        if not definite and self.toks[s].kind == "num" and self.toks[s].glued:
            definite = q is not None and q.norm in ARABIC_ARTICLES
        return definite and fig.key in self.keys
    def bare_ok(self, a: Amount, s: int, info: UnitInfo | None, unit: UnitMatch | None) -> bool:
        """Whether an amount without a lexicon unit is still a figure (see module docstring)."""
        toks = self.toks
        if a.raw and a.raw.startswith("0") and len(a.raw) > 2 and "." not in a.raw and "," not in a.raw:
            return False  # "0800", a phone or code
        if a.first == 0 or toks[a.first].newline:
            nxt = self.tok(a.last)
            if nxt is not None and nxt.text in ".)" and nxt.glued and not a.words:
                return False  # "1. Luxury houseboats": a list number
        if a.bare_scale and (info is None or (unit is not None and unit.fallback)
                             or (p := self.tok(a.first - 1)) is not None and p.kind == "num"):
            return False  # "مليون" alone, or the scale of a number skipped before it
        if info is not None:
            return True
        nxt = self.tok(a.last)
        if self.lang == "en" and nxt is not None and nxt.kind == "lat" and not nxt.newline \
                and nxt.text[:1].isupper() and not nxt.text.isupper():
            return False  # "10 Downing Street", "Radio 5 Live": part of a name
        if a.words:
            if a.value < 2:
                return False
            if self.lang == "en" and self.role_before("determiner", s) is not None:
                return False
            if self.lang == "ar" and nxt is not None and not nxt.newline and nxt.norm.startswith("ال"):
                return False
        return True

    def joined_pair(self, a: Amount) -> bool:
        """Whether the number is glued by a hyphen, slash or colon to another one ("3-1",
        "2:1")."""
        h, b = self.tok(a.last), self.tok(a.last + 1)
        return (not a.words and h is not None and b is not None and h.glued and b.glued
                and h.text in "-–/:" and b.kind == "num")

    def sign(self, s: int) -> int:
        """-1 for "minus 10 degrees", "سالب 5", "-5C" (a minus sign not joining two words)."""
        p = self.tok(s - 1)
        if p is not None and p.text in "-−" and self.toks[s].glued:
            q = self.tok(s - 2)
            if q is None or not p.glued:
                return -1
        return -1 if self.role_before("negative", self.clitic_before(s)) is not None else 1

    def sentence_start(self, k: int) -> bool:
        """Whether token ``k`` opens a sentence or a line."""
        p = self.tok(k - 1)
        return p is None or self.toks[k].newline or p.text in SENTENCE_PUNCT or p.text in "'‘’"

    def appositive_age(self, a: Amount, s: int) -> bool:
        """"Joe Biden, 81, said", "Jane Smith (45)": a bare number set off after a name
        is an age."""
        p, q, n = self.tok(s - 1), self.tok(s - 2), self.tok(a.last)
        if self.lang != "en" or a.words or not a.raw.isdigit() or not 1 <= a.value <= 120:
            return False
        if p is None or q is None or n is None or q.kind != "lat":
            return False
        if not q.text[:1].isupper() and self.role_at("person", s - 2) is None:
            return False
        return p.text == "," and n.text in ",;" or p.text == "(" and n.text == ")"

    def parenthesised(self, s: int, e: int) -> bool:
        """Whether tokens ``s``..``e`` are alone in brackets right after a word:
        "محمد علي (45 عاما)" gives an age."""
        p, q, n = self.tok(s - 1), self.tok(s - 2), self.tok(e)
        return (p is not None and p.text == "(" and n is not None and n.text == ")"
                and q is not None and q.kind in ("ar", "lat"))

    def decade_figure(self, a: Amount, s: int) -> tuple[Figure, int] | None:
        """"in their 20s, 30s and 60s" are ages; "the 1990s" and a lone "30s" are not."""
        if len(a.raw) != 2 or a.value % 10:
            return None
        chained = s - self.age_end <= 2 and all(
            self.toks[k].text == "," or self.toks[k].norm in ("and", "or") for k in range(self.age_end, s))
        if not chained and self.role_before("decade_age", s) is None:
            return None
        self.age_end = a.last
        return self.make(s, a.last, a.value, UnitInfo("years_of_age", "age")), a.last

    def ratio(self, a: Amount, s: int) -> tuple[Figure, int] | None:
        """"three out of 10", "one in five", "اثنان من كل عشرة" -> value a/b, unit ratio."""
        k = self.role_at("ratio", a.last)
        if k is None or a.scale != 1:
            return None
        t = self.tok(k)
        if t is None or t.newline:
            return None
        b = read_amount(self.toks, k, self.lang)
        if b is None or b.rest or b.decade or b.value < a.value or b.value <= 0 or b.scale != 1:
            return None
        if _YEAR.fullmatch(b.raw):
            return None
        after = self.lex.units.match_at(self.toks, b.last)
        if after is not None and after[0].kind != "count":
            return None  # "5 in 10 years" is no ratio
        return self.ratio_of(a, s, a.value / b.value, b.last)

    def ratio_of(self, a: Amount, s: int, value: float, e: int) -> tuple[Figure, int]:
        info = UnitInfo("ratio", "ratio")
        return self.make(s, e, value, info, clitic=a.clitic, qualifier=self.qualifier(s, e)), e

    def range_after(self, a: Amount, s: int, prefix: tuple[UnitInfo, int] | None,
                    unit: UnitMatch | None) -> tuple[Figure, int] | None:
        """"20,000 to 40,000 seats", "between 10 and 20", "five or six", "بين 8 م د
        و11 م د", "12 إلى 17 مليار درهم" -> one figure with value and value_max."""
        if unit is not None and unit.fallback:
            return None
        between = self.role_before("range_between", self.clitic_before(s)) is not None
        second = self.range_second(a, unit, between)
        if second is None:
            return None
        b, unit2, pre2 = second
        u1 = unit.info if unit else (prefix[0] if prefix else None)
        u2 = unit2.info if unit2 else (pre2[0] if pre2 else None)
        if u2 is None and unit is None and prefix is not None:
            u2 = u1  # "$5-10m": the currency before the first number counts for both
        if u1 is not None and (u2 is None or u1.unit != u2.unit):
            return None
        if unit is not None and unit2 is not None and u1 is not None and u2 is not None \
                and u1.multiplier != u2.multiplier:
            return None  # "تراجع 45 سنتا إلى 60.20 دولار": a change and a price, no range
        complete = unit is not None or prefix is not None or a.scale > 1
        if complete and not between and self.role_before("range_from", self.clitic_before(s)) is not None:
            return None  # "from 34% to 46%", "from 5.1 million to 5.6 million": two figures
        lo, hi = a.value, b.value
        if a.scale == 1 and b.scale > 1 and lo < hi / b.scale:
            lo *= b.scale  # "12 إلى 17 مليار": the scale counts for both
        lo *= (u1 or u2).multiplier if (u1 or u2) else 1
        hi *= u2.multiplier if u2 else 1
        yearish = bool(_YEAR.fullmatch(a.raw)) and 1000 <= a.value <= 2100
        if hi <= lo or yearish and (u2 is None or (unit2 is not None and unit2.fallback)):
            return None
        if self.blocked_before(s, u2 is not None, yearish, digits=not a.words):
            return None
        info = u2 or u1 or UnitInfo("count", "count")
        e = unit2.span_end if unit2 else b.last
        if info.unit in ("years", "years_of_age", "count") and self.is_age(s, e):
            info = UnitInfo("years_of_age", "age")  # "aged 18 to 24", "بين 12 و41 سنة"
        clitic = a.clitic if s == a.first else 0
        fig = self.make(s, e, lo, info, value_max=hi, clitic=clitic, qualifier=self.qualifier(s, e))
        return fig, (unit2.end if unit2 else b.last)

    def range_second(self, a: Amount, unit: UnitMatch | None, between: bool
                     ) -> tuple[Amount, UnitMatch | None, tuple[UnitInfo, int] | None] | None:
        """The second number of a range after ``a`` (and its unit): (amount, unit, currency
        prefix), or None when no connector and number follow."""
        toks = self.toks
        k = unit.end if unit else a.last
        k2 = role = None
        for role in ("range_to", "range_or", "range_and"):
            k2 = self.role_at(role, k)
            if k2 is not None:
                break
        if k2 is None or role == "range_and" and not between or role == "range_or" and unit is not None:
            return None
        t = self.tok(k2)
        if t is None or t.newline:
            return None
        if role == "range_to" and t.norm == "to" and toks[k - 1].kind == "num" and toks[k].text in "-–":
            k2 += 1  # "8- to 10-foot", "8-to-10 foot"
            if (v := self.tok(k2)) is not None and v.text in "-–" and v.glued:
                k2 += 1
            t = self.tok(k2)
            if t is None or t.newline:
                return None
        pre2 = self.lex.prefixes.match_at(toks, k2)
        j = pre2[1] if pre2 else k2
        if j >= len(toks):
            return None
        b = read_amount(toks, j, self.lang)
        if b is None or b.rest or b.decade or (role == "range_or" or t.glued) and b.words != a.words:
            return None  # "five or 6", "7-Eleven"
        unit2 = self.unit_after(b)
        if unit2 is BLOCK or (unit2 is not None and unit2.fallback and unit is not None):
            return None
        return b, unit2, pre2

    def fraction_figure(self, i: int) -> tuple[Figure, int] | None:
        """"a third of", "half of", "half an hour", "ثلث السكان", "ربع ساعة"."""
        toks = self.toks
        t = toks[i]
        if t.kind == "ar" and not any(f in self.nlex.fractions for f, _ in ar_variants(t.norm)):
            return None
        if t.kind == "lat" and t.norm not in self.nlex.fractions and t.norm not in self.nlex.articles:
            return None
        first = i
        if t.norm in self.nlex.articles and (u := self.tok(i + 1)) is not None and u.norm in self.nlex.fractions:
            i += 1
        forms = ar_variants(toks[i].norm) if toks[i].kind == "ar" else [(toks[i].norm, 0)]
        found = next(((self.nlex.fractions[f], c) for f, c in forms if f in self.nlex.fractions), None)
        if found is None:
            return None
        frac, clitic = found
        j = i + 1
        if j < len(toks) and toks[j].norm in self.nlex.articles:
            j += 1
        nxt = self.tok(j)
        if nxt is None or nxt.newline:
            return None
        m = self.lex.units.match_at(toks, j)
        if m is not None and m[0].kind == "duration" and m[0].number == "sg":
            return self.make(first, m[1], frac, m[0], clitic=clitic if first == i else 0,
                             qualifier=self.qualifier(first, m[1])), m[1]
        if self.lang == "en" and nxt.norm == "of" and first < i or frac == 0.5 and self.half_of(i, nxt):
            # "a third of", "nearly half of"; not "the third quarter of", "the second half of"
            return self.make(first, i + 1, frac, UnitInfo("ratio", "ratio"),
                             qualifier=self.qualifier(first, i + 1)), i + 1
        if self.lang == "ar" and nxt.kind == "ar" and nxt.norm.startswith("ال") and first == i:
            return self.make(i, i + 1, frac, UnitInfo("ratio", "ratio"), clitic=clitic,
                             qualifier=self.qualifier(i, i + 1)), i + 1
        return None

    def half_of(self, i: int, nxt: Token) -> bool:
        """"half of" as a ratio: after a qualifier or at the start of a clause."""
        if self.lang != "en" or nxt.norm != "of":
            return False
        p = self.tok(i - 1)
        return (p is None or self.toks[i].newline or p.text in SENTENCE_PUNCT or p.text == ","
                or self.lex.qual_before.match_before(self.toks, i) is not None)

    def definite_duration(self, i: int) -> tuple[Figure, int] | None:
        """A span of time given with a definite cardinal and a word for past or coming: "خلال
        الأربعين عاما الماضية", "السنوات العشر الأخيرة". A definite number alone stays no
        figure ("السلطات الثلاث")."""
        if self.lang != "ar" or self.toks[i].kind != "ar":
            return None
        v = self._definite_number(i, first=True)
        if v is not None:  # number, then the unit
            unit = self._time_unit_at(i + 1)
            if unit is not None and self._past_or_coming(unit[1]):
                return self.make(i, unit[1], v, unit[0]), unit[1]
            return None
        unit = self._time_unit_at(i, first=True)
        if unit is not None and unit[0].number == "pl" and self.toks[i].norm.startswith("ال"):
            v = self._definite_number(unit[1])  # unit, then the number
            if v is not None and self._past_or_coming(unit[1] + 1):
                return self.make(i, unit[1] + 1, v, unit[0]), unit[1] + 1
        return None

    def _definite_number(self, k: int, first: bool = False) -> float | None:
        """Value of a cardinal written with the article at token ``k`` ("الأربعين", "والعشر")."""
        t = self.tok(k)
        if t is None or t.kind != "ar" or t.newline and not first:
            return None
        for form, _ in ar_variants(t.norm):
            w = self.nlex.words.get(form[2:]) if form.startswith("ال") else None
            if w is not None and w.value >= 2 and w.type in ("digit", "teen", "ten"):
                return w.value
        return None

    def _time_unit_at(self, k: int, first: bool = False) -> tuple[UnitInfo, int] | None:
        """A duration unit at token ``k``, with or without the article: (unit, end index)."""
        t = self.tok(k)
        if t is None or t.kind != "ar" or t.newline and not first:
            return None
        for form in (t.norm, t.norm[2:] if t.norm.startswith("ال") else None):
            if form and form in self.lex.units.heads:
                m = self.lex.units.match_at(self.toks, k, first=form)
                if m is not None and m[0].kind == "duration":
                    return m
        return None

    def _past_or_coming(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and not t.newline and t.norm in _PAST_OR_COMING

    def noun_figure(self, i: int) -> tuple[Figure, int] | None:
        """Arabic nouns that are figures on their own: duals ("عامين" = 2 years,
        "جريمتا قتل" = 2 murders), a singular time unit after منذ/قبل/خلال ("منذ شهر" = 1
        month), and a noun with واحد ("يوم واحد" = 1 day)."""
        toks = self.toks
        t = toks[i]
        if t.kind != "ar":
            return None
        forms = ar_variants(t.norm) + (((t.norm[2:], 2),) if t.norm.startswith("ال") else ())
        for form, clitic in forms:
            if form not in self.lex.units.heads:
                continue
            m = self.lex.units.match_at(toks, i, first=form)
            if m is None:
                continue
            info, end = m
            article = form == t.norm[2:] and clitic == 2
            if article and not (info.number == "du" and info.kind == "duration"):
                continue
            fig = self.lone_noun(i, end, info, clitic)
            if fig is not None:
                return fig
        return None

    def lone_noun(self, i: int, end: int, info: UnitInfo, clitic: int) -> tuple[Figure, int] | None:
        toks = self.toks
        nxt = self.tok(end)
        nxt_num = nxt is not None and not nxt.newline and nxt.kind == "num"
        prev = self.tok(i - 1)
        if prev is not None and not toks[i].newline and (prev.kind == "num" or prev.norm in self.nlex.words):
            return None
        if info.number == "du" and info.kind != "money" and not nxt_num:
            if info.unit == "times" and (clitic or self.multiplier_near(i, end)):
                return None  # "أكبر بمرتين": a multiplier, not two occurrences
            return self.noun_make(i, end, 2 * info.multiplier, info, clitic), end
        if info.number != "sg" or nxt is None or nxt.newline:
            return None
        if nxt.norm in ("واحد", "واحده", "واحدا"):
            return self.noun_make(i, end + 1, info.multiplier, info, clitic), end + 1
        if info.kind != "duration" or nxt_num or nxt.norm.startswith("ال"):
            return None
        if self.lex.not_after.match_at(toks, end) is not None:
            return None
        if self.role_before("single_time_cue", i) is None:
            return None
        return self.noun_make(i, end, 1, info, clitic), end

    def noun_make(self, s: int, e: int, value: float, info: UnitInfo, clitic: int) -> Figure:
        if info.unit == "years" and self.is_age(s, e):
            info = UnitInfo("years_of_age", "age")
        return self.make(s, e, value, info, clitic=clitic, qualifier=self.qualifier(s, e))


def _purpose_clause(word: str) -> bool:
    """"ليصل إلى 85 دولارا" (rising *to reach* 85) reports a result, not a bound: ل or
    its clusters before an imperfect verb."""
    return word[:1] in "لوف" and any(word.startswith(p) and word[len(p):][:1] in "يت"
                                     for p in ("ل", "ول", "فل"))


def _nominative(word: str) -> str:
    """An Arabic noun without the alef of the accusative indefinite ("وفدا" -> "وفد")."""
    if len(word) > 3 and word.endswith("ا") and word[-2] not in "اوه":
        return word[:-1]
    return word


def _clean(v: float) -> float:
    """Round away float noise (2.4e9 not 2399999999.9999995), keeping ratios' precision."""
    v = float(v)
    if v.is_integer():
        return v  # what rounding gives back, without its cost
    r = round(v, 6) if abs(v) < 1e6 else round(v)
    return float(r)


def find_figures(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]``, in order; offsets are into ``text`` and
    ``fig.text == text[fig.start:fig.end]``. ``lang`` is "ar" or "en" (the article's
    language; words of the other script are still read where they occur)."""
    if lang not in ("ar", "en"):
        raise ValueError(f"figures: unsupported language {lang!r} (expected 'ar' or 'en')")
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    return _Scan(text, lang, max(start, 0), end).run()


# ---------------------------------------------------------------------------------------
# spaCy component

for _name, _default in (("figures", None), ("body_start", 0)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory("claims_figures", default_config={"lang": None, "spans_key": "figures"})
def make_figures(nlp: Language, name: str, lang: str | None, spans_key: str) -> FiguresComponent:
    """The figures component; ``lang`` defaults to the pipeline's language."""
    return FiguresComponent(lang or nlp.lang, spans_key)


class FiguresComponent:
    """Finds the figures of the body (from ``doc._.body_start``) into ``doc._.figures`` and
    ``doc.spans[spans_key]`` (labelled with the unit)."""

    def __init__(self, lang: str, spans_key: str = "figures") -> None:
        if lang not in ("ar", "en"):
            raise ValueError(f"claims_figures: unsupported language {lang!r}")
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc, spans: bool = True) -> Doc:
        """Find the figures; ``spans=False`` (through spaCy's ``component_cfg``) leaves
        ``doc.spans`` alone."""
        figures = find_figures(doc_text(doc), self.lang, start=doc._.body_start or 0)
        if spans:
            set_spans(doc, self.spans_key, [(f.start, f.end, f.unit) for f in figures])
        doc._.figures = figures
        return doc

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> FiguresComponent:
        return self
