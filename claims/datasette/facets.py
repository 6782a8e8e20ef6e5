"""Column facets of the claims table from precomputed counts.

Datasette computes a column facet with ``select col, count(*) … group by col`` over the rows of
the page's query: on an unfiltered table of a million claims that is an index scan of every row
per facet (about 45 ms each, one after another). The store keeps the same counts exact in
``claims_facet_counts`` (maintained by triggers: :data:`claims.store.FACET_COUNT_COLUMNS`), so
for the unfiltered claims table of a claims database :class:`CountedColumnFacet` reads them
there; the rows, order, truncation, labels and links are those Datasette's own
:class:`~datasette.facets.ColumnFacet` gives. Filtered pages, searches, other tables and other
columns are counted from the page's own rows, all facets in one query: each Datasette facet
query looks up every row of the page again (a full-text search for a word in 15% of a million
claims finds 150k rows: about 130 ms a facet), where one query reads the rows once into a
temporary table and groups it once per column. When the page's rows come from an index alone
(a speaker's page, through the covering index that starts with ``speaker``), each facet groups
them straight from the index instead, which is cheaper than the copy. Other databases go
through Datasette's code unchanged.

The class replaces Datasette's column facet class through a ``register_facet_classes`` hook
wrapper (see :mod:`claims.datasette`).
"""
from __future__ import annotations

import re
import sqlite3
from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from claims import page_facets
from claims.datasette import config
from claims.datasette.search import FTS_CLAUSES, looked_up, one_word
from claims.store import FACET_COUNT_COLUMNS, FACET_COUNTS_TABLE

_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)
# a common table expression read more than once is materialized anyway; the keyword (SQLite
# 3.35+) makes sure
_MATERIALIZED = "materialized " if sqlite3.sqlite_version_info >= (3, 35) else ""


