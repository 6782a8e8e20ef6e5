"""Figure extraction alone on the development set: recall, precision and value accuracy per
language, with the matching of ``score.py`` (imported from the eval directory, not copied).

    python -m benchmarks.figures_dev [-v] [--only ar|en] [--article NAME] [--json]

Each dev article is run through ``find_figures(text, lang, start=<body start>)`` (the
headline is never read) and its figures are paired one-to-one with all gold figures of the
article (the claims' figures plus ``unattributed_figures``; a gold figure listed under two
claims at the same ``char_span`` is one figure in the text and is counted once), best pairs
first: same normalised text, then right value, then word overlap. ``-v`` lists every missed
gold figure, every extra prediction, and found figures with a wrong value or unit.
Reads ../shared/eval (or $CLAIMS_EVAL_DIR). Not a test.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

from claims.nlp.figures import find_figures

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("CLAIMS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def score_module() -> ModuleType:
    """``score.py`` of the eval directory, imported by path."""
    spec = importlib.util.spec_from_file_location("claims_eval_score", EVAL_DIR / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no score.py in {EVAL_DIR}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def body_start(text: str) -> int:
    """Offset after the headline line (and any blank lines after it)."""
    i = len(text.split("\n", 1)[0]) + 1
    while i < len(text) and text[i] == "\n":
        i += 1
    return min(i, len(text))


def gold_figures(article: dict) -> list[dict]:
    """All gold figures of an article, one per distinct span."""
    seen, out = set(), []
    figs = [f for c in article.get("claims", []) for f in c.get("figures") or []]
    for f in figs + list(article.get("unattributed_figures") or []):
        key = tuple(f.get("char_span") or ()) or (f["text"], len(out))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def pair(sc: ModuleType, gold: list[dict], pred: list[dict]) -> list[tuple[int, int, bool]]:
    """One-to-one pairs (gold index, pred index, value right), best first, as score.py does."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            found, value_ok = sc.figure_match(p, g)
            if found:
                same = sc.norm(str(p["text"])) == sc.norm(str(g["text"]))
                cands.append((same, value_ok, sc.token_f1(str(p["text"]), str(g["text"])), -gi, -pi))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, value_ok, _, gi, pi in cands:
        if -gi not in used_g and -pi not in used_p:
            used_g.add(-gi)
            used_p.add(-pi)
            pairs.append((-gi, -pi, value_ok))
    return pairs


def run(only: str | None = None, article: str | None = None, verbose: bool = False,
        out=sys.stdout) -> dict[str, dict[str, float | int | None]]:
    sc = score_module()
    dev = EVAL_DIR / "dev"
    rows = [json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: dict[str, Counter] = defaultdict(Counter)
    elapsed = 0.0
    for art in rows:
        if only and art["lang"] != only or article and article not in art["file"]:
            continue
        text = (dev / art["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        figs = find_figures(text, art["lang"], start=body_start(text))
        elapsed += time.perf_counter() - t0
        pred = [{"text": f.text, "value": f.value, "unit": f.unit, "start": f.start, "value_max": f.value_max}
                for f in figs]
        gold = gold_figures(art)
        pairs = pair(sc, gold, pred)
        c = counts[art["lang"]]
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        c["found"] += len(pairs)
        c["value_ok"] += sum(ok for _, _, ok in pairs)
        c["unit_ok"] += sum(pred[pi]["unit"] == gold[gi]["unit"] for gi, pi, _ in pairs)
        if verbose:
            _report(art["file"], gold, pred, pairs, out)
    result = {lang: _summary(c) for lang, c in sorted(counts.items())}
    result["all"] = _summary(sum(counts.values(), Counter()))
    result["all"]["seconds"] = round(elapsed, 3)
    return result


def _report(name: str, gold: list[dict], pred: list[dict], pairs: list[tuple[int, int, bool]], out) -> None:
    got = {gi: (pi, ok) for gi, pi, ok in pairs}
    hit = {pi for _, pi, _ in pairs}
    for gi, g in enumerate(gold):
        if gi not in got:
            print(f"  [{name}] MISSED {g['text']!r} = {g['value']} {g['unit']}", file=out)
        elif not got[gi][1]:
            p = pred[got[gi][0]]
            print(f"  [{name}] VALUE  {g['text']!r}: want {g['value']} got {p['value']} ({p['text']!r})", file=out)
        elif pred[got[gi][0]]["unit"] != g["unit"]:
            print(f"  [{name}] UNIT   {g['text']!r}: want {g['unit']} got {pred[got[gi][0]]['unit']}", file=out)
    for pi, p in enumerate(pred):
        if pi not in hit:
            print(f"  [{name}] EXTRA  {p['text']!r} = {p['value']} {p['unit']}", file=out)


def _summary(c: Counter) -> dict[str, float | int | None]:
    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {"gold": c["gold"], "pred": c["pred"], "recall": ratio(c["found"], c["gold"]),
            "precision": ratio(c["found"], c["pred"]), "value_acc": ratio(c["value_ok"], c["found"]),
            "unit_acc": ratio(c["unit_ok"], c["found"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and every extra")
    ap.add_argument("--only", choices=["ar", "en"])
    ap.add_argument("--article", help="only articles whose file name contains this")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args()
    res = run(a.only, a.article, a.verbose)
    if a.json:
        print(json.dumps(res, ensure_ascii=False))
        return
    keys = ["gold", "pred", "recall", "precision", "value_acc", "unit_acc"]
    print("metric".ljust(12) + "".join(k.rjust(10) for k in res))
    for k in keys:
        print(k.ljust(12) + "".join(str(res[g].get(k)).rjust(10) for g in res))
    print(f"time: {res['all']['seconds']} s for all articles")


if __name__ == "__main__":
    main()
