"""Synthetic claims for the deduplication benchmark, in English and Arabic, with ground truth.

    for article in generate(10_000, seed=1): ...

What the generator assumes about real news claims (and so what the benchmark measures):

- **Vocabulary is Zipfian with a long tail.** A claim is one of 14 sentence templates per
  language whose slots (subject, objects, topics, groups of people, projects, places, other
  organisations and people, times, tails) are filled by Zipf-weighted draws (exponent ~1) from
  lists of real words and phrases and, for names, from pools of tens of thousands of invented
  words in both scripts (places, organisations, projects, people: syllables with aligned Latin
  and Arabic spellings). So a few words (the government, prices, schools) are in a large share
  of claims while most claims carry some rare words, as real claims carry names, places and
  organisations. Figures are log-uniform (counts, money) or 1-60 (percent).
- **Cluster sizes**: 80% of base claims are reported once (over half of all claims are
  singletons); the rest are carried by 2-20 outlets with P(size) ~ size^-1.6. Copies land in
  different articles, outlets and days.
- **Perturbations of a copy** (one each, a quarter get a second one; a quote both embedded and
  truncated is truncated first, so the copy still holds it):
  ``copy`` (verbatim), ``quotes`` (other quote marks around a phrase, curly/straight
  apostrophes), ``diacritics`` (Arabic harakat, tatweel, hamza/ta marbuta/alef maqsura
  variants; English: letter case), ``digits`` (Arabic-Indic digits; English thousands
  separators), ``truncate`` (an ellipsis; news keeps at least half of the words and at least 8,
  and a cut from the front never removes a negation: outlets do not shorten a quote into its
  opposite), ``cut`` (one word dropped, never a negation or a number), ``add`` (one filler word
  inserted), ``lead`` (a different lead-in: "Salem said:", "According to Salem,", "Let me be
  clear:", "وقال سالم إن", "وأكد سالم أن"), ``embed`` (the quote inside a longer claim by the same
  speaker, before or after another sentence), ``number`` (one figure changed: figure drift, the
  copy belongs to the cluster and the cluster must be flagged).
- **Hard negatives** (same speaker, must stay in their own clusters): ``negation`` (the same
  sentence with the negation inserted or removed, with its own perturbed copies) and
  ``same-topic`` (same template, subject and place, a different sentence: one or two of the
  object/topic/time slots and the figures changed, so most words are shared).
- Speakers: a Zipfian pool of people (a few say a lot); 15% of mentions use the surname only,
  with the full name earlier in the article.

Every claim carries ``label`` (its true cluster); hard negatives carry ``parent`` (the label
they must stay apart from).
"""
from __future__ import annotations

import bisect
import itertools
import math
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from claims.extract import finish
from claims.model import Article, Claim, Extraction, Figure, stable_id

# Aligned syllables: the same index spells the same sound in both scripts, so invented names
# have a Latin and an Arabic spelling that transliterate into each other.
SYL = [("ka", "كا"), ("ro", "رو"), ("mi", "مي"), ("ta", "تا"), ("lu", "لو"), ("sen", "سن"), ("dar", "دار"),
       ("vo", "فو"), ("ne", "ني"), ("bal", "بال"), ("tor", "تور"), ("shi", "شي"), ("ma", "ما"), ("gan", "غان"),
       ("rel", "ريل"), ("zu", "زو"), ("fa", "فا"), ("kin", "كين"), ("ol", "أول"), ("ber", "بير"), ("sa", "سا"),
       ("mar", "مار"), ("tin", "تين"), ("go", "غو"), ("la", "لا"), ("ven", "فين"), ("dra", "درا"), ("po", "بو"),
       ("hal", "هال"), ("quin", "كوين"), ("nu", "نو"), ("jam", "جام"), ("ri", "ري"), ("sol", "سول"), ("ha", "ها"),
       ("ber", "بر"), ("wa", "وا"), ("din", "دين"), ("ya", "يا"), ("kor", "كور"), ("el", "إل"), ("mun", "مون")]
GIVEN = [("Ahmed", "أحمد"), ("Mohammed", "محمد"), ("Sara", "سارة"), ("Omar", "عمر"), ("Layla", "ليلى"),
         ("Khalid", "خالد"), ("Mariam", "مريم"), ("Youssef", "يوسف"), ("Nadia", "نادية"), ("Hassan", "حسن"),
         ("Rania", "رانيا"), ("Tarek", "طارق"), ("Samir", "سمير"), ("Karim", "كريم"), ("Sam", "سام"),
         ("Mark", "مارك"), ("Lisa", "ليزا"), ("Peter", "بيتر"), ("David", "ديفيد"), ("Maria", "ماريا"),
         ("Fadi", "فادي"), ("Walid", "وليد"), ("Huda", "هدى"), ("Ziad", "زياد"), ("Amal", "أمل"), ("Nabil", "نبيل"),
         ("Dina", "دينا"), ("Rami", "رامي"), ("Salma", "سلمى"), ("Bassem", "باسم"), ("Hana", "هناء"), ("Adel", "عادل")]
