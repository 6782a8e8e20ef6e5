"""Curation from the browser: a small Datasette plugin (entry point ``claims_curate``).

Pages ``/<db>/-/curate`` (corrections, forms for speakers, clusters and articles) and
``/<db>/-/curate/claim/<id>`` (one claim: as it is, as extracted, forms to correct it); every
form posts to ``/<db>/-/curate``, which calls the same :mod:`claims.curate` functions as the
command line, in Datasette's write thread, with the actor's id as ``who``.

Writing needs the ``claims-curate`` permission, checked with ``datasette.permission_allowed``.
It is granted by an allow block (``permissions: {claims-curate: {id: [alice]}}`` at the top of
metadata or in a database's section, or ``plugins: {claims-curate: {allow: …}}``); with none
configured only the ``root`` actor (``datasette --root``) may curate. Without a signed-in actor
everything stays read-only. Forms carry Datasette's CSRF token.
"""
from __future__ import annotations

import re
from typing import Any

from datasette import hookimpl
from datasette.utils import actor_matches_allow
from datasette.utils.asgi import Forbidden, NotFound, Response

PERMISSION = "claims-curate"
PLUGIN = "claims-curate"

Form = dict[str, str]


# --------------------------------------------------------------------------- hooks


@hookimpl
def permission_allowed(datasette: Any, actor: dict | None, action: str, resource: Any) -> bool | None:
    if action != PERMISSION:
        return None
    database = resource if isinstance(resource, str) else None
    allow = (datasette.metadata("permissions", database=database) or {}).get(PERMISSION)
    if allow is None:
        allow = (datasette.plugin_config(PLUGIN, database=database) or {}).get("allow")
    if allow is None:
        return bool(actor and actor.get("id") == "root")
    return actor_matches_allow(actor, allow)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/(?P<database>[^/]+)/-/curate$", curate_view),
        (r"^/(?P<database>[^/]+)/-/curate/claim/(?P<claim_id>[^/]+)$", claim_view),
    ]


@hookimpl
def table_actions(datasette: Any, actor: dict | None, database: str, table: str) -> Any:
    if table not in ("claims", "corrections", "claims_rejected", "claims_corrected"):
        return None

    async def inner() -> list[dict[str, str]] | None:
        if not await datasette.permission_allowed(actor, PERMISSION, resource=database, default=False):
            return None
        return [{"href": datasette.urls.path(f"/{database}/-/curate"), "label": "Curate: corrections"}]

    return inner


# --------------------------------------------------------------------------- views


async def _claims_db(datasette: Any, name: str) -> Any:
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name!r}") from None
    if "claims" not in await db.table_names():
        raise NotFound(f"{name} is not a claims database")
    return db


async def _allowed(datasette: Any, request: Any, database: str) -> bool:
    return await datasette.permission_allowed(request.actor, PERMISSION, resource=database, default=False)


async def curate_view(datasette: Any, request: Any) -> Response:
    """GET: the curation page. POST: one correction (``action`` and its fields)."""
    name = request.url_vars["database"]
    db = await _claims_db(datasette, name)
    if not await _allowed(datasette, request, name):
        raise Forbidden("Curation needs a signed-in user with the claims-curate permission")
    if request.method == "POST":
        if not db.is_mutable:
            raise Forbidden(f"{name} is served immutable (-i): serve it without -i to curate")
        return await _post(datasette, request, db, name)
    if request.args.get("claim"):
        return Response.redirect(datasette.urls.path(f"/{name}/-/curate/claim/{request.args['claim'].strip()}"))
    data = await db.execute_fn(_overview)
    return await _page(datasette, request, OVERVIEW, {"database": name, **data})


async def claim_view(datasette: Any, request: Any) -> Response:
    """One claim with its extracted values, corrections and correction forms."""
    name = request.url_vars["database"]
    db = await _claims_db(datasette, name)
    if not await _allowed(datasette, request, name):
        raise Forbidden("Curation needs a signed-in user with the claims-curate permission")
    claim_id = request.url_vars["claim_id"]
    data = await db.execute_fn(lambda conn: _claim(conn, claim_id))
    if data is None:
        raise NotFound(f"no claim {claim_id}")
    return await _page(datasette, request, CLAIM, {"database": name, **data})


