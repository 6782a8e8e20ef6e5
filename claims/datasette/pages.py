"""Our own pages, registered with Datasette's ``register_routes`` hook.

``/-/claims/article/{id}?claim={claim_id}``  an article with that claim highlighted in place and
                                             its other claims, cues, speakers and figures marked
``/-/claims/claim/{claim_id}``               redirects to the above
``/-/claims/cluster/{id}``                   one claim and every article and outlet that carried it
``/-/claims/speaker/{id}``                   a speaker's claims over time, sources and figures

Every page takes ``?db=NAME`` when more than one claims database is served. Pages check the
same permissions as Datasette's table pages for the tables they read.
"""
from __future__ import annotations

import urllib.parse
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from datasette.utils import tilde_encode
from datasette.utils.asgi import NotFound, Response

from claims.datasette import queries
from claims.datasette.config import default_db, is_claims_db, page_url
from claims.datasette.render import (article_spans, bdi, claim_html, figure_spans, first_strong_dir, link, num,
                                     render_spans, safe_href, text_dir)

View = Callable[[Any, Any], Awaitable[Response]]
KNOWN_CLUSTER_COLUMNS = frozenset({"id", "canonical_claim_id", "canonical_text", "speaker", "speaker_id", "size",
                                   "n_articles", "n_outlets", "first_seen", "last_seen", "figure_drift"})
KNOWN_SPEAKER_COLUMNS = frozenset({"id", "name", "norm", "kind", "anonymous", "n_claims", "canonical_speaker_id",
                                   "script", "name_key", "name_key2"})
DRIFT_TEXT_COLUMNS = ("drift_detail", "drift_description")


async def _database(request: Any, datasette: Any, tables: Iterable[str]) -> tuple[str, Any]:
    """The claims database a page is about (``?db=`` or the default), after the permission
    checks Datasette's table pages make for ``tables``."""
    name = request.args.get("db") or default_db(datasette)
    if not name or not is_claims_db(datasette, name):
        raise NotFound("No claims database" + (f" named {name}" if name else ""))
    for table in tables:
        await datasette.ensure_permissions(
            request.actor, [("view-table", (name, table)), ("view-database", name), "view-instance"])
    return name, datasette.get_database(name)


def claim_markup(claim: dict[str, Any], drift_keys: set[str] | None = None) -> Any:
    """A claim's text with its figures marked (figure offsets are article offsets)."""
    spans = figure_spans(claim.get("text") or "", claim.get("start") or 0, claim.get("figures", []), drift_keys)
    return claim_html(claim.get("text"), claim.get("lang"), spans)


def drift(canonical_keys: Iterable[str], keys: Iterable[str]) -> tuple[set[str], set[str]]:
    """Figure keys a member claim has that the canonical claim has not, and the reverse."""
    a, b = set(canonical_keys), set(keys)
    return b - a, a - b


def drifting_units(members: list[dict[str, Any]]) -> set[str] | None:
    """The ``kind/unit`` groups whose values drift between members, by the dedup's own rule
    (:func:`claims.drift.drifting`); None when that module is not there."""
    try:
        from claims.drift import drifting
    except ImportError:
        return None
    figures = {m["id"]: [(f.get("kind"), f.get("unit"), f["key"]) for f in m.get("figures", [])] for m in members}
    return set(drifting(figures))


def _unit_key(f: dict[str, Any]) -> str:
    return f"{f.get('kind') or '?'}/{f.get('unit') or '?'}"


def mark_drift(canonical: dict[str, Any], members: list[dict[str, Any]]) -> None:
    """Give each member ``drift_keys`` (its figures to mark: values the canonical claim does not
    give), ``drift_added`` and ``drift_missing`` (the canonical values it gives another value
    for), as sorted keys. Only kind/unit groups that drift count, and a member that simply has
    no figure of a group (a shortened copy) is not marked."""
    units = drifting_units(members)

    def counted(f: dict[str, Any]) -> bool:
        return units is None or _unit_key(f) in units

    canonical_units = {f["key"]: _unit_key(f) for f in canonical.get("figures", []) if counted(f)}
    for m in members:
        figs = [f for f in m.get("figures", []) if counted(f)]
        added, missing = drift(canonical_units, [f["key"] for f in figs])
        member_units = {_unit_key(f) for f in figs}
        missing = {k for k in missing if canonical_units[k] in member_units}
        m["drift_added"], m["drift_missing"], m["drift_keys"] = sorted(added), sorted(missing), added


