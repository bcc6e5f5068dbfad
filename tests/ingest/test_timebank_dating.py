"""TimeBank texts with their creation time hidden: dating must never exclude the true date."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from storyline.ingest.read import read_articles
from storyline.settings import Settings


def _creation_date(tml: str) -> date:
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})[T\"].*?</DCT>", tml, re.S)
    assert dct, "TimeBank document without a DCT"
    return date.fromisoformat(dct.group(1))


def _plain_text(tml: str) -> str:
    body = re.search(r"<TEXT>(.*?)</TEXT>", tml, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body.group(1) if body else ""))


def test_dating_never_excludes_the_creation_time(timebank_dir: Path, tmp_path) -> None:
    truth: dict[str, date] = {}
    for path in sorted(timebank_dir.glob("*.tml")):
        tml = path.read_text(encoding="utf-8")
        out = tmp_path / (path.stem + ".txt")
        out.write_text(_plain_text(tml), encoding="utf-8")
        truth[str(out)] = _creation_date(tml)
    arts = read_articles(list(truth), Settings())
    assert len(arts) == len(truth) > 100
    wrong = [
        (a.path, a.published.value, a.published.reason)
        for a in arts
        if a.published
        and a.published.earliest
        and not a.published.earliest <= truth[a.path] <= a.published.latest
    ]
    assert wrong == []
