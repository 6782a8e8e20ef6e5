"""Facet counts of the commonest pages of the claims table, precomputed.

The claims page counts five facets (:data:`claims.store.FACET_COUNT_COLUMNS`) over the claims it
shows. A full-text search for a word in 15% of a million claims matches 150,000 of them, and
counting the facets looks every one of them up again: about 400 ms, where the search itself
takes 5 ms; clicking a language in the language facet (`?lang=ar`, half the claims) counts them
over 500,000 rows and runs out of time. So for each page that searches one word, or filters one
facet column to one value (``?speaker=…``, ``?lang=ar``), with at least :data:`MIN_CLAIMS`
claims (the only ones whose facets are slow to count live), two tables hold the answer ahead of
time:

* ``claims_page_counts``: ``filter`` (``_search``, or the facet column), ``value`` (the word as
  indexed, or the column's value), ``n``: the claims the page shows;
* ``claims_page_facets``: for each such page and facet column, the :data:`KEEP` most frequent
  values with their counts, in Datasette's facet order (``rank``).

The Datasette plugin reads them (:mod:`claims.datasette.facets`, and the search count in
:mod:`claims.datasette.middleware`). They describe the claims as they were when built: they are
used only while ``meta.page_facets_version`` equals the change counter of
:data:`claims.store.CHANGES_TABLE`, which triggers bump on every change a search, a filter or a
facet can see. :func:`refresh` rebuilds them when stale; a load calls it at the end. Between a
change made another way (a curation in the browser) and the next load, pages count their facets
live, as before: slower, never wrong.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import sqlite_utils

from claims import store

COUNTS_TABLE = "claims_page_counts"
FACETS_TABLE = "claims_page_facets"
VERSION_KEY = "page_facets_version"
SEARCH = "_search"  # the filter of a page that searches for a word
# Pages with fewer claims than this have their facets counted live, fast enough: 10,000 claims
# cost about 25 ms for the five facets on the 2-core machine.
MIN_CLAIMS = 10_000
# Values kept per page and facet: Datasette asks for facet_size + 1 rows (31 by default) to know
# whether a facet is truncated; 101 also covers ?_facet_size=100.
KEEP = 101
_VOCAB = "claims_fts_terms"
# the claims a page shows, from the tables, when they are fresh (no row otherwise)
FRESH_COUNT_SQL = (f"select n from {COUNTS_TABLE} where filter = :filter and value = :value "
                   f"and (select value from meta where key = '{VERSION_KEY}') = "
                   f"(select cast(n as text) from {store.CHANGES_TABLE})")


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Create the two tables when missing (empty: stale until the first :func:`refresh`)."""
    conn = db.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} (filter TEXT NOT NULL, value NOT NULL, "
                 "n INTEGER NOT NULL, PRIMARY KEY (filter, value)) WITHOUT ROWID")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {FACETS_TABLE} (filter TEXT NOT NULL, value NOT NULL, "
                 "facet TEXT NOT NULL, facet_value NOT NULL, n INTEGER NOT NULL, rank INTEGER NOT NULL, "
                 "PRIMARY KEY (filter, value, facet, rank)) WITHOUT ROWID")


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
    """Rebuild the tables when stale (or ``force``); returns the number of pages counted, or
    None when they were fresh. One transaction; on a million claims a few seconds, most of it
    reading each facet column once and each common word's matches once."""
    conn = db.conn
    ensure_tables(db)
    if not force and is_fresh(conn):
        return None
    with db.atomic():
        version = store.changes(conn)
        total = conn.execute("select count(*) from claims").fetchone()[0]
        counts: list[tuple[str, Any, int]] = []
        facets: list[tuple[str, Any, str, Any, int, int]] = []
        if total >= min_claims:
            words = _common_words(conn, min_claims)
            if announce:
                announce("facet counts of common searches and filters")
            codes, values = _facet_codes(conn)
            for filter_, value, hits in _pages(conn, words, codes, values, min_claims):
                counts.append((filter_, value, len(hits)))
                facets.extend((filter_, value, *row) for row in _top_values(hits, codes, values, keep))
        conn.execute(f"DELETE FROM {COUNTS_TABLE}")
        conn.execute(f"DELETE FROM {FACETS_TABLE}")
        conn.executemany(f"INSERT INTO {COUNTS_TABLE} (filter, value, n) VALUES (?, ?, ?)", counts)
        conn.executemany(f"INSERT INTO {FACETS_TABLE} (filter, value, facet, facet_value, n, rank) "
                         "VALUES (?, ?, ?, ?, ?, ?)", facets)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [VERSION_KEY, str(version)])
    return len(counts)


def _common_words(conn: Any, min_claims: int) -> list[str]:
    """Every indexed word in at least ``min_claims`` claims."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_VOCAB} USING fts5vocab(main, {store.FTS_TABLE}, row)")
    try:
        return [t for (t,) in conn.execute(f"SELECT term FROM temp.{_VOCAB} WHERE doc >= ? ORDER BY term",
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


def _pages(conn: Any, words: list[str], codes: list[np.ndarray], values: list[list[Any]],
           min_claims: int) -> Iterator[tuple[str, Any, np.ndarray]]:
    """(filter, value, rowids of the claims shown) of every page to precompute: each common
    word searched, each facet value with at least ``min_claims`` claims filtered."""
    for word in words:
        hits = _rowids(conn.execute(f"SELECT group_concat(rowid) FROM {store.FTS_TABLE} WHERE {store.FTS_TABLE} "
                                    "MATCH ?", ['"' + word.replace('"', '""') + '"']).fetchone()[0])
        yield SEARCH, word, hits[hits < len(codes[0])]
    for column, col_codes, col_values in zip(store.FACET_COUNT_COLUMNS, codes, values):
        present = col_codes[col_codes >= 0]
        for code in np.flatnonzero(np.bincount(present) >= min_claims).tolist() if len(present) else []:
            yield column, col_values[code], np.flatnonzero(col_codes == code)


def _top_values(hits: np.ndarray, codes: list[np.ndarray], values: list[list[Any]],
                keep: int) -> Iterator[tuple[str, Any, int, int]]:
    """(facet, value, count, rank): each facet's ``keep`` most frequent values among the claims
    ``hits``, by count, then value (Datasette's facet order)."""
    for column, col_codes, col_values in zip(store.FACET_COUNT_COLUMNS, codes, values):
        found = col_codes[hits]
        counts = np.bincount(found[found >= 0], minlength=len(col_values))
        present = np.flatnonzero(counts)
        if len(present) > keep:
            # only values with at least the keep-th largest count can be in the top
            kth = np.partition(counts[present], len(present) - keep)[len(present) - keep]
            present = present[counts[present] >= kth]
        top = present[np.lexsort((present, -counts[present]))][:keep]
        for rank, code in enumerate(top.tolist()):
            yield column, col_values[code], int(counts[code]), rank
