"""Deduplication: match forms, similarity, blocking, clustering (incremental = rebuild), drift."""
from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import dedupe, drift, speakers, store
from claims.blocking import block_keys, content_words, rarest
from claims.matching import (THRESHOLD, Features, FeatureTable, match_form, negation_signature, score, score_pairs,
                             similarity, text_similarity)
from tests.dedupe_helpers import article

BASE = "Prices will fall by 10% before the end of the year, and the government will protect families"
AR_BASE = "الأسعار ستنخفض بنسبة 10% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة"


def save(db, ex):
    return store.save_extraction(db, ex, extractor_version="test")


def clusters_of(db) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in db.query("select id, text, cluster_id from claims"):
        out.setdefault(r["cluster_id"], set()).add(r["text"])
    return out


def together(db, a: str, b: str) -> bool:
    ids = {r["text"]: r["cluster_id"] for r in db.query("select text, cluster_id from claims")}
    return ids[a] == ids[b]


# --- match form ----------------------------------------------------------------------------

def test_match_form_unifies_quotes_case_punctuation_ellipsis_and_numbers():
    assert match_form("“Prices WILL fall…” by 1,500") == match_form('"prices will fall..." by 20')
    assert match_form("We don’t agree") == "we do not agree"
    assert match_form("We can't") == match_form("we ca not")


def test_match_form_folds_arabic_diacritics_tatweel_letters_and_digits():
    assert match_form("الأسعـــار سَتَنْخَفِضُ بنسبة ١٠٪") == match_form("الاسعار ستنخفض بنسبه 10%")
    assert match_form("«الحكومة»") == "الحكومه"


def test_negation_signature_english_and_arabic():
    assert negation_signature(match_form("we will not raise taxes")) == negation_signature(
        match_form("we won't raise taxes")) == ("raise",)
    assert negation_signature(match_form("لن نرفع الضرائب")) == ("نرفع",)
    assert negation_signature(match_form("ولم يرفع الضرائب")) == ("يرفع",)
    assert negation_signature(match_form("we will raise taxes")) == ()


# --- similarity ----------------------------------------------------------------------------

