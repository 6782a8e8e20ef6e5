"""Deduplication: near-identical claims across articles go into one cluster.

Claims are compared in their normalised form (:func:`claims.normalize.normalize`), never all
pairs: each claim is indexed under a few block keys (its rarest long words), candidates are the
claims sharing a key, and only those are scored with rapidfuzz. A claim joins the cluster of
its best candidate when the score reaches the threshold, else starts a cluster of its own.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlite_utils
from rapidfuzz import fuzz

from claims.normalize import normalize

THRESHOLD = 88.0
KEYS_PER_CLAIM = 4
NEGATIONS = frozenset("not no never nor cannot cant dont doesnt didnt wont isnt arent wasnt werent "
                      "لا لم لن ليس ليست ما غير".split())


def block_keys(norm_text: str, k: int = KEYS_PER_CLAIM) -> list[str]:
    """The ``k`` longest distinct words (ties by text), as blocking keys."""
    words = sorted({w for w in norm_text.split() if len(w) >= 4}, key=lambda w: (-len(w), w))
    return words[:k]


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two normalised claim texts; partial matches count (a truncated
    quote inside a longer one), but a negation present in one and not the other scores 0."""
    if not a or not b:
        return 0.0
    if {w for w in a.split() if w in NEGATIONS} != {w for w in b.split() if w in NEGATIONS}:
        return 0.0
    full = fuzz.ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) >= 6 and len(short) >= 0.3 * len(long_):
        return max(full, fuzz.partial_ratio(short, long_) - 2)
    return full


def update(db: sqlite_utils.Database, claim_ids: Sequence[str], *, threshold: float = THRESHOLD,
           stale_clusters: Iterable[str] = ()) -> None:
    """Cluster the claims ``claim_ids`` (newly stored) against everything already clustered;
    ``stale_clusters`` (which lost members when articles were replaced) are recounted too."""
    touched: set[str] = set(stale_clusters or ())
    with db.conn:
        for cid in claim_ids:
            rows = list(db.query("select id, text from claims where id = ?", [cid]))
            if not rows:
                continue
            norm = normalize(rows[0]["text"])
            keys = block_keys(norm)
            db.execute("delete from dedupe_keys where claim_id = ?", [cid])
            best_cluster, best = None, 0.0
            if keys:
                cands = db.query(
                    f"""select distinct claims.id, claims.text, claims.cluster_id from dedupe_keys
                        join claims on claims.id = dedupe_keys.claim_id
                        where dedupe_keys.key in ({','.join('?' * len(keys))})
                          and claims.id != ? and claims.cluster_id is not null""",
                    [*keys, cid])
                for c in cands:
                    s = similarity(norm, normalize(c["text"]))
                    if s > best:
                        best_cluster, best = c["cluster_id"], s
            if best_cluster is None or best < threshold:
                best_cluster, best = cid, 100.0
                db["clusters"].upsert({"id": cid, "canonical_claim_id": cid}, pk="id")
            db.execute("update claims set cluster_id = ?, cluster_score = ? where id = ?",
                       [best_cluster, round(best, 1), cid])
            db["dedupe_keys"].insert_all(({"key": k, "claim_id": cid} for k in keys), pk=("key", "claim_id"),
                                         ignore=True)
            touched.add(best_cluster)
        refresh_clusters(db, touched)


def refresh_clusters(db: sqlite_utils.Database, cluster_ids: Iterable[str] | None = None) -> None:
    """Recompute size, articles, outlets, dates and canonical text of clusters; drop empty ones."""
    where = ""
    params: list[str] = []
    if cluster_ids is not None:
        ids = list(cluster_ids)
        if not ids:
            return
        where = f"where clusters.id in ({','.join('?' * len(ids))})"
        params = ids
    db.execute(f"""
        update clusters set canonical_claim_id = (
          select id from claims where cluster_id = clusters.id order by published, article_id, start limit 1)
        {where + ' and' if where else 'where'}
          canonical_claim_id not in (select id from claims where cluster_id = clusters.id)""", params)
    db.execute(f"""
        update clusters set
          size = (select count(*) from claims where cluster_id = clusters.id),
          n_articles = (select count(distinct article_id) from claims where cluster_id = clusters.id),
          n_outlets = (select count(distinct outlet) from claims where cluster_id = clusters.id),
          first_seen = (select min(published) from claims where cluster_id = clusters.id),
          last_seen = (select max(published) from claims where cluster_id = clusters.id),
          canonical_text = (select text from claims where id = clusters.canonical_claim_id),
          speaker = (select speaker from claims where id = clusters.canonical_claim_id)
        {where}""", params)
    db.execute("update claims set cluster_id = null where cluster_id in (select id from clusters where size = 0)")
    db.execute("delete from clusters where size = 0 or size is null")


def rebuild(db: sqlite_utils.Database, *, threshold: float = THRESHOLD) -> None:
    """Recompute every cluster from scratch (for example with another threshold)."""
    with db.conn:
        db.execute("update claims set cluster_id = null, cluster_score = null")
        db.execute("delete from dedupe_keys")
        db.execute("delete from clusters")
    ids = [r["id"] for r in db.query("select id from claims order by published, article_id, start")]
    update(db, ids, threshold=threshold)
