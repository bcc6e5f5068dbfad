"""Derive the JSON Schema of story.json from the dataclasses, so the two cannot drift."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from importlib import resources
from typing import Any

from storyline.model import SCHEMA, Story

SCHEMA_FILE = "story.schema.json"


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in typing.get_args(tp)]}
    if origin in (list, tuple):
        args = typing.get_args(tp)
        if origin is tuple and len(args) > 1 and args[1] is not Ellipsis:
            items = [_type_schema(a, defs) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items)}
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        values = _type_schema(typing.get_args(tp)[1], defs)
        return {"type": "object", "additionalProperties": values}
    if origin is typing.Literal:  # a vocabulary: its words, listed
        return {"type": "string", "enum": list(typing.get_args(tp))}
    if tp is type(None):
        return {"type": "null"}
    if tp is date:
        return {"type": "string", "format": "date"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder breaks recursion
            hints = typing.get_type_hints(tp)
            props, required = {}, []
            for f in dataclasses.fields(tp):
                if f.metadata.get("json") is False:
                    continue
                props[f.name] = _type_schema(hints[f.name], defs)
                required.append(f.name)
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().splitlines()[0],
                "properties": props,
                "required": required,
            }
        return {"$ref": f"#/$defs/{name}"}
    return {}


def story_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) for story.json."""
    defs: dict[str, Any] = {}
    root = _type_schema(Story, defs)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://storyline.invalid/{SCHEMA}/story.schema.json",
        "title": f"story.json ({SCHEMA})",
        **root,
        "$defs": defs,
    }
    schema["$defs"]["Story"]["properties"]["schema"] = {"const": SCHEMA}
    return schema


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped inside the package."""
    text = resources.files("storyline").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


if __name__ == "__main__":  # python -m storyline.render.schema > storyline/story.schema.json
    print(json.dumps(story_schema(), indent=2))
