"""Curation from the browser (claims.datasette_curate): writes need an actor with the
claims-curate permission and a CSRF token; they call the same functions as the CLI."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

import claims.datasette_curate as plugin
from claims import store
from claims.extract import EXTRACTOR_VERSION
from tests.factories import ar_extraction, en_extraction

if not pm.is_registered(plugin):  # an install made before the entry point existed
    pm.register(plugin, name="claims_curate")

EN = en_extraction()
AR = ar_extraction()
URL = "/claims/-/curate"


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "claims.db"
    db = store.open_db(path)
    for ex in (ar_extraction(outlet="Al Sample", published="2024-03-01"),
               en_extraction(outlet="Sample News", published="2024-03-02")):
        store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    db.conn.close()
    return path


async def make_ds(path: Path, **kw) -> Datasette:
    ds = Datasette([str(path)], **kw)
    await ds.invoke_startup()
    return ds


def actor(ds: Datasette, actor_id: str = "root") -> dict[str, str]:
    return {"ds_actor": ds.sign({"a": {"id": actor_id}}, "actor")}


async def csrf(ds: Datasette, cookies: dict[str, str], path: str = URL) -> dict[str, str]:
    """Cookies plus the CSRF token that a curation page's forms carry."""
    page = await ds.client.get(path, cookies=cookies)
    assert page.status_code == 200, page.text
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    return {**cookies, "ds_csrftoken": page.cookies.get("ds_csrftoken") or token, "token": token}


async def post(ds: Datasette, cookies: dict[str, str], data: dict[str, str], **kw):
    cookies = dict(cookies)
    token = cookies.pop("token")
    return await ds.client.post(URL, data={"csrftoken": token, **data}, cookies=cookies, **kw)


def rows(path: Path, sql: str, params: list | None = None) -> list[dict]:
    db = store.open_db(path)
    try:
        return list(db.query(sql, params or []))
    finally:
        db.conn.close()


async def test_read_only_without_an_actor(db_path):
    ds = await make_ds(db_path)
    assert (await ds.client.get(URL)).status_code == 403
    assert (await ds.client.get(f"{URL}/claim/{EN.claims[0].id}")).status_code == 403
    response = await ds.client.post(URL, data={"action": "reject", "claim_id": EN.claims[0].id})
    assert response.status_code == 403
    assert rows(db_path, "select count(*) as n from claims")[0]["n"] == 4
    assert (await ds.client.get("/claims/claims.json")).status_code == 200  # reading stays open


async def test_an_actor_without_the_permission_is_refused(db_path):
    ds = await make_ds(db_path)
    assert (await ds.client.get(URL, cookies=actor(ds, "mallory"))).status_code == 403


async def test_root_corrects_a_speaker_and_sees_the_original(db_path):
    ds = await make_ds(db_path)
    cookies = await csrf(ds, actor(ds))
    cid = EN.claims[0].id
    response = await post(ds, cookies, {"action": "speaker", "claim_id": cid, "name": "Ahmed M. Salem",
                                         "why": "press release", "next": f"{URL}/claim/{cid}"})
    assert response.status_code == 302 and response.headers["location"] == f"{URL}/claim/{cid}"
    [row] = rows(db_path, "select speaker, corrected from claims where id = ?", [cid])
    assert row == {"speaker": "Ahmed M. Salem", "corrected": 1}
    [corr] = rows(db_path, "select who, why, action, status from corrections")
    assert corr == {"who": "root", "why": "press release", "action": "edit", "status": "applied"}
    page = await ds.client.get(f"{URL}/claim/{cid}", cookies=actor(ds))
    assert page.status_code == 200
    assert "Ahmed M. Salem" in page.text and "Ahmed Salem" in page.text and "(corrected)" in page.text
    table = await ds.client.get(f"/claims/claims/{cid}.json?_shape=array")
    assert table.json()[0]["corrected"] == 1


async def test_a_write_without_the_csrf_token_is_refused(db_path):
    ds = await make_ds(db_path)
    cookies = await csrf(ds, actor(ds))
    cookies.pop("token")
    response = await ds.client.post(URL, data={"action": "reject", "claim_id": EN.claims[0].id}, cookies=cookies)
    assert response.status_code == 403
    assert rows(db_path, "select count(*) as n from claims")[0]["n"] == 4


