"""Schema migrations (claims.migrations): an older database opens and upgrades itself."""
from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from claims import curate, export, migrations, store
from claims.extract import EXTRACTOR_VERSION
from claims.normalize import search_query
from tests.factories import ROOT, make_extraction

V1_DUMP = ROOT / "tests" / "fixtures" / "schema" / "claims-schema-v1.sql"
V1_CLAIMS = {"ffc3b831b0622e2a", "62f7ee59cbd5a4ac", "69a2de973c92beba", "81304192c7c7e9d7"}


def load_dump(path: Path, dump: Path = V1_DUMP) -> Path:
    """Make a database from a ``sqlite3 .dump``. The dump writes rows into the FTS5 virtual
    table before the table exists (the sqlite3 shell skips those errors; its shadow tables are
    dumped too), so those lines are left out, as the shell does."""
    sql = re.sub(r'^INSERT INTO "claims_fts" VALUES.*\n', "", dump.read_text(encoding="utf-8"), flags=re.M)
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path


@pytest.fixture
def v1_path(tmp_path) -> Path:
    return load_dump(tmp_path / "v1.db")


def test_fixture_is_a_version_1_database(v1_path):
    conn = sqlite3.connect(v1_path)
    assert conn.execute("select value from meta where key = 'schema_version'").fetchone() == ("1",)
    assert "corrections" not in {r[0] for r in conn.execute("select name from sqlite_master")}


def test_v1_database_upgrades_on_open_and_keeps_its_rows(v1_path):
    db = store.open_db(v1_path)
    assert db["meta"].get("schema_version")["value"] == str(store.SCHEMA_VERSION) == "2"
    assert {"corrections", "claims_original", "claims_rejected", "articles_original"} <= set(db.table_names())
    assert "claims_corrected" in db.view_names() and "claims_view" in db.view_names()
    cols = db["claims"].columns_dict
    assert {"corrected", "origin"} <= set(cols)
    assert {r["id"] for r in db["claims"].rows} == V1_CLAIMS
    assert {(r["corrected"], r["origin"]) for r in db["claims"].rows} == {(0, "extracted")}
    assert db["articles"].count == 2 and db["figures"].count == 4 and db["speakers"].count == 2
    assert {tuple(i.columns) for i in db["corrections"].indexes} >= {("claim_id",), ("status",)}
    assert db.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert db.execute("pragma foreign_key_check").fetchall() == []
    hits = list(db.query("select claims.id from claims join claims_fts on claims.rowid = claims_fts.rowid "
                         "where claims_fts match ?", [search_query("government")]))
    assert [h["id"] for h in hits] == ["81304192c7c7e9d7"]


def test_upgrade_is_idempotent(v1_path):
    store.open_db(v1_path).conn.close()
    db = store.open_db(v1_path)
    assert migrations.upgrade(db) == []  # nothing left to run
    assert db["claims"].count == 4


def test_upgraded_database_loads_exports_and_corrects(v1_path):
    db = store.open_db(v1_path)
    rows = [json.loads(line) for line in _export(db).splitlines()]
    assert {r["id"] for r in rows} == V1_CLAIMS and not any(r["corrected"] for r in rows)
    cid = curate.set_speaker(db, "69a2de973c92beba", "Ahmed M. Salem", who="tester", why="full name")
    curate.reject(db, "81304192c7c7e9d7", who="tester")
    text = "A new article\n\nThe mayor said taxes would rise by 5% next year.\n"
    ex = make_extraction(text, "en", [{"text": "taxes would rise by 5% next year", "speaker": "The mayor"}],
                         [("5%", 5, "percent")], outlet="City Paper", published="2024-04-01")
    store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    rows = {r["id"]: r for r in map(json.loads, _export(db).splitlines())}
    assert "81304192c7c7e9d7" not in rows and ex.claims[0].id in rows
    assert rows["69a2de973c92beba"]["speaker"] == "Ahmed M. Salem" and rows["69a2de973c92beba"]["corrected"]
    assert curate.get_correction(db, cid)["status"] == "applied"
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_new_database_runs_every_step_and_records_the_version(tmp_path):
    db = store.open_db(tmp_path / "new.db")
    assert db["meta"].get("schema_version")["value"] == str(store.SCHEMA_VERSION)
    assert {"corrections", "claims_rejected"} <= set(db.table_names())
    assert max(v for v, _, _ in migrations.STEPS) == store.SCHEMA_VERSION
    assert [v for v, _, _ in migrations.STEPS] == sorted(v for v, _, _ in migrations.STEPS)


def test_database_from_a_newer_claims_is_refused(tmp_path):
    db = store.open_db(tmp_path / "future.db")
    db["meta"].upsert({"key": "schema_version", "value": str(store.SCHEMA_VERSION + 1)}, pk="key")
    db.conn.close()
    with pytest.raises(store.StoreError, match="newer than this claims"):
        store.open_db(tmp_path / "future.db")


def test_a_failing_step_leaves_the_old_version_to_retry(v1_path, monkeypatch):
    def boom(db):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "STEPS", [(2, "boom", boom)])
    with pytest.raises(RuntimeError):
        store.open_db(v1_path)
    monkeypatch.undo()
    conn = sqlite3.connect(v1_path)
    assert conn.execute("select value from meta where key = 'schema_version'").fetchone() == ("1",)
    conn.close()
    assert store.open_db(v1_path)["meta"].get("schema_version")["value"] == "2"


def _export(db) -> str:
    out = io.StringIO()
    export.write(db, out)
    return out.getvalue()
