"""Shared state and helpers of the Arabic attribution pass: the article being read
(:class:`State`), validated cues (:class:`Frame`), word classes and small word tests used by
the subject, frame, speaker and source modules."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import and_

from claims.model import Claim
from claims.nlp.ar.cues import COMPLEMENTIZERS, Cue, may_open_cue
from claims.nlp.ar.forms import verb_forms
from claims.nlp.ar.lex import lexicon, match_phrase, phrase_index
from claims.nlp.ar.names import clean, head_type, Registry, Speaker, Split, split_role_name
from claims.nlp.ar.sources import find_sources, may_open_source, noun_of, Source
from claims.nlp.ar.words import COMMAS, forms, QUOTE_CHARS, strip_article, Word
from claims.nlp.segment import Quote
from claims.normalize import normalize
MAX_ZONE = 30  # words between a verb cue and its complement
SENT_END = frozenset(".!?؟…")
BREAK = frozenset(normalize(w) for w in (
    "وهو وهي وهم وهما الذي التي الذين اللذان اللتان اليوم أمس يوم مساء صباح ليلة الخميس الجمعة "
    "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء خلال عبر أمام ردا لدى بعد قبل أثناء حيث "
    "فيها فيه عليها عليه نقلا ونقلا قبيل بعيد غداة عقب إثر أثر بالقول بما لما مما الأسبوع الشهر").split())
CONNECTIVES = frozenset(normalize(w) for w in (
    "لكن لكنه لكنها ولكن ولكنه إلا أنه أنها غير ثم كما قد وقد بينما فيما كذلك أيضا حيث حين "
    "هنا وهنا عندها وعندها حينها وحينها بعدها وبعدها").split())
KANA = frozenset(normalize(w) for w in (
    "كان كانت كانوا وكان وكانت وكانوا ظل ظلت وظل وظلت زال وما ما لا يزال تزال يزالون قد وقد").split())
SEND_VERBS = frozenset(normalize(w) for w in "بعث أرسل وجه نشر أصدر وزع كتب بعثت أرسلت وجهت نشرت أصدرت كتبت".split())
OWN_DOCS = frozenset(normalize(w) for w in ("مذكرة", "رسالة"))
SAME = frozenset(normalize(w) for w in "ذاته ذاتها نفسه نفسها".split())
AUTHOR_VERBS = frozenset(normalize(w) for w in "أجراه أجرته أعده أعدته أعدها أعدتها وضعه وضعته".split())
PUBLISH = frozenset(normalize(w) for w in "ونشرته ونشرها نشرته نشرها ونشرتها نشرتها".split())
# "published in" after a document (دراسة نشرت في دورية "…", التقرير المنشور في صحيفة …): the
# outlet after في is where the document appeared, the claim's source
PUBLISHED_IN = frozenset(normalize(w) for w in "نشرت نشر صدرت صدر المنشورة المنشور الصادرة الصادر منشورة منشور".split())
AFTER_NO_VERB = frozenset(normalize(w) for w in "من في إلى على عن مع ب ل حول بشأن ضد دون عند لدى".split())
WHAT = frozenset(normalize(w) for w in "ما".split())
VERBY_PREFIX = ("ي", "ت")
# Adverbs between a cue verb (and its subject) and what it says (يؤكد بانتظام أن, أكد مجددا).
ADVERBS = frozenset(normalize(w) for w in "بانتظام باستمرار بشدة مجددا صراحة علنا مرارا دائما بدوره بدورها بدورهم أيضا كذلك".split())
# Nominal cues that can stand in parentheses between a verb's subject and its content.
PAREN_CUES = frozenset(normalize(w) for w in "بحسب حسب حسبما وفقا وفق طبقا نقلا".split())
# "بالقول إن …": what a verb (ردّ, اكتفى, علّق) says, after its subject.
QAWL = frozenset(normalize(w) for w in "بالقول بقوله بقولها بقولهم".split())
NUMBERS = frozenset(normalize(w) for w in "اثنان اثنين اثنتان اثنتين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة".split())


@dataclass
class Frame:
    """A validated cue: where its content starts, its subject words and its sources."""

    cue: Cue
    content_start: int  # char offset
    content_word: int  # index of the first content word
    subject: tuple[int, int] | None = None  # word range of the subject
    role: str | None = None
    sources: list[Source] = field(default_factory=list)
    quote: Quote | None = None  # the content is this quotation
    clause_start: int = 0  # char offset where this cue's clause begins (bounds the previous claim)
    nominal_np: tuple[int, int] | None = None  # word range of a nominal cue's noun phrase
    np_char: int | None = None  # where that noun phrase starts (after a solid لـ)
    before: bool = False  # a nominal cue whose content precedes it
    pre_subject: bool = False  # the subject precedes the verb
    post_quote: bool = False  # the cue follows the quotation it attributes


@dataclass
class State:
    """What the attribution pass knows about the whole article."""

    text: str
    ws: list[Word]
    starts: list[int]
    quotes: list[Quote]
    quote_at: dict[int, Quote]
    registry: Registry = field(default_factory=Registry)
    recent: list[Speaker] = field(default_factory=list)
    doc_outlet: dict[str, Source] = field(default_factory=dict)
    first_docs: dict[str, Source] | None = None  # see first_doc (read when first needed)
    speaker_doc: dict[str, Source] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    source_kind: dict[str, str] = field(default_factory=dict)  # source text -> kind
    para_starts: list[int] = field(default_factory=list)
    last: Claim | None = None
    last_paragraph: int = -1
    paragraph: int = 0  # paragraph of the sentence being read
    sentence_no: int = 0  # index of the sentence being read
    narrative_subject: tuple[Speaker, int] | None = None  # named subject of a claimless sentence, its index
    speaker_event: dict[str, Source] = field(default_factory=dict)  # speaker key -> interview, speech …
    splits: dict[tuple[int, int], Split] = field(default_factory=dict)  # memo of split_of
    heads: dict[tuple[int, int], tuple[str | None, str]] = field(default_factory=dict)  # memo of head_of
    quote_reach: tuple[list[int], list[int]] | None = None  # for inside_quote
    marks: list[int] = field(default_factory=list)  # word_marks of each word (read when not given)
    marked_at: dict[int, list[int]] = field(default_factory=dict)  # memo of marked

    def __post_init__(self) -> None:
        if not self.marks:
            self.marks = list(map(word_marks, [w.text for w in self.ws]))


def first_doc(d: State, noun: str) -> Source | None:
    """The first indefinite mention of a document noun in the article (an anaphoric document
    refers back to it). Read over the whole article when first asked: most articles never ask."""
    if d.first_docs is None:
        d.first_docs = {}
        for s in sources_in(d, 0, len(d.ws), need_prep=False):
            if s.kind == "document" and not s.anaphoric and s.noun:
                d.first_docs.setdefault(s.noun, s)
    return d.first_docs.get(noun)


def marked(d: State, mark: int) -> list[int]:
    """Indices of the words with the mark ``mark`` (see :func:`word_marks`), in order, found once
    per article."""
    found = d.marked_at.get(mark)
    if found is None:
        found = d.marked_at[mark] = list(compress(range(len(d.marks)), masked(d.marks, mark)))
    return found


def masked(marks: list[int], mark: int) -> Iterator[int]:
    """Each of ``marks`` and ``mark`` (true for the words that have it)."""
    return map(and_, marks, repeat(mark))


# Bit flags of word_marks: what a word may open (a cue candidate; one of the whole-article
# patterns of claims.nlp.ar.prepass: a comma, a title, وهو/وهي, a definite organisation noun, a
# hashtag, اطلعت/حصلت; a source phrase), and two classes read by word loops.
CUE, COMMA, TITLE, PRONOUN, ORG, HASHTAG, SEEN, SOURCE = 1, 2, 4, 8, 16, 32, 64, 128
VERB_OR_PUNCT = 256  # a cue-verb form or punctuation (ends a role chunk read back from a comma)
MARKER = 512  # some test of frames._find_marker may hold for the word (it passes the others by)
_SEEN_VERBS = ("اطلعت", "واطلعت", "حصلت", "وحصلت")


@lru_cache(maxsize=65536)
def word_marks(text: str) -> int:
    """The marks of a word written ``text`` (see above), once per spelling (0 for most words):
    the words of an article are read for cues and patterns through these marks rather than one
    test at a time."""
    w = Word(text, 0, 0, *forms(text))
    lex = lexicon()
    m = 0
    if may_open_cue(text):
        m |= CUE
    if text in COMMAS:
        m |= COMMA
    if lex.is_title(w.norm):
        m |= TITLE
    if w.norm in ("وهو", "وهي"):
        m |= PRONOUN
    if w.definite and strip_article(w.norm) in lex.org_nouns:
        m |= ORG
    if w.hashtag:
        m |= HASHTAG
    if w.norm in _SEEN_VERBS:
        m |= SEEN
    if may_open_source(w):
        m |= SOURCE
    if w.is_punct or w.norm in verb_forms() or w.bare in verb_forms():
        m |= VERB_OR_PUNCT
    if m & VERB_OR_PUNCT or w.norm in COMPLEMENTIZERS or w.norm in QAWL or w.norm in PAREN_CUES \
            or w.bare in PAREN_CUES or w.norm in _cue_preps() or w.norm[:1] in "بل" or not w.norm:
        m |= MARKER
    return m


@lru_cache(maxsize=1)
def _cue_preps() -> frozenset[str]:
    """The prepositions of all cue verbs."""
    return frozenset(p for readings in verb_forms().values() for r in readings for p in r.preps)


def sources_in(d: State, lo: int, hi: int, need_prep: bool = True) -> list[Source]:
    """:func:`~claims.nlp.ar.sources.find_sources` in the article's words ``lo``..``hi``."""
    return find_sources(d.text, d.ws, lo, hi, need_prep, marked(d, SOURCE))


