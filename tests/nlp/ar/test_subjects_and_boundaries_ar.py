"""Who speaks and where a claim ends, on sentences written for these tests (invented names):
the subject of a cue is a noun phrase (role, name, apposition between commas) and what follows
it is the object or an adverbial; short surnames; quotation chains; cue patterns (بالقول،
نقلت "…" عن، an addressee before the quotation); clause boundaries; loose quotation marks;
sources; lexicon keys."""
import pytest

from claims.nlp.ar.cues import find_cues
from claims.nlp.ar.lex import lexicon
from claims.nlp.ar.names import addressee, adverbial, name_like, Registry, split_role_name
from claims.nlp.ar.words import words
from claims.nlp.segment import segment
from tests.nlp.ar.helpers import run_article as run, one_article as one, span


# -- the subject: role, name, apposition; the object and adverbials after it --------------

def test_rank_and_name_apposed_to_a_role():
    c = one("وقال المتحدث باسم وزارة الدفاع، العميد سالم الدوسري، إن القوات صدت الهجوم.")
    assert c.speaker == "سالم الدوسري" and c.speaker_role.startswith("المتحدث باسم وزارة الدفاع")


def test_object_after_an_apposition_is_no_speaker():
    c = one("كشف المتحدث باسم الجيش، العقيد هارالد سفينسن، تفاصيل العملية، قائلا إن الطائرات عادت.")
    assert (c.speaker, c.cue) == ("هارالد سفينسن", "قائلا")


def test_circumstantial_participle_is_no_name():
    c = one("وقال الرئيس موجها حديثه إلى النواب إن الإصلاحات ستستمر.")
    assert (c.speaker, c.speaker_role) == ("الرئيس", None)
    ws = words("موجها حديثه")
    assert adverbial(ws, 0) and not name_like(ws[1])
    assert not adverbial(words("مونيا الهاشمي"), 0)


@pytest.mark.parametrize("subject,role,name", [
    ("مراسل بي بي سي رامي الحلبي", "مراسل بي بي سي", "رامي الحلبي"),
    ("وزير الخارجية الألماني كلاوس برغمان", "وزير الخارجية الألماني", "كلاوس برغمان"),
    ("وزير الشؤون الخارجية خميس الفقي", "وزير الشؤون الخارجية", "خميس الفقي"),
    ("رئيسة الحزب الدستوري الحر سلمى القاسمي", "رئيسة الحزب الدستوري الحر", "سلمى القاسمي"),
    ("الأمين العام للاتحاد العام للشغل نور الدين الزاهي", "الأمين العام للاتحاد العام للشغل", "نور الدين الزاهي"),
    ("الخبير الاقتصادي فؤاد الشامي", "الخبير الاقتصادي", "فؤاد الشامي"),
    ("المدرب الكوري بارك لي", "المدرب الكوري", "بارك لي"),
])
def test_role_then_name(subject, role, name):
    sp = split_role_name(words(subject))
    assert (span(subject, sp.role), span(subject, sp.name)) == (role, name)


def test_gentilic_with_hamza_is_a_role_word():
    assert "الماني" in lexicon().modifiers  # ألماني: its first alif is no article


def test_noun_object_after_a_titled_name():
    c = one("وتوقع الخبير الاقتصادي فؤاد الشامي ارتفاع أسعار الوقود في الربع الثالث.")
    assert (c.speaker, c.text) == ("فؤاد الشامي", "ارتفاع أسعار الوقود في الربع الثالث")


def test_role_prepositional_phrase_before_the_name():
    c = one("وقال رئيس كتلة الحزب في البرلمان سالم الأبيض إن الكتلة ستصوت.")
    assert (c.speaker, c.speaker_role, c.source) == ("سالم الأبيض", "رئيس كتلة الحزب في البرلمان", None)


@pytest.mark.parametrize("sentence,speaker", [
    ('وقال الرئيس لنظيره الفرنسي "نحن مستعدون للتعاون".', "الرئيس"),
    ('وقالت الوزيرة ليلى حداد لمراسلنا " لقد انتهى زمن الوعود".', "ليلى حداد"),
    ("وأكد الرئيس الأمريكي لأحد مساعديه إنه لن يتراجع عن القرار.", "الرئيس الأمريكي"),
])
def test_the_one_told_is_not_part_of_the_speaker(sentence, speaker):
    assert one(sentence).speaker == speaker


