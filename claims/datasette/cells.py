"""Table cells of a claims database, for Datasette's ``render_cell`` hook.

Claim text gets its figures marked, its own direction and a link to the claim in its article;
names, outlets and titles are isolated with ``<bdi dir="auto">``; id columns link to our pages.
Anything else returns None so that Datasette (or another plugin) renders it.

Figures of a claim are read with one indexed query (``figures.claim_id``) on a read-only
connection kept per database, only for claims that have figures (``n_figures``); at tens of
microseconds each this keeps a page of 100 claims within a few milliseconds, with no per-row
round trip through Datasette's thread pool.
"""
from __future__ import annotations

import sqlite3
import weakref
from typing import Any

from markupsafe import Markup

from claims.datasette.config import is_claims_db, page_url
from claims.datasette.render import bdi, claim_html, figure_spans, link

BDI_COLUMNS = frozenset({"speaker", "source", "outlet", "speaker_role", "speaker_mention", "cue", "title",
                         "article", "article_title", "name", "author", "canonical_speaker"})
ID_PAGES = {"claim_id": "claim", "canonical_claim_id": "claim", "article_id": "article",
            "speaker_id": "speaker", "cluster_id": "cluster"}
CLAIM_TEXT = {("claims", "text"), ("claims_view", "text"), ("claims_corrected", "text"), (None, "claim")}
ARTICLE_TEXT_PREVIEW = 300
HANDLED = BDI_COLUMNS | set(ID_PAGES) | {"text", "claim", "canonical_text"}

_conns: weakref.WeakKeyDictionary[Any, dict[str, sqlite3.Connection]] = weakref.WeakKeyDictionary()


def _get(row: Any, key: str) -> Any:
    """``row[key]``, unwrapping an expanded foreign key (``{"value": …, "label": …}``); None
    when the row has no such column."""
    try:
        value = row[key]
    except (IndexError, KeyError, TypeError):
        return None
    return value.get("value") if isinstance(value, dict) else value


def _connection(datasette: Any, database: str) -> sqlite3.Connection:
    per_db = _conns.setdefault(datasette, {})
    conn = per_db.get(database)
    if conn is None:
        conn = datasette.get_database(database).connect()
        per_db[database] = conn
    return conn


def claim_figures(datasette: Any, database: str, claim_id: str) -> tuple[int, list[dict[str, Any]]]:
    """The article offset where a claim starts, and its figures (start, end, text, key, kind)."""
    rows = _connection(datasette, database).execute(
        'select c.start, f.start, f."end", f.text, f.key, f.kind from claims c '
        'join figures f on f.claim_id = c.id where c.id = ? order by f.start', [claim_id]).fetchall()
    if not rows:
        return 0, []
    return rows[0][0] or 0, [{"start": r[1], "end": r[2], "text": r[3], "key": r[4], "kind": r[5]} for r in rows]


def claim_cell(datasette: Any, database: str, row: Any, text: str, claim_id: str | None) -> Markup:
    """Claim text with figures marked and a link to the claim in its article."""
    spans = []
    n_figures = _get(row, "n_figures")
    if claim_id and (n_figures is None or n_figures > 0):
        start, figures = claim_figures(datasette, database, claim_id)
        spans = figure_spans(text, start, figures)
    html = claim_html(text, _get(row, "lang"), spans)
    if claim_id:
        article_id = _get(row, "article_id")
        href = (page_url(datasette, "article", article_id, database, fragment=f"claim-{claim_id}", claim=claim_id)
                if isinstance(article_id, str) else page_url(datasette, "claim", claim_id, database))
        html += Markup(" ") + link(href, "in context", "claims-context", "Read this claim in its article")
    return html


def render(datasette: Any, database: str | None, table: str | None, column: str, value: Any, row: Any) -> Markup | None:
    """The HTML for one cell, or None when the cell is not ours."""
    if column not in HANDLED or value is None or isinstance(value, bytes):
        return None
    if not is_claims_db(datasette, database):
        return None
    assert database is not None
    if isinstance(value, dict):  # an expanded foreign key: link to our page instead of the row
        kind = ID_PAGES.get(column)
        if kind in ("speaker", "article", "cluster") and value.get("value") is not None:
            label = str(value.get("label") or value["value"])
            if len(label) > 80:
                label = label[:80] + "…"
            return link(page_url(datasette, kind, value["value"], database), bdi(label))
        return None
    if (table, column) in CLAIM_TEXT:
        claim_id = _get(row, "id") if table else _get(row, "claim_id")
        return claim_cell(datasette, database, row, str(value), claim_id if isinstance(claim_id, str) else None)
    if column in ID_PAGES and isinstance(value, str):
        return link(page_url(datasette, ID_PAGES[column], value, database), value)
    if table == "clusters" and column == "canonical_text":
        return link(page_url(datasette, "cluster", _get(row, "id"), database), claim_html(str(value), None),
                    "claims-cluster-link")
    if column == "canonical_text":
        cluster_id = _get(row, "cluster_id")
        html = claim_html(str(value), None)
        return link(page_url(datasette, "cluster", cluster_id, database), html) if isinstance(cluster_id, str) else html
    if table == "articles" and column == "text":
        text = str(value)
        preview = text[:ARTICLE_TEXT_PREVIEW] + ("…" if len(text) > ARTICLE_TEXT_PREVIEW else "")
        return claim_html(preview, _get(row, "lang")) + Markup(" ") + link(
            page_url(datasette, "article", _get(row, "id"), database), "read", "claims-context")
    if table == "figures" and column == "text":
        claim_id, article_id = _get(row, "claim_id"), _get(row, "article_id")
        html = bdi(value, "claims-fig")
        if isinstance(article_id, str):
            href = page_url(datasette, "article", article_id, database, claim=claim_id,
                            fragment=f"claim-{claim_id}" if claim_id else None)
            html += Markup(" ") + link(href, "in context", "claims-context")
        return html
    if column in BDI_COLUMNS and isinstance(value, str):
        if table == "speakers" and column == "name":
            return link(page_url(datasette, "speaker", _get(row, "id"), database), bdi(value))
        if column == "speaker" and isinstance(_get(row, "speaker_id"), str):
            return link(page_url(datasette, "speaker", _get(row, "speaker_id"), database), bdi(value))
        if table == "articles" and column == "title":
            return link(page_url(datasette, "article", _get(row, "id"), database), bdi(value))
        return bdi(value)
    return None
