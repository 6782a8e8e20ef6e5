"""Which databases are claims databases, the packaged metadata, and the URLs of our pages.

The packaged ``metadata.yml`` describes one database under the key ``claims``. Datasette names a
database after its file, so :func:`metadata_for` copies that section to every served database
that has the claims schema (``claims.db``, ``news-2024.db`` …) and points the dashboards at the
first of them. A fresh copy is returned on every call because Datasette and plugins mutate the
dictionaries they are given; since Datasette looks metadata up for every table cell, each call
returns only the part a lookup of its ``key`` reads, parsed from JSON kept per key.
"""
from __future__ import annotations

import json
import marshal
import sqlite3
import time
import urllib.parse
import weakref
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
METADATA_PATH = HERE / "metadata.yml"
PACKAGE_DB = "claims"  # the database key used inside metadata.yml
REQUIRED_TABLES = frozenset({"claims", "articles", "figures", "speakers", "sources", "clusters"})
RECHECK_SECONDS = 5.0  # how often a database without the schema is looked at again


@dataclass
class _Detected:
    """What :func:`claims_databases` found for one Datasette instance."""


    keys: tuple[str, ...]  # datasette.databases when checked
    at: float  # time.monotonic() of the check
    names: list[str]  # the claims databases
    known: dict[str, bool]  # database name -> has the claims schema
    complete: bool  # every database is a claims database: nothing to look at again


_detected: weakref.WeakKeyDictionary[Any, _Detected] = weakref.WeakKeyDictionary()
# datasette instance -> (claims db names, metadata built for them, {key: projection as JSON})
_Cached = tuple[tuple[str, ...], dict[str, Any] | None, dict[str | None, Any]]
_metadata_cache: weakref.WeakKeyDictionary[Any, _Cached] = weakref.WeakKeyDictionary()


@cache
def packaged_metadata_json() -> str:
    """The packaged metadata.yml as a JSON string (parsed once)."""
    with open(METADATA_PATH, encoding="utf-8") as fp:
        return json.dumps(yaml.safe_load(fp))


def packaged_metadata() -> dict[str, Any]:
    """A fresh copy of the packaged metadata, exactly as written (database key ``claims``)."""
    return json.loads(packaged_metadata_json())


def has_claims_schema(table_names: set[str] | frozenset[str]) -> bool:
    """True when a database has the tables our pages and metadata need."""
    return REQUIRED_TABLES <= set(table_names)


def _table_names(db: Any) -> set[str]:
    conn = db.connect()
    try:
        return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    finally:
        conn.close()
        if conn in getattr(db, "_all_file_connections", []):
            db._all_file_connections.remove(conn)


def claims_databases(datasette: Any) -> list[str]:
    """Names of the served databases that have the claims schema, in Datasette's order.

    Each database is looked at once; while some database lacks the schema, they are looked at
    again every few seconds (so one that a running ``claims load`` is creating is found).
    Called for every table cell, so the answer is cached."""
    state = _detected.get(datasette)
    keys = tuple(datasette.databases)
    now = time.monotonic()
    if state is not None and state.keys == keys and (state.complete or now - state.at < RECHECK_SECONDS):
        return state.names
    known = state.known if state is not None else {}
    names = []
    for name, db in list(datasette.databases.items()):
        if name == "_internal" or (db.is_memory and not db.memory_name):
            continue
        if not known.get(name):
            try:
                known[name] = has_claims_schema(_table_names(db))
            except sqlite3.Error:
                known[name] = False
        if known[name]:
            names.append(name)
    checked = [n for n in keys if n != "_internal" and n in known]
    _detected[datasette] = _Detected(keys, now, names, known, all(known[n] for n in checked))
    return names


def is_claims_db(datasette: Any, database: str | None) -> bool:
    """True when ``database`` is a served claims database."""
    return database is not None and database in claims_databases(datasette)


def default_db(datasette: Any) -> str | None:
    """The claims database our pages use when a URL names none."""
    names = claims_databases(datasette)
    return names[0] if names else None


def build_metadata(db_names: list[str]) -> dict[str, Any] | None:
    """The packaged metadata, its database section copied to each of ``db_names``; None when
    no claims database is served (then nothing here is ours to say)."""
    if not db_names:
        return None
    meta = packaged_metadata()
    section = json.dumps(meta.get("databases", {}).pop(PACKAGE_DB, {}))
    meta["databases"] = {**meta.get("databases", {}), **{n: json.loads(section) for n in db_names}}
    if db_names[0] != PACKAGE_DB and meta.get("description_html"):
        quoted = urllib.parse.quote(db_names[0], safe="")
        meta["description_html"] = meta["description_html"].replace(
            f'href="{PACKAGE_DB}/', f'href="{quoted}/').replace(f'href="{PACKAGE_DB}"', f'href="{quoted}"')
    dashboards = meta.get("plugins", {}).get("datasette-dashboards", {})
    for dashboard in dashboards.values():
        for item in [*dashboard.get("charts", {}).values(), *dashboard.get("filters", {}).values()]:
            if item.get("db") == PACKAGE_DB:
                item["db"] = db_names[0]
    return meta


