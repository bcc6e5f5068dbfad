"""Reading inputs: folders, formats, encodings, stable ids, and every skip case with a reason."""

from __future__ import annotations

import hashlib
import json

import pytest
from ingest_helpers import read_one, write

from storyline.ingest.read import read_articles
from storyline.settings import Settings

ENGLISH = (
    "Councillor Ada Brenner opened the new ferry terminal in Kestrel Bay on Monday. "
    "It was two years later than planned, and the cost had doubled, the council said.\n"
)


def test_folder_is_walked_recursively_and_sorted(tmp_path) -> None:
    write(tmp_path, "b.txt", ENGLISH)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.txt", ENGLISH.replace("Monday", "Tuesday"))
    write(tmp_path, ".hidden.txt", ENGLISH)
    arts = read_articles([str(tmp_path)], Settings())
    read = [a.path for a in arts if a.status == "ok"]
    assert read == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]
    # the hidden file is listed with its reason, not dropped silently
    assert [(a.path, a.problem) for a in arts if a.status == "skipped"] == [
        (str(tmp_path / ".hidden.txt"), "hidden (name starts with '.')")]


def test_stable_id_is_hash_of_raw(tmp_path) -> None:
    art = read_one(tmp_path, "a.txt", ENGLISH)
    assert art.id == "a" + hashlib.sha256(ENGLISH.encode()).hexdigest()[:10]


def test_identical_files_get_distinct_ids(tmp_path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "b.txt", ENGLISH)
    arts = read_articles([str(tmp_path)], Settings())
    assert len({a.id for a in arts}) == 2
    assert arts[1].status == "duplicate" and arts[1].duplicate_of == arts[0].id


def test_jsonl_records(tmp_path) -> None:
    recs = [
        {"text": ENGLISH, "url": "https://kbb.example/2024/05/14/ferry", "outlet": "KBB",
         "title": "Ferry opens", "published": "2024-05-14T08:00:00Z"},
        {"text": ENGLISH.replace("Monday", "Friday"), "url": "https://kbb.example/2024/05/17/x"},
        {"url": "https://kbb.example/no-text"},
    ]  # fmt: skip
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in recs) + "\nnot json\n")
    arts = read_articles([str(path)], Settings())
    assert [a.path for a in arts] == [f"{path}#{n}" for n in (1, 2, 3, 4)]
    first, second, third, fourth = arts
    assert first.raw == ENGLISH and first.format == "json"
    assert first.id == "a" + hashlib.sha256(ENGLISH.encode()).hexdigest()[:10]
    assert (first.outlet, first.outlet_method, first.title) == ("KBB", "json", "Ferry opens")
    assert (first.published.value, first.published.method) == ("2024-05-14", "json")
    assert (second.outlet, second.outlet_method) == ("kbb.example", "url")
    assert (second.published.value, second.published.method) == ("2024-05-17", "url")
    assert third.status == "skipped" and "no 'text'" in third.problem
    assert fourth.status == "skipped" and "invalid JSON" in fourth.problem


def test_json_list(tmp_path) -> None:
    path = write(tmp_path, "items.json", json.dumps([{"text": ENGLISH}, {"text": ENGLISH + "x"}]))
    arts = read_articles([str(path)], Settings())
    assert [a.path for a in arts] == [f"{path}#1", f"{path}#2"]


def test_cp1252_file_is_decoded(tmp_path) -> None:
    text = (
        "Caf\u00e9 owners in Kestrel Bay said the ferry \u2018changed everything\u2019. " + ENGLISH
    )
    art = read_one(tmp_path, "a.txt", text.encode("cp1252"))
    assert art.status == "ok"
    assert "Caf\u00e9" in art.raw


def test_skip_cases_have_reasons(tmp_path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "  \n\n ")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    write(tmp_path, "big.txt", ENGLISH * 20)
    write(
        tmp_path,
        "fr.txt",
        "La maire de Kestrel Bay a inauguré le nouveau terminal du ferry "
        "lundi, avec deux ans de retard. Le conseil dit que le coût a doublé pour la ville.\n",
    )
    write(tmp_path, "notes.md", ENGLISH)
    write(tmp_path, "only-furniture.txt", "Close this search box.\n\nView this post on Instagram\n")
    missing = str(tmp_path / "missing.txt")
    arts = read_articles([str(tmp_path), missing], Settings(max_bytes=1000))
    problems = {a.path.rsplit("/", 1)[-1]: (a.status, a.problem) for a in arts}
    assert problems == {
        "big.txt": ("skipped", f"too large: {len(ENGLISH * 20)} bytes (limit 1000)"),
        "binary.txt": ("skipped", "binary file (not text)"),
        "blank.txt": ("skipped", "empty file"),
        "empty.txt": ("skipped", "empty file"),
        "fr.txt": ("skipped", problems["fr.txt"][1]),
        "notes.md": ("skipped", "not an article file type (.md)"),
        "only-furniture.txt": ("skipped", "no article text left after removing page furniture"),
        "missing.txt": ("skipped", "no such file or folder"),
    }
    assert problems["fr.txt"][1].startswith("not English (looks like fr")
    assert len({a.id for a in arts}) == len(arts)


def test_explicit_file_with_unknown_suffix_is_sniffed(tmp_path) -> None:
    art = read_one(tmp_path, "page.htm.bak", "<html><body><p>" + ENGLISH + "</p></body></html>")
    assert art.format == "html" and art.status == "ok"


def test_html_saved_as_txt_is_read_as_html(tmp_path) -> None:
    page = "<!DOCTYPE html><html><body><nav>Home</nav><p>" + ENGLISH + "</p></body></html>"
    art = read_one(tmp_path, "saved.txt", page)
    assert art.format == "html"
    assert "<p>" not in art.content and "Councillor Ada Brenner" in art.content


def test_unreadable_file_is_skipped_with_the_os_reason(tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "locked.txt", ENGLISH)
    real = type(path).open

    def deny(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", deny)  # the reader opens and reads a bounded amount
    write(tmp_path, "ok.txt", ENGLISH)
    arts = read_articles([str(tmp_path)], Settings())
    assert [(a.path.rsplit("/", 1)[-1], a.status, a.problem) for a in arts] == [
        ("locked.txt", "skipped", "unreadable: Permission denied"),
        ("ok.txt", "ok", None),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_or_without_bom_are_decoded(tmp_path, encoding: str) -> None:
    text = "Caf\u00e9 owners said the ferry \u2018changed everything\u2019. " + ENGLISH
    art = read_one(tmp_path, "a.txt", text.encode(encoding))
    assert art.status == "ok" and art.raw == text


def test_json_dates_as_month_year_or_unix_time(tmp_path) -> None:
    recs = [
        {"text": ENGLISH, "published": "2024-05"},
        {"text": ENGLISH + " More.", "date": "2023"},
        {"text": ENGLISH + " Again.", "published": 1715673600},  # 2024-05-14T08:00:00Z
        {"text": ENGLISH + " Later.", "published": 1715673600000},  # the same in milliseconds
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in recs))
    pubs = [a.published for a in read_articles([str(path)], Settings())]
    assert [(p.value, p.earliest.isoformat(), p.latest.isoformat(), p.method) for p in pubs] == [
        ("2024-05", "2024-05-01", "2024-05-31", "json"),
        ("2023", "2023-01-01", "2023-12-31", "json"),
        ("2024-05-14", "2024-05-14", "2024-05-14", "json"),
        ("2024-05-14", "2024-05-14", "2024-05-14", "json"),
    ]
