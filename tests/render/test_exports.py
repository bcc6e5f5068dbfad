"""story.html and the exports on a hand-built story: embedding, ranges, graph and rows."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date

from storyline.model import (
    Article,
    Contradiction,
    Entity,
    Event,
    Mention,
    Relation,
    Source,
    Story,
    Support,
    TimeValue,
    to_dict,
)
from storyline.render.events_csv import story_to_csv
from storyline.render.graphml import story_to_graphml
from storyline.render.html import story_to_html
from storyline.render.timelinejs import story_to_timelinejs

EVIL = 'He wrote "</script><script>alert(1)</script>" & <b>left</b>.'
RAW = f"Ada Brennan married Tomas Brennan in 2009. {EVIL}\n"


def story() -> Story:
    m = Mention("a1", 0, 42, RAW[:42], Source("anonymous_source", None, ["Lake Wire"]),
                "reported")  # fmt: skip
    evil = Mention("a1", 43, 43 + len(EVIL), EVIL)
    return Story(
        articles=[Article("a1", "a1.txt", raw=RAW, outlet="Test Gazette")],
        entities=[Entity("p:ada", "Ada Brennan", "PERSON"), Entity("p:tom", "Tomas Brennan",
                                                                   "PERSON")],
        events=[
            Event("ev1", "married", ["p:ada", "p:tom"],
                  TimeValue("2009", date(2009, 1, 1), date(2009, 12, 31)), status="confirmed",
                  support=Support(1, 1), mentions=[m]),
            Event("ev2", "statement", ["p:tom"],
                  TimeValue("2024-05-08", date(2024, 5, 8), date(2024, 5, 8)), mentions=[evil]),
            Event("ev3", "other", ["p:ada"], TimeValue("2024-FA", date(2024, 9, 1),
                                                        date(2024, 11, 30))),
            Event("ev4", "sighting", ["p:ada"]),
        ],
        relations=[Relation("r1", "p:ada", "spouse", "p:tom", evidence=[m])],
        contradictions=[Contradiction("x1", "date", "2009 vs 2010", ["ev1"])],
    )  # fmt: skip


def _embedded(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', page,
                      re.S)  # fmt: skip
    return json.loads(block.group(1))


def test_html_is_self_contained_and_offline():
    page = story_to_html(story())
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "default-src 'none'" in page  # the browser itself refuses any network request


def test_html_embeds_story_and_raw_text_without_breaking_out_of_the_script():
    page = story_to_html(story())
    assert page.count("</script>") == 2  # the data block and the code block, nothing from EVIL
    data = _embedded(page)
    assert data["raw"]["a1"] == RAW  # raw text for highlighting, verbatim
    assert data["story"] == json.loads(json.dumps(to_dict(story())))
    assert "raw" not in data["story"]["articles"][0]  # story.json's shape is unchanged


def test_timelinejs_keeps_precision_and_draws_seasons_as_ranges():
    tl = story_to_timelinejs(story())
    slides = {s["unique_id"]: s for s in tl["events"]}
    assert slides["ev1"]["start_date"] == {"year": 2009} and "end_date" not in slides["ev1"]
    assert slides["ev2"]["start_date"] == {"year": 2024, "month": 5, "day": 8}
    assert slides["ev3"]["start_date"] == {"year": 2024, "month": 9, "day": 1}
    assert slides["ev3"]["end_date"] == {"year": 2024, "month": 11, "day": 30}
    assert "ev4" not in slides  # undated events have no place on a TimelineJS axis
    assert "&lt;/script&gt;" in slides["ev2"]["text"]["text"]


def test_graphml_nodes_relations_and_shared_events():
    root = ET.fromstring(ET.tostring(story_to_graphml(story()).getroot()))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == {"p:ada", "p:tom"}
    labels = sorted(d.text for d in root.iterfind(".//g:edge/g:data[@key='label']", ns))
    assert labels == ["married", "spouse"]


def test_csv_one_row_per_event_with_contradictions():
    rows = list(csv.DictReader(io.StringIO(story_to_csv(story()))))
    assert [r["id"] for r in rows] == ["ev1", "ev2", "ev3", "ev4"]
    assert rows[0]["participants"] == "Ada Brennan; Tomas Brennan"
    assert rows[0]["contradictions"] == "x1" and rows[0]["earliest"] == "2009-01-01"
    assert rows[1]["evidence"] == EVIL
