"""The ``claims`` command line: a thin layer of options over the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from claims import __version__

DB_OPTION = click.option("--db", "db_path", default="claims.db", show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite database file.")


def _open(db_path: str, create: bool = True):
    from claims import store

    try:
        return store.open_db(db_path, create=create)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claims")
def cli() -> None:
    """Attributed claims and quotes from news articles (Arabic and English) into SQLite,
    browsed with Datasette."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--lang", help="Force the language of every article (ar, en); default: detected per article.")
@click.option("--glob", "glob", help='Only files matching this pattern inside folders, e.g. "*.html".')
@click.option("--format", "fmt", type=click.Choice(["txt", "html", "jsonl"]),
              help="Input format; default: from the file name (stdin: sniffed).")
@click.option("--outlet", help="Outlet of articles that do not name one (e.g. for plain text).")
@click.option("--published", help="Publication date (ISO) of articles that do not give one.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Extraction processes; default: the machine's cores.")
@click.option("--model", help="An installed trained spaCy pipeline to build on (e.g. en_core_web_sm).")
@click.option("--force", is_flag=True, help="Re-extract articles even when already stored unchanged.")
@click.option("--no-dedupe", is_flag=True, help="Skip clustering (run 'claims dedupe' later).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def load(paths, db_path, lang, glob, fmt, outlet, published, workers, model, force, no_dedupe, quiet):
    """Load articles from PATHS (files, folders, or - for stdin) into the database.

    Text files: first line the title, a blank line, then the body. HTML pages and JSON lines
    (one article a line with "text" and optional "title", "url", "outlet", "published", "lang",
    "id") are read too. Re-loading an article replaces it; unchanged articles are skipped.
    Exits with status 1 when any input failed (the others are still loaded)."""
    from claims import store
    from claims.articles import iter_articles
    from claims.load import default_workers
    from claims.load import load as run_load

    db = _open(db_path)
    show = not quiet and sys.stderr.isatty()
    items = iter_articles(paths, glob=glob, lang=lang, fmt=fmt, outlet=outlet, published=published,
                          stdin=sys.stdin.buffer if "-" in paths else None)
    bar = None
    if show:
        from tqdm import tqdm

        from claims.articles import estimate_count

        bar = tqdm(desc="articles", unit=" art", file=sys.stderr, dynamic_ncols=True,
                   total=estimate_count(paths, glob=glob))
    try:
        report = run_load(db, items, lang=lang, model=model, workers=workers or default_workers(),
                          force=force, run_dedupe=not no_dedupe, progress=bar.update if bar else None,
                          stage=bar.set_postfix_str if bar else None)
    finally:
        if bar:
            bar.close()
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    if not quiet:
        c = store.counts(db)
        click.echo(
            f"Loaded {report.written} article(s) ({report.unchanged} unchanged, {len(report.errors)} failed): "
            f"{report.claims} claims, {report.figures} figures. "
            f"Database {db_path}: {c['articles']} articles, {c['claims']} claims, {c['figures']} figures, "
            f"{c['speakers']} speakers, {c['sources']} sources, {c['clusters']} clusters.",
            err=True)
    if report.errors:
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--what", type=click.Choice(["claims", "figures"]), default="claims", show_default=True,
              help="One row per claim, or one row per figure (with its claim or null).")
