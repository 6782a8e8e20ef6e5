"""The SQLite store: schema, upserts, full-text search, views and indexes.

Everything that knows table and column names lives here; the rest of the package calls these
functions. Ids are deterministic (see :mod:`claims.model`), so loading the same article again
replaces its rows instead of adding new ones.

Writes go through ``db.atomic()`` (sqlite-utils savepoints), never ``with db.conn:``, which
commits any open transaction early: one article's rows must land in one transaction.

Tables
------
``articles``  one row per article (text as stored; offsets of claims and figures point into it)
``speakers``  people, organisations, documents and anonymous sources that claims come from
``sources``   outlets, documents and channels claims are known through
``claims``    attributed claims (FKs to articles, speakers, sources, clusters)
``figures``   every figure of every article (FK to its claim, or NULL in narrative)
``clusters``  near-identical claims grouped across articles (see :mod:`claims.dedupe`)
``load_errors`` inputs that failed, with file, line, stage and reason
``meta``      key/value: schema version and the like
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import DescIndex, NotFoundError

from claims.model import Article, Extraction, LoadError, stable_id
from claims.normalize import normalized, search_form

SCHEMA_VERSION = 2  # 2: curation (claims.migrations)

FACET_INDEXES: dict[str, list[Sequence[str]]] = {
    "claims": [("article_id",), ("speaker_id",), ("source_id",), ("cluster_id",), ("lang",), ("kind",),
               ("anonymous",), ("outlet",), ("published",), ("speaker",), ("source",),
               # Datasette pages: a speaker's / source's claims newest first, anonymous claims
               ("speaker_id", "published"), ("source_id", "published"), ("anonymous", "published")],
    "figures": [("article_id",), ("claim_id",), ("unit",), ("kind",), ("key",),
                ("kind", "value")],  # largest money figures
    "articles": [("lang",), ("outlet",), ("published",), ("file",)],
    "speakers": [("norm",), ("kind",), ("anonymous",)],
    "sources": [("norm",), ("kind",)],
    "clusters": [("size",), ("n_outlets",), ("figure_drift",)],
}
# Covering indexes for Datasette pages on large databases, created after the columns they need
# (speaker identity adds claims.person_id): the claims table filtered by speaker (rows newest
# first, the other facets and a source filter read from the index alone) and a speaker's page
# (claims, sources, outlets and months of a person, from the index alone).
COVERING_INDEXES: dict[str, list[Sequence[str]]] = {
    "claims": [("speaker", "published", "source", "outlet", "lang", "kind"),
               ("person_id", "published", "source_id", "source", "outlet")],
}
# The claims table's default order, newest first, with Datasette's tie-breaker (the primary
# key, ascending). Datasette orders the first page by "published desc" alone and later pages
# (?_next=) by "published desc, id", starting after the last row shown: read from this index,
# the first page's claims of one day come in id order too, so paging neither repeats nor skips
# a claim, and a later page is an index range, not a sort of the whole table (seconds on a
# million claims).
ORDER_INDEXES: dict[str, list[Sequence[str]]] = {
    "claims": [(DescIndex("published"), "id")],
}

CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT
  claims.id, claims.kind, claims.text,
  claims.speaker, claims.speaker_role, claims.anonymous,
  claims.source, claims.cue, claims.lang,
  articles.title AS article, claims.outlet, claims.published, articles.file,
  claims.cluster_id, clusters.size AS cluster_size,
  claims.n_figures, claims.start, claims."end",
  claims.article_id, claims.speaker_id, claims.source_id
FROM claims
JOIN articles ON articles.id = claims.article_id
LEFT JOIN clusters ON clusters.id = claims.cluster_id
"""


