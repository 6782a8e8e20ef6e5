"""Reading articles: formats, encodings, stdin, folders, bad input, ids and languages."""
from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from claims import articles
from claims.articles import UnreadableInput, decode_bytes, detect_lang, iter_articles, read_file
from claims.model import Article, LoadError

FIXTURES = Path(__file__).parent / "fixtures" / "articles"

AR_TITLE = "وزير المالية يعد بخفض ضريبة الدخل"
AR_BODY = ("قال وزير المالية يوم الثلاثاء إن ضريبة الدخل ستنخفض بنسبة اثنين في المئة العام المقبل.\n"
           "وأضاف الوزير أن \"الحكومة ستدعم الأسر العاملة\" في تصريحات للصحفيين بعد اجتماع مجلس الوزراء.")
AR_TEXT = f"{AR_TITLE}\n\n{AR_BODY}\n"
EN_TEXT = ("Council approves new bridge\n\n"
           "The city council approved a new bridge over the river on Monday, the mayor said.\n"
           "Construction is expected to take three years and cost 90 million dollars.\n")
FR_TEXT = ("Le ministre des Finances a déclaré mardi que l'impôt sur le revenu baisserait "
           "de deux pour cent l'an prochain, selon un communiqué publié à Paris.")


def only(records: list) -> Article:
    """The single Article in ``records`` (fails on errors or more than one)."""
    assert len(records) == 1 and isinstance(records[0], Article), records
    return records[0]


def errors(records: list) -> list[LoadError]:
    return [r for r in records if isinstance(r, LoadError)]


def loaded(records: list) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# --------------------------------------------------------------------------- .txt


def test_txt_title_body_and_offsets_equal_file_offsets():
    path = FIXTURES / "en_budget.txt"
    art = only(list(read_file(str(path))))
    content = path.read_text(encoding="utf-8")
    assert art.text == content
    assert art.title == "Finance minister promises income tax cut"
    assert art.body_start == len(art.title) + 2
    assert art.body.startswith("The finance minister said on Tuesday")
    quote = '"We will cut taxes for working families,"'
    assert art.text.index(quote) == content.index(quote)
    assert (art.format, art.encoding, art.lang) == ("txt", "utf-8", "en")
    assert art.file == "en_budget.txt" and art.path == str(path)


def test_txt_second_line_not_blank_starts_body_on_line_two(tmp_path):
    art = only(list(read_file(write(tmp_path / "a.txt", "Headline here\nFirst paragraph.\n"))))
    assert art.title == "Headline here"
    assert art.body == "First paragraph.\n"


def test_txt_single_line_is_all_body(tmp_path):
    art = only(list(read_file(write(tmp_path / "a.txt", "Only one paragraph, no headline."))))
    assert art.title is None and art.body_start == 0
    assert art.body == "Only one paragraph, no headline."


def test_txt_front_matter_sets_metadata_and_offsets_start_after_block():
    art = only(list(read_file(str(FIXTURES / "ar_budget.txt"))))
    assert art.outlet == "صحيفة المثال"
    assert art.published == "2024-05-02"
    assert art.url == "https://example.org/ar/budget-2024"
    assert art.author == "سارة أحمد"
    assert art.text.startswith(AR_TITLE + "\n\n")
    assert art.title == AR_TITLE
    assert art.body.startswith("قال وزير المالية")
    assert art.lang == "ar"


def test_txt_front_matter_lang_and_id(tmp_path):
    text = "---\nlang: fr\nid: story-9\nsource: Le Monde\n---\n" + EN_TEXT
    art = only(list(read_file(write(tmp_path / "a.txt", text))))
    assert (art.lang, art.id, art.outlet) == ("fr", "story-9", "Le Monde")
    assert art.text == EN_TEXT


def test_txt_unclosed_front_matter_stays_text(tmp_path):
    text = "---\noutlet: Nowhere\nThis line is not a header line at all.\n"
    art = only(list(read_file(write(tmp_path / "a.txt", text))))
    assert art.text == text and art.outlet is None


# --------------------------------------------------------------------------- HTML


