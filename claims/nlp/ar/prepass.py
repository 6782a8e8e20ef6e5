"""The whole-article read before the sentences: people named with their roles (NAME، ROLE، /
ROLE، NAME، / ROLE NAME / #first_last), organisations named with their adjectives, and the
outlets that saw a document ("اطلعت عليها مجلة X"), so that later short mentions resolve.

Each pattern opens at a word of few kinds (a comma, a title, وهو/وهي, a definite organisation
noun, a hashtag, اطلعت/حصلت), marked once per spelling (:func:`~claims.nlp.ar.state.word_marks`),
so the pass only visits the words that can open a pattern.
"""
from __future__ import annotations

from itertools import compress

from claims.nlp.ar.cues import is_complementizer, preposition_then_clause
from claims.nlp.ar.lex import lexicon
from claims.nlp.ar.names import clean, feminine_title, name_like, name_part, NAME_LINKS, short_surname, Split
from claims.nlp.ar.provenance import recent_doc_noun
from claims.nlp.ar.sources import outlet_after
from claims.nlp.ar.state import (
    chunk_end,
    COMMA,
    HASHTAG,
    looks_verb,
    masked,
    ORG,
    PRONOUN,
    SEEN,
    SENT_END,
    split_of,
    State,
    TITLE,
    verb_table,
    VERB_OR_PUNCT,
)
from claims.nlp.ar.subjects import apposed_name
from claims.nlp.ar.words import COMMAS, Word

_PATTERNS = COMMA | TITLE | PRONOUN | ORG | HASHTAG | SEEN


def prepass(d: State) -> None:
    """Read the article's words once for the patterns of the module doc (in word order, each
    word's patterns in the order given here)."""
    ws = d.ws
    n = len(ws)
    marks = d.marks
    for k in compress(range(n), masked(marks, _PATTERNS)):
        m = marks[k]
        if m & COMMA and 0 < k < n - 1:
            if marks[k + 1] & TITLE:
                _name_then_role(d, k)
            _role_then_name(d, k)
        if m & TITLE and not ws[k].is_punct and (k == 0 or not marks[k - 1] & TITLE):
            _title_chain(d, k)
        if m & PRONOUN and k + 1 < n and marks[k + 1] & TITLE:
            _pronoun_role(d, k)
        if not (m & ORG and _organisation(d, k)) and m & HASHTAG:
            _hashtag_name(d, k)
        if m & SEEN and k + 2 < n and ws[k + 1].norm in ("عليها", "عليه"):
            _seen_by(d, k)


def _name_then_role(d: State, k: int) -> None:
    """"NAME، ROLE،": a name run before the comma at ``k``, an apposition starting with a title after it."""
    ws = d.ws
    j = k - 1
    run: list[int] = []
    while j >= 0 and len(run) < 4 and (name_like(ws[j]) or (run and ws[j].hashtag)
                                        or not run and short_surname(ws, j)):
        run.insert(0, j)
        j -= 1
    if run and (len(run) > 1 or ws[run[0]].hashtag) and ws[run[0]].norm not in verb_table():
        at_start = run[0] == 0 or ws[run[0] - 1].text in SENT_END or ws[run[0] - 1].text in COMMAS
        if looks_verb(ws[run[0]]) and len(run) > 1 and (len(run) >= 3 or at_start):
            run = run[1:]
        elif (at_start or ws[run[0] - 1].is_punct) and len(run) >= 3 and ws[run[0]].norm not in NAME_LINKS \
                and ws[run[1]].norm not in NAME_LINKS:
            run = run[1:]  # "قدّمت كارين مكدوغال، عارضة …": the sentence's verb, then the name
        role_end = chunk_end(ws, k + 1)
        name = clean(d.text[ws[run[0]].start:ws[run[-1]].end])
        d.registry.add(name, clean(d.text[ws[k + 1].start:ws[role_end - 1].end]),
                       "f" if feminine_title(ws[k + 1:role_end]) else None, at=ws[k].start)


def _role_then_name(d: State, k: int) -> None:
    """"ROLE، NAME": a role chunk (no name in it) before the comma at ``k``, the name after it
    between commas."""
    ws = d.ws
    marks = d.marks
    j = k - 1
    while j >= 0 and k - j <= 12 and not marks[j] & VERB_OR_PUNCT:
        j -= 1
    if j + 1 < k and marks[j + 1] & TITLE and _may_appose(ws[k + 1]):
        apposed = apposed_name(d, (j + 1, k), k, len(ws))
        if apposed is not None:
            (a, b), role = apposed
            d.registry.add(clean(d.text[ws[a].start:ws[b - 1].end]), role,
                           "f" if feminine_title(ws[j + 1:k]) else None, at=ws[k].start)


