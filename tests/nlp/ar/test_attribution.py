"""Claims, speakers, roles and sources on short Arabic sentences written for these tests."""
import pytest

from claims.nlp.ar.cues import find_cues
from claims.nlp.ar.names import Registry, split_role_name
from claims.nlp.ar.sources import find_sources
from claims.nlp.ar.words import words
from claims.normalize import normalize
from tests.nlp.ar.helpers import run, one


@pytest.mark.parametrize("text,cue,gender,number,conj", [
    ("وقالت الوزيرة إن", "وقالت", "f", "s", True),
    ("فأكدوا أن", "فأكدوا", "m", "p", True),
    ("ويقولون إن", "ويقولون", "m", "p", True),
    ("، مشيرًا إلى أن", "مشيرًا", "m", "s", False),
    ("، موضحةً أن", "موضحةً", "f", "s", False),
])
def test_cue_candidates_with_clitics_and_agreement(text, cue, gender, number, conj):
    ws = words(text)
    c = [c for c in find_cues(ws) if c.kind != "nominal"][0]
    assert ws[c.i].text == cue and (c.gender, c.number, c.conj) == (gender, number, conj)


@pytest.mark.parametrize("text,phrase", [
    ("ووفقًا لمصادر مطلعة، ارتفعت الأسعار", "وفقا ل"),
    ("بحسب تقرير رسمي", "بحسب"),
    ("نقلا عن مسؤول", "نقلا عن"),
    ("على حد تعبيره", "على حد تعبيره"),
])
def test_nominal_cues(text, phrase):
    cues = [c for c in find_cues(words(text)) if c.kind == "nominal"]
    assert cues and cues[0].lemma == normalize(phrase).replace("ل", "ل")


@pytest.mark.parametrize("subject,role,name", [
    ("وزير الخارجية المصري سامح شكري", "وزير الخارجية المصري", "سامح شكري"),
    ("كبير مفاوضي #الاتحاد_الأوروبي جان دوبوا", "كبير مفاوضي #الاتحاد_الأوروبي", "جان دوبوا"),
    ("المدير التنفيذي لشركة #تسلا #إيلون_ماسك", "المدير التنفيذي لشركة #تسلا", "#إيلون_ماسك"),
    ("الدكتور خالد العمري", None, "خالد العمري"),
    ("المتحدث باسم الجيش", "المتحدث باسم الجيش", None),
])
def test_role_and_name_split(subject, role, name):
    ws = words(subject)
    sp = split_role_name(ws)
    got_role = subject[ws[sp.role[0]].start:ws[sp.role[1] - 1].end] if sp.role else None
    got_name = subject[ws[sp.name[0]].start:ws[sp.name[1] - 1].end] if sp.name else None
    assert (got_role, got_name) == (role, name)


def test_registry_resolves_surname_and_first_name_to_full_name():
    r = Registry()
    r.add("ليلى حداد", "رئيسة البلدية")
    assert r.resolve("حداد").name == "ليلى حداد"
    assert r.resolve("ليلى").name == "ليلى حداد"
    assert r.by_role("رئيسة").name == "ليلى حداد"
    assert r.resolve("عمر") is None


def test_vs_order_title_and_name_with_complementizer():
    c = one("وقال وزير الصحة الأردني فراس الهواري إن المستشفيات مستعدة لاستقبال المرضى.")
    assert (c.kind, c.speaker, c.speaker_role, c.cue) == ("indirect", "فراس الهواري", "وزير الصحة الأردني", "وقال")
    assert c.text == "المستشفيات مستعدة لاستقبال المرضى"


def test_apposed_role_latin_organisation_and_outlet_source():
    c = one('وقالت سارة لين، المديرة التقنية في Nvidia، لصحيفة "فايننشال تايمز" إن الطلب على الرقائق تضاعف.')
    assert c.speaker == "سارة لين" and c.speaker_role == "المديرة التقنية في Nvidia"
    assert c.source == 'صحيفة "فايننشال تايمز"' and c.text == "الطلب على الرقائق تضاعف"


def test_hashtag_name_and_colon_quote_direct():
    c = one('وقال رئيس الوزراء #أحمد_حسن: "لن نسمح بانهيار الاقتصاد".')
    assert (c.kind, c.speaker, c.text) == ("direct", "أحمد حسن", "لن نسمح بانهيار الاقتصاد")


def test_complementizer_with_pronoun_before_quote_is_direct():
    c = one('وأكد المحافظ سامي نور أنه "لا توجد أي نية لرفع الأسعار".')
    assert c.kind == "direct" and c.text == "لا توجد أي نية لرفع الأسعار"


def test_participle_starts_a_new_claim_and_continues_the_speaker():
    cs = run("وأعلنت الوزيرة هدى سليم أن الخطة جاهزة، مشيرةً إلى أن التمويل مضمون.")
    assert [c.text for c in cs] == ["الخطة جاهزة", "التمويل مضمون"]
    assert [c.speaker for c in cs] == ["هدى سليم", "هدى سليم"] and cs[1].cue == "مشيرةً"


