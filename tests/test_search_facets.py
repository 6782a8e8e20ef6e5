"""Precomputed facets of common search words (claims.search_facets): equal to counting the
matching claims, used only while fresh, and served by the Datasette facet class."""
from __future__ import annotations

import pytest
from datasette.app import Datasette

from claims import curate, search_facets, store
from claims.datasette.facets import single_term
from claims.extract import EXTRACTOR_VERSION
from tests.factories import fill_many, make_extraction

def _live(db, term: str, column: str, keep: int) -> list[tuple[object, int]]:
    return db.conn.execute(
        f'select "{column}", count(*) as n from claims where rowid in '
        f'(select rowid from claims_fts where claims_fts match ?) and "{column}" is not null '
        f'group by 1 order by n desc, 1 limit {keep}', [f'"{term}"']).fetchall()


def _stored(db, term: str, column: str) -> list[tuple[object, int]]:
    return db.conn.execute(f"select value, n from {search_facets.TERM_FACETS_TABLE} where term = ? and facet = ? "
                           "order by rank", [term, column]).fetchall()


@pytest.fixture
def many(db):
    fill_many(db)
    return db


def test_precomputed_facets_equal_counting_the_matches(many):
    assert search_facets.refresh(many, min_claims=30, keep=3) > 0
    terms = dict(many.conn.execute(f"select term, n from {search_facets.TERM_COUNTS_TABLE}").fetchall())
    assert {"council", "claim"} <= set(terms) and "water" not in terms  # water: about 16 of 200 claims
    for term, n in terms.items():
        assert n >= 30
        assert n == many.conn.execute("select count(*) from claims_fts where claims_fts match ?", [f'"{term}"']).fetchone()[0]
        for column in store.FACET_COUNT_COLUMNS:
            # keep=3 cuts the speakers and sources: ties are broken by value, as Datasette does
            assert _stored(many, term, column) == _live(many, term, column, 3), (term, column)
    # every word in at least 30 claims is there, no other
    all_terms = {w for (t,) in many.conn.execute("select search_text from claims") for w in t.split()}
    common = {w for w in all_terms
              if many.conn.execute("select count(*) from claims_fts where claims_fts match ?", [f'"{w}"']).fetchone()[0] >= 30}
    assert set(terms) == common


def test_nothing_counted_when_no_word_is_common(many):
    assert search_facets.refresh(many, min_claims=10_000) == 0
    assert many.conn.execute(f"select count(*) from {search_facets.TERM_FACETS_TABLE}").fetchone()[0] == 0
    assert search_facets.is_fresh(many.conn)


def test_stale_after_every_change_a_search_can_see(many):
    search_facets.refresh(many, min_claims=30)
    assert search_facets.is_fresh(many.conn)
    assert search_facets.refresh(many, min_claims=30) is None  # fresh: no work
    claim = many.conn.execute("select id from claims where search_text like '%council%' limit 1").fetchone()[0]

    # clustering writes columns no facet or search reads
    with many.conn:
        many.conn.execute("update claims set cluster_score = 99 where id = ?", [claim])
    assert search_facets.is_fresh(many.conn)

    for change in (lambda: curate.set_speaker(many, claim, "Someone Else", who="t"),
                   lambda: curate.set_source(many, claim, "A New Source", who="t"),
                   lambda: curate.reject(many, claim, who="t"),
                   lambda: fill_many(many, articles=1, seed=99)):
        change()
        assert not search_facets.is_fresh(many.conn)
        search_facets.refresh(many, min_claims=30)
        assert search_facets.is_fresh(many.conn)
        for column in store.FACET_COUNT_COLUMNS:
            assert _stored(many, "council", column) == _live(many, "council", column, search_facets.KEEP)

    with many.conn:
        many.conn.execute("update claims set search_text = search_text || ' council' where search_text not like '%council%'")
    assert not search_facets.is_fresh(many.conn)


def test_a_recount_after_rows_written_without_triggers_makes_them_stale(many):
    search_facets.refresh(many, min_claims=30)
    with many.conn:
        store.refresh_facet_counts(many.conn)  # what a bulk load does once its rows are in
    assert not search_facets.is_fresh(many.conn)


def test_a_load_leaves_them_fresh(tmp_path):
    from claims.load import LoadReport, store_results

    db = store.open_db(tmp_path / "c.db")
    exts = []
    for i in range(3):
        text = f"Title {i}\n\nThe council will meet, said Mary Jones {i}."
        exts.append(make_extraction(text, "en", [{"text": f"The council will meet", "speaker": f"Mary Jones {i}"}], []))
    store_results(db, exts, LoadReport(), run_dedupe=False)  # a first load: bulk, triggers off
    assert search_facets.is_fresh(db.conn)
    assert store.changes(db.conn) > 0


