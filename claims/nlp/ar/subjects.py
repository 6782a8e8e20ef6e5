"""Subjects and appositions: where a speaker's noun phrase starts and ends around a cue
(after the verb, before it, or after بحسب), and the role apposed to it between commas."""
from __future__ import annotations

import bisect

from claims.nlp.ar.cues import Cue, is_complementizer
from claims.nlp.ar.lex import lexicon, match_phrase, phrase_index
from claims.nlp.ar.names import (
    addressee,
    adverbial,
    NAME_LINKS,
    clean,
    head_type,
    is_latin,
    name_like,
    name_part,
    object_noun,
    PRONOUN_REFS,
    short_surname,
)
from claims.nlp.ar.sources import noun_of, outlet_after, outlet_len, process_event, Source
from claims.nlp.ar.state import (
    BREAK,
    chunk_end,
    CONNECTIVES,
    Frame,
    head_of,
    is_venue,
    KANA,
    name_like_known,
    NUMBERS,
    PAREN_CUES,
    PUBLISHED_IN,
    prefixed_noun,
    quoted_span_end,
    SAME,
    solid_prep,
    source_noun,
    sources_in,
    split_of,
    State,
    verb_table,
)
from claims.nlp.ar.words import COMMAS, QUOTE_CHARS, strip_article, strip_preposition, Word
from claims.normalize import normalize, normalized


def np_end(d: State, k: int, hi: int) -> int:
    """End of a subject noun phrase at ``k`` when it is clearly one: a known name, a title
    chain, or an organisation/anonymous head with its ال-adjectives."""
    ws = d.ws
    lex = lexicon()
    # known names, longest first
    for size in range(_plain_run(ws, k, min(hi, k + 4)) - k, 0, -1):
        cand = clean(d.text[ws[k].start:ws[k + size - 1].end])
        if d.registry.resolve(cand) is not None and all(name_like(w) or w.hashtag or short_surname(ws, m, lex)
                                                        for m, w in enumerate(ws[k:k + size], k)):
            return k + size
    w = ws[k]
    base = strip_article(w.norm)
    m = match_phrase(lex.places, [x.norm for x in ws[k:min(hi, k + lex.max_place)]], 0, lex.max_place)
    if m:
        return k + m  # a country or capital speaks (تؤكد طهران …)
    if not (lex.is_title(w.norm) or base in lex.org_nouns or base in lex.anonymous or base in lex.collectives):
        return k
    e = k + 1
    definite = w.definite
    while e < hi and e - k < 6:
        x = ws[e]
        if x.is_punct or x.norm in lex.function_words:
            break
        if x.definite or x.hashtag or is_latin(x):
            e += 1
            definite = True
            continue
        if not definite and not x.definite:
            e += 1  # construct chain: مكتب التحقيقات
            continue
        break
    if lex.is_title(w.norm) and e < hi and name_like(ws[e]):
        e = _object_name_end(d, e, hi)  # "توقع الخبير الاقتصادي فلان الفلاني ارتفاع …"
    return e


def _plain_run(ws: list[Word], k: int, e: int) -> int:
    """Index of the first punctuation mark in ``ws[k:e]``, or ``e``."""
    while k < e and not ws[k].is_punct:
        k += 1
    return k


def _object_name_end(d: State, k: int, hi: int) -> int:
    """End of a name that follows a title chain when the verb's object comes right after it:
    name-like words, at most one ال-word after them (the surname), and no plain word after
    that surname (فلان الفلاني ارتفاع -> فلان الفلاني)."""
    ws = d.ws
    e = name_run_end(d, k, hi)
    for m in range(k + 1, e):
        if ws[m - 1].definite and ws[m - 2].norm not in NAME_LINKS and not ws[m].definite \
                and ws[m].norm not in NAME_LINKS:
            return m
    return e


def apposition_role(d: State, a: int, b: int) -> str | None:
    """The role in a comma-delimited apposition between word ``a`` and ``b``."""
    ws = d.ws
    lex = lexicon()
    k = a
    while k < b and ws[k].text in COMMAS:
        k += 1
    if k >= b:
        return None
    first = ws[k]
    if first.norm in ("وهو", "وهي", "هو", "هي"):
        k += 1
        if k >= b:
            return None
        first = ws[k]
    if not (lex.is_title(first.norm) or first.definite) or first.norm in BREAK or object_noun(first.norm, lex):
        return None  # (", الجمعة،": a time word, no role; "التعليق على …": an object)
    e = chunk_end(ws, k)
    e = min(e, b)
    # end the role before a relative clause or a time word
    for m in range(k + 1, e):
        if ws[m].norm in BREAK and ws[m].norm not in ("فيها", "فيه"):
            e = m
            break
    return clean(d.text[ws[k].start:ws[e - 1].end]) if e > k else None


