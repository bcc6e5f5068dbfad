"""Benchmark: the whole `build` against bare spaCy `nlp.pipe` on the same texts, in one run.

Two builds are timed: with `parse_workers=1` (spaCy parses in a background process while the
main process runs storyline's components: wall time ~ the larger of the two, given a free core;
the default "auto" does this only when a core is idle) and with
`parse_workers=0` (everything in one process: the cost of storyline's own work on top of the
parse). CPU seconds (this process and its finished children) are reported next to wall time.
Inside the sequential build, each registered nlp component is timed (a wrapper around its
registry entry), so the report also says where the time beyond spaCy's parse goes.

Corpus: every TimeBank document (plain text of <TEXT>, dated by its <DCT>, split at a paragraph
boundary into two articles when long) plus the bundled example story. Needs ../shared for
TimeBank; without it only the example story is used.

    .venv/bin/python bench/build_speed.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "benchmarks" / "timebank"
EXAMPLES = ROOT / "examples"

_DCT = re.compile(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")


def timebank_articles(limit: int | None) -> list[tuple[str, str]]:
    """(file name, text with a ` date YYYY-MM-DD Outlet` header) for each TimeBank half-document."""
    out: list[tuple[str, str]] = []
    for path in sorted(TIMEBANK.glob("*.tml"))[:limit]:
        xml = path.read_text(encoding="utf-8")
        dct, body = _DCT.search(xml), _TEXT.search(xml)
        if not (dct and body):
            continue
        text = _TAG.sub("", body.group(1)).strip()
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        halves = [paras] if len(paras) < 6 else [paras[: len(paras) // 2], paras[len(paras) // 2 :]]
        for i, part in enumerate(halves):
            outlet = re.match(r"[A-Za-z_]*", path.name).group(0).strip("_").upper() or "WIRE"
            header = f" date {dct.group(1)} {outlet}\n"
            out.append((f"{path.stem}_{i}.txt", header + "\n\n".join(part) + "\n"))
    return out


def write_corpus(tmp: str, limit: int | None) -> list[str]:
    """Write the TimeBank articles into `tmp`/corpus; the input paths of the benchmark corpus
    (that folder and the bundled example story)."""
    corpus = Path(tmp) / "corpus"
    corpus.mkdir()
    for name, text in timebank_articles(limit) if TIMEBANK.is_dir() else []:
        (corpus / name).write_text(text, encoding="utf-8")
    return [str(corpus)] + ([str(EXAMPLES)] if EXAMPLES.is_dir() else [])


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the parse workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_result(fn):  # noqa: ANN001, ANN201
    """(fn(), {"wall": seconds, "cpu": seconds})."""
    w0, c0 = time.perf_counter(), _cpu()
    out = fn()
    return out, {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0}


def timed(fn) -> dict[str, float]:  # noqa: ANN001
    return timed_result(fn)[1]


def time_components(registry, ensure_registered, names: list[str]) -> dict[str, float]:
    """Re-register each component wrapped in a timer; the returned dict fills as they run."""
    ensure_registered()
    spent: dict[str, float] = dict.fromkeys(names, 0.0)
    for name in names:
        fn = registry.get(name)

        def timed(doc, article, analysis, fn=fn, name=name, **options) -> None:
            t0 = time.perf_counter()
            try:
                fn(doc, article, analysis, **options)
            finally:
                spent[name] += time.perf_counter() - t0

        registry.register(name)(timed)
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="TimeBank documents to use")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    from storyline.api import build
    from storyline.ingest.read import read_articles
    from storyline.nlp.parsing import resolve_workers
    from storyline.nlp.pipeline import COMPONENTS, ensure_registered, load_model
    from storyline.settings import Settings

    settings = Settings(parse_workers=1)  # the build's default "auto" would pick 0 under load
    sequential = dataclasses.replace(settings, parse_workers=0)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(tmp, args.limit)

        nlp = load_model(settings.model)  # loaded once, outside every timing
        t0 = time.perf_counter()
        texts = [a.content for a in read_articles(paths, settings) if a.status != "skipped"]
        read_s = time.perf_counter() - t0
        component_s = time_components(COMPONENTS, ensure_registered, settings.components)
        words = sum(len(t.split()) for t in texts)
        list(nlp.pipe(texts[:20]))  # warm up allocations before any timing

        def bare_pipe() -> None:
            for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                pass

        # bare, build (default: parse in a background process), build (all in one process),
        # bare: the mean of the two bare runs brackets any drift in a shared machine.
        bare_before = timed(bare_pipe)
        story, full = timed_result(lambda: build(paths, settings))
        component_s.update(dict.fromkeys(component_s, 0.0))  # keep the sequential run's only
        story_seq, seq = timed_result(lambda: build(paths, sequential))
        bare_after = timed(bare_pipe)
    bare = {k: (bare_before[k] + bare_after[k]) / 2 for k in bare_before}
    components = sum(component_s.values())

    result = {
        "load_average_1min": round(os.getloadavg()[0], 2),  # others' work on a shared machine
        "cpus": os.cpu_count(),
        "articles": len(texts),
        "words": words,
        "bare_spacy_s": round(bare["wall"], 2),
        "bare_spacy_cpu_s": round(bare["cpu"], 2),
        "parse_workers": settings.parse_workers,
        "auto_would_use": resolve_workers(-1),
        "build_s": round(full["wall"], 2),
        "build_cpu_s": round(full["cpu"], 2),
        "ratio_build_to_bare": round(full["wall"] / bare["wall"], 3),
        "build_articles_per_s": round(len(texts) / full["wall"], 1),
        "bare_articles_per_s": round(len(texts) / bare["wall"], 1),
        "sequential_build_s": round(seq["wall"], 2),
        "sequential_cpu_s": round(seq["cpu"], 2),
        "ratio_sequential_to_bare": round(seq["wall"] / bare["wall"], 3),
        "cpu_ratio_sequential_to_bare": round(seq["cpu"] / bare["cpu"], 3),
        "read_and_clean_s": round(read_s, 2),
        "components_s": {k: round(v, 2) for k, v in component_s.items()},
        "components_total_s": round(components, 2),
        "sequential_rest_s": round(seq["wall"] - bare["wall"] - components, 2),
        # an article whose analysis failed is skipped: a broken build would look fast
        "skipped_articles": [sum(a.status == "skipped" for a in st.articles)
                             for st in (story, story_seq)],
        "events": len(story.events),
        "entities": len(story.entities),
        "timexes": len(story.timexes),
    }
    print_result(result, args.json)
    return 0


def print_result(result: dict, as_json: bool) -> None:
    """One run's numbers: JSON, or one aligned `key: value` line each."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>24}: {v}")


if __name__ == "__main__":
    sys.exit(main())