def test_dropped_subject_agrees_in_gender():
    text = ("وقالت الوزيرة هدى سليم إن الخطة جاهزة.\n"
            "وقال المحلل كريم عادل إن السوق متفائلة.\n"
            "وأضافت أن التنفيذ يبدأ الشهر المقبل.")
    cs = run(text)
    assert [c.speaker for c in cs] == ["هدى سليم", "كريم عادل", "هدى سليم"]


def test_plural_continuation_goes_to_the_last_group():
    text = ("وقال مسؤولون أمنيون إن الهجوم أحبط.\n"
            "وقال الوزير علي حسن إن التحقيق مستمر.\n"
            "وأضافوا أن المشتبه بهم اعتقلوا.")
    cs = run(text)
    assert cs[-1].speaker == "مسؤولون أمنيون" and cs[-1].speaker_type == "anonymous"


@pytest.mark.parametrize("text,speaker,stype", [
    ("وأكدت مصادر مطلعة في الوزارة أن القرار نهائي.", "مصادر مطلعة في الوزارة", "anonymous"),
    ("وقال مصدر مقرب من الحكومة إن الاجتماع تأجل.", "مصدر مقرب من الحكومة", "anonymous"),
    ("وقال ثلاثة خبراء إن التقديرات مبالغ فيها.", "ثلاثة خبراء", "group"),
    ("وقالت الشرطة المحلية إن الطريق أغلق.", "الشرطة المحلية", "organisation"),
    ("وقالت الولايات المتحدة إن المحادثات ستستأنف.", "الولايات المتحدة", "organisation"),
])
def test_anonymous_group_and_organisation_speakers(text, speaker, stype):
    c = one(text)
    assert (c.speaker, c.speaker_type) == (speaker, stype)


def test_surname_mention_resolves_to_first_full_name():
    text = ("وقال المهندس يوسف قاسم، رئيس نقابة المهندسين، إن الأجور منخفضة.\n"
            "وقال قاسم إن الإضراب سيستمر.")
    cs = run(text)
    assert [c.speaker for c in cs] == ["يوسف قاسم", "يوسف قاسم"]
    assert cs[1].speaker_role == "رئيس نقابة المهندسين"


def test_nominal_attribution_before_and_after_the_clause():
    c = one("ووفقًا لمصادر دبلوماسية، ستعقد القمة في الربيع.")
    assert (c.speaker, c.text, c.cue) == ("مصادر دبلوماسية", "ستعقد القمة في الربيع", "ووفقًا")
    c = one("ارتفعت صادرات القمح بنسبة كبيرة، بحسب تقرير صادر عن وزارة الزراعة.")
    assert c.speaker == "وزارة الزراعة" and c.source.startswith("تقرير صادر عن")
    assert c.text == "ارتفعت صادرات القمح بنسبة كبيرة"


def test_reported_clause_stops_at_the_next_cue():
    cs = run("وقال المتحدث سامر خليل إن المفاوضات متعثرة، لكنه أكد أن الحوار مستمر.")
    assert [c.text for c in cs] == ["المفاوضات متعثرة", "الحوار مستمر"]


def test_quote_continues_over_paragraphs_and_bare_quote_continues_speaker():
    text = ('وقالت الطبيبة منى رشيد: "الوضع صعب جدا.\n'
            '"لكننا لن نتوقف".\n'
            '"نحتاج إلى دعم عاجل".')
    cs = run(text)
    assert cs[0].kind == "direct" and cs[0].text.startswith("الوضع صعب") and cs[0].text.endswith("لن نتوقف")
    assert cs[-1].text == "نحتاج إلى دعم عاجل" and cs[-1].speaker == "منى رشيد" and cs[-1].cue is None


def test_speech_act_without_content_is_no_claim():
    assert run("ورفضت الوزارة التعليق على الحادث.") == []
    assert run("وندد الاتحاد بالقرار.") == []


def test_impersonal_and_embedded_verbs_are_no_claims():
    assert run("ويعتقد أن الحريق بدأ ليلا.") == []
    cs = run("وقال الخبير باسل فهد إن الشركة لم تعلن أرباحها.")
    assert len(cs) == 1 and cs[0].text == "الشركة لم تعلن أرباحها"


@pytest.mark.parametrize("text,source", [
    ("في بيان صحفي", "بيان صحفي"),
    ("عبر حسابه على تويتر", "حسابه على تويتر"),
    ("خلال مؤتمر صحفي في عمان", "مؤتمر صحفي في عمان"),
    ("لوكالة رويترز", "وكالة رويترز"),
    ("أمام مجلس النواب", "مجلس النواب"),
    ("عبر منصة X", "منصة X"),
])
def test_source_phrases(text, source):
    ws = words(text)
    found = find_sources(text, ws, 0, len(ws))
    assert found and found[0].text == source


def test_memo_introduced_once_is_the_source_of_later_claims():
    text = ("وأرسل نبيل شاكر، مدير الشركة، مذكرة داخلية إلى الموظفين.\n"
            "وجاءت المذكرة التي اطلعت عليها صحيفة الأيام بعد أسبوع من الأزمة.\n"
            "وأكد شاكر أن الرواتب ستدفع في موعدها.")
    c = one(text)
    assert c.speaker == "نبيل شاكر" and c.source == "صحيفة الأيام"


def test_no_source_when_none_is_named():
    assert one("وقال الوزير رامي فؤاد إن الميزانية متوازنة.").source is None
