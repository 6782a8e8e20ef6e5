"""Blocking keys: which claims are worth scoring against each other.

A claim's keys are winnowed fingerprints (Schleimer, Wilkerson & Aiken 2003) of its content
words: stop words and numbers are dropped, Arabic clitics and the article stripped, and each
pair of consecutive content words is hashed; in every window of ``WINDOW`` consecutive pair
hashes the smallest is a key. A key depends only on the words around it, so two claims that
share a run of ``WINDOW + 1`` content words share a key whatever else they hold — a truncated
quote, or a quote embedded in a longer claim, finds the full one. Claims are scored only
against claims sharing a key, never all pairs.
"""
from __future__ import annotations

import zlib

from claims.normalize import strip_clitics

WINDOW = 4

STOPWORDS_EN = frozenset("""
a an the and or but if then so than that this these those there here of in on at to for from by
with without about as into onto over under after before between through during against among
is are was were be been being am do does did done have has had having will would shall should
can could may might must it its it's he she they them their theirs his her hers him we us our
ours you your yours i me my mine who whom whose which what when where why how all any both each
few more most other some such only own same too very just also not no never nor said says say
told tell according added adding stated noted one 0 s t
""".split())
STOPWORDS_AR = frozenset("""
في من على الى عن مع هذا هذه ذلك تلك هو هي هم هن انا نحن انت انتم كان كانت يكون تكون كانوا قد
لقد ان انه انها او ام ثم حتى اذا اذ لو لا لم لن ليس ما ماذا متى اين كيف كل بعض غير بين عند
عندما الذي التي الذين اللذين اللتين مثل قال قالت يقول تقول اضاف اضافت اكد اكدت وقال وقالت
واضاف واكد وفق وفقا حسب بعد قبل خلال منذ لدى لكن بل اي ايضا فقط جدا كما لها له لهم به بها
""".split())
STOPWORDS = STOPWORDS_EN | STOPWORDS_AR


def content_words(form: str) -> list[str]:
    """The words of a match form that say something: no stop words, no numbers, Arabic
    proclitics and the article ال stripped (والحكومه -> حكومه)."""
    out: list[str] = []
    for w in form.split():
        if w in STOPWORDS or w.isdigit() or len(w) < 2:
            continue
        if "\u0600" <= w[0] <= "\u06ff":
            w = strip_clitics(w)
            if w.startswith("ال") and len(w) > 4:
                w = w[2:]
            if w in STOPWORDS:
                continue
        out.append(w)
    return out


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def winnow(hashes: list[int], *, window: int = WINDOW) -> set[int]:
    """The minimum of every ``window`` consecutive hashes (all of them for a shorter list)."""
    if len(hashes) <= window:
        return {min(hashes)} if hashes else set()
    return {min(hashes[i:i + window]) for i in range(len(hashes) - window + 1)}


def block_keys(form: str, *, window: int = WINDOW) -> list[str]:
    """Sorted blocking keys of a match form (see the module docstring). A claim with a single
    content word is keyed by that word; one with none by its whole form."""
    words = content_words(form)
    if len(words) >= 2:
        hashes = [_hash(words[i] + " " + words[i + 1]) for i in range(len(words) - 1)]
        return [f"{h:08x}" for h in sorted(winnow(hashes, window=window))]
    if words:
        return [f"w{_hash(words[0]):08x}"]
    return [f"f{_hash(form):08x}"] if form else []
