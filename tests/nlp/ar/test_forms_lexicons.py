"""Cue-verb form generation and the Arabic attribution lexicons."""
import pytest

from claims.nlp.ar.forms import conjugate, participle_forms, verb_forms
from claims.nlp.lexicons import available, load_list, load_tsv
from claims.normalize import normalize

CASES = [
    ("قال", "يقول", "قائلا", "hollow",
     {"p3ms": "قال", "p3fs": "قالت", "p3mp": "قالوا", "p3fp": "قلن", "i3fs": "تقول", "i3mp": "يقولون", "i3fp": "يقلن"}),
    ("أكد", "يؤكد", "مؤكدا", "sound",
     {"p3fs": "أكدت", "p3mp": "أكدوا", "p3fd": "أكدتا", "i3fs": "تؤكد", "i3mp": "يؤكدون", "i3md": "يؤكدان"}),
    ("نفى", "ينفي", "نافيا", "defective",
     {"p3fs": "نفت", "p3mp": "نفوا", "p3fp": "نفين", "i3mp": "ينفون", "i3fp": "ينفين", "i3fs": "تنفي"}),
    ("رأى", "يرى", None, "defective", {"p3fs": "رأت", "p3mp": "رأوا", "i3mp": "يرون", "i3md": "يريان"}),
    ("عزا", "يعزو", "عازيا", "defective_w", {"p3fs": "عزت", "p3mp": "عزوا", "i3mp": "يعزون"}),
    ("أقر", "يقر", None, "doubled", {"p3fs": "أقرت", "p3fp": "أقررن", "i3fp": "يقررن", "i3mp": "يقرون"}),
]


@pytest.mark.parametrize("perfect,imperfect,participle,cls,expected", CASES)
def test_conjugation(perfect, imperfect, participle, cls, expected):
    forms = conjugate(perfect, imperfect, participle, cls)
    for slot, form in expected.items():
        assert form in forms[slot], (slot, forms[slot])


def test_participles_all_genders_and_tanween_spellings():
    p = participle_forms("مؤكدا")
    assert {"مؤكدا", "مؤكداً", "مؤكدًا"} <= set(p["a_ms"])
    assert "مؤكدة" in p["a_fs"] and "مؤكدين" in p["a_mp"] and "مؤكدات" in p["a_fp"]
    assert participle_forms("نافيا", "defective")["a_mp"] == ["نافين"]


def test_unknown_class_is_an_error():
    with pytest.raises(ValueError):
        conjugate("قال", "يقول", None, "strong")


@pytest.mark.parametrize("form,lemma,gender,number,tense", [
    ("قالت", "قال", "f", "s", "perfect"), ("يقولون", "قال", "m", "p", "imperfect"),
    ("مضيفًا", "أضاف", "m", "s", "participle"), ("مشيرةً", "أشار", "f", "s", "participle"),
    ("صرّح", "صرح", "m", "s", "perfect"), ("مبينا", "بين", "m", "s", "participle"),
])
def test_generated_table_readings(form, lemma, gender, number, tense):
    readings = verb_forms()[normalize(form)]
    assert any(r.lemma == lemma and r.gender == gender and r.number == number and r.tense == tense for r in readings)


def test_masculine_dual_perfect_is_not_matched():
    assert "نقلا" not in verb_forms()  # نقلا عن is a nominal cue, not "they both transported"


MINE = ["cue_verbs.tsv", "cue_phrases.tsv", "titles.txt", "honorifics.txt", "role_modifiers.txt", "org_nouns.txt",
        "collective_nouns.txt", "anonymous_speakers.tsv", "source_nouns.tsv", "platforms.txt", "outlets.txt", "venues.txt",
        "places.txt", "function_words.txt", "object_nouns.txt", "short_surnames.txt"]
COLUMNS = {"cue_verbs.tsv": 6, "cue_phrases.tsv": 2, "anonymous_speakers.tsv": 2, "source_nouns.tsv": 2}


@pytest.mark.parametrize("name", MINE)
def test_lexicon_loads_without_malformed_or_duplicate_lines(name):
    assert name in available("ar")
    if name.endswith(".tsv"):
        rows = load_tsv("ar", name, min_columns=COLUMNS[name])
        assert all(len(r) == COLUMNS[name] for r in rows), name
        keys = [normalize(r[0]) for r in rows]
    else:
        keys = [normalize(e) for e in load_list("ar", name)]
    assert all(keys)
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, dups


def test_cue_verb_rows_are_well_formed():
    for perfect, imperfect, participle, cls, preps, flags in load_tsv("ar", "cue_verbs.tsv", 6):
        assert cls in ("sound", "hollow", "defective", "defective_w", "doubled"), perfect
        assert imperfect == "-" or imperfect.startswith("ي"), perfect
        assert flags == "-" or set(flags.split(",")) <= {"say", "obj", "amb", "cont", "prep", "subj", "qawl"}, perfect
        assert "prep" not in flags or preps != "-", perfect
