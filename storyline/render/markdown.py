"""story.md: the readable report. Timeline first (each date with the precision it has), then
what we know, what is alleged or reported, what is disputed, states over time, entities and
articles; every event shows its status, support and the exact evidence (article id and span)."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.model import Event, Mention, Story
from storyline.nlp.events.frames import frame
from storyline.story.intervals import describe, only_bound, real, yearless
from storyline.story.merge import GENERIC_TYPES
from storyline.story.state import describe_state

KNOWN = ("confirmed",)
CLAIMED = ("reported", "alleged", "speculated", "denied")
MAX_EVIDENCE = 6


# Text from articles is escaped so a Markdown renderer shows it and never runs it: raw HTML
# (<script>, <img onerror>) and entities, and link/image syntax ([x](javascript:...)).
_ESCAPES = str.maketrans({"\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;"})
# A bracket only makes a link or image as "](", "][" (reference) or "]:" (a definition);
# a plain "[Black Swan]" stays as written.
_LINK = re.compile(r"\](?=[(\[:])")


def _text(text: object) -> str:
    """Article-derived text, safe in running Markdown."""
    return _LINK.sub(r"\\]", str(text).translate(_ESCAPES))


def _cell(text: object) -> str:
    """Article-derived text, safe in a Markdown table cell."""
    return _text(text).replace("|", "\\|").replace("\n", " ")


def _who(ev: Event, names: dict[str, str]) -> str:
    return ", ".join(names.get(p, p) for p in ev.participants) or "?"


def _what(ev: Event) -> str:
    what = ev.type.replace("_", " ")
    if frame(ev.type).open and ev.predicate:
        what = ev.predicate
    if ev.place:
        what += f" ({ev.place})"
    if ev.detail:
        what += f": {ev.detail}"
    return what


def _support(ev: Event) -> str:
    return f"{ev.support.articles} / {ev.support.independent_sources}"


def _evidence_line(m: Mention) -> str:
    src = m.source.name or m.source.kind.replace("_", " ")
    if m.source.via:
        src += " via " + ", ".join(m.source.via)
    text = " ".join(m.text.split())
    return f'  - `{m.article}` [{m.start}:{m.end}] "{_cell(text)}" ({_text(src)}; {m.certainty})'


def _timeline(story: Story, names: dict[str, str]) -> list[str]:
    lines = ["## Timeline", "",
             "| When | Event | Who | Status | Articles / independent sources | Id |",
             "|---|---|---|---|---|---|"]
    folded = [e for e in story.events if not e.salient]
    shown = [e for e in story.events if e.salient]
    dated = [e for e in shown if real(e.time).bounded]
    for ev in dated:
        lines.append(f"| {_cell(describe(ev.time))} | {_cell(_what(ev))} | "
                     f"{_cell(_who(ev, names))} | {ev.status} | {_support(ev)} | {ev.id} |")
    undated = [e for e in shown if not real(e.time).bounded]
    if undated:
        lines += ["", f"Undated ({len(undated)}): "
                  + "; ".join(f"{e.id} {_text(_what(e))} ({_text(_unplaced(e))}{e.status}, "
                              f"{_support(e)})" for e in undated)]
    if folded:  # never dropped: story.json keeps them, `storyline show --all` lists them
        lines += ["", f"Folded, minor events ({len(folded)}): "
                  + "; ".join(f"{e.id} {_text(_what(e))} ({_text(e.salience)}; "
                              f"{_text(_unplaced(e))}{e.status}, {_support(e)})" for e in folded)]
    return lines + [""]


def _unplaced(ev: Event) -> str:
    """What an undated event still knows of its time: a day of unknown year, or the side of its
    article's date it lies on ("before 2024-06-04")."""
    known = ev.time is not None and (yearless(ev.time.value) or only_bound(ev.time))
    return f"{describe(ev.time)}, " if known else ""