# Normalised cue-verb forms (see :func:`claims.nlp.ar.forms.verb_forms`); called in word loops,
# so the cached function itself rather than a wrapper.
verb_table = verb_forms


def split_of(d: State, a: int, b: int) -> Split:
    """:func:`~claims.nlp.ar.names.split_role_name` of the words ``a``..``b``, once per article
    (a subject is split by the zone reader, the apposition test and the speaker alike) and,
    through :func:`_split_spelled`, once per spelling of the words."""
    sp = d.splits.get((a, b))
    if sp is None:
        sp = d.splits[a, b] = _split_spelled(tuple([w.text for w in d.ws[a:b]]))
    return sp


def head_of(d: State, a: int, b: int) -> tuple[str | None, str]:
    """:func:`~claims.nlp.ar.names.head_type` of the words ``a``..``b``, once per article and
    once per spelling of the words."""
    t = d.heads.get((a, b))
    if t is None:
        t = d.heads[a, b] = _head_spelled(d.ws[a].text if b == a + 1 else tuple([w.text for w in d.ws[a:b]]))
    return t


# split_role_name and head_type read nothing of a word but what its spelling gives (its forms and
# word tests), and the article's words are read by words(), so both are answered once per
# spelling of a phrase: subjects (الوزير, المتحدث باسم الوزارة) come back again and again.