def read_zone(d: State, f: Frame, a: int, b: int, lo: int) -> None:
    """Subject, role and sources in the words between a verb cue and its complement."""
    ws = d.ws
    lex = lexicon()
    k = a
    # subject: the first chunk, unless it starts with an adjunct
    if k < b and (not ws[k].is_punct or ws[k].text in QUOTE_CHARS):
        first = ws[k]
        # an adjunct (في …, للصحافيين, اليوم) rather than a subject opens the zone
        adjunct = not name_like(first) and (
            first.norm in lex.function_words or first.norm in BREAK
            or solid_prep(first) and not lex.is_title(first.norm) and not d.registry.resolve(clean(first.text))
            and strip_article(first.norm) not in lex.org_nouns
            or first.norm[:1] == "ل" and not first.norm.startswith("ال"))
        if first.norm[:1] in "بل" and first.norm[1:2].isdigit():
            adjunct = True  # "قدرت ب111 مليون دينار": an amount, not a subject
        if first.text in QUOTE_CHARS:
            adjunct = False
        if first.norm in verb_table() or first.bare in verb_table():
            adjunct = True  # "وأضاف قائلا:": a participle cue right after the verb, no subject
        if first.norm in lex.short_surnames and d.registry.surname(first.norm) is not None:
            adjunct = False  # "وقال ما إن …" after "جاك ما": the surname alone
        if not adjunct:
            e = subject_end(d, k, b)
            if e > k:
                f.subject = (k, e)
                k = e
    # role: an apposition right after the subject
    role_span = None
    if f.subject:
        f.role = apposition_role(d, k, b)
        apposed = apposed_name(d, f.subject, k, b)
        if apposed is not None:
            role_span = (f.subject[0], apposed[0][0])
            f.subject, f.role = apposed
        elif split_of(d, *f.subject).role is not None:
            role_span = f.subject
    f.sources = _own_sources(d, f, sources_in(d, a, b), a, b)
    if role_span is not None:  # "النائب بمجلس الشعب": a venue in the speaker's title is no channel
        lo_c, hi_c = ws[role_span[0]].start, ws[role_span[1] - 1].end
        f.sources = [x for x in f.sources if not (x.kind == "venue" and lo_c <= x.start < hi_c)]
    # "، وفقا لما أوردته صحيفة X،": a parenthetical nominal cue names the channel
    for m in range(a, b):
        if (ws[m].norm in PAREN_CUES or ws[m].bare in PAREN_CUES) and m > a and ws[m - 1].text in COMMAS:
            e = m + 1
            while e < b and not ws[e].is_punct or e < b and ws[e].text in QUOTE_CHARS:
                e += 1
            f.sources = [x for x in sources_in(d, m + 1, e, need_prep=False) if x.kind == "outlet"] + f.sources
            break
    # "نقلا عن Y" inside the zone: Y is the speaker, the subject the channel
    for m in range(a, b - 1):
        if ws[m].bare == "نقلا" and ws[m + 1].norm == "عن":
            e = subject_end(d, m + 2, b)
            if e > m + 2 and f.subject:
                subj_src = Source(d.text[ws[f.subject[0]].start:ws[f.subject[1] - 1].end].strip(), 0, 0, "outlet")
                f.sources = [subj_src] + f.sources
                f.subject = (m + 2, e)
            break


def _word_before(d: State, pos: int):
    """The word before the one starting at char ``pos``."""
    i = bisect.bisect_left(d.starts, pos)
    return d.ws[i - 1] if i > 0 else d.ws[0]


RELATIVE = frozenset(normalize(w) for w in "الذي التي الذين اللذان اللتان اللواتي اللاتي".split())


