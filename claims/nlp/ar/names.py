"""Speakers: splitting a subject noun phrase into role and name, typing it, and resolving later
mentions within one article to the fullest name.

A subject such as ``وزير الدفاع الكندي #جون_هارت`` is read left to right: a title starts a
role, a title or construct noun without ال takes the next word as its genitive (so كبير مفاوضي
#الاتحاد_الأوروبي stays in the role), ال-words and gentilics extend it, and the last run of
name-like words is the name. :class:`Registry` remembers every person named in the article so
that ``نصار`` later resolves to ``سامي نصار`` and ``الوزيرة`` to the minister named before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from claims.nlp.ar.cues import COMPLEMENTIZERS, preposition_then_clause
from claims.nlp.ar.forms import verb_forms
from claims.nlp.ar.lex import Lexicon, lexicon, match_phrase, phrase_index
from claims.nlp.ar.words import QUOTE_CHARS, Word, strip_article, strip_preposition
from claims.normalize import normalize, normalized, strip_diacritics

_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9.&'’-]*$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
NUMBER_WORDS = frozenset(normalize(w) for w in (
    "اثنان اثنين اثنتان اثنتين ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية ثماني تسعة تسع عشرة عشر "
    "عشرات مئات آلاف بعض عدد عدة معظم أغلب كل جميع مجموعة").split())
# Name words that take an ال-word after them inside one name (عبد الفتاح, أبو الغيط).
NAME_LINKS = frozenset(normalize(w) for w in "عبد أبو أبي بن ابن بنت آل ذو".split())
# Second halves of compound given names and surnames (نور الدين, نصر الله, سيف الإسلام).
COMPOUND_SECONDS = frozenset(normalize(w) for w in "الدين الله الإسلام الرحمن الحق".split())
PRONOUN_REFS = frozenset(normalize(w) for w in "أحدهم أحدهن إحداهن أحدهما بعضهم".split())


@dataclass
class Speaker:
    """Who a claim is attributed to."""

    name: str  # fullest form known, as written (hashtags and quotes cleaned)
    mention: str  # the words at this claim, as written
    role: str | None = None
    type: str = "person"  # person | organisation | anonymous | group | document
    gender: str | None = None
    number: str = "s"

    @property
    def key(self) -> str:
        return normalized(self.name)


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """A name as a speaker label: hashtag marks and underscores out, quotes and edges trimmed."""
    t = text.replace("#", "").replace("_", " ")
    t = "".join(ch for ch in t if ch not in QUOTE_CHARS and ch not in "\u200f\u200e\u202c\u202d")
    return " ".join(t.split()).strip(" ،,.:؛")


def is_latin(w: Word) -> bool:
    """A Latin-script word (DataCorp, Nexa)."""
    return _latin(w.text)


@lru_cache(maxsize=65536)
def _latin(text: str) -> bool:
    """:func:`is_latin` of a word written ``text``, once per spelling."""
    return bool(_LATIN.match(text))


def name_like(w: Word) -> bool:
    """Could ``w`` be (part of) a proper name: not punctuation, function word, title, common
    head noun, gentilic or cue verb, and not a definite (ال) word."""
    return _name_like(w.text, w.norm, w.bare)


@lru_cache(maxsize=65536)
def _name_like(text: str, norm: str, bare: str) -> bool:
    """:func:`name_like` of a word written ``text``, answered once per spelling (it does not
    depend on where the word stands)."""
    w = Word(text, 0, 0, norm, bare)
    lex = lexicon()
    if w.is_punct or w.norm.isdigit() or any(ch.isdigit() for ch in w.norm):
        return False
    if w.hashtag:
        return not w.definite
    if is_latin(w):
        return True
    n = w.norm
    if len(n) < 2:
        return False  # a preposition written apart with a tatweel (لـ"سي إن إن", بـ)
    if len(text) > 4 and strip_diacritics(text)[:2] in ("لأ", "لإ", "بأ", "بإ"):
        return False  # لأصحاب, بإدارة: ل/ب written solid before a hamza word, not a name
    if n == "علي" and w.text.rstrip("\u064b-\u065f").endswith("ي"):
        return True  # the name علي, written with ya; the preposition is على
    if (n in lex.function_words or n in COMPLEMENTIZERS) and "آ" not in w.text[:2] or lex.is_honorific(n):
        return False
    if w.definite:
        return False
    base = strip_article(n)
    if base in lex.titles or base in lex.modifiers or base in lex.org_nouns or base in lex.collectives:
        return False
    if base in lex.anonymous or base in lex.source_nouns or n in NUMBER_WORDS:
        return False
    if n in verb_forms() or w.bare in verb_forms():
        return False
    if prep_noun(n, lex):
        return False
    if "\u064b" in w.text or object_noun(n, lex):
        return False  # "موجهاً", "حديثه", "تفاصيل": an adverbial accusative or an object noun
    if n[:1] in "لب" and len(n) >= 6 and n.endswith(("ها", "هم", "هما")):
        return False  # "لاقتنائها", "بتصريحاتهم": a preposition, a noun and a pronoun
    return True


_SUFFIXES = ("هما", "هم", "هن", "ها", "ه")


def short_surname(ws: list[Word], k: int, lex: Lexicon | None = None) -> bool:
    """Word ``k`` is a one-syllable surname written like a particle (جاك ما): listed in
    ``short_surnames.txt``, right after a given name, and followed by what ends a name
    (punctuation, a complementizer, a cue verb, a title or an ال-word that is no particle)."""
    lex = lex or lexicon()
    if ws[k].norm not in lex.short_surnames or k == 0 or not name_like(ws[k - 1]):
        return False
    if k >= 2 and strip_article(ws[k - 2].norm) in EAST_ASIAN:
        return True  # "رجل الأعمال الصيني جاك ما بلغت ثروته": the gentilic announces such a name
    nxt = ws[k + 1] if k + 1 < len(ws) else None
    return nxt is None or nxt.is_punct or nxt.norm in COMPLEMENTIZERS or nxt.norm in verb_forms() \
        or nxt.bare in verb_forms() or lex.is_title(nxt.norm) or nxt.definite and nxt.norm not in lex.function_words


EAST_ASIAN = frozenset(normalize(w) for w in "صيني صينية كوري كورية ياباني يابانية فيتنامي فيتنامية تايواني تايوانية".split())


def participle_shape(n: str) -> bool:
    """A normalised word shaped like a circumstantial participle of a derived verb form in the
    accusative (موجها, متحدثا, منتقدا, مستشهدا): م, a consonant, and a final alif."""
    if len(n) < 5 or n[0] != "م" or not n.endswith("ا") or n[1] in "اي":
        return False
    return len(n) == 5 or n.startswith("مست") or len(n) == 6 and "ت" in n[1:3]


def adverbial(ws: list[Word], k: int, lex: Lexicon | None = None) -> bool:
    """Word ``k`` is a circumstantial participle with its object or preposition after it
    ("الرئيس موجها حديثه إلى", "موجها التحية"), not a name ("مونيا الهاشمي"): the participle
    shape, and after it a preposition, an object noun, punctuation or an ال-noun that is not a
    nisba surname."""
    lex = lex or lexicon()
    w = ws[k]
    if "\u064b" in w.text:
        return True
    if w.is_punct or is_latin(w) or not participle_shape(w.norm):
        return False
    nxt = ws[k + 1] if k + 1 < len(ws) else None
    return nxt is None or nxt.is_punct or nxt.norm in lex.function_words or object_noun(nxt.norm, lex) \
        or prep_noun(nxt.norm, lex) or nxt.definite and not nxt.norm.endswith("ي")


def object_noun(n: str, lex: Lexicon | None = None) -> bool:
    """A normalised word that is a verbal or abstract noun of ``object_nouns.txt``, also with
    a pronoun suffix (حديثه, دعمها) or the article."""
    lex = lex or lexicon()
    base = strip_article(n)
    if base in lex.object_nouns:
        return True
    for suf in _SUFFIXES:
        if base.endswith(suf) and len(base) - len(suf) >= 3 and base[:-len(suf)] in lex.object_nouns:
            return True
    return False


def prep_noun(n: str, lex: Lexicon | None = None) -> bool:
    """A normalised word that is a one-letter preposition written solid on a definite or
    lexicon noun (بمجلس, لوكالة, بحركة, لحقوق): no name. The
    remainder must start with ال or be a title, organisation, source, group or anonymous head,
    so names that merely begin with ب or ل (بوتين, لطفي, بلال) are left alone."""
    lex = lex or lexicon()
    if len(n) <= 3 or n[0] not in "بل" or n.startswith("ال"):
        return False
    rest = n[1:]
    if rest.startswith("ال"):
        return True
    return rest in lex.titles or rest in lex.org_nouns or rest in lex.source_nouns or rest in lex.collectives \
        or rest in lex.anonymous or rest in CONSTRUCT_NOUNS or (rest,) in lex.outlets or addressee(n, lex) \
        or (rest,) in lex.places  # (المحكمة الابتدائية بتونس)


def addressee(n: str, lex: Lexicon | None = None) -> bool:
    """A normalised word with a solid ل that names the one a speaker addresses: ل + أحد/إحدى,
    or ل + a title or group noun with a pronoun suffix (لنظيره, لمساعديه, لمراسلنا, لأنصاره),
    never a role's genitive (المستشار لرئيس الحكومة)."""
    if len(n) < 4 or n[0] != "ل" or n.startswith(("ال", "لل")):
        return False
    rest = n[1:]
    if rest in ("احد", "احدي", "احدى"):
        return True
    lex = lex or lexicon()
    for suf in ("هما", "هم", "ها", "نا", "ه"):  # (لمراسلنا: "to our correspondent")
        if rest.endswith(suf) and len(rest) - len(suf) >= 3:
            stem = rest[:-len(suf)]
            for s in (stem, stem[:-1] + "ه" if stem.endswith("ت") else stem,
                      stem[:-1] if stem.endswith("ي") else stem):  # نظيرته, مساعديه
                if s in lex.titles or s in lex.collectives or s in lex.anonymous:
                    return True
    return False


