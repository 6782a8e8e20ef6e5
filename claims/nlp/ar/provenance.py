"""Which source a claim carries: a source named in the cue's words or the sentence, the
outlet that published a subject document, a document a person sent earlier in the article,
or the source of the claim it continues (venues hold for the rest of the article, events for the
same speaker's next claims)."""
from __future__ import annotations

import bisect
from functools import lru_cache

from claims.nlp.ar.lex import lexicon, match_phrase
from claims.nlp.ar.names import clean, name_like, Speaker
from claims.nlp.ar.sources import news_phrase, noun_of, outlet_after, Source
from claims.nlp.ar.state import (
    first_doc,
    Frame,
    head_of,
    OWN_DOCS,
    PUBLISH,
    PUBLISHED_IN,
    SEND_VERBS,
    sources_in,
    split_of,
    State,
)
from claims.nlp.ar.subjects import subject_end
from claims.nlp.ar.words import COMMAS
from claims.normalize import normalize, normalized


def frame_source(d: State, f: Frame, speaker: Speaker | None, prev: Frame | None, lo: int) -> str | None:
    """The source of the claim of frame ``f``; ``prev`` is the sentence's previous frame."""
    if f.nominal_np:
        # بحسب X: X is the source when it is a document or an outlet (not a person or a body)
        doc = next((s for s in f.sources if s.kind in ("document", "outlet", "channel")), None)
        return _resolve_source(d, doc, speaker) if doc is not None else None
    if prev is not None and prev.nominal_np and prev.cue.nominal == "according" and f.cue.kind != "nominal" \
            and prev.content_word is not None and prev.content_word <= f.cue.i <= prev.content_word + 1:
        # "وحسب وكالة الأناضول، …، قال فلان إن …": the outlet the next speaker's words come through
        doc = next((x for x in prev.sources if x.kind in ("outlet", "document", "channel")), None)
        if doc is not None:
            return _resolve_source(d, doc, speaker)
    if f.subject and head_of(d, *f.subject)[0] == "document":
        return _document_subject_source(d, f, speaker)
    if f.sources:
        return _resolve_source(d, _best(f.sources), speaker)
    found = _opening_source(d, f, lo) or _before_cue_source(d, f, lo, speaker)
    if found is not None:
        return _resolve_source(d, found, speaker)
    outlet = _outlet_subject(d, f, speaker)
    if outlet:
        return outlet
    if speaker is not None and _named_outlet(speaker.name):
        return speaker.name  # رويترز, بي بي سي speak for themselves
    return _inherited_source(d, f, speaker, prev, lo)


def _best(srcs: list[Source]) -> Source:
    """Outlets, documents, events and venues before channels; a platform before its channel
    noun (حسابه على تويتر keeps the phrase, عبر Slack the platform)."""
    if any(s.kind == "platform" for s in srcs):
        return next(s for s in srcs if s.kind in ("platform", "channel"))
    return next((s for s in srcs if s.kind in ("outlet", "document", "event", "venue")), srcs[0])


def _document_subject_source(d: State, f: Frame, speaker: Speaker | None) -> str | None:
    """A document speaks (أظهر استطلاع أجراه X ونشرته صحيفة Y): the outlet that published it,
    else the document itself when its author is the speaker."""
    a, b = f.subject
    for m in range(a, b - 1):
        if d.ws[m].norm in PUBLISH:
            o = outlet_after(d.text, d.ws, m + 1, b)
            if o is not None:
                return o.text
        if d.ws[m].norm in PUBLISHED_IN and m + 2 < b and d.ws[m + 1].norm == "في":
            o = outlet_after(d.text, d.ws, m + 2, b)
            if o is not None:
                return o.text
    if speaker is not None and speaker.type != "document":
        return clean(d.text[d.ws[a].start:d.ws[b - 1].end])
    return None


def _before_cue_source(d: State, f: Frame, lo: int, speaker: Speaker | None = None) -> Source | None:
    """A source named earlier in the sentence, after any reported content (ردا على مدونته،
    وقال …); documents only when they refer back (the document itself is usually content).
    Not when another person named there is its author (ردا على تدوينة نشرها الوزير فلان على
    فيس بوك، قال …: the platform is the minister's, not the speaker's)."""
    start = lo
    for c in d.claims[-3:]:
        if d.ws[lo].start <= c.end <= d.ws[f.cue.i].start:
            start = max(start, bisect.bisect_left(d.starts, c.end))
    found = [s for s in sources_in(d, start, f.cue.i) if s.kind != "document" or s.anaphoric]
    if found and _other_person(d, start, f.cue.i, speaker):
        return None
    return found[-1] if found else None