def _event_block(ev: Event, names: dict[str, str]) -> list[str]:
    lines = [f"### {ev.id} {_text(_what(ev))}: {_text(describe(ev.time))}", "",
             f"- Who: {_text(_who(ev, names))}",
             f"- Status: **{ev.status}**; support: {ev.support.articles} article(s), "
             f"{ev.support.independent_sources} independent source(s)"]
    if ev.support.origins:
        lines.append("- Origins: " + _text("; ".join(ev.support.origins)))
    lines.append("- Evidence:")
    lines += [_evidence_line(m) for m in ev.mentions[:MAX_EVIDENCE]]
    if len(ev.mentions) > MAX_EVIDENCE:
        lines.append(f"  - ... and {len(ev.mentions) - MAX_EVIDENCE} more in story.json")
    return lines + [""]


def _section(title: str, events: list[Event], names: dict[str, str], empty: str) -> list[str]:
    lines = [f"## {title}", ""]
    if not events:
        return lines + [empty, ""]
    for ev in events:
        lines += _event_block(ev, names)
    return lines


def _disputed(story: Story) -> list[str]:
    lines = ["## What is disputed", ""]
    if not story.contradictions:
        return lines + ["No contradictions found.", ""]
    for c in story.contradictions:
        lines += [f"### {c.id} {c.kind.replace('_', ' ')}", "", _text(c.explanation), ""]
        for side in c.sides:
            lines.append(f"- {_text(side.claim)}")
            lines += [_evidence_line(m) for m in side.evidence[:MAX_EVIDENCE]]
        lines.append("")
    return lines


def _states(story: Story, names: dict[str, str]) -> list[str]:
    lines = ["## State over time", ""]
    if not story.states:
        return lines + ["No relationship or role states could be placed in time.", ""]
    lines += [f"- {s.id} {_text(describe_state(s, names))}" for s in story.states]
    return lines + [""]


def _entities(story: Story) -> list[str]:
    lines = ["## Entities", "", "| Id | Name | Type | Born | Also called |",
             "|---|---|---|---|---|"]
    birth = {f.subject: f for f in story.facts if f.attribute == "birth"}
    for e in story.entities:
        born = e.birth or (birth[e.id].value if e.id in birth else None)
        aliases = _cell(", ".join(e.aliases[:6]))
        lines.append(f"| {e.id} | {_cell(e.name)} | {e.type} | "
                     f"{_cell(describe(born)) if born else ''} | {aliases} |")
    return lines + [""]


def _articles(story: Story) -> list[str]:
    lines = ["## Articles", "",
             "| Id | Outlet | Published | Method | Why | Status | Path |",
             "|---|---|---|---|---|---|---|"]
    for a in story.articles:
        p = a.published
        status = a.status
        if a.duplicate_of:
            status += f" of {a.duplicate_of}"
        if a.problem:
            status += f": {a.problem}"
        lines.append(
            f"| {a.id} | {_cell(a.outlet or '?')} | {_cell(describe(p)) if p else 'unknown'} | "
            f"{p.method if p else ''} | {_cell(p.reason) if p else ''} | {_cell(status)} | "
            f"{_cell(a.path)} |")
    return lines + [""]


def story_to_markdown(story: Story) -> str:
    """The whole report as Markdown."""
    names = {e.id: e.name for e in story.entities}
    used = sum(a.status == "ok" for a in story.articles)
    lines = ["# Story", "",
             f"{len(story.articles)} inputs ({used} used), {len(story.events)} events, "
             f"{len(story.contradictions)} contradictions. Support is counted as articles / "
             "independent sources (copies and outlets repeating one source count once).", ""]
    lines += _timeline(story, names)
    lines += _section("What we know", [e for e in story.events if e.status in KNOWN and e.salient],
                      names,
                      "Nothing is confirmed by a participant, a representative or two "
                      "independent named sources.")
    lines += _section("What is alleged or reported",
                      [e for e in story.events if e.status in CLAIMED and e.salient
                       and (real(e.time).bounded or e.type not in GENERIC_TYPES)],
                      names, "Nothing.")
    lines += _disputed(story)
    lines += _states(story, names)
    lines += _entities(story)
    lines += _articles(story)
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(story: Story, path: Path) -> Path:
    path.write_text(story_to_markdown(story), encoding="utf-8")
    return path
