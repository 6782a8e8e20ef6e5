"""Shards: extraction results on disk, so extraction and storing can run apart.

``claims extract`` writes shards (no database); ``claims ingest`` stores them. A shard is a
gzip-compressed JSON lines file ``part-NNNNN.jsonl.gz``; each line is one record::

    {"type": "extraction", "article": {...}, "claims": [...], "figures": [...], "lang": ..., "warnings": [...]}
    {"type": "error", "path": ..., "line": ..., "reason": ..., "stage": ...}

Records hold everything the store needs, with the deterministic ids already assigned, so a
database built from shards is the same, row for row, as one built by ``claims load``.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claims.model import Article, Claim, Extraction, Figure, LoadError

SHARD_GLOB = "part-*.jsonl.gz"


class ShardError(ValueError):
    """A shard file is missing, unreadable or malformed."""


def extraction_to_dict(ex: Extraction) -> dict[str, Any]:
    """A JSON-ready record of one extraction (claims carry figure ids, not copies)."""
    claims = []
    for c in ex.claims:
        d = c.to_dict()
        d.pop("anonymous", None)
        d["figures"] = [f.id for f in c.figures]
        claims.append(d)
    return {"type": "extraction", "article": ex.article.to_dict(), "claims": claims,
            "figures": [f.to_dict() for f in ex.figures], "lang": ex.lang, "warnings": list(ex.warnings)}


def extraction_from_dict(d: dict[str, Any]) -> Extraction:
    """The inverse of :func:`extraction_to_dict`."""
    figures = [Figure(**f) for f in d["figures"]]
    by_id = {f.id: f for f in figures}
    claims = []
    for c in d["claims"]:
        c = dict(c)
        fig_ids = c.pop("figures", [])
        claim = Claim(**c)
        claim.figures = [by_id[i] for i in fig_ids if i in by_id]
        claims.append(claim)
    return Extraction(Article(**d["article"]), claims, figures, lang=d.get("lang"), warnings=d.get("warnings", []))


def to_record(item: Extraction | LoadError) -> dict[str, Any]:
    if isinstance(item, LoadError):
        return {"type": "error", **item.to_dict()}
    return extraction_to_dict(item)


def from_record(d: dict[str, Any]) -> Extraction | LoadError:
    if d.get("type") == "error":
        return LoadError(path=d["path"], reason=d["reason"], line=d.get("line"), stage=d.get("stage", "read"))
    if d.get("type") == "extraction":
        return extraction_from_dict(d)
    raise ShardError(f"unknown record type {d.get('type')!r}")


def encode(items: Iterable[Extraction | LoadError]) -> bytes:
    """The bytes of a shard holding ``items``."""
    lines = (json.dumps(to_record(i), ensure_ascii=False, separators=(",", ":")) + "\n" for i in items)
    return gzip.compress("".join(lines).encode("utf-8"), compresslevel=6, mtime=0)


def shard_name(index: int) -> str:
    return f"part-{index:05d}.jsonl.gz"


def write_shard(out_dir: str | Path, index: int, data: bytes) -> Path:
    """Write shard ``index`` atomically (a temporary file renamed into place), so a killed run
    never leaves half a shard under a final name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / shard_name(index)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def shard_paths(shard_dir: str | Path) -> list[Path]:
    """The shards of a directory, in order."""
    d = Path(shard_dir)
    if not d.is_dir():
        raise ShardError(f"{d} is not a directory of shards")
    return sorted(d.glob(SHARD_GLOB))


def read_shard(path: str | Path) -> Iterator[Extraction | LoadError]:
    """The records of one shard, in order."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield from_record(json.loads(line))
                    except (json.JSONDecodeError, TypeError, KeyError) as e:
                        raise ShardError(f"{path}:{n}: malformed record: {e}") from e
    except (OSError, EOFError) as e:
        raise ShardError(f"{path}: cannot read shard: {e}") from e