def _other_person(d: State, a: int, b: int, speaker: Speaker | None) -> bool:
    """``ws[a:b]`` names a person (two or more name words, or one the article knows) who is not
    the speaker."""
    ws = d.ws
    own = set(normalized(speaker.name).split()) if speaker is not None else set()
    k = a
    while k < b:
        e = k
        while e < b and (name_like(ws[e]) or ws[e].hashtag):
            e += 1
        if e > k:
            mention = clean(d.text[ws[k].start:ws[e - 1].end])
            p = d.registry.resolve(mention)
            if (p is not None and p.type == "person" or e - k >= 2) and not set(normalized(mention).split()) & own:
                return True
            k = e
        k += 1
    return False


def _outlet_subject(d: State, f: Frame, speaker: Speaker | None) -> str | None:
    """The subject is a named outlet (أفادت صحيفة "الأفق اليومي"): it is its own source."""
    if not f.subject or speaker is None or speaker.type != "organisation":
        return None
    noun, _ = noun_of(d.ws[f.subject[0]].norm)
    if noun and lexicon().source_nouns[noun] == "outlet" and f.subject[1] - f.subject[0] > 1 \
            and news_phrase(d.ws, f.subject[0], f.subject[1]):
        return d.text[d.ws[f.subject[0]].start:d.ws[f.subject[1] - 1].end]
    return None


@lru_cache(maxsize=65536)
def _named_outlet(name: str) -> bool:
    """The whole name is an outlet of ``outlets.txt``."""
    toks = normalized(name).split()
    return bool(toks) and match_phrase(lexicon().outlets, toks, 0, 4) == len(toks)


def _inherited_source(d: State, f: Frame, speaker: Speaker | None, prev: Frame | None, lo: int) -> str | None:
    """A source carried over: a venue for the rest of the article, an event for the same
    speaker's next claims, the document of "قال فيها", the source of a continued claim, or the
    memo a person sent."""
    last = d.last
    same = speaker is not None and last is not None and last.speaker == speaker.name
    if last is not None and last.source:
        kind = d.source_kind.get(last.source)
        if kind == "venue" or (kind == "event" and same):
            return last.source
    if any(w.norm in ("فيها", "فيه") for w in d.ws[f.cue.j:f.content_word]):
        before = sources_in(d, lo, f.cue.i, need_prep=False)
        if before:
            return _resolve_source(d, before[0], speaker)
    if same and (f.subject is None or prev is not None):
        return last.source
    if same and d.source_kind.get(last.source) in ("outlet", "event") and d.paragraph - d.last_paragraph <= 1:
        return last.source  # the same speaker goes on in the same interview or speech
    if speaker is not None and normalized(speaker.name) in d.speaker_event:
        return _resolve_source(d, d.speaker_event[normalized(speaker.name)], speaker)
    if speaker is not None and normalized(speaker.name) in d.speaker_doc:
        return _resolve_source(d, d.speaker_doc[normalized(speaker.name)], speaker, associated=True)
    return None


def _opening_source(d: State, f: Frame, lo: int) -> Source | None:
    """A source phrase opening the sentence (وفي تيليغرام، كتب …)."""
    ws = d.ws
    if lo >= f.cue.i or ws[lo].norm not in ("وفي", "في", "عبر", "وعبر", "خلال", "وخلال"):
        return None
    e = lo
    while e < f.cue.i and ws[e].text not in COMMAS:
        e += 1
    if e >= f.cue.i:
        return None
    found = sources_in(d, lo, e, need_prep=False)
    return found[0] if found else None


