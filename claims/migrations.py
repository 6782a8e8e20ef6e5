"""Schema migrations: a database made by an older ``claims`` opens and upgrades itself.

:func:`upgrade` (run by :func:`claims.store.open_db`) reads ``meta.schema_version``, lets
:func:`claims.store.ensure_schema` create what is missing, then runs, in order, every step of
:data:`STEPS` newer than the stored version. Every step is idempotent (it checks before it
adds), so a step interrupted half-way simply runs again on the next open.

Versions
--------
1  the first schema (articles, speakers, sources, claims, figures, clusters, dedupe_keys,
   load_errors, meta, claims_fts, claims_view)
2  curation: ``claims.corrected`` and ``claims.origin``; tables ``corrections``,
   ``claims_original``, ``claims_rejected``, ``articles_original``; view ``claims_corrected``
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from claims import store

Step = tuple[int, str, Callable[[sqlite_utils.Database], None]]

CLAIMS_CORRECTED_VIEW = """
CREATE VIEW claims_corrected AS
SELECT
  claims.id, claims.article_id, claims.origin,
  claims.kind, claims_original.kind AS original_kind,
  claims.text, claims_original.text AS original_text,
  claims.speaker, claims_original.speaker AS original_speaker,
  claims.speaker_role, claims_original.speaker_role AS original_speaker_role,
  claims.source, claims_original.source AS original_source,
  claims.start, claims."end",
  claims_original.start AS original_start, claims_original."end" AS original_end,
  (SELECT group_concat(corrections.id, ' ') FROM corrections
    WHERE corrections.claim_id = claims.id AND corrections.status != 'undone') AS corrections
FROM claims
LEFT JOIN claims_original ON claims_original.claim_id = claims.id
WHERE claims.corrected = 1
"""


def stored_version(db: sqlite_utils.Database) -> int | None:
    """The schema version the database records, or None for a new (empty) database."""
    if "meta" not in db.table_names():
        return 1 if "claims" in db.table_names() else None
    rows = list(db.query("select value from meta where key = 'schema_version'"))
    return int(rows[0]["value"]) if rows else 1


def upgrade(db: sqlite_utils.Database) -> list[str]:
    """Bring ``db`` up to :data:`claims.store.SCHEMA_VERSION`; returns the names of the steps
    run. Raises :class:`claims.store.StoreError` for a database made by a newer ``claims``."""
    version = stored_version(db)
    if version is not None and version > store.SCHEMA_VERSION:
        raise store.StoreError(
            f"the database has schema version {version}, newer than this claims "
            f"(version {store.SCHEMA_VERSION}); upgrade claims to open it")
    store.ensure_schema(db)  # records SCHEMA_VERSION; put back below if a step fails
    done: list[str] = []
    try:
        for step_version, name, step in STEPS:
            if version is None or step_version > version:
                step(db)
                done.append(name)
    except Exception:
        if version is not None:
            _record(db, version)
        raise
    _record(db, store.SCHEMA_VERSION)
    return done


def _record(db: sqlite_utils.Database, version: int) -> None:
    db["meta"].upsert({"key": "schema_version", "value": str(version)}, pk="key")


# --------------------------------------------------------------------------- helpers


def ensure_table(db: sqlite_utils.Database, name: str, columns: dict[str, Any], *, pk: str,
                 foreign_keys: list[tuple[str, str, str]] | None = None) -> None:
    """Create table ``name``, or add the columns it lacks."""
    if name not in db.table_names():
        db[name].create(columns, pk=pk, foreign_keys=foreign_keys or [])
        return
    have = set(db[name].columns_dict)
    for col, col_type in columns.items():
        if col not in have:
            db[name].add_column(col, col_type)


def ensure_columns(db: sqlite_utils.Database, table: str, columns: dict[str, tuple[Any, Any]]) -> None:
    """Add ``{column: (type, not-null default)}`` to ``table`` where missing."""
    have = set(db[table].columns_dict)
    for col, (col_type, default) in columns.items():
        if col not in have:
            db[table].add_column(col, col_type, not_null_default=default)


def ensure_index(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    if tuple(columns) not in {tuple(i.columns) for i in db[table].indexes}:
        db[table].create_index(columns, if_not_exists=True)


def copy_columns(db: sqlite_utils.Database, source: str, target: str) -> None:
    """Give ``target`` every column of ``source`` it lacks (same declared type)."""
    have = set(db[target].columns_dict)
    for col in db[source].columns:
        if col.name not in have:
            db[target].add_column(col.name, col.type or "TEXT")


# --------------------------------------------------------------------------- steps


def v2_curation(db: sqlite_utils.Database) -> None:
    """Corrections as data (see :mod:`claims.curate`)."""
    ensure_columns(db, "claims", {"corrected": (int, 0), "origin": (str, "extracted")})
    ensure_table(db, "corrections", {
        "id": int, "action": str, "claim_id": str, "article_id": str, "speaker_id": str,
        "cluster_id": str, "field": str, "old_value": str, "new_value": str, "anchor": str,
        "who": str, "at": str, "why": str, "status": str, "note": str, "undone_by": str,
        "undone_at": str,
    }, pk="id")
    ensure_table(db, "claims_original", {
        "claim_id": str, "article_id": str, "kind": str, "text": str, "start": int, "end": int,
        "speaker_id": str, "speaker": str, "speaker_role": str, "anonymous": int,
        "source_id": str, "source": str,
    }, pk="claim_id")
    ensure_table(db, "articles_original", {
        "article_id": str, "title": str, "outlet": str, "url": str, "published": str,
    }, pk="article_id")
    if "claims_rejected" not in db.table_names():
        db["claims_rejected"].create({"id": str, "correction_id": int}, pk="id",
                                     foreign_keys=[("correction_id", "corrections", "id")])
    copy_columns(db, "claims", "claims_rejected")
    for table, cols in (("corrections", ["claim_id"]), ("corrections", ["article_id"]),
                        ("corrections", ["status"]), ("corrections", ["action"]),
                        ("claims", ["corrected"]), ("claims", ["origin"]),
                        ("claims_original", ["article_id"]), ("claims_rejected", ["article_id"])):
        ensure_index(db, table, cols)
    if "claims_corrected" not in db.view_names():
        db.execute(CLAIMS_CORRECTED_VIEW)
    # backfill: claims touched by a correction kept before this step are marked
    db.execute("update claims set corrected = 1 where corrected = 0 and id in "
               "(select claim_id from claims_original)")


STEPS: list[Step] = [
    (2, "v2_curation", v2_curation),
]