# Claim counts per value of the claims table's default facets (the Datasette plugin reads them
# for the unfiltered table page instead of grouping a million rows per facet). Kept exact by
# triggers on every insert, delete and update of the claims table; rows whose count fell to 0
# stay (and are skipped by readers).
FTS_TABLE = "claims_fts"  # full-text index of claims.search_text (external content)
FACET_COUNT_COLUMNS = ("speaker", "source", "outlet", "lang", "kind")
FACET_COUNTS_TABLE = "claims_facet_counts"
# One row: n counts the changes to claims that a search, a filter or a facet can see (rows added or
# removed; a facet column or the search text updated), bumped by triggers and by the bulk
# writers' recount. Precomputed page facets (claims.page_facets) are valid for one value.
CHANGES_TABLE = "claims_changes"


def _facet_count_triggers() -> list[str]:
    def bump(ref: str, delta: str, extra: str = "") -> str:
        return "\n".join(
            f"  INSERT INTO {FACET_COUNTS_TABLE} (facet, value, n) SELECT '{c}', {ref}.\"{c}\", {delta} "
            f"WHERE {ref}.\"{c}\" IS NOT NULL{extra.format(c=c)} "
            f"ON CONFLICT (facet, value) DO UPDATE SET n = n + ({delta});" for c in FACET_COUNT_COLUMNS)
    changed = " AND old.\"{c}\" IS NOT new.\"{c}\""
    cols = ", ".join(f'"{c}"' for c in FACET_COUNT_COLUMNS)
    return [
        f"CREATE TRIGGER {FACET_COUNTS_TABLE}_ai AFTER INSERT ON claims BEGIN\n{bump('new', '1')}\nEND",
        f"CREATE TRIGGER {FACET_COUNTS_TABLE}_ad AFTER DELETE ON claims BEGIN\n{bump('old', '-1')}\nEND",
        f"CREATE TRIGGER {FACET_COUNTS_TABLE}_au AFTER UPDATE OF {cols} ON claims BEGIN\n"
        f"{bump('old', '-1', changed)}\n{bump('new', '1', changed)}\nEND",
    ]


def _changes_triggers() -> list[str]:
    bump = f"BEGIN UPDATE {CHANGES_TABLE} SET n = n + 1; END"
    cols = ", ".join(f'"{c}"' for c in (*FACET_COUNT_COLUMNS, "search_text"))
    return [
        f"CREATE TRIGGER {CHANGES_TABLE}_ai AFTER INSERT ON claims {bump}",
        f"CREATE TRIGGER {CHANGES_TABLE}_ad AFTER DELETE ON claims {bump}",
        f"CREATE TRIGGER {CHANGES_TABLE}_au AFTER UPDATE OF {cols} ON claims {bump}",
    ]


def has_table(conn: Any, name: str) -> bool:
    """Whether the database has a table ``name``: one row asked of ``sqlite_master``, cheaper
    than listing every table (sqlite-utils' ``table_names``) for a check made per article."""
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone() is not None