class CountedColumnFacet(ColumnFacet):
    """Datasette's column facet, answered from ``claims_facet_counts`` or, for the commonest
    searches and filters, from ``claims_page_facets`` when it can be."""

    _page: tuple[str, Any] | None = None  # (filter, value) of a precomputed page

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        if not self.table or not config.is_claims_db(self.ds, self.database):
            return await super().facet_results()
        if self.request.args.get("_next"):
            # a later page: count the whole result, as on the first page, not the rows after
            # this page's start (which Datasette counts: a different answer on every page, and on
            # a large table a scan of the rest of it)
            whole = without_next(self.sql, self.params, self.request.args["_next"])
            if whole is not None:
                self.sql, self.params = whole
        self.sql = looked_up(self.sql or "")  # all the matches of a search read in order
        counted = (self.table == "claims" and not self.params and not _WHERE.search(self.sql or "")
                   and await self.ds.get_database(self.database).table_exists(FACET_COUNTS_TABLE))
        self._page = None if counted else await self._precomputed_page()
        return await self._results(counted or self._page is not None)

    async def _precomputed_page(self) -> tuple[str, Any] | None:
        """(filter, value) when the page is the claims table searched for one word or filtered
        to one value of a facet column, with nothing else, and that page's facets are
        precomputed and fresh (:mod:`claims.page_facets`); else None."""
        page = single_filter(self.table, self.sql, self.params)
        if page is None or self.get_facet_size() + 1 > page_facets.KEEP:
            return None
        try:
            result = await self.ds.execute(self.database, page_facets.FRESH_COUNT_SQL,
                                           {"filter": page[0], "value": page[1]})
        except Exception:  # noqa: BLE001 - a database without the tables: count live
            return None
        return page if result.rows else None

    def _sql(self, columns: list[str], limit: int, counted: bool, from_index: bool = False) -> tuple[str, Any]:
        """One query for the facets of ``columns``: rows (facet: the column's index, value,
        count), by facet, then as Datasette orders a facet (count, then value), at most
        ``limit`` a facet; null values left out, as Datasette does. ``from_index``: the page's
        rows are read from an index alone (see :meth:`_index_only`), and each facet groups
        them straight from it."""
        if counted and self._page is not None:
            # precomputed for a common search or filter (claims.page_facets), top values ranked
            parts = [f"select {i} as facet, facet_value as value, n as count from {page_facets.FACETS_TABLE} "
                     f"where filter = ? and value = ? and facet = ? and rank < {limit} order by rank"
                     for i in range(len(columns))]
            params: Any = [x for c in columns for x in (*self._page, c)]
            source = ""
        elif counted:
            # the counts kept by triggers, for the columns that have them
            parts = [f"select {i} as facet, value, n as count from {FACET_COUNTS_TABLE} "
                     f"where facet = ? and n > 0 order by n desc, value limit {limit}" for i in range(len(columns))]
            params = list(columns)
            source = ""
        else:
            # read the page's rows once (a temporary table), then group it once per column
            names = ", ".join(escape_sqlite(c) for c in dict.fromkeys(columns))
            source = "" if from_index else f"with page as {_MATERIALIZED}(select {names} from ({self.sql})) "
            rows = f"({self.sql})" if from_index else "page"
            parts = [f"select {i} as facet, {escape_sqlite(c)} as value, count(*) as count from {rows} "
                     f"where {escape_sqlite(c)} is not null group by {escape_sqlite(c)} "
                     f"order by count desc, value limit {limit}" for i, c in enumerate(columns)]
            params = self.params
        union = " union all ".join(f"select * from ({part})" for part in parts)
        return source + union + " order by facet, count desc, value", params

    async def _index_only(self, columns: list[str]) -> bool:
        """Whether SQLite reads the ``columns`` of the page's rows from an index alone (a
        speaker's page: the covering index that starts with ``speaker``). Grouping straight
        from the index, once per facet, is then several times cheaper than copying the rows
        to a temporary table first, which pays only when every row is looked up in the table
        (a full-text search) or the table is scanned."""
        names = ", ".join(escape_sqlite(c) for c in dict.fromkeys(columns))
        try:
            plan = await self.ds.execute(self.database, f"explain query plan select {names} from ({self.sql})",
                                         self.params)
        except Exception:  # noqa: BLE001 - no plan: take the way that is never slow
            return False
        return index_only([row["detail"] for row in plan.rows])

    async def _query(self, sql: str, params: Any, n_facets: int) -> Any:
        # the facets' time limit is per facet (facet_time_limit_ms); one query does the work of
        # n_facets, so it has their time together
        limit = self.ds.setting("facet_time_limit_ms") * max(1, n_facets)
        try:
            return await self.ds.execute(self.database, sql, params, truncate=False, custom_time_limit=limit)
        except QueryInterrupted as e:
            return e

    async def _answers(self, columns: list[str], limit: int, counted: bool) -> list[Any]:
        """Each column's facet rows (``value``, ``count``), or QueryInterrupted when the query
        ran out of time."""
        if counted:
            own = [c for c in columns if c in FACET_COUNT_COLUMNS]
            rest = [c for c in columns if c not in FACET_COUNT_COLUMNS]
        else:
            own, rest = [], list(columns)
        # the rest counted live: each column whose values the page's rows give from an index
        # alone (its own index on an unfiltered table; a covering index) grouped straight from
        # it, the others from one copy of the rows
        from_index = [c for c in rest if await self._index_only([c])]
        copied = [c for c in rest if c not in from_index]
        by_column: dict[str, Any] = {}
        for group, from_counts, indexed in ((own, True, False), (from_index, False, True), (copied, False, False)):
            if not group:
                continue
            result = await self._query(*self._sql(group, limit, from_counts, indexed), len(group))
            if isinstance(result, QueryInterrupted):
                by_column.update((c, result) for c in group)
                continue
            rows: list[list[Any]] = [[] for _ in group]
            for row in result.rows:
                rows[row["facet"]].append(row)
            by_column.update(zip(group, rows))
        return [by_column[c] for c in columns]

    async def _results(self, counted: bool) -> tuple[list[dict[str, Any]], list[str]]:
        # ColumnFacet.facet_results of Datasette 0.65, with every facet's rows from _answers
        facet_results: list[dict[str, Any]] = []
        facets_timed_out: list[str] = []
        qs_pairs = self.get_querystring_pairs()
        facet_size = self.get_facet_size()
        configs = self.get_configs()
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        answers = await self._answers(columns, facet_size + 1, counted)
        for source_and_config, column, facet_rows_results in zip(configs, columns, answers):
            source = source_and_config["source"]
            try:
                if isinstance(facet_rows_results, QueryInterrupted):
                    raise facet_rows_results
                facet_results_values: list[dict[str, Any]] = []
                facet_results.append({
                    "name": column,
                    "type": self.type,
                    "hideable": source != "metadata",
                    "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                    "results": facet_results_values,
                    "truncated": len(facet_rows_results) > facet_size,
                })
                facet_rows = facet_rows_results[:facet_size]
                values = [row["value"] for row in facet_rows]
                expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
                for row in facet_rows:
                    column_qs = f"{column}__exact" if column.startswith("_") else column
                    selected = (column_qs, str(row["value"])) in qs_pairs
                    # to the first page of the result with that value (or without it)
                    if selected:
                        toggle_path = path_with_removed_args(
                            self.request, {column_qs: str(row["value"]), "_next": self.request.args.get("_next")})
                    else:
                        toggle_path = path_with_added_args(self.request, {column_qs: row["value"], "_next": None})
                    facet_results_values.append({
                        "value": row["value"],
                        "label": expanded.get((column, row["value"]), row["value"]),
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle_path)),
                        "selected": selected,
                    })
            except QueryInterrupted:
                facets_timed_out.append(column)
        return facet_results, facets_timed_out


