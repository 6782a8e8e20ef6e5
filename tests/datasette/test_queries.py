"""Every canned query, through the JSON API and as an HTML page."""
from __future__ import annotations

import urllib.parse

import pytest

from claims.datasette.config import packaged_metadata

CASES = [
    # (query, parameters, check(rows))
    ("speaker_claims", {"speaker": "احمد سالم"},
     lambda rows: len(rows) == 3 and {r["outlet"] for r in rows} == {"صحيفة المثال", "وكالة الأنباء"}
     and any("4 مليارات دولار = USD:4000000000" in (r["figures"] or "") for r in rows)),
    ("speaker_claims", {"speaker": "salem"},  # part of a name, other script, other case
     lambda rows: len(rows) == 2 and {r["speaker"] for r in rows} == {"Ahmed Salem"}),
    ("speaker_claims", {"speaker": ""}, lambda rows: rows == []),
    ("largest_money_figures", {"unit": ""},
     lambda rows: [r["value"] for r in rows] == [5e9, 4e9, 4e9] and rows[0]["figure"] == "5 مليارات دولار"),
    ("largest_money_figures", {"unit": "usd"}, lambda rows: len(rows) == 3),
    ("largest_money_figures", {"unit": "EUR"}, lambda rows: rows == []),
    ("figure_drift", {},
     lambda rows: len(rows) == 1 and rows[0]["figure_keys"] == "USD:4000000000 · USD:5000000000"),
    ("widely_carried", {"min_outlets": ""}, lambda rows: len(rows) == 1 and rows[0]["n_outlets"] == 2),
    ("widely_carried", {"min_outlets": "3"}, lambda rows: rows == []),
    ("anonymous_claims", {"outlet": ""},
     lambda rows: {r["claim"] for r in rows} == {"الخطة ستكلف الخزينة كثيرا", "the plan would cost $4 billion"}
     and rows[0]["published"] >= rows[1]["published"]),
    ("anonymous_claims", {"outlet": "Sample News"}, lambda rows: len(rows) == 1),
    ("claims_by_source", {"source": "رويترز"}, lambda rows: rows == []),
    ("claims_by_source", {"source": "reuters"}, lambda rows: [r["claim"] for r in rows] == ["We will support working families"]),
    ("claims_by_source", {"source": "وكالة الانباء"}, lambda rows: [r["claim"] for r in rows] == ["the plan is fair"]),
    ("claims_per_week", {},
     lambda rows: [(r["week"], r["claims"]) for r in rows] == [("2024-05-06", 6), ("2024-05-13", 3),
                                                               ("2024-05-20", 1)]),
    ("search_claims", {"q": "الحكومة"}, lambda rows: len(rows) == 3),
]


def url(name: str, params: dict[str, str], fmt: str = "") -> str:
    return f"/claims/{name}{fmt}?" + urllib.parse.urlencode({**params, **({"_shape": "array"} if fmt else {})})


def test_every_canned_query_is_tested():
    assert {c[0] for c in CASES} == set(packaged_metadata()["databases"]["claims"]["queries"])


@pytest.mark.parametrize("name,params,check", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
async def test_canned_query_json(ds, name, params, check):
    r = await ds.client.get(url(name, params, ".json"))
    assert r.status_code == 200, r.text
    assert check(r.json()), r.json()


@pytest.mark.parametrize("name", sorted(packaged_metadata()["databases"]["claims"]["queries"]))
async def test_canned_query_html(ds, name):
    query = packaged_metadata()["databases"]["claims"]["queries"][name]
    params = {case[0]: case[1] for case in reversed(CASES)}[name]
    r = await ds.client.get(url(name, params))
    assert r.status_code == 200
    assert query["title"].replace("'", "&#39;") in r.text
    assert (query.get("description") or query.get("description_html")).split()[0] in r.text


async def test_canned_query_cells_link_and_mark(ds, ids):
    r = await ds.client.get(url("speaker_claims", {"speaker": "أحمد سالم"}))
    html = r.text
    cid = ids["الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار"]
    # the claim column: direction, figures marked, link to context
    assert '<span class="claims-text" dir="rtl">الحكومة ستدعم الأسر العاملة بمبلغ <mark' in html
    assert '<mark class="claims-fig claims-fig-money" title="USD:5000000000">5 مليارات دولار</mark>' in html
    assert f'href="/-/claims/article/ar-2?claim={cid}#claim-{cid}" class="claims-context"' in html
    # id columns link to our pages
    assert f'<a href="/-/claims/claim/{cid}">{cid}</a>' in html
    assert '<a href="/-/claims/article/ar-1">ar-1</a>' in html
    r = await ds.client.get(url("figure_drift", {}))
    assert f'<a href="/-/claims/cluster/{ids["cluster"]}">' in r.text
