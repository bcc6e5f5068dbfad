"""Time hostile pages beside clean articles of the same length (issue 16).

    .venv/bin/python bench/robustness.py            # the table
    .venv/bin/python bench/robustness.py --json

Every input is generated here (fictional prose from templates, no third-party text): news pages
of 29, 69 and 110 KB whose bulk is an inline JSON <script> and nested markup (blanked to
spaces by the reader), a 100 KB "sentence" with no sentence end, and a clean .txt article of
the same number of characters beside each; then a scaling line: one article with a run of
5,000 / 10,000 / 20,000 spaces in it. Each input is ingested alone into a fresh store (read,
analyse, story) with no time budget, after the model is loaded once. Ratio = hostile / clean.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storyline import api
from storyline.nlp.pipeline import load_model
from storyline.settings import Settings

PEOPLE = ["Dana Whitlock", "Ada Brenner", "Ola Lind", "Mira Castell", "Tomas Reyes", "Ines Hart"]
ROLES = ["the mayor", "a councillor", "the harbour master", "a union leader", "the minister"]
VERBS = ["said", "told reporters", "confirmed", "announced", "denied", "wrote"]
THINGS = ["the new bridge", "the ferry strike", "the harbour budget", "the school merger",
          "the port expansion", "the rail link"]
WHEN = ["on Monday", "last week", "in May", "on Friday", "two years ago", "in 2023"]
HAPPEN = ["would open", "had ended", "would cost more than planned", "was delayed",
          "would be put to a vote", "had been approved"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(PEOPLE)}, {rng.choice(ROLES)}, {rng.choice(VERBS)} {rng.choice(WHEN)} "
            f"that {rng.choice(THINGS)} {rng.choice(HAPPEN)}.")


def clause(rng: random.Random) -> str:
    """A piece of a sentence that never ends it (no full stop)."""
    return (f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} {rng.choice(WHEN)} that "
            f"{rng.choice(THINGS)} {rng.choice(HAPPEN)}")


def prose(rng: random.Random, chars: int) -> str:
    """Paragraphs of sentences, `chars` characters long."""
    out: list[str] = []
    size = 0
    while size < chars:
        para = " ".join(sentence(rng) for _ in range(4))
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)[:chars]


HEADER = " date 2024-02-23 Ostvik Post\n"


def clean_article(rng: random.Random, chars: int) -> str:
    return HEADER + prose(rng, chars - len(HEADER))


def page(rng: random.Random, kb: int) -> str:
    """A news page: a little article text, an inline JSON script and nested markup making up
    the rest of `kb` kilobytes (the reader blanks both to spaces)."""
    body = "".join(f"<p>{sentence(rng)} {sentence(rng)}</p>\n" for _ in range(12))
    head = ("<!doctype html><html><head><title>Ostvik bridge</title>"
            '<meta property="article:published_time" content="2024-02-23"></head><body>'
            "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(20))
            + "</ul></nav><article><h1>Ostvik bridge</h1>")
    tail = "</article></body></html>\n"
    budget = kb * 1000 - len(head) - len(body) - len(tail)
    depth = max(0, budget // 4 // 11)  # a quarter as nested <div>s, the rest as JSON
    divs = "<div>" * depth + "</div>" * depth
    items = []
    size = 0
    while size < budget - len(divs) - 40:
        item = json.dumps({"id": len(items), "headline": sentence(rng), "tags": ["harbour"]})
        items.append(item)
        size += len(item) + 1
    script = '<script type="application/ld+json">[' + ",".join(items) + "]</script>"
    return head + divs + body + script + tail


def long_sentence(rng: random.Random, chars: int) -> str:
    """One sentence of `chars` characters: clauses joined by commas, one full stop at the end."""
    parts: list[str] = []
    size = len(HEADER)
    while size < chars - 1:
        parts.append(clause(rng))
        size += len(parts[-1]) + 2
    return (HEADER + ", ".join(parts))[: chars - 1] + "."


def with_spaces(rng: random.Random, run: int) -> str:
    text = clean_article(rng, 3000)
    cut = text.index("\n\n", 1000)
    return text[:cut] + " " * run + text[cut:]


def ingest_seconds(path: Path, settings: Settings) -> tuple[float, int]:
    """Wall seconds to ingest `path` alone into a new store, and the events found."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = api.ingest([str(path)], Path(tmp) / "s.db", settings)
        return time.perf_counter() - start, summary.events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    settings = replace(Settings(parse_workers=0), article_time_budget=0)
    load_model(settings.model)
    rng = random.Random(16)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = [(f"{kb} KB page (inline JSON script, nested divs)", page(rng, kb), ".html")
                 for kb in (29, 69, 110)]
        cases.append(("100 KB single sentence", long_sentence(rng, 100_000), ".txt"))
        warm = root / "warm.txt"
        warm.write_text(clean_article(rng, 2000), encoding="utf-8")
        ingest_seconds(warm, settings)
        for n, (name, text, suffix) in enumerate(cases):
            hostile = root / f"h{n}{suffix}"
            hostile.write_text(text, encoding="utf-8")
            clean = root / f"c{n}.txt"
            clean.write_text(clean_article(rng, len(text)), encoding="utf-8")
            h, h_events = ingest_seconds(hostile, settings)
            c, c_events = ingest_seconds(clean, settings)
            print(f"{name}: {h:.2f} s, clean {c:.2f} s", file=sys.stderr, flush=True)
            rows.append({"input": name, "chars": len(text), "seconds": round(h, 2),
                         "clean_seconds": round(c, 2), "ratio": round(h / c, 2),
                         "events": h_events, "clean_events": c_events})
        scaling = []
        for run in (5_000, 10_000, 20_000):
            f = root / f"ws{run}.txt"
            f.write_text(with_spaces(rng, run), encoding="utf-8")
            s, _ = ingest_seconds(f, settings)
            scaling.append({"spaces": run, "seconds": round(s, 2)})
            print(f"{run} spaces: {s:.2f} s", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"rows": rows, "whitespace_runs": scaling}, indent=2))
        return
    print("| input | chars | seconds | clean article, same length | ratio |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['input']} | {r['chars']:,} | {r['seconds']} | {r['clean_seconds']} | "
              f"{r['ratio']} |")
    print()
    print("whitespace run in a 3,000-character article: "
          + ", ".join(f"{s['spaces']:,} spaces {s['seconds']} s" for s in scaling))


if __name__ == "__main__":
    main()