def ensure_changes(db: sqlite_utils.Database) -> None:
    """Create :data:`CHANGES_TABLE` and its triggers when missing."""
    conn = db.conn
    if has_table(conn, CHANGES_TABLE):
        return
    with db.atomic():
        conn.execute(f"CREATE TABLE {CHANGES_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
        conn.execute(f"INSERT INTO {CHANGES_TABLE} (id, n) VALUES (1, 0)")
        for sql in _changes_triggers():
            conn.execute(sql)


def changes(conn: Any) -> int:
    """The change counter of :data:`CHANGES_TABLE`."""
    return conn.execute(f"select n from {CHANGES_TABLE}").fetchone()[0]


def ensure_facet_counts(db: sqlite_utils.Database) -> None:
    """Create and fill :data:`FACET_COUNTS_TABLE` and its triggers when missing (one pass over
    the claims of an existing database)."""
    conn = db.conn
    if has_table(conn, FACET_COUNTS_TABLE):
        return
    with db.atomic():
        conn.execute(f"CREATE TABLE {FACET_COUNTS_TABLE} (facet TEXT NOT NULL, value NOT NULL, n INTEGER NOT NULL, "
                     "PRIMARY KEY (facet, value)) WITHOUT ROWID")
        refresh_facet_counts(conn)
        for sql in _facet_count_triggers():
            conn.execute(sql)


def refresh_facet_counts(conn: Any) -> None:
    """Recount :data:`FACET_COUNTS_TABLE` from the claims (for rows written with its triggers
    off, as bulk loaders do), and count that as a change (:data:`CHANGES_TABLE`, whose
    triggers were off too); in the caller's transaction."""
    conn.execute(f"UPDATE {CHANGES_TABLE} SET n = n + 1")
    conn.execute(f"DELETE FROM {FACET_COUNTS_TABLE}")
    for c in FACET_COUNT_COLUMNS:
        conn.execute(f'INSERT INTO {FACET_COUNTS_TABLE} (facet, value, n) SELECT ?, "{c}", count(*) FROM claims '
                     f'WHERE "{c}" IS NOT NULL GROUP BY "{c}"', [c])


# Facet columns with a handful of values (lang, kind): without statistics SQLite takes an
# equality on any indexed column to be selective, and reads ?lang=ar's half a million claims
# through the lang index, then sorts them all for the newest 100, where reading the newest first
# (the order index) and skipping the other language finds them at once (390 ms -> 2 ms on a
# million claims). Statistics for these indexes only (a full ANALYZE makes other pages slower).
FEW_VALUES = 10


def update_planner_stats(conn: Any) -> None:
    """Give SQLite's planner ``sqlite_stat1`` rows for the one-column indexes of facet columns
    with at most :data:`FEW_VALUES` values, from ``claims_facet_counts``; in the caller's
    transaction. New connections use them."""
    total = conn.execute("select count(*) from claims").fetchone()[0]
    conn.execute("ANALYZE sqlite_master")  # creates sqlite_stat1 (sqlite_master has no index)
    for column in FACET_COUNT_COLUMNS:
        index = f"idx_claims_{column}"
        values = conn.execute(f"select count(*) from {FACET_COUNTS_TABLE} where facet = ? and n > 0",
                              [column]).fetchone()[0]
        conn.execute("delete from sqlite_stat1 where tbl = 'claims' and idx = ?", [index])
        exists = conn.execute("select 1 from sqlite_master where type = 'index' and name = ?", [index]).fetchone()
        if exists and total and 0 < values <= FEW_VALUES:
            conn.execute("insert into sqlite_stat1 (tbl, idx, stat) values ('claims', ?, ?)",
                         [index, f"{total} {-(-total // values)}"])


class StoreError(RuntimeError):
    """The database cannot be used (wrong schema, not a claims database)."""


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or upgrade) a claims database. WAL mode, so Datasette can read while a
    load writes; foreign keys enforced."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no database at {path}; create one with 'claims load … --db {path}'")
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:":
        db.enable_wal()
    db.conn.execute("PRAGMA synchronous = NORMAL")
    from claims import migrations

    migrations.upgrade(db)  # ensure_schema, then the migration steps newer than the database
    from claims import bulk

    bulk.finish_abandoned(db)  # a first load that died before building its indexes
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes, FTS and views; record the schema version."""
    tables = set(db.table_names())
    if "meta" not in tables:
        db["meta"].create({"key": str, "value": str}, pk="key")
    if "articles" not in tables:
        db["articles"].create({
            "id": str, "title": str, "text": str, "body_start": int, "lang": str, "outlet": str,
            "url": str, "published": str, "author": str, "file": str, "path": str, "format": str,
            "encoding": str, "n_claims": int, "n_figures": int, "extractor_version": str,
            "loaded_at": str,
        }, pk="id")
    if "speakers" not in tables:
        db["speakers"].create({
            "id": str, "name": str, "norm": str, "kind": str, "anonymous": int, "n_claims": int,
        }, pk="id")
    if "sources" not in tables:
        db["sources"].create({"id": str, "name": str, "norm": str, "kind": str, "n_claims": int}, pk="id")
    if "clusters" not in tables:
        db["clusters"].create({
            "id": str, "canonical_claim_id": str, "canonical_text": str, "speaker": str, "size": int,
            "n_articles": int, "n_outlets": int, "first_seen": str, "last_seen": str,
            "figure_drift": int,
        }, pk="id")
    if "claims" not in tables:
        db["claims"].create({
            "id": str, "article_id": str, "seq": int, "kind": str, "text": str,
            "start": int, "end": int, "speaker_id": str, "speaker": str, "speaker_role": str,
            "speaker_mention": str, "anonymous": int, "source_id": str, "source": str,
            "cue": str, "cue_start": int, "cue_end": int, "paragraph": int, "lang": str,
            "outlet": str, "published": str, "cluster_id": str, "cluster_score": float,
            "n_figures": int, "search_text": str,
        }, pk="id", foreign_keys=[
            ("article_id", "articles", "id"), ("speaker_id", "speakers", "id"),
            ("source_id", "sources", "id"), ("cluster_id", "clusters", "id"),
        ])
    if "figures" not in tables:
        db["figures"].create({
            "id": str, "article_id": str, "claim_id": str, "text": str, "start": int, "end": int,
            "value": float, "value_max": float, "unit": str, "kind": str, "qualifier": str,
            "key": str,
        }, pk="id", foreign_keys=[("article_id", "articles", "id"), ("claim_id", "claims", "id")])
    if "dedupe_keys" not in tables:
        db["dedupe_keys"].create({"key": str, "claim_id": str}, pk=("key", "claim_id"),
                                 foreign_keys=[("claim_id", "claims", "id")])
        db["dedupe_keys"].create_index(["claim_id"])
    if "load_errors" not in tables:
        db["load_errors"].create({
            "id": int, "path": str, "line": int, "stage": str, "reason": str, "at": str,
        }, pk="id")
    for table, indexes in FACET_INDEXES.items():
        existing = {tuple(i.columns) for i in db[table].indexes}
        for cols in indexes:
            if tuple(cols) not in existing:
                db[table].create_index(cols, if_not_exists=True)
    ensure_changes(db)
    ensure_facet_counts(db)
    if not db["claims"].detect_fts():
        db["claims"].enable_fts(["search_text"], create_triggers=True, tokenize="unicode61")
    if "claims_view" not in db.view_names():
        db.execute(CLAIMS_VIEW)
    _narrow_fts_update_trigger(db)
    from claims import dedupe  # dedupe owns its columns and tables; imported here to avoid a cycle

    dedupe.ensure_tables(db)
    from claims import page_facets

    page_facets.ensure_tables(db)
    for table, indexes in [*COVERING_INDEXES.items(), *ORDER_INDEXES.items()]:
        columns = set(db[table].columns_dict)
        existing = {tuple(i.columns) for i in db[table].indexes}
        for cols in indexes:
            if tuple(cols) not in existing and columns.issuperset(cols):
                db[table].create_index(cols, if_not_exists=True)
    db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def _narrow_fts_update_trigger(db: sqlite_utils.Database) -> None:
    """Re-index a claim's FTS row only when its ``search_text`` changes: sqlite-utils' trigger
    fires on every update, which made setting cluster columns on a million claims rewrite the
    whole full-text index."""
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = 'claims_au'").fetchone()
    if not row or "UPDATE OF" in row[0].upper():
        return
    db.execute("drop trigger claims_au")
    db.execute(row[0].replace("AFTER UPDATE ON", 'AFTER UPDATE OF "search_text" ON', 1))


@lru_cache(maxsize=65536)
def speaker_id(name: str) -> str:
    return stable_id("speaker", normalized(name))


@lru_cache(maxsize=65536)
def source_id(name: str) -> str:
    return stable_id("source", normalized(name))


def delete_article_rows(db: sqlite_utils.Database, article_id: str) -> set[str]:
    """Remove an article's claims, figures and dedup keys (not the article row itself).
    Returns the ids of the clusters that lost members."""
    clusters = {r["cluster_id"] for r in db.query(
        "select distinct cluster_id from claims where article_id = ? and cluster_id is not null", [article_id])}
    db.execute("delete from figures where article_id = ?", [article_id])
    db.execute("delete from dedupe_keys where claim_id in (select id from claims where article_id = ?)", [article_id])
    db.execute("delete from claims where article_id = ?", [article_id])
    return clusters


# Column order of the rows written for each article (see :class:`ArticleRows`).
ARTICLE_COLUMNS = ("id", "title", "text", "body_start", "lang", "outlet", "url", "published", "author",
                   "file", "path", "format", "encoding", "n_claims", "n_figures", "extractor_version",
                   "loaded_at")
SPEAKER_COLUMNS = ("id", "name", "norm", "kind", "anonymous", "n_claims")
SOURCE_COLUMNS = ("id", "name", "norm", "kind", "n_claims")
CLAIM_COLUMNS = ("id", "article_id", "seq", "kind", "text", "start", "end", "speaker_id", "speaker",
                 "speaker_role", "speaker_mention", "anonymous", "source_id", "source", "cue", "cue_start",
                 "cue_end", "paragraph", "lang", "outlet", "published", "cluster_id", "cluster_score",
                 "n_figures", "search_text")
FIGURE_COLUMNS = ("id", "article_id", "claim_id", "text", "start", "end", "value", "value_max", "unit",
                  "kind", "qualifier", "key")


@dataclass
class ArticleRows:
    """One extraction as the rows that store it (values in the order of :data:`SPEAKER_COLUMNS`,
    :data:`SOURCE_COLUMNS`, :data:`CLAIM_COLUMNS` and :data:`FIGURE_COLUMNS`), made by
    :func:`article_rows`.

    A load's worker processes make them, so that its single writer only writes: tuples of plain
    values also cross the process boundary in about half the time of claim and figure objects.
    ``article`` may be None while they travel (the loading process has the article and puts it
    back, see :func:`claims.load.map_extract`); the article's own row is made when it is saved."""

    article: Article | None
    lang: str | None
    speakers: list[tuple[Any, ...]]  # each speaker once (the article's first claim of theirs)
    sources: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]
    figures: list[tuple[Any, ...]]
    warnings: list[str] = field(default_factory=list)


