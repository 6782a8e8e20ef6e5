"""Loading: read inputs, extract in worker processes, write each article in its own transaction,
then cluster what is not clustered yet. ``claims load`` runs it all; ``claims ingest`` runs the
storing half on shards made by ``claims extract`` (same code, so the same database).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import sqlite_utils

from claims import dedupe, replay, store
from claims.extract import EXTRACTOR_VERSION, extract_or_error
from claims.model import Article, Extraction, LoadError

Progress = Callable[[int], None]


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
    stale_clusters: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _extract_job(job: tuple[Article, str | None, str | None]) -> Extraction | LoadError:
    return extract_or_error(*job)


def is_unchanged(db: sqlite_utils.Database, article: Article) -> bool:
    """True when the article is stored with the same text by the same extractor version."""
    rows = list(db.query("select text, extractor_version from articles where id = ?", [article.id]))
    return bool(rows) and rows[0]["text"] == article.text and rows[0]["extractor_version"] == EXTRACTOR_VERSION


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def map_extract(articles: Iterable[Article], *, workers: int = 1, lang: str | None = None,
                model: str | None = None) -> Iterator[Extraction | LoadError]:
    """Extract ``articles`` in order, in ``workers`` processes (in this one when 1).

    ``articles`` is consumed in this thread only (it may read the database), a batch ahead
    of the results, so the workers keep busy while the caller stores the previous batch."""
    if workers <= 1:
        for a in articles:
            yield _extract_job((a, lang, model))
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers) as pool:
        batches = _batches(articles, 16 * workers)
        running = None
        for batch in batches:
            jobs = [(a, lang, model) for a in batch]
            nxt = pool.imap(_extract_job, jobs, chunksize=2)
            if running is not None:
                yield from running
            running = nxt
        if running is not None:
            yield from running


def store_results(db: sqlite_utils.Database, results: Iterable[Extraction | LoadError], report: LoadReport,
                  *, run_dedupe: bool = True, progress: Progress | None = None) -> LoadReport:
    """Write extractions (each article in its own transaction) and record errors; then cluster
    every claim not clustered yet."""
    for result in results:
        if isinstance(result, LoadError):
            report.errors.append(result)
            store.record_error(db, result)
        else:
            try:
                report.stale_clusters |= store.save_extraction(db, result, extractor_version=EXTRACTOR_VERSION)
            except Exception as e:  # noqa: BLE001 - reported and kept in load_errors
                err = LoadError(result.article.path or result.article.id, f"could not store: {e}", stage="store")
                report.errors.append(err)
                store.record_error(db, err)
            else:
                report.written += 1
                report.claims += len(result.claims)
                report.figures += len(result.figures)
                report.warnings.extend(f"{result.article.file or result.article.id}: {w}" for w in result.warnings)
        if progress:
            progress(1)
    if run_dedupe:
        # Everything not clustered yet, not just this run's claims: a load killed before this
        # point leaves unclustered claims that the next run (which skips their unchanged
        # articles) must still cluster.
        pending = [r["id"] for r in db.query("select id from claims where cluster_id is null")]
        if pending or report.stale_clusters:
            dedupe.update(db, pending, stale_clusters=report.stale_clusters)
        replay.apply_cluster_corrections(db)  # curated cluster merges and splits win over clustering
    return report


def load(db: sqlite_utils.Database, items: Iterable[Article | LoadError], *, lang: str | None = None,
         model: str | None = None, workers: int = 1, force: bool = False, run_dedupe: bool = True,
         progress: Progress | None = None) -> LoadReport:
    """Extract and store ``items`` (articles, or read errors to record). Articles already stored
    with the same text and extractor version are skipped unless ``force``."""
    report = LoadReport()
    read_errors: list[LoadError] = []

    def todo() -> Iterator[Article]:
        for item in items:
            if isinstance(item, LoadError):
                read_errors.append(item)
                continue
            report.read += 1
            if not force and is_unchanged(db, item):
                report.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield item

    def results() -> Iterator[Extraction | LoadError]:
        for result in map_extract(todo(), workers=workers, lang=lang, model=model):
            # read errors surface in input order, before the next extraction
            while read_errors:
                yield read_errors.pop(0)
            yield result
        yield from read_errors

    return store_results(db, results(), report, run_dedupe=run_dedupe, progress=progress)


def load_paths(db: sqlite_utils.Database, paths: Iterable[str], *, glob: str | None = None,
               fmt: str | None = None, outlet: str | None = None, published: str | None = None,
               **kwargs) -> LoadReport:
    """Read ``paths`` (files, folders, ``-``) and :func:`load` them."""
    from claims.articles import iter_articles

    return load(db, iter_articles(paths, glob=glob, fmt=fmt, outlet=outlet, published=published), **kwargs)
