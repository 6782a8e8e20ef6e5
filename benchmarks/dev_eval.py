"""Score extraction on the development set in ../shared/eval (the same path a user runs:
load into a fresh database, export JSON lines, score with score.py).

    python -m benchmarks.dev_eval [-v] [--only ar|en] [--article NAME] [--workers N]

Reads ../shared/eval (or $CLAIMS_EVAL_DIR); prints score.py's table. Not a test.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from claims import export, store
from claims.load import load
from claims.model import Article, stable_id

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("CLAIMS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def score_module():
    spec = importlib.util.spec_from_file_location("claims_eval_score", EVAL_DIR / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(only: str | None = None, article: str | None = None, verbose: bool = False, workers: int = 1,
        model: str | None = None) -> dict:
    dev = EVAL_DIR / "dev"
    gold = [json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    if only:
        gold = [g for g in gold if g["lang"] == only]
    if article:
        gold = [g for g in gold if article in g["file"]]
    articles = []
    for g in gold:
        text = (dev / g["file"]).read_text(encoding="utf-8")
        head = text.split("\n", 1)[0]
        body_start = len(head) + 1
        while body_start < len(text) and text[body_start] == "\n":
            body_start += 1
        articles.append(Article(id=stable_id("article", text), text=text, title=head, body_start=body_start,
                                lang=g["lang"], file=g["file"], path=str(dev / g["file"])))
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "dev.db")
        report = load(db, articles, workers=workers, model=model)
        for e in report.errors:
            print("error:", e, file=sys.stderr)
        claims_out, figs_out = io.StringIO(), io.StringIO()
        export.write(db, claims_out, what="claims")
        export.write(db, figs_out, what="figures")
    pred = [json.loads(x) for x in claims_out.getvalue().splitlines()]
    figs = [json.loads(x) for x in figs_out.getvalue().splitlines()]
    sc = score_module()
    return sc.score(pred, gold, figs, verbose=verbose, gold_dir=dev)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--only", choices=["ar", "en"])
    ap.add_argument("--article")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--model")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    res = run(a.only, a.article, a.verbose, a.workers, a.model)
    if a.json:
        print(json.dumps(res, ensure_ascii=False))
        return
    keys = list(res["all"].keys())
    print("metric".ljust(20) + "".join(k.rjust(10) for k in res))
    for k in keys:
        print(k.ljust(20) + "".join(str(res[g][k]).rjust(10) for g in res))


if __name__ == "__main__":
    main()
