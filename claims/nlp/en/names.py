"""Names without NER: capitalised runs, their roles, and one canonical form per entity.

A *mention* is a maximal run of capitalised tokens (with connectors such as "of", "&", "and",
"'s" kept only where the run is an organisation or a title: "Office for Budget Responsibility",
"Fire & Rescue Workers' Union", "Wales's First Minister Mair Pritchard"). Honorifics are cut
off the front (and give the gender); a title inside the run is split off as the role
("Transport Secretary | Alan Greer"). :class:`NameIndex` then links the mentions of one article:
"Mr Alvarez" and "Alvarez" -> "Carlos Alvarez", "NMC" -> "Northern Mining Corp (NMC)", "FT" ->
"Financial Times" (initials), "Norvex" -> "Norvex Motors" (a word of an organisation).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.tokens import APOSTROPHES, TokenView
from claims.nlp.lexicons import load_list

PARTICLES = frozenset("de del della der den van von al el bin ibn abu da di du la le dos das".split())
# particles that, written before a capitalised surname, start a name ("said van Sebille")
LEADING_PARTICLES = frozenset("de del della der den van von bin ibn abu da di du dos das".split())
JOINERS = frozenset({"of", "for", "and", "&", "'s", "on", "upon"})
FUNCTION_WORDS = frozenset(w.lower() for w in load_list("en", "name_stopwords.txt"))
# Always capitalised in English, never names: months and weekdays (and their abbreviations).
CALENDAR = frozenset("january february march april may june july august september october november december "
                     "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
                     "saturday sunday".split())
# Honorifics that are part of a name as written (kept in the speaker's fullest form)
NAME_TITLES = frozenset({"sir", "dame", "lord", "lady", "baroness", "baron"})
# Compound nouns whose first word reads as a verb ("think tank"): kept whole in roles
NOUN_COMPOUNDS = frozenset({("think", "tank")})
# Words before a month that make it a date ("in May", "since April", "last March").
DATE_LEAD_WORDS = frozenset("in on since until till by last next early late mid of from through this every each "
                            "between before after during throughout".split())
HEADING_SMALL_WORDS = frozenset("and a an the to of in for with on at by from who is are or as".split())
INITIAL_SKIP = frozenset({"of", "and", "&", "the", "for", "on", "de", "la", "le"})


@dataclass
class Mention:
    """One capitalised run. ``start``/``end``: the run's tokens; ``core``: the name part
    (no honorific, no title); ``role``: a title found inside or right before the run, or in an
    apposition after it."""

    start: int
    end: int
    core_start: int
    core_end: int
    core: str
    honorific: str | None = None
    gender: str | None = None  # m | f | None
    role: str | None = None
    acronym: str | None = None  # "(WHO)" right after the run
    det: str | None = None  # "the"/"The" right before the run
    kind: str = "unknown"  # person | organisation | outlet | place | unknown
    entity: "Entity | None" = None
    ner: bool = False  # kind set from a trained pipeline's entities


@dataclass
class Entity:
    """A person or body as known from the whole article."""

    label: str  # the fullest form, e.g. "Carlos Alvarez", "The International Energy Agency (IEA)"
    kind: str
    gender: str | None = None
    role: str | None = None
    words: tuple[str, ...] = ()
    mentions: list[Mention] = field(default_factory=list)
    role_from_claim: bool = False


class NameFinder:
    """Finds the mentions of one article (see module docs)."""

    def __init__(self, tv: TokenView, lex: Lexicon) -> None:
        self.tv = tv
        self.lex = lex
        self.n = len(tv)
        self._name_tokens: dict[int, bool] = {}
        self._opens: dict[int, bool] = {}
        first_of_sent = {a for a, _ in tv.sentences}
        self.first_of_sent = first_of_sent
        # words of the body (the sentences): lower-case spellings seen, and capitalised words
        # seen inside a sentence (a capitalised word is never lower case)
        self.lower_seen: set[str] = set()
        for a, b in tv.sentences:
            self.lower_seen.update(compress(tv.words[a:b], tv.lower_word[a:b]))
        self.cap_positions = list(compress(range(self.n), tv.cap))
        self.cap_mid = {tv.low[i] for i in self.cap_positions
                        if tv.sent[i] >= 0 and not tv.space[i] and not tv.punct[i] and i not in first_of_sent
                        and not self._after_open(i)}
        # month words the article uses as surnames: right after an honorific or a first name
        # ("Theresa May", "Mrs May"); elsewhere in the article they are the surname too ("May said")
        self.calendar_surnames = {tv.low[i] for i in self.cap_positions
                                  if tv.low[i] in CALENDAR and self._calendar_after_name(i)}

    def _prev_word(self, i: int) -> int:
        """The token before ``i``, whitespace skipped (-1 at the start)."""
        j = i - 1
        while j >= 0 and self.tv.space[j]:
            j -= 1
        return j

    def _is_date(self, i: int) -> bool:
        """A month or weekday at ``i`` written as a date: next to a number ("May 5", "5 May",
        "April 2019") or after a word that makes it one ("in May", "last March")."""
        tv = self.tv
        j = self._prev_word(i)
        nxt = i + 1 if i + 1 < self.n and not tv.space[i + 1] else i + 2
        return ((nxt < self.n and tv.words[nxt][:1].isdigit()) or
                (j >= 0 and (tv.words[j][:1].isdigit() or tv.low[j] in DATE_LEAD_WORDS)))

    def _calendar_after_name(self, i: int) -> bool:
        tv = self.tv
        j = self._prev_word(i)
        return (j >= 0 and tv.cap[j] and tv.sent[j] == tv.sent[i] and not self._is_date(i)
                and (tv.low[j] in self.lex.honorifics or tv.low[j] in self.lex.first_names)
                and tv.low[j] not in CALENDAR)

    def _after_open(self, i: int) -> bool:
        """Token ``i`` comes first in its sentence, or right after a quotation mark, a colon, a
        bracket or a dash (asked again and again for the same tokens)."""
        known = self._opens.get(i)
        if known is None:
            known = self._opens[i] = self._opens_clause(i)
        return known

    def _opens_clause(self, i: int) -> bool:
        tv = self.tv
        j = self._prev_word(i)
        if j > 0 and tv.words[j] in ("-", "–") and tv.end[j] == tv.start[i] and tv.end[j - 1] == tv.start[j]:
            return False  # "Courier-Post": a hyphen written solid inside a word
        return j < 0 or tv.qmark[j] or tv.words[j] in (":", "(", "-", "–", "—") or tv.sent[j] != tv.sent[i]

    def is_name_token(self, i: int) -> bool:
        """Whether token ``i`` can be part of a name (asked more than once for most tokens)."""
        known = self._name_tokens.get(i)
        if known is None:
            known = self._name_tokens[i] = self._is_name_token(i)
        return known

    def _is_name_token(self, i: int) -> bool:
        tv = self.tv
        if not tv.cap[i] or tv.space[i]:
            return False  # (nor is a quotation mark capitalised)
        w, low = tv.words[i], tv.low[i]
        if low in self.lex.honorifics and not w.isupper():
            return True  # honorifics start runs
        if len(w) > 1 and w.isupper() and w.isalpha():
            return True  # acronyms, even "WHO" and "US"
        if low in CALENDAR and low in self.calendar_surnames:
            return not self._is_date(i)  # "Theresa May", "Mrs May", then "May said" (not "may")
        if low in FUNCTION_WORDS:
            # "First Minister": a title word capitalised inside a sentence is part of a name; so is a
            # first name that is also a function word before a surname ("captain Will Carling")
            nxt_cap = i + 1 < self.n and tv.cap[i + 1] and tv.low[i + 1] not in FUNCTION_WORDS
            if low in self.lex.first_names and i not in self.first_of_sent and nxt_cap and not self._after_open(i):
                return True
            return low in self.lex.title_words and i not in self.first_of_sent and i + 1 < self.n and tv.cap[i + 1]
        if len(w) > 1 and w.isupper():
            return True
        if low in CALENDAR and low not in self.lex.first_names:
            # a month is a name only as a surname the article gives after a first name or an
            # honorific ("Theresa May", then "May said"), never as a date ("in May", "May 5")
            return low in self.calendar_surnames and not self._is_date(i)
        if i in self.first_of_sent or self._after_open(i):
            if low in self.lex.first_names or low in self.cap_mid:
                return True
            nxt = i + 1
            if nxt < self.n and tv.cap[nxt] and tv.low[nxt] not in FUNCTION_WORDS and not tv.qmark[nxt]:
                return True  # "Tenants Council ...": a capitalised word follows
            if (low in self.lex.org_words or low in self.lex.title_heads) and nxt + 1 < self.n \
                    and tv.low[nxt] in ("of", "for", "&") and tv.cap[nxt + 1]:
                return True  # "Office for Budget Responsibility"
            # an unknown word that the article never writes in lower case ("Apple said"), unless
            # it looks like a verb or adverb ("Returning from …", "Clearly, …")
            if low.endswith(("ing", "ly", "ed")):
                return False
            return (w not in self.lower_seen and low not in self.lower_seen and low not in self.lex.speaker_nouns
                    and low not in self.lex.source_nouns and low not in self.lex.verbs and w.isalpha())
        return True

    def _title_case_paragraphs(self) -> set[int]:
        """Paragraphs written in title case (sub-headings such as "Cash Gifts And A Free Holiday"):
        their capitalisation says nothing about names."""
        tv = self.tv
        out = set()
        for p, (a, b) in enumerate(tv.paragraphs):
            alpha = tv.alpha[a:b]  # the words that start with a letter
            n_words, caps = sum(alpha), sum(compress(tv.cap[a:b], alpha))
            if n_words < 3 or caps < 0.6 * n_words:
                continue
            words = list(compress(range(a, b), alpha))
            # a heading capitalises its small words ("… And Free Tickets") or has no full stop
            cap_small = any(tv.words[i].istitle() and tv.low[i] in HEADING_SMALL_WORDS and i not in self.first_of_sent
                            and not self._after_open(i) for i in words[1:])
            last = b - 1
            while last > a and (tv.space[last] or tv.qmark[last]):
                last -= 1
            if cap_small or (caps >= 0.75 * len(words) and tv.words[last] not in (".", "!", "?", ":")):
                out.add(p)
        return out

    def mentions(self) -> list[Mention]:
        tv = self.tv
        out: list[Mention] = []
        skip = self._title_case_paragraphs()
        i = 0  # runs start at capitalised tokens only: visit those, skipping the ones inside a run
        for c in self.cap_positions:
            if c < i or tv.sent[c] < 0 or tv.para[c] in skip or not self.is_name_token(c):
                continue
            j = self._run_end(c)
            c = self._with_particle(c)
            m = self._mention(c, j)
            if m is not None:
                out.append(m)
            i = max(j, c + 1)
        return self._join_nicknames(self._extend_to_acronyms(out))

    def _with_particle(self, c: int) -> int:
        """A run's start moved back over a lower-case name particle written before it ("said
        van Sebille", "met de Gaulle"): the particle belongs to the name."""
        tv = self.tv
        p = c - 1
        if p >= 0 and tv.lowercase[p] and tv.low[p] in LEADING_PARTICLES and tv.sent[p] == tv.sent[c] \
                and not (p - 1 >= 0 and tv.cap[p - 1] and not tv.space[p - 1] and self.is_name_token(p - 1)):
            return p
        return c

    def _join_nicknames(self, out: list[Mention]) -> list[Mention]:
        """'Jimmy "the Whirlwind" White': a first name, a short quoted nickname and a surname are
        one person, named by first name and surname ("Jimmy White")."""
        tv = self.tv
        by_start = {m.start: m for m in out}
        for m in out:
            if m.end >= self.n or m.honorific or m.core_end - m.core_start != 1 \
                    or tv.low[m.core_start] not in self.lex.first_names:
                continue
            o = m.end
            while o < self.n and tv.space[o]:
                o += 1
            if o >= self.n or not tv.qmark[o] or tv.quote[o] < 0:
                continue
            q = tv.quotes[tv.quote[o]]
            if q.close_at is None or tv.token_at(q.open_at) != o:
                continue
            c = tv.token_at(q.close_at)
            if not 0 < sum(tv.word[o:c]) <= 4:
                continue
            n = c + 1
            while n < self.n and tv.space[n]:
                n += 1
            m2 = by_start.get(n)
            if m2 is not None and m2.kind in ("person", "unknown") and m2.core_end - m2.core_start == 1:
                m2.core = f"{m.core} {m2.core}"
                m2.kind = "person"
        return out

    def _extend_to_acronyms(self, out: list[Mention]) -> list[Mention]:
        """A name cut short by a lower-case word inside it ("European Low fares Airline
        Association (ELAA)" read as "Airline Association"): when the words before the run make
        its initials match the acronym that follows it, the run takes them in."""
        tv = self.tv
        for m in [m for m in out if m.acronym]:
            words = list(compress(tv.words[m.core_start:m.core_end], tv.word[m.core_start:m.core_end]))
            if initials(words) == m.acronym:
                continue
            best = None
            k = m.start
            for _ in range(6):
                p = k - 1
                while p >= 0 and tv.space[p]:
                    p -= 1
                if p < 0 or tv.sent[p] != tv.sent[m.start] or tv.punct[p] or tv.quote[p] != tv.quote[m.start] \
                        or tv.low[p] in ("the", "a", "an") or (tv.lowercase[p] and tv.low[p] in FUNCTION_WORDS):
                    break
                k = p
                ws = list(compress(tv.words[k:m.end], tv.word[k:m.end]))
                caps = [w for w in ws if w[0].isupper()]
                if tv.cap[k] and m.acronym in (initials(ws), initials(caps)):
                    best = k
            if best is None:
                continue
            merged = self._mention(best, m.end)
            if merged is None or merged.acronym != m.acronym:
                continue
            out = [x for x in out if x is not m and not (best <= x.start and x.end <= m.start)]
            out.append(merged)
        out.sort(key=lambda x: x.start)
        return out

    def _cap_run(self, i: int) -> int:
        tv = self.tv
        while i < self.n and self.is_name_token(i):
            i += 1
            # "Jean-Pierre", "Ocasio-Cortez": a hyphen written solid between two capitals
            if i + 1 < self.n and tv.words[i] == "-" and tv.end[i - 1] == tv.start[i] \
                    and tv.end[i] == tv.start[i + 1] and self.is_name_token(i + 1):
                i += 1
        return i

    def _run_end(self, i: int) -> int:
        tv, lex = self.tv, self.lex
        j = self._cap_run(i)
        while j + 1 < self.n:
            low = tv.low[j]
            if low not in JOINERS and low not in PARTICLES or not self.is_name_token(j + 1):
                break
            if tv.sent[j + 1] != tv.sent[i]:
                break
            k = self._cap_run(j + 1)
            before = {tv.low[x] for x in range(i, j)}
            after = [tv.low[x] for x in range(j + 1, k)]
            org_after = any(w in lex.org_words for w in after)
            title_after = any(w in lex.title_heads for w in after)
            org_before = any(w in lex.org_words or w in lex.title_heads for w in before)
            if low in PARTICLES:
                ok = True
            elif low == "'s" or low in ("and", "&"):
                ok = org_after or title_after
            else:  # of, for, on
                ok = org_before or org_after
            if not ok:
                break
            j = k
        return j

    def _mention(self, a: int, b: int) -> Mention | None:
        tv, lex = self.tv, self.lex
        i = a
        honorific = gender = None
        while i < b and tv.low[i].rstrip(".") in lex.honorifics and i + 1 < b:
            honorific = tv.words[i]
            gender = lex.honorifics[tv.low[i].rstrip(".")]
            gender = gender if gender in ("m", "f") else None
            i += 1
        # split a title off the front: the last title head followed by a non-organisation rest
        core_a = i
        role = None
        for k in range(b - 2, i - 1, -1):
            low = tv.low[k].rstrip(".")  # "Sen.", "Rep.", "Gov."
            if low in lex.title_heads or lex.speaker_nouns.get(low) in ("person", "anonymous"):
                if k == i and b - k == 2 and low in lex.first_names and not tv.words[k].endswith("."):
                    break  # "Dean Marlow", "Major Carter"?: a first name more likely than a title
                rest = [tv.low[x] for x in range(k + 1, b)]
                if rest and not any(w in lex.org_words for w in rest) and rest[0] not in JOINERS and rest[0] != "-":
                    core_a = k + 1
                    role = tv.span_text(a if honorific is None else i, k + 1)
                break
        if core_a == i and honorific is None:
            k = self._personal_name_start(i, b)
            if k is not None:  # "California State Park Ranger Supervisor Robert Colligan"
                core_a = k
                role = tv.span_text(i, k)
        if core_a >= b:
            return None
        # the whole run is a title ("Chief Executive"): no name
        if honorific is None and all(tv.low[x] in lex.title_words or tv.low[x] in JOINERS for x in range(core_a, b)) \
                and any(tv.low[x] in lex.title_heads for x in range(core_a, b)):
            return None  # (after an honorific it is a surname: "Mr King", "Ms Bishop")
        core = tv.span_text(core_a, b)
        m = Mention(a, b, core_a, b, core, honorific=honorific, gender=gender, role=role)
        # "(WHO)" right after
        if b + 2 < self.n and tv.words[b] == "(" and tv.words[b + 2] == ")" and tv.words[b + 1].isupper():
            m.acronym = tv.words[b + 1]
        p = a - 1
        while p >= 0 and tv.space[p]:
            p -= 1
        if p >= 0 and tv.low[p] == "the":
            m.det = tv.words[p]
        if m.role is None:
            m.role = self._premodifier_role(a) or self._apposition_role(b + (3 if m.acronym else 0))
        elif all(w.endswith(".") for w in m.role.split()[-1:]):
            # "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee,": the apposition
            # says more than the abbreviated title
            m.role = self._apposition_role(b) or m.role
        m.kind = self._kind(m)
        return m

    def _personal_name_start(self, a: int, b: int) -> int | None:
        """Where a personal name starts inside a longer capitalised run whose front is a title
        made of words the title lexicon does not know ("California State Park Ranger Supervisor
        Robert Colligan" -> "Robert Colligan"): a known first name followed by one or two
        surname words, after at least two words none of which is a first name (so "Mary Anne
        Smith" and "John Paul Jones" stay whole), or after a title or role word."""
        tv, lex = self.tv, self.lex
        for k in range(b - 2, a, -1):
            if tv.low[k] not in lex.first_names or not tv.words[k][:1].isupper() or tv.words[k].isupper():
                continue
            rest = [x for x in range(k + 1, b) if not tv.space[x]]
            if not 1 <= len(rest) <= 2 or any(tv.low[x] in lex.org_words or tv.low[x] in JOINERS
                                              or not tv.words[x][:1].isupper() for x in rest):
                return None
            front = [x for x in range(a, k) if not tv.space[x]]
            if not front or any(_is_initial(tv.words[x]) or tv.low[x] in PARTICLES for x in front):
                return None
            if tv.low[front[-1]] in lex.first_names or tv.low[front[0]] in lex.first_names:
                return None
            titled = any(tv.low[x].rstrip(".") in lex.title_words or tv.low[x] in lex.speaker_nouns for x in front)
            if titled or (len(front) >= 2 and not any(tv.low[x] in lex.first_names for x in front)):
                return k
            return None
        return None

    def _kind(self, m: Mention) -> str:
        tv, lex = self.tv, self.lex
        words = [tv.low[x] for x in range(m.core_start, m.core_end) if not tv.space[x]]
        core_low = " ".join(words)
        if core_low in lex.outlet_names or core_low.removeprefix("the ") in lex.outlet_names:
            return "outlet"
        if words and words[-1] in lex.outlet_heads and len(words) > 1:
            return "outlet"
        if not lex.org_words.isdisjoint(words) or m.acronym:
            return "organisation"
        surface = tv.words[m.core_start:m.core_end]
        if len(words) > 1 and any(len(w) > 1 and w.isupper() and w.isalpha() for w in surface):
            return "organisation"  # "Norvex UK", "ABX Group"
        if any(len(w) > 2 and w[0].isupper() and w[1].isupper() and any(c.islower() for c in w) for w in surface):
            return "organisation"  # "BlackRock", "NetSuite"
        if m.honorific or (words and words[0] in lex.first_names):
            return "person"
        if len(surface) > 1 and any(_is_initial(w) for w in surface[:-1]) and not _is_initial(surface[-1]):
            return "person"  # "J.C. Lund", "Mary K. Vance"
        if len(words) == 1 and (tv.words[m.core_start].isupper() or any(c in tv.words[m.core_start] for c in ".0123456789")):
            return "organisation"
        if m.role and any(w.rstrip(".") in lex.title_heads for w in m.role.lower().split()) and len(words) > 1:
            return "person"
        if m.role and (m.role.lower().split()[-1] in lex.org_descriptors
                       or lex.speaker_nouns.get(m.role.lower().split()[-1]) == "organisation"):
            return "organisation"  # "energy regulator Ofgem"
        return "unknown"

    def _premodifier_role(self, a: int) -> str | None:
        """Lower-case role words (and an organisation run) right before a name:
        "Norvex chief executive Ian Petrie", "energy regulator Ofgem"."""
        tv, lex = self.tv, self.lex
        j = a - 1
        if j >= 2 and tv.words[j] == ")" and tv.words[j - 2] == "(":
            j -= 3  # "operator (MVNO) Skylink"
        if j < 0 or tv.sent[j] != tv.sent[a] or tv.quote[j] != tv.quote[a]:
            return None
        low = tv.low[j]
        if not (tv.lowercase[j] and (low in lex.title_heads or low in lex.speaker_nouns or low in lex.org_descriptors)):
            return None
        k = j
        while k - 1 >= 0 and tv.sent[k - 1] == tv.sent[a] and tv.quote[k - 1] == tv.quote[a]:
            w, lw = tv.words[k - 1], tv.low[k - 1]
            if tv.space[k - 1]:
                break
            if tv.punct[k - 1] and w not in ("&", "-", "'s"):
                if w in (")",) or w == "(":
                    k -= 1
                    continue
                break
            if (lw, tv.low[k]) in NOUN_COMPOUNDS:
                k -= 1  # "think tank": a verb that is the first half of a noun
                continue
            if lw in FUNCTION_WORDS and lw not in ("of", "for", "and") or lw in self.lex.verbs or lw in self.lex.clause_words:
                break
            if w.islower() and (lw.endswith("ly") or lw.endswith("ed")) and lw not in lex.title_words:
                break
            k -= 1
        while k < j and (tv.low[k] in ("of", "for", "and", "&", "(", ")") or tv.punct[k]):
            k += 1
        return tv.span_text(k, j + 1) if k <= j else None

    def _apposition_role(self, b: int) -> str | None:
        """", managing director of broker Kestrel Capital," after a name."""
        tv, lex = self.tv, self.lex
        if b >= self.n or tv.words[b] != ",":
            return None
        k = b + 1
        while k < self.n and tv.space[k]:
            k += 1
        e = k
        while e < self.n and tv.sent[e] == tv.sent[b] and tv.quote[e] < 0 and tv.words[e] not in (",", ".", ";", ":", "(", ")") and e - k < 14:
            if tv.low[e] in lex.verbs and e > k and tv.words[e - 1] not in ("-",) \
                    and tv.low[e - 1] not in ("the", "a", "an", "'s"):  # ("a spokeswoman for the state Department")
                break
            e += 1
        if e <= k:
            return None
        first = tv.low[k]
        if first in ("the", "a", "an"):
            k += 1
            first = tv.low[k] if k < e else ""
        if k >= e or first in FUNCTION_WORDS or first[:1].isdigit():
            return None
        had_det = k > b + 1 and tv.low[k - 1] in ("the", "a", "an")
        possessive = k + 1 < e and tv.low[k + 1] == "'s"
        if not (had_det or possessive or first in lex.title_heads or first in lex.title_mods):
            return None
        e = next((x for x in range(k, e) if tv.low[x] in ("who", "which", "whose")), e)
        words = [tv.low[x] for x in range(k, e)]
        if not any(w in lex.title_heads or w in lex.speaker_nouns for w in words):
            return None
        return tv.span_text(k, e)


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in INITIAL_SKIP and w[0].isalpha()).upper()


