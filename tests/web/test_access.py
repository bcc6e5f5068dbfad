"""Who may write: token, read-only, Host allow-list, same-origin writes, no cross-site simple
requests; and the CLI refusing to serve writable beyond loopback without a token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli.app import EXIT_USAGE, app
from storyline.cli.serve_cmd import is_loopback
from storyline.settings import ServiceSettings
from storyline.web import create_app
from storyline.web.guard import host_allowed, split_host

TEXT = (b" date 2024-05-20 Lakeport Ledger\nTomas Brennan resigned as chair of the Lakeport "
        b"Harbour Board on Friday, May 17, 2024, the board said.\n")  # fmt: skip
URL = "/stories/default/articles"
PLAIN = {"content-type": "text/plain"}
JSON_BODY = b'{"text": "Tomas Brennan resigned as chair of the Lakeport Harbour Board."}'


def client(tmp_path, **service) -> TestClient:
    app_ = create_app(tmp_path / "s.db", service=ServiceSettings(**service))
    return TestClient(app_, base_url="http://localhost")


def stored(c: TestClient) -> int:
    return c.get("/stories").json()[0]["articles"]


def test_writes_need_the_token_when_one_is_configured(tmp_path):
    c = client(tmp_path, token="s3cret-token")
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": "Basic s3cret-token"},
                    {"authorization": "Bearer s3cret-token-and-more"}):  # fmt: skip
        r = c.post(URL, content=TEXT, headers=PLAIN | headers)
        assert r.status_code == 401, (headers, r.text)
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in r.json()["detail"]
    assert stored(c) == 0
    ok = c.post(URL, content=TEXT, headers=PLAIN | {"authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200, ok.text
    assert len(ok.json()["added"]) == 1 and stored(c) == 1
    assert c.get("/stories/default/timeline").status_code == 200  # reads need no token


def test_an_empty_token_is_refused(tmp_path):
    with pytest.raises(ValueError, match="empty token"):
        client(tmp_path, token=" ")


def test_read_only_refuses_every_write(tmp_path):
    c = client(tmp_path, read_only=True, token="t")
    for headers in ({}, {"authorization": "Bearer t", "x-requested-with": "x"}):
        r = c.post(URL, content=JSON_BODY, headers={"content-type": "application/json"} | headers)
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert c.put(URL, content=b"x").status_code == 403
    assert stored(c) == 0 and c.get("/stories").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example", "content-type": "application/json"},
        {"origin": "null", "content-type": "application/json"},
        {"origin": "http://localhost.evil.example", "content-type": "application/json"},
        {"sec-fetch-site": "cross-site", "content-type": "application/json"},
        {"sec-fetch-site": "same-site", "content-type": "application/json"},
        # what a no-cors fetch or a <form> from another page sends: a simple content type
        {"content-type": "text/plain"},
        {"content-type": "text/plain;charset=UTF-8"},
        {"content-type": "application/x-www-form-urlencoded"},
        {"content-type": "multipart/form-data; boundary=x"},
        {},
    ],
)
def test_cross_site_writes_are_refused(tmp_path, headers):
    c = client(tmp_path)
    r = c.post(URL, content=JSON_BODY if "json" in str(headers) else TEXT, headers=headers)
    assert r.status_code == 403, r.text
    assert "cross-site" in r.json()["detail"] or "X-Requested-With" in r.json()["detail"]
    assert stored(c) == 0


def test_the_token_refuses_cross_site_pages_even_with_it(tmp_path):
    c = client(tmp_path, token="t")
    r = c.post(URL, content=TEXT, headers=PLAIN | {"authorization": "Bearer t",
                                                   "origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403 and stored(c) == 0


def test_same_origin_and_non_browser_writes_are_accepted(tmp_path):
    c = client(tmp_path, allowed_origins=["https://news.example.org"])
    same = c.post(URL, content=JSON_BODY, headers={"content-type": "application/json",
                                                   "origin": "http://localhost",
                                                   "sec-fetch-site": "same-origin"})  # fmt: skip
    assert same.status_code == 200, same.text
    allowed = c.post(URL, params={"filename": "b.txt"}, content=TEXT,
                     headers=PLAIN | {"origin": "https://news.example.org",
                                      "x-requested-with": "fetch"})  # fmt: skip
    assert allowed.status_code == 200, allowed.text
    # what the /docs page (same origin) sends: a form without any custom header
    docs_page = c.post(URL, files={"files": ("c.txt", TEXT.replace(b"Friday", b"Monday"),
                                             "text/plain")},
                       headers={"origin": "http://localhost"})  # fmt: skip
    assert docs_page.status_code == 200, docs_page.text
    curl = c.post(URL, params={"filename": "d.txt"}, content=TEXT.replace(b"Friday", b"Sunday"),
                  headers=PLAIN | {"x-requested-with": "curl"})  # fmt: skip
    assert curl.status_code == 200, curl.text
    assert stored(c) == 4


@pytest.mark.parametrize("host", ["attacker.example", "testserver", "localhost.attacker.example",
                                  "127.0.0.2", "", "[::2]:80"])  # fmt: skip
def test_host_not_allowed_is_refused_for_reads_and_writes(tmp_path, host):
    c = client(tmp_path)
    r = c.get("/stories", headers={"host": host})
    assert r.status_code == 400 and "allow-host" in r.json()["detail"], r.text
    w = c.post(URL, content=JSON_BODY,
               headers={"host": host, "content-type": "application/json"})  # fmt: skip
    assert w.status_code == 400


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1:9",
                                  "[::1]:8000", "[::1]"])  # fmt: skip
def test_loopback_hosts_are_accepted(tmp_path, host):
    c = client(tmp_path)
    assert c.get("/stories", headers={"host": host}).status_code == 200


def test_allow_list_entries():
    assert split_host("[::1]:8000") == "::1" and split_host("Example.ORG.:443") == "example.org"
    assert host_allowed("news.example.org", ["*.example.org"])
    assert not host_allowed("example.org.evil", ["*.example.org"])
    assert not host_allowed("evilexample.org", ["*.example.org"])
    assert host_allowed("anything", ["*"]) and host_allowed("::1", ["[::1]"])
    assert is_loopback("127.0.0.1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("news.example.org")


runner = CliRunner()


def test_serve_refuses_writable_beyond_loopback_without_a_token(tmp_path, monkeypatch):
    # importing serve_cmd registered the command (no _register: other modules need not import)
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: ran.append(k))
    store = str(tmp_path / "s.db")
    for extra in (["--host", "0.0.0.0"], ["--allow-host", "news.example.org"]):
        r = runner.invoke(app, ["serve", "--store", store, *extra])
        assert r.exit_code == EXIT_USAGE, r.output
        assert "STORYLINE_TOKEN" in r.output and "--read-only" in r.output
    assert ran == []
    ok = runner.invoke(app, ["serve", "--store", store, "--host", "0.0.0.0", "--read-only"])
    assert ok.exit_code == 0, ok.output
    monkeypatch.setenv("STORYLINE_TOKEN", "t")
    ok = runner.invoke(app, ["serve", "--store", store, "--host", "0.0.0.0"])
    assert ok.exit_code == 0, ok.output
    assert [k["host"] for k in ran] == ["0.0.0.0", "0.0.0.0"]
    monkeypatch.delenv("STORYLINE_TOKEN")
    local = runner.invoke(app, ["serve", "--store", store])  # loopback: writable without one
    assert local.exit_code == 0 and "no token" in local.output
    assert [k["host"] for k in ran] == ["0.0.0.0", "0.0.0.0", "127.0.0.1"]
