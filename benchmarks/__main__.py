"""Where claims stands on speed and scale, in one command.

    python -m benchmarks                      # everything (about an hour; the 1M-claim database is cached)
    python -m benchmarks --quick              # smoke run: tiny sizes, a few seconds
    python -m benchmarks --only load,datasette --articles 1000 --claims 100000

Sections (``--only``, comma separated):

* ``load``: articles/s and MB/s of ``claims.load`` into a fresh SQLite file with 1 worker and
  with every core, against bare spaCy tokenisation of the same texts in the same run (the
  ceiling of a spaCy-based extractor), and their ratio; the tokenisation also with the cache
  kept as claims' pipelines keep it, and the ratio to that; database bytes per 1k claims; shard
  bytes per 1k articles of ``claims extract``; clustering of the loaded claims;
* ``scale``: the same load into a copy of the generated 1M-claim database (below), where every
  index and the full-text index are already large;
* ``dedupe``: clustering time and peak memory at 10k, 100k and 1M claims
  (:mod:`benchmarks.dedupe_bench`, run as a subprocess);
* ``datasette``: median and 95th-percentile latency of every page on a generated database of
  1M claims (:mod:`benchmarks.gendb`, cached under ``benchmarks/results/``);
* ``dask``: ``claims extract`` on a 2-worker ``dask.distributed.LocalCluster`` against one
  process: articles/s per worker, speedup, shard size.

Prints a table and writes everything as JSON to ``benchmarks/results/bench-*.json`` (or
``--json PATH``). Each figure is the median of several runs; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("load", "scale", "dedupe", "datasette", "dask")


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                            "platform": platform.platform()}
    try:
        import spacy
        import sqlite3

        info |= {"spacy": spacy.__version__, "sqlite": sqlite3.sqlite_version}
    except ImportError:
        pass
    try:
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info


def _fmt(v: Any, spec: str = "") -> str:
    if v is None:
        return "–"
    return format(v, spec) if spec else str(v)


def table(res: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    load = res.get("load")
    if load and "error" not in load:
        add(f"LOAD  {load['articles']} articles ({load['mean_article_bytes']} bytes each, "
            f"{load['languages']}), median of {load['repeat']}")
        add(f"  {'':34s} {'articles/s':>11s} {'MB/s':>7s} {'CPU ms/article':>15s}")
        for w, row in load["load"].items():
            add(f"  {'claims load, ' + w + ' worker' + ('s' if w != '1' else ''):34s} "
                f"{row['articles_per_s']:>11.1f} {row['mb_per_s']:>7.2f} {_fmt(row.get('cpu_ms_per_article')):>15s}")
        tok = load["tokenisation"]
        add(f"  {'spaCy tokenisation (1 process)':34s} {tok['articles_per_s']:>11.1f} {tok['mb_per_s']:>7.2f} "
            f"{_fmt(tok.get('cpu_ms_per_article')):>15s}")
        kept = load.get("tokenisation_cache_kept")
        if kept:
            add(f"  {'  the same, cache kept (claims)':34s} {kept['articles_per_s']:>11.1f} {kept['mb_per_s']:>7.2f} "
                f"{_fmt(kept.get('cpu_ms_per_article')):>15s}")
        runs = ", ".join(f"{x:.2f}" for x in load.get("ratio_all_cores_to_tokenisation_runs", []))
        add(f"  ratio all cores / tokenisation: {load['ratio_all_cores_to_tokenisation']:.2f}   "
            f"(1 worker: {load['ratio_1_worker_to_tokenisation']:.2f}; target ≥ 0.5 with all cores)")
        add(f"    median of the runs ({runs}), each load against the tokenisation timed just before it; "
            f"ratio of the medians above: {load['ratio_all_cores_to_tokenisation_of_medians']:.2f}")
        if kept:
            add(f"  ratio all cores / tokenisation with the cache kept: "
                f"{load['ratio_all_cores_to_tokenisation_cache_kept']:.2f}")
        db = load.get("database_clustered") or load["database"]
        add(f"  database: {db['bytes_per_1k_claims']:,} bytes per 1k claims "
            f"({db['bytes_per_1k_articles']:,} per 1k articles{', clustered' if 'database_clustered' in load else ''})")
        add(f"  pipelines built once per process in {load['pipeline_build_seconds']} s (not in the figures above)")
        if "shards" in load:
            sh = load["shards"]
            add(f"  shards (claims extract): {sh['bytes_per_1k_articles']:,} bytes per 1k articles; "
                f"extract alone {sh['extract_articles_per_s']} articles/s in 1 process")
        if "clustering_after_load" in load:
            c = load["clustering_after_load"]
            add(f"  clustering the loaded {c['claims']:,} claims: {c['seconds']} s")
    elif load:
        add(f"LOAD  error: {load['error']}")
    sc = res.get("scale")
    if sc and "error" not in sc:
        add("")
        add(f"SCALE  {sc['articles']} more articles into a database of {sc['database_claims']:,} claims, "
            f"median of {sc['repeat']}")
        for w, row in sc["load"].items():
            add(f"  {'claims load, ' + w + ' worker' + ('s' if w != '1' else ''):34s} "
                f"{row['articles_per_s']:>11.1f} {row['mb_per_s']:>7.2f}")
    elif sc:
        add(f"SCALE  error: {sc['error']}")
    dd = res.get("dedupe")
    if dd:
        add("")
        add(f"DEDUPE  ({dd.get('command', '')}{', written ' + dd['written'] if dd.get('written') else ''})")
        if dd.get("note"):
            add(f"  {dd['note']}")
        if dd.get("rows"):
            add(f"  {'claims':>9s} {'rebuild s':>10s} {'peak MB':>8s} {'µs/claim':>9s} {'+1k incr s':>11s} {'F1':>6s}")
            for r in dd["rows"]:
                add(f"  {_fmt(r.get('claims'), ','):>9s} {_fmt(r.get('rebuild_s')):>10s} "
                    f"{_fmt(r.get('rebuild_peak_mb')):>8s} {_fmt(r.get('us_per_claim')):>9s} "
                    f"{_fmt(r.get('incremental_dedupe_s')):>11s} {_fmt(r.get('f1')):>6s}")
        if dd.get("error"):
            add(f"  error: {dd['error']}")
    ds = res.get("datasette")
    if ds and "pages" in ds:
        add("")
        add(f"DATASETTE  {ds['claims']:,} claims ({ds['database_bytes'] / 1e9:.2f} GB), "
            f"{ds['pages'][0]['runs'] if ds['pages'] else 0} requests per page after one warm-up; "
            f"target median ≤ {ds['target_ms']} ms")
        add(f"  {'page':40s} {'median ms':>10s} {'p95 ms':>8s} {'first ms':>9s}")
        for p in ds["pages"]:
            flag = "" if p["status"] == 200 else f"  (HTTP {p['status']})"
            over = "  *" if p["median_ms"] > ds["target_ms"] else ""
            add(f"  {p['page']:40s} {p['median_ms']:>10.1f} {p['p95_ms']:>8.1f} {p['first_ms']:>9.1f}{over}{flag}")
    elif ds:
        add(f"DATASETTE  error: {ds.get('error')}")
    dk = res.get("dask")
    if dk and "error" not in dk:
        add("")
        add(f"DASK  claims extract, {dk['articles']} articles, partitions of {dk['partition_size']}")
        add(f"  1 process: {dk['one_process_articles_per_s']} articles/s; LocalCluster of {dk['workers']}: "
            f"{dk['cluster_articles_per_s']} articles/s = {dk['articles_per_s_per_worker']} per worker; "
            f"speedup {dk['speedup']}×; shards {dk['shard_bytes_per_1k_articles']:,} bytes per 1k articles")
    elif dk:
        add(f"DASK  error: {dk['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke run: tiny sizes, one run each (seconds)")
    ap.add_argument("--only", help=f"sections to run, comma separated: {','.join(SECTIONS)}")
    ap.add_argument("--articles", type=int, help="articles in the load corpus (default 2000; quick 24)")
    ap.add_argument("--repeat", type=int, help="runs per load figure (default 3; quick 1)")
    ap.add_argument("--workers", help="worker counts to load with, e.g. 1,2 (default 1 and all cores)")
    ap.add_argument("--claims", type=int, help="claims in the Datasette database (default 1000000; quick 2000)")
    ap.add_argument("--runs", type=int, help="requests per Datasette page after a warm-up (default 20; quick 2)")
    ap.add_argument("--dedupe-sizes", help="claims per dedup run (default 10000,100000,1000000)")
    ap.add_argument("--dedupe-latest", action="store_true",
                    help="report the newest benchmarks/results/dedupe-*.json instead of running the dedup benchmark")
    ap.add_argument("--dask-articles", type=int, help="articles for the Dask run (default 1200; quick 40)")
    ap.add_argument("--json", type=Path, help="write the results here (default benchmarks/results/bench-*.json)")
    ap.add_argument("--cache", type=Path, default=RESULTS,
                    help="folder for the generated Datasette databases (default benchmarks/results/)")
    a = ap.parse_args(argv)

    quick = a.quick
    if a.only:
        sections = [s.strip() for s in a.only.split(",") if s.strip()]
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    else:
        sections = ["load", "datasette"] if quick else list(SECTIONS)
    articles = a.articles or (24 if quick else 2000)
    repeat = a.repeat or (1 if quick else 3)
    workers = [int(x) for x in a.workers.split(",")] if a.workers else None
    n_claims = a.claims or (2000 if quick else 1_000_000)
    runs = a.runs or (2 if quick else 20)
    dedupe_sizes = [int(x) for x in (a.dedupe_sizes or ("1000" if quick else "10000,100000,1000000")).split(",")]
    dask_articles = a.dask_articles or (40 if quick else 1200)

    RESULTS.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "quick": quick, "sections": sections,
                           "machine": machine()}
    t0 = time.perf_counter()
    for section in sections:
        print(f"… {section}", file=sys.stderr, flush=True)
        t = time.perf_counter()
        try:
            if section == "load":
                from benchmarks import bench_load

                res["load"] = bench_load.run(articles, repeat, workers, cluster=not quick, shards=not quick)
            elif section == "scale":
                from benchmarks import bench_load, gendb

                directory = a.cache / f"bench-datasette-{n_claims}-s1-v{gendb.GEN_VERSION}"
                big, _ = gendb.cached(directory, n_claims, 1, progress=not quick)
                res["scale"] = bench_load.into_large(big, min(articles, 500), repeat, workers)
            elif section == "dedupe":
                from benchmarks import bench_dedupe

                res["dedupe"] = (bench_dedupe.latest(RESULTS) if a.dedupe_latest
                                 else bench_dedupe.run(dedupe_sizes, RESULTS))
            elif section == "datasette":
                from benchmarks import bench_datasette

                res["datasette"] = bench_datasette.run(a.cache, n_claims, runs, progress=not quick)
            elif section == "dask":
                from benchmarks import bench_load

                res["dask"] = bench_load.dask(dask_articles, repeat)
        except Exception as e:  # noqa: BLE001 - one broken section must not hide the others
            res[section] = {"error": f"{type(e).__name__}: {e}"}
        if isinstance(res.get(section), dict):
            try:  # other work on the machine skews every figure: keep what it was
                res[section]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            except OSError:
                pass
        print(f"  {section}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    try:
        res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    out = a.json or RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, ensure_ascii=False))
    print(table(res))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
