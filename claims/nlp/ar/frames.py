"""Cue frames: when a cue candidate attributes something, and where its content starts.

A verb cue needs a complement — أن/إن (with ب and pronoun suffixes), a colon, a quotation or one
of the lemma's prepositions (أشار إلى) — or a noun object for object-taking verbs (أكد دعمه).
Special frames: نقلت X عن Y قوله إن (Y speaks through X), a cue after its quotation ("…"، قال
الوزير), and nominal cues (بحسب X) with their content after or before them."""
from __future__ import annotations

import bisect
from functools import lru_cache

from claims.nlp.ar.cues import COMPLEMENTIZERS, Cue, DEMONSTRATIVES, is_complementizer, may_open_cue
from claims.nlp.ar.lex import lexicon, match_phrase
from claims.nlp.ar.names import clean, is_latin, name_like
from claims.nlp.ar.sources import after_prefix, Source
from claims.nlp.ar.state import (
    ADVERBS,
    AUTHOR_VERBS,
    BREAK,
    chunk_end,
    CONNECTIVES,
    Frame,
    head_of,
    KANA,
    known_noun,
    MARKER,
    MAX_ZONE,
    name_like_known,
    numbers_only,
    PAREN_CUES,
    PUBLISH,
    QAWL,
    quote_opening,
    quoted_span_end,
    SENT_END,
    solid_prep,
    source_noun,
    sources_in,
    split_of,
    State,
    verb_table,
    VERBY_PREFIX,
    WHAT,
)
from claims.nlp.ar.subjects import (
    apposed_name,
    apposition_role,
    clause_back,
    descr_end,
    extra_after_subject,
    known_name_end,
    np_end,
    plausible_subject,
    pre_subject,
    read_zone,
)
from claims.nlp.ar.words import COMMAS, QUOTE_CHARS, strip_article, strip_preposition, Word
from claims.normalize import normalize
from claims.nlp.segment import Quote


def _prep_word(w: Word, preps: tuple[str, ...]) -> str | None:
    """'sep' when ``w`` is one of the preposition words, 'solid' when it starts with ب (or ل)
    that is one of them, else None."""
    if w.norm in preps:
        return "sep"
    if w.norm[:1] in preps and w.norm[:1] in "بل" and len(w.norm) > 2 and not w.norm.startswith("ال") \
            and not w.norm.startswith("لل") or (w.norm.startswith("بال") and "ب" in preps):
        return "solid"
    return None


def verb_frame(d: State, c: Cue, lo: int, hi: int) -> Frame | None:
    """The frame of a verb or participle cue, or None when it attributes nothing here."""
    ws = d.ws
    if c.j < hi and _amount_next(ws, c.j, hi):
        return None  # "قدرت ب111 مليون دينار", "حددت بـ 5 سنوات": valued or set at an amount
    marker = _find_marker(d, c, hi)
    if marker is None and "say" in c.flags:
        post = _post_quote_frame(d, c, lo, hi)
        if post is not None:
            return post
    qawl = marker is not None and marker[1] > c.j and ws[marker[1] - 1].norm in QAWL
    if marker is None or ("prep" in c.flags and not marker[0].startswith("prep") and not qawl) \
            or ("qawl" in c.flags and not qawl):
        if "obj" in c.flags and marker is None and "pron" not in c.flags:
            return _object_frame(d, c, lo, hi)
        return None
    mk, k = marker
    if "pron" in c.flags and k != c.j:
        return None  # a verb with an object pronoun takes its complement right after it
    if c.lemma == "نقل" and mk == "prep_sep":
        return _relay_frame(d, c, k, lo, hi)
    if mk.startswith("prep") and k > c.j and extra_after_subject(d, c.j, k):
        return _object_frame(d, c, lo, hi) if "obj" in c.flags else None
    if not _zone_fits(d, c, mk, k, lo, hi):
        return None
    start = _content_start(d, mk, k, hi)
    if start is None:
        return None
    start_w, start_char = start
    f = Frame(c, start_char, start_w, clause_start=clause_back(d, c.i, lo))
    read_zone(d, f, c.j, k, lo)
    if f.subject is None and c.kind == "verb":
        pre = pre_subject(d, c, lo)
        if pre:
            f.subject, f.pre_subject = pre, True
            f.clause_start = clause_back(d, pre[0], lo)
    if f.subject is None and c.kind == "verb" and c.i - 1 > lo and ws[c.i - 1].norm in RELATIVES:
        ante = _antecedent(d, c.i - 1, lo)
        if ante is not None:
            f.subject, f.pre_subject = ante, True
    if f.subject is None and c.kind == "verb" and _impersonal(d, c, lo):
        return None
    if f.subject and numbers_only(ws[f.subject[0]:f.subject[1]]):
        return None  # "بينما يرى 38% أنه …": a share of a poll, part of the content
    f.quote = _content_quote(d, f, start_w, hi)
    return f


