"""Curation: a fact-checker's corrections, stored as data and applied on top of extraction.

Every operation here checks its input (raising :class:`CurationError` with a message meant for
the user), records one row per change in ``corrections`` (who, when, why, old and new value as
JSON) and applies it through :mod:`claims.replay`, so the same correction comes back after a
re-load or ``claims reextract``. The command line (:mod:`claims.cli_curate`) and the Datasette
plugin (:mod:`claims.datasette_curate`) are thin layers over these functions.

``corrections.action`` is one of: ``edit`` (``field`` speaker, speaker_role, source, kind or
span), ``reject``, ``add``, ``merge_speakers``, ``split_speaker``, ``merge_clusters``,
``split_cluster``, ``article`` (``field`` title, outlet, url or published),
``delete_article``, ``replace_article``. ``status`` is ``applied``, ``stale`` (it no longer
matches the extraction; ``note`` says why) or ``undone``.
"""
from __future__ import annotations

import datetime as _dt
import getpass
import re
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from claims import dedupe, replay, store
from claims.model import Article
from claims.model import claim_id as make_claim_id
from claims.replay import APPLIED, STALE, UNDONE, dumps, loads

KINDS = ("direct", "indirect")
SPEAKER_TYPES = ("person", "organisation", "anonymous", "group", "document")
ARTICLE_FIELDS = replay.ARTICLE_FIELDS
UNSET: Any = object()

Row = dict[str, Any]


class CurationError(ValueError):
    """A correction that cannot be made; ``str(exc)`` tells the user why."""


def default_who() -> str:
    """The OS user name, for ``who``."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "unknown"


# --------------------------------------------------------------------------- lookups


def get_claim(db: sqlite_utils.Database, claim_id: str) -> Row:
    """The claim with this id (or unique id prefix of 6+ characters)."""
    claim_id = (claim_id or "").strip()
    row = replay.get_claim(db, claim_id)
    if row is not None:
        return row
    rejected = list(db.query("select correction_id from claims_rejected where id = ?", [claim_id]))
    if rejected:
        raise CurationError(f"claim {claim_id} is rejected (correction {rejected[0]['correction_id']}); "
                            f"undo that correction to bring it back")
    if re.fullmatch(r"[0-9a-f]{6,}", claim_id):
        rows = list(db.query("select * from claims where id like ? limit 2", [claim_id + "%"]))
        if len(rows) == 1:
            return rows[0]
    raise CurationError(f"unknown claim id {claim_id!r}")


def get_article(db: sqlite_utils.Database, article_id: str) -> Row:
    """The article with this id, or the one article loaded from this file name."""
    row = store.get_article(db, article_id)
    if row is not None:
        return row
    rows = list(db.query("select * from articles where file = ? limit 2", [article_id]))
    if len(rows) == 1:
        return rows[0]
    if rows:
        raise CurationError(f"several articles come from file {article_id!r}; give the article id")
    raise CurationError(f"unknown article id {article_id!r}")


def get_speaker(db: sqlite_utils.Database, speaker: str) -> Row | None:
    """A speaker by id or by name (compared normalised), or None."""
    for sid in (speaker, store.speaker_id(speaker)):
        rows = list(db.query("select * from speakers where id = ?", [sid]))
        if rows:
            return rows[0]
    return None


def get_cluster(db: sqlite_utils.Database, cluster: str) -> str:
    """A cluster id, given the cluster's id or the id of one of its claims."""
    if db["clusters"].count_where("id = ?", [cluster]):
        return cluster
    claim = replay.get_claim(db, cluster)
    if claim is not None and claim["cluster_id"]:
        return claim["cluster_id"]
    raise CurationError(f"unknown cluster id {cluster!r} (nor a clustered claim's id)")


def cluster_members(db: sqlite_utils.Database, cluster_id: str) -> list[str]:
    """Claim ids of a cluster, its canonical claim first."""
    return [r["id"] for r in db.query(
        """select claims.id from claims left join clusters on clusters.id = claims.cluster_id
           where claims.cluster_id = ? order by claims.id != clusters.canonical_claim_id, claims.id""",
        [cluster_id])]


