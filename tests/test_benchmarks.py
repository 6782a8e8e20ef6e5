"""The benchmark entry point runs and writes its JSON (``python -m benchmarks --quick``).

A smoke test, so that the entry point cannot rot: a few articles and a tiny generated database.
It asserts that the run completes and what the JSON holds, never a timing."""
from __future__ import annotations

import json

from benchmarks.__main__ import main


def test_quick_run_writes_json_with_the_expected_keys(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "load,datasette", "--articles", "6", "--claims", "300", "--runs", "1",
                 "--json", str(out), "--cache", str(tmp_path / "cache")]) == 0
    res = json.loads(out.read_text())
    assert res["sections"] == ["load", "datasette"] and res["machine"]["cpus"] >= 1

    load = res["load"]
    assert "error" not in load, load.get("error")
    assert load["articles"] == 6 and set(load["languages"]) == {"ar", "en"}
    assert load["tokenisation"]["articles_per_s"] > 0
    for row in load["load"].values():
        assert row["articles_per_s"] > 0 and row["mb_per_s"] > 0 and row["claims"] > 0
    assert "1" in load["load"] and load["ratio_all_cores_to_tokenisation"] > 0
    assert load["database"]["bytes_per_1k_claims"] > 0

    ds = res["datasette"]
    assert "error" not in ds, ds.get("error")
    assert ds["claims"] == 300 and ds["target_ms"] == 200
    names = {p["page"] for p in ds["pages"]}
    assert {"claims table (HTML)", "claims table (JSON)", "article in context", "cluster page (largest)",
            "speaker page (busiest)", "query search_claims (common, ar)"} <= names
    for page in ds["pages"]:
        assert page["status"] == 200, page
        assert page["median_ms"] > 0 and page["p95_ms"] >= page["median_ms"]

    printed = capsys.readouterr().out
    assert "claims load, 1 worker" in printed and "claims table (HTML)" in printed


def test_dedupe_benchmark_builds_clusters_and_scores_a_small_corpus(tmp_path):
    """The dedup benchmark's own steps on 600 generated claims: the store's row functions it
    writes with, a rebuild, and its quality measure against the generator's labels."""
    from benchmarks import dedupe_bench

    path = str(tmp_path / "bench.db")
    built = dedupe_bench.build(path, 600, 1)
    assert built["claims"] == 600
    dedupe_bench.run_rebuild(path)
    q = dedupe_bench.quality(path)
    assert 0.9 <= q["precision"] <= 1 and 0.8 <= q["recall"] <= 1
    assert set(q["by_language"]) == {"ar", "en"}
