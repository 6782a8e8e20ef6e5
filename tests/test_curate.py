"""Curation (claims.curate, claims.replay, claims.reextract, `claims curate`, `claims reextract`):
corrections are data, applied on top of extraction, and they survive re-extraction.

No test depends on extraction rules: databases come from tests/factories.py, and where
articles are (re-)extracted, ``claims.extract.extract`` is replaced by a rule-free fake whose
"rules" are the claim texts a test gives it.
"""
from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner

from claims import curate, dedupe, export, store
from claims.cli import cli
from claims.curate import CurationError
from claims.extract import EXTRACTOR_VERSION, finish
from claims.load import load
from claims.model import Article, Claim, Extraction, Figure
from claims.reextract import reextract
from tests.factories import EN_TEXT, ar_extraction, en_extraction, span

WHO = "tester"
EN_DIRECT = "Prices will fall by 10% before the end of the year"
EN_INDIRECT = "the government had set aside $100 million for families"


# --------------------------------------------------------------------------- helpers


class FakeExtractor:
    """``claims.extract.extract`` without rules: each of ``claims`` (dicts: text, kind, speaker,
    source) found in the article is a claim; every ``N%`` is a figure."""

    def __init__(self, claims: list[dict]) -> None:
        self.claims = claims
        self.calls = 0

    def __call__(self, article: Article, *, lang: str | None = None, model: str | None = None) -> Extraction:
        self.calls += 1
        found = []
        for spec in self.claims:
            i = article.text.find(spec["text"], article.body_start)
            if i >= 0:
                found.append(Claim(kind=spec.get("kind", "indirect"), text=spec["text"], start=i,
                                   end=i + len(spec["text"]), speaker=spec.get("speaker"), speaker_type="person",
                                   speaker_role=spec.get("role"), source=spec.get("source")))
        figures = [Figure(text=m.group(), start=m.start(), end=m.end(), value=float(m.group(1)), unit="percent")
                   for m in re.finditer(r"(\d+)%", article.text) if m.start() >= article.body_start]
        finish(article.id, found, figures)
        return Extraction(article, found, figures, lang=lang or article.lang or "en")


STORY = ("Council approves budget\n\n"
         "\"Taxes will rise by 5% next year,\" Mayor Jane Roe said.\n"
         "Roe said the new bridge would open in May.\n"
         "A council member said that spending grew by 12% since 2020.\n")
RULES = [
    {"text": "Taxes will rise by 5% next year", "kind": "direct", "speaker": "Jane Roe", "role": "Mayor"},
    {"text": "the new bridge would open in May", "speaker": "Roe"},
    {"text": "spending grew by 12% since 2020", "speaker": "A council member"},
]


@pytest.fixture
def extractor(monkeypatch) -> FakeExtractor:
    fake = FakeExtractor([dict(r) for r in RULES])
    monkeypatch.setattr("claims.extract.extract", fake)
    return fake


def story(text: str = STORY, **kw) -> Article:
    kw.setdefault("id", "story-1")
    kw.setdefault("outlet", "City Paper")
    kw.setdefault("published", "2024-05-01")
    return Article(text=text, title=text.split("\n", 1)[0], body_start=text.index("\n\n") + 2, lang="en",
                   file="story.txt", **kw)


@pytest.fixture
def story_db(db, extractor):
    load(db, [story()])
    return db


def claim_by_text(db, text: str) -> dict:
    rows = list(db.query("select * from claims where text = ?", [text]))
    assert len(rows) == 1, f"{text!r}: {len(rows)} claims"
    return rows[0]


def exported(db) -> dict[str, dict]:
    out = io.StringIO()
    export.write(db, out)
    return {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}


def no_orphans(db) -> None:
    assert db.execute("pragma foreign_key_check").fetchall() == []
    for sql in ("select id from claims where article_id not in (select id from articles)",
                "select id from figures where article_id not in (select id from articles)",
                "select id from figures where claim_id is not null and claim_id not in (select id from claims)",
                "select claim_id from dedupe_keys where claim_id not in (select id from claims)",
                "select id from claims where cluster_id is not null and cluster_id not in (select id from clusters)",
                "select id from clusters where id not in (select cluster_id from claims where cluster_id is not null)",
                "select claim_id from claims_original where article_id not in (select id from articles)",
                "select id from claims_rejected where article_id not in (select id from articles)"):
        assert list(db.query(sql)) == [], sql
    for r in db.query("select id, n_claims, (select count(*) from claims where speaker_id = speakers.id) as n "
                      "from speakers"):
        assert r["n_claims"] == r["n"], r


