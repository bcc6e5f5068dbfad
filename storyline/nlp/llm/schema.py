"""Strict reading of the model's reply: a malformed reply fails, a malformed claim is dropped."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from storyline.model import CERTAINTIES, SOURCE_KINDS
from storyline.nlp.events.frames import names
from storyline.nlp.llm.client import LlmError

FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL | re.IGNORECASE)


@dataclass
class LlmClaim:
    """One claim as the model stated it, before grounding in the sentence."""

    sentence: int
    type: str
    evidence: str
    certainty: str = "asserted"
    source_kind: str = "author"
    source_name: str | None = None
    predicate: str | None = None
    participants: list[str] = field(default_factory=list)
    time_text: str | None = None
    place: str | None = None


def parse_reply(text: str) -> tuple[list[LlmClaim], int]:
    """(valid claims, number of invalid ones) from a reply; LlmError if it is not our JSON."""
    fenced = FENCE.match(text)
    try:
        data = json.loads(fenced.group(1) if fenced else text)
    except ValueError as exc:
        raise LlmError(f"reply is not JSON: {text[:120]!r}") from exc
    items = data.get("claims") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise LlmError('reply has no "claims" list')
    claims: list[LlmClaim] = []
    invalid = 0
    for item in items:
        claim = _claim(item)
        if claim is None:
            invalid += 1
        else:
            claims.append(claim)
    return claims, invalid


def _claim(item: object) -> LlmClaim | None:
    """A validated claim, or None when a required field is missing or outside its vocabulary."""
    if not isinstance(item, dict):
        return None
    sentence, type_, evidence = item.get("sentence"), item.get("type"), item.get("evidence")
    if isinstance(sentence, str) and sentence.strip().isdigit():
        sentence = int(sentence)
    if not isinstance(sentence, int) or isinstance(sentence, bool):
        return None
    if type_ not in names() or not isinstance(evidence, str) or not evidence.strip():
        return None
    certainty = item.get("certainty") or "asserted"
    source = item.get("source") or {"kind": "author"}
    if certainty not in CERTAINTIES or not isinstance(source, dict):
        return None
    kind, name = source.get("kind") or "author", source.get("name")
    if kind not in SOURCE_KINDS or not _optional_text(name):
        return None
    participants = item.get("participants") or []
    if not isinstance(participants, list) or not all(isinstance(p, str) for p in participants):
        return None
    fields = [item.get(k) for k in ("predicate", "time_text", "place")]
    if not all(_optional_text(v) for v in fields):
        return None
    predicate, time_text, place = (v.strip() or None if isinstance(v, str) else None
                                   for v in fields)
    return LlmClaim(
        sentence=sentence, type=type_, evidence=evidence, certainty=certainty,
        source_kind=kind, source_name=name.strip() or None if isinstance(name, str) else None,
        predicate=predicate, participants=[p.strip() for p in participants if p.strip()],
        time_text=time_text, place=place,
    )


def _optional_text(value: object) -> bool:
    return value is None or isinstance(value, str)
