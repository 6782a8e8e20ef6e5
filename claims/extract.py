"""Extraction is a pure function: ``Article -> Extraction`` (claims and figures), no database.

The only state is the per-process cache of built pipelines (:func:`claims.nlp.pipeline.get`),
so the function is safe to run in worker processes and on a Dask cluster.
"""
from __future__ import annotations

from claims.model import Article, Claim, Extraction, Figure, LoadError, claim_id, figure_id
from claims.nlp import pipeline
from claims.nlp.pipeline import SUPPORTED_LANGS

EXTRACTOR_VERSION = "1"
# What the components add to the Doc for its users (sentence starts, spans), and extraction
# never reads: left unset, about 0.15 ms an article.
_DOC_EXTRAS_OFF = {lang: {"claims_segment": {"set_sent_starts": False, "spans": False},
                          "claims_figures": {"spans": False},
                          f"claims_attribution_{lang}": {"spans": False}} for lang in SUPPORTED_LANGS}


def detect(article: Article) -> str | None:
    """The article's language: as set on the article, else detected from its text."""
    if article.lang:
        return article.lang
    from claims.articles import detect_lang

    return detect_lang(article.body or article.text)


def extract(article: Article, *, lang: str | None = None, model: str | None = None) -> Extraction:
    """Claims and figures of one article. ``lang`` overrides the article's language; ``model``
    names an installed trained spaCy pipeline to build on. An article in a language we have no
    rules for gets no claims and a warning, never an exception."""
    lang = lang or detect(article)
    if lang not in SUPPORTED_LANGS:
        return Extraction(article, [], [], lang=lang,
                          warnings=[f"language {lang or 'unknown'!r} is not supported: stored without claims"])
    nlp = pipeline.get(lang, model)
    doc = nlp.make_doc(article.text)
    doc.user_data["claims_text"] = article.text  # see claims.nlp.components.doc_text
    doc._.body_start = article.body_start
    doc = nlp(doc, component_cfg=_DOC_EXTRAS_OFF[lang])
    claims: list[Claim] = list(doc._.claims or [])
    figures: list[Figure] = list(doc._.figures or [])
    finish(article.id, claims, figures)
    return Extraction(article, claims, figures, lang=lang)


def finish(article_id: str, claims: list[Claim], figures: list[Figure]) -> None:
    """Give claims and figures their deterministic ids, order them, and link every figure to
    the (smallest) claim whose text contains it."""
    claims.sort(key=lambda c: (c.start, c.end))
    figures.sort(key=lambda f: (f.start, f.end))
    for c in claims:
        c.article_id = article_id
        c.id = claim_id(article_id, c.start, c.end, c.kind)
        c.figures = []
    for f in figures:
        f.id = figure_id(article_id, f.start, f.end)
        holders = [c for c in claims if c.start <= f.start and f.end <= c.end]
        if holders:
            owner = min(holders, key=lambda c: c.end - c.start)
            f.claim_id = owner.id
            for c in holders:
                c.figures.append(f)
        else:
            f.claim_id = None


def extract_or_error(article: Article, lang: str | None = None, model: str | None = None) -> Extraction | LoadError:
    """:func:`extract`, with any failure turned into a :class:`LoadError` naming the article, so
    that one bad article never stops a load."""
    try:
        return extract(article, lang=lang, model=model)
    except Exception as e:  # noqa: BLE001 - reported with the article, never swallowed
        return LoadError(article.path or article.file or article.id,
                         f"extraction failed: {type(e).__name__}: {e}", stage="extract")
