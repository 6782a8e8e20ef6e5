"""Deduplication benchmark: cluster quality on generated claims, and speed and memory at scale.

    python -m benchmarks.dedupe_bench [--sizes 10000,100000,1000000] [--seed 1] [--rebuild-cache]

For each size:

1. **Database** (not timed as dedup): claims from :mod:`benchmarks.dedupe_gen` written with the
   store's own row function (``store.article_rows``, direct executemany, one
   transaction per 20,000 articles), with the truth in ``bench_truth``. Built once per (size,
   seed, generator version) and cached in ``benchmarks/results/cache/`` (git-ignored); every run
   works on a copy.
2. **Rebuild** in a fresh process: wall time and CPU time of ``dedupe.rebuild`` (speakers
   included), time per step, the machine's load average around it (the machine may be shared),
   and peak resident memory (``getrusage`` maxrss of the process — interpreter and SQLite page
   cache included — and of its largest forked worker). Then a second rebuild on unchanged data
   (nothing to write).
3. **Quality** against the generator's labels: pairwise precision / recall / F1 of the clusters,
   overall and per language, and again without the copies that are ambiguous by construction
   (every content word of the copy is also in another true claim: a truncation or a cut that
   lost every word telling two claims apart — no matcher can place them); recall per
   perturbation (share of copies in their base claim's cluster); hard negatives merged into the
   cluster they must stay apart from; figure-drift recall and precision (clusters flagged vs
   clusters holding a changed figure).
4. **Incremental**: 1,000 more claims stored the loader's way (``store.save_extraction``) and
   clustered with ``dedupe.update``; then a rebuild, and how many claims it put in another
   cluster than the incremental path did (0 = incremental equals rebuild).

Prints a table and writes JSON to ``benchmarks/results/``. Numbers only: nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.dedupe_gen import GEN_VERSION, generate
from claims import dedupe, store

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results"
CACHE = RESULTS / "cache"
EXTRACTOR_VERSION = "bench"
INCREMENTAL_CLAIMS = 1000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bulk_save(db, extractions: list) -> None:
    """Write many extractions at once with the store's row functions (what save_extraction
    writes, without its per-article transaction and replace step: the database is new)."""
    arts, speakers, sources, claims, figs = [], {}, {}, [], []
    for ex in extractions:
        rows = store.article_rows(ex)
        arts.append(store.article_row(rows, EXTRACTOR_VERSION))
        for r in rows.speakers:
            speakers.setdefault(r[0], r)
        for r in rows.sources:
            sources.setdefault(r[0], r)
        claims += rows.claims
        figs += rows.figures
    conn = db.conn
    for table, cols, rows, ignore in (("articles", store.ARTICLE_COLUMNS, arts, False),
                                      ("speakers", store.SPEAKER_COLUMNS, list(speakers.values()), True),
                                      ("sources", store.SOURCE_COLUMNS, list(sources.values()), True),
                                      ("claims", store.CLAIM_COLUMNS, claims, False),
                                      ("figures", store.FIGURE_COLUMNS, figs, False)):
        if rows:
            conn.executemany(f"insert {'or ignore ' if ignore else ''}into {table} ({', '.join(map(repr, cols))}) "
                             f"values ({', '.join('?' * len(cols))})", rows)


def build(path: str, n: int, seed: int) -> dict:
    """Generate ``n`` claims into a new database at ``path``, with the truth in ``bench_truth``."""
    t0 = time.perf_counter()
    db = store.open_db(path)
    conn = db.conn
    conn.execute("create table bench_truth (claim_id text primary key, label int, parent int, perturbation text, "
                 "drift int, lang text)")
    batch: list = []
    truth: list = []

    def flush() -> None:
        conn.execute("BEGIN")
        bulk_save(db, batch)
        conn.executemany("insert into bench_truth values (?, ?, ?, ?, ?, ?)", truth)
        conn.execute("COMMIT")
        batch.clear()
        truth.clear()

    count = 0
    for art in generate(n, seed=seed):
        ex = art.extraction()
        batch.append(ex)
        truth += [(c.id, g.label, g.parent, g.perturbation, int(g.drift), g.lang)
                  for c, (g, _, _) in zip(ex.claims, art.claims)]
        count += len(ex.claims)
        if len(batch) >= 20_000:
            flush()
    flush()
    with db.atomic():
        store.refresh_counts(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"claims": count, "build_s": round(time.perf_counter() - t0, 1), "build_peak_mb": round(peak_mb())}


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (the forked workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_rebuild(path: str) -> dict:
    db = store.open_db(path, create=False)
    load = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), cpu_s()
    counts = dedupe.rebuild(db)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {**counts, "rebuild_s": round(time.perf_counter() - t0, 1), "rebuild_cpu_s": round(cpu_s() - c0, 1),
            "rebuild_peak_mb": round(peak_mb()), "rebuild_worker_peak_mb": round(kids),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}


def run_rebuild_again(path: str) -> dict:
    db = store.open_db(path, create=False)
    t0 = time.perf_counter()
    dedupe.rebuild(db)
    return {"rebuild_unchanged_s": round(time.perf_counter() - t0, 1)}


def run_incremental(path: str, seed: int) -> dict:
    """Load INCREMENTAL_CLAIMS more claims the way the loader does, then cluster them."""
    db = store.open_db(path, create=False)
    arts = list(generate(INCREMENTAL_CLAIMS, seed=seed + 1000))
    exs = [a.extraction() for a in arts]
    truth = [(c.id, g.label + 10_000_000, g.parent + 10_000_000 if g.parent else 0, g.perturbation, int(g.drift),
              g.lang) for a, ex in zip(arts, exs) for c, (g, _, _) in zip(ex.claims, a.claims)]
    t0 = time.perf_counter()
    stale: set[str] = set()
    for ex in exs:
        stale |= store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    t1 = time.perf_counter()
    dedupe.update(db, [c.id for ex in exs for c in ex.claims], stale_clusters=stale)
    t2 = time.perf_counter()
    with db.atomic():
        db.conn.executemany("insert or replace into bench_truth values (?, ?, ?, ?, ?, ?)", truth)
    return {"incremental_claims": len(truth), "incremental_store_s": round(t1 - t0, 2),
            "incremental_dedupe_s": round(t2 - t1, 2), "incremental_peak_mb": round(peak_mb())}


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def prf(rows: list[tuple]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of (label, cluster) rows."""
    pred, true, both = Counter(), Counter(), Counter()
    for label, cl in rows:
        pred[cl] += 1
        true[label] += 1
        both[(cl, label)] += 1
    tp = sum(pairs(v) for v in both.values())
    pp, tt = sum(pairs(v) for v in pred.values()), sum(pairs(v) for v in true.values())
    p, r = (tp / pp if pp else 1.0), (tp / tt if tt else 1.0)
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r) if p + r else 0.0, 4)


