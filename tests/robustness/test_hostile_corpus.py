"""A hostile folder, generated here, built once by the real CLI in a subprocess (so a hang is
a timeout, not a stuck test run): every bad item is listed with its reason, the good articles
all make it into story.json, and the build exits 0."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "good-a.txt": " date 2024-02-23 Ostvik Post\nThe mayor of Ostvik, Dana Whitlock, said on "
                  "Monday that the new harbour bridge will open in May.\n",
    "good-b.txt": " date 2024-02-24 Fjord Daily\nCouncillor Ada Brenner resigned on Friday after "
                  "a vote on the harbour budget, officials said.\n",
}
# "Portman, 42, in Paris.": an age with no verb above it made quantities._verb_of loop forever.
AGE_NO_VERB = " date 2024-03-01 Ostvik Post\nNatalie Portman, 42, in Paris.\n"
LATIN1 = (" date 2024-03-02 Ostvik Post\nThe mayor, José Núñez, told reporters on Monday that "
          "the new bridge would open in May. Núñez said it cost more than expected.\n")
HOSTILE_HTML = (" date 2024-03-03 Ostvik Post\nThe harbour master <script>alert(1)</script> "
                "resigned on Tuesday, officials said.\n")
HOSTILE_OUTLET = "Fjord Daily ![img](http://x/y.png) [click](javascript:alert(2))"
RECORDS = [
    {"text": "The Ostvik ferry strike ended on Wednesday, the union said.",
     "published": "2024-03-04", "outlet": HOSTILE_OUTLET},
    {"text": "Bad \ud800 record about the Ostvik ferry.", "published": "2024-03-04"},
    {"text": "The Ostvik ferry resumed service on Thursday, the operator said.",
     "published": "2024-03-05", "outlet": "Fjord Daily"},
]
BAD_NAME = b"caf\xe9-report.txt"  # not valid UTF-8


def _write_corpus(root: Path) -> Path:
    corpus = root / "in"
    corpus.mkdir()
    for name, text in GOOD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "age.txt").write_text(AGE_NO_VERB, encoding="utf-8")
    (corpus / "latin1.txt").write_bytes(LATIN1.encode("cp1252"))
    (corpus / "hostile.txt").write_text(HOSTILE_HTML, encoding="utf-8")
    (corpus / "far.txt").write_text(GOOD["good-a.txt"].replace("2024-02-23", "9999-12-31")
                                    .replace("harbour bridge", "ferry pier"), encoding="utf-8")
    (corpus / "old.txt").write_text(GOOD["good-b.txt"].replace("2024-02-24", "0001-01-01")
                                    .replace("harbour budget", "ferry budget"), encoding="utf-8")
    lines = [json.dumps(r) for r in RECORDS]  # json.dumps writes the lone surrogate as \ud800
    (corpus / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # reading it would block forever
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "dangling.txt").symlink_to("missing.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "inner.txt").write_text(GOOD["good-b.txt"].replace("Friday", "Sunday")
                                              .replace("Ada Brenner", "Ola Lind"), "utf-8")
    (corpus / "linked-folder").symlink_to("sub")
    (corpus / ".hidden.txt").write_text(GOOD["good-a.txt"], encoding="utf-8")
    bad = os.path.join(os.fsencode(corpus), BAD_NAME)
    with open(bad, "wb") as f:
        f.write(GOOD["good-a.txt"].replace("harbour bridge", "concert hall").encode())
    return corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    corpus = _write_corpus(root)
    out = root / "out"
    cmd = [sys.executable, "-c", "from storyline.cli.app import main; main()",
           "build", str(corpus), "--out", str(out), "/dev/zero"]
    proc = subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    story = json.loads((out / "story.json").read_text()) if (out / "story.json").exists() else {}
    return {"proc": proc, "stderr": proc.stderr.decode("utf-8", "replace"), "story": story,
            "corpus": corpus, "out": out,
            "by_path": {a["path"]: a for a in story.get("articles", [])}}


def _article(built: dict, name: str) -> dict:
    path = name if name.startswith("/") else str(built["corpus"] / name)
    assert path in built["by_path"], f"{path} missing from story.json: {sorted(built['by_path'])}"
    return built["by_path"][path]


def test_build_exits_0_and_every_good_article_is_used(built) -> None:
    assert built["proc"].returncode == 0, built["stderr"][-3000:]
    for name in [*GOOD, "age.txt", "latin1.txt", "hostile.txt", "sub/inner.txt"]:
        assert _article(built, name)["status"] in ("ok", "duplicate"), name


def test_age_with_no_verb_above_it_is_analysed(built) -> None:
    assert _article(built, "age.txt")["status"] == "ok"


@pytest.mark.parametrize(("name", "problem"), [
    ("pipe.txt", "not a regular file (a FIFO)"),
    ("loop.txt", "symbolic link loop"),
    ("dangling.txt", "dangling symbolic link (its target does not exist)"),
    ("linked-folder", "symbolic link to a folder (not followed: it could loop)"),
    (".hidden.txt", "hidden (name starts with '.')"),
    ("/dev/zero", "not a regular file (a device)"),
])
def test_unread_paths_are_listed_with_their_reason(built, name, problem) -> None:
    art = _article(built, name)
    assert (art["status"], art["problem"]) == ("skipped", problem)
    assert f"{Path(name).name if not name.startswith('/') else name}: {problem}" in built["stderr"]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(built) -> None:
    art = _article(built, "caf\\xe9-report.txt")
    assert art["status"] == "ok"
    assert art["path"] == str(built["corpus"] / "caf\\xe9-report.txt")


def test_dates_off_the_calendar_are_refused_with_a_reason(built) -> None:
    for name, day in (("far.txt", "9999-12-31"), ("old.txt", "0001-01-01")):
        art = _article(built, name)
        assert art["status"] == "ok"
        # dated otherwise, if at all (from its text or the story: story/dating.py), never by it
        assert day[:4] not in art["published"]["value"]
        assert art["published"]["reason"].startswith(
            f"header line 'date {day} ")
        assert f"gives {day}, outside the years 1000-2999: not used" in art["published"]["reason"]


def test_a_lone_surrogate_drops_only_its_record(built) -> None:
    base = str(built["corpus"] / "records.jsonl")
    assert _article(built, base + "#1")["status"] == "ok"
    assert _article(built, base + "#3")["status"] == "ok"
    bad = _article(built, base + "#2")
    assert bad["status"] == "skipped"
    assert bad["problem"] == ("record's 'text' field holds a lone UTF-16 surrogate "
                              "(not valid Unicode text)")


def test_latin1_text_is_decoded_as_latin1(built) -> None:
    art = _article(built, "latin1.txt")
    entities = {e["name"] for e in built["story"]["entities"]}
    assert "José Núñez" in entities, sorted(entities)
    assert "Josķ" not in json.dumps(built["story"], ensure_ascii=False)
    assert art["status"] == "ok"


def test_story_md_carries_no_raw_html_or_links_from_articles(built) -> None:
    md = (built["out"] / "story.md").read_text()
    assert "harbour master &lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "<script" not in md
    assert not re.search(r"(?<!\\)\]\(", md)  # no link or image syntax left
    assert "| Fjord Daily ![img\\](http://x/y.png) [click\\](javascript:alert(2)) |" in md
