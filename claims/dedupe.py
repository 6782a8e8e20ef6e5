"""Deduplication: one claim, every place it appeared.

Claims are compared by their match form (:func:`claims.matching.match_form`); claims with the
same form are one node. Nodes are never compared all pairs: each is indexed under blocking keys
(:mod:`claims.blocking`, persisted in ``dedupe_keys`` for one representative claim per form)
and scored (:func:`claims.matching.score`) only against nodes sharing a key. Two nodes scoring
at least the threshold are linked, and a cluster is a connected component of links — so the
result does not depend on load order, and :func:`update` (new claims against the stored index)
gives what :func:`rebuild` gives on the same data.

Per claim: ``cluster_id`` (the smallest claim id of its cluster), ``cluster_score`` (its best
link: 100 for an identical copy, the similarity to the claim it matched best otherwise, 100
alone) and ``cluster_via`` (that claim). Per cluster (:func:`refresh_clusters`): canonical
claim (the most repeated form, earliest first), size, articles, outlets, first and last seen,
speaker (the canonical claim's person, :mod:`claims.speakers`) and figure drift
(:mod:`claims.drift`).
"""
from __future__ import annotations

import multiprocessing as mp
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import sqlite_utils

from claims import drift, speakers
from claims.blocking import block_keys
from claims.matching import THRESHOLD, Features, match_form, score, similarity
from claims.model import stable_id

__all__ = ["THRESHOLD", "block_keys", "ensure_tables", "rebuild", "refresh_clusters", "similarity", "update"]

# A key shared by more forms than this is too common to block on (a set phrase, not a quote).
MAX_BLOCK = 40
# Below this many texts, computing forms in worker processes costs more than it saves.
PARALLEL_MIN = 50_000

CLAIM_COLUMNS = {"cluster_via": str, "match_hash": str}
CLUSTER_COLUMNS = {"speaker_id": str, "drift_detail": str}


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Add the columns deduplication and speaker identity keep (idempotent)."""
    for table, cols in (("claims", CLAIM_COLUMNS), ("clusters", CLUSTER_COLUMNS)):
        have = db[table].columns_dict
        for col, typ in cols.items():
            if col not in have:
                db[table].add_column(col, typ)
    db["claims"].create_index(["match_hash"], if_not_exists=True)
    speakers.ensure_tables(db)


def form_hash(form: str) -> str:
    return stable_id("form", form)


@dataclass(slots=True)
class _Form:
    """Claims sharing one match form."""

    form: str
    hash: str
    claims: list[str]
    features: Features | None = None
    keys: list[str] | None = None


def _analyse(forms: Sequence[str]) -> list[tuple[Features, list[str]]]:
    return [(Features.of(f), block_keys(f)) for f in forms]


def _pmap(fn, items: list, *, chunk: int = 5000) -> list:
    """``fn`` over chunks of ``items``, in two processes when there are many."""
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    if len(items) < PARALLEL_MIN or "fork" not in mp.get_all_start_methods():
        return [y for c in chunks for y in fn(c)]
    with mp.get_context("fork").Pool(2) as pool:
        return [y for part in pool.imap(fn, chunks) for y in part]


def _match_forms(texts: list[str]) -> list[str]:
    return [match_form(t) for t in texts]


def _pairs(keys: Sequence[Sequence[str]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of nodes sharing a key of a block no larger than MAX_BLOCK."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    out: set[tuple[int, int]] = set()
    for members in index.values():
        if 1 < len(members) <= MAX_BLOCK:
            for n, a in enumerate(members):
                for b in members[n + 1:]:
                    out.add((a, b) if a < b else (b, a))
    return out


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        p = self.parent.setdefault(x, x)
        if p == x:
            return x
        root = self.find(p)
        self.parent[x] = root
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _best(current: tuple[float, str] | None, cand: tuple[float, str]) -> tuple[float, str]:
    """The better of two (score, via claim id) links: higher score, then smaller id."""
    if current is None or cand[0] > current[0] or (cand[0] == current[0] and cand[1] < current[1]):
        return cand
    return current


def _form_links(forms: Sequence[_Form]) -> dict[str, tuple[float, str]]:
    """Best link of each claim to a claim of its own form (100, the smallest other id)."""
    out: dict[str, tuple[float, str]] = {}
    for f in forms:
        if len(f.claims) > 1:
            ids = sorted(f.claims)
            for c in ids:
                out[c] = (100.0, ids[1] if c == ids[0] else ids[0])
    return out


# --- rebuild -------------------------------------------------------------------------------

def rebuild(db: sqlite_utils.Database, *, threshold: float = THRESHOLD) -> dict[str, int]:
    """Recompute every cluster (and every speaker's person) from scratch. Returns counts."""
    ensure_tables(db)
    with db.atomic():
        speakers.rebuild(db)
    rows = db.conn.execute("select id, text from claims").fetchall()
    ids = [r[0] for r in rows]
    texts = sorted({r[1] or "" for r in rows})
    form_of_text = dict(zip(texts, _pmap(_match_forms, texts)))
    by_form: dict[str, list[str]] = defaultdict(list)
    for cid, text in rows:
        by_form[form_of_text[text or ""]].append(cid)
    del rows, texts, form_of_text
    forms = [_Form(f, form_hash(f), sorted(cs)) for f, cs in by_form.items() if f]
    empty = by_form.get("", [])
    del by_form
    for f, (feat, keys) in zip(forms, _pmap(_analyse, [f.form for f in forms])):
        f.features, f.keys = feat, keys
    uf = _UnionFind()
    links = _form_links(forms)
    for a, b in _pairs([f.keys for f in forms]):
        s = score(forms[a].features, forms[b].features, score_cutoff=threshold)
        if s >= threshold:
            uf.union(a, b)
            for x, y in ((a, b), (b, a)):
                for c in forms[x].claims:
                    links[c] = _best(links.get(c), (s, forms[y].claims[0]))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(forms)):
        members[uf.find(i)].append(i)
    cluster_of: dict[str, str] = {}
    for group in members.values():
        cid = min(forms[i].claims[0] for i in group)
        for i in group:
            for c in forms[i].claims:
                cluster_of[c] = cid
    for c in empty:
        cluster_of[c] = c
    hash_of = {c: f.hash for f in forms for c in f.claims}
    _write_rebuild(db, ids, cluster_of, links, hash_of, forms)
    refresh_clusters(db)
    return {"claims": len(ids), "forms": len(forms), "clusters": len(set(cluster_of.values()))}


