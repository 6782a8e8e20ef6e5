"""claims_facet_counts stays equal to grouping the claims table, whatever changes it, and the
Datasette facets read from it are the ones Datasette computes itself."""
from __future__ import annotations

import pytest
from datasette.app import Datasette

from claims import curate, store
from claims.extract import EXTRACTOR_VERSION
from tests.factories import ar_extraction, en_extraction


def counts(db) -> dict[tuple[str, object], int]:
    rows = db.conn.execute(f"select facet, value, n from {store.FACET_COUNTS_TABLE} where n != 0").fetchall()
    return {(f, v): n for f, v, n in rows}


def grouped(db) -> dict[tuple[str, object], int]:
    out = {}
    for col in store.FACET_COUNT_COLUMNS:
        for v, n in db.conn.execute(f'select "{col}", count(*) from claims where "{col}" is not null group by 1'):
            out[(col, v)] = n
    return out


def test_counts_follow_inserts_updates_deletes_and_curation(filled_db):
    db = filled_db
    assert counts(db) and counts(db) == grouped(db)
    store.save_extraction(db, ar_extraction(outlet="Other Outlet"), extractor_version=EXTRACTOR_VERSION)  # replaced
    assert counts(db) == grouped(db)
    claim = db.conn.execute("select id from claims where speaker is not null limit 1").fetchone()[0]
    curate.set_speaker(db, claim, "Someone Else", who="t")
    curate.set_source(db, claim, "A New Source", who="t")
    assert counts(db) == grouped(db)
    curate.reject(db, claim, who="t")
    assert counts(db) == grouped(db)
    with db.conn:
        db.conn.execute("update claims set lang = 'xx', kind = kind, outlet = null")
    assert counts(db) == grouped(db)
    with db.conn:
        for (aid,) in db.conn.execute("select id from articles").fetchall():
            store.delete_article_rows(db, aid)
    assert counts(db) == {} == grouped(db)


def test_counts_are_made_for_a_database_that_has_none(db):
    store.save_extraction(db, en_extraction(), extractor_version=EXTRACTOR_VERSION)
    with db.conn:
        for t in ("ai", "ad", "au"):
            db.conn.execute(f"drop trigger {store.FACET_COUNTS_TABLE}_{t}")
        db.conn.execute(f"drop table {store.FACET_COUNTS_TABLE}")
    store.ensure_schema(db)
    assert counts(db) and counts(db) == grouped(db)


@pytest.mark.asyncio
async def test_datasette_facets_from_counts_equal_its_own(filled_db, tmp_path):
    path = filled_db.conn.execute("pragma database_list").fetchone()[2]
    ds = Datasette([path])
    name = ds.get_database().name
    fast = (await ds.client.get(f"/{name}/claims.json?_facet=anonymous&_facet_size=max")).json()
    # a where clause that keeps every row: Datasette's own facet queries
    slow = (await ds.client.get(f"/{name}/claims.json?_facet=anonymous&_facet_size=max&_where=1=1")).json()

    def strip(results):
        return {k: [(r["value"], r["label"], r["count"]) for r in v["results"]] for k, v in results.items()}

    assert set(fast["facet_results"]) >= set(store.FACET_COUNT_COLUMNS) | {"anonymous"}
    assert strip(fast["facet_results"]) == strip(slow["facet_results"])