VARIANTS = [
    "«Prices will fall by 10% before the end of the year, and the government will protect families»",
    "PRICES WILL FALL BY 12% BEFORE THE END OF THE YEAR, AND THE GOVERNMENT WILL PROTECT FAMILIES",
    "Prices will fall by 10% before the end of the year, and the government will protect families…",
    "Prices will fall by 10% before the end of the year, and the government will really protect families",
    "Prices will fall by 10% before the end of the year, and the government will protect",
    "…fall by 10% before the end of the year, and the government will protect families",
    "Let me be clear: prices will fall by 10% before the end of the year, and the government will protect families",
    "The port is ready, and prices will fall by 10% before the end of the year, and the government will "
    "protect families, the minister added after the meeting on Tuesday",
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_variants_of_a_quote_match(variant):
    assert text_similarity(BASE, variant) >= THRESHOLD


AR_VARIANTS = [
    "الأَسْعَارُ سَتَنْخَفِضُ بِنِسْبَةِ ١٠٪ قَبْلَ نِهَايَةِ العَامِ وَالحُكُومَةُ سَتَحْمِي العَائِلَاتِ الفَقِيرَةَ",
    "الأسعـار ستنخفـض بنسبة 10% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة…",
    "… ستنخفض بنسبة 12% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة",
    "أؤكد أن الأسعار ستنخفض بنسبة 10% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة",
]


@pytest.mark.parametrize("variant", AR_VARIANTS)
def test_arabic_variants_match(variant):
    assert text_similarity(AR_BASE, variant) >= THRESHOLD


NEGATIVES = [
    (BASE, "Prices will not fall by 10% before the end of the year, and the government will protect families"),
    (BASE, "Prices won't fall by 10% before the end of the year, and the government will protect families"),
    (BASE, "Prices will never fall by 10% before the end of the year, and the government will protect families"),
    (BASE, "Rents will rise by 4% next spring because the government has spent $30 million on the port"),
    (AR_BASE, "الأسعار لن تنخفض بنسبة 10% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة"),
    (AR_BASE, "الأسعار لم تنخفض بنسبة 10% قبل نهاية العام والحكومة ستحمي العائلات الفقيرة"),
    (AR_BASE, "الإيجارات سترتفع بنسبة 4% في الربيع لأن الحكومة أنفقت 30 مليون دولار على الميناء"),
    # a fragment cut before the negated verb must not join the negated claim
    ("…by 10% before the end of the year, and the government will protect families",
     "Prices will not fall by 10% before the end of the year, and the government will protect families"),
    # a short generic fragment fits too many claims to be matched partially
    ("…the government will protect families", BASE),
]


@pytest.mark.parametrize("a, b", NEGATIVES)
def test_different_or_negated_claims_do_not_match(a, b):
    assert text_similarity(a, b) < THRESHOLD


words = st.lists(st.sampled_from("we will not raise taxes on the rich next year لن نرفع الضرائب على الأغنياء "
                                 "العام المقبل prices fall 10 by".split()), min_size=1, max_size=25)


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_similarity_is_symmetric_and_bounded(a, b):
    fa, fb = match_form(" ".join(a)), match_form(" ".join(b))
    s = similarity(fa, fb)
    assert s == similarity(fb, fa)
    assert 0 <= s <= 100


@settings(max_examples=100, deadline=None)
@given(words)
def test_similarity_of_identical_forms_is_100(a):
    f = match_form(" ".join(a))
    assert similarity(f, f) == 100.0


# --- blocking ------------------------------------------------------------------------------

def test_content_words_drop_stop_words_numbers_and_arabic_clitics():
    assert content_words(match_form("We will build 40 new schools in the north")) == ["build", "new", "schools", "north"]
    assert content_words("والحكومه ستبني المدارس") == ["حكومه", "ستبني", "مدارس"]


tokens = st.lists(st.sampled_from([f"w{i}" for i in range(30)]), min_size=1, max_size=25, unique=True)


@settings(max_examples=200, deadline=None)
@given(tokens, st.data())
def test_a_rare_word_kept_in_a_fragment_is_a_key_of_both(full, data):
    """The guarantee of rarity keys: a key of a text that survives in a fragment of it (any
    subset of its words) is a key of the fragment too, whatever the frequencies."""
    df = {t: data.draw(st.integers(1, 50)) for t in full}
    fragment = data.draw(st.lists(st.sampled_from(full), min_size=1, unique=True))
    full_keys, frag_keys = set(rarest(full, df)), set(rarest(fragment, df))
    assert full_keys & set(fragment) <= frag_keys


def test_truncated_and_embedded_quotes_share_block_keys():
    base = set(block_keys(match_form(BASE)))
    assert base & set(block_keys(match_form("…fall by 10% before the end of the year, and the government will protect")))
    assert base & set(block_keys(match_form("The port is ready, and " + BASE + ", the minister added")))
    assert not base & set(block_keys(match_form("Rents will rise next spring because the port was sold")))


def test_candidates_come_from_blocks_not_all_pairs(tmp_path, monkeypatch):
    import random

    rng = random.Random(7)
    vocab = [f"{a}{b}{c}" for a in ("kar", "mes", "tol", "quin", "vel", "dar", "ros", "lim")
             for b in ("ova", "ada", "uro", "eni") for c in ("", "n", "s", "m", "l", "t", "r", "k", "d", "z")]
    db = store.open_db(tmp_path / "x.db")
    quotes = [(" ".join(rng.sample(vocab, 10)), "Ahmed Salem", []) for _ in range(60)]
    quotes += [(q + " today", who, f) for q, who, f in quotes[:10]]  # ten near-copies
    for k in range(0, len(quotes), 7):
        save(db, article(quotes[k:k + 7], outlet="A", published="2024-01-01"))
    calls = []
    real = dedupe.score_pairs
    monkeypatch.setattr(dedupe, "score_pairs", lambda t, a, b, **kw: calls.append(len(a)) or real(t, a, b, **kw))
    counts = dedupe.rebuild(db)
    n = len(quotes)
    assert 10 <= sum(calls) == counts["pairs"] < n * (n - 1) // 8
    assert db["clusters"].count == 60


def test_large_blocks_use_a_sorted_neighbourhood_not_all_pairs():
    import numpy as np

    from claims.blocking import K

    n = dedupe.MAX_BLOCK * 4
    forms = [f"common {i:04d} tail" for i in range(n)]
    key_tok = np.zeros(n, dtype=np.int64)  # every wording under one key: one large block
    a, b, stats = dedupe.candidate_pairs(forms, key_tok, np.arange(n, dtype=np.int64), ["common"])
    assert stats["large_blocks"] == 1
    assert len(a) == sum(min(dedupe.WINDOW, n - 1 - i) for i in range(n)) < n * (n - 1) // 2
    assert set(zip(a.tolist(), b.tolist())) >= {(i, i + 1) for i in range(n - 1)}  # neighbours in sort order
    assert K >= 6


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, words), min_size=1, max_size=20), st.sampled_from([0.0, 60.0, THRESHOLD]))
def test_batch_scoring_equals_pairwise_scoring(pairs, cutoff):
    feats = [Features.of(match_form(" ".join(w))) for p in pairs for w in p]
    table = FeatureTable(feats)
    ia = np.arange(0, len(feats), 2)
    got = score_pairs(table, ia, ia + 1, score_cutoff=cutoff)
    assert got.tolist() == [score(feats[i], feats[i + 1], score_cutoff=cutoff) for i in ia.tolist()]


def test_batch_scoring_equals_pairwise_scoring_on_variants():
    texts = [BASE, AR_BASE, *VARIANTS, *AR_VARIANTS, *(t for pair in NEGATIVES for t in pair),
             *(t for a, b, _ in CUT_AND_EMBEDDED for t in (a, b))]
    feats = [Features.of(match_form(t)) for t in texts]
    table = FeatureTable(feats)
    ia, ib = np.divmod(np.arange(len(feats) ** 2), len(feats))
    got = score_pairs(table, ia, ib, score_cutoff=THRESHOLD)
    assert got.tolist() == [score(feats[i], feats[j], score_cutoff=THRESHOLD) for i, j in zip(ia.tolist(), ib.tolist())]


# --- clustering ----------------------------------------------------------------------------

def corpus():
    """Articles carrying two quotes in many forms, plus hard negatives."""
    q2 = "We will build 40 new schools in the northern provinces before the summer, whatever the critics say"
    neg = "Prices will not fall by 10% before the end of the year, and the government will protect families"
    other = "The government has spent $30 million on the old port, and rents will rise again in the capital"
    return [
        article([(BASE, "Ahmed Salem", [("10%", 10, "percent", "percent")]), (q2, "Sara Haddad", [("40", 40, "count", "count")])],
                outlet="Daily A", published="2024-01-02"),
        article([("“Prices will fall by 12% before the end of the year, and the government will protect families”",
                  "Salem", [("12%", 12, "percent", "percent")]), (other, "Ahmed Salem", [])],
                outlet="Daily B", published="2024-01-03", extra="Ahmed Salem spoke in Cairo.\n"),
        article([("…fall by 10% before the end of the year, and the government will protect families", "Ahmed Salem",
                  [("10%", 10, "percent", "percent")]),
                 ("We will build 40 new schools in the northern provinces before the summer…", "Sara Haddad",
                  [("40", 40, "count", "count")])], outlet="Daily C", published="2024-01-01"),
        article([(neg, "Ahmed Salem", [("10%", 10, "percent", "percent")])], outlet="Daily D", published="2024-01-05"),
        article([(AR_BASE, "أحمد سالم", [("10%", 10, "percent", "percent")]),
                 ("الأسعـار ستنخفض بنسبة ١٠٪ قبل نهايةِ العام والحكومة ستحمي العائلات الفقيرة", "أحمد سالم",
                  [("١٠٪", 10, "percent", "percent")])], outlet="Al Sample", published="2024-01-04", lang="ar"),
    ]