# Common construct nouns that follow a role behind ل/ب ("المقرر الأممي لحقوق الطفل",
# "وزير الدولة لشؤون الخارجية"): with the preposition they never start a name.
CONSTRUCT_NOUNS = frozenset(normalize(w) for w in "حقوق شؤون شئون قضايا ملف ملفات".split())


def _closes_chain(w: Word, lex: Lexicon) -> bool:
    """A genitive that ends a construct chain: definite, a place, a Latin or hashtag name."""
    n = strip_preposition(w.norm) if w.norm[:1] in "لب" and not w.norm.startswith("ال") else w.norm
    return w.definite or w.hashtag or is_latin(w) or w.text[-1] in QUOTE_CHARS or n in _single_places() \
        or bool(_ASCII_LETTER.search(w.text))


def _surname_slot(ws: list[Word], run: list[int], k: int, lex: Lexicon) -> bool:
    """Whether the ال-word at ``k`` continues the name ``run``: right after a name link (عبد
    الفتاح), or as the one ال-word after the given names when it is a nisba (العتيبي, المرزوقي) or
    ends the subject (before punctuation, a complementizer, a title or a verb): "دونالد ترامب
    الملف النووي" and "فلان الأزمة بين …" keep the noun phrase out of the name."""
    prev = ws[run[-1]]
    if prev.norm in NAME_LINKS or ws[k].norm in COMPOUND_SECONDS:
        return True  # عبد الفتاح; نور الدين, نصر الله: the second half of a compound name
    if prev.definite and not (len(run) > 1 and (ws[run[-2]].norm in NAME_LINKS or prev.norm in COMPOUND_SECONDS)):
        return False  # one ال-word after the given names
    if ws[k].norm.endswith("ي"):
        return True
    nxt = ws[k + 1] if k + 1 < len(ws) else None
    if nxt is not None and preposition_then_clause(ws, k + 1):
        return True  # "… عبد الحق الخيام على أن": the verb's preposition and its أن-clause follow
    return nxt is None or nxt.is_punct or nxt.norm in COMPLEMENTIZERS or lex.is_title(nxt.norm) \
        or nxt.norm not in lex.function_words and (nxt.norm in verb_forms() or nxt.bare in verb_forms())


