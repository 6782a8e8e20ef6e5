"""Schema, upserts and search of the SQLite store (claims.store)."""
from __future__ import annotations

from claims import store
from claims.extract import EXTRACTOR_VERSION
from claims.normalize import search_query

from tests.factories import ar_extraction, en_extraction


def test_schema_has_tables_foreign_keys_fts_and_view(db):
    names = set(db.table_names())
    assert {"articles", "speakers", "sources", "claims", "figures", "clusters", "load_errors", "meta"} <= names
    fks = {(fk.column, fk.other_table) for fk in db["claims"].foreign_keys}
    assert {("article_id", "articles"), ("speaker_id", "speakers"), ("source_id", "sources"),
            ("cluster_id", "clusters")} <= fks
    assert {(fk.column, fk.other_table) for fk in db["figures"].foreign_keys} >= {("claim_id", "claims")}
    assert db["claims"].detect_fts() == "claims_fts"
    assert "claims_view" in db.view_names()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db["meta"].get("schema_version")["value"] == str(store.SCHEMA_VERSION)


def test_facet_columns_are_indexed(db):
    indexed = {tuple(i.columns) for i in db["claims"].indexes}
    for col in ("speaker_id", "source_id", "outlet", "lang", "kind", "published", "cluster_id"):
        assert (col,) in indexed


def test_save_extraction_writes_claims_speakers_sources_figures(filled_db):
    db = filled_db
    assert db["articles"].count == 2
    assert db["claims"].count == 4
    assert db["figures"].count == 4
    speakers = {r["name"]: r["n_claims"] for r in db["speakers"].rows}
    assert speakers == {"أحمد سالم": 2, "Ahmed Salem": 2}
    assert [r["name"] for r in db["sources"].rows] == ["BBC"]
    row = next(db.query("select * from claims where text like 'الحكومة%'"))
    art = db["articles"].get(row["article_id"])
    assert art["text"][row["start"]:row["end"]] == row["text"]
    money = next(db.query("select * from figures where unit = 'USD' and article_id = ?", [row["article_id"]]))
    assert money["claim_id"] == row["id"] and money["value"] == 1e8 and money["key"] == "USD:100000000"
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_reloading_the_same_article_replaces_instead_of_duplicating(filled_db):
    db = filled_db
    before = {t: db[t].count for t in ("articles", "claims", "figures", "speakers")}
    store.save_extraction(db, ar_extraction(outlet="Al Sample"), extractor_version=EXTRACTOR_VERSION)
    assert {t: db[t].count for t in before} == before


def test_search_column_finds_arabic_clitic_and_letter_variants(filled_db):
    db = filled_db

    def search(q: str) -> list[str]:
        return [r["text"] for r in db.query(
            "select claims.text from claims join claims_fts on claims.rowid = claims_fts.rowid "
            "where claims_fts match ?", [search_query(q)])]

    assert search("الحكومة") == ["الحكومة خصصت 100 مليون دولار لدعم الأسر"]
    assert search("لدعم") and search("دعم")  # proclitic ل stripped in the index
    assert search("الاسعار") == search("الأسعار") != []
    assert search("government") == ["the government had set aside $100 million for families"]


def test_record_error_is_kept(db):
    from claims.model import LoadError

    store.record_error(db, LoadError("bad.jsonl", "not JSON", line=3))
    row = next(db["load_errors"].rows)
    assert (row["path"], row["line"], row["reason"], row["stage"]) == ("bad.jsonl", 3, "not JSON", "read")


def test_open_db_without_create_refuses_missing_file(tmp_path):
    import pytest

    with pytest.raises(store.StoreError, match="no database"):
        store.open_db(tmp_path / "missing.db", create=False)


def test_claims_view_joins_article_and_cluster(filled_db):
    from claims import dedupe

    dedupe.update(filled_db, [r["id"] for r in filled_db["claims"].rows])
    rows = list(filled_db.query("select * from claims_view order by start"))
    assert len(rows) == 4
    assert all(r["article"] and r["cluster_id"] and r["cluster_size"] == 1 for r in rows)
    assert {r["outlet"] for r in rows} == {"Al Sample", "Sample News"}


def test_en_extraction_fixture_is_consistent():
    ex = en_extraction()
    for c in ex.claims:
        assert ex.article.text[c.start:c.end] == c.text


def test_save_extraction_is_all_or_nothing(db, monkeypatch):
    import pytest

    real = store._insert

    def broken(conn, table, *args, **kwargs):  # the figures, written last, fail
        if table == "figures":
            raise RuntimeError("disk full")
        return real(conn, table, *args, **kwargs)

    monkeypatch.setattr(store, "_insert", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        store.save_extraction(db, ar_extraction(), extractor_version=EXTRACTOR_VERSION)
    assert (db["articles"].count, db["claims"].count, db["speakers"].count) == (0, 0, 0)


def test_article_rows_hold_what_save_extraction_writes(db):
    ex = ar_extraction(outlet="Al Sample", published="2024-03-01")
    rows = store.article_rows(ex)
    assert all(len(r) == len(store.CLAIM_COLUMNS) for r in rows.claims)
    assert all(len(r) == len(store.FIGURE_COLUMNS) for r in rows.figures)
    store.save_extraction(db, rows, extractor_version=EXTRACTOR_VERSION)
    stored = [tuple(r[c] for c in store.CLAIM_COLUMNS) for r in db.query("select * from claims order by seq")]
    assert stored == rows.claims
    first = dict(zip(store.CLAIM_COLUMNS, rows.claims[0]))
    assert first["search_text"] == store.search_form(ex.claims[0].text)
    assert first["speaker_id"] == store.speaker_id(ex.claims[0].speaker)
    assert (first["lang"], first["outlet"], first["published"]) == ("ar", "Al Sample", "2024-03-01")
    # each speaker once, however many claims are theirs
    assert len(rows.speakers) == len({c.speaker for c in ex.claims if c.speaker}) == db["speakers"].count
    assert db["articles"].get(ex.article.id)["n_claims"] == len(ex.claims)


def test_article_rows_without_their_article_cannot_be_saved(db):
    import pytest

    rows = store.article_rows(en_extraction())
    rows.article = None
    with pytest.raises(ValueError, match="without their article"):
        store.save_extraction(db, rows, extractor_version=EXTRACTOR_VERSION)
    assert db["claims"].count == 0