def _own_sources(d: State, f: Frame, found: list[Source], a: int, b: int) -> list[Source]:
    """The sources of the zone ``ws[a:b]`` that are the claim's channel: nothing inside a
    relative clause about the subject (، الذي التقى زوجته خلال دراسته،), and no document the
    subject is described by (الأحزاب الموقعة على وثيقة قرطاج)."""
    if not found:
        return []
    ws = d.ws
    relative: list[tuple[int, int]] = []
    for m in range(a, b):
        if ws[m].norm in RELATIVE:
            e = m + 1
            while e < b and ws[e].text not in COMMAS:
                e += 1
            relative.append((ws[m].start, ws[e - 1].end))
    subject = None
    if f.subject is not None and head_of(d, *f.subject)[0] != "document":
        subject = (ws[f.subject[0]].end, ws[f.subject[1] - 1].end)  # after the head word
    out = []
    for x in found:
        if any(lo_ <= x.start < hi_ for lo_, hi_ in relative):
            continue
        if subject is not None and x.kind == "document" and subject[0] <= x.start < subject[1] \
                and _word_before(d, x.start).norm == "علي":
            continue
        out.append(x)
    return out


def name_run_end(d: State, k: int, b: int) -> int:
    """End of a person's name written at ``k`` (after honorifics: السيد, الشيخ): name-like
    words, hashtags and ال-words no lexicon knows (المنصف بن عمار, سالم بن راشد آل نعيم),
    up to six words with at least one that is not an ال-word; ``k`` when there is none."""
    ws = d.ws
    lex = lexicon()
    e = k
    while e < b and lex.is_honorific(ws[e].norm):
        e += 1
    s = e
    plain = False
    while e < b and e - s < 6:
        w = ws[e]
        if w.is_punct or w.norm in BREAK or is_complementizer(ws, e) or adverbial(ws, e, lex):
            break
        if name_like(w) or w.hashtag or e > s and short_surname(ws, e, lex):
            plain = True
        elif not (name_part(w) or e > s and lex.is_title(w.norm) and not w.definite and e + 1 < b
                  and name_part(ws[e + 1])):
            break
        e += 1
    return e if e > s and (plain or e - s >= 2) else k


def apposed_name(d: State, subject: tuple[int, int], k: int, b: int) -> tuple[tuple[int, int], str] | None:
    """A role subject followed by the person's name between commas (رئيس الحكومة، فلان
    الفلاني، / وزير المالية، حاكم المصرف، السيد فلان، ...): (name word range, role as written,
    the apposed titles joined), or None. The name must end at punctuation, a time word, a
    complementizer or the end of the zone ``b``."""
    ws = d.ws
    lex = lexicon()
    sa, sb = subject
    sp = split_of(d, sa, sb)
    if sp.name is not None or sp.role is None or head_of(d, sa, sb)[0] is not None:
        return None
    m = k
    if m < b and ws[m].text not in COMMAS:
        # a prepositional tail of the role before the comma ("النائب بمجلس الشعب، فلان")
        ce = chunk_end(ws, m)
        if not (ce < b and ws[ce].text in COMMAS and ce - m <= 4 and (
                ws[m].norm[:1] in "لب" and not ws[m].norm.startswith("ال") or ws[m].norm in ("في", "عن"))):
            return None
        sb = m = ce
    roles = [clean(d.text[ws[sa].start:ws[sb - 1].end])]
    for _ in range(3):
        if m >= b or ws[m].text not in COMMAS:
            return None
        e = name_run_end(d, m + 1, b)
        if e > m + 1 and (e >= b or ws[e].is_punct or ws[e].norm in BREAK or is_complementizer(ws, e)):
            s = m + 1
            while s < e - 1 and lex.is_honorific(ws[s].norm):
                s += 1  # "السيد فلان": the name without its honorific
            return (s, e), "، ".join(roles)
        if m + 1 < b and lex.is_title(ws[m + 1].norm):  # another title in apposition (حاكم دبي)
            ce = min(chunk_end(ws, m + 1), b)
            titled = _titled_name(d, m + 1, ce)
            if titled is not None:  # "المتحدث باسم الجيش، العقيد فلان الفلاني،": rank + name
                (na, nb), rank = titled
                return (na, nb), "، ".join(roles + [rank])
            roles.append(clean(d.text[ws[m + 1].start:ws[ce - 1].end]))
            m = ce
            continue
        return None
    return None


