"""Read-only queries behind our pages: an article with its claims, a cluster, a speaker.

Each function takes a Datasette :class:`~datasette.database.Database` and returns plain dicts.
Every query is on an indexed column (``claims.article_id``, ``claims.cluster_id``,
``claims.speaker_id``, ``figures.claim_id``, ``figures.article_id``), so the pages stay fast on a
database with millions of claims. Optional columns (added by later schema versions, such as a
cluster's drift description) come through ``select *`` and are shown when present.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

CLAIM_COLUMNS = """c.id, c.article_id, c.seq, c.kind, c.text, c.start, c."end", c.speaker_id, c.speaker,
  c.speaker_role, c.speaker_mention, c.anonymous, c.source_id, c.source, c.cue, c.cue_start,
  c.cue_end, c.lang, c.outlet, c.published, c.cluster_id, c.cluster_score, c.n_figures"""
FIGURE_COLUMNS = ('f.id, f.claim_id, f.article_id, f.text, f.start, f."end", f.value, f.value_max, f.unit, f.kind, '
                  'f.qualifier, f.key')
CHUNK = 500


async def _rows(db: Any, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    results = await db.execute(sql, params)
    return [dict(r) for r in results.rows]


async def _one(db: Any, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


async def figures_by_claim(db: Any, claim_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Figures of each claim, in text order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids = list(dict.fromkeys(claim_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        for f in await _rows(db, f"select {FIGURE_COLUMNS} from figures f where f.claim_id in "
                                 f"({','.join('?' * len(chunk))}) order by f.start", chunk):
            out[f["claim_id"]].append(f)
    return out


async def article(db: Any, article_id: str) -> dict[str, Any] | None:
    """An article with its claims (and their cluster sizes) and figures, or None."""
    row = await _one(db, "select * from articles where id = ?", [article_id])
    if row is None:
        return None
    claims = await _rows(db, f"""select {CLAIM_COLUMNS}, cl.size as cluster_size, cl.n_outlets as cluster_outlets
        from claims c left join clusters cl on cl.id = c.cluster_id
        where c.article_id = ? order by c.start, c.id""", [article_id])
    figures = await _rows(db, f"select {FIGURE_COLUMNS} from figures f where f.article_id = ? order by f.start",
                          [article_id])
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        if f["claim_id"]:
            by_claim[f["claim_id"]].append(f)
    for c in claims:
        c["figures"] = by_claim.get(c["id"], [])
    return {"article": row, "claims": claims, "figures": figures}


async def claim_article_id(db: Any, claim_id: str) -> str | None:
    """The article a claim was taken from."""
    row = await _one(db, "select article_id from claims where id = ?", [claim_id])
    return row["article_id"] if row else None


async def cluster(db: Any, cluster_id: str, limit: int = 500) -> dict[str, Any] | None:
    """A cluster (every column it has), its member claims with their articles and figures,
    oldest first, and the figure keys of its canonical claim."""
    row = await _one(db, "select * from clusters where id = ?", [cluster_id])
    if row is None:
        return None
    members = await _rows(db, f"""select {CLAIM_COLUMNS}, a.title as article_title, a.url as article_url
        from claims c join articles a on a.id = c.article_id
        where c.cluster_id = ? order by c.published, c.outlet, c.id limit ?""", [cluster_id, limit])
    figs = await figures_by_claim(db, [m["id"] for m in members])
    for m in members:
        m["figures"] = figs.get(m["id"], [])
    canonical = next((m for m in members if m["id"] == row.get("canonical_claim_id")), None)
    if canonical is None and row.get("canonical_claim_id"):
        canonical = await _one(db, f"select {CLAIM_COLUMNS} from claims c where c.id = ?", [row["canonical_claim_id"]])
        if canonical:
            canonical["figures"] = (await figures_by_claim(db, [canonical["id"]])).get(canonical["id"], [])
    if canonical is None and members:
        canonical = members[0]
    return {"cluster": row, "members": members, "canonical": canonical, "truncated": len(members) >= limit}


async def speaker(db: Any, speaker_id: str, limit: int = 200) -> dict[str, Any] | None:
    """A speaker (every column it has), their latest claims with figures, the sources their
    claims came through, claims per month, and the total count.

    When the database links spellings into persons (``speakers.canonical_speaker_id`` and
    ``claims.person_id``, from speaker identity resolution), the claims are the person's, under
    every spelling and script, and ``spellings``/``aliases`` list the other names."""
    row = await _one(db, "select * from speakers where id = ?", [speaker_id])
    if row is None:
        return None
    person = row.get("canonical_speaker_id")
    by_person = bool(person) and "person_id" in await db.table_columns("claims")
    where, key = ("c.person_id = ?", person) if by_person else ("c.speaker_id = ?", speaker_id)
    claims = await _rows(db, f"""select {CLAIM_COLUMNS}, a.title as article_title
        from claims c join articles a on a.id = c.article_id
        where {where} order by c.published desc, c.id limit ?""", [key, limit])
    figs = await figures_by_claim(db, [c["id"] for c in claims])
    for c in claims:
        c["figures"] = figs.get(c["id"], [])
    total = (await _one(db, f"select count(*) as n from claims c where {where}", [key]) or {}).get("n", 0)
    sources = await _rows(db, f"""select c.source_id, c.source, count(*) as n, min(c.published) as first,
        max(c.published) as last from claims c where {where} group by c.source_id order by n desc, c.source
        limit 100""", [key])
    outlets = await _rows(db, f"""select c.outlet, count(*) as n from claims c where {where}
        group by c.outlet order by n desc, c.outlet limit 100""", [key])
    months = await _rows(db, f"""select substr(c.published, 1, 7) as month, count(*) as n from claims c
        where {where} and c.published is not null group by month order by month""", [key])
    spellings: list[dict[str, Any]] = []
    aliases: list[dict[str, Any]] = []
    if person:
        spellings = await _rows(db, """select id, name, n_claims from speakers
            where canonical_speaker_id = ? and id != ? order by n_claims desc, name limit 100""", [person, speaker_id])
    if await db.table_exists("speaker_aliases"):
        aliases = await _rows(db, """select * from speaker_aliases where speaker_id in (?, ?)
            order by score desc limit 100""", [speaker_id, person or speaker_id])
    return {"speaker": row, "claims": claims, "total": total, "sources": sources, "outlets": outlets,
            "months": months, "truncated": total > len(claims), "by_person": by_person, "person_id": person,
            "spellings": spellings, "aliases": aliases}