def _write_rebuild(db: sqlite_utils.Database, ids: list[str], cluster_of: dict[str, str],
                   links: dict[str, tuple[float, str]], hash_of: dict[str, str], forms: list[_Form]) -> None:
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # clusters are replaced whole; rows match by construction
    try:
        with conn:
            conn.execute("delete from dedupe_keys")
            conn.execute("delete from clusters")
            conn.executemany("insert into clusters (id) values (?)", ((c,) for c in set(cluster_of.values())))
            conn.execute("create temp table if not exists _assign (id text primary key, cluster_id text, "
                         "score real, via text, hash text)")
            conn.execute("delete from _assign")
            conn.executemany("insert into _assign values (?, ?, ?, ?, ?)", (
                (c, cluster_of[c], *(links.get(c) or (100.0, None)), hash_of.get(c)) for c in ids))
            conn.execute("""update claims set cluster_id = a.cluster_id, cluster_score = a.score,
                            cluster_via = a.via, match_hash = a.hash from _assign a where a.id = claims.id""")
            conn.execute("drop table _assign")
            conn.executemany("insert or ignore into dedupe_keys (key, claim_id) values (?, ?)",
                             sorted((k, f.claims[0]) for f in forms for k in f.keys or ()))
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


# --- update --------------------------------------------------------------------------------

def _chunks(items: Sequence, n: int = 500) -> Iterator[Sequence]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _query_in(db: sqlite_utils.Database, sql: str, values: Sequence, *extra: object) -> list[tuple]:
    """Run ``sql`` (holding one ``{in}`` placeholder list) over ``values`` in chunks."""
    out: list[tuple] = []
    for chunk in _chunks(list(values)):
        out += db.conn.execute(sql.format(in_=",".join("?" * len(chunk))), [*chunk, *extra]).fetchall()
    return out


def update(db: sqlite_utils.Database, claim_ids: Sequence[str], *, threshold: float = THRESHOLD,
           stale_clusters: Iterable[str] = ()) -> dict[str, int]:
    """Cluster ``claim_ids`` (new claims) against the stored clusters through the stored
    blocking index, and re-cluster ``stale_clusters`` (which lost members when their articles
    were replaced). Claims already clustered that are passed again re-cluster their cluster."""
    ensure_tables(db)
    with db.atomic():
        return _update(db, list(dict.fromkeys(claim_ids)), threshold, set(stale_clusters or ()))