def test_addressee_words():
    assert addressee("لنظيره") and addressee("لاحد") and addressee("لمساعديه") and addressee("لمراسلنا")
    assert not addressee("لرييس") and not addressee("للحزب") and not addressee("لطفي")


def test_prepositional_fragment_opening_a_sentence_is_no_subject():
    cs = run("وأوضحت رئيسة المجمع وحيدة العابد أن المجمع أبرم اتفاقية لإنتاج قطع (سلال وتحف ...) "
             "لاقتنائها بأسعار مناسبة ، مشيرة إلى أن المجمع استعان بحرفيين.")
    assert [c.speaker for c in cs] == ["وحيدة العابد", "وحيدة العابد"]


def test_sentence_opening_with_a_verb_gives_the_next_subjectless_cue_its_speaker():
    cs = run("استقبل الرئيس فريد العامري بقصر قرطاج وفدا برلمانيا.\nوقال إن البلدين يتعاونان.")
    assert [(c.speaker, c.speaker_role) for c in cs] == [("فريد العامري", "الرئيس")]


# -- short surnames and resolution ---------------------------------------------------------

def test_short_surname_is_part_of_the_name_and_names_the_speaker_later():
    cs = run("وقال رجل الأعمال الصيني وانغ ما إن التجارة الإلكترونية ستنمو.\nوأكد ما أن الشركة ستتوسع.")
    assert [c.speaker for c in cs] == ["وانغ ما", "وانغ ما"]


def test_short_surname_after_an_east_asian_gentilic_inside_reported_words():
    cs = run("وذكرت مجلة فوربس أن ثروة رجل الأعمال الصيني وانغ ما بلغت 40 مليار دولار.\n"
             "وقال ما إن الشركة ستتوسع.")
    assert [c.speaker for c in cs] == ["مجلة فوربس", "وانغ ما"]


def test_ma_after_a_name_before_a_particle_stays_a_particle():
    sp = split_role_name(words("سامي نصار ما إذا"))
    assert span("سامي نصار ما إذا", sp.name) == "سامي نصار"


def test_masculine_cue_does_not_continue_a_feminine_document():
    cs = run("وقال الخبير فؤاد الشامي إن الأسعار سترتفع.\n"
             "وذكرت دراسة نشرتها الجامعة الأمريكية أن الطلب تراجع.\nوأضاف أن المنافسة قوية.")
    assert cs[-1].speaker == "فؤاد الشامي"


def test_a_fuller_name_keeps_the_role_given_to_the_shorter_one():
    r = Registry()
    r.add("زيد بن رعد", "مفوض حقوق الإنسان")
    r.add("زيد بن رعد الحسين", "الأمير")
    assert r.by_role("مفوض").name == "زيد بن رعد الحسين"
    assert r.resolve("زيد").role == "مفوض حقوق الإنسان"


# -- quotation chains and cue patterns -----------------------------------------------------

def test_reply_cue_between_quotations_splits_them():
    cs = run('وقال المذيع: "هل ستترشح؟" فرد الوزير "لم أقرر بعد" فرد المذيع "متى إذن؟".')
    assert [(c.speaker, c.text, c.kind) for c in cs] == [
        ("المذيع", "هل ستترشح؟", "direct"), ("الوزير", "لم أقرر بعد", "direct"), ("المذيع", "متى إذن؟", "direct")]


def test_reply_after_a_closing_quotation_and_comma():
    cs = run('وقال الوزير: "الصادرات ارتفعت"، فرد النائب: "هذا غير دقيق".')
    assert [(c.speaker, c.text) for c in cs] == [("الوزير", "الصادرات ارتفعت"), ("النائب", "هذا غير دقيق")]


def test_warad_fi_is_not_a_reply():
    assert run("ورد في التقرير أن الصادرات ارتفعت.") == []
    cues = find_cues(words("فرد الوزير"))
    assert cues and cues[0].lemma == "رد"


