"""Table pages with our metadata and cells: facets, sorting, labels, RTL markup, links."""
from __future__ import annotations

import re
import urllib.parse

import pytest

FACETS = ["speaker", "source", "outlet", "lang", "kind"]


async def test_index_and_database_pages(ds):
    r = await ds.client.get("/")
    assert r.status_code == 200 and "<title>Claims</title>" in r.text or "Claims" in r.text
    assert "Attributed claims and quotes" in r.text
    r = await ds.client.get("/claims")
    assert r.status_code == 200
    for title in ("A speaker&#39;s claims with their figures", "Largest money figures", "Figure drift",
                  "Claims per week", "Anonymous-source claims", "Claims by source", "Search claims"):
        assert title in r.text, title
    assert "dedupe_keys" not in re.sub(r"hidden.*", "", r.text.split("hidden tables")[0])


async def test_claims_facets_by_default_json(ds):
    r = await ds.client.get("/claims/claims.json")
    assert list(r.json()["facet_results"]) == FACETS
    r = await ds.client.get("/claims/claims.json?_facet=anonymous")
    data = r.json()
    labels = {f: {v["label"]: v["count"] for v in data["facet_results"][f]["results"]} for f in [*FACETS, "anonymous"]}
    assert labels["speaker"]["أحمد سالم"] == 3 and labels["speaker"]["Ahmed Salem"] == 2
    assert labels["outlet"]["صحيفة المثال"] == 3 and labels["outlet"]["Sample News"] == 3
    assert labels["source"]["Reuters"] == 1 and labels["source"]["وكالة الأنباء"] == 1
    assert labels["lang"] == {"ar": 6, "en": 4}
    assert labels["kind"] == {"direct": 7, "indirect": 3}
    assert labels["anonymous"] == {0: 8, 1: 2}


@pytest.mark.parametrize("facet,value,count", [
    ("speaker", "أحمد سالم", 3), ("outlet", "وكالة الأنباء", 3), ("source", "Reuters", 1),
    ("lang", "ar", 6), ("kind", "indirect", 3), ("anonymous", "1", 2),
])
async def test_facet_filters_work_in_both_scripts(ds, facet, value, count):
    r = await ds.client.get(f"/claims/claims.json?{facet}={urllib.parse.quote(value)}&_shape=array")
    assert len(r.json()) == count


async def test_facet_labels_are_isolated_in_html(ds):
    r = await ds.client.get("/claims/claims?_facet=anonymous")
    html = r.text
    for f in FACETS:
        assert f'id="facet-{f}"' in html
    assert '<bdi dir="auto" class="claims-facet-label">أحمد سالم</bdi>' in html
    assert '<bdi dir="auto" class="claims-facet-label">صحيفة المثال</bdi>' in html
    assert '<bdi dir="auto" class="claims-facet-label">anonymous</bdi>' in html
    assert '<bdi dir="auto" class="claims-facet-label">named</bdi>' in html
    r = await ds.client.get("/claims/claims?speaker=" + urllib.parse.quote("أحمد سالم"))
    assert '<li><bdi dir="auto" class="claims-facet-label">أحمد سالم</bdi> &middot; 3' in r.text


async def test_figure_unit_and_date_facets(ds):
    r = await ds.client.get("/claims/figures.json")
    units = {v["label"]: v["count"] for v in r.json()["facet_results"]["unit"]["results"]}
    assert units == {"USD": 3, "percent": 2, "people": 1}
    r = await ds.client.get("/claims/claims.json?_facet_date=published")
    days = {v["value"]: v["count"] for v in r.json()["facet_results"]["published"]["results"]}
    assert days["2024-05-07"] == 3 and days["2024-05-14"] == 3
    r = await ds.client.get("/claims/figures?_facet=unit")
    assert r.status_code == 200 and 'id="facet-unit"' in r.text


async def test_sortable_columns_and_default_sort(ds):
    r = await ds.client.get("/claims/claims.json?_shape=objects")
    data = r.json()
    pubs = [row["published"] for row in data["rows"]]
    assert pubs == sorted(pubs, reverse=True)
    r = await ds.client.get("/claims/claims.json?_sort=speaker&_shape=array")
    assert r.status_code == 200
    r = await ds.client.get("/claims/claims.json?_sort=search_text")
    assert r.status_code >= 400  # not a sortable column (Datasette 0.65 answers 500)


