"""Every English lexicon file loads, has well-formed rows and no duplicate entries."""
from __future__ import annotations

import pytest

from claims.nlp.en import lexicon
from claims.nlp.lexicons import LEXICON_DIR, available, load_list, load_tsv

MINE = ["clause_words.txt", "cue_adverbs.txt", "cue_exclusions.txt", "cue_phrases.tsv", "cue_verbs.tsv",
        "demonyms.txt", "first_names.tsv", "name_stopwords.txt", "honorifics.tsv", "org_descriptors.txt",
        "org_nouns.txt", "outlets.tsv", "pronouns.tsv", "source_nouns.tsv", "speaker_nouns.tsv", "cue_time_words.txt",
        "titles.tsv", "epithets.txt"]
COLUMNS = {"cue_verbs.tsv": 4, "cue_phrases.tsv": 3, "first_names.tsv": 2, "honorifics.tsv": 2, "outlets.tsv": 2,
           "pronouns.tsv": 3, "source_nouns.tsv": 2, "speaker_nouns.tsv": 2, "titles.tsv": 2}
FILES = [f for f in MINE if f in available("en")]


def test_all_attribution_lexicons_are_shipped():
    assert set(MINE) <= set(available("en"))


@pytest.mark.parametrize("name", FILES)
def test_lexicon_loads_without_malformed_or_duplicate_lines(name):
    if name.endswith(".tsv"):
        rows = load_tsv("en", name, COLUMNS[name])
        assert rows
        keys = [(r[0].lower(), r[1]) if name == "outlets.tsv" else r[0].lower() for r in rows]
    else:
        rows = load_list("en", name)
        assert rows
        keys = [r.lower() for r in rows]
    dupes = sorted({k for k in keys if keys.count(k) > 1}, key=str)
    assert not dupes, f"{name}: duplicate entries {dupes}"
    raw = (LEXICON_DIR / "en" / name).read_text(encoding="utf-8")
    assert raw.endswith("\n") and "\r" not in raw


def test_cue_verbs_have_five_forms_and_known_frames():
    frames = {"say", "tell", "accuse", "call", "quote", "pledge", "belief", "ask"}
    for lemma, frame, strength, forms in (r[:4] for r in load_tsv("en", "cue_verbs.tsv", 4)):
        assert frame in frames, lemma
        assert strength in ("strong", "weak"), lemma
        assert len(forms.split(",")) == 5, lemma


@pytest.mark.parametrize("name,column,allowed", [
    ("first_names.tsv", 1, {"m", "f", "-"}),
    ("honorifics.tsv", 1, {"m", "f", "-"}),
    ("titles.tsv", 1, {"head", "mod"}),
    ("outlets.tsv", 1, {"name", "head", "noun", "solo"}),
    ("source_nouns.tsv", 1, {"document", "event", "channel"}),
    ("speaker_nouns.tsv", 1, {"anonymous", "group", "organisation", "person"}),
    ("cue_phrases.tsv", 1, {"according", "say", "belief", "plan"}),
])
def test_lexicon_columns_take_known_values(name, column, allowed):
    assert {r[column] for r in load_tsv("en", name, column + 1)} <= allowed


def test_lexicon_object_is_built_once_and_indexes_forms():
    lex = lexicon.get()
    assert lexicon.get() is lex
    assert {r.form for r in lex.verbs["said"]} == {"past", "participle"}
    assert lex.phrases[("according", "to")].frame == "according"
    assert lex.honorifics["mrs"] == "f" and lex.first_names["fiona"] == "f"
    assert "minister" in lex.title_heads and "prime" in lex.title_mods
