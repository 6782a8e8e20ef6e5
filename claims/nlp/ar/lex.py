"""The Arabic attribution lexicons, loaded once and normalised for lookups.

Single words are looked up by their normalised form with the article ال removed (so a list
holds وزير and matches الوزير, والوزير); multi-word entries (الولايات المتحدة, مؤتمر صحفي) are
kept as tuples of normalised words for longest-match lookups.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claims.nlp.ar.words import strip_article
from claims.nlp.lexicons import load_list, load_tsv
from claims.normalize import normalize, strip_diacritics


def _keys(entry: str) -> tuple[str, ...]:
    """Lookup keys of a one-word entry: normally the entry without the article. An entry
    written with a hamza on its first alif (ألماني) normalises like a word with the article
    (الماني); its key is that whole form, which is what a lookup strips الألماني to. (The bare
    word ألماني then strips to ماني, which stays free for the name ماني.)"""
    n = normalize(entry)
    k = strip_article(n)
    if k != n and not strip_diacritics(entry).startswith(("ال", "لل")):
        return (n,)
    return (k,)


def _set(name: str) -> frozenset[str]:
    """Lookup keys of a one-entry-a-line lexicon."""
    return frozenset(k for e in load_list("ar", name) for k in _keys(e))


def _phrases(entries) -> dict[tuple[str, ...], str]:
    """Multi-word entries as tuples of normalised words."""
    out: dict[tuple[str, ...], str] = {}
    for entry, value in entries:
        toks = tuple(normalize(entry).split())
        if toks:
            out[toks] = value
    return out


@dataclass(frozen=True)
class Lexicon:
    """All Arabic attribution lexicons, normalised."""
    titles: frozenset[str]
    titles_written: frozenset[str]  # titles as written (diacritics out, hamza kept): قائد
    honorifics: frozenset[str]
    modifiers: frozenset[str]  # role adjectives and gentilics
    gentilics: frozenset[str]
    object_nouns: frozenset[str]  # verbal/abstract nouns that are never names (تفاصيل, حديث)
    short_surnames: frozenset[str]  # surnames written like particles (جاك ما), name-final only
    org_nouns: frozenset[str]
    collectives: frozenset[str]
    anonymous: dict[str, str]  # head -> anonymous | group
    source_nouns: dict[str, str]  # noun -> outlet | document | channel | event
    platforms: dict[tuple[str, ...], str]
    outlets: dict[tuple[str, ...], str]  # named outlets and agencies (رويترز, فرانس برس)
    venues: dict[tuple[str, ...], str]
    places: dict[tuple[str, ...], str]
    function_words: frozenset[str]
    cue_phrases: dict[tuple[str, ...], str]  # normalised words -> kind
    max_place: int
    epithets: frozenset[str] = frozenset()  # موظف, خبير: heads of descriptions that refer back

    def is_title(self, norm: str) -> bool:
        """A role noun, also with the article or a pronoun suffix (الوزير, كاتبها)."""
        return _is_title(self.titles, norm)

    def is_honorific(self, norm: str) -> bool:
        return norm in self.honorifics or strip_article(norm) in self.honorifics

    def is_modifier(self, norm: str) -> bool:
        return strip_article(norm) in self.modifiers


@lru_cache(maxsize=65536)
def _is_title(titles: frozenset[str], norm: str) -> bool:
    b = strip_article(norm)
    if b in titles:
        return True
    for suf in ("ها", "هم", "ه"):  # كاتبها, مديره
        if b.endswith(suf) and len(b) - len(suf) >= 3 and b[: -len(suf)] in titles:
            return True
    return False


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, loaded once per process."""
    places = _phrases((p, p) for p in load_list("ar", "places.txt"))
    return Lexicon(
        titles=_set("titles.txt"),
        titles_written=frozenset(w for e in load_list("ar", "titles.txt")
                                 for w in (strip_diacritics(e), "ال" + strip_diacritics(e))),
        honorifics=frozenset(normalize(e) for e in load_list("ar", "honorifics.txt")),
        modifiers=_set("role_modifiers.txt") | _set("gentilics.txt"),
        gentilics=_set("gentilics.txt"),
        object_nouns=_set("object_nouns.txt"),
        short_surnames=frozenset(normalize(e) for e in load_list("ar", "short_surnames.txt")),
        org_nouns=_set("org_nouns.txt"),
        collectives=_set("collective_nouns.txt"),
        anonymous={k: r[1] for r in load_tsv("ar", "anonymous_speakers.tsv", 2) for k in _keys(r[0])},
        source_nouns={k: r[1] for r in load_tsv("ar", "source_nouns.tsv", 2) for k in _keys(r[0])},
        platforms=_phrases((p, p) for p in load_list("ar", "platforms.txt")),
        outlets=_phrases((p, p) for p in load_list("ar", "outlets.txt")),
        venues=_phrases((p, p) for p in load_list("ar", "venues.txt")),
        places=places,
        function_words=frozenset(normalize(e) for e in load_list("ar", "function_words.txt")),
        cue_phrases=_phrases((r[0], r[1]) for r in load_tsv("ar", "cue_phrases.tsv", 2)),
        max_place=max((len(k) for k in places), default=1),
        epithets=_set("epithets.txt"),
    )


_PHRASE_INDEX: dict[int, tuple[dict, tuple[frozenset[str], int]]] = {}


def phrase_index(table: dict[tuple[str, ...], str]) -> tuple[frozenset[str], int]:
    """First words and longest length of a phrase table, computed once per table (the tables
    live as long as the cached lexicon, so their ids are stable)."""
    hit = _PHRASE_INDEX.get(id(table))
    if hit is None or hit[0] is not table:
        hit = (table, (frozenset(k[0] for k in table if k), max(map(len, table), default=0)))
        _PHRASE_INDEX[id(table)] = hit
    return hit[1]


def match_phrase(table: dict[tuple[str, ...], str], norms: list[str], i: int, max_len: int = 4) -> int:
    """Length of the longest entry of ``table`` starting at ``norms[i]`` (0 when none)."""
    if i >= len(norms):
        return 0
    firsts, longest = phrase_index(table)
    if norms[i] not in firsts:
        return 0
    for n in range(min(max_len, longest, len(norms) - i), 0, -1):
        if tuple(norms[i:i + n]) in table:
            return n
    return 0
