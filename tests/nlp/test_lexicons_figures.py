"""The figure lexicons (claims/nlp/lexicons/<lang>/): every file loads, is documented, has
no malformed or duplicate lines, and no form means two different things; plus the spaCy
component that serves figures to the pipeline."""
from __future__ import annotations

import re

import pytest
import spacy

from claims.nlp import figures  # noqa: F401  (registers the claims_figures factory)
from claims.nlp.lexicons import lexicon_path, load_list, load_tsv
from claims.nlp.numbers import accusative, fold, tokenize_phrase

LANGS = ("ar", "en")
NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
CODE = r"(?:[A-Z]{3}|@[a-z]+)"
FORMS = r"(?:-|[^,\t]+(?:,[^,\t]+)*)"
KINDS = "percent|duration|measure"

# file -> one regex per column
SCHEMAS: dict[str, list[str]] = {
    "number_words.tsv": [r".+", NUMBER, "digit|teen|ten|teen_prefix|hundreds|multiplier"],
    "scales.tsv": [r".+", NUMBER, "sg|pl|du", "word|suffix|both"],
    "fractions.tsv": [r".+", NUMBER],
    "units.tsv": [r"[a-z_]+", KINDS, FORMS, FORMS, FORMS],
    "counted_nouns.tsv": [r"\S+", FORMS, FORMS, FORMS],
    "currencies.tsv": [CODE, "prefix|suffix|both", NUMBER, FORMS],
    "currency_context.tsv": [r"@[a-z]+", r"[A-Z]{3}", r".+"],
    "qualifiers.tsv": ["approximate|upper_bound|lower_bound", "before|after", r".+"],
    "not_figures.tsv": ["before|after|both|self", "date|calendar|year|identifier|rank|time|ordinal|multiplier|idiom",
                        r".+"],
    "figure_context.tsv": [r"[a-z_]+", r".+"],
}
LISTS = ["figure_stopwords.txt"]
FILES = [(lang, name) for lang in LANGS for name in [*SCHEMAS, *LISTS]]


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_lexicon_loads_and_is_documented(lang, name):
    path = lexicon_path(lang, name)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("#"), f"{path}: no header comment"
    if name.endswith(".tsv"):
        assert any(line.startswith("# columns:") for line in lines), f"{path}: no '# columns:' line"
        assert load_tsv(lang, name, len(SCHEMAS[name])) is not None
    else:
        assert load_list(lang, name)


@pytest.mark.parametrize(("lang", "name"), [(lang, name) for lang in LANGS for name in SCHEMAS])
def test_tsv_rows_are_well_formed(lang, name):
    schema = SCHEMAS[name]
    for row in load_tsv(lang, name, len(schema)):
        assert len(row) == len(schema), f"{lang}/{name}: {row} has {len(row)} columns, want {len(schema)}"
        for cell, pattern in zip(row, schema, strict=True):
            assert re.fullmatch(pattern, cell), f"{lang}/{name}: {cell!r} in {row} does not match {pattern}"
            assert cell == cell.strip() and "  " not in cell, f"{lang}/{name}: stray spaces in {cell!r}"


@pytest.mark.parametrize(("lang", "name"), FILES)
def test_no_duplicate_lines(lang, name):
    rows = load_tsv(lang, name) if name.endswith(".tsv") else [(x,) for x in load_list(lang, name)]
    keys = [tuple(fold(c) for c in row) for row in rows]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{lang}/{name}: duplicate lines {dupes}"


