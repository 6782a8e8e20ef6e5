"""English attribution: the ``claims_attribution_en`` spaCy component.

Rule-based and model-free (``spacy.blank("en")`` is enough): cues from lexicons
(:mod:`.cues`), names without NER (:mod:`.names`), speaker noun phrases (:mod:`.speakers`),
sources (:mod:`.sources`), discourse resolution (:mod:`.resolve`) and the sentence logic that
puts them together (:mod:`.attribution`). With a trained pipeline (``claims load --model``) its
PERSON/ORG entities refine the kind of the names found (:mod:`.entities`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claims.nlp import components as _components  # noqa: F401  (registers the doc extensions)
from claims.nlp.en import lexicon
from claims.nlp.en.attribution import Attributor
from claims.nlp.en.cues import CueMatcher
from claims.nlp.en.tokens import build as build_view
from claims.nlp.segment import segment
from claims.nlp.components import doc_text, set_spans


@Language.factory("claims_attribution_en", default_config={"use_entities": True})
def make_attribution(nlp: Language, name: str, use_entities: bool) -> "EnglishAttribution":
    return EnglishAttribution(nlp, use_entities=use_entities)


class EnglishAttribution:
    """Sets ``doc._.claims`` (list of :class:`claims.model.Claim`) and ``doc.spans["cues"]``."""

    def __init__(self, nlp: Language, use_entities: bool = True) -> None:
        self.lex = lexicon.get()
        self.matcher = CueMatcher(nlp.vocab, self.lex)
        self.use_entities = use_entities

    def __call__(self, doc: Doc, spans: bool = True) -> Doc:
        """Attribute the claims; ``spans=False`` (through spaCy's ``component_cfg``) leaves
        ``doc.spans`` alone."""
        seg = doc._.segments or segment(doc_text(doc), doc._.body_start)
        tv = build_view(doc, seg)
        found = Attributor(self.matcher, self.lex, use_entities=self.use_entities)(tv)
        found.sort(key=lambda c: (c.start, c.end))
        doc._.claims = found
        if spans:
            set_spans(doc, "cues", [(c.cue_start, c.cue_end, "cue") for c in found if c.cue_start is not None])
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "EnglishAttribution":
        return self
