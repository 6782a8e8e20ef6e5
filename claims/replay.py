"""Corrections applied on top of extraction.

The ``claims`` table holds what extraction found with every active correction (status
``applied`` or ``stale``) replayed over it in the order they were made. Before a correction first
changes an extracted claim, the claim's extracted values are copied to ``claims_original``
(an article's metadata to ``articles_original``); a rejected claim moves to
``claims_rejected``. Those three tables are derived: replaying rebuilds them.

- :func:`after_save` runs on an article just written by extraction (called at the end of
  :func:`claims.store.save_extraction`), so a re-loaded or re-extracted article gets its
  corrections back;
- :func:`reapply` first puts an article back to its extracted state, then replays (after a new
  correction or an undo);
- :func:`apply_cluster_corrections` enforces cluster merges and splits after clustering.

A claim correction finds its claim by id, or else re-anchors: the claim's extracted text is
looked for in the article (nearest its old offset) and the claim overlapping it most (at least
:data:`REANCHOR_OVERLAP`) takes over. A correction that finds nothing is marked ``stale`` with
a note saying why; it is tried again on every later replay.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import sqlite_utils

from claims import dedupe, store
from claims.model import claim_id as make_claim_id
from claims.normalize import normalize, search_form

APPLIED, STALE, UNDONE = "applied", "stale", "undone"
REANCHOR_OVERLAP = 0.6
ORIGINAL_CLAIM_FIELDS = ("article_id", "kind", "text", "start", "end", "speaker_id", "speaker",
                         "speaker_role", "anonymous", "source_id", "source")
ARTICLE_FIELDS = ("title", "outlet", "url", "published")
CLUSTER_ACTIONS = ("merge_clusters", "split_cluster")

Row = dict[str, Any]
StepResult = tuple[str, str] | None  # (status, note), or None to leave the status alone


def loads(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def has_curation(db: sqlite_utils.Database) -> bool:
    """Whether the database has a ``corrections`` table (asked once per stored article)."""
    return store.has_table(db.conn, "corrections")


# --------------------------------------------------------------------------- entry points


def after_save(db: sqlite_utils.Database, article_id: str) -> None:
    """Replay the corrections of an article that extraction has just (re)written (two indexed
    look-ups when there are none)."""
    if not has_curation(db) or not (
            db.execute("select 1 from corrections where article_id = ? and status != 'undone' limit 1",
                       [article_id]).fetchone()
            or db.execute("select 1 from corrections where action = 'merge_speakers' and status != 'undone' "
                          "limit 1").fetchone()):
        return
    for table in ("claims_original", "claims_rejected"):
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    db.execute("delete from articles_original where article_id = ?", [article_id])
    _replay(db, article_id)


def reapply(db: sqlite_utils.Database, article_id: str) -> None:
    """Put an article back to what extraction made of it, then replay its active corrections."""
    restore(db, article_id)
    _replay(db, article_id, changed=True)


def restore(db: sqlite_utils.Database, article_id: str) -> None:
    """Undo every correction of an article in the tables (not in ``corrections``): rejected
    claims come back, added ones go, original values are put back."""
    common = [c for c in db["claims_rejected"].columns_dict if c in db["claims"].columns_dict]
    cols = ", ".join(f'"{c}"' for c in common)
    picks = ", ".join("null" if c in ("cluster_id", "cluster_score") else f'"{c}"' for c in common)
    db.execute(f"insert or ignore into claims ({cols}) select {picks} from claims_rejected where article_id = ?",
               [article_id])
    db.execute("delete from claims_rejected where article_id = ?", [article_id])
    added = [r["id"] for r in db.query("select id from claims where article_id = ? and origin = 'added'",
                                       [article_id])]
    _drop_claims(db, added)
    for orig in list(db.query("select * from claims_original where article_id = ?", [article_id])):
        fields = {k: orig[k] for k in ORIGINAL_CLAIM_FIELDS}
        fields["search_text"] = search_form(orig["text"] or "")
        _update(db, "claims", "id", orig["claim_id"], fields)
    db.execute("delete from claims_original where article_id = ?", [article_id])
    db.execute("update claims set corrected = 0 where article_id = ? and corrected != 0", [article_id])
    for orig in list(db.query("select * from articles_original where article_id = ?", [article_id])):
        _set_article(db, article_id, {k: orig[k] for k in ARTICLE_FIELDS})
    db.execute("delete from articles_original where article_id = ?", [article_id])


def apply_cluster_corrections(db: sqlite_utils.Database) -> list[int]:
    """Enforce active cluster merges and splits (after clustering); returns the ids of those
    that went stale because their claims are gone."""
    if not has_curation(db):
        return []
    corrs = list(db.query(
        f"select * from corrections where status != 'undone' and action in ({_marks(CLUSTER_ACTIONS)}) order by id",
        list(CLUSTER_ACTIONS)))
    if not corrs:
        return []
    stale: list[int] = []
    touched: set[str] = set()
    with db.atomic():
        for corr in corrs:
            step = _merge_clusters if corr["action"] == "merge_clusters" else _split_cluster
            status, note = step(db, corr, touched)
            _set_status(db, corr, status, note)
            if status == STALE:
                stale.append(corr["id"])
        dedupe.refresh_clusters(db, touched)
    return stale


# --------------------------------------------------------------------------- replay


def _marks(items: Iterable[Any]) -> str:
    return ",".join("?" * len(list(items)))


def _active(db: sqlite_utils.Database, article_id: str) -> list[Row]:
    """Active corrections that act on the claims of ``article_id`` (its own and every speaker
    merge), oldest first."""
    return list(db.query(
        "select * from corrections where article_id = ? and status != 'undone' union all "
        "select * from corrections where action = 'merge_speakers' and status != 'undone' "
        "and article_id is null order by id", [article_id]))


def _speakers_in(db: sqlite_utils.Database, article_id: str) -> set[str]:
    return {r[0] for r in db.execute("select distinct speaker_id from claims where article_id = ?", [article_id])}


def _replay(db: sqlite_utils.Database, article_id: str, *, changed: bool = False) -> None:
    """Apply the active corrections of an article in order; then, if anything changed (or
    ``changed``), relink its figures and recount its speakers and sources."""
    article = store.get_article(db, article_id)
    corrs = _active(db, article_id)
    if article is None:
        for corr in corrs:
            if corr["article_id"] == article_id:
                _set_status(db, corr, STALE, f"article {article_id} is not in the database")
        return
    speakers = _speakers_in(db, article_id)
    for corr in corrs:
        if corr["action"] == "merge_speakers" and loads(corr["old_value"])["id"] not in speakers:
            continue  # (most merges are about other articles' speakers)
        step = STEPS.get(corr["action"])
        result = step(db, corr, article) if step else None
        if result:
            _set_status(db, corr, *result)
        if corr["action"] == "article":
            article = store.get_article(db, article_id) or article
        speakers, changed = _speakers_in(db, article_id), True
    if changed:
        relink_figures(db, article_id)
        _refresh_counts(db, article_id)


def _set_status(db: sqlite_utils.Database, corr: Row, status: str, note: str) -> None:
    if (corr["status"], corr["note"] or "") != (status, note):
        db.execute("update corrections set status = ?, note = ? where id = ?", [status, note or None, corr["id"]])
        corr["status"], corr["note"] = status, note or None


def article_people(db: sqlite_utils.Database, article_id: str) -> tuple[set[str], set[str]]:
    """Ids of the speakers and sources an article's claims have or had (current, extracted
    and rejected values)."""
    speakers: set[str] = set()
    sources: set[str] = set()
    for table in ("claims", "claims_original", "claims_rejected"):
        for r in db.query(f"select distinct speaker_id, source_id from {table} where article_id = ?", [article_id]):
            speakers.add(r["speaker_id"])
            sources.add(r["source_id"])
    return speakers - {None}, sources - {None}


def _refresh_counts(db: sqlite_utils.Database, article_id: str) -> None:
    speakers, sources = article_people(db, article_id)
    store.refresh_counts(db, speaker_ids=speakers, source_ids=sources)


def relink_figures(db: sqlite_utils.Database, article_id: str) -> None:
    """Give each figure of an article to the smallest claim containing it (as extraction does)
    and recount ``claims.n_figures``."""
    claims = sorted(db.query('select id, start, "end", n_figures from claims where article_id = ?', [article_id]),
                    key=lambda c: (c["start"], c["end"]))
    counts = {c["id"]: 0 for c in claims}
    for f in list(db.query('select id, start, "end", claim_id from figures where article_id = ?', [article_id])):
        holders = [c for c in claims if c["start"] <= f["start"] and f["end"] <= c["end"]]
        owner = min(holders, key=lambda c: c["end"] - c["start"])["id"] if holders else None
        for c in holders:
            counts[c["id"]] += 1
        if owner != f["claim_id"]:
            db.execute("update figures set claim_id = ? where id = ?", [owner, f["id"]])
    for c in claims:
        if c["n_figures"] != counts[c["id"]]:
            db.execute("update claims set n_figures = ? where id = ?", [counts[c["id"]], c["id"]])


# --------------------------------------------------------------------------- finding claims


def locate(text: str, snippet: str, near: int) -> int | None:
    """The offset of the occurrence of ``snippet`` in ``text`` nearest ``near``, or None."""
    if not snippet:
        return None
    best: int | None = None
    i = text.find(snippet)
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(snippet, i + 1)
    return best


def place(text: str, span: Row) -> tuple[int, int] | None:
    """``(start, end)`` of a stored span ``{start, end, text}`` in ``text``: where it was if the
    text there is unchanged, else the nearest place the same words are, else None."""
    if text[span["start"]:span["end"]] == span["text"]:
        return span["start"], span["end"]
    pos = locate(text, span["text"], span["start"])
    return None if pos is None else (pos, pos + len(span["text"]))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Characters in common over characters in either (0..1)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if inter > 0 and union > 0 else 0.0


def anchor_of(db: sqlite_utils.Database, claim: Row) -> dict[str, Any]:
    """Where a claim was extracted: ``{start, end, kind, text}`` (its original values if corrected)."""
    orig = original(db, claim["id"]) or claim
    return {"start": orig["start"], "end": orig["end"], "kind": orig["kind"], "text": orig["text"]}


def original(db: sqlite_utils.Database, claim_id: str) -> Row | None:
    rows = list(db.query("select * from claims_original where claim_id = ?", [claim_id]))
    return rows[0] if rows else None


def get_claim(db: sqlite_utils.Database, claim_id: str | None) -> Row | None:
    rows = list(db.query("select * from claims where id = ?", [claim_id])) if claim_id else []
    return rows[0] if rows else None


def find_claim(db: sqlite_utils.Database, corr: Row, article: Row) -> tuple[Row | None, str]:
    """The claim a correction is about, by id or re-anchored; else None and why."""
    cid = corr["claim_id"]
    row = get_claim(db, cid)
    if row is not None and row["article_id"] == article["id"]:
        return row, ""
    if db["claims_rejected"].count_where("id = ?", [cid]):
        return None, f"claim {cid} is rejected"
    anchor = loads(corr["anchor"])
    if not anchor:
        return None, f"claim {cid} is no longer extracted"
    span = place(article["text"], anchor) or (anchor["start"], anchor["end"])
    best, score = None, 0.0
    for c in db.query('select * from claims where article_id = ?', [article["id"]]):
        s = overlap(span, (c["start"], c["end"]))
        if s > score:
            best, score = c, s
    if best is None or score < REANCHOR_OVERLAP:
        return None, f"claim {cid} is no longer extracted"
    db.execute("update corrections set claim_id = ?, anchor = ? where id = ?",
               [best["id"], dumps(anchor_of(db, best)), corr["id"]])
    corr["claim_id"] = best["id"]
    return best, f"re-anchored from claim {cid}: the extracted span changed"


# --------------------------------------------------------------------------- changing claims


def keep_original(db: sqlite_utils.Database, claim: Row) -> None:
    """Copy an extracted claim's values to ``claims_original`` before its first correction."""
    if claim.get("origin") == "added":
        return
    db.execute(
        f"insert or ignore into claims_original (claim_id, {', '.join(f'[{k}]' for k in ORIGINAL_CLAIM_FIELDS)}) "
        f"values (?, {_marks(ORIGINAL_CLAIM_FIELDS)})", [claim["id"], *(claim[k] for k in ORIGINAL_CLAIM_FIELDS)])