def get_correction(db: sqlite_utils.Database, correction_id: int | str) -> Row:
    try:
        cid = int(correction_id)
    except (TypeError, ValueError):
        raise CurationError(f"correction ids are numbers, not {correction_id!r}") from None
    rows = list(db.query("select * from corrections where id = ?", [cid]))
    if not rows:
        raise CurationError(f"unknown correction id {cid}")
    return rows[0]


def list_corrections(db: sqlite_utils.Database, *, status: str | None = None, action: str | None = None,
                     claim_id: str | None = None, article_id: str | None = None,
                     limit: int | None = None) -> list[Row]:
    """Corrections, newest first, filtered by any of the given values."""
    where, params = [], []
    for col, value in (("status", status), ("action", action), ("claim_id", claim_id), ("article_id", article_id)):
        if value:
            where.append(f"{col} = ?")
            params.append(value)
    sql = "select * from corrections" + (" where " + " and ".join(where) if where else "") + " order by id desc"
    if limit:
        sql += f" limit {int(limit)}"
    return list(db.query(sql, params))


def describe(corr: Row) -> str:
    """One line for people: ``#12 applied  speaker of claim 3f1c…: 'Salem' -> 'Ahmed Salem'``."""
    old, new, action = loads(corr["old_value"]), loads(corr["new_value"]), corr["action"]

    def show(v: Any) -> str:
        if isinstance(v, dict):
            v = v.get("name") or v.get("text") or v.get("id") or v
        return "none" if v is None else repr(v)

    if action == "edit":
        what = f"{corr['field']} of claim {corr['claim_id']}: {show(old)} -> {show(new)}"
    elif action == "reject":
        what = f"reject claim {corr['claim_id']}"
    elif action == "add":
        what = (f"add {new['kind']} claim {corr['claim_id']} to article {corr['article_id']} "
                f"[{new['start']}:{new['end']}] by {show(new.get('speaker'))}")
    elif action == "merge_speakers":
        what = f"merge speaker {show(old)} ({old['id']}) into {show(new)} ({new['id']})"
    elif action == "split_speaker" and corr["claim_id"]:
        to = show(new["name"]) if new and new.get("name") else "its extracted speaker"
        what = f"split claim {corr['claim_id']} from speaker {show(old)} to {to}"
    elif action == "split_speaker":
        what = f"split speaker {corr['speaker_id']}: undo merge(s) {', '.join(map(str, new['undid']))}"
    elif action == "merge_clusters":
        what = f"merge clusters {', '.join(new['clusters'])} ({len(new['claims'])} claims)"
    elif action == "split_cluster":
        what = f"split {len(new['claims'])} claim(s) out of cluster {corr['cluster_id']}"
    elif action == "article":
        what = f"{corr['field']} of article {corr['article_id']}: {show(old)} -> {show(new)}"
    elif action == "delete_article":
        what = f"delete article {corr['article_id']} ({show(old)})"
    else:
        what = f"{action} article {show(old)} -> {corr['article_id']}"
    line = f"#{corr['id']} {corr['status']} {what}  [{corr['who']} {corr['at']}]"
    if corr["why"]:
        line += f" why: {corr['why']}"
    if corr["note"]:
        line += f" ({corr['note']})"
    return line


# --------------------------------------------------------------------------- recording


def _record(db: sqlite_utils.Database, action: str, *, who: str, why: str | None, claim_id: str | None = None,
            article_id: str | None = None, speaker_id: str | None = None, cluster_id: str | None = None,
            field: str | None = None, old: Any = None, new: Any = None, anchor: Any = None) -> int:
    return db["corrections"].insert({
        "action": action, "claim_id": claim_id, "article_id": article_id, "speaker_id": speaker_id,
        "cluster_id": cluster_id, "field": field, "old_value": dumps(old), "new_value": dumps(new),
        "anchor": dumps(anchor), "who": who or default_who(), "at": store.now(), "why": why or None,
        "status": APPLIED, "note": None,
    }).last_pk


Snapshot = dict[str, tuple[str, str | None, str | None]]


