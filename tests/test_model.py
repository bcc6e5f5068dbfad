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
