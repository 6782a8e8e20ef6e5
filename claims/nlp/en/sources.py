"""Sources: the channel, document, occasion or outlet through which a statement is known,
named as the article names it ("a statement", "a speech in Leeds", "Twitter", "BBC News",
"an interview with CNN", "a memo seen by WIRED").

:func:`phrase_source` reads prepositional adjuncts of an attribution ("said in a statement",
"In a speech in Leeds on Tuesday, X said", "wrote on Twitter"); trailing time expressions are
trimmed from the phrase. Outlets named as speaker or recipient are recognised by
:func:`is_outlet_label`.
"""
from __future__ import annotations

from dataclasses import dataclass

from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.tokens import TokenView

SOURCE_PREPS = frozenset({"in", "on", "at", "during", "via", "through", "to"})
NP_DETS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "this", "that", "a", "one"})
POST_PREPS = frozenset({"in", "with", "to", "at", "from", "on", "before", "by", "for", "of"})
POST_PARTICIPLES = frozenset({"seen", "obtained", "reviewed", "published", "released", "issued", "filed", "sent",
                              "posted", "broadcast", "aired", "given", "delivered", "made", "circulated"})


@dataclass
class Source:
    label: str
    kind: str  # document | event | channel | outlet
    start: int
    end: int


def phrase_source(tv: TokenView, lex: Lexicon, a: int, b: int, anchored: bool = True) -> Source | None:
    """The first "PREP [det] [mods] SOURCE-NOUN [post-modifier]" phrase in tokens [a, b).
    With ``anchored`` the preposition must be the first word of the range."""
    i = a
    while i < b and (tv.space[i] or tv.words[i] == ","):
        i += 1
    starts = [i] if anchored else [x for x in range(i, b) if tv.low[x] in SOURCE_PREPS]
    for p in starts:
        if p >= b or tv.low[p] not in SOURCE_PREPS or tv.quote[p] >= 0:
            continue
        src = _source_np(tv, lex, p + 1, b)
        if src is None and tv.low[p] in ("on", "to", "with"):
            src = _outlet_np(tv, lex, p + 1, b)
        if src is not None:
            return src
    return None


def _outlet_np(tv: TokenView, lex: Lexicon, a: int, b: int) -> Source | None:
    """"(speaking) on GMTV", "(said) on Fox News", "on BBC One's Question Time": a capitalised
    name right after the preposition that names an outlet or a TV/radio channel."""
    i = a
    while i < b and tv.space[i]:
        i += 1
    if i < b and tv.low[i] == "the":
        i += 1
    j = i
    while j < b and tv.quote[j] < 0 and (tv.cap[j] and not tv.punct[j] or tv.low[j] == "'s" and j > i):
        j += 1
    words = [tv.low[x] for x in range(i, j) if tv.low[x] != "'s"]
    if not words:
        return None
    first = tv.words[i]
    channel = len(words) == 1 and first.isupper() and len(first) >= 3 and first.endswith(("TV", "FM"))
    if channel or is_outlet_label(lex, words) or is_outlet_label(lex, words[:1]) and len(words) <= 4:
        return Source(tv.span_text(i, j), "outlet", i, j)
    return None


def _source_np(tv: TokenView, lex: Lexicon, a: int, b: int) -> Source | None:
    i = a
    while i < b and tv.space[i]:
        i += 1
    np_start = i
    if i < b and tv.low[i] in NP_DETS:
        i += 1
    mods = 0
    while i < b and (mods <= 3 or mods <= 7 and tv.cap[np_start + 1]):  # "the Black Caucus Foundation gala dinner"
        low = tv.low[i]
        if i + 2 < b and tv.words[i + 1] == "-" and tv.end[i] == tv.start[i + 1] and tv.end[i + 1] == tv.start[i + 2]:
            compound = f"{low}-{tv.low[i + 2]}"  # "e-mail", "op-ed", written solid over a hyphen
            if compound in lex.source_nouns:
                return _finish(tv, lex, np_start, i + 3, b, lex.source_nouns[compound])
        two = f"{low} {tv.low[i + 1]}" if i + 1 < b else ""
        if two in lex.source_nouns:
            return _finish(tv, lex, np_start, i + 2, b, lex.source_nouns[two])
        if low in lex.source_nouns and (tv.lowercase[i] or lex.source_nouns[low] == "channel"):
            nxt = i + 1
            if nxt < b and tv.low[nxt] in lex.source_nouns and tv.lowercase[nxt]:
                i += 1
                continue  # "a news conference": keep going to the last noun
            return _finish(tv, lex, np_start, i + 1, b, lex.source_nouns[low])
        if tv.punct[i] or tv.quote[i] >= 0 or (tv.lowercase[i] and low in lex.clause_words):
            return None
        mods += 1
        i += 1
    return None


