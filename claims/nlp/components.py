"""Doc extensions shared by all components, and the segmentation component."""
from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claims.nlp.segment import segment

EXTENSIONS = {
    "body_start": 0,  # offset of the body in doc.text; nothing before it is extracted
    "segments": None,  # claims.nlp.segment.Segments
    "figures": None,  # list[claims.model.Figure]
    "claims": None,  # list[claims.model.Claim]
}
for _name, _default in EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds ``Doc.text`` from every token on each
    access, which would otherwise cost every component a pass over the tokens."""
    text = doc.user_data.get("claims_text")
    if text is None:
        text = doc.user_data["claims_text"] = doc.text
    return text


def set_spans(doc: Doc, key: str, items: Iterable[tuple[int, int, str]]) -> None:
    """``doc.spans[key]``: for each (start, end, label) the span of the tokens it touches
    (``alignment_mode="expand"``); an item that touches no token is left out."""
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


def sentence_flags(idx: numpy.ndarray, starts: list[int]) -> numpy.ndarray:
    """SENT_START values of tokens at character offsets ``idx`` (increasing): 1 for the first
    token and every token that starts at one of ``starts``, -1 for the others."""
    flags = numpy.full(len(idx), -1, dtype=numpy.int64)
    wanted = numpy.array(starts, dtype=idx.dtype)  # (searchsorted needs only idx sorted)
    at = idx.searchsorted(wanted)
    # an offset past the last token start gets len(idx), clipped to the last token, which then
    # starts before it: no match
    flags[at[idx.take(at, mode="clip") == wanted]] = 1
    flags[0] = 1
    return flags


@Language.factory("claims_segment", default_config={"set_sent_starts": True})
def make_segmenter(nlp: Language, name: str, set_sent_starts: bool) -> "Segmenter":
    return Segmenter(set_sent_starts=set_sent_starts)


class Segmenter:
    """Paragraphs, sentences and quotation spans of the body (see :mod:`claims.nlp.segment`).
    Results go to ``doc._.segments`` and ``doc.spans["quotes"]``; with ``set_sent_starts``
    the tokens' sentence starts follow the rule-based sentences, so ``doc.sents`` works."""

    def __init__(self, set_sent_starts: bool = True) -> None:
        self.set_sent_starts = set_sent_starts

    def __call__(self, doc: Doc, set_sent_starts: bool | None = None, spans: bool = True) -> Doc:
        """Segment ``doc``; ``set_sent_starts`` overrides the component's setting for this doc, and
        ``spans=False`` leaves ``doc.spans["quotes"]`` unset (given through spaCy's
        ``component_cfg``, as :func:`claims.extract.extract` does: nothing it reads needs them)."""
        seg = segment(doc_text(doc), doc._.body_start)
        doc._.segments = seg
        if spans:
            set_spans(doc, "quotes", [(q.start, q.end, "quote") for q in seg.quotes])
        # a trained parser has set sentence boundaries already; spaCy refuses to overwrite them
        if set_sent_starts is None:
            set_sent_starts = self.set_sent_starts
        if set_sent_starts and len(doc) and not doc.has_annotation("DEP"):
            # one array write: Token.is_sent_start re-checks the whole doc on every assignment
            flags = sentence_flags(doc.to_array(IDX), [a for a, _ in seg.sentences])
            doc.from_array([SENT_START], flags.view(numpy.uint64).reshape(-1, 1))  # spaCy stores -1 as uint64
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "Segmenter":
        return self