@pytest.mark.parametrize("sql_end, params, expected", [
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "council"}, "council"),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "الحكومه"}, "الحكومه"),
    ("where rowid in (select rowid from claims_fts where claims_fts match :search) ", {"search": '"council"'}, "council"),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "city council"}, None),
    ("where rowid in (select rowid from claims_fts where claims_fts match :search) ", {"search": "counc*"}, None),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "council", "p0": "x"}, None),
    ("where \"speaker\" = :p0 and rowid in (select rowid from claims_fts where claims_fts match "
     "escape_fts(:search)) and rowid > :p1 ", {"search": "council"}, None),
])
def test_single_term(sql_end, params, expected):
    assert single_term("claims", "select * from claims " + sql_end, params) == expected
    assert single_term("articles", "select * from articles " + sql_end, params) is None


async def _facets(ds, name: str, query: str) -> dict[str, list[tuple[object, int]]]:
    data = (await ds.client.get(f"/{name}/claims.json?{query}")).json()
    return {k: [(r["value"], r["count"]) for r in v["results"]] for k, v in data["facet_results"].items()}


@pytest.mark.asyncio
async def test_datasette_reads_them_for_a_one_word_search_while_fresh(many):
    search_facets.refresh(many, min_claims=30)
    path = many.conn.execute("pragma database_list").fetchone()[2]
    ds = Datasette([path])
    name = ds.get_database().name
    live = await _facets(ds, name, "_search=council&_where=1=1")  # another filter: counted live
    assert live["speaker"] and await _facets(ds, name, "_search=council") == live

    # the page really reads the table: a count changed there shows
    with many.conn:
        many.conn.execute(f"update {search_facets.TERM_FACETS_TABLE} set n = n + 1000 "
                          "where term = 'council' and facet = 'outlet'")
    fast = await _facets(ds, name, "_search=council")
    assert [n - 1000 for _, n in fast["outlet"]] == [n for _, n in live["outlet"]]
    assert fast["speaker"] == live["speaker"]
    # a word below the threshold and a facet Datasette asks more values of than are kept: live
    assert (await _facets(ds, name, "_search=water"))["outlet"] == (await _facets(ds, name, "_search=water&_where=1=1"))["outlet"]
    big = await _facets(ds, name, f"_search=council&_facet_size={search_facets.KEEP}")
    assert big["outlet"] == live["outlet"]

    # once the claims change, the stale table is ignored
    claim = many.conn.execute("select id from claims where search_text like '%council%' limit 1").fetchone()[0]
    curate.set_speaker(many, claim, "Someone Else", who="t")
    assert await _facets(ds, name, "_search=council") == await _facets(ds, name, "_search=council&_where=1=1")


@pytest.mark.asyncio
async def test_the_search_page_shows_the_precomputed_count(many):
    import re

    search_facets.refresh(many, min_claims=30)
    path = many.conn.execute("pragma database_list").fetchone()[2]
    ds = Datasette([path])
    name = ds.get_database().name
    n = many.conn.execute("select count(*) from claims_fts where claims_fts match 'council'").fetchone()[0]

    def shown(html: str) -> int:
        return int(re.search(r"<h3>\s*([\d,]+) rows", html).group(1).replace(",", ""))

    page = (await ds.client.get(f"/{name}/claims?_search=council")).text
    assert shown(page) == n == (await ds.client.get(f"/{name}/claims.json?_search=council")).json()["filtered_table_rows_count"]
    with many.conn:  # the page really shows the precomputed count, it does not count again
        many.conn.execute(f"update {search_facets.TERM_COUNTS_TABLE} set n = n + 1000 where term = 'council'")
    assert shown((await ds.client.get(f"/{name}/claims?_search=council")).text) == n + 1000
    # a link from that page to a filtered one carries _nocount=1: Datasette still counts
    speaker = many.conn.execute("select speaker from claims where speaker is not null limit 1").fetchone()[0]
    filtered = many.conn.execute("select count(*) from claims where speaker = ? and rowid in "
                                 "(select rowid from claims_fts where claims_fts match 'council')", [speaker]).fetchone()[0]
    page = (await ds.client.get(f"/{name}/claims?_search=council&_nocount=1&speaker={speaker.replace(' ', '+')}")).text
    assert shown(page) == filtered
