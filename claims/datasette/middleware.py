"""The plugin's ASGI middleware: query-string rewrites for requests to a claims database.

* ``_search`` and ``_search_<column>`` are normalised like the index
  (:func:`claims.datasette.search.rewrite_query_string`); the typed words are kept in the scope
  under :data:`claims.datasette.search.SCOPE_KEY` for the search box.
* HTML pages of the claims table that only search for one common word get ``_nocount=1`` and
  the number of matching claims, precomputed (:mod:`claims.page_facets`), in the scope under
  :data:`claims.datasette.search.COUNT_KEY`, which the page shows instead: Datasette would
  count them again (about 80 ms for 150,000 matches on a million claims). On other search pages
  of that table a ``_nocount`` (carried over by the links of such a page) is dropped, so that
  Datasette counts. JSON and other formats are left alone. When such a page is sorted newest
  first and the word is in enough claims (count² ≥ page rows × claims), the scope also gets
  :data:`claims.datasette.search.SCAN_KEY`: the search's where clause is then written so that
  SQLite reads the claims newest first (the order index) and keeps the matches, instead of
  looking up all of them and sorting (100 ms for 150,000 matches on a million claims).
* The first page of a sorted table of ours (the claims newest first, speakers by claims…) gets
  a ``_next`` that starts before every row (:func:`first_page_start`): Datasette sorts a first
  page by the sort column alone and later pages by the column and then the primary key,
  starting after the last row shown, so rows that tie on the sort column (the claims of one
  day) came in another order on the first page, and paging repeated some and skipped others.
  With the ``_next`` the first page is sorted like the others. Only where an index reads the
  table in that order (the claims newest first: ``store.ORDER_INDEXES``; any other order would
  make Datasette sort the whole table for the first page too), for tables with more rows
  than the page shows (Datasette makes facet suggestions only without ``_next``, so a table
  that fits on one page keeps them), and not when ``?_suggest=1`` asks for suggestions.
* Table pages of large tables get ``_nosuggest=1``: Datasette's facet suggestions run a query
  per column (about 3 s a page on a million claims) while the useful facets are configured in
  metadata anyway. "Large" is ``plugins: claims: large_table_rows`` in metadata (default
  50,000; 0 turns this off); ``?_suggest=1`` asks for suggestions on one page.
"""
from __future__ import annotations

import sqlite3
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from typing import Any

from claims.datasette.search import COUNT_KEY, SCAN_KEY, SCOPE_KEY, one_word_search, rewrite_query_string

LARGE_TABLE_ROWS = 50_000
SIZE_TTL_SECONDS = 60.0
FORMAT_SUFFIXES = (".json", ".csv", ".atom", ".rss", ".geojson", ".txt")


def split_path(path: str) -> tuple[str, str | None]:
    """``/claims/claims.json`` -> (``claims``, ``claims``); ``/claims`` -> (``claims``, None).
    Segments are tilde-decoded; a table is only named for a two-segment path that is not a
    ``/-/`` page."""
    from datasette.utils import tilde_decode

    parts = path.strip("/").split("/")
    db = tilde_decode(urllib.parse.unquote(parts[0])) if parts and parts[0] else ""
    if len(parts) != 2 or parts[0] == "-" or parts[1].startswith("-"):
        return db, None
    table = urllib.parse.unquote(parts[1])
    for suffix in FORMAT_SUFFIXES:
        if table.endswith(suffix):
            table = table[: -len(suffix)]
            break
    return db, tilde_decode(table)


def add_nosuggest(query_string: bytes) -> bytes:
    """``query_string`` with ``_nosuggest=1``, unless it asks for suggestions (``_suggest``) or
    already has ``_nosuggest``."""
    if b"_suggest" in query_string or b"_nosuggest" in query_string:
        return query_string
    return query_string + (b"&" if query_string else b"") + b"_nosuggest=1"


