"""Sentence-level attribution: cues -> frames (speaker, cue, source) -> claims.

The pieces live in their own modules: :mod:`.frames` builds frames, :mod:`.clauses` finds
where their content starts and ends; this module runs them sentence by sentence and emits the
claims, including floating quotations and multi-paragraph quotation chains.

For each cue a *frame* is built: who speaks (the subject to the left, an inverted subject to
the right, the agent of a passive, the subject of the main clause for "…, saying …"), which
tokens the frame itself covers, and where its content lies:

- after the frame ("X said (that) …", "X told Y …", "According to X, …");
- before it ("…, X said.", "\"…,\" said X", "…, the FT reports");
- around it, when the attribution interrupts a clause ("The plan had not, X added, been …").

Content that is exactly one quotation (optionally after "that it") is a *direct* claim; other
content is an *indirect* claim whose text keeps any quoted fragments. Quotations that make up a
whole sentence with no cue are *floating* and continue the previous speaker; the paragraphs of a
multi-paragraph quotation share one speaker.
"""
from __future__ import annotations

from claims.model import Claim
from claims.nlp.en import names as names_mod
from claims.nlp.en.clauses import ClauseFinder
from claims.nlp.en.cues import Cue, CueMatcher
from claims.nlp.en.frames import Frame, FrameBuilder, strip_the
from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.resolve import Discourse, Ref
from claims.nlp.en.sources import phrase_source
from claims.nlp.en.speakers import NPParser
from claims.nlp.en.tokens import TokenView

SPEECH_FRAMES = frozenset({"say", "tell", "according", "quote", "pledge", "plan"})
INTRO_SOURCE_WORDS = frozenset({"in", "at", "during", "on", "speaking", "writing", "interviewed"})
OBJECT_STARTS = frozenset("the a an it this that these those them him her his its their".split())


