"""Extraction as a map step: partitions of articles -> shards, locally or on a Dask cluster.

``claims extract INPUT... --out DIR [--dask SCHEDULER | --dask local[:N]]`` reads the inputs
here, cuts them into partitions of ``partition_size`` articles, maps :func:`extract_partition`
over them and writes one shard per partition (:mod:`claims.shards`). Workers need neither the
input files nor the output folder: articles travel to them and shard bytes come back, so the
same command runs on a laptop or a multi-node cluster. A failed partition is retried
(``retries``) and, if it still fails, reported with its inputs and counted in the exit code —
never dropped silently.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims import shards
from claims.extract import extract_or_error
from claims.model import Article, Extraction, LoadError

Partition = list[Article | LoadError]


@dataclass
class ExtractReport:
    """What ``claims extract`` did."""

    partitions: int = 0
    articles: int = 0
    claims: int = 0
    errors: int = 0
    failed_partitions: list[dict[str, Any]] = field(default_factory=list)
    shard_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed_partitions


def partitions(items: Iterable[Article | LoadError], size: int) -> Iterator[Partition]:
    """Consecutive partitions of at most ``size`` articles (read errors ride along in order)."""
    part: Partition = []
    n = 0
    for item in items:
        part.append(item)
        if isinstance(item, Article):
            n += 1
            if n >= size:
                yield part
                part, n = [], 0
    if part:
        yield part


def extract_partition(part: Partition, lang: str | None = None, model: str | None = None) -> bytes:
    """Extract every article of a partition; the shard's bytes (read errors kept as records)."""
    return shards.encode(item if isinstance(item, LoadError) else extract_or_error(item, lang, model)
                         for item in part)


def _summarise(data: bytes, report: ExtractReport) -> None:
    import gzip

    for line in gzip.decompress(data).decode("utf-8").splitlines():
        rec = json.loads(line)
        if rec["type"] == "error":
            report.errors += 1
        else:
            report.articles += 1
            report.claims += len(rec["claims"])


def _describe(part: Partition) -> list[str]:
    return sorted({(i.path or i.file or i.id) if isinstance(i, Article) else i.path for i in part})


_LOCAL = re.compile(r"^local(?::(\d+))?$")


def make_client(spec: str):
    """A ``dask.distributed.Client`` for ``spec``: a scheduler address (``tcp://host:8786``) or
    ``local`` / ``local:N`` for a local cluster of N single-threaded worker processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("Dask is not installed: pip install 'claims[dask]'") from e
    m = _LOCAL.match(spec)
    if m:
        n = int(m.group(1) or 2)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(spec)


def run_extract(items: Iterable[Article | LoadError], out_dir: str | Path, *, partition_size: int = 200,
                lang: str | None = None, model: str | None = None, client=None, retries: int = 2,
                progress: Callable[[int], None] | None = None) -> ExtractReport:
    """Write shards of ``items`` into ``out_dir``: on ``client`` (a Dask client) when given, else
    in this process. Shard numbers follow input order, so ingesting them in order stores the
    articles in the same order as ``claims load`` would."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in shards.shard_paths(out):
        stale.unlink()
    report = ExtractReport()

    def done(index: int, data: bytes) -> None:
        shards.write_shard(out, index, data)
        report.shard_bytes += len(data)
        _summarise(data, report)
        if progress:
            progress(1)

    parts = enumerate(partitions(items, partition_size))
    if client is None:
        for i, part in parts:
            report.partitions += 1
            done(i, extract_partition(part, lang, model))
    else:
        _run_on_dask(client, parts, lang, model, retries, report, done)
    (out / "manifest.json").write_text(json.dumps({
        "partitions": report.partitions, "articles": report.articles, "claims": report.claims,
        "errors": report.errors, "failed_partitions": report.failed_partitions,
        "partition_size": partition_size,
    }, indent=2, ensure_ascii=False), encoding="utf-8")
    return report


def _run_on_dask(client, parts: Iterator[tuple[int, Partition]], lang, model, retries: int,
                 report: ExtractReport, done: Callable[[int, bytes], None]) -> None:
    from dask.distributed import as_completed

    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    in_flight = 2 * n_workers  # bounded: the inputs may not fit in memory
    futures: dict[Any, tuple[int, Partition]] = {}
    ac = as_completed()
    run = uuid.uuid4().hex[:8]  # task keys unique per run, so a reused client never serves old results

    def submit_next() -> bool:
        try:
            i, part = next(parts)
        except StopIteration:
            return False
        report.partitions += 1
        fut = client.submit(extract_partition, part, lang, model, retries=retries, pure=False,
                            key=f"claims-extract-{run}-{i}")
        futures[fut] = (i, part)
        ac.add(fut)
        return True

    for _ in range(in_flight):
        if not submit_next():
            break
    for fut in ac:
        i, part = futures.pop(fut)
        try:
            done(i, fut.result())
        except Exception as e:  # noqa: BLE001 - the partition is reported, never dropped
            report.failed_partitions.append({"partition": i, "inputs": _describe(part),
                                             "reason": f"{type(e).__name__}: {e}"})
        fut.release()
        submit_next()


def ingest_items(shard_dir: str | Path) -> Iterator[Extraction | LoadError]:
    """Every record of every shard in ``shard_dir``, in shard order."""
    for path in shards.shard_paths(shard_dir):
        yield from shards.read_shard(path)
