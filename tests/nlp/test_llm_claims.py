"""The optional "llm_claims" component against a fake OpenAI-compatible server on loopback.

The server answers with canned replies built from the numbered sentences it receives, so the
tests check what storyline does with a reply: grounding, mapping, merging and falling back.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from storyline.ingest.read import read_articles
from storyline.model import Article, ArticleAnalysis
from storyline.nlp.llm import reset_llm_stats
from storyline.nlp.llm.schema import parse_reply
from storyline.nlp.pipeline import analyze_doc
from storyline.settings import Settings

ARTICLE = """\
 date 2025-06-02 Harbour Gazette
Lighthouse keeper and painter wed on remote island

June 2, 2025

Marta Olsen married the painter Jonas Reid on Saturday in a small ceremony on Skerry Island.

The pair first crossed paths at a gallery opening in Bergen in 2019.

Reid's brother Callum said the newlyweds would spend the winter restoring the old cottage.
"""

Reply = Callable[[dict], tuple[int, str]]  # request body -> (HTTP status, response body)


@dataclass
class FakeServer:
    """A chat-completions endpoint on 127.0.0.1 whose answer the test sets."""

    url: str
    reply: Reply | None = None
    requests: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    fake = FakeServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.requests.append(body)
            fake.headers.append(dict(self.headers))
            status, text = fake.reply(body) if fake.reply else (500, "no reply set")
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    yield fake
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh(server):
    server.reply, server.requests[:], server.headers[:] = None, [], []
    yield reset_llm_stats()


@pytest.fixture(scope="module")
def parsed(nlp, tmp_path_factory) -> tuple[Article, object]:
    path = tmp_path_factory.mktemp("llm") / "wedding.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (article,) = read_articles([str(path)], Settings())
    return article, nlp(article.content)


def completion(content: str) -> str:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})


def numbered(body: dict) -> dict[int, str]:
    """{sentence number: text} as the request showed them to the model."""
    user = body["messages"][-1]["content"]
    return {int(m[1]): m[2] for m in re.finditer(r"^\[(\d+)\] (.*)$", user, re.MULTILINE)}


def claims_reply(*claims: tuple[str, dict]) -> Reply:
    """A reply stating each (phrase, claim) for the sentence containing `phrase`, if sent."""

    def reply(body: dict) -> tuple[int, str]:
        out = []
        for phrase, claim in claims:
            for n, text in numbered(body).items():
                if phrase in text:
                    out.append({"sentence": n, **claim})
        return 200, completion(json.dumps({"claims": out}))

    return reply


def run(parsed, **llm) -> ArticleAnalysis:
    article, doc = parsed
    return analyze_doc(doc, article, Settings(**llm))


def names(analysis: ArticleAnalysis, ids: list[str]) -> list[str]:
    by_id = {e.id: e.name for e in analysis.entities}
    return [by_id[i] for i in ids]


RELOCATION = {
    "type": "relocated", "predicate": "spend the winter",
    "participants": ["Marta Olsen", "Jonas Reid"], "time_text": "the winter",
    "place": "the old cottage", "source": {"kind": "named_person", "name": "Callum"},
    "certainty": "reported", "evidence": "would spend the winter restoring the old cottage",
}


def test_grounded_claim_becomes_a_claim_with_exact_span_entities_and_time(server, parsed, fresh):
    server.reply = claims_reply(("restoring", RELOCATION))
    analysis = run(parsed, llm_url=server.url, llm_mode="replace")
    article, _ = parsed
    (claim,) = analysis.claims
    assert claim.type == "relocated" and claim.id == f"{article.id}:c1"
    m = claim.mention
    assert article.raw[m.start:m.end] == m.text and m.text.startswith("Reid's brother Callum")
    assert RELOCATION["evidence"] in m.text
    assert names(analysis, claim.participants) == ["Marta Olsen", "Jonas Reid"]
    assert claim.time_text == "the winter" and claim.time is not None
    assert claim.time.value == next(t.value for t in analysis.timexes if t.text == "the winter")
    assert claim.place == "the old cottage"
    assert (m.source.kind, m.source.name, m.source.via) == (
        "named_person", "Callum", ["Harbour Gazette"])
    assert m.certainty == "reported"
    assert fresh.claims_kept == 1 and fresh.fallbacks == 0


def test_request_carries_date_names_sentences_and_key(server, parsed):
    server.reply = claims_reply()
    run(parsed, llm_url=server.url, llm_model="tiny-model", llm_api_key="sekrit")
    (body,) = server.requests
    assert body["model"] == "tiny-model" and body["temperature"] == 0
    user = body["messages"][-1]["content"]
    assert "2025-06-02" in user and '"Jonas Reid"' in user and "Harbour Gazette" not in user
    assert any(t.startswith("Marta Olsen married") for t in numbered(body).values())
    assert server.headers[0]["Authorization"] == "Bearer sekrit"


def test_ungrounded_evidence_is_dropped_and_counted(server, parsed, fresh):
    invented = {**RELOCATION, "evidence": "they moved to the cottage in the autumn"}
    server.reply = claims_reply(("restoring", invented))
    analysis = run(parsed, llm_url=server.url, llm_mode="replace")
    assert analysis.claims == [] and fresh.ungrounded == 1 and fresh.fallbacks == 0


def test_unknown_type_or_certainty_is_dropped_as_invalid(server, parsed, fresh):
    server.reply = claims_reply(("restoring", {**RELOCATION, "type": "renovated"}),
                                ("restoring", {**RELOCATION, "certainty": "probably"}))
    analysis = run(parsed, llm_url=server.url, llm_mode="replace")
    assert analysis.claims == [] and fresh.invalid == 2


def test_time_and_place_not_in_the_sentence_are_left_out(server, parsed):
    made_up = {**RELOCATION, "time_text": "2026-01", "place": "Oslo"}
    server.reply = claims_reply(("restoring", made_up))
    (claim,) = run(parsed, llm_url=server.url, llm_mode="replace").claims
    assert claim.time is None and claim.time_text is None and claim.place is None


@pytest.mark.parametrize("content", ["not json at all", '{"events": []}', "[1, 2"])
def test_malformed_reply_keeps_rule_claims(server, parsed, fresh, content):
    rules = run(parsed).claims
    server.reply = lambda body: (200, completion(content))
    analysis = run(parsed, llm_url=server.url, llm_mode="replace")
    assert analysis.claims == rules and rules
    assert fresh.fallbacks == 1 and "kept rule-based claims" in fresh.warnings[0]


def test_server_down_keeps_rule_claims_with_a_warning(parsed, fresh, caplog):
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rules = run(parsed).claims
    analysis = run(parsed, llm_url=f"http://127.0.0.1:{port}/v1", llm_timeout=5)
    assert analysis.claims == rules
    assert fresh.fallbacks == 1 and "cannot reach" in fresh.warnings[0]
    assert any("kept rule-based claims" in r.getMessage() for r in caplog.records)


def test_http_error_keeps_rule_claims(server, parsed, fresh):
    rules = run(parsed).claims
    server.reply = lambda body: (503, "overloaded")
    assert run(parsed, llm_url=server.url).claims == rules
    assert "HTTP 503" in fresh.warnings[0]


def test_server_rejecting_json_mode_is_asked_again_plainly(server, parsed):
    answer = claims_reply(("restoring", RELOCATION))
    server.reply = lambda b: (400, "bad response_format") if "response_format" in b else answer(b)
    analysis = run(parsed, llm_url=server.url, llm_mode="replace")
    assert [c.type for c in analysis.claims] == ["relocated"]
    assert "response_format" not in server.requests[-1]


def test_merge_adds_only_what_the_rules_missed(server, parsed, fresh):
    rules = run(parsed).claims
    married = next(c for c in rules if c.type == "married")
    same = {**RELOCATION, "type": "married", "predicate": "married", "time_text": "Saturday",
            "source": {"kind": "author"}, "certainty": "asserted", "evidence": "married"}
    server.reply = claims_reply(("Marta Olsen married", same), ("restoring", RELOCATION))
    analysis = run(parsed, llm_url=server.url)  # merge is the default
    assert analysis.claims[: len(rules)] == rules
    added = analysis.claims[len(rules):]
    assert [c.type for c in added] == ["relocated"]
    assert added[0].id.endswith(f":c{len(rules) + 1}")
    assert fresh.duplicates == 1
    assert married.mention.start == next(
        c for c in analysis.claims if c.type == "married").mention.start


def test_parse_reply_accepts_fenced_json_and_counts_bad_items():
    text = '```json\n{"claims": [{"sentence": "2", "type": "met", "evidence": "met"}, 7]}\n```'
    claims, invalid = parse_reply(text)
    assert [(c.sentence, c.type, c.certainty, c.source_kind) for c in claims] == [
        (2, "met", "asserted", "author")]
    assert invalid == 1


def test_settings_add_llm_claims_after_claims_only_with_a_url():
    assert "llm_claims" not in Settings().components
    comps = Settings(llm_url="http://127.0.0.1:9/v1").components
    assert comps[comps.index("claims") + 1] == "llm_claims"
    with pytest.raises(ValueError):
        Settings(llm_mode="both")


def test_cli_build_with_llm_url_reports_counts(server, tmp_path, monkeypatch):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wedding.txt").write_text(ARTICLE, encoding="utf-8")
    server.reply = claims_reply(("restoring", RELOCATION))
    monkeypatch.setenv("STORYLINE_LLM_API_KEY", "from-env")
    result = CliRunner().invoke(app, [
        "build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--json",
        "--llm-url", server.url, "--llm-mode", "merge",
    ])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["llm"]["claims_kept"] == 1 and summary["llm"]["fallbacks"] == 0
    assert server.headers[-1]["Authorization"] == "Bearer from-env"
    story = json.loads((tmp_path / "out" / "story.json").read_text())
    assert any(e["type"] == "relocated" for e in story["events"])


def test_cli_rejects_an_unknown_llm_mode(tmp_path):
    from storyline.cli.app import _register, app

    _register()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--llm-mode", "both"])
    assert result.exit_code == 2