def _snapshot(db: sqlite_utils.Database, article_ids: Iterable[str]) -> Snapshot:
    """``{claim id: (text, cluster id, speaker id)}`` of the claims of ``article_ids``."""
    snap: Snapshot = {}
    for aid in article_ids:
        for r in db.query("select id, text, cluster_id, speaker_id from claims where article_id = ?", [aid]):
            snap[r["id"]] = (r["text"], r["cluster_id"], r["speaker_id"])
    return snap


def _resync(db: sqlite_utils.Database, before: Snapshot, article_ids: Iterable[str]) -> None:
    """After corrections changed the claims of ``article_ids``: cluster the claims that are new,
    back, or changed text or speaker; re-cluster the clusters that lost claims; recount the
    others (outlets, dates, canonical speaker); enforce cluster corrections."""
    after = _snapshot(db, article_ids)
    lost = {before[c][1] for c in before.keys() - after.keys() if before[c][1]}
    pending = [cid for cid, (text, cluster, speaker) in after.items()
               if cluster is None or cid not in before or before[cid][0] != text or before[cid][2] != speaker]
    if pending or lost:
        dedupe.update(db, pending, stale_clusters=lost)
    with db.atomic():
        dedupe.refresh_clusters(db, {r["cluster_id"] for aid in article_ids for r in db.query(
            "select distinct cluster_id from claims where article_id = ? and cluster_id is not null", [aid])})
    replay.apply_cluster_corrections(db)


def _apply(db: sqlite_utils.Database, article_ids: Iterable[str], record: Any) -> Any:
    """Run ``record()`` (which writes correction rows) and replay ``article_ids``."""
    article_ids = sorted(set(article_ids))
    before = _snapshot(db, article_ids)
    with db.atomic():
        result = record()
        for aid in article_ids:
            replay.reapply(db, aid)
    _resync(db, before, article_ids)
    return result


def _check_stale(db: sqlite_utils.Database, correction_id: int) -> int:
    corr = get_correction(db, correction_id)
    if corr["status"] == STALE:
        raise CurationError(f"correction {correction_id} was recorded but does not apply: {corr['note']}")
    return correction_id


