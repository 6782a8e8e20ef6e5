"""Hand-made extractions for tests that must not depend on extraction rules."""
from __future__ import annotations

from pathlib import Path

from claims.extract import finish
from claims.model import Article, Claim, Extraction, Figure, stable_id

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

AR_TEXT = ("الوزير يعد بخفض الأسعار\n\n"
           "قال وزير المالية أحمد سالم إن \"الأسعار ستنخفض بنسبة 10% قبل نهاية العام\".\n"
           "وأضاف سالم أن الحكومة خصصت 100 مليون دولار لدعم الأسر.\n")
EN_TEXT = ("Minister promises lower prices\n\n"
           "\"Prices will fall by 10% before the end of the year,\" finance minister Ahmed Salem said.\n"
           "He told the BBC that the government had set aside $100 million for families.\n")


def span(text: str, sub: str, start: int = 0) -> tuple[int, int]:
    i = text.index(sub, start)
    return i, i + len(sub)


def make_extraction(text: str, lang: str, claims: list[dict], figures: list[tuple[str, float, str]],
                    *, outlet: str | None = None, published: str | None = None, file: str | None = None) -> Extraction:
    """An Extraction whose claims and figures are given as substrings of ``text``."""
    title = text.split("\n", 1)[0]
    art = Article(id=stable_id("article", text), text=text, title=title, body_start=len(title) + 2, lang=lang,
                  outlet=outlet, published=published, file=file or f"{lang}-{stable_id(text)[:6]}.txt")
    cl = []
    for c in claims:
        a, b = span(text, c["text"])
        cl.append(Claim(kind=c.get("kind", "indirect"), text=c["text"], start=a, end=b, speaker=c.get("speaker"),
                        speaker_role=c.get("role"), speaker_type=c.get("type", "person"), source=c.get("source"),
                        cue=c.get("cue")))
    figs = []
    for ftext, value, unit in figures:
        a, b = span(text, ftext)
        figs.append(Figure(text=ftext, start=a, end=b, value=value, unit=unit))
    finish(art.id, cl, figs)
    return Extraction(art, cl, figs, lang=lang)


def ar_extraction(**kw) -> Extraction:
    return make_extraction(AR_TEXT, "ar", [
        {"text": "الأسعار ستنخفض بنسبة 10% قبل نهاية العام", "kind": "direct", "speaker": "أحمد سالم",
         "role": "وزير المالية", "cue": "قال"},
        {"text": "الحكومة خصصت 100 مليون دولار لدعم الأسر", "speaker": "أحمد سالم", "cue": "وأضاف"},
    ], [("10%", 10, "percent"), ("100 مليون دولار", 1e8, "USD")], **kw)


def en_extraction(**kw) -> Extraction:
    return make_extraction(EN_TEXT, "en", [
        {"text": "Prices will fall by 10% before the end of the year", "kind": "direct", "speaker": "Ahmed Salem",
         "role": "finance minister", "cue": "said"},
        {"text": "the government had set aside $100 million for families", "speaker": "Ahmed Salem",
         "source": "BBC", "cue": "told"},
    ], [("10%", 10, "percent"), ("$100 million", 1e8, "USD")], **kw)
