"""Re-extraction: run the current extractor again over the article texts already stored.

Used after extraction rules change. Articles are rebuilt from their stored rows (with the
metadata they were loaded with, not the corrected one, which is re-applied), stored through
the usual load path, so corrections are replayed (:func:`claims.replay.after_save`), claims
are re-clustered and cluster corrections enforced. A claim whose offsets and kind did not
change keeps its id, and with it its corrections; those that no longer match are ``stale``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from claims import curate
from claims.load import LoadReport, Progress, load
from claims.model import Article

ARTICLE_COLUMNS = ("id", "text", "title", "body_start", "lang", "url", "outlet", "published", "author", "file",
                   "path", "format", "encoding")


@dataclass
class ReextractReport:
    """What a re-extraction did: the load; claims now (and rejected); claim ids (rejected ones
    included) kept, new and gone; corrections applied and stale."""

    load: LoadReport
    claims_before: int = 0
    claims_after: int = 0
    rejected: int = 0
    kept: int = 0
    new: int = 0
    gone: int = 0
    applied: int = 0
    stale: list[dict[str, Any]] = field(default_factory=list)


def stored_article(db: sqlite_utils.Database, article_id: str) -> Article:
    """An article as it was loaded (corrected metadata put back to the loaded values)."""
    row = dict(db["articles"].get(article_id))
    for orig in db.query("select * from articles_original where article_id = ?", [article_id]):
        row.update({k: orig[k] for k in ("title", "outlet", "url", "published")})
    fields = {k: row.get(k) for k in ARTICLE_COLUMNS}
    fields["body_start"] = fields["body_start"] or 0
    fields["format"] = fields["format"] or "txt"
    return Article(**fields)


def _claim_ids(db: sqlite_utils.Database, article_ids: Sequence[str]) -> set[str]:
    ids: set[str] = set()
    for aid in article_ids:
        ids |= {r["id"] for r in db.query("select id from claims where article_id = ? union "
                                          "select id from claims_rejected where article_id = ?", [aid, aid])}
    return ids


def reextract(db: sqlite_utils.Database, article_ids: Sequence[str] | None = None, *, workers: int = 1,
              model: str | None = None, progress: Progress | None = None) -> ReextractReport:
    """Extract ``article_ids`` (ids or file names; all articles when None) again and store them."""
    if article_ids:
        ids = list(dict.fromkeys(curate.get_article(db, a)["id"] for a in article_ids))
    else:
        ids = [r["id"] for r in db.query("select id from articles order by id")]
    before = _claim_ids(db, ids)

    path = db.conn.execute("pragma database_list").fetchone()[2]

    def articles() -> Iterator[Article]:
        # With workers, a pool thread iterates this: it reads through a connection of its own.
        reader = sqlite_utils.Database(path) if path else db
        try:
            for aid in ids:
                yield stored_article(reader, aid)
        finally:
            if reader is not db:
                reader.conn.close()

    report = ReextractReport(load=load(db, articles(), force=True, workers=workers, model=model, progress=progress))
    after = _claim_ids(db, ids)
    report.claims_before = len(before)
    report.claims_after = sum(db["claims"].count_where("article_id = ?", [aid]) for aid in ids)
    report.rejected = len(after) - report.claims_after
    report.kept, report.new, report.gone = len(before & after), len(after - before), len(before - after)
    scoped = [c for c in curate.list_corrections(db) if c["article_id"] in set(ids) or c["article_id"] is None]
    report.applied = sum(c["status"] == "applied" for c in scoped)
    report.stale = [c for c in reversed(scoped) if c["status"] == "stale"]
    return report