def quality(path: str) -> dict:
    """Pairwise precision / recall / F1 (overall, per language), recall per perturbation, hard
    negatives merged, drift."""
    db = store.open_db(path, create=False)
    rows = db.conn.execute("select t.claim_id, t.label, t.parent, t.perturbation, t.drift, t.lang, c.cluster_id, "
                           "k.figure_drift from bench_truth t join claims c on c.id = t.claim_id "
                           "left join clusters k on k.id = c.cluster_id").fetchall()
    base_cluster = {label: cl for _, label, _, pert, _, _, cl, _ in rows if pert.endswith("base")}
    p, r, f1 = prf([(x[1], x[6]) for x in rows])
    by_lang = {lang: prf([(x[1], x[6]) for x in rows if x[5] == lang]) for lang in sorted({x[5] for x in rows})}
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    hard: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    drift_labels: set[int] = set()
    for _, label, parent, pert, drift, _, cl, _ in rows:
        kinds = pert.split(":")[-1]
        if label in base_cluster and not pert.endswith("base"):
            hit = cl == base_cluster[label]
            for k in {kinds.split("+")[0], "all"} | ({"stacked"} if "+" in kinds else set()):
                per[k][0] += hit
                per[k][1] += 1
        if parent and parent in base_cluster:
            tag = pert.split(":")[0]
            hard[tag][0] += cl == base_cluster[parent]
            hard[tag][1] += 1
        if drift:
            drift_labels.add(label)
    ambiguous = _fits_another_claim(db, rows, base_cluster)
    missed_ambiguous = sum(1 for cid, label, _, _, _, _, cl, _ in rows if cid in ambiguous and cl != base_cluster[label])
    per_clear: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for cid, label, _, pert, _, _, cl, _ in rows:
        kinds = pert.split(":")[-1]
        if label in base_cluster and not pert.endswith("base") and cid not in ambiguous:
            for k in {kinds.split("+")[0], "all"}:
                per_clear[k][0] += cl == base_cluster[label]
                per_clear[k][1] += 1
    p_clear, r_clear, f1_clear = prf([(x[1], x[6]) for x in rows if x[0] not in ambiguous])
    flagged = {cl for *_, cl, fd in rows if fd}
    drift_clusters = {base_cluster.get(lb) for lb in drift_labels}
    drift_found = sum(1 for lb in drift_labels if base_cluster.get(lb) in flagged)
    return {
        "precision": p, "recall": r, "f1": f1,
        "by_language": {lang: {"precision": v[0], "recall": v[1], "f1": v[2]} for lang, v in by_lang.items()},
        "true_clusters": len({x[1] for x in rows}), "predicted_clusters": len({x[6] for x in rows}),
        "recall_by_perturbation": {k: round(a / b, 4) for k, (a, b) in sorted(per.items())},
        "copies_by_perturbation": {k: b for k, (a, b) in sorted(per.items())},
        "hard_negatives_merged": {k: f"{a}/{b}" for k, (a, b) in sorted(hard.items())},
        "copies_fitting_another_claim": len(ambiguous),
        "missed_copies_fitting_another_claim": missed_ambiguous,
        "precision_unambiguous": p_clear, "recall_unambiguous": r_clear, "f1_unambiguous": f1_clear,
        "recall_by_perturbation_unambiguous": {k: round(a / b, 4) for k, (a, b) in sorted(per_clear.items())},
        "drift_recall": round(drift_found / len(drift_labels), 4) if drift_labels else None,
        "drift_precision": round(len(flagged & drift_clusters) / len(flagged), 4) if flagged else None,
    }


