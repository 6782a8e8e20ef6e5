"""Datasette page latency on a large generated claims database (:mod:`benchmarks.gendb`).

Every page a user opens, through Datasette's in-process client (``ds.client.get``: the ASGI
app with our plugin, middleware and templates, no network), each requested once to warm up and
then ``runs`` times; median and 95th percentile in milliseconds. Pages that answer anything but
200 (or the expected redirect) are reported with their status.
"""
from __future__ import annotations

import asyncio
import statistics
import time
import re
import urllib.parse
from pathlib import Path
from typing import Any

from datasette.utils import tilde_encode

from benchmarks import gendb
from claims.normalize import search_query

TARGET_MS = 200


def pick(path: Path) -> dict[str, Any]:
    """Parameters for the pages: the busiest speaker and source, an article, a big cluster."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    q = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
    speaker = q("select id, name from speakers order by n_claims desc limit 1")
    speaker_mid = q("select id, name from speakers where n_claims between 50 and 500 order by n_claims desc limit 1") \
        or speaker
    source = q("select id, name from sources order by n_claims desc limit 1")
    article = q("select article_id, id from claims where rowid = (select max(rowid) / 2 from claims)")
    cluster = q("select id from clusters order by size desc limit 1")
    outlet = q("select outlet from articles where rowid = 1")
    total = q("select count(*) from claims")[0]
    # search words: content words (5 letters or more, in the language's script) whose share of
    # the claims is nearest 2% ("common") and the largest ("very common", a stress case)
    common, very = {}, {}
    for lang, words in gendb.vocabulary().items():
        share = []
        for w in words[:150]:
            if len(w) < 5 or (lang == "ar") != bool(re.search("[\u0600-\u06ff]", w)):
                continue
            n = conn.execute("select count(*) from claims_fts where claims_fts match ?",
                             [search_query(w)]).fetchone()[0]
            share.append((n / max(1, total), w))
        common[lang] = min(share, key=lambda x: abs(x[0] - 0.02))
        very[lang] = max(share)
    # the start of the second page (?_next=) of the claims table and of the very common English
    # search, newest first: the 100th row's date and id, as Datasette's "next page" link gives them
    second = {}
    for name, where, params in (("table", "", []), ("search", "where rowid in (select rowid from claims_fts where "
                                                                 "claims_fts match ?)", [search_query(very["en"][1])])):
        row = conn.execute(f"select published, id from claims {where} order by published desc, id limit 1 offset 99",
                           params).fetchone()
        second[name] = ",".join(tilde_encode(str(v)) for v in row) if row else ""
    conn.close()
    return {"second_page": second, "speaker": speaker, "speaker_typical": speaker_mid, "source": source, "article": article,
            "cluster": cluster[0], "outlet": outlet[0], "common": {k: v[1] for k, v in common.items()},
            "very_common": {k: v[1] for k, v in very.items()},
            "word_share": {f"{k}:{v[1]}": round(v[0], 4) for d in (common, very) for k, v in d.items()},
            "rare": gendb.RARE_WORDS}


def pages(db: str, p: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, URL) of every page measured."""
    e = urllib.parse.quote
    out = [
        ("claims table (HTML)", f"/{db}/claims"),
        ("claims table (JSON)", f"/{db}/claims.json"),
        ("claims table, second page", f"/{db}/claims?_next={e(p['second_page']['table'])}"),
        ("claims table sorted by speaker", f"/{db}/claims?_sort=speaker"),
        ("articles table", f"/{db}/articles"),
        ("speakers table", f"/{db}/speakers"),
        ("clusters table", f"/{db}/clusters"),
        ("facet page: language (half the claims)", f"/{db}/claims?lang=ar"),
        ("facet page: speaker", f"/{db}/claims?speaker={e(p['speaker'][1])}"),
        ("facet page: speaker + source", f"/{db}/claims?speaker={e(p['speaker'][1])}&source={e(p['source'][1])}"),
    ]
    for lang in ("ar", "en"):
        out.append((f"search: rare word ({lang})", f"/{db}/claims?_search={e(p['rare'][lang])}"))
        out.append((f"search: common word ({lang})", f"/{db}/claims?_search={e(p['common'][lang])}"))
        out.append((f"search: very common word ({lang})", f"/{db}/claims?_search={e(p['very_common'][lang])}"))
    out.append(("search: very common word (en), second page",
                f"/{db}/claims?_search={e(p['very_common']['en'])}&_next={e(p['second_page']['search'])}"))
    out += [
        ("search JSON: common word (ar)", f"/{db}/claims.json?_search={e(p['common']['ar'])}"),
        ("article in context", f"/-/claims/article/{e(p['article'][0])}?claim={e(p['article'][1])}"),
        ("cluster page (largest)", f"/-/claims/cluster/{e(p['cluster'])}"),
        ("speaker page (busiest)", f"/-/claims/speaker/{e(p['speaker'][0])}"),
        ("speaker page (typical)", f"/-/claims/speaker/{e(p['speaker_typical'][0])}"),
        ("query speaker_claims", f"/{db}/speaker_claims?speaker={e(p['speaker'][1])}"),
        ("query largest_money_figures (all)", f"/{db}/largest_money_figures?unit="),
        ("query largest_money_figures (USD)", f"/{db}/largest_money_figures?unit=USD"),
        ("query figure_drift", f"/{db}/figure_drift"),
        ("query widely_carried", f"/{db}/widely_carried?min_outlets="),
        ("query anonymous_claims (all)", f"/{db}/anonymous_claims?outlet="),
        ("query anonymous_claims (outlet)", f"/{db}/anonymous_claims?outlet={e(p['outlet'])}"),
        ("query claims_by_source", f"/{db}/claims_by_source?source={e(p['source'][1])}"),
        ("query claims_per_week", f"/{db}/claims_per_week"),
        ("query search_claims (common, ar)", f"/{db}/search_claims?q={e(p['common']['ar'])}"),
        ("query search_claims (common, en)", f"/{db}/search_claims?q={e(p['common']['en'])}"),
    ]
    return out


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q * (len(s) - 1))))
    return s[k]


async def _measure(path: Path, runs: int, only: str | None = None) -> list[dict[str, Any]]:
    from datasette.app import Datasette

    ds = Datasette([str(path)])
    await ds.invoke_startup()
    db = path.stem
    out = []
    params = pick(path)
    for name, url in pages(db, params):
        if only and only not in name:
            continue
        t = time.perf_counter()
        first = await ds.client.get(url)
        first_ms = (time.perf_counter() - t) * 1000
        times = []
        status = first.status_code
        for _ in range(runs):
            t = time.perf_counter()
            r = await ds.client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            status = r.status_code
        out.append({"page": name, "url": url, "status": status, "runs": runs,
                    "median_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                    "first_ms": round(first_ms, 1),
                    "bytes": len(first.content)})
    return out, params


def run(results_dir: Path, n_claims: int, runs: int, seed: int = 1, progress: bool = False,
        only: str | None = None) -> dict[str, Any]:
    directory = results_dir / f"bench-datasette-{n_claims}-s{seed}-v{gendb.GEN_VERSION}"
    path, made = gendb.cached(directory, n_claims, seed, progress=progress)  # served as "claims"
    t0 = time.perf_counter()
    rows, params = asyncio.run(_measure(path, runs, only))
    return {"claims": n_claims, "database_bytes": path.stat().st_size, "generated": made,
            "target_ms": TARGET_MS, "pages": rows, "search_words": params["word_share"],
            "seconds": round(time.perf_counter() - t0, 1)}
