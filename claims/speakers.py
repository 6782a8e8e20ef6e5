"""Speaker identity across articles and scripts: which speaker rows name one person.

Speaker rows are per spelling ("Sam Altman", "Altman", "سام ألتمان" are three rows). This
module links them into persons and records why:

- full names that name one person in another spelling or script (``match_names`` on
  consonant skeletons, :mod:`claims.transliterate`): how = "spelling" / "transliteration";
- a surname alone ("Altman" in another article) to the one person with that surname whose
  full name the speaker's own articles mention (how = "surname+context"), or, when no article
  says, to the only person with that surname (how = "surname"); never when ambiguous;
- lone names across scripts ("Altman" / "ألتمان") when nothing else links them.

Every speaker gets ``canonical_speaker_id`` (its person: the fullest, Latin-script name) and
claims get ``person_id``/``person``; ``speaker_aliases`` lists each person's other names with
how and score, and a Latin romanisation of every Arabic-script name. Speakers are compared
only within surname blocks (coarse surname skeletons, :func:`claims.transliterate.surname_keys`),
so an update re-resolves just the blocks its new speakers fall in.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import sqlite_utils

from claims.normalize import normalize
from claims.transliterate import is_arabic, match_names, name_words, romanize, skeleton, skeleton_similarity, surname_keys

PERSON_KINDS = (None, "", "person")
SURNAME_SCORE = 80.0
CONTEXT_ARTICLES = 50

Context = Callable[[str], list[str]]


@dataclass
class Speaker:
    """A speaker row as resolution sees it."""

    id: str
    name: str
    kind: str | None = "person"
    block: int = 0  # surname block (see _blocks)

    @cached_property
    def script(self) -> str:
        return "arabic" if is_arabic(self.name) else "latin"

    @cached_property
    def words(self) -> list[str]:
        return name_words(self.name)

    @property
    def is_person(self) -> bool:
        return self.kind in PERSON_KINDS


@dataclass(frozen=True)
class Link:
    """``alias`` names the same person as ``target``, found ``how``, with ``score`` (0-100)."""

    alias: str
    target: str
    how: str
    score: float


@dataclass
class Resolution:
    """Persons found among some speakers: each speaker's canonical id, and the links."""

    canonical: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _canonical_key(s: Speaker) -> tuple:
    # fullest name first, Latin script before Arabic, then longer, then by id
    return (-len(s.words), s.script != "latin", -len(s.name), s.id)


def resolve(speakers: Sequence[Speaker], *, context: Context | None = None) -> Resolution:
    """Link the speakers that name one person (see the module docstring). ``context(id)`` gives
    the normalised texts of articles a speaker is quoted in, to decide whose surname it is."""
    people = [s for s in speakers if s.is_person and s.words]
    uf = _UnionFind(s.id for s in speakers)
    links: list[Link] = []
    full = [s for s in people if len(s.words) >= 2]
    lone = [s for s in people if len(s.words) == 1]
    for i, a in enumerate(full):
        for b in full[i + 1:]:
            score = match_names(a.name, b.name)
            if score:
                uf.union(a.id, b.id)
                links.append(Link(b.id, a.id, "spelling" if a.script == b.script else "transliteration", score))
    persons: dict[str, list[Speaker]] = {}
    for s in full:
        persons.setdefault(uf.find(s.id), []).append(s)
    linked: set[str] = set()
    for s in lone:
        word_skel = skeleton(s.name)
        cands = [root for root, members in persons.items()
                 if any(_same_surname(s, m, word_skel) for m in members)]
        target, how, score = _pick(s, cands, persons, context)
        if target:
            uf.union(s.id, target)
            linked.add(s.id)
            links.append(Link(s.id, target, how, score))
    rest = [s for s in lone if s.id not in linked]
    for i, a in enumerate(rest):
        for b in rest[i + 1:]:
            if a.script != b.script and len(skeleton(a.name).strip("la")) >= 3 and \
                    skeleton_similarity(skeleton(a.name), skeleton(b.name)) >= 98:
                uf.union(a.id, b.id)
                links.append(Link(b.id, a.id, "transliteration", 98.0))
    groups: dict[str, list[Speaker]] = {}
    for s in speakers:
        groups.setdefault(uf.find(s.id), []).append(s)
    res = Resolution()
    for members in groups.values():
        canon = min(members, key=_canonical_key).id
        for m in members:
            res.canonical[m.id] = canon
    res.links = links
    return res


@lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    return normalize(name)


def _same_surname(lone: Speaker, full: Speaker, lone_skel: str) -> bool:
    if lone.script == full.script:
        return lone.words[0] == full.words[-1]
    return skeleton_similarity(lone_skel, skeleton(full.words[-1])) >= 98


