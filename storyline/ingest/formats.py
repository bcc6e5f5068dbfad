"""Input formats: which file suffix is read how, and JSON/JSONL records into plain records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# suffix -> format name (the article's `format`); anything else is not an article file.
SUFFIXES: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
TEXT_FIELDS = ("text", "content", "body")  # first present one is the article text


@dataclass
class Record:
    """One article from a JSON/JSONL file, or the reason a record could not be used."""

    path: str
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    problem: str | None = None


def sniff_format(text: str) -> str:
    """Guess the format of a file with an unknown suffix from its first characters."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if "\n{" in text.strip() else "json"
    return "txt"


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _when(value: Any) -> str | None:
    """A date field as text; Unix timestamps (seconds or milliseconds) become ISO dates (UTC)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _str(value)
    seconds = value / 1000 if value > 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _record(path: str, data: Any) -> Record:
    if not isinstance(data, dict):
        return Record(path, problem="record is not a JSON object")
    bad = next((k for k, v in data.items() if isinstance(v, str) and not _encodable(v)), None)
    if bad is not None:  # JSON's \\ud800 escapes decode to text that no file or store can hold
        return Record(path, problem=f"record's {str(bad)[:40]!r} field holds a lone UTF-16 "
                                    "surrogate (not valid Unicode text)")
    text = next((data[k] for k in TEXT_FIELDS if isinstance(data.get(k), str)), None)
    if text is None:
        return Record(path, problem="record has no 'text' field")
    return Record(
        path,
        text=text,
        title=_str(data.get("title")),
        outlet=_str(data.get("outlet")) or _str(data.get("source")),
        url=_str(data.get("url")),
        published=_when(data.get("published")) or _when(data.get("date")),
    )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_records(text: str, path: str, fmt: str) -> list[Record]:
    """Records of a .json (one object, a list, or {"articles": [...]}) or .jsonl file.

    Each record's path is "file#N" (N counts records from 1), so every one can be reported.
    """
    if fmt == "jsonl":
        out = []
        lines = [line for line in text.splitlines() if line.strip()]
        for n, line in enumerate(lines, 1):
            try:
                out.append(_record(f"{path}#{n}", json.loads(line)))
            except json.JSONDecodeError as e:
                out.append(Record(f"{path}#{n}", problem=f"invalid JSON on record {n}: {e.msg}"))
        return out
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return [Record(path, problem=f"invalid JSON: {e.msg} (line {e.lineno})")]
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, list):
        return [_record(f"{path}#{n}", item) for n, item in enumerate(data, 1)]
    return [_record(f"{path}#1", data)]
