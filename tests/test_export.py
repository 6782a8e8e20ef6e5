"""The export contract (claims.export, `claims export`)."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from claims import export, store
from claims.cli import cli
from claims.extract import EXTRACTOR_VERSION
from tests.factories import make_extraction

CONTRACT_CLAIM_KEYS = {"id", "article", "file", "lang", "kind", "text", "speaker", "speaker_role", "source",
                       "cue", "figures", "cluster", "start", "end"}
CONTRACT_FIGURE_KEYS = {"id", "article", "file", "claim", "text", "value", "unit"}


def rows(db, **kw) -> list[dict]:
    out = io.StringIO()
    export.write(db, out, **kw)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_claim_rows_follow_the_contract(filled_db):
    recs = rows(filled_db)
    assert len(recs) == 4
    for r in recs:
        assert CONTRACT_CLAIM_KEYS <= set(r)
        assert r["kind"] in ("direct", "indirect")
        text = filled_db["articles"].get(r["article"])["text"]
        assert text[r["start"]:r["end"]] == r["text"]
    ar = [r for r in recs if r["lang"] == "ar"]
    assert ar[0]["speaker"] == "أحمد سالم" and ar[0]["speaker_role"] == "وزير المالية"
    money = [f for r in recs for f in r["figures"] if f["unit"] == "USD"]
    assert {(f["text"], f["value"]) for f in money} == {("100 مليون دولار", 1e8), ("$100 million", 1e8)}
    assert [r["source"] for r in recs if r["lang"] == "en"] == [None, "BBC"]


def test_figure_rows_include_narrative_figures_with_null_claim(db):
    text = "T\n\nThe city has 40,000 homes. The mayor said prices rose 5%.\n"
    ex = make_extraction(text, "en", [{"text": "prices rose 5%", "speaker": "The mayor"}],
                         [("40,000 homes", 40000, "homes"), ("5%", 5, "percent")])
    store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    figs = rows(db, what="figures")
    assert all(CONTRACT_FIGURE_KEYS <= set(f) for f in figs)
    by_text = {f["text"]: f for f in figs}
    assert by_text["40,000 homes"]["claim"] is None
    assert by_text["5%"]["claim"] == ex.claims[0].id
    assert by_text["5%"]["value"] == 5 and by_text["5%"]["unit"] == "percent"


def test_csv_export_has_header_and_json_figures(filled_db):
    out = io.StringIO()
    n = export.write(filled_db, out, fmt="csv")
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(table) == 4
    assert json.loads(table[0]["figures"])[0]["unit"] in ("percent", "USD")


def test_cli_export_writes_jsonl_to_stdout_and_file(filled_db, tmp_path):
    path = filled_db.conn.execute("pragma database_list").fetchone()[2]
    runner = CliRunner()
    res = runner.invoke(cli, ["export", "--db", path, "--format", "jsonl", "--what", "figures"])
    assert res.exit_code == 0, res.output
    assert len(res.output.splitlines()) == 4
    out = tmp_path / "claims.csv"
    res = runner.invoke(cli, ["export", "--db", path, "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("id,article,file")


def test_cli_export_refuses_missing_database(tmp_path):
    res = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "nope.db")])
    assert res.exit_code != 0 and "no database" in res.output
