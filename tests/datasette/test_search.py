"""Search that fits Arabic: through the table page, the JSON API and the canned query."""
from __future__ import annotations

import urllib.parse

import pytest

from claims.datasette.middleware import ClaimsMiddleware, add_nosuggest, split_path
from claims.datasette.search import SCOPE_KEY, rewrite_query_string

Q_GOV = "الحكومة"
Q_AHMED = "أحمد"


def q(value: str) -> str:
    return urllib.parse.quote(value)


def test_rewrite_query_string_normalises_search_params_only():
    qs = f"_search={q(Q_GOV)}&_search_text={q('أحمد')}&speaker={q('أحمد')}&_searchmode=raw".encode()
    new, typed = rewrite_query_string(qs)
    args = urllib.parse.parse_qs(new.decode())
    assert args["_search"] == ["الحكومه"]
    assert args["_search_text"] == ["احمد"]
    assert args["speaker"] == ["أحمد"]  # a filter value is left alone
    assert args["_searchmode"] == ["raw"]
    assert typed == {"_search": Q_GOV, "_search_text": "أحمد"}


def test_rewrite_leaves_ascii_and_other_queries_alone():
    assert rewrite_query_string(b"_search=tax&_sort=published") == (b"_search=tax&_sort=published", {})
    assert rewrite_query_string(b"_sort=x") == (b"_sort=x", {})


def test_split_path():
    assert split_path("/claims/claims.json") == ("claims", "claims")
    assert split_path("/claims/claims") == ("claims", "claims")
    assert split_path("/news~2E2024/t~2Fx.csv") == ("news.2024", "t/x")
    assert split_path("/claims") == ("claims", None)
    assert split_path("/claims/claims/abc") == ("claims", None)
    assert split_path("/-/claims/article/x") == ("-", None)
    assert split_path("/") == ("", None)


def test_add_nosuggest():
    assert add_nosuggest(b"") == b"_nosuggest=1"
    assert add_nosuggest(b"a=1") == b"a=1&_nosuggest=1"
    assert add_nosuggest(b"_suggest=1") == b"_suggest=1"
    assert add_nosuggest(b"_nosuggest=1") == b"_nosuggest=1"


class FakeSizes:
    def rows(self, database, table):
        return {"claims": 1_000_000, "speakers": 10, "articles": 100_000}.get(table, 0)

    def ordered(self, database, table, order):
        return (table, *order) == ("claims", "published", True)


async def test_middleware_only_for_our_databases():
    seen = {}

    async def app(scope, receive, send):
        seen.clear()
        seen.update(scope)

    mw = ClaimsMiddleware(app, lambda db: db == "claims", FakeSizes(), lambda: 50_000)
    qs = f"_search={q(Q_GOV)}".encode()
    await mw({"type": "http", "path": "/other/claims", "query_string": qs}, None, None)
    assert seen["query_string"] == qs and SCOPE_KEY not in seen
    await mw({"type": "http", "path": "/claims/claims", "query_string": qs}, None, None)
    args = urllib.parse.parse_qs(seen["query_string"].decode())
    assert args["_search"] == ["الحكومه"] and args["_nosuggest"] == ["1"]
    assert seen[SCOPE_KEY] == {"_search": Q_GOV}
    await mw({"type": "http", "path": "/claims/speakers", "query_string": b""}, None, None)
    assert seen["query_string"] == b""  # a small table keeps its suggestions
    await mw({"type": "http", "path": "/claims/claims.json", "query_string": b"_suggest=1"}, None, None)
    assert seen["query_string"] == b"_suggest=1"
    mw = ClaimsMiddleware(app, lambda db: True, FakeSizes(), lambda: 0)
    await mw({"type": "http", "path": "/claims/claims", "query_string": b""}, None, None)
    assert seen["query_string"] == b""  # 0 turns it off


async def test_large_tables_skip_suggestions_through_datasette(claims_db):
    from datasette.app import Datasette
    meta = {"plugins": {"claims": {"large_table_rows": 5}}}
    ds = Datasette([str(claims_db[0])], metadata=meta)
    await ds.invoke_startup()
    r = await ds.client.get("/claims/claims.json")
    assert r.json()["suggested_facets"] == []
    assert r.json()["facet_results"]  # configured facets still there
    r = await ds.client.get("/claims/claims.json?_suggest=1")
    assert r.json()["suggested_facets"]
    # the test database is small: the default threshold keeps suggestions
    ds2 = Datasette([str(claims_db[0])])
    await ds2.invoke_startup()
    assert (await ds2.client.get("/claims/claims.json")).json()["suggested_facets"]


@pytest.mark.parametrize("query,expected", [
    (Q_GOV, {"الحكومة ستخفض ضريبة الدخل بنسبة 2 في المئة العام المقبل",
             "والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار",
             "الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار"}),
    (Q_AHMED, {"احمد سالم لم يشرح مصدر التمويل"}),
    ("Government", {"the government will cut income tax by 2 percent next year"}),
])
async def test_search_through_json_api(ds, query, expected):
    r = await ds.client.get(f"/claims/claims.json?_shape=array&_search={q(query)}")
    assert r.status_code == 200
    assert {row["text"] for row in r.json()} == expected


async def test_search_with_clitic_finds_only_the_clitic_form(ds):
    r = await ds.client.get(f"/claims/claims.json?_shape=array&_search={q('والحكومة')}")
    assert {row["text"] for row in r.json()} == {"والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار"}


