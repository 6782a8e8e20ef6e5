"""Extraction as a map step: shards, `claims extract` / `claims ingest`, and Dask (issue: beyond one machine)."""
from __future__ import annotations

import gzip
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from claims import export, shards, store
from claims.cli import cli
from claims.distributed import extract_partition, partitions, run_extract
from claims.model import Article, LoadError
from tests.factories import SEEDS
from tests.factories import ar_extraction, en_extraction


def export_all(db_path) -> tuple[str, str]:
    db = store.open_db(db_path, create=False)
    c, f = io.StringIO(), io.StringIO()
    export.write(db, c, what="claims")
    export.write(db, f, what="figures")
    return c.getvalue(), f.getvalue()


def test_extraction_record_round_trips_exactly():
    for ex in (ar_extraction(outlet="X"), en_extraction()):
        back = shards.extraction_from_dict(json.loads(json.dumps(shards.extraction_to_dict(ex))))
        assert back.article == ex.article
        assert back.claims == ex.claims
        assert back.figures == ex.figures
        assert [[f.id for f in c.figures] for c in back.claims] == [[f.id for f in c.figures] for c in ex.claims]


def test_shard_encoding_keeps_errors_and_order(tmp_path):
    items = [ar_extraction(), LoadError("bad.txt", "empty file"), en_extraction()]
    path = shards.write_shard(tmp_path, 3, shards.encode(items))
    assert path.name == "part-00003.jsonl.gz"
    back = list(shards.read_shard(path))
    assert isinstance(back[1], LoadError) and back[1].reason == "empty file"
    assert [b.article.id for b in (back[0], back[2])] == [items[0].article.id, items[2].article.id]


def test_corrupt_shard_is_a_clear_error(tmp_path):
    (tmp_path / "part-00000.jsonl.gz").write_bytes(gzip.compress(b'{"type": "nope"}\n'))
    with pytest.raises(shards.ShardError, match="unknown record type"):
        list(shards.read_shard(tmp_path / "part-00000.jsonl.gz"))


def test_partitions_count_articles_and_carry_errors():
    arts = [Article(id=str(i), text="x") for i in range(5)]
    items = [arts[0], LoadError("e", "r"), *arts[1:]]
    parts = list(partitions(items, 2))
    assert [sum(isinstance(i, Article) for i in p) for p in parts] == [2, 2, 1]
    assert isinstance(parts[0][1], LoadError)


def test_extract_partition_turns_unsupported_language_into_empty_extraction():
    data = extract_partition([Article(id="x", text="T\n\nDas ist ein Satz.", body_start=3, lang="de")])
    rec = json.loads(gzip.decompress(data))
    assert rec["type"] == "extraction" and rec["claims"] == [] and "not supported" in rec["warnings"][0]


@pytest.fixture(scope="module")
def seed_copy(tmp_path_factory):
    d = tmp_path_factory.mktemp("seeds")
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, d / p.name)
    return d


def test_extract_then_ingest_equals_load(seed_copy, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["load", str(seed_copy), "--db", str(tmp_path / "load.db"), "--workers", "1", "-q"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["extract", str(seed_copy), "--out", str(tmp_path / "shards"), "--partition-size", "1"])
    assert res.exit_code == 0, res.output
    assert len(shards.shard_paths(tmp_path / "shards")) == len(list(seed_copy.glob("*.txt")))
    res = runner.invoke(cli, ["ingest", str(tmp_path / "shards"), "--db", str(tmp_path / "ingest.db"), "-q"])
    assert res.exit_code == 0, res.output
    loaded, ingested = export_all(tmp_path / "load.db"), export_all(tmp_path / "ingest.db")
    assert loaded[0].count("\n") > 10  # the seeds have claims
    assert loaded == ingested


def test_dask_local_cluster_with_two_workers_gives_the_same_database(seed_copy, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    from claims.articles import iter_articles
    from claims.distributed import ingest_items
    from claims.load import LoadReport, load_paths, store_results

    ref = store.open_db(tmp_path / "ref.db")
    load_paths(ref, [str(seed_copy)], workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        report = run_extract(iter_articles([str(seed_copy)]), tmp_path / "shards", partition_size=1, client=client)
    assert report.ok and report.partitions == len(list(seed_copy.glob("*.txt")))
    db = store.open_db(tmp_path / "dask.db")
    store_results(db, ingest_items(tmp_path / "shards"), LoadReport())
    assert export_all(tmp_path / "dask.db") == export_all(tmp_path / "ref.db")


def test_failed_partition_is_retried_then_reported(tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    arts = [Article(id=f"a{i}", text=f"T\n\nText {i}.", body_start=3, lang="en", path=f"in/{i}.txt")
            for i in range(3)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        import claims.distributed as dist

        attempts = tmp_path / "attempts"  # tasks may be serialised: count through a file
        real = dist.extract_partition

        def flaky(part, lang=None, model=None):
            if any(getattr(i, "id", None) == "a1" for i in part):
                with open(attempts, "a") as fh:
                    fh.write("x")
                raise RuntimeError("worker lost its disk")
            return real(part, lang, model)

        monkeypatch.setattr(dist, "extract_partition", flaky)
        report = run_extract(arts, tmp_path / "out", partition_size=1, client=client, retries=2)
    assert attempts.read_text() == "xxx"  # first try + 2 retries
    assert [f["partition"] for f in report.failed_partitions] == [1]
    assert report.failed_partitions[0]["inputs"] == ["in/1.txt"]
    assert "worker lost its disk" in report.failed_partitions[0]["reason"]
    assert not report.ok
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["failed_partitions"][0]["partition"] == 1
    assert len(shards.shard_paths(tmp_path / "out")) == 2
