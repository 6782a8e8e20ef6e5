"""Reading what users actually have into :class:`~claims.model.Article` records.

This module knows about files, formats and encodings, and nothing about claims.
:func:`iter_articles` yields one ``Article`` per article and one ``LoadError`` per input that
could not be read; it never raises for bad input.

Formats (``Article.format``):

``txt`` (``.txt``, ``.text``)
    The first line is the title, then a blank line, then the body, one paragraph a line.
    ``text`` is the whole decoded file, so offsets into ``text`` are offsets in the file (in
    characters, after line ends are made ``\\n``); ``body_start`` is where the body begins. A
    second line that is not blank still leaves the title on line 1 and starts the body on line 2.
    A file of a single line, or whose first line is longer than :data:`MAX_TITLE_CHARS`, has
    no title: all of it is body. An optional front-matter block at the very top gives metadata::

        ---
        outlet: BBC News
        published: 2024-05-02
        url: https://www.bbc.co.uk/news/...
        author: Jane Roe
        lang: ar
        id: bbc-2024-0502-17
        ---

    Keys are ``outlet`` (or ``source``, ``site``), ``published`` (or ``date``), ``url``,
    ``author``, ``lang`` (or ``language``) and ``id``; others are ignored. When the block is
    there, ``text`` is everything after it: offsets then count from the line after the
    closing ``---``. A block that does not close within :data:`MAX_HEADER_LINES` lines, or has
    a line that is not ``key: value``, is not front matter and stays part of the text.

``html`` (``.html``, ``.htm``)
    Main text, title, site name, date (ISO), URL and author extracted with trafilatura, with
    boilerplate removed; paragraphs joined with ``\\n``; ``text`` is title + ``"\\n\\n"`` +
    body, the same shape as ``txt``. A ``<meta charset>`` is followed when the bytes are not
    UTF-8. A page with fewer than :data:`MIN_HTML_WORDS` words of main text is an error.

``jsonl`` (``.jsonl``, ``.ndjson``; ``.json`` holding one object or a list of objects)
    One article per object: ``text`` (required; ``body`` and ``content`` are accepted too)
    and optional ``title`` (or ``headline``), ``url``, ``outlet`` (or ``sitename``,
    ``site_name``, ``source``), ``published`` (or ``date``), ``lang``, ``id`` and ``author``.
    ``text`` is stored as title + ``"\\n\\n"`` + text when there is a title. Lines are read
    one at a time; a bad line is a ``LoadError`` with its line number and the others load.

Ids are deterministic: the input's ``id``, else one derived from the URL, else from the
text, so reading the same article again gives the same id.
"""
from __future__ import annotations

import codecs
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from claims.model import Article, LoadError, stable_id
from claims.normalize import letters_by_script, script_of

__all__ = [
    "DEFAULT_EXTENSIONS",
    "FORMATS",
    "UnreadableInput",
    "decode_bytes",
    "detect_lang",
    "estimate_count",
    "iter_articles",
    "read_file",
]

FORMATS = ("txt", "html", "jsonl")
# Names accepted for ``fmt``, mapped to the reader used; "json" is a whole JSON document.
FORMAT_ALIASES = {"txt": "txt", "text": "txt", "html": "html", "htm": "html",
                  "jsonl": "jsonl", "ndjson": "jsonl", "json": "json"}
EXTENSION_FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
                     ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
DEFAULT_EXTENSIONS = tuple(EXTENSION_FORMATS)

STDIN = "-"
STDIN_NAME = "<stdin>"
MAX_TITLE_CHARS = 300
MAX_HEADER_LINES = 40
MIN_HTML_WORDS = 5
MIN_LANG_LETTERS = 20
MIN_LANG_CONFIDENCE = 0.5
LANG_SAMPLE_CHARS = 3000
# English without the classifier: these words are about a third of the words of running English
# news text and under a tenth of French, Spanish, German, Italian, Portuguese or Dutch text; a
# Latin-script sample of MIN_ENGLISH_WORDS words or more where they are ENGLISH_SHARE of the
# words is English. Anything less clear-cut goes to the classifier, which costs as much as
# storing the article's claims.
ENGLISH_FUNCTION_WORDS = frozenset("""
    the of and to a in that is for on was with said he it as at by from his be has have are an its
    not but which had this were they their who will would been
""".split())
ENGLISH_SHARE = 0.2
MIN_ENGLISH_WORDS = 20
_LATIN_WORD = re.compile(r"[A-Za-z]+")
SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024

