"""The per-article time budget (`Settings.article_time_budget`): an analysis that runs longer
is stopped with `OverBudget`, so one pathological article cannot hang a batch.

Two guards, both in the process that runs the components (the driver for the local executor,
the worker for Ray, which calls the local executor): a cooperative deadline checked between
components, and a hard one, a SIGALRM timer that interrupts a component stuck in a loop or a
regular expression (Python's regex engine checks for signals). The timer needs the main
thread; elsewhere (a web request thread) only the cooperative check runs. See docs/design.md.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PREFIX = "analysis exceeded"


class OverBudget(Exception):  # noqa: N818 - reads as "the analysis went over budget"
    """The analysis of one article ran longer than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(exceeded(seconds))
        self.seconds = seconds


def exceeded(seconds: float) -> str:
    """The problem stored for an article over budget: "analysis exceeded 30 s"."""
    return f"{PREFIX} {seconds:g} s"


def budget_of(problem: str | None) -> float | None:
    """The budget an article's stored problem says it exceeded, or None for other problems."""
    m = re.fullmatch(rf"{PREFIX} (\d+(?:\.\d+)?) s", problem or "")
    return float(m.group(1)) if m else None


class Deadline:
    """When the budget runs out; `check()` raises OverBudget after that."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at and self.seconds:
            raise OverBudget(self.seconds)


# The deadline of the analysis running in this thread (or task), set by `time_budget`.
_CURRENT: ContextVar[Deadline | None] = ContextVar("storyline_deadline", default=None)


def check_budget() -> None:
    """Raise OverBudget when the running analysis is past its deadline (no-op outside one)."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Deadline]:
    """Run the body under a budget of `seconds` (None or 0: unlimited): `check_budget()` in
    the body raises OverBudget once it is spent, and in the main thread a SIGALRM timer also
    interrupts the body wherever it is."""
    deadline = Deadline(seconds)
    token = _CURRENT.set(deadline)
    try:
        with _alarm(seconds):
            yield deadline
    finally:
        _CURRENT.reset(token)


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """The hard guard: OverBudget raised by SIGALRM after `seconds` (main thread only)."""
    hard = bool(seconds) and threading.current_thread() is threading.main_thread() \
        and hasattr(signal, "setitimer")
    if not hard:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise OverBudget(seconds or 0)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # a caller's own timer was running: give it back what is left of it
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
