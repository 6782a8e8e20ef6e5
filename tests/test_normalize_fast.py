"""The one-pass normaliser and match form give exactly what the original step-by-step code gave."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.matching import match_form
from claims.normalize import DIGITS, LETTERS, QUOTES, letters_by_script, normalize

# --- the original implementations, kept here as the reference -------------------------------
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_INVISIBLES = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_NT = re.compile(r"n['’‘`´]t\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT_US = re.compile(r"[^\w\s]|_")


def old_normalize(text: str | None, *, punctuation: bool = False) -> str:
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text)
    s = _INVISIBLES.sub("", s)
    s = _DIACRITICS.sub("", s).replace("\u0640", "").translate(LETTERS)
    s = s.translate(DIGITS).translate(QUOTES).casefold()
    if not punctuation:
        s = _PUNCT.sub(" ", s).replace("_", " ")
    return _SPACE.sub(" ", s).strip()


def old_match_form(text: str | None) -> str:
    if not text:
        return ""
    s = old_normalize(_NT.sub(" not", text), punctuation=True)
    s = _NUMBER.sub("0", s)
    return " ".join(_PUNCT_US.sub(" ", s).split())


SAMPLES = [
    "", " ", "“Prices WILL fall…” by 1,500", "We don’t agree", "We can't, won`t, isn´t",
    "الأسعـــار سَتَنْخَفِضُ بنسبة ١٠٪ و۱۲۳", "«الحكومة» قالت: إنّ الـمدرسة آمنة ٱلآن ى ة ؤ ئ ک ی ڤ گ",
    "a\u200bb\u200fc\u202ad\u2066e\ufefff\u00adg", "tab\tnew\nline\r\x0bvt\x0cff\x1cfs\x1d\x1e\x1f\x85nel\u00a0nbsp\u2003em\u3000",
    "snake_case __init__ ＡＢＣ１２３ ﬁ ﬀ ² ½ Ⅻ", "İstanbul ß ſ ΣΑΣ ǅ", "‘single’ „low“ ‹angle› ″double″ 〝x〞 ＂y＂ ‚z‛ ′",
    "٣٫٥ مليون و3.5 million, 1,000.25 – 10-12%", "emoji 😀 and symbols © ® ™ € $ £ ¥", "x" * 300,
]

arabic = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةٱکیڤگ") + ["\u064b", "\u064e", "\u0651", "\u0652",
                                                                              "\u0670", "\u0640", "\u06d6", "\u0610"])
specials = st.sampled_from(list("«»“”„‟″〝〞＂‹›‘’‚‛′`´'\"…-_.,;:!?%$()[]") + ["n't", "n’t", "N'T", " ", "\t", "\n",
                                                                           "\u200b", "\u200f", "\u202a", "\ufeff",
                                                                           "\u00ad", "\u00a0", "\u2003"])
digits = st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹") + ["1,500", "3.5", "١٬٥٠٠", "٣٫٥"])
latin = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉçßİıſﬁ") + ["don", "won", "can"])
texts = st.lists(st.one_of(arabic, specials, digits, latin), max_size=60).map("".join)


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_match_the_original(text):
    for punctuation in (False, True):
        assert normalize(text, punctuation=punctuation) == old_normalize(text, punctuation=punctuation)
    assert match_form(text, lead=True) == old_match_form(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, st.text(max_size=80)))
def test_normalize_and_match_form_equal_the_original(text):
    assert normalize(text) == old_normalize(text)
    assert normalize(text, punctuation=True) == old_normalize(text, punctuation=True)
    assert match_form(text, lead=True) == old_match_form(text)


@given(st.one_of(texts, st.text(max_size=80)))
@settings(max_examples=300, deadline=None)
def test_folding_by_replacement_gives_what_the_translation_tables_give(text):
    from claims import normalize as n

    assert n.fold_arabic(text) == _DIACRITICS.sub("", text).replace("\u0640", "").translate(LETTERS)
    assert n.to_ascii_digits(text) == text.translate(DIGITS)
    assert n.search_query(text) == _SPACE.sub(" ", _DIACRITICS.sub("", _INVISIBLES.sub(
        "", unicodedata.normalize("NFKC", text))).replace("\u0640", "").translate(LETTERS)
        .translate(DIGITS).translate(QUOTES)).strip()


def _letters_one_by_one(text: str) -> tuple[int, int, int]:
    ar = lat = other = 0
    for ch in text[:20000]:
        if not ch.isalpha():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            ar += 1
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            lat += 1
        else:
            other += 1
    return ar, lat, other


@pytest.mark.parametrize("text", [
    "", "Hello, World!", "قال الوزير إن ١٠٠ مليون دولار ـــ ً، ؟", "Ünïcödé straße ÆØÅ",
    "中文 𠀋𠀌 😀 \ud800 lone surrogate", "x" * 25000 + "قال",
])
def test_letters_by_script_counts_each_letter_once(text):
    assert letters_by_script(text) == _letters_one_by_one(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_letters_by_script_matches_a_letter_by_letter_count(text):
    assert letters_by_script(text) == _letters_one_by_one(text)


def _search_form_whole(text: str) -> str:
    from claims.normalize import _search_word

    return " ".join(map(_search_word, normalize(text).split()))


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=80), st.text(alphabet="a ̈́¨\u00a0\u2003ς Σ«»أإىة،:-\n\t_", max_size=40)))
def test_search_form_by_pieces_equals_the_whole_text_normalised(text):
    from claims.normalize import search_form

    assert search_form(text) == _search_form_whole(text)