OUTLETS = [f"Outlet {i}" for i in range(300)]

EN = {
    "templates": [
        ("{S} will build {N} {OBJ} in {PLACE} {TIME}{TAIL}", "{S} will not build {N} {OBJ} in {PLACE} {TIME}{TAIL}"),
        ("{S} has spent ${M} million on {OBJ} in {PLACE} since {SINCE}{TAIL}",
         "{S} has not spent ${M} million on {OBJ} in {PLACE} since {SINCE}{TAIL}"),
        ("{THING} in {PLACE} has fallen by {P}% {SINCE2}{TAIL}", "{THING} in {PLACE} has not fallen by {P}% {SINCE2}{TAIL}"),
        ("{S} will cut {THING} by {P}% {TIME}, and {PEOPLE} in {PLACE} will feel the difference",
         "{S} will not cut {THING} by {P}% {TIME}, and {PEOPLE} in {PLACE} will feel the difference"),
        ("More than {N} {PEOPLE} in {PLACE} have lost their jobs because of {ORG}",
         "More than {N} {PEOPLE} in {PLACE} have not lost their jobs because of {ORG}"),
        ("{ORG} paid ${M} million to {PERSON} for the {PROJECT} contract in {PLACE}",
         "{ORG} never paid ${M} million to {PERSON} for the {PROJECT} contract in {PLACE}"),
        ("We are going to hire {N} {WORKERS} for {PLACE} {TIME}{TAIL}",
         "We are not going to hire {N} {WORKERS} for {PLACE} {TIME}{TAIL}"),
        ("{S} approved ${M} million for {OBJ} in {PLACE}, the largest sum in {N} years",
         "{S} did not approve ${M} million for {OBJ} in {PLACE}, the largest sum in {N} years"),
        ("The {PROJECT} in {PLACE} is {P}% complete and will open {TIME}",
         "The {PROJECT} in {PLACE} is {P}% complete and will not open {TIME}"),
        ("{PEOPLE} in {PLACE} can expect {THING} to drop by {P}% {TIME}{TAIL}",
         "{PEOPLE} in {PLACE} cannot expect {THING} to drop by {P}% {TIME}{TAIL}"),
        ("{S} has delivered {N} {OBJ} to {PLACE}, as we promised {PEOPLE}",
         "{S} has not delivered {N} {OBJ} to {PLACE}, as we promised {PEOPLE}"),
        ("Our plan will create {N} jobs in {PLACE} and bring ${M} million of investment from {ORG}",
         "Our plan will not create {N} jobs in {PLACE} and bring ${M} million of investment from {ORG}"),
        ("{ORG} is responsible for {P}% of {THING} in {PLACE}{TAIL}",
         "{ORG} is not responsible for {P}% of {THING} in {PLACE}{TAIL}"),
        ("{PERSON} knew about the ${M} million {PROJECT} deal with {ORG} {SINCE2}",
         "{PERSON} never knew about the ${M} million {PROJECT} deal with {ORG} {SINCE2}"),
    ],
    "S": ["The government", "Our ministry", "The central bank", "The city council", "Our company", "We",
          "The national oil company", "This administration", "The port authority", "The health ministry",
          "The water authority", "Our coalition", "The regional government", "The board", "Our party",
          "The electricity company", "The transport ministry", "The union", "The federation", "My government",
          "The agriculture ministry", "The housing agency", "The education ministry", "The railway company",
          "Our foundation", "The development fund", "The finance ministry", "The army", "The municipality",
          "The interior ministry", "The energy regulator", "The trade ministry", "The tourism board"],
    "OBJ": [a + b for a in ("new ", "", "modern ", "public ", "rural ", "affordable ", "small ", "green ", "emergency ")
            for b in ("schools", "hospitals", "roads", "homes", "wind turbines", "electric buses", "water plants",
                      "classrooms", "clinics", "bridges", "police stations", "housing units", "training centres",
                      "farms", "solar farms", "football pitches", "libraries", "desalination units", "fishing boats",
                      "grain silos", "fire engines", "care centres", "nursing homes", "bus depots", "markets",
                      "kindergartens", "sports halls", "factories", "ports", "dams", "wells", "bakeries", "shelters",
                      "courts", "prisons", "universities", "laboratories", "power stations", "parks", "museums")],
    "THING": ["unemployment", "electricity prices", "fuel imports", "the budget deficit", "bread prices",
              "water losses", "hospital waiting times", "carbon emissions", "youth unemployment", "rents",
              "public debt", "wheat exports", "tourist arrivals", "traffic accidents", "school dropout rates",
              "food waste", "gas bills", "inflation", "corporate taxes", "bus fares", "crime", "poverty",
              "child mortality", "illiteracy", "air pollution", "housing costs", "medicine prices", "power cuts",
              "smuggling", "corruption cases", "road deaths", "forest fires", "the trade deficit", "fish catches",
              "olive oil exports", "cement prices", "internet prices", "rice imports", "sugar prices", "car sales"],
    "PEOPLE": ["families", "farmers", "students", "nurses", "teachers", "pensioners", "fishermen", "workers",
               "young people", "doctors", "drivers", "shop owners", "refugees", "miners", "taxpayers", "women",
               "children", "soldiers", "civil servants", "engineers", "builders", "tenants", "voters", "patients"],
    "WORKERS": ["teachers", "nurses", "doctors", "police officers", "engineers", "inspectors", "judges",
                "firefighters", "social workers", "border guards", "midwives", "paramedics", "bus drivers",
                "cleaners", "rangers", "technicians", "translators", "lawyers", "accountants", "guards"],
    "PROJECT": ["metro", "stadium", "harbour", "airport", "pipeline", "motorway", "tower", "dam", "railway",
                "bridge", "refinery", "power plant", "hospital", "tunnel", "canal", "free zone", "smart city",
                "water network", "housing estate", "cement plant"],
    "TIME": ["by the end of next year", "within eighteen months", "before the summer", "over the next decade",
             "this quarter", "before the elections", "in the coming weeks", "next spring", "by 2030",
             "within two years", "before the winter", "this year", "over the next five years", "by the autumn",
             "next month", "before Ramadan", "by 2027", "within six months", "in the next budget", "by December"],
    "SINCE": ["2019", "the last election", "the war", "the floods", "January", "the crisis", "2021",
              "the new law", "we took office", "the pandemic"],
    "SINCE2": ["since we took office", "over the past year", "in the last six months", "since 2020",
               "this year alone", "in just two years", "since the reform", "over the last decade"],
    "TAIL": ["", "", "", "", "", ", despite the crisis", ", as demand keeps growing", ", with help from our partners",
             ", according to the plan", ", if parliament agrees", ", because families need it",
             ", and we are proud of that", ", whatever the critics say", ", as we promised voters",
             ", unlike the previous government", ", and the figures prove it", ", without new taxes",
             ", thanks to foreign donors", ", even with the sanctions", ", and nobody can deny that"],
    "org_kinds": ["Group", "Holdings", "Bank", "Partners", "Industries", "Foundation", "Trading", "Energy",
                  "Construction", "Telecom", "Logistics", "Capital", "Motors", "Cement", "Airlines", "Pharma"],
    "fillers": ["really", "now", "indeed", "certainly", "clearly", "still", "actually", "definitely", "already",
                "truly"],
    "leads": ["{who} said: ", "According to {who}, ", "{who} told reporters that ", "Let me be clear: ",
              "Frankly, ", "I can tell you that ", "{who} insisted that "],
    "joiners": [", and ", ", but ", "; ", " while ", ". "],
    "negations": {"not", "never", "cannot"},
    "said": "{who} said: “{text}”.",
    "intro": "{who}, who spoke to reporters on {day}, addressed the issue again.",
}
AR = {
    "templates": [
        ("{S} ستبني {N} {OBJ} في {PLACE} {TIME}{TAIL}", "{S} لن تبني {N} {OBJ} في {PLACE} {TIME}{TAIL}"),
        ("{S} أنفقت {M} مليون دولار على {OBJ} في {PLACE} منذ {SINCE}{TAIL}",
         "{S} لم تنفق {M} مليون دولار على {OBJ} في {PLACE} منذ {SINCE}{TAIL}"),
        ("{THING} في {PLACE} انخفضت بنسبة {P}% {SINCE2}{TAIL}", "{THING} في {PLACE} لم تنخفض بنسبة {P}% {SINCE2}{TAIL}"),
        ("{S} ستخفض {THING} بنسبة {P}% {TIME} وسيشعر {PEOPLE} في {PLACE} بالفرق",
         "{S} لن تخفض {THING} بنسبة {P}% {TIME} وسيشعر {PEOPLE} في {PLACE} بالفرق"),
        ("أكثر من {N} من {PEOPLE} في {PLACE} فقدوا وظائفهم بسبب {ORG}",
         "أكثر من {N} من {PEOPLE} في {PLACE} لم يفقدوا وظائفهم بسبب {ORG}"),
        ("{ORG} دفعت {M} مليون دولار إلى {PERSON} مقابل عقد {PROJECT} في {PLACE}",
         "{ORG} لم تدفع {M} مليون دولار إلى {PERSON} مقابل عقد {PROJECT} في {PLACE}"),
        ("سنوظف {N} من {WORKERS} في {PLACE} {TIME}{TAIL}", "لن نوظف {N} من {WORKERS} في {PLACE} {TIME}{TAIL}"),
        ("{S} وافقت على {M} مليون دولار من أجل {OBJ} في {PLACE} وهو أكبر مبلغ منذ {N} عاما",
         "{S} لم توافق على {M} مليون دولار من أجل {OBJ} في {PLACE} وهو أكبر مبلغ منذ {N} عاما"),
        ("مشروع {PROJECT} في {PLACE} أنجز بنسبة {P}% وسيفتتح {TIME}",
         "مشروع {PROJECT} في {PLACE} أنجز بنسبة {P}% ولن يفتتح {TIME}"),
        ("يمكن أن يتوقع {PEOPLE} في {PLACE} انخفاض {THING} بنسبة {P}% {TIME}{TAIL}",
         "لا يمكن أن يتوقع {PEOPLE} في {PLACE} انخفاض {THING} بنسبة {P}% {TIME}{TAIL}"),
        ("{S} سلمت {N} {OBJ} إلى {PLACE} كما وعدنا {PEOPLE}", "{S} لم تسلم {N} {OBJ} إلى {PLACE} كما وعدنا {PEOPLE}"),
        ("خطتنا ستوفر {N} فرصة عمل في {PLACE} وستجلب استثمارات بقيمة {M} مليون دولار من {ORG}",
         "خطتنا لن توفر {N} فرصة عمل في {PLACE} وستجلب استثمارات بقيمة {M} مليون دولار من {ORG}"),
        ("{ORG} مسؤولة عن {P}% من {THING} في {PLACE}{TAIL}", "{ORG} ليست مسؤولة عن {P}% من {THING} في {PLACE}{TAIL}"),
        ("{PERSON} كان يعلم بصفقة {PROJECT} البالغة {M} مليون دولار مع {ORG} {SINCE2}",
         "{PERSON} لم يكن يعلم بصفقة {PROJECT} البالغة {M} مليون دولار مع {ORG} {SINCE2}"),
    ],
    "S": ["الحكومة", "وزارتنا", "البنك المركزي", "البلدية", "شركتنا", "شركة النفط الوطنية", "الإدارة الحالية",
          "هيئة الميناء", "وزارة الصحة", "سلطة المياه", "الحكومة الإقليمية", "مجلس الإدارة", "شركة الكهرباء",
          "وزارة النقل", "حكومتنا", "النقابة", "وزارة الزراعة", "هيئة الإسكان", "وزارة التعليم", "وزارة المالية",
          "شركة السكك الحديدية", "مؤسستنا", "صندوق التنمية", "وزارة الداخلية", "هيئة الطاقة", "وزارة التجارة",
          "هيئة السياحة", "الوزارة", "الدولة", "مصلحة الضرائب"],
    "OBJ": [b + a for a in ("", " جديدة", " حديثة", " عامة", " ريفية", " صغيرة", " خضراء")
            for b in ("مدارس", "مستشفيات", "طرق", "مساكن", "توربينات رياح", "حافلات كهربائية", "محطات مياه",
                      "فصول دراسية", "عيادات", "جسور", "مراكز شرطة", "وحدات سكنية", "مراكز تدريب", "مزارع",
                      "محطات طاقة شمسية", "ملاعب", "مكتبات", "وحدات تحلية", "قوارب صيد", "صوامع حبوب",
                      "سيارات إطفاء", "مراكز رعاية", "دور مسنين", "أسواق", "رياض أطفال", "مصانع", "موانئ", "سدود",
                      "آبار", "مخابز", "ملاجئ", "محاكم", "جامعات", "مختبرات", "حدائق", "متاحف")],
    "THING": ["البطالة", "أسعار الكهرباء", "واردات الوقود", "عجز الموازنة", "أسعار الخبز", "خسائر المياه",
              "فترات الانتظار في المستشفيات", "الانبعاثات الكربونية", "بطالة الشباب", "الإيجارات", "الدين العام",
              "صادرات القمح", "أعداد السياح", "حوادث السير", "نسبة التسرب المدرسي", "هدر الطعام", "فواتير الغاز",
              "نسبة التضخم", "ضرائب الشركات", "أجور النقل", "الجريمة", "نسبة الفقر", "وفيات الأطفال", "الأمية",
              "تلوث الهواء", "تكاليف السكن", "أسعار الأدوية", "انقطاعات الكهرباء", "عمليات التهريب",
              "قضايا الفساد", "الحرائق", "العجز التجاري", "صادرات زيت الزيتون", "أسعار الإسمنت", "أسعار الإنترنت",
              "واردات الأرز", "أسعار السكر", "مبيعات السيارات"],
    "PEOPLE": ["العائلات", "المزارعين", "الطلاب", "الممرضين", "المعلمين", "المتقاعدين", "الصيادين", "العمال",
               "الشباب", "الأطباء", "السائقين", "أصحاب المحلات", "اللاجئين", "عمال المناجم", "دافعي الضرائب",
               "النساء", "الأطفال", "الجنود", "الموظفين", "المهندسين", "المستأجرين", "الناخبين", "المرضى"],
    "WORKERS": ["المعلمين", "الممرضين", "الأطباء", "رجال الشرطة", "المهندسين", "المفتشين", "القضاة",
                "رجال الإطفاء", "الأخصائيين الاجتماعيين", "حرس الحدود", "القابلات", "المسعفين", "سائقي الحافلات",
                "عمال النظافة", "الحراس", "الفنيين", "المترجمين", "المحامين", "المحاسبين"],
    "PROJECT": ["المترو", "الملعب", "الميناء", "المطار", "خط الأنابيب", "الطريق السريع", "البرج", "السد",
                "السكة الحديدية", "الجسر", "المصفاة", "محطة الكهرباء", "المستشفى", "النفق", "القناة",
                "المنطقة الحرة", "المدينة الذكية", "شبكة المياه", "المجمع السكني", "مصنع الإسمنت"],
    "TIME": ["بحلول نهاية العام المقبل", "خلال ثمانية عشر شهرا", "قبل الصيف", "خلال العقد المقبل", "في هذا الربع",
             "قبل الانتخابات", "في الأسابيع المقبلة", "في الربيع المقبل", "بحلول عام 2030", "خلال عامين",
             "قبل الشتاء", "هذا العام", "خلال السنوات الخمس المقبلة", "بحلول الخريف", "الشهر المقبل",
             "قبل رمضان", "بحلول عام 2027", "خلال ستة أشهر", "في الموازنة المقبلة", "بحلول ديسمبر"],
    "SINCE": ["عام 2019", "الانتخابات الأخيرة", "الحرب", "الفيضانات", "يناير", "الأزمة", "عام 2021", "القانون الجديد",
              "تولينا المسؤولية", "الجائحة"],
    "SINCE2": ["منذ تولينا المسؤولية", "خلال العام الماضي", "في الأشهر الستة الأخيرة", "منذ عام 2020",
               "هذا العام وحده", "في عامين فقط", "منذ الإصلاح", "خلال العقد الأخير"],
    "TAIL": ["", "", "", "", "", " رغم الأزمة", " مع استمرار نمو الطلب", " بمساعدة شركائنا", " وفقا للخطة",
             " إذا وافق البرلمان", " لأن العائلات تحتاج ذلك", " ونحن فخورون بذلك", " مهما قال المنتقدون",
             " كما وعدنا الناخبين", " على عكس الحكومة السابقة", " والأرقام تثبت ذلك", " دون ضرائب جديدة",
             " بفضل المانحين", " رغم العقوبات", " ولا أحد يستطيع إنكار ذلك"],
    "org_kinds": ["مجموعة", "شركة", "بنك", "مؤسسة", "صندوق", "هيئة", "مصرف", "شركة طيران"],
    "fillers": ["فعلا", "حقا", "بالتأكيد", "الآن", "بالفعل", "بوضوح", "قطعا", "حتما"],
    "leads": ["وقال {who} إن ", "وأكد {who} أن ", "وبحسب {who} فإن ", "وأضاف {who} أن ", "بكل وضوح، ",
              "بصراحة، ", "أستطيع أن أقول لكم إن "],
    "joiners": ["، و", "، لكن ", "، بينما ", ". ", "، كما أن "],
    "negations": {"لن", "لم", "لا", "ليست"},
    "said": "وقال {who}: «{text}».",
    "intro": "وكان {who} قد تحدث إلى الصحفيين يوم {day} حول المسألة.",
}
LANGS = {"en": EN, "ar": AR}
GEN_VERSION = 5  # bump when the generated data changes (names the cached benchmark databases)
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652\u064b"
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_DIGITS = re.compile(r"\d+")
# letter variants the normaliser folds: what a copy may be spelt with instead
AR_VARIANTS = {"ا": "أ", "ه": "ة", "ي": "ى", "ة": "ه", "ى": "ي"}
QUOTE_PAIRS = ["«»", "“”", '""', "‘’", "''", "„“"]
PERTURBATIONS = ["copy", "copy", "quotes", "diacritics", "digits", "truncate", "truncate", "cut", "add", "lead",
                 "embed", "number"]


