"""The per-article time budget: an article whose analysis runs too long is stored as failed
with "analysis exceeded N s", the others are stored, and it is not retried on every ingest."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from storyline import api
from storyline.nlp.budget import OverBudget, budget_of, exceeded, time_budget
from storyline.nlp.pipeline import COMPONENTS
from storyline.settings import Settings

SPIN = "storyline-test-spin"


def _spin(doc, article, analysis) -> None:
    """Loops forever on an article that says SPINFOREVER (as a runaway regex or walk would)."""
    if "SPINFOREVER" in article.content:
        while True:
            pass


if SPIN not in COMPONENTS.names():
    COMPONENTS.register(SPIN)(_spin)


def _corpus(tmp_path: Path) -> list[str]:
    texts = {
        "a.txt": " date 2024-02-23 Ostvik Post\nThe mayor of Ostvik resigned on Monday, "
                 "officials said.\n",
        "slow.txt": " date 2024-02-23 Ostvik Post\nSPINFOREVER The harbour master retired "
                    "on Tuesday.\n",
        "b.txt": " date 2024-02-24 Fjord Daily\nCouncillor Ada Brenner resigned on Friday, "
                 "officials said.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / n) for n in texts]


# Budgets are a few seconds: a normal article must finish well inside them on a loaded machine.
def _settings(budget: float) -> Settings:
    base = Settings(parse_workers=0)
    return replace(base, components=[*base.components, SPIN], article_time_budget=budget)


def test_exceeded_message_round_trips() -> None:
    assert exceeded(30) == "analysis exceeded 30 s"
    assert budget_of("analysis exceeded 1.5 s") == 1.5
    assert budget_of("analysis failed: ValueError: x") is None


def test_hard_guard_interrupts_a_loop_in_the_main_thread() -> None:
    start = time.monotonic()
    with pytest.raises(OverBudget, match=r"^analysis exceeded 0.3 s$"), time_budget(0.3):
        while True:
            pass
    assert time.monotonic() - start < 5


def test_outside_the_main_thread_the_cooperative_check_stops_it() -> None:
    from storyline.nlp.budget import check_budget

    seen: list[str] = []

    def run() -> None:
        try:
            with time_budget(0.2):
                while True:
                    time.sleep(0.01)
                    check_budget()
        except OverBudget as e:
            seen.append(str(e))

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert seen == ["analysis exceeded 0.2 s"]


def test_over_budget_article_is_failed_the_rest_stored_and_not_retried(tmp_path) -> None:
    paths = _corpus(tmp_path)
    store = tmp_path / "s.db"
    first = api.ingest(paths, store, _settings(4))
    assert [(Path(f["path"]).name, f["problem"]) for f in first.failed] == [
        ("slow.txt", "analysis exceeded 4 s")]
    assert len(first.added) == 2 and first.story_rebuilt
    stored = {Path(a.path).name: (a.status, a.problem) for a in api.load_story(store).articles}
    assert stored == {"a.txt": ("ok", None), "b.txt": ("ok", None),
                      "slow.txt": ("skipped", "analysis exceeded 4 s")}

    again = api.ingest(paths, store, _settings(4))  # same text, same pipeline: not retried
    assert again.failed == [] and again.added == [] and not again.story_rebuilt
    assert [(Path(s["path"]).name, s["problem"]) for s in again.skipped] == [
        ("slow.txt", "analysis exceeded 4 s")]


def test_over_budget_article_is_retried_when_text_pipeline_or_budget_change(
    tmp_path, monkeypatch
) -> None:
    paths = _corpus(tmp_path)
    store = tmp_path / "s.db"
    api.ingest(paths, store, _settings(3))
    bigger = api.ingest(paths, store, _settings(4))  # a larger budget: a new chance
    assert [Path(f["path"]).name for f in bigger.failed] == ["slow.txt"]
    monkeypatch.setattr(api, "__version__", "0.0.0-other")  # a new pipeline version
    newer = api.ingest(paths, store, _settings(4))
    assert [Path(f["path"]).name for f in newer.failed] == ["slow.txt"]
    monkeypatch.undo()
    Path(paths[1]).write_text(" date 2024-02-23 Ostvik Post\nThe harbour master retired on "
                              "Tuesday, officials said.\n", encoding="utf-8")  # text changed
    fixed = api.ingest(paths, store, _settings(4))
    assert fixed.failed == [] and len(fixed.added) == 1


def test_ray_worker_batches_enforce_the_budget(tmp_path) -> None:
    """Ray runs `analyse_batch` in a worker process: the same guard, in the worker."""
    from storyline.ingest.read import read_articles
    from storyline.model import to_dict
    from storyline.nlp.executors import analyse_batch

    arts = read_articles(_corpus(tmp_path), Settings())
    out = analyse_batch([to_dict(a, for_json=False) for a in arts], _settings(4))
    assert [(data is not None, error) for data, error in out] == [
        (True, None), (False, "analysis exceeded 4 s"), (True, None)]
