"""Load throughput against the spaCy tokenisation ceiling, database and shard sizes.

The corpus (:mod:`benchmarks.corpus`) is written to a folder of ``.txt`` files and loaded the
way ``claims load DIR --no-dedupe`` does (:func:`claims.load.load_paths`: reading, language
detection, extraction in ``workers`` processes, each article stored in its own transaction in a
fresh SQLite file), with one worker and with every core. Clustering is timed on its own, once,
over the claims of the last load (it is what ``claims load`` runs next, and what the dedup
benchmark measures at scale).

In the same run and on the same article texts: bare spaCy tokenisation (``spacy.blank(lang)``
and ``nlp.pipe``, one process), the practical ceiling of any spaCy-based extractor, timed right
before each load; the ratio is the median over the runs of each load's throughput against that
tokenisation's (the ratio of the two medians is reported too). It is also
timed with the tokenizer as claims' pipelines set it up (:func:`claims.nlp.tokenizer.keep_tokenizer_cache`:
the same tokens, several times faster), so that the load is compared with both.
Each figure is the median of ``repeat`` runs.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def _tokenisers(texts_by_lang: dict[str, list[str]], keep_cache: bool = False) -> dict[str, Any]:
    """``spacy.blank(lang)`` for each language (with ``keep_cache``, set up as claims' pipelines
    set up their tokenizer), warmed up on the texts (vocabulary and lexeme cache, as in a load)."""
    import spacy

    from claims.nlp.tokenizer import keep_tokenizer_cache

    nlps = {lang: spacy.blank(lang) for lang in texts_by_lang}
    if keep_cache:
        for nlp in nlps.values():
            keep_tokenizer_cache(nlp)
    for lang, texts in texts_by_lang.items():
        for _ in nlps[lang].pipe(texts[:50]):
            pass
    return nlps


def tokenise_once(nlps: dict[str, Any], texts_by_lang: dict[str, list[str]]) -> float:
    """Seconds to tokenise every text with its language's blank pipeline (``nlp.pipe``)."""
    t = time.perf_counter()
    for lang, texts in texts_by_lang.items():
        for _ in nlps[lang].pipe(texts):
            pass
    return time.perf_counter() - t


