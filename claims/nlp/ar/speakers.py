"""Speakers of frames: from the subject words (name, role, type), or — when the cue has no
subject — the sentence's subject, the previous speaker that agrees with the cue in gender and
number, or the group named before a plural verb."""
from __future__ import annotations

import bisect

from claims.model import Claim
from claims.nlp.ar.cues import Cue, is_complementizer
from claims.nlp.ar.lex import lexicon, match_phrase
from claims.nlp.ar.names import (
    clean,
    feminine_title,
    head_type,
    is_latin,
    name_like,
    PRONOUN_REFS,
    short_surname,
    Speaker,
    split_role_name,
)
from claims.nlp.ar.state import (
    AUTHOR_VERBS,
    CONNECTIVES,
    copy_speaker,
    Frame,
    head_of,
    KANA,
    looks_verb,
    name_like_known,
    NUMBERS,
    numbers_only,
    PUBLISH,
    SAME,
    split_of,
    State,
    verb_table,
)
from claims.nlp.ar.subjects import apposed_name, apposition_role, descr_end, subject_end
from claims.nlp.ar.words import COMMAS, forms as _forms, QUOTE_CHARS, strip_article, Word
from claims.normalize import normalize, strip_diacritics


def speaker_of(c: Claim) -> Speaker:
    """The speaker a claim already carries."""
    return Speaker(c.speaker or "", c.speaker_mention or "", c.speaker_role, c.speaker_type or "person")


def set_speaker(c: Claim, s: Speaker | None) -> None:
    """Copy a speaker onto a claim."""
    if s is None:
        return
    c.speaker = s.name or None
    c.speaker_mention = s.mention or None
    c.speaker_role = s.role
    c.speaker_type = s.type


def remember(d: State, s: Speaker, cue: Cue) -> None:
    """Note a speaker for later continuations; a feminine cue tells its gender."""
    if cue.kind in ("verb", "participle") and cue.number == "s" and cue.gender == "f" and s.gender is None:
        s.gender = "f"
        p = d.registry.resolve(s.name)
        if p is not None and s.type == "person":
            p.gender = "f"
    if s.gender is None:
        s.gender = "m" if cue.gender == "m" and cue.number == "s" and cue.kind != "nominal" else None
    d.recent.append(s)


