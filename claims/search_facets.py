"""Facet counts of the most common search words, precomputed.

A full-text search for a word in 15% of a million claims matches 150,000 of them, and counting
the claims page's five facets over those rows looks every one of them up again: about 400 ms,
where the search itself takes 5 ms. So for each word in at least :data:`MIN_CLAIMS` claims (the
only words whose facets are slow to count live), two tables hold the answer ahead of time:

* ``claims_term_counts``: the word and the number of claims it is in;
* ``claims_term_facets``: for each facet column (:data:`claims.store.FACET_COUNT_COLUMNS`), the
  word's :data:`KEEP` most frequent values with their counts, in Datasette's facet order.

The Datasette plugin reads them for a search for one such word with no other filter
(:mod:`claims.datasette.facets`). They describe the claims as they were when built: they are
used only while ``meta.term_facets_version`` equals the change counter of
:data:`claims.store.CHANGES_TABLE`, which triggers bump on every change a search or a facet can
see. :func:`refresh` rebuilds them when stale; a load calls it at the end. Between a change made
another way (a curation in the browser) and the next load, searches count their facets live, as
before: slower, never wrong.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sqlite_utils

from claims import store

TERM_COUNTS_TABLE = "claims_term_counts"
TERM_FACETS_TABLE = "claims_term_facets"
VERSION_KEY = "term_facets_version"
# Words in fewer claims than this have their facets counted live, fast enough: 10,000 matching
# claims cost about 25 ms for the five facets on the 2-core machine.
MIN_CLAIMS = 10_000
# Values kept per word and facet: Datasette asks for facet_size + 1 rows (31 by default) to know
# whether a facet is truncated; 101 also covers ?_facet_size=100.
KEEP = 101
_VOCAB = "claims_fts_terms"
# the claims a word is in, from the tables, when they are fresh (no row otherwise)
FRESH_TERM_SQL = (f"select n from {TERM_COUNTS_TABLE} where term = :term "
                  f"and (select value from meta where key = '{VERSION_KEY}') = "
                  f"(select cast(n as text) from {store.CHANGES_TABLE})")


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the two tables when missing (empty: stale until the first :func:`refresh`)."""
    conn = db.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TERM_COUNTS_TABLE} (term TEXT PRIMARY KEY, n INTEGER NOT NULL) "
                 "WITHOUT ROWID")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TERM_FACETS_TABLE} (term TEXT NOT NULL, facet TEXT NOT NULL, "
                 "value NOT NULL, n INTEGER NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (term, facet, rank)) "
                 "WITHOUT ROWID")


def is_fresh(conn: Any) -> bool:
    """Whether the tables describe the claims as they are now."""
    try:
        row = conn.execute(f"select (select value from meta where key = ?) = "
                           f"(select cast(n as text) from {store.CHANGES_TABLE})", [VERSION_KEY]).fetchone()
    except Exception:  # noqa: BLE001 - an older database without the tables
        return False
    return bool(row and row[0])


def refresh(db: sqlite_utils.Database, *, force: bool = False, min_claims: int = MIN_CLAIMS, keep: int = KEEP,
            announce: Callable[[str], None] | None = None) -> int | None:
    """Rebuild the tables when stale (or ``force``); returns the number of words counted, or
    None when they were fresh. One transaction; on a million claims about 5-10 s, most of it
    reading every claim's facet values once and each common word's matches once."""
    conn = db.conn
    ensure_tables(db)
    if not force and is_fresh(conn):
        return None
    with db.atomic():
        version = store.changes(conn)
        total = conn.execute("select count(*) from claims").fetchone()[0]
        terms = _common_terms(conn, min_claims) if total >= min_claims else []
        if announce and terms:
            announce(f"facet counts of {len(terms):,} common search words")
        rows = list(_facet_rows(conn, terms, keep)) if terms else []
        conn.execute(f"DELETE FROM {TERM_COUNTS_TABLE}")
        conn.execute(f"DELETE FROM {TERM_FACETS_TABLE}")
        conn.executemany(f"INSERT INTO {TERM_COUNTS_TABLE} (term, n) VALUES (?, ?)", terms)
        conn.executemany(f"INSERT INTO {TERM_FACETS_TABLE} (term, facet, value, n, rank) VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [VERSION_KEY, str(version)])
    return len(terms)


def _common_terms(conn: Any, min_claims: int) -> list[tuple[str, int]]:
    """(word, claims it is in) for every indexed word in at least ``min_claims`` claims."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_VOCAB} USING fts5vocab(main, {store.FTS_TABLE}, row)")
    try:
        return [(t, n) for t, n in conn.execute(f"SELECT term, doc FROM temp.{_VOCAB} WHERE doc >= ? ORDER BY term",
                                                [min_claims])]
    finally:
        conn.execute(f"DROP TABLE temp.{_VOCAB}")


def _facet_codes(conn: Any) -> tuple[list[np.ndarray], list[list[Any]]]:
    """For each facet column, an array indexed by claim rowid giving the position of the
    claim's value in that column's values (-1: null, or no claim), and the values, in SQLite's
    order (so that comparing positions compares values as Datasette's facet order does)."""
    size = (conn.execute("select max(rowid) from claims").fetchone()[0] or 0) + 1
    all_codes, all_values = [], []
    for column in store.FACET_COUNT_COLUMNS:
        codes = np.full(size, -1, dtype=np.int32)
        values: list[Any] = []
        # read from the column's index: each value once, with the rowids of its claims
        for value, joined in conn.execute(f'SELECT "{column}", group_concat(rowid) FROM claims '
                                          f'WHERE "{column}" IS NOT NULL GROUP BY 1 ORDER BY 1'):
            codes[_rowids(joined)] = len(values)
            values.append(value)
        all_codes.append(codes)
        all_values.append(values)
    return all_codes, all_values


def _rowids(joined: str | None) -> np.ndarray:
    """The rowids of a ``group_concat(rowid)``."""
    return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)


def _matches(conn: Any, term: str) -> np.ndarray:
    """Rowids of the claims whose search text has ``term``."""
    return _rowids(conn.execute(f"SELECT group_concat(rowid) FROM {store.FTS_TABLE} WHERE {store.FTS_TABLE} MATCH ?",
                                ['"' + term.replace('"', '""') + '"']).fetchone()[0])


def _facet_rows(conn: Any, terms: list[tuple[str, int]], keep: int):
    """(term, facet, value, count, rank) rows: each facet's ``keep`` most frequent values among
    the claims with the term, by count, then value (Datasette's facet order)."""
    codes, values = _facet_codes(conn)
    for term, _ in terms:
        hits = _matches(conn, term)
        hits = hits[hits < len(codes[0])]
        for col, col_codes, col_values in zip(store.FACET_COUNT_COLUMNS, codes, values):
            found = col_codes[hits]
            counts = np.bincount(found[found >= 0], minlength=len(col_values))
            present = np.flatnonzero(counts)
            if len(present) > keep:
                # only values with at least the keep-th largest count can be in the top
                kth = np.partition(counts[present], len(present) - keep)[len(present) - keep]
                present = present[counts[present] >= kth]
            top = present[np.lexsort((present, -counts[present]))][:keep]
            for rank, code in enumerate(top.tolist()):
                yield term, col, col_values[code], int(counts[code]), rank