ARABIC_CODECS = ("cp1256", "iso8859-6")
# Share of letters that must be Arabic before a legacy Arabic decoding is believed.
MIN_ARABIC_SHARE = 0.6
# charset-normalizer coherence above which its own (non-Arabic) choice is trusted.
CONFIDENT_COHERENCE = 0.2
# How close to charset-normalizer's best a Windows-1252 reading must be to be preferred.
TIE_CHAOS = 0.01
TIE_COHERENCE = 0.1
# A non-UTF-8 file with at most this many bad bytes among plenty of valid UTF-8 is UTF-8.
MAX_DAMAGED_UTF8 = 3

BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings whose newlines are not the byte b"\n": such JSON lines are decoded whole.
WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

HEADER_KEYS = {"outlet": "outlet", "source": "outlet", "site": "outlet",
               "published": "published", "date": "published", "url": "url",
               "author": "author", "lang": "lang", "language": "lang", "id": "id"}
TEXT_KEYS = ("text", "body", "content")
RECORD_KEYS = {
    "title": ("title", "headline"),
    "url": ("url",),
    "outlet": ("outlet", "sitename", "site_name", "source"),
    "published": ("published", "date"),
    "lang": ("lang", "language"),
    "id": ("id",),
    "author": ("author",),
}

_HEADER_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_LEADING_SPACE = re.compile(r"\s*")
_HTML_START = re.compile(rb"\s*(<!doctype\s+html|<html|<head|<body|<meta|<!--|<article|<div|<p[\s>])",
                         re.IGNORECASE)
