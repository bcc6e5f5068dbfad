"""The hand-labelled alias-merge set: pairwise precision and recall must not regress."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "alias_merge.py"


def test_alias_merge_precision_and_recall():
    spec = importlib.util.spec_from_file_location("alias_merge", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    result = mod.score()
    assert result["precision"] >= 0.9, result
    assert result["recall"] >= 0.75, result
