"""Bulk loading: the first load into a database writes its rows without the secondary indexes
and the search triggers, and builds them once at the end.

Every claim row written with its indexes in place updates some twenty B-trees, the full-text
index and the facet counts: most of the cost of storing an article. Into a database that has
no claims yet, :func:`bulk_writes` instead

- drops the claims' and figures' secondary indexes (not the few that a load itself reads,
  :data:`KEEP_INDEXES`) and the full-text and facet-count triggers of ``claims``
  (:data:`DEFERRED_TRIGGERS`), recording their SQL in ``meta`` under :data:`META_KEY`;
- lets the load write, :data:`claims.load.BULK_GROUP` articles to a transaction (each in its
  own savepoint, so that one that fails is rolled back alone; a crash loses at most the group
  being written, which re-running the load writes again);
- then, in one transaction (:func:`finish`), creates them again, rebuilds the full-text index,
  recounts the facet counts and the speakers' and sources' claim counts, and removes the
  record. Building an index over sorted rows once is several times cheaper than keeping it up
  to date row by row.

A load that dies before :func:`finish` (killed, power cut) leaves the record behind; the next
:func:`claims.store.open_db` of the database finishes the work (:func:`finish_abandoned`) once
the process that started it is gone. Until then, searches and facet counts do not see the rows
it wrote. Loads into a database that already has claims keep every index up to date as they go.
"""
from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlite_utils

META_KEY = "bulk_load_pending"
TABLES = ("claims", "figures")
# read while a load writes: replacing an article deletes by article, and deleting a claim
# checks the figures that reference it
KEEP_INDEXES = frozenset({"idx_claims_article_id", "idx_figures_article_id", "idx_figures_claim_id"})
DEFERRED_TRIGGERS = frozenset({
    "claims_ai", "claims_ad", "claims_au",  # full-text (claims_fts)
    "claims_facet_counts_ai", "claims_facet_counts_ad", "claims_facet_counts_au",
    "claims_changes_ai", "claims_changes_ad", "claims_changes_au",
})


def pending(db: sqlite_utils.Database) -> dict | None:
    """The record of a bulk load not finished yet (its pid, host and deferred SQL), or None."""
    if "meta" not in db.table_names():
        return None
    row = db.conn.execute("select value from meta where key = ?", [META_KEY]).fetchone()
    return json.loads(row[0]) if row else None


def is_empty(db: sqlite_utils.Database) -> bool:
    """True when ``db`` has no claims (and no figures) yet."""
    return all(db.conn.execute(f"select 1 from {t} limit 1").fetchone() is None for t in TABLES)


@contextmanager
def bulk_writes(db: sqlite_utils.Database, *, enabled: bool = True,
                announce: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Defer indexes and search triggers while the block writes, when ``db`` has no claims yet;
    yields whether it did. Whatever happens in the block, :func:`finish` runs after it (told to
    ``announce`` first: on a million claims it takes some twenty seconds)."""
    if not enabled or pending(db) is not None or not is_empty(db):
        yield False
        return
    defer(db)
    try:
        yield True
    finally:
        if announce:
            announce("building indexes")
        finish(db)


def defer(db: sqlite_utils.Database) -> list[str]:
    """Drop the deferred indexes and triggers, recording their SQL (and this process) in
    ``meta``; returns the SQL."""
    conn = db.conn
    marks = ",".join("?" * len(TABLES))
    rows = conn.execute(
        f"select type, name, sql from sqlite_master where type in ('index', 'trigger') "
        f"and tbl_name in ({marks}) and sql is not null order by type, name", TABLES).fetchall()
    dropped = [(kind, name, sql) for kind, name, sql in rows
               if (kind == "index" and name not in KEEP_INDEXES) or (kind == "trigger" and name in DEFERRED_TRIGGERS)]
    record = {"pid": os.getpid(), "host": socket.gethostname(), "sql": [sql for _, _, sql in dropped]}
    with db.atomic():
        conn.execute("insert or replace into meta (key, value) values (?, ?)", [META_KEY, json.dumps(record)])
        for kind, name, _ in dropped:
            conn.execute(f'drop {kind} "{name}"')
    return record["sql"]


def finish(db: sqlite_utils.Database) -> bool:
    """Create the deferred indexes and triggers again, rebuild what they maintain, and remove
    the record, in one transaction. Returns False when there was nothing to finish."""
    from claims import store

    record = pending(db)
    if record is None:
        return False
    conn = db.conn
    with db.atomic():
        for sql in record["sql"]:
            conn.execute(_if_not_exists(sql))
        conn.execute(f"insert into {store.FTS_TABLE} ({store.FTS_TABLE}) values ('rebuild')")
        store.refresh_facet_counts(conn)
        store.refresh_counts(db)
        conn.execute("delete from meta where key = ?", [META_KEY])
    return True


def finish_abandoned(db: sqlite_utils.Database) -> bool:
    """:func:`finish` a bulk load whose process has ended (on this machine) without finishing
    it. A load still running, or started on another machine, is left alone."""
    record = pending(db)
    if record is None or record.get("host") != socket.gethostname() or _alive(int(record.get("pid", 0))):
        return False
    return finish(db)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _if_not_exists(sql: str) -> str:
    """``CREATE INDEX x`` → ``CREATE INDEX IF NOT EXISTS x`` (likewise triggers): opening the
    database may have created some of them again already."""
    head, _, rest = sql.partition(" ")
    kind, _, rest = rest.lstrip().partition(" ")
    if kind.upper() == "UNIQUE":
        kind2, _, rest = rest.lstrip().partition(" ")
        kind = f"{kind} {kind2}"
    rest = rest.lstrip()
    if rest.upper().startswith("IF NOT EXISTS"):
        return sql
    return f"{head} {kind} IF NOT EXISTS {rest}"
