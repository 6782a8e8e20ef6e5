"""Names without NER (claims.nlp.en.names): runs, honorifics, roles, kinds, linking."""
from __future__ import annotations

import pytest

from .helpers import index


def entity(text: str, form: str):
    _, idx = index(text)
    for m in idx.mentions:
        if m.core == form:
            return m.entity
    raise AssertionError(f"no mention {form!r} in {[m.core for m in idx.mentions]}")


@pytest.mark.parametrize("text,form,label,kind,gender,role", [
    # honorific cut off, surname linked to the fullest form, gender from the honorific
    ("Michael Howard spoke first. Later Mr Howard left.", "Howard", "Michael Howard", "person", "m", None),
    ("Dame Joan Smith arrived. Ms Smith spoke.", "Smith", "Joan Smith", "person", "f", None),
    # a title inside the capitalised run is the role
    ("Refugee Council Chief Executive Maeve Sherlock spoke.", "Maeve Sherlock", "Maeve Sherlock", "person", "f",
     "Refugee Council Chief Executive"),
    ("It met Health Secretary Jeremy Hunt today.", "Jeremy Hunt", "Jeremy Hunt", "person", "m", "Health Secretary"),
    ("They met Scotland's First Minister Nicola Sturgeon.", "Nicola Sturgeon", "Nicola Sturgeon", "person", "f",
     "Scotland's First Minister"),
    # lower-case role words (and an organisation) before the name
    ("The move comes after telecom regulator Ofcom spoke.", "Ofcom", "Ofcom", "organisation", None,
     "telecom regulator"),
    ("We heard from BT chief executive Ben Verwaayen.", "Ben Verwaayen", "Ben Verwaayen", "person", "m",
     "BT chief executive"),
    # apposition after the name
    ("Sir Digby Jones, director-general of the CBI, spoke.", "Digby Jones", "Digby Jones", "person", "m",
     "director-general of the CBI"),
    # acronym in brackets, and initials of a longer organisation name
    ("The World Health Organisation (WHO) met. The WHO agreed.", "WHO", "The World Health Organisation (WHO)",
     "organisation", None, None),
    ("It was in the Financial Times. The FT said so.", "FT", "the Financial Times", "outlet", None, None),
    ("Shanghai Automotive Industry Corp is big. SAIC grew.", "SAIC", "Shanghai Automotive Industry Corp",
     "organisation", None, None),
    # the last word of an organisation's name stands for it
    ("Jobs at MG Rover are at risk. Rover denied it.", "Rover", "MG Rover", "organisation", None, None),
    # "of"/"for" join organisation names, "and" between two people does not
    ("The Commission for Racial Equality met.", "Commission for Racial Equality", "The Commission for Racial Equality",
     "organisation", None, None),
])
def test_mentions_are_linked_to_entities(text, form, label, kind, gender, role):
    ent = entity(text, form)
    assert (ent.label, ent.kind, ent.gender, ent.role) == (label, kind, gender, role)


def test_two_people_joined_by_and_stay_apart():
    _, idx = index("Former officials Mark Shurtleff and John Swallow were charged.")
    assert {m.core for m in idx.mentions} >= {"Mark Shurtleff", "John Swallow"}


def test_sentence_initial_common_words_are_not_names():
    _, idx = index("Telecom analysts Ovum welcomed the telecom plan. Withdrawing from talks is hard.")
    cores = {m.core for m in idx.mentions}
    assert "Ovum" in cores and "Telecom" not in cores and "Withdrawing" not in cores


def test_sentence_initial_name_never_written_in_lower_case_is_a_name():
    _, idx = index("Apple said profits rose. Johnson said he agreed.")
    assert {m.core for m in idx.mentions} == {"Apple", "Johnson"}


def test_title_case_subheadings_are_skipped():
    _, idx = index("A story about money.\nGold Coins And A Pre-Paid Debit Card\nThe end came.")
    assert idx.mentions == []


def test_acronyms_that_look_like_function_words_are_names():
    _, idx = index("Experts from the WHO and the US met.")
    assert {m.core for m in idx.mentions} == {"WHO", "US"}


def test_camel_case_company_names_are_organisations():
    assert entity("JPMorgan Chase grew. JPMorgan said so.", "JPMorgan").label == "JPMorgan Chase"
    assert entity("JPMorgan Chase grew.", "JPMorgan Chase").kind == "organisation"