def test_html_main_text_and_metadata_without_boilerplate():
    art = only(list(read_file(str(FIXTURES / "en_port.html"))))
    assert art.format == "html"
    assert art.title == "Port strike ends after pay deal"
    assert art.text.startswith(art.title + "\n\n")
    assert art.body_start == len(art.title) + 2
    paragraphs = art.body.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Dock workers at the city port")
    assert paragraphs[1].startswith('"This is a fair deal')
    for boilerplate in ("cookies", "Copyright", "Subscribe", "Most read", "Privacy"):
        assert boilerplate not in art.text
    assert art.outlet == "The Harbour Times"
    assert art.published == "2024-03-14"
    assert art.url == "https://harbour.example.com/news/port-strike-ends"
    assert art.author == "Tom Reed"
    assert art.lang == "en"


def test_html_arabic():
    art = only(list(read_file(str(FIXTURES / "ar_water.html"))))
    assert art.title == "الحكومة تعلن خطة لترشيد المياه"
    assert art.body.startswith("أعلن وزير الموارد المائية")
    assert "الرئيسية" not in art.text  # navigation left out
    assert (art.lang, art.outlet, art.published) == ("ar", "جريدة النهر", "2024-07-09")


def test_html_declared_windows_1256_is_followed(tmp_path):
    html = (FIXTURES / "ar_water.html").read_text(encoding="utf-8").replace(
        'charset="utf-8"', 'charset="windows-1256"')
    art = only(list(read_file(write(tmp_path / "a.html", html.encode("cp1256")))))
    assert art.encoding == "cp1256"
    assert art.title == "الحكومة تعلن خطة لترشيد المياه"


def test_html_without_article_text_is_an_error(tmp_path):
    page = ("<html><head><title>The Harbour Times</title></head><body><nav><a href='/'>Home</a>"
            "</nav><footer>Copyright 2024 The Harbour Times.</footer></body></html>")
    (err,) = list(read_file(write(tmp_path / "empty.html", page)))
    assert isinstance(err, LoadError) and err.reason == "HTML has no article text"


# --------------------------------------------------------------------------- JSON lines


def test_jsonl_one_article_per_line_with_optional_fields():
    records = list(read_file(str(FIXTURES / "feed.jsonl")))
    assert not errors(records)
    wire, roads, museum = records
    assert wire.id == "wire-001"
    assert wire.text.startswith("Rail fares to rise in January\n\nRail fares will rise")
    assert wire.body.startswith("Rail fares will rise by 4 percent")
    assert (wire.outlet, wire.published, wire.author) == ("Example Wire", "2024-11-04", "Lee Park")
    assert roads.title is None and roads.body_start == 0 and roads.lang == "ar"
    assert museum.title == "Museum reopens after repairs"  # "headline"/"content" accepted
    assert museum.outlet == "Culture Daily" and museum.published == "2024-09-21"
    assert {a.file for a in records} == {"feed.jsonl"} and {a.format for a in records} == {"jsonl"}


def test_jsonl_bad_lines_are_errors_with_line_numbers_and_others_load(tmp_path):
    lines = [
        json.dumps({"text": "The mayor said the park would reopen in spring after repairs."}),
        '{"text": "broken" "title": 1}',
        json.dumps({"title": "No text here"}),
        "[1, 2]",
        json.dumps({"text": "   "}),
        json.dumps({"text": "A second good line about the harbour and its new cranes."}),
        '{"text": "this line was cut off in the midd',
    ]
    records = list(read_file(write(tmp_path / "feed.jsonl", "\n".join(lines))))
    assert [a.text[:10] for a in loaded(records)] == ["The mayor ", "A second g"]
    found = {e.line: e.reason for e in errors(records)}
    assert found[2].startswith("JSON line 2: not valid JSON")
    assert found[3] == "JSON line 3: missing 'text'"
    assert found[4] == "JSON line 4: expected an object, got list"
    assert found[5] == "JSON line 5: 'text' is empty"
    assert found[7] == "JSON line 7: incomplete JSON (line cut off?)"
    assert all(e.path.endswith("feed.jsonl") for e in errors(records))