def _clean(value: str | None, what: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise CurationError(f"{what} is empty")
    return value


def _optional(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


# --------------------------------------------------------------------------- claims


def _edit(db: sqlite_utils.Database, claim: Row, field: str, old: Any, new: Any, *, who: str,
          why: str | None) -> int:
    anchor = replay.anchor_of(db, claim)

    def record() -> int:
        return _record(db, "edit", who=who, why=why, claim_id=claim["id"], article_id=claim["article_id"],
                       field=field, old=old, new=new, anchor=anchor)

    return _check_stale(db, _apply(db, [claim["article_id"]], record))


def set_speaker(db: sqlite_utils.Database, claim_id: str, name: str, *, speaker_type: str | None = None,
                who: str, why: str | None = None) -> int:
    """Attribute a claim to speaker ``name`` (``speaker_type`` for a speaker new to the database)."""
    name = _clean(name, "the speaker name")
    if speaker_type and speaker_type not in SPEAKER_TYPES:
        raise CurationError(f"unknown speaker type {speaker_type!r} (choose from {', '.join(SPEAKER_TYPES)})")
    claim = get_claim(db, claim_id)
    return _edit(db, claim, "speaker", {"name": claim["speaker"], "id": claim["speaker_id"]},
                 {"name": name, "type": speaker_type}, who=who, why=why)


def set_role(db: sqlite_utils.Database, claim_id: str, role: str | None, *, who: str, why: str | None = None) -> int:
    """Set (or with None clear) the speaker's role on a claim."""
    claim = get_claim(db, claim_id)
    return _edit(db, claim, "speaker_role", claim["speaker_role"], _optional(role), who=who, why=why)


def set_source(db: sqlite_utils.Database, claim_id: str, source: str | None, *, who: str,
               why: str | None = None) -> int:
    """Set (or with None clear) the source a claim is known through."""
    claim = get_claim(db, claim_id)
    return _edit(db, claim, "source", claim["source"], _optional(source), who=who, why=why)


def set_kind(db: sqlite_utils.Database, claim_id: str, kind: str, *, who: str, why: str | None = None) -> int:
    """Mark a claim ``direct`` (quoted words) or ``indirect`` (reported speech). Its id stays."""
    if kind not in KINDS:
        raise CurationError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    claim = get_claim(db, claim_id)
    return _edit(db, claim, "kind", claim["kind"], kind, who=who, why=why)


def _span(article: Row, start: int | None, end: int | None, text: str | None, near: int = 0) -> dict[str, Any]:
    """``{start, end, text}`` from offsets, or from the words themselves (found in the article)."""
    body = article["text"]
    if start is None or end is None:
        if not text:
            raise CurationError("give the start and end offsets, or the exact text")
        hits = body.count(text)
        if hits == 0:
            raise CurationError(f"the text {text[:60]!r} is not in article {article['id']}")
        start = replay.locate(body, text, near)
        end = start + len(text)
    if not (0 <= start < end <= len(body)):
        raise CurationError(f"offsets {start}..{end} are outside article {article['id']} (0..{len(body)})")
    if not body[start:end].strip():
        raise CurationError(f"offsets {start}..{end} hold only white space")
    return {"start": start, "end": end, "text": body[start:end]}


def set_span(db: sqlite_utils.Database, claim_id: str, start: int | None = None, end: int | None = None, *,
             text: str | None = None, who: str, why: str | None = None) -> int:
    """Move a claim's span to ``start..end`` of its article (or to where ``text`` is). Its id stays."""
    claim = get_claim(db, claim_id)
    article = get_article(db, claim["article_id"])
    new = _span(article, start, end, text, near=claim["start"])
    old = {"start": claim["start"], "end": claim["end"], "text": claim["text"]}
    return _edit(db, claim, "span", old, new, who=who, why=why)


def reject(db: sqlite_utils.Database, claim_id: str, *, who: str, why: str | None = None) -> int:
    """Reject a claim that is not one: it leaves ``claims`` (and exports, clusters, counts)
    for ``claims_rejected``."""
    claim = get_claim(db, claim_id)
    anchor = replay.anchor_of(db, claim)

    def record() -> int:
        return _record(db, "reject", who=who, why=why, claim_id=claim["id"], article_id=claim["article_id"],
                       old={"text": claim["text"], "speaker": claim["speaker"]}, anchor=anchor)

    return _check_stale(db, _apply(db, [claim["article_id"]], record))


def add_claim(db: sqlite_utils.Database, article_id: str, start: int | None = None, end: int | None = None, *,
              text: str | None = None, speaker: str, kind: str = "indirect", role: str | None = None,
              source: str | None = None, speaker_type: str | None = None, who: str,
              why: str | None = None) -> tuple[int, str]:
    """Add a claim extraction missed, at ``start..end`` of the article (or where ``text`` is).
    Returns the correction id and the new claim's id."""
    article = get_article(db, article_id)
    if kind not in KINDS:
        raise CurationError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    if speaker_type and speaker_type not in SPEAKER_TYPES:
        raise CurationError(f"unknown speaker type {speaker_type!r} (choose from {', '.join(SPEAKER_TYPES)})")
    speaker = _clean(speaker, "the speaker name")
    span = _span(article, start, end, text, near=article["body_start"] or 0)
    cid = make_claim_id(article["id"], span["start"], span["end"], kind)
    if replay.get_claim(db, cid) is not None:
        raise CurationError(f"article {article['id']} already has this claim ({cid}); correct it instead")
    rejected = list(db.query("select correction_id from claims_rejected where id = ?", [cid]))
    if rejected:
        raise CurationError(f"this claim ({cid}) was rejected by correction {rejected[0]['correction_id']}; "
                            f"undo that correction instead")
    new = dict(span, kind=kind, speaker=speaker, type=speaker_type, role=_optional(role), source=_optional(source))

    def record() -> int:
        return _record(db, "add", who=who, why=why, claim_id=cid, article_id=article["id"], new=new,
                       anchor={k: new[k] for k in ("start", "end", "kind", "text")})

    return _check_stale(db, _apply(db, [article["id"]], record)), cid


# --------------------------------------------------------------------------- speakers


def _speaker_articles(db: sqlite_utils.Database, speaker_ids: Iterable[str]) -> set[str]:
    ids = list(speaker_ids)
    marks = ",".join("?" * len(ids))
    return {r["article_id"] for r in db.query(
        f"select article_id from claims where speaker_id in ({marks}) union "
        f"select article_id from claims_original where speaker_id in ({marks})", ids + ids)}


def merge_speakers(db: sqlite_utils.Database, speaker: str, into: str, *, who: str, why: str | None = None) -> int:
    """Attribute every claim of ``speaker`` to ``into`` (an id or name; a new name is created),
    now and after every re-extraction."""
    src = get_speaker(db, speaker)
    if src is None:
        raise CurationError(f"unknown speaker {speaker!r}")
    if not db["claims"].count_where("speaker_id = ?", [src["id"]]):
        raise CurationError(f"speaker {src['name']!r} has no claims to merge")
    target = get_speaker(db, into)
    new = ({"id": target["id"], "name": target["name"], "kind": target["kind"]} if target
           else {"id": store.speaker_id(_clean(into, "the speaker name")), "name": _clean(into, "the speaker name"),
                 "kind": src["kind"]})
    if new["id"] == src["id"]:
        raise CurationError(f"{speaker!r} and {into!r} are the same speaker")
    articles = _speaker_articles(db, [src["id"]])

    def record() -> int:
        return _record(db, "merge_speakers", who=who, why=why, speaker_id=src["id"],
                       old={"id": src["id"], "name": src["name"]}, new=new)

    return _apply(db, articles, record)


def split_speaker(db: sqlite_utils.Database, speaker: str, *, claims: Sequence[str] = (), name: str | None = None,
                  who: str, why: str | None = None) -> list[int]:
    """Split a wrong merge. With ``claims``: move those claims of ``speaker`` to ``name`` (or,
    without a name, back to the speaker extraction gave them). Without: undo every merge into
    ``speaker``. Returns the ids of the corrections recorded."""
    sp = get_speaker(db, speaker)
    if sp is None:
        raise CurationError(f"unknown speaker {speaker!r}")
    name = _optional(name)
    if claims:
        rows = [get_claim(db, c) for c in claims]
        for row in rows:
            if row["speaker_id"] != sp["id"]:
                raise CurationError(f"claim {row['id']} is attributed to {row['speaker']!r}, not {sp['name']!r}")
            orig = replay.original(db, row["id"])
            if name is None and (orig is None or orig["speaker_id"] == sp["id"]):
                raise CurationError(f"claim {row['id']} was extracted with speaker {sp['name']!r}: "
                                    f"give the name to move it to")

        def record_claims() -> list[int]:
            return [_record(db, "split_speaker", who=who, why=why, claim_id=row["id"], article_id=row["article_id"],
                            speaker_id=sp["id"], field="speaker", old={"id": sp["id"], "name": sp["name"]},
                            new={"name": name, "type": None}, anchor=replay.anchor_of(db, row)) for row in rows]

        ids = _apply(db, {r["article_id"] for r in rows}, record_claims)
        return [_check_stale(db, i) for i in ids]
    merges = [m for m in db.query("select * from corrections where action = 'merge_speakers' and status != 'undone' "
                                  "order by id") if loads(m["new_value"])["id"] == sp["id"]]
    if not merges:
        raise CurationError(f"no merge into {sp['name']!r} to split; name the claims to move with --claim")
    articles = _speaker_articles(db, [sp["id"], *(m["speaker_id"] for m in merges)])

    def record() -> list[int]:
        cid = _record(db, "split_speaker", who=who, why=why, speaker_id=sp["id"],
                      old={"id": sp["id"], "name": sp["name"]}, new={"undid": [m["id"] for m in merges]})
        for m in merges:
            _set_undone(db, m["id"], who, f"split by correction {cid}")
        return [cid]

    return _apply(db, articles, record)


# --------------------------------------------------------------------------- clusters


def merge_clusters(db: sqlite_utils.Database, into: str, others: Sequence[str], *, who: str,
                   why: str | None = None) -> int:
    """Put the claims of the clusters ``others`` into cluster ``into`` (ids of clusters or of
    their claims); kept after re-clustering."""
    target = get_cluster(db, into)
    clusters = [target] + [c for c in dict.fromkeys(get_cluster(db, o) for o in others) if c != target]
    if len(clusters) < 2:
        raise CurationError("name at least two different clusters to merge")
    claims = [cid for cl in clusters for cid in cluster_members(db, cl)]
    with db.atomic():
        cid = _record(db, "merge_clusters", who=who, why=why, cluster_id=target,
                      new={"clusters": clusters, "claims": claims})
    replay.apply_cluster_corrections(db)
    return _check_stale(db, cid)


def split_cluster(db: sqlite_utils.Database, cluster: str, claims: Sequence[str], *, who: str,
                  why: str | None = None) -> int:
    """Move ``claims`` out of ``cluster`` into a cluster of their own; kept after re-clustering."""
    target = get_cluster(db, cluster)
    members = cluster_members(db, target)
    moved = [get_claim(db, c)["id"] for c in claims]
    if not moved:
        raise CurationError("name the claims to split out with --claim")
    strangers = [c for c in moved if c not in members]
    if strangers:
        raise CurationError(f"claim(s) {', '.join(strangers)} are not in cluster {target}")
    rest = [c for c in members if c not in moved]
    if not rest:
        raise CurationError(f"that would move every claim of cluster {target}; nothing would be split")
    with db.atomic():
        cid = _record(db, "split_cluster", who=who, why=why, cluster_id=target, new={"claims": moved, "rest": rest})
    replay.apply_cluster_corrections(db)
    return _check_stale(db, cid)


# --------------------------------------------------------------------------- articles


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CurationError(f"published must be an ISO date (2024-05-02 or 2024-05-02T10:30:00), "
                            f"not {value!r}") from None
    return value


def set_article(db: sqlite_utils.Database, article_id: str, *, who: str, why: str | None = None,
                title: str | None = UNSET, outlet: str | None = UNSET, url: str | None = UNSET,
                published: str | None = UNSET) -> list[int]:
    """Set or fix an article's title, outlet, URL or publication date (an empty value clears
    it); its claims' ``outlet`` and ``published`` follow. Returns one correction id per field
    that changed."""
    article = get_article(db, article_id)
    given = {"title": title, "outlet": outlet, "url": url, "published": published}
    changes = {k: _optional(v) for k, v in given.items() if v is not UNSET}
    if "published" in changes:
        changes["published"] = _check_date(changes["published"])
    changes = {k: v for k, v in changes.items() if v != article[k]}
    if not changes:
        raise CurationError("nothing to change: give a new --title, --outlet, --url or --published")

    def record() -> list[int]:
        return [_record(db, "article", who=who, why=why, article_id=article["id"], field=k, old=article[k], new=v)
                for k, v in changes.items()]

    return _apply(db, [article["id"]], record)


def delete_article(db: sqlite_utils.Database, article_id: str, *, who: str, why: str | None = None) -> int:
    """Delete an article with its claims, figures, cluster memberships and dedup keys; clusters
    are recounted. Its other corrections are kept (stale) for when it is loaded again."""
    article = get_article(db, article_id)
    aid = article["id"]
    with db.atomic():
        speakers, sources = replay.article_people(db, aid)
        clusters = _remove_article(db, aid)
        cid = _record(db, "delete_article", who=who, why=why, article_id=aid,
                      old={"title": article["title"], "file": article["file"], "url": article["url"],
                           "n_claims": article["n_claims"]})
        db.execute("update corrections set status = 'stale', note = 'article deleted' "
                   "where article_id = ? and status = 'applied' and id != ?", [aid, cid])
        store.refresh_counts(db, speaker_ids=speakers, source_ids=sources)
    dedupe.refresh_clusters(db, clusters)
    replay.apply_cluster_corrections(db)
    return cid


def _remove_article(db: sqlite_utils.Database, article_id: str) -> set[str]:
    clusters = store.delete_article_rows(db, article_id)
    for table in ("claims_original", "claims_rejected", "articles_original"):
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    db.execute("delete from articles where id = ?", [article_id])
    return clusters


def replace_article(db: sqlite_utils.Database, article_id: str, article: Article, *, who: str,
                    why: str | None = None, workers: int = 1):
    """Replace a stored article by a new version of it (read from a file by the caller): the old
    one goes, the new one is extracted and stored, and the old one's corrections move to it
    (re-anchored by their text; those that no longer match turn stale). Returns the correction
    id and the :class:`claims.load.LoadReport`."""
    from claims.load import load

    old = get_article(db, article_id)
    clusters: set[str] = set()
    with db.atomic():
        if article.id != old["id"]:
            speakers, sources = replay.article_people(db, old["id"])
            clusters = _remove_article(db, old["id"])
            db.execute("update corrections set article_id = ? where article_id = ? and status != 'undone'",
                       [article.id, old["id"]])
            store.refresh_counts(db, speaker_ids=speakers, source_ids=sources)
        cid = _record(db, "replace_article", who=who, why=why, article_id=article.id,
                      old={"id": old["id"], "title": old["title"], "file": old["file"]},
                      new={"id": article.id, "title": article.title, "file": article.file})
    if clusters:
        dedupe.refresh_clusters(db, clusters)
    report = load(db, [article], force=True, workers=workers)
    return cid, report


# --------------------------------------------------------------------------- undo


def _set_undone(db: sqlite_utils.Database, correction_id: int, who: str, note: str | None = None) -> None:
    db.execute("update corrections set status = ?, undone_by = ?, undone_at = ?, note = ? where id = ?",
               [UNDONE, who or default_who(), store.now(), note, correction_id])


def _affected(db: sqlite_utils.Database, corr: Row) -> set[str]:
    """The articles whose claims a correction acts on."""
    if corr["action"] == "merge_speakers":
        return _speaker_articles(db, [corr["speaker_id"], loads(corr["new_value"])["id"]])
    if corr["action"] == "split_speaker" and not corr["claim_id"]:
        merges = [get_correction(db, i) for i in loads(corr["new_value"])["undid"]]
        return set().union(*(_affected(db, m) for m in merges)) if merges else set()
    if corr["article_id"] and store.get_article(db, corr["article_id"]) is not None:
        return {corr["article_id"]}
    return set()


def undo(db: sqlite_utils.Database, correction_id: int | str, *, who: str) -> Row:
    """Undo a correction: the data is as if it had never been made (it stays in ``corrections``
    with status ``undone``). Returns the correction."""
    corr = get_correction(db, correction_id)
    if corr["status"] == UNDONE:
        raise CurationError(f"correction {corr['id']} is already undone")
    if corr["action"] in ("delete_article", "replace_article"):
        raise CurationError(f"correction {corr['id']} ({corr['action']}) cannot be undone: "
                            f"load the article's file again")
    reactivated: list[int] = []
    if corr["action"] == "split_speaker" and not corr["claim_id"]:
        reactivated = loads(corr["new_value"])["undid"]
    articles = _affected(db, corr)

    def record() -> None:
        _set_undone(db, corr["id"], who)
        for mid in reactivated:
            db.execute("update corrections set status = 'applied', undone_by = null, undone_at = null, note = null "
                       "where id = ?", [mid])

    if corr["action"] in replay.CLUSTER_ACTIONS:
        with db.atomic():
            record()
        new = loads(corr["new_value"])
        claims = [c for c in new["claims"] + new.get("rest", []) if replay.get_claim(db, c)]
        clusters = {replay.get_claim(db, c)["cluster_id"] for c in claims} - {None}
        dedupe.update(db, claims, stale_clusters=clusters)  # clustered afresh, without this correction
        replay.apply_cluster_corrections(db)
    else:
        _apply(db, articles, record)
    return get_correction(db, corr["id"])