class TableSizes:
    """Approximate row counts (``max(rowid)``) of the tables of each database, and the orders
    their indexes serve (:meth:`ordered`), refreshed every minute; read on a connection of
    Datasette's, in microseconds."""

    def __init__(self, datasette: Any) -> None:
        self.datasette = datasette
        self._sizes: dict[str, tuple[float, dict[str, int], set[tuple[str, str, bool]]]] = {}

    def _cached(self, database: str) -> tuple[float, dict[str, int], set[tuple[str, str, bool]]]:
        now = time.monotonic()
        cached = self._sizes.get(database)
        if cached is None or now - cached[0] > SIZE_TTL_SECONDS:
            cached = (now, *self._measure(database))
            self._sizes[database] = cached
        return cached

    def rows(self, database: str, table: str) -> int:
        return self._cached(database)[1].get(table, 0)

    def ordered(self, database: str, table: str, order: tuple[str, bool]) -> bool:
        """Whether an index of ``table`` reads it in ``order`` (column, descending) and then by
        ``id`` ascending, the order of Datasette's later pages."""
        return (table, *order) in self._cached(database)[2]

    def _measure(self, database: str) -> tuple[dict[str, int], set[tuple[str, str, bool]]]:
        db = self.datasette.get_database(database)
        conn = db.connect()
        sizes: dict[str, int] = {}
        orders: set[tuple[str, str, bool]] = set()
        try:
            for (name,) in conn.execute("select name from sqlite_master where type = 'table'").fetchall():
                try:
                    sizes[name] = conn.execute(f"select max(rowid) from [{name}]").fetchone()[0] or 0
                    for index in conn.execute(f"pragma index_list([{name}])").fetchall():
                        keys = [(r[2], bool(r[3])) for r in conn.execute(f"pragma index_xinfo([{index[1]}])") if r[5]]
                        if len(keys) >= 2 and keys[1][0] == "id":
                            # read forwards or backwards: (col, id) serves "col desc, id" read
                            # backwards only if id is descending in it
                            orders.add((name, keys[0][0], keys[0][1] != keys[1][1]))
                except sqlite3.Error:
                    continue
        finally:
            conn.close()
            if conn in getattr(db, "_all_file_connections", []):
                db._all_file_connections.remove(conn)
        return sizes, orders


# tables of ours sorted by something other than their primary key (``id``), by default or on
# request; not views, whose later pages Datasette reads by offset
PAGED_TABLES = frozenset({"claims", "articles", "speakers", "sources", "clusters", "figures"})
# greater than any text (and text is greater than any number in SQLite's order)
_AFTER_ALL = "\U0010ffff"


def _pairs(query_string: bytes) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)


def _args(query_string: bytes) -> dict[str, str]:
    return dict(_pairs(query_string))


def page_order(query_string: bytes, table_meta: dict[str, Any]) -> tuple[str, bool] | None:
    """The column a table page is sorted by and whether descending: ``_sort``, ``_sort_desc``,
    else the table's metadata (``sort``, ``sort_desc``); None when unsorted."""
    args = _args(query_string)
    if args.get("_sort"):
        return args["_sort"], False
    if args.get("_sort_desc"):
        return args["_sort_desc"], True
    if table_meta.get("sort"):
        return table_meta["sort"], False
    return (table_meta["sort_desc"], True) if table_meta.get("sort_desc") else None


def page_rows(query_string: bytes, table_meta: dict[str, Any]) -> int:
    """The rows a table page shows: ``_size`` (``max``: Datasette's 1,000), else the table's
    metadata ``size``, else Datasette's default of 100."""
    size = _args(query_string).get("_size", "")
    if size == "max":
        return 1000
    return int(size) if size.isdigit() else int(table_meta.get("size") or 100)


def first_page_start(query_string: bytes, order: tuple[str, bool] | None) -> bytes:
    """``query_string`` with a ``_next`` token that starts before every row, for the first page
    of a table sorted by a column (``order``: column and whether descending, see
    :func:`page_order`); unchanged for a later page, an unsorted page or one that asks for
    facet suggestions. Descending, the token's sort value is greater than any value (nulls
    come last and are kept); ascending it is ``$null``, which Datasette reads as "from the
    nulls on". A streamed CSV download gets none, and loses one that is such a start."""
    from datasette.utils import tilde_encode

    args = _args(query_string)
    if "_stream" in args:
        # a streamed CSV download pages through every row itself and refuses a _next: the export
        # form of a page that had one carries it along
        starts = {tilde_encode(_AFTER_ALL) + ",", "$null,"}
        return without_param(query_string, "_next") if args.get("_next") in starts else query_string
    if "_next" in args or "_suggest" in args or order is None or order[0] == "id":
        return query_string
    token = (tilde_encode(_AFTER_ALL) if order[1] else "$null") + ","
    return query_string + (b"&" if query_string else b"") + b"_next=" + urllib.parse.quote(token).encode("ascii")


def without_param(query_string: bytes, name: str) -> bytes:
    """``query_string`` without the parameter ``name``; the others keep their bytes."""
    key = name.encode()
    return b"&".join(p for p in query_string.split(b"&") if p and p.split(b"=", 1)[0] != key)


SearchCounter = Callable[[str, str], Awaitable[int | None]]  # (database, word) -> claims, or None