def status(db, correction_id: int) -> str:
    return curate.get_correction(db, correction_id)["status"]


# --------------------------------------------------------------------------- claim corrections


def test_speaker_correction_is_stored_marked_and_keeps_the_original(filled_db):
    db = filled_db
    cid = en_extraction().claims[0].id
    corr = curate.set_speaker(db, cid, "Ahmed M. Salem", who=WHO, why="full name in the press release")
    row = db["claims"].get(cid)
    assert (row["speaker"], row["corrected"]) == ("Ahmed M. Salem", 1)
    assert row["speaker_id"] == store.speaker_id("Ahmed M. Salem")
    assert db["speakers"].get(row["speaker_id"])["n_claims"] == 1
    assert db["speakers"].get(store.speaker_id("Ahmed Salem"))["n_claims"] == 1
    c = curate.get_correction(db, corr)
    assert (c["action"], c["field"], c["who"], c["why"], c["status"]) == (
        "edit", "speaker", WHO, "full name in the press release", "applied")
    assert json.loads(c["old_value"])["name"] == "Ahmed Salem"
    assert json.loads(c["new_value"])["name"] == "Ahmed M. Salem"
    assert c["at"] and c["claim_id"] == cid and c["article_id"] == row["article_id"]
    assert db["claims_original"].get(cid)["speaker"] == "Ahmed Salem"
    view = next(db.query("select * from claims_corrected where id = ?", [cid]))
    assert (view["speaker"], view["original_speaker"]) == ("Ahmed M. Salem", "Ahmed Salem")
    assert view["corrections"] == str(corr)
    rows = exported(db)
    assert rows[cid]["corrected"] is True and rows[cid]["speaker"] == "Ahmed M. Salem"
    assert sum(r["corrected"] for r in rows.values()) == 1


def test_role_source_kind_and_span_corrections(filled_db):
    db = filled_db
    cid = en_extraction().claims[1].id
    curate.set_role(db, cid, "finance minister", who=WHO)
    curate.set_source(db, cid, None, who=WHO, why="he told several outlets")
    curate.set_kind(db, cid, "direct", who=WHO)
    start, end = span(EN_TEXT, "$100 million for families")
    curate.set_span(db, cid, start, end, who=WHO)
    row = db["claims"].get(cid)
    assert (row["speaker_role"], row["source"], row["source_id"]) == ("finance minister", None, None)
    assert row["kind"] == "direct"
    assert row["text"] == "$100 million for families" == db["articles"].get(row["article_id"])["text"][start:end]
    assert (row["start"], row["end"], row["n_figures"]) == (start, end, 1)
    assert db["sources"].get(store.source_id("BBC"))["n_claims"] == 0
    assert row["id"] == cid  # corrected claims keep their id
    orig = db["claims_original"].get(cid)
    assert (orig["source"], orig["kind"], orig["text"]) == ("BBC", "indirect", EN_INDIRECT)
    hits = list(db.query("select claims.id from claims join claims_fts on claims.rowid = claims_fts.rowid "
                         "where claims_fts match 'government'"))
    assert cid not in {h["id"] for h in hits}  # the search index follows the new span


def test_span_by_text(filled_db):
    cid = en_extraction().claims[1].id
    curate.set_span(filled_db, cid, text="$100 million", who=WHO)
    assert filled_db["claims"].get(cid)["text"] == "$100 million"


