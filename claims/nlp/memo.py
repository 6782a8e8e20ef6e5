"""A bounded memo for per-token lookups: the shared cache of the rule components' per-spelling
work (figure tokens, what may start a figure, Arabic word readings)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict[Any, Any]):
    """A dict that makes the value of a missing key with ``make`` and keeps it, emptied when
    it holds ``limit`` keys. Unlike lru_cache, ``map(memo.__getitem__, keys)`` runs in C
    for every key already seen, so it suits a lookup per token."""

    def __init__(self, make: Callable[[Any], Any], limit: int) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(key)
        return value
