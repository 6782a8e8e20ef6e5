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
multi-paragraph quotation share one speaker. A cue inside another speaker's reported clause
("The spokesman said the minister had told MPs …") makes no claim of its own.

A source named once holds for the same speaker's continuation of the same occasion (see
:meth:`Attributor._carry_sources`; ``CARRY_SOURCES`` switches it off), and an occasion named in
an opening phrase of a sentence that reports nothing ("In a series of tweets, the senator
attacked the plan.") is the source of that person's next words.
"""
from __future__ import annotations

from itertools import compress

from claims.model import Claim
from claims.nlp.en import names as names_mod
from claims.nlp.en.clauses import AUXILIARIES, ClauseFinder
from claims.nlp.en.cues import Cue, CueMatcher
from claims.nlp.en.frames import FRONTED, Frame, FrameBuilder, strip_the
from claims.nlp.en.lexicon import CueVerb, Lexicon
from claims.nlp.en.resolve import Discourse, Ref
from claims.nlp.en.sources import object_source, phrase_source, skip_time
from claims.nlp.en.speakers import EPITHET_NOUNS as EPITHETS
from claims.nlp.en.speakers import INTRO_PREPS, NP, NPParser
from claims.nlp.en.tokens import TokenView

SPEECH_FRAMES = frozenset({"say", "tell", "according", "quote", "pledge", "plan"})
CLAUSE_OPENERS = frozenset({"but", "while", "whereas", "although", "though", "yet"})
INTRO_PARTICIPLES = frozenset({"speaking", "writing", "interviewed", "asked", "appearing", "talking"})
INTRO_SOURCE_WORDS = frozenset({"in", "at", "during", "on"}) | INTRO_PARTICIPLES
OBJECT_STARTS = frozenset("the a an it this that these those them him her his its their".split())
INDEFINITE_OBJECTS = frozenset("anything nothing something everything".split())
CARRY_SOURCES = True  # see Attributor._carry_sources
TIME_LEADS = frozenset("on last this next earlier late early in the".split())
CONTINUING_CUES = frozenset("added adds adding continued continues continuing wrote writes writing tweeted tweets "
                            "tweeting posted posts".split())
POSSESSED_NOUNS = frozenset("shares share stock stocks profits profit sales revenue revenues earnings results "
                            "price prices subscribers customers staff".split())


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
        self.claim_spans: set[tuple[int, int]] = set()  # (start, end) of the claims made so far
        self.quote_claim: dict[int, Claim] = {}
        self.quote_ref: dict[int, Ref] = {}
        self.floating: list[tuple[int, Claim]] = []
        self.last_ref: Ref | None = None
        self.pending: Frame | None = None  # "X added:" at the end of a paragraph
        self.scene: tuple[str, str, int] | None = None  # (speaker, source, paragraph) of an intro phrase
        cues = self.matcher.find(tv)
        by_sent: dict[int, list[Cue]] = {}
        for c in cues:
            by_sent.setdefault(tv.sent[c.start], []).append(c)
        for si, (s0, s1) in enumerate(tv.sentences):
            self._sentence(si, s0, s1, by_sent.get(si, []))
        self._fill_chains()
        if CARRY_SOURCES:
            self._carry_sources()
        return self.claims

    # ------------------------------------------------------------------ per sentence
    def _sentence(self, si: int, s0: int, s1: int, cues: list[Cue]) -> None:
        tv = self.tv
        while s1 > s0 and tv.space[s1 - 1]:
            s1 -= 1
        if s1 <= s0:
            return
        scene_before = self.scene
        n_claims = len(self.claims)
        self._note_initial_subject(s0, s1)
        self._note_clause_subjects(s0, s1)
        frames: list[Frame] = []
        for cue in cues:
            if any(g.lo <= cue.start < g.hi for g in frames):
                continue  # inside another frame's speaker ("according to Indian state media")
            f = self._frame(cue, s0, s1, frames)
            if f is not None:
                frames.append(f)
        pending = self.pending
        for n, f in enumerate(frames):
            self._content(f, frames[n + 1:], frames[:n], s0, s1)
        self._rest_of_quotation(frames, s0, s1)
        self._nominal(frames, s0, s1)
        self._floating(s0, s1)
        if pending is not None and self.pending is pending:
            self.pending = None  # "X added:" hands over to the very next sentence only
        if self.scene is not None and self.scene is not scene_before and len(self.claims) > n_claims:
            self.scene = None  # the sentence that names the occasion reports speech itself: its own source

    def _nominal(self, frames: list[Frame], s0: int, s1: int) -> None:
        """"He hit back at Mr Lee's claim that the plan would work", "her warning that …": a
        possessor, a cue noun and a "that" clause make a claim of the possessor."""
        tv = self.tv
        if self.lex.cue_nouns.isdisjoint(tv.low[s0 + 2:s1 - 1]):
            return
        for i in range(s0 + 2, s1 - 1):
            if tv.low[i] not in self.lex.cue_nouns or tv.quote[i] >= 0 or not tv.lowercase[i]:
                continue
            nxt = self._next_word(i + 1, s1)
            if nxt is None or tv.low[nxt] != "that" or any(c.start <= tv.start[i] < c.end for c in self.claims):
                continue
            p = self._prev_word(i, s0)
            if p is None:
                continue
            if tv.low[p] == "'s":
                m = self.names.at_end(p)
                if m is None:
                    continue
                np = self.np.parse(m.start, m.end)
                lo = m.start
            elif tv.low[p] in ("his", "her", "their", "its"):
                form = {"his": "he", "her": "she", "their": "they", "its": "it"}[tv.low[p]]
                np = NP(p, p + 1, "pronoun", form, p)
                lo = p
            else:
                continue
            if np is None:
                continue
            ref = self.disc.pronoun(form, tv.words[p], tv.para[p], p) if np.kind == "pronoun" else \
                self.disc.resolve(np, tv.para[p])
            if not ref.label:
                continue
            cue = Cue(i, i + 1, CueVerb(tv.low[i], "say", True, "noun"))
            f = Frame(cue, np, ref, "left", lo, i + 1)
            start = self._next_word(nxt + 1, s1)
            if start is None:
                continue
            end = self._forward_end(start, [g for g in frames if g.lo > start], s1)
            end = next((k for k in range(start, end) if tv.words[k] in (",", ";") and tv.quote[k] < 0
                        and self._next_word(k + 1, end) is not None
                        and tv.low[self._next_word(k + 1, end)] in ("but", "and", "while", "which")), end)
            self._emit_indirect(f, start, end, s0, s1)

    def _rest_of_quotation(self, frames: list[Frame], s0: int, s1: int) -> None:
        """'"Q1," X told Y on Monday, "Q2"', '"Q1," X said, referring to Z, "Q2"': with one frame
        in the sentence and a quotation of its own, the later unclaimed quotations are its too."""
        productive = [f for f in frames if f.claims]
        if len(productive) != 1 or not any(c.kind == "direct" for c in productive[0].claims):
            return
        tv, f = self.tv, productive[0]
        for qi in sorted({tv.quote[k] for k in range(f.hi, s1) if tv.quote[k] >= 0}):
            q = tv.quotes[qi]
            if qi in self.quote_claim or q.open_at < tv.start[f.hi - 1]:
                continue
            o = tv.token_at(q.open_at)
            before = self._prev_word(o, s0)
            after = [k for k in range(o, s1) if tv.quote[k] != qi and tv.word[k]]
            if before is not None and tv.words[before] == "," and not after:
                self._direct(f, qi, s0, cue=False)

    def _note_initial_subject(self, s0: int, s1: int) -> None:
        tv = self.tv
        i = s0
        while i < s1 and (tv.space[i] or tv.low[i] in ("but", "and", "so", "then")):
            i += 1
        intro = None
        if i < s1 and tv.low[i] in INTRO_PREPS:  # "In response to the protests, Lee …"
            c = next((k for k in range(i + 1, min(s1, i + 12)) if tv.words[k] == "," and tv.quote[k] < 0), None)
            if c is not None:
                if tv.low[i] in INTRO_SOURCE_WORDS:
                    intro = phrase_source(tv, self.lex, i + (tv.low[i] in INTRO_PARTICIPLES), c)
                i = self._next_word(c + 1, s1) or s1
        if i < s1 and tv.quote[i] < 0:
            m = self._role_then_name(i, s1)
            np = None
            if m is None:
                np = self._person_subject(i, s1)
            ref = None
            if m is not None and m.end < s1 and (not tv.punct[m.end] or self._aside_then_verb(m.end, s1)) \
                    and not self._modifier_name(m.end, s1):
                self.disc.note_mention(m, tv.para[i])
                ref = self.disc.subjects[-1] if self.disc.subjects and m.entity is not None else None
            elif np is not None:
                named = self._apposed_person(np.end, s1, reach=6)
                if named is not None:  # "The mayor of Surabaya, Tri Rismaharini, comforted …"
                    self.disc.note_mention(named[0], tv.para[i])
                else:
                    ref = self.disc.resolve(np, tv.para[i])  # "The senator attacked the plan. …, she wrote."
                    if ref.label:
                        self.disc.note(ref)
            if intro is not None and ref is not None and ref.label:
                # "In a series of tweets, the senator attacked the plan. '…,' she wrote."
                self.scene = (ref.label, intro.label, tv.para[i])

    def _note_clause_subjects(self, s0: int, s1: int) -> None:
        """"X won the race but McIlroy is unfazed. He said …": a person who is the subject of a
        later clause (after "but", "while", ";") is the last one a pronoun can mean."""
        tv = self.tv
        if CLAUSE_OPENERS.isdisjoint(tv.low[s0 + 1:s1]) and ";" not in tv.words[s0 + 1:s1]:
            return  # (most sentences: decided without a loop over their words)
        for k in range(s0 + 1, s1):
            if tv.quote[k] >= 0 or not (tv.words[k] == ";" or tv.lowercase[k] and tv.low[k] in CLAUSE_OPENERS):
                continue
            n = self._next_word(k + 1, s1)
            m = self.names.by_start.get(n) if n is not None else None
            if m is None or m.entity is None or m.entity.kind != "person" or m.end >= s1:
                continue
            v = self._next_word(m.end, s1)
            if v is not None and tv.lowercase[v] and (tv.low[v] in AUXILIARIES or tv.low[v] in self.lex.verbs
                                                      or tv.low[v].endswith(("ed", "s"))):
                self.disc.note_mention(m, tv.para[n])

    def _aside_then_verb(self, k: int, s1: int) -> bool:
        """"Mr Lee, who has dual nationality, was …": at ``k`` a comma opens an aside (a
        relative clause, an age, an apposition) that a second comma closes, and a lower-case
        word other than a conjunction follows: the name before it is the sentence's subject."""
        tv = self.tv
        if tv.words[k] != ",":
            return False
        c = next((j for j in range(k + 1, min(s1, k + 25)) if tv.words[j] == "," and tv.quote[j] < 0), None)
        if c is None:
            return False
        n = self._next_word(c + 1, s1)
        return n is not None and tv.lowercase[n] and (tv.low[n] in AUXILIARIES or tv.low[n] in self.lex.verbs
                                                      or tv.low[n].endswith("ed"))

    def _role_then_name(self, i: int, s1: int):
        """The name that opens the clause at ``i``, after any role words before it ("UK mobile
        group Kestrel Telecom has …" -> Kestrel Telecom), or None."""
        tv, lex = self.tv, self.lex
        m = self.names.by_start.get(i)
        if m is not None and (m.end >= s1 or not tv.lowercase[m.end]):
            return m
        for k in range(i + (m.end - i if m is not None else 1), min(s1, i + 8)):
            if tv.space[k]:
                continue
            if tv.quote[k] >= 0 or tv.punct[k] and tv.words[k] not in ("'s", "-", "&") \
                    or tv.lowercase[k] and (tv.low[k] in lex.clause_words or tv.low[k] in lex.verbs):
                break
            m2 = self.names.by_start.get(k)
            if m2 is not None:
                np = self.np.parse(i, m2.end)
                if np is not None and np.kind == "name" and np.mention is m2:
                    return m2
                break
        return m

    def _person_subject(self, i: int, s1: int) -> NP | None:
        """A singular person described by a role that opens the clause ("The senator attacked …")."""
        tv, lex = self.tv, self.lex
        for k in range(i, min(s1, i + 6)):
            if tv.punct[k] and not tv.space[k] or tv.quote[k] >= 0:
                return None
            low = tv.low[k]
            if low in lex.title_heads or low in lex.speaker_nouns or low in EPITHETS:
                np = self.np.parse(i, k + 1)
                return np if np is not None and np.kind == "noun" and self._person_noun(np) else None
        return None

    def _person_noun(self, np: NP) -> bool:
        """A singular person described by a role ("the senator", "a police spokesman")."""
        head = self.tv.low[np.head]
        return np.noun_kind in ("person", "anonymous") and not head.endswith("s") and (
            head in self.lex.title_heads or self.lex.speaker_nouns.get(head) in ("person", "anonymous"))

    def _modifier_name(self, e: int, s1: int) -> bool:
        """"Volga Cellular shares rose", "Kestrel bosses say": the name modifies the noun after
        it, so it is not the subject of the sentence."""
        tv, lex = self.tv, self.lex
        nxt = self._next_word(e, s1)
        if nxt is None or not tv.lowercase[nxt]:
            return False
        low = tv.low[nxt]
        return low in POSSESSED_NOUNS or low in lex.speaker_nouns or low in lex.title_heads


    # ------------------------------------------------------------------ content
    def _content(self, f: Frame, later: list[Frame], earlier: list[Frame], s0: int, s1: int) -> None:
        """Find and emit the content of frame ``f``: after it, else around it, else before it."""
        tv = self.tv
        outer = next((c for e in earlier for c in e.claims if c.start <= tv.start[f.cue.start] < c.end), None)
        inside = outer is not None
        if inside and (not f.cue.verb.strong or f.cue.frame == "belief" or (f.np is not None and f.np.kind == "pronoun")):
            return  # "… if the administration showed flexibility", "X said he did not think …": part of another claim
        if inside and f.side in ("left", "main") and outer.kind == "indirect" and tv.start[f.lo] >= outer.start:
            return  # "The spokesman said the minister had told MPs …": the minister is inside the reported clause
        opens_sentence = f.cue.frame == "according" and f.lo <= self._first_word(s0, s1)
        quoted_as = f.cue.frame == "quote" and f.np is not None and f.hi > f.np.end  # "quote X as saying …"
        if f.side in ("left", "main", "passive", "agent") or opens_sentence or quoted_as:
            # '"…," X said after the meeting': after a quotation the frame closes it, and what
            # follows the cue is an adjunct, not content
            if self._after_quotation(f, s0):
                if f.cue.frame == "tell":
                    self._forward_start(f, s1)  # only for the recipient as source ("told the BBC")
            elif self._forward(f, later, s0, s1, opens_sentence):
                return
        if f.side == "passive" or f.cue.frame in ("accuse", "plan", "pledge", "call"):
            return  # "call" too: "the chief, dubbed Robocop for his style, …" reports nothing
        if f.side == "main" and f.cue.form == "ing":
            return  # "Prices rose, reminding investors of 2017": the main clause is the narrator's
        self._backward(f, earlier, s0, s1)

    def _after_quotation(self, f: Frame, s0: int) -> bool:
        """The frame comes right after a quotation ('"…," X said …', '"…" — X said …')."""
        tv = self.tv
        prev = self._prev_word(f.lo, s0)
        if prev is not None and tv.words[prev] in (",", "—", "–", "-", "--") and tv.quote[prev] < 0:
            prev = self._prev_word(prev, s0)
        if prev is None or tv.quote[prev] < 0 or not tv.qmark[prev]:
            return False
        if self._nickname(tv.quote[prev], s0):
            return False  # 'Jimmy "the Whirlwind" White has admitted …': a nickname inside the subject
        if f.side == "main" and any(c.start <= tv.start[prev] < c.end + 1 for c in self.claims if c.kind == "indirect"):
            return False  # 'X said the rules were "a joke", adding that …': the quotation ends X's clause
        return tv.text[tv.start[prev] - 1:tv.start[prev]] != "."  # '"… interactive." Mr X said that …' starts anew

    def _nickname(self, qi: int, s0: int) -> bool:
        """A short quotation between two parts of a name ('Jimmy "the Whirlwind" White')."""
        tv = self.tv
        q = tv.quotes[qi]
        if q.close_at is None:
            return False
        o, c = tv.token_at(q.open_at), tv.token_at(q.close_at)
        words = list(compress(range(o, c), tv.word[o:c]))
        before, after = self._prev_word(o, s0), self._next_word(c + 1, len(tv))
        return 0 < len(words) <= 4 and before is not None and after is not None and tv.quote[before] < 0 \
            and self.names.by_end.get(before + 1) is not None and self.names.by_start.get(after) is not None

    def _forward(self, f: Frame, later: list[Frame], s0: int, s1: int, opens_sentence: bool) -> bool:
        """"X said (that) …": emit the clause after the frame; False when there is none."""
        tv = self.tv
        start = self._forward_start(f, s1)
        if start is None or not any(tv.word[start:s1]):
            return False
        end = self._forward_end(start, later, s1)
        first = self._first_word(s0, s1)
        fronted = tv.low[first] in FRONTED and first < f.lo and not any(
            tv.words[k] == "," and tv.quote[k] < 0 for k in range(first, f.lo))  # the frame is inside that clause
        if f.relative or fronted:
            # "X, who said …, left" / "Although he said …, X left": up to the end of that clause
            end = next((k for k in range(start, end) if tv.words[k] == "," and tv.quote[k] < 0
                        and not tv.qmark[self._prev_word(k, start) or k]), end)
        if not opens_sentence and not tv.qmark[start] and self._interrupted(f, s0, s1):
            self._emit_indirect(f, s0, s1, s0, s1)
            return True
        taken = next((k for k in range(start + 1, end) if tv.quote[k] >= 0 and tv.qmark[k]
                      and tv.quote[k] in self.quote_claim), None) if any(tv.qmark[start + 1:end]) else None
        if taken is not None:  # '… a woman who suggested X that "Q"': "Q" is the other frame's
            end = taken
            prev = self._prev_word(end, start)
            if prev is not None and tv.low[prev] == "that":
                end = prev
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
        cut = prev if tv.words[prev] in (",", ":", "—", "–", "-") or tv.qmark[prev] else None
        if tv.low[prev] == "as":  # "…, as the Boston Globe put it"
            c2 = self._prev_word(prev, s0)
            cut = c2 if c2 is not None and tv.words[c2] == "," else prev
        if cut is None:
            return
        # "Norvex says …, the Times reports": the trailing frame is the source of the outermost claim
        owner = next((e for e in earlier if e.content_end is not None and e.content_end >= cut - 1 and e.claims), None)
        if owner is not None:
            self._attach(owner, f)
            return
        a = self._clause_start(s0, earlier)
        b = cut if not tv.qmark[cut] else cut + 1
        if b <= a:
            return
        if f.cue.frame == "ask" and not self._quote_only(a, b):
            return  # "For this scene, Lee asked …": only a quotation is asked
        colon = next((k for k in range(b - 1, a, -1) if tv.words[k] == ":" and tv.quote[k] < 0), None) \
            if ":" in tv.words[a + 1:b] else None
        if colon is not None:
            q = self._next_word(colon + 1, b)
            if q is not None and tv.qmark[q] and self._quote_only(q, b):
                a = q  # "The statement cited the risk: '…,' the union wrote": the quotation only
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
            if q2 is not None and tv.qmark[q2] and tv.quote[q2] >= 0 and self._quote_only(q2, s1):
                self._direct(f, tv.quote[q2], s0, cue=False)

    def _attach(self, owner: Frame, f: Frame) -> None:
        """A trailing frame after another frame's clause ("Norvex says …, the Times reports"):
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
        nxt = self._next_word(a + 1, b)
        if tv.low[a] in INDEFINITE_OBJECTS and (nxt is None or tv.low[nxt] in ("about", "of", "on", "regarding", "more")):
            return  # "stopped short of revealing anything about it" (not "said nothing had changed")
        n_words = sum(tv.word[a:b])
        if tv.low[a] in OBJECT_STARTS and n_words > 2:
            n_words -= self._trailing_time(a, b)  # "reported the deal on Tuesday"
        if (tv.low[a] in OBJECT_STARTS and n_words <= 2 or n_words == 1) \
                and not any(tv.quote[k] >= 0 for k in range(a, b)):
            return  # "denied the report", "confirmed it", "revealing more": an object, no reported content
        self._emit_indirect(f, a, b, s0, s1)

    def _trailing_time(self, a: int, b: int) -> int:
        """How many words at the end of [a, b) are a time adjunct ("on Tuesday", "last week")."""
        tv, lex = self.tv, self.lex
        words = list(compress(range(a, b), tv.word[a:b]))
        n = 0
        while words and (tv.low[words[-1]] in lex.time_words or tv.low[words[-1]] in ("yesterday", "today")):
            words.pop()
            n += 1
            while words and tv.low[words[-1]] in TIME_LEADS:
                words.pop()
                n += 1
        return n

    def _call_np(self, f: Frame, a: int, b: int) -> None:
        """"what X called a banner season": the short unquoted designation after "called"."""
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
        end = tv.end[b - 1]
        if b >= 2 and tv.words[b - 1].endswith(".") and len(tv.words[b - 1]) > 1 and tv.words[b - 2][-1:].isdigit() \
                and tv.end[b - 2] == tv.start[b - 1] and self._next_word(b, s1) is None:
            end -= 1  # "… losses of $4m.": the full stop written solid with the last token
        claim = self._make("indirect", tv.start[a], end, f, True)
        if claim is not None:
            for qi in set(tv.quote[a:b]) - {-1}:  # the quotations inside it
                self.quote_claim.setdefault(qi, claim)

    def _make(self, kind: str, start: int, end: int, f: Frame | None, with_cue: bool, ref: Ref | None = None) -> Claim | None:
        tv = self.tv
        if end <= start:
            return None
        if (start, end) in self.claim_spans:
            return None
        ref = ref or (f.ref if f else None)
        source = f.source if f else None
        if f is not None and source is None:
            source = self._frame_source(f)
        para = tv.para[tv.token_at(start)]
        if source is None and self.scene is not None and ref is not None and ref.label == self.scene[0] \
                and 0 <= para - self.scene[2] <= 1:
            source = self.scene[1]  # (later claims continue it through _carry_sources)
        if ref is not None and ref.label and self.scene is not None:
            self.scene = None
        claim = Claim(
            kind=kind, text=tv.text[start:end], start=start, end=end,
            speaker=ref.label if ref else None, speaker_role=ref.role if ref else None,
            speaker_type=ref.type if ref else None, speaker_mention=ref.mention if ref else None,
            source=source,
            cue=tv.span_text(f.cue.start, f.cue.end) if f and with_cue else None,
            cue_start=tv.start[f.cue.start] if f and with_cue else None,
            cue_end=tv.end[f.cue.end - 1] if f and with_cue else None,
            paragraph=para,
        )
        self.claims.append(claim)
        self.claim_spans.add((start, end))
        if f is not None:
            f.claims.append(claim)
        if ref is not None and ref.label and not (f is not None and f.cue.form == "noun"):
            self.last_ref = ref  # (a possessor, "X's claim that …", is no subject: it changes neither)
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
            if f.source_np.kind == "noun" and tv.low[f.source_np.head] in lex.outlet_nouns:
                return f.source_np.text  # "Local newspapers quote X as saying …"
        if ref.outlet and (f.cue.frame in SPEECH_FRAMES or f.cue.frame in ("belief", "call")):
            # "the Financial Times reported", later "it added"; "BBC Sport understands …"
            return strip_the(ref.label or "")
        # an adjunct after the speaker or cue ("…, X said in a statement"), or an intro phrase
        s0, s1 = tv.sentences[tv.sent[f.cue.start]]
        if f.np is not None and f.np.appositive is not None:
            a, b = f.np.appositive
            src = phrase_source(tv, lex, a, b, anchored=False)
            if src is not None:
                return src.label
        src = phrase_source(tv, lex, skip_time(tv, lex, f.hi, s1), s1)
        if src is None and f.np is not None and f.side == "left":
            src = phrase_source(tv, lex, skip_time(tv, lex, f.cue.end, s1), s1)
        if src is None and f.cue.form == "ing":
            src = object_source(tv, lex, f.cue.start, s0)  # "released a statement saying …"
        if src is None:
            first = self._first_word(s0, s1)
            if first is not None and tv.low[first] in INTRO_SOURCE_WORDS and first < f.lo:
                k = first + 1 if tv.low[first] in INTRO_PARTICIPLES else first
                src = phrase_source(tv, lex, k, f.lo)
        if src is None and f.side in ("left", "right") and f.np is not None and self._colon_before(s0, f.lo):
            subj = self.np.first_np(s0, f.lo)  # "The statement also cited …: '…,' the union wrote."
            colon = next((k for k in range(subj.end, f.lo) if tv.words[k] == ":" and tv.quote[k] < 0), None) \
                if subj is not None else None
            if colon is not None and subj.kind == "noun" and subj.noun_kind == "document" \
                    and tv.qmark[self._next_word(colon + 1, f.lo) or colon]:
                return subj.text
        return src.label if src is not None else None

    def _colon_before(self, s0: int, lo: int) -> bool:
        """A colon outside quotations in [s0, lo): the cheap test before looking for a
        document subject (parsing the sentence's first NP is costly, the colon rare)."""
        tv = self.tv
        return ":" in tv.words[s0:lo] and any(tv.words[k] == ":" and tv.quote[k] < 0 for k in range(s0, lo))

    # ------------------------------------------------------------------ floating quotes
    def _floating(self, s0: int, s1: int) -> None:
        tv = self.tv
        quote = tv.quote[s0:s1]
        if max(quote) < 0 or -1 in compress(quote, tv.word[s0:s1]):
            return  # no quotation, or words outside quotations: narrative
        qis = sorted({qi for qi in quote if qi >= 0})
        for qi in qis:
            if qi in self.quote_claim:
                continue
            q = tv.quotes[qi]
            ref = self.quote_ref.get(qi - 1) if q.continued or q.resumes else None
            pending, self.pending = self.pending, None
            if ref is None and pending is not None:
                self._direct(pending, qi, s0)
                continue
            ref = ref or self.last_ref
            if ref is None and not (q.continues or q.resumed):
                continue  # no speaker, and no later part of the quotation to name one
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
            if not (q.continues or q.resumed):  # ('"A. "B," said X': a paragraph break lost in the text)
                continue
            nxt = self.quote_ref.get(qi + 1)
            if nxt is not None and nxt.label and nxt.label != claim.speaker:
                claim.speaker, claim.speaker_role, claim.speaker_type = nxt.label, nxt.role, nxt.type
                claim.speaker_mention = nxt.mention
                self.quote_ref[qi] = nxt
        self.claims = [c for c in self.claims if c.speaker is not None or c.cue is not None]

    def _carry_sources(self) -> None:
        """A channel named once holds for what the same speaker goes on to say on the same
        occasion: "X said in a series of tweets that …. He added that …", '"Q1," X told
        Reuters. "Q2"'. It passes from a claim to the next claim of the article when both have
        the same speaker and the next one is in the same sentence, or in the same or the next
        paragraph and only continues the statement (a quotation with no cue, or "added",
        "continued", "also said", "went on"). A plain new "X said …" starts afresh (the dev
        convention), and so does any other speaker in between."""
        tv = self.tv
        ordered = sorted(self.claims, key=lambda c: c.start)
        for prev, c in zip(ordered, ordered[1:]):
            if c.source or not prev.source or not c.speaker or c.speaker != prev.speaker:
                continue
            a, b = tv.token_at(prev.start), tv.token_at(c.start)
            same_sentence = tv.sent[a] == tv.sent[b] or (c.cue_start is not None and prev.cue_start == c.cue_start)
            near = c.paragraph is not None and prev.paragraph is not None and 0 <= c.paragraph - prev.paragraph <= 1
            if same_sentence or (near and self._continues(c)):
                c.source = prev.source

    def _continues(self, c: Claim) -> bool:
        """The claim only continues its speaker's statement (no cue, "added", "also said", …)."""
        tv = self.tv
        if c.cue is None:
            return True
        k = tv.token_at(c.cue_start)
        low = tv.low[k]
        if low in CONTINUING_CUES or c.cue.lower().startswith(("went on", "goes on")):
            return True
        p = self._prev_word(k, 0)
        return p is not None and tv.low[p] in ("also", "further")

    # ------------------------------------------------------------------ helpers

    def _clause_start(self, s0: int, earlier: list[Frame]) -> int:
        start = s0
        for e in earlier:
            if e.content_end is None and e.hi > start and e.claims:
                start = e.hi
        return start
