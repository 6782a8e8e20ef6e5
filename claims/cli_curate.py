"""``claims curate …`` and ``claims reextract``: corrections from the command line.

Thin: options in, one :mod:`claims.curate` (or :mod:`claims.reextract`) call, a line out.
Every correction is printed as ``#ID status what`` so that it can be undone by id.
"""
from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

KINDS = ("direct", "indirect")
SPEAKER_TYPES = ("person", "organisation", "anonymous", "group", "document")


def _who_default() -> str:
    from claims.curate import default_who

    return default_who()


def _open(db_path: str):
    from claims import store

    try:
        return store.open_db(db_path, create=False)
    except store.StoreError as e:
        raise click.ClickException(str(e)) from e


def correction_command(group: click.Group, name: str, *, why: bool = True) -> Callable:
    """A subcommand of ``group`` with ``--db`` and ``--who`` (and ``--why``); it receives an open
    database as ``db``, and a :class:`claims.curate.CurationError` becomes a clean error."""

    def wrap(fn: Callable) -> click.Command:
        @functools.wraps(fn)
        def run(db_path: str, **kwargs: Any) -> Any:
            from claims.curate import CurationError

            db = _open(db_path)
            try:
                return fn(db=db, **kwargs)
            except CurationError as e:
                raise click.ClickException(str(e)) from e

        own = list(getattr(fn, "__click_params__", []))
        run.__click_params__ = []  # type: ignore[attr-defined]
        if why:
            run = click.option("--why", help="Why: the evidence or reason, kept with the correction.")(run)
        run = click.option("--who", default=_who_default, show_default="your OS user name",
                           help="Who makes the correction.")(run)
        run = click.option("--db", "db_path", default="claims.db", show_default=True,
                           type=click.Path(dir_okay=False), help="SQLite database file.")(run)
        run.__click_params__ += own  # type: ignore[attr-defined]  # shown first, then --db, --who, --why
        return group.command(name)(run)

    return wrap


def _show(db, ids: int | list[int]) -> None:
    from claims.curate import describe, get_correction

    for i in [ids] if isinstance(ids, int) else ids:
        click.echo(describe(get_correction(db, i)))


@click.group("curate", context_settings={"help_option_names": ["-h", "--help"]})
def curate() -> None:
    """Correct claims, speakers, clusters and articles. Corrections are kept in the
    'corrections' table (who, when, why, old and new value) and applied again after every
    re-load and 'claims reextract'; 'claims curate list' shows them, 'claims curate undo ID'
    takes one back."""


@correction_command(curate, "speaker")
@click.argument("claim_id")
@click.argument("name")
@click.option("--role", help="Also set the speaker's role on this claim.")
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES),
              help="Kind of speaker, for a name new to the database (default person).")
def speaker(db, claim_id, name, role, speaker_type, who, why):
    """Attribute claim CLAIM_ID to speaker NAME."""
    from claims import curate as c

    ids = [c.set_speaker(db, claim_id, name, speaker_type=speaker_type, who=who, why=why)]
    if role:
        ids.append(c.set_role(db, claim_id, role, who=who, why=why))
    _show(db, ids)


@correction_command(curate, "role")
@click.argument("claim_id")
@click.argument("role", required=False)
@click.option("--clear", is_flag=True, help="Remove the role instead.")
def role(db, claim_id, role, clear, who, why):
    """Set the speaker's role on claim CLAIM_ID to ROLE (or --clear it)."""
    from claims import curate as c

    if not role and not clear:
        raise click.UsageError("give a ROLE, or --clear")
    _show(db, c.set_role(db, claim_id, None if clear else role, who=who, why=why))


@correction_command(curate, "source")
@click.argument("claim_id")
@click.argument("source", required=False)
@click.option("--clear", is_flag=True, help="Remove the source instead.")
def source(db, claim_id, source, clear, who, why):
    """Set the source claim CLAIM_ID is known through to SOURCE (or --clear it)."""
    from claims import curate as c

    if not source and not clear:
        raise click.UsageError("give a SOURCE, or --clear")
    _show(db, c.set_source(db, claim_id, None if clear else source, who=who, why=why))


@correction_command(curate, "kind")
@click.argument("claim_id")
@click.argument("kind", type=click.Choice(KINDS))
def kind(db, claim_id, kind, who, why):
    """Mark claim CLAIM_ID direct (quoted words) or indirect (reported speech)."""
    from claims import curate as c

    _show(db, c.set_kind(db, claim_id, kind, who=who, why=why))


