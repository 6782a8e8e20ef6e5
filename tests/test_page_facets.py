"""Precomputed facets of the commonest pages (claims.page_facets): equal to counting the claims
a page shows, used only while fresh, and served by the Datasette facet class."""
from __future__ import annotations

import pytest
from datasette.app import Datasette

from claims import curate, page_facets, store
from claims.datasette.facets import single_filter
from tests.factories import fill_many, make_extraction

SEARCH = page_facets.SEARCH


def _where(filter_: str) -> str:
    return ("rowid in (select rowid from claims_fts where claims_fts match :v)" if filter_ == SEARCH
            else f'"{filter_}" = :v')


def _live(db, filter_: str, value, column: str, keep: int) -> list[tuple[object, int]]:
    return db.conn.execute(
        f'select "{column}", count(*) as n from claims where {_where(filter_)} and "{column}" is not null '
        f'group by 1 order by n desc, 1 limit {keep}', {"v": f'"{value}"' if filter_ == SEARCH else value}).fetchall()


def _stored(db, filter_: str, value, column: str) -> list[tuple[object, int]]:
    return db.conn.execute(f"select facet_value, n from {page_facets.FACETS_TABLE} where filter = ? and value = ? "
                           "and facet = ? order by rank", [filter_, value, column]).fetchall()


def _pages(db) -> dict[tuple[str, object], int]:
    return {(f, v): n for f, v, n in db.conn.execute(f"select filter, value, n from {page_facets.COUNTS_TABLE}")}


def _served(db) -> tuple[Datasette, str]:
    """Datasette over ``db`` with its page facets counted for pages of 30 claims or more, and the
    database's name."""
    page_facets.refresh(db, min_claims=30)
    ds = Datasette([db.conn.execute("pragma database_list").fetchone()[2]])
    return ds, ds.get_database().name


@pytest.fixture
def many(db):
    fill_many(db)
    return db


def test_precomputed_facets_equal_counting_the_claims_shown(many):
    assert page_facets.refresh(many, min_claims=30, keep=3) > 0
    pages = _pages(many)
    words = {v for f, v in pages if f == SEARCH}
    assert {"council", "claim"} <= words and "water" not in words  # water: about 16 of 200 claims
    # filter pages: every facet value in 30 claims or more (both kinds, the three outlets...)
    assert {("kind", "direct"), ("kind", "indirect"), ("outlet", "Valley Times")} <= set(pages)
    for (filter_, value), n in pages.items():
        assert n >= 30
        assert n == many.conn.execute(f"select count(*) from claims where {_where(filter_)}",
                                      {"v": f'"{value}"' if filter_ == SEARCH else value}).fetchone()[0]
        for column in store.FACET_COUNT_COLUMNS:
            # keep=3 cuts the speakers and sources: ties are broken by value, as Datasette does
            assert _stored(many, filter_, value, column) == _live(many, filter_, value, column, 3), (filter_, value)
    # every word and every facet value in at least 30 claims is there, no other
    all_words = {w for (t,) in many.conn.execute("select search_text from claims") for w in t.split()}
    common = {w for w in all_words
              if many.conn.execute("select count(*) from claims_fts where claims_fts match ?", [f'"{w}"']).fetchone()[0] >= 30}
    assert words == common
    for column in store.FACET_COUNT_COLUMNS:
        frequent = {v for (v,) in many.conn.execute(f'select "{column}" from claims where "{column}" is not null '
                                                   f'group by 1 having count(*) >= 30')}
        assert {v for f, v in pages if f == column} == frequent


def test_nothing_counted_when_no_word_is_common(many):
    assert page_facets.refresh(many, min_claims=10_000) == 0
    assert many.conn.execute(f"select count(*) from {page_facets.FACETS_TABLE}").fetchone()[0] == 0
    assert page_facets.is_fresh(many.conn)