def _unit_forms(lang: str) -> dict[tuple[str, ...], set[str]]:
    """Every form that may follow a number, with what it means (incl. generated accusatives)."""
    meanings: dict[tuple[str, ...], set[str]] = {}

    def add(form: str, meaning: str) -> None:
        keys = [tokenize_phrase(form)]
        words = fold(form).split()
        if lang == "ar" and words and (acc := accusative(words[0])):
            keys.append(tokenize_phrase(" ".join([acc, *words[1:]])))
        for key in keys:
            meanings.setdefault(key, set()).add(meaning)

    for unit, _kind, *cells in load_tsv(lang, "units.tsv", 5):
        for cell in cells:
            for form in filter(None, cell.split(",")):
                if form != "-":
                    add(form, unit)
    for unit, *cells in load_tsv(lang, "counted_nouns.tsv", 4):
        for cell in cells:
            for form in filter(None, cell.split(",")):
                if form != "-":
                    add(form, unit)
    for code, position, mult, forms in load_tsv(lang, "currencies.tsv", 4):
        if position != "prefix":
            for form in forms.split(","):
                add(form, f"{code}x{mult}")
    return meanings


@pytest.mark.parametrize("lang", LANGS)
def test_no_form_has_two_meanings(lang):
    clashes = {k: v for k, v in _unit_forms(lang).items() if len(v) > 1}
    assert not clashes, f"{lang}: forms with several units: {clashes}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_ambiguous_currency_has_one_default(lang):
    placeholders = {row[0] for row in load_tsv(lang, "currencies.tsv", 4) if row[0].startswith("@")}
    context = load_tsv(lang, "currency_context.tsv", 3)
    for p in placeholders:
        defaults = [row for row in context if row[0] == p and "*" in row[2].split(",")]
        assert len(defaults) == 1, f"{lang}: {p} needs exactly one default in currency_context.tsv"


@pytest.mark.parametrize("lang", LANGS)
def test_number_words_do_not_collide_with_units(lang):
    words = {fold(row[0]) for row in load_tsv(lang, "number_words.tsv", 3)}
    scales = {fold(row[0]) for row in load_tsv(lang, "scales.tsv", 4)}
    units = {k[0] for k in _unit_forms(lang) if len(k) == 1}
    assert not (words & units), words & units
    assert not (words & scales), words & scales


# -- the spaCy component ----------------------------------------------------------------


def _run(nlp, text: str, body_start: int):
    doc = nlp.make_doc(text)
    doc._.body_start = body_start
    return nlp(doc)


def test_component_on_blank_english():
    nlp = spacy.blank("en")
    nlp.add_pipe("claims_figures")
    text = "Plant to shed 900 jobs\n\nThe plant will shed 900 jobs and save about £40m a year."
    doc = _run(nlp, text, text.index("\n\n") + 2)
    spans = doc.spans["figures"]
    assert [(s.text, s.label_) for s in spans] == [("900 jobs", "jobs"), ("£40m", "GBP")]
    assert [(f.value, f.unit, f.qualifier) for f in doc._.figures] == [(900, "jobs", None), (4e7, "GBP", "approximate")]
    assert all(f.start >= text.index("\n\n") for f in doc._.figures)  # never the headline


def test_component_on_blank_arabic_with_its_own_key():
    nlp = spacy.blank("ar")
    nlp.add_pipe("claims_figures", config={"spans_key": "arqam"})
    text = "خسائر بـ5 ملايين دولار\n\nقالت الشركة إن خسائرها بلغت 5 ملايين دولار خلال 3 أشهر."
    doc = _run(nlp, text, text.index("\n\n") + 2)
    assert [(s.text, s.label_) for s in doc.spans["arqam"]] == [("5 ملايين دولار", "USD"), ("3 أشهر", "months")]
    assert [f.value for f in doc._.figures] == [5e6, 3]


def test_component_expands_spans_to_tokens_and_reads_whole_doc_by_default():
    nlp = spacy.blank("ar")
    nlp.add_pipe("claims_figures", config={"lang": "ar"})
    text = "اشترى المنزل بـ100 ألف دولار."
    doc = nlp(text)
    (fig,) = doc._.figures
    assert fig.text == "100 ألف دولار"
    (span,) = doc.spans["figures"]
    assert span.start_char <= fig.start and span.end_char >= fig.end and span.label_ == "USD"


def test_component_rejects_unknown_language():
    nlp = spacy.blank("xx")  # a language with no figure rules (and cheap to load)
    with pytest.raises(ValueError):
        nlp.add_pipe("claims_figures")
