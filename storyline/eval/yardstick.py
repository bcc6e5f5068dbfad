"""The yardstick table: every benchmark reports rows of (metric, storyline, reference).

Each dataset module registers one function under the name of its `storyline eval NAME`
command; `storyline eval all BENCH_DIR` (and `make eval`) runs each on its default folder
under BENCH_DIR and prints one table, skipping a yardstick whose folder is absent, with the
reason. A reference is either a published peer (named, with where it was published) or a
baseline computed by the same code in the same run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One measured number, beside the number it should be read against."""

    metric: str  # "event trigger F1 (token overlap)"
    storyline: float | None
    reference: float | None = None
    reference_name: str = ""  # "same-lemma baseline, this run" / "HeidelTime, published"
    note: str = ""  # counts behind the number: "412 gold, 380 predicted"


@dataclass
class Counts:
    """Hits against predicted and gold totals, with precision, recall and F1: the one counter
    every span and mention scorer adds to."""

    hit: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, hit: int, predicted: int, gold: int) -> None:
        self.hit += hit
        self.predicted += predicted
        self.gold += gold

    def merge(self, other: Counts) -> None:
        self.add(other.hit, other.predicted, other.gold)

    @property
    def precision(self) -> float:
        return self.hit / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def note(self) -> str:
        return f"{self.gold} gold, {self.predicted} predicted, {self.hit} matched"


@dataclass
class Report:
    """What one yardstick printed: its rows, the time it took, and why it was skipped."""

    name: str
    folder: str
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None  # reason, when the data was absent or unusable
    problems: list[str] = field(default_factory=list)  # malformed files reported and skipped


Yardstick = Callable[[Path], Report]


@dataclass
class Entry:
    name: str
    folder: str  # default folder under the benchmarks directory
    run: Yardstick


YARDSTICKS: dict[str, Entry] = {}


def yardstick(name: str, folder: str) -> Callable[[Yardstick], Yardstick]:
    """Register `fn(data_dir) -> Report` as yardstick NAME, read from BENCH_DIR/FOLDER."""

    def deco(fn: Yardstick) -> Yardstick:
        YARDSTICKS[name] = Entry(name, folder, fn)
        return fn

    return deco


def ensure_registered() -> None:
    """Import every dataset module, which registers its yardstick."""
    import importlib
    import pkgutil

    import storyline.eval as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name not in ("yardstick",):
            importlib.import_module(f"storyline.eval.{info.name}")


def run_all(bench_dir: Path, only: list[str] | None = None) -> list[Report]:
    """Run every registered yardstick (or those named in `only`) on BENCH_DIR/FOLDER."""
    ensure_registered()
    reports = []
    for name in sorted(YARDSTICKS):
        if only and name not in only:
            continue
        entry = YARDSTICKS[name]
        folder = bench_dir / entry.folder
        if not folder.is_dir():
            reports.append(Report(name, str(folder), skipped=f"no folder {folder}"))
            continue
        t0 = time.perf_counter()
        try:
            report = entry.run(folder)
        except Exception as exc:  # one broken yardstick must not hide the others
            report = Report(name, str(folder), skipped=f"failed: {type(exc).__name__}: {exc}")
        report.seconds = time.perf_counter() - t0
        reports.append(report)
    return reports


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def markdown_table(reports: list[Report]) -> str:
    """The yardstick table as Markdown: one line per metric, the time per yardstick."""
    lines = [
        "| yardstick | metric | storyline | reference | reference is | time |",
        "|---|---|---|---|---|---|",
    ]
    for rep in reports:
        if rep.skipped:
            lines.append(f"| {rep.name} | skipped: {rep.skipped} | | | | |")
            continue
        for i, row in enumerate(rep.rows):
            secs = f"{rep.seconds:.0f} s" if i == 0 else ""
            metric = row.metric + (f" ({row.note})" if row.note else "")
            lines.append(
                f"| {rep.name if i == 0 else ''} | {metric} | {_num(row.storyline)} | "
                f"{_num(row.reference)} | {row.reference_name} | {secs} |"
            )
        if rep.problems:
            lines.append(f"| | {len(rep.problems)} malformed files skipped | | | | |")
    return "\n".join(lines)