def _speaker_from_words(d: State, a: int, b: int, cue: Cue | None, role: str | None = None,
                        start_char: int | None = None) -> Speaker | None:
    """A speaker from the subject words ``ws[a:b]``: name and role, or a typed description.
    ``start_char`` cuts a preposition written solid on the first word (وفقا لمصادر)."""
    ws = d.ws[a:b]
    while ws and ws[-1].is_punct and ws[-1].text not in QUOTE_CHARS:
        ws = ws[:-1]
    if not ws:
        return None
    b = a + len(ws)
    own = True  # ws are the article's words a..b (so their split and head are memoised)
    if numbers_only(ws):
        return None
    first = ws[0]
    if start_char is not None and first.start < start_char < first.end:
        head = d.text[start_char:first.end]
        if first.norm.startswith("لل"):
            head = "ال" + d.text[first.start + 2:first.end]
        mention = clean(head + d.text[first.end:ws[-1].end])
        ws = [Word(head, start_char, first.end, *_forms(head))] + ws[1:]
        own = False
    else:
        mention = clean(d.text[ws[0].start:ws[-1].end])
    if len(ws) == 1 and ws[0].norm in lexicon().short_surnames:
        p = d.registry.surname(ws[0].norm)  # "ما" for جاك ما named before
        if p is not None:
            return Speaker(p.name, mention, p.role, "person", p.gender, "s")
    if len(ws) <= 3 and all(name_like(w) or w.hashtag or w.definite or short_surname(ws, m)
                            for m, w in enumerate(ws)):
        p = d.registry.resolve(mention)  # a known person: Nassar (Latin), العلي (a surname with ال)
        if p is not None and p.type == "person":
            return Speaker(p.name, mention, p.role, "person", p.gender, "s")
    typ, number = head_of(d, a, b) if own else head_type(ws)
    if typ is None and ws[0].definite and strip_article(ws[0].norm) in lexicon().epithets \
            and (split_of(d, a, b) if own else split_role_name(ws)).name is None:
        back = _epithet_antecedent(d, ws)  # "الموظف السابق في الشركة": the one who spoke last
        if back is not None:
            return back
    if typ in ("anonymous", "group"):
        if ws[0].norm in PRONOUN_REFS and len(ws) == 1:
            # "كتب أحدهم": one of the group named last; the group goes into the role
            group = next((g for g in reversed(d.recent[-8:]) if g.number == "p"), None)
            role = f"أحد {group.name}" if group is not None else None
            return Speaker(mention, mention, role, "anonymous", None, "s")
        return Speaker(d.registry.body(mention, typ), mention, None, typ, None, number)
    if typ == "document":
        for m, w in enumerate(ws[1:], 1):
            if w.norm in AUTHOR_VERBS and m + 1 < len(ws):
                e = m + 1
                while e < len(ws) and not (ws[e].norm.startswith("و") and ws[e].bare in AUTHOR_VERBS
                                           or ws[e].norm in PUBLISH):
                    e += 1
                a2 = d.starts.index(ws[m + 1].start) if ws[m + 1].start in d.starts else None
                if a2 is not None:
                    author = _speaker_from_words(d, a2, a2 + (e - m - 1), cue)
                    if author is not None:
                        return author
            if w.norm in ("صادر", "صادره") and m + 2 < len(ws) and ws[m + 1].norm == "عن":
                a2 = d.starts.index(ws[m + 2].start) if ws[m + 2].start in d.starts else None
                if a2 is not None:
                    author = _speaker_from_words(d, a2, a2 + len(ws) - m - 2, cue)
                    if author is not None:
                        return author
    if typ == "organisation" and role and all(is_latin(w) for w in ws) and 2 <= len(ws) <= 4 \
            and lexicon().is_title(normalize(role.split()[0])):
        typ = None  # "Tom Lind، الرئيس التنفيذي …": a person written in Latin script
    if typ == "document" or (typ == "organisation" and not any(lexicon().is_title(w.norm) for w in ws)):
        return Speaker(d.registry.body(mention, typ), mention, role, typ, _head_gender(ws), "s")
    sp = split_of(d, a, b) if own else split_role_name(ws)
    if sp.name is not None:
        na, nb = sp.name
        name = clean(d.text[ws[na].start:ws[nb - 1].end])
        r = clean(d.text[ws[sp.role[0]].start:ws[sp.role[1] - 1].end]) if sp.role and sp.role[1] > sp.role[0] else None
        r = r or role
        fem = feminine_title(ws[sp.role[0]:sp.role[1]]) if sp.role else False
        p = d.registry.resolve(name)
        if p is None and (nb - na > 1 or ws[na].hashtag or is_latin(ws[na]) or r):
            p = d.registry.add(name, r, "f" if fem else None)
        if p is None:
            return Speaker(name, mention, r, "person", "f" if fem else None, "s")
        elif r and not p.role:
            p.role = r
        return Speaker(p.name, mention, p.role or r, p.type, p.gender or ("f" if fem else None), "s")
    if len(ws) == 2 and strip_article(ws[0].norm) in ("مصدر", "مصادر") and ws[1].norm in SAME and d.last is not None:
        # "المصدر ذاته/نفسه": the source (or speaker) of the previous claim
        if d.last.source:
            return Speaker(d.last.source, mention, None, "organisation")
        if d.last.speaker:
            return Speaker(d.last.speaker, mention, d.last.speaker_role, d.last.speaker_type or "person")
    if typ is None and ws[0].definite and strip_article(ws[0].norm) in lexicon().anonymous and len(ws) <= 3:
        # "المصدر (المسؤول)": the unnamed source described in full before (مصدر مسؤول في …)
        full = d.registry.earlier_body(strip_article(ws[0].norm))
        if full is not None:
            return Speaker(full, mention, None, "anonymous", None, "s")
    if sp.role is not None and typ is None:
        # a title alone: الوزير, الوزيرة الفرنسية -> the person given that role before
        here = ws[0].start
        p = d.registry.by_role(mention, here) or d.registry.by_role(ws[0].text, here)
        if p is not None:
            return Speaker(p.name, mention, p.role, p.type, p.gender or ("f" if feminine_title(ws) else None), "s")
        back = _epithet_antecedent(d, ws)
        if back is not None:
            return back
        if 2 <= len(ws) <= 3:
            p = d.registry.resolve(mention)  # "قايد السبسي": a name that reads as title + genitive
            if p is not None and p.type == "person" and len(p.tokens) > len(ws):
                return Speaker(p.name, mention, p.role, p.type, p.gender, "s")
        full = d.registry.body(mention, "role")  # an unnamed role said in full before
        return Speaker(full, mention, role, "person", "f" if feminine_title(ws) else None, "s")
    if typ is None and all(name_like(w) or w.text in QUOTE_CHARS for w in ws):
        p = d.registry.resolve(mention)
        if p is not None:
            return Speaker(p.name, mention, p.role, p.type, p.gender, "s")
    return Speaker(mention, mention, role, typ or "organisation", None, "s")