def change(db: sqlite_utils.Database, claim: Row, fields: Row) -> None:
    keep_original(db, claim)
    _update(db, "claims", "id", claim["id"], dict(fields, corrected=1))
    claim.update(fields, corrected=1)


def speaker_fields(db: sqlite_utils.Database, name: str, kind: str | None = None) -> Row:
    """Claim columns for speaker ``name`` (its ``speakers`` row made if missing)."""
    sid = store.speaker_id(name)
    rows = list(db.query("select kind from speakers where id = ?", [sid]))
    if rows:
        kind = rows[0]["kind"]
    else:
        kind = kind or "person"
        db["speakers"].insert({"id": sid, "name": name, "norm": normalize(name), "kind": kind,
                               "anonymous": int(kind == "anonymous"), "n_claims": 0}, pk="id")
    return {"speaker": name, "speaker_id": sid, "anonymous": int(kind == "anonymous")}


def source_fields(db: sqlite_utils.Database, name: str | None) -> Row:
    if not name:
        return {"source": None, "source_id": None}
    sid = store.source_id(name)
    if not db["sources"].count_where("id = ?", [sid]):
        db["sources"].insert({"id": sid, "name": name, "norm": normalize(name), "kind": None, "n_claims": 0}, pk="id")
    return {"source": name, "source_id": sid}