async def test_claims_table_cells(ds, ids):
    r = await ds.client.get("/claims/claims")
    html = r.text
    assert r.status_code == 200
    cid = ids["الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار"]
    cell = re.search(rf'<td class="col-text[^"]*">(.*?{cid}.*?)</td>', html).group(1)
    assert cell.startswith('<span class="claims-text" dir="rtl" lang="ar">')
    assert '<mark class="claims-fig claims-fig-money" title="USD:5000000000">5 مليارات دولار</mark>' in cell
    assert f'<a href="/-/claims/article/ar-2?claim={cid}#claim-{cid}" class="claims-context"' in cell
    assert 'dir="ltr" lang="en">the government will cut income tax by <mark class="claims-fig' in html
    # expanded foreign keys go to our pages, with names isolated
    assert re.search(r'<td class="col-speaker_id type-dict"><a href="/-/claims/speaker/\w+"><bdi dir="auto">', html)
    assert re.search(r'<td class="col-article_id type-dict"><a href="/-/claims/article/ar-1"><bdi dir="auto">', html)
    assert re.search(rf'<td class="col-cluster_id type-dict"><a href="/-/claims/cluster/{ids["cluster"]}">', html)
    assert re.search(r'<td class="col-speaker type-str"><a href="/-/claims/speaker/\w+"><bdi dir="auto">أحمد سالم</bdi></a>', html)
    assert '<td class="col-outlet type-str"><bdi dir="auto">صحيفة المثال</bdi></td>' in html
    assert "claims.css" in html


async def test_claims_row_page_links_to_context(ds, ids):
    cid = ids["الخطة ستكلف الخزينة كثيرا"]
    r = await ds.client.get(f"/claims/claims/{cid}")
    assert r.status_code == 200
    assert f'href="/-/claims/article/ar-1?claim={cid}#claim-{cid}"' in r.text


async def test_other_tables_link_to_pages(ds, ids):
    r = await ds.client.get("/claims/speakers")
    assert re.search(r'<td class="col-name type-str"><a href="/-/claims/speaker/\w+"><bdi dir="auto">', r.text)
    r = await ds.client.get("/claims/articles")
    assert '<a href="/-/claims/article/ar-1"><bdi dir="auto">وزير المالية يعد بخفض ضريبة الدخل</bdi></a>' in r.text
    assert 'class="claims-context">read</a>' in r.text
    r = await ds.client.get("/claims/clusters")
    assert f'<a href="/-/claims/cluster/{ids["cluster"]}" class="claims-cluster-link">' in r.text
    assert re.search(r'<td class="col-canonical_claim_id type-str"><a href="/-/claims/claim/\w+">', r.text)
    r = await ds.client.get("/claims/figures")
    assert re.search(r'<a href="/-/claims/article/ar-1\?claim=\w+#claim-\w+" class="claims-context">in context</a>',
                     r.text)
    r = await ds.client.get("/claims/claims_view")
    assert r.status_code == 200 and "in context</a>" in r.text


async def test_static_css_is_served(ds):
    r = await ds.client.get("/claims/claims")
    href = re.search(r'href="([^"]*claims\.css[^"]*)"', r.text).group(1)
    css = await ds.client.get(href)
    assert css.status_code == 200 and "claims-fig" in css.text


async def test_table_action_links_to_charts(ds):
    r = await ds.client.get("/claims/claims")
    assert 'href="/-/dashboards/claims"' in r.text


async def test_dashboard_renders_and_every_chart_query_runs(ds):
    r = await ds.client.get("/-/dashboards/claims")
    assert r.status_code == 200
    assert "Claims per week" in r.text and "Claims per speaker" in r.text and "Claims per outlet" in r.text
    from claims.datasette.config import metadata_for
    charts = metadata_for(ds)["plugins"]["datasette-dashboards"]["claims"]["charts"]
    for slug, chart in charts.items():
        sql = re.sub(r"\[\[.*?\]\]", "", chart["query"])
        res = await ds.client.get(f"/{chart['db']}.json?_shape=array&sql={urllib.parse.quote(sql)}")
        assert res.status_code == 200, (slug, res.text)
        assert res.json(), slug
    sql = re.sub(r"\[\[(.*?)\]\]", r"\1", charts["top-speakers"]["query"])
    params = {"sql": sql, "outlet": "Sample News", "lang": "en", "date_start": "2024-01-01",
              "date_end": "2024-12-31", "_shape": "array"}
    res = await ds.client.get("/claims.json?" + urllib.parse.urlencode(params))
    assert {row["speaker"]: row["claims"] for row in res.json()} == {"Ahmed Salem": 2, "a senior official": 1}
    r = await ds.client.get("/-/dashboards/claims/claims-per-week")
    assert r.status_code == 200


