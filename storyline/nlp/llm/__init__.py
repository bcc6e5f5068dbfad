"""Optional LLM claim extraction over any OpenAI-compatible server (never required).

`client` speaks chat completions over the stdlib, `prompt` builds the request, `schema`
validates the reply, and `component` grounds each claim in its sentence and registers
"llm_claims" in the nlp COMPONENTS registry (the storyline_llm_claims spaCy component,
storyline/nlp/components.py, runs it with the server settings as its config).
"""

from __future__ import annotations

from storyline.nlp.llm.client import ChatClient, LlmError
from storyline.nlp.llm.stats import LlmStats, llm_stats, reset_llm_stats

__all__ = ["ChatClient", "LlmError", "LlmStats", "llm_stats", "reset_llm_stats"]
