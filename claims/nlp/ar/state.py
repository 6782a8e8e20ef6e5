"""Shared state and helpers of the Arabic attribution pass: the article being read
(:class:`State`), validated cues (:class:`Frame`), word classes and small word tests used by
the subject, frame, speaker and source modules."""
from __future__ import annotations

from dataclasses import dataclass, field

from claims.model import Claim
from claims.nlp.ar.cues import Cue
from claims.nlp.ar.forms import verb_forms
from claims.nlp.ar.lex import lexicon, match_phrase, phrase_index
from claims.nlp.ar.names import clean, head_type, Registry, Speaker, Split, split_role_name
from claims.nlp.ar.sources import noun_of, Source
from claims.nlp.ar.words import QUOTE_CHARS, strip_article, Word
from claims.nlp.segment import Quote
from claims.normalize import normalize
MAX_ZONE = 30  # words between a verb cue and its complement
SENT_END = frozenset(".!?؟…")
BREAK = frozenset(normalize(w) for w in (
    "وهو وهي وهم وهما الذي التي الذين اللذان اللتان اليوم أمس يوم مساء صباح ليلة الخميس الجمعة "
    "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء خلال عبر أمام ردا لدى بعد قبل أثناء حيث "
    "فيها فيه عليها عليه نقلا ونقلا قبيل بعيد غداة عقب إثر أثر بالقول بما لما مما الأسبوع الشهر").split())
CONNECTIVES = frozenset(normalize(w) for w in (
    "لكن لكنه لكنها ولكن ولكنه إلا أنه أنها غير ثم كما قد وقد بينما فيما كذلك أيضا حيث حين").split())
KANA = frozenset(normalize(w) for w in (
    "كان كانت كانوا وكان وكانت وكانوا ظل ظلت وظل وظلت زال وما ما لا يزال تزال يزالون قد وقد").split())
SEND_VERBS = frozenset(normalize(w) for w in "بعث أرسل وجه نشر أصدر وزع كتب بعثت أرسلت وجهت نشرت أصدرت كتبت".split())
OWN_DOCS = frozenset(normalize(w) for w in ("مذكرة", "رسالة"))
SAME = frozenset(normalize(w) for w in "ذاته ذاتها نفسه نفسها".split())
AUTHOR_VERBS = frozenset(normalize(w) for w in "أجراه أجرته أعده أعدته أعدها أعدتها وضعه وضعته".split())
PUBLISH = frozenset(normalize(w) for w in "ونشرته ونشرها نشرته نشرها".split())
AFTER_NO_VERB = frozenset(normalize(w) for w in "من في إلى على عن مع ب ل حول بشأن ضد دون عند لدى".split())
WHAT = frozenset(normalize(w) for w in "ما".split())
VERBY_PREFIX = ("ي", "ت")
# Adverbs between a cue verb (and its subject) and what it says (يؤكد بانتظام أن, أكد مجددا).
ADVERBS = frozenset(normalize(w) for w in "بانتظام باستمرار بشدة مجددا صراحة علنا مرارا دائما بدوره بدورها بدورهم أيضا كذلك".split())
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
    first_doc: dict[str, Source] = field(default_factory=dict)
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


def verb_table() -> dict:
    """Normalised cue-verb forms (see :func:`claims.nlp.ar.forms.verb_forms`)."""
    return verb_forms()


def split_of(d: State, a: int, b: int) -> Split:
    """:func:`~claims.nlp.ar.names.split_role_name` of the words ``a``..``b``, once per article
    (a subject is split by the zone reader, the apposition test and the speaker alike)."""
    sp = d.splits.get((a, b))
    if sp is None:
        sp = d.splits[a, b] = split_role_name(d.ws[a:b])
    return sp


def head_of(d: State, a: int, b: int) -> tuple[str | None, str]:
    """:func:`~claims.nlp.ar.names.head_type` of the words ``a``..``b``, once per article."""
    t = d.heads.get((a, b))
    if t is None:
        t = d.heads[a, b] = head_type(d.ws[a:b])
    return t


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
    for q in d.quotes:
        if q.start <= pos < q.end:
            return True
    return False


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