async def _post(datasette: Any, request: Any, db: Any, name: str) -> Response:
    form: Form = dict(await request.post_vars())
    who = str((request.actor or {}).get("id") or "anonymous")  # an allow block may admit anyone
    ok, message, claim_id = await db.execute_write_fn(lambda conn: perform(conn, form, who))
    wants_json = "application/json" in request.headers.get("accept", "") or form.get("_json")
    if wants_json:
        return Response.json({"ok": ok, "message": message, "claim_id": claim_id}, status=200 if ok else 400)
    datasette.add_message(request, message, datasette.INFO if ok else datasette.ERROR)
    target = form.get("next") or ""
    if not target.startswith(f"/{name}/-/curate"):  # only our own pages
        target = f"/{name}/-/curate" + (f"/claim/{claim_id}" if claim_id else "")
    return Response.redirect(datasette.urls.path(target))


# --------------------------------------------------------------------------- the one write


def _database(conn: Any) -> Any:
    """``conn`` as a claims database: foreign keys on, schema upgraded if it is older."""
    import sqlite_utils

    from claims import migrations, store

    conn.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(conn)
    if migrations.stored_version(db) != store.SCHEMA_VERSION:
        migrations.upgrade(db)
    return db


def _need(form: Form, key: str) -> str:
    from claims.curate import CurationError

    value = (form.get(key) or "").strip()
    if not value:
        raise CurationError(f"missing {key.replace('_', ' ')}")
    return value