def article_rows(ex: Extraction) -> ArticleRows:
    """The rows of an extraction: its claims (with their search forms, speaker and source ids),
    figures, and the speakers and sources they name."""
    a = ex.article
    aid, lang, outlet, published = a.id, ex.lang, a.outlet, a.published
    speakers: dict[str, tuple[Any, ...]] = {}
    sources: dict[str, tuple[Any, ...]] = {}
    claims = []
    for seq, c in enumerate(ex.claims):
        name = c.speaker
        sid = None
        if name:
            sid = speaker_id(name)
            if sid not in speakers:
                speakers[sid] = (sid, name, normalized(name), c.speaker_type or "person", int(c.anonymous), 0)
        source = c.source
        rid = None
        if source:
            rid = source_id(source)
            if rid not in sources:
                sources[rid] = (rid, source, normalized(source), None, 0)
        claims.append((c.id, aid, seq, c.kind, c.text, c.start, c.end, sid, name, c.speaker_role,
                       c.speaker_mention, int(c.anonymous), rid, source, c.cue, c.cue_start, c.cue_end,
                       c.paragraph, lang, outlet, published, None, None, len(c.figures), search_form(c.text)))
    figures = [(f.id, aid, f.claim_id, f.text, f.start, f.end, f.value, f.value_max, f.unit, f.kind,
                f.qualifier, f.key) for f in ex.figures]
    return ArticleRows(a, lang, list(speakers.values()), list(sources.values()), claims, figures,
                       list(ex.warnings))