def load_once(folder: Path, db_path: Path, workers: int, fresh: bool = True) -> tuple[float, Any]:
    """Seconds to load ``folder`` into ``db_path`` (a new file unless ``fresh`` is False) the way
    ``claims load --no-dedupe --workers N`` does; and the load report."""
    from claims import store
    from claims.load import load_paths

    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    db = store.open_db(db_path)
    cpu0 = _cpu_seconds()
    t = time.perf_counter()
    report = load_paths(db, [str(folder)], workers=workers, run_dedupe=False)
    elapsed = time.perf_counter() - t
    report.cpu_seconds = _cpu_seconds() - cpu0  # this process and its (finished) worker processes
    db.conn.close()
    return elapsed, report


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(n_articles: int, repeat: int, workers: list[int] | None = None, seed: int = 1,
        cluster: bool = True, shards: bool = True) -> dict[str, Any]:
    from claims import dedupe, store
    from claims.articles import iter_articles
    from claims.extract import extract
    from claims.nlp import pipeline

    cores = os.cpu_count() or 1
    workers = workers or sorted({1, cores})
    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-load-"))
    try:
        folder = tmp / "articles"
        paths, nbytes = corpus.write(folder, n_articles, seed)
        articles = [a for a in iter_articles([str(folder)]) if hasattr(a, "text")]
        by_lang: dict[str, list[str]] = {}
        for a in articles:
            by_lang.setdefault(a.lang or "en", []).append(a.text)
        # the extractor's pipelines are built once per process (reported on their own); build them
        # before timing (the worker processes are forked from this one, so they start with them)
        t = time.perf_counter()
        for lang in by_lang:
            pipeline.build(lang)
        build_s = time.perf_counter() - t
        for lang in by_lang:
            pipeline.get(lang)
            extract(next(a for a in articles if a.lang == lang))

        out: dict[str, Any] = {
            "articles": len(articles), "input_bytes": nbytes,
            "mean_article_bytes": round(nbytes / max(1, len(articles))),
            "languages": {lang: len(t) for lang, t in by_lang.items()}, "repeat": repeat, "cores": cores,
            "pipeline_build_seconds": round(build_s, 2),
        }
        # interleaved (tokenise, load; tokenise, load with the next worker count; again …), so
        # that whatever else the machine does falls on every measure alike. Each load is also
        # compared with the tokenisation timed just before it: this machine's speed drifts by a
        # quarter within minutes, and the ratio of such a pair is steadier than the ratio of
        # two medians taken minutes apart.
        nlps = _tokenisers(by_lang)
        cached_nlps = _tokenisers(by_lang, keep_cache=True)
        tok_times: list[float] = []
        cached_tok_times: list[float] = []
        times: dict[int, list[float]] = {w: [] for w in workers}
        cpu: dict[int, list[float]] = {w: [] for w in workers}
        paired: dict[int, list[float]] = {w: [] for w in workers}  # tokenisation s / load s, per run
        claims: dict[int, int] = {}
        last_db = None
        for r in range(repeat):
            cached_tok_times.append(tokenise_once(cached_nlps, by_lang))
            for w in workers:
                tok_s = tokenise_once(nlps, by_lang)
                tok_times.append(tok_s)
                db_path = tmp / f"load-{w}-{r}.db"
                elapsed, report = load_once(folder, db_path, w)
                times[w].append(elapsed)
                cpu[w].append(report.cpu_seconds)
                paired[w].append(tok_s / elapsed)
                claims[w] = report.claims
                if report.errors:
                    out.setdefault("errors", []).extend(str(e) for e in report.errors[:5])
                if last_db is not None:
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(last_db) + suffix).unlink(missing_ok=True)
                last_db = db_path
        tok_s = _median(tok_times)
        out["tokenisation"] = {"seconds": round(tok_s, 3), "runs": [round(x, 3) for x in tok_times],
                               "articles_per_s": round(len(articles) / tok_s, 1),
                               "mb_per_s": round(nbytes / 1e6 / tok_s, 2)}
        cached_s = _median(cached_tok_times)
        out["tokenisation_cache_kept"] = {
            "seconds": round(cached_s, 3), "runs": [round(x, 3) for x in cached_tok_times],
            "articles_per_s": round(len(articles) / cached_s, 1), "mb_per_s": round(nbytes / 1e6 / cached_s, 2),
            "cpu_ms_per_article": round(1000 * cached_s / len(articles), 3)}
        out["load"] = {}
        for w in workers:
            s = _median(times[w])
            out["load"][str(w)] = {"workers": w, "seconds": round(s, 3), "runs": [round(x, 3) for x in times[w]],
                                   "articles_per_s": round(len(articles) / s, 1),
                                   "mb_per_s": round(nbytes / 1e6 / s, 2), "claims": claims[w],
                                   # CPU time of every process of the load, per article: what the
                                   # load costs whatever else the machine is doing
                                   "cpu_ms_per_article": round(1000 * _median(cpu[w]) / len(articles), 2)}
        tok_cpu = 1000 * tok_s / len(articles)  # tokenising is one busy process: CPU ≈ wall
        out["tokenisation"]["cpu_ms_per_article"] = round(tok_cpu, 3)
        out["cpu_ratio_tokenisation_to_load"] = {
            w: round(tok_cpu / out["load"][str(w)]["cpu_ms_per_article"], 3) for w in map(str, workers)}
        best = out["load"][str(max(workers))]
        # the ratio: median over the runs of each load against the tokenisation just before it
        out["ratio_all_cores_to_tokenisation"] = round(_median(paired[max(workers)]), 3)
        out["ratio_all_cores_to_tokenisation_runs"] = [round(x, 3) for x in paired[max(workers)]]
        out["ratio_1_worker_to_tokenisation"] = round(_median(paired[min(workers)]), 3)
        # the same from the medians above (throughputs measured minutes apart)
        out["ratio_all_cores_to_tokenisation_of_medians"] = round(
            best["articles_per_s"] / out["tokenisation"]["articles_per_s"], 3)
        out["ratio_all_cores_to_tokenisation_cache_kept"] = round(
            best["articles_per_s"] / out["tokenisation_cache_kept"]["articles_per_s"], 3)

        # database size, from the last load (checkpointed, so the WAL is in the file), before and
        # after clustering (which claims load runs next)
        db = store.open_db(last_db)

        def size() -> dict[str, int]:
            db.conn.execute("pragma wal_checkpoint(TRUNCATE)")
            n = db.conn.execute("select count(*) from claims").fetchone()[0]
            b = Path(last_db).stat().st_size
            return {"bytes": b, "claims": n, "bytes_per_1k_claims": round(b * 1000 / max(1, n)),
                    "bytes_per_1k_articles": round(b * 1000 / max(1, len(articles)))}

        out["database"] = size()
        if cluster:
            pending = [r[0] for r in db.conn.execute("select id from claims where cluster_id is null")]
            t = time.perf_counter()
            dedupe.update(db, pending)
            out["clustering_after_load"] = {"claims": len(pending), "seconds": round(time.perf_counter() - t, 2)}
            out["database_clustered"] = size()
        db.conn.close()
        if shards:
            out["shards"] = shard_sizes(folder, tmp / "shards", len(articles))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shard_sizes(folder: Path, out_dir: Path, n_articles: int, partition_size: int = 200) -> dict[str, Any]:
    """``claims extract`` in this process: shard bytes per 1k articles (and its speed)."""
    from claims.articles import iter_articles
    from claims.distributed import run_extract

    t = time.perf_counter()
    rep = run_extract(iter_articles([str(folder)]), out_dir, partition_size=partition_size)
    elapsed = time.perf_counter() - t
    return {"articles": rep.articles, "partitions": rep.partitions, "bytes": rep.shard_bytes,
            "bytes_per_1k_articles": round(rep.shard_bytes * 1000 / max(1, rep.articles)),
            "extract_seconds": round(elapsed, 2), "extract_articles_per_s": round(rep.articles / elapsed, 1)}