def _resolve_source(d: State, s: Source, speaker: Speaker | None, associated: bool = False) -> str:
    """A source as the claim should carry it: an anaphoric document (المذكرة, مذكرته) becomes
    the outlet that saw it or its first naming; others stay as written."""
    d.source_kind.setdefault(s.text, s.kind)
    if s.kind == "document" and s.noun:
        outlet = d.doc_outlet.get(s.noun)
        if s.anaphoric or _names_speaker(s, speaker) or associated:
            if outlet is not None:
                return outlet.text
            first = first_doc(d, s.noun)
            if first is not None and s.anaphoric:
                return first.text
        if speaker is not None and speaker.type == "person" and s.noun in OWN_DOCS and not s.anaphoric:
            d.speaker_doc.setdefault(normalized(speaker.name), s)
    return s.text


def _names_speaker(s: Source, speaker: Speaker | None) -> bool:
    """The source names the speaker (مذكرة نصار for Nassar)."""
    if speaker is None or speaker.type != "person":
        return False
    toks = set(normalized(speaker.name).split())
    return bool(toks & set(normalized(s.text).split()[1:]))


def narrative(d: State, lo: int, hi: int) -> None:
    """A sentence without claims: note a document a named person sends or writes (وبعث سامي
    نصار … مذكرة …), which becomes the source of that person's later claims."""
    ws = d.ws
    if ws[lo].bare not in SEND_VERBS:
        return
    docs = [s for s in sources_in(d, lo, hi, need_prep=False)
            if s.kind == "document" and not s.anaphoric and s.noun in OWN_DOCS]
    if not docs:
        return
    k = lo + 1
    e = subject_end(d, k, hi)
    if e <= k:
        return
    sp = split_of(d, k, e)
    if sp.name is None:
        return
    na, nb = sp.name
    p = d.registry.resolve(clean(d.text[ws[k + na].start:ws[k + nb - 1].end]))
    if p is not None and ws[k + nb - 1].end <= docs[0].start:
        d.speaker_doc.setdefault(normalized(p.name), docs[0])


EVENT_KINDS = ("event", "outlet", "document", "venue", "channel", "platform")
THAT = frozenset(normalize(w) for w in "ذلك هذا هذه تصريحاته تصريحاتها التصريحات كلامه كلامها".split())


def came_in(d: State, lo: int, hi: int) -> None:
    """"جاء ذلك في كلمة/بيان/مؤتمر صحفي …": the source of the claims just made (those of the
    last speaker in this or the previous paragraph that have none) and of that speaker's
    next ones."""
    ws = d.ws
    if hi - lo < 3 or ws[lo].bare not in ("جاء", "جاءت") or ws[lo + 1].norm not in THAT or not d.claims:
        return
    src = next((s for s in sources_in(d, lo + 2, hi, need_prep=False) if s.kind in EVENT_KINDS), None)
    if src is None:
        return
    d.source_kind.setdefault(src.text, src.kind)
    speaker = d.claims[-1].speaker
    for c in reversed(d.claims):
        if (c.paragraph or 0) < d.paragraph - 1 or c.speaker != speaker:
            break
        if c.source is None:
            c.source = src.text
    if speaker:
        d.speaker_event.setdefault(normalized(speaker), src)


def opens_with_adjunct(d: State, lo: int) -> bool:
    """The sentence opens with في/خلال (an interview, a speech …) before its verb."""
    return d.ws[lo].norm in ("في", "وفي", "خلال", "وخلال")


def opening_event(d: State, lo: int, hi: int, subject: Speaker | None) -> None:
    """"وفي مقابلة مع إذاعة …، انتقد الوزير …": the interview or speech that opens a sentence is
    the source of what its subject (a person) says next."""
    ws = d.ws
    if subject is None or subject.type != "person":
        return
    e = lo
    while e < hi and e - lo < 15 and ws[e].text not in COMMAS:
        e += 1
    if e >= hi:
        return
    src = next((s for s in sources_in(d, lo, e, need_prep=False) if s.kind in ("event", "outlet")), None)
    if src is not None:
        d.source_kind.setdefault(src.text, src.kind)
        d.speaker_event[normalized(subject.name)] = src


def recent_doc_noun(d: State, k: int) -> str | None:
    """The document noun mentioned last before word ``k`` (for "اطلعت عليها X")."""
    for j in range(k - 1, max(-1, k - 30), -1):
        noun, _ = noun_of(d.ws[j].norm)
        if noun and lexicon().source_nouns[noun] == "document":
            return noun
    return None