def snapshot(db):
    return sorted((r["id"], r["cluster_id"], r["cluster_score"]) for r in
                  db.query("select id, cluster_id, cluster_score from claims"))


def test_clusters_quotes_across_articles_and_keeps_hard_negatives_apart(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=save(db, ex))
    assert together(db, BASE, "…fall by 10% before the end of the year, and the government will protect families")
    assert together(db, BASE, "“Prices will fall by 12% before the end of the year, and the government will protect families”")
    assert not together(db, BASE, "Prices will not fall by 10% before the end of the year, and the government will protect families")
    assert together(db, AR_BASE, "الأسعـار ستنخفض بنسبة ١٠٪ قبل نهايةِ العام والحكومة ستحمي العائلات الفقيرة")
    row = db.execute("select * from clusters where canonical_text = ?", [BASE]).fetchone()
    cl = dict(zip([d[0] for d in db.execute("select * from clusters limit 0").description], row))
    assert (cl["size"], cl["n_articles"], cl["n_outlets"]) == (3, 3, 3)
    assert (cl["first_seen"], cl["last_seen"]) == ("2024-01-01", "2024-01-03")
    assert cl["speaker"] == "Ahmed Salem"
    scores = {r["text"]: r["cluster_score"] for r in db.query("select text, cluster_score from claims")}
    assert THRESHOLD <= scores["…fall by 10% before the end of the year, and the government will protect families"] < 100
    assert len(clusters_of(db)) == 5  # base, schools, port, negated, Arabic


def test_incremental_update_equals_rebuild(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    for ex in reversed(corpus()):  # load order must not matter
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=save(db, ex))
    incremental = snapshot(db)
    keys = db.execute("select count(*) from dedupe_keys").fetchone()[0]
    dedupe.rebuild(db)
    assert snapshot(db) == incremental
    assert db.execute("select count(*) from dedupe_keys").fetchone()[0] == keys
    other = store.open_db(tmp_path / "y.db")
    for ex in corpus():
        save(other, ex)
    dedupe.update(other, [r["id"] for r in other.query("select id from claims")])
    assert snapshot(other) == incremental


def test_reloading_an_article_leaves_no_stale_clusters(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    exs = corpus()
    for ex in exs:
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=save(db, ex))
    # the article that carried the truncated copies now carries something else
    changed = article([("A completely different statement about the weather in the mountains this week", "Ahmed Salem", [])],
                      outlet="Daily C", published="2024-01-01")
    changed.article.id = exs[2].article.id
    for c in changed.claims:
        c.article_id = changed.article.id
    stale = save(db, changed)
    assert stale
    dedupe.update(db, [c.id for c in changed.claims], stale_clusters=stale)
    live = {r["cluster_id"] for r in db.query("select cluster_id from claims")}
    assert live == {r["id"] for r in db.query("select id from clusters")}
    assert db.execute("select count(*) from claims where cluster_id is null").fetchone()[0] == 0
    sizes = {r["id"]: r["size"] for r in db.query("select id, size from clusters")}
    for cid, members in clusters_of(db).items():
        assert sizes[cid] == len(members)
    incremental = snapshot(db)
    dedupe.rebuild(db)
    assert snapshot(db) == incremental


def test_figure_drift_is_flagged_and_described(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=save(db, ex))
    flagged = {r["canonical_text"]: r["drift_detail"] for r in db.query("select * from clusters where figure_drift = 1")}
    assert list(flagged) == [BASE]
    assert "10 (2 claims) vs 12 (1 claim)" in flagged[BASE]
    q2 = db.execute("select figure_drift from clusters where canonical_text like 'We will build%'").fetchone()
    assert q2 == (0,)


def test_drift_rules():
    assert drift.drifting({"a": [("percent", "percent", "percent:10")], "b": [("percent", "percent", "percent:12")]})
    # a truncated copy that lost one of two figures is no drift
    assert not drift.drifting({"a": [("count", "count", "count:5"), ("count", "count", "count:7")],
                               "b": [("count", "count", "count:5")]})
    assert not drift.drifting({"a": [("money", "USD", "USD:5")], "b": [("percent", "percent", "percent:5")]})


def test_cli_style_rebuild_with_threshold(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        save(db, ex)
    dedupe.rebuild(db, threshold=99.5)
    strict = len(clusters_of(db))
    dedupe.rebuild(db)
    assert strict > len(clusters_of(db))


def test_incremental_equals_rebuild_with_large_blocks(tmp_path, monkeypatch):
    """With tiny blocks every key block is 'large': candidates come from the sorted
    neighbourhood, looked up through dedupe_keys.pos when updating."""
    monkeypatch.setattr(dedupe, "MAX_BLOCK", 2)
    monkeypatch.setattr(dedupe, "WINDOW", 2)
    db = store.open_db(tmp_path / "x.db")
    for ex in reversed(corpus()):
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=save(db, ex))
    incremental = snapshot(db)
    assert db.execute("select count(*) from dedupe_keys where pos is null").fetchone()[0] == 0
    counts = dedupe.rebuild(db)
    assert counts["large_blocks"] > 0
    assert snapshot(db) == incremental
    assert together(db, BASE, "…fall by 10% before the end of the year, and the government will protect families")