def _spelled_unlike_title(w: Word, lex: Lexicon) -> bool:
    """A word that normalises to a title but is written otherwise (a name spelled without the
    title's hamza): inside a running name it is part of the name."""
    return strip_diacritics(w.text) not in lex.titles_written


def plain_definite(w: Word, lex: Lexicon | None = None) -> bool:
    """An ال-word that no lexicon knows (no title, adjective, organisation, source, group,
    place, function word or cue verb): it may be part of a name (المنصف, المرزوقي)."""
    if not w.definite or w.is_punct:
        return False
    lex = lex or lexicon()
    base = strip_article(w.norm)
    return not (base in lex.titles or base in lex.modifiers or base in lex.org_nouns or base in lex.source_nouns
                or base in lex.collectives or base in lex.anonymous or (w.norm,) in lex.places
                or w.norm in lex.function_words or w.norm in verb_forms() or w.bare in verb_forms())


def name_part(w: Word, lex: Lexicon | None = None) -> bool:
    """A word that can continue a name: name-like, a hashtag, or a plain ال-word."""
    lex = lex or lexicon()
    return name_like(w) or w.hashtag or plain_definite(w, lex)


def _name_follows(ws: list[Word], k: int, lex: Lexicon) -> bool:
    """Word ``k`` is the one-word genitive of a preposition or construct noun and a name of two
    or more words follows it to the end of the subject (المتحدث باسم حداد سامر ناصيف)."""
    if not name_like(ws[k]) or k == 0 or ws[k - 1].norm not in lex.function_words:
        return False
    m = k + 1
    while m < len(ws) and not ws[m].is_punct and (name_like(ws[m]) or ws[m].hashtag
                                                  or m > k + 1 and plain_definite(ws[m], lex)):
        m += 1  # (… في هلسنكي رامي الحلبي: an ال-surname ends the name)
    return m - k - 1 >= 2 and (m == len(ws) or ws[m].is_punct)