def test_json_list_single_object_and_json_lines_in_a_json_file(tmp_path):
    assert [a.title for a in read_file(str(FIXTURES / "feed.json"))] == [
        "Bakery prices climb", "Library hours extended"]
    single = json.dumps({"text": "The ferry will run every hour from May, the operator said."})
    assert only(list(read_file(write(tmp_path / "one.json", single)))).format == "jsonl"
    two = single + "\n" + json.dumps({"text": "Buses will run later on Fridays, officials said."})
    assert len(loaded(list(read_file(write(tmp_path / "two.json", two))))) == 2


def test_json_file_not_json(tmp_path):
    (err,) = list(read_file(write(tmp_path / "bad.json", "[{\"text\": 1,,]")))
    assert isinstance(err, LoadError) and err.reason.startswith("not valid JSON")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_arabic_legacy_encodings_decode_to_the_right_arabic(tmp_path, encoding):
    data = AR_TEXT.encode(encoding)
    text, found = decode_bytes(data)
    assert text == AR_TEXT
    assert found == {"cp1256": "cp1256", "iso-8859-6": "iso8859-6"}[encoding]
    art = only(list(read_file(write(tmp_path / "a.txt", data))))
    assert art.title == AR_TITLE and art.lang == "ar" and art.encoding == found


@pytest.mark.parametrize("sentence", ["قال الوزير إن الحكومة ستدعم الأسر", "وزير الخارجية يزور القاهرة"])
@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_short_arabic_legacy_text(sentence, encoding):
    assert decode_bytes(sentence.encode(encoding))[0] == sentence


@pytest.mark.parametrize("encoding,name", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"),
])
def test_unicode_encodings(encoding, name):
    assert decode_bytes(AR_TEXT.encode(encoding)) == (AR_TEXT, name)


def test_utf16_big_endian_with_bom():
    assert decode_bytes(b"\xfe\xff" + EN_TEXT.encode("utf-16-be")) == (EN_TEXT, "utf-16-be")


def test_western_legacy_encoding():
    assert decode_bytes(FR_TEXT.encode("cp1252")) == (FR_TEXT, "cp1252")


def test_crlf_and_cr_become_newlines_and_offsets_follow(tmp_path):
    for sep in ("\r\n", "\r"):
        art = only(list(read_file(write(tmp_path / "a.txt", EN_TEXT.replace("\n", sep)))))
        assert art.text == EN_TEXT and art.body_start == len("Council approves new bridge") + 2


def test_utf16_file_with_crlf(tmp_path):
    art = only(list(read_file(write(tmp_path / "a.txt", AR_TEXT.replace("\n", "\r\n").encode("utf-16")))))
    assert art.text == AR_TEXT and art.encoding == "utf-16-le"


def test_utf16_jsonl_file(tmp_path):
    line = json.dumps({"title": "عنوان الخبر", "text": AR_BODY}, ensure_ascii=False)
    art = only(list(read_file(write(tmp_path / "a.jsonl", (line + "\r\n").encode("utf-16")))))
    assert art.body == AR_BODY and art.encoding == "utf-16-le"


def test_truncated_utf8_keeps_the_article_with_the_tail_replaced(tmp_path):
    whole = AR_TEXT.rstrip("\n.")
    data = whole.encode("utf-8")[:-1]  # cut inside the last Arabic letter
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8" and text.endswith("\ufffd")
    assert text[:-1] == whole[:-1]
    art = only(list(read_file(write(tmp_path / "cut.txt", data))))
    assert art.title == AR_TITLE


def test_nul_bytes_are_rejected():
    with pytest.raises(UnreadableInput, match=r"binary file \(NUL bytes\)"):
        decode_bytes(b"Some text\x00with a NUL byte in it")
    with pytest.raises(UnreadableInput, match=r"binary file \(NUL bytes\)"):
        decode_bytes(b"Stray NULs\x00 at odd offsets only\x00")
    one_sided = b"One NUL\x00 at an odd offset, too few for UTF-16 text"
    assert len(one_sided) % 2 == 0 and one_sided.index(0) % 2 == 1
    with pytest.raises(UnreadableInput, match=r"binary file \(NUL bytes\)"):
        decode_bytes(one_sided)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    assert decode_bytes(AR_TEXT.encode(encoding)) == (AR_TEXT, encoding)
    assert decode_bytes(EN_TEXT.encode(encoding)) == (EN_TEXT, encoding)


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize("fixture,fmt,count", [
    ("en_budget.txt", "txt", 1), ("en_port.html", "html", 1), ("feed.jsonl", "jsonl", 3),
])
def test_stdin_format_is_sniffed(fixture, fmt, count):
    stdin = io.BytesIO((FIXTURES / fixture).read_bytes())
    records = list(iter_articles(["-"], stdin=stdin))
    assert len(loaded(records)) == count and not errors(records)
    assert {(a.format, a.file, a.path) for a in records} == {(fmt, "<stdin>", "-")}


