"""Loading: read inputs, extract in worker processes, write each article in its own transaction,
then deduplicate the new claims. Used by ``claims load`` and by the tests.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import sqlite_utils

from claims import dedupe, store
from claims.extract import EXTRACTOR_VERSION, extract
from claims.model import Article, Extraction, LoadError


@dataclass
class LoadReport:
    """What a load did: articles read, written and skipped; errors; warnings."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    claims: int = 0
    figures: int = 0
    errors: list[LoadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_claim_ids: list[str] = field(default_factory=list)
    stale_clusters: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _extract_job(job: tuple[Article, str | None, str | None]) -> Extraction | LoadError:
    article, lang, model = job
    try:
        return extract(article, lang=lang, model=model)
    except Exception as e:  # one bad article must not stop the load
        return LoadError(article.path or article.file or article.id, f"extraction failed: {type(e).__name__}: {e}",
                         stage="extract")


def _unchanged(db: sqlite_utils.Database, article: Article) -> bool:
    rows = list(db.query("select text, extractor_version from articles where id = ?", [article.id]))
    return bool(rows) and rows[0]["text"] == article.text and rows[0]["extractor_version"] == EXTRACTOR_VERSION


def _extractions(jobs: Iterable[tuple[Article, str | None, str | None]], workers: int) -> Iterator[Extraction | LoadError]:
    if workers <= 1:
        for job in jobs:
            yield _extract_job(job)
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_extract_job, jobs, chunksize=4)


def load(db: sqlite_utils.Database, items: Iterable[Article | LoadError], *, lang: str | None = None,
         model: str | None = None, workers: int = 1, force: bool = False, run_dedupe: bool = True,
         progress: Callable[[int], None] | None = None) -> LoadReport:
    """Extract and store ``items`` (articles, or read errors to record). Articles already stored
    with the same text and extractor version are skipped unless ``force``."""
    report = LoadReport()

    def jobs() -> Iterator[tuple[Article, str | None, str | None]]:
        for item in items:
            if isinstance(item, LoadError):
                report.errors.append(item)
                store.record_error(db, item)
                if progress:
                    progress(1)
                continue
            report.read += 1
            if not force and _unchanged(db, item):
                report.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield item, lang, model

    for result in _extractions(jobs(), workers):
        if isinstance(result, LoadError):
            report.errors.append(result)
            store.record_error(db, result)
        else:
            try:
                report.stale_clusters |= store.save_extraction(db, result, extractor_version=EXTRACTOR_VERSION)
            except Exception as e:
                err = LoadError(result.article.path or result.article.id, f"could not store: {e}", stage="store")
                report.errors.append(err)
                store.record_error(db, err)
            else:
                report.written += 1
                report.claims += len(result.claims)
                report.figures += len(result.figures)
                report.new_claim_ids.extend(c.id for c in result.claims)
                for w in result.warnings:
                    report.warnings.append(f"{result.article.file or result.article.id}: {w}")
        if progress:
            progress(1)
    if run_dedupe and (report.new_claim_ids or report.stale_clusters):
        dedupe.update(db, report.new_claim_ids, stale_clusters=report.stale_clusters)
    return report


def load_paths(db: sqlite_utils.Database, paths: Iterable[str], *, glob: str | None = None,
               fmt: str | None = None, outlet: str | None = None, published: str | None = None,
               **kwargs) -> LoadReport:
    """Read ``paths`` (files, folders, ``-``) and :func:`load` them."""
    from claims.articles import iter_articles

    return load(db, iter_articles(paths, glob=glob, fmt=fmt, outlet=outlet, published=published), **kwargs)
