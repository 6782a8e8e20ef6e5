"""Deduplication: one claim, every place it appeared.

Claims are compared by their match form (:func:`claims.matching.match_form`). Claims with the
same form are one *wording* (one node, grouped by ``match_hash``), so exact copies cost
nothing; only distinct wordings are matched fuzzily, and never all pairs:

1. **Blocking by rarity** (:mod:`claims.blocking`). The document frequency of every content
   word over the distinct wordings is counted (kept in ``token_df``), and each wording is
   indexed under its ``K`` rarest words (kept in ``dedupe_keys``: key, sort position ``pos``,
   one representative claim per wording). Wordings sharing a key form a block. A block of at
   most ``MAX_BLOCK`` wordings is scored all pairs; a larger one by a *sorted neighbourhood*:
   its wordings sorted by the text from the key on, then the speaker (``pos``), each scored
   against the next ``WINDOW`` — large blocks are never skipped.
2. **Batch scoring** (:func:`claims.matching.score_pairs`): Indel ratios and partial ratios of
   all candidate pairs through ``rapidfuzz.process.cpdist``, in two processes when there are
   many; the negation guard, the substitution guard and the truncation/embedding rules of
   :func:`claims.matching.score` apply unchanged.
3. **Ambiguous wordings and cut quotes join last** (:func:`_resolve`): a wording that matched
   two others which are different claims in nearly the same words (a copy that lost the one
   word telling them apart), and a quote marked as cut by an ellipsis, join only the one
   cluster everything they matched is in, or one carried at least ``POPULAR`` times more
   than the next; else nothing, and a cut quote left out keeps its copies apart (:func:`_split`).
   The speaker tells the claims apart where it can: of two look-alikes, a wording belongs to
   the one said by a person who said it too (``person_id``, else ``speaker_id``).
4. **Clusters** are connected components of the remaining links (union-find), so they do not
   depend on load order.

:func:`update` clusters new claims against the stored index and clusters without recomputing
anything else: their wordings' frequencies are added to ``token_df``, their keys are looked up
in ``dedupe_keys`` (the WINDOW neighbours on either side of ``pos`` in a large block). It is
not always equal to :func:`rebuild`, which recomputes everything: frequencies only grow in an
update (a rebuild may pick other keys), and an ambiguity that only a later claim reveals does
not undo a stored link (the benchmark measures how often they differ).

Per claim: ``cluster_id`` (the smallest claim id of its cluster), ``cluster_score`` (its best
link: 100 for an identical copy, the similarity to the claim it matched best otherwise, 100
alone), ``cluster_via`` (that claim) and ``match_hash`` (its wording). Per cluster
(:func:`refresh_clusters`): canonical claim (the most repeated wording, earliest first), size,
articles, outlets, first and last seen, speaker (the canonical claim's person,
:mod:`claims.speakers`) and figure drift (:mod:`claims.drift`).
"""
from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing as mp
import os
import pickle
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils
from rapidfuzz import fuzz

from claims import drift, speakers
from claims.blocking import EDGE, EDGE_K, K, LONG, block_keys, content_words, key_words
from claims.matching import (MIN_PARTIAL_CONTENT, THRESHOLD, Features, FeatureTable, marked_cut, match_form,
                             negation_signature, score_pairs, similarity, substitutions, word_bit)
from claims.model import stable_id

__all__ = ["THRESHOLD", "block_keys", "ensure_tables", "rebuild", "refresh_clusters", "similarity", "update"]

# Blocks of at most this many wordings are scored all pairs; larger ones by sorted neighbourhood.
MAX_BLOCK = 16
# In a large block, each wording is scored against this many next ones in sort order …
WINDOW = 3
# … sorted by this many characters of its text from the key on, then by this many of its
# speaker's id (a copy cut to the same words as its look-alikes sits next to its own
# speaker's claim), then by its representative claim id.
SORT_CHARS = 48
SPEAKER_CHARS = 8
# A wording matching two wordings this similar to each other that are not one claim is
# ambiguous (see _resolve).
AMBIGUOUS = 80.0
# A cut quote that fits several clusters joins the largest when it has this many times the
# claims of the next (see _resolve).
POPULAR = 3.0
# SQLite page cache while a rebuild writes (KiB).
WRITE_CACHE_KIB = 256 * 1024
# A rebuild that changes more claims than this (and than a fifth of them) makes the indexes on
# the columns it writes again rather than updating them row by row.
BULK_MIN = 10_000
# From this many claims on, a rebuild's speaker resolution and the writing of its keys run in new
# interpreters rather than forks (see _stage); below, starting one costs more than the pages it
# would spare.
FRESH_CLAIMS = 200_000
# Below this many texts, computing forms in worker processes costs more than it saves.
PARALLEL_MIN = 200_000

# a claim's speaker for deduplication (sort order, telling look-alike claims apart); anonymous
# sources tell nothing
_SPEAKER = "case when anonymous then '' else coalesce(speaker_id, '') end"

CLAIM_COLUMNS = {"cluster_via": str, "match_hash": str}
CLUSTER_COLUMNS = {"speaker_id": str, "drift_detail": str}


def ensure_tables(db: sqlite_utils.Database) -> None:
    """Add the columns and tables deduplication and speaker identity keep (idempotent)."""
    for table, cols in (("claims", CLAIM_COLUMNS), ("clusters", CLUSTER_COLUMNS)):
        have = db[table].columns_dict
        for col, typ in cols.items():
            if col not in have:
                db[table].add_column(col, typ)
    db["claims"].create_index(["match_hash"], if_not_exists=True)
    db.execute(TOKEN_DF_TABLE.replace("create table", "create table if not exists", 1))
    _ensure_keys_table(db)
    speakers.ensure_tables(db)


TOKEN_DF_TABLE = "create table token_df (token text primary key, df integer not null) without rowid"
KEYS_TABLE = """create table dedupe_keys (
  key text not null, pos text not null default '', claim_id text not null references claims (id),
  primary key (key, pos, claim_id)) without rowid"""


def _ensure_keys_table(db: sqlite_utils.Database) -> None:
    """``dedupe_keys`` as the index wants it: clustered by (key, pos, claim_id), so a block is
    one range in sort order and a bulk write is an append; rows of an older layout are kept
    (without a pos until the next rebuild)."""
    row = db.execute("select sql from sqlite_master where type = 'table' and name = 'dedupe_keys'").fetchone()
    if row and "without rowid" in row[0].lower() and "pos" in row[0]:
        return
    with db.atomic():
        db.execute(KEYS_TABLE.replace("create table dedupe_keys", "create table dedupe_keys_new"))
        if row:
            db.execute("insert or ignore into dedupe_keys_new (key, claim_id) select key, claim_id from dedupe_keys")
            db.execute("drop table dedupe_keys")
        db.execute("alter table dedupe_keys_new rename to dedupe_keys")
        db.execute("create index if not exists idx_dedupe_keys_claim_id on dedupe_keys (claim_id)")


def form_hash(form: str) -> str:
    return stable_id("form", form)


def _workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


@dataclass(slots=True)
class _Form:
    """Claims sharing one match form (a wording)."""

    form: str
    hash: str
    claims: list[str]  # sorted
    features: Features
    tokens: tuple[str, ...]
    keys: list[str] | None = None
    cut: bool = False  # a claim's text is marked as cut (matching.marked_cut)
    speaker: str = ""  # its representative claim's speaker, for the sort order of a large block (_pos)
    speakers: frozenset[str] = frozenset()  # the speakers of its claims (anonymous ones left out)
    said: tuple[str, ...] = ()  # a cut wording of several speakers: each claim's speaker ('' anonymous)


def _analyse_texts(texts: Sequence[str]) -> list[tuple[str, str, tuple[str, ...], int, tuple[str, ...], bool]]:
    """For each text: (match form, its hash, distinct content words, content-word count,
    negation signature, marked as cut)."""
    out = []
    for t in texts:
        f = match_form(t)
        words = content_words(f)
        out.append((f, form_hash(f), tuple(dict.fromkeys(words)), len(words), negation_signature(f), marked_cut(t)))
    return out


_TEXTS: Sequence[str] = ()  # what forked workers of _analyse_all read (inherited, never pickled)


def _analyse_range(bounds: tuple[int, int]) -> list:
    return _analyse_texts(_TEXTS[bounds[0]:bounds[1]])


def _analyse_all(texts: Sequence[str], *, chunk: int = 20_000) -> Iterator[tuple]:
    """:func:`_analyse_texts` of all ``texts``, in two forked processes when there are many."""
    global _TEXTS
    if len(texts) < PARALLEL_MIN or _workers() < 2 or "fork" not in mp.get_all_start_methods():
        yield from _analyse_texts(texts)
        return
    _TEXTS = texts
    try:
        with mp.get_context("fork").Pool(_workers()) as pool:
            for part in pool.imap(_analyse_range, [(i, i + chunk) for i in range(0, len(texts), chunk)]):
                yield from part
    finally:
        _TEXTS = ()