@pytest.mark.parametrize("sentence,speaker,text", [
    ("ورد رئيس الحكومة على الانتقادات بالقول إن الحكومة تعمل بصمت.", "رئيس الحكومة", "الحكومة تعمل بصمت"),
    ("واكتفى الوزير بالقول إن التحقيق مستمر.", "الوزير", "التحقيق مستمر"),
    ('وعلق الوزير على القرار بالقول: "إنه قرار حكيم".', "الوزير", "إنه قرار حكيم"),
])
def test_bil_qawl(sentence, speaker, text):
    c = one(sentence)
    assert (c.speaker, c.text) == (speaker, text)


def test_iktafa_without_bil_qawl_reports_nothing():
    assert run("واكتفى الوزير بالإشارة إلى الملف.") == []


def test_relay_with_a_quoted_agency_acronym():
    c = one('ونقلت وكالة أنباء الجزر "جنا" عن نائب رئيس الوزراء فادي النجار قوله، إن الحكومة لن تستقيل.')
    assert (c.speaker, c.speaker_role, c.source) == ("فادي النجار", "نائب رئيس الوزراء", 'وكالة أنباء الجزر "جنا"')


# -- clause boundaries ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence,text", [
    ("وقال الوزير إن الحكومة ستخفض الضرائب، وذلك قبل توجهه إلى باريس.", "الحكومة ستخفض الضرائب"),
    ("وقال الوزير إن الحكومة ستخفض الضرائب، وذلك على هامش مشاركته في المنتدى.", "الحكومة ستخفض الضرائب"),
    ("وقال الوزير إن الأشغال ستنتهي، وذلك خلال السنوات المقبلة.", "الأشغال ستنتهي، وذلك خلال السنوات المقبلة"),
    ("وأوضح الوزير أن عدد السياح ارتفع، وذلك على إثر رفع الحظر.", "عدد السياح ارتفع، وذلك على إثر رفع الحظر"),
])
def test_reporters_continuation_after_wa_dhalika(sentence, text):
    assert one(sentence).text == text


def test_occasion_after_wa_dhalika_names_the_channel():
    c = one("وقال الوزير إن الحكومة ستخفض الضرائب، وذلك في تصريح لإذاعة الأفق.")
    assert (c.text, c.source) == ("الحكومة ستخفض الضرائب", "تصريح لإذاعة الأفق")


@pytest.mark.parametrize("sentence,texts", [
    ("وقال الوزير إن الحكومة ستخفض الضرائب، بعدما كان توقع في وقت سابق زيادة العجز.",
     ["الحكومة ستخفض الضرائب", "زيادة العجز"]),
    ("وقال الوزير إن الحكومة ستخفض الضرائب، بعد أن كان أكد الأسبوع الماضي أن العجز سيرتفع.",
     ["الحكومة ستخفض الضرائب", "العجز سيرتفع"]),
])
def test_new_finite_cue_after_kana_starts_a_new_claim(sentence, texts):
    cs = run(sentence)
    assert [c.text for c in cs] == texts and {c.speaker for c in cs} == {"الوزير"}


def test_fi_hin_opens_the_next_clause_whole():
    cs = run("وقال الوزير إن الصادرات ارتفعت في حين أكد الخبراء أن الواردات تراجعت.")
    assert [(c.speaker, c.text) for c in cs] == [("الوزير", "الصادرات ارتفعت"), ("الخبراء", "الواردات تراجعت")]


# -- loose quotation marks -----------------------------------------------------------------

@pytest.mark.parametrize("text,quote", [
    ('قال قائلا:" لقد انتهى زمن الوعود".', "لقد انتهى زمن الوعود"),
    ('قال لمراسلنا " لقد انتهى زمن الوعود " ثم غادر.', "لقد انتهى زمن الوعود"),
])
def test_loose_straight_quote_marks(text, quote):
    seg = segment(text)
    assert [text[q.start:q.end] for q in seg.quotes] == [quote]


def test_quote_after_colon_and_space_is_direct():
    cs = run('وقال الوزير سامي نصار إن الحكومة مستقرة.\nوأضاف قائلا:" لقد انتهى زمن الوعود".')
    assert (cs[-1].kind, cs[-1].text, cs[-1].speaker) == ("direct", "لقد انتهى زمن الوعود", "سامي نصار")