def _pick(s: Speaker, cands: list[str], persons: dict[str, list[Speaker]],
          context: Context | None) -> tuple[str | None, str, float]:
    """The person a lone surname belongs to: the one its articles name in full, else the only
    candidate; None when ambiguous."""
    if not cands:
        return None, "", 0.0
    if context is not None:
        texts = [f" {t} " for t in context(s.id)]
        names = {c: [f" {_norm(m.name)} " for m in persons[c]] for c in cands}
        support = {c: sum(1 for t in texts if any(n in t for n in names[c])) for c in cands}
        named = [c for c, n in support.items() if n]
        if len(named) == 1 and texts:
            return named[0], "surname+context", round(100.0 * support[named[0]] / len(texts), 1)
        if len(named) > 1:
            return None, "", 0.0
    if len(cands) == 1:
        return cands[0], "surname", SURNAME_SCORE
    return None, "", 0.0


# --- storage -----------------------------------------------------------------------------

def ensure_tables(db: sqlite_utils.Database) -> None:
    """Add the speaker-identity columns and the ``speaker_aliases`` table (idempotent)."""
    cols = db["speakers"].columns_dict
    for col in ("canonical_speaker_id", "script", "name_key", "name_key2"):
        if col not in cols:
            db["speakers"].add_column(col, str)
    for cols_ in (("canonical_speaker_id",), ("name_key",), ("name_key2",)):
        db["speakers"].create_index(cols_, if_not_exists=True)
    claim_cols = db["claims"].columns_dict
    for col in ("person_id", "person"):
        if col not in claim_cols:
            db["claims"].add_column(col, str)
    db["claims"].create_index(["person_id"], if_not_exists=True)
    if "speaker_aliases" not in db.table_names():
        db["speaker_aliases"].create({
            "speaker_id": str, "alias": str, "norm": str, "script": str, "how": str, "score": float,
            "via_speaker_id": str,
        }, pk=("speaker_id", "norm", "how"), foreign_keys=[("speaker_id", "speakers", "id")])
        db["speaker_aliases"].create_index(["norm"])
        db["speaker_aliases"].create_index(["via_speaker_id"])


def _keys(name: str) -> tuple[str | None, str | None]:
    keys = surname_keys(name)
    return (keys[0] if keys else None), (keys[1] if len(keys) > 1 else None)


def _index_new(db: sqlite_utils.Database) -> None:
    """Fill script and surname keys of speakers that have none yet."""
    rows = list(db.query("select id, name from speakers where script is null"))
    db.conn.executemany("update speakers set script = ?, name_key = ?, name_key2 = ? where id = ?",
                        [("arabic" if is_arabic(r["name"] or "") else "latin", *_keys(r["name"] or ""), r["id"])
                         for r in rows])


def _closure(db: sqlite_utils.Database, speaker_ids: Iterable[str]) -> list[Speaker]:
    """The given speakers and every speaker sharing a surname block with them, transitively."""
    ids = list(dict.fromkeys(speaker_ids))
    rows: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in db.query(f"select * from speakers where id in ({','.join('?' * len(chunk))})", chunk):
            rows[r["id"]] = r
    keys: set[str] = set()
    todo = {k for r in rows.values() for k in (r["name_key"], r["name_key2"]) if k}
    while todo:
        keys |= todo
        found = []
        batch = sorted(todo)
        for i in range(0, len(batch), 250):
            chunk = batch[i:i + 250]
            ph = ",".join("?" * len(chunk))
            found += db.query(f"select * from speakers where name_key in ({ph}) or name_key2 in ({ph})", chunk * 2)
        todo = set()
        for r in found:
            if r["id"] not in rows:
                rows[r["id"]] = r
                todo |= {k for k in (r["name_key"], r["name_key2"]) if k and k not in keys}
    return _blocks(rows.values())


def _blocks(rows: Iterable[dict]) -> list[Speaker]:
    """Speakers of ``rows``, block after block: a block is the speakers linked by shared surname
    keys (transitively), the unit :func:`resolve` works on (``Speaker.block`` numbers them)."""
    rows = list(rows)
    uf = _UnionFind(r["id"] for r in rows)
    first: dict[str, str] = {}
    for r in rows:
        for k in (r["name_key"], r["name_key2"]):
            if k:
                uf.union(first.setdefault(k, r["id"]), r["id"])
    blocks: dict[str, list[Speaker]] = {}
    for r in rows:
        blocks.setdefault(uf.find(r["id"]), []).append(Speaker(r["id"], r["name"] or "", r["kind"]))
    out: list[Speaker] = []
    for n, block in enumerate(blocks.values()):
        for sp in block:
            sp.block = n
        out += block
    return out


def _resolve_blocks(speakers: Sequence[Speaker], context: Context | None) -> Resolution:
    """:func:`resolve` block by block (speakers of different blocks never name one person)."""
    by_block: dict[int, list[Speaker]] = {}
    for sp in speakers:
        by_block.setdefault(sp.block, []).append(sp)
    res = Resolution()
    for block in by_block.values():
        part = resolve(block, context=context)
        res.canonical.update(part.canonical)
        res.links += part.links
    return res


