"""The data model round-trips through dicts, and the shipped JSON Schema matches it."""

from datetime import date

from storyline.model import (
    Article,
    Event,
    Mention,
    PublicationDate,
    Source,
    Story,
    Support,
    from_dict,
    to_dict,
)
from storyline.render.schema import shipped_schema, story_schema


def test_story_round_trips_through_dicts():
    story = Story(
        articles=[
            Article(
                id="a1",
                path="x.txt",
                raw="hello",
                published=PublicationDate("2023-08", date(2023, 8, 1), date(2023, 8, 31), "text"),
            )
        ],
        events=[
            Event(
                id="e1",
                type="married",
                support=Support(2, 1, ["a source via Us Weekly"]),
                mentions=[Mention("a1", 0, 5, "hello", Source("anonymous_source", None, ["Us"]))],
            )
        ],
    )
    data = to_dict(story, for_json=False)
    back = from_dict(Story, data)
    assert back == story
    assert back.articles[0].published.earliest == date(2023, 8, 1)


def test_json_leaves_out_in_memory_fields():
    data = to_dict(Story(articles=[Article(id="a1", path="x", raw="secret", content="secret")]))
    assert "raw" not in data["articles"][0]
    assert "timexes" not in data


def test_shipped_schema_is_generated_from_the_model():
    # Regenerate with: python -m storyline.render.schema > storyline/story.schema.json
    assert shipped_schema() == story_schema()


def _reference_to_dict(obj, for_json):
    """The plain recursive walk the compiled encoders replace (model.to_dict before)."""
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reference_to_dict(getattr(obj, f.name), for_json)
                for f in dataclasses.fields(obj)
                if not (for_json and f.metadata.get("json") is False)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [_reference_to_dict(x, for_json) for x in obj]
    if isinstance(obj, dict):
        return {k: _reference_to_dict(v, for_json) for k, v in obj.items()}
    return obj


def _sample_story() -> Story:
    pub = PublicationDate("2023-08", date(2023, 8, 1), date(2023, 8, 31), "text")
    return Story(
        articles=[Article(id="a1", path="x.txt", raw="hello", content="hello", published=pub),
                  Article(id="a2", path="y.txt", raw="", published=None)],
        events=[Event(id="e1", type="married", participants=["p1", "p2"],
                      support=Support(2, 1, ["a source via Us Weekly"]),
                      mentions=[Mention("a1", 0, 5, "hello",
                                        Source("anonymous_source", None, ["Us"]))])],
    )


def test_compiled_encoders_give_the_plain_walks_dicts_in_field_order():
    import json

    story = _sample_story()
    for for_json in (True, False):
        got, want = to_dict(story, for_json=for_json), _reference_to_dict(story, for_json)
        assert json.dumps(got) == json.dumps(want)  # same keys in the same order, same values


def test_from_dict_fills_defaults_for_fields_the_data_leaves_out():
    data = to_dict(_sample_story())  # story.json: raw and content left out
    back = from_dict(Story, data)
    assert back.articles[0].raw == "" and back.articles[0].content == ""
    assert back.articles[0].published.earliest == date(2023, 8, 1)
    assert back.events[0].mentions[0].source.via == ["Us"]
    del data["events"][0]["mentions"][0]["source"]["via"]  # a nested field missing too
    assert from_dict(Story, data).events[0].mentions[0].source.via == []
