"""Loading: read inputs, extract in worker processes, write each article in its own transaction
(or savepoint, in a bulk load's groups of :data:`BULK_GROUP`), then cluster what is not clustered yet. ``claims load`` runs it all; ``claims ingest`` runs the
storing half on shards made by ``claims extract`` (same code, so the same database).
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from claims import bulk, dedupe, page_facets, replay, store
from claims.extract import EXTRACTOR_VERSION, extract_or_error
from claims.model import Article, Extraction, LoadError

Progress = Callable[[int], None]
Stage = Callable[[str], None]  # told what a load does once its articles are stored
Stored = Extraction | store.ArticleRows  # what store_results writes (an extraction, or its rows)


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


def _extract_job(job: tuple[Article, str | None, str | None]) -> store.ArticleRows | LoadError:
    """Extract one article into the rows that store it, sent back without the article (the
    loading process has it: :func:`map_extract` puts it back)."""
    result = extract_or_error(*job)
    if isinstance(result, LoadError):
        return result
    try:
        rows = store.article_rows(result)
    except Exception as e:  # noqa: BLE001 - reported with the article; the load goes on
        a = job[0]
        return LoadError(a.path or a.file or a.id, f"could not store: {type(e).__name__}: {e}", stage="store")
    rows.article = None
    return rows


def _with_articles(articles: list[Article], results: Iterable[store.ArticleRows | LoadError]
                   ) -> Iterator[store.ArticleRows | LoadError]:
    """``results`` (one per article, in order) with their articles put back."""
    for article, result in zip(articles, results):
        if isinstance(result, store.ArticleRows):
            result.article = article
        yield result


def is_unchanged(db: sqlite_utils.Database, article: Article) -> bool:
    """True when the article is stored with the same text by the same extractor version."""
    row = db.conn.execute("select text = ? and extractor_version = ? from articles where id = ?",
                          [article.text, EXTRACTOR_VERSION, article.id]).fetchone()
    return bool(row and row[0])


def _batches(items: Iterable[Article], size: int, first: int | None = None) -> Iterator[list[Article]]:
    """``items`` in lists of ``size``; with ``first``, the first list has that many and each next
    one twice as many (up to ``size``), so that the workers start while the rest is read."""
    want = min(first or size, size)
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= want:
            yield batch
            batch = []
            want = min(size, 2 * want)
    if batch:
        yield batch


def _chunksize(jobs: int, workers: int, most: int = 8) -> int:
    """Jobs per task for a batch of ``jobs``: at most ``most``, and few enough that every worker
    gets two tasks or more (a short batch is not left to one worker while the others wait)."""
    return max(1, min(most, jobs // (2 * workers)))


def _forked_pool(ctx: Any, workers: int) -> Any:
    """``ctx.Pool(workers)``, its workers forked with this process's objects frozen out of the
    garbage collector (:func:`gc.freeze`): otherwise every full collection in a worker walks
    all it inherited (the pipelines, the vocabulary, the caches) and writes to their pages,
    which made loads 1–14% slower (5 loads alternating with and without). The objects are
    unfrozen here once the workers exist."""
    gc.freeze()
    try:
        return ctx.Pool(workers)
    finally:
        gc.unfreeze()


def map_extract(articles: Iterable[Article], *, workers: int = 1, lang: str | None = None,
                model: str | None = None) -> Iterator[store.ArticleRows | LoadError]:
    """Extract ``articles`` in order, in ``workers`` processes (in this one when 1), into the
    rows that store them (:func:`claims.store.article_rows`).

    ``articles`` is consumed in this thread only (it may read the database), a batch ahead
    of the results, so the workers keep busy while the caller stores the previous batch."""
    if workers <= 1:
        for a in articles:
            yield from _with_articles([a], [_extract_job((a, lang, model))])
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with _forked_pool(ctx, workers) as pool:
        batches = _batches(articles, 16 * workers, first=2 * workers)
        running = None
        for batch in batches:
            jobs = [(a, lang, model) for a in batch]
            nxt = _with_articles(batch, pool.imap(_extract_job, jobs, chunksize=_chunksize(len(jobs), workers)))
            if running is not None:
                yield from running
            running = nxt
        if running is not None:
            yield from running


class BackgroundCheckpoints:
    """Checkpoint the WAL from a thread with its own connection while a load writes.

    Each article (a bulk load: each group of articles) is its own transaction, and SQLite's automatic checkpoint runs inside the
    commit that crosses ``wal_autocheckpoint`` pages: the writer then waits for the copy and
    its fsyncs (most of the time of storing an article, on a database with all its indexes).
    Here the writer's automatic checkpoints are off and a thread checkpoints ``PASSIVE``ly every
    ``interval`` seconds instead, so commits only append to the WAL. Durability is unchanged
    (``synchronous=NORMAL``); the setting is restored on :meth:`stop`. Start it after any
    worker processes are forked (a forked child must not inherit a running thread)."""

    def __init__(self, db: sqlite_utils.Database, interval: float = 0.25) -> None:
        self.db = db
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved: int | None = None

    def start(self) -> BackgroundCheckpoints:
        conn = self.db.conn
        row = conn.execute("pragma database_list").fetchone()
        path = row[2] if row else ""
        if self._thread is not None or not path or conn.execute("pragma journal_mode").fetchone()[0] != "wal":
            return self
        self._saved = conn.execute("pragma wal_autocheckpoint").fetchone()[0]
        conn.execute("pragma wal_autocheckpoint = 0")
        self._thread = threading.Thread(target=self._run, args=(path,), name="claims-checkpoint", daemon=True)
        self._thread.start()
        return self

    def _run(self, path: str) -> None:
        conn = sqlite3.connect(path, timeout=30)
        try:
            while not self._stop.wait(self.interval):
                try:
                    conn.execute("pragma wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    pass  # busy or locked: the next round (or the writer, after stop) does it
        finally:
            conn.close()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        self.db.conn.execute(f"pragma wal_autocheckpoint = {int(self._saved or 1000)}")


@contextmanager
def fts_merging_deferred(db: sqlite_utils.Database) -> Iterator[None]:
    """Turn the full-text index's incremental merging off while a load writes, and back on.

    Every article is its own transaction, so FTS5 writes one small index segment per article,
    and with ``automerge`` on it also merges segments a little on every commit: on a database
    of a million claims that merging was most of the time of storing an article. With it off,
    FTS5 still merges once 16 segments pile up on a level (``crisismerge``), so searches stay
    fast; the index answers exactly the same. The setting is restored afterwards (an
    interrupted load leaves it off, which costs nothing but a little search speed)."""
    conn = db.conn
    try:
        has_fts = conn.execute("select 1 from sqlite_master where name = ?", [store.FTS_TABLE]).fetchone()
        row = conn.execute(f"select v from {store.FTS_TABLE}_config where k = 'automerge'").fetchone() if has_fts else None
    except sqlite3.Error:
        has_fts = None
    if not has_fts:
        yield
        return
    saved = int(row[0]) if row else 4  # FTS5's default
    with db.atomic():
        conn.execute(f"insert into {store.FTS_TABLE} ({store.FTS_TABLE}, rank) values ('automerge', 0)")
    try:
        yield
    finally:
        with db.atomic():
            conn.execute(f"insert into {store.FTS_TABLE} ({store.FTS_TABLE}, rank) values ('automerge', ?)", [saved])


def store_results(db: sqlite_utils.Database, results: Iterable[Stored | LoadError], report: LoadReport,
                  *, run_dedupe: bool = True, progress: Progress | None = None,
                  stage: Stage | None = None) -> LoadReport:
    """Write extractions (each article in its own transaction, or its own savepoint in a bulk
    load's transactions of :data:`BULK_GROUP` articles) and record errors; then cluster
    every claim not clustered yet. Into a database with no claims yet, the writes are a bulk
    load (:mod:`claims.bulk`): indexes and search triggers are built once at the end."""
    with bulk.bulk_writes(db, announce=stage) as bulk_load:
        checkpoints = BackgroundCheckpoints(db)
        try:
            with fts_merging_deferred(db):
                _store_all(db, results, report, progress, checkpoints, counts=not bulk_load,
                           group=BULK_GROUP if bulk_load else 1)
        finally:
            checkpoints.stop()
    if run_dedupe:
        # Everything not clustered yet, not just this run's claims: a load killed before this
        # point leaves unclustered claims that the next run (which skips their unchanged
        # articles) must still cluster.
        pending = [r["id"] for r in db.query("select id from claims where cluster_id is null")]
        if pending or report.stale_clusters:
            if stage:
                stage("clustering")
            dedupe.update(db, pending, stale_clusters=report.stale_clusters)
        replay.apply_cluster_corrections(db)  # curated cluster merges and splits win over clustering
    # the facets of the commonest searches and filters, counted ahead (no work when nothing changed)
    if page_facets.refresh(db, announce=stage) is not None:
        with db.atomic():
            store.update_planner_stats(db.conn)
    return report


# A bulk load (claims.bulk) commits this many articles at a time: one commit per article rewrites
# the same last pages of every table into the WAL each time. Until the load finishes, its rows
# are not searchable anyway, and a crash loses at most one group, which re-running the load
# writes again (only stored articles are skipped).
BULK_GROUP = 64


def _store_all(db: sqlite_utils.Database, results: Iterable[Stored | LoadError], report: LoadReport,
               progress: Progress | None, checkpoints: BackgroundCheckpoints, counts: bool = True,
               group: int = 1) -> None:
    """Store each result; with ``group`` > 1 (and no transaction open already), ``group``
    articles to a transaction, each one still its own savepoint, so that one that fails is
    rolled back alone."""
    conn = db.conn
    grouped = group > 1 and not conn.in_transaction
    pending: list[Stored | LoadError] = []  # written since the last commit
    try:
        for n, result in enumerate(results):
            if n == 1:
                checkpoints.start()  # after the first result: worker processes are forked by then
            if grouped and not conn.in_transaction:
                conn.execute("BEGIN")
            if isinstance(result, LoadError):
                report.errors.append(result)
                store.record_error(db, result)
                if grouped:
                    pending.append(result)
            elif _save(db, result, report, counts) and grouped:
                pending.append(result)
            if grouped and not conn.in_transaction and pending:
                # an error ended the whole transaction (not just the failed article's savepoint):
                # the group's earlier articles went with it, so they are written again
                _rewrite(db, pending, report, counts)
            if grouped and len(pending) >= group:
                conn.execute("COMMIT")
                pending.clear()
            if progress:
                progress(1)
    finally:
        if grouped and conn.in_transaction:
            conn.execute("COMMIT")  # what is complete (an interrupted article's savepoint is undone)


def _save(db: sqlite_utils.Database, result: Stored, report: LoadReport, counts: bool) -> bool:
    """Store one extraction and count it in ``report``; an error is reported and kept in
    ``load_errors`` instead. Returns whether it was stored."""
    if not _store(db, result, report, counts):
        return False
    report.written += 1
    report.claims += len(result.claims)
    report.figures += len(result.figures)
    report.warnings.extend(f"{result.article.file or result.article.id}: {w}" for w in result.warnings)
    return True


def _rewrite(db: sqlite_utils.Database, pending: list[Stored | LoadError], report: LoadReport,
             counts: bool) -> None:
    """Write again, each in its own transaction, what a group whose transaction an error rolled
    back had written (articles, and the errors kept in ``load_errors``); an article that fails
    now leaves the written count and becomes an error."""
    for result in pending:
        if isinstance(result, LoadError):
            store.record_error(db, result)
        elif not _store(db, result, report, counts):
            report.written -= 1
            report.claims -= len(result.claims)
            report.figures -= len(result.figures)
    pending.clear()


def _store(db: sqlite_utils.Database, result: Stored, report: LoadReport, counts: bool) -> bool:
    """:func:`claims.store.save_extraction`, its stale clusters noted in ``report``; a failure is
    reported and kept in ``load_errors``. Returns whether it was stored."""
    try:
        report.stale_clusters |= store.save_extraction(db, result, extractor_version=EXTRACTOR_VERSION,
                                                       counts=counts)
    except Exception as e:  # noqa: BLE001 - reported and kept in load_errors
        err = LoadError(result.article.path or result.article.id, f"could not store: {e}", stage="store")
        report.errors.append(err)
        store.record_error(db, err)
        return False
    return True


def load(db: sqlite_utils.Database, items: Iterable[Article | LoadError], *, lang: str | None = None,
         model: str | None = None, workers: int = 1, force: bool = False, run_dedupe: bool = True,
         progress: Progress | None = None, stage: Stage | None = None) -> LoadReport:
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

    def results() -> Iterator[Stored | LoadError]:
        for result in map_extract(todo(), workers=workers, lang=lang, model=model):
            # read errors surface in input order, before the next extraction
            while read_errors:
                yield read_errors.pop(0)
            yield result
        yield from read_errors

    return store_results(db, results(), report, run_dedupe=run_dedupe, progress=progress, stage=stage)


def load_paths(db: sqlite_utils.Database, paths: Iterable[str], *, glob: str | None = None,
               fmt: str | None = None, outlet: str | None = None, published: str | None = None,
               **kwargs) -> LoadReport:
    """Read ``paths`` (files, folders, ``-``) and :func:`load` them."""
    from claims.articles import iter_articles

    return load(db, iter_articles(paths, glob=glob, fmt=fmt, outlet=outlet, published=published), **kwargs)
