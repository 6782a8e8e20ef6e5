"""Packaged metadata, database detection and the checkout files (metadata.yml, plugins/)."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.plugins import pm

import claims.datasette as plugin
from claims.datasette import config

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_QUERIES = {"speaker_claims", "largest_money_figures", "figure_drift", "widely_carried",
                    "anonymous_claims", "claims_by_source", "claims_per_week", "search_claims"}


def test_top_level_metadata_is_the_packaged_file():
    top = ROOT / "metadata.yml"
    assert top.exists()
    assert top.resolve() == config.METADATA_PATH.resolve() or top.read_text() == config.METADATA_PATH.read_text()


def test_packaged_metadata_shape():
    meta = config.packaged_metadata()
    db = meta["databases"]["claims"]
    claims = db["tables"]["claims"]
    assert claims["facets"][:5] == ["speaker", "source", "outlet", "lang", "kind"]
    assert claims["fts_table"] == "claims_fts"
    assert "published" in claims["sortable_columns"]
    assert db["tables"]["speakers"]["label_column"] == "name"
    assert db["tables"]["articles"]["label_column"] == "title"
    assert db["tables"]["figures"]["facets"] == ["unit", "kind"]
    assert set(db["queries"]) == EXPECTED_QUERIES
    for name, query in db["queries"].items():
        assert query["title"] and (query.get("description") or query.get("description_html")) and query["sql"], name
    assert "claims" in meta["plugins"]["datasette-dashboards"]


def test_build_metadata_for_other_database_names():
    meta = config.build_metadata(["news-2024", "more"])
    assert set(meta["databases"]) == {"news-2024", "more"}
    assert meta["databases"]["more"]["tables"]["claims"]["facets"]
    charts = meta["plugins"]["datasette-dashboards"]["claims"]["charts"]
    assert {c["db"] for c in charts.values() if "db" in c} == {"news-2024"}
    assert 'href="news-2024/claims"' in meta["description_html"]
    assert config.build_metadata([]) is None


def test_metadata_copies_are_independent():
    a = config.packaged_metadata()
    a["databases"]["claims"]["queries"].clear()
    assert config.packaged_metadata()["databases"]["claims"]["queries"]


async def test_detection_and_metadata_for_any_file_name(claims_db, tmp_path):
    other = tmp_path / "news-2024.db"
    shutil.copy(claims_db[0], other)
    plain = tmp_path / "plain.db"
    import sqlite3
    sqlite3.connect(plain).execute("create table t (x)").connection.close()
    ds = Datasette([str(other), str(plain)])
    await ds.invoke_startup()
    assert config.claims_databases(ds) == ["news-2024"]
    assert config.is_claims_db(ds, "news-2024") and not config.is_claims_db(ds, "plain")
    r = await ds.client.get("/news-2024/claims.json")
    assert set(r.json()["facet_results"]) >= {"speaker", "source", "outlet", "lang", "kind"}
    r = await ds.client.get("/plain/t.json")
    assert r.json()["facet_results"] == {}
    r = await ds.client.get("/-/claims/article/ar-1")
    assert r.status_code == 200 and 'dir="rtl"' in r.text


async def test_no_claims_database_means_no_metadata(tmp_path):
    import sqlite3
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("create table t (x)").connection.close()
    ds = Datasette([str(plain)])
    await ds.invoke_startup()
    assert config.metadata_for(ds) is None
    r = await ds.client.get("/")
    assert "Attributed claims" not in r.text
    r = await ds.client.get("/-/claims/article/x")
    assert r.status_code == 404


async def test_page_url_adds_db_only_when_not_default(claims_db, tmp_path):
    second = tmp_path / "second.db"
    shutil.copy(claims_db[0], second)
    ds = Datasette([str(claims_db[0]), str(second)])
    await ds.invoke_startup()
    assert config.page_url(ds, "article", "a 1", "claims", fragment="claim-x", claim="x") == \
        "/-/claims/article/a%201?claim=x#claim-x"
    assert config.page_url(ds, "cluster", "c", "second") == "/-/claims/cluster/c?db=second"
    r = await ds.client.get("/-/claims/article/ar-1?db=second")
    assert r.status_code == 200
    assert "/-/claims/speaker/" in r.text and "?db=second" in r.text
    r = await ds.client.get("/-/claims/article/ar-1?db=nope")
    assert r.status_code == 404


def _claims_hookimpls(name: str) -> list:
    return [h for h in getattr(pm.hook, name).get_hookimpls() if h.plugin is plugin]


async def test_checkout_flags_do_not_register_hooks_twice(claims_db):
    """`datasette serve claims.db -m metadata.yml --plugins-dir plugins` with the package installed."""
    before = {name: len(_claims_hookimpls(name)) for name in ("render_cell", "get_metadata", "extra_css_urls")}
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    ds = Datasette([str(claims_db[0])], metadata=metadata, plugins_dir=str(ROOT / "plugins"))
    await ds.invoke_startup()
    after = {name: len(_claims_hookimpls(name)) for name in before}
    assert before == after == {"render_cell": 1, "get_metadata": 1, "extra_css_urls": 1}
    r = await ds.client.get("/claims/claims")
    assert r.status_code == 200
    assert r.text.count("claims.css") == 1
    assert r.text.count('id="facet-speaker"') == 1
    assert r.text.count("in context</a>") == len((await ds.client.get("/claims/claims.json?_shape=array")).json())


async def test_checkout_plugins_dir_registers_package_when_not_installed(claims_db):
    """Without the entry point (a checkout that is not installed), plugins/ registers the package."""
    name = pm.get_name(plugin)
    pm.unregister(plugin)
    try:
        assert not pm.is_registered(plugin)
        ds = Datasette([str(claims_db[0])], plugins_dir=str(ROOT / "plugins"))
        await ds.invoke_startup()
        assert pm.is_registered(plugin)
        r = await ds.client.get("/claims/claims")
        assert r.status_code == 200 and "in context</a>" in r.text
        css = [line for line in r.text.splitlines() if "claims.css" in line]
        assert len(css) == 1
        href = css[0].split('href="')[1].split('"')[0]
        assert (await ds.client.get(href)).status_code == 200
        r = await ds.client.get("/-/claims/article/ar-1")
        assert r.status_code == 200 and 'class="claims-article-text" dir="rtl"' in r.text
    finally:
        if pm.is_registered(plugin):
            pm.unregister(plugin)
        pm.register(plugin, name=name)


def _lookup(meta: dict, key: str, database: str | None = None, table: str | None = None):
    """Datasette 0.65's metadata(key, database, table): table, then database, then top level."""
    db = (meta.get("databases") or {}).get(database) or {}
    levels = [((db.get("tables") or {}).get(table) or {}) if table else None, db if database else None, meta]
    for level in levels:
        if level is not None and key in level:
            return level[key]
    return None