def month_bars(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (month, n) with a ``pct`` width for a CSS bar chart."""
    top = max((m["n"] for m in months), default=0) or 1
    return [dict(m, pct=round(100 * m["n"] / top, 1)) for m in months]


def _extra_columns(row: dict[str, Any], known: frozenset[str]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in row.items() if k not in known and v not in (None, "")]


async def _render(datasette: Any, request: Any, template: str, context: dict[str, Any]) -> Response:
    base = {"bdi": bdi, "link": link, "claim_markup": claim_markup, "text_dir": text_dir, "num": num,
            "first_strong_dir": first_strong_dir}
    return Response.html(await datasette.render_template(template, {**base, **context}, request=request))


async def article_page(request: Any, datasette: Any) -> Response:
    """An article, its claims marked in place and the ``?claim=`` one highlighted."""
    name, db = await _database(request, datasette, ("articles", "claims", "figures"))
    data = await queries.article(db, request.url_vars["article_id"])
    if data is None:
        raise NotFound("Article not found")
    art, claims = data["article"], data["claims"]
    focus = request.args.get("claim")
    text = art.get("text") or ""
    direction = text_dir(art.get("lang"), text)
    speakers: dict[str, dict[str, Any]] = {}
    for c in claims:
        if c.get("speaker"):
            s = speakers.setdefault(c["speaker_id"] or c["speaker"], {
                "name": c["speaker"], "id": c["speaker_id"], "n": 0, "anonymous": c["anonymous"]})
            s["n"] += 1
    return await _render(datasette, request, "claims_article.html", {
        "database": name, "db_name": name, "article": art, "claims": claims, "figures": data["figures"],
        "focus": focus, "focus_claim": next((c for c in claims if c["id"] == focus), None),
        "direction": direction, "speakers": list(speakers.values()),
        "article_html": render_spans(text, article_spans(text, claims, data["figures"], focus)),
        "article_href": safe_href(art.get("url")),
        "row_url": datasette.urls.row(name, "articles", tilde_encode(art["id"])),
        "urls_for": _urls(datasette, name),
    })


async def claim_redirect(request: Any, datasette: Any) -> Response:
    """``/-/claims/claim/{id}`` -> the claim's article page, highlighted and scrolled to."""
    name, db = await _database(request, datasette, ("claims",))
    claim_id = request.url_vars["claim_id"]
    article_id = await queries.claim_article_id(db, claim_id)
    if article_id is None:
        raise NotFound("Claim not found")
    return Response.redirect(page_url(datasette, "article", article_id, name, fragment=f"claim-{claim_id}",
                                      claim=claim_id))


async def cluster_page(request: Any, datasette: Any) -> Response:
    """One claim with every article and outlet that carried it, scores and figure drift."""
    name, db = await _database(request, datasette, ("clusters", "claims", "articles", "figures"))
    data = await queries.cluster(db, request.url_vars["cluster_id"])
    if data is None:
        raise NotFound("Cluster not found")
    canonical = data["canonical"] or {}
    mark_drift(canonical, data["members"])
    outlets = sorted({m["outlet"] for m in data["members"] if m.get("outlet")})
    return await _render(datasette, request, "claims_cluster.html", {
        "database": name, "db_name": name, "cluster": data["cluster"], "members": data["members"],
        "canonical": canonical, "outlets": outlets, "truncated": data["truncated"],
        "drift_text": next((data["cluster"][c] for c in DRIFT_TEXT_COLUMNS if data["cluster"].get(c)), None),
        "extra": _extra_columns(data["cluster"], KNOWN_CLUSTER_COLUMNS | set(DRIFT_TEXT_COLUMNS)),
        "urls_for": _urls(datasette, name),
    })


async def speaker_page(request: Any, datasette: Any) -> Response:
    """A speaker's claims over time, the sources they came through and their figures."""
    name, db = await _database(request, datasette, ("speakers", "claims", "articles", "figures"))
    data = await queries.speaker(db, request.url_vars["speaker_id"])
    if data is None:
        raise NotFound("Speaker not found")
    figures = [dict(f, published=c["published"], claim_id=c["id"], outlet=c["outlet"])
               for c in data["claims"] for f in c["figures"]]
    return await _render(datasette, request, "claims_speaker.html", {
        "database": name, "db_name": name, **data, "figures": figures, "month_bars": month_bars(data["months"]),
        "extra": _extra_columns(data["speaker"], KNOWN_SPEAKER_COLUMNS),
        "row_url": datasette.urls.row(name, "speakers", tilde_encode(data["speaker"]["id"])),
        "table_url": datasette.urls.table(name, "claims") + "?" + urllib.parse.urlencode(
            {"person_id": data["person_id"]} if data["by_person"] else {"speaker_id": data["speaker"]["id"]}
        ) + "&_sort_desc=published",
        "urls_for": _urls(datasette, name),
    })


def _urls(datasette: Any, database: str) -> Callable[..., str]:
    """``urls_for(kind, ident, **params)`` for templates, bound to one database."""
    def urls_for(kind: str, ident: Any, fragment: str | None = None, **params: Any) -> str:
        return page_url(datasette, kind, str(ident), database, fragment=fragment, **params)
    return urls_for


def routes() -> list[tuple[str, View]]:
    """Our URL routes, for the ``register_routes`` hook."""
    return [
        (r"^/-/claims/article/(?P<article_id>[^/]+)$", article_page),
        (r"^/-/claims/claim/(?P<claim_id>[^/]+)$", claim_redirect),
        (r"^/-/claims/cluster/(?P<cluster_id>[^/]+)$", cluster_page),
        (r"^/-/claims/speaker/(?P<speaker_id>[^/]+)$", speaker_page),
    ]