def _titled_name(d: State, a: int, e: int) -> tuple[tuple[int, int], str] | None:
    """A comma chunk ``ws[a:e]`` that is a title followed by a person's name up to its end
    (العقيد فلان الفلاني, السفير الألماني فلان): (name word range, title as written)."""
    ws = d.ws
    if e >= len(ws) or not (ws[e].is_punct or is_complementizer(ws, e) or ws[e].norm in BREAK):
        if e < len(ws):
            return None
    sp = split_of(d, a, e)
    if sp.name is None or sp.role is None or sp.role[0] != 0 or sp.name[1] != e - a or sp.name[0] < sp.role[1]:
        return None
    na, nb = a + sp.name[0], a + sp.name[1]
    if not all(name_part(w) for w in ws[na:nb]) or not any(name_like(w) for w in ws[na:nb]):
        return None
    return (na, nb), clean(d.text[ws[a].start:ws[a + sp.role[1] - 1].end])


def subject_end(d: State, k: int, b: int, prefer_known: bool = False) -> int:
    """End of the subject that starts at ``k``: cut at a break word, a source preposition, or
    — once a name is complete — at a preposition or a word with a solid preposition."""
    ws = d.ws
    lex = lexicon()
    verbs = verb_table()
    if k < b:
        h = strip_article(strip_preposition(ws[k].norm) if ws[k].norm.startswith("ل") else ws[k].norm)
        if (h in lex.anonymous or h in lex.collectives or h in lex.org_nouns or ws[k].norm in NUMBERS
                or ws[k].norm in PRONOUN_REFS or lex.source_nouns.get(h) == "document") \
                and not (lex.is_title(ws[k].norm) and ws[k].definite):
            return descr_end(d, k, b)
        known = known_name_end(d, k, b) if prefer_known else 0
        if known:
            return known
        ol, prefixed = outlet_len(ws, k, b)
        if ol and not prefixed:
            return k + ol  # a named outlet speaks (أذاعت بي بي سي …)
    e = k
    seen_name = False
    in_quote = False
    outlet_firsts = phrase_index(lex.outlets)[0]

    while e < b:
        w = ws[e]
        if w.text in QUOTE_CHARS:
            in_quote = not in_quote
            e += 1
            continue
        if in_quote:
            e += 1
            continue
        if w.is_punct:
            break
        if e > k and w.norm in outlet_firsts:
            ol, _ = outlet_len(ws, e, b)
            if ol > 1:  # "شبكة سي إن إن": an outlet's name of several words, read whole
                e += ol
                seen_name = True
                continue
        if e > k and (w.norm in BREAK or is_complementizer(ws, e) or w.norm == "ل"):
            break
        if e > k and not in_quote and (w.norm in KANA and not short_surname(ws, e, lex) or w.norm in ("لم", "لن") or (
                (w.norm in verbs or w.bare in verbs) and not name_like_known(d, w))):
            break  # "السعودية تنفي ذلك", "القاهرة قد صعدت": a verb or auxiliary ends the subject
        if e > k and w.norm in ("في", "عبر", "خلال", "امام", "علي", "الي") and e + 1 < b:
            nxt = ws[e + 1]
            signed = w.norm == "علي" and lex.source_nouns.get(noun_of(nxt.norm)[0]) == "document" \
                and ws[e - 1].definite and not seen_name  # "الأحزاب الموقعة على وثيقة قرطاج"
            if (noun_of(nxt.norm)[0] and not signed or seen_name or is_venue(ws, e + 1, b) or match_phrase(
                    lex.platforms, [x.norm for x in ws[e + 1:min(b, e + 5)]], 0)) \
                    and not (w.norm == "في" and lex.is_title(ws[k].norm) and _role_only(d, k, e, seen_name)
                             and _pp_then_name(d, e, b)):
                break  # (…, but "رئيس الكتلة في البرلمان فلان الفلاني": the PP belongs to the role)
            if w.text.endswith("ى") and ws[e - 1].definite and any(lex.is_title(x.norm) for x in ws[k:e]):
                break  # "علق الوزير على القرار بالقول": an adjunct of the verb, not the role
        if e > k and w.norm[:1] in "لب" and not w.norm.startswith("ال") and (
                noun_of(w.norm)[0] or seen_name and prefixed_noun(w.norm) or is_venue(ws, e, b)
                or outlet_len(ws, e, b)[1]):
            break  # (… لصحيفة X, … لرويترز: the outlet the speaker told)
        if e > k and seen_name and w.norm.startswith("لل"):
            break
        if e > k and addressee(w.norm):
            break  # "قال الرئيس لنظيره الفرنسي", "أكد الوزير لأحد مساعديه": the one told
        if e > k and adverbial(ws, e, lex):
            break  # "الرئيس موجها حديثه إلى …": a circumstantial participle ends the subject
        if e > k and w.norm.startswith("ال") and object_noun(w.norm, lex) and ws[e - 1].definite \
                and lex.is_title(ws[e - 1].norm):
            break  # "ورفض الوزير التعليق": the object after a definite title
        if name_like(w) or w.hashtag or seen_name and short_surname(ws, e, lex):
            seen_name = True
        elif seen_name and not w.definite:
            break
        e += 1
    return e