def _names_a_teller(d: State, a: int, b: int) -> bool:
    """The noun phrase after بحسب/حسب/وفقا ل names who or what tells: a known or full name,
    a Latin or quoted name, a title, an organisation, outlet, document or group noun, an
    anonymous source or a place, not an abstract noun (تأثير, التقنية, المتعارف)."""
    ws = d.ws
    lex = lexicon()
    w = ws[a]
    if w.text in QUOTE_CHARS or w.hashtag or is_latin(w):
        return True
    for x in ws[a:min(b, a + 3)]:  # (بحسب أحدث تقرير: an adjective may come first)
        base = strip_article(strip_preposition(x.norm[1:] if x.norm.startswith("لل") else x.norm))
        if lex.is_title(x.norm) or lex.is_title(base) or base in lex.org_nouns or base in lex.anonymous \
                or base in lex.collectives or base in lex.source_nouns:
            return True
    norms = [x.norm for x in ws[a:min(b, a + 4)]]
    if any(match_phrase(t, norms, 0) for t in (lex.outlets, lex.platforms, lex.places)):
        return True
    if d.registry.resolve(clean(d.text[w.start:ws[b - 1].end])) is not None or name_like_known(d, w):
        return True
    if head_of(d, a, b)[0] is not None:
        return True
    return b - a >= 2 and name_like(w) and name_like(ws[a + 1])  # a full name: حسب سامي نصار


def _verb_with_object(w: Word) -> bool:
    """A cue verb written with an object pronoun (أكده, ذكرته): "وهو ما أكده الوزير الذي …"."""
    return w.norm[-1:] in ("ه", "ها") and may_open_cue(w.text)


def _amount_next(ws: list[Word], j: int, hi: int) -> bool:
    """ب with an amount right after a verb (ب111 مليون, بـ 5 سنوات)."""
    w = ws[j]
    if w.norm[:1] != "ب":
        return False
    if w.norm[1:2].isdigit():
        return True
    return w.norm == "ب" and j + 1 < hi and ws[j + 1].norm[:1].isdigit()


