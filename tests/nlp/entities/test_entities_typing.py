"""Entity types from general cues: corporate words, titles, "CEO of X", awards."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.read import read_articles
from storyline.model import Article
from storyline.nlp.pipeline import analyze
from storyline.settings import Settings

COMPANY = Path(__file__).parents[1] / "fixtures" / "claims" / "company-ceo-resigns.txt"


def types_of(text: str) -> dict[str, str]:
    a = analyze([Article(id="t", path="t.txt", raw=text, content=text)], Settings())[0]
    return {e.name: e.type for e in a.entities}


@pytest.fixture(scope="module")
def company():
    settings = Settings()
    a = analyze(read_articles([str(COMPANY)], settings), settings)[0]
    return a


def test_company_fixture_people_and_company(company):
    types = {e.name: e.type for e in company.entities}
    assert types["Halvorsen Freight"] == "ORG"
    assert types["Ingrid Sætre"] == "PERSON"
    assert types["Kari Lunde"] == "PERSON"


def test_bare_surname_joins_the_person_once_typed(company):
    ingrid = next(e for e in company.entities if e.name == "Ingrid Sætre")
    assert "Sætre" in ingrid.aliases
    assert not [e for e in company.entities if e.name == "Sætre"]


def test_corporate_word_and_title_cues():
    types = types_of("Brekke Holdings said on Monday that chair Sunniva Aas will step down. "
                     "Ms. Aas joined Brekke Holdings in 2009. Tarvik Airlines denied the report.")
    assert types.get("Brekke Holdings") == "ORG"
    assert types.get("Tarvik Airlines") == "ORG"
    assert types.get("Sunniva Aas") == "PERSON"


def test_title_apposition_makes_a_person():
    types = types_of("Ingrid Sætre, CEO of Halvorsen Freight, resigned on Monday.")
    assert types.get("Ingrid Sætre") == "PERSON"
    assert types.get("Halvorsen Freight") == "ORG"


def test_name_after_a_title_is_found_when_the_model_misses_it():
    types = types_of("Dalby Bank chief executive Per Moe said the bank was sound.")
    assert types.get("Per Moe") == "PERSON"


def test_award_is_not_a_person():
    types = types_of("The Oscar winner Ilse Varga arrived late. Varga won an Oscar in 2015.")
    assert types.get("Oscar") == "AWARD"
    assert types.get("Ilse Varga") == "PERSON"


def test_a_young_age_makes_a_person_and_a_sites_account_is_nobody():
    types = types_of(
        "Mara Quill and Tobin Ash share two children, 12-year-old Benjamin and 9-year-old "
        "Vivian.\n\nBy Admin\n\nLeave a Reply"
    )
    assert types.get("Vivian") == "PERSON" and types.get("Benjamin") == "PERSON"
    assert "Admin" not in types


def test_a_platform_feature_is_not_a_person():
    types = types_of("Tobin Ash wrote in an Instagram Story posted on Friday that he was sorry.")
    assert types.get("Instagram Story") != "PERSON"
