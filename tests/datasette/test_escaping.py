"""Hostile article text (<script>, <img onerror>, javascript: links, HTML in quotes) shows as
text on every page: table pages, facets, row pages, search results, canned queries, our pages."""
from __future__ import annotations

import re
import urllib.parse

import pytest

from tests.datasette.conftest import XSS_IMG, XSS_LINK, XSS_SCRIPT

XSS_CLAIM = f"{XSS_IMG} is <b>bold</b> and {XSS_LINK}"


def assert_inert(html: str) -> None:
    """No markup from the data: no script element other than Datasette's own, no event handler,
    no javascript: URL in an attribute, no <b>/<i>/<img> from the article."""
    assert XSS_SCRIPT not in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert not re.search(r"<[^>]+\sonerror\s*=", html, re.I)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "<b>bold</b>" not in html and "<i>Evil</i>" not in html and "<b>man</b>" not in html


async def xss_claim_id(ds) -> str:
    r = await ds.client.get("/claims/claims.json?_shape=array&article_id=xss-1")
    return r.json()[0]["id"]


async def speaker_of(ds, claim_id: str) -> str:
    r = await ds.client.get(f"/claims/claims/{claim_id}.json?_shape=array")
    return r.json()[0]["speaker_id"]


@pytest.mark.parametrize("path", [
    "/", "/claims", "/claims/claims", "/claims/claims?_facet=cue&_facet=speaker_role",
    "/claims/claims?article_id=xss-1", "/claims/articles", "/claims/speakers", "/claims/sources",
    "/claims/figures", "/claims/claims_view", "/claims/clusters",
    "/claims/claims?_search=bold", "/claims/claims?_search=" + urllib.parse.quote("<script>"),
    "/claims/search_claims?q=bold", "/claims/speaker_claims?speaker=spokes",
    "/claims/claims_by_source?source=onerror", "/claims/anonymous_claims?outlet=",
    "/-/claims/article/xss-1", "/claims/articles/xss-1",
])
async def test_pages_show_hostile_text_as_text(ds, path):
    r = await ds.client.get(path)
    assert r.status_code == 200, path
    assert_inert(r.text)


async def test_claim_pages_escape(ds):
    cid = await xss_claim_id(ds)
    for path in (f"/-/claims/article/xss-1?claim={cid}", f"/claims/claims/{cid}",
                 f"/-/claims/speaker/{await speaker_of(ds, cid)}",
                 f"/-/claims/article/xss-1?claim={urllib.parse.quote(XSS_SCRIPT)}"):
        r = await ds.client.get(path)
        assert r.status_code == 200, path
        assert_inert(r.text)


async def test_escaped_text_is_still_there(ds):
    cid = await xss_claim_id(ds)
    r = await ds.client.get(f"/-/claims/article/xss-1?claim={cid}")
    html = r.text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; is &lt;b&gt;bold&lt;/b&gt; and javascript:alert(document.cookie)" in html
    assert "Headline &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    # the article's javascript: URL is not made a link
    assert 'class="claims-source-url"' not in html
    r = await ds.client.get("/-/claims/article/ar-2")  # its URL is javascript: too
    assert 'class="claims-source-url"' not in r.text


async def test_escaped_in_json(ds):
    r = await ds.client.get("/claims/claims.json?_shape=array&article_id=xss-1")
    assert r.json()[0]["text"] == XSS_CLAIM  # JSON keeps the data exactly
    assert r.headers["content-type"].startswith("application/json")


async def test_dashboard_escapes_filter_options(ds):
    r = await ds.client.get("/-/dashboards/claims")
    assert r.status_code == 200
    assert "<i>Evil</i>" not in r.text and "&lt;i&gt;Evil&lt;/i&gt;" in r.text