def test_reject_hides_the_claim_but_keeps_it_inspectable(filled_db):
    db = filled_db
    dedupe.update(db, [r["id"] for r in db["claims"].rows])
    cid = en_extraction().claims[1].id
    corr = curate.reject(db, cid, who=WHO, why="narration, not a claim")
    assert not db["claims"].count_where("id = ?", [cid])
    rejected = db["claims_rejected"].get(cid)
    assert rejected["correction_id"] == corr and rejected["text"] == EN_INDIRECT
    assert cid not in exported(db) and len(exported(db)) == 3
    assert not list(db.query("select * from claims_view where id = ?", [cid]))
    money = next(db.query("select * from figures where text = '$100 million'"))
    assert money["claim_id"] is None
    no_orphans(db)
    with pytest.raises(CurationError, match=f"claim {cid} is rejected .correction {corr}"):
        curate.set_kind(db, cid, "direct", who=WHO)
    curate.undo(db, corr, who=WHO)
    assert db["claims"].get(cid)["corrected"] == 0 and not db["claims_rejected"].count
    assert next(db.query("select * from figures where text = '$100 million'"))["claim_id"] == cid
    assert db["claims"].get(cid)["cluster_id"]
    no_orphans(db)


def test_add_a_missed_claim_by_offsets(filled_db):
    db = filled_db
    aid = en_extraction().article.id
    start, end = span(EN_TEXT, "Minister promises lower prices")  # (in the headline: allowed)
    corr, cid = curate.add_claim(db, aid, start, end, speaker="Sample News", kind="indirect", source="BBC",
                                 speaker_type="organisation", who=WHO, why="headline claim")
    row = db["claims"].get(cid)
    assert (row["origin"], row["corrected"], row["speaker"], row["source"]) == ("added", 1, "Sample News", "BBC")
    assert (row["outlet"], row["published"], row["lang"]) == ("Sample News", "2024-03-02", "en")
    assert db["speakers"].get(row["speaker_id"])["kind"] == "organisation"
    assert exported(db)[cid]["corrected"] is True
    assert not db["claims_original"].count  # nothing was extracted for it
    curate.undo(db, corr, who=WHO)
    assert not db["claims"].count_where("id = ?", [cid])


def test_added_claim_takes_the_figures_it_contains(filled_db):
    db = filled_db
    aid = en_extraction().article.id
    _, cid = curate.add_claim(db, aid, text="$100 million", speaker="Ahmed Salem", who=WHO)
    assert db["claims"].get(cid)["n_figures"] == 1
    assert next(db.query("select claim_id from figures where text = '$100 million'"))["claim_id"] == cid


@pytest.mark.parametrize("call,message", [
    (lambda db: curate.set_speaker(db, "nope", "X", who=WHO), "unknown claim id 'nope'"),
    (lambda db: curate.set_speaker(db, en_extraction().claims[0].id, "  ", who=WHO), "speaker name is empty"),
    (lambda db: curate.set_kind(db, en_extraction().claims[0].id, "quote", who=WHO), "unknown kind 'quote'"),
    (lambda db: curate.add_claim(db, "nope", 1, 2, speaker="X", who=WHO), "unknown article id 'nope'"),
    (lambda db: curate.add_claim(db, en_extraction().article.id, 100, 9000, speaker="X", who=WHO),
     r"offsets 100..9000 are outside article \w+ \(0..\d+\)"),
    (lambda db: curate.add_claim(db, en_extraction().article.id, 5, 3, speaker="X", who=WHO), "outside"),
    (lambda db: curate.add_claim(db, en_extraction().article.id, text="not in it", speaker="X", who=WHO),
     "is not in article"),
    (lambda db: curate.add_claim(db, en_extraction().article.id, *span(EN_TEXT, EN_DIRECT), kind="direct",
                                 speaker="X", who=WHO), "already has this claim"),
    (lambda db: curate.merge_speakers(db, "Nobody", "Ahmed Salem", who=WHO), "unknown speaker 'Nobody'"),
    (lambda db: curate.merge_speakers(db, "Ahmed Salem", "ahmed  salem", who=WHO), "are the same speaker"),
    (lambda db: curate.split_speaker(db, "Ahmed Salem", who=WHO), "no merge into 'Ahmed Salem' to split"),
    (lambda db: curate.set_article(db, en_extraction().article.id, published="last Tuesday", who=WHO),
     "published must be an ISO date"),
    (lambda db: curate.set_article(db, en_extraction().article.id, outlet="Sample News", who=WHO), "nothing to change"),
    (lambda db: curate.undo(db, 99, who=WHO), "unknown correction id 99"),
    (lambda db: curate.merge_clusters(db, "nope", ["x"], who=WHO), "unknown cluster id 'nope'"),
])
def test_clear_errors(filled_db, call, message):
    with pytest.raises(CurationError, match=message):
        call(filled_db)


