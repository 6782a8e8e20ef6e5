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
    ("Carlos Alvarez spoke first. Later Mr Alvarez left.", "Alvarez", "Carlos Alvarez", "person", "m", None),
    # (a title of nobility stays: it is part of the name as written)
    ("Dame Joan Pelly arrived. Ms Pelly spoke.", "Pelly", "Dame Joan Pelly", "person", "f", None),
    # a title inside the capitalised run is the role
    ("Tenants Council Chief Executive Rosa Quigley spoke.", "Rosa Quigley", "Rosa Quigley", "person", "f",
     "Tenants Council Chief Executive"),
    ("It met Transport Secretary Alan Greer today.", "Alan Greer", "Alan Greer", "person", "m", "Transport Secretary"),
    ("They met Wales's First Minister Fiona Pritchard.", "Fiona Pritchard", "Fiona Pritchard", "person", "f",
     "Wales's First Minister"),
    # lower-case role words (and an organisation) before the name
    ("The cut comes after energy regulator Ofgem spoke.", "Ofgem", "Ofgem", "organisation", None,
     "energy regulator"),
    ("We heard from ABX chief executive Ian Petrie.", "Ian Petrie", "Ian Petrie", "person", "m",
     "ABX chief executive"),
    # apposition after the name
    ("Sir Royce Amberley, director-general of the CBI, spoke.", "Royce Amberley", "Sir Royce Amberley", "person", "m",
     "director-general of the CBI"),
    # acronym in brackets, and initials of a longer organisation name
    ("The International Energy Agency (IEA) met. The IEA agreed.", "IEA", "The International Energy Agency (IEA)",
     "organisation", None, None),
    ("It was in the Financial Times. The FT said so.", "FT", "the Financial Times", "outlet", None, None),
    ("Northern Mining Corp is big. NMC grew.", "NMC", "Northern Mining Corp",
     "organisation", None, None),
    # the last word of an organisation's name stands for it
    ("Jobs at ABX Norvex are at risk. Norvex denied it.", "Norvex", "ABX Norvex", "organisation", None, None),
    # "of"/"for" join organisation names, "and" between two people does not
    ("The Office for Budget Responsibility met.", "Office for Budget Responsibility",
     "The Office for Budget Responsibility", "organisation", None, None),
])
def test_mentions_are_linked_to_entities(text, form, label, kind, gender, role):
    ent = entity(text, form)
    assert (ent.label, ent.kind, ent.gender, ent.role) == (label, kind, gender, role)


def test_two_people_joined_by_and_stay_apart():
    _, idx = index("Former officials Dale Kimble and Rhys Mattock were charged.")
    assert {m.core for m in idx.mentions} >= {"Dale Kimble", "Rhys Mattock"}


def test_sentence_initial_common_words_are_not_names():
    _, idx = index("Energy analysts Kpler welcomed the energy plan. Returning from talks is hard.")
    cores = {m.core for m in idx.mentions}
    assert "Kpler" in cores and "Energy" not in cores and "Returning" not in cores


def test_sentence_initial_name_never_written_in_lower_case_is_a_name():
    _, idx = index("Apple said profits rose. Okafor said he agreed.")
    assert {m.core for m in idx.mentions} == {"Apple", "Okafor"}


def test_title_case_subheadings_are_skipped():
    _, idx = index("A story about money.\nCash Gifts And A Free Holiday Home\nThe end came.")
    assert idx.mentions == []


def test_acronyms_that_look_like_function_words_are_names():
    _, idx = index("Experts from the WHO and the US met.")
    assert {m.core for m in idx.mentions} == {"WHO", "US"}


def test_camel_case_company_names_are_organisations():
    assert entity("NXPower Holdings grew. NXPower said so.", "NXPower").label == "NXPower Holdings"
    assert entity("NXPower Holdings grew.", "NXPower Holdings").kind == "organisation"