def _name_after_closed(ws: list[Word], k: int, lex: Lexicon) -> bool:
    """Word ``k`` follows a definite noun behind ل/ب (للشغل, بالحزب), which needs no genitive,
    and starts a name of two or more words that runs to the end of the subject; a one-word
    tail (للسياحة بسوسة) stays in the role."""
    p = ws[k - 1] if k > 0 else None
    if p is None or not p.definite or p.norm[:1] not in "لب" or p.norm.startswith("ال") or not name_like(ws[k]):
        return False
    m = k + 1
    while m < len(ws) and not ws[m].is_punct and name_part(ws[m], lex):
        m += 1
    return m - k >= 2 and (m == len(ws) or ws[m].is_punct or ws[m].norm in COMPLEMENTIZERS)


@lru_cache(maxsize=1)
def _single_places() -> frozenset[str]:
    """One-word place names."""
    return frozenset(k[0] for k in lexicon().places if len(k) == 1)


@dataclass
class Split:
    """A subject split into its parts (word index ranges into the subject's words)."""

    role: tuple[int, int] | None
    name: tuple[int, int] | None


def split_role_name(ws: list[Word]) -> Split:
    """Role words and the name words of a subject (see module doc)."""
    lex = lexicon()
    outlet_firsts, _ = phrase_index(lex.outlets)
    i, n = 0, len(ws)
    while i < n and lex.is_honorific(ws[i].norm):
        i += 1
    run: list[int] = []
    last_run: list[int] = []
    role_end = None
    expect_gen = False
    saw_title = False
    first_title = n
    k = i
    while k < n:
        w = ws[k]
        nrm = w.norm
        if w.is_punct and w.text in QUOTE_CHARS:
            k += 1
            continue
        if w.is_punct:
            break
        base = strip_article(nrm)
        if expect_gen and _name_after_closed(ws, k, lex):
            expect_gen = False  # "الأمين العام للاتحاد … للشغل نور الدين الطبوبي": the name follows
        if expect_gen:
            # a named outlet is one closed genitive (مراسل بي بي سي فلان, مراسل رويترز في …)
            m = match_phrase(lex.outlets, [x.norm for x in ws[k:k + 4]], 0, 4) if nrm in outlet_firsts else 0
            if m:
                expect_gen = False
                role_end = k + m
                if run:
                    last_run, run = run, []
                k += m
                continue
            # the word is the genitive (or object) of the previous construct noun or preposition
            expect_gen = not _closes_chain(w, lex) and not w.hashtag and not _name_follows(ws, k, lex)
            if nrm in lex.function_words:
                expect_gen = True
            role_end = k + 1
            if run:
                last_run, run = run, []
            k += 1
            continue
        if len(run) == 1 and w.definite and base in lex.titles and k == n - 1 and name_like(ws[run[0]]) \
                and not w.conj and k > 0 and ws[k - 1] is ws[run[0]]:
            run.append(k)  # "شوقي الطبيب", "محمد القاضي": a family name spelt like a title ends the words
            k += 1
            continue
        if _titled(nrm) and not (
                run and not w.definite and k + 1 < n and name_part(ws[k + 1], lex) and _spelled_unlike_title(w, lex)):
            # (a title word written unlike the title inside a running name is part of it)
            if not saw_title:
                first_title = k
            saw_title = True
            if run:
                last_run, run = run, []
            role_end = k + 1
            # a title with a pronoun suffix (كاتبها) takes no genitive after it
            expect_gen = not w.definite and (base in lex.titles or strip_preposition(nrm) in lex.titles)
            k += 1
            continue
        if w.hashtag and not w.definite:
            if run:
                last_run = run
            run = []
            last_run = [k]
            k += 1
            continue
        if not run and saw_title and nrm.startswith("ال") and plain_definite(w, lex) and k + 1 < n and (
                name_like(ws[k + 1]) or lex.is_title(ws[k + 1].norm) and k + 2 < n and name_part(ws[k + 2], lex)) \
                and not strip_diacritics(w.text).endswith("ة"):  # (وزير الشؤون الخارجية فلان: an adjective)
            run.append(k)  # a name that starts with an ال-word after its role (الرئيس المنصف بن عمار)
            k += 1
            continue
        if run and ws[run[-1]].norm in lex.short_surnames and not name_like(ws[run[-1]]):
            break  # "الصيني جاك ما بلغت ثروته": a short surname ends the name and the subject
        if len(run) >= 2 and ws[run[-1]].definite and ws[run[-1]].norm.endswith("ي") and name_like(w) \
                and ws[run[-2]].norm not in NAME_LINKS and nrm not in NAME_LINKS and not w.definite:
            break  # "فريد العامري بقصر قرطاج وفدا": a nisba surname ends the name
        if name_like(w) or run and lex.is_title(nrm) and not w.definite and _spelled_unlike_title(w, lex) \
                or run and short_surname(ws, k, lex):
            if not run and last_run and last_run[-1] == k - 1 and ws[k - 1].hashtag:
                run = [last_run[-1]]  # "#سامي_ نصار": a broken hashtag and the rest of the name
            run.append(k)
            k += 1
            continue
        # ال-word: part of the name when a name has begun and it is no role word, and no
        # definite word follows it (الحاجي إن, not الملف النووي: a noun phrase after the name)
        if run and w.definite and (base not in lex.modifiers or base in lex.gentilics and len(run) >= 2) \
                and base not in lex.titles and base not in lex.org_nouns and base not in lex.source_nouns \
                and len(run) < 4 and _surname_slot(ws, run, k, lex):
            run.append(k)
            k += 1
            continue
        if run:
            last_run, run = run, []
        if nrm in lex.function_words or (nrm[:1] in "لب" and not nrm.startswith("ال") and len(nrm) > 2):
            expect_gen = True
        elif base in lex.org_nouns or (saw_title and not w.definite):
            expect_gen = True
        role_end = k + 1
        k += 1
    if run:
        last_run = run
    if last_run:
        a, b = last_run[0], last_run[-1] + 1
        if a == i and first_title >= b and (role_end or 0) > first_title:
            return Split((first_title, role_end), (a, b))  # "فلان الفلاني رئيس الهيئة": name, then role
        role = (i, a) if saw_title and a > i else None
        if role is None and role_end is not None and saw_title:
            role = (i, min(role_end, a) if a > i else role_end)
        return Split(role, (a, b))
    return Split((i, n) if saw_title else None, None)