# --- lead-ins, substitutions, ambiguous fragments --------------------------------------------

@pytest.mark.parametrize("lead", ["Ahmed Salem said: ", "According to Salem, ", "Salem told reporters that ",
                                  "Frankly, ", "Let me be clear: "])
def test_framing_lead_ins_are_not_part_of_the_match_form(lead):
    assert match_form(lead + BASE) == match_form(BASE)


@pytest.mark.parametrize("lead", ["وقال أحمد سالم إن ", "وأكد سالم أن ", "وبحسب سالم فإن ", "بصراحة، "])
def test_arabic_lead_ins_are_not_part_of_the_match_form(lead):
    assert match_form(lead + AR_BASE) == match_form(AR_BASE)


def test_a_lead_in_is_only_dropped_when_it_is_closed():
    assert match_form("The government said it will not raise taxes").startswith("the government said")
    assert match_form("Salem said: no") == "salem said no"  # what would remain is too short


def test_a_replaced_word_is_another_claim_a_cut_or_added_one_is_not():
    a = "The government will build 40 new schools in Berfaporo by the end of next year"
    assert text_similarity(a, a.replace("Berfaporo", "Kalumitor")) < THRESHOLD  # another place
    assert text_similarity(a, a.replace("schools", "hospitals")) < THRESHOLD  # another object
    assert text_similarity(a, a.replace(" new", "")) >= THRESHOLD  # a word cut
    assert text_similarity(a, a.replace("build", "really build")) >= THRESHOLD  # a word added
    assert text_similarity(a, a.replace("Berfaporo", "Berfapuro")) >= THRESHOLD  # spelt otherwise
    ar = "الحكومة ستبني 40 مدرسة جديدة في بيرفابورو بحلول نهاية العام المقبل"
    assert text_similarity(ar, ar.replace("بيرفابورو", "كالوميتور")) < THRESHOLD


def test_a_fragment_that_fits_two_claims_joins_neither(tmp_path):
    one = "The water authority has spent $40 million on new rural clinics in Berfaporo since the floods"
    two = "The water authority has spent $25 million on new rural clinics in Kalumitor since the floods"
    fragment = "The water authority has spent $40 million on new rural clinics…"
    plain = "Our coalition will hire 300 teachers for Zanubar before the elections, as we promised voters"
    plain_fragment = "Our coalition will hire 300 teachers for Zanubar before…"
    db = store.open_db(tmp_path / "x.db")
    for k, (text, who) in enumerate([(one, "Ahmed Salem"), (two, "Ahmed Salem"), (fragment, "Ahmed Salem"),
                                     (plain, "Sara Haddad"), (plain_fragment, "Sara Haddad")]):
        save(db, article([(text, who, [])], outlet=f"Daily {k}", published="2024-01-01"))
    counts = dedupe.rebuild(db)
    assert counts["ambiguous_fragments"] == 1
    assert not together(db, one, two)
    assert not together(db, fragment, one) and not together(db, fragment, two)
    assert together(db, plain, plain_fragment)  # a fragment that fits one claim joins it


def test_negation_signature_skips_fillers_between_the_negation_and_its_word():
    assert negation_signature(match_form("we will not really raise taxes")) == ("raise",)
    assert negation_signature(match_form("لم قطعا تسلم الحكومة المدارس")) == negation_signature(
        match_form("لم تسلم الحكومة المدارس"))
    a = "More than 400 doctors in Berfaporo have not lost their jobs because of the Kalumitor Group"
    assert text_similarity(a, a.replace("have not", "have not truly")) >= THRESHOLD


DOCTORS = "More than 400 doctors in Berfaporo have not lost their jobs because of the Kalumitor Group"
DOCTORS_AR = "أكثر من 400 طبيب في برفابورو لم يفقدوا وظائفهم بسبب مجموعة كالوميتور خلال العام الماضي"
SUGAR = "Shop owners in Berfaporo can expect sugar prices to drop by 12% before Ramadan as demand keeps growing"
SUGAR_LONGER = ("Shop owners in Berfaporo can expect, actually, sugar prices to drop by 12% before Ramadan as demand "
                "keeps growing, and more than 300 shop owners in Walu have lost their jobs because of the Relmi Bank")
SCHOOLS_AR = "الحكومة ستبني 40 مدرسة جديدة في برفابورو قبل نهاية العام المقبل رغم الأزمة"
PLANT = "the power plant Waluven in Torolmitor is 60% complete and will open within two years"

