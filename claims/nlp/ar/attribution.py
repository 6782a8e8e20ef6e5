"""Claims of one Arabic article: cue frames, claim spans, speakers and sources.

For every sentence the cue candidates (:mod:`claims.nlp.ar.cues`) are read left to right. A
verb cue is a claim when its complement is found: أن/إن (with ب and pronoun suffixes), a
colon, a quotation, or a preposition of the lemma (أشار إلى, شدد على); the words between the
verb and its complement hold the subject (verb–subject order), appositions (roles), adjuncts
and sources. A nominal cue (بحسب, وفقا لـ) attributes the clause after its noun phrase (at the
start of a sentence) or before it (at the end). The content runs to the end of the sentence or
to the next cue's clause. Cues without a subject (وأضاف, قائلاً) continue an earlier speaker
that agrees with them in gender and number; bare quotations after a quotation continue it.
"""
from __future__ import annotations

import bisect

from claims.model import Claim
from claims.nlp.ar.cues import find_cues
from claims.nlp.ar.frames import nominal_frame, verb_frame
from claims.nlp.ar.lex import lexicon
from claims.nlp.ar.names import Speaker
from claims.nlp.ar.prepass import prepass
from claims.nlp.ar.provenance import (
    came_in,
    frame_source,
    narrative,
    opening_event,
    opens_with_adjunct,
)
from claims.nlp.ar.speakers import (
    frame_speaker,
    nominal_speaker,
    note_narrative_subject,
    remember,
    sentence_subject as subject_of_sentence,
    set_speaker,
    speaker_of,
)
from claims.nlp.ar.state import (
    AFTER_NO_VERB,
    COMMA,
    CONNECTIVES,
    continued_end,
    CUE,
    Frame,
    inside_quote,
    KANA,
    marked,
    masked,
    source_noun,
    sources_in,
    State,
    trim_end,
    verb_table,
    word_marks,
)
from claims.nlp.ar.subjects import clause_back, SUBORDINATORS
from claims.nlp.ar.words import COMMAS, QUOTE_CHARS, tagged_words, Word
from claims.nlp.segment import Segments
from claims.normalize import normalize, strip_diacritics


def attribute(text: str, seg: Segments, body_start: int = 0) -> list[Claim]:
    """All claims of the article body (see module doc)."""
    if not seg.paragraphs:
        return []
    ws, marks = tagged_words(text, seg.paragraphs[0][0], seg.paragraphs[-1][1], word_marks)
    d = State(text, ws, [w.start for w in ws], seg.quotes, {q.open_at: q for q in seg.quotes}, marks=marks)
    d.para_starts = [a for a, _ in seg.paragraphs]
    prepass(d)
    para_of = [a for a, _ in seg.paragraphs]
    for a, b in seg.sentences:
        lo, hi = _word_range(d, a, b)
        if lo < hi:
            pi = bisect.bisect_right(para_of, a) - 1
            _sentence(d, lo, hi, a, b, pi)
    _bare_quotes(d, seg)
    d.claims.sort(key=lambda c: c.start)
    return d.claims


def _word_range(d: State, a: int, b: int) -> tuple[int, int]:
    """Indices of the words in the character range [a, b)."""
    return bisect.bisect_left(d.starts, a), bisect.bisect_left(d.starts, b)