def _forms_of(rows: Iterable[tuple[str, str | None]]) -> tuple[list[_Form], list[str]]:
    """Group (claim id, text) rows into wordings; also the claims whose form is empty."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for cid, text in rows:
        by_text[text or ""].append(cid)
    texts = list(by_text)
    by_form: dict[str, _Form] = {}
    empty: list[str] = []
    for ids, (form, h, toks, content, neg, cut) in zip(by_text.values(), _analyse_all(texts)):
        if not form:
            empty += ids
            continue
        f = by_form.get(form)
        if f is None:
            by_form[form] = _Form(form, h, ids, Features(form, content, neg, frozenset(toks)), toks, cut=cut)
        else:
            f.claims = f.claims + ids
            f.cut = f.cut or cut
    forms = list(by_form.values())
    for f in forms:
        f.claims.sort()
    return forms, sorted(empty)


def _set_speakers(forms: Sequence[_Form], speaker_of: dict[str, str]) -> None:
    """Each wording's ``speaker`` (its representative claim's, the first) and ``speakers`` (all
    its claims'), from ``speaker_of`` (claim id -> ``_SPEAKER``, anonymous claims left out)."""
    same: dict[str, str] = {}  # one string and one set per speaker: most wordings have one
    one: dict[str, frozenset[str]] = {}
    for f in forms:
        said = [who for c in f.claims if (who := speaker_of.get(c))]
        if not said:
            continue
        rep = speaker_of.get(f.claims[0])
        if rep:
            f.speaker = same.setdefault(rep, rep)
        first = said[0]
        if all(w == first for w in said):
            f.speakers = one.setdefault(first, frozenset((first,)))
        else:
            f.speakers = frozenset(said)
            if f.cut:
                f.said = tuple(speaker_of.get(c, "") for c in f.claims)


def _split_by_person(forms: list[_Form], persons: Callable[[frozenset[str]], frozenset[str]],
                     among: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Split each cut wording (of ``among``, default all) carried by claims of several persons
    into one wording per person (and one for its anonymous claims): the same cut words ("… will
    open within two years") may come from different claims of different people, and each
    copy most likely comes from what its own speaker said (see :func:`_resolve`). The first
    part keeps the wording's index and its representative claim; the others are appended to
    ``forms``. Returns {index: indices of all its parts} for the wordings split."""
    parts: dict[int, list[int]] = {}
    for i in range(len(forms)) if among is None else list(among):
        f = forms[i]
        if not f.said:
            continue
        by: dict[str, tuple[list[str], list[str]]] = {}  # person -> (claims, their speakers)
        for c, who in zip(f.claims, f.said):
            person = next(iter(persons(frozenset((who,))))) if who else ""
            claims, said = by.setdefault(person, ([], []))
            claims.append(c)
            if who:
                said.append(who)
        if len(by.keys() - {""}) < 2:
            continue
        f.said = ()
        parts[i] = []
        # the first part holds claims[0]: it keeps the wording's index (and its key rows)
        for n, (claims, said) in enumerate(by.values()):
            part = f if n == 0 else _Form(f.form, f.hash, claims, f.features, (), cut=True)
            part.claims = claims
            part.speakers = frozenset(said)
            if n:
                forms.append(part)
            parts[i].append(i if n == 0 else len(forms) - 1)
    return parts


def _expand_links(links: list[tuple], parts: dict[int, list[int]]) -> list[tuple]:
    """``links`` (a, b, score, fragment-or-None) with each node of ``parts`` replaced by each
    of its parts: a wording's parts share what it matched."""
    if not parts:
        return links
    out = []
    for a, b, s, frag in links:
        for x in parts.get(a, (a,)):
            for y in parts.get(b, (b,)):
                out.append((x, y, s, None if frag is None else (x if frag == a else y)))
    return out


def _persons(person_of: dict[str, tuple[str, str]]) -> Callable[[frozenset[str]], frozenset[str]]:
    """Speaker ids -> the persons they were resolved to (``person_of``:
    :func:`claims.speakers.person_of`), memoised."""
    memo: dict[frozenset[str], frozenset[str]] = {}

    def persons(ids: frozenset[str]) -> frozenset[str]:
        out = memo.get(ids)
        if out is None:
            out = memo[ids] = frozenset(person_of[i][0] if i in person_of else i for i in ids)
        return out
    return persons


# --- candidates ----------------------------------------------------------------------------

def _pos(form: str, key: str, speaker: str = "") -> str:
    """Where a wording sorts in the block of ``key``: its first SORT_CHARS characters from the
    key on, then its speaker (stored in ``dedupe_keys.pos``; ties are broken by the
    representative claim id)."""
    i = form.find(key)
    text = (form[i:] if i >= 0 else form)[:SORT_CHARS]
    return text + "\x1f" + speaker[:SPEAKER_CHARS] if speaker else text


def _block_pairs(members: np.ndarray, sizes: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All pairs within each block of at most MAX_BLOCK members (vectorised by block size)."""
    out_a, out_b = [], []
    for s in range(2, MAX_BLOCK + 1):
        st = starts[sizes == s]
        if not len(st):
            continue
        m = members[st[:, None] + np.arange(s)]
        iu, ju = np.triu_indices(s, 1)
        out_a.append(m[:, iu].ravel())
        out_b.append(m[:, ju].ravel())
    if not out_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_a), np.concatenate(out_b)


def _window_pairs(ordered: Sequence[int], involve: set[int]) -> list[tuple[int, int]]:
    """Pairs of members at most WINDOW apart in ``ordered``, holding one of ``involve``."""
    return [(a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:n + 1 + WINDOW]
            if a in involve or b in involve]


def _rarity_keys(token_lists: Sequence[tuple[str, ...]]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray,
                                                                  np.ndarray]:
    """Document frequencies and the blocking keys of every wording (:func:`claims.blocking.key_words`),
    vectorised. Returns (vocabulary, df per token id, key token ids, key form ids, word masks)."""
    lens = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    # token ids in order of first appearance (map and chain run in C: millions of tokens)
    vocab = {w: i for i, w in enumerate(dict.fromkeys(itertools.chain.from_iterable(token_lists)))}
    flat_tok = np.fromiter(map(vocab.__getitem__, itertools.chain.from_iterable(token_lists)), dtype=np.int64,
                           count=int(lens.sum()))
    flat_form = np.repeat(np.arange(len(token_lists), dtype=np.int64), lens)
    words = list(vocab)
    df = np.bincount(flat_tok, minlength=len(words)).astype(np.int64)
    rank = rank_of(words)
    rarity = df[flat_tok] * len(words) + rank[flat_tok]  # by df, ties by the word
    order = np.lexsort((rarity, flat_form))
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    # an index's place within its wording: of a token in text order in the flat arrays, by
    # rarity in ``order`` (which keeps each wording's tokens together)
    at = np.arange(len(flat_tok)) - np.repeat(starts, lens)
    sel = order[at < K]
    long_ = lens > LONG
    if long_.any():  # blocking.key_words: also the EDGE_K rarest of the first and last EDGE words
        extra = [sel]
        for edge in (at < EDGE, at >= np.repeat(lens, lens) - EDGE):
            cand = np.flatnonzero(edge & np.repeat(long_, lens))
            o = cand[np.lexsort((rarity[cand], flat_form[cand]))]
            f = flat_form[o]
            first = np.concatenate(([0], np.flatnonzero(np.diff(f)) + 1))
            place = np.arange(len(o)) - np.repeat(first, np.diff(np.concatenate((first, [len(o)]))))
            extra.append(o[place < EDGE_K])
        both = np.concatenate(extra)
        code = _sorted_distinct(flat_form[both] * (len(words) + 1) + flat_tok[both])  # (wording, key)
        ft, tt = code // (len(words) + 1), code % (len(words) + 1)
        return words, df, tt, ft, _masks(words, flat_tok, flat_form, len(token_lists))
    return words, df, flat_tok[sel], flat_form[sel], _masks(words, flat_tok, flat_form, len(token_lists))


def _masks(words: Sequence[str], flat_tok: np.ndarray, flat_form: np.ndarray, n: int) -> np.ndarray:
    """Word masks of every wording (matching.word_mask), vectorised."""
    bits = np.fromiter((word_bit(w) for w in words), dtype=np.int64, count=len(words))[flat_tok]
    halves = np.zeros((n, 2), dtype=np.uint64)
    for h in (0, 1):
        on = (bits >= 64 * h) & (bits < 64 * (h + 1))
        vals = np.zeros(len(bits), dtype=np.uint64)
        vals[on] = np.left_shift(np.uint64(1), (bits[on] - 64 * h).astype(np.uint64))
        np.bitwise_or.at(halves[:, h], flat_form, vals)
    return halves


def _sorted_distinct(codes: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (sorted in place first): faster than
    np.unique, whose hashing path is slow on millions of values."""
    codes.sort()
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes


def rank_of(values: Sequence[str]) -> np.ndarray:
    """Each value's place in sorted order (ties by position)."""
    out = np.empty(len(values), dtype=np.int64)
    out[np.argsort(np.array(values), kind="stable")] = np.arange(len(values))
    return out


def candidate_pairs(forms: Sequence[str], key_tok: np.ndarray, key_form: np.ndarray, words: Sequence[str],
                    tiebreak: Sequence[str] | None = None, pos: np.ndarray | None = None,
                    tiebreak_rank: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Index pairs (a < b) of wordings sharing a key: all pairs in small blocks, sorted
    neighbourhood in large ones (by :func:`_pos` — given per posting as UTF-8 bytes, or
    computed — then ``tiebreak``: the representative claim ids, or their rank). Also counts
    for the report."""
    a, b, stats, _ = _candidates(forms, key_tok, key_form, words, tiebreak, pos, tiebreak_rank)
    return a, b, stats


def _candidates(forms: Sequence[str], key_tok: np.ndarray, key_form: np.ndarray, words: Sequence[str],
                tiebreak: Sequence[str] | None = None, pos: np.ndarray | None = None,
                tiebreak_rank: np.ndarray | None = None, speaker: np.ndarray | None = None,
                cut: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, dict, np.ndarray | None]:
    """:func:`candidate_pairs`, and the postings in (key token id, pos, tie-break) order when
    ``pos`` is given (else None). With ``speaker`` (a number per wording, -1 for none) and
    ``cut`` (whether it is marked as cut), a large block also pairs each cut wording with the
    wordings of its speaker (:func:`_speaker_pairs`)."""
    tiebreak = tiebreak if tiebreak is not None else forms
    order = np.lexsort((key_form, key_tok))
    kt, kf = key_tok[order], key_form[order]
    if not len(kt):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), {"blocks": 0, "large_blocks": 0}, order
    bounds = np.flatnonzero(np.diff(kt)) + 1
    starts = np.concatenate(([0], bounds))
    sizes = np.diff(np.concatenate((starts, [len(kt)])))
    a, b = _block_pairs(kf, sizes, starts)
    large = np.flatnonzero(sizes > MAX_BLOCK)
    tb_rank = tiebreak_rank if tiebreak_rank is not None else rank_of(tiebreak)
    sorted_parts = []  # postings (indices into key_tok) in (block, pos, tie-break) order
    if pos is not None:
        small = np.flatnonzero(np.repeat(sizes <= MAX_BLOCK, sizes))
        sorted_parts.append(order[small][np.lexsort((tb_rank[kf[small]], pos[order[small]], kt[small]))])
    if len(large):
        # sorted neighbourhood of every large block at once: postings sorted by (block, text
        # from the key on, wording), each paired with the next WINDOW of its block
        ea, eb = [a], [b]
        # blocks in chunks of about a million postings (bounded memory), each chunk's postings
        # sorted by numpy in C by (block, the UTF-8 of the pos as fixed-width bytes — zero-padded,
        # so a shorter pos sorts first, as str comparison has it — and the tie-break's rank)
        ends = np.cumsum(sizes[large])
        for chunk in np.split(large, np.searchsorted(ends, np.arange(1_000_000, ends[-1], 1_000_000))):
            if not len(chunk):
                continue
            sel = np.concatenate([np.arange(starts[i], starts[i] + sizes[i]) for i in chunk])
            blk = np.repeat(chunk, sizes[chunk])
            if pos is None:
                enc = np.array([_pos(forms[f], words[t]).encode("utf-8")
                                for f, t in zip(kf[sel].tolist(), kt[sel].tolist())])
            else:
                enc = pos[order[sel]]
            by = np.lexsort((tb_rank[kf[sel]], enc, blk))
            del enc
            if pos is not None:
                sorted_parts.append(order[sel][by])
            ob, of = blk[by], kf[sel][by]
            for d in range(1, WINDOW + 1):
                same = ob[:-d] == ob[d:]
                ea.append(of[:-d][same])
                eb.append(of[d:][same])
            if speaker is not None:
                sa, sb = _speaker_pairs(blk, kf[sel], speaker, cut)
                ea.append(sa)
                eb.append(sb)
        a, b = np.concatenate(ea), np.concatenate(eb)
        del ea, eb
    # distinct pairs, each array freed once used: tens of millions of pairs at a million claims
    code = np.minimum(a, b) * len(forms)
    code += np.maximum(a, b)
    del a, b
    code = _sorted_distinct(code)
    stats = {"blocks": int((sizes > 1).sum()), "large_blocks": int(len(large)),
             "large_block_members": int(sizes[large].sum()) if len(large) else 0}
    posting_order = None
    if pos is not None:  # blocks back in key order; each block's own order kept (stable)
        merged = np.concatenate(sorted_parts)
        posting_order = merged[np.argsort(key_tok[merged], kind="stable")]
    return code // len(forms), code % len(forms), stats, posting_order


def _speaker_pairs(blk: np.ndarray, form: np.ndarray, speaker: np.ndarray,
                   cut: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of postings (``blk``: their block, ``form``: their wording) in one block by one
    speaker, of which at least one is cut: a quote cut short ("Our plan will create 4,630 jobs
    in Relvenritin and…") sorts before every longer claim it fits, so the sorted neighbourhood
    may score it against other people's look-alikes only, not its own speaker's claim (the
    issue's "blocking by speaker"). Groups larger than MAX_BLOCK (a prolific speaker on a
    common word) are left to the sorted neighbourhood."""
    sp = speaker[form]
    on = np.flatnonzero(sp >= 0)
    if len(on) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    on = on[np.lexsort((sp[on], blk[on]))]
    gb, gs, gf = blk[on], sp[on], form[on]
    first = np.concatenate(([True], (gb[1:] != gb[:-1]) | (gs[1:] != gs[:-1])))
    gid = np.cumsum(first) - 1
    start = np.flatnonzero(first)
    size = np.diff(np.append(start, len(on)))
    c = np.flatnonzero(cut[gf] & (size[gid] > 1) & (size[gid] <= MAX_BLOCK))
    counts = size[gid[c]]
    at = np.repeat(c, counts)
    other = np.repeat(start[gid[c]], counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    ok = gf[at] != gf[other]
    return gf[at[ok]], gf[other[ok]]


# --- clustering helpers --------------------------------------------------------------------

class _Clock:
    """Wall seconds spent in each step, and CPU seconds (this process and its finished forked
    workers): reported by rebuild, as the machine may be shared."""

    def __init__(self) -> None:
        self.t, self.c = time.perf_counter(), self._cpu()
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @staticmethod
    def _cpu() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def __call__(self, step: str) -> None:
        now, cpu = time.perf_counter(), self._cpu()
        self.laps[step] = round(now - self.t, 2)
        self.cpu[step] = round(cpu - self.c, 2)
        self.t, self.c = now, cpu


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        parent = self.parent
        root = x
        while (p := parent.setdefault(root, root)) != root:
            root = p
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _best(current: tuple[float, str] | None, cand: tuple[float, str]) -> tuple[float, str]:
    """The better of two (score, via claim id) links: higher score, then smaller id."""
    if current is None or cand[0] > current[0] or (cand[0] == current[0] and cand[1] < current[1]):
        return cand
    return current


def _split(forms: Sequence[_Form], left_out: Iterable[int], joined: set[int]) -> set[int]:
    """Wordings whose claims stay apart, each its own cluster: cut quotes left out as
    ambiguous, and cut quotes too short to be matched to any claim (fewer content words than
    partial matching needs) that joined nothing. The same cut words ("… is 40% complete and
    will open by December") in two articles may come from two claims, and nothing tells which."""
    out = {i for i in left_out if forms[i].cut}
    out |= {i for i, f in enumerate(forms) if f.cut and len(f.claims) > 1 and i not in joined
            and f.features.content < MIN_PARTIAL_CONTENT}
    return out


def _claim_links(forms: Sequence[_Form], form_link: dict[int, tuple[float, str]],
                 split: set[int] = frozenset()) -> dict[str, tuple[float, str]]:
    """Best link of each claim: to another claim of its own wording (100, the smallest other
    id), else its wording's best fuzzy link (none for a wording in ``split``)."""
    out: dict[str, tuple[float, str]] = {}
    for i, f in enumerate(forms):
        ids = f.claims
        if i in split:
            continue
        if len(ids) > 1:
            for c in ids:
                out[c] = (100.0, ids[1] if c == ids[0] else ids[0])
        elif i in form_link:
            out[ids[0]] = form_link[i]
    return out


def _score(table: FeatureTable, ia: np.ndarray, ib: np.ndarray,
           threshold: float) -> Iterator[tuple[int, int, float, int | None]]:
    """Pairs scoring at least ``threshold``: (a, b, score, the fragment's index when the pair
    matched partially, else None). Many pairs are scored in chunks by two forked processes
    (the Python-level checks hold the GIL), few in this one."""
    global _SHARED
    chunks = [(s, min(s + SCORE_CHUNK, len(ia))) for s in range(0, len(ia), SCORE_CHUNK)]
    if len(ia) < PARALLEL_PAIRS or _workers() < 2 or "fork" not in mp.get_all_start_methods():
        for lo, hi in chunks:
            yield from _score_range(table, ia[lo:hi], ib[lo:hi], threshold, _workers())
        return
    _SHARED = (table, ia, ib, threshold)
    try:
        with mp.get_context("fork").Pool(_workers()) as pool:
            for part in pool.imap(_score_chunk, chunks):
                yield from part
    finally:
        _SHARED = None


_SHARED: tuple | None = None  # what forked scoring workers read (inherited, never pickled)
SCORE_CHUNK = 250_000
PARALLEL_PAIRS = 400_000


def _score_chunk(bounds: tuple[int, int]) -> list[tuple[int, int, float, int | None]]:
    table, ia, ib, threshold = _SHARED
    lo, hi = bounds
    return list(_score_range(table, ia[lo:hi], ib[lo:hi], threshold, 1))


def _score_range(table: FeatureTable, a: np.ndarray, b: np.ndarray, threshold: float,
                 workers: int) -> Iterator[tuple[int, int, float, int | None]]:
    sc, part = score_pairs(table, a, b, score_cutoff=threshold, workers=workers, detail=True)
    hit = np.flatnonzero(sc >= threshold)
    short = np.where(table.lens[a] < table.lens[b], a, b)
    for x, y, v, p, sh in zip(a[hit].tolist(), b[hit].tolist(), sc[hit].tolist(), part[hit].tolist(),
                              short[hit].tolist()):
        yield x, y, v, (sh if p else None)


def _ambiguous_between(v: Features, x: Features, y: Features) -> bool:
    """Whether ``v``, matched to both ``x`` and ``y``, fits two different claims: ``x`` and ``y``
    are near-identical (Indel ratio ≥ AMBIGUOUS) but differ by a replaced content word of which
    ``v`` holds neither version (it lacks the distinctive part: a truncated quote, a copy that
    lost the one word that told two claims apart), or by a negation of a word ``v`` lacks (a
    quote cut before its negated verb)."""
    if fuzz.ratio(x.form, y.form, score_cutoff=AMBIGUOUS) == 0:
        return False
    if x.negations != y.negations:
        # a negation one of them has: ambiguous when v lacks the word it negates
        if not any(w in v.words for w in set(x.negations) ^ set(y.negations)):
            return True
    return any(not (sx & v.words) and not (sy & v.words) for sx, sy in substitutions(x.form, y.form))


_NOBODY: frozenset[str] = frozenset()


def _told_apart(sv: frozenset[str], x: int, sx: frozenset[str], y: int, sy: frozenset[str]) -> int | None:
    """Which of two look-alike claims ``x`` and ``y`` a wording with speakers ``sv`` fits by
    speaker: the one that shares a speaker with it, or None when both or neither do."""
    if not sv:
        return None
    ox, oy = not sv.isdisjoint(sx), not sv.isdisjoint(sy)
    return None if ox == oy else (x if ox else y)


def _resolve(links: list[tuple], key, feature, uf: _UnionFind, cut=lambda n: False,
             weight=lambda k: 1, anchored=lambda n: False,
             provisional=lambda n: False, speakers=lambda n: _NOBODY) -> tuple[list[tuple], set[int]]:
    """Union the links (a, b, score, fragment-or-None) in ``uf`` (nodes named by ``key``), all
    but those of *ambiguous* wordings, in two stages:

    1. A wording that matched two others which are different claims of nearly the same words
       (:func:`_ambiguous_between`: another place, object or negation in a part this wording
       lacks — a truncated quote, a copy that lost the one distinctive word) fits both claims,
       so joins neither. The decision looks at the links only, so it does not depend on order.
    2. A wording marked as cut (``cut``: an ellipsis, :func:`claims.matching.marked_cut`), and
       a wording left out in stage 1, join only after every other link is in, and
       only when all the wordings they fit are then one cluster: a cut quote that kept only
       common words ("… within two years, and the figures prove it") fits many claims and
       would chain their clusters. When they are several clusters, it joins the largest if
       that has at least ``POPULAR`` times the claims (``weight`` of each node ``key``) of
       the next — a quote cut by one outlet most likely comes from the version many carry —
       and none otherwise. Fragments go longest first (a shorter one then sees the clusters
       the longer ones joined), ties by node: the result does not depend on order.

    The speakers tell two such claims apart when they can (``speakers``: the persons of a
    node's claims, :func:`_persons`): a wording that fits two claims of which only one
    has a speaker in common with it belongs to that one (a quote truncated by one outlet comes
    from what its own speaker said), in stage 1 (its link to the other is dropped) as in
    stage 2: of several clusters it fits, only those reached through wordings of its own
    speakers count, the ``POPULAR`` rule among them (a cut quote fitting claims of others only
    joins none). Same-speaker look-alikes (one speaker's two claims on one topic) stay
    ambiguous; a wording of unknown speakers (anonymous sources) goes by ``POPULAR`` alone.

    ``anchored`` nodes (stored clusters, in an update) never wait; ``provisional`` ones (a
    stored cut quote alone in its cluster) are no anchor for another wording, as a left-out one
    is not. A copy of the same words is evidence only for a cut wording long enough for partial
    matching (see :func:`_split`).

    Returns the kept links and the nodes left out as ambiguous (a cut wording left out keeps
    its claims apart too, see :func:`_split`)."""
    partners: dict[int, set[int]] = defaultdict(set)
    inside: dict[int, set[int]] = defaultdict(set)  # wordings a wording matched as the fragment
    linked: set[tuple[int, int]] = set()
    for a, b, _, frag in links:
        partners[a].add(b)
        partners[b].add(a)
        if frag is not None:
            inside[frag].add(b if frag == a else a)
        linked.add((a, b) if a < b else (b, a))
    ambiguous: set[int] = set()
    dropped: set[tuple[int, int]] = set()  # links of a wording to the claim its speaker did not say
    for v, ps in partners.items():
        if len(ps) < 2 or anchored(v):
            continue
        fv, ins, sv = feature(v), inside.get(v, ()), speakers(v)
        for x, y in itertools.combinations(sorted(ps), 2):
            # (two longer wordings that both hold v whole are no sign: one quote embedded in
            # two longer claims; a cut quote's partial links are stage 2's)
            if (x, y) in linked or (x in ins and y in ins) or not _ambiguous_between(fv, feature(x), feature(y)):
                continue
            told = _told_apart(sv, x, speakers(x), y, speakers(y))
            if told is None:
                ambiguous.add(v)
                break  # it waits for stage 2, where its speakers count again
            other = y if told == x else x
            dropped.add((v, other) if v < other else (other, v))
    if dropped:
        links = [link for link in links if ((link[0], link[1]) if link[0] < link[1] else (link[1], link[0]))
                 not in dropped]
    kept, late = [], defaultdict(list)
    for link in links:
        a, b, _, frag = link
        waits = [v for v in (a, b) if (v in ambiguous or cut(v)) and not anchored(v)]
        for v in waits:
            late[v].append(link)
        if not waits:
            kept.append(link)
    for a, b, *_ in kept:
        uf.union(key(a), key(b))
    size: Counter = Counter()
    if late:
        for k in {key(n) for a, b, *_ in links for n in (a, b)}:
            size[uf.find(k)] += weight(k)
    left_out = set(late)  # until joined
    for v in sorted(late, key=lambda n: (-len(feature(n).form), n)):
        # partners still left out (shorter ones, or longer ones that joined nothing) are no
        # anchors: generic pieces would chain
        fv = feature(v)
        mine = [x for x in late[v] if (
            fv.content >= MIN_PARTIAL_CONTENT if feature(w := x[1] if x[0] == v else x[0]).form == fv.form
            else w not in left_out and not provisional(w))]
        roots = {uf.find(key(b if a == v else a)) for a, b, *_ in mine}
        if len(roots) > 1 and (sv := speakers(v)):
            # of the clusters it fits, those reached through wordings of its own speakers
            said = {uf.find(key(w)) for a, b, *_ in mine if sv & speakers(w := b if a == v else a)}
            roots = said
        if len(roots) > 1:
            by = sorted((size[r], r) for r in roots)
            if not (by[-1][0] >= POPULAR * by[-2][0]):
                continue
            roots = {by[-1][1]}
        if not roots:
            continue
        win = roots.pop()
        own = uf.find(key(v))
        if own != win:
            total = size[own] + size[win]
            uf.union(key(v), win)
            size[uf.find(win)] = total
        left_out.discard(v)
        kept += [x for x in mine if uf.find(key(x[1] if x[0] == v else x[0])) == uf.find(win)]
    return kept, left_out


# --- rebuild -------------------------------------------------------------------------------

def rebuild(db: sqlite_utils.Database, *, threshold: float = THRESHOLD) -> dict[str, int]:
    """Recompute every cluster (and every speaker's person) from scratch. Returns counts."""
    # millions of small objects that live until the end: the cyclic collector would walk them
    # again and again (none of them form cycles)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _rebuild(db, threshold)
    finally:
        if enabled:
            gc.enable()


def _rebuild(db: sqlite_utils.Database, threshold: float) -> dict[str, int]:
    ensure_tables(db)
    clock = _Clock()
    conn = db.conn
    rows = conn.execute(f"select id, text, {_SPEAKER} from claims").fetchall()
    clock("read")
    forms, empty = _forms_of((r[0], r[1]) for r in rows)
    n_claims = len(rows)
    _set_speakers(forms, {r[0]: r[2] for r in rows if r[2]})
    del rows
    clock("forms")
    # speakers are resolved meanwhile in another process, while this one works on one core
    # (they write no column this reads; the cluster rows written at the end need them)
    resolving = _start_speakers(db, fresh=n_claims >= FRESH_CLAIMS)
    if resolving is None:
        with db.atomic():
            speakers.rebuild(db, claims=False)  # the claims' persons are written with their clusters
    clock("speakers")
    try:
        words, df, key_tok, key_form, masks = _rarity_keys([f.tokens for f in forms])
        for f in forms:
            f.tokens = ()  # not needed any more: memory
        form_strings = [f.form for f in forms]
        reps = [f.claims[0] for f in forms]
        # every posting's sort text, once: for the sorted neighbourhood and for the key rows
        pos = np.array([_pos(form_strings[f], words[t], forms[f].speaker).encode("utf-8")
                        for t, f in zip(key_tok.tolist(), key_form.tolist())] or [b""])[:len(key_tok)]
        rep_rank = rank_of(reps)
        speaker_code = {s: n for n, s in enumerate(sorted({f.speaker for f in forms} - {""}))}
        ia, ib, stats, posting_order = _candidates(
            form_strings, key_tok, key_form, words, reps, pos, rep_rank,
            np.fromiter((speaker_code.get(f.speaker, -1) for f in forms), dtype=np.int64, count=len(forms)),
            np.fromiter((f.cut for f in forms), dtype=bool, count=len(forms)))
        del pos  # (the key rows compute it again)
        clock("blocking")
        table = FeatureTable([f.features for f in forms], masks)
        uf = _UnionFind()
        form_link: dict[int, tuple[float, str]] = {}
        scored = list(_score(table, ia, ib, threshold))
        clock("scoring")
        if resolving is not None:  # persons are read next
            _join(resolving)
            clock("speakers (waited)")
            resolving = None
    except BaseException:
        _stop(resolving)  # (a new interpreter would go on after this one ended)
        raise
    # key rows in primary-key order (key, pos, claim), so that the write is an append
    rank = rank_of(words)
    order = posting_order[np.argsort(rank[key_tok[posting_order]], kind="stable")]
    key_inputs = (words, reps, key_tok, key_form, order, form_strings, [f.speaker for f in forms])
    df_rows = [(words[t], int(df[t])) for t in np.argsort(rank).tolist()]
    # written meanwhile by another process where it can (the second core is idle from here on)
    staged = _stage_keys(db, key_inputs, df_rows, fresh=n_claims >= FRESH_CLAIMS)
    key_rows = _key_rows(*key_inputs) if staged is None else ()
    del key_inputs
    # memory: what only the key rows needed (they hold their own references when written here)
    del form_strings, reps, rep_rank, words, df, key_tok, key_form, posting_order, order, rank
    rows: _Staged | None = None
    try:
        person_of = speakers.person_of(db)
        persons = _persons(person_of)
        n_forms = len(forms)
        parts = _split_by_person(forms, persons)
        feats = table.feats + [forms[i].features for i in range(n_forms, len(forms))]
        links, left_out = _resolve(_expand_links(scored, parts), int, feats.__getitem__, uf, lambda n: forms[n].cut,
                                   lambda n: len(forms[n].claims), speakers=lambda n: persons(forms[n].speakers))
        del persons, feats
        ambiguous = len(left_out)
        split = _split(forms, left_out, {n for a, b, *_ in links for n in (a, b)})
        del scored
        for a, b, s, _ in links:
            for x, y in ((a, b), (b, a)):
                form_link[x] = _best(form_link.get(x), (s, forms[y].claims[0]))
        n_links = len(links)
        n_pairs = len(ia)
        del ia, ib, table
        cluster_of: dict[str, str] = {}
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(forms)):
            groups[uf.find(i) if i in uf.parent else i].append(i)
        for group in groups.values():
            cid = min(forms[i].claims[0] for i in group)
            for i in group:
                for c in forms[i].claims:
                    cluster_of[c] = c if i in split else cid
        for c in empty:
            cluster_of[c] = c
        links = _claim_links(forms, form_link, split)
        hash_of = {c: f.hash for f in forms for c in f.claims}
        del forms, form_link, uf, groups, masks  # memory, before the writes
        # the cluster rows are computed meanwhile by another process where they can be
        rows = _stage_clusters(db, cluster_of, hash_of, person_of)
        clock("clusters")
        _write_rebuild(db, cluster_of, links, hash_of, person_of, key_rows, df_rows, clock, staged, rows)
        return {"seconds": clock.laps, "cpu_seconds": clock.cpu, "claims": n_claims, "forms": n_forms,
                "clusters": len(set(cluster_of.values())),
                "pairs": n_pairs, "links": n_links, "ambiguous_fragments": ambiguous, **stats}
    finally:
        _unstage(db.conn, staged)
        _unstage(db.conn, rows)


def _key_rows(words: Sequence[str], reps: Sequence[str], key_tok: np.ndarray, key_form: np.ndarray,
              order: np.ndarray, forms: Sequence[str], speakers: Sequence[str],
              chunk: int = 100_000) -> Iterator[tuple[str, str, str]]:
    """The ``dedupe_keys`` rows (key, pos, representative claim) of the postings in ``order``,
    streamed a chunk at a time (a million claims have millions of postings); each ``pos``
    computed again from the wording's text and speaker rather than kept from blocking (half a
    gigabyte at a million claims, while the scoring workers run)."""
    for lo in range(0, len(order), chunk):
        o = order[lo:lo + chunk]
        for t, f in zip(key_tok[o].tolist(), key_form[o].tolist()):
            key = words[t]
            yield key, _pos(forms[f], key, speakers[f]), reps[f]


def _db_file(db: sqlite_utils.Database) -> str | None:
    row = db.conn.execute("select file from pragma_database_list where name = 'main'").fetchone()
    return row[0] if row and row[0] else None


def _helper_db(db: sqlite_utils.Database, fresh: bool) -> str | None:
    """The database file a helper process may work on, or None (then this process does the
    work): not for an in-memory database, one core, or a caller's open transaction (whose rows
    a helper reading the database would not see)."""
    path = _db_file(db)
    if not path or db.conn.in_transaction or _workers() < 2 or (
            not fresh and "fork" not in mp.get_all_start_methods()):
        return None
    return path


def _start_helper(path: str, name: str, target: Callable[..., None], args: tuple,
                  fresh: bool) -> mp.Process | _Child:
    """``target(*args)`` in a forked process, or with ``fresh`` a new interpreter
    (:func:`_start_fresh`; its inputs in a file beside the database at ``path``)."""
    if fresh:
        fd, inputs = tempfile.mkstemp(prefix=f".claims-{name}-", suffix=".inputs", dir=os.path.dirname(path) or ".")
        os.close(fd)
        return _start_fresh(inputs, target, args)
    proc = mp.get_context("fork").Process(target=target, args=args, daemon=True)
    proc.start()
    return proc


def _start_speakers(db: sqlite_utils.Database, fresh: bool = False) -> mp.Process | _Child | None:
    """speakers.rebuild in another process on its own connection (see :func:`_start_helper`),
    or None (then the caller runs it, see :func:`_helper_db`)."""
    path = _helper_db(db, fresh)
    return _start_helper(path, "speakers", _speakers_rebuild, (path,), fresh) if path else None


def _stop(proc: mp.Process | _Child | None) -> None:
    """Stop a helper process that still runs (a rebuild that failed meanwhile), and reap it."""
    if proc is None or proc.pid is None:
        return
    if proc.is_alive():
        proc.terminate()
    proc.join()


def _join(proc: mp.Process | _Child, what: str = "speaker resolution") -> None:
    proc.join()
    if proc.exitcode:
        raise RuntimeError(f"{what} failed in its process (exit code {proc.exitcode})")


def _speakers_rebuild(path: str) -> None:
    other = sqlite_utils.Database(path)  # never the parent's connection
    other.conn.execute("PRAGMA busy_timeout = 60000")
    other.conn.execute("PRAGMA foreign_keys = ON")
    with other.atomic():
        speakers.rebuild(other, claims=False)  # the claims' persons are written with their clusters
    other.conn.close()


_Staged = tuple["mp.Process | _Child", str, str]  # (the staging process, its file, the schema it is attached as)


def _stage(db: sqlite_utils.Database, name: str, tables: Sequence[str], target: Callable[..., None],
           *args: object, fresh: bool = False) -> _Staged | None:
    """Start ``target(file, *args)`` in another process, to write rows into a new SQLite file
    (with ``tables``) beside the database, attached as ``staged_<name>``; or None (then the
    caller writes them, see :func:`_helper_db`). Rows are built and bound in that process while
    this one writes; copying them in is one statement in C.

    The process is forked, or with ``fresh`` a new interpreter given ``args`` pickled in a file
    (:func:`_start_fresh`): a forked process that lives while this one frees and allocates much
    keeps every page this one changes meanwhile (gigabytes at a million claims)."""
    path = _helper_db(db, fresh)
    if not path:
        return None
    fd, staged = tempfile.mkstemp(prefix=f".claims-{name}-", suffix=".db", dir=os.path.dirname(path) or ".")
    os.close(fd)
    conn = sqlite3.connect(staged)
    for sql in tables:
        conn.execute(sql)
    conn.commit()
    conn.close()
    schema = f"staged_{name}"
    db.conn.execute(f"attach database ? as {schema}", [staged])
    proc: _Child | mp.Process | None = None
    try:
        proc = _start_helper(path, name, target, (staged, *args), fresh)
    except BaseException:
        _unstage(db.conn, (proc, staged, schema))
        raise
    return proc, staged, schema


class _Child:
    """A Python process started by :func:`_start_fresh`, with the methods of
    :class:`multiprocessing.Process` that :func:`_join` and :func:`_unstage` use."""

    def __init__(self, popen: subprocess.Popen, inputs: str) -> None:
        self._popen = popen
        self._inputs = inputs  # deleted by the process once read, or here once it has ended

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def exitcode(self) -> int | None:
        return self._popen.returncode

    def is_alive(self) -> bool:
        return self._popen.poll() is None

    def terminate(self) -> None:
        self._popen.terminate()

    def join(self) -> None:
        self._popen.wait()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._inputs)


def _start_fresh(inputs: str, target: Callable[..., None], args: tuple) -> _Child:
    """``target(*args)`` in a new Python process, ``args`` pickled into the file ``inputs``
    (which that process deletes once read)."""
    env = dict(os.environ)  # the new process imports this package from where this one did
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1]),
                                         *filter(None, [env.get("PYTHONPATH")])])
    try:
        with open(inputs, "wb") as f:
            pickle.dump((target, args), f, protocol=pickle.HIGHEST_PROTOCOL)
        return _Child(subprocess.Popen(
            [sys.executable, "-c", "import sys; from claims.dedupe import _run_fresh; _run_fresh(sys.argv[1])",
             inputs], env=env), inputs)
    except BaseException:
        os.unlink(inputs)
        raise