FORMER = frozenset(normalize(w) for w in "السابق السابقة الأسبق".split())


def _epithet_antecedent(d: State, ws: list[Word]) -> Speaker | None:
    """"وكشف الموظف السابق في الشركة أن …": a definite description headed by an epithet noun
    (epithets.txt) or a title with السابق refers to the person who spoke last, when that
    person is named and agrees in gender."""
    head = ws[0]
    if not head.definite or head.conj:
        return None
    lex = lexicon()
    base = strip_article(head.norm)
    if base not in lex.epithets and not (lex.is_title(head.norm) and any(w.norm in FORMER for w in ws[1:3])):
        return None
    fem = feminine_title(ws[:1]) or strip_diacritics(head.text).endswith("ة")
    for s in reversed(d.recent[-3:]):
        if s.type == "person" and len(s.name.split()) >= 2 and s.number == "s" and (s.gender == "f") == fem:
            return copy_speaker(s)
    return None


def _head_gender(ws: list[Word]) -> str | None:
    """"f" when the head noun of a body or document is written with ta marbuta (دراسة,
    قائمة, الوزارة): a masculine verb without a subject cannot continue it."""
    head = next((w for w in ws if not w.is_punct), None)
    if head is None or is_latin(head) or head.text[:1] in QUOTE_CHARS:
        return None
    return "f" if strip_diacritics(head.text).endswith("ة") else None


def _agrees(s: Speaker, cue: Cue) -> bool:
    """Can a cue with this agreement continue this speaker?"""
    if cue.kind == "nominal" or cue.number is None:
        return True
    if cue.number == "p":
        return s.number == "p"
    if s.number == "p":
        return False
    if cue.gender == "f":
        return s.gender == "f" or (s.gender is None and s.type in ("organisation",))
    return s.gender != "f"


def frame_speaker(d: State, f: Frame, prev: Frame | None, sentence_subject, lo: int) -> Speaker | None:
    """The speaker of a frame: its subject, else its sentence's subject, else the last agreeing speaker."""
    if f.subject:
        s = _speaker_from_words(d, f.subject[0], f.subject[1], f.cue, f.role)
        if s is not None:
            return s
    if f.nominal_np:
        return nominal_speaker(d, f)
    # no subject of its own: a participle or coordinated verb continues its sentence's speaker
    if sentence_subject is not None:
        s = sentence_subject[0]
        if f.cue.kind == "participle" or _agrees(s, f.cue):
            return copy_speaker(s)
    s = _sentence_mention(d, f.cue, lo)
    if s is not None:
        return s
    ns = d.narrative_subject
    if ns is not None and ns[1] == d.sentence_no - 1 and _agrees(ns[0], f.cue) and (
            f.cue.i - lo <= 1 or _verb_and_object_before(d, lo, f.cue.i)):
        # "وذكر الرئيس فلان … . وقال "…"", "… . وأصدر بيانا قال فيه "…"": the previous sentence's subject
        return copy_speaker(ns[0])
    for s in reversed(d.recent[-8:]):
        if _agrees(s, f.cue):
            return copy_speaker(s)
    return None


def _verb_and_object_before(d: State, lo: int, i: int) -> bool:
    """The words before the cue at ``i`` are a sentence-opening verb and a one-word indefinite
    object (وأصدر بيانا قال فيه …): no subject of their own."""
    ws = d.ws
    return i - lo == 2 and looks_verb(ws[lo]) and not ws[lo + 1].definite and not ws[lo + 1].is_punct \
        and not name_like_known(d, ws[lo + 1]) and not lexicon().is_title(ws[lo + 1].norm)