def test_claim_id_prefix_is_accepted(filled_db):
    cid = en_extraction().claims[0].id
    curate.set_kind(filled_db, cid[:8], "indirect", who=WHO)
    assert filled_db["claims"].get(cid)["kind"] == "indirect"


def test_undo_of_a_later_edit_keeps_the_earlier_one(filled_db):
    db = filled_db
    cid = en_extraction().claims[0].id
    first = curate.set_speaker(db, cid, "A. Salem", who=WHO)
    second = curate.set_speaker(db, cid, "Ahmed M. Salem", who=WHO)
    curate.undo(db, first, who=WHO)
    assert db["claims"].get(cid)["speaker"] == "Ahmed M. Salem"
    curate.undo(db, second, who=WHO)
    row = db["claims"].get(cid)
    assert (row["speaker"], row["corrected"]) == ("Ahmed Salem", 0) and not db["claims_original"].count
    assert [status(db, first), status(db, second)] == ["undone", "undone"]
    with pytest.raises(CurationError, match="already undone"):
        curate.undo(db, first, who=WHO)


# --------------------------------------------------------------------------- re-extraction and re-loading


def test_corrections_survive_reextract_and_claim_ids_stay(story_db, extractor):
    db = story_db
    direct, bridge, spending = (claim_by_text(db, r["text"]) for r in RULES)
    curate.set_speaker(db, bridge["id"], "Jane Roe", who=WHO, why="Roe is the mayor")
    rej = curate.reject(db, spending["id"], who=WHO, why="no attribution in the source")
    text = "Taxes will rise by 5% next year"
    _, added = curate.add_claim(db, "story-1", text=text[:21], speaker="Jane Roe", kind="direct", who=WHO)
    ids_before = {r["id"] for r in db["claims"].rows}
    report = reextract(db)
    assert extractor.calls == 2 and report.load.written == 1
    assert {r["id"] for r in db["claims"].rows} == ids_before
    assert (report.kept, report.new, report.gone, report.stale) == (4, 0, 0, [])
    assert db["claims"].get(bridge["id"])["speaker"] == "Jane Roe"
    assert db["claims_original"].get(bridge["id"])["speaker"] == "Roe"
    assert db["claims_rejected"].get(spending["id"])["correction_id"] == rej
    assert not db["claims"].count_where("id = ?", [spending["id"]])
    assert db["claims"].get(added)["origin"] == "added"
    assert {status(db, c["id"]) for c in curate.list_corrections(db)} == {"applied"}
    assert exported(db)[bridge["id"]]["corrected"] is True
    no_orphans(db)


def test_rejected_claim_stays_rejected_after_reload_of_a_changed_article(story_db):
    db = story_db
    spending = claim_by_text(db, RULES[2]["text"])
    bridge = claim_by_text(db, RULES[1]["text"])
    rej = curate.reject(db, spending["id"], who=WHO)
    fix = curate.set_speaker(db, bridge["id"], "Jane Roe", who=WHO)
    _, added = curate.add_claim(db, "story-1", text="Mayor Jane Roe", speaker="Jane Roe", who=WHO)
    changed = STORY.replace("\n\n", "\n\nUpdated at 10:00.\n", 1)  # every offset moves
    report = load(db, [story(changed)])
    assert report.written == 1
    assert db["claims_rejected"].count == 1 and not db["claims"].count_where("text = ?", [RULES[2]["text"]])
    assert claim_by_text(db, RULES[1]["text"])["speaker"] == "Jane Roe"
    assert claim_by_text(db, "Mayor Jane Roe")["origin"] == "added"
    notes = {c["id"]: c for c in curate.list_corrections(db)}
    assert {c["status"] for c in notes.values()} == {"applied"}
    assert "re-anchored" in notes[rej]["note"] and "re-anchored" in notes[fix]["note"]
    assert notes[fix]["claim_id"] == claim_by_text(db, RULES[1]["text"])["id"] != bridge["id"]
    load(db, [story(changed)], force=True)  # and once more, by the new ids
    assert db["claims_rejected"].count == 1 and claim_by_text(db, RULES[1]["text"])["speaker"] == "Jane Roe"
    no_orphans(db)


