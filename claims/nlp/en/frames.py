"""Frames: for each attribution cue, who speaks and which tokens the attribution covers.

A frame's speaker is the subject to the left of the cue ("X said"), an inverted subject to its
right ("…, said X"), the agent of a passive ("accused by X"), nobody for an agentless passive
("is said to be"), or the subject of the main clause for participles and coordinated verbs
("…, saying …", "X backed it but said …"). :class:`FrameBuilder` is mixed into
:class:`claims.nlp.en.attribution.Attributor`, which owns the state it reads (``tv``, ``np``,
``disc``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from claims.model import Claim
from claims.nlp.en.cues import Cue
from claims.nlp.en.lexicon import BE_FORMS
from claims.nlp.en.names import Mention
from claims.nlp.en.resolve import Discourse, Ref
from claims.nlp.en.speakers import NP, NPParser
from claims.nlp.en.tokens import TokenView

PASSIVE_SAY = frozenset({"say", "report", "allege", "claim", "rumour"})
AFTER_INVERTED = frozenset("in on at during after before when while as because although though but and citing adding "
                           "referring speaking according from via to told last this earlier yesterday today".split())
FRONTED = frozenset("although though while whilst when after before because since once if as".split())
# Quantifiers that speak for a group after "with" ("…, with many saying it was unjustified")
QUANTIFIER_SPEAKERS = frozenset("many some others most several few all".split())
DISCOURSE = frozenset("meanwhile however but and also still yet moreover separately similarly indeed "
                      "instead nevertheless nonetheless furthermore".split())

@dataclass
class Frame:
    cue: Cue
    np: NP | None
    ref: Ref
    side: str  # left | right | main | passive | agent
    lo: int  # first token of the frame
    hi: int  # token after the frame
    source: str | None = None
    recipient: NP | None = None
    source_np: NP | None = None
    claims: list[Claim] = field(default_factory=list)
    content_end: int | None = None  # where forward content stopped (for trailing attachments)
    relative: bool = False  # "X, who said …, left": the content ends with the relative clause


class Walker:
    """Small token-walking helpers over ``self.tv`` shared by the attribution mixins."""

    tv: TokenView

    def _prev_word(self, i: int, lo: int) -> int | None:
        tv = self.tv
        j = i - 1
        while j >= lo and tv.space[j]:
            j -= 1
        return j if j >= lo else None

    def _next_word(self, i: int, hi: int) -> int | None:
        tv = self.tv
        j = i
        while j < hi and tv.space[j]:
            j += 1
        return j if j < hi else None

    def _first_word(self, s0: int, s1: int) -> int:
        return self._next_word(s0, s1) or s0

    def _quote_only(self, a: int, b: int) -> bool:
        tv = self.tv
        words = list(compress(range(a, b), tv.word[a:b]))
        return bool(words) and all(tv.quote[k] >= 0 for k in words)

    def _only_discourse(self, a: int, b: int) -> bool:
        tv = self.tv
        words = list(compress(range(a, b), tv.word[a:b]))
        return bool(words) and all(tv.low[k] in DISCOURSE for k in words)


class FrameBuilder(Walker):
    """Builds a :class:`Frame` for a cue (mixed into the attributor)."""

    np: NPParser
    disc: Discourse

    def _frame(self, cue: Cue, s0: int, s1: int, before: list[Frame]) -> Frame | None:
        tv, np_ = self.tv, self.np
        para = tv.para[cue.start]
        nxt = self._next_word(cue.end, s1)
        if cue.frame == "according":
            # "According to police, the driver, 45, fled": at the start, what follows the comma is the
            # content, unless a name takes a role there ("According to Ian Cole, a police spokesman, …")
            opening = cue.start <= self._first_word(s0, s1)
            np = np_.right_np(cue.end, s1, loose=True, apposition=not opening)
            if np is None:
                return None
            if opening and np.kind == "name":
                np_._right_apposition(np, s1)
            return Frame(cue, np, self.disc.resolve(np, para), "right", cue.start, np.appos_end or np.end)
        if nxt is not None and tv.low[nxt] == "by" and cue.form in ("past", "participle"):
            cue.passive = True  # also reduced relatives: "a scheme described by investigators"
        if cue.passive and cue.frame == "quote":
            f = self._quoted_as(cue, s0, s1, nxt)
            if f is not None:
                return f
        if cue.passive:
            if nxt is not None and tv.low[nxt] == "by":
                limit = s1
                if cue.frame == "accuse":
                    limit = next((k for k in range(nxt + 1, s1) if tv.low[k] == "of"), s1)
                np = np_.right_np(nxt + 1, limit)
                if np is None:
                    return None
                return Frame(cue, np, self.disc.resolve(np, para), "agent", cue.start, np.appos_end or np.end)
            if nxt is not None and tv.low[nxt] == "to" and cue.verb.lemma in PASSIVE_SAY:
                hi = nxt + 1
                while hi < s1 and (tv.space[hi] or tv.low[hi] in ("be", "have", "been")):
                    hi += 1
                be = self._prev_word(cue.start, s0)
                lo = be if be is not None else cue.start
                before_be = self._prev_word(be, s0) if be is not None else None
                if before_be is not None and tv.low[before_be] not in ("and", "but", "or") and not tv.punct[before_be]:
                    lo = np_.region_start(before_be, s0)  # the subject of "the risk is said to be" 
                ref = Ref("unnamed", "anonymous", tv.span_text(be if be is not None else cue.start, cue.end), para=para)
                return Frame(cue, None, ref, "passive", lo, hi)
            return None
        if cue.frame == "quote":
            np = np_.right_np(cue.end, s1)
            if np is None:
                return None
            if cue.verb.lemma == "cite" and np.kind == "noun" and np.noun_kind not in ("anonymous", "group", "person", "organisation"):
                return None  # "citing the release of prisoners": a reason, not a source
            src = np_.left_subject(cue.start, s0)
            hi = np.end
            np, tail = self._apposed_to_quoted(np, s1)
            as_ = self._next_word(tail, s1)
            ing = self._next_word(as_ + 1, s1) if as_ is not None and tv.low[as_] == "as" else None
            if ing is not None and tv.low[ing] in self.lex.verbs and any(
                    r.form == "ing" and r.frame in ("say", "tell") for r in self.lex.verbs[tv.low[ing]]):
                hi = ing + 1  # "Local papers quote the mayor as saying …": the content follows
            f = Frame(cue, np, self.disc.resolve(np, para), "right", src.start if src else cue.start, hi)
            f.source_np = src
            return f
        prev = self._prev_word(cue.start, s0)
        prev_low = tv.low[prev] if prev is not None else ""
        if cue.frame != "call" and self._in_wh_clause(cue.start, s0):
            return None  # "what she thinks success looks like"
        if cue.form == "ing" and prev_low not in BE_FORMS:
            np = np_.left_subject(cue.start, s0) if prev is not None and tv.words[prev] != "," else None
            if np is not None and np.kind in ("name", "pronoun"):
                return Frame(cue, np, self.disc.resolve(np, para), "left", np.start, cue.end)
            w = self._prev_word(np.start, s0) if np is not None and np.kind == "noun" else None
            if w is not None and tv.low[w] == "with":  # "…, with critics claiming it will ruin the harbour"
                return Frame(cue, np, self.disc.resolve(np, para), "left", np.start, cue.end)
            w = self._prev_word(prev, s0) if prev is not None and tv.low[prev] in QUANTIFIER_SPEAKERS else None
            if w is not None and tv.low[w] == "with":  # "…, with many saying it was unjustified"
                np = NP(prev, prev + 1, "noun", tv.words[prev], prev, noun_kind="group")
                return Frame(cue, np, Ref(tv.words[prev], "group", tv.words[prev], para=para), "left", prev, cue.end)
            return self._main_frame(cue, s0, before)
        np = np_.left_subject(cue.start, s0)
        if np is not None and not self._plausible(np, cue):
            np = None
        if np is not None:
            lo = np.outer_start if np.outer_start is not None else np.start
            ahead = self._cataphor(np, s0, s1) if np.kind == "pronoun" else None
            ref = self.disc.from_mention(ahead, ahead.core, para) if ahead is not None else self.disc.resolve(np, para)
            return Frame(cue, np, ref, "left", lo, cue.end)
        rel = self._relative_subject(cue, s0)
        if rel is not None:
            f = Frame(cue, rel, self.disc.resolve(rel, para), "left", cue.start, cue.end)
            f.relative = True
            return f
        if prev is None or tv.words[prev] == "," or tv.qmark[prev] or prev_low == "as":
            np = np_.right_np(cue.end, s1)
            if np is not None and self._plausible(np, cue) and self._ends_frame(np.end, s1) \
                    and not (prev is not None and tv.words[prev] == "," and self._opens_quote(np.end, s1)):
                # (', said Ruland "has failed …"': Ruland is the subject of the reported clause)
                lo = prev if prev is not None and prev_low == "as" else cue.start
                end = np.end
                return Frame(cue, np, self.disc.resolve(np, para), "right", lo, end)
        if prev_low in ("and", "but") and cue.form in ("past", "3sg"):
            return self._main_frame(cue, s0, before)
        return None

    def _apposed_person(self, k: int, s1: int, reach: int) -> tuple[Mention, int] | None:
        """The person named between commas after a description that ends within ``reach``
        tokens of ``k`` ("The mayor of Surabaya, Tri Rismaharini,", "the head of the search and
        rescue agency, Fransiskus Soelistyo,"): the mention and the comma before it, or None."""
        tv = self.tv
        c = next((j for j in range(k, min(s1, k + reach)) if tv.punct[j] and not tv.space[j]
                  or tv.quote[j] >= 0 or tv.lowercase[j] and tv.low[j] in self.lex.verbs), None)
        if c is None or tv.words[c] != ",":
            return None
        n = self._next_word(c + 1, s1)
        m = self.np.names.by_start.get(n) if n is not None else None
        if m is None or m.end >= s1 or tv.words[m.end] != ",":
            return None
        if m.kind != "person" and not (m.kind == "unknown" and m.core_end - m.core_start >= 2):
            return None
        return m, c

    def _apposed_to_quoted(self, np: NP, s1: int) -> tuple[NP, int]:
        """"quoted the head of the agency, Fransiskus Soelistyo, as saying": the person named
        between commas after a described one is the one quoted, the description their role.
        Returns the NP and where "as" may follow."""
        tv = self.tv
        found = self._apposed_person(np.end, s1, reach=8) if np.kind == "noun" else None
        if found is None:
            return np, np.end
        m, c = found
        a = self._next_word(m.end + 1, s1)
        named = self.np.parse(m.start, m.end) if a is not None and tv.low[a] == "as" else None
        if named is None or named.kind != "name":
            return np, np.end
        named.role = named.role or strip_the(tv.span_text(np.start, c))
        return named, m.end + 1

    def _quoted_as(self, cue: Cue, s0: int, s1: int, nxt: int | None) -> Frame | None:
        """"Mr Barrot was quoted by Reuters as saying …", "She is quoted as saying …": the subject
        speaks, the agent (if any) is the source, the content follows "as saying"."""
        tv, np_ = self.tv, self.np
        src = None
        k = nxt
        if k is not None and tv.low[k] == "by":
            src = np_.right_np(k + 1, s1)
            if src is None:
                return None
            k = self._next_word(src.end, s1)
        if k is None or tv.low[k] != "as":
            return None
        ing = self._next_word(k + 1, s1)
        if ing is None or not any(r.form == "ing" and r.frame in ("say", "tell") for r in self.lex.verbs.get(tv.low[ing], ())):
            return None
        be = self._prev_word(cue.start, s0)
        if be is None or tv.low[be] not in BE_FORMS:
            return None
        np = np_.left_subject(be, s0)
        if np is None:
            return None
        para = tv.para[cue.start]
        f = Frame(cue, np, self.disc.resolve(np, para), "left", np.outer_start or np.start, ing + 1)
        f.source_np = src
        return f

    def _cataphor(self, np: NP, s0: int, s1: int):
        """"Although he said it was wild, Isaac stopped short …": a pronoun inside a fronted
        subordinate clause points ahead to the subject of the main clause (a person's name)."""
        tv = self.tv
        first = self._first_word(s0, s1)
        if tv.low[first] not in FRONTED or first >= np.start:
            return None
        c = next((k for k in range(np.end, s1) if tv.words[k] == "," and tv.quote[k] < 0), None)
        if c is None:
            return None
        m = self.names.by_start.get(self._next_word(c + 1, s1) or s1)
        if m is None or m.entity is None or m.entity.kind not in ("person", "unknown"):
            return None
        gender = self.lex.pronouns.get(tv.low[np.start], ("", ""))[0]
        if gender in ("m", "f") and m.entity.gender not in (None, gender):
            return None
        after = self._next_word(m.end, s1)
        if after is None or not tv.lowercase[after] or tv.low[after] in ("and", "or", "of", "who", "which"):
            return None  # the name must be the subject of a verb
        return m

    def _relative_subject(self, cue: Cue, s0: int) -> NP | None:
        """"The minister, who said last week that …": the NP before ", who"."""
        tv = self.tv
        j = self.np.skip_back(cue.start - 1, s0)
        if j < s0 or tv.low[j] != "who":
            return None
        c = self._prev_word(j, s0)
        if c is None or tv.words[c] != ",":
            return None
        e = self._prev_word(c, s0)
        if e is None:
            return None
        k = self.np.region_start(e, s0)
        for s in range(k, e + 1):
            np = self.np.parse(s, e + 1)
            if np is not None and np.kind != "pronoun":
                c2 = self._prev_word(np.start, s0)
                while c2 is not None and tv.low[c2] in ("now", "then", "formerly", "also", "still"):
                    c2 = self._prev_word(c2, s0)
                m = self.names.at_end(self._prev_word(c2, s0) + 1) if c2 is not None and tv.words[c2] == "," \
                    and self._prev_word(c2, s0) is not None else None
                if np.kind == "noun" and m is not None and m.kind in ("person", "unknown"):
                    # "McKay, now the majority leader, who said …": the name before the apposition
                    named = self.np.parse(m.start, m.end)
                    if named is not None:
                        named.role = named.role or tv.span_text(np.start, np.end)
                        return named
                return np
        return None

    def _in_wh_clause(self, i: int, s0: int) -> bool:
        """The cue's subject is introduced by "what"/"how" (a free relative, not a report)."""
        tv = self.tv
        j = self.np.skip_back(i - 1, s0)
        for k in range(j, max(s0, j - 4) - 1, -1):
            if tv.low[k] in ("what", "how", "whatever"):
                return True
            if not tv.word[k]:
                return False
        return False

    def _opens_quote(self, i: int, s1: int) -> bool:
        """The next word after token ``i`` opens a quotation."""
        tv = self.tv
        j = self._next_word(i, s1)
        return j is not None and tv.qmark[j] and tv.quote[j] >= 0 and tv.quotes[tv.quote[j]].open_at == tv.start[j]

    def _ends_frame(self, i: int, s1: int) -> bool:
        """An inverted subject ("…, said the minister") is followed by the end of the clause
        or an adjunct, not by a verb ("said the bill was …")."""
        tv = self.tv
        j = self._next_word(i, s1)
        if j is None or tv.punct[j] or tv.qmark[j]:
            return True
        return tv.lowercase[j] and tv.low[j] in AFTER_INVERTED

    def _plausible(self, np: NP, cue: Cue) -> bool:
        """Common nouns must be able to speak; documents only with document-like verbs."""
        if np.kind != "noun":
            return True
        if np.noun_kind in ("event", "channel"):
            return False
        return True

    def _main_frame(self, cue: Cue, s0: int, before: list[Frame]) -> Frame | None:
        """"…, saying …" / "X backed it but said …": the subject of the main clause."""
        para = self.tv.para[cue.start]
        if before:
            prev = before[-1]
            return Frame(cue, prev.np, prev.ref, "main", cue.start, cue.end)
        np = self.np.first_np(s0, cue.start)
        if np is None:
            return None
        return Frame(cue, np, self.disc.resolve(np, para), "main", cue.start, cue.end)


def strip_the(label: str) -> str:
    """"the Financial Times" -> "Financial Times" (outlet names as sources)."""
    return label[4:] if label.lower().startswith("the ") else label