class ClaimsMiddleware:
    """ASGI middleware applying the rewrites above to requests for claims databases
    (``is_ours(database)``); ``large_rows()`` gives the current threshold; ``count_search``
    gives the precomputed number of claims a word is in, or None."""

    def __init__(self, app: Callable[..., Any], is_ours: Callable[[str], bool], sizes: TableSizes,
                 large_rows: Callable[[], int], count_search: SearchCounter | None = None,
                 table_meta: Callable[[str, str], dict[str, Any]] | None = None) -> None:
        self.app = app
        self.is_ours = is_ours
        self.sizes = sizes
        self.large_rows = large_rows
        self.count_search = count_search
        self.table_meta = table_meta or (lambda database, table: {})

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope.get("type") == "http" and scope.get("method", "GET") in ("GET", "HEAD"):
            scope = self.rewrite(scope)
            if self.count_search is not None:
                scope = await self.precounted_search(scope)
        await self.app(scope, receive, send)

    async def precounted_search(self, scope: dict[str, Any]) -> dict[str, Any]:
        """The ``_nocount`` rewrite (see the module's docstring); after :meth:`rewrite`."""
        path = scope.get("path", "")
        qs = scope.get("query_string", b"")
        if b"_search" not in qs or path.endswith(FORMAT_SUFFIXES):
            return scope
        db, table = split_path(path)
        if table != "claims" or not db or not self.is_ours(db):
            return scope
        new = without_param(qs, "_nocount")
        word = one_word_search(_pairs(qs))
        count = await self.count_search(db, word) if word and self.count_search else None
        extra: dict[str, Any] = {}
        if count is not None:
            new += b"&_nocount=1"
            extra[COUNT_KEY] = count
            meta = self.table_meta(db, table)
            # reading the newest claims first and keeping the matches fills a page of r rows
            # after about r * claims / count; looking every match up and sorting them costs count
            rows = page_rows(qs, meta) + 1
            if page_order(qs, meta) == ("published", True) and count * count >= rows * self.sizes.rows(db, table):
                extra[SCAN_KEY] = True
        return dict(scope, query_string=new, **extra) if new != qs or extra else scope

    def rewrite(self, scope: dict[str, Any]) -> dict[str, Any]:
        db, table = split_path(scope.get("path", ""))
        if not db or not self.is_ours(db):
            return scope
        qs = scope.get("query_string", b"")
        extra: dict[str, Any] = {}
        qs, typed = rewrite_query_string(qs)
        if typed:
            extra[SCOPE_KEY] = typed
        if table is not None:
            limit = self.large_rows()
            if limit and self.sizes.rows(db, table) >= limit:
                qs = add_nosuggest(qs)
            if table in PAGED_TABLES:
                # only where an index reads the table in the later pages' order: without one,
                # Datasette would sort the whole table for the first page too
                meta = self.table_meta(db, table)
                order = page_order(qs, meta)
                if b"_stream" in qs or (order and self.sizes.rows(db, table) > page_rows(qs, meta)
                                        and self.sizes.ordered(db, table, order)):
                    qs = first_page_start(qs, order)
        if qs != scope.get("query_string", b"") or extra:
            scope = dict(scope, query_string=qs, **extra)
        return scope


def large_table_rows(datasette: Any) -> int:
    """The ``large_table_rows`` setting of the plugin (``plugins: claims:`` in metadata)."""
    conf = datasette.plugin_config("claims") or {}
    value = conf.get("large_table_rows", LARGE_TABLE_ROWS)
    return int(value or 0)


def search_counter(datasette: Any) -> SearchCounter:
    """The precomputed number of claims a word is in, from a database of ``datasette``, when
    its precomputed page facets are fresh (:mod:`claims.page_facets`); else None."""
    from claims.page_facets import FRESH_COUNT_SQL, SEARCH

    async def count(database: str, word: str) -> int | None:
        try:
            result = await datasette.get_database(database).execute(FRESH_COUNT_SQL, {"filter": SEARCH, "value": word})
        except Exception:  # noqa: BLE001 - a database without the tables: Datasette counts
            return None
        return result.rows[0][0] if result.rows else None

    return count


def wrapper(datasette: Any, is_ours: Callable[[str], bool]) -> Callable[[Any], ClaimsMiddleware]:
    """What the ``asgi_wrapper`` hook returns."""
    sizes = TableSizes(datasette)
    return lambda app: ClaimsMiddleware(app, is_ours, sizes, lambda: large_table_rows(datasette),
                                        search_counter(datasette),
                                        lambda db, table: datasette.table_metadata(db, table) or {})
