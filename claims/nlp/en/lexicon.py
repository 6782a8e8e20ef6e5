"""All English attribution lexicons, loaded once into one frozen object (:func:`get`).

The files live in ``claims/nlp/lexicons/en/`` and are plain data; this module only turns them
into sets and dicts for O(1) look-ups.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from claims.nlp.lexicons import load_list, load_tsv

LANG = "en"
FORMS = ("base", "3sg", "past", "participle", "ing")


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    frame: str  # say | tell | accuse | call | quote | pledge | belief | according | plan
    strong: bool
    form: str = "base"  # which inflection this surface form is (FORMS), "phrase" for phrases


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[CueVerb, ...]]  # surface form -> readings
    phrases: dict[tuple[str, ...], CueVerb]  # token tuple ("be" = any form of to be) -> cue
    exclusions: frozenset[tuple[str, ...]]
    honorifics: dict[str, str]  # form -> gender
    pronouns: dict[str, tuple[str, str]]  # form -> (gender, kind)
    title_heads: frozenset[str]
    title_mods: frozenset[str]
    speaker_nouns: dict[str, str]  # noun -> kind
    org_descriptors: frozenset[str]
    org_words: frozenset[str]
    outlet_names: frozenset[str]
    outlet_heads: frozenset[str]
    outlet_nouns: frozenset[str]
    source_nouns: dict[str, str]  # noun (maybe several words) -> kind
    first_names: dict[str, str]  # name -> gender
    clause_words: frozenset[str]
    cue_adverbs: frozenset[str]
    time_words: frozenset[str]
    cue_nouns: frozenset[str] = frozenset()  # "X's claim that …"
    outlet_solo: frozenset[str] = frozenset()  # "told The Post": one capitalised word naming an outlet

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Title heads and modifiers (built once: the lexicon is immutable)."""
        return self.title_heads | self.title_mods

    @cached_property
    def noun_kinds(self) -> dict[str, str]:
        """The kind of a speaker or source noun, first match in this order: speaker nouns,
        source nouns, organisation descriptors and outlet nouns ("organisation"), title
        heads ("person")."""
        kinds = dict.fromkeys(self.title_heads, "person")
        kinds.update(dict.fromkeys(self.org_descriptors | self.outlet_nouns, "organisation"))
        kinds.update(self.source_nouns)
        kinds.update(self.speaker_nouns)
        return kinds

    @cached_property
    def verbal_forms(self) -> frozenset[str]:
        """Cue-verb forms that cannot be noun modifiers: no base or 3sg reading ("said",
        "told"; not "state")."""
        return frozenset(w for w, readings in self.verbs.items()
                         if readings and not any(r.form in ("base", "3sg") for r in readings))

    @cached_property
    def noun_heads(self) -> frozenset[str]:
        """Words that can head a speaker or source noun phrase, or start a two-word one."""
        return frozenset(self.noun_kinds) | self.source_noun_prefixes

    @cached_property
    def source_noun_prefixes(self) -> frozenset[str]:
        """Every x such that "x …" is a source noun of several words ("news" for "news
        conference"): a word that does not start one needs no two-word look-up."""
        return frozenset(n[:k] for n in self.source_nouns for k, ch in enumerate(n) if ch == " ")


BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})


def _verbs() -> dict[str, tuple[CueVerb, ...]]:
    out: dict[str, list[CueVerb]] = {}
    for row in load_tsv(LANG, "cue_verbs.tsv", 4):
        lemma, frame, strength, forms = row[:4]
        for kind, form in zip(FORMS, forms.split(",")):
            form = form.strip().lower()
            cue = CueVerb(lemma, frame, strength == "strong", kind)
            readings = out.setdefault(form, [])
            # "said" is both past and participle: keep one reading per form kind
            if all(r.form != kind for r in readings):
                readings.append(cue)
    return {k: tuple(v) for k, v in out.items()}


def _phrases() -> dict[tuple[str, ...], CueVerb]:
    out = {}
    for phrase, frame, strength in (r[:3] for r in load_tsv(LANG, "cue_phrases.tsv", 3)):
        toks = tuple(phrase.lower().split())
        out[toks] = CueVerb(phrase, frame, strength == "strong", "phrase")
    return out


@lru_cache(maxsize=1)
def get() -> Lexicon:
    """The English lexicons (loaded on first use, then shared)."""
    titles = load_tsv(LANG, "titles.tsv", 2)
    outlets = load_tsv(LANG, "outlets.tsv", 2)
    return Lexicon(
        verbs=_verbs(),
        phrases=_phrases(),
        exclusions=frozenset(tuple(p.lower().split()) for p in load_list(LANG, "cue_exclusions.txt")),
        honorifics={f.lower(): g for f, g in (r[:2] for r in load_tsv(LANG, "honorifics.tsv", 2))},
        pronouns={f.lower(): (g, k) for f, g, k in (r[:3] for r in load_tsv(LANG, "pronouns.tsv", 3))},
        title_heads=frozenset(w.lower() for w, k in (r[:2] for r in titles) if k == "head"),
        title_mods=frozenset(w.lower() for w, k in (r[:2] for r in titles) if k == "mod"),
        speaker_nouns={n.lower(): k for n, k in (r[:2] for r in load_tsv(LANG, "speaker_nouns.tsv", 2))},
        org_descriptors=frozenset(w.lower() for w in load_list(LANG, "org_descriptors.txt")),
        org_words=frozenset(w.lower() for w in load_list(LANG, "org_nouns.txt")),
        outlet_names=frozenset(n for n, k in (r[:2] for r in outlets) if k == "name"),
        outlet_heads=frozenset(n for n, k in (r[:2] for r in outlets) if k == "head"),
        outlet_nouns=frozenset(n for n, k in (r[:2] for r in outlets) if k == "noun"),
        source_nouns={n.lower(): k for n, k in (r[:2] for r in load_tsv(LANG, "source_nouns.tsv", 2))},
        first_names={n.lower(): g for n, g in (r[:2] for r in load_tsv(LANG, "first_names.tsv", 2))},
        clause_words=frozenset(w.lower() for w in load_list(LANG, "clause_words.txt")),
        cue_adverbs=frozenset(w.lower() for w in load_list(LANG, "cue_adverbs.txt")),
        time_words=frozenset(w.lower() for w in load_list(LANG, "cue_time_words.txt")),
        cue_nouns=frozenset(w.lower() for w in load_list(LANG, "cue_nouns.txt")),
        outlet_solo=frozenset(n for n, k in (r[:2] for r in outlets) if k == "solo"),
    )
