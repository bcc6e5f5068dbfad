"""Shared fixtures: the bundled model (loaded once) and the optional ../shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TIMEBANK = SHARED / "benchmarks" / "timebank"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp.pipeline import load_model
    from storyline.settings import Settings

    return load_model(Settings().model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not found at {SEEDS}: seed tests need the shared data")
    return SEEDS


@pytest.fixture(scope="session")
def timebank_dir() -> Path:
    if not TIMEBANK.is_dir():
        pytest.skip(f"../shared/benchmarks/timebank not found at {TIMEBANK}")
    return TIMEBANK