def test_stale_after_every_change_a_search_can_see(many):
    page_facets.refresh(many, min_claims=30)
    assert page_facets.is_fresh(many.conn)
    assert page_facets.refresh(many, min_claims=30) is None  # fresh: no work
    claim = many.conn.execute("select id from claims where search_text like '%council%' limit 1").fetchone()[0]

    # clustering writes columns no facet or search reads
    with many.conn:
        many.conn.execute("update claims set cluster_score = 99 where id = ?", [claim])
    assert page_facets.is_fresh(many.conn)

    for change in (lambda: curate.set_speaker(many, claim, "Someone Else", who="t"),
                   lambda: curate.set_source(many, claim, "A New Source", who="t"),
                   lambda: curate.reject(many, claim, who="t"),
                   lambda: fill_many(many, articles=1, seed=99)):
        change()
        assert not page_facets.is_fresh(many.conn)
        page_facets.refresh(many, min_claims=30)
        assert page_facets.is_fresh(many.conn)
        for column in store.FACET_COUNT_COLUMNS:
            assert _stored(many, SEARCH, "council", column) == _live(many, SEARCH, "council", column, page_facets.KEEP)
            assert _stored(many, "kind", "direct", column) == _live(many, "kind", "direct", column, page_facets.KEEP)

    with many.conn:
        many.conn.execute("update claims set search_text = search_text || ' council' where search_text not like '%council%'")
    assert not page_facets.is_fresh(many.conn)


def test_a_recount_after_rows_written_without_triggers_makes_them_stale(many):
    page_facets.refresh(many, min_claims=30)
    with many.conn:
        store.refresh_facet_counts(many.conn)  # what a bulk load does once its rows are in
    assert not page_facets.is_fresh(many.conn)


def test_a_load_leaves_them_fresh(tmp_path):
    from claims.load import LoadReport, store_results

    db = store.open_db(tmp_path / "c.db")
    exts = []
    for i in range(3):
        text = f"Title {i}\n\nThe council will meet, said Mary Jones {i}."
        exts.append(make_extraction(text, "en", [{"text": f"The council will meet", "speaker": f"Mary Jones {i}"}], []))
    store_results(db, exts, LoadReport(), run_dedupe=False)  # a first load: bulk, triggers off
    assert page_facets.is_fresh(db.conn)
    assert store.changes(db.conn) > 0


@pytest.mark.parametrize("sql_end, params, expected", [
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "council"}, (SEARCH, "council")),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "الحكومه"}, (SEARCH, "الحكومه")),
    ("where rowid in (select rowid from claims_fts where claims_fts match :search) ", {"search": '"council"'},
     (SEARCH, "council")),
    ('where "lang" = :p0 ', {"p0": "ar"}, ("lang", "ar")),
    ('where "speaker" = :p0 ', {"p0": "Mary Jones"}, ("speaker", "Mary Jones")),
    ('where "speaker" = :p0 and "lang" = :p1 ', {"p0": "Mary Jones", "p1": "en"}, None),
    ('where "anonymous" = :p0 ', {"p0": "1"}, None),
    ('where "speaker" > :p0 ', {"p0": "M"}, None),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "city council"}, None),
    ("where rowid in (select rowid from claims_fts where claims_fts match :search) ", {"search": "counc*"}, None),
    ("where rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search)) ",
     {"search": "council", "p0": "x"}, None),
    ("where \"speaker\" = :p0 and rowid in (select rowid from claims_fts where claims_fts match "
     "escape_fts(:search)) and rowid > :p1 ", {"search": "council"}, None),
])
def test_single_filter(sql_end, params, expected):
    assert single_filter("claims", "select * from claims " + sql_end, params) == expected
    assert single_filter("articles", "select * from articles " + sql_end, params) is None


async def _facets(ds, name: str, query: str) -> dict[str, list[tuple[object, int]]]:
    data = (await ds.client.get(f"/{name}/claims.json?{query}")).json()
    return {k: [(r["value"], r["count"]) for r in v["results"]] for k, v in data["facet_results"].items()}


@pytest.mark.asyncio
async def test_datasette_reads_them_for_a_one_word_search_while_fresh(many):
    ds, name = _served(many)
    live = await _facets(ds, name, "_search=council&_where=1=1")  # another filter: counted live
    assert live["speaker"] and await _facets(ds, name, "_search=council") == live

    # the page really reads the table: a count changed there shows
    with many.conn:
        many.conn.execute(f"update {page_facets.FACETS_TABLE} set n = n + 1000 "
                          "where filter = '_search' and value = 'council' and facet = 'outlet'")
    fast = await _facets(ds, name, "_search=council")
    assert [n - 1000 for _, n in fast["outlet"]] == [n for _, n in live["outlet"]]
    assert fast["speaker"] == live["speaker"]
    # a word below the threshold and a facet Datasette asks more values of than are kept: live
    assert (await _facets(ds, name, "_search=water"))["outlet"] == (await _facets(ds, name, "_search=water&_where=1=1"))["outlet"]
    big = await _facets(ds, name, f"_search=council&_facet_size={page_facets.KEEP}")
    assert big["outlet"] == live["outlet"]

    # once the claims change, the stale table is ignored
    claim = many.conn.execute("select id from claims where search_text like '%council%' limit 1").fetchone()[0]
    curate.set_speaker(many, claim, "Someone Else", who="t")
    assert await _facets(ds, name, "_search=council") == await _facets(ds, name, "_search=council&_where=1=1")