# (a, b, whether they are one claim): cut, added and embedded wordings the matcher must follow,
# beside the near misses it must keep apart
CUT_AND_EMBEDDED = [
    # the negated verb cut by an outlet: the same claim
    (DOCTORS, DOCTORS.replace("not lost", "not"), True),
    (DOCTORS_AR, DOCTORS_AR.replace("لم يفقدوا", "لم"), True),
    # as many negations, but negating another word that both sides hold: another claim
    ("The ministry will not cut pensions this year and will raise the salaries of all teachers",
     "The ministry will cut pensions this year and will not raise the salaries of all teachers", False),
    # a negation removed, with or without the word it negated: another claim
    (DOCTORS, DOCTORS.replace("have not lost", "have lost"), False),
    (DOCTORS, DOCTORS.replace("have not lost", "have"), False),
    # a quote embedded in a longer claim with a word added inside it
    (SUGAR, SUGAR_LONGER, True),
    (SCHOOLS_AR, "قال الوزير إن الحكومة ستبني فعلا 40 مدرسة جديدة في برفابورو قبل نهاية العام المقبل رغم الأزمة "
                 "بينما أنفقت سلطة المياه 30 مليون دولار على محطات الطاقة الشمسية", True),
    # the same longer claim with the quote's place replaced is another claim
    (SUGAR, SUGAR_LONGER.replace("in Berfaporo can", "in Kalumitor can"), False),
    # a long quote embedded with one word cut ("within")
    (PLANT, "Our plan will create 900 jobs in Riquinsago and bring $50 million of investment from Vokin Cement, "
            "and the power plant Waluven in Torolmitor is 60% complete and will open two years from now", True),
    # a fragment with few words of its own must keep them all: "in Berfaporo" missing is another place
    ("new schools in Berfaporo next year",
     "the ministry will build new schools in Walu next year, whatever the critics say", False),
]


@pytest.mark.parametrize("a, b, same", CUT_AND_EMBEDDED)
def test_cut_added_and_embedded_wordings(a, b, same):
    assert (text_similarity(a, b) >= THRESHOLD) is same
    assert text_similarity(a, b) == text_similarity(b, a)


def test_a_number_or_a_pronoun_in_place_of_words_is_another_claim():
    a = "The metro line in Berfaporo is 40% complete and will open before the summer"
    assert text_similarity(a, a.replace("before the summer", "by 2027")) < THRESHOLD
    assert text_similarity(a.replace("before the summer", "by 2027"), a.replace("before the summer", "by 2028")) \
        >= THRESHOLD  # another figure: the same claim, with figure drift
    b = "We approved $40 million for public shelters in Walu, the largest sum in 20 years"
    assert text_similarity(b, b.replace("We approved", "The government approved")) < THRESHOLD
    assert text_similarity(b, b.replace("We approved", "We quietly approved")) >= THRESHOLD


def test_a_claim_inside_a_longer_one_must_not_have_a_word_replaced_there():
    short = "The metro line in Berfaporo is 40% complete and will open by 2027"
    longer = ("The metro line in Berfaporo is 40% complete and will open over the next five years, while the port "
              "authority keeps building new wind turbines in Kalumitor")
    assert text_similarity(short, longer) < THRESHOLD
    inside = "The port is ready, and " + short + ", the minister added after the meeting"
    assert text_similarity(short, inside) >= THRESHOLD


@pytest.mark.parametrize("text, cut", [
    ("… before the winter", True), ("we will build...", True), ("“we will build …”", True),
    ("[...] the plan", True), ("«…الخطة»", True), ("we will build", False), ("a... b", False), ("", False),
])
def test_marked_cut(text, cut):
    from claims.matching import marked_cut
    assert marked_cut(text) is cut


GENERIC_TAIL = "within two years, and the figures prove it"
TAILED = ["The port authority will build 40 green grain silos in Gansaya " + GENERIC_TAIL,
          "Taxpayers in Darganwa can expect bread prices to drop by 8% " + GENERIC_TAIL,
          "We are going to hire 300 bus drivers for Golu " + GENERIC_TAIL]


def load_each(db, quotes: list[tuple[str, str]], *, incremental: bool) -> None:
    for k, (text, who) in enumerate(quotes):
        ex = save_one(db, text, who, k)
        if incremental:
            dedupe.update(db, [c.id for c in ex.claims], stale_clusters=set())
    if not incremental:
        dedupe.rebuild(db)


def add_one(db, text: str, who: str, *, incremental: bool) -> None:
    """One more article quoting ``text`` (``who`` "anonymous": a source close to the talks),
    clustered against the stored ones, or all clustered again."""
    ex = article([(text, "a source close to the talks" if who == "anonymous" else who, [])],
                 outlet="Daily X", published="2024-02-01")
    if who == "anonymous":
        ex.claims[0].speaker_type = "anonymous"
    save(db, ex)
    if incremental:
        dedupe.update(db, [ex.claims[0].id], stale_clusters=set())
    else:
        dedupe.rebuild(db)


def save_one(db, text: str, who: str, k: int):
    ex = article([(text, who, [])], outlet=f"Daily {k}", published=f"2024-01-{k % 28 + 1:02d}")
    save(db, ex)
    return ex


@pytest.mark.parametrize("incremental", [False, True])
def test_a_generic_cut_quote_chains_no_clusters_and_its_copies_stay_apart(tmp_path, incremental):
    fragment = "…bread prices to drop by 8% " + GENERIC_TAIL
    generic = "…" + GENERIC_TAIL
    quotes = [(t, "Ahmed Salem") for t in TAILED] + [(t, "Ahmed Salem") for t in TAILED[:1]] + \
        [(generic, "Ahmed Salem"), (generic, "Ahmed Salem"), (fragment, "Ahmed Salem")]
    db = store.open_db(tmp_path / "x.db")
    load_each(db, quotes, incremental=incremental)
    for a in TAILED:
        for b in TAILED:
            assert together(db, a, b) == (a == b)
    # the two copies of the generic piece fit three claims: each is its own cluster, and they
    # are not clustered with each other either
    rows = db.execute("select cluster_id from claims where text = ?", [generic]).fetchall()
    assert len({r[0] for r in rows}) == 2
    assert together(db, fragment, TAILED[1])  # a cut quote that fits one claim joins it