@lru_cache(maxsize=65536)
def _titled(norm: str) -> bool:
    """A title, also behind a solid preposition (لوزير)."""
    lex = lexicon()
    return lex.is_title(norm) or lex.is_title(strip_preposition(norm))


def head_type(ws: list[Word]) -> tuple[str | None, str]:
    """(type, number) from the head of a subject without a name: anonymous, group, organisation,
    document; ``(None, "s")`` when nothing is known."""
    lex = lexicon()
    toks = [w for w in ws if not w.is_punct]
    if not toks:
        return None, "s"
    k = 0
    while k < len(toks) - 1 and (toks[k].norm in NUMBER_WORDS or toks[k].norm.isdigit()):
        k += 1
    if 0 < k < len(toks) and toks[k].norm == "من":
        return "group", "p"  # "اثنتان من العاملات": a number heads the group
    head = strip_article(strip_preposition(toks[k].norm) if toks[k].norm[:1] == "ل" else toks[k].norm)
    plural = head in lex.collectives
    if toks[0].norm in PRONOUN_REFS or head in PRONOUN_REFS:
        return "anonymous", "s"
    if head in lex.anonymous:
        typ = lex.anonymous[head]
        if toks[k].definite and typ == "anonymous":
            if not plural:
                return None, "s"  # المتحدث, المسؤول: a role, resolved like a title
            typ = "group"
        return typ, "p" if plural else "s"
    if plural:
        return "group", "p"
    norms = [w.norm for w in toks]
    if head in lex.org_nouns or match_phrase(lex.places, norms, 0, lex.max_place):
        return "organisation", "s"
    if head in lex.source_nouns:
        return ("organisation" if lex.source_nouns[head] == "outlet" else "document"), "s"
    if all(is_latin(w) or w.text[0] in QUOTE_CHARS for w in toks):
        return "organisation", "s"
    return None, "s"


