"""Hand-made extractions for tests that must not depend on extraction rules."""
from __future__ import annotations

import random
from pathlib import Path

from claims import store
from claims.extract import EXTRACTOR_VERSION, finish
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


FILLER = ["harbour", "budget", "tax", "river", "school", "bridge", "price", "plan", "mayor", "court", "rail",
          "farm", "fuel", "wage"]
SPEAKERS = ["Ahmed Salem", "Mary Jones", "Li Wei", "Sara Haddad", "Tom Price", None]
SOURCES = ["BBC", "a statement", "Reuters", None]
OUTLETS = ["Harbour Gazette", "The Daily Ledger", "Valley Times"]


def fill_many(db, articles: int = 40, seed: int = 7) -> None:
    """Store ``articles`` made-up English articles of 5 claims each: "council" in about half
    the claims, "water" in one in twelve, other words spread thin; speakers, sources, outlets
    and kinds drawn at random (deterministic for a seed), 28 publication dates."""
    rng = random.Random(seed)
    for a in range(articles):
        sentences, claims = [], []
        for k in range(5):
            # "council" in about half the claims, "water" in one in twelve
            words = rng.sample(FILLER, 4)
            if rng.random() < 0.5:
                words.append("council")
            if rng.random() < 0.08:
                words.append("water")
            rng.shuffle(words)
            text = f"claim {a} {k} " + " ".join(words)
            sentences.append(text + ".")
            claims.append({"text": text, "speaker": rng.choice(SPEAKERS), "source": rng.choice(SOURCES),
                           "kind": rng.choice(["direct", "indirect"])})
        body = f"Article {a}\n\n" + " ".join(sentences)
        ex = make_extraction(body, "en", claims, [], outlet=rng.choice(OUTLETS),
                             published=f"2024-03-{1 + a % 28:02d}")
        store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
