"""Paging through the claims table (?_next=): every claim once, in order, and the same facets on
every page."""
from __future__ import annotations

import urllib.parse

import pytest
from datasette.app import Datasette

from claims import store
from claims.datasette.facets import without_next
from claims.datasette.middleware import first_page_start, page_order, page_rows
from tests.factories import fill_many


@pytest.fixture
def served(tmp_path):
    db = store.open_db(tmp_path / "claims.db")
    fill_many(db, articles=40)  # 200 claims over 28 days: many claims share a date
    return db, Datasette([str(tmp_path / "claims.db")])


async def _pages(ds: Datasette, url: str) -> list[dict]:
    pages = []
    while url:
        data = (await ds.client.get(url)).json()
        pages.append(data)
        url = (data.get("next_url") or "").replace("http://localhost", "")
        assert len(pages) < 100
    return pages


@pytest.mark.asyncio
@pytest.mark.parametrize("query", ["", "&_search=council", "&outlet=Valley+Times", "&_sort_desc=published",
                                   "&kind=direct&_search=council"])
async def test_paging_newest_first_shows_every_claim_once(served, query):
    db, ds = served
    pages = await _pages(ds, f"/claims/claims.json?_size=7&_shape=objects{query}")
    rows = [r for p in pages for r in p["rows"]]
    ids = [r["id"] for r in rows]
    expected = db.conn.execute(
        "select count(*) from claims where (:s = '' or rowid in (select rowid from claims_fts where claims_fts match :s)) "
        "and (:o = '' or outlet = :o) and (:k = '' or kind = :k)",
        {"s": "council" if "council" in query else "", "o": "Valley Times" if "Valley" in query else "",
         "k": "direct" if "kind" in query else ""}).fetchone()[0]
    assert len(pages) > 3
    assert len(ids) == len(set(ids)) == expected
    dates = [r["published"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_the_default_order_reads_the_order_index(served):
    db, _ = served
    plan = " ".join(r[3] for r in db.conn.execute(
        "explain query plan select * from claims where (published < :p1 or published is null or "
        "(published = :p1 and ((id > :p0)))) order by published desc, id limit 51", {"p0": "x", "p1": "2024-03-09"}))
    assert "idx_claims_published_id" in plan and "TEMP B-TREE" not in plan


@pytest.mark.asyncio
@pytest.mark.parametrize("query", ["", "&_search=council", "&kind=direct", "&_sort=speaker"])
async def test_a_later_page_has_the_facets_of_the_whole_result(served, query):
    _, ds = served
    pages = await _pages(ds, f"/claims/claims.json?_size=7{query}")
    assert len(pages) > 3

    def facets(page):
        return {k: [(r["value"], r["count"]) for r in v["results"]] for k, v in page["facet_results"].items()}

    assert facets(pages[0])["speaker"]
    for page in pages[1:]:
        assert facets(page) == facets(pages[0])
    # a facet value's link on a later page leads to the first page of the narrowed result
    later = pages[2]["facet_results"]["outlet"]["results"]
    for value in later:
        assert "_next" not in urllib.parse.urlparse(value["toggle_url"]).query


def test_without_next():
    sql = ("select id, speaker from claims where \"outlet\" = :p0 and (published < :p1 or published is null or "
           "(published = :p1 and ((id > :p2)))) ")
    params = {"p0": "Valley Times", "p1": "2024-03-09", "p2": "abc"}
    assert without_next(sql, params, "2024-03-09,abc") == (
        "select id, speaker from claims where \"outlet\" = :p0 ", {"p0": "Valley Times"})
    assert without_next("select id from claims where ((id > :p0)) ", {"p0": "abc"}, "abc") == (
        "select id from claims ", {})
    # the last clause is a filter, not the page's start: left alone
    assert without_next('select id from claims where ("outlet" = :p0) ', {"p0": "Valley Times"}, "abc") is None
    assert without_next("select id from claims where outlet = :p0 ", {"p0": "x"}, "x") is None


def test_first_page_start():
    after_all = b"_next=~F4~8F~BF~BF%2C"
    assert first_page_start(b"", ("published", True)) == after_all
    assert first_page_start(b"_search=x", ("published", True)) == b"_search=x&" + after_all
    assert first_page_start(b"_sort=speaker", ("speaker", False)) == b"_sort=speaker&_next=%24null%2C"
    for unchanged in (b"_next=abc", b"_next=", b"_suggest=1", b"_stream=on", b"_stream=on&_next=abc"):
        assert first_page_start(unchanged, ("published", True)) == unchanged
    # a streamed download from a page's export form, which carries the page's start along
    assert first_page_start(b"_stream=on&" + after_all + b"&_size=max", ("published", True)) == b"_stream=on&_size=max"
    assert first_page_start(b"", None) == b"" and first_page_start(b"_sort=id", ("id", False)) == b"_sort=id"


def test_page_rows_and_order():
    assert page_rows(b"", {}) == 100 and page_rows(b"", {"size": 50}) == 50
    assert page_rows(b"_size=7&x=1", {"size": 50}) == 7 and page_rows(b"_size=max", {}) == 1000
    meta = {"sort_desc": "published"}
    assert page_order(b"", meta) == ("published", True) and page_order(b"", {}) is None
    assert page_order(b"_sort=speaker", meta) == ("speaker", False)
    assert page_order(b"_sort_desc=kind", meta) == ("kind", True)


@pytest.mark.asyncio
async def test_csv_downloads_of_a_paged_table(served):
    import csv
    import html as html_lib
    import io
    import re

    db, ds = served
    total = db.conn.execute("select count(*) from claims").fetchone()[0]
    # every row streamed once (Datasette pages through them itself and refuses a _next)
    r = await ds.client.get("/claims/claims.csv?_stream=on&_size=7")
    assert r.status_code == 200
    ids = [row[0] for row in list(csv.reader(io.StringIO(r.text)))[1:]]
    assert len(ids) == len(set(ids)) == total
    r = await ds.client.get("/claims/claims.csv?_size=7")
    assert r.status_code == 200 and len(list(csv.reader(io.StringIO(r.text)))) == 8
    # the export form of the HTML page, "stream all rows" ticked
    html = (await ds.client.get("/claims/claims?_size=7")).text
    form = html[html.index('<form action="/claims/claims.csv"'):]
    form = form[:form.index("</form>")]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert "_next" in dict(hidden)
    query = urllib.parse.urlencode([*[(k, html_lib.unescape(v)) for k, v in hidden], ("_stream", "on")])
    r = await ds.client.get("/claims/claims.csv?" + query)
    assert r.status_code == 200
    assert len(list(csv.reader(io.StringIO(r.text)))) - 1 == total
