"""Deduplication benchmark: cluster quality on generated claims, and speed and memory at scale.

    python -m benchmarks.dedupe_bench [--sizes 10000,100000,1000000] [--seed 1] [--keep]

For each size: generate claims (:mod:`benchmarks.dedupe_gen`), write them into a fresh SQLite
database through the store's own row functions (bulk, one transaction), then in a fresh
process time ``dedupe.rebuild`` (peak memory of that process alone), then load a further batch
of articles through ``store.save_extraction`` + ``dedupe.update`` (the loader's path) to time
incremental clustering. Quality is pairwise precision / recall / F1 of the clusters against the
generator's labels, with recall per perturbation and the share of hard negatives wrongly merged.
Prints a table and writes JSON to benchmarks/results/. Numbers only: nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.dedupe_gen import generate
from claims import dedupe, store
from claims.model import Extraction

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
EXTRACTOR_VERSION = "bench"
INCREMENTAL_CLAIMS = 1000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bulk_save(db, extractions: list[Extraction]) -> None:
    """Write many extractions at once with the store's row functions (what save_extraction
    writes, without its per-article transaction and replace step: the database is new)."""
    arts, claims, figs, speakers = [], [], [], {}
    for ex in extractions:
        a = ex.article
        arts.append({"id": a.id, "title": a.title, "text": a.text, "body_start": a.body_start, "lang": ex.lang,
                     "outlet": a.outlet, "url": a.url, "published": a.published, "author": a.author, "file": a.file,
                     "path": a.path, "format": a.format, "encoding": a.encoding, "n_claims": len(ex.claims),
                     "n_figures": len(ex.figures), "extractor_version": EXTRACTOR_VERSION, "loaded_at": store.now()})
        for i, c in enumerate(ex.claims):
            claims.append(store._claim_row(c, i, ex))
            if c.speaker:
                sid = store.speaker_id(c.speaker)
                speakers.setdefault(sid, {"id": sid, "name": c.speaker, "norm": store.normalize(c.speaker),
                                          "kind": c.speaker_type or "person", "anonymous": 0, "n_claims": 0})
        figs += [store._figure_row(f, ex.article.id) for f in ex.figures]
    db["articles"].insert_all(arts, pk="id", batch_size=2000)
    db["speakers"].insert_all(speakers.values(), pk="id", ignore=True, batch_size=2000)
    db["claims"].insert_all(claims, pk="id", batch_size=2000)
    db["figures"].insert_all(figs, pk="id", batch_size=2000)


def build(path: str, n: int, seed: int) -> dict:
    """Generate ``n`` claims into a new database at ``path``, with the truth in ``bench_truth``."""
    t0 = time.perf_counter()
    db = store.open_db(path)
    truth = []
    batch: list[Extraction] = []
    for art in generate(n, seed=seed):
        ex = art.extraction()
        batch.append(ex)
        truth += [(c.id, g.label, g.parent, g.perturbation, int(g.drift))
                  for c, (g, _, _) in zip(ex.claims, art.claims)]
        if len(batch) >= 2000:
            bulk_save(db, batch)
            batch = []
    bulk_save(db, batch)
    db.conn.execute("create table bench_truth (claim_id text primary key, label int, parent int, "
                    "perturbation text, drift int)")
    db.conn.executemany("insert into bench_truth values (?, ?, ?, ?, ?)", truth)
    store.refresh_counts(db)
    db.conn.commit()
    return {"claims": len(truth), "build_s": round(time.perf_counter() - t0, 1), "build_peak_mb": round(peak_mb())}


def run_rebuild(path: str) -> dict:
    db = store.open_db(path, create=False)
    t0 = time.perf_counter()
    counts = dedupe.rebuild(db)
    return {**counts, "rebuild_s": round(time.perf_counter() - t0, 1), "rebuild_peak_mb": round(peak_mb())}


def run_incremental(path: str, seed: int) -> dict:
    """Load INCREMENTAL_CLAIMS more claims the way the loader does, then cluster them."""
    db = store.open_db(path, create=False)
    arts = list(generate(INCREMENTAL_CLAIMS, seed=seed + 1000))
    exs = [a.extraction() for a in arts]
    truth = [(c.id, g.label + 10_000_000, g.parent + 10_000_000 if g.parent else 0, g.perturbation, int(g.drift))
             for a, ex in zip(arts, exs) for c, (g, _, _) in zip(ex.claims, a.claims)]
    t0 = time.perf_counter()
    stale: set[str] = set()
    for ex in exs:
        stale |= store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    t1 = time.perf_counter()
    dedupe.update(db, [c.id for ex in exs for c in ex.claims], stale_clusters=stale)
    t2 = time.perf_counter()
    with db.conn:
        db.conn.executemany("insert or replace into bench_truth values (?, ?, ?, ?, ?)", truth)
    return {"incremental_claims": len(truth), "incremental_store_s": round(t1 - t0, 2),
            "incremental_dedupe_s": round(t2 - t1, 2), "incremental_peak_mb": round(peak_mb())}


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def quality(path: str) -> dict:
    """Pairwise precision / recall / F1, recall per perturbation, hard negatives merged, drift."""
    db = store.open_db(path, create=False)
    rows = db.conn.execute("select t.claim_id, t.label, t.parent, t.perturbation, t.drift, c.cluster_id, "
                           "k.figure_drift from bench_truth t join claims c on c.id = t.claim_id "
                           "left join clusters k on k.id = c.cluster_id").fetchall()
    pred, true, both = Counter(), Counter(), Counter()
    base_cluster: dict[int, str] = {}
    for cid, label, parent, pert, _, cl, _ in rows:
        pred[cl] += 1
        true[label] += 1
        both[(cl, label)] += 1
        if pert.endswith("base"):
            base_cluster[label] = cl
    tp = sum(pairs(v) for v in both.values())
    pp, tt = sum(pairs(v) for v in pred.values()), sum(pairs(v) for v in true.values())
    p, r = (tp / pp if pp else 1.0), (tp / tt if tt else 1.0)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    hard: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    drift_labels: set[int] = set()
    for cid, label, parent, pert, drift, cl, _ in rows:
        kind = pert.split(":")[-1].split("+")[0]
        if label in base_cluster and not pert.endswith("base"):
            per[kind][0] += cl == base_cluster[label]
            per[kind][1] += 1
        if parent and pert.endswith("base") and parent in base_cluster:
            tag = pert.split(":")[0]
            hard[tag][0] += cl == base_cluster[parent]
            hard[tag][1] += 1
        if drift:
            drift_labels.add(label)
    flagged = {cl for *_, cl, fd in rows if fd}
    drift_found = sum(1 for lb in drift_labels if base_cluster.get(lb) in flagged)
    drift_clusters = {base_cluster.get(lb) for lb in drift_labels}
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
        "true_clusters": len(true), "predicted_clusters": len(pred),
        "recall_by_perturbation": {k: round(a / b, 4) for k, (a, b) in sorted(per.items())},
        "hard_negatives_merged": {k: f"{a}/{b}" for k, (a, b) in sorted(hard.items())},
        "drift_recall": round(drift_found / len(drift_labels), 4) if drift_labels else None,
        "drift_precision": round(len(flagged & drift_clusters) / len(flagged), 4) if flagged else None,
    }


def speaker_quality(path: str) -> dict:
    """How the speaker rows of full names were grouped into persons (pairwise, against the
    generator: a name in either script is one person)."""
    from benchmarks.dedupe_gen import PERSONS_GIVEN, PERSONS_SURNAME

    truth = {}
    for g, (ge, ga) in enumerate(PERSONS_GIVEN):
        for s, (se, sa) in enumerate(PERSONS_SURNAME):
            truth[store.speaker_id(f"{ge} {se}")] = truth[store.speaker_id(f"{ga} {sa}")] = (g, s)
    db = store.open_db(path, create=False)
    rows = [(r[0], r[1]) for r in db.conn.execute("select id, canonical_speaker_id from speakers") if r[0] in truth]
    pred, true, both = Counter(), Counter(), Counter()
    for sid, canon in rows:
        pred[canon] += 1
        true[truth[sid]] += 1
        both[(canon, truth[sid])] += 1
    tp = sum(pairs(v) for v in both.values())
    pp, tt = sum(pairs(v) for v in pred.values()), sum(pairs(v) for v in true.values())
    linked = db.conn.execute("select count(*) from speaker_aliases where how like 'surname%'").fetchone()[0]
    return {"speaker_rows": len(rows), "speaker_precision": round(tp / pp, 4) if pp else 1.0,
            "speaker_recall": round(tp / tt, 4) if tt else 1.0, "surname_links": linked}


def equal_to_rebuild(path: str) -> bool:
    """After the incremental load: does a rebuild give the same clusters and scores?"""
    db = store.open_db(path, create=False)
    q = "select id, cluster_id, cluster_score from claims order by id"
    before = db.conn.execute(q).fetchall()
    dedupe.rebuild(db)
    return before == db.conn.execute(q).fetchall()


def child(args: list[str]) -> dict:
    """Run one step in a fresh interpreter, so its peak memory is its own."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.dedupe_bench", "--step", *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="Keep the databases (in benchmarks/results/).")
    ap.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.step:
        name, path, *rest = a.step
        fn = {"build": lambda: build(path, int(rest[0]), int(rest[1])), "rebuild": lambda: run_rebuild(path),
              "incremental": lambda: run_incremental(path, int(rest[0])), "quality": lambda: quality(path),
              "speakers": lambda: speaker_quality(path), "equal": lambda: {"equal": equal_to_rebuild(path)}}[name]
        print(json.dumps(fn()))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(dir=RESULTS if a.keep else None) as tmp:
        for n in (int(x) for x in a.sizes.split(",")):
            path = str(Path(tmp) / f"bench-{n}.db")
            row = {"size": n}
            row |= child(["build", path, str(n), str(a.seed)])
            row |= child(["rebuild", path])
            row |= {f"rebuild_{k}": v for k, v in child(["quality", path]).items()}
            row |= child(["speakers", path])
            row |= child(["incremental", path, str(a.seed)])
            row |= {f"after_incremental_{k}": v for k, v in child(["quality", path]).items()
                    if k in ("precision", "recall", "f1")}
            if n <= 100_000:
                row |= {"incremental_equals_rebuild": child(["equal", path])["equal"]}
            row["us_per_claim"] = round(row["rebuild_s"] * 1e6 / row["claims"], 1)
            results.append(row)
            print(json.dumps(row), file=sys.stderr)
            if a.keep:
                os.replace(path, RESULTS / Path(path).name)
    print(f"\n{'claims':>9} {'P':>6} {'R':>6} {'F1':>6} {'rebuild s':>9} {'peak MB':>8} {'µs/claim':>8} "
          f"{'incr 1k s':>9} {'load s':>7}")
    for r in results:
        print(f"{r['claims']:>9} {r['rebuild_precision']:>6.3f} {r['rebuild_recall']:>6.3f} {r['rebuild_f1']:>6.3f} "
              f"{r['rebuild_s']:>9.1f} {r['rebuild_peak_mb']:>8} {r['us_per_claim']:>8} "
              f"{r['incremental_dedupe_s']:>9.2f} {r['build_s']:>7.1f}")
    for r in results:
        print(f"\n{r['claims']} claims: recall by perturbation {r['rebuild_recall_by_perturbation']}")
        print(f"  hard negatives merged {r['rebuild_hard_negatives_merged']}; drift recall "
              f"{r['rebuild_drift_recall']}, precision {r['rebuild_drift_precision']}; speakers P "
              f"{r['speaker_precision']} R {r['speaker_recall']}")
    out = RESULTS / f"dedupe-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                               "results": results}, indent=2))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
