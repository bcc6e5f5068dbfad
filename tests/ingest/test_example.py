"""The bundled example story behaves as its README says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import assert_offsets_kept

from storyline.ingest.read import read_articles
from storyline.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-bridge"


@pytest.fixture(scope="module")
def example():
    arts = read_articles([str(EXAMPLE)], Settings())
    return {a.path.rsplit("/", 1)[-1]: a for a in arts}


def test_every_input_is_listed_with_its_fate(example) -> None:
    status = {name: a.status for name, a in example.items()}
    assert status == {
        "01-harbour-weekly.txt": "ok",
        "02-bay-courier.txt": "duplicate",
        "03-coastline-daily.jsonl#1": "ok",
        "03-coastline-daily.jsonl#2": "ok",
        "04-saltmere-gazette.html": "ok",
        "05-tidewatch.txt": "ok",
        "06-empty.txt": "skipped",
        "07-le-phare.txt": "skipped",
        "README.md": "skipped",
    }
    assert example["06-empty.txt"].problem == "empty file"
    assert example["07-le-phare.txt"].problem.startswith("not English")
    assert example["02-bay-courier.txt"].duplicate_of == example["01-harbour-weekly.txt"].id
    for art in example.values():
        assert_offsets_kept(art)


def test_example_dates(example) -> None:
    stated = {
        "01-harbour-weekly.txt": ("2025-03-08", "header"),
        "03-coastline-daily.jsonl#1": ("2025-03-12", "json"),
        "03-coastline-daily.jsonl#2": ("2025-05-20", "json"),
        "04-saltmere-gazette.html": ("2025-03-14", "html"),
    }
    for name, (value, method) in stated.items():
        assert (example[name].published.value, example[name].published.method) == (value, method)
    pub = example["05-tidewatch.txt"].published
    assert pub.method == "inferred"
    assert pub.earliest <= date(2025, 7, 14) <= pub.latest
    assert (pub.latest - pub.earliest).days < 366
    assert "toward the end of last year" in pub.reason  # named as left out


def test_example_outlets(example) -> None:
    assert example["04-saltmere-gazette.html"].outlet == "The Saltmere Gazette"
    assert "Northlight Magazine" in example["04-saltmere-gazette.html"].cited_outlets
    assert example["02-bay-courier.txt"].outlet == "Bay Courier"
    assert "Harbour Weekly" in example["02-bay-courier.txt"].cited_outlets
    # No metadata: the publisher comes from its own copyright line, not from outlets it cites.
    assert (example["05-tidewatch.txt"].outlet, example["05-tidewatch.txt"].outlet_method) == (
        "Tidewatch",
        "text",
    )
    assert example["05-tidewatch.txt"].cited_outlets == ["Harbour Weekly"]