def _fits_another_claim(db, rows: list[tuple], base_cluster: dict[int, str]) -> set[str]:
    """Copies that are ambiguous by construction, found or missed: every content word of the
    copy is in the base claim of another true cluster too (a truncation or a cut that lost
    every word telling the two apart), so no matcher can tell which claim it belongs to.
    Reported beside precision and recall (``*_unambiguous``: computed without them), never
    taken out of them."""
    from claims.blocking import content_words
    from claims.matching import match_form

    copies = {cid: label for cid, label, _, pert, _, _, cl, _ in rows
              if label in base_cluster and not pert.endswith("base")}
    if not copies:
        return set()
    text = dict(db.conn.execute("select id, text from claims").fetchall())
    words = {cid: set(content_words(match_form(text[cid]))) for cid in copies}
    wanted = set().union(*words.values())
    index: dict[str, set[int]] = defaultdict(set)
    for cid, label, _, pert, *_ in rows:
        if pert.endswith("base"):
            for w in set(content_words(match_form(text[cid]))) & wanted:
                index[w].add(label)
    out = set()
    for cid, label in copies.items():
        ws = sorted(words[cid], key=lambda w: len(index.get(w, ())))
        if not ws:
            continue
        labels = set(index.get(ws[0], ()))
        for w in ws[1:]:
            labels &= index.get(w, set())
            if not labels - {label}:
                break
        if labels - {label}:
            out.add(cid)
    return out


def speaker_quality(path: str, seed: int) -> dict:
    """How the speaker rows of full names were grouped into persons (pairwise, against the
    generator: a name in either script is one person)."""
    from benchmarks.dedupe_gen import Generator

    truth = {}
    for i, (en, ar) in enumerate(Generator(seed).people):
        truth[store.speaker_id(en)] = truth[store.speaker_id(ar)] = i
    db = store.open_db(path, create=False)
    rows = [(r[0], r[1]) for r in db.conn.execute("select id, canonical_speaker_id from speakers") if r[0] in truth]
    p, r, _ = prf([(truth[sid], canon) for sid, canon in rows])
    linked = db.conn.execute("select count(*) from speaker_aliases where how like 'surname%'").fetchone()[0]
    return {"speaker_rows": len(rows), "speaker_precision": p, "speaker_recall": r, "surname_links": linked}


def equal_to_rebuild(path: str) -> dict:
    """After the incremental load: does a rebuild give the same clusters? (claims whose cluster
    differs, as sets of claims, and claims whose score differs)"""
    db = store.open_db(path, create=False)
    q = "select id, cluster_id, cluster_score from claims order by id"
    before = db.conn.execute(q).fetchall()
    dedupe.rebuild(db)
    after = db.conn.execute(q).fetchall()

    def members(snapshot):
        groups = defaultdict(set)
        for cid, cl, _ in snapshot:
            groups[cl].add(cid)
        return {cid: frozenset(groups[cl]) for cid, cl, _ in snapshot}

    mb, ma = members(before), members(after)
    differ = sum(1 for c in mb if mb[c] != ma.get(c))
    scores = sum(1 for x, y in zip(before, after) if x[2] != y[2])
    return {"incremental_equals_rebuild": differ == 0, "incremental_vs_rebuild_claims_differing": differ,
            "incremental_vs_rebuild_scores_differing": scores}


