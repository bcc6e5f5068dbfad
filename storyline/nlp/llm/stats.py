"""Counters of what the LLM component did during a build, read back by the CLI.

Components cannot return values, so the counts live here; a front door resets them before a
build and reports them after. After repeated failures the server is left alone for a while.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

FAILURES_BEFORE_PAUSE = 3  # consecutive failed articles before the server is left alone
PAUSE_SECONDS = 60.0
MAX_WARNINGS = 50  # the rest are only counted


@dataclass
class LlmStats:
    """What the llm_claims component did since the last reset."""

    articles: int = 0  # articles the component ran on
    requests: int = 0  # chat completions sent
    claims_kept: int = 0  # LLM claims added to analyses
    ungrounded: int = 0  # claims dropped: evidence not found verbatim in the sentence
    invalid: int = 0  # claims dropped: missing or unknown fields
    duplicates: int = 0  # claims dropped in merge mode: the rules had them already
    fallbacks: int = 0  # articles that kept the rule-based claims because the LLM failed
    warnings: list[str] = field(default_factory=list)
    consecutive_failures: int = 0
    paused_until: float = 0.0  # monotonic time before which the server is not called

    def failed(self, article: str, reason: str) -> None:
        self.fallbacks += 1
        self.consecutive_failures += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(f"{article}: LLM failed ({reason}); kept rule-based claims")
        if self.consecutive_failures >= FAILURES_BEFORE_PAUSE:
            self.paused_until = time.monotonic() + PAUSE_SECONDS
            self.consecutive_failures = 0

    def paused(self) -> bool:
        return time.monotonic() < self.paused_until

    def to_dict(self) -> dict:
        out = asdict(self)
        del out["consecutive_failures"], out["paused_until"]
        return out


_STATS = LlmStats()


def llm_stats() -> LlmStats:
    """The counters of the current build."""
    return _STATS


def reset_llm_stats() -> LlmStats:
    """Start a new build's counters; returns the fresh object."""
    global _STATS
    _STATS = LlmStats()
    return _STATS