def test_changed_rules_reanchor_or_turn_corrections_stale(story_db, extractor):
    db = story_db
    bridge = claim_by_text(db, RULES[1]["text"])
    spending = claim_by_text(db, RULES[2]["text"])
    fix = curate.set_speaker(db, bridge["id"], "Jane Roe", who=WHO)
    gone = curate.set_source(db, spending["id"], "council minutes", who=WHO)
    extractor.claims[1]["text"] = "the new bridge would open in May."  # rules now keep the full stop
    extractor.claims[2]["text"] = "a claim the new rules find elsewhere"  # rules no longer find it
    report = reextract(db)
    assert [c["id"] for c in report.stale] == [gone]
    assert "no longer extracted" in curate.get_correction(db, gone)["note"]
    assert status(db, fix) == "applied"
    assert claim_by_text(db, "the new bridge would open in May.")["speaker"] == "Jane Roe"
    assert (report.kept, report.new, report.gone) == (1, 1, 2)
    extractor.claims[2]["text"] = RULES[2]["text"]  # rules find it again: the correction applies again
    report = reextract(db, ["story.txt"])
    assert report.stale == [] and claim_by_text(db, RULES[2]["text"])["source"] == "council minutes"


def test_reextract_command_lists_stale_corrections(story_db, extractor, tmp_path):
    db = story_db
    path = db.conn.execute("pragma database_list").fetchone()[2]
    spending = claim_by_text(db, RULES[2]["text"])
    curate.set_kind(db, spending["id"], "direct", who=WHO)
    extractor.claims.pop()
    result = CliRunner().invoke(cli, ["reextract", "--db", path, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "stale: #1 stale" in result.stderr and "no longer extracted" in result.stderr
    assert "Re-extracted 1 article(s): 2 claims and 0 rejected" in result.stderr
    listed = CliRunner().invoke(cli, ["curate", "list", "--status", "stale", "--db", path])
    assert listed.output.startswith("#1 stale")


def test_reextract_of_an_unknown_article_is_an_error(story_db):
    with pytest.raises(CurationError, match="unknown article id"):
        reextract(story_db, ["nope"])


# --------------------------------------------------------------------------- speakers


def speaker_facet(db) -> dict[str, int]:
    return {r["speaker_id"]: r["n"] for r in db.query(
        "select speaker_id, count(*) as n from claims group by speaker_id")}


def test_merge_speakers_then_split_undoes_it(filled_db):
    db = filled_db
    ar, en = store.speaker_id("أحمد سالم"), store.speaker_id("Ahmed Salem")
    assert speaker_facet(db) == {ar: 2, en: 2}
    merge = curate.merge_speakers(db, "أحمد سالم", "Ahmed Salem", who=WHO, why="same person")
    assert speaker_facet(db) == {en: 4}
    assert {r["speaker"] for r in db["claims"].rows} == {"Ahmed Salem"}
    assert (db["speakers"].get(en)["n_claims"], db["speakers"].get(ar)["n_claims"]) == (4, 0)
    assert exported(db)[ar_extraction().claims[0].id]["corrected"] is True
    store.save_extraction(db, ar_extraction(outlet="Al Sample"), extractor_version=EXTRACTOR_VERSION)
    assert speaker_facet(db) == {en: 4}  # a re-loaded article is merged too
    [split] = curate.split_speaker(db, "Ahmed Salem", who=WHO, why="keep scripts apart")
    assert speaker_facet(db) == {ar: 2, en: 2}
    assert status(db, merge) == "undone" and not db["claims_original"].count
    curate.undo(db, split, who=WHO)  # undoing the split brings the merge back
    assert speaker_facet(db) == {en: 4} and status(db, merge) == "applied"
    no_orphans(db)


def test_merge_into_a_new_name_renames(filled_db):
    curate.merge_speakers(filled_db, store.speaker_id("Ahmed Salem"), "Ahmed M. Salem", who=WHO)
    assert speaker_facet(filled_db) == {store.speaker_id("أحمد سالم"): 2, store.speaker_id("Ahmed M. Salem"): 2}


def test_split_speaker_moves_named_claims(filled_db):
    db = filled_db
    c0, c1 = en_extraction().claims
    [corr] = curate.split_speaker(db, "Ahmed Salem", claims=[c1.id], name="Omar Salem", who=WHO)
    assert db["claims"].get(c1.id)["speaker"] == "Omar Salem" and db["claims"].get(c0.id)["speaker"] == "Ahmed Salem"
    with pytest.raises(CurationError, match="not 'Ahmed Salem'"):
        curate.split_speaker(db, "Ahmed Salem", claims=[c1.id], name="X", who=WHO)
    with pytest.raises(CurationError, match="give the name"):
        curate.split_speaker(db, "Ahmed Salem", claims=[c0.id], who=WHO)
    curate.merge_speakers(db, "أحمد سالم", "Ahmed Salem", who=WHO)
    a0 = ar_extraction().claims[0].id
    curate.split_speaker(db, "Ahmed Salem", claims=[a0], who=WHO)  # back to its extracted speaker
    assert db["claims"].get(a0)["speaker"] == "أحمد سالم"
    assert db["claims"].get(ar_extraction().claims[1].id)["speaker"] == "Ahmed Salem"


# --------------------------------------------------------------------------- clusters


def cluster_of(db, claim_id: str) -> str:
    return db["claims"].get(claim_id)["cluster_id"]


def test_merge_and_split_clusters_survive_reclustering(filled_db):
    db = filled_db
    dedupe.rebuild(db)
    a0, e0 = ar_extraction().claims[0].id, en_extraction().claims[0].id
    assert cluster_of(db, a0) != cluster_of(db, e0)
    merge = curate.merge_clusters(db, cluster_of(db, a0), [e0], who=WHO, why="same promise, translated")
    assert cluster_of(db, a0) == cluster_of(db, e0)
    cluster = db["clusters"].get(cluster_of(db, a0))
    assert (cluster["size"], cluster["n_articles"], cluster["n_outlets"]) == (2, 2, 2)
    runner = CliRunner()
    path = db.conn.execute("pragma database_list").fetchone()[2]
    assert runner.invoke(cli, ["dedupe", "--rebuild", "--db", path]).exit_code == 0
    assert cluster_of(db, a0) == cluster_of(db, e0)  # kept after clustering from scratch
    split = curate.split_cluster(db, cluster_of(db, a0), [e0], who=WHO)
    assert cluster_of(db, a0) != cluster_of(db, e0)
    assert {r["size"] for r in db["clusters"].rows} == {1}
    curate.undo(db, split, who=WHO)
    assert cluster_of(db, a0) == cluster_of(db, e0)
    curate.undo(db, merge, who=WHO)
    assert cluster_of(db, a0) != cluster_of(db, e0)
    no_orphans(db)


def test_split_cluster_refuses_to_empty_it(filled_db):
    db = filled_db
    dedupe.rebuild(db)
    a0 = ar_extraction().claims[0].id
    with pytest.raises(CurationError, match="nothing would be split"):
        curate.split_cluster(db, a0, [a0], who=WHO)
    with pytest.raises(CurationError, match="not in cluster"):
        curate.split_cluster(db, a0, [en_extraction().claims[0].id], who=WHO)


# --------------------------------------------------------------------------- articles


def test_delete_article_leaves_no_orphans(filled_db):
    db = filled_db
    dedupe.rebuild(db)
    a0, e0 = ar_extraction().claims[0].id, en_extraction().claims[0].id
    curate.merge_clusters(db, a0, [e0], who=WHO)
    fix = curate.set_speaker(db, e0, "Ahmed M. Salem", who=WHO)
    curate.reject(db, en_extraction().claims[1].id, who=WHO)
    aid = en_extraction().article.id
    corr = curate.delete_article(db, aid, who=WHO, why="duplicate wire copy")
    assert not db["articles"].count_where("id = ?", [aid])
    for table in ("claims", "figures", "claims_original", "claims_rejected"):
        assert not db[table].count_where("article_id = ?", [aid]), table
    assert db["clusters"].get(cluster_of(db, a0))["size"] == 1
    assert status(db, fix) == "stale" and status(db, corr) == "applied"
    assert db["speakers"].get(store.speaker_id("Ahmed Salem"))["n_claims"] == 0
    no_orphans(db)
    with pytest.raises(CurationError, match="cannot be undone"):
        curate.undo(db, corr, who=WHO)
    store.save_extraction(db, en_extraction(), extractor_version=EXTRACTOR_VERSION)  # loaded again
    assert db["claims"].get(e0)["speaker"] == "Ahmed M. Salem" and status(db, fix) == "applied"
    assert status(db, corr) == "stale"


def test_replace_article_moves_its_corrections_to_the_new_version(story_db):
    db = story_db
    bridge = claim_by_text(db, RULES[1]["text"])
    fix = curate.set_speaker(db, bridge["id"], "Jane Roe", who=WHO)
    new = story(STORY.replace("Council approves budget", "Council approves 2025 budget"), id="story-2")
    corr, report = curate.replace_article(db, "story-1", new, who=WHO, why="corrected headline")
    assert report.written == 1 and [r["id"] for r in db["articles"].rows] == ["story-2"]
    assert claim_by_text(db, RULES[1]["text"])["speaker"] == "Jane Roe"
    assert curate.get_correction(db, fix)["article_id"] == "story-2" and status(db, fix) == "applied"
    assert curate.get_correction(db, corr)["action"] == "replace_article"
    no_orphans(db)


def test_article_metadata_correction_follows_into_claims_and_survives_reload(story_db):
    db = story_db
    ids = curate.set_article(db, "story-1", outlet="The City Paper", published="2024-05-02",
                             url="https://example.org/budget", who=WHO)
    assert len(ids) == 3
    art = db["articles"].get("story-1")
    assert (art["outlet"], art["published"], art["url"]) == ("The City Paper", "2024-05-02", "https://example.org/budget")
    assert {(r["outlet"], r["published"]) for r in db["claims"].rows} == {("The City Paper", "2024-05-02")}
    assert {r["first_seen"] for r in db["clusters"].rows} == {"2024-05-02"}
    reextract(db)
    art = db["articles"].get("story-1")
    assert (art["outlet"], art["published"]) == ("The City Paper", "2024-05-02")
    assert db["articles_original"].get("story-1")["outlet"] == "City Paper"  # the loaded value, not ours
    for cid in ids:
        curate.undo(db, cid, who=WHO)
    assert db["articles"].get("story-1")["outlet"] == "City Paper"
    assert {r["outlet"] for r in db["claims"].rows} == {"City Paper"}


# --------------------------------------------------------------------------- command line


def test_front_matter_and_load_options_reach_articles_and_claims(tmp_path, extractor):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "fm.txt").write_text(
        "---\noutlet: Harbour Gazette\npublished: 2024-06-01\nurl: https://example.org/fm\n---\n" + STORY,
        encoding="utf-8")
    (tmp_path / "in" / "plain.txt").write_text(STORY.replace("Council", "Town"), encoding="utf-8")
    path = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["load", str(tmp_path / "in"), "--db", path, "--workers", "1", "-q",
                                 "--outlet", "Fallback Times", "--published", "2024-01-31"])
    assert result.exit_code == 0, result.output
    db = store.open_db(path)
    arts = {r["file"]: r for r in db["articles"].rows}
    assert (arts["fm.txt"]["outlet"], arts["fm.txt"]["published"], arts["fm.txt"]["url"]) == (
        "Harbour Gazette", "2024-06-01", "https://example.org/fm")
    assert (arts["plain.txt"]["outlet"], arts["plain.txt"]["published"]) == ("Fallback Times", "2024-01-31")
    fm = arts["fm.txt"]
    assert fm["text"].startswith("Council approves budget")  # offsets count after the header
    assert {(r["outlet"], r["published"]) for r in db.query("select * from claims where article_id = ?", [fm["id"]])} \
        == {("Harbour Gazette", "2024-06-01")}
    for r in db.query("select claims.*, articles.text as atext from claims join articles on articles.id = article_id"):
        assert r["atext"][r["start"]:r["end"]] == r["text"]
    result = runner.invoke(cli, ["curate", "article", "plain.txt", "--outlet", "Town Crier", "--db", path,
                                 "--who", "ed", "--why", "masthead"])
    assert result.exit_code == 0, result.output
    assert "outlet of article" in result.output and "'Town Crier'" in result.output
    result = runner.invoke(cli, ["load", str(tmp_path / "in"), "--db", path, "--workers", "1", "-q", "--force",
                                 "--outlet", "Fallback Times"])
    assert result.exit_code == 0, result.output
    plain = arts["plain.txt"]["id"]
    assert {r["outlet"] for r in db.query("select outlet from claims where article_id = ?", [plain])} == {"Town Crier"}