def _counted(rows: list[dict], column: str) -> list[tuple]:
    """Datasette's facet of ``column`` over ``rows``: non-null values by count, then value."""
    counts: dict = {}
    for row in rows:
        if row[column] is not None:
            counts[row[column]] = counts.get(row[column], 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@pytest.mark.parametrize("query", ["_search=الحكومة", "lang=ar", "_search=plan", "_where=1=1",
                                   "_search=الحكومة&lang=ar", "speaker__not=Ahmed Salem"])
async def test_facets_of_filtered_and_searched_pages_count_the_pages_rows(ds, query):
    # one query counts every facet of a filtered or searched page: the counts are those of the
    # page's rows, facet by facet, as Datasette's own facet queries give them
    q = urllib.parse.quote(query, safe="=&")
    data = (await ds.client.get(f"/claims/claims.json?{q}&_facet=anonymous&_facet_size=max&_size=max&_shape=objects")).json()
    rows = data["rows"]
    assert len(rows) >= 2 and data["filtered_table_rows_count"] == len(rows)
    assert not data.get("facets_timed_out")
    assert list(data["facet_results"]) == [*FACETS, "anonymous"]
    for column, facet in data["facet_results"].items():
        got = [(r["value"], r["count"]) for r in facet["results"]]
        assert got == _counted(rows, column), column
        assert not facet["truncated"]


async def test_facet_truncation_of_a_filtered_page(ds):
    data = (await ds.client.get("/claims/claims.json?_where=1=1&_facet_size=1")).json()
    speakers = data["facet_results"]["speaker"]
    assert len(speakers["results"]) == 1 and speakers["truncated"]
    assert data["facet_results"]["lang"]["truncated"]  # ar, en


@pytest.mark.parametrize("plan, want", [
    (["SEARCH claims USING COVERING INDEX idx_claims_speaker_published_source_outlet_lang_kind (speaker=?)"], True),
    (["SCAN claims USING COVERING INDEX idx_claims_speaker_published_source_outlet_lang_kind"], True),
    (["SEARCH claims USING INTEGER PRIMARY KEY (rowid=?)", "LIST SUBQUERY 1",
      "SCAN claims_fts VIRTUAL TABLE INDEX 0:M1"], False),  # a full-text search looks every row up
    (["SEARCH claims USING INDEX idx_claims_lang (lang=?)"], False),
    (["SCAN claims"], False),
    ([], False),
])
def test_which_pages_group_their_facets_straight_from_an_index(plan, want):
    from claims.datasette.facets import index_only

    assert index_only(plan) is want


@pytest.mark.parametrize("query, from_index", [
    ("speaker=أحمد سالم", True), ("speaker=Ahmed Salem&lang=en", True), ("_search=الحكومة", False),
])
async def test_a_speakers_page_groups_its_facets_from_the_covering_index(ds, monkeypatch, query, from_index):
    from claims.datasette.facets import CountedColumnFacet

    taken = []
    real = CountedColumnFacet._sql

    def spy(self, columns, limit, counted, from_index=False):
        taken.append(from_index)
        return real(self, columns, limit, counted, from_index)

    monkeypatch.setattr(CountedColumnFacet, "_sql", spy)
    q = urllib.parse.quote(query, safe="=&")
    data = (await ds.client.get(f"/claims/claims.json?{q}&_facet_size=max&_size=max&_shape=objects")).json()
    assert taken == [from_index]
    rows = data["rows"]
    assert rows and data["filtered_table_rows_count"] == len(rows)
    for column, facet in data["facet_results"].items():
        assert [(r["value"], r["count"]) for r in facet["results"]] == _counted(rows, column), column
