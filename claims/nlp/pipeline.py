"""Build the spaCy pipeline for a language: ``spacy.blank(lang)`` plus our rule components.

Components, in order (each registered with ``@Language.factory`` in its own module):

- ``claims_segment`` (:mod:`claims.nlp.components`): paragraphs, sentences and quotation spans
  of the body into ``doc._.segments``, sentence starts on the tokens;
- ``claims_figures`` (:mod:`claims.nlp.figures`): every figure of the body into
  ``doc._.figures`` and ``doc.spans["figures"]``;
- ``claims_attribution_<lang>`` (:mod:`claims.nlp.ar`, :mod:`claims.nlp.en`): cue matching,
  speakers, roles and sources into ``doc._.claims`` and ``doc.spans["cues"]``.

The tokenizer is spaCy's own, set up so that its cache works for whole articles
(:func:`claims.nlp.tokenizer.keep_tokenizer_cache`): the same tokens, 5–15 times faster.

Token norms are the shared matching form of :mod:`claims.normalize` (set once per lexeme, not
per token), so ``Matcher``/``PhraseMatcher`` patterns on ``NORM`` ignore diacritics, letter
variants, tatweel, digit scripts and case.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.attrs import NORM
from spacy.language import Language

from claims.nlp.tokenizer import keep_tokenizer_cache
from claims.normalize import normalize

SUPPORTED_LANGS = ("ar", "en")


class PipelineError(RuntimeError):
    """A pipeline could not be built (unknown language, missing model)."""


def token_norm(text: str) -> str:
    """The NORM of a token: its matching form, or the text itself for pure punctuation."""
    return normalize(text) or text


def _register_components(lang: str) -> None:
    importlib.import_module("claims.nlp.components")
    importlib.import_module("claims.nlp.figures")
    importlib.import_module(f"claims.nlp.{lang}")


def build(lang: str, model: str | None = None) -> Language:
    """A fresh pipeline for ``lang`` ("ar" or "en"). ``model`` names an installed trained spaCy
    pipeline to start from instead of ``spacy.blank(lang)``; our components are added after its
    own, which attribution may then use (entities, parses)."""
    if lang not in SUPPORTED_LANGS:
        raise PipelineError(f"no claim extraction for language {lang!r} (supported: {', '.join(SUPPORTED_LANGS)})")
    _register_components(lang)
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as e:
            raise PipelineError(f"spaCy pipeline {model!r} is not installed: {e}") from e
        if nlp.lang != lang:
            raise PipelineError(f"spaCy pipeline {model!r} is for {nlp.lang!r}, not {lang!r}")
    else:
        nlp = spacy.blank(lang)
    keep_tokenizer_cache(nlp)
    nlp.vocab.lex_attr_getters[NORM] = token_norm
    nlp.add_pipe("claims_segment")
    nlp.add_pipe("claims_figures", config={"lang": lang})
    nlp.add_pipe(f"claims_attribution_{lang}")
    return nlp


@lru_cache(maxsize=8)
def get(lang: str, model: str | None = None) -> Language:
    """The pipeline for ``lang`` (and ``model``), built once per process."""
    return build(lang, model)