def _role_only(d: State, k: int, e: int, seen_name: bool) -> bool:
    """Words ``k``..``e`` are a role with no name in it ("مدير مكتب مكافحة الإرهاب": its nouns
    look like names, but the title reading has none)."""
    return not seen_name or split_of(d, k, e).name is None


def _pp_then_name(d: State, e: int, b: int) -> bool:
    """A prepositional phrase at ``e`` (في and up to three ال-words) followed by a person's name
    of two or more words that ends the zone ``b`` or meets punctuation or a complementizer."""
    ws = d.ws
    j = e + 1
    while j < b and j - e <= 3 and ws[j].definite and not name_like(ws[j]):
        j += 1
    if j == e + 1 and j + 1 < b and name_like(ws[j]):
        j += 1  # "في هلسنكي رامي الحلبي": a one-word place
    if j == e + 1 or j >= b or not name_like(ws[j]):
        return False
    m = name_run_end(d, j, b)
    return m - j >= 2 and (m >= b or ws[m].is_punct or is_complementizer(ws, m))


def known_name_end(d: State, k: int, b: int) -> int:
    """End of a known person's full name or surname at ``k`` when the words after it are not
    part of it (نصار دعمه -> نصار)."""
    ws = d.ws
    if not d.registry.people:
        return 0
    for size in range(_plain_run(ws, k, min(b, k + 4)) - k, 0, -1):
        cand = normalized(clean(d.text[ws[k].start:ws[k + size - 1].end]))
        p = d.registry.people.get(cand)
        if p is None and size == 1:
            p = d.registry.resolve(cand)
            if p is not None and p.tokens and p.tokens[-1] != cand:
                p = None  # a first name alone may start another person's name
        if p is not None:
            if k + size < b and name_like(ws[k + size]) and d.registry.resolve(
                    clean(d.text[ws[k].start:ws[k + size].end])) is not None:
                continue
            return k + size
    return 0


def outlet_len_after_in(d: State, k: int, b: int) -> int:
    """End of an outlet phrase starting at word ``k`` (دورية "نيتشر", صحيفة الغد), or 0."""
    o = outlet_after(d.text, d.ws, k, b)
    return bisect.bisect_left(d.starts, o.end) if o is not None else 0


