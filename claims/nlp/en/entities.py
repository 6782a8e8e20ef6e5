"""Optional help from a trained pipeline's named entities (``claims load --model NAME``).

With ``spacy.blank("en")`` a document has no entities and nothing here changes anything. When a
trained NER has run, its labels settle the kind of the names the capitalisation rules found but
could not type ("Moody's Analytics", "Grand Rapids", "Okafor"): PERSON makes a person,
ORG/NORP an organisation, GPE/LOC/FAC a place (never a speaker of its own).
"""
from __future__ import annotations

from claims.nlp.en.names import Mention
from claims.nlp.en.tokens import TokenView

KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "NORP": "organisation",
                 "GPE": "place", "LOC": "place", "FAC": "place"}


def has_entities(tv: TokenView) -> bool:
    # (no entities without ENT_IOB annotation, and doc.ents is far cheaper than has_annotation)
    return len(tv.doc.ents) > 0


def refine(tv: TokenView, mentions: list[Mention]) -> None:
    """Type each still untyped mention whose name part is covered by one entity."""
    if not has_entities(tv):
        return
    label_at: dict[int, str] = {}
    for ent in tv.doc.ents:
        for i in range(ent.start, ent.end):
            label_at[i] = ent.label_
    for m in mentions:
        labels = {label_at.get(i) for i in range(m.core_start, m.core_end) if not tv.space[i]}
        if len(labels) != 1:
            continue
        kind = KIND_OF_LABEL.get(next(iter(labels)) or "")
        if kind is None or m.kind != "unknown":
            continue  # honorifics, first names, "Corp", acronyms: the rules are surer than a small model
        m.kind = kind
        m.ner = True
