"""Arabic claim extraction and attribution: the ``claims_attribution_ar`` spaCy component.

Modules, one job each: :mod:`~claims.nlp.ar.forms` (inflected forms of cue verbs),
:mod:`~claims.nlp.ar.words` (words with matching forms), :mod:`~claims.nlp.ar.lex` (lexicons),
:mod:`~claims.nlp.ar.cues` (cue candidates), :mod:`~claims.nlp.ar.names` (subjects, roles,
in-article name resolution), :mod:`~claims.nlp.ar.sources` (outlets, documents, channels),
:mod:`~claims.nlp.ar.prepass` (names and roles read over the whole article first) and
:mod:`~claims.nlp.ar.attribution` (frames, claim spans, speakers, continuations).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import claims.nlp.components  # noqa: F401  (registers the Doc extensions)
from claims.nlp.ar.attribution import attribute
from claims.nlp.segment import segment
from claims.nlp.components import doc_text, set_spans


@Language.factory("claims_attribution_ar", default_config={"cue_spans": True})
def make_attribution_ar(nlp: Language, name: str, cue_spans: bool) -> "AttributionAR":
    """The component factory (see :class:`AttributionAR`)."""
    return AttributionAR(cue_spans=cue_spans)


class AttributionAR:
    """Sets ``doc._.claims`` (list of :class:`claims.model.Claim`) and, with ``cue_spans``,
    ``doc.spans["cues"]`` (one span per claim cue, labelled with the claim kind)."""

    def __init__(self, cue_spans: bool = True) -> None:
        self.cue_spans = cue_spans

    def __call__(self, doc: Doc, spans: bool = True) -> Doc:
        """Attribute the claims; ``spans=False`` (through spaCy's ``component_cfg``) leaves
        ``doc.spans`` alone whatever ``cue_spans`` says."""
        seg = doc._.segments or segment(doc_text(doc), doc._.body_start)
        found = attribute(doc_text(doc), seg, doc._.body_start)
        doc._.claims = found
        if self.cue_spans and spans:
            set_spans(doc, "cues", [(c.cue_start, c.cue_end, c.kind) for c in found
                                    if c.cue_start is not None and c.cue_end is not None])
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "AttributionAR":
        return self


__all__ = ["AttributionAR", "attribute"]
