"""The whole path on the sample articles: `claims load seeds/`, export, Datasette's JSON API."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from claims.cli import cli
from tests.factories import SEEDS

SEED = "seed-meta-openai.txt"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("e2e")
    db = d / "claims.db"
    res = CliRunner().invoke(cli, ["load", str(SEEDS), "--db", str(db), "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert "3 article(s)" in res.output and "clusters" in res.output
    return db


@pytest.fixture(scope="module")
def exported(seeds_db):
    res = CliRunner().invoke(cli, ["export", "--db", str(seeds_db), "--format", "jsonl"])
    assert res.exit_code == 0
    return [json.loads(line) for line in res.output.splitlines()]


def test_seed_quotes_are_attributed_to_mark_chen_with_his_role(exported):
    seed = [r for r in exported if r["file"] == SEED]
    assert len(seed) >= 15
    first_quote = next(r for r in seed if r["text"].startswith("أشعر وكأن أحدهم اقتحم منزلنا"))
    assert first_quote["kind"] == "direct"
    assert first_quote["speaker"] == "مارك تشين"
    assert first_quote["speaker_role"] == "الرئيس التنفيذي للأبحاث في OpenAI"
    # "وأضاف" with no subject continues the previous speaker; "تشين" resolves to the full name
    continued = next(r for r in seed if r["text"].startswith("يعمل جنبًا إلى جنب"))
    assert continued["speaker"] == "مارك تشين" and continued["cue"] == "وأضاف"
    chen = [r for r in seed if r["speaker"] == "مارك تشين"]
    assert len(chen) >= 8 and all("تشين" == r["speaker"].split()[-1] for r in chen)


def test_seed_money_figure_has_its_value_and_speaker(exported):
    altman = next(r for r in exported if r["file"] == SEED and "مكافآت توقيع" in r["text"])
    assert altman["speaker"] == "سام ألتمان"
    money = [f for f in altman["figures"] if f["text"] == "100 مليون دولار"]
    assert money and money[0]["value"] == 100_000_000 and money[0]["unit"] == "USD"
    assert money[0]["key"] == "USD:100000000"


def test_seed_sources_and_anonymous_speakers(exported):
    seed = [r for r in exported if r["file"] == SEED]
    wsj = next(r for r in seed if r["text"].startswith("زوكربيرغ يتواصل شخصيًا"))
    assert "وول ستريت جورنال" in wsj["speaker"]
    slack = next(r for r in seed if r["text"].startswith("من الرائع حقًا"))
    assert slack["speaker"] == "سام ألتمان" and slack["source"] == "Slack"
    anon = [r for r in seed if r["anonymous"]]
    assert any(r["speaker"].startswith("مصادر") for r in anon)


def test_offsets_point_into_the_stored_text(seeds_db, exported):
    import sqlite_utils

    db = sqlite_utils.Database(seeds_db)
    texts = {r["id"]: r["text"] for r in db["articles"].rows}
    for r in exported:
        assert texts[r["article"]][r["start"]:r["end"]] == r["text"]


def test_english_sample_is_extracted(exported):
    en = [r for r in exported if r["lang"] == "en"]
    assert {"Helen Okafor", "Daniel Reyes"} <= {r["speaker"] for r in en}
    assert any(f["unit"] == "USD" and f["value"] == 2.4e9 for r in en for f in r["figures"])


def test_reloading_the_seeds_changes_nothing(seeds_db, exported):
    res = CliRunner().invoke(cli, ["load", str(SEEDS), "--db", str(seeds_db)])
    assert res.exit_code == 0 and "(3 unchanged, 0 failed)" in res.output
    again = CliRunner().invoke(cli, ["export", "--db", str(seeds_db)])
    assert [json.loads(x) for x in again.output.splitlines()] == exported


@pytest.mark.asyncio
async def test_datasette_serves_facets_and_canned_query(seeds_db):
    ds = Datasette([str(seeds_db)])
    await ds.invoke_startup()
    r = await ds.client.get("/claims/claims.json?_facet=speaker&_facet=source&_shape=objects")
    assert r.status_code == 200
    facets = r.json()["facet_results"]
    speakers = {row["value"]: row["count"] for row in facets["speaker"]["results"]}
    assert speakers["مارك تشين"] >= 8
    assert "source" in facets
    r = await ds.client.get("/claims/speaker_claims.json?speaker=تشين&_shape=array")
    assert r.status_code == 200
    rows = r.json()
    assert rows and {row["speaker"] for row in rows} == {"مارك تشين"}
    r = await ds.client.get("/claims/claims.json?_search=احمد&_shape=array")  # normalised search works
    assert r.status_code == 200


def test_bad_input_is_reported_and_the_rest_loads(tmp_path):
    d = tmp_path / "in"
    shutil.copytree(SEEDS, d)
    (d / "empty.txt").write_text("")
    (d / "broken.jsonl").write_text('{"text": "ok line. He said it was fine."}\n{"text": \n')
    res = CliRunner().invoke(cli, ["load", str(d), "--db", str(tmp_path / "x.db"), "--workers", "1"])
    assert res.exit_code == 1
    assert "empty.txt: empty file" in res.output
    assert "broken.jsonl:2" in res.output
    assert "Loaded 4 article(s)" in res.output