def _run_fresh(inputs: str) -> None:
    """In a process started by :func:`_start_fresh`: read its inputs and run its target."""
    gc.disable()  # millions of objects read at once, none in cycles
    with open(inputs, "rb") as f:
        target, args = pickle.load(f)
    os.unlink(inputs)
    target(*args)


def _stage_keys(db: sqlite_utils.Database, key_inputs: tuple, df_rows: list[tuple[str, int]],
                fresh: bool = False) -> _Staged | None:
    """The key and frequency rows, written by another process (:func:`_stage`; ``fresh`` for a
    large database: it lives while this one resolves the clusters) from ``key_inputs``, the
    arguments of :func:`_key_rows`."""
    return _stage(db, "keys", (KEYS_TABLE, TOKEN_DF_TABLE), _write_key_file, key_inputs, df_rows, fresh=fresh)


def _write_key_file(path: str, key_inputs: tuple, df_rows: list[tuple[str, int]]) -> None:
    conn = _new_file(path)
    conn.executemany("insert into dedupe_keys (key, pos, claim_id) values (?, ?, ?)", _key_rows(*key_inputs))
    conn.executemany("insert into token_df (token, df) values (?, ?)", df_rows)
    conn.commit()
    conn.close()


def _stage_clusters(db: sqlite_utils.Database, cluster_of: dict[str, str], hash_of: dict[str, str],
                    person_of: dict[str, tuple[str, str]]) -> _Staged | None:
    """Every cluster row, computed by another process (:func:`_stage`) from the claims as
    committed and their new clusters, wordings and persons, while this one writes the claims."""
    table = f"create table clusters ({', '.join((*CLUSTER_FIELDS, 'id'))})"
    return _stage(db, "clusters", (table,), _write_cluster_file, _db_file(db), cluster_of, hash_of, person_of)