def _int(form: Form, key: str) -> int | None:
    from claims.curate import CurationError

    value = (form.get(key) or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise CurationError(f"{key} must be a number, not {value!r}") from None


def _ids(form: Form, key: str) -> list[str]:
    return [v for v in re.split(r"[\s,]+", form.get(key) or "") if v]


def _opt(form: Form, key: str) -> str | None:
    return (form.get(key) or "").strip() or None


def perform(conn: Any, form: Form, who: str) -> tuple[bool, str, str | None]:
    """Run the correction a form asks for; ``(ok, message, claim id to show)``. Runs in the
    write thread; every check and write is :mod:`claims.curate`'s."""
    from claims import curate as c

    try:
        db = _database(conn)
        action, why = form.get("action", ""), _opt(form, "why")
        claim = _opt(form, "claim_id")
        kw = {"who": who, "why": why}
        if action == "speaker":
            ids: Any = c.set_speaker(db, _need(form, "claim_id"), _need(form, "name"),
                                     speaker_type=_opt(form, "type"), **kw)
        elif action == "role":
            ids = c.set_role(db, _need(form, "claim_id"), _opt(form, "value"), **kw)
        elif action == "source":
            ids = c.set_source(db, _need(form, "claim_id"), _opt(form, "value"), **kw)
        elif action == "kind":
            ids = c.set_kind(db, _need(form, "claim_id"), _need(form, "kind"), **kw)
        elif action == "span":
            ids = c.set_span(db, _need(form, "claim_id"), _int(form, "start"), _int(form, "end"),
                             text=_opt(form, "text"), **kw)
        elif action == "reject":
            ids = c.reject(db, _need(form, "claim_id"), **kw)
            claim = None
        elif action == "add":
            ids, claim = c.add_claim(db, _need(form, "article_id"), _int(form, "start"), _int(form, "end"),
                                     text=_opt(form, "text"), speaker=_need(form, "speaker"),
                                     kind=_opt(form, "kind") or "indirect", role=_opt(form, "role"),
                                     source=_opt(form, "source"), speaker_type=_opt(form, "type"), **kw)
        elif action == "merge-speakers":
            ids = c.merge_speakers(db, _need(form, "speaker"), _need(form, "into"), **kw)
        elif action == "split-speaker":
            ids = c.split_speaker(db, _need(form, "speaker"), claims=_ids(form, "claims"), name=_opt(form, "name"),
                                  **kw)
        elif action == "merge-clusters":
            ids = c.merge_clusters(db, _need(form, "into"), _ids(form, "others"), **kw)
        elif action == "split-cluster":
            ids = c.split_cluster(db, _need(form, "cluster"), _ids(form, "claims"), **kw)
        elif action == "article":
            fields = {k: form[k].strip() for k in c.ARTICLE_FIELDS if (form.get(k) or "").strip()}
            ids = c.set_article(db, _need(form, "article_id"), **fields, **kw)
        elif action == "delete-article":
            ids = c.delete_article(db, _need(form, "article_id"), **kw)
        elif action == "undo":
            ids = c.undo(db, _need(form, "correction_id"), who=who)["id"]
        else:
            raise c.CurationError(f"unknown action {action!r}")
    except c.CurationError as e:
        return False, str(e), claim
    lines = [c.describe(c.get_correction(db, i)) for i in (ids if isinstance(ids, list) else [ids])]
    return True, "; ".join(lines), claim


# --------------------------------------------------------------------------- reads


def _rows(conn: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _tables(conn: Any) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}


def _overview(conn: Any) -> dict[str, Any]:
    from claims.curate import describe

    if "corrections" not in _tables(conn):
        return {"corrections": [], "stale": 0}
    rows = _rows(conn, "select * from corrections order by id desc limit 100")
    stale = conn.execute("select count(*) from corrections where status = 'stale'").fetchone()[0]
    return {"corrections": [dict(r, line=describe(r)) for r in rows], "stale": stale}


def _claim(conn: Any, claim_id: str) -> dict[str, Any] | None:
    from claims.curate import describe

    tables = _tables(conn)
    rows = _rows(conn, "select * from claims where id = ?", [claim_id])
    rejected = False
    if not rows and "claims_rejected" in tables:
        rows, rejected = _rows(conn, "select * from claims_rejected where id = ?", [claim_id]), True
    if not rows:
        return None
    original = _rows(conn, "select * from claims_original where claim_id = ?", [claim_id]) \
        if "claims_original" in tables else []
    corrections = _rows(conn, "select * from corrections where claim_id = ? order by id desc", [claim_id]) \
        if "corrections" in tables else []
    claim = rows[0]
    art = _rows(conn, "select text from articles where id = ?", [claim["article_id"]])
    text = (art[0]["text"] if art else "") or ""
    start, end = claim["start"] or 0, claim["end"] or 0
    context = (("…" if start > 300 else "") + text[max(0, start - 300):start], text[start:end],
               text[end:end + 300] + ("…" if end + 300 < len(text) else ""))
    return {"claim": claim, "rejected": rejected, "original": original[0] if original else None, "context": context,
            "corrections": [dict(r, line=describe(r)) for r in corrections],
            "fields": ["kind", "text", "start", "end", "speaker", "speaker_role", "source"]}


async def _page(datasette: Any, request: Any, source: str, context: dict[str, Any]) -> Response:
    template = datasette.jinja_env.from_string(source)
    return Response.html(await datasette.render_template(template, context, request=request))


# --------------------------------------------------------------------------- templates

_FORM = """{% macro form(action, label, next=None, why=True, confirm=None) -%}
<form class="core" method="post" action="{{ urls.path('/' + database + '/-/curate') }}"
  {%- if confirm %} onsubmit="return confirm('{{ confirm }}')"{% endif %}>
<input type="hidden" name="csrftoken" value="{{ csrftoken() }}">
<input type="hidden" name="action" value="{{ action }}">
{% if next %}<input type="hidden" name="next" value="{{ next }}">{% endif %}
{{ caller() }}
{% if why %}<label>why <input type="text" name="why" size="40"></label>{% endif %}
<input type="submit" value="{{ label }}">
</form>
{%- endmacro %}
{% macro undo_list(corrections) -%}
<ul class="curate-corrections">
{% for c in corrections %}<li class="status-{{ c.status }}"><code>{{ c.line }}</code>
{% if c.status != 'undone' and c.action not in ('delete_article', 'replace_article') %}
{% call form('undo', 'Undo', why=False) %}<input type="hidden" name="correction_id" value="{{ c.id }}">{% endcall %}
{% endif %}</li>
{% else %}<li>No corrections yet.</li>{% endfor %}
</ul>
{%- endmacro %}
"""

OVERVIEW = """{% extends "base.html" %}
{% block title %}Curate {{ database }}{% endblock %}
{% block content %}""" + _FORM + """
<h1>Curate <a href="{{ urls.database(database) }}">{{ database }}</a></h1>
<p>Corrections are kept in <a href="{{ urls.table(database, 'corrections') }}">corrections</a> and applied
again after every re-load and <code>claims reextract</code>.
{% if stale %}<a href="{{ urls.table(database, 'corrections') }}?status=stale">{{ stale }} stale</a> (they no
longer match the extraction).{% endif %}
Rejected claims: <a href="{{ urls.table(database, 'claims_rejected') }}">claims_rejected</a>;
extracted values of corrected claims: <a href="{{ urls.table(database, 'claims_corrected') }}">claims_corrected</a>.</p>
<form class="core" method="get" action="{{ urls.path('/' + database + '/-/curate') }}">
<label>Claim id <input type="text" name="claim" size="20"></label> <input type="submit" value="Open">
</form>
<h2>Add a missed claim</h2>
{% call form('add', 'Add claim') %}
<label>article id <input type="text" name="article_id" size="18" required></label>
<label>start <input type="number" name="start" min="0"></label> <label>end <input type="number" name="end" min="0">
</label>
<label>or exact text <input type="text" name="text" size="40"></label><br>
<label>speaker <input type="text" name="speaker" required></label>
<label>kind <select name="kind"><option>indirect</option><option>direct</option></select></label>
<label>role <input type="text" name="role"></label> <label>source <input type="text" name="source"></label><br>
{% endcall %}
<h2>Speakers</h2>
{% call form('merge-speakers', 'Merge') %}
<label>merge speaker <input type="text" name="speaker" required></label>
<label>into <input type="text" name="into" required></label><br>
{% endcall %}
{% call form('split-speaker', 'Split') %}
<label>split speaker <input type="text" name="speaker" required></label>
<label>claims (ids; none: undo merges into it) <input type="text" name="claims" size="30"></label>
<label>to name <input type="text" name="name"></label><br>
{% endcall %}
<h2>Clusters</h2>
{% call form('merge-clusters', 'Merge') %}
<label>into cluster <input type="text" name="into" required></label>
<label>clusters (ids) <input type="text" name="others" size="30" required></label><br>
{% endcall %}
{% call form('split-cluster', 'Split') %}
<label>cluster <input type="text" name="cluster" required></label>
<label>claims to move out (ids) <input type="text" name="claims" size="30" required></label><br>
{% endcall %}
<h2>Articles</h2>
{% call form('article', 'Save') %}
<label>article id <input type="text" name="article_id" size="18" required></label>
<label>outlet <input type="text" name="outlet"></label>
<label>published <input type="text" name="published" placeholder="2024-05-02"></label>
<label>URL <input type="url" name="url"></label>
<label>title <input type="text" name="title"></label><br>
{% endcall %}
{% call form('delete-article', 'Delete article', confirm='Delete this article with its claims?') %}
<label>article id <input type="text" name="article_id" size="18" required></label><br>
{% endcall %}
<h2>Latest corrections</h2>
{{ undo_list(corrections) }}
{% endblock %}
"""

CLAIM = """{% extends "base.html" %}
{% block title %}Claim {{ claim.id }}{% endblock %}
{% block content %}""" + _FORM + """
{% set here = '/' + database + '/-/curate/claim/' + claim.id %}
<h1>Claim <a href="{{ urls.row(database, 'claims_rejected' if rejected else 'claims', claim.id) }}">{{ claim.id }}</a>
{% if rejected %}(rejected){% elif claim.corrected %}(corrected){% endif %}</h1>
<p><a href="{{ urls.path('/' + database + '/-/curate') }}">All corrections</a> ·
article <a href="{{ urls.row(database, 'articles', claim.article_id) }}">{{ claim.article_id }}</a></p>
<table class="rows-and-columns"><thead><tr><th>field</th><th>now</th><th>extracted</th></tr></thead><tbody>
{% for f in fields %}<tr><td>{{ f }}</td><td dir="auto">{{ claim[f] if claim[f] is not none else '' }}</td>
<td dir="auto">{{ original[f] if original and original[f] != claim[f] and original[f] is not none else '' }}</td>
</tr>{% endfor %}
</tbody></table>
<p dir="auto">{{ context[0] }}<mark>{{ context[1] }}</mark>{{ context[2] }}</p>
{% if not rejected %}
<h2>Correct</h2>
{% call form('speaker', 'Set speaker', here) %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<label>speaker <input type="text" name="name" value="{{ claim.speaker or '' }}" required></label>
<label>type (new speaker) <select name="type"><option value=""></option><option>person</option>
<option>organisation</option>
<option>anonymous</option><option>group</option><option>document</option></select></label><br>{% endcall %}
{% call form('role', 'Set role', here) %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<label>role (empty clears) <input type="text" name="value" value="{{ claim.speaker_role or '' }}"></label>
<br>{% endcall %}
{% call form('source', 'Set source', here) %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<label>source (empty clears) <input type="text" name="value" value="{{ claim.source or '' }}"></label><br>{% endcall %}
{% call form('kind', 'Set kind', here) %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<label>kind <select name="kind">{% for k in ('direct', 'indirect') %}
<option{% if k == claim.kind %} selected{% endif %}>{{ k }}</option>{% endfor %}</select></label><br>{% endcall %}
{% call form('span', 'Set span', here) %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<label>start <input type="number" name="start" value="{{ claim.start }}"></label>
<label>end <input type="number" name="end" value="{{ claim.end }}"></label>
<label>or exact text <input type="text" name="text" size="40"></label><br>{% endcall %}
{% call form('reject', 'Reject: not a claim') %}<input type="hidden" name="claim_id" value="{{ claim.id }}">
<br>{% endcall %}
{% endif %}
<h2>Corrections</h2>
{{ undo_list(corrections) }}
{% endblock %}
"""