def feminine_title(ws: list[Word]) -> bool:
    """The role's head is a feminine noun (المفوضة, النائبة, الوزيرة)."""
    lex = lexicon()
    for w in ws:
        if lex.is_title(w.norm):
            return w.norm.endswith("ه") and not w.norm.endswith("يه")
    return False


@lru_cache(maxsize=65536)
def word_set(key: str) -> frozenset[str]:
    """The words of a normalised name, as a set (for the subset tests of name resolution)."""
    return frozenset(key.split())


@dataclass
class Person:
    """A person (or body) named in the article."""
    name: str
    role: str | None = None
    gender: str | None = None
    type: str = "person"
    tokens: tuple[str, ...] = field(default_factory=tuple)


def _consonants(word: str) -> str:
    """A normalised word without its long vowels ا و ي (the letters transliterations vary)."""
    return word.translate(_VOWELS)


_VOWELS = str.maketrans("", "", "اوي")


class Registry:
    """People and bodies named in one article, for resolving later partial mentions."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}  # normalised full name -> person
        self._by_token: dict[str, str] = {}  # one name word -> normalised full name
        # (normalised role words, full name key, offset where the role was given; -1 when read
        # during the sentence pass, i.e. before the mention being resolved)
        self._roles: list[tuple[str, str, int]] = []
        self._bodies: dict[tuple[str, ...], str] = {}  # words without ال -> first naming
        self._body_order: list[tuple[tuple[str, ...], str]] = []
        self._vocab: frozenset[str] | None = None  # the words of all people's keys (see resolve)
        self._bones: dict[str, set[str]] | None = None  # consonants of long name words -> keys

    def add(self, name: str, role: str | None = None, gender: str | None = None, type: str = "person",
            at: int = -1) -> Person:
        key = normalized(name)
        if not key:
            return Person(name)
        self._vocab = self._bones = None
        toks = tuple(key.split())
        # a fuller form of a known name replaces it ("نصار" then "سامي نصار")
        replaced = set()
        for other in list(self.people):
            ot = tuple(other.split())
            if len(ot) < len(toks) and set(ot) <= set(toks):
                old = self.people.pop(other)
                replaced.add(other)
                role = old.role or role  # (the first mention usually gives the full title)
                gender = gender or old.gender
        p = self.people.get(key)
        if p is None:
            for other, q in self.people.items():
                if set(toks) <= set(other.split()):
                    p = q
                    break
        if p is None:
            p = Person(name, role, gender, type, toks)
            self.people[key] = p
            for t in toks:  # words of a replaced shorter form now point here
                if self._by_token.get(t) not in self.people:
                    self._by_token.pop(t, None)
        else:
            p.role = p.role or role
            p.gender = p.gender or gender
        if len(p.tokens) > 1 or type == "person":
            for t in p.tokens:
                if len(t) > 2 and self._by_token.get(t) not in self.people:
                    self._by_token[t] = normalized(p.name)
        if replaced:  # roles given to the shorter form now lead to the fuller one
            self._roles = [(r, normalized(p.name) if k in replaced else k, pos) for r, k, pos in self._roles]
        if role:
            self._roles.append((normalized(role), normalized(p.name), at))
        return p

    def body(self, name: str, type: str) -> str:
        """The first naming of an organisation or group this mention repeats: المسؤولون الهنود
        after مسؤولون هنود (same words, article aside), الهيئة after الهيئة الوطنية (a
        definite head alone). Unknown bodies are remembered and returned as they are."""
        toks = normalized(name).split()
        key = tuple(strip_article(t) for t in toks)
        if not key:
            return name
        if key in self._bodies:
            return self._bodies[key]
        if len(toks) == 1 and toks[0].startswith("ال") and type == "organisation":
            for k2, full in reversed(list(self._body_order)):
                if len(k2) > 1 and normalized(full).split()[0] == toks[0]:
                    return full
        if len(key) >= 2 and type in ("organisation", "role"):
            # a shorter form of a body named in full before (إدارة المعلومات after إدارة معلومات
            # الطاقة; المتحدث باسم الداخلية after المتحدث باسم وزارة الداخلية): same head, fewer words
            for k2, full in reversed(list(self._body_order)):
                if len(k2) > len(key) and k2[0] == key[0] and set(key) <= set(k2):
                    return full
        self._bodies[key] = name
        self._body_order.append((key, name))
        return name

    def earlier_body(self, head: str) -> str | None:
        """The last body first named with the (article-less, normalised) head ``head``
        (المصدر -> "مصدر مسؤول في الوزارة" named before), or None."""
        for key, full in reversed(self._body_order):
            if key and key[0] == head and len(key) > 1:
                return full
        return None

    def surname(self, norm: str) -> Person | None:
        """The one known person whose name of two or more words ends with the (normalised)
        word ``norm``: "ما" for جاك ما."""
        found = [p for p in self.people.values() if len(p.tokens) > 1 and p.tokens[-1] == norm
                 and p.type == "person"]
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str) -> Person | None:
        """The known person a (partial) name refers to: exact, a sub-sequence of a fuller name,
        or one word of one."""
        key = normalized(name)
        if key in self.people:
            return self.people[key]
        toks = key.split()
        words = word_set(key)
        if self._vocab is None:
            self._vocab = frozenset(t for k in self.people for t in word_set(k))
        if words <= self._vocab:  # (else no name holds all the words)
            cands = [p for k, p in self.people.items() if words <= word_set(k)]
            if len(cands) == 1:
                return cands[0]
        if len(toks) == 1 and toks[0] in self._by_token:
            return self.people.get(self._by_token[toks[0]])
        if len(toks) == 1 and len(toks[0]) >= 7:
            return self._spelled_otherwise(toks[0])
        return None

    def _spelled_otherwise(self, tok: str) -> Person | None:
        """A foreign name transliterated another way in the same article (برايثويت for
        برايثوايت, ماكدوغال for مكدوغال): a known name word of seven letters or more with the
        same consonants, the long vowels ا و ي aside, and only one. (One letter apart is not
        enough: الشمري and العمري are two families; nor are short names: محمد, محمود.)"""
        bones = _consonants(tok)
        if len(bones) < 4:
            return None
        if self._bones is None:
            self._bones = {}
            for t, key in self._by_token.items():
                if len(t) >= 7:
                    self._bones.setdefault(_consonants(t), set()).add(key)
        hits = self._bones.get(bones, ())
        return self.people.get(next(iter(hits))) if len(hits) == 1 else None

    def by_role(self, title: str, before: int | None = None) -> Person | None:
        """The person most recently given a role starting with ``title`` (المفوضة -> the
        commissioner); with ``before`` (an offset), one whose role was given before it when
        there is one (the article's whole read registers later roles too)."""
        t = [strip_article(x) for x in normalized(title).split()]
        if not t:
            return None
        later = None
        for role, key, pos in reversed(self._roles):
            r = [strip_article(x) for x in role.split()]
            if r[:len(t)] == t and key in self.people:
                if before is None or pos < before:
                    return self.people[key]
                later = later or self.people[key]
        return later
        for role, key in reversed(self._roles):
            r = [strip_article(x) for x in role.split()]
            if r[:len(t)] == t and key in self.people:
                return self.people[key]
        return None