def _sentence(d: State, lo: int, hi: int, a: int, b: int, pi: int) -> None:
    """Frames of one sentence (words ``lo``..``hi``, chars ``a``..``b``) and their claims."""
    ws = d.ws
    d.paragraph = pi
    d.sentence_no += 1
    local = ws[lo:hi]
    cues = [c for c in find_cues(local, masked(d.marks[lo:hi], CUE))
            if not inside_quote(d, local[c.i].start)]
    frames: list[Frame] = []
    taken_until = lo
    sentence_subject: tuple[Speaker, tuple[int, int]] | None = None
    for c in cues:
        c.i += lo
        c.j += lo
        if c.i < taken_until:
            continue
        prev_w = ws[c.i - 1] if c.i > lo else None
        if c.kind != "nominal" and prev_w is not None and (
                prev_w.norm in AFTER_NO_VERB or prev_w.norm[:1] in "وف" and prev_w.norm[1:] in AFTER_NO_VERB
                or prev_w.norm in ("لم", "لن", "لا", "ولم", "ولن", "ولا", "فلم", "فلن", "فلا") and c.kind == "verb"):
            continue  # "من بين", "لم يقر": a preposition or negation before it
        if frames and c.kind == "verb" and not c.conj and prev_w is not None and prev_w.text not in COMMAS \
                and prev_w.norm not in CONNECTIVES and ws[c.i].start >= frames[-1].content_start \
                and not _new_clause(d, c.i, lo):
            continue  # a bare verb inside reported content is part of it
        f = verb_frame(d, c, lo, hi) if c.kind != "nominal" else nominal_frame(d, c, lo, hi, frames)
        if f is None:
            continue
        frames.append(f)
        taken_until = max(f.content_word, c.j)
    narrative(d, lo, hi)
    came_in(d, lo, hi)
    if not frames:
        if opens_with_adjunct(d, lo):
            opening_event(d, lo, hi, subject_of_sentence(d, lo, hi))
        note_narrative_subject(d, lo, hi)
        return
    # content ends where the next frame's clause starts (or at the sentence end)
    claims_here: list[Claim] = []
    prev_frame: Frame | None = None
    for n, f in enumerate(frames):
        if f.before:
            continue
        end = f.quote.end if f.post_quote and f.quote else b
        for g in frames[n + 1:]:
            if g.cue.i >= f.content_word:
                end = g.clause_start if not g.before else clause_back(d, g.cue.i, lo)
                break
        claim = _make_claim(d, f, end, lo, hi, pi, prev_frame, sentence_subject)
        if claim is None:
            if f.nominal_np and prev_frame is None:
                prev_frame = f  # "وحسب وكالة X، قال فلان …": its outlet is the next claim's source
                teller = nominal_speaker(d, f)
                if teller is not None:
                    remember(d, teller, f.cue)  # (and a later "وأشارت" may continue it)
            continue
        if claim.speaker:
            sentence_subject = (speaker_of(claim), f.subject)
        claims_here.append(claim)
        prev_frame = f
    # nominal cues after their clause
    for f in frames:
        if not f.before:
            continue
        claim = _make_before_claim(d, f, lo, hi, a, pi, frames, claims_here)
        if claim is not None:
            claims_here.append(claim)
    for c in claims_here:
        _emit(d, c)


def _new_clause(d: State, k: int, lo: int) -> bool:
    """The cue at word ``k`` opens a clause of its own after كان and a comma or subordinator
    ("…، بعدما كان توقع …", "… بعد أن كان أكد …"), not a verb inside the reported words."""
    ws = d.ws
    j = k - 1
    while j >= lo and ws[j].norm in KANA and ws[j].norm not in ("ما", "لا"):
        j -= 1
    if j == k - 1 or j < lo:
        return False
    return ws[j].norm in SUBORDINATORS or ws[j].text in COMMAS \
        or ws[j].norm == "ان" and j > lo and ws[j - 1].norm in ("بعد", "وبعد", "قبل")


def _emit(d: State, c: Claim) -> None:
    """Record a finished claim."""
    d.claims.append(c)
    d.last = c
    d.last_paragraph = c.paragraph or 0


def _make_claim(d: State, f: Frame, end: int, lo: int, hi: int, pi: int, prev: Frame | None,
                sentence_subject) -> Claim | None:
    """The claim of a frame whose content runs to ``end``: direct when the content is one
    quotation, else indirect (the reported clause without its complementizer)."""
    text = d.text
    end_given = end
    end = trim_end(text, f.content_start, _reporter_tail(d, f.content_word, end))
    if end <= f.content_start:
        return None
    q = f.quote
    kind = "indirect"
    a, b = f.content_start, end
    if f.post_quote and q is not None:
        kind, a, b = "direct", q.start, continued_end(d, q) if q.continues else q.end
    elif q is not None and f.cue.lemma == "وصف" and q.close_at is not None \
            and d.ws[f.content_word].text in QUOTE_CHARS:
        kind, a, b = "direct", q.start, q.end  # "ما وصفه "…"": the description is the quotation
    elif q is not None:
        after = text[q.outer_end:end] if q.close_at is not None else ""
        if q.close_at is not None and _quote_pair(d, q, end):
            after = ""  # '"…"، و"…"': two quotations, the second continues the first's speaker
        if q.close_at is not None and text[a:q.open_at].strip() == "" and _reporter_comment(after):
            after = ""  # '"…"، كما حدث …', '"…"، وهو ما يوحي …': the reporter's own words follow
        if q.close_at is None or not after.strip(" .،,!؟?…\"”»"):
            kind = "direct"
            a, b = q.start, q.end
            if q.continues:
                b = continued_end(d, q)
        elif q.close_at is not None and text[a:q.open_at].strip() == "":
            pass
    if kind == "indirect":
        while a < b and text[a] in " ":
            a += 1
    if b - a < 2:
        return None
    speaker = frame_speaker(d, f, prev, sentence_subject, lo)
    if speaker is None and f.cue.kind != "nominal":
        return None
    claim = Claim(kind=kind, text=text[a:b], start=a, end=b, paragraph=pi,
                  cue=_cue_text(d, f), cue_start=d.ws[f.cue.i].start, cue_end=d.ws[f.cue.j - 1].end)
    set_speaker(claim, speaker)
    claim.source = frame_source(d, f, speaker, prev, lo)
    if claim.source is None and kind == "indirect" and b < end_given:
        lo_w, hi_w = bisect.bisect_left(d.starts, b), bisect.bisect_left(d.starts, end_given)
        tail = [x for x in sources_in(d, lo_w, hi_w, need_prep=False)
                if x.kind in ("event", "outlet", "channel", "platform")]
        if tail:  # "…، وذلك في تصريح لإذاعة الأفق": the occasion names the channel
            d.source_kind.setdefault(tail[0].text, tail[0].kind)
            claim.source = tail[0].text
    if speaker is not None:
        remember(d, speaker, f.cue)
    d.last = claim
    return claim


