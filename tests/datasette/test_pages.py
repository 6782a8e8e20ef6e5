"""Our pages: a claim in its article, a cluster, a speaker."""
from __future__ import annotations

import re
import urllib.parse

from claims.datasette.pages import drift, month_bars

SUPPORT_4 = "والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار"
SUPPORT_5 = "الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار"
ANON_AR = "الخطة ستكلف الخزينة كثيرا"
TAX_EN = "the government will cut income tax by 2 percent next year"


def between(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i:html.index(end, i)]


async def speaker_id(ds, name: str) -> str:
    r = await ds.client.get(f"/claims/speakers.json?_shape=array&name={urllib.parse.quote(name)}")
    return r.json()[0]["id"]


async def test_arabic_article_in_context(ds, ids):
    cid = ids[ANON_AR]
    r = await ds.client.get(f"/-/claims/article/ar-1?claim={cid}")
    assert r.status_code == 200
    html = r.text
    assert '<div class="claims-article-text" dir="rtl" lang="ar">' in html
    assert '<h1 dir="rtl" lang="ar" class="claims-title">وزير المالية يعد بخفض ضريبة الدخل</h1>' in html
    # the claim highlighted in place, exactly once
    assert html.count(f'id="claim-{cid}"') == 1
    assert re.search(rf'<mark class="claims-claim claims-indirect focus" id="claim-{cid}"[^>]*>{ANON_AR}</mark>', html)
    # the other claims, speakers, cues and figures of the article are marked
    text = between(html, 'class="claims-article-text"', "</article>")
    assert text.count('class="claims-claim claims-direct"') == 2
    assert '<span class="claims-speaker" title="أحمد سالم">أحمد سالم</span>' in text
    assert '<span class="claims-cue" title="وأضاف">وأضاف</span>' in text
    assert '<mark class="claims-fig claims-fig-money" title="USD:4000000000">4 مليارات دولار</mark>' in text
    assert '<mark class="claims-fig claims-fig-count" title="people:300000">300 ألف</mark>' in text  # narrative
    # the selected claim box, the list and the links
    assert 'aria-label="selected claim"' in html and "anonymous" in html
    assert f'href="/-/claims/article/ar-1?claim={ids[SUPPORT_4]}#claim-{ids[SUPPORT_4]}"' in html
    assert f'href="/-/claims/cluster/{ids["cluster"]}"' in html
    assert 'href="https://example.org/ar/1" rel="noopener noreferrer nofollow"' in html


async def test_english_article_is_left_to_right(ds, ids):
    cid = ids[TAX_EN]
    r = await ds.client.get(f"/-/claims/article/en-1?claim={cid}")
    assert '<div class="claims-article-text" dir="ltr" lang="en">' in r.text
    assert f'<mark class="claims-claim claims-direct focus" id="claim-{cid}"' in r.text
    assert '<mark class="claims-fig claims-fig-percent" title="percent:2">2 percent</mark>' in r.text


async def test_english_quote_in_arabic_article_reads_left_to_right(ds, ids):
    cid = ids["the plan is fair"]
    r = await ds.client.get(f"/-/claims/article/ar-2?claim={cid}")
    assert '<div class="claims-article-text" dir="rtl" lang="ar">' in r.text
    assert '<blockquote class="claims-quote" dir="ltr"><span class="claims-text" dir="ltr">the plan is fair</span>' in r.text
    assert '<span class="claims-speaker" title="John Smith">John Smith</span>' in r.text


async def test_article_without_claim_parameter_and_unknown_claim(ds):
    r = await ds.client.get("/-/claims/article/en-1")
    assert r.status_code == 200 and "focus" not in between(r.text, 'class="claims-article-text"', "</div>")
    r = await ds.client.get("/-/claims/article/en-1?claim=nope")
    assert r.status_code == 200 and "is not in this article" in r.text


async def test_missing_pages_are_404(ds):
    for path in ("/-/claims/article/nope", "/-/claims/claim/nope", "/-/claims/cluster/nope",
                 "/-/claims/speaker/nope"):
        assert (await ds.client.get(path)).status_code == 404, path


async def test_claim_redirects_to_its_article(ds, ids):
    cid = ids[SUPPORT_5]
    r = await ds.client.get(f"/-/claims/claim/{cid}")
    assert r.status_code == 302
    assert r.headers["location"] == f"/-/claims/article/ar-2?claim={cid}#claim-{cid}"


async def test_cluster_page_shows_every_article_and_drift(ds, ids):
    r = await ds.client.get(f"/-/claims/cluster/{ids['cluster']}")
    assert r.status_code == 200
    html = r.text
    assert "One claim, 2 articles, 2 outlets" in html
    assert "figures drift" in html
    members = between(html, 'class="claims-table claims-members"', "</table>")
    assert members.index("2024-05-07") < members.index("2024-05-09")  # oldest first
    assert "صحيفة المثال" in members and "وكالة الأنباء" in members
    assert "100.0" in members and "91.5" in members
    # the 5-billion telling drifts from the canonical 4 billion
    assert '<mark class="claims-fig claims-fig-money drift" title="USD:5000000000">5 مليارات دولار</mark>' in members
    assert "<del><code>USD:4000000000</code></del>" in members
    assert f'/-/claims/article/ar-2?claim={ids[SUPPORT_5]}#claim-{ids[SUPPORT_5]}' in members


