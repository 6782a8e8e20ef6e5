"""The per-word and per-article caches of Arabic attribution give what the uncached tests give."""
from __future__ import annotations

from claims.nlp.ar.names import head_type, split_role_name
from claims.nlp.ar.sources import _may_open, find_sources
from claims.nlp.ar.state import head_of, split_of, State
from claims.nlp.ar.words import has_article, words

TEXT = ("وقال وزير الخارجية الكندي #جون_هارت، في تصريح لصحيفة \"الأفق\" ولرويترز عبر تويتر أمام "
        "مجلس النواب، إن ألبرتو والحكومة ستدرسان الملف.")


def test_word_fields_match_their_definitions():
    for w in words(TEXT):
        assert w.hashtag == w.text.startswith("#")
        assert w.definite == has_article(w.text)
        assert w.conj == (w.bare != w.norm)
        assert w.is_punct == (not (w.text[:1].isalnum() or w.text[:1] == "#"))
    by_text = {w.text: w for w in words(TEXT)}
    assert by_text["والحكومة"].definite and by_text["والحكومة"].conj
    assert not by_text["ألبرتو"].definite  # أل of a name is not the article
    assert by_text["#جون_هارت"].hashtag


def test_words_passed_over_start_no_source():
    ws = words(TEXT)
    for k, w in enumerate(ws):
        if not w.is_punct and not _may_open(w.norm):
            assert find_sources(TEXT, ws, k, len(ws), need_prep=False)[:1] == \
                find_sources(TEXT, ws, k + 1, len(ws), need_prep=False)[:1]
    kinds = {s.kind for s in find_sources(TEXT, ws, 0, len(ws), need_prep=False)}
    assert {"event", "platform", "venue"} <= kinds


def test_memoised_split_and_head_match_direct_calls():
    ws = words(TEXT)
    d = State(TEXT, ws, [w.start for w in ws], [], {})
    for a in range(len(ws)):
        for b in range(a + 1, min(len(ws), a + 6) + 1):
            assert split_of(d, a, b) == split_role_name(ws[a:b])
            assert head_of(d, a, b) == head_type(ws[a:b])
            assert split_of(d, a, b) is split_of(d, a, b)