def _may_appose(w: Word) -> bool:
    """Whether ``w``, after a role's comma, can start what :func:`apposed_name` looks for: an
    honorific or a name word (of the name), or a title (of a further apposed role)."""
    lex = lexicon()
    return lex.is_honorific(w.norm) or name_part(w, lex) or lex.is_title(w.norm)


def _title_chain(d: State, k: int) -> None:
    """A title chain starting at ``k`` followed by a full name anywhere (كبير مفاوضي الاتحاد جان دوبوا)."""
    ws = d.ws
    n = len(ws)
    marks = d.marks
    e = k + 1
    while e < n and e - k < 12 and not (marks[e] & VERB_OR_PUNCT or is_complementizer(ws, e)):
        e += 1
    if e < n and e - 1 > k and preposition_then_clause(ws, e - 1):
        e -= 1  # "… عبد الحق الخيام على أن": the verb's preposition ends the chain
    if not any(name_like(x) or x.hashtag for x in ws[k:e]):
        return  # (a name that is added starts with such a word or right after one)
    sp = split_of(d, k, e)
    if sp.name and sp.role and sp.name[1] - sp.name[0] >= 3 and e < n and not ws[e].is_punct \
            and not is_complementizer(ws, e) and ws[k + sp.name[1] - 1].definite \
            and not ws[k + sp.name[1] - 1].norm.endswith("ي") \
            and not preposition_then_clause(ws, e):
        # "… فلان الفلاني الأزمة بين": the last ال-word is an object noun, not the surname
        sp = Split(sp.role, (sp.name[0], sp.name[1] - 1))
    if sp.name and sp.role and sp.name[1] - sp.name[0] >= 2 and sp.role[0] == 0:
        a, b = k + sp.name[0], k + sp.name[1]
        if all(name_like(x) or x.hashtag or short_surname(ws, m) or m > a and name_part(x)
               for m, x in enumerate(ws[a:b], a)):  # (فريد العامري: an ال-surname)
            d.registry.add(clean(d.text[ws[a].start:ws[b - 1].end]),
                           clean(d.text[ws[k].start:ws[k + sp.role[1] - 1].end]),
                           "f" if feminine_title(ws[k:k + 1]) else None, at=ws[k].start)


def _pronoun_role(d: State, k: int) -> None:
    """"، وهو ROLE، NAME،": a role apposed before the name, after وهو/وهي at ``k``."""
    ws = d.ws
    n = len(ws)
    e = chunk_end(ws, k + 1)
    if e + 1 < n and ws[e].text in COMMAS:
        m = e + 1
        while m < n and m - e <= 4 and (name_like(ws[m]) or ws[m].hashtag):
            m += 1
        if m > e + 1 and (m == n or ws[m].is_punct):
            name = ws[e + 1].text + " " + " ".join(x.text for x in ws[e + 2:m])
            d.registry.add(clean(name), clean(d.text[ws[k + 1].start:ws[e - 1].end]),
                           "f" if ws[k].norm == "وهي" else None, at=ws[k].start)


def _organisation(d: State, k: int) -> bool:
    """An organisation named with its adjectives at ``k`` (المفوضية الأوروبية), remembered for
    later short mentions; False when no adjective follows the noun."""
    ws = d.ws
    n = len(ws)
    lex = lexicon()
    if not (k + 1 < n and ws[k + 1].definite and lex.is_modifier(ws[k + 1].norm)):
        return False
    e = k + 2
    while e < n and e - k < 4 and ws[e].definite and lex.is_modifier(ws[e].norm):
        e += 1
    d.registry.body(d.text[ws[k].start:ws[e - 1].end], "organisation")
    return True


def _hashtag_name(d: State, k: int) -> None:
    """A hashtag that names a person: #first_last, or "#سامي_ نصار" broken after its first name."""
    ws = d.ws
    w = ws[k]
    if w.definite:
        return
    if w.text.endswith("_") and k + 1 < len(ws) and name_like(ws[k + 1]):
        d.registry.add(clean(w.text + " " + ws[k + 1].text))
    elif "_" in w.text.strip("_"):
        parts = w.norm.split()
        if len(parts) >= 2 and all(name_like(Word(p, 0, 0, p, p)) for p in parts):
            d.registry.add(clean(w.text))


def _seen_by(d: State, k: int) -> None:
    """A document and the outlet that saw it: "اطلعت عليها مجلة Nexa" at ``k``."""
    ws = d.ws
    src = outlet_after(d.text, ws, k + 2, min(len(ws), k + 8))
    if src:
        noun = recent_doc_noun(d, k)
        if noun:
            d.doc_outlet.setdefault(noun, src)
