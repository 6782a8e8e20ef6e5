"""The records that flow through claims: articles in, claims and figures out.

Plain dataclasses with no behaviour beyond ids and dict conversion, so that readers,
the extractor, the store and the exporters can agree on them without importing each other.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Callable, Literal

ClaimKind = Literal["direct", "indirect"]


def stable_id(*parts: Any, length: int = 16) -> str:
    """A short deterministic id (hex sha1) of ``parts``; the same parts always give the same id."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def _rebuild(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """An instance of ``cls`` with ``names`` set to ``values``, as pickled by :func:`_pickled_as_values`."""
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values))
    return obj


def _pickled_as_values(cls: type) -> type:
    """Make ``cls`` (a dataclass) pickle as a tuple of its field values.

    Worker processes send every claim and figure back to the loading process: pickled the
    default way, each object is a dict of field names that the loader unpickled at ~0.3 ms an
    article, a third of what it spent storing them. As values, about half of that."""
    names = tuple(f.name for f in fields(cls))
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[Any, ...]:
        return _rebuild, (cls, names, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@dataclass
class Article:
    """One news article as read from a file, a JSON line or stdin.

    ``text`` is the article as stored; every offset elsewhere points into it. For ``.txt``
    input it is the whole file (headline line included), so offsets equal file offsets;
    ``body_start`` is where the body begins (claims are never taken from the headline).
    """

    id: str
    text: str
    title: str | None = None
    body_start: int = 0
    lang: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    file: str | None = None
    path: str | None = None
    format: str = "txt"
    encoding: str | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@_pickled_as_values
@dataclass
class Figure:
    """A number with its unit, normalised: "100 مليون دولار" -> value 1e8, unit "USD"."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None
    kind: str = "count"  # money | percent | duration | count | measure | ratio | age
    qualifier: str | None = None  # approximate | upper_bound | lower_bound | None
    key: str = ""
    claim_id: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = figure_key(self.unit, self.value, self.value_max)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def figure_key(unit: str, value: float, value_max: float | None = None) -> str:
    """Canonical comparison key: ``USD:100000000`` (``USD:10-20`` for a range)."""

    def fmt(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else f"{v:.10g}"

    k = f"{unit}:{fmt(value)}"
    if value_max is not None:
        k += f"-{fmt(value_max)}"
    return k


@_pickled_as_values
@dataclass
class Claim:
    """An attributed statement: who said what, through which channel, where in the article."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_type: str | None = None  # person | organisation | anonymous | group | document
    speaker_mention: str | None = None  # the words naming the speaker at this claim
    source: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    paragraph: int | None = None
    figures: list[Figure] = field(default_factory=list)
    article_id: str = ""
    id: str = ""

    @property
    def anonymous(self) -> bool:
        return self.speaker_type == "anonymous"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["anonymous"] = self.anonymous
        return d


@dataclass
class Extraction:
    """What extraction returns for one article: its claims and every figure in its body."""

    article: Article
    claims: list[Claim]
    figures: list[Figure]
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)


def claim_id(article_id: str, start: int, end: int, kind: str) -> str:
    """``stable_id("claim", article_id, start, end, kind)``, spelled out (one per claim)."""
    key = f"claim\x1f{article_id or ''}\x1f{start}\x1f{end}\x1f{kind or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def figure_id(article_id: str, start: int, end: int) -> str:
    """``stable_id("figure", article_id, start, end)``, spelled out (one per figure)."""
    key = f"figure\x1f{article_id or ''}\x1f{start}\x1f{end}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class LoadError:
    """An input that could not be read or processed: which file (and line), and why."""

    path: str
    reason: str
    line: int | None = None
    stage: str = "read"  # read | extract | store

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
