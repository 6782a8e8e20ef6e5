"""Clause boundaries: where the content of a frame starts and ends.

After "X said" come optional adjuncts ("in a statement", "on Friday"), a recipient for "told",
"that" or a colon; the clause then runs to the end of the sentence, a semicolon, a dash, or the
next attribution that closes it (", the FT reports"). :class:`ClauseFinder` is mixed into
:class:`claims.nlp.en.attribution.Attributor`.
"""
from __future__ import annotations

from claims.nlp.en.frames import DISCOURSE, Frame, Walker, strip_the
from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.resolve import Discourse
from claims.nlp.en.sources import is_outlet_label, phrase_source
from claims.nlp.en.names import CALENDAR
from claims.nlp.en.speakers import NPParser

ENDED = -1  # _skip_adjuncts: the frame ends after its adjuncts
CURRENCY_SIGNS = frozenset("£$€¥₹")  # a clause may open with an amount ("said £264m will be spent")
# Small words inside a programme or publication title ("Meet the Press", "Breakfast with Frost")
TITLE_SMALL_WORDS = frozenset("the with of and a an at in for on to".split())
DASHES = frozenset({"-", "–", "—", "--"})
BREAKS = DASHES | {";"}
SUBORDINATE = frozenset("although though while whilst because as after before since but and adding saying "
                        "referring noting when if unless whereas so".split())
AUXILIARIES = frozenset("will would can could should may might must shall is are was were be been has have had "
                        "do does did".split())
COPULAS = frozenset({"is", "are", "was", "were"})
REPORTING = frozenset("report announce predict forecast confirm find show record expect estimate".split())
NOUN_AFTER_PREPS = frozenset("around across of for over under near with from".split())
RECIPIENT_STOPS = frozenset("who whom which recently during in on at after before yesterday today last earlier when "
                            "while".split())
ADJUNCT_OPENERS = frozenset("earlier later in on at during last this yesterday today recently".split())
CONTENT_PRONOUNS = frozenset({"it", "he", "she", "they", "this", "that", "these", "those", "we", "i"})


