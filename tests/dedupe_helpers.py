"""Hand-made articles for the deduplication tests: each article quotes claims by speakers."""
from __future__ import annotations

from claims.extract import finish
from claims.model import Article, Claim, Extraction, Figure, stable_id

# (claim text, speaker, [(figure text, value, unit, kind)])
Quote = tuple[str, str, list[tuple[str, float, str, str]]]


def article(quotes: list[Quote], *, outlet: str, published: str, lang: str = "en", extra: str = "") -> Extraction:
    """An Extraction whose claims are the given quotes, each in its own sentence."""
    body = "".join(f"{who} said: “{text}”.\n" for text, who, _ in quotes) + extra
    text = f"Title {stable_id(outlet, published, body)[:6]}\n\n{body}"
    art = Article(id=stable_id("article", text), text=text, title=text.split("\n", 1)[0],
                  body_start=text.index("\n\n") + 2, lang=lang, outlet=outlet, published=published)
    claims, figures, at = [], [], 0
    for quote, who, figs in quotes:
        start = text.index(quote, at)
        at = start + len(quote)
        claims.append(Claim(kind="direct", text=quote, start=start, end=at, speaker=who, speaker_type="person"))
        for ftext, value, unit, kind in figs:
            i = text.index(ftext, start)
            figures.append(Figure(text=ftext, start=i, end=i + len(ftext), value=value, unit=unit, kind=kind))
    finish(art.id, claims, figures)
    return Extraction(art, claims, figures, lang=lang)