# Words that open the reporter's own comment after a quotation ("…"، كما حدث …, "…"، وهو ما …)
REPORTER_COMMENT = tuple(normalize(w) for w in (
    "كما", "وهو ما", "وهي", "وهو", "مما", "الأمر الذي", "في إشارة", "في حين", "بينما"))


def _reporter_comment(after: str) -> bool:
    """The text after a closing quotation mark opens with the reporter's comment."""
    t = normalize(after.lstrip(" ،,\"”»")[:24])  # (the comment's first words are enough)
    return any(t == w or t.startswith(w + " ") for w in REPORTER_COMMENT)


def _reporter_tail(d: State, k: int, end: int) -> int:
    """``end``, or the offset of a comma after word ``k`` that opens the reporter's account of
    the occasion: "، وذلك" and (after prepositions) a noun of the speaker's own doing, with a
    pronoun suffix (قبل توجهه, خلال لقائه) or a source or event noun (في تصريح لإذاعة …).
    "، وذلك على إثر الإلغاء …" stays the speaker's; quotations are skipped."""
    ws = d.ws
    lex = lexicon()
    end = _gloss_start(d, k, end)
    commas = marked(d, COMMA)
    for m in commas[bisect.bisect_left(commas, k):]:
        if m + 2 >= len(ws) or ws[m].start >= end:
            break
        if ws[m + 1].norm == "وذلك" and not inside_quote(d, ws[m].start):
            e = m + 2
            while e < len(ws) and e - m < 5 and ws[e].end <= end and (
                    ws[e].norm in lex.function_words or ws[e].norm in OCCASION):
                e += 1
            if e < len(ws) and ws[e].end <= end and e > m + 2 and not ws[e].is_punct and (
                    source_noun(ws[e]) or _possessed(ws[e], lex)):
                return ws[m].start
    return end


def _gloss_start(d: State, k: int, end: int) -> int:
    """``end``, or the offset of "في إشارة إلى" after word ``k``: the reporter explaining what
    the speaker meant (… تلبية لطلب دولة أخرى، في إشارة إلى الولايات المتحدة)."""
    ws = d.ws
    if "إشارة" not in d.text[ws[k].start:end] and "اشارة" not in d.text[ws[k].start:end]:
        return end
    for m in range(k + 1, len(ws) - 1):
        if ws[m].start >= end:
            break
        if ws[m].norm in ("في", "وفي") and ws[m + 1].norm == "اشاره" and not inside_quote(d, ws[m].start):
            return ws[m].start
    return end


# Words that lead from "وذلك" to the occasion (قبل توجهه, على هامش مشاركته, بمناسبة زيارته).
OCCASION = frozenset(normalize(w) for w in "قبل قبيل بعد بعيد خلال أثناء لدى عند غداة هامش ختام بمناسبة بحضور".split())


def _possessed(w: Word, lex) -> bool:
    """A noun written with a third-person pronoun suffix (توجهه, زيارتها, لقائهم; not نهاية,
    whose ta marbuta normalises like the suffix)."""
    t = strip_diacritics(w.text)
    return len(t) >= 5 and t.endswith(("ه", "ها", "هم")) and w.norm not in lex.function_words \
        and not t.endswith("اه") and w.norm not in verb_table()