_HTML_TAG = re.compile(rb"<(html|body)[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

# trafilatura and htmldate log every page they cannot parse; a LoadError already says so.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class UnreadableInput(ValueError):
    """An input that cannot become an article; ``str(exc)`` is the reason shown to users."""


# --------------------------------------------------------------------------- public API


def iter_articles(paths: Iterable[str], *, glob: str | None = None, lang: str | None = None,
                  fmt: str | None = None, outlet: str | None = None,
                  published: str | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Article | LoadError]:
    """Every article in ``paths`` (files, folders searched recursively, ``-`` for stdin).

    Folders give their files with a :data:`DEFAULT_EXTENSIONS` ending, or those matching
    ``glob`` (see :func:`_glob_matcher`), hidden files and folders skipped, sorted by path.
    Files named explicitly are always read. ``lang`` and ``fmt`` override detection;
    ``outlet`` and ``published`` fill in articles that do not set them. Unreadable input
    gives a ``LoadError`` and reading goes on.
    """
    reader = _reader(fmt)
    match = _glob_matcher(glob)
    for item in _expand(paths, match):
        if isinstance(item, LoadError):
            yield item
            continue
        if item == STDIN:
            records = _read_stdin(stdin if stdin is not None else sys.stdin.buffer, reader, lang)
        else:
            records = _read_path(item, reader, lang, listed=True)
        for record in records:
            yield _fill_in(record, outlet, published) if isinstance(record, Article) else record


def estimate_count(paths: Iterable[str], *, glob: str | None = None) -> int | None:
    """How many articles ``paths`` hold, for a progress bar: one per file, one per line of a
    JSON lines file. None when stdin is among the paths (its size is unknown)."""
    total = 0
    for item in _expand(paths, _glob_matcher(glob)):
        if item == STDIN:
            return None
        if isinstance(item, LoadError):
            total += 1
        elif item.lower().endswith((".jsonl", ".ndjson")):
            total += _count_lines(item)
        else:
            total += 1
    return total


def _count_lines(path: str) -> int:
    n = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                n += chunk.count(b"\n")
    except OSError:
        return 1
    return max(n, 1)


def read_file(path: str, *, fmt: str | None = None,
              lang: str | None = None) -> Iterator[Article | LoadError]:
    """The articles in one file (a JSON lines file gives many), or the reasons it failed."""
    return _read_path(path, _reader(fmt), lang, listed=False)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: returns ``(text, encoding)`` with CRLF and CR made ``\\n``.

    Order: a BOM (UTF-8, UTF-16 or UTF-32, LE/BE); then NUL bytes mean binary data (unless
    they are BOM-less UTF-16) and raise :class:`UnreadableInput`; then UTF-8. UTF-8 cut off
    inside the last character, or with at most :data:`MAX_DAMAGED_UTF8` bad bytes among
    plenty of valid multi-byte characters, stays UTF-8 with each damaged sequence replaced
    by U+FFFD, so the article is kept. Anything else goes to charset-normalizer, corrected
    for Arabic: Windows-1256 and ISO-8859-6 are tried directly and the one giving the most
    Arabic letters wins when the text is mostly Arabic. Encoding names are Python codec
    names (``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``cp1256``, ``iso8859-6`` ...).
    """
    text, encoding = _decode(data, None)
    return _unify_newlines(text), encoding


def detect_lang(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("ar", "en", "fr" ...), or None with too little signal.

    Arabic script is "ar", plainly English text (:func:`looks_english`) "en"; other text goes
    to py3langid's bundled model, whose answer is kept only when it is at least
    :data:`MIN_LANG_CONFIDENCE` sure.
    """
    sample = text[:LANG_SAMPLE_CHARS]
    letters = letters_by_script(sample)
    if sum(letters) < MIN_LANG_LETTERS:
        return None
    script = script_of(sample, letters)
    if script == "arabic":
        return "ar"
    if script == "latin" and looks_english(sample):
        return "en"
    code, confidence = _lang_identifier().classify(sample)
    return code if confidence >= MIN_LANG_CONFIDENCE else None


def looks_english(sample: str) -> bool:
    """Whether ``sample`` is plainly English: :data:`ENGLISH_FUNCTION_WORDS` make up
    :data:`ENGLISH_SHARE` of its words or more (:data:`MIN_ENGLISH_WORDS` words at least)."""
    words = _LATIN_WORD.findall(sample)
    if len(words) < MIN_ENGLISH_WORDS:
        return False
    common = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, words)))
    return common >= ENGLISH_SHARE * len(words)


# --------------------------------------------------------------------------- listing


def _expand(paths: Iterable[str], match: Callable[[str], bool]) -> Iterator[str | LoadError]:
    """Each path to read, in order: stdin, named files, then each folder's files sorted."""
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            yield from _walk(path, match)
        elif os.path.lexists(path):
            yield path
        else:
            yield LoadError(path, "no such file or directory")


def _walk(folder: str, match: Callable[[str], bool]) -> Iterator[str | LoadError]:
    """Files under ``folder`` that ``match`` accepts, sorted; unreadable sub-folders as errors."""
    found: list[tuple[list[str], str | LoadError]] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            if match(rel):
                found.append((rel.split("/"), full))
    for err in errors:
        where = err.filename or folder
        rel = os.path.relpath(where, folder).replace(os.sep, "/")
        found.append((rel.split("/"), LoadError(where, _os_reason(err, listed=True))))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _glob_matcher(glob: str | None) -> Callable[[str], bool]:
    """A test on a path relative to the folder (``/``-separated).

    No glob: the default extensions. A glob without ``/`` (``*.html``) matches file names at
    any depth; one with ``/`` matches the whole relative path, ``**`` spanning folders
    (``**/2024/*.txt``).
    """
    if not glob:
        return lambda rel: rel.lower().endswith(DEFAULT_EXTENSIONS)
    regex = re.compile(_glob_regex(glob))
    if "/" not in glob:
        return lambda rel: regex.fullmatch(rel.rsplit("/", 1)[-1]) is not None
    return lambda rel: regex.fullmatch(rel) is not None