def _keys(meta, out=None):
    out = set() if out is None else out
    if isinstance(meta, dict):
        for k, v in meta.items():
            out.add(k)
            _keys(v, out)
    return out


def test_projections_answer_every_lookup_like_the_whole_metadata():
    meta = config.build_metadata(["claims", "other"])
    tables = list(meta["databases"]["claims"]["tables"]) + ["nope"]
    for key in _keys(meta) | {"missing"}:
        part = config.project(meta, key)
        for database in (None, "claims", "other", "nope"):
            for table in ([None] + tables if database else [None]):
                assert _lookup(part, key, database, table) == _lookup(meta, key, database, table), (key, database, table)


class _OtherMetadataPlugin:
    """Another plugin's get_metadata hook, with plugin settings of its own that Datasette merges
    into what the hooks before it returned."""

    @staticmethod
    def get_metadata(datasette, key, database, table):
        return {"plugins": {"datasette-dashboards": {"claims": {"title": "Someone else's title"}},
                            "another-plugin": {"setting": 1}}}


async def test_plugin_settings_survive_another_metadata_hook(claims_db):
    from datasette import hookimpl

    ds = Datasette([str(claims_db[0])])
    await ds.invoke_startup()
    own = ds.plugin_config("datasette-dashboards")["claims"]["title"]
    assert config._sole_metadata_hook()
    assert ds.metadata("plugins") is ds.metadata("plugins")  # one shared copy when ours is alone
    other = _OtherMetadataPlugin()
    other.get_metadata = hookimpl(trylast=True)(other.get_metadata)  # merged into what ours returned
    pm.register(other, name="other-metadata")
    try:
        assert not config._sole_metadata_hook()
        for _ in range(2):
            merged = ds.metadata("plugins")
            assert merged["another-plugin"] == {"setting": 1}
            assert merged["datasette-dashboards"]["claims"]["charts"]  # ours, merged with theirs
    finally:
        pm.unregister(name="other-metadata")
    assert config._sole_metadata_hook()
    assert "another-plugin" not in ds.metadata("plugins")
    assert ds.plugin_config("datasette-dashboards")["claims"]["title"] == own