def _quote_pair(d: State, q, end: int) -> bool:
    """After quotation ``q`` comes only "، و" and a second quotation that ends the content."""
    text = d.text
    after = q.outer_end
    nxt = next((r for r in d.quotes if r.open_at >= after), None)
    if nxt is None or nxt.close_at is None or nxt.open_at >= end:
        return False
    gap = text[q.outer_end:nxt.open_at].strip(" ،,")
    return gap in ("و", "") and not text[nxt.outer_end:end].strip(" .،,!؟?…\"”»")


def _cue_text(d: State, f: Frame) -> str:
    """The cue as written."""
    return d.text[d.ws[f.cue.i].start:d.ws[f.cue.j - 1].end]


def _make_before_claim(d: State, f: Frame, lo: int, hi: int, a: int, pi: int, frames: list[Frame],
                       claims_here: list[Claim]) -> Claim | None:
    """A nominal cue after its clause (…، بحسب مذكرة داخلية)."""
    ws = d.ws
    text = d.text
    cue_start = ws[f.cue.i].start
    # the clause: from the end of the previous claim or frame in the sentence, else the sentence start
    start = a
    for c in claims_here:
        if c.end <= cue_start:
            if c.start < cue_start and (c.end >= cue_start - 3 or text[c.end:cue_start].strip(" ،,.\"”»") == ""):
                # the clause is that claim: a trailing cue refines it (وفقا للمؤرخ …)
                if f.cue.nominal != "self":
                    sp = nominal_speaker(d, f)
                    if sp is not None and sp.type == "person" and sp.name != sp.mention or c.speaker is None:
                        set_speaker(c, sp)
                    if c.source is None:
                        c.source = frame_source(d, f, sp, None, lo)
                return None
            start = max(start, c.end)
    for g in frames:
        if g is not f and not g.before and g.cue.i < f.cue.i and ws[g.cue.i].start >= start:
            return None  # a verb cue before it in the sentence owns the clause
    if f.cue.nominal == "self":
        return None
    while start < cue_start and (text[start].isspace() or text[start] in "،,.\""):
        start += 1
    end = trim_end(text, start, cue_start)
    if end - start < 8:
        return None
    speaker = nominal_speaker(d, f)
    claim = Claim(kind="indirect", text=text[start:end], start=start, end=end, paragraph=pi,
                  cue=_cue_text(d, f), cue_start=cue_start, cue_end=ws[f.cue.j - 1].end)
    # a quotation that is the whole clause is direct
    for q in d.quotes:
        if q.open_at <= start and q.close_at is not None and q.outer_end >= end:
            claim.kind = "direct"
            claim.start, claim.end, claim.text = q.start, q.end, text[q.start:q.end]
    set_speaker(claim, speaker)
    claim.source = frame_source(d, f, speaker, None, lo)
    if speaker is not None:
        remember(d, speaker, f.cue)
    return claim


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Some span holds the start ``a`` or the end ``b`` of a quotation."""
    for s, e in spans:
        if s <= a < e or s < b <= e:
            return True
    return False


def _bare_quotes(d: State, seg: Segments) -> None:
    """A quotation that stands alone right after a claim (or opens a paragraph after one)
    continues that claim's speaker."""
    text = d.text
    covered = [(c.start, c.end) for c in d.claims]
    claims = sorted(d.claims, key=lambda c: c.start)
    starts = [c.start for c in claims]
    for q in seg.quotes:
        if q.continued:
            continue
        if _overlaps(covered, q.start, q.end):
            continue
        i = bisect.bisect_left(starts, q.start) - 1
        if i < 0:
            continue
        prev = claims[i]
        lo, hi = seg.paragraphs[q.paragraph]
        prev_para = bisect.bisect_right(d.para_starts, prev.end) - 1
        if prev_para == q.paragraph:
            gap = text[prev.end:q.open_at]
        elif prev_para == q.paragraph - 1 and prev.kind == "direct":
            gap = text[lo:q.open_at]
        else:
            continue
        if gap.strip(" \"”»«“.،,:؛") not in ("", "و"):
            continue
        after = text[q.outer_end:hi] if q.close_at is not None else ""
        if after.strip(" .،,!؟?…\"”»") != "":
            continue
        end = continued_end(d, q) if q.continues else q.end
        c = Claim(kind="direct", text=text[q.start:end], start=q.start, end=end, speaker=prev.speaker,
                  speaker_role=prev.speaker_role, speaker_type=prev.speaker_type,
                  speaker_mention=prev.speaker_mention, source=prev.source, paragraph=q.paragraph)
        d.claims.append(c)
        covered.append((c.start, c.end))
