"""The FastAPI service through TestClient: uploads, reads, limits and errors."""

from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app

NEW = (" date 2024-05-20 Lakeport Ledger\nTomas Brennan resigned as chair of the Lakeport "
       "Harbour Board on Friday, May 17, 2024, the board said.\n")  # fmt: skip
# A loopback Host (the default allow-list) and the header a browser never sends cross-site unasked.
LOCAL = {"base_url": "http://localhost", "headers": {"X-Requested-With": "pytest"}}


@pytest.fixture
def client(frontdoor_store, tmp_path):
    dest = tmp_path / "story.db"
    shutil.copy(frontdoor_store, dest)
    return TestClient(create_app(dest, max_upload_bytes=20_000), **LOCAL)


@pytest.fixture
def empty(tmp_path):
    return TestClient(create_app(tmp_path / "new.db", max_upload_bytes=20_000), **LOCAL)


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/stories", "/stories/{story_id}/articles", "/stories/{story_id}/timeline",
              "/stories/{story_id}/state", "/stories/{story_id}/report.html"):  # fmt: skip
        assert p in paths
    upload = paths["/stories/{story_id}/articles"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload and "text/plain" in upload
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/stories/{story_id}/articles"]["post"]["security"]


def test_one_store_holds_one_story(client):
    (story,) = client.get("/stories").json()
    assert story["id"] == "default" and story["articles"] == 5 and story["events"] > 0
    assert client.get("/stories/other/timeline").status_code == 404


def test_timeline_entities_events_with_evidence(client):
    rows = client.get("/stories/default/timeline").json()
    assert rows and {"id", "time", "status", "evidence", "salient", "salience"} <= set(rows[0])
    main = client.get("/stories/default/timeline", params={"minor": "false"}).json()
    assert main == [r for r in rows if r["salient"]] and len(main) < len(rows)
    names = {e["name"] for e in client.get("/stories/default/entities").json()}
    assert {"Ada Brennan", "Tomas Brennan"} <= names
    events = client.get("/stories/default/events", params={"type": "married"}).json()
    (married,) = events
    assert married["contradictions"] and married["mentions"]
    m = married["mentions"][0]
    raw = {a["id"]: a for a in client.get("/stories/default/articles").json()}
    assert m["article"] in raw and m["outlet"] and m["certainty"]
    one = client.get(f"/stories/default/events/{married['id']}").json()
    assert one["id"] == married["id"]
    assert client.get("/stories/default/events/nope").status_code == 404
    assert client.get("/stories/default/events", params={"entity": "Nobody"}).status_code == 404


def test_state_at_a_date(client):
    states = client.get("/stories/default/state",
                        params={"entity": "Ada Brennan", "at": "2020-01-01"}).json()  # fmt: skip
    assert any(s["predicate"] == "married" for s in states)
    bad = client.get("/stories/default/state", params={"entity": "Ada Brennan", "at": "soon"})
    assert bad.status_code == 422 and "YYYY" in bad.json()["detail"]
    assert client.get("/stories/default/state", params={"at": "2020"}).status_code == 422
    who = client.get("/stories/default/state", params={"entity": "Nobody", "at": "2020"})
    assert who.status_code == 404


def test_report_and_story_json(client):
    html = client.get("/stories/default/report.html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert 'id="story-data"' in html.text
    assert client.get("/stories/default/story.json").json()["schema"] == "storyline/1"


def test_raw_text_upload_adds_an_article_and_rebuilds(client):
    r = client.post("/stories/default/articles", params={"filename": "resign.txt"},
                    content=NEW.encode(), headers={"content-type": "text/plain"})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["added"]) == 1 and body["story_rebuilt"]
    paths = [a["path"] for a in client.get("/stories/default/articles").json()]
    assert "upload:resign.txt" in paths
    again = client.post("/stories/default/articles", content=NEW.encode(),
                        headers={"content-type": "text/plain"}).json()  # fmt: skip
    assert again["added"] == [] and again["unchanged"] == body["added"]


def test_multipart_upload_of_html_and_jsonl(empty, frontdoor_corpus):
    files = [
        ("files", ("post.html", (frontdoor_corpus / "02-river-post.html").read_bytes(),
                   "text/html")),
        ("files", ("wire.jsonl", (frontdoor_corpus / "03-lake-wire.jsonl").read_bytes(),
                   "application/octet-stream")),
    ]  # fmt: skip
    r = empty.post("/stories/default/articles", files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["added"]) == 2
    assert {s["path"] for s in body["skipped"]} == {"upload:wire.jsonl#2", "upload:wire.jsonl#3"}
    assert empty.get("/stories").json()[0]["events"] > 0


def test_json_body_upload(empty):
    record = {"text": NEW.split("\n", 1)[1], "outlet": "Lake Wire", "published": "2024-05-18"}
    r = empty.post("/stories/default/articles", content=json.dumps(record),
                   headers={"content-type": "application/json"})  # fmt: skip
    assert r.status_code == 200, r.text
    (art,) = empty.get("/stories/default/articles").json()
    assert art["outlet"] == "Lake Wire" and art["published"]["value"] == "2024-05-18"


def test_bad_uploads_get_clear_4xx(empty):
    big = b"x " * 20_000
    too_big = empty.post("/stories/default/articles", content=big,
                         headers={"content-type": "text/plain"})  # fmt: skip
    assert too_big.status_code == 413 and "larger than" in too_big.json()["detail"]
    blank = empty.post("/stories/default/articles", content=b"  ",
                       headers={"content-type": "text/plain"})  # fmt: skip
    assert blank.status_code == 400
    pdf = empty.post("/stories/default/articles", content=b"%PDF-1.4",
                     headers={"content-type": "application/pdf"})  # fmt: skip
    assert pdf.status_code == 415
    binary = empty.post(
        "/stories/default/articles",
        params={"filename": "scan.txt"},
        content=bytes(range(256)) * 4,
        headers={"content-type": "text/plain"},
    )
    assert binary.status_code == 400
    assert "upload:scan.txt" in json.dumps(binary.json())  # says which input and why
    no_file = empty.post("/stories/default/articles", data={"note": "hi"},
                         files={"x": ("", b"", "text/plain")})  # fmt: skip
    assert no_file.status_code in (400, 415)


def test_empty_store_has_no_story_yet(empty):
    r = empty.get("/stories/default/timeline")
    assert r.status_code == 404 and "upload" in r.json()["detail"]
    assert empty.get("/stories").json()[0]["articles"] == 0