class Zipf:
    """Draw from ``items`` with weight 1/rank**s (deterministic given the Random)."""

    def __init__(self, items: Sequence, s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(len(self.items))))

    def __call__(self, r: random.Random):
        return self.items[bisect.bisect_left(self.cum, r.random() * self.cum[-1])]


SIZES = Zipf(range(2, 21), 1.6)  # a quote carried more than once: by 2-20 outlets, P(size) ~ size^-1.6


def _pseudo(r: random.Random, n: int, lo: int, hi: int) -> list[tuple[str, str]]:
    """``n`` distinct invented words of ``lo``-``hi`` syllables: (Latin, Arabic) spellings."""
    seen: set[str] = set()
    out = []
    while len(out) < n:
        idx = [r.randrange(len(SYL)) for _ in range(r.randint(lo, hi))]
        en = "".join(SYL[i][0] for i in idx).capitalize()
        if en in seen:
            continue
        seen.add(en)
        out.append((en, "".join(SYL[i][1] for i in idx)))
    return out


@dataclass
class GenClaim:
    """One generated claim: text, speaker (as the article names them), true cluster."""

    text: str
    speaker: str
    lang: str
    label: int
    figures: list[tuple[str, float, str, str]] = field(default_factory=list)  # (digits, value, unit, kind)
    perturbation: str = "copy"
    drift: bool = False
    parent: int = 0  # for a hard negative: the label it must stay apart from


