"""English figures: find_figures(text, "en") on sentences written for these tests.

Each case is a sentence and the figures expected in it, in order, as (text, value, unit) with
optional extras (value_max, qualifier, kind). Negative cases expect nothing."""
from __future__ import annotations

import pytest

from claims.nlp.figures import find_figures
from tests.nlp.figure_checks import check_figures

CASES = [
    # money: symbols, codes, words, scales glued and spaced
    ("The council approved a £2.3m budget for the new library.", [("£2.3m", 2.3e6, "GBP")]),
    ("Profits rose to $5.2bn in the quarter.", [("$5.2bn", 5.2e9, "USD")]),
    ("The bank earned $4.7 billion last quarter.", [("$4.7 billion", 4.7e9, "USD")]),
    ("He was fined €4,500 by the court.", [("€4,500", 4500, "EUR")]),
    ("The stake was sold for US$120m.", [("US$120m", 1.2e8, "USD")]),
    ("It raised C$40 million from investors.", [("C$40 million", 4e7, "CAD")]),
    ("The fund holds 300 million Swiss francs.", [("300 million Swiss francs", 3e8, "CHF")]),
    ("A loan of 50 million euros was agreed.", [("50 million euros", 5e7, "EUR")]),
    ("Tickets cost 20 dollars each.", [("20 dollars", 20, "USD")]),
    ("The contract is worth QAR 2bn.", [("QAR 2bn", 2e9, "QAR")]),
    ("Coffee costs $3.50 and a bun 99 cents.", [("$3.50", 3.5, "USD"), ("99 cents", 0.99, "USD")]),
    ("Shares fell 3.2 pence in early trading.", [("3.2 pence", 0.032, "GBP")]),
    ("The project cost Rs 500 crore.", [("Rs 500 crore", 5e9, "INR")]),
    ("The Kuwaiti government borrowed 3 billion dinars.", [("3 billion dinars", 3e9, "KWD")]),
    ("The fund manages $1.2tn of assets.", [("$1.2tn", 1.2e12, "USD")]),
    ("The budget is €2.4bn ($2.6bn), up from last year.",
     [("€2.4bn", 2.4e9, "EUR"), ("$2.6bn", 2.6e9, "USD")]),
    # percentages
    ("Turnout was 67.3%, the highest on record.", [("67.3%", 67.3, "percent", {"kind": "percent"})]),
    ("Sales grew 4.5 per cent in March.", [("4.5 per cent", 4.5, "percent")]),
    ("Inflation eased to 2.1 percent.", [("2.1 percent", 2.1, "percent")]),
    ("Rates rose 25 basis points.", [("25 basis points", 25, "basis_points")]),
    ("Support fell by 0.5 percentage points.", [("0.5 percentage points", 0.5, "percentage_points")]),
    # durations
    ("He was jailed for 18 months.", [("18 months", 18, "months", {"kind": "duration"})]),
    ("The talks lasted three days.", [("three days", 3, "days")]),
    ("The plan covers the next seven years.", [("seven years", 7, "years")]),
    ("They met for two and a half hours.", [("two and a half hours", 2.5, "hours")]),
    ("Workers held a 24-hour strike.", [("24-hour", 24, "hours")]),
    ("The firm signed a five-year deal.", [("five-year", 5, "years")]),
    ("The crew waited 90 minutes.", [("90 minutes", 90, "minutes")]),
    # ages
    ("The 42-year-old driver was arrested.", [("42-year-old", 42, "years_of_age", {"kind": "age"})]),
    ("A 40 year old man was questioned.", [("40 year old", 40, "years_of_age")]),
    ("She retired aged 60.", [("60", 60, "years_of_age")]),
    ("Voters aged 18 to 24 stayed home.", [("18 to 24", 18, "years_of_age", {"value_max": 24})]),
    ("Smith, 81, and Jones, 77, will debate.", [("81", 81, "years_of_age"), ("77", 77, "years_of_age")]),
    ("Fans in their 20s, 30s and 40s came.",
     [("20s", 20, "years_of_age"), ("30s", 30, "years_of_age"), ("40s", 40, "years_of_age")]),
    # measures
    ("The storm brought winds of 90mph.", [("90mph", 90, "mph", {"kind": "measure"})]),
    ("The tunnel is 57 km long.", [("57 km", 57, "km")]),
    ("An 80-foot yacht was moored there.", [("80-foot", 80, "feet")]),
    ("The ship carried 2,000 tonnes of grain.", [("2,000 tonnes", 2000, "tonnes")]),
    ("Output reached 2.5 million barrels a day.", [("2.5 million barrels", 2.5e6, "barrels")]),
    ("Temperatures hit 40C in the south.", [("40C", 40, "degrees_celsius")]),
    ("It reached 38.5 degrees Celsius.", [("38.5 degrees Celsius", 38.5, "degrees_celsius")]),
    ("The index closed 150.5 points higher.", [("150.5 points", 150.5, "index_points")]),
    ("He seized 10 pounds of cocaine.", [("10 pounds", 10, "pounds", {"kind": "measure"})]),
    ("The ship sailed 300 nautical miles.", [("300 nautical miles", 300, "nautical_miles")]),
    # counts, with the counted noun as unit
    ("Police arrested 14 men and three women.", [("14 men", 14, "men"), ("three women", 3, "women")]),
    ("The plant employs 1,200 workers.", [("1,200 workers", 1200, "workers")]),
    ("The firm will cut 2,500 jobs.", [("2,500 jobs", 2500, "jobs")]),
    ("Four researchers left the lab.", [("Four researchers", 4, "researchers")]),
    ("Only one regulator objected.", [("one regulator", 1, "regulators")]),
    ("There were 45 suspected cases.", [("45 suspected cases", 45, "cases")]),
    ("The 12 largest listed firms were banks.", [("12 largest listed firms", 12, "firms")]),
    ("He owns a dozen vintage cars.", [("a dozen vintage cars", 12, "cars")]),
    ("Over 400 million devices run it.", [("400 million devices", 4e8, "devices", {"qualifier": "lower_bound"})]),
    ("The UK has 650 MPs.", [("650 MPs", 650, "MPs")]),
    ("More than a million people signed.", [("a million people", 1e6, "people", {"qualifier": "lower_bound"})]),
    ("Just 3 of the 12 banks passed.", [("3", 3, "banks"), ("12 banks", 12, "banks")]),
    ("Eleven of the teams withdrew.", [("Eleven", 11, "teams")]),
    ("The vote was split into two.", [("two", 2, "count")]),
    ("The storm killed 50,000.", [("50,000", 50000, "count")]),
    ("The 12-member panel met.", [("12-member", 12, "members")]),
    # ratios and fractions
    ("Only three out of 10 applicants succeed.", [("three out of 10", 0.3, "ratio", {"kind": "ratio"})]),
    ("One in four children lives in poverty.", [("One in four", 0.25, "ratio")]),
    ("Two-thirds of voters backed it.", [("Two-thirds", 2 / 3, "ratio")]),
    ("Around a third of the staff left.", [("a third", 1 / 3, "ratio", {"qualifier": "approximate"})]),
    ("Nearly half of all firms plan to hire.", [("half", 0.5, "ratio", {"qualifier": "approximate"})]),
    # ranges
    ("Each level has 10,000 to 20,000 trees.", [("10,000 to 20,000 trees", 10000, "trees", {"value_max": 20000})]),
    ("The deal is worth between $3bn and $4bn.", [("$3bn and $4bn", 3e9, "USD", {"value_max": 4e9})]),
    ("It costs $20-30 a month.", [("$20-30", 20, "USD", {"value_max": 30})]),
    ("Prices range from 5 to 10 dollars.", [("5 to 10 dollars", 5, "USD", {"value_max": 10})]),
    ("There were five or six of them.", [("five or six", 5, "count", {"value_max": 6})]),
    ("Bids of £10m-£20m came in.", [("£10m-£20m", 1e7, "GBP", {"value_max": 2e7})]),
    ("Between 2 and 3 million people fled.", [("2 and 3 million people", 2e6, "people", {"value_max": 3e6})]),
    ("The population grew from 5.1 million to 5.6 million.",
     [("5.1 million", 5.1e6, "count"), ("5.6 million", 5.6e6, "count")]),
    ("Support rose from 34% to 46%.", [("34%", 34, "percent"), ("46%", 46, "percent")]),
    # qualifiers stay out of the span
    ("Nearly 2,000 homes lost power.", [("2,000 homes", 2000, "homes", {"qualifier": "approximate"})]),
    ("Some 300 people attended.", [("300 people", 300, "people", {"qualifier": "approximate"})]),
    ("At least 37 people died.", [("37 people", 37, "people", {"qualifier": "lower_bound"})]),
    ("Winds of up to 90 mph are forecast.", [("90 mph", 90, "mph", {"qualifier": "upper_bound"})]),
    ("Fewer than 100 tickets remain.", [("100 tickets", 100, "tickets", {"qualifier": "upper_bound"})]),
    ("The shares fell about 8% today.", [("8%", 8, "percent", {"qualifier": "approximate"})]),
    ("The repairs take 20 minutes or so.", [("20 minutes", 20, "minutes", {"qualifier": "approximate"})]),
    # a rate after the figure is not part of it
    ("They pay £250 a year for it.", [("£250", 250, "GBP")]),
    ("They signed a £1bn-a-year deal.", [("£1bn", 1e9, "GBP")]),
    ("It was a $100m-plus deal.", [("$100m", 1e8, "USD")]),
    # currency prefixes are glued: "a $" is not "A$"
    ("It approved a $2.4 billion plan.", [("$2.4 billion", 2.4e9, "USD")]),
    ("It raised A$40m in Sydney.", [("A$40m", 4e7, "AUD")]),
    # ages set off after a person, signs, more ranges and ratios
    ("A man, 45, was arrested.", [("45", 45, "years_of_age")]),
    ("Jane Doe (45) was named.", [("45", 45, "years_of_age")]),
    ("Temperatures fell to minus 10 degrees.", [("10 degrees", -10, "degrees")]),
    ("He paid $1,000-$2,000 in fees.", [("$1,000-$2,000", 1000, "USD", {"value_max": 2000})]),
    ("Officials said 1 in 3 adults are obese.", [("1 in 3", 1 / 3, "ratio")]),
    ("About three quarters of staff agreed.", [("three quarters", 0.75, "ratio", {"qualifier": "approximate"})]),
    ("In 2022, 3,000 people died.", [("3,000 people", 3000, "people")]),
    ("The harbour district flooded two winters ago.", [("two winters", 2, "winters")]),
]