@correction_command(curate, "span")
@click.argument("claim_id")
@click.argument("start", type=int, required=False)
@click.argument("end", type=int, required=False)
@click.option("--text", help="The claim's exact words, instead of START and END.")
def span(db, claim_id, start, end, text, who, why):
    """Move claim CLAIM_ID to characters START..END of its article (or to --text)."""
    from claims import curate as c

    _show(db, c.set_span(db, claim_id, start, end, text=text, who=who, why=why))


@correction_command(curate, "reject")
@click.argument("claim_ids", nargs=-1, required=True)
def reject(db, claim_ids, who, why):
    """Reject CLAIM_IDS that are not claims: they leave exports, views and clusters (kept in
    'claims_rejected')."""
    from claims import curate as c

    _show(db, [c.reject(db, cid, who=who, why=why) for cid in claim_ids])


@correction_command(curate, "add")
@click.argument("article_id")
@click.argument("start", type=int, required=False)
@click.argument("end", type=int, required=False)
@click.option("--text", help="The claim's exact words, instead of START and END.")
@click.option("--speaker", "speaker_name", required=True, help="Who made the claim.")
@click.option("--kind", "claim_kind", type=click.Choice(KINDS), default="indirect", show_default=True)
@click.option("--role", "speaker_role", help="The speaker's role.")
@click.option("--source", "source_name", help="The source the claim is known through.")
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES), help="Kind of speaker (default person).")
def add(db, article_id, start, end, text, speaker_name, claim_kind, speaker_role, source_name, speaker_type, who, why):
    """Add a claim extraction missed: characters START..END of ARTICLE_ID (id or file name)."""
    from claims import curate as c

    corr, claim = c.add_claim(db, article_id, start, end, text=text, speaker=speaker_name, kind=claim_kind,
                              role=speaker_role, source=source_name, speaker_type=speaker_type, who=who, why=why)
    _show(db, corr)


@correction_command(curate, "merge-speakers")
@click.argument("speaker_", metavar="SPEAKER")
@click.argument("into")
def merge_speakers(db, speaker_, into, who, why):
    """Attribute every claim of SPEAKER to INTO (ids or names; a new name renames)."""
    from claims import curate as c

    _show(db, c.merge_speakers(db, speaker_, into, who=who, why=why))


@correction_command(curate, "split-speaker")
@click.argument("speaker_", metavar="SPEAKER")
@click.option("--claim", "claims", multiple=True, help="A claim of SPEAKER to move (repeat for more).")
@click.option("--name", help="The speaker to move them to (default: the one extraction gave them).")
def split_speaker(db, speaker_, claims, name, who, why):
    """Split a wrong merge: move --claim claims of SPEAKER to --name, or, without --claim,
    undo every merge into SPEAKER."""
    from claims import curate as c

    _show(db, c.split_speaker(db, speaker_, claims=claims, name=name, who=who, why=why))


@correction_command(curate, "merge-clusters")
@click.argument("into")
@click.argument("others", nargs=-1, required=True)
def merge_clusters(db, into, others, who, why):
    """Put the claims of clusters OTHERS into cluster INTO (cluster ids or ids of their claims)."""
    from claims import curate as c

    _show(db, c.merge_clusters(db, into, others, who=who, why=why))


@correction_command(curate, "split-cluster")
@click.argument("cluster")
@click.option("--claim", "claims", multiple=True, required=True, help="A claim to move out (repeat for more).")
def split_cluster(db, cluster, claims, who, why):
    """Move --claim claims out of CLUSTER into a cluster of their own."""
    from claims import curate as c

    _show(db, c.split_cluster(db, cluster, claims, who=who, why=why))


@correction_command(curate, "article")
@click.argument("article_id")
@click.option("--title", help="The headline.")
@click.option("--outlet", help="The outlet that published it.")
@click.option("--url", help="Where it was published.")
@click.option("--published", help="Publication date, ISO (2024-05-02).")
def article(db, article_id, title, outlet, url, published, who, why):
    """Set or fix ARTICLE_ID's title, outlet, URL or date ("" clears); its claims follow."""
    from claims import curate as c

    given = {k: v for k, v in (("title", title), ("outlet", outlet), ("url", url), ("published", published))
             if v is not None}
    _show(db, c.set_article(db, article_id, who=who, why=why, **given))


@correction_command(curate, "delete-article")
@click.argument("article_ids", nargs=-1, required=True)
def delete_article(db, article_ids, who, why):
    """Delete ARTICLE_IDS with their claims, figures and cluster memberships."""
    from claims import curate as c

    _show(db, [c.delete_article(db, a, who=who, why=why) for a in article_ids])


