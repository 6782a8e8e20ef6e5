"""Shared fixtures: databases built from hand-made extractions (no extraction rules involved)."""
from __future__ import annotations

import pytest

from claims import store
from claims.extract import EXTRACTOR_VERSION
from tests.factories import ar_extraction, en_extraction


@pytest.fixture
def db(tmp_path):
    """An empty claims database."""
    return store.open_db(tmp_path / "claims.db")


@pytest.fixture
def filled_db(db):
    """A database holding one Arabic and one English hand-made article."""
    for ex in (ar_extraction(outlet="Al Sample", published="2024-03-01"),
               en_extraction(outlet="Sample News", published="2024-03-02")):
        store.save_extraction(db, ex, extractor_version=EXTRACTOR_VERSION)
    return db
