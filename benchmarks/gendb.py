"""A large claims database for the Datasette benchmark, made quickly with bulk inserts.

    python -m benchmarks.gendb --claims 1000000 [--out PATH]

The schema is the real one (:func:`claims.store.open_db`: every table, index, trigger, view and
migration); rows are shaped exactly like :mod:`claims.store` writes them, in both languages:
articles whose text holds their claims at the stored offsets, speakers (people in both scripts,
organisations, anonymous sources) and sources with Zipf-like popularity, outlets that carry
very different numbers of articles, dates over three years, figures inside claims, clusters
(most claims alone, some carried by several articles, a few with figure drift), speaker
identity columns, and the full-text index. Secondary indexes and the FTS index are built after
the rows are in (much faster than row by row). Deterministic for a seed; cached by path.

Words come from the sample articles of the repository (:mod:`benchmarks.corpus`); two marker
words, :data:`RARE_WORDS`, occur in about twenty claims each, for the rare-word searches.
"""
from __future__ import annotations

import argparse
import itertools
import random
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path

from benchmarks import corpus
import sqlite_utils

from claims import page_facets, store
from claims.model import figure_key, stable_id
from claims.normalize import normalize, search_form

GEN_VERSION = 6  # 3: precomputed search facets; 4: claims order index; 5: page facets (claims.page_facets); 6: planner stats
RARE_WORDS = {"en": "zanzibarite", "ar": "زنجبيليات"}
RARE_PER_LANG = 20
CLAIMS_PER_ARTICLE = 10
ANONYMOUS = {
    "en": ["a source close to the talks", "officials", "a government spokesperson", "sources familiar with the matter",
           "a senior diplomat", "analysts"],
    "ar": ["مصادر مطلعة", "مصدر حكومي", "مسؤولون", "مصدر دبلوماسي", "مصادر أمنية", "محللون"],
}
ORGS = {
    "en": ["the Ministry of {}", "the {} Council", "the {} Authority", "the {} Union"],
    "ar": ["وزارة {}", "مجلس {}", "هيئة {}", "اتحاد {}"],
}
ORG_TOPICS = {
    "en": ["Finance", "Health", "Environment", "Transport", "Energy", "Water", "Trade", "Labour", "Defence",
           "Education", "Housing", "Agriculture"],
    "ar": ["المالية", "الصحة", "البيئة", "النقل", "الطاقة", "المياه", "التجارة", "العمل", "الدفاع", "التعليم",
           "الإسكان", "الزراعة"],
}
SOURCE_KINDS = {
    "en": ["a statement", "a press conference", "an interview with {}", "the {} report", "a memo", "{} radio",
           "a post on X", "the {} newspaper", "a podcast", "parliament"],
    "ar": ["بيان", "مؤتمر صحفي", "مقابلة مع {}", "تقرير {}", "مذكرة داخلية", "إذاعة {}", "تغريدة", "صحيفة {}",
           "بودكاست", "مجلس النواب"],
}
CUES = {"en": ["said", "told", "added", "according to", "warned", "stated", "claimed"],
        "ar": ["قال", "وأضاف", "بحسب", "وفقا لـ", "أكد", "أشار إلى", "حذر"]}
ROLES = {"en": ["Minister", "Mayor", "spokesperson", "chief executive", "senator", None, None],
         "ar": ["الوزير", "رئيس البلدية", "المتحدث باسم الحكومة", "الرئيس التنفيذي", "النائب", None, None]}
FIGURES = {  # (text template, unit, kind, multiplier)
    "en": [("{} percent", "percent", "percent", 1), ("${} million", "USD", "money", 1e6), ("{} workers", "workers", "count", 1),
           ("{} years", "years", "duration", 1), ("{} homes", "homes", "count", 1)],
    "ar": [("{} في المئة", "percent", "percent", 1), ("{} مليون دولار", "USD", "money", 1e6), ("{} عاملا", "عامل", "count", 1),
           ("{} سنوات", "years", "duration", 1), ("{} مليار دينار", "JOD", "money", 1e9)],
}


def _zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


def vocabulary() -> dict[str, list[str]]:
    """Words of each language, most frequent first, that normalise to one search token each."""
    counts: dict[str, Counter] = {"ar": Counter(), "en": Counter()}
    for t in corpus.templates():
        for para in [t.title, *t.paragraphs]:
            for w in re.findall(r"[^\W\d_]+", para):
                if len(normalize(w).split()) == 1 and not w.isdigit():
                    counts[t.lang][w if t.lang == "ar" else w.lower()] += 1
    return {lang: [w for w, _ in c.most_common()] for lang, c in counts.items()}


