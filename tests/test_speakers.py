"""Speaker identity: surnames in other articles, cross-script names, aliases, persons on claims."""
from __future__ import annotations

from claims import dedupe, speakers, store
from claims.speakers import Speaker, resolve
from tests.dedupe_helpers import article


def canon(res, sid):
    return res.canonical[sid]


def test_resolve_links_spellings_scripts_and_surnames():
    people = [Speaker("1", "Sam Altman"), Speaker("2", "سام ألتمان"), Speaker("3", "Altman"),
              Speaker("4", "ألتمان"), Speaker("5", "Mark Zuckerberg"), Speaker("6", "مارك زوكربيرغ"),
              Speaker("7", "OpenAI", "organisation")]
    res = resolve(people)
    assert canon(res, "2") == canon(res, "3") == canon(res, "4") == canon(res, "1") == "1"
    assert canon(res, "6") == "5"
    assert canon(res, "7") == "7"
    hows = {(link.alias, link.how) for link in res.links}
    assert ("2", "transliteration") in hows and ("3", "surname") in hows


def test_ambiguous_surname_needs_the_articles_context():
    people = [Speaker("1", "Sam Altman"), Speaker("2", "Jack Altman"), Speaker("3", "Altman")]
    assert len({canon(resolve(people), i) for i in "123"}) == 3  # no context: ambiguous, not linked
    res = resolve(people, context=lambda sid: ["jack altman the investor said on monday"] if sid == "3" else [])
    assert canon(res, "3") == "2"
    assert [link.how for link in res.links if link.alias == "3"] == ["surname+context"]


def test_speakers_in_the_database(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    exs = [
        article([("Our models will be ten times cheaper by the end of next year, and everyone will use them", "Sam Altman", [])],
                outlet="A", published="2024-01-01"),
        article([("Compute is the currency of the future and we will build much more of it soon", "Altman", [])],
                outlet="B", published="2024-01-02", extra="Sam Altman spoke in Paris.\n"),
        article([("نماذجنا ستصبح أرخص بعشر مرات بحلول نهاية العام المقبل وسيستخدمها الجميع", "سام ألتمان", [])],
                outlet="C", published="2024-01-03", lang="ar"),
        article([("We will keep investing in open research for the next decade no matter what", "Mark Zuckerberg", [])],
                outlet="A", published="2024-01-04"),
        article([("سنواصل الاستثمار في البحث المفتوح خلال العقد المقبل مهما حدث", "مارك زوكربيرغ", [])],
                outlet="C", published="2024-01-05", lang="ar"),
    ]
    for ex in exs:
        dedupe.update(db, [c.id for c in ex.claims], stale_clusters=store.save_extraction(db, ex, extractor_version="t"))
    rows = {r["name"]: r["canonical_speaker_id"] for r in db.query("select name, canonical_speaker_id from speakers")}
    sam, mark = store.speaker_id("Sam Altman"), store.speaker_id("Mark Zuckerberg")
    assert rows == {"Sam Altman": sam, "Altman": sam, "سام ألتمان": sam, "Mark Zuckerberg": mark, "مارك زوكربيرغ": mark}
    aliases = {(r["speaker_id"], r["alias"], r["how"]) for r in db.query("select * from speaker_aliases")}
    assert (sam, "Altman", "surname+context") in aliases
    assert (sam, "سام ألتمان", "transliteration") in aliases
    assert (mark, "مارك زوكربيرغ", "transliteration") in aliases
    assert (store.speaker_id("سام ألتمان"), "sam altman", "romanization") in aliases
    persons = {r["person"] for r in db.query("select person from claims")}
    assert persons == {"Sam Altman", "Mark Zuckerberg"}
    speaker_col = {r["speaker"] for r in db.query("select speaker from clusters")}
    assert speaker_col == {"Sam Altman", "Mark Zuckerberg"}
    before = sorted(db.execute("select id, canonical_speaker_id from speakers").fetchall())
    speakers.rebuild(db)
    assert sorted(db.execute("select id, canonical_speaker_id from speakers").fetchall()) == before
