"""Loading loses nothing: a killed load leaves a consistent database and a rerun completes it;
readers see consistent states while a load writes; random text never breaks the extractor."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import extract
from claims.model import Article
from tests.factories import SEEDS

VARIANTS = ["Port Alden", "Harbour Vale", "North Ridge", "Eastmarsh", "Saltcombe"]


def make_corpus(folder, n: int) -> None:
    """``n`` distinct articles made from the samples (different names and numbers)."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(n):
        t = texts[i % len(texts)]
        t = t.replace("Port Alden", VARIANTS[i % len(VARIANTS)]).replace("40,000", f"{40_000 + i:,}")
        t = t.replace("الخطيب", f"الخطيب{i % 7}") + f"\nوقال المتحدث إن الرقم بلغ {i} مليون دولار.\n"
        (folder / f"a{i:04d}.txt").write_text(t, encoding="utf-8")


def consistent(db_path) -> None:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        bad = con.execute("""select a.id from articles a
            where a.n_claims != (select count(*) from claims c where c.article_id = a.id)
               or a.n_figures != (select count(*) from figures f where f.article_id = a.id)""").fetchall()
        assert bad == []
    finally:
        con.close()


def run_load(folder, db, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claims.cli", "load", str(folder), "--db", str(db), "-q", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count_articles(db) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("select count(*) from articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0


def export(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("select id, article_id, text, speaker, source, cluster_id from claims order by id").fetchall()
    finally:
        con.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_midway_leaves_a_consistent_database_and_rerun_completes_it(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 150)
    db = tmp_path / "killed.db"
    proc = run_load(corpus, db, "--workers", "1")
    deadline = time.time() + 60
    while count_articles(db) < 10 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = count_articles(db)
    assert 0 < written < 150, "the load should have been killed midway"
    consistent(db)
    rerun = run_load(corpus, db, "--workers", "2")
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read().decode()
    consistent(db)
    assert count_articles(db) == 150
    clean = tmp_path / "clean.db"
    assert run_load(corpus, clean, "--workers", "2").wait(timeout=300) == 0
    assert export(db) == export(clean)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from claims where cluster_id is null").fetchone()[0] == 0
    con.close()


def test_readers_see_consistent_states_while_a_load_writes(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 60)
    db = tmp_path / "live.db"
    # create the schema first so readers can open it at once
    assert run_load(corpus / "a0000.txt", db).wait(timeout=120) == 0
    proc = run_load(corpus, db, "--workers", "1")
    checks = 0
    while proc.poll() is None:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            con.execute("begin")  # one snapshot for both queries
            bad = con.execute("""select count(*) from articles a
                where a.n_claims != (select count(*) from claims c where c.article_id = a.id)""").fetchone()[0]
            assert bad == 0
            checks += 1
        finally:
            con.close()
        time.sleep(0.01)
    assert proc.returncode == 0, proc.stderr.read().decode()
    assert checks > 3
    assert count_articles(db) == 60


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(alphabet=st.sampled_from(list('abc XYZ"“”«»,.:؛،؟!\n0123456789٠١٢%$قالأنوفيإلىبحسب')), max_size=400),
       lang=st.sampled_from(["ar", "en"]))
def test_random_text_never_breaks_the_extractor(body, lang):
    text = "Title\n\n" + body
    ex = extract(Article(id="h", text=text, body_start=7, lang=lang))
    for c in ex.claims:
        assert 7 <= c.start < c.end <= len(text) and text[c.start:c.end] == c.text
    for f in ex.figures:
        assert text[f.start:f.end] == f.text
