"""Frames on short sentences written for these tests: complements, prepositions, objects,
continuations, quotation marks and nominal cues."""
import pytest

from claims.nlp.ar.forms import verb_forms
from claims.nlp.lexicons import load_tsv
from claims.normalize import normalize, strip_diacritics
from tests.nlp.ar.helpers import run


def test_every_lemma_matches_in_masculine_and_feminine_perfect():
    table = verb_forms()
    for row in load_tsv("ar", "cue_verbs.tsv", 6):
        lemma = strip_diacritics(row[0])
        assert any(r.lemma == lemma and r.gender == "m" for r in table[normalize(row[0])]), lemma
        assert normalize(row[0]) + "ت" in table or lemma.endswith(("ى", "ا")), lemma


@pytest.mark.parametrize("text,kind,claim", [
    # complementizers with ب and pronoun suffixes are not part of the claim
    ("وأفاد الناطق باسم الجيش بأن القصف توقف.", "indirect", "القصف توقف"),
    ("وقالت الشركة إنها ستغلق المصنع.", "indirect", "ستغلق المصنع"),
    # a preposition of the lemma: إلى + noun, ب + noun
    ("وأشار المدير سامي بكر إلى ضرورة خفض التكاليف.", "indirect", "ضرورة خفض التكاليف"),
    ("وأقر الوزير رائد منصور بوجود أخطاء في التنفيذ.", "indirect", "وجود أخطاء في التنفيذ"),
    # a noun object of an object-taking verb after a known subject
    ("ونفت الوزارة وجود أي تسرب.", "indirect", "وجود أي تسرب"),
    # quotation marks: straight, curly, guillemets, single guillemets
    ('وقال النائب جمال عيسى: "لن نصوت على الميزانية".', "direct", "لن نصوت على الميزانية"),
    ("وقال النائب جمال عيسى: “لن نصوت على الميزانية”.", "direct", "لن نصوت على الميزانية"),
    ("وقال النائب جمال عيسى: «لن نصوت على الميزانية».", "direct", "لن نصوت على الميزانية"),
    ("وقال النائب جمال عيسى: ‹لن نصوت على الميزانية›.", "direct", "لن نصوت على الميزانية"),
    # a quotation introduced by أن + demonstrative is direct
    ('ووصفت الرابطة القرار بأنه "خطوة إلى الوراء".', "direct", "خطوة إلى الوراء"),
    # a full subject supplied by the reporter keeps the quote inside an indirect claim
    ('وأكد المحافظ سامي نور أن الحكومة "لن تتراجع" عن الإصلاح.', "indirect", 'الحكومة "لن تتراجع" عن الإصلاح'),
])
def test_claim_kind_and_text(text, kind, claim):
    cs = run(text)
    assert [(c.kind, c.text) for c in cs] == [(kind, claim)]


def test_quote_spanning_sentences_with_arabic_question_mark():
    cs = run('وتساءل الكاتب فادي حمود: "من سيدفع الثمن؟ ومتى نتعلم؟".')
    assert len(cs) == 1 and cs[0].text == "من سيدفع الثمن؟ ومتى نتعلم؟" and cs[0].kind == "direct"


def test_two_quotations_in_one_paragraph_are_two_claims():
    cs = run('وقال المدرب عادل سعيد: "الفريق جاهز". "سنلعب للفوز".')
    assert [c.text for c in cs] == ["الفريق جاهز", "سنلعب للفوز"]
    assert cs[1].speaker == "عادل سعيد" and cs[1].cue is None


def test_continuation_verbs_and_closing_participle():
    text = ('وقالت الطبيبة منى رشيد إن المستشفى ممتلئ.\n'
            'وتابعت: "نحتاج إلى أسرّة إضافية".\n'
            'ثم ختمت قائلةً: "شكرا للمتطوعين".')
    cs = run(text)
    assert [c.speaker for c in cs] == ["منى رشيد"] * 3
    assert [c.cue for c in cs] == ["وقالت", "وتابعت", "قائلةً"]


def test_one_of_them_keeps_the_group_in_its_role():
    text = ('ووقع الرسالة خمسة أطباء، عبروا فيها عن قلقهم من نقص الأدوية.\n'
            'وكتب أحدهم: "المرضى ينتظرون منذ أسابيع".')
    cs = run(text)
    last = cs[-1]
    assert last.speaker == "أحدهم" and last.speaker_type == "anonymous" and last.speaker_role.startswith("أحد")


def test_latin_name_and_later_surname():
    text = ("وقال Tom Lind، الرئيس التنفيذي للعمليات في DataCorp، إن الفريق متماسك.\n"
            "وأضاف Lind أن الرواتب سترتفع.")
    cs = run(text)
    assert [c.speaker for c in cs] == ["Tom Lind", "Tom Lind"] and cs[0].speaker_type == "person"