def article_row(rows: ArticleRows, extractor_version: str) -> tuple[Any, ...]:
    """The ``articles`` row (values of :data:`ARTICLE_COLUMNS`) of an article's rows, loaded now."""
    a = rows.article
    if a is None:
        raise ValueError("ArticleRows without their article cannot be saved")
    return (a.id, a.title, a.text, a.body_start, rows.lang, a.outlet, a.url, a.published, a.author, a.file,
            a.path, a.format, a.encoding, len(rows.claims), len(rows.figures), extractor_version, now())


def save_extraction(db: sqlite_utils.Database, ex: Extraction | ArticleRows, *, extractor_version: str,
                    counts: bool = True) -> set[str]:
    """Write one article with its claims and figures in one transaction, replacing what was
    stored for it before. Returns the ids of clusters that lost members to the replacement.
    ``counts=False`` leaves the speakers' and sources' claim counts to the caller (a bulk load
    recounts them all at the end). ``ex`` may be its :func:`article_rows` already.

    Plain executemany statements on the connection: this runs once per article of a load, and
    sqlite-utils' table helpers re-read the schema on every call. A new article (no row yet)
    has nothing to delete: claims and figures reference their article."""
    rows = ex if isinstance(ex, ArticleRows) else article_rows(ex)
    row = article_row(rows, extractor_version)
    aid = row[0]
    conn = db.conn
    with db.atomic():
        stored = conn.execute("select 1 from articles where id = ?", [aid]).fetchone()
        stale_clusters = delete_article_rows(db, aid) if stored else set()
        _insert(conn, "articles", ARTICLE_COLUMNS, [row], upsert=True)
        _insert(conn, "speakers", SPEAKER_COLUMNS, rows.speakers, ignore=True)  # new ones only
        _insert(conn, "sources", SOURCE_COLUMNS, rows.sources, ignore=True)
        _insert(conn, "claims", CLAIM_COLUMNS, rows.claims)
        _insert(conn, "figures", FIGURE_COLUMNS, rows.figures)
        if counts:
            refresh_counts(db, speaker_ids=[r[0] for r in rows.speakers], source_ids=[r[0] for r in rows.sources])
        from claims import replay  # imported here: replay imports store

        replay.after_save(db, aid)  # the article's corrections, applied on top of extraction
    return stale_clusters