def _is_initial(w: str) -> bool:
    """"J.", "J.C.", "K": an initial of a personal name."""
    parts = w.rstrip(".").split(".")
    return w.endswith(".") and all(len(p) == 1 and p.isupper() for p in parts)


@lru_cache(maxsize=65536)
def _core_words(core: str) -> tuple[str, ...]:
    """The words of a mention's core, apostrophes straightened."""
    return tuple(w.translate(APOSTROPHES) for w in core.split() if w)


@lru_cache(maxsize=65536)
def _core_key(core: str) -> tuple[str, ...]:
    """The lower-case words of a mention's core: the key of its entity."""
    return tuple(w.lower() for w in _core_words(core))


class NameIndex:
    """Links the mentions of one article to entities with canonical labels."""

    def __init__(self, mentions: list[Mention], lex: Lexicon) -> None:
        self.lex = lex
        self.mentions = mentions
        self.by_start = {m.start: m for m in mentions}
        self.by_end = {m.end: m for m in mentions}
        self.entities: list[Entity] = []
        # lower-case acronym -> the first entity (in ``entities`` order) with a mention giving it
        self._acronyms: dict[str, Entity] = {}
        self._by_last_word: dict[str, list[Entity]] = {}  # in ``entities`` order
        self._link()

    @staticmethod
    def _words(m: Mention) -> tuple[str, ...]:
        return _core_words(m.core)

    def _link(self) -> None:
        full: dict[tuple[str, ...], Entity] = {}
        # longest cores first, so that shorter forms find their fuller one
        for m in sorted(self.mentions, key=lambda m: -len(self._words(m))):
            key = _core_key(m.core)
            ent = full.get(key)
            if ent is None:
                ent = self._find_fuller(key, m, full)
            if ent is None:
                ent = Entity(label=m.core, kind=m.kind, words=key)
                full[key] = ent
                self.entities.append(ent)
                if key:
                    self._by_last_word.setdefault(key[-1], []).append(ent)
            self._absorb(ent, m)
            if m.acronym:
                self._note_acronym(m.acronym.lower(), ent)
        for ent in self.entities:
            ent.kind = self._entity_kind(ent)
            ent.label = self._label(ent)
            if ent.gender is None and ent.kind == "person" and ent.words:
                g = self.lex.first_names.get(ent.words[0])
                ent.gender = g if g in ("m", "f") else None

    def _find_fuller(self, key: tuple[str, ...], m: Mention, full: dict[tuple[str, ...], Entity]) -> Entity | None:
        if len(key) == 1:
            w = key[0]
            # acronym defined in the article, or initials of a longer organisation name
            if w in self._acronyms:
                return self._acronyms[w]
            if len(w) >= 2 and m.core.isupper():
                for ent in self.entities:
                    if len(ent.words) > 1 and initials(list(ent.words)).lower() == w and ent.kind != "person":
                        return ent
        # a person's surname / shorter form ("Alvarez", "Mr Alvarez") or an organisation's last words
        ends_alike = self._by_last_word.get(key[-1], []) if key else self.entities
        cands = [e for e in ends_alike if len(e.words) > len(key) and e.words[-len(key):] == key]
        if not cands and len(key) == 1 and key[0] in self.lex.first_names:
            cands = [e for e in self.entities if len(e.words) > 1 and e.words[0] == key[0] and e.kind == "person"]
        if not cands and m.kind in ("organisation", "outlet") and len(key) == 1:
            cands = [e for e in self.entities if len(e.words) > 1 and e.words[0] == key[0] and e.kind != "person"]
        if m.kind == "organisation" or m.kind == "outlet":
            cands = [e for e in cands if e.kind != "person"] or cands
        if m.gender in ("m", "f"):  # "Mr Obama" is not "Michelle Obama"
            cands = [e for e in cands if self._gender(e) in (None, m.gender)]
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:
            persons = [e for e in cands if e.kind == "person"]
            if len(persons) == 1:
                return persons[0]
        return None

    def _note_acronym(self, acronym: str, ent: Entity) -> None:
        first = self._acronyms.get(acronym)
        if first is None or self.entities.index(ent) < self.entities.index(first):
            self._acronyms[acronym] = ent

    def _gender(self, ent: Entity) -> str | None:
        g = ent.gender or (self.lex.first_names.get(ent.words[0]) if ent.words and ent.kind != "organisation" else None)
        return g if g in ("m", "f") else None

    @staticmethod
    def _absorb(ent: Entity, m: Mention) -> None:
        ent.mentions.append(m)
        m.entity = ent
        if m.gender and not ent.gender:
            ent.gender = m.gender
        if m.role and not ent.role:
            ent.role = m.role

    def _entity_kind(self, ent: Entity) -> str:
        # kinds from the rules first; a trained NER's only where the rules had none
        kinds = {m.kind for m in ent.mentions if not m.ner and m.kind != "unknown"} or {m.kind for m in ent.mentions}
        for k in ("outlet", "organisation", "person", "place"):
            if k in kinds:
                if k == "person" and ("organisation" in kinds or "outlet" in kinds):
                    continue
                return k
        return "unknown"

    def _label(self, ent: Entity) -> str:
        best = max(ent.mentions, key=lambda m: (len(self._words(m)), m.acronym is not None, m.det is not None))
        label = best.core
        if ent.kind == "person":
            # a title of nobility is part of the name as written ("Sir Digby Jones", "Lord Kinnock")
            sir = next((m.honorific for m in ent.mentions if m.honorific and m.honorific.lower().rstrip(".")
                        in NAME_TITLES and len(self._words(m)) == len(self._words(best))), None)
            if sir:
                label = f"{sir} {label}"
        if ent.kind != "person":
            acr = next((m.acronym for m in ent.mentions if m.acronym), None)
            if acr and len(self._words(best)) > 1:
                label = f"{label} ({acr})"
            det = next((m.det for m in ent.mentions if m.det and len(self._words(m)) == len(self._words(best))), None)
            if det:
                label = f"{det} {label}"
        return label

    def at_end(self, end: int) -> Mention | None:
        """The mention whose run ends at token ``end`` (exclusive)."""
        return self.by_end.get(end)


def find(tv: TokenView, lex: Lexicon, use_entities: bool = True) -> NameIndex:
    """All mentions of the article's body, linked. With ``use_entities`` a trained pipeline's
    named entities (if the doc has any) settle the kinds of the mentions."""
    mentions = NameFinder(tv, lex).mentions()
    if use_entities:
        from claims.nlp.en.entities import refine

        refine(tv, mentions)
    return NameIndex(mentions, lex)