def test_curate_commands(story_db):
    db = story_db
    path = db.conn.execute("pragma database_list").fetchone()[2]
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["curate", *args, "--db", path])
        assert result.exit_code == 0, result.output
        return result.output

    bridge = claim_by_text(db, RULES[1]["text"])["id"]
    spending = claim_by_text(db, RULES[2]["text"])["id"]
    out = run("speaker", bridge, "Jane Roe", "--role", "Mayor", "--why", "Roe is the mayor")
    assert out.startswith("#1 applied speaker of claim") and "#2 applied speaker_role" in out
    assert f"[{curate.default_who()} " in out
    run("role", bridge, "--clear", "--who", "ed")
    run("source", spending, "council minutes")
    run("kind", spending, "direct")
    run("span", spending, "--text", "spending grew by 12%")
    run("reject", spending, "--why", "not attributed")
    out = run("add", "story-1", "--text", "Mayor Jane Roe", "--speaker", "Jane Roe", "--kind", "indirect")
    assert "add indirect claim" in out
    run("merge-speakers", "Jane Roe", "J. Roe")
    run("article", "story-1", "--published", "2024-05-03")
    out = run("list")
    assert out.splitlines()[0].startswith("#10 applied published of article story-1")
    assert len(out.splitlines()) == 10
    listed = [json.loads(line) for line in run("list", "--claim", bridge, "--json").splitlines()]
    assert [c["who"] for c in listed] == ["ed", curate.default_who(), curate.default_who()]
    assert "(extracted: Roe)" in run("show", bridge)
    out = run("undo", "7")
    assert out.startswith("#7 undone reject claim")
    assert db["claims"].count_where("id = ?", [spending])
    result = runner.invoke(cli, ["curate", "speaker", "nope", "X", "--db", path])
    assert result.exit_code == 1 and "Error: unknown claim id 'nope'" in result.output
    result = runner.invoke(cli, ["curate", "role", bridge, "--db", path])
    assert result.exit_code == 2 and "give a ROLE, or --clear" in result.output