def _update(db: sqlite_utils.Database, claim_ids: list[str], threshold: float, stale: set[str]) -> dict[str, int]:
    conn = db.conn
    stale |= {r[0] for r in _query_in(db, "select distinct cluster_id from claims where id in ({in_}) "
                                          "and cluster_id is not null", claim_ids)}
    stale_members = [r[0] for r in _query_in(db, "select id from claims where cluster_id in ({in_})", sorted(stale))]
    pending = list(dict.fromkeys(claim_ids + stale_members))
    rows = _query_in(db, "select id, text, speaker_id from claims where id in ({in_})", pending)
    if not rows and not stale:
        return {"claims": 0, "clusters": 0}
    new_speakers = {r[2] for r in rows if r[2]}
    if new_speakers:
        speakers.update(db, new_speakers)
    conn.execute("create temp table if not exists _pending (id text primary key)")
    conn.execute("delete from _pending")
    conn.executemany("insert into _pending values (?)", ((r[0],) for r in rows))
    for chunk in _chunks([r[0] for r in rows]):
        conn.execute(f"delete from dedupe_keys where claim_id in ({','.join('?' * len(chunk))})", chunk)

    by_form: dict[str, list[str]] = defaultdict(list)
    for cid, text, _ in rows:
        by_form[match_form(text)].append(cid)
    forms = [_Form(f, form_hash(f), sorted(cs)) for f, cs in by_form.items() if f]
    uf = _UnionFind()
    links = _form_links(forms)
    score_updates: list[tuple[float, str, str]] = []  # (score, via, match_hash of stored claims)

    # forms already stored: join their cluster, and they join the new claims
    stored = {h: (cid, cl) for h, cid, cl in _query_in(
        db, "select match_hash, min(id), min(cluster_id) from claims where match_hash in ({in_}) and cluster_id "
            "is not null and id not in (select id from _pending) group by match_hash", [f.hash for f in forms])}
    new: list[int] = []  # forms not stored yet: they get blocking keys and are scored
    for i, f in enumerate(forms):
        uf.find(("f", i))
        if f.hash in stored:
            other, cluster = stored[f.hash]
            uf.union(("f", i), ("c", cluster))
            for c in f.claims:
                links[c] = (100.0, other)
            score_updates.append((100.0, f.claims[0], f.hash))
        else:
            new.append(i)
    new_forms = [forms[i] for i in new]
    for f, (feat, keys) in zip(new_forms, _analyse([f.form for f in new_forms])):
        f.features, f.keys = feat, keys

    # candidates among stored representatives sharing a key (blocks no larger than MAX_BLOCK)
    all_keys = sorted({k for f in new_forms for k in f.keys})
    sizes = dict(_query_in(db, "select key, count(*) from dedupe_keys where key in ({in_}) group by key", all_keys))
    usable = [k for k in all_keys if sizes.get(k, 0) + sum(k in f.keys for f in new_forms) <= MAX_BLOCK]
    cands: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)  # key -> (id, text, cluster, hash)
    for key, cid, text, cluster, h in _query_in(
            db, "select k.key, c.id, c.text, c.cluster_id, c.match_hash from dedupe_keys k "
                "join claims c on c.id = k.claim_id where k.key in ({in_})", usable):
        cands[key].append((cid, text, cluster, h))
    feats: dict[str, Features] = {}
    usable_set = set(usable)
    for i, f in zip(new, new_forms):
        node = ("f", i)
        seen: set[str] = set()
        for k in f.keys:
            if k not in usable_set:
                continue
            for cid, text, cluster, h in cands.get(k, ()):
                if h in seen:
                    continue
                seen.add(h)
                other = feats.get(h) or feats.setdefault(h, Features.of(match_form(text)))
                s = score(f.features, other, score_cutoff=threshold)
                if s >= threshold:
                    uf.union(node, ("c", cluster))
                    for c in f.claims:
                        links[c] = _best(links.get(c), (s, cid))
                    score_updates.append((s, f.claims[0], h))
    # new forms against each other
    for a, b in _pairs([[k for k in f.keys if k in usable_set] for f in new_forms]):
        s = score(new_forms[a].features, new_forms[b].features, score_cutoff=threshold)
        if s >= threshold:
            uf.union(("f", new[a]), ("f", new[b]))
            for x, y in ((a, b), (b, a)):
                for c in new_forms[x].claims:
                    links[c] = _best(links.get(c), (s, new_forms[y].claims[0]))
    return _write_update(db, forms, new_forms, uf, links, score_updates, stale, by_form.get("", []))


