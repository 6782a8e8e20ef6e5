"""HTML for claims: text direction, marked spans (figures, claims, cues) and small helpers.

Every piece of article-derived text goes through :func:`markupsafe.escape`; the only markup
produced here is tags and attributes this module writes itself. Spans may nest or cross; crossing
spans are split so that the HTML stays well formed (the continuation gets the class ``cont`` and
no ``id``).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from claims.normalize import script_of

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "ps", "ckb", "yi", "dv", "sd", "ug", "arz", "apc", "ary"})
ALLOWED_TAGS = frozenset({"span", "mark", "bdi"})
SAFE_URL_SCHEMES = ("http://", "https://")


def text_dir(lang: str | None, text: str | None = None) -> str:
    """``rtl`` for right-to-left languages, ``ltr`` for others; when ``lang`` is unknown the
    script of ``text`` decides, and ``auto`` is left to the browser when there is no text."""
    if lang:
        return "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "ltr"
    if text:
        return "rtl" if script_of(text) == "arabic" else "ltr"
    return "auto"


def first_strong_dir(text: str) -> str:
    """The direction of the first strong character (the rule ``dir="auto"`` follows), made
    explicit: ``rtl``, ``ltr``, or ``auto`` when the text has no strong character."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return "ltr"
        if bidi in ("R", "AL"):
            return "rtl"
    return "auto"


def lang_attr(lang: str | None) -> Markup:
    """`` lang="ar"`` (escaped) or nothing."""
    return Markup(f' lang="{escape(lang)}"') if lang else Markup("")


def bdi(value: Any, cls: str = "") -> Markup:
    """``value`` isolated from the surrounding text direction (names, outlets, facet labels)."""
    if value is None or value == "":
        return Markup("")
    attrs = f' class="{escape(cls)}"' if cls else ""
    return Markup(f'<bdi dir="auto"{attrs}>{escape(value)}</bdi>')


def link(href: str, content: Any, cls: str = "", title: str | None = None) -> Markup:
    """An ``<a>`` to one of our own URLs (built by us, so never ``javascript:``)."""
    attrs = f' class="{escape(cls)}"' if cls else ""
    if title:
        attrs += f' title="{escape(title)}"'
    return Markup(f'<a href="{escape(href)}"{attrs}>{escape(content)}</a>')


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None: an article's own URL is data, and a
    ``javascript:`` URL must never become a link."""
    if url and url.strip().lower().startswith(SAFE_URL_SCHEMES):
        return url.strip()
    return None


@dataclass(frozen=True)
class Span:
    """A stretch of text to wrap in a tag: ``[start, end)`` offsets into the text rendered.

    ``rank`` orders spans with the same extent (lower is outer)."""

    start: int
    end: int
    tag: str = "span"
    cls: str = ""
    id: str | None = None
    title: str | None = None
    rank: int = 0
    data: tuple[tuple[str, str], ...] = field(default=())


def _open_tag(span: Span, first: bool) -> str:
    if span.tag not in ALLOWED_TAGS:
        raise ValueError(f"tag not allowed: {span.tag}")
    cls = span.cls if first else f"{span.cls} cont".strip()
    out = f"<{span.tag}"
    if cls:
        out += f' class="{escape(cls)}"'
    if first and span.id:
        out += f' id="{escape(span.id)}"'
    if span.title:
        out += f' title="{escape(span.title)}"'
    for key, value in span.data:
        out += f' data-{_data_key(key)}="{escape(value)}"'
    return out + ">"


def _data_key(key: str) -> str:
    if not key.replace("-", "").isalnum():
        raise ValueError(f"bad data attribute: {key}")
    return key.lower()


def render_spans(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with each span wrapped in its tag; spans are clipped to the text and
    empty ones dropped."""
    n = len(text)
    clipped = []
    for s in spans:
        start, end = max(0, s.start), min(n, s.end)
        if start < end:
            clipped.append(s if (start, end) == (s.start, s.end) else
                           Span(start, end, s.tag, s.cls, s.id, s.title, s.rank, s.data))
    if not clipped:
        return Markup(escape(text))
    order = sorted(clipped, key=lambda s: (s.start, -s.end, s.rank))
    bounds = sorted({0, n, *(s.start for s in order), *(s.end for s in order)})
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    for a, b in zip(bounds, bounds[1:]):
        active = [i for i, s in enumerate(order) if s.start <= a and s.end >= b]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        for i in reversed(stack[keep:]):
            out.append(f"</{order[i].tag}>")
        del stack[keep:]
        for i in active[keep:]:
            out.append(_open_tag(order[i], i not in opened))
            opened.add(i)
            stack.append(i)
        out.append(escape(text[a:b]))
    out.extend(f"</{order[i].tag}>" for i in reversed(stack))
    return Markup("".join(out))


