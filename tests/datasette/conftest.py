"""A small claims database made by hand (Arabic, English, mixed, hostile HTML) and a Datasette
serving it. Offsets are computed from the texts, so nothing depends on extraction rules."""
from __future__ import annotations

from pathlib import Path

import pytest
from datasette.app import Datasette

from claims import store
from claims.model import Article, Claim, Extraction, Figure, claim_id, figure_id, stable_id

XSS_SCRIPT = "<script>alert('xss')</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'
XSS_LINK = "javascript:alert(document.cookie)"


def _at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    i = text.index(part, after)
    return i, i + len(part)


def make_extraction(aid: str, text: str, *, lang: str, outlet: str, published: str, title: str | None = None,
                    url: str | None = None, claims: list[dict] = (), narrative_figures: list[dict] = ()) -> Extraction:
    """An Extraction whose claims and figures are given by their text (offsets found in ``text``).

    A claim dict: text, kind, speaker, speaker_type, source, cue, figures (list of dicts with
    text, value, unit, kind)."""
    article = Article(id=aid, text=text, title=title or text.split("\n", 1)[0], lang=lang, outlet=outlet,
                      published=published, url=url, file=f"{aid}.txt")
    out_claims, out_figures = [], []
    for spec in claims:
        start, end = _at(text, spec["text"])
        cue_start = cue_end = None
        if spec.get("cue"):
            cue_start, cue_end = _at(text, spec["cue"])
        c = Claim(kind=spec.get("kind", "direct"), text=spec["text"], start=start, end=end,
                  speaker=spec.get("speaker"), speaker_type=spec.get("speaker_type", "person"),
                  speaker_mention=spec.get("mention"), speaker_role=spec.get("role"),
                  source=spec.get("source"), cue=spec.get("cue"), cue_start=cue_start, cue_end=cue_end,
                  paragraph=0, article_id=aid, id=claim_id(aid, start, end, spec.get("kind", "direct")))
        for fs in spec.get("figures", []):
            fstart, fend = _at(text, fs["text"], start)
            f = Figure(text=fs["text"], start=fstart, end=fend, value=fs["value"], unit=fs["unit"],
                       kind=fs.get("kind", "count"), claim_id=c.id, id=figure_id(aid, fstart, fend))
            c.figures.append(f)
            out_figures.append(f)
        out_claims.append(c)
    for fs in narrative_figures:
        fstart, fend = _at(text, fs["text"])
        out_figures.append(Figure(text=fs["text"], start=fstart, end=fend, value=fs["value"], unit=fs["unit"],
                                  kind=fs.get("kind", "count"), id=figure_id(aid, fstart, fend)))
    return Extraction(article=article, claims=out_claims, figures=sorted(out_figures, key=lambda f: f.start), lang=lang)


AR_TEXT = """وزير المالية يعد بخفض ضريبة الدخل

قال وزير المالية أحمد سالم يوم الثلاثاء إن "الحكومة ستخفض ضريبة الدخل بنسبة 2 في المئة العام المقبل".
وأضاف سالم أن "والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار".
وقال مصدر مطلع إن الخطة ستكلف الخزينة كثيرا.
ويبلغ عدد سكان المدينة 300 ألف نسمة."""

AR2_TEXT = """الحكومة تعد بدعم الأسر

أكد وزير المالية احمد سالم أن "الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار".
ونقلت وكالة الأنباء عن John Smith قوله إن "the plan is fair" للجميع.
وقال النائب إن احمد سالم لم يشرح مصدر التمويل."""

EN_TEXT = """Minister promises tax cut

Finance Minister Ahmed Salem said on Tuesday that "the government will cut income tax by 2 percent next year".
A senior official, speaking on condition of anonymity, said the plan would cost $4 billion.
"We will support working families," Salem told reporters, according to Reuters."""

XSS_TEXT = f"""Headline {XSS_SCRIPT}

The spokesman said "{XSS_IMG} is <b>bold</b> and {XSS_LINK}" in a statement.
Unrelated text with <a href="{XSS_LINK}">a link</a>."""


