"""Dedup time and peak memory, from the dedup benchmark (:mod:`benchmarks.dedupe_bench`).

It is run as a subprocess (``python -m benchmarks.dedupe_bench --sizes …``), which measures
each step in a fresh interpreter and writes ``benchmarks/results/dedupe-*.json``; the newest
such file written during the run is read back. If that benchmark's interface or output
changes, the rows it gives are kept as they are and anything missing is reported, never
guessed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
FIELDS = {  # our name: the dedupe_bench row keys it may come from, first found wins
    "claims": ("claims", "size"),
    "rebuild_s": ("rebuild_s",),
    "rebuild_peak_mb": ("rebuild_peak_mb",),
    "us_per_claim": ("us_per_claim",),
    "incremental_claims": ("incremental_claims",),
    "incremental_store_s": ("incremental_store_s",),
    "incremental_dedupe_s": ("incremental_dedupe_s",),
    "incremental_peak_mb": ("incremental_peak_mb",),
    "build_s": ("build_s",),
    "f1": ("rebuild_f1",),
}


def _pick(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, keys in FIELDS.items():
        for k in keys:
            if k in row:
                out[name] = row[k]
                break
    return out


def latest(results_dir: Path) -> dict[str, Any]:
    """The rows of the newest ``dedupe-*.json`` already in ``results_dir`` (without running:
    for when the dedup benchmark was just run, or runs elsewhere, since two runs at once share
    its work files)."""
    files = sorted(results_dir.glob("dedupe-*.json"), key=lambda p: p.stat().st_mtime)
    if not files:
        return {"error": "no dedupe-*.json in " + str(results_dir)}
    try:
        data = json.loads(files[-1].read_text())
    except (OSError, ValueError) as e:
        return {"error": f"unreadable {files[-1].name}: {e}"}
    return {"command": f"latest results file {files[-1].name}", "file": files[-1].name,
            "written": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(files[-1].stat().st_mtime)),
            "rows": [_pick(r) | {"raw": r} for r in data.get("results", [])]}


def running() -> bool:
    """Whether a dedup benchmark runs now (its steps share work files under results/)."""
    try:
        out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any("benchmarks.dedupe_bench" in line and "python" in line for line in out.splitlines())


def run(sizes: list[int], results_dir: Path, timeout: float = 7200) -> dict[str, Any]:
    if running():
        out = latest(results_dir)
        out["note"] = "another dedup benchmark was running (they share work files): its latest results are shown"
        return out
    started = time.time()
    cmd = [sys.executable, "-m", "benchmarks.dedupe_bench", "--sizes", ",".join(str(s) for s in sizes)]
    try:
        proc = subprocess.run(cmd, cwd=ROOT.parent, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s", "command": " ".join(cmd[1:])}
    except OSError as e:
        return {"error": str(e), "command": " ".join(cmd[1:])}
    written = sorted((p for p in results_dir.glob("dedupe-*.json") if p.stat().st_mtime >= started - 1),
                     key=lambda p: p.stat().st_mtime)
    rows: list[dict[str, Any]] = []
    if written:
        try:
            data = json.loads(written[-1].read_text())
            rows = [_pick(r) | {"raw": r} for r in data.get("results", [])]
        except (OSError, ValueError, AttributeError) as e:
            return {"error": f"unreadable {written[-1].name}: {e}", "command": " ".join(cmd[1:])}
    if not rows:
        # fall back to the JSON lines it prints on stderr, one per size
        for line in proc.stderr.splitlines():
            if line.startswith("{"):
                try:
                    rows.append(_pick(json.loads(line)) | {"raw": json.loads(line)})
                except ValueError:
                    continue
    out: dict[str, Any] = {"command": " ".join(cmd[1:]), "exit_status": proc.returncode, "rows": rows,
                           "seconds": round(time.time() - started, 1)}
    if proc.returncode != 0 or not rows:
        out["error"] = (proc.stderr.strip().splitlines() or ["no output"])[-1][:500]
    if written:
        out["file"] = written[-1].name
    return out
