"""The whole ``build("ar")`` pipeline on a short Arabic article written for this test."""
from claims.nlp.pipeline import build

ARTICLE = """الحكومة تعلن خطة لدعم المزارعين

أعلن وزير الزراعة المغربي حسن بنعلي، الثلاثاء، أن الحكومة خصصت 200 مليون درهم لدعم صغار المزارعين.
وقال بنعلي خلال مؤتمر صحفي في الرباط: "لن نترك المزارعين وحدهم في مواجهة الجفاف".
وأضاف أن الدعم سيصرف قبل نهاية الشهر، مشيرًا إلى أن 40 ألف أسرة ستستفيد منه.
في المقابل، أكدت مصادر نقابية أن المبلغ غير كاف، بحسب ما نقلته صحيفة "الصباح".
ورفضت الوزارة التعليق على هذه الانتقادات.
"""


def test_arabic_pipeline_end_to_end():
    nlp = build("ar")
    doc = nlp.make_doc(ARTICLE)
    doc._.body_start = ARTICLE.index("\n\n") + 2
    doc = nlp(doc)
    claims = doc._.claims
    got = [(c.kind, c.speaker, c.text) for c in claims]
    assert got[0] == ("indirect", "حسن بنعلي", "الحكومة خصصت 200 مليون درهم لدعم صغار المزارعين")
    assert got[1] == ("direct", "حسن بنعلي", "لن نترك المزارعين وحدهم في مواجهة الجفاف")
    assert got[2][1:] == ("حسن بنعلي", "الدعم سيصرف قبل نهاية الشهر")
    assert got[3][1:] == ("حسن بنعلي", "40 ألف أسرة ستستفيد منه")
    assert claims[0].speaker_role == "وزير الزراعة المغربي"
    assert claims[1].source == "مؤتمر صحفي في الرباط" and claims[0].source is None
    anon = claims[4]
    assert anon.speaker == "مصادر نقابية" and anon.speaker_type == "anonymous"
    assert len(claims) == 5  # "رفضت التعليق" is a speech act without content
    for c in claims:
        assert ARTICLE[c.start:c.end] == c.text
        assert c.start >= doc._.body_start
    assert [s.text for s in doc.spans["cues"]][:2] == ["أعلن", "وقال"]


WIRE = """اجتماع وزاري لبحث أزمة المياه

ونقلت وكالة الأنباء الأردنية عن مصدر حكومي قوله إن الاجتماع سيعقد الأحد.
وقالت وزيرة المياه ريم العلي خلال مؤتمر صحفي في عمان إن المخزون تراجع إلى مستويات حرجة.
وقالت الوزيرة: "لا يمكننا الانتظار أكثر.
"علينا أن نتحرك الآن".
"الوضع لن يتحسن دون أمطار"، قال الخبير سليم داود.
وأضافت العلي أن الحكومة ستطلق حملة لترشيد الاستهلاك.
ويعتقد أن الأزمة ستتفاقم في الصيف.
"""


def test_wire_style_article_relay_event_source_and_quote_before_cue():
    nlp = build("ar")
    doc = nlp.make_doc(WIRE)
    doc._.body_start = WIRE.index("\n\n") + 2
    claims = nlp(doc)._.claims
    got = [(c.kind, c.speaker, c.source, c.text) for c in claims]
    assert got[0] == ("indirect", "مصدر حكومي", "وكالة الأنباء الأردنية", "الاجتماع سيعقد الأحد")
    assert got[1] == ("indirect", "ريم العلي", "مؤتمر صحفي في عمان", "المخزون تراجع إلى مستويات حرجة")
    # a title alone resolves to the person with that role; the press conference still holds
    assert got[2][:3] == ("direct", "ريم العلي", "مؤتمر صحفي في عمان")
    assert got[2][3].startswith("لا يمكننا") and got[2][3].endswith("نتحرك الآن")  # over two paragraphs
    assert got[3] == ("direct", "سليم داود", None, "الوضع لن يتحسن دون أمطار")
    assert got[4][1:] == ("ريم العلي", None, "الحكومة ستطلق حملة لترشيد الاستهلاك")
    assert len(claims) == 5  # "يعتقد أن" (it is believed) has no speaker
    assert claims[1].speaker_role == "وزيرة المياه"