@pytest.mark.parametrize("incremental", [False, True])
def test_a_cut_quote_that_fits_two_claims_joins_the_one_carried_much_more(tmp_path, incremental):
    one = "The water authority has spent $40 million on new rural clinics in Berfaporo since the floods"
    two = "The water authority has spent $25 million on new rural clinics in Kalumitor since the floods"
    fragment = "The water authority has spent $40 million on new rural clinics…"
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(one, "Ahmed Salem")] * 6 + [(two, "Ahmed Salem"), (fragment, "Ahmed Salem")],
              incremental=incremental)
    assert together(db, fragment, one) and not together(db, one, two)
    other = store.open_db(tmp_path / "y.db")  # carried 2:1 it could be either: it joins neither
    load_each(other, [(one, "Ahmed Salem")] * 2 + [(two, "Ahmed Salem"), (fragment, "Ahmed Salem")],
              incremental=incremental)
    assert not together(other, fragment, one) and not together(other, fragment, two)


def test_a_quote_embedded_in_two_different_longer_claims_joins_both(tmp_path):
    quote = "The city council has spent $40 million on rural clinics in Berfaporo since the floods"
    one = quote + ", while the port authority will build 30 schools in Kalumitor by June"
    two = quote + ", while the port authority will build 30 schools in Zanubar by June"
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(quote, "Ahmed Salem"), (one, "Ahmed Salem"), (two, "Ahmed Salem")], incremental=False)
    assert together(db, quote, one) and together(db, quote, two)


@pytest.mark.parametrize("incremental", [False, True])
def test_copies_of_a_cut_quote_too_short_to_place_stay_apart(tmp_path, incremental):
    short = "…is 40% complete and will open by December"
    longer = "…the new bridge over the Berfaporo river is 40% complete and will open by December"
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(short, "Ahmed Salem"), (short, "Sara Haddad"), (longer, "Ahmed Salem"), (longer, "Ahmed Salem")],
              incremental=incremental)
    rows = db.execute("select cluster_id from claims where text = ?", [short]).fetchall()
    assert len({r[0] for r in rows}) == 2  # nothing tells whether the two are one claim
    rows = db.execute("select cluster_id from claims where text = ?", [longer]).fetchall()
    assert len({r[0] for r in rows}) == 1  # a cut quote with words enough to place stays one wording


def test_rebuild_keys_are_the_keys_an_update_picks():
    """The vectorised keys of a rebuild equal blocking.key_words, long wordings' edge keys included."""
    from claims.blocking import key_words
    texts = VARIANTS + AR_VARIANTS + [BASE + ", while the port authority keeps building new wind turbines in Kalumitor "
                                      "and the railway company hires 300 drivers for Zanubar before the elections"]
    forms, _ = dedupe._forms_of([(str(i), t) for i, t in enumerate(texts)])
    words, df, key_tok, key_form, _ = dedupe._rarity_keys([f.tokens for f in forms])
    got: dict[int, set[str]] = {}
    for t, f in zip(key_tok.tolist(), key_form.tolist()):
        got.setdefault(f, set()).add(words[t])
    freq = {w: int(df[i]) for i, w in enumerate(words)}
    assert any(len(f.tokens) > 12 for f in forms)
    for i, f in enumerate(forms):
        assert sorted(got[i]) == key_words(f.tokens, freq)


# Two claims in nearly the same words by two people, and copies that lost the one word telling
# them apart (the place): the speaker tells which claim such a copy belongs to.
SALEM_CLAIM = "The water authority has spent $40 million on new rural clinics in Berfaporo since the floods"
HADDAD_CLAIM = "The water authority has spent $25 million on new rural clinics in Kalumitor since the floods"
PLACELESS = "The water authority has spent $40 million on new rural clinics since the floods"  # a word cut
CUT_SHORT = "The water authority has spent $40 million on new rural clinics…"  # marked as cut


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("copy", [PLACELESS, CUT_SHORT])
def test_a_copy_that_fits_two_claims_joins_the_one_its_speaker_said(tmp_path, incremental, copy):
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(SALEM_CLAIM, "Ahmed Salem"), (HADDAD_CLAIM, "Sara Haddad"), (copy, "Sara Haddad")],
              incremental=incremental)
    assert together(db, copy, HADDAD_CLAIM)
    assert not together(db, SALEM_CLAIM, HADDAD_CLAIM) and not together(db, copy, SALEM_CLAIM)


@pytest.mark.parametrize("incremental", [False, True])
def test_a_surname_is_the_person_it_was_resolved_to(tmp_path, incremental):
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(SALEM_CLAIM, "Ahmed Salem"), (HADDAD_CLAIM, "Sara Haddad"), (CUT_SHORT, "Salem")],
              incremental=incremental)
    assert db.execute("select count(distinct person_id) from claims where speaker in ('Salem', 'Ahmed Salem')"
                      ).fetchone()[0] == 1
    assert together(db, CUT_SHORT, SALEM_CLAIM) and not together(db, CUT_SHORT, HADDAD_CLAIM)


@pytest.mark.parametrize("incremental", [False, True])
@pytest.mark.parametrize("who", ["Ahmed Salem", "Nadia Farouk", "anonymous"])
def test_a_copy_that_fits_two_claims_stays_apart_when_the_speaker_tells_nothing(tmp_path, incremental, who):
    # said by both speakers, by neither, or by an anonymous source: nothing tells which claim it is
    quotes = [(SALEM_CLAIM, "Ahmed Salem"), (HADDAD_CLAIM, "Sara Haddad")]
    if who == "Ahmed Salem":
        quotes.append((HADDAD_CLAIM, "Ahmed Salem"))
    db = store.open_db(tmp_path / "x.db")
    load_each(db, quotes, incremental=incremental)
    add_one(db, PLACELESS, who, incremental=incremental)
    assert not together(db, PLACELESS, SALEM_CLAIM) and not together(db, PLACELESS, HADDAD_CLAIM)
    assert not together(db, SALEM_CLAIM, HADDAD_CLAIM)