@correction_command(curate, "replace-article")
@click.argument("article_id")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["txt", "html", "jsonl"]), help="Input format of PATH.")
@click.option("--lang", help="Force the language (ar, en).")
def replace_article(db, article_id, path, fmt, lang, who, why):
    """Replace ARTICLE_ID by the article in file PATH; its corrections follow it."""
    from claims import curate as c
    from claims.articles import iter_articles
    from claims.model import LoadError

    items = list(iter_articles([path], fmt=fmt, lang=lang))
    errors = [i for i in items if isinstance(i, LoadError)]
    if errors:
        raise click.ClickException(str(errors[0]))
    if len(items) != 1:
        raise click.ClickException(f"{path} holds {len(items)} articles; give a file with one")
    corr, report = c.replace_article(db, article_id, items[0], who=who, why=why)
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    _show(db, corr)
    _report_stale(db, article_id=items[0].id)
    if report.errors:
        sys.exit(1)


@correction_command(curate, "list", why=False)
@click.option("--status", type=click.Choice(["applied", "stale", "undone"]), help="Only corrections with this status.")
@click.option("--action", help="Only this action (edit, reject, add, merge_speakers, …).")
@click.option("--claim", "claim_id", help="Only corrections of this claim.")
@click.option("--article", "article_id", help="Only corrections of this article.")
@click.option("--limit", type=click.IntRange(1), help="At most this many (newest first).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line instead of text.")
def list_(db, status, action, claim_id, article_id, limit, as_json, who):
    """List corrections, newest first."""
    from claims import curate as c

    for corr in c.list_corrections(db, status=status, action=action, claim_id=claim_id, article_id=article_id,
                                   limit=limit):
        click.echo(json.dumps(corr, ensure_ascii=False) if as_json else c.describe(corr))


@correction_command(curate, "show", why=False)
@click.argument("claim_id")
def show(db, claim_id, who):
    """Show claim CLAIM_ID as it is, as extracted, and its corrections."""
    from claims import curate as c
    from claims.replay import original

    claim = c.get_claim(db, claim_id)
    orig = original(db, claim["id"])
    for key in ("id", "article_id", "kind", "text", "start", "end", "speaker", "speaker_role", "source",
                "cluster_id", "origin", "corrected"):
        line = f"{key:>13}: {claim.get(key)}"
        if orig and key in orig and orig[key] != claim.get(key):
            line += f"   (extracted: {orig[key]})"
        click.echo(line)
    for corr in c.list_corrections(db, claim_id=claim["id"]):
        click.echo(c.describe(corr))


@correction_command(curate, "undo", why=False)
@click.argument("correction_ids", nargs=-1, required=True, type=int)
def undo(db, correction_ids, who):
    """Undo corrections by id (see 'claims curate list'); they stay listed as undone."""
    from claims import curate as c

    for cid in correction_ids:
        click.echo(c.describe(c.undo(db, cid, who=who)))


def _report_stale(db, *, article_id: str) -> int:
    """List the stale corrections of an article on stderr; returns how many."""
    from claims import curate as c

    stale = c.list_corrections(db, status="stale", article_id=article_id)
    for corr in stale:
        click.echo(f"stale: {c.describe(corr)}", err=True)
    return len(stale)


@click.command("reextract")
@click.option("--db", "db_path", default="claims.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database file.")
@click.option("--article", "article_ids", multiple=True, help="Only this article (id or file name; repeat for more).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Extraction processes; default: the machine's cores.")
@click.option("--model", help="An installed trained spaCy pipeline to build on.")
@click.option("--quiet", "-q", is_flag=True, help="No summary (stale corrections are still listed).")
def reextract(db_path, article_ids, workers, model, quiet):
    """Run the current extractor again over the stored article texts (after rules changed),
    keeping every correction that still applies. Corrections that no longer match are marked
    stale and listed on stderr. Claims that did not change keep their ids."""
    from claims import reextract as rx
    from claims.curate import CurationError
    from claims.load import default_workers

    db = _open(db_path)
    try:
        report = rx.reextract(db, list(article_ids) or None, workers=workers or default_workers(), model=model)
    except CurationError as e:
        raise click.ClickException(str(e)) from e
    for err in report.load.errors:
        click.echo(f"error: {err}", err=True)
    for corr in report.stale:
        from claims.curate import describe

        click.echo(f"stale: {describe(corr)}", err=True)
    if not quiet:
        click.echo(f"Re-extracted {report.load.written} article(s): {report.claims_after} claims and "
                   f"{report.rejected} rejected ({report.kept} kept their id, {report.new} new, {report.gone} gone); "
                   f"corrections: {report.applied} applied, {len(report.stale)} stale.", err=True)
    if report.load.errors:
        sys.exit(1)