def _names(lang: str, rng: random.Random) -> list[tuple[str, str, int]]:
    """Speaker names (name, kind, anonymous), most quoted first."""
    # given name, father's or middle name, family name: about 7,000 people per language
    people = list(dict.fromkeys(f"{g} {m} {s}" if k % 3 else f"{g} {s}" for g in corpus.GIVEN[lang]
                                for k, m in enumerate(corpus.GIVEN[lang]) for s in corpus.SURNAMES[lang] if m != g))
    rng.shuffle(people)
    orgs = [o.format(t) for o in ORGS[lang] for t in ORG_TOPICS[lang]]
    out = [(p, "person", 0) for p in people]
    # a few organisations and anonymous speakers are among the most quoted
    for k, o in enumerate(orgs):
        out.insert(min(len(out), 3 + 7 * k), (o, "organisation", 0))
    for k, a in enumerate(ANONYMOUS[lang]):
        out.insert(min(len(out), 2 + 5 * k), (a, "anonymous", 1))
    return out


def _sources(lang: str) -> list[str]:
    outlets = corpus.OUTLETS[lang]
    out = []
    for k in SOURCE_KINDS[lang]:
        if "{}" in k:
            out += [k.format(x) for x in outlets + ORG_TOPICS[lang]]
        else:
            out.append(k)
    return out


def _outlets(lang: str) -> list[str]:
    base = corpus.OUTLETS[lang]
    more = [f"{b} {n}" for n in range(2, 26) for b in base]  # regional editions: a long tail
    return base + more