def _glob_regex(glob: str) -> str:
    """Translate a glob to a regex: ``**/`` any folders, ``*`` and ``?`` within one name."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            body = glob[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------- opening


def _reader(fmt: str | None) -> str | None:
    """The reader for a ``fmt`` name (None: decide per file); unknown names raise ValueError."""
    if fmt is None:
        return None
    try:
        return FORMAT_ALIASES[fmt.lower()]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None


def _read_path(path: str, reader: str | None, lang: str | None,
               listed: bool) -> Iterator[Article | LoadError]:
    """Open one file and read it; OS errors become ``LoadError``s."""
    reader = reader or EXTENSION_FORMATS.get(os.path.splitext(path)[1].lower())
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield LoadError(path, _os_reason(exc, listed))
        return
    with stream:
        yield from _guarded(path, _read_stream(stream, path, os.path.basename(path), reader, lang))


def _read_stdin(stream: BinaryIO, reader: str | None,
                lang: str | None) -> Iterator[Article | LoadError]:
    """Read standard input like a file named ``<stdin>``, its format sniffed unless given."""
    yield from _guarded(STDIN, _read_stream(stream, STDIN, STDIN_NAME, reader, lang))


def _guarded(path: str, records: Iterator[Article | LoadError]) -> Iterator[Article | LoadError]:
    """Pass ``records`` on; an error while reading ends this input with a ``LoadError``."""
    try:
        yield from records
    except OSError as exc:
        yield LoadError(path, _os_reason(exc, listed=True))
    except UnreadableInput as exc:
        yield LoadError(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug on one odd file must not stop a bulk load
        yield LoadError(path, f"could not be read ({type(exc).__name__}: {exc})")


def _os_reason(exc: OSError, listed: bool) -> str:
    """A human reason for an OS error; ``listed``: the file was there when the load began."""
    if isinstance(exc, FileNotFoundError):
        return "file vanished during the load" if listed else "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def _read_stream(stream: BinaryIO, path: str, name: str, reader: str | None,
                 lang: str | None) -> Iterator[Article | LoadError]:
    """Read an open binary stream; JSON lines are streamed, other formats read whole."""
    head = stream.read(SNIFF_BYTES)
    if not head.strip():
        head += stream.read()
        if not head.strip():
            raise UnreadableInput("empty input" if path == STDIN else "empty file")
    reader = reader or _sniff(head)
    src = _Source(path, name, lang)
    if reader == "jsonl" and not head.startswith(WIDE_BOMS):
        yield from _jsonl_records(_byte_lines(head, stream), src)
    else:
        yield from _parse_document(head + stream.read(), reader, src)


def _sniff(head: bytes) -> str:
    """Guess a format from the first bytes: JSON lines, HTML or text."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("utf-8")
            break
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_START.match(stripped) or _HTML_TAG.search(stripped[:4096]):
        return "html"
    return "txt"


def _byte_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream``, without their ``\\n``."""
    parts: list[bytes] = []
    chunk = head
    while chunk:
        pieces = chunk.split(b"\n")
        if len(pieces) > 1:
            yield b"".join(parts) + pieces[0]
            yield from pieces[1:-1]
            parts = []
        parts.append(pieces[-1])
        chunk = stream.read(CHUNK_BYTES)
    last = b"".join(parts)
    if last:
        yield last


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode raw bytes (newlines untouched); ``declared`` is a charset the file names."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace"), encoding
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise UnreadableInput("binary file (NUL bytes)")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        damaged = _damaged_utf8(data, exc)
    if damaged is not None:
        return damaged, "utf-8"
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    return _detect_legacy(data)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: NULs all on one side of each byte pair, in at least one code
    unit of ten (spaces and digits give that even in Arabic), and clean decoding."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if (even and odd) or (even + odd) * 20 < len(data):
        return None
    encoding = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:10000])
    return (text, encoding) if printable >= 0.95 * min(len(text), 10000) else None


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> str | None:
    """UTF-8 cut off inside its last character, or with a few bad bytes among much valid
    UTF-8, decoded with U+FFFD for each damaged sequence; None when it is not UTF-8."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    cut_off = exc.reason == "unexpected end of data" and exc.end == len(data) and bad == 1
    multibyte_extra = len(data) - len(text)  # roughly the continuation bytes of valid characters
    if cut_off or (bad <= MAX_DAMAGED_UTF8 and multibyte_extra >= 20 * bad):
        return text
    return None