class ClauseFinder(Walker):
    """Finds content boundaries for frames (mixed into the attributor)."""

    lex: Lexicon
    np: NPParser
    disc: Discourse
    pending: Frame | None
    last_ref: object

    def _interrupted(self, f: Frame, s0: int, s1: int) -> bool:
        """"X, he said, Y": a frame between commas with a clause part on both sides."""
        tv = self.tv
        before = self._prev_word(f.lo, s0)
        after = self._next_word(f.hi, s1)
        if after is not None and tv.low[after] in ADJUNCT_OPENERS:  # "X, he explained earlier in the hearing, Y"
            k = after
            while k < min(s1, after + 9) and tv.words[k] != "," and tv.quote[k] < 0 and not (
                    tv.lowercase[k] and (tv.low[k] in self.lex.clause_words or tv.low[k] in self.lex.verbs)):
                k += 1
            nxt = self._next_word(k + 1, s1) if k < s1 else None
            if k < s1 and tv.words[k] == "," and nxt is not None and tv.low[nxt] in AUXILIARIES:
                after = k  # only when the clause goes on with its verb ("…, were well paid")
        if before is None or after is None or tv.words[before] != "," or tv.words[after] != ",":
            return False
        first = self._first_word(s0, s1)
        if self._quote_only(first, before) or self._only_discourse(first, before):
            return False
        nxt = self._next_word(after + 1, s1)
        if nxt is None:
            return False
        low = tv.low[nxt]
        if tv.lowercase[nxt] and (low in SUBORDINATE or low.endswith("ing") or low in self.lex.clause_words
                                        and low not in COPULAS):
            return False  # (a copula continues the clause: "One reason, she says, is …")
        return True

    def _forward_start(self, f: Frame, s1: int) -> int | None:
        """First token of the clause after the frame, or None when nothing follows it."""
        tv = self.tv
        cue = f.cue
        p = self._next_word(f.hi, s1)
        if p is None:
            return None
        if cue.frame == "according" or (f.side == "agent" and cue.frame != "accuse"):
            if tv.words[p] != ",":
                return None
            if f.side == "agent" and any(tv.words[k] == "," and tv.quote[k] < 0 for k in range(tv.sentences[tv.sent[p]][0], f.lo)):
                return None  # only an introductory "In one case outlined by X, …"
            return self._next_word(p + 1, s1)
        if f.side == "passive":
            return p
        if cue.form == "3sg" and cue.verb.lemma != "say" and tv.lowercase[p] and tv.low[p] in NOUN_AFTER_PREPS:
            return None  # "battleground states around issues": the cue word is a plural noun
        if cue.frame == "accuse":
            if f.side == "agent":
                p = self._next_word(f.hi, s1)
                return self._next_word(p + 1, s1) if p is not None and tv.low[p] == "of" else None
            for k in range(p, min(s1, p + 12)):
                if tv.low[k] == "of" and tv.quote[k] < 0:
                    return self._next_word(k + 1, s1)
            return None
        if cue.frame == "plan":
            return p if tv.low[p] == "to" else None
        if cue.frame == "call" and self._call_quote(p, s1) is not None:
            return p  # 'called the plan "a mess" on Monday': a short object, then the designation
        if cue.frame == "tell":
            return self._after_recipient(f, p, s1)
        if tv.words[p] == ",":
            q = self._next_word(p + 1, s1)  # US style: 'Clinton said, "I think …"'
            s0 = tv.sentences[tv.sent[p]][0]
            before_quoted = any(tv.quote[k] >= 0 for k in range(s0, f.lo))  # '"Q1," X said, "Q2"'
            if q is not None and not before_quoted and tv.qmark[q] and tv.quote[q] >= 0 \
                    and self._quote_only(q, s1):
                return q
            return None
        if tv.punct[p] and not tv.qmark[p] and tv.words[p] != ":" and tv.words[p] not in CURRENCY_SIGNS:
            return None
        if tv.words[p] == ":":
            nxt = self._next_word(p + 1, s1)
            if nxt is None:
                self.pending = f  # the quotation follows in the next paragraph
                self.last_ref = f.ref
            return nxt
        if cue.frame == "ask":
            return None
        if tv.low[p] == "that":
            return self._next_word(p + 1, s1)
        if cue.frame == "pledge" and tv.low[p] == "to":
            return p
        # "said in November that", "said in a statement that", "said on Friday:"
        skipped = self._skip_adjuncts(f, p, s1)
        if skipped == ENDED:
            return None
        if skipped is not None:
            return skipped
        if not cue.verb.strong and not tv.qmark[p] and f.cue.frame != "call":
            if not (f.ref.type == "document" or f.ref.source):
                return None
        if tv.low[p] == "to" and cue.frame not in ("pledge",):
            return None
        if tv.low[p] in AUXILIARIES:
            return None  # "Bank notes will be replaced": the cue word was a noun
        if tv.low[p] == "no" and self._next_word(p + 1, s1) is not None and tv.lowercase[self._next_word(p + 1, s1)] \
                and (cue.verb.lemma in REPORTING or any(tv.low[k] in AUXILIARIES for k in range(p + 1, min(s1, p + 5)))):
            return p  # "Amtrak reported no major delays", "police said no one was hurt"
        if tv.low[p] in ("for", "with", "about", "of", "by", "into", "up", "off", "out", "back", "away", "him",
                         "them", "me", "us", "you", "so", "goodbye", "sorry", "yes", "no", "nothing", "little",
                         "whether", "why", "how", "when", "what", "where", "who", "if"):
            return None
        return p

    def _skip_adjuncts(self, f: Frame, p: int, s1: int) -> int | None:
        """Skip "in a statement", "on Friday", "last week" between a cue and its clause, and
        record a source found there."""
        tv, lex = self.tv, self.lex
        k = p
        for _ in range(3):
            if k is None or k >= s1:
                return None
            low = tv.low[k]
            if low in ("in", "on", "at", "during", "via", "to", "through", "last", "this", "earlier", "late", "early",
                       "yesterday", "today", "previously") or low in lex.time_words and tv.cap[k]:
                src = phrase_source(tv, lex, k, s1)
                e = k + 1
                if src is None and low == "to":
                    return ENDED  # "agreed to the suspension": an object, not a clause
                if src is not None:
                    if f.source is None:
                        f.source = src.label
                    e = src.end
                else:
                    while e < s1 and not tv.punct[e] and tv.low[e] != "that" and (
                            tv.cap[e] or tv.low[e] in lex.time_words or tv.low[e] in ("the", "a", "an", "this", "last",
                                                                                        "next", "morning", "week") or tv.low[e][:1].isdigit()):
                        e += 1
                    if e == k + 1 and low not in lex.time_words and low not in ("yesterday", "today", "previously"):
                        return None
                    if e < s1 and tv.lowercase[e] and tv.word[e] and tv.low[e] != "that":
                        return None  # "pointing at the chart": not a time adjunct
                k = self._next_word(e, s1)
                if k is None:
                    return None
                for x in range(k, min(s1, k + 10)):  # "in a report released Wednesday that", "to A, B and C that"
                    if (tv.punct[x] and tv.words[x] != ",") or tv.quote[x] >= 0:
                        break
                    if tv.low[x] == "that":
                        k = x
                        break
                if tv.low[k] == "that" or tv.words[k] == ":":
                    return self._next_word(k + 1, s1)
                if tv.qmark[k]:
                    return k
                if tv.words[k] == ",":
                    return ENDED  # "X said on Wednesday, …": the frame ends here
                continue
            return k if k != p else None
        return None

    def _after_recipient(self, f: Frame, p: int, s1: int) -> int | None:
        tv = self.tv
        for k in range(p, min(s1, p + 12)):
            if tv.quote[k] >= 0 or (tv.punct[k] and tv.words[k] not in ("'s", "-", "&", ".")):
                break
            if tv.lowercase[k] and tv.low[k] in RECIPIENT_STOPS:
                if tv.low[k] in ("who", "whom"):  # "told a woman who asked … that \"…\"": the last "that"
                    last = self._that_before_quote(k, s1)
                    if last is not None:
                        f.recipient = self.np.parse(p, k)
                        return self._next_word(last + 1, s1)
                break  # "told Radio X recently during an interview that …": the "that" is not the told content
            if tv.low[k] == "that":
                if k > p:
                    f.recipient = self.np.parse(p, k)
                self._recipient_source(f)
                return self._next_word(k + 1, s1)
        if tv.low[p] == "that" or tv.words[p] == ":":
            return self._next_word(p + 1, s1)
        for k in range(p, min(s1, p + 6)):
            if tv.punct[k] or tv.quote[k] >= 0:
                break
            if tv.low[k] == "to":
                return None  # "told a staffer to buy …": an order, not a statement
        rec = self.np.right_np(p, s1)
        if rec is None:
            return None
        f.recipient = rec
        self._recipient_source(f)
        q = self._next_word(rec.end, s1)
        tail = self._title_tail(q, s1)
        if tail is not None:
            # "told BBC One's Breakfast with Frost:", "told NBC's Meet the Press:": a programme
            # title goes on past its small words
            if f.source and tv.span_text(rec.start, rec.end).endswith(f.source):
                f.source = f.source + tv.text[tv.end[rec.end - 1]:tv.end[tail - 1]]
            q = self._next_word(tail, s1)
        if q is not None and tv.words[q] == ":":  # "told BBC Radio Wales: …"
            nxt = self._next_word(q + 1, s1)
            if nxt is None:
                self.pending = f
                self.last_ref = f.ref
            return nxt
        if q is not None and tv.lowercase[q] and tv.low[q] in ("in", "on", "at", "during", "after", "before"):
            q = self._skip_adjuncts(f, q, s1)  # "told supporters in Ohio"
            if q == ENDED or q is None or tv.qmark[q]:
                return None
        if q is None or tv.low[q] == "to" or tv.punct[q]:
            return None
        return q

    def _title_tail(self, q: int | None, s1: int, most: int = 5) -> int | None:
        """The end of a title's lower-case-joined tail at ``q`` ("with Frost", "the Press"):
        small words and capitalised words (no month or weekday) up to a colon or "that";
        None when the words there are not such a tail."""
        tv = self.tv
        if q is None or not tv.lowercase[q] or tv.low[q] not in TITLE_SMALL_WORDS:
            return None
        k, caps = q, 0
        while k < s1 and k - q < most:
            if tv.space[k]:
                k += 1
                continue
            if tv.words[k] == ":" or tv.low[k] == "that" and tv.lowercase[k] or self._time_adjunct(k, s1):
                break
            if tv.cap[k] and tv.low[k] not in CALENDAR:
                caps += 1
            elif not (tv.lowercase[k] and tv.low[k] in TITLE_SMALL_WORDS):
                break
            k += 1
        if caps == 0 or k >= s1 or not (tv.words[k] == ":" or tv.low[k] == "that" or self._time_adjunct(k, s1)):
            return None
        if not tv.cap[k - 1]:
            return None
        return k

    def _time_adjunct(self, k: int, s1: int) -> bool:
        """"on Sunday", "last Monday" at ``k``."""
        tv = self.tv
        if not (tv.lowercase[k] and tv.low[k] in ("on", "last", "this")):
            return False
        n = self._next_word(k + 1, s1)
        return n is not None and tv.low[n] in CALENDAR

    def _that_before_quote(self, a: int, s1: int) -> int | None:
        """The last "that" in [a, s1) that a quotation follows directly."""
        tv = self.tv
        for k in range(s1 - 1, a, -1):
            if tv.low[k] == "that" and tv.quote[k] < 0:
                q = self._next_word(k + 1, s1)
                return k if q is not None and tv.qmark[q] else None
        return None

    def _recipient_source(self, f: Frame) -> None:
        r = f.recipient
        if r is None or f.source:
            return
        if r.kind == "name" and r.mention is not None:
            ref = self.disc.from_mention(r.mention, r.text, self.tv.para[r.start])
            role = (r.role or "").lower().split()
            if ref.outlet:
                f.source = strip_the(ref.label)
                self.disc.last_outlet = ref
            elif role and (role[-1] in self.lex.outlet_nouns or is_outlet_label(self.lex, role)):
                f.source = strip_the(r.text)  # "told CNN affiliate WKXX", "told the radio station KQ"
        elif r.kind == "noun":
            last = self.disc.outlet_antecedent()
            if r.noun_kind == "outlet" and last is not None:
                f.source = strip_the(last.label or "")
            elif r.noun_kind in ("event", "channel"):
                f.source = r.text  # ("told the BBC News website")

    def _forward_end(self, start: int, later: list[Frame], s1: int) -> int:
        tv = self.tv
        end = s1
        for g in later:
            if g.lo <= start:
                continue
            b = self._prev_word(g.lo, start)
            if b is None:
                continue
            if tv.words[b] in (",", ";") or tv.low[b] in ("and", "but", "while", "whereas"):
                if g.side in ("left", "right", "main", "passive") or g.cue.frame == "according":
                    end = min(end, b)
                    break
            if tv.qmark[b] and tv.quote[b] >= 0 and g.side in ("left", "right"):
                # "… on women: '…,' the union wrote": the quotation belongs to the later frame
                o = tv.token_at(tv.quotes[tv.quote[b]].open_at)
                c = self._prev_word(o, start)
                if o > start and c is not None and tv.words[c] == ":":
                    end = min(end, c)
                    break
        if BREAKS.isdisjoint(tv.words[start + 1:end]) and not any(tv.space[start + 1:end]):
            return end  # (no semicolon, dash or run of spaces: the loop below would find nothing)
        for k in range(start + 1, end):
            if tv.quote[k] >= 0:
                continue
            if tv.words[k] == ";":
                end = k
                break
            if (tv.words[k] in DASHES and tv.space[k - 1] is False and tv.text[tv.start[k] - 1:tv.start[k]] == " ") or \
                    (tv.space[k] and len(tv.words[k]) >= 2):
                end = k
                break
        return end

    def _single_quote(self, a: int, b: int, call: bool) -> int | None:
        """The quotation that makes up the content [a, b) (allowing a leading "that it" or,
        for "call", an object before it), or None."""
        tv = self.tv
        i = a
        if tv.low[i] == "that":
            i = self._next_word(i + 1, b) or b
        if i < b and tv.quote[i] < 0 and tv.low[i] in CONTENT_PRONOUNS:
            i = self._next_word(i + 1, b) or b
        if call:
            return self._call_quote(i, b)
        if i >= b or tv.quote[i] < 0 or not tv.qmark[i]:
            return None
        qi = tv.quote[i]
        k = i
        while k < b and (tv.quote[k] == qi or tv.space[k] or (tv.punct[k] and tv.words[k] not in ("(",))):
            k += 1
        return qi if k >= b else None

    def _call_quote(self, p: int, b: int) -> int | None:
        """For "call"-type cues: the quotation that follows the cue after at most a short object
        ('called the mayor a "liar" for …', 'branding the plan "a fiasco"', 'what X calls an "error"');
        what comes after the quotation is not part of it."""
        tv = self.tv
        words = 0
        for k in range(p, min(b, p + 16)):
            if tv.quote[k] >= 0:
                return tv.quote[k] if tv.qmark[k] and tv.quotes[tv.quote[k]].open_at == tv.start[k] else None
            if tv.space[k]:
                continue
            if tv.punct[k] and tv.words[k] not in ("'s", "’s", "-", "&", "."):
                return None
            if tv.lowercase[k] and self.np._verbal(tv.low[k]):
                return None
            words += 1
            if words > 12:
                return None
        return None

    def _connective(self, a: int, b: int) -> bool:
        """"But …", "Meanwhile, …": a sentence connective, not "However laudable the goal"."""
        tv = self.tv
        if tv.low[a] not in DISCOURSE or not tv.words[a][0].isupper():
            return False
        nxt = self._next_word(a + 1, b)
        return tv.low[a] in ("but", "and", "so", "yet") or (nxt is not None and tv.words[nxt] == ",")

    def _skip_dateline(self, a: int, b: int) -> int:
        """"WASHINGTON — …", "LONDON (Reuters) - …": a dateline is not part of the claim."""
        tv = self.tv
        k = a
        while k < b and (tv.space[k] or (tv.words[k].isupper() and tv.words[k].isalpha()) or tv.words[k] == ","):
            k += 1
        if k < b and tv.words[k] == "(":
            while k < b and tv.words[k] != ")":
                k += 1
            k += 1
        k = self._next_word(k, b) if k < b else None
        if k is not None and k > a and tv.words[k] in DASHES:
            return self._next_word(k + 1, b) or a
        return a