def _drop_claims(db: sqlite_utils.Database, ids: list[str]) -> None:
    for cid in ids:
        db.execute("update figures set claim_id = null where claim_id = ?", [cid])
        db.execute("delete from dedupe_keys where claim_id = ?", [cid])
        db.execute("delete from claims where id = ?", [cid])


def _update(db: sqlite_utils.Database, table: str, pk: str, key: str, fields: Row) -> None:
    sets = ", ".join(f'"{k}" = ?' for k in fields)
    db.execute(f'update {table} set {sets} where "{pk}" = ?', [*fields.values(), key])


def _set_article(db: sqlite_utils.Database, article_id: str, fields: Row) -> None:
    _update(db, "articles", "id", article_id, fields)
    denorm = {k: v for k, v in fields.items() if k in ("outlet", "published")}
    if denorm:
        sets = ", ".join(f"{k} = ?" for k in denorm)
        db.execute(f"update claims set {sets} where article_id = ?", [*denorm.values(), article_id])


# --------------------------------------------------------------------------- steps


def _edit(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    claim, note = find_claim(db, corr, article)
    if claim is None:
        return STALE, note
    new = loads(corr["new_value"])
    field = corr["field"]
    if field == "span":
        pos = place(article["text"], new)
        if pos is None:
            return STALE, f"the text {new['text'][:60]!r} is no longer in the article"
        text = article["text"][pos[0]:pos[1]]
        fields = {"start": pos[0], "end": pos[1], "text": text, "search_text": search_form(text)}
    elif field == "speaker":
        fields = speaker_fields(db, new["name"], new.get("type"))
    elif field == "source":
        fields = source_fields(db, new)
    else:  # speaker_role, kind
        fields = {field: new}
    if not claim["corrected"] and all(claim.get(k) == v for k, v in fields.items()):
        note = note or "the extraction now gives the same value"
    change(db, claim, fields)
    return APPLIED, note


def _reject(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    claim, note = find_claim(db, corr, article)
    if claim is None:
        return STALE, note
    from claims.migrations import copy_columns

    copy_columns(db, "claims", "claims_rejected")  # columns added to claims since (by dedupe, …)
    cols = ", ".join(f'"{c}"' for c in db["claims"].columns_dict)
    db.execute(f"insert or replace into claims_rejected (correction_id, {cols}) "
               f"select ?, {cols} from claims where id = ?", [corr["id"], claim["id"]])
    _drop_claims(db, [claim["id"]])
    return APPLIED, note


def _add(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    new = loads(corr["new_value"])
    pos = place(article["text"], new)
    if pos is None:
        return STALE, f"the text {new['text'][:60]!r} is no longer in the article"
    cid = make_claim_id(article["id"], pos[0], pos[1], new["kind"])
    note = ""
    if cid != corr["claim_id"]:
        db.execute("update corrections set claim_id = ? where id = ?", [cid, corr["id"]])
        corr["claim_id"] = cid
        note = "moved: the article text changed"
    fields: Row = {}
    if new.get("speaker"):
        fields.update(speaker_fields(db, new["speaker"], new.get("type")))
    if new.get("role"):
        fields["speaker_role"] = new["role"]
    if new.get("source"):
        fields.update(source_fields(db, new["source"]))
    existing = get_claim(db, cid)
    if existing is not None:
        change(db, existing, fields)
        return APPLIED, note or "the extraction now finds this claim too"
    text = article["text"][pos[0]:pos[1]]
    row = {"id": cid, "article_id": article["id"], "seq": None, "kind": new["kind"], "text": text,
           "start": pos[0], "end": pos[1], "speaker_id": None, "speaker": None, "speaker_role": None,
           "anonymous": 0, "source_id": None, "source": None, "lang": article["lang"],
           "outlet": article["outlet"], "published": article["published"], "cluster_id": None,
           "n_figures": 0, "search_text": search_form(text), "corrected": 1, "origin": "added"}
    row.update(fields)
    db["claims"].insert(row, pk="id")
    return APPLIED, note


def _merge_speakers(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    old, new = loads(corr["old_value"]), loads(corr["new_value"])
    claims = list(db.query("select * from claims where article_id = ? and speaker_id = ?", [article["id"], old["id"]]))
    if claims:
        fields = speaker_fields(db, new["name"], new.get("kind"))
        for claim in claims:
            change(db, claim, fields)
    return None  # a merge is about every article: one without the speaker does not make it stale


def _split_speaker(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    claim, note = find_claim(db, corr, article)
    if claim is None:
        return STALE, note
    new = loads(corr["new_value"]) or {}
    if new.get("name"):
        change(db, claim, speaker_fields(db, new["name"], new.get("type")))
    else:
        orig = original(db, claim["id"])
        if orig is not None:
            change(db, claim, {k: orig[k] for k in ("speaker", "speaker_id", "anonymous")})
    return APPLIED, note


def _article(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    field, new = corr["field"], loads(corr["new_value"])
    db.execute("insert or ignore into articles_original (article_id, title, outlet, url, published) "
               "values (?, ?, ?, ?, ?)", [article["id"], *(article[k] for k in ARTICLE_FIELDS)])
    _set_article(db, article["id"], {field: new})
    return APPLIED, ""


def _deleted(db: sqlite_utils.Database, corr: Row, article: Row) -> StepResult:
    return STALE, "the article was loaded again after it was deleted"


STEPS: dict[str, Callable[[sqlite_utils.Database, Row, Row], StepResult]] = {
    "edit": _edit, "reject": _reject, "add": _add, "merge_speakers": _merge_speakers,
    "split_speaker": _split_speaker, "article": _article, "delete_article": _deleted,
}


# --------------------------------------------------------------------------- clusters


def _existing(db: sqlite_utils.Database, ids: list[str]) -> dict[str, str | None]:
    """``{claim id: cluster id}`` of those of ``ids`` still in ``claims``, in the given order."""
    found: dict[str, str | None] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in db.query(f"select id, cluster_id from claims where id in ({_marks(chunk)})", chunk):
            found[r["id"]] = r["cluster_id"]
    return {i: found[i] for i in ids if i in found}


def _ensure_cluster(db: sqlite_utils.Database, cluster_id: str, canonical: str) -> None:
    if not db["clusters"].count_where("id = ?", [cluster_id]):
        db["clusters"].insert({"id": cluster_id, "canonical_claim_id": canonical}, pk="id")


def _merge_clusters(db: sqlite_utils.Database, corr: Row, touched: set[str]) -> tuple[str, str]:
    new = loads(corr["new_value"])
    members = _existing(db, new["claims"])
    if len(members) < 2:
        return STALE, "fewer than two of its claims are still in the database"
    clusters = {c for c in members.values() if c}
    # like dedupe: a cluster is named by its smallest claim id (the smallest of the merged ids)
    target = min(clusters | {i for i, c in members.items() if c is None})
    _ensure_cluster(db, target, target)
    others = sorted(clusters - {target})
    if others:
        db.execute(f"update claims set cluster_id = ? where cluster_id in ({_marks(others)})", [target, *others])
    loose = [i for i, c in members.items() if c is None]
    if loose:
        db.execute(f"update claims set cluster_id = ? where id in ({_marks(loose)})", [target, *loose])
    touched |= clusters | {target}
    return APPLIED, ""


def _split_cluster(db: sqlite_utils.Database, corr: Row, touched: set[str]) -> tuple[str, str]:
    new = loads(corr["new_value"])
    moved, rest = _existing(db, new["claims"]), _existing(db, new["rest"])
    if not moved or not rest:
        return STALE, "its claims are no longer in the database"
    for cluster in {c for c in rest.values() if c}:
        out = sorted(i for i, c in moved.items() if c == cluster)
        if not out:
            continue
        stay = [r["id"] for r in db.query("select id from claims where cluster_id = ? order by id", [cluster])
                if r["id"] not in moved]
        for group in (out, stay):
            _ensure_cluster(db, group[0], group[0])
            db.execute(f"update claims set cluster_id = ? where id in ({_marks(group)})", [group[0], *group])
            touched.add(group[0])
        touched.add(cluster)
    return APPLIED, ""