def _write_cluster_file(path: str, db_path: str, cluster_of: dict[str, str], hash_of: dict[str, str],
                        person_of: dict[str, tuple[str, str]]) -> None:
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn = _new_file(path)
    conn.executemany(f"insert into clusters values ({', '.join('?' * (len(CLUSTER_FIELDS) + 1))})",
                     _cluster_rows(src, cluster_of, hash_of, person_of))
    conn.commit()
    conn.close()
    src.close()


def _cluster_rows(src: sqlite3.Connection, cluster_of: dict[str, str], hash_of: dict[str, str],
                  person_of: dict[str, tuple[str, str]]) -> Iterator[tuple]:
    """Every cluster's row, from the claims as ``src`` has them (in table order) with their
    cluster, wording and person from ``cluster_of``, ``hash_of`` and ``person_of`` (by
    speaker id); a cluster's row as soon as all its members are read."""
    size = Counter(cluster_of.values())
    figures = drift.group_figures(r for r in src.execute(FIGURE_SQL) if size.get(cluster_of.get(r[0]), 0) > 1)
    held: dict[str, list[tuple]] = defaultdict(list)  # members of clusters not all read yet
    for *m, speaker_id in src.execute(f"select {MEMBER_COLUMNS}, speaker_id from claims"):
        cid = cluster_of[m[0]]
        person = person_of.get(speaker_id, m[7:9]) if speaker_id is not None else m[7:9]
        m = (*m[:6], hash_of.get(m[0]), *person, m[9], cid)
        if size[cid] == 1:
            yield _cluster_row(cid, [m], figures)
            continue
        ms = held[cid]
        ms.append(m)
        if len(ms) == size[cid]:
            yield _cluster_row(cid, held.pop(cid), figures)


