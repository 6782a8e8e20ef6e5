"""Column facets of the claims table from precomputed counts.

Datasette computes a column facet with ``select col, count(*) … group by col`` over the rows of
the page's query: on an unfiltered table of a million claims that is an index scan of every row
per facet (about 45 ms each, one after another). The store keeps the same counts exact in
``claims_facet_counts`` (maintained by triggers: :data:`claims.store.FACET_COUNT_COLUMNS`), so
for the unfiltered claims table of a claims database :class:`CountedColumnFacet` reads them
there; the rows, order, truncation, labels and links are those Datasette's own
:class:`~datasette.facets.ColumnFacet` gives. Filtered pages, searches, other tables and other
columns run Datasette's own facet queries. On every table of a claims database the queries of
a page's facets run side by side on Datasette's SQL threads, as many at once as there are
cores (Datasette runs them one after another); other databases go through Datasette's code
unchanged.

The class replaces Datasette's column facet class through a ``register_facet_classes`` hook
wrapper (see :mod:`claims.datasette`).
"""
from __future__ import annotations

import asyncio
import os
import re
from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from claims.datasette import config
from claims.store import FACET_COUNT_COLUMNS, FACET_COUNTS_TABLE

_WHERE = re.compile(r"\bwhere\b", re.IGNORECASE)


class CountedColumnFacet(ColumnFacet):
    """Datasette's column facet, answered from ``claims_facet_counts`` when it can be."""

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        if not self.table or not config.is_claims_db(self.ds, self.database):
            return await super().facet_results()
        counted = (self.table == "claims" and not self.params and not _WHERE.search(self.sql or "")
                   and await self.ds.get_database(self.database).table_exists(FACET_COUNTS_TABLE))
        return await self._results(counted)

    def _sql(self, column: str, limit: int, counted: bool) -> tuple[str, Any]:
        if counted and column in FACET_COUNT_COLUMNS:
            # the same rows as Datasette's query: values that are not null, by count, then value
            return (f"select value, n as count from {FACET_COUNTS_TABLE} where facet = ? and n > 0 "
                    f"order by count desc, value limit {limit}", [column])
        return (f"select {escape_sqlite(column)} as value, count(*) as count from ({self.sql}) "
                f"where {escape_sqlite(column)} is not null group by {escape_sqlite(column)} "
                f"order by count desc, value limit {limit}", self.params)

    async def _query(self, sql: str, params: Any) -> Any:
        try:
            return await self.ds.execute(self.database, sql, params, truncate=False,
                                         custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted as e:
            return e

    async def _results(self, counted: bool) -> tuple[list[dict[str, Any]], list[str]]:
        # ColumnFacet.facet_results of Datasette 0.65, with the query from _sql, and the queries
        # of all facets run at once on Datasette's SQL threads (they ran one after another)
        facet_results: list[dict[str, Any]] = []
        facets_timed_out: list[str] = []
        qs_pairs = self.get_querystring_pairs()
        facet_size = self.get_facet_size()
        configs = self.get_configs()
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        # as many at once as there are cores (and SQL threads), so each query still has a core
        # to itself and its time limit (facet_time_limit_ms) means what it meant
        room = asyncio.Semaphore(max(1, min(os.cpu_count() or 1, self.ds.setting("num_sql_threads") or 1)))

        async def one(column: str) -> Any:
            async with room:
                return await self._query(*self._sql(column, facet_size + 1, counted))

        answers = await asyncio.gather(*(one(column) for column in columns))
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
                facet_rows = facet_rows_results.rows[:facet_size]
                values = [row["value"] for row in facet_rows]
                expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
                for row in facet_rows:
                    column_qs = f"{column}__exact" if column.startswith("_") else column
                    selected = (column_qs, str(row["value"])) in qs_pairs
                    if selected:
                        toggle_path = path_with_removed_args(self.request, {column_qs: str(row["value"])})
                    else:
                        toggle_path = path_with_added_args(self.request, {column_qs: row["value"]})
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


def replace_column_facet(classes: list[type]) -> list[type]:
    """``classes`` with Datasette's ColumnFacet replaced by :class:`CountedColumnFacet`."""
    return [CountedColumnFacet if c is ColumnFacet else c for c in classes]
