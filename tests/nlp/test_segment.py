"""Paragraphs, sentences and quotation spans (claims.nlp.segment)."""
from claims.nlp.segment import find_quotes, paragraphs, segment


def quotes_of(text: str) -> list[str]:
    return [text[q.start:q.end] for q in segment(text).quotes]


def test_paragraphs_strip_edges_and_skip_blank_lines():
    text = "Title\n\n  First para. \n\nSecond para.\n"
    paras = paragraphs(text, 7)
    assert [text[a:b] for a, b in paras] == ["First para.", "Second para."]


def test_straight_quotes_with_cue_after_drop_trailing_comma():
    text = '"We will build it," the mayor said on Monday.'
    assert quotes_of(text) == ["We will build it"]


def test_curly_and_guillemet_quotes():
    assert quotes_of("He said: “It is over.”") == ["It is over."]
    assert quotes_of("وقال الوزير: «لن نتراجع عن القرار».") == ["لن نتراجع عن القرار"]


def test_arabic_proclitic_before_straight_quote_opens_it():
    text = 'ووصف القرار ب"الخطوة الجريئة" أمس.'
    assert quotes_of(text) == ["الخطوة الجريئة"]


def test_nested_straight_quotes_stay_inside_the_outer_quote():
    text = 'وقال إنه سيتم "بيع أسهم شركة "النور" خلال العام" كما أكد.'
    assert quotes_of(text) == ['بيع أسهم شركة "النور" خلال العام']


def test_unclosed_quote_is_cut_where_the_next_quote_opens():
    text = 'وأكد أنه "سيتم رفع الأجور في الربيع مبينا أنه يجري "التفكير في خطة جديدة".'
    got = quotes_of(text)
    assert got[0].startswith("سيتم رفع الأجور")
    assert got[-1] == "التفكير في خطة جديدة"


def test_multi_paragraph_quote_gives_one_span_per_paragraph():
    text = 'She said: "The first part goes on\n"and the second part ends here."\nNext paragraph.'
    qs = segment(text).quotes
    assert [text[q.start:q.end] for q in qs] == ["The first part goes on", "and the second part ends here."]
    assert qs[0].continues and not qs[0].continued
    assert qs[1].continued and not qs[1].continues


def test_unclosed_quote_without_continuation_runs_to_paragraph_end():
    text = 'He said: "This never closes\nA new paragraph without a mark.'
    qs = segment(text).quotes
    assert [text[q.start:q.end] for q in qs] == ["This never closes"]
    assert qs[0].close_at is None and not qs[0].continues


def test_apostrophes_are_not_quotes():
    assert quotes_of("It's the company's best year, it said.") == []


def test_sentences_do_not_split_inside_quotes_or_after_abbreviations():
    text = 'Mr. Smith said: "It works. It really does." Then he left. Dr. Jones agreed.'
    seg = segment(text)
    sents = [text[a:b] for a, b in seg.sentences]
    assert sents == ['Mr. Smith said: "It works. It really does."', "Then he left.", "Dr. Jones agreed."]


def test_arabic_question_mark_ends_sentence():
    text = "هل انتهى الأمر؟ قال الوزير إنه لم ينته."
    seg = segment(text)
    assert [text[a:b] for a, b in seg.sentences] == ["هل انتهى الأمر؟", "قال الوزير إنه لم ينته."]


def test_body_start_skips_the_headline():
    text = 'Headline "quoted"\n\nBody says "this".'
    assert [text[q.start:q.end] for q in segment(text, body_start=19).quotes] == ["this"]


def test_find_quotes_offsets_point_into_text():
    text = 'A "b c" d «e f» g'
    for q in find_quotes(text, paragraphs(text)):
        assert text[q.open_at] in '"«' and text[q.start:q.end] in ("b c", "e f")


def test_two_apostrophe_quotation_marks_are_quotes():
    text = "''This isn't reform,'' said Mr. Cole. ''It's a tax rise.''"
    assert quotes_of(text) == ["This isn't reform", "It's a tax rise."]


def test_backtick_opening_marks_are_quotes():
    assert quotes_of("He said ``we are ready'' on Monday.") == ["we are ready"]


def test_quote_view_keeps_offsets_and_leaves_other_text_alone():
    from claims.nlp.segment import quote_view

    text = "a ''b c'' d"
    assert len(quote_view(text)) == len(text)
    assert quote_view("It's Bob's car.") == "It's Bob's car."


def test_multi_paragraph_quote_with_two_apostrophe_marks():
    text = "She said: ''The first part goes on\n''and the second part ends here.''\nNext."
    qs = segment(text).quotes
    assert [text[q.start:q.end] for q in qs] == ["The first part goes on", "and the second part ends here."]
    assert qs[0].continues and qs[1].continued
