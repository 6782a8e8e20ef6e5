"""Who a speaker NP stands for, given what the article said before (discourse state).

- names -> their entity's fullest form ("Mr Alvarez" -> "Carlos Alvarez");
- pronouns -> the most recent subject of the right kind and gender (he/she: a person; it: an
  organisation; they: a group or organisation);
- definite descriptions of companies ("the company", "the US firm") -> the organisation that
  has spoken most recently, else the one mentioned most so far; "the newspaper" -> the last
  outlet named;
- documents -> their author when the article names one ("the court filings from the
  county prosecutor allege"; later "the filings state" refers to the same author);
- a bare "a spokesman" -> "<organisation> spokesman" when an organisation was the subject of
  the same paragraph; "the spokesman" -> the unnamed speaker described as "… spokesman" just
  before ("The prime minister's official spokesman");
- sports and news epithets ("the 34-year-old", "the Scot", "the Gunners boss", see
  ``epithets.txt``) -> the most recent named person of the last paragraphs;
- documents that are the content itself ("Statistics show", "the legislation says") speak
  without giving a source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claims.nlp.en.lexicon import Lexicon
from claims.nlp.en.names import Entity, Mention, NameIndex
from claims.nlp.en.sources import is_outlet_label
from claims.nlp.en.speakers import NP
from claims.nlp.en.tokens import TokenView
from claims.nlp.lexicons import load_list

PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
GENDERED_NOUNS = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "man": "m", "woman": "f",
                  "businessman": "m", "businesswoman": "f", "mother": "f", "father": "m", "son": "m", "daughter": "f",
                  "wife": "f", "husband": "m", "actress": "f", "congressman": "m", "congresswoman": "f",
                  "policeman": "m", "policewoman": "f", "boy": "m", "girl": "f"}
# Documents that are the content itself rather than a channel it is known through: as speakers
# they give no source ("Statistics show …", "the legislation says …").
CONTENT_DOCUMENTS = frozenset("legislation law laws bill bills statistics figures data numbers results research "
                              "guidelines rules regulations projections estimates accounts".split())
EPITHETS = frozenset(w.lower() for w in load_list("en", "epithets.txt"))
PLACE_WORDS = frozenset("north south east west northern southern eastern western new united "
                        "city county river lake mount port fort".split())


# Abbreviated titles before names, and the title a later "the governor" uses for them.
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "supt": "superintendent",
                       "det": "detective", "insp": "inspector", "sgt": "sergeant", "lt": "lieutenant",
                       "col": "colonel", "capt": "captain", "gen": "general", "adm": "admiral", "cllr": "councillor",
                       "cmdr": "commander", "maj": "major", "pres": "president", "atty": "attorney"}


def _role_title(role: str) -> str:
    """The last word of a role, abbreviations spelt out ("State Sen." -> "senator")."""
    words = role.lower().split()
    if not words:
        return ""
    last = words[-1].rstrip(".")
    return TITLE_ABBREVIATIONS.get(last, last)


@dataclass
class Ref:
    """A resolved speaker."""

    label: str | None
    type: str | None  # person | organisation | anonymous | group | document
    mention: str  # the words at this claim
    gender: str | None = None
    role: str | None = None
    entity: Entity | None = None
    outlet: bool = False
    source: str | None = None  # a document speaker's own name as source
    para: int = -1
    weak: bool = False  # an untyped name that was only the subject of a sentence


class Discourse:
    """The running state of one article, fed in text order."""

    def __init__(self, tv: TokenView, lex: Lexicon, names: NameIndex) -> None:
        self.tv = tv
        self.lex = lex
        self.names = names
        self.subjects: list[Ref] = []
        self.docs: dict[str, Ref] = {}  # document head noun -> its author
        self.org_counts: dict[int, int] = {}
        self._counted_to = 0
        self.last_outlet: Ref | None = None

    # ---------------------------------------------------------------- bookkeeping
    def note(self, ref: Ref) -> None:
        if ref.label:
            self.subjects.append(ref)
            if ref.outlet:
                self.last_outlet = ref

    def note_mention(self, m: Mention, para: int) -> None:
        """A name in subject position that is not (yet) a speaker."""
        if m.entity is None:
            return
        ref = self.from_mention(m, m.core, para)
        # an untyped capitalised word may be anything ("Prices rose"): noted, but weakly
        ref.weak = m.entity.kind not in ("person", "organisation", "outlet")
        self.note(ref)

    def _count_orgs(self, upto: int) -> None:
        for m in self.names.mentions:
            if self._counted_to <= m.start < upto and m.entity is not None and m.entity.kind == "organisation":
                self.org_counts[id(m.entity)] = self.org_counts.get(id(m.entity), 0) + 1
        self._counted_to = max(self._counted_to, upto)

    # ---------------------------------------------------------------- resolution
    def from_mention(self, m: Mention, text: str, para: int, role: str | None = None) -> Ref:
        ent = m.entity
        if ent is None:
            return Ref(m.core, "person" if m.kind == "person" else "organisation", text, m.gender, role or m.role, para=para)
        if role and not ent.role_from_claim:
            ent.role, ent.role_from_claim = role, True  # the role given where it first speaks holds after
        kind = ent.kind
        outlet = kind == "outlet" or is_outlet_label(self.lex, list(ent.words))
        # an untyped single word ("Ofgem", "Apple") is most often a body: people are introduced by
        # their full name, and a surname alone links to it
        typ = "person" if kind == "person" else "organisation" if kind in ("organisation", "outlet", "place") else \
            ("person" if len(ent.words) > 1 else "organisation")
        return Ref(ent.label, typ, text, ent.gender, role or ent.role, ent, outlet=outlet, para=para)

    def resolve(self, np: NP, para: int) -> Ref:
        """The speaker an NP stands for (see module docs)."""
        tv = self.tv
        if np.kind == "pronoun":
            return self.pronoun(tv.low[np.start], np.text, para, np.start)
        if np.kind == "name" and np.mention is not None:
            if PLURAL_ACRONYM.fullmatch(np.mention.core):  # "GPs in Wales", "MPs": a group, not a name
                return Ref(np.text, "group", np.text, para=para)
            m = np.mention
            aged = np.role is not None and "year-old" in np.role.replace(" ", "")
            if (m.det or aged) and m.core.lower() in EPITHETS or aged and len(m.core.split()) == 1:
                # "The Scot told BBC Sport", "The 61-year-old Democrat said"
                back = self._recent_person(para)
                if back is not None:
                    return replace(back, mention=np.text, para=para)
            return self.from_mention(np.mention, np.text, para, np.role)
        if np.members:
            labels = [m.entity.label if m.entity is not None else m.core for m in np.members]
            return Ref(", ".join(labels[:-1]) + " and " + labels[-1], "group", np.text, para=para)
        kind = np.noun_kind
        if kind == "descriptor":
            self._count_orgs(np.start)
            ref = self.descriptor(np)
            if ref is not None:
                return replace(ref, mention=np.text, para=para)
            return Ref(np.text, "organisation", np.text, para=para)
        if kind == "outlet":
            last = self.outlet_antecedent()
            if last is not None:
                return replace(last, mention=np.text, para=para)
            return Ref(np.text, "organisation", np.text, outlet=True, para=para)
        if kind == "document" or np.author is not None:
            return self.document(np, para)
        if kind == "channel":
            return Ref(np.text, "document", np.text, source=np.text, para=para)
        titled = self.titled_person(np)
        if titled is not None:
            return replace(titled, mention=np.text, para=para)
        same = self.same_head(np)
        if same is not None:
            return replace(same, mention=np.text, para=para)
        back = self.epithet(np, para)
        if back is not None:
            role = back.role
            if role is None and tv.low[np.head] in self.lex.title_heads:
                role = tv.span_text(np.start + 1, np.end)  # "the director" gives the role it names
            return replace(back, mention=np.text, para=para, role=role)
        label = self._expand_names(np)
        typ = {"anonymous": "anonymous", "group": "group", "organisation": "organisation",
               "person": "anonymous"}.get(kind or "", "anonymous")
        head = tv.low[np.head]
        role = np.role
        if head in SPOKES:
            label, role = self._spokesperson(np, para)
        return Ref(label, typ, np.text, role=role, para=para)

    def titled_person(self, np: NP) -> Ref | None:
        """"the mayor" -> the person the article introduced as "Mayor Bill de Blasio": a definite
        bare title resolves to the one person (last speaker first) whose role ends in it."""
        tv = self.tv
        if not (np.bare and tv.low[np.start] == "the" and tv.low[np.head] in self.lex.title_heads):
            return None
        title = tv.low[np.head]
        for ref in reversed(self.subjects):
            if ref.type == "person" and ref.role and _role_title(ref.role) == title:
                return ref
        found = [e for e in self.names.entities
                 if e.kind == "person" and e.role and _role_title(e.role) == title and e.mentions
                 and e.mentions[0].start < np.start]
        if len({e.label for e in found}) == 1:
            ent = found[0]
            return Ref(ent.label, "person", np.text, ent.gender, ent.role, ent)
        return None

    def same_head(self, np: NP) -> Ref | None:
        """"the spokesman" after "The prime minister's spokesman said": a definite bare noun
        names the recent unnamed speaker whose description ends in the same noun."""
        tv = self.tv
        if not (np.bare and tv.low[np.start] == "the" and np.head == np.end - 1):
            return None
        head = tv.low[np.head]
        for ref in reversed(self.subjects[-6:]):
            if ref.entity is not None or ref.type not in ("anonymous", "person") or not ref.mention or not ref.label:
                continue
            words = ref.mention.lower().replace("’", "'").split()
            if len(words) > 2 and words[-1] == head:
                return ref
        return None

    def epithet(self, np: NP, para: int) -> Ref | None:
        """"the 34-year-old", "the Gunners boss", "the former world champion": a definite
        description by age, nationality or sporting role refers back to the person the
        passage is about (the most recent named person speaking or acting as a subject)."""
        tv = self.tv
        if tv.low[np.start] != "the" or np.end - np.start > 6 or np.head != np.end - 1:
            return None  # (not "the manager of a nearby store")
        head = tv.low[np.head]
        age = head == "old" and np.head - 2 > np.start and tv.low[np.head - 2] in ("year", "years")
        if not age and head not in EPITHETS:
            return None
        return self._recent_person(para)

    def _recent_person(self, para: int) -> Ref | None:
        for ref in reversed(self.subjects[-6:]):
            if 0 <= ref.para < para - 2:
                return None
            if ref.type == "person" and ref.entity is not None and not ref.weak:
                return ref
        return None

    def _expand_names(self, np: NP) -> str:
        """The NP's words with a shortened organisation name given in full ("Norvex bosses" ->
        "Norvex Motors bosses"); acronyms are kept as written."""
        tv = self.tv
        out = []
        i = np.start
        while i < np.end:
            m = self.names.by_start.get(i)
            if m is not None and m.end <= np.end and m.entity is not None and m.entity.kind != "person":
                full = m.entity.words
                core = tuple(w.lower() for w in m.core.split())
                if len(full) > len(core) and full[-len(core):] == core and m.core == tv.span_text(m.start, m.end):
                    label = m.entity.label
                    out.append(label[4:] if label.lower().startswith("the ") else label)
                    i = m.end
                    continue
            out.append(tv.words[i])
            i += 1
        text = tv.span_text(np.start, np.end)
        rebuilt = " ".join(out)
        return rebuilt if rebuilt.replace(" ", "") != text.replace(" ", "") else text

    def _spokesperson(self, np: NP, para: int) -> tuple[str, str | None]:
        """"a spokesman for Commissioner Ana Lindqvist" -> "spokesman for Ana Lindqvist";
        a bare "a spokesman" after an organisation subject in the paragraph -> "Norvex spokesman"."""
        tv = self.tv
        head = tv.words[np.head]
        role = tv.span_text(np.start + (1 if tv.low[np.start] in ("a", "an", "the") else 0), np.end)
        if np.head + 1 < np.end and tv.low[np.head + 1] in ("for", "of", "at"):
            m = self.names.at_end(np.end)
            if m is not None:
                name = m.entity.label if m.entity is not None else m.core
                return f"{head} for {name}", role
            o = np.head + 2
            if np.end - o == 2 and tv.low[o] == "the" and tv.low[o + 1] in self.lex.org_descriptors:
                self._count_orgs(np.start)  # "a spokesperson for the force" -> "spokesperson for Kent Police"
                obj = NP(o, np.end, "noun", tv.span_text(o, np.end), np.end - 1, noun_kind="descriptor")
                org = self.descriptor(obj)
                if org is not None and org.label:
                    return f"{head} for {org.label}", role
            return np.text, role
        if np.bare:
            for ref in reversed(self.subjects[-4:]):
                if ref.type == "organisation" and ref.para == para and not ref.outlet:
                    return f"{ref.label} {head}", head
        return np.text, role

    def outlet_antecedent(self) -> Ref | None:
        """"the newspaper": the last outlet that was a speaker, else the last one named."""
        for ref in reversed(self.subjects):
            if ref.outlet:
                return ref
        return self.last_outlet

    def pronoun(self, form: str, text: str, para: int, at: int = -1) -> Ref:
        """The most recent subject that fits the pronoun; else the most recent fitting person
        named before it ("Maria met James. … He said …")."""
        gender, kind = self.lex.pronouns.get(form, ("", ""))
        ref = self._pronoun_subject(gender, kind, text, para)
        if ref is not None or kind != "person" or at < 0:
            return ref or Ref(None, None, text, para=para)
        for m in reversed(self.names.mentions):
            ent = m.entity
            if m.start >= at or ent is None:
                continue
            if not (ent.kind == "person" or self._person_like(Ref(ent.label, None, "", entity=ent))):
                continue
            if gender in ("m", "f") and ent.gender and ent.gender != gender:
                continue
            return self.from_mention(m, text, para)
        return Ref(None, None, text, para=para)

    def _pronoun_subject(self, gender: str, kind: str, text: str, para: int) -> Ref | None:
        for n, ref in enumerate(reversed(self.subjects)):
            if n == 0 and ref.weak and kind == "person" and gender in ("m", "f") and self._surname_subject(ref, para):
                # "Brooks won in Glasgow. She told BBC Sport …": the one-word subject just before
                return replace(ref, type="person", weak=False, mention=text, para=para)
            if ref.weak and not (kind == "person" and gender in ("m", "f") and self._person_like(ref)):
                continue
            if kind == "person" and gender in ("m", "f") and self._could_be_person(ref, gender):
                return replace(ref, mention=text, para=para)
            if kind == "person" and ref.type == "person":
                if gender in ("m", "f") and ref.gender and ref.gender != gender:
                    continue
                return replace(ref, mention=text, para=para)
            if kind == "organisation" and ref.type in ("organisation",):
                return replace(ref, mention=text, para=para)
            if kind == "group" and ref.type in ("group", "organisation"):
                return replace(ref, mention=text, para=para)
        return None

    def _surname_subject(self, ref: Ref, para: int) -> bool:
        ent = ref.entity
        return (ent is not None and ent.kind == "unknown" and len(ent.words) == 1 and not ref.outlet
                and 0 <= para - ref.para <= 1 and not any(m.det for m in ent.mentions)
                and ent.words[0] not in self.lex.speaker_nouns and not ent.label.isupper())

    def _could_be_person(self, ref: Ref, gender: str) -> bool:
        """For "he"/"she", besides typed persons: a speaker named by one untyped word ("Obama
        said …"), and an unnamed individual ("a spokeswoman", "an official") of a fitting gender."""
        if ref.type == "person" or ref.weak:
            return False
        if ref.entity is not None and ref.entity.kind == "unknown" and ref.type == "organisation" \
                and len(ref.entity.words) == 1 and not ref.outlet:
            return ref.gender in (None, gender)
        if ref.type == "anonymous" and ref.entity is None and ref.mention:
            head = ref.mention.lower().split()[-1]
            kind = self.lex.speaker_nouns.get(head) or ("person" if head in self.lex.title_heads else None)
            if kind in ("anonymous", "person") and not head.endswith("s"):
                return GENDERED_NOUNS.get(head, gender) == gender
        return False

    @staticmethod
    def _person_like(ref: Ref) -> bool:
        """An untyped subject that may still be a person for "he"/"she": a name of two or more
        words, never written after "the", with no compass or "New"-style place word
        ("Aung San Suu Kyi", not "North East" or "the Red Cross")."""
        ent = ref.entity
        if ent is None or len(ent.words) < 2 or ent.kind != "unknown":
            return False
        if any(m.det for m in ent.mentions):
            return False
        return not any(w in PLACE_WORDS for w in ent.words)

    def descriptor(self, np: NP) -> Ref | None:
        """"the company" -> the organisation speaking last, else the most mentioned one; an
        organisation named before whose name holds the noun comes first ("the union" -> "the
        Rail Workers' Union")."""
        head = self.tv.low[np.head]
        named = [m.entity for m in self.names.mentions if m.start < np.start and m.entity is not None
                 and m.entity.kind == "organisation" and head in m.entity.words]
        if named:
            ent = named[-1]
            return Ref(ent.label, "organisation", np.text, role=ent.role, entity=ent)
        for ref in reversed(self.subjects[-8:]):
            if ref.type == "organisation" and not ref.outlet and not ref.weak:
                return ref
        for ref in reversed(self.subjects[-4:]):
            # "Microsoft has warned users …. The software giant said …": an untyped one-word subject
            # that the article also writes mid-sentence
            ent = ref.entity
            if ref.type == "organisation" and ref.weak and not ref.outlet and ent is not None and len(ent.words) == 1 \
                    and self._written_mid_sentence(ent):
                return replace(ref, weak=False)
        best: Entity | None = None
        best_n = 0
        for ent in self.names.entities:
            n = self.org_counts.get(id(ent), 0)
            if n > best_n and ent.kind == "organisation" and not is_outlet_label(self.lex, list(ent.words)):
                best, best_n = ent, n
        if best is None:
            return None
        return Ref(best.label, "organisation", np.text, role=best.role, entity=best)

    def _written_mid_sentence(self, ent: Entity) -> bool:
        tv = self.tv
        for m in ent.mentions:
            p = m.start - 1
            while p >= 0 and tv.space[p]:
                p -= 1
            if p >= 0 and tv.sent[p] == tv.sent[m.start] and not tv.punct[p] and not tv.qmark[p]:
                return True
        return False

    def document(self, np: NP, para: int) -> Ref:
        """A document as speaker: its author if named (now or before), else the document."""
        tv = self.tv
        head = tv.low[np.head]
        if np.author is not None:
            author = self.resolve(np.author, para)
            ref = replace(author, mention=np.text, source=np.text, para=para)
            self.docs[head] = ref
            return ref
        if np.owner is not None:
            owner = self.from_mention(np.owner, np.owner.core, para)
            ref = replace(owner, mention=np.text, source=np.text, para=para)
            self.docs[head] = ref
            return ref
        split = self._modifier_author(np, para)
        if split is not None:
            return split
        if tv.low[np.start] == "the" and head in self.docs:
            return replace(self.docs[head], mention=np.text, source=np.text, para=para)
        if head in CONTENT_DOCUMENTS:  # "Statistics show …", "the legislation says …": no channel of its own
            return Ref(np.text, "document", np.text, para=para)
        return Ref(np.text, "document", np.text, source=np.text, para=para)

    def _modifier_author(self, np: NP, para: int) -> Ref | None:
        """"Indian state media report" -> speaker "Indian state media" (a capitalised or
        press-like modifier names who issued the document)."""
        tv = self.tv
        a = np.start
        if tv.low[a] in ("the", "a", "an"):
            return None
        mods = range(a, np.head)
        if not mods or not any(tv.cap[i] for i in mods):
            return None
        if not any(tv.low[i] in ("press", "media", "television", "radio", "newspaper", "newspapers") for i in mods):
            m = self.names.at_end(np.head)
            if m is None:
                return None
        label = tv.span_text(a, np.head)
        return Ref(label, "organisation", np.text, source=np.text, para=para)
