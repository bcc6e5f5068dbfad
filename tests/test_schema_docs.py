"""Every field of story.json is documented in docs/schema.md, and story.json validates."""

import dataclasses
import re
from pathlib import Path

import jsonschema

from storyline import model
from storyline.model import Article, Story, to_dict
from storyline.render.schema import story_schema

DOC = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text(encoding="utf-8")


def _json_classes():
    seen, todo = set(), [Story]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for f in dataclasses.fields(cls):
            if f.metadata.get("json") is False:
                continue
            for name in re.findall(r"[A-Z]\w+", str(f.type)):
                sub = getattr(model, name, None)
                if dataclasses.is_dataclass(sub):
                    todo.append(sub)
    return seen


def test_every_json_field_is_documented():
    missing = [
        f"{cls.__name__}.{f.name}"
        for cls in _json_classes()
        for f in dataclasses.fields(cls)
        if f.metadata.get("json") is not False and f"{cls.__name__}.{f.name}" not in DOC
    ]
    assert not missing, f"document these fields in docs/schema.md: {missing}"


def test_a_story_validates_against_the_schema():
    story = Story(articles=[Article(id="a1", path="x.txt")])
    jsonschema.validate(to_dict(story), story_schema())
    bad = to_dict(story)
    bad["schema"] = "storyline/0"
    try:
        jsonschema.validate(bad, story_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a wrong schema version must not validate")