def locate(text: str, rel_start: int, rel_end: int, expected: str | None) -> tuple[int, int] | None:
    """Where a figure (or other sub-span) lies in ``text``: at the given offsets when the text
    there is ``expected``, else at the first occurrence of ``expected``; None when absent."""
    if 0 <= rel_start < rel_end <= len(text) and (not expected or text[rel_start:rel_end] == expected):
        return rel_start, rel_end
    if expected:
        i = text.find(expected)
        if i >= 0:
            return i, i + len(expected)
    return None


def figure_spans(text: str, text_start: int, figures: Iterable[dict[str, Any]],
                 drift_keys: set[str] | None = None) -> list[Span]:
    """Spans marking ``figures`` (rows with start, end, text, key and optionally kind) inside
    ``text``, which begins at offset ``text_start`` of the article. Figures whose key is in
    ``drift_keys`` get the class ``drift``."""
    spans = []
    for f in figures:
        where = locate(text, (f.get("start") or 0) - text_start, (f.get("end") or 0) - text_start, f.get("text"))
        if where is None:
            continue
        cls = "claims-fig"
        if f.get("kind"):
            cls += f" claims-fig-{_css_word(f['kind'])}"
        if drift_keys is not None and f.get("key") in drift_keys:
            cls += " drift"
        spans.append(Span(where[0], where[1], "mark", cls, title=f.get("key") or None, rank=2))
    return spans


def _css_word(value: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in str(value).lower())[:30]


def text_lang(lang: str | None, text: str) -> str | None:
    """``lang`` when the text is written in that language's script, else None (an English
    quote inside an Arabic article is not Arabic)."""
    if not lang or not text:
        return lang
    return lang if (first_strong_dir(text) == "rtl") == (text_dir(lang) == "rtl") else None


def claim_html(text: str | None, lang: str | None, spans: Sequence[Span] = (), cls: str = "claims-text") -> Markup:
    """A claim's text with its marked spans, in its own direction: its first strong character
    decides, as with ``dir="auto"`` (an English quote in an Arabic article reads left to right)."""
    text = text or ""
    direction = first_strong_dir(text)
    lang_ = text_lang(lang, text)
    return Markup(f'<span class="{escape(cls)}" dir="{direction}"{lang_attr(lang_)}>{render_spans(text, spans)}</span>')


def speaker_mention_span(text: str, claim: dict[str, Any]) -> tuple[int, int] | None:
    """Where the words naming the speaker of ``claim`` stand in the article ``text``: the
    occurrence of ``speaker_mention`` nearest the claim's cue (or the claim), within 300
    characters; None when it is not there."""
    mention = claim.get("speaker_mention")
    if not mention:
        return None
    anchor = claim.get("cue_start") if claim.get("cue_start") is not None else claim.get("start") or 0
    lo, hi = max(0, anchor - 300), min(len(text), anchor + 300 + len(mention))
    best = None
    i = text.find(mention, lo, hi)
    while i >= 0:
        if best is None or abs(i - anchor) < abs(best - anchor):
            best = i
        i = text.find(mention, i + 1, hi)
    return (best, best + len(mention)) if best is not None else None


def article_spans(text: str, claims: Iterable[dict[str, Any]], figures: Iterable[dict[str, Any]],
                  focus: str | None = None) -> list[Span]:
    """Spans for an article page: every claim (the ``focus`` claim highlighted), its cue and
    the words naming its speaker, and every figure."""
    spans: list[Span] = []
    for c in claims:
        cid = str(c["id"])
        is_focus = cid == focus
        title = " · ".join(str(x) for x in (c.get("speaker"), c.get("kind")) if x)
        spans.append(Span(c["start"], c["end"], "mark" if is_focus else "span",
                          f"claims-claim claims-{_css_word(c.get('kind') or 'claim')}" + (" focus" if is_focus else ""),
                          id=f"claim-{cid}", title=title or None, rank=0, data=(("claim", cid),)))
        if c.get("cue_start") is not None and c.get("cue_end") is not None:
            spans.append(Span(c["cue_start"], c["cue_end"], "span", "claims-cue", title=c.get("cue"), rank=1))
        where = speaker_mention_span(text, c)
        if where:
            spans.append(Span(where[0], where[1], "span", "claims-speaker", title=c.get("speaker"), rank=1))
    spans.extend(figure_spans(text, 0, figures))
    return spans


def num(value: float | int | None) -> str:
    """A figure's value for people: ``100,000,000``, ``2.5``, ``0.125``; empty for None."""
    if value is None:
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")