async def test_cluster_page_shows_optional_columns(ds, ids, claims_db, tmp_path):
    """Columns a later dedup adds (a drift description, speaker aliases) show up when present."""
    import shutil
    import sqlite3

    from datasette.app import Datasette
    path = tmp_path / "claims.db"
    shutil.copy(claims_db[0], path)
    conn = sqlite3.connect(path)
    conn.execute("alter table clusters add column drift_description text")
    conn.execute("alter table clusters add column speaker_aliases text")
    conn.execute("update clusters set drift_description = ?, speaker_aliases = ?",
                 ["4 مليارات -> 5 مليارات <b>", '["أحمد سالم", "احمد سالم"]'])
    conn.commit()
    conn.close()
    ds2 = Datasette([str(path)])
    await ds2.invoke_startup()
    r = await ds2.client.get(f"/-/claims/cluster/{ids['cluster']}")
    assert '<p class="claims-drift-detail" dir="auto">4 مليارات -&gt; 5 مليارات &lt;b&gt;</p>' in r.text
    assert "speaker aliases" in r.text and "&#34;احمد سالم&#34;" in r.text


async def test_speaker_page(ds, ids):
    sid = await speaker_id(ds, "أحمد سالم")
    r = await ds.client.get(f"/-/claims/speaker/{sid}")
    assert r.status_code == 200
    html = r.text
    assert '<h1 class="claims-title"><bdi dir="auto">أحمد سالم</bdi></h1>' in html
    assert "3 claims" in html
    timeline = between(html, 'class="claims-table claims-timeline"', "</table>")
    assert timeline.index("2024-05-09") < timeline.index("2024-05-07")  # newest first
    assert SUPPORT_5 in timeline.replace('<mark class="claims-fig claims-fig-money" title="USD:5000000000">', "") \
        .replace("</mark>", "")
    assert "claims-bar" in html and "2024-05" in html
    assert "4,000,000,000" in html
    assert "5,000,000,000" in html and "percent" in html
    assert f'href="/claims/claims?speaker_id={sid}&amp;_sort_desc=published"' in html


async def test_speaker_sources(ds):
    sid = await speaker_id(ds, "Ahmed Salem")
    r = await ds.client.get(f"/-/claims/speaker/{sid}")
    sources = between(r.text, "<h2>Sources</h2>", "</table>")
    assert "Reuters" in sources and "direct" in sources


def test_drift_and_month_bars():
    assert drift({"USD:4"}, ["USD:5", "USD:4"]) == ({"USD:5"}, set())
    assert drift({"USD:4"}, ["USD:5"]) == ({"USD:5"}, {"USD:4"})
    bars = month_bars([{"month": "2024-01", "n": 2}, {"month": "2024-02", "n": 4}])
    assert [b["pct"] for b in bars] == [50.0, 100.0]
    assert month_bars([]) == []


async def test_speaker_page_follows_a_person_across_spellings(claims_db, tmp_path):
    """With speaker identity (speakers.canonical_speaker_id, claims.person_id, speaker_aliases),
    a speaker's page shows the person's claims under every spelling and script."""
    import shutil
    import sqlite3

    from datasette.app import Datasette
    path = tmp_path / "claims.db"
    shutil.copy(claims_db[0], path)
    conn = sqlite3.connect(path)
    cols = {r[1] for r in conn.execute("pragma table_info(speakers)")}
    if "canonical_speaker_id" not in cols:
        conn.execute("alter table speakers add column canonical_speaker_id text")
    if "person_id" not in {r[1] for r in conn.execute("pragma table_info(claims)")}:
        conn.execute("alter table claims add column person_id text")
    conn.execute("create table if not exists speaker_aliases (speaker_id text, alias text, norm text, script text,"
                 " how text, score float, via_speaker_id text)")
    latin = conn.execute("select id from speakers where name = 'Ahmed Salem'").fetchone()[0]
    arabic = conn.execute("select id from speakers where name = 'أحمد سالم'").fetchone()[0]
    conn.execute("update speakers set canonical_speaker_id = ? where id in (?, ?)", [latin, latin, arabic])
    conn.execute("update claims set person_id = ? where speaker_id in (?, ?)", [latin, latin, arabic])
    conn.execute("insert into speaker_aliases (speaker_id, alias, how, score) values (?, 'أحمد سالم', 'transliteration', 93)",
                 [latin])
    conn.commit()
    conn.close()
    ds = Datasette([str(path)])
    await ds.invoke_startup()
    r = await ds.client.get(f"/-/claims/speaker/{arabic}")
    assert r.status_code == 200
    assert "5 claims" in r.text and "every spelling" in r.text
    assert f'<a href="/-/claims/speaker/{latin}"><bdi dir="auto">Ahmed Salem</bdi></a>' in r.text
    assert "transliteration" in r.text
    assert f"person_id={latin}" in r.text
    timeline = between(r.text, 'class="claims-table claims-timeline"', "</table>")
    assert "Sample News" in timeline and "صحيفة المثال" in timeline
