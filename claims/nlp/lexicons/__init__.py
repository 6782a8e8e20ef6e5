"""Lexicons are data: plain UTF-8 files under ``lexicons/<lang>/``, one entry a line.

``.txt`` files hold one entry a line; ``.tsv`` files hold tab-separated columns. In both,
``#`` starts a comment line and blank lines are skipped. A ``.tsv`` file may name its columns
in a first comment line of the form ``# columns: form<TAB>lemma<TAB>…``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


def lexicon_path(lang: str, name: str) -> Path:
    """Path of lexicon ``name`` (with extension) for ``lang``."""
    return LEXICON_DIR / lang / name


def _lines(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        raise LexiconError(f"no lexicon {path.parent.name}/{path.name} in {LEXICON_DIR}")
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((n, line))
    return out


@lru_cache(maxsize=None)
def load_list(lang: str, name: str) -> tuple[str, ...]:
    """Entries of a one-entry-a-line lexicon, stripped, in file order."""
    return tuple(line.strip() for _, line in _lines(lexicon_path(lang, name)))


@lru_cache(maxsize=None)
def load_tsv(lang: str, name: str, min_columns: int = 1) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon; each row has at least ``min_columns`` non-empty cells."""
    path = lexicon_path(lang, name)
    rows = []
    for n, line in _lines(path):
        cells = tuple(c.strip() for c in line.split("\t"))
        if len(cells) < min_columns or any(not c for c in cells[:min_columns]):
            raise LexiconError(f"{path}:{n}: expected at least {min_columns} tab-separated columns")
        rows.append(cells)
    return tuple(rows)


def available(lang: str) -> list[str]:
    """Names of the lexicon files shipped for ``lang``."""
    d = LEXICON_DIR / lang
    return sorted(p.name for p in d.iterdir() if p.suffix in (".txt", ".tsv")) if d.is_dir() else []
