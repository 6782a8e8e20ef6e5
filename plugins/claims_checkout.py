"""``datasette serve claims.db -m metadata.yml --plugins-dir plugins`` from a checkout.

Registers the package's Datasette plugins (the ``[project.entry-points.datasette]`` modules of
pyproject.toml: :mod:`claims.datasette` with its hooks, templates and static files, and the
others listed there) unless they are registered already because ``claims`` is installed (its
entry points did it, and registering again would run every hook twice). Nothing else lives
here: the hooks and the functions they call are the package's, and tested there.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

from datasette.plugins import pm

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = {"claims": "claims.datasette"}


def entry_points() -> dict[str, str]:
    """Plugin name -> module, as pyproject.toml declares them."""
    try:
        import tomllib
        with open(ROOT / "pyproject.toml", "rb") as fp:
            return dict(tomllib.load(fp)["project"]["entry-points"]["datasette"])
    except (ImportError, OSError, KeyError):
        return DEFAULT


try:
    import claims  # noqa: F401
except ImportError:  # a checkout that is not installed: import the package from beside plugins/
    sys.path.insert(0, str(ROOT))

for name, target in entry_points().items():
    module = importlib.import_module(target)
    if not pm.is_registered(module) and pm.get_plugin(name) is None:
        pm.register(module, name=name)