def _antecedent(d: State, r: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at word ``r`` refers to, when it names a speaker
    ("الرئيس فلان الذي يقول إن …"): a title with a name, a known person, a place or a
    speaker head (مسؤولون, وزارة …)."""
    ws = d.ws
    lex = lexicon()
    j = r - 1
    while j >= lo and r - j <= 6 and not ws[j].is_punct and ws[j].norm not in lex.function_words \
            and ws[j].norm not in verb_table() and ws[j].bare not in verb_table() \
            and not _verb_with_object(ws[j]):
        j -= 1
    start = j + 1
    if start >= r:
        return None
    span = ws[start:r]
    sp = split_of(d, start, r)
    typ, _ = head_of(d, start, r)
    named = sp.name is not None and (sp.role is not None or name_like_known(d, span[sp.name[0]])
                                     or span[sp.name[0]].hashtag or is_latin(span[sp.name[0]]))
    return (start, r) if named or typ is not None or sp.role is not None and sp.role[0] == 0 else None


def _find_marker(d: State, c: Cue, hi: int) -> tuple[str, int] | None:
    """The complement after a verb cue: ("comp"|"colon"|"quote"|"prep_sep"|"prep_solid", word
    index), looked for over the subject zone; None when another verb or the sentence end comes
    first."""
    ws = d.ws
    lex = lexicon()
    verbs = verb_table()
    k = c.j
    limit = min(hi, c.j + (7 if c.kind == "participle" else MAX_ZONE))
    subj_done = False
    marks = d.marks
    while k < limit:
        if not marks[k] & MARKER:
            k += 1  # (no test below holds for the word)
            continue
        w = ws[k]
        if w.is_punct and w.text in SENT_END:
            return None
        if w.norm in COMPLEMENTIZERS and is_complementizer(ws, k):
            return "comp", k
        if w.text == ":":
            return "colon", k
        if w.norm in QAWL and k + 1 < hi and (is_complementizer(ws, k + 1) or ws[k + 1].text == ":"):
            return ("comp" if ws[k + 1].text != ":" else "colon"), k + 1  # "ردّ الوزير بالقول إن …"
        if w.norm in QAWL and k + 1 < hi and quote_opening(d, k + 1) is not None:
            return "quote", k + 1
        if w.text in QUOTE_CHARS and quote_opening(d, k) is not None:
            e = quoted_span_end(ws, k, hi)
            if c.lemma == "نقل" and k > c.j and e > k and e - k - 2 <= 4 and e < hi and ws[e].norm == "عن":
                k = e  # 'نقلت وكالة الأنباء "وام" عن …': the agency's quoted name, the relay follows
                continue
            if not (_name_slot(d, c, k) and _name_quote(d, k, hi)):
                return "quote", k
            k = quoted_span_end(ws, k, hi)  # a quoted name inside the subject (صحيفة "…")
            continue
        if (w.norm in PAREN_CUES or w.bare in PAREN_CUES) and k > c.j and ws[k - 1].text in COMMAS:
            # "، وفقا لما أوردته صحيفة X،": skip the parenthetical to its closing comma
            e = k + 1
            while e < limit and e - k < 14 and not (ws[e].text in COMMAS or ws[e].text in SENT_END):
                e += 1
            if e < limit and ws[e].text in COMMAS:
                k = e + 1
                continue
        kind = _prep_word(w, c.preps) if w.norm in c.preps or w.norm[:1] in "بل" else None
        if kind == "solid" and (k > c.j and subj_done or source_noun(w) or w.norm in lex.function_words):
            kind = None
        if kind == "sep" and k > c.j and ws[k - 1].norm in ATTACHED:
            kind = None  # "تقرير صادر عن البنك": عن belongs to the subject
        if kind and (k == c.j or kind == "sep" or k - c.j <= 4):
            return "prep_" + kind, k
        if k > c.j and (w.norm in verbs or w.bare in verbs) and not w.is_punct \
                and w.norm not in lex.function_words:
            if ws[k - 1].norm in RELATIVES:
                k += 1  # "المرأتان اللتان تحدثتا …": a verb in a relative clause of the subject
                continue
            return None
        if w.text in COMMAS:
            subj_done = True
        k += 1
    return None


RELATIVES = frozenset(normalize(w) for w in "الذي التي الذين اللذان اللتان اللذين اللتين اللواتي اللاتي".split())
ATTACHED = frozenset(normalize(w) for w in "صادر صادرة الصادر الصادرة نقلا ونقلا".split())


def _zone_fits(d: State, c: Cue, mk: str, k: int, lo: int, hi: int) -> bool:
    """Whether the words between the cue and its complement suit the cue: an ambiguous form
    needs a plausible subject; a participle takes at most a short في-adjunct, and one that does
    not follow a comma or a verb needs its complement right away."""
    ws = d.ws
    zone = (c.j, k)
    if "amb" in c.flags and zone[1] > zone[0] and not plausible_subject(d, *zone):
        return False
    if "subj" in c.flags and zone[1] > zone[0] and (ws[c.j].norm in lexicon().function_words
                                                    or solid_prep(ws[c.j])):
        return False  # "ورد في التقرير أن": "it is stated in", not "he replied"
    if c.kind != "participle":
        return True
    z0, z1 = zone
    while z0 < z1 and ws[z0].text in COMMAS:
        z0 += 1  # "مشيرا، في السياق نفسه، إلى": commas around the adjunct
    while z1 > z0 and (ws[z1 - 1].text in COMMAS or ws[z1 - 1].norm in QAWL):
        z1 -= 1  # ("مكتفيا بالقول إن": بالقول leads to the content)
    if z1 > z0 and not (ws[z0].norm in ("في", "وفي") and z1 - z0 <= 4 and mk in ("comp", "quote")):
        return False
    prev = ws[c.i - 1] if c.i > lo else None
    after_comma_or_verb = c.conj or (prev is not None and (prev.text in COMMAS or prev.norm in verb_table()
                                                           or prev.bare in verb_table()))
    return after_comma_or_verb or mk in ("comp", "colon", "quote") or (
        mk == "prep_sep" and k + 1 < hi and is_complementizer(ws, k + 1))


def _content_start(d: State, mk: str, k: int, hi: int) -> tuple[int, int] | None:
    """(first content word, first content character) after the complement marker at ``k``."""
    ws = d.ws
    if mk in ("comp", "colon"):
        start_w, start = k + 1, ws[k].end
    elif mk == "quote":
        start_w, start = k, ws[k].start
    elif mk == "prep_sep":
        start_w = k + 1
        if start_w < hi and is_complementizer(ws, start_w):
            start_w += 1
        if start_w >= hi:
            return None
        start = ws[start_w - 1].end
    else:  # solid ب/ل: the content starts after the letter
        start_w = k
        start = after_prefix(ws[k]) if not ws[k].norm.startswith("بال") else ws[k].start + 1
    while start < len(d.text) and d.text[start] == " ":
        start += 1
    return start_w, start


# Lemmas whose imperfect is spelt like its passive (يُلاحَظ, يُعتقَد, يُذكَر "it is noted/believed/
# mentioned"): opening a sentence with no subject, they have no speaker.
PASSIVE_SPELT = frozenset(normalize(w) for w in "لاحظ اعتقد ذكر اعتبر توقع رجح قدر رأى".split())


def _impersonal(d: State, c: Cue, lo: int) -> bool:
    """A singular imperfect that opens its sentence with no subject: "it is noted/believed"
    (ويلاحظ أن, يعتقد أن), no speaker; or any such verb when no one has spoken yet. Other
    verbs (ويقول, ويشير إلى) continue the speaker before them."""
    if not (c.tense == "imperfect" and c.number == "s" and c.i == lo):
        return False
    return normalize(c.lemma) in PASSIVE_SPELT or not d.recent


def _post_quote_frame(d: State, c: Cue, lo: int, hi: int) -> Frame | None:
    """"…"، قال الوزير: a verb right after the quotation that opens its sentence."""
    ws = d.ws
    m = c.i - 1
    while m >= lo and ws[m].text in COMMAS:
        m -= 1
    if m < lo or ws[m].text not in QUOTE_CHARS:
        return None
    q = next((q for q in d.quotes if q.close_at == ws[m].start), None)
    if q is None or q.open_at > ws[lo].start or c.j >= hi:
        return None
    e = c.j
    while e < hi and not (ws[e].is_punct and ws[e].text in SENT_END):
        e += 1
    f = Frame(c, q.start, bisect.bisect_left(d.starts, q.open_at), quote=q, clause_start=ws[lo].start, post_quote=True)
    read_zone(d, f, c.j, e, lo)
    return f if f.subject else None


def _relay_frame(d: State, c: Cue, k: int, lo: int, hi: int) -> Frame | None:
    """نقلت وكالة X عن Y قوله إن …: Y is the speaker, the subject of نقل the channel."""
    ws = d.ws
    j = k + 1
    while j < hi and j - k < 14 and not (ws[j].bare.startswith("قول") or is_complementizer(ws, j)
                                         or ws[j].text == ":" or quote_opening(d, j) is not None):
        j += 1
    if j >= hi or j == k + 1:
        return None
    y_end = j
    if ws[j].bare.startswith("قول"):
        j += 1
        if j < hi and ws[j].text in COMMAS:
            j += 1
    if j >= hi:
        return None
    q = quote_opening(d, j)
    if is_complementizer(ws, j) or ws[j].text == ":":
        start_w, start = j + 1, ws[j].end
    elif q is not None:
        start_w, start = j, ws[j].start
    else:
        return None
    while start < len(d.text) and d.text[start] == " ":
        start += 1
    f = Frame(c, start, start_w, clause_start=clause_back(d, c.i, lo))
    read_zone(d, f, c.j, k, lo)
    channel = f.subject
    f.subject = (k + 1, y_end)
    f.role = None
    if channel is not None:
        f.sources = [Source(_strip_quotes(d.text[ws[channel[0]].start:ws[channel[1] - 1].end]), ws[channel[0]].start,
                            ws[channel[1] - 1].end, "outlet")] + f.sources
    f.quote = _content_quote(d, f, start_w, hi)
    return f


def _strip_quotes(t: str) -> str:
    """A name without the quotation marks around it."""
    return t.strip().strip("".join(QUOTE_CHARS)).strip() if t.strip()[:1] in QUOTE_CHARS and t.strip()[-1:] in QUOTE_CHARS \
        and sum(t.count(q) for q in QUOTE_CHARS) == 2 else t.strip()


def _name_slot(d: State, c: Cue, k: int) -> bool:
    """A quotation at word ``k`` stands where a quoted name can: right after the cue, or after
    an organisation, outlet or title noun or a preposition (قالت حركة "…" إن, لموقع "…"); after
    a person's name (قال فلان "…"، و"…") it is the content."""
    if k == c.j:
        return True
    p = d.ws[k - 1]
    lex = lexicon()
    if k - 2 >= c.j and not p.definite and not p.is_punct and _names_a_body(d.ws[k - 2].norm, d.ws[k - 2].definite):
        return True  # وكالة أنباء "الصين الجديدة": a body noun and its genitive before the name
    return _names_a_body(p.norm, p.definite) \
        or p.norm in lex.function_words or p.norm in ("ل", "لـ", "ب") or p.text in COMMAS or p.hashtag \
        or p.norm in AUTHOR_VERBS or p.bare in PUBLISH


@lru_cache(maxsize=65536)
def _names_a_body(norm: str, definite: bool) -> bool:
    """An organisation, outlet or (indefinite) title noun, also behind a solid preposition,
    that a quoted name can follow (حركة "…", لموقع "…")."""
    lex = lexicon()
    bases = (strip_article(norm), strip_article(strip_preposition(norm)))
    return any(b in lex.org_nouns or b in lex.source_nouns or lex.is_title(b) and not definite for b in bases)


def _name_quote(d: State, k: int, hi: int) -> bool:
    """A short quotation inside the subject zone (صحيفة "الأفق اليومي" بأن …): a name,
    not the content, when a complementizer or colon follows it closely."""
    ws = d.ws
    e = quoted_span_end(ws, k, hi)
    if e == k or e - k - 2 > 4:
        return False
    for m in range(e, min(hi, e + 10)):
        if is_complementizer(ws, m) or ws[m].text == ":" or quote_opening(d, m) is not None:
            return True
        if ws[m].is_punct and ws[m].text in SENT_END or (ws[m].norm in verb_table() or ws[m].bare in verb_table()) \
                and ws[m].norm not in lexicon().function_words:
            return False  # ('فرد الوزير "…" فرد المذيع "…"': a verb ends the subject zone first)
    return False


def _object_frame(d: State, c: Cue, lo: int, hi: int) -> Frame | None:
    """A verb whose content is a noun object (أكد الوزير دعمه لـ…, ينفون وجود …)."""
    ws = d.ws
    k = c.j
    if k >= hi or ws[k].is_punct:
        return None
    lex = lexicon()
    h = strip_article(strip_preposition(ws[k].norm) if ws[k].norm.startswith("ل") else ws[k].norm)
    subj_end = known_name_end(d, k, hi) or (
        descr_end(d, k, hi) if h in lex.anonymous or h in lex.collectives or h in lex.org_nouns else np_end(d, k, hi))
    subject = None
    role = None
    adj_sources: list[Source] = []
    if subj_end > k:
        subject = (k, subj_end)
        k = subj_end
        apposed = apposed_name(d, subject, k, hi)  # "المدعي العام، فلان الفلاني، استقالته"
        if apposed is not None:
            subject, role = apposed
            k = subject[1]
        # skip appositions between commas (الهيئة الوطنية، الجهة الرقابية …،), not the object
        while k < hi and ws[k].text in COMMAS:
            e = chunk_end(ws, k + 1)
            nxt = ws[k + 1] if k + 1 < hi else None
            if nxt is not None and e < hi and ws[e].text in COMMAS and e - k < 10 and (
                    lex.is_title(nxt.norm) or nxt.definite or nxt.norm in BREAK or name_like_known(d, nxt)):
                k = e
            else:
                k += 1
                break
        # adverbs and a source adjunct before the object (باستمرار, في استطلاع لرويترز)
        while k < hi and ws[k].norm in ADVERBS:
            k += 1
        if k < hi and (ws[k].norm in ("في", "خلال", "عبر") or ws[k].norm[:1] == "ل"):
            found = sources_in(d, k, min(hi, k + 8))
            if found and found[0].start <= ws[min(k + 1, hi - 1)].end:
                adj_sources = found[:1]
                k = bisect.bisect_left(d.starts, found[0].end)
    elif not c.conj and c.tense != "imperfect" and not (c.kind == "participle" and c.i > lo
                                                         and ws[c.i - 1].text in COMMAS) \
            and not (c.i > lo and ws[c.i - 1].norm in KANA):
        return None  # (…، مؤكدة اعتقال …: a participle after a comma takes the sentence's speaker)
    elif ws[k].definite and ws[k].norm not in BREAK:
        return None  # "وأكد الفوز تأهل …": a definite noun after the verb is its subject, no speaker
    else:
        k = _time_adjunct_end(ws, k, hi)  # "بعدما كان توقع في وقت سابق زيادة العجز"
    if k >= hi or ws[k].is_punct or is_complementizer(ws, k):
        return None
    if ws[k].norm in lexicon().function_words and ws[k].norm not in ("هذا", "هذه"):
        return None
    f = Frame(c, ws[k].start, k, subject=subject, clause_start=clause_back(d, c.i, lo))
    if subject is None:
        pre = pre_subject(d, c, lo)
        if pre:
            f.subject, f.pre_subject = pre, True
            f.clause_start = clause_back(d, pre[0], lo)
    else:
        f.role = role or apposition_role(d, subject[1], k)
    f.sources = adj_sources
    f.quote = _content_quote(d, f, k, hi)
    return f


def _time_adjunct_end(ws: list[Word], k: int, hi: int) -> int:
    """Index after a time adverbial at ``k`` between a verb and its object (في وقت سابق,
    في 2017, الأسبوع الماضي, أمس), or ``k``."""
    if k + 2 < hi and ws[k].norm in ("في", "وفي") and ws[k + 1].norm == "وقت":
        return k + 3 if ws[k + 2].norm in ("سابق", "لاحق", "مبكر", "متاخر") else k
    if k + 1 < hi and ws[k].norm in ("في", "وفي", "منذ") and len(ws[k + 1].norm) == 4 and ws[k + 1].norm.isdigit():
        return k + 2  # "أعلن في 2017 نيته …": a year
    if k < hi and ws[k].norm in BREAK and not ws[k].is_punct and ws[k].norm not in lexicon().function_words:
        e = k + 1
        while e < hi and e - k < 3 and ws[e].definite and ws[e].norm in PAST_OR_NEXT:
            e += 1
        return e
    return k


PAST_OR_NEXT = frozenset(normalize(w) for w in "الماضي الماضية المقبل المقبلة القادم القادمة الفائت".split())


def _content_quote(d: State, f: Frame, k: int, hi: int) -> Quote | None:
    """The quotation the content consists of, if it starts (after a demonstrative) at word
    ``k``; whether it also ends the content is checked when the end is known."""
    ws = d.ws
    if k < hi and ws[k].norm in DEMONSTRATIVES:
        k += 1
    if k < hi:
        return quote_opening(d, k)
    return None


def nominal_frame(d: State, c: Cue, lo: int, hi: int, frames: list[Frame]) -> Frame | None:
    """The frame of بحسب/وفقا لـ/نقلا عن/على حد قوله: its noun phrase, and its content after it (at the start of a sentence) or before it."""
    ws = d.ws
    kind = c.nominal
    k = c.j
    if k < hi and ws[k].norm in ("ل", "لـ"):
        k += 1
    # skip "ما + verb" (بحسب ما أعلنه X, وفقا لما نشرته صحيفة X, حسبما أفادت X)
    recipient = None
    if k < hi and (ws[k].norm in WHAT or ws[k].norm == "لما"):
        k += 1
        if k < hi and not ws[k].is_punct:
            k += 1
        if k < hi and ws[k].norm in ("به", "بها"):
            k += 1
        # "بحسب ما أكده لمبعوث الإذاعة، فلان …": the one told is the channel, the speaker follows
        if k < hi and ws[k].norm[:1] == "ل" and not ws[k].definite and len(ws[k].norm) > 3:
            e = k
            while e < hi and e - k < 8 and not ws[e].is_punct:
                e += 1
            if e + 1 < hi and ws[e].text in COMMAS and e > k:
                a = after_prefix(ws[k])
                recipient = Source(d.text[a:ws[e - 1].end], a, ws[e - 1].end, "outlet")
                k = e + 1
    elif k < hi and c.lemma == "حسبما" and (ws[k].norm in verb_table() or ws[k].bare in verb_table()):
        k += 1
    if kind == "self":
        f = Frame(c, ws[c.i].start, c.i, before=True, clause_start=clause_back(d, c.i, lo))
        return f
    np_end = _nominal_np_end(d, k, hi)
    if np_end <= k:
        return None
    if kind == "according" and k == c.j and not _names_a_teller(d, k, np_end):
        return None  # "تختلف حسب تأثير الثغرة", "بحسب التقنية الجديدة": "depending on", "by"
    f = Frame(c, 0, np_end, nominal_np=(k, np_end), clause_start=clause_back(d, c.i, lo))
    if k == c.j and ws[k].norm.startswith("ل") and c.lemma.endswith(" ل"):
        f.np_char = after_prefix(ws[k])
    f.sources = sources_in(d, k, np_end, need_prep=False)
    if recipient is not None:
        f.sources.insert(0, recipient)
    at_start = all(w.is_punct or w.norm in CONNECTIVES or w.norm in ("و", "لكن", "ولكن") for w in ws[lo:c.i])
    rest = [w for w in ws[np_end:hi] if not w.is_punct]
    parenthetical = np_end < hi and ws[np_end].text in COMMAS and len(rest) >= 4 and c.i > lo \
        and ws[c.i - 1].text in COMMAS \
        and not (lexicon().is_title(rest[0].norm) or rest[0].definite)
    if at_start or (c.conj and np_end < hi and not ws[np_end].is_punct and len(rest) >= 3) or parenthetical:
        e = np_end
        while e < hi and (ws[e].text in COMMAS or ws[e].norm in ("فان", "فانه", "فانها", "فانهم", "ان")):
            e += 1
        if e < hi and e > np_end and ws[e].definite and strip_article(ws[e].norm)[:1] == "م":
            # "وحسب وكالة الأناضول، المملوكة للدولة، قال …": an apposition of the teller
            m = e + 1
            while m < hi and m - e < 8 and ws[m].text not in COMMAS:
                m += 1
            if m + 1 < hi and ws[m].text in COMMAS:
                e = m + 1
        if e >= hi:
            return None
        f.content_word = e
        f.content_start = ws[e].start
        f.quote = _content_quote(d, f, e, hi)
        return f
    f.before = True
    return f


def _nominal_np_end(d: State, k: int, hi: int) -> int:
    """End of the noun phrase after بحسب/وفقا لـ: to a comma or فإن, or before a word that
    reads as a verb (an imperfect without ال)."""
    ws = d.ws
    lex = lexicon()
    e = k
    in_quote = False
    while e < hi and e - k < 14:
        w = ws[e]
        if w.text in QUOTE_CHARS:
            in_quote = not in_quote
            e += 1
            continue
        if in_quote:
            e += 1
            continue
        if w.is_punct and w.text != "-":
            break
        if w.norm.startswith("فان") or is_complementizer(ws, e):
            break
        if e > k and w.norm[:1] in VERBY_PREFIX and not w.definite and len(w.norm) >= 3 \
                and w.norm not in lex.function_words and not name_like_known(d, w) \
                and strip_article(w.norm) not in lex.titles and not lex.is_modifier(w.norm) \
                and not (w.norm.endswith("ه") or w.norm.endswith("ات") or w.norm.endswith("ي")) \
                and not known_noun(w.norm):
            break
        if e > k and (w.norm in verb_table() or w.bare in verb_table()):
            break
        e += 1
    return e