def _sentence_mention(d: State, cue: Cue, lo: int) -> Speaker | None:
    """The subject of the sentence's main verb when the cue has none (وبعث سامي نصار …،
    متعهدًا بـ …): the first chunk after a sentence-initial verb, when it names someone."""
    ws = d.ws
    if cue.i - lo < 2:
        return None
    k = lo
    while k < cue.i and (ws[k].norm in CONNECTIVES or ws[k].norm in ("و", "ولكن") or is_complementizer(ws, k)
                         or ws[k].norm in ("غير", "الا")):
        k += 1
    if k < cue.i and ws[k].norm in ("في", "وفي", "خلال", "وخلال", "بعد", "وبعد", "عقب", "وعقب"):
        m = k
        while m < cue.i and ws[m].text not in COMMAS:
            m += 1
        k = m + 1 if m < cue.i else k
    if k < cue.i and ws[k].norm[:1] in "لب" and len(ws[k].norm) > 3 and not ws[k].definite \
            and not name_like(ws[k]) and not lexicon().is_title(ws[k].norm):
        return None  # "لاقتنائها بأسعار مناسبة، مشيرة …": a prepositional fragment, no subject
    after_qad = k > lo and ws[k - 1].norm in ("قد", "وقد", "لقد")  # "وقد أذاعت …": a verb follows
    if k < cue.i and (looks_verb(ws[k]) or after_qad or ws[k].norm in verb_table() or ws[k].norm in KANA or (
            not ws[k].definite and not name_like_known(d, ws[k]) and not lexicon().is_title(ws[k].norm)
            and k + 1 < cue.i and (ws[k + 1].definite or name_like_known(d, ws[k + 1])
                                   or lexicon().is_title(ws[k + 1].norm)))):
        k += 1
    if k >= cue.i:
        return None
    e = subject_end(d, k, cue.i, prefer_known=True)
    if e <= k:
        return None
    span = ws[k:e]
    typ, number = head_of(d, k, e)
    lex = lexicon()
    f0 = span[0]
    if not (lex.is_title(f0.norm) or name_like(f0) or f0.hashtag or typ is not None or name_like_known(d, f0)
            or is_latin(f0) or f0.text in QUOTE_CHARS):
        return None  # "ودعا الفاعلين …": an object noun phrase, not a subject
    sp = split_of(d, k, e)
    if cue.number == "p" and typ not in ("group", "anonymous"):
        # plural verb: look for a group named anywhere before the cue (بيان من خمسة أطباء)
        return _group_before(d, lo, cue.i)
    if sp.name is None and typ is None:
        if cue.number == "p":
            return _group_before(d, lo, cue.i)
        apposed = apposed_name(d, (k, e), e, cue.i)
        if apposed is not None:  # "رئيس الحكومة، فلان الفلاني، …، ووعد"
            (a, b), role = apposed
            return _speaker_from_words(d, a, b, cue, role)
        if sp.role is None:
            return None
    if sp.name is not None and typ is None and sp.role is None and sp.name[1] - sp.name[0] < 2 \
            and not d.registry.resolve(clean(d.text[span[sp.name[0]].start:span[sp.name[1] - 1].end])) \
            and not span[sp.name[0]].hashtag:
        return None  # one unknown word is no evidence of a subject
    role = apposition_role(d, e, cue.i)
    return _speaker_from_words(d, k, e, cue, role)


def sentence_subject(d: State, lo: int, hi: int) -> Speaker | None:
    """The named subject of a sentence's first verb (after an opening adjunct), if any."""
    if hi - lo < 3:
        return None
    return _sentence_mention(d, Cue("verb", hi, hi, ""), lo)


def note_narrative_subject(d: State, lo: int, hi: int) -> None:
    """Remember the subject of a claimless sentence that opens with a verb, when it is a person
    already known in the article (by name or role), for a subjectless cue opening the next one."""
    ws = d.ws
    d.narrative_subject = None
    k = lo
    if ws[k].norm in ("في", "وفي", "خلال", "وخلال", "بعد", "وبعد"):  # an opening adjunct up to its comma
        while k < hi and k - lo < 15 and ws[k].text not in COMMAS:
            k += 1
        k += 1
    if hi - k < 3 or not (looks_verb(ws[k]) or k > lo and not ws[k].definite and not name_like_known(d, ws[k])
                          or _opening_verb(d, k)):
        return
    e = subject_end(d, k + 1, hi, prefer_known=True)
    if e <= k + 1:
        return
    span = ws[k + 1:e]
    sp = split_of(d, k + 1, e)
    p = None
    if sp.name is not None:
        a, b = sp.name
        p = d.registry.resolve(clean(d.text[span[a].start:span[b - 1].end]))
        if p is None and b - a > 2 and span[b - 1].definite:  # "فلان الفلاني الأزمة": an object after the name
            p = d.registry.resolve(clean(d.text[span[a].start:span[b - 2].end]))
    elif sp.role is not None:
        p = d.registry.by_role(clean(d.text[span[sp.role[0]].start:span[sp.role[1] - 1].end]), span[0].start)
    if p is None and sp.name is not None and sp.name[0] == 0 and sp.role is None and looks_verb(ws[k]):
        p = _new_person_after_verb(d, ws[k], span[sp.name[0]:sp.name[1]])
    if p is not None and p.type == "person":
        d.narrative_subject = (Speaker(p.name, clean(d.text[span[0].start:span[-1].end]), p.role, "person",
                                       p.gender, "s"), d.sentence_no)