def child(args: list[str]) -> dict:
    """Run one step in a fresh interpreter, so its peak memory is its own."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.dedupe_bench", "--step", *args],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cached_db(n: int, seed: int, rebuild_cache: bool) -> tuple[Path, dict]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bench-{n}-s{seed}-g{GEN_VERSION}.db"
    meta = path.with_suffix(".json")
    if rebuild_cache or not path.exists() or not meta.exists():
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        meta.write_text(json.dumps(child(["build", str(path), str(n), str(seed)])))
    return path, json.loads(meta.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rebuild-cache", action="store_true", help="Regenerate the cached benchmark databases.")
    ap.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.step:
        name, path, *rest = a.step
        fn = {"build": lambda: build(path, int(rest[0]), int(rest[1])), "rebuild": lambda: run_rebuild(path),
              "again": lambda: run_rebuild_again(path), "incremental": lambda: run_incremental(path, int(rest[0])),
              "quality": lambda: quality(path), "speakers": lambda: speaker_quality(path, int(rest[0])),
              "equal": lambda: equal_to_rebuild(path)}[name]
        print(json.dumps(fn()))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(x) for x in a.sizes.split(",")):
        cache, meta = cached_db(n, a.seed, a.rebuild_cache)
        work = RESULTS / f"work-{n}.db"
        shutil.copyfile(cache, work)
        row = {"size": n, **meta}
        row |= child(["rebuild", str(work)])
        row |= child(["again", str(work)])
        row |= {f"rebuild_{k}": v for k, v in child(["quality", str(work)]).items()}
        row |= child(["speakers", str(work), str(a.seed)])
        row |= child(["incremental", str(work), str(a.seed)])
        row |= {f"after_incremental_{k}": v for k, v in child(["quality", str(work)]).items()
                if k in ("precision", "recall", "f1")}
        row |= child(["equal", str(work)])
        row["us_per_claim"] = round(row["rebuild_s"] * 1e6 / row["claims"], 1)
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
        for p in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
            p.unlink(missing_ok=True)
    print(f"\n{'claims':>9} {'P':>6} {'R':>6} {'F1':>6} {'rebuild s':>9} {'cpu s':>6} {'peak MB':>8} {'µs/claim':>8} "
          f"{'again s':>7} {'incr 1k s':>9} {'incr≠rebuild':>12} {'load':>5}")
    for r in results:
        print(f"{r['claims']:>9} {r['rebuild_precision']:>6.3f} {r['rebuild_recall']:>6.3f} {r['rebuild_f1']:>6.3f} "
              f"{r['rebuild_s']:>9.1f} {r['rebuild_cpu_s']:>6.1f} {r['rebuild_peak_mb']:>8} {r['us_per_claim']:>8} "
              f"{r['rebuild_unchanged_s']:>7.1f} {r['incremental_dedupe_s']:>9.2f} "
              f"{r['incremental_vs_rebuild_claims_differing']:>12} {r['load_before']:>5}")
    for r in results:
        print(f"\n{r['claims']} claims ({r['forms']} wordings, {r['pairs']} candidate pairs, {r['links']} links): "
              f"by language {r['rebuild_by_language']}")
        print(f"  recall by perturbation {r['rebuild_recall_by_perturbation']}")
        print(f"  copies that fit another true claim as well (ambiguous by construction): "
              f"{r['rebuild_copies_fitting_another_claim']} ({r['rebuild_missed_copies_fitting_another_claim']} of them "
              f"missed); without them P {r['rebuild_precision_unambiguous']} R {r['rebuild_recall_unambiguous']} "
              f"F1 {r['rebuild_f1_unambiguous']}, recall by perturbation {r['rebuild_recall_by_perturbation_unambiguous']}")
        print(f"  seconds by step {r['seconds']}")
        print(f"  hard negatives merged {r['rebuild_hard_negatives_merged']}; drift recall "
              f"{r['rebuild_drift_recall']}, precision {r['rebuild_drift_precision']}; speakers P "
              f"{r['speaker_precision']} R {r['speaker_recall']}")
    out = RESULTS / f"dedupe-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                               "results": results}, indent=2))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
