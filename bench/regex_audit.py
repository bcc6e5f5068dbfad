"""Time every compiled regex in the storyline package on long whitespace runs and long
"a a a ..." inputs; print the patterns whose time grows faster than the input (super-linear).

    .venv/bin/python bench/regex_audit.py [--sizes 2000,4000,8000]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import signal
import time

import storyline

PROBES = {
    "spaces": lambda n: " " * n,
    "spaces+x": lambda n: " " * n + "x",
    "a a a": lambda n: "a " * (n // 2),
    "A a": lambda n: "Aa " * (n // 3),
    "1 1 1": lambda n: "1 " * (n // 2),
    "newlines": lambda n: "\n " * (n // 2),
    "words, ": lambda n: "word, " * (n // 6),
    "dots": lambda n: ". " * (n // 2),
}


def patterns() -> list[tuple[str, re.Pattern]]:
    """(module.name, pattern) for every re.Pattern held at module level (also in lists, dicts)."""
    found: dict[int, tuple[str, re.Pattern]] = {}
    for info in pkgutil.walk_packages(storyline.__path__, "storyline."):
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001, S112 - optional extras (ray, web) may be missing
            continue
        for name, value in vars(mod).items():
            values = [value]
            if isinstance(value, (list, tuple)):
                values = list(value)
            elif isinstance(value, dict):
                values = list(value.values())
            for v in values:
                items = v if isinstance(v, (list, tuple)) else [v]
                for x in items:
                    if isinstance(x, re.Pattern):
                        found.setdefault(id(x), (f"{info.name}.{name}", x))
    return sorted(found.values(), key=lambda t: t[0])


# Patterns the package only applies with fullmatch to one stripped line (a scan would mislead).
FULLMATCH = {"LINE_PATTERNS"}


CAP = 5.0  # seconds a probe may run (the regex engine checks for signals: SIGALRM stops it)


class _Stop(Exception):
    pass


def _stop(signum: int, frame: object) -> None:
    raise _Stop


def timed(name: str, p: re.Pattern, text: str) -> float:
    """Seconds to scan `text` (CAP or more when it had to be stopped)."""
    t0 = time.perf_counter()
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, CAP)
    try:
        if name.rsplit(".", 1)[-1] in FULLMATCH:
            p.fullmatch(text.strip() or "x")
        else:
            for _ in p.finditer(text):
                pass
    except _Stop:
        return max(CAP, time.perf_counter() - t0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000,8000")
    ap.add_argument("--limit", type=float, default=2.0,
                    help="report growth above this many times linear growth")
    args = ap.parse_args()
    small, big = (int(s) for s in args.sizes.split(","))
    pats = patterns()
    print(f"{len(pats)} patterns; sizes {small} -> {big} (linear growth is {big / small:.0f}x)")
    bad = 0
    for name, p in pats:
        for probe, make in PROBES.items():
            a = timed(name, p, make(small))
            if a < 0.002:
                continue
            if a >= 1.0:  # already slow at the small size: do not wait for the big one
                bad += 1
                print(f"SLOW         {name:60s} {probe:10s} {a:8.3f}s at {small}", flush=True)
                continue
            b = timed(name, p, make(big))
            if b / a > args.limit * big / small and b > 0.05:
                bad += 1
                print(f"SUPER-LINEAR {name:60s} {probe:10s} {a:8.3f}s -> {b:8.3f}s", flush=True)
    print(f"{bad} super-linear (pattern, probe) pairs")


if __name__ == "__main__":
    main()
