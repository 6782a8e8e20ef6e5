"""Synthetic claims for the deduplication benchmark, in English and Arabic, with ground truth.

Base claims are built from phrase lists (subject, verb with its negation, number and object,
an invented place name, time, tail), so millions of distinct claims can be made. Each base is
carried by several articles as perturbed copies — other quote marks, diacritics and tatweel,
Arabic-Indic digits, ellipsis truncation, a word cut or added, a different lead-in, a changed
number (figure drift: same cluster), embedding in a longer claim — and some bases get hard
negatives by the same speaker on the same topic: the negated claim, or a different sentence
with different numbers. Every claim carries ``label``: the true cluster.

    for article in generate(10_000, seed=1): ...
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from claims.extract import finish
from claims.model import Article, Claim, Extraction, Figure, stable_id

PERSONS_GIVEN = [("Ahmed", "أحمد"), ("Mohammed", "محمد"), ("Sara", "سارة"), ("Omar", "عمر"), ("Layla", "ليلى"),
                 ("Khalid", "خالد"), ("Mariam", "مريم"), ("Youssef", "يوسف"), ("Nadia", "نادية"), ("Hassan", "حسن"),
                 ("Rania", "رانيا"), ("Tarek", "طارق"), ("Samir", "سمير"), ("Karim", "كريم"), ("Sam", "سام"),
                 ("Mark", "مارك"), ("Elon", "إيلون"), ("Tim", "تيم"), ("Jensen", "جنسن"), ("Lisa", "ليزا"),
                 ("Peter", "بيتر"), ("David", "ديفيد"), ("Maria", "ماريا"), ("Fadi", "فادي"), ("Walid", "وليد")]
PERSONS_SURNAME = [("Salem", "سالم"), ("Haddad", "حداد"), ("Nasser", "ناصر"), ("Khoury", "خوري"), ("Mansour", "منصور"),
                   ("Altman", "ألتمان"), ("Zuckerberg", "زوكربيرغ"), ("Musk", "ماسك"), ("Cook", "كوك"),
                   ("Huang", "هوانغ"), ("Fischer", "فيشر"), ("Rahman", "رحمن"), ("Aziz", "عزيز"), ("Karam", "كرم"),
                   ("Saleh", "صالح"), ("Farouk", "فاروق"), ("Darwish", "درويش"), ("Jaber", "جابر"),
                   ("Othman", "عثمان"), ("Bishara", "بشارة"), ("Qasim", "قاسم"), ("Ghanem", "غانم"),
                   ("Yassin", "ياسين"), ("Barakat", "بركات"), ("Morgan", "مورغان"), ("Walker", "ووكر"),
                   ("Carter", "كارتر"), ("Sabbagh", "صباغ"), ("Hamdan", "حمدان"), ("Shaheen", "شاهين")]
OUTLETS = [f"Outlet {i}" for i in range(60)]

EN = {
    "subject": ["The government", "Our ministry", "The central bank", "The city council", "Our company",
                "The national oil company", "This administration", "The port authority", "The health ministry",
                "The water authority", "Our coalition", "The regional government", "The board",
                "The electricity company", "The transport ministry", "We", "Our party", "The union",
                "The federation", "The agriculture ministry", "The housing agency", "The education ministry",
                "The railway company", "Our foundation", "The development fund"],
    "count": [("will build", "will not build"), ("has opened", "has not opened"),
              ("plans to deliver", "does not plan to deliver"), ("expects to create", "doesn't expect to create"),
              ("has approved", "has never approved"), ("will hand over", "won't hand over"),
              ("aims to finish", "does not aim to finish"), ("is ready to fund", "is not ready to fund")],
    "count_obj": ["new schools", "hospitals", "kilometres of new roads", "jobs for young people",
                  "affordable homes", "wind turbines", "electric buses", "water treatment plants", "classrooms",
                  "rural clinics", "bridges", "police stations", "housing units", "training centres", "small farms",
                  "solar farms", "football pitches", "public libraries", "desalination units", "fishing boats",
                  "grain silos", "fire engines", "primary care centres", "nursing homes", "bus depots"],
    "money": [("will invest $N million in", "will not invest $N million in"),
              ("has spent $N million on", "hasn't spent $N million on"),
              ("is set to borrow $N million for", "is not going to borrow $N million for"),
              ("will allocate $N million to", "will never allocate $N million to"),
              ("has raised $N million for", "has not raised $N million for")],
    "money_obj": ["the water network", "rural roads", "the new port", "the northern railway", "public hospitals",
                  "the power grid", "school meals", "flood defences", "the airport expansion", "social housing",
                  "the metro line", "irrigation canals", "broadband in villages", "the stadium project",
                  "refugee shelters", "the fishing harbour", "street lighting", "the old market",
                  "cancer research", "teacher training"],
    "percent": [("will cut X by N%", "will not cut X by N%"), ("expects X to rise by N%", "does not expect X to rise by N%"),
                ("has reduced X by N%", "has never reduced X by N%"), ("will raise X by N%", "won't raise X by N%")],
    "percent_obj": ["unemployment", "electricity prices", "fuel imports", "the budget deficit", "bread prices",
                    "water losses", "hospital waiting times", "carbon emissions", "youth unemployment",
                    "rents", "public debt", "wheat exports", "tourist arrivals", "traffic accidents",
                    "school dropout rates", "food waste", "gas bills", "inflation", "corporate taxes", "bus fares"],
    "in": "in",
    "time": ["by the end of next year", "within eighteen months", "before the summer", "over the next decade",
             "this quarter", "before the elections", "in the coming weeks", "next spring", "by 2030",
             "within two years", "before the winter", "this year", "over the next five years", "by the autumn"],
    "tail": ["", "", "", ", despite the crisis", ", as demand keeps growing", ", with help from our partners",
             ", according to the plan", ", if parliament agrees", ", because families need it",
             ", and we are proud of that", ", whatever the critics say", ", as we promised voters"],
    "filler": ["really", "indeed", "certainly", "also", "clearly", "definitely"],
    "lead": ["I can tell you that", "Let me be clear:", "Frankly,", "As I said before,", "We believe that",
             "I want to stress that", "Make no mistake,", "Today I can confirm that"],
    "joiners": [", and ", ", but ", "; ", " while "],
    "said": "{who} said: “{text}”.",
    "intro": "{who}, who spoke to reporters on {day}, addressed the issue again.",
}
AR = {
    "subject": ["الحكومة", "وزارتنا", "البنك المركزي", "مجلس المدينة", "شركتنا", "شركة النفط الوطنية",
                "الإدارة الحالية", "هيئة الميناء", "وزارة الصحة", "سلطة المياه", "ائتلافنا", "الحكومة الإقليمية",
                "مجلس الإدارة", "شركة الكهرباء", "وزارة النقل", "حكومتنا", "حزبنا", "النقابة", "الاتحاد",
                "وزارة الزراعة", "هيئة الإسكان", "وزارة التعليم", "شركة السكك الحديدية", "مؤسستنا", "صندوق التنمية"],
    "count": [("ستبني", "لن تبني"), ("افتتحت", "لم تفتتح"), ("تخطط لتسليم", "لا تخطط لتسليم"),
              ("تتوقع توفير", "لا تتوقع توفير"), ("وافقت على إنشاء", "لم توافق على إنشاء"), ("ستسلم", "لن تسلم"),
              ("تهدف إلى إنجاز", "لا تهدف إلى إنجاز"), ("مستعدة لتمويل", "ليست مستعدة لتمويل")],
    "count_obj": ["مدرسة جديدة", "مستشفى", "كيلومتر من الطرق الجديدة", "فرصة عمل للشباب", "وحدة سكنية ميسرة",
                  "توربينة رياح", "حافلة كهربائية", "محطة لمعالجة المياه", "فصل دراسي", "عيادة ريفية", "جسر",
                  "مركز شرطة", "مركز تدريب", "مزرعة صغيرة", "محطة طاقة شمسية", "ملعب كرة قدم", "مكتبة عامة",
                  "وحدة تحلية", "قارب صيد", "صومعة حبوب", "سيارة إطفاء", "مركز رعاية أولية", "دار مسنين",
                  "مرآب حافلات", "سوق شعبي"],
    "money": [("ستستثمر N مليون دولار في", "لن تستثمر N مليون دولار في"),
              ("أنفقت N مليون دولار على", "لم تنفق N مليون دولار على"),
              ("ستقترض N مليون دولار من أجل", "لن تقترض N مليون دولار من أجل"),
              ("ستخصص N مليون دولار ل", "لن تخصص N مليون دولار ل"),
              ("جمعت N مليون دولار لصالح", "لم تجمع N مليون دولار لصالح")],
    "money_obj": ["شبكة المياه", "الطرق الريفية", "الميناء الجديد", "السكك الحديدية الشمالية", "المستشفيات العامة",
                  "شبكة الكهرباء", "الوجبات المدرسية", "حواجز الفيضانات", "توسعة المطار", "الإسكان الاجتماعي",
                  "خط المترو", "قنوات الري", "الإنترنت في القرى", "مشروع الملعب", "ملاجئ اللاجئين",
                  "ميناء الصيد", "إنارة الشوارع", "السوق القديم", "أبحاث السرطان", "تدريب المعلمين"],
    "percent": [("ستخفض X بنسبة N%", "لن تخفض X بنسبة N%"), ("تتوقع ارتفاع X بنسبة N%", "لا تتوقع ارتفاع X بنسبة N%"),
                ("خفضت X بنسبة N%", "لم تخفض X بنسبة N%"), ("سترفع X بنسبة N%", "لن ترفع X بنسبة N%")],
    "percent_obj": ["البطالة", "أسعار الكهرباء", "واردات الوقود", "عجز الموازنة", "أسعار الخبز", "هدر المياه",
                    "فترات الانتظار في المستشفيات", "الانبعاثات الكربونية", "بطالة الشباب", "الإيجارات",
                    "الدين العام", "صادرات القمح", "أعداد السياح", "حوادث السير", "التسرب المدرسي",
                    "هدر الطعام", "فواتير الغاز", "التضخم", "ضرائب الشركات", "أجور النقل"],
    "in": "في",
    "time": ["بحلول نهاية العام المقبل", "خلال ثمانية عشر شهرا", "قبل الصيف", "خلال العقد المقبل", "في هذا الربع",
             "قبل الانتخابات", "في الأسابيع المقبلة", "في الربيع المقبل", "بحلول عام 2030", "خلال عامين",
             "قبل الشتاء", "هذا العام", "خلال السنوات الخمس المقبلة", "بحلول الخريف"],
    "tail": ["", "", "", " رغم الأزمة", " مع استمرار نمو الطلب", " بمساعدة شركائنا", " وفقا للخطة",
             " إذا وافق البرلمان", " لأن العائلات تحتاج ذلك", " ونحن فخورون بذلك", " مهما قال المنتقدون",
             " كما وعدنا الناخبين"],
    "filler": ["فعلا", "بالتأكيد", "أيضا", "حقا", "بوضوح", "بالفعل"],
    "lead": ["أستطيع أن أقول لكم إن", "بكل وضوح،", "بصراحة،", "كما قلت سابقا،", "نحن نعتقد أن",
             "أريد أن أؤكد أن", "لا شك أن", "أؤكد اليوم أن"],
    "joiners": ["، و", "، لكن ", "، بينما ", "، كما أن "],
    "said": "وقال {who}: «{text}».",
    "intro": "وكان {who} قد تحدث إلى الصحفيين يوم {day} حول المسألة.",
}
SYLLABLES_EN = ["ka", "ro", "mi", "ta", "lu", "sen", "dar", "vo", "ne", "bal", "tor", "shi", "ma", "gan", "rel",
                "zu", "fa", "kin", "ol", "ber", "sa", "mar", "tin", "go", "la", "ven", "dra", "po", "hal", "quin"]
SYLLABLES_AR = ["كا", "رو", "مي", "تا", "لو", "سن", "دار", "فو", "ني", "بال", "تور", "شي", "ما", "غان", "ريل",
                "زو", "فا", "كين", "أول", "بير", "سا", "مار", "تين", "غو", "لا", "فين", "درا", "بو", "هال", "كوين"]
DIACRITICS = "\u064e\u064f\u0650\u0651\u0652\u064b"
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


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
    """A base claim before perturbation: its parts, so variants can be rebuilt."""

    lang: str
    person: int
    subject: str
    verb: int
    kind: str
    obj: str
    n: int
    place: str
    time: str
    tail: str
    negated: bool = False


class Generator:
    """Deterministic (seeded) source of bases, variants and hard negatives."""

    def __init__(self, seed: int = 0, *, ar_share: float = 0.4) -> None:
        self.rng = random.Random(seed)
        self.ar_share = ar_share
        self.label = 0

    def place(self, lang: str) -> str:
        idx = [self.rng.randrange(len(SYLLABLES_EN)) for _ in range(self.rng.choice((2, 3, 3, 4)))]
        if lang == "ar":
            return "".join(SYLLABLES_AR[i] for i in idx)
        return "".join(SYLLABLES_EN[i] for i in idx).capitalize()

    def base(self, lang: str | None = None, *, like: Base | None = None) -> Base:
        r = self.rng
        lang = lang or ("ar" if r.random() < self.ar_share else "en")
        L = AR if lang == "ar" else EN
        kind = r.choice(("count", "count", "money", "percent"))
        return Base(lang=lang, person=like.person if like else r.randrange(len(PERSONS_GIVEN) * len(PERSONS_SURNAME)),
                    subject=like.subject if like else r.choice(L["subject"]), verb=r.randrange(len(L[kind])),
                    kind=kind, obj=r.choice(L[f"{kind}_obj"]), n=r.randint(2, 60) if kind == "percent" else r.choice((r.randint(2, 99), r.randint(100, 900))),
                    place=like.place if like else self.place(lang), time=r.choice(L["time"]), tail=r.choice(L["tail"]),
                    negated=r.random() < 0.15)

    def render(self, b: Base, *, n: int | None = None, negated: bool | None = None) -> tuple[str, list]:
        L = AR if b.lang == "ar" else EN
        n = b.n if n is None else n
        neg = b.negated if negated is None else negated
        verb = L[b.kind][b.verb][1 if neg else 0]
        num = str(n)
        if b.kind == "count":
            core = f"{verb} {num} {b.obj}"
            fig = (num, float(n), "count", "count")
        elif b.kind == "money":
            core = verb.replace("N", num) + (b.obj if verb.endswith("ل") else " " + b.obj)
            fig = (num, n * 1e6, "USD", "money")
        else:
            core = verb.replace("X", b.obj).replace("N", num)
            fig = (num, float(n), "percent", "percent")
        text = f"{b.subject} {core} {L['in']} {b.place} {b.time}{b.tail}"
        return text, [fig]

    def person(self, b: Base, *, surname_only: bool = False) -> tuple[str, str]:
        g, s = divmod(b.person, len(PERSONS_SURNAME))
        i = 1 if b.lang == "ar" else 0
        full = f"{PERSONS_GIVEN[g][i]} {PERSONS_SURNAME[s][i]}"
        return (PERSONS_SURNAME[s][i] if surname_only else full), full

    # -- perturbations ------------------------------------------------------------------
    def perturb(self, text: str, figs: list, lang: str, how: str) -> tuple[str, list]:
        r = self.rng
        L = AR if lang == "ar" else EN
        words = text.split()
        numbers = {f[0] for f in figs}
        protected = {w for w in words if any(ch.isdigit() for ch in w)} | {
            "not", "never", "won't", "doesn't", "hasn't", "لن", "لم", "لا", "ليست"}
        if how == "quotes":
            i = r.randrange(len(words))
            q = r.choice(("«»", "“”", '""', "‘’", "''"))
            words[i] = q[0] + words[i] + q[1]
            return " ".join(words), figs
        if how == "diacritics":
            if lang == "ar":
                out = []
                for ch in text:
                    out.append(ch)
                    if "\u0621" <= ch <= "\u064a":
                        if r.random() < 0.2:
                            out.append(r.choice(DIACRITICS))
                        elif r.random() < 0.04:
                            out.append("\u0640")
                return "".join(out), figs
            return text.upper() if r.random() < 0.3 else text.replace("'", "’"), figs
        if how == "digits" and lang == "ar":
            return text.translate(AR_DIGITS), [(f[0].translate(AR_DIGITS), *f[1:]) for f in figs]
        if how == "truncate":
            keep = max(7, int(len(words) * r.uniform(0.55, 0.85)))
            mark = r.choice(("…", "...", "… "))
            if r.random() < 0.5:
                kept = words[:keep]
                return " ".join(kept) + mark.strip(), [f for f in figs if f[0] in kept]
            kept = words[-keep:]
            return mark.strip() + " " + " ".join(kept), [f for f in figs if f[0] in kept]
        if how == "cut":
            cand = [i for i, w in enumerate(words[1:-1], 1) if w not in protected]
            if cand:
                del words[r.choice(cand)]
            return " ".join(words), figs
        if how == "add":
            words.insert(r.randrange(1, len(words)), r.choice(L["filler"]))
            return " ".join(words), figs
        if how == "lead":
            first = words[0] if lang == "ar" else words[0][:1].lower() + words[0][1:]
            return " ".join([r.choice(L["lead"]), first, *words[1:]]), figs
        if how == "embed":
            other, ofigs = self.render(self.base(lang))
            joiner = r.choice(L["joiners"])
            if r.random() < 0.5:
                return text + joiner + other, figs + ofigs
            return other + joiner + (text if lang == "ar" else text[:1].lower() + text[1:]), ofigs + figs
        return text, figs

    def variants(self, b: Base, label: int, size: int) -> Iterator[GenClaim]:
        r = self.rng
        text, figs = self.render(b)
        yield GenClaim(text, "", b.lang, label, figs, "base")
        hows = ["copy", "copy", "quotes", "diacritics", "digits", "truncate", "cut", "add", "lead", "embed", "number"]
        for _ in range(size - 1):
            how = r.choice(hows)
            if how == "number":
                n = b.n + r.choice((-1, 1)) * r.randint(1, max(1, b.n // 4))
                t, f = self.render(b, n=max(n, 1))
                yield GenClaim(t, "", b.lang, label, f, "number", drift=True)
                continue
            t, f = self.perturb(text, figs, b.lang, how)
            if r.random() < 0.25:
                second = r.choice(("quotes", "diacritics", "add", "cut") + (("truncate",) if how != "truncate" else ()))
                t, f = self.perturb(t, f, b.lang, second)
                how = f"{how}+{second}"
            yield GenClaim(t, "", b.lang, label, f, how)

    def groups(self) -> Iterator[tuple[Base, list[GenClaim]]]:
        """Endless stream of true clusters: a base with its copies, then its hard negatives."""
        r = self.rng
        while True:
            b = self.base()
            self.label += 1
            parent = self.label
            yield b, list(self.variants(b, self.label, min(12, 1 + int(r.expovariate(1 / 3)))))
            if r.random() < 0.3:  # the negated claim, by the same speaker, with its own copies
                nb = Base(**{**b.__dict__, "negated": not b.negated})
                self.label += 1
                yield nb, [hard(c, "negation", self.label - 1) for c in self.variants(nb, self.label, r.randint(1, 3))]
            if r.random() < 0.3:  # same speaker, same subject and place, different sentence and numbers
                ob = self.base(b.lang, like=b)
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
        L = AR if self.lang == "ar" else EN
        parts = [f"Title {self.serial}", ""]
        spans: list[tuple[int, GenClaim, str]] = []
        pos = len(parts[0]) + 2
        for c, who, full in self.claims:
            if who != full:
                intro = L["intro"].format(who=full, day=self.published) + " "
                parts.append(intro)
                pos += len(intro)
            sentence = L["said"].format(who=who, text=c.text)
            spans.append((pos + sentence.index(c.text), c, who))
            parts.append(sentence + "\n")
            pos += len(sentence) + 1
        text = parts[0] + "\n\n" + "".join(parts[2:])
        art = Article(id=stable_id("bench-article", self.serial, text[:64]), text=text, title=parts[0],
                      body_start=len(parts[0]) + 2, lang=self.lang, outlet=self.outlet, published=self.published,
                      file=f"bench-{self.serial}.txt")
        claims, figures = [], []
        for start, c, who in spans:
            assert text[start:start + len(c.text)] == c.text
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