def _detect_legacy(data: bytes) -> tuple[str, str]:
    """Detect a non-UTF encoding with charset-normalizer, corrected for Arabic code pages
    and, on a near tie, for Windows-1252 (short Western text often scores best as cp775)."""
    results = from_bytes(data)
    best = results.best()
    arabic = _best_arabic(data)
    if arabic is not None:
        trust_best = (best is not None and _codec(best.encoding) not in ARABIC_CODECS
                      and best.coherence >= CONFIDENT_COHERENCE)
        if not trust_best:
            return arabic
    if best is None:
        raise UnreadableInput("not valid UTF-8 or any known encoding")
    for match in results:
        if ("cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + TIE_CHAOS
                and match.coherence >= best.coherence - TIE_COHERENCE):
            return data.decode("cp1252"), "cp1252"
    return str(best), _codec(best.encoding)


def _best_arabic(data: bytes) -> tuple[str, str] | None:
    """The Arabic code page decoding ``data`` into the most Arabic text, if it is Arabic.

    Windows-1256 text read as ISO-8859-6 hits undefined bytes or turns ي and ى into
    tanween; ISO-8859-6 read as Windows-1256 turns و ي ه ى into Latin letters (è ê ç é).
    """
    scored = []
    for encoding in ARABIC_CODECS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_arabic_share(text[:100000]), encoding, text))
    if not scored:
        return None
    share, encoding, text = max(scored, key=lambda s: s[0])  # max keeps cp1256 on a tie
    return (text, encoding) if share >= MIN_ARABIC_SHARE else None


def _arabic_share(text: str) -> float:
    """Arabic letters as a share of all letters, less one for every tanween/haraka mark."""
    letters = arabic = marks = 0
    for ch in text:
        if "\u064b" <= ch <= "\u0652":
            marks += 1
        elif ch.isalpha():
            letters += 1
            arabic += "\u0621" <= ch <= "\u064a"
    return (arabic - marks) / letters if letters else 0.0


def _codec(name: str) -> str:
    """Python's canonical name of a codec (``iso8859_6`` -> ``iso8859-6``)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


@lru_cache(maxsize=1)
def _lang_identifier() -> Any:
    """py3langid's bundled model with probabilities normalised (loaded once, ~0.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# --------------------------------------------------------------------------- formats


class _Source:
    """Where records come from: the path as given, the file name and a forced language."""

    __slots__ = ("path", "name", "lang")

    def __init__(self, path: str, name: str, lang: str | None) -> None:
        self.path, self.name, self.lang = path, name, lang


def _parse_document(data: bytes, reader: str, src: _Source) -> Iterator[Article | LoadError]:
    """Decode a whole input and parse it as ``reader`` says."""
    declared = _declared_charset(data) if reader == "html" else None
    raw, encoding = _decode(data, declared)
    text = _unify_newlines(raw)
    if not text.strip():
        raise UnreadableInput("empty file")
    if reader == "html":
        yield _html_article(text, encoding, src)
    elif reader == "jsonl":
        yield from _jsonl_records(iter(text.split("\n")), src, encoding)
    elif reader == "json":
        yield from _json_records(text, encoding, src)
    else:
        yield _txt_article(text, encoding, src)


