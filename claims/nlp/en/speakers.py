"""Speaker noun phrases around a cue, found with a small lexicon-driven NP grammar (no parser).

An NP is one of: a subject pronoun ("he"); a name, optionally after role words ("Norvex chief
executive Ian Petrie", "energy regulator Ofgem"); a possessive ("Duval's office"); or a
common-noun phrase headed by a lexicon noun, with modifiers before the head and a post-modifier
after it ("a spokesman for Commissioner Ana Lindqvist", "sources close to the talks",
"the court filings from the county prosecutor"). :class:`NPParser` finds the NP to the
left of a cue (the subject), to its right (inverted "said Mr Okafor", "according to X", agents
of passives) or at the start of the sentence (the subject of "…, saying that …").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import compress

from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.names import FUNCTION_WORDS, Mention, NameIndex, NOUN_COMPOUNDS
from claims.nlp.en.tokens import TokenView
from claims.nlp.lexicons import load_list

DETERMINERS = frozenset("the a an some many several other all most one another his her its their our two three "
                        "four five six seven eight nine ten both each any no".split())
POSTMOD_STARTERS = frozenset("close familiar for of from at in with on to who which representing involved briefed "
                             "knowledgeable seen obtained reviewed published released issued by under "
                             "i we you they he she".split())  # "the experts I interviewed"
RELATIVES = frozenset({"who", "which", "whose", "whom", "that"})
NOT_ADVERBS = frozenset("family assembly monopoly anomaly supply rally ally reply italy july".split())
QUANTIFIERS = frozenset("many some several most few other all both numerous".split())
DEMONYMS = frozenset(w.lower() for w in load_list("en", "demonyms.txt"))
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                         "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
                         "ninety".split())
EPITHET_NOUNS = frozenset(w.lower() for w in load_list("en", "epithets.txt"))
ADJUNCT_STARTS = frozenset({"at", "on", "during", "in", "from", "aged", "speaking", "writing"})
INTERJECTED_PHRASES = frozenset({"for example", "for instance", "in turn", "in fact", "of course", "in particular",
                                 "by contrast", "in contrast", "in response", "in return", "for his part",
                                 "for her part", "for their part", "for its part", "as well", "on the other hand",
                                 "at the time"})
INTERJECTED = frozenset("however though meanwhile too also instead nevertheless nonetheless therefore moreover "
                        "furthermore separately similarly likewise indeed".split())
INTRO_CONNECTIVES = frozenset({"but", "and", "so", "meanwhile", "however", "yet", "still", "also", "then"})
INTRO_PARTICIPLES = frozenset({"speaking", "talking", "writing", "interviewed", "appearing"})
INTRO_PREPS = frozenset({"on", "in", "at", "during", "after", "before", "with", "earlier", "later", "last", "this",
                         "yesterday", "today", "following", "asked", "speaking", "since", "for", "appearing",
                         "talking", "writing"})


def _place_based(tv: TokenView, x: int, h0: int) -> bool:
    """Token ``x`` is the place of an "X-based" modifier ("the Paris-based think tank")."""
    return any(tv.low[y] == "based" for y in range(x + 1, min(h0, x + 3)))


@dataclass
class NP:
    """A speaker (or source) noun phrase. ``start``/``end``: its tokens as written."""

    start: int
    end: int
    kind: str  # pronoun | name | noun
    text: str
    head: int
    mention: Mention | None = None
    noun_kind: str | None = None  # speaker_nouns / source_nouns kind, or "descriptor" / "outlet"
    role: str | None = None
    author: "NP | None" = None  # "documents from X" -> X
    owner: Mention | None = None  # "Duval's office" -> Duval
    bare: bool = False  # determiner + head noun only ("a spokesman")
    appositive: tuple[int, int] | None = None  # a participial apposition ("speaking at …")
    outer_start: int | None = None  # where the whole subject begins ("Smith's lawyer, Jane Doe")
    members: list[Mention] | None = None  # coordinated names ("Lee and Khan said")
    appos_end: int | None = None  # end of a role apposition after it ("Ian Cole, a police spokesman")


class NPParser:
    """NP analysis over one article (see module docs)."""

    def __init__(self, tv: TokenView, lex: Lexicon, names: NameIndex) -> None:
        self.tv = tv
        self.lex = lex
        self.names = names

    # ------------------------------------------------------------------ analysis of a region
    def parse(self, a: int, b: int) -> NP | None:
        """The region [a, b) read as one speaker NP, or None."""
        tv, lex = self.tv, self.lex
        while a < b and (tv.space[a] or tv.words[a] in (",",)):
            a += 1
        while b > a and (tv.space[b - 1] or tv.words[b - 1] in (",",)):
            b -= 1
        if b <= a or b - a > 24:
            return None
        if max(tv.quote[a:b]) >= 0:  # a token inside a quotation (a < b here)
            return None
        if b - a == 1 and tv.low[a] in lex.pronouns:
            return NP(a, b, "pronoun", tv.words[a], a)
        if tv.low[a] in RELATIVES:
            return None
        if tv.words[b - 1] == ")" and not (b - a > 3 and tv.words[b - 3] == "(" and tv.words[b - 2].isupper()
                                           and tv.words[b - 2].isalpha()):
            # "Rep. Jo Diaz (D-N.Y.)", "Mitch Ray (Ky.)": a trailing parenthetical that is not an acronym
            o = next((k for k in range(b - 2, max(a, b - 9) - 1, -1) if tv.words[k] == "("), None)
            if o is not None and o > a:
                np = self.parse(a, o)
                if np is not None:
                    np.end = b
                return np
        nb = b - 3 if b - a > 3 and tv.words[b - 1] == ")" and tv.words[b - 3] == "(" else b
        np = self._possessive_np(a, b) or self._noun_np(a, b)
        if np is not None:
            return np
        m = self.names.at_end(nb)
        if m is not None and m.start >= a:
            np = self._name_np(a, nb, m)
            if np is not None:
                np.end = b
                if np.kind == "name":
                    np.text = tv.span_text(a, b)
                return np
        return self._name_with_postmod(a, b)

    def _name_with_postmod(self, a: int, b: int) -> NP | None:
        """"The Tax Policy Center at the Urban Institute": a name, then a prepositional phrase."""
        tv = self.tv
        first = a + 1 if tv.low[a] in ("the", "a", "an") else a
        m = self.names.by_start.get(first)
        if m is None or m.end >= b or tv.low[m.end] not in ("at", "of", "in", "from", "for", "with", "on"):
            return None
        if not self._valid_postmod(m.end, b):
            return None
        return NP(a, b, "name", tv.span_text(a, b), m.core_end - 1, mention=m, role=m.role)

    def _name_np(self, a: int, b: int, m: Mention) -> NP | None:
        tv, lex = self.tv, self.lex
        pre = a
        if tv.low[pre] in ("the", "a", "an"):
            pre += 1
        role = m.role
        if pre < m.start and m.start - pre == 1 and lex.source_nouns.get(tv.low[pre]) in ("document", "event") \
                and tv.lowercase[pre]:
            author = NP(m.start, b, "name", tv.span_text(m.start, b), m.core_end - 1, mention=m, role=m.role)
            return NP(a, b, "noun", tv.span_text(a, pre + 1), pre, noun_kind=lex.source_nouns[tv.low[pre]],
                      author=author)
        if pre < m.start and tv.low[pre] in QUANTIFIERS and m.core_end - m.core_start == 1 and tv.low[m.core_start].endswith("s"):
            # "many Democrats", "some Republicans": a part of a group, not the group's name
            return NP(a, b, "noun", tv.span_text(a, b), b - 1, noun_kind="group")
        first = self.names.by_start.get(pre)
        if first is not None and first is not m and first.end < m.start and tv.low[first.end] in ("of", "at", "from") \
                and (first.kind == "person" or first.kind == "unknown" and first.core_end - first.core_start > 1):
            # "Cara Diaz of IT firm Datacorp": the person, with the rest as role
            role = tv.span_text(first.end + 1, b)
            return NP(a, b, "name", tv.span_text(a, first.end), first.core_end - 1, mention=first, role=first.role or role)
        if pre < m.start:
            if any(tv.words[i] in (",", ";", ":") for i in range(pre, m.start)):
                return None  # "On Wednesday, Mr Lund …": an introductory adjunct, not a role
            words = list(compress(tv.low[pre:m.start], tv.word[pre:m.start]))
            if any((w in lex.clause_words or w in lex.verbs) and (w, nxt) not in NOUN_COMPOUNDS
                   for w, nxt in zip(words, words[1:] + [""])):
                return None
            if any(tv.low[i] in FUNCTION_WORDS and tv.low[i] not in ("of", "for", "and")
                   and tv.low[i] not in lex.title_words and (tv.lowercase[i] or self._sentence_initial(i))
                   for i in range(pre, m.start)):
                return None  # (also "Later Colligan said": a capitalised adverb opening the sentence)
            role = tv.span_text(pre, m.start).strip(" ,")
        return NP(a, b, "name", tv.span_text(a, b), m.core_end - 1, mention=m, role=role or None)

    def _possessive_np(self, a: int, b: int) -> NP | None:
        tv, lex = self.tv, self.lex
        if "'s" not in tv.low[a + 1:b - 1]:
            return None
        for p in range(a + 1, b - 1):
            if tv.low[p] != "'s":
                continue
            owner = self.names.at_end(p)
            if owner is None or owner.start < a:
                return None
            rest = [tv.low[i] for i in range(p + 1, b) if not tv.space[i]]
            if not rest or not all(tv.lowercase[i] or tv.space[i] for i in range(p + 1, b)):
                return None
            head = rest[-1]
            kind = lex.speaker_nouns.get(head) or lex.source_nouns.get(head)
            if kind is None:
                return None
            return NP(a, b, "noun", tv.span_text(a, b), b - 1, noun_kind=kind, owner=owner)
        return None

    def _noun_np(self, a: int, b: int) -> NP | None:
        tv, lex = self.tv, self.lex
        region = tv.low[a:b]
        if lex.noun_heads.isdisjoint(region) and EPITHET_NOUNS.isdisjoint(region) and "old" not in region:
            return None  # no word that could head it, nor an age ("the 34-year-old")
        i = a
        while i < b and tv.low[i] in DETERMINERS:
            i += 1
        det_end = i
        if i > a and b - i >= 5:
            words = [tv.low[x] for x in range(i, b) if not tv.space[x]]
            if len(words) == 5 and words[0].isdigit() and words[1:] in (["-", "year", "-", "old"],
                                                                        ["-", "years", "-", "old"]):
                return NP(a, b, "noun", tv.span_text(a, b), b - 1, noun_kind="person")  # "the 34-year-old"
        head = None
        n_mods = 0
        lows, space, lowercase = tv.low, tv.space, tv.lowercase
        source_nouns, noun_kinds = lex.source_nouns, lex.noun_kinds
        while i < b:
            if space[i]:
                i += 1
                continue
            low = lows[i]
            if i + 4 < b and (low.isdigit() or low in NUMBER_WORDS) and lows[i + 1] == "-" and lows[i + 3] == "-" \
                    and lows[i + 2] in ("year", "years") and lows[i + 4] == "old":
                i += 5  # "the 27-year-old mother of two": an age before the head
                n_mods += 1
                continue
            two = f"{low} {lows[i + 1]}" if i + 1 < b and low in lex.source_noun_prefixes else ""
            two = two if two in source_nouns else ""  # (only a two-word source noun counts)
            kind = source_nouns[two] if two else noun_kinds.get(low)  # (as _noun_kind)
            if kind is None and low in EPITHET_NOUNS and lowercase[i]:
                kind = "person"  # "the former world champion", "the Gunners boss"
            nxt = i + (2 if two and noun_kinds.get(two) else 1)
            if kind == "channel" or kind is not None and (
                    lowercase[i] or (i == a and tv.words[i][:1].isupper() and tv.words[i][1:].islower()
                                     and self._sentence_initial(i) and i not in self.names.by_start)):
                after = nxt
                while after < b and tv.space[after]:
                    after += 1
                if after >= b or tv.low[after] in POSTMOD_STARTERS or tv.low[after] == "(":
                    head = (i, nxt, kind)
                    break
            if tv.punct[i] and tv.words[i] not in ("-", "&", "'s", "(", ")", "/"):
                return None  # ("/": "a Times/CBS News poll")
            if lowercase[i] and (low in FUNCTION_WORDS or low in lex.verbal_forms or low in lex.clause_words
                                 or low in lex.time_words):
                return None
            n_mods += 1
            if n_mods > 6:
                return None
            i += 1
        if head is None:
            return None
        h0, h1, kind = head
        if not self._valid_postmod(h1, b):
            return None
        p = h1
        while p < b and tv.space[p]:
            p += 1
        if p < b and tv.low[p].endswith("ed") and not any(tv.word[p + 1:b]):
            b = h1  # "Statistics released (on Monday) showed": a bare participle, not a post-modifier
        if det_end == a and h0 == a and tv.low[h0] in lex.title_heads:
            m = self.names.at_end(b)
            if m is not None and m.kind in ("person", "unknown"):
                return None  # "head of energy research Sara Kidd": a role before a name
        np = NP(a, b, "noun", tv.span_text(a, b), h1 - 1, noun_kind=kind,
                bare=(h1 == b and det_end == h0))
        if h1 < b and tv.low[h1] in ("from", "by") and kind == "document":
            np.author = self.parse(h1 + 1, b)
        low_head = tv.low[h1 - 1]
        if det_end > a and tv.low[a] == "the" and low_head in lex.outlet_nouns and h1 == b:
            np.noun_kind = "outlet"
        elif det_end > a and tv.low[a] == "the" and low_head in lex.org_descriptors and h1 == b \
                and all(not tv.cap[x] or tv.low[x] in DEMONYMS or _place_based(tv, x, h0) for x in range(det_end, h0)):
            np.noun_kind = "descriptor"
        return np

    def _sentence_initial(self, i: int) -> bool:
        tv = self.tv
        j = i - 1
        while j >= 0 and tv.space[j]:
            j -= 1
        return j < 0 or tv.sent[j] != tv.sent[i] or tv.qmark[j] or tv.words[j] == ":"

    def _verbal(self, low: str) -> bool:
        """A cue-verb form that cannot be a noun modifier ("said", "told"; not "state")."""
        return low in self.lex.verbal_forms

    def _valid_postmod(self, a: int, b: int) -> bool:
        """After the head: nothing, "(ACR)", or a phrase opened by a preposition with no clause
        words or cue verbs in it ("close to the talks", "for the ministry")."""
        tv, lex = self.tv, self.lex
        while a < b and tv.space[a]:
            a += 1
        if a >= b:
            return True
        if tv.words[a] == "(":
            return b - a == 3 and tv.words[b - 1] == ")"
        for i in range(a + 1, b):
            low = tv.low[i]
            if tv.lowercase[i] and (low in lex.clause_words and low not in ("and",) or low in lex.cue_adverbs
                                          or self._verbal(low)):
                return False
            if i > a + 1 and low.endswith("ed") and tv.lowercase[i] and tv.low[i - 1] not in ("the", "a", "an") \
                    and (i + 1 >= b or tv.low[i + 1] in ("a", "an", "the", "its", "their", "his", "her")):
                return False  # "Lawyers for the firm issued (a statement)": a verb, not part of the noun phrase
        return True

    def _noun_kind(self, low: str, two: str) -> str | None:
        lex = self.lex
        if two and two in lex.source_nouns:
            return lex.source_nouns[two]
        return lex.noun_kinds.get(low)

    # ------------------------------------------------------------------ positions
    def skip_back(self, j: int, lo: int) -> int:
        """From token ``j`` leftwards, skip spaces, auxiliaries, adverbs and "on Monday"."""
        tv, lex = self.tv, self.lex
        while j >= lo:
            low = tv.low[j]
            if tv.cap[j] and self.names.at_end(j + 1) is not None:
                break  # the end of a name, even one spelt like a word skipped here ("Theresa May said")
            if tv.space[j] or low in lex.cue_adverbs or (low.endswith("ly") and tv.lowercase[j] and len(low) > 5
                                                          and low not in NOT_ADVERBS and low not in lex.speaker_nouns):
                j -= 1  # "X forcefully told …"
            elif low in lex.time_words and j - 1 >= lo and tv.low[j - 1] in ("on", "last", "this", "in", "earlier"):
                j -= 2
            elif len(low) == 4 and low.isdigit() and j - 1 >= lo and tv.low[j - 1] in ("in", "since"):
                j -= 2  # "who in 2010 said"
            elif low in lex.time_words and tv.cap[j]:
                j -= 1
            else:
                break
        return j

    def region_start(self, j: int, lo: int) -> int:
        """Leftmost token of the clause-internal region that ends at ``j``."""
        tv, lex = self.tv, self.lex
        k = j
        while k - 1 >= lo:
            p = k - 1
            w, low = tv.words[p], tv.low[p]
            if tv.quote[p] >= 0:
                break
            if tv.punct[p] and w not in ("'s", "&", "-", "(", ")", "."):
                break
            if w.islower() and low in lex.clause_words:
                if low in ("and",) and p - 1 >= lo and tv.cap[p - 1] and tv.cap[p + 1]:
                    pass  # "Trade and Industry Committee"
                else:
                    break
            if w.islower() and low in lex.verbs and low not in lex.speaker_nouns and low not in lex.source_nouns \
                    and (low, tv.low[p + 1]) not in NOUN_COMPOUNDS:
                break
            if j - p > 22:
                break
            k = p
        return self._after_intro_object(k, j, lo)

    def _after_intro_object(self, k: int, j: int, lo: int) -> int:
        """"Speaking to the BBC News website Mr Lee said": a region that holds an opening
        participle and its object (speaking to, talking to, writing in) runs on into the
        subject when no comma ends the phrase; the subject starts at the last person named
        after it."""
        tv = self.tv
        q = next((q for q in range(k, j) if tv.low[q] in INTRO_PARTICIPLES), None)
        if q is None or q + 2 > j or tv.low[q + 1 if not tv.space[q + 1] else q + 2] not in ("to", "with", "in", "on"):
            return k
        people = [m for m in self.names.mentions if q + 2 < m.start <= j and m.kind == "person"]
        return people[-1].start if people else k

    def left_subject(self, cue_start: int, lo: int) -> NP | None:
        """The subject NP ending right before the cue (after adverbs), with an apposition
        ("X, the Y of Z, said") or a role before the name; None when there is none."""
        tv = self.tv
        o = self._parenthetical_open(cue_start, lo)
        if o is not None:  # "Mr Lee — who led the campaign — said": the subject before the dashes
            return self.left_subject(o, lo)
        j = self.skip_back(cue_start - 1, lo)
        if j < lo:
            return None
        if tv.words[j] in ("who",) and j - 1 >= lo and tv.words[j - 1] != ",":
            j = self.skip_back(j - 1, lo)  # "a woman who suggested …": the NP before "who"
            if j < lo:
                return None
        elif tv.words[j] in ("that", "which") and j - 1 >= lo and tv.words[j - 1] != ",":
            k = self.region_start(j - 1, lo)  # "a ruling that said …": a document before "that"
            for s in range(k, j):
                np = self.parse(s, j)
                if np is not None and np.kind == "noun" and np.noun_kind == "document":
                    return np
            return None
        if tv.words[j] == ",":
            c = self._prev_word_np(j, lo)
            c2 = self._prev_word_np(c, lo) if c is not None else None
            if c2 is not None and tv.low[c] in INTERJECTED and tv.words[c2] == ",":
                # "Ms Ruiz, however, said …": skip the interjected adverb
                return self.left_subject(c2, lo)
            c2 = self._interjected_phrase(j, lo)
            if c2 is not None:
                return self.left_subject(c2, lo)  # "Ms Ruiz, for example, said …"
            rel = self._before_relative(j, lo)
            if rel is not None:
                return rel
            return self._appositive_subject(j, lo)
        if tv.punct[j] and tv.words[j] not in (")", "."):
            return None
        if tv.quote[j] >= 0:
            return None
        coord = self._coordinated(j, lo)
        if coord is not None:
            return coord
        k = self.region_start(j, lo)
        for s in range(k, j + 1):
            np = self.parse(s, j + 1)
            if np is not None:
                return self._missing_comma(np, s, lo) or self._and_before(np, lo) or np
        return self._after_quote(k, j + 1, lo)

    def _and_before(self, np: NP, lo: int) -> NP | None:
        """"Princes William and Harry said", "Pilots and aviation experts said": a first
        conjunct and "and" before the subject NP belong to it (two names, or two groups)."""
        tv, lex = self.tv, self.lex
        p = np.start - 1
        while p >= lo and tv.space[p]:
            p -= 1
        if p <= lo or tv.low[p] != "and" or not tv.lowercase[p]:
            return None
        q = p - 1
        while q >= lo and tv.space[q]:
            q -= 1
        if q < lo or tv.punct[q]:
            return None
        if np.kind == "name" and np.mention is not None and np.mention.kind in ("person", "unknown"):
            m = self.names.at_end(q + 1)
            if m is None or m.kind not in ("person", "unknown"):
                return None
            return NP(m.start, np.end, "name", tv.span_text(m.start, np.end), np.head, members=[m, np.mention])
        if np.kind == "noun" and lex.speaker_nouns.get(tv.low[np.head]) == "group" \
                and lex.speaker_nouns.get(tv.low[q]) == "group" and (q == lo or tv.punct[q - 1] or tv.space[q - 1]
                                                                      or tv.low[q - 1] in ("the", "some", "many")):
            a = q - 1 if q > lo and tv.low[q - 1] in ("the", "some", "many") else q
            return replace(np, start=a, text=tv.span_text(a, np.end))
        return None

    def _interjected_phrase(self, j: int, lo: int) -> int | None:
        """The comma before an interjected phrase of several words that ends with the comma at
        ``j`` (", for example,", ", in turn,"), or None."""
        tv = self.tv
        words = []
        k = self._prev_word_np(j, lo)
        while k is not None and tv.words[k] != "," and len(words) < 4:
            words.append(tv.low[k])
            k = self._prev_word_np(k, lo)
        if k is None or len(words) < 2 or " ".join(reversed(words)) not in INTERJECTED_PHRASES:
            return None
        return k

    def _coordinated(self, j: int, lo: int) -> NP | None:
        """"Ms Lee and Mr Khan said", "Sens. Ana Ruiz (D-Ore.), Bo Tan (D-Ohio) and Cy Vail all
        said": two or more names joined by commas and "and" (party tags, "both"/"all" allowed)."""
        tv = self.tv
        e = j
        if tv.low[e] in ("all", "both") and tv.lowercase[e]:
            e -= 1
            while e >= lo and tv.space[e]:
                e -= 1
        members: list[Mention] = []
        k = e + 1
        joined_by_and = False
        while k - 1 >= lo:
            end = k
            if tv.words[end - 1] == ")":  # a party tag
                o = next((x for x in range(end - 2, max(lo, end - 9) - 1, -1) if tv.words[x] == "("), None)
                if o is None:
                    break
                end = o
                while end - 1 >= lo and tv.space[end - 1]:
                    end -= 1
            m = self.names.at_end(end)
            if m is None or m.kind not in ("person", "unknown") or m.core_end - m.core_start < 2 and not m.honorific:
                break
            members.append(m)
            p = m.start - 1
            while p >= lo and tv.space[p]:
                p -= 1
            if p >= lo and tv.low[p] == "and" and not members[1:]:
                joined_by_and = True
            elif not (p >= lo and tv.words[p] == "," and joined_by_and):
                break
            k = p
            while k - 1 >= lo and tv.space[k - 1]:
                k -= 1
        if len(members) < 2 or not joined_by_and:
            return None
        members.reverse()
        first = members[0]
        text = tv.span_text(first.start, e + 1)
        return NP(first.start, e + 1, "name", text, members[-1].core_end - 1, mention=None, members=members)

    def _is_dash(self, k: int) -> bool:
        """A dash token, or a run of spaces where a source dropped the dash (BBC data: "X   who …")."""
        tv = self.tv
        return tv.words[k] in ("—", "–", "--", "-") and tv.space[k - 1] is False and k > 0 \
            and tv.text[tv.start[k] - 1:tv.start[k]] == " " or (tv.space[k] and len(tv.words[k]) >= 2)

    def _parenthetical_open(self, cue_start: int, lo: int) -> int | None:
        """The opening dash of a dash-delimited parenthetical that ends right before the cue."""
        tv = self.tv
        k = cue_start - 1
        while k >= lo and tv.space[k] and not self._is_dash(k):
            k -= 1
        if k <= lo or not self._is_dash(k):
            return None
        for o in range(k - 2, max(lo, k - 40) - 1, -1):
            if tv.quote[o] >= 0 and tv.qmark[o]:
                continue
            if self._is_dash(o):
                return o if o > lo else None
            if tv.words[o] in (".", ";", ":"):
                return None
        return None

    def _before_relative(self, j: int, lo: int) -> NP | None:
        """"The authorities, who have charged 19 people in Newark, New Jersey, estimate …": the
        subject is the NP before ", who"; the commas inside the relative clause do not count."""
        tv = self.tv
        for r in range(j - 1, max(lo, j - 30) - 1, -1):
            if tv.quote[r] >= 0 or tv.words[r] in (".", ";", ":"):
                return None
            if tv.low[r] in ("who", "which") and tv.lowercase[r]:
                c = self._prev_word_np(r, lo)
                if c is None or tv.words[c] != ",":
                    return None
                named = self._titled_apposition(c, lo)
                if named is not None:
                    return named  # "X, vice president of Y, which drafted Z, said": X
                if not any(tv.words[x] == "," for x in range(r + 1, j)):
                    return None  # one comma pair only: the usual apposition path handles it
                e = self.skip_back(c - 1, lo)
                if e < lo:
                    return None
                k = self.region_start(e, lo)
                for x in range(k, e + 1):
                    np = self.parse(x, e + 1)
                    if np is not None and np.kind != "pronoun":
                        return np
                return None
        return None

    def _titled_apposition(self, c: int, lo: int) -> NP | None:
        """"Jacques Roy, vice president of the commission," ending at comma ``c``: the name
        before a title apposition (the title as its role), or None."""
        tv, lex = self.tv, self.lex
        k = next((x for x in range(c - 1, max(lo, c - 16) - 1, -1) if tv.words[x] == "," or tv.quote[x] >= 0), None)
        if k is None or tv.words[k] != ",":
            return None
        a, b = self._segment(k, c)
        first = a + 1 if a < b and tv.low[a] in ("the", "a", "an") else a
        if first >= b or tv.low[first] not in lex.title_words or not tv.lowercase[first]:
            return None
        p = self._prev_word_np(k, lo)
        m = self.names.at_end(p + 1) if p is not None else None
        if m is None or m.kind not in ("person", "unknown") or m.core_end - m.core_start < 2 and not m.honorific:
            return None
        np = self.parse(m.start, m.end)
        if np is None or np.kind != "name":
            return None
        np.role = np.role or tv.span_text(first, b)
        return np

    def _prev_word_np(self, i: int, lo: int) -> int | None:
        j = i - 1
        while j >= lo and self.tv.space[j]:
            j -= 1
        return j if j >= lo else None

    def _after_quote(self, a: int, b: int, lo: int) -> NP | None:
        """Right after a closing quotation ('"…," the actor said') any short determiner phrase
        ("the actor", "one shopkeeper") is the speaker, lexicon or not."""
        tv = self.tv
        p = a - 1
        while p >= lo and tv.space[p]:
            p -= 1
        while p >= lo and tv.words[p] == ",":
            p -= 1
        if p < lo or not tv.qmark[p] or tv.quote[p] < 0:
            return None
        if tv.low[a] not in DETERMINERS or not 2 <= b - a <= 4:
            return None
        if not all(tv.lowercase[i] and tv.low[i] not in FUNCTION_WORDS and tv.word[i] for i in range(a + 1, b)):
            return None
        head = tv.low[b - 1]
        kind = "group" if head.endswith("s") and not head.endswith("ss") else "person"
        return NP(a, b, "noun", tv.span_text(a, b), b - 1, noun_kind=kind)

    def _missing_comma(self, np: NP, s: int, lo: int) -> NP | None:
        """"Dev Anand, managing director of broker Kestrel Capital said": the region after the
        comma is a role for the name before it."""
        tv, lex = self.tv, self.lex
        c = s - 1
        while c >= lo and tv.space[c]:
            c -= 1
        if c < lo or tv.words[c] != ",":
            return None
        if not any(tv.lowercase[k] and (tv.low[k] in lex.title_heads or k == s and tv.low[k] in lex.title_mods)
                   for k in range(s, np.end)):
            return None  # (a role word in the region: "managing director of X", "Plaid Cymru health spokesman")
        before = self.names.at_end(c)
        if before is None or before.kind not in ("person", "unknown"):
            return None
        opener = before.start - 1
        while opener >= lo and tv.space[opener]:
            opener -= 1
        if opener >= lo and not (tv.punct[opener] or tv.low[opener] in INTRO_CONNECTIVES):
            return None  # the name must open its clause: "Dev Anand, managing director of X said"
        subj = self.parse(before.start, c)
        if subj is None or subj.kind != "name":
            return None
        subj.role = tv.span_text(s, np.end)
        return subj

    def _appositive_subject(self, j: int, lo: int) -> NP | None:
        """The subject before one or more comma-delimited appositions ending at comma ``j``
        ("X, 52, from Bolton, says"); the nearest role-like apposition is its role."""
        role = None
        named = self._name_after_roles(j, lo)
        if named is not None:
            return named
        for _ in range(3):
            np, k = self._single_apposition(j, lo)
            if np is not None:
                if np.role is None and role is not None:
                    np.role = role
                return np
            if k is None:
                return None
            a, b = self._segment(k, j)
            if not self._apposition_like(a, b):
                return None
            role = role or self._role_text(a, b)
            j = k
        return None

    def _name_after_roles(self, j: int, lo: int) -> NP | None:
        """"The head of the agency, Chief Superintendent, Mia Dole, said": a person's name as
        the last apposition after role phrases is the speaker; the nearest role is its role."""
        tv, lex = self.tv, self.lex
        k = next((x for x in range(j - 1, max(lo, j - 8) - 1, -1) if tv.words[x] == ","), None)
        if k is None:
            return None
        a, b = self._segment(k, j)
        m = self.names.by_start.get(a)
        if m is None or m.end != b or m.kind not in ("person", "unknown") or m.core_end - m.core_start < 2 \
                or self._party_tag(a, b):
            return None
        k2 = next((x for x in range(k - 1, max(lo, k - 12) - 1, -1) if tv.words[x] == ","), lo - 1)
        ra, rb = self._segment(k2, k)
        words = [w.rstrip(".") for w in compress(tv.low[ra:rb], tv.word[ra:rb])]
        if not words or not any(w in lex.title_heads or w in ("head",) for w in words) \
                or any(self._verbal(w) or w in lex.clause_words for w in words):
            return None
        np = self.parse(a, b)
        if np is None or np.kind != "name":
            return None
        np.role = np.role or tv.span_text(ra + (1 if tv.low[ra] in ("the", "a", "an") else 0), rb)
        np.outer_start = ra
        return np

    def _segment(self, k: int, j: int) -> tuple[int, int]:
        tv = self.tv
        a = k + 1
        while a < j and tv.space[a]:
            a += 1
        return a, j

    def _apposition_like(self, a: int, b: int) -> bool:
        """An age, a place ("from Bolton"), a role or a relative clause between commas."""
        tv, lex = self.tv, self.lex
        if a >= b:
            return False
        first = tv.low[a]
        return (first[:1].isdigit() or first in ADJUNCT_STARTS or first in ("of", "who", "which")
                or first in DETERMINERS
                or first in lex.title_words or tv.cap[a])

    def _role_text(self, a: int, b: int) -> str | None:
        tv, lex = self.tv, self.lex
        first = tv.low[a]
        if first[:1].isdigit() or first in ADJUNCT_STARTS or first in ("who", "which"):
            return None
        words = [tv.low[x] for x in range(a, b)]
        if not any(w in lex.title_heads or w in lex.speaker_nouns for w in words):
            return None
        return tv.span_text(a + (1 if first in ("the", "a", "an") else 0), b)

    def _single_apposition(self, j: int, lo: int) -> tuple[NP | None, int | None]:
        """(subject, k) for "SUBJ, APPOS," ending at comma ``j`` (``k``: the comma before the
        apposition); (None, k) when the segment before ``k`` is no subject; (None, None) when
        there is no apposition at all."""
        tv, lex = self.tv, self.lex
        k = j - 1
        while k >= lo and j - k < 30:
            if tv.quote[k] >= 0:
                return None, None
            if tv.words[k] == ",":
                break
            k -= 1
        if k < lo or tv.words[k] != ",":
            return None, None
        appos_a, appos_b = k + 1, j
        while appos_a < appos_b and tv.space[appos_a]:
            appos_a += 1
        if appos_a >= appos_b:
            return None, None
        first = tv.low[appos_a]
        e = self.skip_back(k - 1, lo)
        if e < lo:
            return None, None
        s = self.region_start(e, lo)
        subj = None
        for x in range(s, e + 1):
            subj = self.parse(x, e + 1)
            if subj is not None:
                break
        if subj is None or subj.kind == "pronoun":
            return None, k
        if first in ADJUNCT_STARTS or (first.endswith("ing") and tv.lowercase[appos_a]):
            subj.appositive = (appos_a, appos_b)  # "X, speaking at a news conference, said" (a source)
            return subj, k
        if self._party_tag(appos_a, appos_b):
            return subj, k  # "Addiego, R-Burlington, said": a party and place tag
        if first in RELATIVES or first[:1].isdigit():
            if first == "who" and subj.role is None:
                subj.role = self._copular_role(appos_a + 1, appos_b)  # "X, who is head of research at Y, said"
            return subj, k  # "X, who chaired the meeting, said" / "X, 45, said"
        named = self.names.at_end(appos_b)
        if named is not None and named.start == appos_a and named.kind in ("person", "unknown") and subj.kind == "noun":
            name = self.parse(appos_a, appos_b)  # "Smith's lawyer, Jane Doe, said"
            if name is not None:
                det = tv.low[subj.start] in ("the", "a", "an")
                name.role = name.role or tv.span_text(subj.start + (1 if det else 0), subj.end)
                name.outer_start = subj.start
                return name, k
        has_det = first in ("the", "a", "an")
        a2 = appos_a + (1 if has_det else 0)
        rel_at = next((x for x in range(a2, appos_b) if tv.low[x] in ("who", "which", "whose")), appos_b)
        words = [tv.low[x] for x in range(a2, rel_at)]  # "a former aide who went with her to Rome"
        if any(self._verbal(w) for w in words) or any(
                tv.lowercase[x] and tv.low[x] in lex.clause_words and tv.low[x] not in ("and", "or")
                for x in range(a2, rel_at)):
            return None, None
        if not has_det and not any(w in lex.title_heads or w in lex.speaker_nouns or w in lex.org_descriptors
                                   for w in words):
            return None, k
        rel = next((x for x in range(a2, appos_b) if tv.low[x] in ("who", "which", "whose")), appos_b)
        subj.role = tv.span_text(a2, rel) if rel > a2 else None
        return subj, k

    def _party_tag(self, a: int, b: int) -> bool:
        """"R-Burlington", "D-Ore.", "R-N.J.": a US party letter and a place, joined by a hyphen."""
        tv = self.tv
        words = [tv.words[x] for x in range(a, b) if not tv.space[x]]
        return len(words) >= 3 and words[0] in ("R", "D", "I") and words[1] == "-" and words[2][:1].isupper() \
            and tv.end[a] == tv.start[a + 1]

    def _copular_role(self, a: int, b: int) -> str | None:
        """"is (the) head of research at Y" inside a relative clause: the role after the copula."""
        tv, lex = self.tv, self.lex
        while a < b and tv.space[a]:
            a += 1
        if a >= b or tv.low[a] not in ("is", "was"):
            return None
        a += 1
        while a < b and (tv.space[a] or tv.low[a] in ("the", "a", "an", "also", "now")):
            a += 1
        words = list(compress(tv.low[a:b], tv.word[a:b]))
        if not words or not (words[0] in lex.title_words or any(w in lex.title_heads for w in words[:3])) \
                or any(self._verbal(w) or w in RELATIVES for w in words):
            return None
        return tv.span_text(a, b)

    def right_np(self, start: int, hi: int, loose: bool = False, apposition: bool = True) -> NP | None:
        """The NP starting at ``start`` (inverted subjects, "according to X", agents), with
        its apposition role ("said Jones, a lawyer for the firm"). With ``loose`` prepositions
        do not end it ("according to people briefed on the talks")."""
        tv = self.tv
        a = start
        while a < hi and tv.space[a]:
            a += 1
        e = a
        while e < hi:
            w, low = tv.words[e], tv.low[e]
            if tv.quote[e] >= 0 or (tv.punct[e] and w not in ("'s", "&", "-", "(", ")", ".", "/")) or w in (".",):
                break
            if w.islower() and (low in self.lex.clause_words or not loose and low in ("in", "on", "at", "during", "as")
                                or low == "that"):
                break
            if w.islower() and low == "to" and e > a and tv.low[e - 1] not in ("close", "next", "according"):
                break
            e += 1
        for b in range(e, a, -1):
            np = self.parse(a, b)
            if np is not None:
                if apposition:
                    self._right_apposition(np, hi)
                return np
        return None

    def _right_apposition(self, np: NP, hi: int) -> None:
        tv, lex = self.tv, self.lex
        c = np.end
        if c >= hi or tv.words[c] != ",":
            return
        a = c + 1
        while a < hi and tv.space[a]:
            a += 1
        e = a
        while e < hi and tv.words[e] not in (",", ".", ";", ":") and tv.quote[e] < 0 and e - a < 15:
            e += 1
        if e <= a:
            return
        det = tv.low[a] in ("the", "a", "an")
        if det:
            a += 1
        if a >= e or not (det or tv.low[a] in lex.title_words or (a + 1 < e and tv.low[a + 1] == "'s")):
            return
        e = next((x for x in range(a, e) if tv.low[x] in ("who", "which", "whose")), e)
        words = [tv.low[x] for x in range(a, e)]
        if words and any(w in lex.title_heads or w in lex.speaker_nouns for w in words) \
                and not any(w in lex.verbs or w in RELATIVES for w in words):
            np.role = tv.span_text(a, e)
            nxt = e
            while nxt < hi and tv.space[nxt]:
                nxt += 1
            if nxt >= hi or tv.words[nxt] in (",", ".", ";", ":") or tv.quote[nxt] >= 0:
                np.appos_end = e

    def first_np(self, lo: int, hi: int) -> NP | None:
        """The subject at the start of the clause [lo, hi): the longest NP there."""
        tv = self.tv
        a = lo
        while a < hi and (tv.space[a] or tv.low[a] in INTRO_CONNECTIVES or tv.words[a] == ","):
            a += 1
        if a < hi and tv.low[a] in INTRO_PREPS:  # "On Wednesday, X …", "In a statement, X …"
            c = next((k for k in range(a + 1, min(hi, a + 12)) if tv.words[k] == "," and tv.quote[k] < 0), None)
            if c is not None:
                a = c + 1
                while a < hi and tv.space[a]:
                    a += 1
        limit = min(hi, a + 16)
        for b in range(limit, a, -1):
            if tv.quote[b - 1] >= 0:
                continue
            np = self.parse(a, b)
            if np is not None:
                return np
        return None