def test_curate_cluster_and_article_commands(filled_db, tmp_path):
    db = filled_db
    dedupe.rebuild(db)
    path = db.conn.execute("pragma database_list").fetchone()[2]
    runner = CliRunner()
    a0, e0 = ar_extraction().claims[0].id, en_extraction().claims[0].id
    result = runner.invoke(cli, ["curate", "merge-clusters", a0, e0, "--db", path])
    assert result.exit_code == 0 and "merge clusters" in result.output
    result = runner.invoke(cli, ["curate", "split-cluster", a0, "--claim", e0, "--db", path])
    assert result.exit_code == 0 and "split 1 claim(s) out of cluster" in result.output
    result = runner.invoke(cli, ["curate", "split-speaker", "Ahmed Salem", "--claim", e0, "--name", "O. Salem",
                                 "--db", path])
    assert result.exit_code == 0 and db["claims"].get(e0)["speaker"] == "O. Salem"
    (tmp_path / "new.txt").write_text(EN_TEXT.replace("Minister", "Finance minister", 1), encoding="utf-8")
    result = runner.invoke(cli, ["curate", "replace-article", en_extraction().article.file, str(tmp_path / "new.txt"),
                                 "--db", path, "--lang", "en"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["curate", "delete-article", ar_extraction().article.id, "--db", path])
    assert result.exit_code == 0 and "delete article" in result.output
    no_orphans(db)


def test_reextract_with_worker_processes(story_db, extractor):
    db = story_db
    fix = curate.set_speaker(db, claim_by_text(db, RULES[1]["text"])["id"], "Jane Roe", who=WHO)
    load(db, [story(STORY.replace("Council", "Town"), id="story-2")])
    report = reextract(db, workers=2)
    assert report.load.written == 2 and report.load.errors == [] and report.gone == 0
    assert status(db, fix) == "applied"
    bridges = db.query("select * from claims where text = ?", [RULES[1]["text"]])
    assert {r["article_id"]: r["speaker"] for r in bridges} == {"story-1": "Jane Roe", "story-2": "Roe"}
