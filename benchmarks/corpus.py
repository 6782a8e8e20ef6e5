"""A benchmark corpus of any size made from the sample articles in the repository.

The templates are the plain-text samples in ``seeds/`` and ``tests/fixtures/articles/`` (Arabic
and English) and the text of the JSON-lines fixture records. Each generated article takes one to
three templates of one language (the first one's headline), swaps the people's names for others
from small pools (full names and the surnames used alone, consistently), rewrites every number
(ASCII and Arabic-Indic digits, digit for digit), shuffles the paragraphs after the first and
adds front matter (outlet, date, author; a URL on some), so every article has its own id.
Deterministic for a seed. Nothing outside the repository is read.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FILES = [
    "seeds/sample-ar-water-prices.txt", "seeds/sample-en-harbour-budget.txt", "seeds/seed-meta-openai.txt",
    "tests/fixtures/articles/ar_budget.txt", "tests/fixtures/articles/en_budget.txt",
    "tests/fixtures/articles/2023/dec_harvest.txt", "tests/fixtures/articles/2024/jan_storm.txt",
]
JSONL_TEMPLATES = ["tests/fixtures/articles/feed.jsonl"]

# Names that appear in the templates: (full name, the surname used alone, or None), per language.
NAMES = {
    "en": [("Helen Okafor", "Okafor"), ("Daniel Reyes", "Reyes"), ("Priya Natarajan", "Natarajan"),
           ("Maria Lopez", "Lopez")],
    "ar": [("سامي الخطيب", "الخطيب"), ("كريم منصور", "منصور"), ("مارك تشين", "تشين"),
           ("سام ألتمان", "ألتمان"), ("مارك زوكربيرغ", "زوكربيرغ")],
}
GIVEN = {
    "en": ["James", "Amina", "Oliver", "Fatima", "Lucas", "Grace", "Samuel", "Chloe", "Ibrahim", "Nora",
           "Peter", "Leila", "Thomas", "Hannah", "Victor", "Rosa", "Kwame", "Elena", "Martin", "Sofia"],
    "ar": ["أحمد", "ليلى", "محمود", "سلمى", "خالد", "هدى", "يوسف", "رنا", "عمر", "نادية", "طارق", "منى",
           "حسن", "دينا", "فيصل", "سعاد", "ماجد", "ريم", "وليد", "عبير"],
}
SURNAMES = {
    "en": ["Harper", "Mensah", "Kowalski", "Haddad", "Fischer", "Osei", "Lindqvist", "Moreau", "Nakamura",
           "Brennan", "Castillo", "Adeyemi", "Novak", "Quinn", "Sato", "Varga", "Whitaker", "Yilmaz"],
    "ar": ["الحسيني", "العمري", "الشمري", "النجار", "الدباغ", "القاسم", "السعدي", "الزعبي", "المصري",
           "الحلبي", "البنا", "الخوري", "الأنصاري", "الكبيسي", "الرفاعي", "العطار", "الجبوري", "التميمي"],
}
# Outlets, heavily skewed like real archives (a few big ones carry most articles).
OUTLETS = {
    "en": ["Harbour Gazette", "Example Wire", "The Daily Ledger", "Culture Daily", "Northern Times",
           "Port Alden Post", "Metro Report", "Global Desk"],
    "ar": ["صحيفة المثال", "الصباح", "وكالة الأنباء الرسمية", "الشرق اليوم", "الخبر", "البيان الجديد",
           "صوت المدينة", "النهار العربي"],
}
_DIGITS = re.compile(r"[0-9]+|[٠-٩]+")
_AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"


@dataclass
class Template:
    lang: str
    title: str
    paragraphs: list[str]


def _read_txt(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5:]
    return text, path.name


def _lang(text: str) -> str:
    ar = sum("\u0600" <= ch <= "\u06ff" for ch in text)
    lat = sum(ch.isascii() and ch.isalpha() for ch in text)
    return "ar" if ar > lat else "en"


def templates(root: Path = ROOT) -> list[Template]:
    """The sample articles, as (language, headline, body paragraphs)."""
    out = []
    for rel in TEMPLATE_FILES:
        p = root / rel
        if not p.exists():
            continue
        text, _ = _read_txt(p)
        lines = [ln.strip() for ln in text.split("\n")]
        title, body = lines[0], [ln for ln in lines[1:] if ln]
        out.append(Template(_lang(text), title, body))
    for rel in JSONL_TEMPLATES:
        p = root / rel
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj.get("text") or obj.get("content") or ""
            title = obj.get("title") or obj.get("headline") or text.split(".")[0][:80]
            body = [ln.strip() for ln in text.split("\n") if ln.strip()]
            if body:
                out.append(Template(_lang(text), title, body))
    return out


def _vary_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        s = m.group()
        arabic = s[0] in _AR_DIGITS
        digits = [rng.randrange(1 if i == 0 and len(s) > 1 else 0, 10) for i in range(len(s))]
        return "".join(_AR_DIGITS[d] if arabic else str(d) for d in digits)
    return _DIGITS.sub(repl, text)


def _vary_names(text: str, lang: str, rng: random.Random) -> str:
    for full, surname in NAMES[lang]:
        if full not in text and (not surname or surname not in text):
            continue
        new_surname = rng.choice(SURNAMES[lang])
        new_full = f"{rng.choice(GIVEN[lang])} {new_surname}"
        text = text.replace(full, "\x00FULL\x00")
        if surname:
            text = re.sub(rf"(?<!\w){re.escape(surname)}(?!\w)" if lang == "en" else re.escape(surname),
                          new_surname, text)
        text = text.replace("\x00FULL\x00", new_full)
    return text


@dataclass
class Generated:
    lang: str
    name: str
    text: str  # the whole file, front matter included


def generate(n: int, seed: int = 1, root: Path = ROOT) -> Iterator[Generated]:
    """``n`` varied articles (about half Arabic, half English), each with a distinct text."""
    rng = random.Random(seed)
    by_lang: dict[str, list[Template]] = {}
    for t in templates(root):
        by_lang.setdefault(t.lang, []).append(t)
    langs = sorted(by_lang)
    seen: set[str] = set()
    i = 0
    while i < n:
        lang = langs[i % len(langs)]
        pool = by_lang[lang]
        parts = rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2, 2, 3))))
        # the first template leads; long templates (the seed) lead more often
        first = parts[0]
        rest = [p for t in parts[1:] for p in t.paragraphs]
        tail = first.paragraphs[1:] + rest
        rng.shuffle(tail)
        body = [first.paragraphs[0], *tail]
        text = _vary_numbers(_vary_names(first.title + "\n\n" + "\n".join(body) + "\n", lang, rng), rng)
        if text in seen:
            continue
        seen.add(text)
        outlets = OUTLETS[lang]
        outlet = outlets[min(int(rng.expovariate(0.6)), len(outlets) - 1)]
        year, month, day = rng.choice((2023, 2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
        head = ["---", f"outlet: {outlet}", f"published: {year}-{month:02d}-{day:02d}"]
        if rng.random() < 0.5:
            head.append(f"url: https://news.example.org/{lang}/{seed}/{i}")
        head.append("---")
        yield Generated(lang, f"{i:07d}-{lang}.txt", "\n".join(head) + "\n" + text)
        i += 1


def write(out_dir: Path, n: int, seed: int = 1) -> tuple[list[Path], int]:
    """Write ``n`` articles into ``out_dir`` (one .txt file each); the paths and total bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, total = [], 0
    for g in generate(n, seed):
        p = out_dir / g.name
        data = g.text.encode("utf-8")
        p.write_bytes(data)
        paths.append(p)
        total += len(data)
    return paths, total
