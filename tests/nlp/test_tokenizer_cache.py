"""The pipelines' tokenizer keeps spaCy's cache (claims.nlp.tokenizer.keep_tokenizer_cache) and
still gives exactly the tokens of the stock ``spacy.blank`` tokenizer."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from claims.nlp import pipeline
from claims.nlp.tokenizer import ChunkCachingTokenizer, keep_tokenizer_cache

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

TRICKY = {
    "en": [
        "First paragraph.\n\nSecond one, after a blank line.\nThird.",
        "Tabs\tand  double  spaces   and\u00a0a no-break space.",
        "\nStarts with a newline and ends with two.\n\n",
        "\"Quoted at the end of a line\"\n\"and at the start of the next,\" she said.",
        "It can't be, he's said: U.S. officials don't know. :) <3 e.g. 5km £12m 30%.",
        "A line ending in a dash —\n— and one starting with it.",
        " \n \t\n",
        "",
    ],
    "ar": [
        "الفقرة الأولى.\n\nالفقرة الثانية، بعد سطر فارغ.\nالثالثة.",
        "وقال  الوزير\tإن «الأسعار\u00a0سترتفع» بنسبة ٣٠٪.",
        "\nقال مارك تشين: \"لا نريد ذلك\".\n\n",
        "«اقتباس في آخر السطر»\n«وآخر في أول التالي»، أضاف.",
        "أنا ق.م د. ١٠٠ مليون دولار و80 ساعة.",
        " \n \t\n",
    ],
}


def _tokens(nlp, text: str) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in nlp.make_doc(text)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_same_tokens_as_the_stock_tokenizer(lang):
    stock, ours = spacy.blank(lang), pipeline.get(lang)
    texts = TRICKY[lang] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob(f"*-{lang}-*.txt"))]
    if lang == "ar":
        texts.append((SEEDS / "seed-meta-openai.txt").read_text(encoding="utf-8"))
    for text in texts:
        assert _tokens(ours, text) == _tokens(stock, text), text[:60]
        # and again, now that the cache holds the text's chunks
        assert _tokens(ours, text) == _tokens(stock, text), text[:60]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_only_whitespace_special_cases_are_dropped(lang):
    stock_rules = spacy.blank(lang).tokenizer.rules
    rules = pipeline.get(lang).tokenizer.rules
    assert "\n" in stock_rules
    assert not [k for k in rules if not k.strip()]
    assert set(stock_rules) - set(rules) == {k for k in stock_rules if not k.strip()}


def test_keep_tokenizer_cache_is_idempotent():
    nlp = keep_tokenizer_cache(keep_tokenizer_cache(spacy.blank("en")))
    assert "can't" in nlp.tokenizer.rules and "\n" not in nlp.tokenizer.rules


def test_the_pipelines_tokenizer_is_wrapped_once_and_delegates_to_spacy():
    nlp = pipeline.get("en")
    assert isinstance(nlp.tokenizer, ChunkCachingTokenizer)
    assert not isinstance(nlp.tokenizer.tokenizer, ChunkCachingTokenizer)
    assert [t for _, t in nlp.tokenizer.explain("can't")] == ["ca", "n't"]
    assert nlp.tokenizer.vocab is nlp.vocab
    stock = spacy.blank("en")
    stock.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert "\n" not in stock.tokenizer.rules and "can't" in stock.tokenizer.rules


def test_chunks_seen_are_remembered_up_to_the_limit():
    nlp = keep_tokenizer_cache(spacy.blank("en"))
    tok = nlp.tokenizer
    tok.limit = 5
    assert [t.text for t in nlp.make_doc("Chen's plan, he said.")] == ["Chen", "'s", "plan", ",", "he", "said", "."]
    assert tok.seen == {"Chen's", "plan,", "he", "said."}
    nlp.make_doc("two more words")  # over the limit: forgotten, then learnt again
    assert tok.seen == {"two", "more", "words"}


def test_changing_the_rules_goes_to_spacy_and_forgets_the_chunks():
    nlp = keep_tokenizer_cache(spacy.blank("en"))
    nlp.make_doc("gimme that")
    nlp.tokenizer.add_special_case("gimme", [{"ORTH": "gim"}, {"ORTH": "me"}])
    assert not nlp.tokenizer.seen
    assert [t.text for t in nlp.make_doc("gimme that")] == ["gim", "me", "that"]
    nlp.make_doc("gimme that")
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k != "gimme"}
    assert not nlp.tokenizer.seen and "gimme" not in nlp.tokenizer.tokenizer.rules
    assert [t.text for t in nlp.make_doc("gimme that")] == ["gimme", "that"]


def test_a_pickled_copy_tokenizes_alike_and_starts_with_nothing_seen():
    import pickle

    nlp = keep_tokenizer_cache(spacy.blank("en"))
    nlp.make_doc("Chen's plan, he said.")
    copy = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert isinstance(copy, ChunkCachingTokenizer) and copy.limit == nlp.tokenizer.limit
    assert copy.seen == set()
    text = "It's fine.\n\n\"Quoted,\" she said."
    assert [(t.text, t.whitespace_) for t in copy(text)] == [(t.text, t.whitespace_) for t in spacy.blank("en")(text)]