def _write_update(db: sqlite_utils.Database, forms: list[_Form], new_forms: list[_Form], uf: _UnionFind,
                  links: dict[str, tuple[float, str]], score_updates: list[tuple[float, str, str]],
                  stale: set[str], empty: list[str]) -> dict[str, int]:
    conn = db.conn
    groups: dict = defaultdict(lambda: ([], []))  # root -> (stored cluster ids, pending claim ids)
    for i, f in enumerate(forms):
        groups[uf.find(("f", i))][1].extend(f.claims)
    for node in list(uf.parent):
        if node[0] == "c":
            groups[uf.find(node)][0].append(node[1])
    touched = set(stale)
    assign: list[tuple[str, float, str | None, str, str]] = []
    renames: list[tuple[str, str]] = []
    for old_clusters, claim_ids in groups.values():
        cid = min(old_clusters + claim_ids)
        touched.add(cid)
        renames += [(cid, old) for old in old_clusters if old != cid]
        assign += [(cid, *(links.get(c) or (100.0, None)), c) for c in claim_ids]
    assign += [(c, 100.0, None, c) for c in empty]
    touched |= {c for c in empty}
    hash_of = {c: f.hash for f in forms for c in f.claims}
    conn.executemany("insert or ignore into clusters (id) values (?)", ((c,) for c in touched if c))
    conn.executemany("update claims set cluster_id = ?, cluster_score = ?, cluster_via = ?, match_hash = ? where id = ?",
                     ((cid, s, via, hash_of.get(c), c) for cid, s, via, c in assign))
    conn.executemany("update claims set cluster_id = ? where cluster_id = ?", renames)
    touched |= {old for _, old in renames}
    conn.executemany("""update claims set cluster_score = ?, cluster_via = ? where match_hash = ?
                        and id not in (select id from _pending)
                        and (cluster_via is null or cluster_score < ?1)""",
                     ((s, via, h) for s, via, h in score_updates))
    conn.executemany("insert or ignore into dedupe_keys (key, claim_id) values (?, ?)",
                     ((k, f.claims[0]) for f in new_forms for k in f.keys))
    conn.execute("drop table if exists _pending")
    refresh_clusters(db, touched)
    return {"claims": len(assign), "clusters": len(groups)}


# --- cluster rows --------------------------------------------------------------------------

def _cluster_row(cid: str, members: list[tuple], figures: dict[str, list]) -> dict:
    """A clusters row from its members: (id, text, article_id, outlet, published, start,
    match_hash, person_id, person, speaker)."""
    counts = Counter(m[6] for m in members)
    canon = min(members, key=lambda m: (-counts[m[6]], m[4] or "\uffff", m[2], m[5] or 0, m[0]))
    dates = [m[4] for m in members if m[4]]
    found = drift.drifting({m[0]: figures[m[0]] for m in members if m[0] in figures})
    return {
        "id": cid, "canonical_claim_id": canon[0], "canonical_text": canon[1],
        "speaker": canon[8] or canon[9], "speaker_id": canon[7],
        "size": len(members), "n_articles": len({m[2] for m in members}),
        "n_outlets": len({m[3] for m in members if m[3]}),
        "first_seen": min(dates) if dates else None, "last_seen": max(dates) if dates else None,
        "figure_drift": int(bool(found)), "drift_detail": drift.describe(found),
    }


MEMBER_SQL = ("select id, text, article_id, outlet, published, start, match_hash, person_id, person, speaker, "
              "cluster_id from claims")
FIGURE_SQL = "select claim_id, kind, unit, key from figures where claim_id is not null"
CLUSTER_FIELDS = ("canonical_claim_id", "canonical_text", "speaker", "speaker_id", "size", "n_articles", "n_outlets",
                  "first_seen", "last_seen", "figure_drift", "drift_detail")


def refresh_clusters(db: sqlite_utils.Database, cluster_ids: Iterable[str] | None = None) -> None:
    """Recompute the rows of ``cluster_ids`` (all when None) from their members; drop clusters
    left without members. Runs in the caller's transaction, or in its own when there is none."""
    if db.conn.in_transaction:
        _refresh(db, cluster_ids)
    else:
        with db.atomic():
            _refresh(db, cluster_ids)


def _refresh(db: sqlite_utils.Database, cluster_ids: Iterable[str] | None) -> None:
    conn = db.conn
    if cluster_ids is None:
        members_rows = conn.execute(MEMBER_SQL + " where cluster_id is not null").fetchall()
        fig_rows = conn.execute(FIGURE_SQL).fetchall()
        ids = None
    else:
        ids = sorted(c for c in set(cluster_ids) if c)
        if not ids:
            return
        members_rows = _query_in(db, MEMBER_SQL + " where cluster_id in ({in_})", ids)
        fig_rows = _query_in(db, FIGURE_SQL + " and claim_id in (select id from claims where cluster_id in ({in_}))", ids)
    members: dict[str, list[tuple]] = defaultdict(list)
    for m in members_rows:
        members[m[10]].append(m)
    del members_rows
    figures = drift.group_figures(fig_rows)
    conn.executemany("insert or ignore into clusters (id) values (?)", ((c,) for c in members))
    sets = ", ".join(f"{f} = :{f}" for f in CLUSTER_FIELDS)
    conn.executemany(f"update clusters set {sets} where id = :id",
                     (_cluster_row(cid, ms, figures) for cid, ms in members.items()))
    if ids is None:
        conn.execute("delete from clusters where id not in (select cluster_id from claims where cluster_id is not null)")
    else:
        gone = [c for c in ids if c not in members]
        conn.executemany("delete from clusters where id = ?", ((c,) for c in gone))
