"""Search that fits Arabic: the user's words normalised the way the index was built.

``claims.search_text`` holds :func:`claims.normalize.search_form` of each claim (letters
folded, digits ASCII, clitic-stripped forms added), so "الحكومة" has to be looked up as
"الحكومه" and "أحمد" as "احمد". Two ways in:

* :func:`rewrite_query_string`, used by the plugin's ASGI middleware
  (:mod:`claims.datasette.middleware`) on requests to a claims database (table pages and the
  JSON API); it keeps the typed words so the search box can show them;
* the SQL functions ``claims_normalize(text)`` and ``claims_fts_query(text)`` for canned queries.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import Any

from claims.normalize import normalize, search_query
from claims.store import FTS_TABLE

SCOPE_KEY = "claims.typed_search"  # scope entry: {param: what the user typed}
COUNT_KEY = "claims.search_count"  # scope entry: the claims a one-word search matches, precomputed
SCAN_KEY = "claims.search_scan"  # scope entry: read that search's claims newest first (scan_in_order)
# Datasette's where clause for ?_search= on the claims table, and whether the search is FTS5
# syntax (_searchmode=raw) rather than words Datasette quotes
FTS_CLAUSES = {f"rowid in (select rowid from {FTS_TABLE} where {FTS_TABLE} match {m})": raw
               for m, raw in (("escape_fts(:search)", False), (":search", True))}
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ONE_WORD = re.compile(r'"(\w+)"|(\w+)')
# parameters of a table page that sort, page, size or lay it out, but do not filter its rows
_LAYOUT_PARAMS = frozenset({
    "_search", "_searchmode", "_sort", "_sort_desc", "_next", "_size", "_facet", "_facet_size", "_facet_date",
    "_facet_array", "_nosuggest", "_suggest", "_nocount", "_nofacet", "_col", "_nocol", "_labels", "_nolabels",
    "_trace", "_timelimit",
})


def is_search_param(name: str) -> bool:
    """``_search`` and ``_search_<column>`` (not ``_searchmode``)."""
    return name == "_search" or name.startswith("_search_")


def rewrite_query_string(query_string: bytes) -> tuple[bytes, dict[str, str]]:
    """The query string with search parameters normalised, and the typed values of those that
    changed. Other parameters keep their bytes."""
    if b"_search" not in query_string:
        return query_string, {}
    typed: dict[str, str] = {}
    parts = []
    for part in query_string.split(b"&"):
        key_raw, sep, value_raw = part.partition(b"=")
        key = urllib.parse.unquote_plus(key_raw.decode("latin-1"))
        if sep and is_search_param(key):
            value = urllib.parse.unquote_plus(value_raw.decode("latin-1"), encoding="utf-8", errors="replace")
            new = search_query(value)
            if new != value:
                typed[key] = value
                part = key_raw + b"=" + urllib.parse.quote_plus(new).encode("ascii")
        parts.append(part)
    return b"&".join(parts), typed


def one_word(query: str, raw: bool = False) -> str | None:
    """The word of a search that is one bare word, as Datasette sends it to the full-text index
    (``council``, ``"council"`` -> ``council``); None for more words, a phrase of several, a
    prefix or any other syntax. ``raw``: the query is FTS5 syntax (``_searchmode=raw``), else
    Datasette quotes each word."""
    from datasette.utils import escape_fts

    query = query.strip()
    match = _ONE_WORD.fullmatch(query if raw else escape_fts(query))
    return (match.group(1) or match.group(2)) if match else None


def one_word_search(pairs: list[tuple[str, str]]) -> str | None:
    """The word of a table page's query (``(name, value)`` pairs) that only searches for one
    word: no filter, no second search; sorting, paging and layout parameters are allowed."""
    names = [name for name, _ in pairs]
    if names.count("_search") != 1 or any(name not in _LAYOUT_PARAMS for name in names):
        return None
    args = dict(pairs)
    return one_word(args["_search"], raw=args.get("_searchmode") == "raw")


def scan_in_order(result: Any) -> Any:
    """A ``filters_from_request`` result (Datasette's search filter) whose full-text clause no
    longer lets SQLite look the matches up by rowid (``+rowid in (…)``): with the page sorted
    newest first, SQLite then reads the claims in that order (the order index) and keeps the
    matches until the page is full, which for a word in many claims is far cheaper than looking
    every match up and sorting them. Only for pages that skip Datasette's count, which would
    read every claim this way."""
    from datasette.utils import await_me_maybe

    async def wrapped() -> Any:
        arguments = await await_me_maybe(result)
        if arguments is not None and getattr(arguments, "where_clauses", None):
            arguments.where_clauses = ["+" + c if c in FTS_CLAUSES else c for c in arguments.where_clauses]
        return arguments

    return wrapped


def looked_up(sql: str) -> str:
    """``sql`` with the search clauses :func:`scan_in_order` rewrote put back: for queries
    that want all of a search's matches (facets counted live), looked up by rowid."""
    for clause in FTS_CLAUSES:
        sql = sql.replace("+" + clause, clause)
    return sql


def fts_query(text: str | None) -> str:
    """A user's words as a safe FTS5 query: each normalised word quoted, all required
    (``وزير "المالية`` -> ``"وزير" "الماليه"``). Empty input gives a query that matches
    nothing."""
    words = _TOKEN.findall(normalize(text or ""))
    if not words:
        return '""'
    return " ".join(f'"{w}"' for w in words)


def register_functions(conn: Any) -> None:
    """``claims_normalize(text)`` and ``claims_fts_query(text)`` on a SQLite connection."""
    conn.create_function("claims_normalize", 1, lambda s: normalize(s) if s is not None else None,
                         deterministic=True)
    conn.create_function("claims_fts_query", 1, fts_query, deterministic=True)