def descr_end(d: State, k: int, b: int) -> int:
    """End of a descriptive subject headed by a group, anonymous or organisation noun: the
    head (after a number), its adjectives and one prepositional phrase (مصدر مقرّب من الإدارة,
    مصادر مطلعة في الوزارة, شخصيات قريبة من الملف, ضباط بالجيش الوطني)."""
    ws = d.ws
    lex = lexicon()
    e = k
    while e < b and ws[e].norm in NUMBERS:
        e += 1
    if not (e > k and e < b and ws[e].norm == "من"):
        e += 1  # the head ("اثنتان من النساء": the number is the head)
    pp = False
    closed = ws[e - 1].definite  # a definite head (الوزارة) takes adjectives, not a genitive
    outlet_firsts = phrase_index(lex.outlets)[0]
    n = 0
    while e < b and n < 7:
        w = ws[e]
        if w.norm in SAME:  # المصدر ذاته
            e += 1
            break
        if w.norm == "باسم" and not pp and e + 1 < b and not ws[e + 1].is_punct:
            pp = True  # "متحدث باسم وزارة التجارة": the body the spokesman speaks for
            closed = False
            e += 1
            n += 1
            continue
        ol, _ = outlet_len(ws, e, b) if w.norm in outlet_firsts else (0, False)
        if ol > 1:  # "شبكة سي إن إن الأمريكية": an outlet's name of several words, read whole
            e += ol
            closed = True
            n += ol
            continue
        if w.norm in PUBLISHED_IN and e + 2 < b and ws[e + 1].norm == "في":
            o = outlet_len_after_in(d, e + 2, b)
            if o:
                return o  # "دراسة نشرت في دورية "…"": the document, named with where it appeared
        if w.text in QUOTE_CHARS:  # (وكالة أنباء الجزر "جنا": a quoted short name after the head)
            q = quoted_span_end(ws, e, b)
            if q == e or closed and not pp and q - e - 2 > 2:
                break
            e = q
            continue
        if closed and not pp and not (w.definite or w.norm in ("من", "في", "علي", "داخل", "لدي", "عن")
                                      or w.norm[:1] in "بل"):
            break
        if w.is_punct or is_complementizer(ws, e) or w.norm in BREAK or w.norm in verb_table() \
                or w.bare in verb_table() or w.norm == "ل":
            break
        if w.norm in ("من", "في", "علي", "داخل", "لدي", "عن") or (w.norm[:1] in "بل" and not w.norm.startswith("ال")
                                                              and strip_preposition(w.norm).startswith("ال")):
            if pp:
                break
            nxt = ws[e + 1] if e + 1 < b else None
            if w.norm in ("من", "في", "علي", "داخل", "لدي", "عن") and (
                    nxt is None or nxt.is_punct and nxt.text not in QUOTE_CHARS
                    or source_noun(nxt) and not process_event(ws, e + 1, b)
                    and not (w.norm == "علي" and lex.source_nouns.get(noun_of(nxt.norm)[0]) == "document")
                    or nxt.norm in ("هذا", "هذه", "ذلك", "تلك") and e + 2 < b and source_noun(ws[e + 2])
                    or match_phrase(lex.platforms, [x.norm for x in ws[e + 1:min(b, e + 5)]], 0)):
                break  # (نشطاء على مواقع التواصل: the platform is the channel, not the speaker)
            if w.norm[:1] in "بل" and source_noun(w):
                break
            pp = True
            if w.norm in ("من", "في", "علي", "داخل", "لدي", "عن"):
                e += 1
                n += 1
                continue
        elif w.norm in lex.function_words:
            break
        elif pp and not (w.definite or name_like(w) or is_latin(w) or w.hashtag
                         or ws[e - 1].norm == "علي" and source_noun(w)
                         or strip_article(w.norm) in lex.org_nouns or lex.is_title(w.norm)):
            break
        if closed and not pp and w.definite and e > k + 1 and ws[e - 1].definite and not _adjective_like(w, lex):
            break  # "ونفت الوزارة الخبر": a definite noun after a definite head is the verb's object
        if w.definite or is_latin(w) or w.hashtag:
            closed = True
        e += 1
        n += 1
    return e


def _adjective_like(w: Word, lex) -> bool:
    """An ال-word that can qualify the noun before it: a known modifier or gentilic, a nisba
    (الأمريكية, الرسمي) or a participle (المعنية, المختصة, المقرب)."""
    base = strip_article(w.norm)
    return lex.is_modifier(w.norm) or base.endswith(("ي", "يه")) or base[:1] == "م" and len(base) >= 4


def pre_subject(d: State, c: Cue, lo: int) -> tuple[int, int] | None:
    """A subject before the verb (كانت "رويترز" قالت, المسؤولون الهنود ينفون): the words of the
    clause before the cue, after كان/ما زال/قد, when they read as a speaker."""
    ws = d.ws
    k = c.i - 1
    while k >= lo and ws[k].norm in ("قد", "وقد"):
        k -= 1
    end = k + 1
    start = k
    while start >= lo and end - start <= 6:
        w = ws[start]
        if w.is_punct and w.text not in QUOTE_CHARS:
            break
        if w.norm in KANA:
            break
        if w.norm in lexicon().function_words and w.norm not in KANA:
            return None
        start -= 1
    start += 1
    if start >= end:
        return None
    # the clause must open here: sentence start, a comma or كان-family word before it
    before = ws[start - 1] if start > lo else None
    if before is not None and not (before.norm in KANA or before.text in COMMAS):
        return None
    first = ws[start]
    if before is None and first.conj and not first.definite:
        return None  # "ويقولون": a verb, not a subject
    if c.conj:
        return None  # "… ويقولون إن": coordinated with the previous verb, handled as continuation
    span = ws[start:end]
    if any(w.norm in verb_table() or w.bare in verb_table() for w in span):
        return None
    typ, _ = head_type(span)
    txt = clean(d.text[span[0].start:span[-1].end])
    if typ or d.registry.resolve(txt) or any(w.text in QUOTE_CHARS for w in span) \
            or any(lexicon().is_title(w.norm) for w in span):
        return (start, end)
    return None