def _finish(tv: TokenView, lex: Lexicon, a: int, head_end: int, b: int, kind: str) -> Source:
    """Extend the source NP over its post-modifier ("in London", "with CNN", "seen by WIRED"),
    stopping at punctuation, a clause word or a time expression."""
    e = head_end
    while e < b:
        low = tv.low[e]
        if tv.space[e]:
            e += 1
            continue
        if low in POST_PREPS or low in POST_PARTICIPLES:
            nxt = e + 1
            while nxt < b and tv.space[nxt]:
                nxt += 1
            if low in ("on", "to") and nxt < b and tv.qmark[nxt] and tv.quote[nxt] >= 0:
                q = tv.quotes[tv.quote[nxt]]  # 'an appearance on "Fox & Friends"': a programme's title
                if q.close_at is not None and q.close_at - q.open_at < 60:
                    e = min(b, tv.token_at(q.close_at) + 1)
                    continue
                break
            if nxt >= b or _is_time(tv, lex, nxt) or low in ("to", "for", "of") and not tv.cap[nxt]:
                break
            j = nxt
            if j < b and low in POST_PARTICIPLES and tv.low[j] == "by":
                j += 1
            if j < b and tv.low[j] in NP_DETS:
                j += 1
            k = j
            while k < b and tv.cap[k] and tv.quote[k] < 0:
                k += 1
            if k == j:
                break
            e = k
            continue
        break
    return Source(tv.span_text(a, e), kind, a, e)


def _is_time(tv: TokenView, lex: Lexicon, i: int) -> bool:
    low = tv.low[i]
    if low in lex.time_words:
        return True
    if low in ("the", "a", "an", "this", "last") and i + 1 < len(tv) and tv.low[i + 1] in lex.time_words:
        return True
    return low[:1].isdigit()


def is_outlet_label(lex: Lexicon, words: list[str]) -> bool:
    """Whether a name (its lower-case words) names a news outlet: a known outlet, or a
    capitalised name ending in an outlet word ("Kestrel News", "Time magazine")."""
    if not words:
        return False
    w = [x for x in words if x != "the"]
    full = " ".join(w)
    if len(w) == 1 and w[0] in lex.outlet_solo:
        return True  # "told The Post", "the Globe reported"
    if full in lex.outlet_names or (w and w[0] in lex.outlet_names and len(w) <= 3):
        return True
    if len(w) <= 4 and any(" ".join(w[:k]) in lex.outlet_names for k in range(2, len(w))):
        return True  # "Fox News Latino", "Sky News Arabia": an outlet's own edition
    return len(w) > 1 and w[-1] in lex.outlet_heads


def skip_time(tv: TokenView, lex: Lexicon, a: int, b: int) -> int:
    """The first token after a leading time adjunct ("on Saturday night", "last week",
    "Wednesday", "earlier this month") in [a, b), or ``a`` when there is none."""
    i = a
    while i < b and tv.space[i]:
        i += 1
    if i < b and tv.low[i] in ("earlier", "later", "recently", "yesterday", "today", "previously"):
        nxt = i + 1
        while nxt < b and tv.space[nxt]:
            nxt += 1
        if nxt < b and tv.low[nxt] in SOURCE_PREPS:
            return nxt  # "earlier in the hearing"
    k = i
    if k < b and tv.low[k] in ("on", "in", "last", "this", "earlier", "late", "early", "next"):
        k += 1
    j = k
    while j < b and not tv.punct[j] and (tv.low[j] in lex.time_words or tv.low[j] in ("the", "this", "last", "night",
                                                                                       "morning", "afternoon", "evening")):
        j += 1
    if j > k and any(tv.low[x] in lex.time_words for x in range(k, j)):
        return j
    return a


def object_source(tv: TokenView, lex: Lexicon, cue: int, lo: int) -> Source | None:
    """A document named as the object right before a participle cue ("issued a statement
    saying", "released a report showing")."""
    e = cue
    while e > lo and tv.space[e - 1]:
        e -= 1
    for a in range(e - 1, max(lo, e - 6) - 1, -1):
        if tv.low[a] in NP_DETS:
            src = _source_np(tv, lex, a, e)
            if src is not None and src.end == e and src.kind == "document":
                return src
            return None
        if tv.punct[a] or tv.quote[a] >= 0:
            return None
    return None