class Attributor(FrameBuilder, ClauseFinder):
    """Runs over one document; see module docs."""

    def __init__(self, matcher: CueMatcher, lex: Lexicon, use_entities: bool = True) -> None:
        self.matcher = matcher
        self.lex = lex
        self.use_entities = use_entities

    def __call__(self, tv: TokenView) -> list[Claim]:
        self.tv = tv
        self.names = names_mod.find(tv, self.lex, self.use_entities)
        self.np = NPParser(tv, self.lex, self.names)
        self.disc = Discourse(tv, self.lex, self.names)
        self.claims: list[Claim] = []
        self.quote_claim: dict[int, Claim] = {}
        self.quote_ref: dict[int, Ref] = {}
        self.floating: list[tuple[int, Claim]] = []
        self.last_ref: Ref | None = None
        self.pending: Frame | None = None  # "X added:" at the end of a paragraph
        cues = self.matcher.find(tv)
        by_sent: dict[int, list[Cue]] = {}
        for c in cues:
            by_sent.setdefault(tv.sent[c.start], []).append(c)
        for si, (s0, s1) in enumerate(tv.sentences):
            self._sentence(si, s0, s1, by_sent.get(si, []))
        self._fill_chains()
        return self.claims

    # ------------------------------------------------------------------ per sentence
    def _sentence(self, si: int, s0: int, s1: int, cues: list[Cue]) -> None:
        tv = self.tv
        while s1 > s0 and tv.space[s1 - 1]:
            s1 -= 1
        if s1 <= s0:
            return
        self._note_initial_subject(s0, s1)
        frames: list[Frame] = []
        for cue in cues:
            if any(g.lo <= cue.start < g.hi for g in frames):
                continue  # inside another frame's speaker ("according to Chinese state press")
            f = self._frame(cue, s0, s1, frames)
            if f is not None:
                frames.append(f)
        pending = self.pending
        for n, f in enumerate(frames):
            self._content(f, frames[n + 1:], frames[:n], s0, s1)
        self._floating(s0, s1)
        if pending is not None and self.pending is pending:
            self.pending = None  # "X added:" hands over to the very next sentence only

    def _note_initial_subject(self, s0: int, s1: int) -> None:
        tv = self.tv
        i = s0
        while i < s1 and (tv.space[i] or tv.low[i] in ("but", "and", "so", "then")):
            i += 1
        if i < s1 and tv.quote[i] < 0:
            m = self.names.by_start.get(i)
            if m is not None and m.end < s1 and not tv.punct[m.end]:
                self.disc.note_mention(m, tv.para[i])


    # ------------------------------------------------------------------ content
    def _content(self, f: Frame, later: list[Frame], earlier: list[Frame], s0: int, s1: int) -> None:
        """Find and emit the content of frame ``f``: after it, else around it, else before it."""
        tv = self.tv
        if not f.cue.verb.strong and any(c.start <= tv.start[f.cue.start] < c.end for e in earlier for c in e.claims):
            return  # "… if the administration showed flexibility": part of another claim
        opens_sentence = f.cue.frame == "according" and f.lo <= self._first_word(s0, s1)
        if f.side in ("left", "main", "passive", "agent") or opens_sentence:
            if self._forward(f, later, s0, s1, opens_sentence):
                return
        if f.side == "passive" or f.cue.frame in ("accuse", "plan", "pledge"):
            return
        self._backward(f, earlier, s0, s1)

    def _forward(self, f: Frame, later: list[Frame], s0: int, s1: int, opens_sentence: bool) -> bool:
        """"X said (that) …": emit the clause after the frame; False when there is none."""
        tv = self.tv
        start = self._forward_start(f, s1)
        if start is None or not any(tv.is_word(k) for k in range(start, s1)):
            return False
        end = self._forward_end(start, later, s1)
        if f.relative:  # "X, who said …, left": up to the end of the relative clause
            end = next((k for k in range(start, end) if tv.words[k] == "," and tv.quote[k] < 0), end)
        if not opens_sentence and not tv.is_qmark(start) and self._interrupted(f, s0, s1):
            self._emit_indirect(f, s0, s1, s0, s1)
            return True
        if end <= start:
            return False
        f.content_end = end
        self._emit(f, start, end, s0, s1)
        return True

    def _backward(self, f: Frame, earlier: list[Frame], s0: int, s1: int) -> None:
        """"…, X said." / "\"…,\" said X": the clause or quotation before the frame."""
        tv = self.tv
        prev = self._prev_word(f.lo, s0)
        if prev is None:
            return
        cut = prev if tv.words[prev] in (",", ":", "—", "–", "-") or tv.is_qmark(prev) else None
        if tv.low[prev] == "as":  # "…, as the New York Times put it"
            c2 = self._prev_word(prev, s0)
            cut = c2 if c2 is not None and tv.words[c2] == "," else prev
        if cut is None:
            return
        # "SAIC says …, the FT reports": the trailing frame is the source of the outermost claim
        owner = next((e for e in earlier if e.content_end is not None and e.content_end >= cut - 1 and e.claims), None)
        if owner is not None:
            self._attach(owner, f)
            return
        a = self._clause_start(s0, earlier)
        b = cut if not tv.is_qmark(cut) else cut + 1
        if b <= a:
            return
        after = self._next_word(f.hi, s1)
        if self._interrupted(f, s0, s1) and not self._quote_only(a, b):
            self._emit_indirect(f, a, s1, s0, s1)
            return
        if self._only_discourse(a, b) and after is not None and tv.words[after] == ",":
            start = self._next_word(after + 1, s1)  # "Meanwhile, according to X, …"
            if start is not None:
                self._emit(f, start, s1, s0, s1)
            return
        self._emit(f, a, b, s0, s1)
        # "\"Q1,\" X said, \"Q2\"": the second quotation too (without the cue)
        if after is not None and tv.words[after] == ",":
            q2 = self._next_word(after + 1, s1)
            if q2 is not None and tv.is_qmark(q2) and tv.quote[q2] >= 0 and self._quote_only(q2, s1):
                self._direct(f, tv.quote[q2], s0, cue=False)

    def _attach(self, owner: Frame, f: Frame) -> None:
        """A trailing frame after another frame's clause ("SAIC says …, the FT reports"):
        it names the source of that claim."""
        ref = f.ref
        label = None
        if ref.source:
            label = ref.source
        elif ref.outlet:
            label = strip_the(ref.label or "")
        if label:
            for c in owner.claims:
                if not c.source:
                    c.source = label

    # ------------------------------------------------------------------ emitting
    def _emit(self, f: Frame, a: int, b: int, s0: int, s1: int) -> None:
        tv = self.tv
        while b > a and (tv.space[b - 1] or tv.words[b - 1] in (",", ";", ":", ".", "!", "?") and tv.quote[b - 1] < 0):
            b -= 1
        while a < b and (tv.space[a] or (tv.words[a] in (",", ":") and tv.quote[a] < 0)):
            a += 1
        if b <= a:
            return
        q = self._single_quote(a, b, f.cue.frame == "call")
        if q is not None:
            self._direct(f, q, s0)
            return
        if f.cue.frame == "call":
            self._call_np(f, a, b)
            return
        if tv.low[a] in OBJECT_STARTS and sum(1 for k in range(a, b) if tv.is_word(k)) <= 2 \
                and not any(tv.quote[k] >= 0 for k in range(a, b)):
            return  # "denied the report", "confirmed it": an object, no reported content
        self._emit_indirect(f, a, b, s0, s1)

    def _call_np(self, f: Frame, a: int, b: int) -> None:
        """"what X called a record year": the short unquoted designation after "called"."""
        tv = self.tv
        prev = self._prev_word(f.lo, 0)
        if prev is None or tv.low[prev] != "what":
            return
        e = a
        while e < b and tv.quote[e] < 0 and not tv.punct[e] and (e == a or tv.low[e] not in ("for", "of", "in", "on", "at", "to", "by", "with", "and", "but", "that", "which")):
            e += 1
        if e > a:
            self._emit_indirect(f, a, e, 0, b)

    def _direct(self, f: Frame, qi: int, s0: int, cue: bool = True) -> None:
        q = self.tv.quotes[qi]
        claim = self._make("direct", q.start, q.end, f, cue)
        if claim is not None:
            self.quote_claim.setdefault(qi, claim)
            self.quote_ref[qi] = f.ref

    def _emit_indirect(self, f: Frame, a: int, b: int, s0: int, s1: int) -> None:
        tv = self.tv
        a = self._skip_dateline(a, b)
        while a < b and (tv.space[a] or tv.words[a] == "," or self._connective(a, b)):
            a += 1
        while b > a and (tv.space[b - 1] or (tv.words[b - 1] in (",", ";", ":", ".") and tv.quote[b - 1] < 0)):
            b -= 1
        if b <= a:
            return
        claim = self._make("indirect", tv.start[a], tv.end[b - 1], f, True)
        if claim is not None:
            for qi in {tv.quote[k] for k in range(a, b) if tv.quote[k] >= 0}:
                self.quote_claim.setdefault(qi, claim)

    def _make(self, kind: str, start: int, end: int, f: Frame | None, with_cue: bool, ref: Ref | None = None) -> Claim | None:
        tv = self.tv
        if end <= start:
            return None
        for c in self.claims:
            if c.start == start and c.end == end:
                return None
        ref = ref or (f.ref if f else None)
        source = f.source if f else None
        if f is not None and source is None:
            source = self._frame_source(f)
        claim = Claim(
            kind=kind, text=tv.text[start:end], start=start, end=end,
            speaker=ref.label if ref else None, speaker_role=ref.role if ref else None,
            speaker_type=ref.type if ref else None, speaker_mention=ref.mention if ref else None,
            source=source,
            cue=tv.span_text(f.cue.start, f.cue.end) if f and with_cue else None,
            cue_start=tv.start[f.cue.start] if f and with_cue else None,
            cue_end=tv.end[f.cue.end - 1] if f and with_cue else None,
            paragraph=tv.para[tv.token_at(start)],
        )
        self.claims.append(claim)
        if f is not None:
            f.claims.append(claim)
        if ref is not None and ref.label:
            self.last_ref = ref
            self.disc.note(ref)
        return claim

    def _frame_source(self, f: Frame) -> str | None:
        tv, lex = self.tv, self.lex
        ref = f.ref
        if ref.source:
            return ref.source
        if f.source_np is not None:
            src = self.disc.resolve(f.source_np, tv.para[f.lo])
            if src.outlet or src.source:
                return src.source or strip_the(src.label or "")
        if ref.outlet and f.cue.frame in SPEECH_FRAMES:
            return strip_the(ref.label or "")  # "the Financial Times reported", later "it added"
        # an adjunct after the speaker or cue ("…, X said in a statement"), or an intro phrase
        s0, s1 = tv.sentences[tv.sent[f.cue.start]]
        if f.np is not None and f.np.appositive is not None:
            a, b = f.np.appositive
            src = phrase_source(tv, lex, a, b, anchored=False)
            if src is not None:
                return src.label
        src = phrase_source(tv, lex, f.hi, s1)
        if src is None and f.np is not None and f.side == "left":
            src = phrase_source(tv, lex, f.cue.end, s1)
        if src is None:
            first = self._first_word(s0, s1)
            if first is not None and tv.low[first] in INTRO_SOURCE_WORDS and first < f.lo:
                k = first + 1 if tv.low[first] in ("speaking", "writing", "interviewed") else first
                src = phrase_source(tv, lex, k, f.lo)
        return src.label if src is not None else None

    # ------------------------------------------------------------------ floating quotes
    def _floating(self, s0: int, s1: int) -> None:
        tv = self.tv
        qis = sorted({tv.quote[k] for k in range(s0, s1) if tv.quote[k] >= 0})
        if not qis:
            return
        narrative = any(tv.quote[k] < 0 and tv.is_word(k) for k in range(s0, s1))
        if narrative:
            return
        for qi in qis:
            if qi in self.quote_claim:
                continue
            q = tv.quotes[qi]
            ref = self.quote_ref.get(qi - 1) if q.continued else None
            pending, self.pending = self.pending, None
            if ref is None and pending is not None:
                self._direct(pending, qi, s0)
                continue
            ref = ref or self.last_ref
            if ref is None and not q.continues:
                continue  # no speaker, and no later paragraph of the quotation to name one
            claim = self._make("direct", q.start, q.end, None, False, ref=ref)
            if claim is not None:
                self.quote_claim[qi] = claim
                if ref is not None:
                    self.quote_ref[qi] = ref
                self.floating.append((qi, claim))

    def _fill_chains(self) -> None:
        """A floating quotation continued in the next paragraph, where a cue names the speaker,
        takes that speaker ("\"…\n\"…,\" he said")."""
        tv = self.tv
        for qi, claim in reversed(self.floating):
            q = tv.quotes[qi]
            if not q.continues:
                continue
            nxt = self.quote_ref.get(qi + 1)
            if nxt is not None and nxt.label and nxt.label != claim.speaker:
                claim.speaker, claim.speaker_role, claim.speaker_type = nxt.label, nxt.role, nxt.type
                claim.speaker_mention = nxt.mention
                self.quote_ref[qi] = nxt
        self.claims = [c for c in self.claims if c.speaker is not None or c.cue is not None]

    # ------------------------------------------------------------------ helpers

    def _clause_start(self, s0: int, earlier: list[Frame]) -> int:
        start = s0
        for e in earlier:
            if e.content_end is None and e.hi > start and e.claims:
                start = e.hi
        return start