@dataclass
class Base:
    """A base claim before perturbation: template, slot values, numbers, speaker."""

    lang: str
    person: int
    template: int
    slots: dict[str, str]
    numbers: dict[str, int]
    negated: bool = False


class Generator:
    """Deterministic (seeded) source of bases, variants and hard negatives."""

    def __init__(self, seed: int = 0, *, ar_share: float = 0.4, n_places: int = 30_000, n_orgs: int = 8_000,
                 n_people: int = 12_000) -> None:
        self.rng = r = random.Random(seed)
        self.ar_share = ar_share
        self.label = 0
        self.seen: set[tuple] = set()
        places = _pseudo(r, n_places, 2, 4)
        orgs = _pseudo(r, n_orgs, 2, 3)
        surnames = _pseudo(r, n_people // 2, 2, 3)
        # people: (Latin full name, Arabic full name); given names partly real, partly invented
        given = GIVEN + _pseudo(r, 300, 2, 2)
        self.people = [(f"{g[0]} {s[0]}", f"{g[1]} {s[1]}") for s in surnames for g in r.sample(given, 2)]
        r.shuffle(self.people)
        self.speaker = Zipf(range(len(self.people)), 0.9)
        self.slot: dict[str, dict[str, Zipf]] = {}
        for lang, L, i in (("en", EN, 0), ("ar", AR, 1)):
            kinds = L["org_kinds"]
            org_names = [f"{o[0]} {r.choice(kinds)}" if lang == "en" else f"{r.choice(kinds)} {o[1]}" for o in orgs]
            self.slot[lang] = {
                "PLACE": Zipf([p[i] for p in places], 0.9), "ORG": Zipf(org_names, 0.9),
                "PERSON": Zipf([p[i] for p in self.people], 0.9),
                "PROJECT": Zipf([f"{pr} {p[i]}" if lang == "en" else f"{pr} {p[i]}" for pr in L["PROJECT"]
                                 for p in r.sample(places, 40)], 0.9),
                **{k: Zipf(r.sample(L[k], len(L[k])), 1.0)
                   for k in ("S", "OBJ", "THING", "PEOPLE", "WORKERS", "TIME", "SINCE", "SINCE2", "TAIL")},
            }
            self.slot[lang]["template"] = Zipf(r.sample(range(len(L["templates"])), len(L["templates"])), 0.6)

    # -- bases --------------------------------------------------------------------------
    def number(self, key: str) -> int:
        r = self.rng
        if key == "P":
            return r.randint(2, 60)
        if key == "M":
            return int(math.exp(r.uniform(0, math.log(900)))) + 1
        return int(math.exp(r.uniform(math.log(3), math.log(5000))))

    def signature(self, b: Base) -> tuple:
        """What makes a base another claim: its words — figures aside (they may drift; a slot
        value with a year differs from another only by its number), and its rhetorical tail
        aside (a claim with and without ", and the figures prove it" is one claim)."""
        tpl = LANGS[b.lang]["templates"][b.template][0]
        return b.lang, b.template, tuple(_DIGITS.sub("0", v) for k, v in sorted(b.slots.items())
                                         if "{" + k + "}" in tpl and k != "TAIL")

    def fresh(self, b: Base) -> bool:
        """Register ``b``; False when a base with the same words exists (two true claims must not
        differ by their figures alone: that is figure drift of one claim)."""
        sig = self.signature(b)
        if sig in self.seen:
            return False
        self.seen.add(sig)
        return True

    def base(self, lang: str | None = None) -> Base:
        r = self.rng
        lang = lang or ("ar" if r.random() < self.ar_share else "en")
        S = self.slot[lang]
        while True:
            t = S["template"](r)
            slots = {k: S[k](r) for k in ("S", "OBJ", "THING", "PEOPLE", "WORKERS", "TIME", "SINCE", "SINCE2",
                                          "TAIL", "PLACE", "ORG", "PERSON", "PROJECT")}
            b = Base(lang, self.speaker(r), t, slots, {k: self.number(k) for k in "NMP"}, r.random() < 0.12)
            if self.fresh(b):
                return b

    def render(self, b: Base, *, numbers: dict[str, int] | None = None, negated: bool | None = None) -> tuple[str, list]:
        L = LANGS[b.lang]
        nums = numbers or b.numbers
        tpl = L["templates"][b.template][int(b.negated if negated is None else negated)]
        text = tpl.format(**b.slots, N=nums["N"], M=nums["M"], P=nums["P"])
        figs = []
        pos = 0
        for key in sorted("NMP", key=lambda k: tpl.find("{" + k + "}") if "{" + k + "}" in tpl else 1 << 30):
            if "{" + key + "}" not in tpl:
                continue
            n = nums[key]
            unit, kind, value = {"N": ("count", "count", float(n)), "M": ("USD", "money", n * 1e6),
                                 "P": ("percent", "percent", float(n))}[key]
            figs.append((str(n), value, unit, kind))
            pos += 1
        return text, figs

    def person(self, b: Base, *, surname_only: bool = False) -> tuple[str, str]:
        full = self.people[b.person][1 if b.lang == "ar" else 0]
        return (full.split()[-1] if surname_only else full), full

    # -- perturbations ------------------------------------------------------------------
    def perturb(self, text: str, figs: list, b: Base, how: str) -> tuple[str, list]:
        r = self.rng
        lang = b.lang
        L = LANGS[lang]
        words = text.split()
        protected = {i for i, w in enumerate(words) if any(ch.isdigit() for ch in w) or w in L["negations"]}
        if how == "quotes":
            if r.random() < 0.3 and "'" in text:
                return text.replace("'", "’"), figs
            i = r.randrange(len(words))
            j = min(len(words), i + r.randint(1, 4))
            q = r.choice(QUOTE_PAIRS)
            words[i] = q[0] + words[i]
            words[j - 1] = words[j - 1] + q[1]
            return " ".join(words), figs
        if how == "diacritics":
            if lang == "ar":
                out = []
                for k, ch in enumerate(text):
                    at_end = k + 1 == len(text) or text[k + 1] == " "
                    if ch in AR_VARIANTS and (at_end or (ch == "ا" and (k == 0 or text[k - 1] == " "))) \
                            and r.random() < 0.5:
                        ch = AR_VARIANTS[ch]
                    out.append(ch)
                    if "\u0621" <= ch <= "\u064a":
                        x = r.random()
                        if x < 0.15:
                            out.append(r.choice(DIACRITICS))
                        elif x < 0.17:
                            out.append("\u0640")
                return "".join(out), figs
            return (text.upper() if r.random() < 0.3 else text[:1].lower() + text[1:].replace("'", "’")), figs
        if how == "digits":
            if lang == "ar":
                return text.translate(AR_DIGITS), [(f[0].translate(AR_DIGITS), *f[1:]) for f in figs]
            out = text
            for f in figs:
                if len(f[0]) >= 4 and f[0].isdigit():
                    out = out.replace(f[0], f"{int(f[0]):,}", 1)
            figs = [(f"{int(f[0]):,}" if len(f[0]) >= 4 and f[0].isdigit() else f[0], *f[1:]) for f in figs]
            return out, figs
        if how == "truncate":
            n = len(words)
            low = max(8, math.ceil(n / 2))
            if n <= low:
                return text, figs
            keep = r.randint(low, n - 1)
            first_neg = min((i for i, w in enumerate(words) if w in L["negations"]), default=n)
            if r.random() < 0.65 or n - keep > first_neg:  # keep the start (never cut a negation off)
                kept = words[:keep]
                return " ".join(kept) + r.choice(("…", "...", " …")), [f for f in figs if f[0] in kept]
            kept = words[n - keep:]
            return r.choice(("…", "...", "… ")) + " ".join(kept), [f for f in figs if f[0] in kept]
        if how == "cut":
            cand = [i for i in range(1, len(words) - 1) if i not in protected]
            if cand:
                del words[r.choice(cand)]
            return " ".join(words), figs
        if how == "add":
            words.insert(r.randrange(1, len(words)), r.choice(L["fillers"]))
            return " ".join(words), figs
        if how == "lead":
            who = self.person(b, surname_only=True)[0]
            lead = r.choice(L["leads"]).format(who=who)
            first = words[0] if lang == "ar" or words[0] in ("We", "I") else words[0][:1].lower() + words[0][1:]
            return lead + " ".join([first, *words[1:]]), figs
        if how == "embed":
            other = self.base(lang)
            other.person = b.person
            otext, ofigs = self.render(other)
            joiner = r.choice(L["joiners"])
            if r.random() < 0.5:
                return text + joiner + (otext[:1].lower() + otext[1:] if lang == "en" and joiner != ". " else otext), \
                    figs + ofigs
            lower = lang == "en" and joiner != ". " and words[0] not in ("We", "I")
            return otext + joiner + (text[:1].lower() + text[1:] if lower else text), ofigs + figs
        return text, figs

    def variants(self, b: Base, label: int, size: int) -> Iterator[GenClaim]:
        r = self.rng
        text, figs = self.render(b)
        yield GenClaim(text, "", b.lang, label, figs, "base")
        for _ in range(size - 1):
            how = r.choice(PERTURBATIONS)
            if how == "number":
                key = r.choice([k for k in "NMP" if "{" + k + "}" in LANGS[b.lang]["templates"][b.template][0]])
                n = b.numbers[key]
                nums = dict(b.numbers, **{key: max(1, n + r.choice((-1, 1)) * r.randint(1, max(1, n // 4)))})
                if nums[key] == n:
                    nums[key] = n + 1
                t, f = self.render(b, numbers=nums)
                yield GenClaim(t, "", b.lang, label, f, "number", drift=True)
                continue
            t, f = self.perturb(text, figs, b, how)
            if r.random() < 0.25:
                second = r.choice(("quotes", "diacritics", "add", "cut", "digits") + (("truncate",) if how != "truncate" else ()))
                if how == "embed" and second == "truncate":
                    # the quote truncated, then embedded: truncating the longer claim could cut
                    # the quote away and leave a copy of the other sentence labelled as this one
                    t, f = self.perturb(*self.perturb(text, figs, b, "truncate"), b, "embed")
                else:
                    t, f = self.perturb(t, f, b, second)
                how = f"{how}+{second}"
            yield GenClaim(t, "", b.lang, label, f, how)

    def cluster_size(self) -> int:
        r = self.rng
        if r.random() < 0.8:
            return 1
        return SIZES(r)

    def same_topic(self, b: Base) -> Base:
        """Same speaker, template, subject and place; one or two other slots and the numbers changed."""
        r = self.rng
        S = self.slot[b.lang]
        tpl = LANGS[b.lang]["templates"][b.template][0]
        changeable = [k for k in ("OBJ", "THING", "PEOPLE", "WORKERS", "TIME", "PROJECT", "ORG", "SINCE", "SINCE2")
                      if "{" + k + "}" in tpl]
        while True:
            slots = dict(b.slots)
            for k in r.sample(changeable, min(len(changeable), r.choice((1, 2, 2)))):
                slots[k] = S[k](r)
            ob = Base(b.lang, b.person, b.template, slots, {k: self.number(k) for k in "NMP"}, b.negated)
            if self.fresh(ob):
                return ob

    def groups(self) -> Iterator[tuple[Base, list[GenClaim]]]:
        """Endless stream of true clusters: a base with its copies, then its hard negatives."""
        r = self.rng
        while True:
            b = self.base()
            self.label += 1
            parent = self.label
            yield b, list(self.variants(b, self.label, self.cluster_size()))
            if r.random() < 0.08:  # the negated (or un-negated) claim, same speaker, with its own copies
                nb = Base(b.lang, b.person, b.template, b.slots, b.numbers, not b.negated)
                self.label += 1
                yield nb, [hard(c, "negation", parent) for c in self.variants(nb, self.label, r.randint(1, 3))]
            if r.random() < 0.08:  # same speaker and topic, a different sentence sharing most words
                ob = self.same_topic(b)
                self.label += 1
                yield ob, [hard(c, "same-topic", parent) for c in self.variants(ob, self.label, r.randint(1, 3))]


def hard(c: GenClaim, tag: str, parent: int) -> GenClaim:
    """Mark a claim of a hard-negative group."""
    c.perturbation = f"{tag}:{c.perturbation}"
    c.parent = parent
    return c


@dataclass
class GenArticle:
    """An article of generated claims, ready to become an Extraction."""

    lang: str
    outlet: str
    published: str
    claims: list[tuple[GenClaim, str, str]]  # (claim, speaker as named, full name for context)
    serial: int = 0

    def extraction(self) -> Extraction:
        L = LANGS[self.lang]
        title = f"Title {self.serial}"
        parts: list[str] = []
        spans: list[tuple[int, GenClaim, str]] = []
        pos = len(title) + 2
        for c, who, full in self.claims:
            if who != full:
                intro = L["intro"].format(who=full, day=self.published) + " "
                parts.append(intro)
                pos += len(intro)
            sentence = L["said"].format(who=who, text=c.text)
            spans.append((pos + sentence.index(c.text), c, who))
            parts.append(sentence + "\n")
            pos += len(sentence) + 1
        text = title + "\n\n" + "".join(parts)
        art = Article(id=stable_id("bench-article", self.serial, text[:64]), text=text, title=title,
                      body_start=len(title) + 2, lang=self.lang, outlet=self.outlet, published=self.published,
                      file=f"bench-{self.serial}.txt")
        claims, figures = [], []
        for start, c, who in spans:
            claims.append(Claim(kind="direct", text=c.text, start=start, end=start + len(c.text), speaker=who,
                                speaker_type="person", cue="said"))
            at = 0
            for digits, value, unit, kind in c.figures:
                i = c.text.find(digits, at)
                if i < 0:
                    continue
                at = i + len(digits)
                figures.append(Figure(text=digits, start=start + i, end=start + at, value=value, unit=unit, kind=kind))
        finish(art.id, claims, figures)
        return Extraction(art, claims, figures, lang=self.lang)


def generate(n_claims: int, *, seed: int = 0, ar_share: float = 0.4, per_article: int = 6) -> Iterator[GenArticle]:
    """Articles holding ``n_claims`` generated claims in all (each claim knows its true label).
    Copies of one base land in different articles and outlets, on later days."""
    gen = Generator(seed, ar_share=ar_share)
    r = gen.rng
    open_articles: dict[str, list[GenArticle]] = {"en": [], "ar": []}
    made = serial = 0
    groups = gen.groups()
    while made < n_claims:
        b, claims = next(groups)
        day = r.randrange(365)
        for k, c in enumerate(claims):
            if made >= n_claims:
                break
            pool = open_articles[b.lang]
            if len(pool) < 8 or r.random() < 0.2:
                serial += 1
                d = day + k * r.randint(0, 3)
                pool.append(GenArticle(b.lang, r.choice(OUTLETS), f"2024-{1 + d % 360 // 30:02d}-{1 + d % 30:02d}", [],
                                       serial))
            art = pool[r.randrange(len(pool))]
            who, full = gen.person(b, surname_only=r.random() < 0.15)
            art.claims.append((c, who, full))
            made += 1
            if len(art.claims) >= per_article:
                pool.remove(art)
                yield art
    for pool in open_articles.values():
        for art in pool:
            if art.claims:
                yield art
