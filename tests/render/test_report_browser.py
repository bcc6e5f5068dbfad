"""story.html of the bundled example story in Debian's headless Chromium, driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-bridge"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from storyline.api import build, write_report

    out = tmp_path_factory.mktemp("report")
    return write_report(build([str(EXAMPLE)]), out)["html"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.is_file():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (.ci/run does) to run this")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def test_click_an_event_shows_its_evidence_highlighted(report, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    bars = page.locator("#timeline g.ev")
    assert bars.count() > 3
    # An event told by several articles: click its bar on the timeline.
    target = page.locator("#timeline g.ev").filter(has_text="married").first
    event_id = target.get_attribute("data-event-id")
    target.click()
    detail = page.locator("#detail")
    assert detail.get_attribute("data-event-id") == event_id
    cards = detail.locator(".evidence")
    assert cards.count() >= 2
    first_mark = cards.first.locator("mark")
    assert first_mark.is_visible()
    assert len(first_mark.inner_text().strip()) > 10
    assert "\u2192" in cards.first.locator(".chain").inner_text()  # source chain
    assert cards.first.locator(".badge.cert").inner_text()  # certainty
    assert "selected" in (target.get_attribute("class") or "")

    # Filters: an event type narrows the timeline, contradictions are on the page.
    page.select_option("#f-type", "married")
    assert 0 < page.locator("#timeline g.ev").count() < bars.count() + 1
    page.select_option("#f-type", "")
    # Minor events are folded by default; "show all events" brings them back.
    page.check("#f-all")
    assert page.locator("#timeline g.ev").count() >= bars.count()
    page.uncheck("#f-all")
    assert page.locator("#timeline g.ev").count() == bars.count()
    assert page.locator("#contradictions .contradiction").count() >= 1
    assert page.locator("#graph g.node").count() >= 2
    page.screenshot(path=str(tmp_path / "story.png"), full_page=False)
    assert (tmp_path / "story.png").stat().st_size > 10_000
    assert errors == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
    page.close()


def test_zoom_changes_the_visible_range(report, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(report.as_uri())
    first = page.locator("#timeline .axis text").all_inner_texts()
    for _ in range(4):
        page.click("#zoom-in")
    zoomed = page.locator("#timeline .axis text").all_inner_texts()
    assert zoomed != first
    page.click("#zoom-reset")
    assert page.locator("#timeline .axis text").all_inner_texts() == first
    page.close()