def test_title_alone_resolves_to_the_person_with_that_role():
    text = ("وقالت وزيرة التعليم لمى فارس إن المدارس ستفتح.\n"
            "وأكدت الوزيرة أن الكتب وصلت.")
    assert [c.speaker for c in run(text)] == ["لمى فارس", "لمى فارس"]


def test_surname_with_article_resolves():
    text = ("وقال وزير المالية خالد العتيبي إن العجز تراجع.\n"
            "وأضاف العتيبي أن الإيرادات زادت.")
    assert [c.speaker for c in run(text)] == ["خالد العتيبي", "خالد العتيبي"]


@pytest.mark.parametrize("text,speaker,claim", [
    ("وبحسب مصادر محلية، قتل ثلاثة أشخاص في الحادث.", "مصادر محلية", "قتل ثلاثة أشخاص في الحادث"),
    ("وطبقا للتقديرات الرسمية، بلغ العجز 5 في المئة.", "التقديرات الرسمية", "بلغ العجز 5 في المئة"),
    ("ارتفعت الأسعار بنسبة كبيرة، حسب الإحصاءات الرسمية.", "الإحصاءات الرسمية", "ارتفعت الأسعار بنسبة كبيرة"),
    ("تراجعت الصادرات، وفقا لما نشرته صحيفة الرأي.", "صحيفة الرأي", "تراجعت الصادرات"),
])
def test_nominal_attribution(text, speaker, claim):
    cs = run(text)
    assert [(c.speaker, c.text) for c in cs] == [(speaker, claim)]


def test_according_to_his_words_does_not_make_a_second_claim():
    cs = run('وقال الخبير وائل حسين إن السوق "تعاني ركودا"، على حد تعبيره.')
    assert len(cs) == 1 and cs[0].text == 'السوق "تعاني ركودا"'


@pytest.mark.parametrize("text,source", [
    ("وقال الوزير رامي فؤاد في مقابلة مع قناة الحرة إن الإصلاحات مستمرة.", "مقابلة مع قناة الحرة"),
    ("وقالت الشركة في بيان إن الأرباح تضاعفت.", "بيان"),
    ("وكتب النائب هادي سالم في تغريدة على تويتر أن الجلسة تأجلت.", "تغريدة على تويتر"),
    ("وقال المتحدث باسم الحكومة في تصريح لـ\"النهار\" إن الموعد ثابت.", 'تصريح لـ"النهار"'),
    ("وأكد الوزير في مذكرة داخلية أن التوظيف مجمد.", "مذكرة داخلية"),
])
def test_claim_sources(text, source):
    cs = run(text)
    assert len(cs) == 1 and cs[0].source == source


def test_speaker_agreement_picks_the_feminine_speaker_over_a_closer_masculine_one():
    text = ("وقالت رئيسة البلدية سعاد ناصر إن المياه ستعود.\n"
            "وقال المهندس باسل رياض إن الأعطال كبيرة.\n"
            "وأكدت أن الإصلاح سيستغرق يومين.")
    assert run(text)[-1].speaker == "سعاد ناصر"


def test_short_and_definite_mentions_of_bodies_resolve_to_their_first_naming():
    text = ("فرضت الهيئة الأوروبية غرامة على الشركة.\n"
            "وقالت الهيئة إن الشركة خالفت القواعد.\n"
            "وقال مسؤولون أتراك إن المحادثات مستمرة.\n"
            "ويؤكد المسؤولون الأتراك أن الاتفاق قريب.")
    cs = run(text)
    assert [c.speaker for c in cs] == ["الهيئة الأوروبية", "مسؤولون أتراك", "مسؤولون أتراك"]
    assert cs[0].source is None  # an outlet-like noun with no name is no source


def test_the_same_source_refers_back():
    text = ("وقال المؤرخ سعيد كامل إن الذهب استخرج منذ آلاف السنين.\n"
            "ويعتقد المصدر ذاته أن الأسعار سترتفع.")
    cs = run(text)
    assert cs[-1].speaker == "سعيد كامل" and cs[-1].speaker_mention == "المصدر ذاته"


def test_name_ali_is_a_name_not_the_preposition():
    cs = run("وقال الوزير سامر علي إن الموازنة جاهزة.\nوقال علي حسن إن الأمر محسوم.")
    assert [c.speaker for c in cs] == ["سامر علي", "علي حسن"]


@pytest.mark.parametrize("text", [
    "وأضاف الفريق هدفا ثانيا في الدقيقة 80.",
    "وأكد الفوز تأهل الفريق إلى النهائي.",
    "كشف الفحص عن وجود ورم.",
    "أشار السهم إلى الشمال.",
    "يذكر أن الرئيس زار المدينة العام الماضي.",
    "وأعلن الحكم نهاية المباراة.",
    "وأعربت الخارجية عن قلقها من التصعيد.",
])
def test_cue_words_in_narrative_are_no_claims(text):
    assert run("وقال الوزير سامر علي إن الموازنة جاهزة.\n" + text)[1:] == []