def _txt_article(text: str, encoding: str, src: _Source) -> Article:
    """A plain-text article: optional front matter, title line, body."""
    meta, text = _split_front_matter(text)
    if not text.strip():
        raise UnreadableInput("no article text after the front matter")
    title, body_start = _split_title(text)
    return _article(text, title, body_start, meta, "txt", encoding, src)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, rest)`` for a ``---`` block at the very top; ``({}, text)`` if none."""
    if not text.startswith("---\n"):
        return {}, text
    meta: dict[str, str] = {}
    pos = 4
    for _ in range(MAX_HEADER_LINES):
        end = text.find("\n", pos)
        line = text[pos:] if end == -1 else text[pos:end]
        if line.strip() == "---":
            return meta, "" if end == -1 else text[end + 1:]
        match = _HEADER_LINE.fullmatch(line.strip())
        if line.strip() and match is None:
            return {}, text
        if match and match.group(1).lower() in HEADER_KEYS:
            value = match.group(2).strip().strip("\"'").strip()
            if value:
                meta[HEADER_KEYS[match.group(1).lower()]] = value
        if end == -1:
            break
        pos = end + 1
    return {}, text


def _split_title(text: str) -> tuple[str | None, int]:
    """``(title, body_start)``: the first non-blank line is the title when it is short and
    text follows; the body starts at the next non-blank character."""
    first = _LEADING_SPACE.match(text).end()
    line_end = text.find("\n", first)
    if line_end == -1:
        return None, 0
    title = text[first:line_end].strip()
    body_start = _LEADING_SPACE.match(text, line_end).end()
    if len(title) > MAX_TITLE_CHARS or body_start == len(text):
        return None, 0
    return title, body_start


def _html_article(html: str, encoding: str, src: _Source) -> Article:
    """The main text and metadata of a saved web page, boilerplate removed."""
    import trafilatura  # imported on first use: it takes a while and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    title = _one_line(getattr(doc, "title", None))
    body = _html_body(getattr(doc, "text", None), title)
    if len(body.split()) < MIN_HTML_WORDS:
        raise UnreadableInput("HTML has no article text")
    meta = {"url": _one_line(doc.url), "author": _one_line(doc.author),
            "outlet": _one_line(doc.sitename) or _one_line(doc.hostname),
            "published": _one_line(doc.date)}
    text, body_start = _with_title(title, body)
    return _article(text, title, body_start, meta, "html", encoding, src)


def _html_body(extracted: str | None, title: str | None) -> str:
    """trafilatura's text as one paragraph a line, the repeated headline dropped."""
    lines = [line.strip() for line in _unify_newlines(extracted or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n".join(lines)


def _jsonl_records(lines: Iterator[bytes] | Iterator[str], src: _Source,
                   encoding: str | None = None) -> Iterator[Article | LoadError]:
    """One article per JSON line; a bad line is a ``LoadError`` naming it, the rest go on."""
    blank = True
    for number, line in enumerate(lines, start=1):
        try:
            text, line_encoding = _decode_line(line, first=number == 1)
            if not text.strip():
                continue
            blank = False
            obj = _parse_json_line(text, number)
            yield _record_article(obj, f"JSON line {number}", line_encoding or encoding, src)
        except UnreadableInput as exc:
            reason = str(exc)
            if not reason.startswith("JSON line"):
                reason = f"JSON line {number}: {reason}"
            yield LoadError(src.path, reason, line=number)
    if blank:
        raise UnreadableInput("empty file")


def _decode_line(line: bytes | str, first: bool) -> tuple[str, str | None]:
    """A JSON line as text: UTF-8 as JSON asks, else whatever :func:`decode_bytes` finds."""
    if isinstance(line, str):
        return line, None
    if first and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8):]
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode_bytes(line)


