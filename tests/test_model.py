"""Claims and figures cross process boundaries (worker pools, Dask) pickled as field values."""
from __future__ import annotations

import pickle

from claims.model import Article, Claim, Extraction, Figure


def _extraction() -> Extraction:
    f1 = Figure("100 مليون دولار", 10, 25, 1e8, "USD", kind="money", claim_id="c1", id="f1")
    f2 = Figure("30%", 40, 43, 30, "percent", value_max=40, kind="percent", qualifier="approximate")
    c = Claim("indirect", "الأسعار سترتفع 100 مليون دولار", 5, 30, speaker="مارك تشين", speaker_role="مدير",
              speaker_type="person", source="وول ستريت جورنال", cue="وقال", cue_start=0, cue_end=4,
              paragraph=2, figures=[f1], article_id="a1", id="c1")
    return Extraction(Article("a1", "نص المقال", lang="ar"), [c], [f1, f2], lang="ar",
                      warnings=["w"])


def test_extraction_round_trips_through_pickle():
    ex = _extraction()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(ex, protocol=protocol))
        assert back == ex
        assert back.figures[1].key == "percent:30-40"
        # a figure held by a claim is the same object as in the article's figures
        assert back.claims[0].figures[0] is back.figures[0]
        assert back.claims[0].anonymous is False


def test_pickled_claims_hold_values_not_field_names():
    claims = [Claim("direct", f"quote {i}", i, i + 8, speaker="Sam Altman", id=f"c{i}") for i in range(20)]
    payload = pickle.dumps(claims)
    # smaller than the field dicts alone (the default pickling, objects and dicts, is larger still)
    assert len(payload) < len(pickle.dumps([dict(c.__dict__) for c in claims]))
    assert pickle.loads(payload) == claims


def test_claim_and_figure_ids_are_the_stable_ids_of_their_parts():
    from claims.model import claim_id, figure_id, stable_id

    for article_id, start, end in [("a1b2c3", 0, 10), ("مقال", 1234, 99999), ("", 5, 6)]:
        for kind in ("direct", "indirect"):
            assert claim_id(article_id, start, end, kind) == stable_id("claim", article_id, start, end, kind)
        assert figure_id(article_id, start, end) == stable_id("figure", article_id, start, end)
    # stored ids never change from one version to the next
    assert (claim_id("a", 1, 2, "direct"), figure_id("a", 1, 2)) == ("b27fe6a995487875", "baf2c354508ac4a0")
