"""Number parsing (claims.nlp.numbers): digit strings, number words, scales, and the
property that any amount rendered in any script and separator style reads back the same."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.nlp.figures import find_figures
from claims.nlp.numbers import parse_amount, parse_digits, raw_offset, shadow, tokenize

DIGIT_CASES = [
    ("7", 7),
    ("1,000", 1000),
    ("1,000,000", 1_000_000),
    ("1.000.000", 1_000_000),
    ("1.000", 1000),
    ("2.5", 2.5),
    ("11.30", 11.3),
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("8133,5", 8133.5),
    ("5,5", 5.5),
    ("2817,0", 2817.0),
    ("0.75", 0.75),
    ("6ر12", 12.6),
    ("4ر1", 1.4),
    ("1\u00a0000\u00a0000", 1_000_000),
    ("12\u202f500", 12500),
]


@pytest.mark.parametrize(("text", "value"), DIGIT_CASES)
def test_parse_digits(text, value):
    assert parse_digits(shadow(text)) == pytest.approx(value)


@pytest.mark.parametrize("text", ["19.07.2018", "1,2,3", "1,2345", "1,234,56"])
def test_parse_digits_rejects_non_numbers(text):
    assert parse_digits(text) is None


AMOUNT_CASES = [
    ("en", "twenty-five", 25),
    ("en", "one hundred and twenty", 120),
    ("en", "three thousand four hundred", 3400),
    ("en", "two million", 2_000_000),
    ("en", "a dozen", 12),
    ("en", "two dozen", 24),
    ("en", "half a million", 500_000),
    ("en", "1.5 million", 1_500_000),
    ("en", "3m", 3_000_000),
    ("en", "2bn", 2_000_000_000),
    ("en", "10k", 10_000),
    ("en", "4.2 trillion", 4.2e12),
    ("en", "two and a half", 2.5),
    ("en", "nineteen", 19),
    ("ar", "خمسة وعشرون", 25),
    ("ar", "ثلاثة عشر", 13),
    ("ar", "اثنا عشر", 12),
    ("ar", "مئة", 100),
    ("ar", "ثلاثمئة", 300),
    ("ar", "ثلاث مئة", 300),
    ("ar", "مئتان", 200),
    ("ar", "ثلاثة آلاف", 3000),
    ("ar", "ألفين", 2000),
    ("ar", "عشرين ألفا", 20_000),
    ("ar", "مئة ألف", 100_000),
    ("ar", "ثلاثة آلاف وخمسمئة", 3500),
    ("ar", "مليون ونصف", 1_500_000),
    ("ar", "100 مليون", 100_000_000),
    ("ar", "5,5 مليار", 5_500_000_000),
    ("ar", "٢٫٥ مليون", 2_500_000),
    ("ar", "١٬٢٠٠", 1200),
    ("ar", "۱۲۳", 123),
    ("ar", "3 ملايين و500 ألف", 3_500_000),
    ("ar", "103 مليارات", 103_000_000_000),
    ("ar", "نصف مليون", 500_000),
    ("ar", "وخمسة", 5),
]


@pytest.mark.parametrize(("lang", "text", "value"), AMOUNT_CASES)
def test_parse_amount(lang, text, value):
    assert parse_amount(text, lang) == pytest.approx(value)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "hundreds"), ("en", "dozens"), ("en", "thousands"), ("en", "several"), ("en", "hundred"),
    ("ar", "آلاف"), ("ar", "مئات"), ("ar", "عشرات"), ("ar", "ملايين"), ("ar", "أحد"),
    ("ar", "كمية"), ("ar", "لست"), ("ar", "الثلاث"),
])
def test_vague_or_non_numbers_read_nothing(lang, text):
    assert parse_amount(text, lang) is None


def test_shadow_keeps_offsets():
    text = "بلغت ١٢٫٥\u200f٪ و\u202a٣٬٠٠٠"
    sh = shadow(text)
    assert len(sh) == len(text)
    assert "12.5" in sh and "%" in sh and "3,000" in sh


def test_tokens_know_glue_and_lines():
    toks = tokenize(shadow("US$5bn\nand 3"))
    assert [t.text for t in toks] == ["US", "$", "5", "bn", "and", "3"]
    assert [t.glued for t in toks] == [False, True, True, True, False, False]
    assert toks[4].newline and not toks[5].newline


def test_raw_offset_skips_diacritics_and_tatweel():
    assert raw_offset("بـ", 1) == 2
    assert raw_offset("وَخمسة", 1) == 2


# -- property-based: render amounts, read them back ---------------------------------------

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SCRIPTS = st.sampled_from([None, ARABIC_INDIC, PERSIAN])


def group(n: int, sep: str) -> str:
    s = str(n)
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**12), sep=st.sampled_from(["", ",", "٬", "\u00a0", "\u202f"]),
       script=SCRIPTS)
def test_integers_in_any_script_and_grouping(n, sep, script):
    text = group(n, sep) if n >= 1000 else str(n)
    if script:
        text = text.translate(script)
    assert parse_amount(text, "ar") == n


@settings(max_examples=150, deadline=None)
@given(whole=st.integers(min_value=1, max_value=999), frac=st.integers(min_value=1, max_value=9),
       scale=st.sampled_from([("مليون", 1e6), ("مليار", 1e9), ("ألف", 1e3)]),
       mark=st.sampled_from([".", ",", "٫"]), script=SCRIPTS)
def test_arabic_decimals_with_scales(whole, frac, scale, mark, script):
    digits = f"{whole}{mark}{frac}"
    if script:
        digits = digits.translate(script)
    word, mult = scale
    assert parse_amount(f"{digits} {word}", "ar") == pytest.approx((whole + frac / 10) * mult)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=1, max_value=999_999), scale=st.sampled_from([
    ("", 1), (" thousand", 1e3), (" million", 1e6), (" billion", 1e9), ("bn", 1e9), ("m", 1e6)]))
def test_english_digits_with_scales(n, scale):
    word, mult = scale
    assert parse_amount(f"{group(n, ',')}{word}", "en") == pytest.approx(n * mult)


EN_UNITS = "one two three four five six seven eight nine".split()
EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def english_words(n: int) -> str:
    """1..999,999 in English words ("three hundred and forty-two thousand ...")."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return english_words(head) + " thousand" + (" " + english_words(rest) if rest else "")
    parts = []
    h, rest = divmod(n, 100)
    if h:
        parts.append(EN_UNITS[h - 1] + " hundred")
    if rest:
        if h:
            parts.append("and")
        if rest < 10:
            parts.append(EN_UNITS[rest - 1])
        elif rest < 20:
            parts.append(EN_TEENS[rest - 10])
        else:
            t, u = divmod(rest, 10)
            parts.append(EN_TENS[t - 2] + (f"-{EN_UNITS[u - 1]}" if u else ""))
    return " ".join(parts)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=999_999))