@click.option("--article", help="Only this article (id or file name).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export(db_path, fmt, what, article, output):
    """Export claims or figures as JSON lines or CSV (the format is documented in README.md)."""
    from claims import export as exporter

    db = _open(db_path, create=False)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            exporter.write(db, fh, fmt=fmt, what=what, article=article)
    else:
        exporter.write(db, sys.stdout, fmt=fmt, what=what, article=article)


@cli.command()
@DB_OPTION
@click.option("--rebuild", is_flag=True, help="Recompute all clusters from scratch.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Similarity (0-100) a claim needs to join a cluster.")
def dedupe(db_path, rebuild, threshold):
    """Cluster near-identical claims across articles (new claims only, or all with --rebuild)."""
    from claims import dedupe as dd
    from claims import replay, store

    db = _open(db_path, create=False)
    kwargs = {"threshold": threshold} if threshold is not None else {}
    if rebuild:
        dd.rebuild(db, **kwargs)
    else:
        ids = [r["id"] for r in db.query("select id from claims where cluster_id is null")]
        dd.update(db, ids, **kwargs)
    replay.apply_cluster_corrections(db)  # curated cluster merges and splits (claims curate) win
    c = store.counts(db)
    click.echo(f"{c['claims']} claims in {c['clusters']} clusters.", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the shards (part-NNNNN.jsonl.gz and manifest.json); old shards are replaced.")
@click.option("--dask", "dask_spec", metavar="SCHEDULER",
              help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or local[:N] for N local workers.")
@click.option("--partition-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles per partition (one shard each).")
@click.option("--retries", type=click.IntRange(0), default=2, show_default=True,
              help="Retries of a failed partition on Dask before it is reported as failed.")
@click.option("--lang", help="Force the language of every article (ar, en).")
@click.option("--glob", "glob", help="Only files matching this pattern inside folders.")
@click.option("--format", "fmt", type=click.Choice(["txt", "html", "jsonl"]), help="Input format.")
@click.option("--outlet", help="Outlet of articles that do not name one.")
@click.option("--published", help="Publication date (ISO) of articles that do not give one.")
@click.option("--model", help="An installed trained spaCy pipeline to build on.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def extract(paths, out_dir, dask_spec, partition_size, retries, lang, glob, fmt, outlet, published, model, quiet):
    """Extract claims from PATHS into shards, without a database (store them with 'claims ingest').

    The map step of a distributed run: with --dask the partitions are extracted on a Dask
    cluster. Exits with status 1 when an input or a partition failed."""
    from claims.articles import iter_articles
    from claims.distributed import make_client, run_extract

    items = iter_articles(paths, glob=glob, lang=lang, fmt=fmt, outlet=outlet, published=published,
                          stdin=sys.stdin.buffer if "-" in paths else None)
    client = make_client(dask_spec) if dask_spec else None
    try:
        report = run_extract(items, out_dir, partition_size=partition_size, lang=lang, model=model,
                             client=client, retries=retries)
    finally:
        if client is not None:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    for failed in report.failed_partitions:
        click.echo(f"error: partition {failed['partition']} failed ({failed['reason']}): "
                   f"{', '.join(failed['inputs'][:5])}", err=True)
    if not quiet:
        click.echo(f"Extracted {report.articles} article(s), {report.claims} claims into "
                   f"{report.partitions} shard(s) in {out_dir} ({report.shard_bytes / 1e6:.1f} MB); "
                   f"{report.errors} input error(s), {len(report.failed_partitions)} failed partition(s).", err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("shard_dir", type=click.Path(exists=True, file_okay=False))
@DB_OPTION
@click.option("--no-dedupe", is_flag=True, help="Skip clustering (run 'claims dedupe' later).")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def ingest(shard_dir, db_path, no_dedupe, quiet):
    """Store the shards that 'claims extract' wrote in SHARD_DIR, then cluster.

    The database is the same, row for row, as 'claims load' on the same inputs would make."""
    from claims import store
    from claims.distributed import ingest_items
    from claims.load import LoadReport, store_results
    from claims.shards import ShardError

    db = _open(db_path)
    try:
        report = store_results(db, ingest_items(shard_dir), LoadReport(), run_dedupe=not no_dedupe)
    except ShardError as e:
        raise click.ClickException(str(e)) from e
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    if not quiet:
        c = store.counts(db)
        click.echo(f"Ingested {report.written} article(s), {report.claims} claims; database {db_path}: "
                   f"{c['articles']} articles, {c['claims']} claims, {c['clusters']} clusters.", err=True)
    if report.errors:
        sys.exit(1)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@DB_OPTION
@click.option("--port", "-p", type=int, default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.pass_context
def serve(ctx, db_path, port, host):
    """Serve the database with Datasette (our metadata and plugins included). Extra options
    are passed to 'datasette serve'."""
    import subprocess

    if not Path(db_path).exists():
        raise click.ClickException(f"no database at {db_path}; create one with 'claims load … --db {db_path}'")
    args = [sys.executable, "-m", "datasette", "serve", db_path, "--port", str(port), "--host", host, *ctx.args]
    sys.exit(subprocess.call(args))


from claims.cli_curate import curate, reextract  # noqa: E402  (claims curate …, claims reextract)

cli.add_command(curate)
cli.add_command(reextract)

if __name__ == "__main__":
    cli()