@contextlib.contextmanager
def _indexes_rebuilt(conn: sqlite3.Connection, table: str, bulk: bool = True,
                     columns: Sequence[str] | None = None) -> Iterator[None]:
    """Around a bulk write into ``table`` (when ``bulk``): its indexes (those on any of
    ``columns`` when given) dropped first and made again after, one sort each, cheaper than
    updating them row by row."""
    indexes = conn.execute("select name, sql from sqlite_master where type = 'index' and tbl_name = ? "
                           "and sql is not null", [table]).fetchall() if bulk else []
    if columns is not None:
        indexes = [(name, sql) for name, sql in indexes
                   if {r[2] for r in conn.execute(f'pragma index_info("{name}")')} & set(columns)]
    for name, _ in indexes:
        conn.execute(f'drop index "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)


def _new_file(path: str) -> sqlite3.Connection:
    """A connection to a staging file: new, so nothing to protect: no journal, no syncing."""
    conn = sqlite3.connect(path)
    conn.execute("pragma journal_mode = off")
    conn.execute("pragma synchronous = off")
    return conn


def _write_rebuild(db: sqlite_utils.Database, cluster_of: dict[str, str], links: dict[str, tuple[float, str]],
                   hash_of: dict[str, str], person_of: dict[str, tuple[str, str]],
                   key_rows: Iterable[tuple[str, str, str]], df_rows: list[tuple[str, int]],
                   clock: _Clock, staged: _Staged | None = None, rows: _Staged | None = None) -> None:
    """Write what changed: claim rows whose cluster, link, wording or person (``person_of``, by
    speaker id, see :func:`claims.speakers.person_of`) changed; every key and
    frequency (derived tables, replaced whole: copied from the ``staged`` file when there is
    one, see :func:`_stage_keys`); cluster rows recomputed (replaced whole when ``rows`` has
    them staged, see :func:`_stage_clusters`; else written when changed)."""
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # clusters are replaced whole; rows match by construction
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-WRITE_CACHE_KIB}")  # index pages of a million rows stay in memory
    threads = conn.execute("PRAGMA threads").fetchone()[0]
    # SQLite's sorter may use helper threads to make the indexes again: the other core is idle
    # by the time the keys are copied
    conn.execute(f"PRAGMA threads = {_workers()}")
    try:
        with db.atomic():
            changed = _changed_claims(conn, cluster_of, links, hash_of, person_of)
            # many rows: cheaper to make the indexes on these columns again than to update them row by row
            with _indexes_rebuilt(conn, "claims", len(changed) > max(BULK_MIN, len(cluster_of) // 5), _WRITTEN):
                conn.executemany(f"update claims set {', '.join(c + ' = ?' for c in _WRITTEN)} where rowid = ?",
                                 changed)
            conn.execute("create index if not exists idx_claims_cluster_id on claims (cluster_id)")
            conn.execute("create index if not exists idx_claims_match_hash on claims (match_hash)")
            clock("write claims")
            conn.execute("delete from dedupe_keys")
            conn.execute("delete from token_df")
            # rows come in primary-key order, so the table itself is written as an append
            with _indexes_rebuilt(conn, "dedupe_keys"):
                if staged is not None:
                    _join(staged[0], "writing the dedup keys")
                    conn.execute(f"insert into main.dedupe_keys (key, pos, claim_id) "
                                 f"select key, pos, claim_id from {staged[2]}.dedupe_keys")
                    conn.execute(f"insert into main.token_df (token, df) select token, df from {staged[2]}.token_df")
                else:
                    conn.executemany("insert into dedupe_keys (key, pos, claim_id) values (?, ?, ?)", key_rows)
                    conn.executemany("insert into token_df (token, df) values (?, ?)", df_rows)
            clock("write keys")
            if rows is not None:
                _join(rows[0], "computing the cluster rows")
                conn.execute("delete from clusters")
                cols = ", ".join((*CLUSTER_FIELDS, "id"))
                with _indexes_rebuilt(conn, "clusters"):
                    conn.execute(f"insert into main.clusters ({cols}) select {cols} from {rows[2]}.clusters")
            else:
                size = Counter(cluster_of.values())
                _refresh_all(db, {c for c, cl in cluster_of.items() if size[cl] > 1})
            clock("write clusters")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute(f"PRAGMA threads = {threads}")


# the claim columns a rebuild writes
_WRITTEN = ("cluster_id", "cluster_score", "cluster_via", "match_hash", "person_id", "person")


def _changed_claims(conn: sqlite3.Connection, cluster_of: dict[str, str], links: dict[str, tuple[float, str]],
                    hash_of: dict[str, str], person_of: dict[str, tuple[str, str]]) -> list[tuple]:
    """The new values of the _WRITTEN columns, then the rowid, of every claim where they changed
    (by rowid: the update then walks the table in order, with no lookup of the id index)."""
    changed = []
    unlinked = (100.0, None)
    for rowid, cid, speaker_id, *old in conn.execute(
            f"select rowid, id, speaker_id, {', '.join(_WRITTEN)} from claims"):
        new = [cluster_of[cid], *links.get(cid, unlinked), hash_of.get(cid),
               *(person_of.get(speaker_id, old[4:]) if speaker_id is not None else old[4:])]
        if new != old:
            new.append(rowid)
            changed.append(new)
    return changed


def _unstage(conn: sqlite3.Connection, staged: _Staged | None) -> None:
    """Stop the staging process if it still runs, detach and delete its file."""
    if staged is None:
        return
    proc, path, schema = staged
    _stop(proc)
    conn.execute(f"detach database {schema}")
    os.unlink(path)


# --- update --------------------------------------------------------------------------------

def _chunks(items: Sequence, n: int = 500) -> Iterator[Sequence]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _query_in(db: sqlite_utils.Database, sql: str, values: Sequence, *extra: object) -> list[tuple]:
    """Run ``sql`` (holding one ``{in_}`` placeholder list) over ``values`` in chunks."""
    out: list[tuple] = []
    for chunk in _chunks(list(values)):
        out += db.conn.execute(sql.format(in_=",".join("?" * len(chunk))), [*chunk, *extra]).fetchall()
    return out


def update(db: sqlite_utils.Database, claim_ids: Sequence[str], *, threshold: float = THRESHOLD,
           stale_clusters: Iterable[str] = ()) -> dict[str, int]:
    """Cluster ``claim_ids`` (new claims) against the stored clusters through the stored
    blocking index, and re-cluster ``stale_clusters`` (which lost members when their articles
    were replaced). Claims already clustered that are passed again re-cluster their cluster."""
    ensure_tables(db)
    with db.atomic():
        return _update(db, list(dict.fromkeys(claim_ids)), threshold, set(stale_clusters or ()))


def _update(db: sqlite_utils.Database, claim_ids: list[str], threshold: float, stale: set[str]) -> dict[str, int]:
    conn = db.conn
    stale |= {r[0] for r in _query_in(db, "select distinct cluster_id from claims where id in ({in_}) "
                                          "and cluster_id is not null", claim_ids)}
    stale_members = [r[0] for r in _query_in(db, "select id from claims where cluster_id in ({in_})", sorted(stale))]
    pending = list(dict.fromkeys(claim_ids + stale_members))
    rows = _query_in(db, f"select id, text, speaker_id, match_hash, {_SPEAKER} from claims where id in ({{in_}})",
                     pending)
    if not rows and not stale:
        return {"claims": 0, "clusters": 0}
    new_speakers = {r[2] for r in rows if r[2]}
    if new_speakers:
        speakers.update(db, new_speakers)
    conn.execute("create temp table if not exists _pending (id text primary key)")
    conn.execute("delete from _pending")
    conn.executemany("insert into _pending values (?)", ((r[0],) for r in rows))
    conn.execute("delete from dedupe_keys where claim_id in (select id from _pending)")
    known_hashes = {r[3] for r in rows if r[3]}  # wordings already counted in token_df

    forms, empty = _forms_of((r[0], r[1]) for r in rows)
    _set_speakers(forms, {r[0]: r[4] for r in rows if r[4]})
    uf = _UnionFind()
    form_link: dict[int, tuple[float, str]] = {}
    score_updates: list[tuple[float, str, str]] = []  # (score, via, match_hash of stored claims)

    # wordings already stored (outside the pending claims): join their cluster
    stored = {h: (cid, cl) for h, cid, cl in _query_in(
        db, "select match_hash, min(id), min(cluster_id) from claims where match_hash in ({in_}) and cluster_id "
            "is not null and id not in (select id from _pending) group by match_hash", [f.hash for f in forms])}
    new: list[int] = []  # wordings not stored yet: they get keys and are scored
    for i, f in enumerate(forms):
        uf.find(("f", i))
        if f.hash in stored and not f.cut:  # (a cut quote may fit several claims: scored as new)
            other, cluster = stored[f.hash]
            uf.union(("f", i), ("c", cluster))
            form_link[i] = (100.0, other)
            score_updates.append((100.0, f.claims[0], f.hash))
        else:
            new.append(i)

    # frequencies: count the wordings nobody carried before, then pick keys
    if new:
        seen = {r[0] for r in _query_in(db, "select distinct match_hash from claims where match_hash in ({in_})",
                                        [forms[i].hash for i in new])} | known_hashes
        counts = Counter(t for i in new if forms[i].hash not in seen for t in forms[i].tokens)
        conn.executemany("insert into token_df (token, df) values (?, ?) on conflict (token) "
                         "do update set df = df + excluded.df", sorted(counts.items()))
        df = dict(_query_in(db, "select token, df from token_df where token in ({in_})",
                            sorted({t for i in new for t in forms[i].tokens})))
        for i in new:
            forms[i].keys = key_words(forms[i].tokens, df)

    # candidates: stored wordings sharing a key — all of a small block, the WINDOW neighbours
    # on either side in the sort order of a large one (dedupe_keys.pos) — and new wordings
    # sharing a key with each other
    all_keys = sorted({k for i in new for k in forms[i].keys})
    new_in_block: dict[str, list[int]] = defaultdict(list)
    for n, i in enumerate(new):
        for k in forms[i].keys:
            new_in_block[k].append(n)
    sizes = dict(_query_in(db, "select key, count(*) from dedupe_keys where key in ({in_}) group by key", all_keys))
    large = {k for k in all_keys if sizes.get(k, 0) + len(new_in_block[k]) > MAX_BLOCK}
    found: dict[str, list[str]] = defaultdict(list)  # key -> stored claim ids
    for key, cid in _query_in(db, "select key, claim_id from dedupe_keys where key in ({in_})",
                              [k for k in all_keys if k not in large]):
        found[key].append(cid)
    for key in sorted(large):
        for n in new_in_block[key]:
            at = (_pos(forms[new[n]].form, key, forms[new[n]].speaker), forms[new[n]].claims[0])
            for cmp, order in (("<", "desc"), (">", "asc")):
                found[key] += [r[0] for r in conn.execute(
                    f"select claim_id from dedupe_keys where key = ? and (pos, claim_id) {cmp} (?, ?) "
                    f"order by pos {order}, claim_id {order} limit ?", (key, *at, WINDOW))]
    # and in a large block, the stored wordings of a new wording's speaker (_speaker_pairs)
    wanted: dict[str, set[str]] = defaultdict(set)  # speaker -> the large keys of its new wordings
    for key in large:
        for n in new_in_block[key]:
            if who := forms[new[n]].speaker:
                wanted[who].add(key)
    by_speaker: dict[tuple[str, str], list[str]] = defaultdict(list)
    for who, keys in sorted(wanted.items()):  # one query a speaker, through its claims
        for key, cid in _query_in(db, "select k.key, k.claim_id from claims c cross join dedupe_keys k "
                                      "on k.claim_id = c.id where k.key in ({in_}) and c.speaker_id = ? "
                                      "and not c.anonymous", sorted(keys), who):
            by_speaker[key, who].append(cid)
    info = {cid: (text, cluster, h, who) for cid, text, cluster, h, who in _query_in(
        db, f"select id, text, cluster_id, match_hash, {_SPEAKER} from claims where id in ({{in_}})",
        sorted({c for cs in (*found.values(), *by_speaker.values()) for c in cs}))}
    nodes: list[Features] = [forms[i].features for i in new]  # new wordings first, then stored ones
    node_info: list[tuple[str, str, str] | None] = [None] * len(new)  # stored: (claim id, cluster, hash)
    tie: list[str] = [forms[i].claims[0] for i in new]
    sort_speaker: list[str] = [forms[i].speaker for i in new]
    node_cut: list[bool] = [forms[i].cut for i in new]
    stored_node: dict[str, int] = {}
    pairs: set[tuple[int, int]] = set()

    def node(cid: str) -> int | None:
        if cid not in info:
            return None
        text, cluster, h, who = info[cid]
        if h not in stored_node:
            stored_node[h] = len(nodes)
            nodes.append(Features.of(match_form(text)))
            node_info.append((cid, cluster, h))
            tie.append(cid)
            sort_speaker.append(who)
            node_cut.append(marked_cut(text))
        return stored_node[h]

    for key in all_keys:
        members = sorted(set(new_in_block[key]) | {m for c in found.get(key, ()) if (m := node(c)) is not None})
        fresh = set(new_in_block[key])
        if key not in large:
            pairs |= {(a, b) for x, a in enumerate(members) for b in members[x + 1:] if a in fresh or b in fresh}
        else:
            ordered = sorted(members, key=lambda m: (_pos(nodes[m].form, key, sort_speaker[m]), tie[m]))
            pairs |= set(_window_pairs(ordered, fresh))
            group: dict[str, set[int]] = defaultdict(set)
            for n in fresh:
                if forms[new[n]].speaker:
                    group[forms[new[n]].speaker].add(n)
            for who, ns in group.items():
                ns |= {m for c in by_speaker.get((key, who), ()) if (m := node(c)) is not None}
                if len(ns) <= MAX_BLOCK:
                    pairs |= {(a, b) for a in ns for b in ns
                              if a < b and (a in fresh or b in fresh) and (node_cut[a] or node_cut[b])}
    pair_list = sorted((min(p), max(p)) for p in pairs)
    ia = np.array([p[0] for p in pair_list], dtype=np.int64)
    ib = np.array([p[1] for p in pair_list], dtype=np.int64)
    table = FeatureTable(nodes)

    # who said each node: a new wording's claims, every stored claim of a stored wording
    node_speakers = [forms[i].speakers for i in new] + [frozenset()] * (len(nodes) - len(new))
    stored_said: dict[int, set[str]] = defaultdict(set)
    for h, cluster, who in _query_in(
            db, f"select distinct match_hash, cluster_id, {_SPEAKER} from claims where match_hash in ({{in_}}) "
                "and id not in (select id from _pending)", sorted(stored_node)):
        n = stored_node[h]
        if who and cluster == node_info[n][1]:  # (a cut wording's claims may be in several clusters)
            stored_said[n].add(who)
    for n, said in stored_said.items():
        node_speakers[n] = frozenset(said)
    persons = _persons(speakers.person_of(db))
    # a new cut wording of several persons: one node per person, sharing the wording's links
    node_form = list(new)  # node -> its wording (new nodes only)
    node_parts: dict[int, list[int]] = {}
    node_of = {i: n for n, i in enumerate(new)}
    for i, ps in _split_by_person(forms, persons, new).items():
        n = node_of[i]
        node_speakers[n] = forms[i].speakers
        node_parts[n] = [n]
        for j in ps[1:]:
            node_parts[n].append(len(nodes))
            nodes.append(nodes[n])
            node_info.append(None)
            node_cut.append(True)
            node_speakers.append(forms[j].speakers)
            node_form.append(j)

    def key(n: int) -> tuple:  # a new wording is its own node; a stored one stands for its cluster
        return ("f", node_form[n]) if node_info[n] is None else ("c", node_info[n][1])

    cluster_size = dict(_query_in(db, "select id, size from clusters where id in ({in_})",
                                  sorted({x[1] for x in node_info if x is not None and x[1]})))

    def weight(k: tuple) -> int:
        return len(forms[k[1]].claims) if k[0] == "f" else cluster_size.get(k[1]) or 1

    links, left_out = _resolve(_expand_links(list(_score(table, ia, ib, threshold)), node_parts), key,
                               nodes.__getitem__, uf,
                               node_cut.__getitem__, weight, lambda n: node_info[n] is not None,
                               lambda n: node_info[n] is not None and node_cut[n] and weight(key(n)) == 1,
                               lambda n: persons(node_speakers[n]))
    split = _split(forms, [node_form[n] for n in left_out if node_info[n] is None],
                   set(form_link) | {node_form[n] for a, b, *_ in links for n in (a, b) if node_info[n] is None})
    for a, b, s, _ in links:
        for x, y in ((a, b), (b, a)):
            if node_info[x] is not None:
                continue
            fx = node_form[x]
            if node_info[y] is None:
                form_link[fx] = _best(form_link.get(fx), (s, forms[node_form[y]].claims[0]))
            else:
                cid, cluster, h = node_info[y]
                form_link[fx] = _best(form_link.get(fx), (s, cid))
                score_updates.append((s, forms[fx].claims[0], h))
    return _write_update(db, forms, [forms[i] for i in new], uf, _claim_links(forms, form_link, split), score_updates,
                         stale, empty, split)


def _write_update(db: sqlite_utils.Database, forms: list[_Form], new_forms: list[_Form], uf: _UnionFind,
                  links: dict[str, tuple[float, str]], score_updates: list[tuple[float, str, str]],
                  stale: set[str], empty: list[str], split: set[int] = frozenset()) -> dict[str, int]:
    conn = db.conn
    groups: dict = defaultdict(lambda: ([], []))  # root -> (stored cluster ids, pending claim ids)
    for i, f in enumerate(forms):
        if i in split:
            for c in f.claims:
                groups[("s", c)][1].append(c)
        else:
            groups[uf.find(("f", i))][1].extend(f.claims)
    for node in list(uf.parent):
        if node[0] == "c":
            groups[uf.find(node)][0].append(node[1])
    touched = set(stale)
    assign: list[tuple[str, float, str | None, str]] = []
    renames: list[tuple[str, str]] = []
    for old_clusters, claim_ids in groups.values():
        cid = min(old_clusters + claim_ids)
        touched.add(cid)
        renames += [(cid, old) for old in old_clusters if old != cid]
        assign += [(cid, *(links.get(c) or (100.0, None)), c) for c in claim_ids]
    assign += [(c, 100.0, None, c) for c in empty]
    touched |= set(empty)
    hash_of = {c: f.hash for f in forms for c in f.claims}
    conn.executemany("insert or ignore into clusters (id) values (?)", ((c,) for c in touched if c))
    conn.executemany("update claims set cluster_id = ?, cluster_score = ?, cluster_via = ?, match_hash = ? where id = ?",
                     ((cid, s, via, hash_of.get(c), c) for cid, s, via, c in assign))
    conn.executemany("update claims set cluster_id = ? where cluster_id = ?", renames)
    touched |= {old for _, old in renames}
    conn.executemany("""update claims set cluster_score = ?, cluster_via = ? where match_hash = ?
                        and id not in (select id from _pending)
                        and (cluster_via is null or cluster_score < ?1 or (cluster_score = ?1 and cluster_via > ?2))""",
                     ((s, via, h) for s, via, h in score_updates))
    conn.executemany("insert or ignore into dedupe_keys (key, pos, claim_id) values (?, ?, ?)",
                     ((k, _pos(f.form, k, f.speaker), f.claims[0]) for f in new_forms for k in f.keys or ()))
    conn.execute("drop table if exists _pending")
    refresh_clusters(db, touched)
    return {"claims": len(assign), "clusters": len(groups)}


# --- cluster rows --------------------------------------------------------------------------

def _cluster_row(cid: str, members: list[tuple], figures: dict[str, list]) -> tuple:
    """A clusters row (CLUSTER_FIELDS, then id) from its members: (id, text, article_id,
    outlet, published, start, match_hash, person_id, person, speaker, cluster_id)."""
    if len(members) == 1:  # most clusters: no counting, no drift
        m = members[0]
        return (m[0], m[1], m[8] or m[9], m[7], 1, 1, int(bool(m[3])), m[4], m[4], 0, None, cid)
    counts = Counter(m[6] for m in members)
    canon = min(members, key=lambda m: (-counts[m[6]], m[4] or "\uffff", m[2], m[5] or 0, m[0]))
    dates = [m[4] for m in members if m[4]]
    figs = {m[0]: figures[m[0]] for m in members if m[0] in figures}
    found = drift.drifting(figs) if len(figs) > 1 else {}  # (one member's figures cannot drift)
    return (canon[0], canon[1], canon[8] or canon[9], canon[7], len(members), len({m[2] for m in members}),
            len({m[3] for m in members if m[3]}), min(dates) if dates else None, max(dates) if dates else None,
            int(bool(found)), drift.describe(found), cid)


MEMBER_COLUMNS = "id, text, article_id, outlet, published, start, match_hash, person_id, person, speaker, cluster_id"
MEMBER_SQL = f"select {MEMBER_COLUMNS} from claims"
FIGURE_SQL = "select claim_id, kind, unit, key from figures where claim_id is not null"
CLUSTER_FIELDS = ("canonical_claim_id", "canonical_text", "speaker", "speaker_id", "size", "n_articles", "n_outlets",
                  "first_seen", "last_seen", "figure_drift", "drift_detail")


def refresh_clusters(db: sqlite_utils.Database, cluster_ids: Iterable[str] | None = None) -> None:
    """Recompute the rows of ``cluster_ids`` (all when None) from their members; drop clusters
    left without members. Runs in the caller's transaction, or in its own when there is none."""
    if db.conn.in_transaction:
        _refresh(db, cluster_ids)
    else:
        with db.atomic():
            _refresh(db, cluster_ids)


def _refresh(db: sqlite_utils.Database, cluster_ids: Iterable[str] | None) -> None:
    conn = db.conn
    if cluster_ids is None:
        _refresh_all(db)
        return
    else:
        ids = sorted(c for c in set(cluster_ids) if c)
        if not ids:
            return
        members_rows = _query_in(db, MEMBER_SQL + " where cluster_id in ({in_})", ids)
        fig_rows = _query_in(db, FIGURE_SQL + " and claim_id in (select id from claims where cluster_id in ({in_}))", ids)
    members: dict[str, list[tuple]] = defaultdict(list)
    for m in members_rows:
        members[m[10]].append(m)
    del members_rows
    figures = drift.group_figures(fig_rows)
    rows = [_cluster_row(cid, ms, figures) for cid, ms in members.items()]
    del members
    gone = [c for c in ids if c not in {r[-1] for r in rows}]
    conn.executemany("delete from clusters where id = ?", ((c,) for c in gone))
    conn.executemany("insert or ignore into clusters (id) values (?)", ((r[-1],) for r in rows))
    sets = ", ".join(f"{f} = ?" for f in CLUSTER_FIELDS)
    conn.executemany(f"update clusters set {sets} where id = ?", rows)


def _refresh_all(db: sqlite_utils.Database, shared: set[str] | None = None) -> None:
    """Every cluster row, streamed cluster by cluster (members in cluster order through the
    cluster_id index, never all in memory); only rows that differ from the stored ones are
    written, and clusters without members are dropped. ``shared``: the claims in clusters of
    more than one claim, when the caller knows them (their figures are read for drift)."""
    conn = db.conn
    cols = (*CLUSTER_FIELDS, "id")
    have = {r[-1]: r for r in conn.execute(f"select {', '.join(cols)} from clusters")}
    if shared is None:
        fig_rows = conn.execute(FIGURE_SQL + " and claim_id in (select id from claims where cluster_id in "
                                "(select cluster_id from claims group by cluster_id having count(*) > 1))").fetchall()
    else:
        fig_rows = [r for r in conn.execute(FIGURE_SQL) if r[0] in shared]
    figures = drift.group_figures(fig_rows)
    del fig_rows
    reader = db.conn.cursor()  # a second cursor: the rows stream while this one writes nothing
    members = reader.execute(MEMBER_SQL + " where cluster_id is not null order by cluster_id")
    fresh, changed = [], []
    for cid, ms in itertools.groupby(members, key=lambda m: m[10]):
        row = _cluster_row(cid, list(ms), figures)
        old = have.pop(cid, None)
        if old is None:
            fresh.append(row)
        elif old != row:
            changed.append(row)
    conn.executemany("delete from clusters where id = ?", ((c,) for c in have))
    with _indexes_rebuilt(conn, "clusters", len(fresh) > 100_000):
        conn.executemany(f"insert into clusters ({', '.join(cols)}) values ({', '.join('?' * len(cols))})", fresh)
    sets = ", ".join(f"{f} = ?" for f in CLUSTER_FIELDS)
    conn.executemany(f"update clusters set {sets} where id = ?", changed)
