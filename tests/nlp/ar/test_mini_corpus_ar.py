"""A small corpus of invented Arabic news paragraphs (names, places and events are made up)
that exercise the patterns a blind evaluation found hard: who the subject of a cue is when
roles, names, appositions, objects and adverbials follow the verb; very short surnames;
quotation chains and cue patterns; clause boundaries; direct quotations with loose spacing;
sources; and figures. Each article lists the claims it must give, as (speaker, words the
claim text contains[, source]) in order of appearance."""
import pytest

from claims.nlp.figures import find_figures
from tests.nlp.ar.helpers import run_article as run


ARTICLES = {
    # 1. a military briefing: ROLE، RANK NAME، OBJECT, then a participle cue; a correspondent
    # named after his outlet; a straight quote opened after a colon and a space
    "briefing": (
        "كشف المتحدث باسم الجيش الفنلندي، العقيد ماتس هولمبرغ، تفاصيل الضربات الجوية التي نفذت "
        "ليلة أمس، قائلا إن الطائرات أصابت أهدافها بدقة.\n"
        "وأضاف هولمبرغ قائلا:\" لقد عادت كل الطائرات إلى قواعدها سالمة \".\n"
        "وقال مراسل بي بي سي في هلسنكي رامي الحلبي إن الهدوء عاد إلى العاصمة.",
        [("ماتس هولمبرغ", "الطائرات أصابت أهدافها بدقة"),
         ("ماتس هولمبرغ", "لقد عادت كل الطائرات إلى قواعدها سالمة"),
         ("رامي الحلبي", "الهدوء عاد إلى العاصمة")],
    ),
    # 2. a very short surname, and a list (feminine) that a masculine verb cannot continue
    "tycoon": (
        "ذكرت مجلة فوربس في قائمتها السنوية أن ثروة رجل الأعمال الصيني وانغ ما بلغت 40 مليار دولار.\n"
        "وقال ما في مؤتمر صحفي إن مجموعته ستفتح فروعا في أفريقيا.\n"
        "وأضاف أن المنافسة في السوق الأوروبية صعبة.",
        [("مجلة فوربس", "ثروة رجل الأعمال الصيني"),
         ("وانغ ما", "مجموعته ستفتح فروعا في أفريقيا", "مؤتمر صحفي"),
         ("وانغ ما", "المنافسة في السوق الأوروبية صعبة")],
    ),
    # 3. a televised exchange: a cue between two quotations splits them; an addressee before
    # the quotation; نقلت "…" عن … قوله، إن; بالقول إن; a noun object; أكد … لأحد مساعديه إنه
    "exchange": (
        "وقال المذيع سليم الفرا: \"هل ستترشح للرئاسة؟\" فرد الوزير كمال الزين \"لم أقرر بعد\" "
        "فرد المذيع \"متى ستقرر إذن؟\".\n"
        "وقال الزين لمراسلنا \" سأعلن قراري الشهر المقبل \".\n"
        "ونقلت وكالة أنباء الجزر \"جنا\" عن نائب رئيس الوزراء فادي النجار قوله، إن الحكومة لن تستقيل.\n"
        "ورد رئيس الحكومة منير الساحلي على الانتقادات بالقول إن الحكومة تعمل بصمت.\n"
        "وتوقع الخبير الاقتصادي فؤاد الشامي ارتفاع أسعار الوقود في الربع الثالث.\n"
        "وأكد الساحلي لأحد مساعديه إنه لن يتراجع عن الإصلاحات.",
        [("سليم الفرا", "هل ستترشح للرئاسة"),
         ("كمال الزين", "لم أقرر بعد"),
         ("سليم الفرا", "متى ستقرر إذن"),
         ("كمال الزين", "سأعلن قراري الشهر المقبل"),
         ("فادي النجار", "الحكومة لن تستقيل", "جنا"),
         ("منير الساحلي", "الحكومة تعمل بصمت"),
         ("فؤاد الشامي", "ارتفاع أسعار الوقود"),
         ("منير الساحلي", "لن يتراجع عن الإصلاحات")],
    ),
    # 4. clause boundaries: the reporter's "، وذلك قبل …", a new cue after "، بعدما كان",
    # "في حين" with another speaker, and a participle after a comma
    "budget": (
        "قال وزير المالية رشيد بن سالم إن العجز سيتراجع العام المقبل، وذلك قبل توجهه إلى جنيف "
        "للمشاركة في منتدى اقتصادي.\n"
        "وأضاف الوزير أن الضرائب لن ترتفع، بعدما كان توقع في وقت سابق زيادة الأداءات على الشركات.\n"
        "وقال بن سالم إن الصادرات نمت في حين أكد خبراء مستقلون أن الواردات تضاعفت.\n"
        "وأكد الوزير أن الاقتصاد يتعافى، معربا عن أمله في تحسن الاستثمار الأجنبي.",
        [("رشيد بن سالم", "العجز سيتراجع العام المقبل"),
         ("رشيد بن سالم", "الضرائب لن ترتفع"),
         ("رشيد بن سالم", "زيادة الأداءات على الشركات"),
         ("رشيد بن سالم", "الصادرات نمت"),
         ("خبراء مستقلون", "الواردات تضاعفت"),
         ("رشيد بن سالم", "الاقتصاد يتعافى"),
         ("رشيد بن سالم", "أمله في تحسن الاستثمار الأجنبي")],
    ),
    # 5. sources: a relative clause about the speaker holds no channel; a political dialogue
    # is no interview; a document the subject signed is part of the subject; a platform of
    # another person's post is not the speaker's channel
    "sources": (
        "وقال الكاتب فريد العلوي، الذي التقى زوجته خلال دراسته في ليون، إن روايته الجديدة مستوحاة من طفولته.\n"
        "وقالت الأحزاب الموقعة على وثيقة الربيع إن الحكومة يجب أن ترحل.\n"
        "وقال المشاركون في الحوار الوطني إن الانتخابات يجب أن تؤجل.\n"
        "وردا على تدوينة نشرها النائب سامي نصار على فيس بوك، قال الناطق باسم الحكومة عادل الكافي إن "
        "الانتقادات غير مبررة.",
        [("فريد العلوي", "روايته الجديدة مستوحاة من طفولته", None),
         ("الأحزاب الموقعة على وثيقة الربيع", "الحكومة يجب أن ترحل", None),
         ("المشاركون في الحوار الوطني", "الانتخابات يجب أن تؤجل", None),
         ("عادل الكافي", "الانتقادات غير مبررة", None)],
    ),
    # 6. a presidency: the narrated subject of a sentence that opens with a verb continues into
    # a subjectless cue; a party leader with a long role; a nationality before the name
    "palace": (
        "استقبل رئيس الجمهورية فريد العامري، صباح اليوم بقصر قرطاج، وزير الخارجية الإيطالي.\n"
        "وأكد أن بلاده تدعم الحل السياسي في المنطقة.\n"
        "من جهته، قال وزير الخارجية الإيطالي ماركو بيلي إن روما مستعدة لزيادة الاستثمار.\n"
        "وقالت رئيسة الحزب الدستوري الحر سلمى القاسمي إن الزيارة جاءت متأخرة.",
        [("فريد العامري", "بلاده تدعم الحل السياسي"),
         ("ماركو بيلي", "روما مستعدة لزيادة الاستثمار"),
         ("سلمى القاسمي", "الزيارة جاءت متأخرة")],
    ),
    # 7. direct quotations: a quote that is the whole clause after أن; a quoted reply after
    # "، فرد"; a speaker apposed after a role with a rank
    "quotes": (
        "وقال المتحدث باسم وزارة الداخلية، العميد سالم الدوسري، إن \"الوضع تحت السيطرة تماما\".\n"
        "وقالت النائبة ليلى حداد: \"الحكومة تأخرت كثيرا\"، فرد الدوسري: \"هذا غير صحيح\".",
        [("سالم الدوسري", "الوضع تحت السيطرة تماما", None, "direct"),
         ("ليلى حداد", "الحكومة تأخرت كثيرا", None, "direct"),
         ("سالم الدوسري", "هذا غير صحيح", None, "direct")],
    ),
    # 8. a security operation: rank and name apposed to a role with an object after them, a
    # reporter's occasion after "، وذلك", an addressee and a loose quotation, بالقول إن
    "operation": (
        "أعلن المتحدث باسم الحرس الوطني، المقدم حسام الدين الغربي، حصيلة المواجهات التي جدت فجر اليوم، "
        "مؤكدا أن الوحدات قضت على ثلاثة مسلحين.\n"
        "وأضاف الغربي في تصريح لإذاعة \"الأفق\" أن العملية انطلقت حوالي الساعة 4,45 فجرا، وذلك قبل تنقله "
        "إلى موقع الاشتباك.\n"
        "من جهته، قال وزير الداخلية توفيق الدريدي لأحد الصحفيين \" لن نتهاون مع الإرهاب \".\n"
        "ورد النائب عن كتلة الأمل سفيان بن علي بالقول إن الحكومة تأخرت في التحرك.",
        [("حسام الدين الغربي", "حصيلة المواجهات"),
         ("حسام الدين الغربي", "الوحدات قضت على ثلاثة مسلحين"),
         ("حسام الدين الغربي", "العملية انطلقت حوالي الساعة", 'إذاعة "الأفق"'),
         ("توفيق الدريدي", "لن نتهاون مع الإرهاب", None, "direct"),
         ("سفيان بن علي", "الحكومة تأخرت في التحرك")],
    ),
    # 9. an investor with a two-word Chinese name mentioned by its first word, then by the
    # second; a participle after a comma; a new cue after "، بعدما كان" with a year before its object
    "investor": (
        "نشرت صحيفة \"الشروق\" حوارا مع رجل الأعمال الصيني لي وي.\n"
        "وقال لي إن شركته ستستثمر في تونس، معبرا عن ارتياحه للمناخ الاقتصادي.\n"
        "وأضاف: \"نحن هنا للبقاء\".\n"
        "وكان وي قد زار تونس مرتين خلال العام الماضي، بعدما كان أعلن في 2017 نيته فتح مصنع.",
        [("لي وي", "شركته ستستثمر في تونس"),
         ("لي وي", "ارتياحه للمناخ الاقتصادي"),
         ("لي وي", "نحن هنا للبقاء", None, "direct"),
         ("لي وي", "نيته فتح مصنع")],
    ),
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_mini_corpus_speakers_and_texts(name):
    text, expected = ARTICLES[name]
    got = run(text)
    assert len(got) == len(expected), [(c.speaker, c.text) for c in got]
    for c, exp in zip(got, expected):
        speaker, words = exp[0], exp[1]
        assert c.speaker == speaker and words in c.text, (c.speaker, c.text, exp)
        if len(exp) > 2:
            src = exp[2]
            assert (c.source is None) if src is None else (c.source is not None and src in c.source), (c.source, exp)
        if len(exp) > 3:
            assert c.kind == exp[3], (c.kind, c.text)


def test_mini_corpus_roles():
    got = run(ARTICLES["briefing"][0])
    assert got[0].speaker_role.startswith("المتحدث باسم الجيش الفنلندي") and "العقيد" in got[0].speaker_role
    assert got[2].speaker_role == "مراسل بي بي سي في هلسنكي"
    got = run(ARTICLES["palace"][0])
    assert got[1].speaker_role == "وزير الخارجية الإيطالي"
    assert got[2].speaker_role == "رئيسة الحزب الدستوري الحر"


def test_mini_corpus_reported_clause_ends_before_the_reporters_words():
    got = run(ARTICLES["operation"][0])
    assert got[2].text == "العملية انطلقت حوالي الساعة 4,45 فجرا"
    got = run(ARTICLES["budget"][0])
    assert got[0].text == "العجز سيتراجع العام المقبل"
    assert got[1].text == "الضرائب لن ترتفع"
    assert got[3].text == "الصادرات نمت"


FIGURES = (
    "وقد ألّف الروائي فريد العلوي كتبا عدة، وكان قد ألف كتابا عن الحرب قبل عشر سنوات.\n"
    "وقع الانفجار حوالي الساعة 4,45 من فجر اليوم، ودعت الشرطة السكان إلى الاتصال بالرقم 911.\n"
    "وتقام الدورة من 6 إلى 9 يناير، ويشارك فيها نحو العشرة آلاف شخص، بعد أن أجلت مرتين.\n"
    "وبلغت قيمة الصفقة 2,45 مليار دينار، أي أكبر بمرتين من صفقة العام الماضي."
)


def test_mini_corpus_figures():
    got = [(f.text, f.value, f.unit) for f in find_figures(FIGURES, "ar")]
    assert got == [
        ("عشر سنوات", 10, "years"),
        ("العشرة آلاف شخص", 10000, "people"),
        ("مرتين", 2, "times"),
        ("2,45 مليار دينار", 2450000000, "TND"),
    ]
