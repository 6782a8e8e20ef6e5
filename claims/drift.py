"""Figure drift: members of one cluster quoting different values for the same kind of figure.

Each member claim contributes, per (kind, unit), the set of figure keys it carries. A truncated
copy that lost a figure is no drift (its set is a subset of the full one); drift is two members
whose sets for the same (kind, unit) are both non-empty and neither contains the other.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

# (claim_id, kind, unit, key)
FigureRow = tuple[str, str | None, str | None, str]


def drifting(member_figures: Mapping[str, Iterable[tuple[str | None, str | None, str]]]) -> dict[str, Counter[str]]:
    """For each ``kind/unit`` that drifts, how many members carry each value key.
    ``member_figures`` maps a member claim id to its (kind, unit, key) figures."""
    per_unit: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
    for claim_id, figs in member_figures.items():
        keys: dict[str, set[str]] = defaultdict(set)
        for kind, unit, key in figs:
            keys[f"{kind or '?'}/{unit or '?'}"].add(key)
        for ku, ks in keys.items():
            per_unit[ku][claim_id] = frozenset(ks)
    out: dict[str, Counter[str]] = {}
    for ku, sets in sorted(per_unit.items()):
        distinct = sorted(set(sets.values()), key=len)
        if any(not (x <= y or y <= x) for i, x in enumerate(distinct) for y in distinct[i + 1:]):
            out[ku] = Counter(k for s in sets.values() for k in s)
    return out


def describe(drift: Mapping[str, Counter[str]]) -> str | None:
    """Human-readable drift: ``percent/percent: 10 (3 claims) vs 12 (1 claim)``, or None."""
    if not drift:
        return None
    parts = []
    for ku, counts in drift.items():
        values = " vs ".join(f"{_value(k)} ({n} claim{'s' if n != 1 else ''})"
                             for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        parts.append(f"{ku}: {values}")
    return "; ".join(parts)


def _value(key: str) -> str:
    """``USD:100000000`` -> ``100000000``."""
    return key.split(":", 1)[1] if ":" in key else key


def group_figures(rows: Iterable[FigureRow]) -> dict[str, list[tuple[str | None, str | None, str]]]:
    """(claim_id, kind, unit, key) rows -> claim_id -> its figures."""
    out: dict[str, list[tuple[str | None, str | None, str]]] = defaultdict(list)
    for claim_id, kind, unit, key in rows:
        out[claim_id].append((kind, unit, key))
    return out