def test_stdin_text_in_cp1256():
    art = only(list(iter_articles(["-"], stdin=io.BytesIO(AR_TEXT.encode("cp1256")))))
    assert art.text == AR_TEXT and art.encoding == "cp1256"


def test_stdin_fmt_override_and_empty_input():
    art = only(list(iter_articles(["-"], fmt="txt", stdin=io.BytesIO(b'{"not": "parsed"}\n\nbody'))))
    assert art.format == "txt" and art.title == '{"not": "parsed"}'
    (err,) = list(iter_articles(["-"], stdin=io.BytesIO(b"  \n")))
    assert isinstance(err, LoadError) and (err.path, err.reason) == ("-", "empty input")


def test_stdin_jsonl_lines_longer_than_a_read_chunk(monkeypatch):
    monkeypatch.setattr(articles, "CHUNK_BYTES", 7)
    monkeypatch.setattr(articles, "SNIFF_BYTES", 5)
    data = (FIXTURES / "feed.jsonl").read_bytes()
    assert [a.id for a in iter_articles(["-"], stdin=io.BytesIO(data))] == [
        a.id for a in read_file(str(FIXTURES / "feed.jsonl"))]


# --------------------------------------------------------------------------- folders


def test_folder_is_read_recursively_sorted_with_default_extensions():
    records = list(iter_articles([str(FIXTURES)]))
    assert not errors(records)
    files = [a.file for a in records]
    assert files == ["dec_harvest.txt", "jan_storm.txt", "ar_budget.txt", "ar_water.html",
                     "en_budget.txt", "en_port.html", "feed.json", "feed.json", "feed.jsonl",
                     "feed.jsonl", "feed.jsonl"]
    assert "notes.md" not in files


def test_glob_restricts_folders():
    html = [a.file for a in iter_articles([str(FIXTURES)], glob="*.html")]
    assert html == ["ar_water.html", "en_port.html"]
    in_2024 = [a.file for a in iter_articles([str(FIXTURES)], glob="**/2024/*.txt")]
    assert in_2024 == ["jan_storm.txt"]
    md = list(iter_articles([str(FIXTURES)], glob="*.md"))
    assert only(md).text.startswith("Notes for editors")  # unknown extension: sniffed as text


def test_hidden_files_skipped_and_named_files_always_read(tmp_path):
    write(tmp_path / ".hidden.txt", EN_TEXT)
    write(tmp_path / ".git" / "x.txt", EN_TEXT)
    named = write(tmp_path / "story.article", EN_TEXT)
    assert list(iter_articles([str(tmp_path)])) == []
    assert only(list(iter_articles([named], glob="*.html"))).title == "Council approves new bridge"


def test_missing_path_and_unknown_format():
    (err,) = list(iter_articles(["/nonexistent/articles"]))
    assert err.reason == "no such file or directory"
    with pytest.raises(ValueError, match="unknown format"):
        list(iter_articles([str(FIXTURES)], fmt="pdf"))


def test_outlet_and_published_fill_in_only_missing_fields():
    records = list(iter_articles([str(FIXTURES / "feed.jsonl")], outlet="Fallback", published="2020-01-01"))
    assert [a.outlet for a in records] == ["Example Wire", "Fallback", "Culture Daily"]
    assert [a.published for a in records] == ["2024-11-04", "2020-01-01", "2024-09-21"]


# --------------------------------------------------------------------------- bad input battery