@pytest.mark.parametrize("incremental", [False, True])
def test_a_cut_quote_joins_no_cluster_of_other_speakers_however_popular(tmp_path, incremental):
    # fitting claims of others only, a cut quote joins none of them, however often they were carried
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(SALEM_CLAIM, "Ahmed Salem")] * 6 + [(HADDAD_CLAIM, "Sara Haddad"), (CUT_SHORT, "Nadia Farouk")],
              incremental=incremental)
    assert not together(db, CUT_SHORT, SALEM_CLAIM) and not together(db, CUT_SHORT, HADDAD_CLAIM)
    # fitting two claims of its own speaker's (carried 2:1, so either) and a popular one of
    # someone else's, it joins none either
    zanubar = SALEM_CLAIM.replace("Berfaporo", "Zanubar")
    other = store.open_db(tmp_path / "y.db")
    load_each(other, [(SALEM_CLAIM, "Ahmed Salem")] * 2 + [(zanubar, "Ahmed Salem")] + [(HADDAD_CLAIM, "Sara Haddad")] * 9
              + [(CUT_SHORT, "Ahmed Salem")], incremental=incremental)
    assert not any(together(other, CUT_SHORT, c) for c in (SALEM_CLAIM, zanubar, HADDAD_CLAIM))


EIGHT_PEOPLE = ["Ahmed Salem", "Sara Haddad", "Nadia Farouk", "Omar Khalil", "Lina Mansour", "Karim Aziz",
                "Huda Nasser", "Tariq Said"]


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of more than 4 wordings are large; each wording is scored against its next one."""
    monkeypatch.setattr(dedupe, "MAX_BLOCK", 4)
    monkeypatch.setattr(dedupe, "WINDOW", 1)


@pytest.mark.parametrize("incremental", [False, True])
def test_in_a_large_block_a_wording_sorts_next_to_its_speakers_look_alikes(tmp_path, small_blocks, incremental):
    # eight claims that differ only in a place, by eight people, and a copy cut before the place:
    # every key of the copy is a large block where all nine read the same from the key on; the
    # speaker is the next sort key, so the copy is scored against its own speaker's claim
    places = ["Berfaporo", "Kalumitor", "Zanubar", "Quinsenella", "Rosolrelhal", "Tinmunya", "Walumbe", "Darganwa"]
    claims = [(f"The new stadium in {place} is 40% complete and will open within two years", who)
              for place, who in zip(places, EIGHT_PEOPLE)]
    fragment = "…is 40% complete and will open within two years"
    db = store.open_db(tmp_path / "x.db")
    load_each(db, claims + [(fragment, "Omar Khalil")], incremental=incremental)
    assert together(db, fragment, claims[3][0])
    assert not any(together(db, fragment, text) for text, who in claims if who != "Omar Khalil")
    assert db.execute("select count(*) from dedupe_keys where pos like ?", ["complete%\x1f%"]).fetchone()[0] == 9


start_fresh = dedupe._start_fresh


@pytest.mark.parametrize("fresh", [False, True])
def test_rebuild_stages_its_keys_and_cluster_rows_in_other_processes_and_leaves_no_file(tmp_path, monkeypatch, fresh):
    # the processes of the speakers and the keys are forked, or (fresh, as for a large database)
    # new interpreters
    monkeypatch.setattr(dedupe, "FRESH_CLAIMS", 0 if fresh else 10**9)
    started = []
    monkeypatch.setattr(dedupe, "_start_fresh", lambda *a: started.append(a[1]) or start_fresh(*a))
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        save(db, ex)

    def keys():
        return (db.execute("select key, pos, claim_id from dedupe_keys order by 1, 2, 3").fetchall(),
                db.execute("select token, df from token_df order by 1").fetchall(),
                db.execute("select * from clusters order by id").fetchall())

    dedupe.rebuild(db)  # keys and cluster rows written by other processes into files beside the database
    assert started == ([dedupe._speakers_rebuild, dedupe._write_key_file] if fresh else [])
    staged = keys()
    assert staged[0] and staged[1] and staged[2]
    assert any(r["figure_drift"] for r in db.query("select figure_drift from clusters"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".claims")) == []
    monkeypatch.setattr(dedupe, "_workers", lambda: 1)  # written here, row by row
    db.execute("delete from dedupe_keys")
    db.execute("update clusters set size = 0, drift_detail = null")
    dedupe.rebuild(db)
    assert keys() == staged
    assert {r[1] for r in db.execute("pragma database_list")} <= {"main", "temp"}  # nothing left attached


@pytest.mark.parametrize(("failing", "message"), [("_write_key_file", "writing the dedup keys"),
                                                   ("_speakers_rebuild", "speaker resolution")])
def test_a_rebuild_whose_helper_process_fails_says_so_and_changes_nothing(tmp_path, monkeypatch, failing, message):
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        save(db, ex)
    dedupe.rebuild(db)
    before = db.execute("select id, cluster_id from claims order by id").fetchall()
    monkeypatch.setattr(dedupe, "FRESH_CLAIMS", 0)
    # the new process runs sys.exit(its arguments): exit code 1 (a TypeError, or the path printed)
    monkeypatch.setattr(dedupe, "_start_fresh", lambda inputs, target, args: start_fresh(
        inputs, sys.exit if target is getattr(dedupe, failing) else target, args))
    db.execute("update claims set cluster_id = null")
    with pytest.raises(RuntimeError, match=f"{message} failed in its process"):
        dedupe.rebuild(db)
    assert db.execute("select count(*) from claims where cluster_id is not null").fetchone()[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".claims")) == []
    monkeypatch.setattr(dedupe, "_start_fresh", start_fresh)
    dedupe.rebuild(db)
    assert db.execute("select id, cluster_id from claims order by id").fetchall() == before


def test_a_rebuild_writes_each_claims_person_with_its_cluster(tmp_path, monkeypatch):
    # speakers are resolved in another process, which leaves the claims' persons to the rebuild:
    # written with the clusters, and read by the staged cluster rows before they are committed
    db = store.open_db(tmp_path / "x.db")
    for ex in corpus():
        save(db, ex)

    def persons():
        return (db.execute("select id, person_id, person from claims order by id").fetchall(),
                db.execute("select id, speaker_id, speaker from clusters order by id").fetchall())

    db.execute("update claims set person_id = null, person = null")
    dedupe.rebuild(db)
    staged = persons()
    assert {r[0] for r in db.execute("select person from claims where speaker in ('Salem', 'Ahmed Salem')")} == \
        {"Ahmed Salem"}
    assert db.execute("select count(*) from claims where person_id is null").fetchone()[0] == 0
    salem = db.execute("select cluster_id from claims where speaker = 'Salem'").fetchone()[0]
    assert db.execute("select speaker from clusters where id = ?", [salem]).fetchone()[0] == "Ahmed Salem"
    monkeypatch.setattr(dedupe, "_workers", lambda: 1)  # resolved and written in this process
    db.execute("update claims set person_id = null, person = null")
    dedupe.rebuild(db)
    assert persons() == staged
    db.execute("update claims set person_id = null, person = null")
    speakers.rebuild(db)  # on its own, speaker resolution writes the same persons
    assert persons()[0] == staged[0]


@pytest.mark.parametrize("incremental", [False, True])
def test_the_same_cut_words_by_two_people_join_each_their_own_speakers_claim(tmp_path, incremental):
    # cut before the place, Salem's and Haddad's copies read the same (numbers do not count):
    # each copy joins what its own speaker said; an anonymous copy of the same words fits both
    haddad_cut = CUT_SHORT.replace("$40", "$25")
    assert match_form(haddad_cut) == match_form(CUT_SHORT)
    db = store.open_db(tmp_path / "x.db")
    load_each(db, [(SALEM_CLAIM, "Ahmed Salem"), (HADDAD_CLAIM, "Sara Haddad"), (CUT_SHORT, "Ahmed Salem"),
                   (haddad_cut, "Sara Haddad")], incremental=incremental)
    assert together(db, CUT_SHORT, SALEM_CLAIM) and together(db, haddad_cut, HADDAD_CLAIM)
    assert not together(db, SALEM_CLAIM, HADDAD_CLAIM)
    anonymous = CUT_SHORT.replace("$40", "$31")
    add_one(db, anonymous, "anonymous", incremental=incremental)
    assert together(db, CUT_SHORT, SALEM_CLAIM) and together(db, haddad_cut, HADDAD_CLAIM)
    assert not together(db, anonymous, SALEM_CLAIM) and not together(db, anonymous, HADDAD_CLAIM)


def test_split_by_person_keeps_the_representative_claim_first():
    forms, _ = dedupe._forms_of([("c1", CUT_SHORT), ("c2", CUT_SHORT.replace("$40", "$25")),
                                 ("c3", CUT_SHORT.replace("$40", "$9")), ("c4", SALEM_CLAIM)])
    dedupe._set_speakers(forms, {"c1": "s-haddad", "c2": "s-salem", "c3": "s-salem-surname", "c4": "s-salem"})
    person = {"s-salem-surname": "s-salem"}
    parts = dedupe._split_by_person(forms, lambda ids: frozenset(person.get(i, i) for i in ids))
    (i, ps), = parts.items()
    assert [forms[p].claims for p in ps] == [["c1"], ["c2", "c3"]]
    assert forms[ps[1]].speakers == {"s-salem", "s-salem-surname"} and forms[i].speaker == "s-haddad"
    assert dedupe._expand_links([(i, 7, 95.0, i)], parts) == [(i, 7, 95.0, i), (ps[1], 7, 95.0, ps[1])]


@pytest.mark.parametrize("incremental", [False, True])
def test_in_a_large_block_a_cut_quote_is_scored_against_its_speakers_claims(tmp_path, small_blocks, incremental):
    # eight claims that differ only in their last words, by eight people, and a copy cut before
    # them: it sorts before all eight in every block, next to whichever sorts first, so only
    # blocking by speaker scores it against its own speaker's claim
    firms = ["Berfaporo Pharma", "Kalumitor Holdings", "Zanubar Partners", "Quinsenella Energy", "Rosolrelhal Foods",
             "Tinmunya Steel", "Walumbe Motors", "Darganwa Textiles"]
    claims = [(f"Our plan will create 400 jobs in Relvenritin and bring $150 million of investment from {firm}", who)
              for firm, who in zip(firms, EIGHT_PEOPLE)]
    fragment = "Our plan will create 400 jobs in Relvenritin and bring…"
    for k, who in enumerate(EIGHT_PEOPLE):
        db = store.open_db(tmp_path / f"{k}.db")
        load_each(db, claims + [(fragment, who)], incremental=incremental)
        mine = next(text for text, w in claims if w == who)
        row = db.execute("select cluster_id from claims where text = ?", [fragment]).fetchone()[0]
        assert row == db.execute("select cluster_id from claims where text = ?", [mine]).fetchone()[0], who
        assert len({r[0] for r in db.execute("select cluster_id from claims")}) == 8