def project(meta: dict[str, Any], key: str | None) -> dict[str, Any]:
    """The part of ``meta`` that Datasette can read when it looks up ``key``: the top-level
    value and the values at database and table level (everything for ``key=None``)."""
    if key is None:
        return meta
    out: dict[str, Any] = {key: meta[key]} if key in meta else {}
    databases: dict[str, Any] = {}
    for name, db in (meta.get("databases") or {}).items():
        part: dict[str, Any] = {key: db[key]} if key in db else {}
        if key != "tables":
            tables = {t: {key: tm[key]} for t, tm in (db.get("tables") or {}).items()
                      if isinstance(tm, dict) and key in tm}
            if tables:
                part["tables"] = tables
        if part:
            databases[name] = part
    if databases and key != "databases":
        out["databases"] = databases
    return out


def metadata_for(datasette: Any, key: str | None = None) -> dict[str, Any] | None:
    """A fresh copy of :func:`build_metadata` for the databases ``datasette`` serves, cut down to
    what a lookup of ``key`` reads (Datasette looks metadata up many times a page, so the
    projections are serialised once and only loaded per call)."""
    names = tuple(claims_databases(datasette))
    cached = _metadata_cache.get(datasette)
    if cached is None or cached[0] != names:
        cached = (names, build_metadata(list(names)), {})
        _metadata_cache[datasette] = cached
    built, projections = cached[1], cached[2]
    if built is None:
        return None
    if key not in projections:
        # JSON types only (as json.loads gives them), kept in marshal's format, which loads a
        # fresh copy about twice as fast
        projections[key] = marshal.dumps(json.loads(json.dumps(project(built, key))))
    if key == "plugins" and not _local_has_plugins(datasette):
        return _plugins_view(projections)
    return marshal.loads(projections[key])


def _local_has_plugins(datasette: Any) -> bool:
    """Whether Datasette's own metadata (``-m``) has plugin settings anywhere (then they are
    merged into ours, which must be a fresh copy)."""
    local = getattr(datasette, "_metadata_local", None)
    if not local:
        return False
    if "plugins" in local:
        return True
    for db in (local.get("databases") or {}).values():
        if isinstance(db, dict) and ("plugins" in db or any(
                isinstance(t, dict) and "plugins" in t for t in (db.get("tables") or {}).values())):
            return True
    return False


_VIEW = "\0plugins-view"


def _plugins_view(projections: dict[str | None, Any]) -> dict[str, Any]:
    """The "plugins" projection, one shared copy. Other plugins' ``render_cell`` hooks look
    their settings up once per table cell (100 rows × 30 columns a page); Datasette reads them
    through ``plugin_config``, which copies them. Datasette writes into what a ``get_metadata``
    hook returns only to merge later sources into it: Datasette's own metadata (see
    :func:`_local_has_plugins`) or another plugin's hook, and then each call gets fresh
    dictionaries down to each plugin's settings."""
    shared = projections.get(_VIEW)
    if shared is None:
        shared = projections[_VIEW] = marshal.loads(projections["plugins"])
    return shared if _sole_metadata_hook() else _fresh(shared, 4)


def _sole_metadata_hook() -> bool:
    """Whether ours is the only ``get_metadata`` hook installed."""
    from datasette.plugins import pm

    caller = pm.hook.get_metadata
    # the caller's own list when pluggy has one: get_hookimpls() copies it, once per table cell
    impls = getattr(caller, "_hookimpls", None)
    if not isinstance(impls, list):
        impls = caller.get_hookimpls()
    return len(impls) == 1 and getattr(impls[0].plugin, "__name__", None) == __package__


def _fresh(value: Any, depth: int) -> Any:
    """``value`` with new dictionaries for its first ``depth`` levels."""
    if depth and isinstance(value, dict):
        return {k: _fresh(v, depth - 1) for k, v in value.items()}
    return value


MMAP_BYTES = 1 << 30
CACHE_KIB = 65536


def tune_connection(conn: sqlite3.Connection) -> None:
    """Read a file database through memory-mapped I/O and a larger page cache: a page that
    looks claims up by rowid (full-text search, a speaker's claims) reads thousands of pages,
    and with plain reads each is a system call and a copy. Harmless on other databases."""
    try:
        row = conn.execute("pragma database_list").fetchone()
        if row and row[2]:
            conn.execute(f"pragma mmap_size = {MMAP_BYTES}")
            conn.execute(f"pragma cache_size = -{CACHE_KIB}")
    except sqlite3.Error:
        pass


def page_url(datasette: Any, kind: str, ident: str, database: str | None = None,
             fragment: str | None = None, **params: str | None) -> str:
    """The URL of one of our pages: ``/-/claims/{kind}/{ident}`` with ``?db=`` when the database
    is not the default one, other ``params`` (None values left out) and a ``#fragment``."""
    path = datasette.urls.path(f"-/claims/{kind}/{urllib.parse.quote(str(ident), safe='')}")
    query = {k: v for k, v in params.items() if v is not None}
    if database and database != default_db(datasette):
        query = {"db": database, **query}
    url = path + ("?" + urllib.parse.urlencode(query) if query else "")
    return url + ("#" + urllib.parse.quote(fragment, safe="-_") if fragment else "")