# Subordinators that open a new clause before كان + a cue verb (، بعدما كان توقع …).
SUBORDINATORS = frozenset(normalize(w) for w in "بعدما عندما حينما كلما مثلما وبعدما".split())


def clause_open(d: State, k: int, lo: int) -> int:
    """Index of the first word of the clause of the cue at word ``k``: back over كان/قد and a
    subordinator before them (بعدما كان, بعد أن كان), connectives (لكنه, إلا أنه, في حين) and
    the comma before them."""
    ws = d.ws
    j = k
    while j - 1 >= lo and ws[j - 1].norm in KANA and ws[j - 1].norm not in ("ما", "لا"):
        j -= 1
    if j < k:
        if j - 1 >= lo and ws[j - 1].norm in SUBORDINATORS:
            j -= 1
        elif j - 2 >= lo and ws[j - 1].norm == "ان" and ws[j - 2].norm in ("بعد", "وبعد", "قبل"):
            j -= 2
    while j - 1 >= lo and (ws[j - 1].norm in CONNECTIVES or ws[j - 1].text in COMMAS):
        j -= 1
        if ws[j].norm == "حين" and j - 1 >= lo and ws[j - 1].norm in ("في", "وفي"):
            j -= 1  # "في حين": both words open the clause
    return j


def clause_back(d: State, k: int, lo: int) -> int:
    """Char offset where the clause of the cue at word ``k`` begins (see :func:`clause_open`)."""
    ws = d.ws
    j = clause_open(d, k, lo)
    if j == k and ws[k].conj:
        return ws[k].start
    return ws[j].start if j < k else ws[k].start


def extra_after_subject(d: State, a: int, b: int) -> bool:
    """Words between a subject and a preposition that are neither apposition nor adjunct: the
    preposition then belongs to an object (أكد نصار دعمه لـ…), not to the verb."""
    ws = d.ws
    lex = lexicon()
    first = ws[a]
    if first.is_punct or first.norm in lex.function_words or first.norm in BREAK:
        return False
    e = subject_end(d, a, b, prefer_known=True)
    subj = ws[a:e]
    plausible = any(lex.is_title(w.norm) or w.hashtag or is_latin(w) or name_like_known(d, w) for w in subj) \
        or head_of(d, a, e)[0] is not None or (len(subj) <= 3 and all(name_like(w) for w in subj))
    if not plausible:
        return True
    if e >= b or ws[e].is_punct or ws[e].norm in BREAK or ws[e].norm in lex.function_words:
        return False
    if ws[e].norm[:1] in "لب" and not ws[e].norm.startswith("ال"):
        return False
    return True


def plausible_subject(d: State, a: int, b: int) -> bool:
    """An ambiguous form (كتب, بين, ذكر) is a verb only when what follows it reads as a subject
    or adjunct: a name, a title, a known speaker head, a preposition or a time word."""
    lex = lexicon()
    w = d.ws[a]
    if w.text in QUOTE_CHARS:
        q = quoted_span_end(d.ws, a, b)
        return q > a and q - a - 2 <= 4  # a quoted name: وكتبت "تويتر" في تغريدة
    if w.is_punct:
        return w.text in COMMAS
    n = w.norm
    base = strip_article(n)
    norms = [x.norm for x in d.ws[a:min(b, a + 4)]]
    return bool(
        name_like(w) and (d.registry.resolve(clean(w.text)) is not None or is_latin(w) or w.hashtag)
        or match_phrase(lex.platforms, norms, 0) or match_phrase(lex.outlets, norms, 0)
        or lex.is_title(n) or base in lex.org_nouns or base in lex.anonymous or base in lex.collectives
        or base in lex.source_nouns or n in lex.function_words or n in BREAK or strip_preposition(n) != n
        or (w.definite and a + 1 < b)
        or d.registry.resolve(clean(d.text[w.start:d.ws[min(b, a + 2) - 1].end])) is not None
        or 2 <= b - a <= 3 and b < len(d.ws) and is_complementizer(d.ws, b) and name_like(w)
        and all(name_part(x) for x in d.ws[a:b])  # "كشف فلان الفلاني أن": a full name before أن
    )