def test_bad_inputs_each_give_a_clear_error_and_the_rest_loads(tmp_path):
    write(tmp_path / "a_good.txt", EN_TEXT)
    write(tmp_path / "b_empty.txt", b"")
    write(tmp_path / "c_blank.txt", b"\n  \n")
    write(tmp_path / "d_image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    write(tmp_path / "e_nul.txt", b"Headline\n\nText with a \x00 NUL in the middle.\n")
    write(tmp_path / "f_cut.txt", EN_TEXT.encode() + "Café".encode()[:-1])
    write(tmp_path / "g_feed.jsonl", '{"text": "One good line about the new harbour cranes."}\n{"text": ')
    write(tmp_path / "h_nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(tmp_path / "i_good.json", json.dumps({"text": "The last good article of this folder."}))
    write(tmp_path / "j_bom_only.jsonl", b"\xef\xbb\xbf\n\n")
    write(tmp_path / "k_list.json", b"[]")
    records = list(iter_articles([str(tmp_path)]))
    reasons = {Path(e.path).name: e.reason for e in errors(records)}
    assert reasons == {
        "b_empty.txt": "empty file",
        "c_blank.txt": "empty file",
        "d_image.html": "binary file (NUL bytes)",
        "e_nul.txt": "binary file (NUL bytes)",
        "g_feed.jsonl": "JSON line 2: incomplete JSON (line cut off?)",
        "h_nav.html": "HTML has no article text",
        "j_bom_only.jsonl": "empty file",
        "k_list.json": "JSON file holds no articles",
    }
    assert [a.file for a in loaded(records)] == ["a_good.txt", "f_cut.txt", "g_feed.jsonl", "i_good.json"]
    assert loaded(records)[1].text.endswith("Caf\ufffd")


def test_fifty_megabyte_single_line_file(tmp_path):
    sentence = b"The minister said the budget would grow again next year. "
    path = write(tmp_path / "huge.txt", sentence * (50 * 1024 * 1024 // len(sentence)))
    started = time.monotonic()
    art = only(list(iter_articles([path])))
    assert time.monotonic() - started < 10
    assert len(art.text) == os.path.getsize(path) and art.title is None and art.lang == "en"


def test_file_vanishing_during_the_load(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, EN_TEXT.replace("bridge", f"bridge {name}"))
    records = iter_articles([str(tmp_path)])
    first = next(records)
    os.remove(tmp_path / "b.txt")
    rest = list(records)
    assert first.file == "a.txt"
    assert isinstance(rest[0], LoadError) and rest[0].reason == "file vanished during the load"
    assert rest[0].path == str(tmp_path / "b.txt") and rest[1].file == "c.txt"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root from reading; "
                           "test_unreadable_file_simulated covers this")
def test_unreadable_file_chmod(tmp_path):
    write(tmp_path / "a.txt", EN_TEXT)
    locked = write(tmp_path / "b.txt", EN_TEXT)
    os.chmod(locked, 0)
    try:
        records = list(iter_articles([str(tmp_path)]))
    finally:
        os.chmod(locked, 0o644)
    assert [r.reason for r in errors(records)] == ["permission denied"]
    assert len(loaded(records)) == 1


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", EN_TEXT)
    locked = write(tmp_path / "b.txt", EN_TEXT)

    def guarded_open(path, *args, **kwargs):
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(articles, "open", guarded_open, raising=False)
    records = list(iter_articles([str(tmp_path)]))
    assert [(r.path, r.reason) for r in errors(records)] == [(locked, "permission denied")]
    assert [a.file for a in loaded(records)] == ["a.txt"]


def test_unexpected_parser_failure_is_an_error_not_a_crash(tmp_path, monkeypatch):
    import trafilatura

    def explode(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    write(tmp_path / "a.html", (FIXTURES / "en_port.html").read_bytes())
    write(tmp_path / "b.txt", EN_TEXT)
    records = list(iter_articles([str(tmp_path)]))
    assert errors(records)[0].reason == "could not be read (RuntimeError: parser bug)"
    assert loaded(records)[0].file == "b.txt"


# --------------------------------------------------------------------------- ids


def test_ids_are_deterministic(tmp_path):
    first = [a.id for a in iter_articles([str(FIXTURES)])]
    again = [a.id for a in iter_articles([str(FIXTURES)])]
    assert first == again and len(set(first)) == len(first)
    copy = write(tmp_path / "copy.txt", (FIXTURES / "en_budget.txt").read_bytes())
    assert only(list(read_file(copy))).id == only(list(read_file(str(FIXTURES / "en_budget.txt")))).id


def test_id_from_input_then_url_then_text(tmp_path):
    url = "https://harbour.example.com/news/port-strike-ends"
    line = json.dumps({"text": "A different write-up of the same story about the port.", "url": url})
    from_jsonl = only(list(read_file(write(tmp_path / "a.jsonl", line))))
    from_html = only(list(read_file(str(FIXTURES / "en_port.html"))))
    assert from_jsonl.id == from_html.id  # same URL, same article
    given = json.dumps({"text": "Text.", "url": url, "id": 42})
    assert only(list(read_file(write(tmp_path / "b.jsonl", given)))).id == "42"
    a = only(list(read_file(write(tmp_path / "c.txt", EN_TEXT))))
    b = only(list(read_file(write(tmp_path / "d.txt", EN_TEXT.replace("Monday", "Tuesday")))))
    assert a.id != b.id


# --------------------------------------------------------------------------- languages


def test_detect_lang():
    assert detect_lang(AR_BODY) == "ar"
    assert detect_lang(EN_TEXT) == "en"
    assert detect_lang(FR_TEXT) == "fr"
    assert detect_lang("OK, thanks") is None
    assert detect_lang("2024-05-02 12:00 https://x.y/1") is None


EN_NEWS = ("The government said on Tuesday that it would raise the price of water for factories from "
           "next month, in a move it says is meant to cut waste. The minister told reporters that "
           "households would not be affected, and that the decision had been taken after a review "
           "of the sector by an independent panel.")
OTHER_NEWS = {
    "fr": "Le gouvernement a annoncé mardi une hausse des prix de l'eau pour les usines, a déclaré le "
          "ministre lors d'une conférence de presse à Paris. Selon le porte-parole, la mesure entrera en "
          "vigueur le mois prochain et touchera environ trois cents entreprises dans la région.",
    "es": "El gobierno anunció el martes un aumento de los precios del agua para las fábricas, dijo el "
          "ministro en una rueda de prensa en Madrid. Según el portavoz, la medida entrará en vigor el "
          "próximo mes y afectará a unas trescientas empresas de la región.",
    "de": "Die Regierung hat am Dienstag eine Erhöhung der Wasserpreise für Fabriken angekündigt, sagte "
          "der Minister auf einer Pressekonferenz in Berlin. Laut dem Sprecher tritt die Maßnahme im "
          "nächsten Monat in Kraft und betrifft rund dreihundert Unternehmen in der Region.",
    "it": "Il governo ha annunciato martedì un aumento dei prezzi dell'acqua per le fabbriche, ha detto il "
          "ministro in una conferenza stampa a Roma. Secondo il portavoce, la misura entrerà in vigore il "
          "mese prossimo e riguarderà circa trecento aziende della regione.",
}


def test_plain_english_is_recognised_without_the_classifier(monkeypatch):
    from claims import articles

    def no_classifier():
        raise AssertionError("the classifier was asked")

    monkeypatch.setattr(articles, "_lang_identifier", no_classifier)
    assert articles.looks_english(EN_NEWS) and detect_lang(EN_NEWS) == "en"


@pytest.mark.parametrize("lang", sorted(OTHER_NEWS))
def test_other_latin_languages_go_to_the_classifier(lang):
    from claims import articles

    assert not articles.looks_english(OTHER_NEWS[lang])
    assert detect_lang(OTHER_NEWS[lang]) == lang


def test_english_with_few_function_words_goes_to_the_classifier():
    from claims import articles

    headlines = ("Markets: Oil prices rise; Gold steady; Dollar slips. Sports: United beat City 2-1; "
                 "Storm warning for coastal towns; Rail strike called off; Bank results due Friday; "
                 "Weather: Rain, wind, cold nights")
    assert not articles.looks_english(headlines)
    assert not articles.looks_english("the of and to a in that")  # too few words to tell
    assert detect_lang(headlines) == "en"


def test_lang_option_overrides_detection_and_input():
    records = list(iter_articles([str(FIXTURES / "feed.jsonl"), str(FIXTURES / "en_budget.txt")], lang="de"))
    assert {a.lang for a in records} == {"de"}
