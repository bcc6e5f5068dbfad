"""HTML input: only the main text shows in content, at its raw offsets; metadata is read."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import assert_offsets_kept, read_one

PAGE = (Path(__file__).parent / "fixtures" / "bulletin.html").read_text(encoding="utf-8")


def test_html_content_is_main_text_only(tmp_path) -> None:
    art = read_one(tmp_path, "page.html", PAGE)
    assert art.format == "html" and art.status == "ok"
    assert_offsets_kept(art)
    content = " ".join(art.content.split())
    assert "Councillor Ada Brenner opened the new ferry terminal" in content
    assert "twice the first estimate" in content
    for furniture in ("<p>", "Home", "Sign up", "tracking", "console", "margin", "2024 Kestrel"):
        assert furniture not in content


def test_html_entities_show_as_characters_in_place(tmp_path) -> None:
    art = read_one(tmp_path, "page.html", PAGE)
    content = " ".join(art.content.split())
    assert "“It was worth the wait,” Brenner told the crowd" in content
    assert "fishermen & families" in content


def test_html_metadata(tmp_path) -> None:
    art = read_one(tmp_path, "page.html", PAGE)
    assert art.outlet == "Kestrel Bay Bulletin" and art.outlet_method == "html"
    assert art.title == "Ferry terminal opens after delays"
    assert art.published.value == "2024-05-14" and art.published.method == "html"


def test_html_removed_spans_are_recorded_and_merged(tmp_path) -> None:
    art = read_one(tmp_path, "page.html", PAGE)
    kinds = {r.kind for r in art.removed}
    assert "boilerplate" in kinds
    assert len(art.removed) < 15  # tags next to boilerplate merge into one span
    for r in art.removed:
        assert not art.content[r.start : r.end].strip() or "&" in art.raw[r.start : r.end]