def test_english_number_words_read_back(n):
    assert parse_amount(english_words(n), "en") == n


AR_UNITS = ["واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
AR_TENS = ["عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
AR_HUNDREDS = ["مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"]


def arabic_words(n: int) -> str:
    """1..999 in Arabic words, the way news writes them ("مئتان وخمسة وعشرون")."""
    parts = []
    h, rest = divmod(n, 100)
    if h:
        parts.append(AR_HUNDREDS[h - 1])
    if rest:
        if rest < 10:
            words = [AR_UNITS[rest - 1]]
        elif rest == 10:
            words = ["عشرة"]
        elif rest < 20:
            words = [AR_UNITS[rest - 11] if rest > 12 else ("أحد" if rest == 11 else "اثنا"), "عشر"]
        else:
            t, u = divmod(rest, 10)
            words = ([AR_UNITS[u - 1], "و" + AR_TENS[t - 2]] if u else [AR_TENS[t - 2]])
        if parts:
            words[0] = "و" + words[0]
        parts.extend(words)
    return " ".join(parts)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=999))
def test_arabic_number_words_read_back(n):
    assert parse_amount(arabic_words(n), "ar") == n


@settings(max_examples=100, deadline=None)
@given(n=st.integers(min_value=2, max_value=999), script=SCRIPTS,
       currency=st.sampled_from([("دولار", "USD"), ("يورو", "EUR"), ("جنيه استرليني", "GBP"), ("ريال قطري", "QAR")]),
       scale=st.sampled_from([("", 1), ("ألف", 1e3), ("مليون", 1e6), ("مليار", 1e9)]))
def test_arabic_money_figures_read_back(n, script, currency, scale):
    digits = str(n).translate(script) if script else str(n)
    text = f"وبلغت القيمة {digits} {scale[0]} {currency[0]} في نهاية العام".replace("  ", " ")
    figs = find_figures(text, "ar")
    assert len(figs) == 1
    f = figs[0]
    assert (f.value, f.unit, f.kind) == (n * scale[1], currency[1], "money")
    assert text[f.start:f.end] == f.text and math.isclose(f.value, n * scale[1])


@settings(max_examples=100, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999), sym=st.sampled_from([("$", "USD"), ("£", "GBP"), ("€", "EUR")]),
       scale=st.sampled_from([("", 1), ("m", 1e6), ("bn", 1e9), (" million", 1e6)]))
def test_english_money_figures_read_back(n, sym, scale):
    text = f"The group paid {sym[0]}{group(n, ',')}{scale[0]} for the stake."
    figs = find_figures(text, "en")
    assert [(f.value, f.unit) for f in figs] == [(n * scale[1], sym[1])]