@lru_cache(maxsize=65536)
def _split_spelled(texts: tuple[str, ...]) -> Split:
    """:func:`~claims.nlp.ar.names.split_role_name` of words spelled ``texts`` (the result is shared:
    never changed by its readers)."""
    return split_role_name(_spelled(texts))


@lru_cache(maxsize=65536)
def _head_spelled(texts: str | tuple[str, ...]) -> tuple[str | None, str]:
    """:func:`~claims.nlp.ar.names.head_type` of words spelled ``texts`` (one word: its text)."""
    return head_type(_spelled((texts,) if isinstance(texts, str) else texts))


def _spelled(texts: tuple[str, ...]) -> list[Word]:
    """Words spelled ``texts``, as :func:`~claims.nlp.ar.words.words` reads them (no offsets)."""
    return [Word(t, 0, 0, *forms(t)) for t in texts]


def numbers_only(ws: list[Word]) -> bool:
    """All the words are numbers (38%) or punctuation."""
    for w in ws:
        if not (w.is_punct or w.norm.replace("%", "").isdigit()):
            return False
    return True


def looks_verb(w: Word) -> bool:
    """A sentence-initial word with a conjunction and no article: probably the main verb
    (وبعث, ونشر)."""
    return w.conj and not w.definite and not w.hashtag


