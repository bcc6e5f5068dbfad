"""The web service over a store of several stories: /stories lists them, each is served."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from storyline import api
from storyline.model import to_dict
from storyline.web import create_app

LOCAL = {"base_url": "http://localhost", "headers": {"X-Requested-With": "pytest"}}


@pytest.fixture
def store(feed_store, tmp_path):
    dest = tmp_path / "feed.db"
    shutil.copy(feed_store, dest)
    return dest


def test_stories_lists_the_whole_store_then_each_story(store) -> None:
    client = TestClient(create_app(store), **LOCAL)
    listed = client.get("/stories").json()
    assert [s["id"] for s in listed] == ["default", "s1", "s2", "s3"]
    assert listed[0]["articles"] == 8 and listed[0]["stories"] == ["s1", "s2", "s3"]
    assert [s["articles"] for s in listed[1:]] == [3, 3, 2]
    assert listed[3]["title"] == "Lumora Systems admits data breach affecting customer accounts"


def test_each_story_is_served_on_its_own(store) -> None:
    client = TestClient(create_app(store), **LOCAL)
    s3 = client.get("/stories/s3/story.json").json()
    assert s3 == to_dict(api.load_story(store, "s3"))
    assert len(s3["articles"]) == 2
    rows = client.get("/stories/s3/timeline").json()
    assert rows == api.timeline(api.load_story(store, "s3"))
    names = {e["name"] for e in client.get("/stories/s2/entities").json()}
    assert "Ilse Marrick" in names and "Renata Osk" not in names
    assert client.get("/stories/s1/report.html").status_code == 200
    whole = client.get("/stories/default/story.json").json()
    assert len(whole["articles"]) == 8  # built on demand
    missing = client.get("/stories/s9/timeline")
    assert missing.status_code == 404 and "no story 's9'" in missing.json()["detail"]
    upload = client.post("/stories/s9/articles", content=b"text",
                         headers={"content-type": "text/plain"})  # fmt: skip
    assert upload.status_code == 404


def test_default_can_stand_for_one_story(store) -> None:
    client = TestClient(create_app(store, default_story="s2"), **LOCAL)
    assert client.get("/stories/default/story.json").json() == to_dict(api.load_story(store, "s2"))


def test_an_upload_to_a_story_joins_the_store_and_rebuilds_that_story(store) -> None:
    client = TestClient(create_app(store), **LOCAL)
    text = (" date 2024-03-08 Tech Ledger\nLumora Systems fined over the data breach\n\n"
            "The regulator fined Lumora Systems on Friday for the breach of customer "
            "passwords, chief executive Renata Osk said.\n")  # fmt: skip
    r = client.post("/stories/s3/articles", params={"filename": "fine.txt"},
                    content=text.encode(), headers={"content-type": "text/plain"})  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["stories"] == ["s3"]
    assert len(client.get("/stories/s3/articles").json()) == 3
