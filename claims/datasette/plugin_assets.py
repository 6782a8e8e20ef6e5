"""Static files and facet labels of the plugin.

Datasette serves a plugin package's ``static/`` folder under ``/-/static-plugins/{name}/``,
where ``name`` is the distribution name (``claims``) for an installed plugin and the module name
(``claims.datasette``) for one registered from ``--plugins-dir``; :func:`static_url` finds it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from claims.datasette.render import bdi

STATIC = Path(__file__).parent / "static"
ANONYMOUS_LABELS = {"0": "named", "1": "anonymous"}
_names: dict[tuple[str, ...], str | None] = {}


def plugin_static_name() -> str | None:
    """The name Datasette mounted our static folder under, or None if it did not."""
    from datasette.plugins import get_plugins, pm

    key = tuple(sorted(name for name, _ in pm.list_name_plugin()))
    if key not in _names:
        _names[key] = next((p["name"] for p in get_plugins()
                            if p["static_path"] and Path(p["static_path"]).resolve() == STATIC.resolve()), None)
    return _names[key]


def static_url(datasette: Any, path: str) -> str | None:
    """The URL of one of our static files, cache-busted with its modification time."""
    name = plugin_static_name()
    if name is None:
        return None
    version = int((STATIC / path).stat().st_mtime)
    return datasette.urls.static_plugins(name, path) + f"?v={version}"


def facet_label(facet: dict[str, Any], value: dict[str, Any]) -> Markup:
    """A facet value's label isolated in ``<bdi>``, with the anonymous flag in words."""
    label = value.get("label")
    if facet.get("name") == "anonymous":
        label = ANONYMOUS_LABELS.get(str(value.get("value")), label)
    text = str(label) if label not in (None, "") else "-"
    return bdi(text, "claims-facet-label")