def _context(db: sqlite_utils.Database) -> Context:
    def texts(speaker_id: str) -> list[str]:
        return [normalize(r["text"]) for r in db.query(
            """select text from articles where id in (select distinct article_id from claims where speaker_id = ?)
               order by id limit ?""", [speaker_id, CONTEXT_ARTICLES])]
    return texts


# Claims without a person above which the person indexes are dropped and rebuilt around the write.
BULK_CLAIMS = 100_000


def _write(db: sqlite_utils.Database, speakers: Sequence[Speaker], res: Resolution, *, clear: bool = True,
           claims: bool = True) -> None:
    """Store ``res``: each speaker's canonical speaker, the aliases and (with ``claims``) each
    claim's ``person_id``/``person``."""
    ids = [s.id for s in speakers]
    by_id = {s.id: s for s in speakers}
    db.conn.executemany("update speakers set canonical_speaker_id = ? where id = ?",
                        [(res.canonical.get(i, i), i) for i in ids])
    for i in range(0, len(ids), 500) if clear else ():
        chunk = ids[i:i + 500]
        ph = ",".join("?" * len(chunk))
        db.execute(f"delete from speaker_aliases where speaker_id in ({ph}) or via_speaker_id in ({ph})", chunk * 2)
    rows = []
    for link in res.links:
        # a link names two speakers; the alias row is for the one that is not its person's canonical
        for member in (link.alias, link.target):
            if res.canonical[member] != member:
                s = by_id[member]
                rows.append({"speaker_id": res.canonical[member], "alias": s.name, "norm": normalize(s.name),
                             "script": s.script, "how": link.how, "score": link.score, "via_speaker_id": s.id})
    for s in speakers:
        if s.script == "arabic" and s.words:
            roman = romanize(s.name)
            rows.append({"speaker_id": s.id, "alias": roman, "norm": normalize(roman), "script": "latin",
                         "how": "romanization", "score": None, "via_speaker_id": s.id})
    db.conn.executemany(
        "insert or replace into speaker_aliases (speaker_id, alias, norm, script, how, score, via_speaker_id) "
        "values (:speaker_id, :alias, :norm, :script, :how, :score, :via_speaker_id)", rows)
    if not claims:
        return
    # only the claims whose person changed: a rebuild that changes nothing rewrites no claim
    unresolved = db.conn.execute("select count(*) from claims where person_id is null").fetchone()[0]
    indexes = db.conn.execute(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'claims' and sql like '%person%'"
    ).fetchall() if unresolved > BULK_CLAIMS else []
    for name, _ in indexes:  # a first resolution of many claims: the indexes are rebuilt in one sort each
        db.conn.execute(f'drop index "{name}"')
    db.conn.executemany("update claims set person_id = ?1, person = ?2 where speaker_id = ?3 "
                        "and (person_id is not ?1 or person is not ?2)",
                        [(res.canonical.get(i, i), by_id[res.canonical.get(i, i)].name, i) for i in ids])
    for _, sql in indexes:
        db.conn.execute(sql)


def update(db: sqlite_utils.Database, speaker_ids: Iterable[str], *, use_context: bool = True) -> Resolution:
    """Re-resolve the surname blocks of ``speaker_ids`` (new or changed speakers)."""
    _index_new(db)
    speakers = _closure(db, speaker_ids)
    res = _resolve_blocks(speakers, _context(db) if use_context else None)  # as rebuild does
    _write(db, speakers, res)
    return res


def rebuild(db: sqlite_utils.Database, *, use_context: bool = True, claims: bool = True) -> int:
    """Re-resolve every speaker, block by block; returns the number of speakers. Without
    ``claims``, the claims' ``person_id``/``person`` are left for the caller to write (from
    :func:`person_of`): a dedup rebuild writes them with the clusters, one rewrite of each claim."""
    db.execute("update speakers set script = null")
    _index_new(db)
    rows = list(db.query("select id, name, kind, name_key, name_key2 from speakers"))
    everyone = _blocks(rows)
    res = _resolve_blocks(everyone, _context(db) if use_context else None)
    db.execute("delete from speaker_aliases")
    _write(db, everyone, res, clear=False, claims=claims)
    return len(rows)


def person_of(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """Each speaker id -> (person_id, person) as :func:`rebuild` gives its claims."""
    return {r[0]: (r[1], r[2]) for r in db.conn.execute(
        "select s.id, coalesce(s.canonical_speaker_id, s.id), "
        "coalesce(case when p.id is null then s.name else p.name end, '') from speakers s "
        "left join speakers p on p.id = s.canonical_speaker_id")}