# Datasette's where clause for ?_search= (escaped, or with _searchmode=raw), at the end of the
# facets' SQL when the page has no other filter
_SEARCH_WHERE = {f"where {clause} ": raw for clause, raw in FTS_CLAUSES.items()}


# Datasette's where clause for ?column=value (or ?column__exact=value), the page's only filter
_FILTER_WHERE = {f'where "{c}" = :p0 ': c for c in FACET_COUNT_COLUMNS}


def single_filter(table: str | None, sql: str | None, params: Any) -> tuple[str, Any] | None:
    """What a page of the claims table shows, when it is a search for one bare word
    (``?_search=council``: ``("_search", "council")``) or one facet column filtered to one value
    (``?lang=ar``: ``("lang", "ar")``) and nothing else; None for anything else (more words, a
    phrase, a prefix, other filters, a later page)."""
    if table != "claims" or not sql or not isinstance(params, dict):
        return None
    if set(params) == {"search"}:
        for clause, raw in _SEARCH_WHERE.items():
            if sql.endswith(clause):
                word = one_word(str(params["search"]), raw)
                return (page_facets.SEARCH, word) if word else None
    if set(params) == {"p0"}:
        for clause, column in _FILTER_WHERE.items():
            if sql.endswith(clause):
                return column, params["p0"]
    return None


_PARAM = re.compile(r":(\w+)")


def without_next(sql: str, params: Any, token: str) -> tuple[str, dict[str, Any]] | None:
    """A page's SQL and parameters without what Datasette adds for a later page (``?_next=``
    with ``token``): the last where clause, one parenthesised group whose parameters are used
    nowhere else and hold the values of the token. None when the SQL does not end that way."""
    from datasette.utils import urlsafe_components

    body = sql.rstrip()
    if not body.endswith(")") or not isinstance(params, dict):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(body[i], 0)
        if depth == 0:
            break
    else:
        return None
    clause, head = body[i:], body[:i]
    if head.endswith(" and "):
        head = head[: -len(" and ")]
    elif head.endswith(" where "):
        head = head[: -len("where ")]
    else:
        return None
    own, rest = set(_PARAM.findall(clause)), set(_PARAM.findall(head))
    try:
        values = set(urlsafe_components(token)) | set(token.split(","))
    except Exception:  # noqa: BLE001 - a token Datasette could not read either
        return None
    if not own or own & rest or not all(str(params.get(p)) in values for p in own):
        return None
    return head.rstrip() + " ", {k: v for k, v in params.items() if k not in own}


def index_only(plan: list[str]) -> bool:
    """Whether a query plan (the details of ``explain query plan``) reads every table it reads
    through a covering index, and reads some."""
    reads = [d for d in plan if d.startswith(("SCAN ", "SEARCH "))]
    return bool(reads) and all("COVERING INDEX" in d for d in reads)


def replace_column_facet(classes: list[type]) -> list[type]:
    """``classes`` with Datasette's ColumnFacet replaced by :class:`CountedColumnFacet`."""
    return [CountedColumnFacet if c is ColumnFacet else c for c in classes]