NEGATIVES = [
    "The law was passed in 2016 and amended in 2019.",
    "The meeting is on Saturday 12 April at 10am.",
    "The report was published on 2018-07-19.",
    "The train leaves at 14:30 and arrives at 7.45pm.",
    "Call 0800 123 4567 for details.",
    "The Pixel 8 and Windows 10 were discussed.",
    "Resolution 2254 and Article 5 were cited.",
    "The F-15 and COVID-19 were in the news.",
    "It was the first and the 2nd time, on the 3rd of May.",
    "Several people, dozens of police and hundreds of fans came.",
    "Thousands marched while tens of thousands watched.",
    "Prices doubled and costs rose tenfold.",
    "Sales were 10 times higher.",
    "She is one of the best players in the world.",
    "One idea is to rebuild it.",
    "The two met; no one objected.",
    "Visit www.example.com/2019/report or follow #G20.",
    "The iPhone 15 and Galaxy S24 went on sale.",
    "In the 1990s, during the 1980s, and in mid-2015.",
    "The team won 3-1 after a 50-50 start.",
    "Those under-18s and over-65s paid nothing.",
    "He went to the Four Seasons hotel.",
    "Section 21 notices and type 2 diabetes rose.",
    "1. Luxury houseboats",
    "A couple of hundred fans waited.",
    "It happened a year ago, in the third quarter of 2019.",
    "Hundreds of millions of dollars were spent.",
    "The 5G network and the M25 motorway.",
    "The measure passed 52-48 in the Senate.",
    "The G7 and G-20 met in Rome.",
    "Figures for 2019/20 show a drop, as did Q1 2024.",
    "He lives in District 9 near Gate 4.",
    "Protesters gathered outside 10 Downing Street.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_english_figures(text, expected):
    check_figures(text, "en", expected)


@pytest.mark.parametrize("text", NEGATIVES, ids=[t[:40] for t in NEGATIVES])
def test_english_non_figures(text):
    assert find_figures(text, "en") == []


def test_unqualified_figures_have_no_qualifier():
    (fig,) = find_figures("The firm hired 40 engineers.", "en")
    assert fig.qualifier is None and fig.kind == "count" and fig.key == "engineers:40"


def test_offsets_and_body_start():
    text = "Firm to cut 500 jobs\n\nThe firm will cut 500 jobs by 2026, a spokesman said."
    body = text.index("\n\n") + 2
    figs = find_figures(text, "en", start=body)
    assert [(f.start, f.text) for f in figs] == [(text.index("500", body), "500 jobs")]
    assert find_figures(text, "en", start=body, end=body + 10) == []
    assert [f.text for f in find_figures(text, "en")] == ["500 jobs", "500 jobs"]


def test_lines_do_not_join():
    figs = find_figures("They counted 30,000\npolygons to 50,000 in all.", "en")
    assert [f.text for f in figs] == ["30,000", "50,000"]


def test_unsupported_language():
    with pytest.raises(ValueError):
        find_figures("10 Leute", "de")
