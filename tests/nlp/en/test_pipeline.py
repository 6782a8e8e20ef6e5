"""The whole English pipeline on a short article written for this test, and the component's
behaviour with and without a trained pipeline's annotations."""
from __future__ import annotations

import spacy

from claims.extract import extract
from claims.model import Article
from claims.nlp import pipeline
from claims.nlp.en import EnglishAttribution, lexicon, names
from claims.nlp.en.tokens import build as build_view
from claims.nlp.segment import segment

ARTICLE = """Harbour plan 'will cost 400 jobs'

Up to 400 jobs could go if the harbour closes, the Northern Echo has reported.
Port operator Tidewell said in a statement that it had "no choice" after losses of £12m last year.
Union official Karen Doyle, the regional secretary of the GMB, called the decision "a betrayal of the town".
"People here have given their lives to this port," Ms Doyle said. "They deserve better.
"We will fight this every step of the way."
The company said talks with the council would continue. It added that it hoped to find a buyer.
A spokesman for the council declined to comment.
"""


def load(text: str = ARTICLE):
    head = text.split("\n", 1)[0]
    return extract(Article(id="a1", text=text, title=head, body_start=len(head) + 2, lang="en"))


def test_build_en_runs_segment_figures_and_attribution():
    nlp = pipeline.build("en")
    assert nlp.pipe_names == ["claims_segment", "claims_figures", "claims_attribution_en"]


def test_short_article_end_to_end():
    ex = load()
    got = [(c.kind, c.text, c.speaker, c.speaker_role, c.source, c.cue) for c in ex.claims]
    assert got == [
        ("indirect", "Up to 400 jobs could go if the harbour closes", "the Northern Echo", None, "Northern Echo",
         "reported"),
        ("indirect", 'it had "no choice" after losses of £12m last year', "Tidewell", "Port operator",
         "a statement", "said"),
        ("direct", "a betrayal of the town", "Karen Doyle", "regional secretary of the GMB", None, "called"),
        ("direct", "People here have given their lives to this port", "Karen Doyle", "regional secretary of the GMB",
         None, "said"),
        ("direct", "They deserve better.", "Karen Doyle", "regional secretary of the GMB", None, None),
        ("direct", "We will fight this every step of the way.", "Karen Doyle", "regional secretary of the GMB", None,
         None),
        ("indirect", "talks with the council would continue", "Tidewell", "Port operator", None, "said"),
        ("indirect", "it hoped to find a buyer", "Tidewell", "Port operator", None, "added"),
    ]
    assert {c.speaker_type for c in ex.claims} == {"organisation", "person"}
    for c in ex.claims:
        assert ex.article.text[c.start:c.end] == c.text
        assert c.article_id == "a1" and c.id


def test_figures_are_linked_to_the_claims_that_contain_them():
    ex = load()
    by_text = {c.text: c for c in ex.claims}
    claim = by_text['it had "no choice" after losses of £12m last year']
    assert [f.text for f in claim.figures] == ["£12m"]


def test_cue_spans_are_set_on_the_doc():
    nlp = pipeline.get("en")
    doc = nlp.make_doc(ARTICLE)
    doc._.body_start = ARTICLE.index("Up to")
    doc = nlp(doc)
    assert [s.text for s in doc.spans["cues"]] == [c.cue for c in doc._.claims if c.cue]


def test_component_segments_the_doc_itself_when_run_alone():
    nlp = spacy.blank("en")
    doc = nlp('"It works," she said.')
    EnglishAttribution(nlp)(doc)
    assert [c.text for c in doc._.claims] == ["It works"]


def test_empty_and_claimless_documents():
    nlp = pipeline.get("en")
    for text in ["", "Headline\n\n", "Headline\n\nThe sun rose over the harbour.\n"]:
        doc = nlp.make_doc(text)
        doc._.body_start = min(len(text), 10)
        assert nlp(doc)._.claims == []


def _with_entities(text: str, ents: list[tuple[str, str]]):
    nlp = spacy.blank("en")
    doc = nlp(text)
    spans = []
    for words, label in ents:
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    return doc


def test_trained_entities_type_names_the_rules_could_not():
    text = "Kestrel Ridge said costs rose. Zorvath Quell said he disagreed."
    doc = _with_entities(text, [("Kestrel Ridge", "ORG"), ("Zorvath Quell", "PERSON")])
    tv = build_view(doc, segment(text))
    kinds = {e.label: e.kind for e in names.find(tv, lexicon.get()).entities}
    assert kinds == {"Kestrel Ridge": "organisation", "Zorvath Quell": "person"}
    plain = {e.label: e.kind for e in names.find(tv, lexicon.get(), use_entities=False).entities}
    assert plain == {"Kestrel Ridge": "unknown", "Zorvath Quell": "unknown"}


def test_trained_entities_never_override_rule_evidence():
    text = "Mr Kimble said no. Kimble left."
    doc = _with_entities(text, [("Kimble", "ORG")])
    tv = build_view(doc, segment(text))
    assert [e.kind for e in names.find(tv, lexicon.get()).entities] == ["person"]


def test_doc_without_entities_or_parse_is_fine():
    doc = spacy.blank("en")("The minister said the plan was sound.")
    assert not doc.has_annotation("DEP") and not doc.ents
    EnglishAttribution(spacy.blank("en"))(doc)
    assert [c.speaker for c in doc._.claims] == ["The minister"]


def test_segmenter_sets_the_rule_based_sentences_on_the_tokens():
    nlp = pipeline.get("en")
    text = 'Head\n\nMr. Smith said: "It works. It really does." Then he left.\nDr. Jones agreed.'
    doc = nlp.make_doc(text)
    doc._.body_start = 6
    doc = nlp(doc)
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ["Head", 'Mr. Smith said: "It works. It really does."', "Then he left.", "Dr. Jones agreed."]


def test_segmenter_leaves_a_parsed_doc_alone():
    from spacy.tokens import Doc

    from claims.nlp.components import Segmenter

    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["He", "said", "no", "."], heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"])
    Segmenter()(doc)  # spaCy refuses to overwrite sentence starts of a parsed doc (E043)
    assert doc._.segments is not None and [s.text for s in doc.sents] == ["He said no ."]


def test_sentence_starts_and_spans_can_be_left_unset_for_one_doc_and_claims_do_not_depend_on_them():
    from claims.extract import _DOC_EXTRAS_OFF
    from tests.factories import SEEDS

    nlp = pipeline.get("en")
    text = (SEEDS / "sample-en-harbour-budget.txt").read_text(encoding="utf-8")
    plain = nlp(nlp.make_doc(text), component_cfg=_DOC_EXTRAS_OFF["en"])
    assert not plain.has_annotation("SENT_START") and len(plain.spans) == 0
    full = nlp(nlp.make_doc(text))
    assert full.has_annotation("SENT_START") and len(list(full.sents)) > 5
    assert all(len(full.spans[k]) > 0 for k in ("quotes", "figures", "cues"))
    # extraction leaves them unset (nothing reads them) and finds the same claims
    assert [(c.start, c.end, c.speaker) for c in full._.claims] == \
        [(c.start, c.end, c.speaker) for c in plain._.claims]
    ex = extract(Article("en-sample", text, lang="en"))
    assert sorted((c.start, c.end, c.speaker) for c in ex.claims) == \
        sorted((c.start, c.end, c.speaker) for c in full._.claims)
    assert len(ex.claims) > 3