def _insert(conn: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]], *,
            ignore: bool = False, upsert: bool = False) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``table``."""
    if rows:
        conn.executemany(_insert_sql(table, columns, ignore, upsert), rows)


@lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...], ignore: bool, upsert: bool) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT {"OR IGNORE " if ignore else ""}INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(columns))})'
    if upsert:
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        sql += f' ON CONFLICT("id") DO UPDATE SET {sets}'
    return sql


def refresh_counts(db: sqlite_utils.Database, *, speaker_ids: Iterable[str] | None = None,
                   source_ids: Iterable[str] | None = None) -> None:
    """Recompute the precomputed claim counts of speakers and sources (all when ids is None)."""
    for table, col, ids in (("speakers", "speaker_id", speaker_ids), ("sources", "source_id", source_ids)):
        sql = f"update {table} set n_claims = (select count(*) from claims where claims.{col} = {table}.id)"
        if ids is None:
            db.execute(sql)
        else:
            ids = list(ids)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                db.execute(sql + f" where id in ({','.join('?' * len(chunk))})", chunk)


def record_error(db: sqlite_utils.Database, err: LoadError) -> None:
    """Keep a failed input in ``load_errors``."""
    with db.atomic():
        db["load_errors"].insert({"path": err.path, "line": err.line, "stage": err.stage,
                                  "reason": err.reason, "at": now()})


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per table, for the load summary."""
    return {t: db[t].count for t in ("articles", "claims", "figures", "speakers", "sources", "clusters")}


def get_article(db: sqlite_utils.Database, article_id: str) -> dict[str, Any] | None:
    try:
        return db["articles"].get(article_id)
    except NotFoundError:
        return None