def _parse_json_line(text: str, number: int) -> Any:
    """Parse one JSON line, with a reason that tells a cut-off line from a malformed one."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            raise UnreadableInput(f"JSON line {number}: incomplete JSON (line cut off?)") from None
        raise UnreadableInput(
            f"JSON line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from None


def _json_records(text: str, encoding: str, src: _Source) -> Iterator[Article | LoadError]:
    """A ``.json`` file: one object, a list of objects, or JSON lines after all."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one a line: really JSON lines
            yield from _jsonl_records(iter(text.split("\n")), src, encoding)
            return
        raise UnreadableInput(f"not valid JSON ({exc.msg} at line {exc.lineno}, "
                              f"column {exc.colno})") from None
    items = doc if isinstance(doc, list) else [doc]
    if not items:
        raise UnreadableInput("JSON file holds no articles")
    for index, obj in enumerate(items, start=1):
        where = f"JSON item {index}" if isinstance(doc, list) else "JSON"
        try:
            yield _record_article(obj, where, encoding, src)
        except UnreadableInput as exc:
            yield LoadError(src.path, str(exc))


def _record_article(obj: Any, where: str, encoding: str | None, src: _Source) -> Article:
    """An article from one JSON object; ``where`` ("JSON line 7") prefixes any error."""
    if not isinstance(obj, dict):
        raise UnreadableInput(f"{where}: expected an object, got {type(obj).__name__}")
    body = _record_text(obj, where)
    fields = {key: _first_field(obj, names) for key, names in RECORD_KEYS.items()}
    title = _one_line(fields.pop("title"))
    text, body_start = _with_title(title, body)
    return _article(text, title, body_start, fields, "jsonl", encoding, src)


def _record_text(obj: dict[str, Any], where: str) -> str:
    """The article text of a JSON object (``text``, ``body`` or ``content``), newlines unified."""
    name = next((n for n in TEXT_KEYS if n in obj), None)
    if name is None or obj[name] is None:
        raise UnreadableInput(f"{where}: missing 'text'")
    if not isinstance(obj[name], str):
        raise UnreadableInput(f"{where}: '{name}' is not a string")
    body = _unify_newlines(obj[name]).strip()
    if not body:
        raise UnreadableInput(f"{where}: '{name}' is empty")
    return body


def _first_field(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` with a usable scalar value, as a stripped string."""
    for name in names:
        value = obj.get(name)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            continue
        value = str(value).strip()
        if value:
            return value
    return None


# --------------------------------------------------------------------------- records


def _with_title(title: str | None, body: str) -> tuple[str, int]:
    """``(text, body_start)`` shaped like a .txt file: title, blank line, body."""
    if not title:
        return body, 0
    return f"{title}\n\n{body}", len(title) + 2


def _article(text: str, title: str | None, body_start: int, meta: dict[str, Any], fmt: str,
             encoding: str | None, src: _Source) -> Article:
    """Build the ``Article`` with its deterministic id and its language."""
    url = meta.get("url")
    return Article(
        id=_article_id(meta.get("id"), url, text),
        text=text,
        title=title or None,
        body_start=body_start,
        lang=src.lang or _norm_lang(meta.get("lang")) or detect_lang(text),
        url=url,
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        author=meta.get("author"),
        file=src.name,
        path=src.path,
        format=fmt,
        encoding=encoding,
    )


def _article_id(given: str | None, url: str | None, text: str) -> str:
    """The input's id, else one derived from the URL (fragment dropped), else from the text."""
    if given:
        return given
    if url:
        return stable_id("article-url", url.strip().split("#", 1)[0])
    return stable_id("article-text", text)


def _norm_lang(value: str | None) -> str | None:
    """``"en-US"`` -> ``"en"``, ``"AR"`` -> ``"ar"``; None stays None."""
    if not value:
        return None
    return re.split(r"[-_\s]", value.strip().lower(), maxsplit=1)[0] or None


def _one_line(value: str | None) -> str | None:
    """A title-like value on one line with single spaces, or None when empty."""
    if not value:
        return None
    return " ".join(str(value).split()) or None


def _fill_in(article: Article, outlet: str | None, published: str | None) -> Article:
    """Give the command line's outlet and date to an article that has none."""
    if outlet and not article.outlet:
        article.outlet = outlet
    if published and not article.published:
        article.published = published
    return article