def _new_person_after_verb(d: State, verb: Word, name: list[Word]):
    """A person named for the first time right after the speech verb opening a claimless
    sentence ("وتحدثت سامنثا الحساني عن …"): two to four name words, none a known place or body.
    Registered, with the verb's gender when it is a cue verb, so that the next sentence's
    subjectless "وقالت" can continue it."""
    lex = lexicon()
    if not 2 <= len(name) <= 4 or not name_like(name[0]) or not all(
            name_like(w) or w.definite and not w.conj and not lex.is_title(w.norm) and not lex.is_modifier(w.norm)
            and w.norm not in lex.function_words for w in name[1:]):
        return None  # (a family name may carry ال: الحساني)
    if any(strip_article(w.norm) in lex.org_nouns for w in name) or head_type(name)[0] is not None:
        return None
    if any(match_phrase(lex.places, [w.norm for w in name], i) for i in range(len(name))):
        return None
    readings = verb_table().get(verb.norm, ()) or verb_table().get(verb.bare, ())
    if not readings:
        return None  # only after a verb of speaking ("وتحدثت", "وأعربت"): "ويحوم إجمالي كمية …" names no one
    genders = {r.gender for r in readings}
    gender = genders.pop() if len(genders) == 1 else None
    return d.registry.add(clean(d.text[name[0].start:name[-1].end]), None, gender)


def _opening_verb(d: State, k: int) -> bool:
    """Word ``k`` opening a sentence reads as its verb (استقبل الرئيس فلان …): no article, no
    known name or title, and a title, an ال-word or a known name after it."""
    ws = d.ws
    lex = lexicon()
    w = ws[k]
    if w.is_punct or w.definite or name_like_known(d, w) or lex.is_title(w.norm) or w.norm in lex.function_words \
            or k + 1 >= len(ws):
        return False
    n = ws[k + 1]
    return lex.is_title(n.norm) or n.definite or name_like_known(d, n)


def _group_before(d: State, lo: int, hi: int) -> Speaker | None:
    """The last group named in ``ws[lo:hi]`` (بيان من خمسة أطباء …، طالبوا …)."""
    ws = d.ws
    found = None
    m = lo
    while m < hi:
        t, num = head_of(d, m, m + 1)
        if num == "p" or (ws[m].norm in NUMBERS and m + 1 < hi):
            e = descr_end(d, m, hi)
            if e > m:
                txt = clean(d.text[ws[m].start:ws[e - 1].end])
                found = Speaker(txt, txt, None, "group" if t != "anonymous" else t, None, "p")
                m = e
                continue
        m += 1
    return found


def nominal_speaker(d: State, f: Frame) -> Speaker | None:
    """Speaker of بحسب X / وفقا لـX: the author of a document X, or X itself."""
    a, b = f.nominal_np
    ws = d.ws
    if f.cue.nominal == "self":
        return None
    # split off "لـ outlet" (مصدر لمجلة Nexa) and "صادر عن Y"
    for m in range(a + 1, b):
        n = ws[m].norm
        if n in ("صادر", "صادره", "الصادر", "الصادره") and m + 1 < b and ws[m + 1].norm == "عن":
            return _speaker_from_words(d, m + 2, b, f.cue)
        if n in ("اعده", "اعدته", "نشره", "نشرته", "اعدها", "نشرها") and m + 1 < b:
            return _speaker_from_words(d, m + 1, b, f.cue)
    for s in f.sources:
        if s.kind == "outlet" and s.start > ws[a].end:
            cut = bisect.bisect_right(d.starts, s.start) - 1
            if cut > a:
                return _speaker_from_words(d, a, cut, f.cue, start_char=f.np_char)
    # a comma-delimited role after a name (سليم داود، مسؤول الميناء …)
    e = a
    while e < b and ws[e].text not in COMMAS:
        e += 1
    role = apposition_role(d, e, b) if e < b else None
    s = _speaker_from_words(d, a, e, f.cue, role, start_char=f.np_char)
    if s is not None and s.type == "organisation" and f.sources and f.sources[0].kind == "document":
        s.type = "document"
    return s