# -- sources -------------------------------------------------------------------------------

def test_no_source_in_a_relative_clause_about_the_speaker():
    c = one("وقال الكاتب فريد العلوي، الذي التقى زوجته خلال دراسته في ليون، إن الرواية مستوحاة من حياته.")
    assert (c.speaker, c.source) == ("فريد العلوي", None)


def test_studies_are_no_document():
    assert one("وقال الكاتب فريد العلوي خلال دراسته في ليون إن الرواية مستوحاة من حياته.").source is None


def test_signed_document_is_part_of_the_subject():
    c = one("وقالت الأحزاب الموقعة على وثيقة الربيع إن الحكومة يجب أن ترحل.")
    assert (c.speaker, c.source) == ("الأحزاب الموقعة على وثيقة الربيع", None)


def test_national_dialogue_is_no_channel():
    c = one("وقال المشاركون في الحوار الوطني إن الانتخابات يجب أن تؤجل.")
    assert (c.speaker, c.source) == ("المشاركون في الحوار الوطني", None)


def test_another_persons_platform_is_not_the_speakers_channel():
    c = one("وردا على تدوينة نشرها النائب سامي نصار على فيس بوك، قال رئيس الحكومة منير الساحلي إن "
            "الانتقادات غير مبررة.")
    assert (c.speaker, c.source) == ("منير الساحلي", None)


def test_demonstrative_document_after_the_subject_is_its_channel():
    c = one("وأكدت الخارجية في هذا البيان أن تونس تتابع الوضع.")
    assert (c.speaker, c.source) == ("الخارجية", "هذا البيان") or c.source and "البيان" in c.source


def test_participle_with_bil_qawl_after_a_refusal():
    c = one("ورفض الوزير التعليق على الاتهامات، مكتفيا بالقول إن القضاء سيحسم الأمر.")
    assert (c.speaker, c.speaker_role, c.cue, c.text) == ("الوزير", None, "مكتفيا", "القضاء سيحسم الأمر")


def test_loose_closing_mark_before_a_full_stop():
    cs = run('وقال الوزير " سنواصل الإصلاحات " وأضاف " الحكومة لن تتراجع ".')
    assert [(c.kind, c.text) for c in cs] == [("direct", "سنواصل الإصلاحات"), ("direct", "الحكومة لن تتراجع")]


def test_quotation_after_a_definite_title_is_content_not_a_name():
    cs = run('وسأل المذيع: "هل ستترشح؟" فرد الوزير "لم أقرر بعد".')
    assert (cs[-1].speaker, cs[-1].text) == ("الوزير", "لم أقرر بعد")
    c = one('وقال رئيس حزب "الأمل" إن الحزب سيشارك في الانتخابات.')
    assert c.text == "الحزب سيشارك في الانتخابات"


def test_place_behind_a_preposition_is_no_name():
    c = one("وقالت الناطقة الرسمية باسم المحكمة الابتدائية بتونس، القاضية سناء الرياحي، إن التحقيق متواصل.")
    assert c.speaker == "سناء الرياحي" and "المحكمة الابتدائية بتونس" in c.speaker_role


def test_outlet_named_after_a_solid_preposition_in_an_event_source():
    c = one('وقال عضو المكتب السياسي للحركة رياض الشابي، في تصريح لموقع "الأفق"، إن الحركة لن تشارك.')
    assert (c.speaker, c.source) == ("رياض الشابي", 'تصريح لموقع "الأفق"')


def test_ambiguous_verb_with_an_unknown_full_name_before_an():
    c = one("وكشف فريد الحمدي أن الحكومة ستخفض الضرائب.")
    assert (c.speaker, c.text) == ("فريد الحمدي", "الحكومة ستخفض الضرائب")
    assert run('تتيح الشركة خيارا بين استخدام محركات البحث "ألفا" أو "بيتا".') == []


def test_speakers_own_timing_after_wa_dhalika_stays():
    assert one("وقال الوزير إن الأشغال ستنتهي، وذلك قبل نهاية السنة.").text == "الأشغال ستنتهي، وذلك قبل نهاية السنة"
