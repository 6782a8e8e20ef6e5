"""Export writers. The JSON lines shape here is a contract: evaluation tools read it.

Claims (``--what claims``), one object per claim::

    {"id", "article", "file", "lang", "kind", "text", "speaker", "speaker_role", "source",
     "cue", "figures": [{"text", "value", "unit", ...}], "cluster", "start", "end", ...}

Figures (``--what figures``), one object per figure anywhere in an article::

    {"id", "article", "file", "claim", "text", "value", "unit", ...}

Extra keys (``speaker_type``, ``anonymous``, ``outlet``, ``published``, ``value_max``, ``kind``,
``qualifier``, ``key``, …) may be added; the listed ones never change meaning.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

import sqlite_utils

FORMATS = ("jsonl", "csv")
WHATS = ("claims", "figures")

CLAIM_KEYS = ["id", "article", "file", "lang", "kind", "text", "speaker", "speaker_role",
              "speaker_type", "anonymous", "source", "cue", "cue_start", "cue_end", "figures",
              "cluster", "cluster_score", "start", "end", "outlet", "published", "corrected"]
FIGURE_KEYS = ["id", "article", "file", "claim", "text", "value", "value_max", "unit", "kind",
               "qualifier", "key", "start", "end"]

_CLAIMS_SQL = """
select claims.id, claims.article_id as article, articles.file, claims.lang, claims.kind,
  claims.text, claims.speaker, claims.speaker_role, speakers.kind as speaker_type,
  claims.anonymous, claims.source, claims.cue, claims.cue_start, claims.cue_end,
  claims.cluster_id as cluster, claims.cluster_score, claims.start, claims."end",
  claims.outlet, claims.published
from claims join articles on articles.id = claims.article_id
left join speakers on speakers.id = claims.speaker_id
{where}
order by articles.file, claims.article_id, claims.start, claims."end"
"""

_FIGURES_SQL = """
select figures.id, figures.article_id as article, articles.file, figures.claim_id as claim,
  figures.text, figures.value, figures.value_max, figures.unit, figures.kind,
  figures.qualifier, figures.key, figures.start, figures."end"
from figures join articles on articles.id = figures.article_id
{where}
order by articles.file, figures.article_id, figures.start
"""


def _figure_dict(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("text", "value", "value_max", "unit", "kind", "qualifier", "key",
                                "start", "end")}


def _article_filter(article: str | None) -> tuple[str, list[Any]]:
    if article:
        return "where articles.id = ? or articles.file = ?", [article, article]
    return "", []


def iter_claims(db: sqlite_utils.Database, *, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Claim records in article order, each with the figures its text contains."""
    where, params = _article_filter(article)
    figs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # A figure belongs to every claim whose span contains it (a claim inside a longer one
    # shares its figures), as the export contract lists "figures in the claim".
    fig_sql = """
      select claims.id as claim_id, figures.* from figures
      join claims on claims.article_id = figures.article_id
        and figures.start >= claims.start and figures."end" <= claims."end"
      join articles on articles.id = claims.article_id
    """ + where + " order by figures.start"
    for row in db.query(fig_sql, params):
        figs[row["claim_id"]].append(_figure_dict(row))
    corrected = _corrected_ids(db)
    for row in db.query(_CLAIMS_SQL.format(where=where), params):
        rec = dict(row)
        rec["anonymous"] = bool(rec["anonymous"])
        rec["figures"] = figs.get(row["id"], [])
        rec["corrected"] = row["id"] in corrected
        yield {k: rec.get(k) for k in CLAIM_KEYS}


def _corrected_ids(db: sqlite_utils.Database) -> set[str]:
    """Claims a correction changed (``claims.corrected``, schema 2; see :mod:`claims.curate`).
    Rejected claims are not in ``claims`` at all, so they are never exported."""
    if "corrected" not in db["claims"].columns_dict:
        return set()
    return {r["id"] for r in db.query("select id from claims where corrected = 1")}


def iter_figures(db: sqlite_utils.Database, *, article: str | None = None) -> Iterator[dict[str, Any]]:
    """Every figure of every article, with the claim it is in (or None)."""
    where, params = _article_filter(article)
    for row in db.query(_FIGURES_SQL.format(where=where), params):
        yield {k: row.get(k) for k in FIGURE_KEYS}


def write(db: sqlite_utils.Database, out: IO[str], *, fmt: str = "jsonl", what: str = "claims",
          article: str | None = None) -> int:
    """Write claims or figures to ``out`` as JSON lines or CSV; returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if what not in WHATS:
        raise ValueError(f"unknown --what {what!r} (choose from {', '.join(WHATS)})")
    rows = iter_claims(db, article=article) if what == "claims" else iter_figures(db, article=article)
    keys = CLAIM_KEYS if what == "claims" else FIGURE_KEYS
    n = 0
    if fmt == "jsonl":
        for rec in rows:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=keys, extrasaction="ignore")
    writer.writeheader()
    for rec in rows:
        if "figures" in rec:
            rec = dict(rec, figures=json.dumps(rec["figures"], ensure_ascii=False))
        writer.writerow(rec)
        n += 1
    return n
