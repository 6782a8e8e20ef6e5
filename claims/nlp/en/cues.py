"""Attribution cues: where a verb or phrase reports speech or belief ("said", "told",
"according to", "is worried", "did not think").

Single-word verb forms of ``cue_verbs.tsv`` are looked up in a dict on each token's lower-case
form; the phrases of ``cue_phrases.tsv`` and ``cue_exclusions.txt`` ("called for", "thought
of") are spaCy ``PhraseMatcher`` patterns on token norms ("be" expanded to its forms). :func:`find` returns the cues outside quotations, longest match first, with
what the rules downstream need to know about each: its frame, its inflection, and whether it
is passive ("is said to be"), an infinitive ("declined to say") or negated ("did not think").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from itertools import compress, product

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from claims.nlp.en.lexicon import BE_FORMS, CueVerb, Lexicon
from claims.nlp.en.tokens import TokenView

NEGATORS = frozenset({"not", "n't", "never"})
PASSIVE_AUX = BE_FORMS | {"stand", "stands", "stood", "remain", "remains", "remained", "get", "gets", "got", "became",
                          "become"}
DO_FORMS = frozenset({"did", "does", "do"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})


@dataclass
class Cue:
    start: int  # token range of the cue words
    end: int
    verb: CueVerb
    passive: bool = False  # "is said to be", "was accused by"
    negated: bool = False
    # the verb's frame and form, copied as plain attributes: the rules read them very often
    frame: str = field(init=False, repr=False, compare=False)
    form: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.frame = self.verb.frame
        self.form = self.verb.form


BE_WORDS = tuple(sorted(f for f in BE_FORMS if f.isalpha()))


def _expand(toks: tuple[str, ...]) -> list[str]:
    """Phrase strings for a token tuple, "be" replaced by each form of to be."""
    options = [BE_WORDS if t == "be" else (t,) for t in toks]
    return [" ".join(p) for p in product(*options)]


class CueMatcher:
    """Matches the cue lexicon on a document's tokens (built once per pipeline)."""

    def __init__(self, vocab: Vocab, lex: Lexicon) -> None:
        self.lex = lex
        self.readings: dict[str, tuple[CueVerb, ...]] = dict(lex.verbs)
        # surface form -> its readings by inflection (the last reading of a kind wins)
        self.forms: dict[str, dict[str, CueVerb]] = {w: {r.form: r for r in rs} for w, rs in self.readings.items()}
        tokenizer = _WhitespaceTokens(vocab)
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        self.phrases: dict[str, CueVerb] = {}
        for n, (toks, cue) in enumerate(lex.phrases.items()):
            key = f"P{n}"
            self.phrases[key] = cue
            self.matcher.add(key, [tokenizer(p) for p in _expand(toks)])
        self.excluder = PhraseMatcher(vocab, attr="NORM")
        self.excluder.add("X", [tokenizer(p) for toks in lex.exclusions for p in _expand(toks)])

    def find(self, tv: TokenView) -> list[Cue]:
        """Cues in the body, outside quotations, in text order, without overlaps."""
        doc = tv.doc
        excluded: set[int] = set()
        for _, a, b in self.excluder(doc):
            excluded.update(range(a, b))
        spans = []
        for key, a, b in self.matcher(doc):
            if tv.sent[a] < 0 or any(tv.quote[i] >= 0 for i in range(a, b)):
                continue
            spans.append((a, b, self.phrases[doc.vocab.strings[key]]))
        readings = self.readings
        for a in compress(range(len(tv.low)), map(readings.__contains__, tv.low)):  # the cue-verb forms
            if a not in excluded and tv.sent[a] >= 0 and tv.quote[a] < 0:
                verb = self._reading(tv, a)
                if verb is not None:
                    spans.append((a, a + 1, verb))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        out: list[Cue] = []
        last_end = -1
        for a, b, verb in spans:
            if a < last_end:
                continue
            cue = self._qualify(tv, Cue(a, b, verb))
            if cue is not None:
                out.append(cue)
                last_end = b
        return out

    def _reading(self, tv: TokenView, i: int) -> CueVerb | None:
        readings = self.readings.get(tv.low[i])
        if not readings:
            return None
        prev = _prev_word(tv, i)
        prev_low = tv.low[prev] if prev is not None else ""
        forms = self.forms[tv.low[i]]
        if prev_low in BE_FORMS and "participle" in forms:
            return forms["participle"]
        if prev_low in ("has", "have", "had", "having") and "participle" in forms:
            return forms["participle"]
        if "ing" in forms:
            return forms["ing"]
        for f in ("past", "3sg", "base", "participle"):
            if f in forms:
                return forms[f]
        return readings[0]

    def _qualify(self, tv: TokenView, cue: Cue) -> Cue | None:
        """Mark passives and negation; drop infinitives ("declined to say") and nouns
        preceded by a determiner ("the report", "his claims")."""
        prev = _prev_word(tv, cue.start)
        prev_low = tv.low[prev] if prev is not None else ""
        if cue.form == "phrase":
            if cue.verb.frame != "according" and prev_low in ("to",):
                return None
            return cue
        if prev_low in ("the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "these", "those") or \
                prev_low == "that" and cue.form not in ("past", "participle"):
            return None  # (but "a ruling that said …" is a relative clause)
        if prev_low == "to" and cue.form == "base":
            return None
        if prev_low == "of" and cue.form in ("base", "3sg"):
            return None  # "secretary of state", "the state of play": a noun
        if cue.form in ("base", "3sg") and prev is not None and tv.cap[prev] and _head_of_subject(tv, prev, cue.end):
            return None  # "The Demos report looked at …": a noun heading the subject
        if cue.form in ("participle", "past") and prev_low in PASSIVE_AUX:
            cue.passive = True
        elif cue.form in ("participle", "past") and prev_low in ("and", "or") and _coordinated_passive(tv, prev):
            cue.passive = True  # "to be confined and told he would stay": told, not telling
        if prev_low in NEGATORS and not (cue.verb.frame == "belief" and cue.form == "base"):
            return None  # "could not predict", "has never said"
        if cue.form == "base" and prev is not None:
            p2 = _prev_word(tv, prev)
            if prev_low in NEGATORS and p2 is not None and tv.low[p2] in DO_FORMS:
                cue.negated = True
                if cue.verb.frame != "belief":
                    return None  # "did not say whether ...": no content
            elif prev_low in MODALS and cue.verb.frame == "belief":
                return None
        return cue


def _coordinated_passive(tv: TokenView, conj: int) -> bool:
    """The word before ``conj`` ("and") is a participle after a form of "be" ("was arrested and
    told", "to be confined and told"): the cue after the conjunction shares the passive."""
    p = _prev_word(tv, conj)
    if p is None or not tv.lowercase[p] or not tv.low[p].endswith(("ed", "en")):
        return False
    for _ in range(2):
        p = _prev_word(tv, p)
        if p is None:
            return False
        if tv.low[p] in BE_FORMS:
            return True
    return False


class _WhitespaceTokens:
    """Pattern docs for the phrase matchers: lexicon phrases are already split on spaces."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, phrase: str):
        from spacy.tokens import Doc

        from claims.nlp.pipeline import token_norm

        words = phrase.split()
        doc = Doc(self.vocab, words=words)
        for t in doc:
            t.norm_ = token_norm(t.text)
        return doc


def _head_of_subject(tv: TokenView, prev: int, end: int) -> bool:
    """A cue word after "the" and a capitalised name, followed by a finite verb or auxiliary
    ("The Demos report looked", "the Hutton report was"): the head noun of a subject."""
    det = _prev_word(tv, prev)
    if det is None or tv.low[det] not in ("the", "a", "an", "this", "that", "its", "their"):
        return False
    n = end
    while n < len(tv) and tv.space[n]:
        n += 1
    if n >= len(tv) or not tv.lowercase[n]:
        return False
    low = tv.low[n]
    return low in BE_FORMS or low in MODALS or low in ("has", "had", "have") or (low.endswith("ed") and len(low) > 3)


def _prev_word(tv: TokenView, i: int) -> int | None:
    j = i - 1
    while j >= 0 and tv.space[j]:
        j -= 1
    return j if j >= 0 else None