async def test_merge_speakers_changes_the_speaker_facet(db_path):
    ds = await make_ds(db_path)

    async def facet() -> dict[str, int]:
        data = (await ds.client.get("/claims/claims.json?_facet=speaker_id&_size=0")).json()
        return {r["value"]: r["count"] for r in data["facet_results"]["speaker_id"]["results"]}

    ar_id, en_id = store.speaker_id("أحمد سالم"), store.speaker_id("Ahmed Salem")
    assert await facet() == {ar_id: 2, en_id: 2}
    cookies = await csrf(ds, actor(ds))
    response = await post(ds, cookies, {"action": "merge-speakers", "speaker": "أحمد سالم", "into": en_id},
                          headers={"accept": "application/json"})
    assert response.status_code == 200 and response.json()["ok"], response.text
    assert await facet() == {en_id: 4}
    response = await post(ds, cookies, {"action": "split-speaker", "speaker": en_id, "_json": "1"})
    assert response.json()["ok"] and "split speaker" in response.json()["message"]
    assert await facet() == {ar_id: 2, en_id: 2}


async def test_reject_and_undo_from_the_browser(db_path):
    ds = await make_ds(db_path)
    cookies = await csrf(ds, actor(ds))
    cid = EN.claims[1].id
    response = await post(ds, cookies, {"action": "reject", "claim_id": cid, "_json": "1"})
    assert response.json()["ok"]
    assert (await ds.client.get("/claims/claims.json?_shape=array&_col=id")).json() \
        and cid not in {r["id"] for r in (await ds.client.get("/claims/claims.json?_shape=array")).json()}
    assert rows(db_path, "select id from claims_rejected") == [{"id": cid}]
    overview = await ds.client.get(URL, cookies=actor(ds))
    assert f"reject claim {cid}" in overview.text
    [corr] = rows(db_path, "select id from corrections")
    response = await post(ds, cookies, {"action": "undo", "correction_id": str(corr["id"]), "_json": "1"})
    assert response.json()["ok"] and "undone" in response.json()["message"]
    assert rows(db_path, "select count(*) as n from claims")[0]["n"] == 4


async def test_errors_come_back_as_messages(db_path):
    ds = await make_ds(db_path)
    cookies = await csrf(ds, actor(ds))
    response = await post(ds, cookies, {"action": "speaker", "claim_id": "nope", "name": "X", "_json": "1"})
    assert response.status_code == 400 and response.json()["message"] == "unknown claim id 'nope'"
    response = await post(ds, cookies, {"action": "add", "article_id": EN.article.id, "start": "5", "end": "x",
                                        "speaker": "X", "_json": "1"})
    assert response.json()["message"] == "end must be a number, not 'x'"
    response = await post(ds, cookies, {"action": "frobnicate"})
    assert response.status_code == 302  # back to the page, with the message
    assert rows(db_path, "select count(*) as n from corrections")[0]["n"] == 0


async def test_add_claim_and_fix_an_article_from_the_browser(db_path):
    ds = await make_ds(db_path)
    cookies = await csrf(ds, actor(ds))
    response = await post(ds, cookies, {"action": "add", "article_id": EN.article.id, "text": "$100 million",
                                        "speaker": "Ahmed Salem", "kind": "indirect", "_json": "1"})
    assert response.json()["ok"], response.text
    new_id = response.json()["claim_id"]
    assert rows(db_path, "select origin from claims where id = ?", [new_id]) == [{"origin": "added"}]
    response = await post(ds, cookies, {"action": "article", "article_id": EN.article.id, "outlet": "BBC News",
                                        "published": "2024-03-05", "_json": "1"})
    assert response.json()["ok"], response.text
    assert {r["outlet"] for r in rows(db_path, "select outlet from claims where article_id = ?", [EN.article.id])} \
        == {"BBC News"}


@pytest.mark.parametrize("metadata", [
    {"permissions": {"claims-curate": {"id": ["alice"]}}},
    {"databases": {"claims": {"permissions": {"claims-curate": {"id": "alice"}}}}},
    {"plugins": {"claims-curate": {"allow": {"id": "alice"}}}},
])
async def test_permission_granted_in_metadata(db_path, metadata):
    ds = await make_ds(db_path, metadata=metadata)
    assert (await ds.client.get(URL, cookies=actor(ds, "alice"))).status_code == 200
    assert (await ds.client.get(URL, cookies=actor(ds, "bob"))).status_code == 403
    assert (await ds.client.get(URL, cookies=actor(ds, "root"))).status_code == 403  # the block decides


async def test_curation_link_shows_only_to_curators(db_path):
    ds = await make_ds(db_path)
    assert "Curate: corrections" not in (await ds.client.get("/claims/claims")).text
    assert "Curate: corrections" in (await ds.client.get("/claims/claims", cookies=actor(ds))).text