def chunk_end(ws: list[Word], k: int, limit: int = 14) -> int:
    """Index after the last word of the comma-delimited chunk starting at ``k``."""
    e = k
    while e < len(ws) and e - k < limit and not (ws[e].is_punct and ws[e].text not in QUOTE_CHARS):
        e += 1
    return max(e, k + 1)


def inside_quote(d: State, pos: int) -> bool:
    """The offset lies inside a quotation."""
    if not d.quotes:
        return False
    if d.quote_reach is None:
        spans = sorted((q.start, q.end) for q in d.quotes)
        d.quote_reach = [a for a, _ in spans], list(accumulate((b for _, b in spans), max))
    starts, reach = d.quote_reach
    i = bisect.bisect_right(starts, pos)  # the quotations that start at or before pos …
    return i > 0 and reach[i - 1] > pos  # … and the furthest any of them ends


def quote_opening(d: State, k: int) -> Quote | None:
    """The quotation whose opening mark is word ``k``."""
    return d.quote_at.get(d.ws[k].start) if d.ws[k].text in QUOTE_CHARS else None


def quoted_span_end(ws: list[Word], k: int, b: int) -> int:
    """Index after the closing mark of a quotation opening at ``k`` (``k`` when it does not close nearby)."""
    for m in range(k + 1, min(b, k + 8)):
        if ws[m].text in QUOTE_CHARS:
            return m + 1
    return k


def known_noun(norm: str) -> bool:
    """A lexicon noun: source, organisation, group, anonymous head or title."""
    lex = lexicon()
    b = strip_article(norm)
    return bool(noun_of(norm)[0]) or b in lex.org_nouns or b in lex.collectives or b in lex.anonymous \
        or b in lex.titles


def name_like_known(d: State, w: Word) -> bool:
    """A word that names a person already known in the article."""
    return d.registry.resolve(clean(w.text)) is not None


def solid_prep(w: Word) -> bool:
    """The word starts with ب or ل written solid as a preposition (لصحيفة, بالمذكرة), not as its
    own first letter (بيان, لجنة, بريطانيا)."""
    n = w.norm
    if n[:1] not in "بل" or len(n) <= 3 or known_noun(n) or n in lexicon().function_words:
        return False
    if (n,) in lexicon().places or (n,) in lexicon().platforms:
        return False
    return prefixed_noun(n) or n[1:].startswith("ال")


def prefixed_noun(norm: str) -> bool:
    """لوكالة, بالجيش, لمسؤول: a preposition written solid on a definite or known noun (not the
    first letter of a name such as بنعلي or ليلى)."""
    rest = norm[1:]
    if rest.startswith("ال") or rest.startswith("ل"):
        return True
    lex = lexicon()
    return rest in lex.org_nouns or rest in lex.titles or rest in lex.collectives or rest in lex.source_nouns


def is_venue(ws: list[Word], k: int, b: int) -> bool:
    """A venue (مجلس النواب) starts at word ``k``."""
    lex = lexicon()
    first = ws[k].norm
    if first[:1] in "بل" and not first.startswith("ال"):
        first = first[1:]
    if first not in phrase_index(lex.venues)[0]:
        return False
    row = [first] + [w.norm for w in ws[k + 1:b]]
    return bool(match_phrase(lex.venues, row, 0))


def source_noun(w: Word) -> bool:
    """The word is (or carries) a source noun."""
    return noun_of(w.norm)[0] is not None


def trim_end(text: str, a: int, b: int) -> int:
    """End offset with trailing spaces and punctuation removed."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".،,؛;:\u200f\u200e"):
        b -= 1
    return b


def continued_end(d: State, q: Quote) -> int:
    """End of a quotation that runs on over the next paragraphs."""
    end = q.end
    started = False
    for r in d.quotes:
        if r is q:
            started = True
            continue
        if started:
            if not r.continued:
                break
            end = r.end
            if not r.continues:
                break
    return end


def copy_speaker(s: Speaker) -> Speaker:
    """A copy of a speaker, to attach to another claim."""
    return Speaker(s.name, s.mention, s.role, s.type, s.gender, s.number)
