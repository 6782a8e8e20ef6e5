"""Blocking keys: which claims are worth scoring against each other.

A claim's tokens are its *content words*: stop words and numbers dropped, Arabic proclitics
and the article stripped. Its blocking keys are its ``K`` rarest tokens, by document frequency
over the distinct claim wordings (ties broken by the word itself), and two wordings are scored
only when they share a key — never all pairs.

Why the rarest: the order is the same for every claim, so when a key of a full quote survives
in a fragment of it (a truncated quote, a quote that a longer claim embeds), it is also among
the fragment's ``K`` rarest tokens, and the two share that key. A fragment that keeps a share
``p`` of the tokens finds the full quote with probability about ``1 - (1 - p)**K``. Rare tokens
(names, places, organisations) also make small blocks; a block that is still large is handled
by a sorted neighbourhood in :mod:`claims.dedupe`, never skipped.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from claims.normalize import strip_clitics

K = 6  # keys per wording
# A wording of more than LONG distinct content words (two sentences: a quote embedded in a
# longer claim) also gets the EDGE_K rarest of its first and of its last EDGE words: the
# embedded quote's own rare words may not be among the K rarest of the whole.
LONG = 12
EDGE = 10
EDGE_K = 3

STOPWORDS_EN = frozenset("""
a an the and or but if then so than that this these those there here of in on at to for from by
with without about as into onto over under after before between through during against among
is are was were be been being am do does did done have has had having will would shall should
can could may might must it its it's he she they them their theirs his her hers him we us our
ours you your yours i me my mine who whom whose which what when where why how all any both each
few more most other some such only own same too very just also not no never nor said says say
told tell according added adding stated noted one 0 s t
really now indeed certainly clearly still actually definitely already truly even again surely
""".split())
STOPWORDS_AR = frozenset("""
في من على الى عن مع هذا هذه ذلك تلك هو هي هم هن انا نحن انت انتم كان كانت يكون تكون كانوا قد
لقد ان انه انها او ام ثم حتى اذا اذ لو لا لم لن ليس ما ماذا متى اين كيف كل بعض غير بين عند
عندما الذي التي الذين اللذين اللتين مثل قال قالت يقول تقول اضاف اضافت اكد اكدت وقال وقالت
واضاف واكد وفق وفقا حسب بعد قبل خلال منذ لدى لكن بل اي ايضا فقط جدا كما لها له لهم به بها
فعلا حقا بالتاكيد الان بالفعل بوضوح قطعا حتما فعليا
""".split())
STOPWORDS = STOPWORDS_EN | STOPWORDS_AR


@lru_cache(maxsize=1 << 18)
def content_word(w: str) -> str | None:
    """The content word a word of a match form counts as, or None for a stop word, a number or
    a one-letter word (cached: vocabularies are Zipfian, most words repeat)."""
    if w in STOPWORDS or w.isdigit() or len(w) < 2:
        return None
    if "\u0600" <= w[0] <= "\u06ff":
        w = strip_clitics(w)
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        if w in STOPWORDS:
            return None
    return w


def content_words(form: str) -> list[str]:
    """The words of a match form that say something: no stop words, no numbers, Arabic
    proclitics and the article ال stripped (والحكومه -> حكومه)."""
    out = []
    for w in form.split():
        c = content_word(w)
        if c is not None:
            out.append(c)
    return out


def tokens(form: str) -> tuple[str, ...]:
    """The distinct content words of a match form, in order of first occurrence."""
    return tuple(dict.fromkeys(content_words(form)))


def rarest(toks: Iterable[str], df: Mapping[str, int] | None = None, *, k: int = K) -> list[str]:
    """The ``k`` rarest of ``toks`` (lowest ``df``, unknown words rarest; ties by the word)."""
    get = (df or {}).get
    return sorted(set(toks), key=lambda t: (get(t, 0), t))[:k]


def key_words(toks: Sequence[str], df: Mapping[str, int] | None = None) -> list[str]:
    """The blocking keys of a wording's distinct content words ``toks`` (in text order): its
    ``K`` rarest, and for a long one (more than ``LONG``) also the ``EDGE_K`` rarest of its
    first and of its last ``EDGE`` (sorted)."""
    keys = set(rarest(toks, df))
    if len(toks) > LONG:
        keys.update(rarest(toks[:EDGE], df, k=EDGE_K), rarest(toks[-EDGE:], df, k=EDGE_K))
    return sorted(keys)


def block_keys(form: str, df: Mapping[str, int] | None = None, *, k: int = K) -> list[str]:
    """Sorted blocking keys of a match form: its ``k`` rarest content words under ``df``
    (document frequencies; without them, the first ``k`` in alphabetical order). A form without
    content words has no keys: only identical wordings match it."""
    return key_words(tokens(form), df) if k == K else sorted(rarest(tokens(form), df, k=k))
