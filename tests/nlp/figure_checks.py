"""The shared assertion of the table-driven figure tests (both languages)."""
from __future__ import annotations

import pytest

from claims.model import figure_key
from claims.nlp.figures import find_figures


def check_figures(text: str, lang: str, expected: list[tuple]) -> None:
    """``find_figures(text, lang)`` gives exactly ``expected``: (text, value, unit[, extras]) in
    order, extras being ``value_max``, ``qualifier`` and ``kind``; spans and keys consistent."""
    figs = find_figures(text, lang)
    for f in figs:
        assert text[f.start:f.end] == f.text
        assert f.key == figure_key(f.unit, f.value, f.value_max)
    got = [(f.text, f.unit) for f in figs]
    assert got == [(e[0], e[2]) for e in expected], got
    for f, e in zip(figs, expected, strict=True):
        assert f.value == pytest.approx(e[1]), f
        extra = e[3] if len(e) > 3 else {}
        assert f.value_max == pytest.approx(extra.get("value_max")) if "value_max" in extra else f.value_max is None
        if "qualifier" in extra:
            assert f.qualifier == extra["qualifier"]
        if "kind" in extra:
            assert f.kind == extra["kind"]