async def test_search_through_table_page_keeps_typed_words(ds):
    r = await ds.client.get(f"/claims/claims?_search={q(Q_GOV)}")
    assert r.status_code == 200
    assert "والحكومة ستدعم الأسر العاملة" in r.text
    assert "احمد سالم لم يشرح" not in r.text
    assert f'name="_search" value="{Q_GOV}"' in r.text  # the box shows what was typed
    r = await ds.client.get(f"/claims/claims?_search={q(Q_AHMED)}")
    assert "احمد سالم لم يشرح مصدر التمويل" in r.text


async def test_search_column_parameter(ds):
    r = await ds.client.get(f"/claims/claims.json?_shape=array&_search_search_text={q(Q_AHMED)}")
    assert r.status_code == 200
    assert [row["text"] for row in r.json()] == ["احمد سالم لم يشرح مصدر التمويل"]


@pytest.mark.parametrize("query,expected", [
    (Q_GOV, 3), (Q_AHMED, 1), ("الأسر العاملة", 2), ("", 0), ('"', 0), ("NEAR(", 0),
])
async def test_canned_search_query(ds, query, expected):
    r = await ds.client.get(f"/claims/search_claims.json?_shape=array&q={q(query)}")
    assert r.status_code == 200, r.text
    assert len(r.json()) == expected


async def test_sql_functions_are_available(ds):
    sql = "select claims_normalize('أحمد') as n, claims_fts_query('والحكومة') as f"
    r = await ds.client.get(f"/claims.json?_shape=array&sql={q(sql)}")
    assert r.json() == [{"n": "احمد", "f": '"والحكومه"'}]


async def test_middleware_skips_the_count_of_a_one_word_search_it_knows():
    from claims.datasette.search import COUNT_KEY

    seen = {}
    asked = []

    async def app(scope, receive, send):
        seen.clear()
        seen.update(scope)

    async def count(database, word):
        asked.append((database, word))
        return 1234 if word == "council" else None

    mw = ClaimsMiddleware(app, lambda db: db == "claims", FakeSizes(), lambda: 0, count)

    async def get(path, qs):
        await mw({"type": "http", "path": path, "query_string": qs.encode()}, None, None)
        return urllib.parse.parse_qs(seen["query_string"].decode(), keep_blank_values=True), seen.get(COUNT_KEY)

    args, n = await get("/claims/claims", "_search=council&_sort=published&_next=x")
    assert args["_nocount"] == ["1"] and n == 1234
    assert asked == [("claims", "council")]
    # carried over by a link of that page to a filtered one: dropped, so that Datasette counts
    args, n = await get("/claims/claims", "_search=council&_nocount=1&speaker=Ahmed")
    assert "_nocount" not in args and n is None and args["speaker"] == ["Ahmed"]
    for qs in ("_search=city+council", "_search=water", "_search=council&_where=1%3D1", "_search=counc*&_searchmode=raw"):
        args, n = await get("/claims/claims", qs + "&_nocount=1")
        assert "_nocount" not in args and n is None, qs
    # the JSON API, other tables and other databases are left alone
    for path in ("/claims/claims.json", "/claims/speakers", "/other/claims"):
        args, n = await get(path, "_search=council&_nocount=1")
        assert args["_nocount"] == ["1"] and n is None, path
    assert asked == [("claims", "council"), ("claims", "water")]


async def test_middleware_reads_a_very_common_search_in_order():
    from claims.datasette.search import SCAN_KEY

    seen = {}

    async def app(scope, receive, send):
        seen.clear()
        seen.update(scope)

    async def count(database, word):
        return {"council": 20_000, "water": 5_000}.get(word)

    mw = ClaimsMiddleware(app, lambda db: db == "claims", FakeSizes(), lambda: 0, count,
                          lambda db, table: {"sort_desc": "published", "size": 100})

    async def scan(qs):
        await mw({"type": "http", "path": "/claims/claims", "query_string": qs.encode()}, None, None)
        return bool(seen.get(SCAN_KEY))

    # 20,000 of 1,000,000 claims: a page of 101 is about 5,000 claims in, fewer than 20,000 lookups
    assert await scan("_search=council") and await scan("_search=council&_sort_desc=published")
    assert not await scan("_search=water")  # 5,000: about 20,000 claims in, more than 5,000 lookups
    assert not await scan("_search=council&_sort=speaker") and not await scan("_search=council&_sort_desc=kind")


def test_scan_in_order_rewrites_only_the_search_clause():
    import asyncio
    from datasette.filters import FilterArguments
    from claims.datasette.search import scan_in_order

    clause = "rowid in (select rowid from claims_fts where claims_fts match escape_fts(:search))"
    args = FilterArguments([clause, '"lang" = :p0'], {"search": "x"})
    out = asyncio.run(scan_in_order(lambda: args)())
    assert out.where_clauses == ["+" + clause, '"lang" = :p0']


async def test_first_pages_start_before_every_row_only_where_an_index_keeps_the_order():
    seen = {}

    async def app(scope, receive, send):
        seen.clear()
        seen.update(scope)

    meta = {"claims": {"sort_desc": "published", "size": 50}, "articles": {"sort_desc": "published"}}
    mw = ClaimsMiddleware(app, lambda db: db == "claims", FakeSizes(), lambda: 0, None,
                          lambda db, table: meta.get(table, {}))

    async def start(path, qs=""):
        await mw({"type": "http", "path": path, "query_string": qs.encode()}, None, None)
        return urllib.parse.parse_qs(seen["query_string"].decode()).get("_next")

    assert await start("/claims/claims") == ["~F4~8F~BF~BF,"]
    assert await start("/claims/claims.json", "_search=x") == ["~F4~8F~BF~BF,"]
    # other orders, and a table without an index in its order: Datasette sorts as it would
    assert await start("/claims/claims", "_sort=speaker") is None
    assert await start("/claims/claims", "_sort_desc=outlet") is None
    assert await start("/claims/articles") is None
