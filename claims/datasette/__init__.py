"""The Datasette plugin of claims (entry point ``claims = "claims.datasette"``).

Thin hooks over tested functions: :mod:`.config` (packaged metadata, which databases are ours),
:mod:`.cells` (table cells), :mod:`.pages` (article, cluster and speaker pages), :mod:`.search`
(Arabic-aware search), :mod:`.middleware` (query-string rewrites). Each hook returns None when
the database, table or value is not a claims one. This is a package so that Datasette serves
its ``templates/`` and ``static/`` folders.
"""
from __future__ import annotations

from typing import Any

from datasette import hookimpl

from claims.datasette import cells, config, facets, middleware, pages, search
from claims.datasette.plugin_assets import facet_label, static_url


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any] | None:
    return config.metadata_for(datasette, key)


@hookimpl
def startup(datasette: Any) -> None:
    config.claims_databases(datasette)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return pages.routes()


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str | None, datasette: Any) -> Any:
    return cells.render(datasette, database, table, column, value, row)


@hookimpl
def prepare_connection(conn: Any) -> None:
    search.register_functions(conn)
    config.tune_connection(conn)


@hookimpl(hookwrapper=True)
def register_facet_classes() -> Any:
    # Datasette's column facet answered from precomputed counts where it can be (claims.datasette.facets)
    outcome = yield
    outcome.force_result([facets.replace_column_facet(list(classes)) for classes in outcome.get_result()])


@hookimpl(hookwrapper=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    # a precounted search for a common word, newest first: read in order (claims.datasette.search)
    outcome = yield
    if table == "claims" and request is not None and request.scope.get(search.SCAN_KEY):
        outcome.force_result([search.scan_in_order(r) for r in outcome.get_result()])


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return middleware.wrapper(datasette, lambda database: config.is_claims_db(datasette, database))


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    url = static_url(datasette, "claims.css")
    return [url] if url else []


@hookimpl
def extra_template_vars(request: Any, database: str | None, datasette: Any) -> dict[str, Any] | None:
    if not config.is_claims_db(datasette, database):
        return None
    extra: dict[str, Any] = {"claims_facet_label": facet_label}
    typed = (request.scope.get(search.SCOPE_KEY) or {}) if request is not None else {}
    if "_search" in typed:
        extra["search"] = typed["_search"]
    if request is not None and search.COUNT_KEY in request.scope:
        # the page skipped Datasette's count (claims.datasette.middleware): the precomputed one
        extra["filtered_table_rows_count"] = request.scope[search.COUNT_KEY]
    return extra


@hookimpl
def table_actions(datasette: Any, database: str, table: str) -> list[dict[str, str]] | None:
    if table not in ("claims", "claims_view", "speakers", "clusters") or not config.is_claims_db(datasette, database):
        return None
    return [{"href": datasette.urls.path("-/dashboards/claims"), "label": "Charts: claims per week, speaker, outlet"}]