def extractions(hostile: bool = True) -> list[Extraction]:
    """The test corpus: two Arabic articles, one English and (``hostile``) one with hostile HTML."""
    exs = [
        make_extraction("ar-1", AR_TEXT, lang="ar", outlet="صحيفة المثال", published="2024-05-07",
                        url="https://example.org/ar/1", claims=[
            {"text": "الحكومة ستخفض ضريبة الدخل بنسبة 2 في المئة العام المقبل", "speaker": "أحمد سالم",
             "mention": "أحمد سالم", "role": "وزير المالية", "cue": "قال",
             "figures": [{"text": "2 في المئة", "value": 2, "unit": "percent", "kind": "percent"}]},
            {"text": "والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار", "speaker": "أحمد سالم", "mention": "سالم",
             "cue": "وأضاف",
             "figures": [{"text": "4 مليارات دولار", "value": 4e9, "unit": "USD", "kind": "money"}]},
            {"text": "الخطة ستكلف الخزينة كثيرا", "kind": "indirect", "speaker": "مصدر مطلع",
             "speaker_type": "anonymous", "mention": "مصدر مطلع", "cue": "وقال مصدر"},
        ], narrative_figures=[{"text": "300 ألف", "value": 300000, "unit": "people"}]),
        make_extraction("ar-2", AR2_TEXT, lang="ar", outlet="وكالة الأنباء", published="2024-05-09",
                        url=XSS_LINK, claims=[
            {"text": "الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار", "speaker": "أحمد سالم",
             "mention": "احمد سالم", "cue": "أكد",
             "figures": [{"text": "5 مليارات دولار", "value": 5e9, "unit": "USD", "kind": "money"}]},
            {"text": "the plan is fair", "speaker": "John Smith", "source": "وكالة الأنباء", "mention": "John Smith",
             "cue": "قوله"},
            {"text": "احمد سالم لم يشرح مصدر التمويل", "kind": "indirect", "speaker": "النائب", "mention": "النائب",
             "cue": "وقال النائب"},
        ]),
        make_extraction("en-1", EN_TEXT, lang="en", outlet="Sample News", published="2024-05-14",
                        url="https://example.com/en/1", claims=[
            {"text": "the government will cut income tax by 2 percent next year", "speaker": "Ahmed Salem",
             "mention": "Ahmed Salem", "role": "Finance Minister", "cue": "said",
             "figures": [{"text": "2 percent", "value": 2, "unit": "percent", "kind": "percent"}]},
            {"text": "the plan would cost $4 billion", "kind": "indirect", "speaker": "a senior official",
             "speaker_type": "anonymous", "mention": "A senior official",
             "figures": [{"text": "$4 billion", "value": 4e9, "unit": "USD", "kind": "money"}]},
            {"text": "We will support working families", "speaker": "Ahmed Salem", "mention": "Salem",
             "source": "Reuters", "cue": "told"},
        ]),
    ]
    if not hostile:
        return exs
    return exs + [
        make_extraction("xss-1", XSS_TEXT, lang="en", outlet=f"<i>Evil</i>{XSS_SCRIPT}", published="2024-05-20",
                        title=f"Headline {XSS_SCRIPT}", url=XSS_LINK, claims=[
            {"text": f"{XSS_IMG} is <b>bold</b> and {XSS_LINK}", "speaker": f"{XSS_SCRIPT}Spokes<b>man</b>",
             "source": XSS_IMG, "cue": "said"},
        ]),
    ]


def claim_ids_by_text(ex_list: list[Extraction]) -> dict[str, str]:
    return {c.text: c.id for ex in ex_list for c in ex.claims}


def build_db(path: Path, hostile: bool = True) -> dict[str, str]:
    """Write the test corpus to ``path`` with one cluster (the support claim in two Arabic
    articles, figures drifting from 4 to 5 billion). Returns claim ids by claim text."""
    db = store.open_db(path)
    exs = extractions(hostile)
    for ex in exs:
        store.save_extraction(db, ex, extractor_version="test")
    ids = claim_ids_by_text(exs)
    canonical = ids["والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار"]
    member = ids["الحكومة ستدعم الأسر العاملة بمبلغ 5 مليارات دولار"]
    cluster = stable_id("cluster", canonical)
    with db.conn:
        db["clusters"].insert({"id": cluster, "canonical_claim_id": canonical,
                               "canonical_text": "والحكومة ستدعم الأسر العاملة بمبلغ 4 مليارات دولار",
                               "speaker": "أحمد سالم", "size": 2, "n_articles": 2, "n_outlets": 2,
                               "first_seen": "2024-05-07", "last_seen": "2024-05-09", "figure_drift": 1})
        db.execute("update claims set cluster_id = ?, cluster_score = ? where id = ?", [cluster, 100.0, canonical])
        db.execute("update claims set cluster_id = ?, cluster_score = ? where id = ?", [cluster, 91.5, member])
    ids["cluster"] = cluster
    db.conn.close()
    return ids


@pytest.fixture(scope="session")
def claims_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Path of the test database (named claims.db) and its ids."""
    path = tmp_path_factory.mktemp("ds") / "claims.db"
    ids = build_db(path)
    return path, ids


@pytest.fixture
def ids(claims_db: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return claims_db[1]


@pytest.fixture
async def ds(claims_db: tuple[Path, dict[str, str]]) -> Datasette:
    """Datasette serving the test database with no metadata file and no flags: everything
    comes from the installed plugin."""
    datasette = Datasette([str(claims_db[0])])
    await datasette.invoke_startup()
    return datasette