def dask(n_articles: int, repeat: int, n_workers: int = 2, seed: int = 1, partition_size: int | None = None) -> dict[str, Any]:
    """``claims extract`` (:func:`claims.distributed.run_extract`) in one process and on a
    ``LocalCluster`` of ``n_workers`` single-threaded worker processes, same articles."""
    from dask.distributed import Client, LocalCluster

    from claims.articles import iter_articles
    from claims.distributed import run_extract
    from claims.extract import extract

    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-dask-"))
    try:
        folder = tmp / "articles"
        corpus.write(folder, n_articles, seed)
        items = list(iter_articles([str(folder)]))
        # a few partitions per worker, at most 100 articles each (claims extract's default is 200)
        partition_size = partition_size or max(1, min(100, len(items) // (3 * n_workers)))
        for a in items[:4]:
            extract(a)  # pipelines built in this process before timing, as the workers' are below
        serial = []
        for r in range(repeat):
            t = time.perf_counter()
            rep = run_extract(items, tmp / "serial", partition_size=partition_size)
            serial.append(time.perf_counter() - t)
        shard_bytes = rep.shard_bytes
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
                Client(cl) as client:
            # warm-up: every worker imports spaCy and builds both pipelines once
            warm = [a for lang in ("ar", "en") for a in items if a.lang == lang][:: max(1, len(items) // 8)]
            run_extract(warm * n_workers, tmp / "warm", partition_size=max(1, len(warm) // n_workers), client=client)
            dist = []
            for r in range(repeat):
                t = time.perf_counter()
                rep_d = run_extract(items, tmp / "dask", partition_size=partition_size, client=client)
                dist.append(time.perf_counter() - t)
        s1, sd = _median(serial), _median(dist)
        return {"articles": len(items), "partition_size": partition_size, "workers": n_workers, "repeat": repeat,
                "one_process_seconds": round(s1, 2), "one_process_articles_per_s": round(len(items) / s1, 1),
                "cluster_seconds": round(sd, 2), "cluster_articles_per_s": round(len(items) / sd, 1),
                "articles_per_s_per_worker": round(len(items) / sd / n_workers, 1),
                "speedup": round(s1 / sd, 2), "shard_bytes_per_1k_articles": round(shard_bytes * 1000 / len(items)),
                "failed_partitions": len(rep_d.failed_partitions)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def into_large(big_db: Path, n_articles: int, repeat: int, workers: list[int] | None = None,
               seed: int = 2) -> dict[str, Any]:
    """``claims load`` of ``n_articles`` new articles into a copy of a large database (the
    generated Datasette one: a million claims), where every index and the full-text index are
    large: articles/s per worker count, median of ``repeat`` (a fresh copy each run)."""
    from claims.articles import iter_articles
    from claims.extract import extract
    from claims.nlp import pipeline

    cores = os.cpu_count() or 1
    workers = workers or sorted({1, cores})
    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-large-", dir=big_db.parent))
    try:
        folder = tmp / "articles"
        _, nbytes = corpus.write(folder, n_articles, seed)
        articles = [a for a in iter_articles([str(folder)]) if hasattr(a, "text")]
        for lang in {a.lang for a in articles}:
            pipeline.get(lang)
            extract(next(a for a in articles if a.lang == lang))
        times: dict[int, list[float]] = {w: [] for w in workers}
        base_claims = None
        for r in range(repeat):
            for w in workers:
                copy = tmp / "large.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(str(copy) + suffix).unlink(missing_ok=True)
                shutil.copyfile(big_db, copy)
                if base_claims is None:
                    import sqlite3

                    c = sqlite3.connect(copy)
                    base_claims = c.execute("select count(*) from claims").fetchone()[0]
                    c.close()
                elapsed, _ = load_once(folder, copy, w, fresh=False)
                times[w].append(elapsed)
        return {"database_claims": base_claims, "articles": len(articles), "repeat": repeat,
                "load": {str(w): {"workers": w, "seconds": round(_median(t), 3), "runs": [round(x, 3) for x in t],
                                  "articles_per_s": round(len(articles) / _median(t), 1),
                                  "mb_per_s": round(nbytes / 1e6 / _median(t), 2)} for w, t in times.items()}}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