@pytest.mark.asyncio
async def test_datasette_reads_them_for_a_one_value_filter(many):
    ds, name = _served(many)
    for query in ("kind=direct", "outlet=Valley+Times", "kind__exact=direct"):
        live = await _facets(ds, name, query + "&_where=1=1")
        assert live["speaker"] and await _facets(ds, name, query) == live, query
    with many.conn:
        many.conn.execute(f"update {page_facets.FACETS_TABLE} set n = n + 1000 "
                          "where filter = 'kind' and value = 'direct' and facet = 'speaker'")
    fast = await _facets(ds, name, "kind=direct")
    assert [n - 1000 for _, n in fast["speaker"]] == [n for _, n in (await _facets(ds, name, "kind=direct&_where=1=1"))["speaker"]]
    # two filters: counted live
    both = "kind=direct&outlet=Valley+Times"
    assert await _facets(ds, name, both) == await _facets(ds, name, both + "&_where=1=1")


@pytest.mark.asyncio
async def test_the_search_page_shows_the_precomputed_count(many):
    import re

    ds, name = _served(many)
    n = many.conn.execute("select count(*) from claims_fts where claims_fts match 'council'").fetchone()[0]

    def shown(html: str) -> int:
        return int(re.search(r"<h3>\s*([\d,]+) rows", html).group(1).replace(",", ""))

    page = (await ds.client.get(f"/{name}/claims?_search=council")).text
    assert shown(page) == n == (await ds.client.get(f"/{name}/claims.json?_search=council")).json()["filtered_table_rows_count"]
    with many.conn:  # the page really shows the precomputed count, it does not count again
        many.conn.execute(f"update {page_facets.COUNTS_TABLE} set n = n + 1000 where value = 'council'")
    assert shown((await ds.client.get(f"/{name}/claims?_search=council")).text) == n + 1000
    # a link from that page to a filtered one carries _nocount=1: Datasette still counts
    speaker = many.conn.execute("select speaker from claims where speaker is not null limit 1").fetchone()[0]
    filtered = many.conn.execute("select count(*) from claims where speaker = ? and rowid in "
                                 "(select rowid from claims_fts where claims_fts match 'council')", [speaker]).fetchone()[0]
    page = (await ds.client.get(f"/{name}/claims?_search=council&_nocount=1&speaker={speaker.replace(' ', '+')}")).text
    assert shown(page) == filtered


def test_planner_stats_for_few_valued_facets(many):
    with many.conn:  # many sources (more than FEW_VALUES): no statistics for them
        many.conn.execute("update claims set source = 'Source ' || (rowid % 40)")
        store.update_planner_stats(many.conn)
    stats = dict(many.conn.execute("select idx, stat from sqlite_stat1 where tbl = 'claims'").fetchall())
    n_kinds = many.conn.execute("select count(distinct kind) from claims").fetchone()[0]
    assert stats["idx_claims_kind"] == f"200 {-(-200 // n_kinds)}" and stats["idx_claims_lang"] == "200 200"
    assert "idx_claims_source" not in stats


@pytest.mark.asyncio
async def test_a_common_search_read_in_order_shows_the_same_claims(many):
    import re

    ds, name = _served(many)
    url = f"/{name}/claims?_search=council&_size=7&_facet=anonymous"
    for _ in range(3):  # the first pages, each as the JSON API (which counts, so is not read in order) gives it
        html = (await ds.client.get(url)).text
        data = (await ds.client.get(url.replace("/claims?", "/claims.json?"))).json()
        shown = re.findall(rf'href="/{name}/claims/([0-9a-f]{{16}})"', html)
        assert shown == [row[0] for row in data["rows"]] and len(shown) == 7
        # a facet Datasette counts live (anonymous) still counts every match
        assert sum(r["count"] for r in data["facet_results"]["anonymous"]["results"]) == data["filtered_table_rows_count"]
        assert f">{data['filtered_table_rows_count']:,} rows" in " ".join(html.split()).replace("<h3> ", "<h3>")
        url = data["next_url"].replace("http://localhost", "").replace(".json?", "?")
