"""claims.datasette.render: spans, direction, escaping (no Datasette needed)."""
from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from claims.datasette.render import (Span, article_spans, bdi, claim_html, figure_spans, locate, num,
                                     render_spans, safe_href, speaker_mention_span, text_dir)
from claims.datasette.search import fts_query


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def well_formed(html: str) -> bool:
    stack = []
    for close, tag in re.findall(r"<(/?)(\w+)[^>]*>", html):
        if close:
            if not stack or stack.pop() != tag:
                return False
        else:
            stack.append(tag)
    return not stack


def test_no_spans_is_escaped_text():
    out = render_spans("<b>x</b> & y", [])
    assert isinstance(out, Markup)
    assert out == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_nested_spans_nest():
    text = "He said the cost is 4 billion dollars today"
    outer = Span(8, 37, "span", "claim", id="claim-1")
    inner = Span(20, 37, "mark", "fig")
    out = str(render_spans(text, [inner, outer]))
    assert out == ('He said <span class="claim" id="claim-1">the cost is <mark class="fig">4 billion dollars'
                   '</mark></span> today')


def test_crossing_spans_split_and_stay_well_formed():
    text = "abcdefghij"
    out = str(render_spans(text, [Span(0, 6, "span", "a", id="x"), Span(3, 9, "mark", "b", id="y")]))
    assert well_formed(out)
    assert strip_tags(out) == text
    assert out.count('id="x"') == 1 and out.count('id="y"') == 1
    assert 'class="b cont"' in out


def test_spans_are_clipped_and_empty_ones_dropped():
    out = str(render_spans("abc", [Span(-5, 2, "mark"), Span(2, 2, "mark"), Span(1, 99, "span")]))
    assert strip_tags(out) == "abc" and well_formed(out)


def test_attributes_are_escaped_and_tags_limited():
    out = str(render_spans("x", [Span(0, 1, "span", 'a" onmouseover="x', title="<t>")]))
    assert 'onmouseover="x"' not in out and "&#34;" in out and "&lt;t&gt;" in out
    with pytest.raises(ValueError):
        render_spans("x", [Span(0, 1, "script")])


def test_text_direction():
    assert text_dir("ar") == "rtl" and text_dir("ar-EG") == "rtl"
    assert text_dir("en") == "ltr"
    assert text_dir(None, "قال الوزير") == "rtl"
    assert text_dir(None, "The minister said") == "ltr"
    assert text_dir(None) == "auto"


def test_claim_html_direction_and_language():
    assert str(claim_html("نص", "ar")).startswith('<span class="claims-text" dir="rtl" lang="ar">')
    assert str(claim_html("the plan is fair", "ar")).startswith('<span class="claims-text" dir="ltr">')
    assert str(claim_html("قال John Smith إن", None)).startswith('<span class="claims-text" dir="rtl">')
    assert 'dir="auto"' in str(claim_html("", "en"))


def test_bdi_escapes():
    assert str(bdi("<i>x</i>")) == '<bdi dir="auto">&lt;i&gt;x&lt;/i&gt;</bdi>'
    assert bdi(None) == ""


def test_locate_falls_back_to_search_and_gives_up():
    assert locate("cost 4 billion", 5, 14, "4 billion") == (5, 14)
    assert locate("cost 4 billion", 0, 3, "4 billion") == (5, 14)
    assert locate("cost", 0, 3, "9") is None


def test_figure_spans_are_relative_to_the_claim():
    text = "the plan would cost $4 billion"
    figures = [{"start": 120, "end": 130, "text": "$4 billion", "key": "USD:4000000000", "kind": "money"}]
    spans = figure_spans(text, 100, figures, drift_keys={"USD:4000000000"})
    assert [(s.start, s.end) for s in spans] == [(20, 30)]
    assert "drift" in spans[0].cls and "claims-fig-money" in spans[0].cls


def test_speaker_mention_nearest_to_cue():
    text = "سالم قال شيئا. وأضاف سالم أن الخطة جيدة"
    claim = {"speaker_mention": "سالم", "cue_start": text.index("وأضاف"), "start": text.index("الخطة")}
    start, end = speaker_mention_span(text, claim)
    assert start == text.index("سالم", 5)
    assert speaker_mention_span(text, {"speaker_mention": "غير موجود", "start": 0}) is None


def test_article_spans_mark_focus_cue_speaker_and_figures():
    text = 'Salem said "tax will fall 2 percent" today.'
    claim = {"id": "c1", "start": text.index("tax"), "end": text.index('" today'), "kind": "direct",
             "speaker": "Ahmed Salem", "speaker_mention": "Salem", "cue_start": 6, "cue_end": 10, "cue": "said"}
    fig = {"start": text.index("2 percent"), "end": text.index("2 percent") + 9, "text": "2 percent",
           "key": "percent:2", "kind": "percent"}
    out = str(render_spans(text, article_spans(text, [claim], [fig], focus="c1")))
    assert '<mark class="claims-claim claims-direct focus" id="claim-c1"' in out
    assert '<span class="claims-cue" title="said">said</span>' in out
    assert '<span class="claims-speaker" title="Ahmed Salem">Salem</span>' in out
    assert '<mark class="claims-fig claims-fig-percent" title="percent:2">2 percent</mark>' in out
    assert well_formed(out) and strip_tags(out).replace("&#34;", '"') == text


def test_safe_href_only_http():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href("data:text/html,x") is None
    assert safe_href(None) is None


def test_num():
    assert num(4e9) == "4,000,000,000"
    assert num(2.5) == "2.5"
    assert num(None) == ""


def test_fts_query_quotes_normalised_words():
    assert fts_query("الحكومة") == '"الحكومه"'
    assert fts_query('أحمد "OR" NEAR(') == '"احمد" "or" "near"'
    assert fts_query("") == '""'