def generate(path: Path, n_claims: int, seed: int = 1, progress: bool = False) -> dict:
    """Write a database of ``n_claims`` claims at ``path`` (replaced if present)."""
    t0 = time.perf_counter()
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = store.open_db(path)
    db.conn.close()
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = off")
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -262144")
    conn.execute("pragma foreign_keys = off")
    saved = conn.execute("select type, name, sql from sqlite_master where sql is not null and type in "
                         "('index', 'trigger') and tbl_name in ('claims', 'figures', 'articles', 'speakers', "
                         "'sources', 'clusters')").fetchall()
    for typ, name, _ in saved:
        conn.execute(f'drop {typ} "{name}"')

    rng = random.Random(seed)
    vocab = vocabulary()
    vocab_w = {lang: _zipf_weights(len(v), 1.0) for lang, v in vocab.items()}
    vocab_cum = {lang: list(itertools.accumulate(w)) for lang, w in vocab_w.items()}
    forms = {lang: {w: search_form(w) for w in v} for lang, v in vocab.items()}
    for lang in RARE_WORDS:
        forms[lang][RARE_WORDS[lang]] = search_form(RARE_WORDS[lang])
    speakers = {lang: _names(lang, rng) for lang in ("ar", "en")}
    spk_cum = {lang: list(itertools.accumulate(_zipf_weights(len(s), 0.95))) for lang, s in speakers.items()}
    sources = {lang: _sources(lang) for lang in ("ar", "en")}
    src_cum = {lang: list(itertools.accumulate(_zipf_weights(len(s), 1.0))) for lang, s in sources.items()}
    outlets = {lang: _outlets(lang) for lang in ("ar", "en")}
    out_cum = {lang: list(itertools.accumulate(_zipf_weights(len(o), 1.2))) for lang, o in outlets.items()}

    speaker_rows: dict[str, tuple] = {}
    source_rows: dict[str, tuple] = {}
    claim_cols = ["id", "article_id", "seq", "kind", "text", "start", "end", "speaker_id", "speaker",
                  "speaker_role", "speaker_mention", "anonymous", "source_id", "source", "cue", "cue_start",
                  "cue_end", "paragraph", "lang", "outlet", "published", "cluster_id", "cluster_score",
                  "n_figures", "search_text", "cluster_via", "match_hash", "person_id", "person"]
    article_cols = ["id", "title", "text", "body_start", "lang", "outlet", "url", "published", "author", "file",
                    "path", "format", "encoding", "n_claims", "n_figures", "extractor_version", "loaded_at"]
    figure_cols = ["id", "article_id", "claim_id", "text", "start", "end", "value", "value_max", "unit", "kind",
                   "qualifier", "key"]
    ins = {t: f'insert into {t} ({", ".join(chr(34) + c + chr(34) for c in cols)}) values ({", ".join("?" * len(cols))})'
           for t, cols in (("claims", claim_cols), ("articles", article_cols), ("figures", figure_cols))}
    rare_p = RARE_PER_LANG / max(1, n_claims / 2)
    loaded_at = "2025-06-01T00:00:00+00:00"
    # clusters: a share of claims repeat an earlier claim's words (carried by several outlets)
    recent: dict[str, list[tuple[str, str, list[str], str, str]]] = {"ar": [], "en": []}
    members: dict[str, list[tuple[str, str, str, str]]] = {}  # cluster id -> [(claim id, article, outlet, published)]
    canon: dict[str, tuple[str, str | None, str | None]] = {}  # cluster id -> (text, speaker, speaker_id)
    drift: set[str] = set()

    claims_batch: list[tuple] = []
    figs_batch: list[tuple] = []
    arts_batch: list[tuple] = []
    n = 0
    n_articles = 0
    n_figures = 0
    while n < n_claims:
        lang = "ar" if n_articles % 2 else "en"
        k = min(n_claims - n, max(1, int(rng.gauss(CLAIMS_PER_ARTICLE, 4))))
        outlet = rng.choices(outlets[lang], cum_weights=out_cum[lang])[0]
        published = f"{rng.choice((2023, 2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        aid = stable_id("bench-article", seed, n_articles)
        title = " ".join(rng.choices(vocab[lang], cum_weights=vocab_cum[lang], k=8))
        text_parts = [title, "\n\n"]
        pos = len(title) + 2
        body_start = pos
        art_figs = 0
        for seq in range(k):
            spk_name, spk_kind, anon = (None, None, 0) if rng.random() < 0.03 else \
                rng.choices(speakers[lang], cum_weights=spk_cum[lang])[0]
            src = rng.choices(sources[lang], cum_weights=src_cum[lang])[0] if rng.random() < 0.4 else None
            kind = "direct" if rng.random() < 0.45 else "indirect"
            cue = rng.choice(CUES[lang])
            role = rng.choice(ROLES[lang]) if spk_kind == "person" else None
            repeat = recent[lang] and rng.random() < 0.3
            fig = None
            if repeat:
                ctext, cluster_id, words, fig_t, spk_t = rng.choice(recent[lang])
                words = list(words)
                if spk_t is not None and rng.random() < 0.9:
                    spk_name, spk_kind, anon = spk_t
                if fig_t is not None and rng.random() < 0.1:
                    fig_t = (fig_t[0], fig_t[1], fig_t[2], fig_t[3], rng.randint(2, 99))  # drifting figure
                    drift.add(cluster_id)
                fig = fig_t
            else:
                words = rng.choices(vocab[lang], cum_weights=vocab_cum[lang], k=rng.randint(8, 30))
                if rng.random() < rare_p:
                    words.insert(rng.randrange(len(words)), RARE_WORDS[lang])
                if rng.random() < 0.35:
                    tpl, unit, fkind, mult = rng.choice(FIGURES[lang])
                    fig = (tpl, unit, fkind, mult, rng.randint(2, 99))
                cluster_id = None
            ctext = " ".join(words)
            sform = " ".join(forms[lang][w] for w in words)
            if fig is not None:
                ftext = fig[0].format(fig[4])
                ctext += " " + ftext
                sform += " " + search_form(ftext)
            lead = f"{spk_name or 'x'} {cue}: "
            cue_start = pos + len(spk_name or "x") + 1
            start = pos + len(lead) + (1 if kind == "direct" else 0)
            end = start + len(ctext)
            para = lead + (f'"{ctext}"' if kind == "direct" else ctext) + ".\n"
            text_parts.append(para)
            pos += len(para)
            cid = stable_id("claim", aid, start, end, kind)
            if cluster_id is None:
                cluster_id = cid
                recent[lang].append((ctext, cid, words, fig, (spk_name, spk_kind, anon) if spk_name else None))
                if len(recent[lang]) > 2000:
                    recent[lang].pop(rng.randrange(len(recent[lang])))
                canon[cid] = (ctext, spk_name, None)
            members.setdefault(cluster_id, []).append((cid, aid, outlet, published))
            spk_id = store.speaker_id(spk_name) if spk_name else None
            if spk_name and spk_id not in speaker_rows:
                speaker_rows[spk_id] = [spk_id, spk_name, normalize(spk_name), spk_kind, anon, 0, spk_id,
                                        "arabic" if lang == "ar" else "latin", None, None]
            if spk_name:
                speaker_rows[spk_id][5] += 1
                if canon[cluster_id][2] is None and canon[cluster_id][1] == spk_name:
                    canon[cluster_id] = (canon[cluster_id][0], spk_name, spk_id)
            src_id = store.source_id(src) if src else None
            if src and src_id not in source_rows:
                source_rows[src_id] = [src_id, src, normalize(src), None, 0]
            if src:
                source_rows[src_id][4] += 1
            nf = 0
            if fig is not None:
                fstart = end - len(fig[0].format(fig[4]))
                value = float(fig[4]) * fig[3]
                fid = stable_id("figure", aid, fstart, end)
                figs_batch.append((fid, aid, cid, ctext[fstart - start:], fstart, end, value, None, fig[1], fig[2],
                                   None, figure_key(fig[1], value)))
                nf = 1
                art_figs += 1
            score = 100.0 if cluster_id == cid else round(rng.uniform(86, 100), 1)
            claims_batch.append((cid, aid, seq, kind, ctext, start, end, spk_id, spk_name, role, spk_name, anon,
                                 src_id, src, cue, cue_start, cue_start + len(cue), seq, lang, outlet, published,
                                 cluster_id, score, nf, sform, None if cluster_id == cid else cluster_id,
                                 stable_id("form", ctext), spk_id, spk_name))
            if n % 9973 == 0:
                assert sform == search_form(ctext), (ctext, sform)
            n += 1
        text = "".join(text_parts)
        arts_batch.append((aid, title, text, body_start, lang, outlet, f"https://news.example.org/{aid}", published,
                           None, f"{aid}.txt", None, "txt", "utf-8", k, art_figs, "1", loaded_at))
        n_articles += 1
        n_figures += art_figs
        if len(claims_batch) >= 50000:
            _flush(conn, ins, claims_batch, arts_batch, figs_batch)
            if progress:
                print(f"  {n:,} claims ({time.perf_counter() - t0:.0f} s)", flush=True)
    _flush(conn, ins, claims_batch, arts_batch, figs_batch)
    conn.executemany("insert into speakers (id, name, norm, kind, anonymous, n_claims, canonical_speaker_id, script, "
                     "name_key, name_key2) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(speaker_rows.values()))
    conn.executemany("insert into sources (id, name, norm, kind, n_claims) values (?, ?, ?, ?, ?)",
                     list(source_rows.values()))
    cluster_rows = []
    for cl, mem in members.items():
        ctext, spk, spk_id = canon[cl]
        dates = [m[3] for m in mem]
        cluster_rows.append((cl, cl, ctext, spk, len(mem), len({m[1] for m in mem}), len({m[2] for m in mem}),
                             min(dates), max(dates), int(cl in drift), spk_id, None))
    conn.executemany("insert into clusters (id, canonical_claim_id, canonical_text, speaker, size, n_articles, "
                     "n_outlets, first_seen, last_seen, figure_drift, speaker_id, drift_detail) values "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cluster_rows)
    conn.commit()
    t_rows = time.perf_counter() - t0
    if progress:
        print(f"  rows in ({t_rows:.0f} s); indexes and full-text index…", flush=True)
    for typ, _, sql in saved:
        if typ == "index":
            conn.execute(sql)
    conn.execute("insert into claims_fts (claims_fts) values ('rebuild')")
    store.refresh_facet_counts(conn)  # its triggers were off during the bulk insert
    for typ, _, sql in saved:
        if typ == "trigger":
            conn.execute(sql)
    conn.commit()
    page_facets.refresh(sqlite_utils.Database(conn))  # as a load does at its end
    store.update_planner_stats(conn)
    conn.commit()
    conn.execute("insert or replace into meta (key, value) values ('bench_gen', ?)",
                 [f"v{GEN_VERSION} claims={n_claims} seed={seed}"])
    conn.commit()  # no ANALYZE: a database that claims load makes has no planner statistics either
    conn.execute("pragma journal_mode = wal")
    conn.close()
    return {"claims": n, "articles": n_articles, "figures": n_figures, "speakers": len(speaker_rows),
            "sources": len(source_rows), "clusters": len(cluster_rows), "seconds": round(time.perf_counter() - t0, 1),
            "bytes": path.stat().st_size}


def _flush(conn: sqlite3.Connection, ins: dict[str, str], claims: list, arts: list, figs: list) -> None:
    conn.executemany(ins["articles"], arts)
    conn.executemany(ins["claims"], claims)
    conn.executemany(ins["figures"], figs)
    claims.clear()
    arts.clear()
    figs.clear()


def cached(directory: Path, n_claims: int, seed: int = 1, progress: bool = False) -> tuple[Path, dict | None]:
    """``directory/claims.db`` with ``n_claims`` claims, generated when missing or stale (the
    second value is the generation summary, None when the cached file was used)."""
    path = Path(directory) / "claims.db"
    if path.exists():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = conn.execute("select value from meta where key = 'bench_gen'").fetchone()
            conn.close()
            if row and row[0] == f"v{GEN_VERSION} claims={n_claims} seed={seed}":
                return path, None
        except sqlite3.Error:
            pass
    return path, generate(path, n_claims, seed, progress=progress)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    out = a.out or Path(__file__).parent / "results" / f"bench-datasette-{a.claims}.db"
    print(generate(out, a.claims, a.seed, progress=True))


if __name__ == "__main__":
    main()
