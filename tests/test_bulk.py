"""The first load into a database writes without its secondary indexes and search triggers and
builds them at the end (claims.bulk): the result must be the database a row-by-row load makes."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from claims import bulk, store
from claims.articles import iter_articles
from claims.extract import EXTRACTOR_VERSION, extract
from claims.load import load, load_paths
from tests.factories import ROOT, SEEDS

ARTICLES = [str(SEEDS), str(ROOT / "tests" / "fixtures" / "articles")]


def schema(path) -> set[tuple[str, str, str]]:
    con = sqlite3.connect(path)
    try:
        return set(con.execute("select type, name, sql from sqlite_master where name not like 'sqlite_%'"))
    finally:
        con.close()


def fts_hits(path) -> int:
    """Claims the full-text index finds for words of the sample articles."""
    con = sqlite3.connect(path)
    try:
        return con.execute("select count(*) from claims_fts where claims_fts match 'مياه OR storm OR harbour'").fetchone()[0]
    finally:
        con.close()


def contents(path) -> dict[str, list[tuple]]:
    """What users see: rows, full-text answers, facet counts, speakers' and sources' counts."""
    con = sqlite3.connect(path)
    try:
        return {
            "claims": con.execute("select id, text, speaker, source, search_text from claims order by id").fetchall(),
            "figures": con.execute("select id, claim_id, value, unit from figures order by id").fetchall(),
            "fts": con.execute("select claims.id from claims_fts join claims on claims.rowid = claims_fts.rowid "
                               "where claims_fts match 'مياه OR storm OR harbour OR million' order by claims.id").fetchall(),
            "facets": con.execute("select facet, value, n from claims_facet_counts where n != 0 order by 1, 2").fetchall(),
            "speakers": con.execute("select id, n_claims from speakers order by id").fetchall(),
            "sources": con.execute("select id, n_claims from sources order by id").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture
def row_by_row(tmp_path):
    """The articles loaded into a database that already has claims (so no bulk load)."""
    path = tmp_path / "row_by_row.db"
    db = store.open_db(path)
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]
    store.save_extraction(db, extract(articles[0]), extractor_version=EXTRACTOR_VERSION)
    assert not bulk.is_empty(db)
    load(db, articles[1:], run_dedupe=False)
    db.conn.close()
    return path


def test_a_first_load_builds_the_same_database_as_a_row_by_row_load(tmp_path, row_by_row):
    path = tmp_path / "bulk.db"
    db = store.open_db(path)
    report = load_paths(db, ARTICLES, run_dedupe=False)
    assert report.ok and report.claims > 20
    assert bulk.pending(db) is None
    db.conn.close()
    assert schema(path) == schema(row_by_row)
    got, want = contents(path), contents(row_by_row)
    assert got["fts"] and got["facets"] and any(n for _, n in got["speakers"])
    assert got == want


def test_a_load_into_a_database_with_claims_keeps_its_indexes(tmp_path, row_by_row):
    db = store.open_db(row_by_row)
    with bulk.bulk_writes(db) as deferred:
        assert deferred is False
        names = {r[0] for r in db.conn.execute("select name from sqlite_master where type = 'index'")}
        assert "idx_claims_speaker" in names


def test_a_failing_load_still_builds_its_indexes(tmp_path, row_by_row):
    path = tmp_path / "failed.db"
    db = store.open_db(path)
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]

    def results():
        for a in articles[:3]:
            yield extract(a)
        raise KeyboardInterrupt

    from claims.load import LoadReport, store_results

    with pytest.raises(KeyboardInterrupt):
        store_results(db, results(), LoadReport(), run_dedupe=False)
    assert bulk.pending(db) is None
    db.conn.close()
    assert schema(path) == schema(row_by_row)
    con = sqlite3.connect(path)
    n = con.execute("select count(*) from claims").fetchone()[0]
    con.close()
    assert n > 0 and fts_hits(path) > 0


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _abandon(path, pid: int) -> None:
    """A bulk load that wrote some articles and died (as process ``pid``) before finishing."""
    db = store.open_db(path)
    bulk.defer(db)
    record = bulk.pending(db)
    record["pid"] = pid
    db["meta"].upsert({"key": bulk.META_KEY, "value": json.dumps(record)}, pk="key")
    for a in list(iter_articles(ARTICLES))[:4]:
        store.save_extraction(db, extract(a), extractor_version=EXTRACTOR_VERSION, counts=False)
    db.conn.close()


def test_opening_a_database_finishes_a_bulk_load_whose_process_died(tmp_path, row_by_row):
    path = tmp_path / "abandoned.db"
    _abandon(path, _dead_pid())
    assert "idx_claims_speaker" not in {r[1] for r in schema(path)}
    db = store.open_db(path)
    assert bulk.pending(db) is None
    db.conn.close()
    assert schema(path) == schema(row_by_row)
    con = sqlite3.connect(path)
    spoken = con.execute("select sum(n_claims) from speakers").fetchone()[0]
    named = con.execute("select count(*) from claims where speaker_id is not null").fetchone()[0]
    con.close()
    assert fts_hits(path) > 0 and spoken == named > 0


def test_opening_a_database_leaves_a_running_bulk_load_alone(tmp_path):
    path = tmp_path / "running.db"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _abandon(path, sleeper.pid)
        db = store.open_db(path)
        assert bulk.pending(db)["pid"] == sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()
    assert bulk.finish_abandoned(db) is True
    assert bulk.pending(db) is None


@pytest.mark.parametrize("sql, want", [
    ('CREATE INDEX "idx_a" ON "claims" ("a")', 'CREATE INDEX IF NOT EXISTS "idx_a" ON "claims" ("a")'),
    ("CREATE UNIQUE INDEX u ON t (a)", "CREATE UNIQUE INDEX IF NOT EXISTS u ON t (a)"),
    ("CREATE TRIGGER t AFTER INSERT ON claims BEGIN SELECT 1; END",
     "CREATE TRIGGER IF NOT EXISTS t AFTER INSERT ON claims BEGIN SELECT 1; END"),
    ("CREATE INDEX IF NOT EXISTS x ON t (a)", "CREATE INDEX IF NOT EXISTS x ON t (a)"),
])
def test_recreated_sql_tolerates_what_opening_the_database_made_again(sql, want):
    assert bulk._if_not_exists(sql) == want


def test_a_load_says_when_it_builds_indexes_and_clusters(tmp_path):
    said: list[str] = []
    db = store.open_db(tmp_path / "stages.db")
    load_paths(db, [str(SEEDS)], stage=said.append)
    assert said == ["building indexes", "clustering"]
    said.clear()
    load_paths(db, [str(ROOT / "tests" / "fixtures" / "articles" / "en_budget.txt")], stage=said.append)
    assert said == ["clustering"]  # the database has claims: no bulk load


def _failing_store(monkeypatch, bad_id: str, end_transaction: bool = False) -> None:
    """``store.save_extraction`` that writes the article ``bad_id`` and then fails (after ending
    the whole transaction, with ``end_transaction``, as some SQLite errors do)."""
    real = store.save_extraction

    def save(db, ex, **kwargs):
        if ex.article.id != bad_id:
            return real(db, ex, **kwargs)
        with db.atomic():
            real(db, ex, **kwargs)
            if end_transaction:
                db.conn.execute("ROLLBACK")
                raise sqlite3.OperationalError("disk I/O error")
            raise ValueError("cannot store this one")

    monkeypatch.setattr(store, "save_extraction", save)


def _commits(db) -> list[str]:
    statements: list[str] = []
    db.conn.set_trace_callback(lambda sql: statements.append(sql) if sql.strip().upper() == "COMMIT" else None)
    return statements


@pytest.mark.parametrize("end_transaction", [False, True])
def test_a_bulk_load_commits_in_groups_and_an_article_that_fails_fails_alone(tmp_path, row_by_row, monkeypatch,
                                                                             end_transaction):
    from claims import load as load_module

    monkeypatch.setattr(load_module, "BULK_GROUP", 4)
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]
    bad = articles[6]  # the third of its group of four: two written before it in the same transaction
    _failing_store(monkeypatch, bad.id, end_transaction)
    db = store.open_db(tmp_path / "grouped.db")
    commits = _commits(db)
    report = load(db, articles, run_dedupe=False)
    assert [e.path for e in report.errors] == [bad.path] and "could not store" in report.errors[0].reason
    assert report.written == len(articles) - 1
    assert len(commits) < len(articles)  # groups, not one commit per article (and some of the load's own)
    stored = {r[0] for r in db.conn.execute("select id from articles")}
    assert stored == {a.id for a in articles} - {bad.id}
    assert db.conn.execute("select count(*) from load_errors").fetchone()[0] == 1
    claims = db.conn.execute("select count(*) from claims").fetchone()[0]
    assert claims == report.claims == sum(len(extract(a).claims) for a in articles if a.id != bad.id)
    db.conn.close()


def test_a_load_into_a_database_with_claims_commits_each_article(row_by_row):
    db = store.open_db(row_by_row)
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]
    commits = _commits(db)
    report = load(db, articles, force=True, run_dedupe=False)
    assert report.written == len(articles) and len(commits) >= len(articles)
    db.conn.close()


def test_an_article_that_fails_when_its_group_is_written_again_becomes_an_error(tmp_path, monkeypatch):
    from claims import load as load_module

    monkeypatch.setattr(load_module, "BULK_GROUP", 4)
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]
    bad, again = articles[6], articles[4]  # both in the second group; ``again`` is written before ``bad``
    _failing_store(monkeypatch, bad.id, end_transaction=True)
    first_time = store.save_extraction
    seen: set[str] = set()

    def save(db, ex, **kwargs):
        if ex.article.id == again.id and again.id in seen:
            raise ValueError("cannot store it twice")
        seen.add(ex.article.id)
        return first_time(db, ex, **kwargs)

    monkeypatch.setattr(store, "save_extraction", save)
    db = store.open_db(tmp_path / "again.db")
    report = load(db, articles, run_dedupe=False)
    assert sorted(e.path for e in report.errors) == sorted([bad.path, again.path])
    assert report.written == len(articles) - 2
    stored = {r[0] for r in db.conn.execute("select id from articles")}
    assert stored == {a.id for a in articles} - {bad.id, again.id}
    claims = db.conn.execute("select count(*) from claims").fetchone()[0]
    assert claims == report.claims
    db.conn.close()


def test_worker_processes_send_rows_back_and_the_loader_puts_their_articles_back():
    from claims.articles import iter_articles
    from claims.load import map_extract
    from tests.factories import SEEDS

    articles = [a for a in iter_articles([str(SEEDS)]) if hasattr(a, "text")] * 3
    in_process = list(map_extract(articles, workers=1))
    pooled = list(map_extract(articles, workers=2))
    assert [r.article for r in pooled] == articles
    assert all(r.article is a for r, a in zip(pooled, articles))
    assert [(r.claims, r.figures, r.speakers, r.sources) for r in pooled] == \
        [(r.claims, r.figures, r.speakers, r.sources) for r in in_process]
    assert sum(len(r.claims) for r in pooled) > 0


def test_an_article_whose_rows_cannot_be_made_is_an_error_and_the_load_goes_on(tmp_path, monkeypatch):
    articles = [a for a in iter_articles(ARTICLES) if hasattr(a, "text")]
    bad = articles[2]
    real = store.article_rows

    def failing(ex):
        if ex.article.id == bad.id:
            raise UnicodeError("a character the search form cannot take")
        return real(ex)

    monkeypatch.setattr(store, "article_rows", failing)
    db = store.open_db(tmp_path / "rows.db")
    report = load(db, articles, run_dedupe=False)
    assert [e.path for e in report.errors] == [bad.path]
    assert report.errors[0].stage == "store" and "UnicodeError" in report.errors[0].reason
    assert report.written == len(articles) - 1
    assert {r[0] for r in db.conn.execute("select id from articles")} == {a.id for a in articles} - {bad.id}
    db.conn.close()
