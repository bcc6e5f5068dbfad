"""The rule grammar: one precompiled regex per phrase class, each with its normaliser.

Rules are data (`RULES`): a name, a pattern whose group `t` (or the whole match) is the
TIMEX3 extent, and a function turning the match into a `Result` given the `Context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.nlp.time.anchor import (
    FUTURE,
    PAST,
    PRESENT,
    WOULD,
    Context,
    month_day,
    month_of,
    season_year,
    weekday_of,
)
from storyline.nlp.time.lexicon import (
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFERENCES,
    SEASONS,
    SET_WORDS,
    UNITS,
    WEEKDAYS,
)
from storyline.nlp.time.normalize import Point, duration_value, season, shift

# ------------------------------------------------------------------ result


@dataclass
class Result:
    """A normalised expression: type, value, the calendar unit it names, and how anchored."""

    type: str
    value: str
    point: Point | None = None
    mod: str | None = None  # START, MID, END
    anchor: str = "none"  # none (absolute), dct, event
    # The days it can fall on when they are not its value's unit: "15 months later" after
    # "in 2014" is one of 2015-04-01..2016-03-31, whatever the TIMEX3 value ("2015") says.
    bounds: tuple[date, date] | None = None


def ref(value: str) -> Result:
    return Result("DATE", value, anchor="dct")


# ------------------------------------------------------------------ fragments


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len)[::-1])


MON_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
MON_ANY = rf"(?:{MON_FULL}|{MON_ABBR}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))"
WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WD = rf"(?:{WD_FULL[3:-1]}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
_UNITS_WORD = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|"
    r"years?|decades?|century|centuries)"
)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMW = (
    rf"(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEENS}|{_ONES}|a\s+hundred|hundred|a\s+dozen|"
    rf"dozen|(?:a|one|two|three|four|five|ten)\s+thousand|a\s+couple\s+of|a\s+couple|couple\s+of|an?|a\s+single|half\s+an?|half\s+a)"
)
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|(?i:{NUMW})(?:\s+and\s+a\s+half)?)"
FUZZY = r"(?i:several|a\s+few|few|some|many|a\s+number\s+of|numerous|a\s+couple\s+of|couple\s+of)"
YEARW = (
    rf"(?i:(?:nineteen|eighteen|twenty)[\s-](?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEENS}|"
    rf"hundred|oh[\s-](?:{_ONES}))|two\s+thousand(?:\s+and)?(?:[\s-](?:{_ONES}|{_TEENS}))?)"
)
YEAR = rf"(?:(?<![\d$.,])(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)|{YEARW})"
MOD_PRE = (
    r"(?i:nearly|almost|about|around|approximately|roughly|some|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|fully|"
    r"no\s+more\s+than|no\s+less\s+than|barely|a\s+full|the\s+full|an\s+additional|another|"
    r"close\s+to|upwards\s+of|the\s+better\s+part\s+of)"
)
PART_MOD = (
    r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
    r"end\s+of|beginning\s+of|start\s+of|middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|"
    r"the\s+last\s+half\s+of|the\s+turn\s+of|the\s+rest\s+of|the\s+remainder\s+of|earlier|later)"
)
B = r"(?<![\w'-])"  # left word boundary (no hyphen compounds)
E = r"(?![\w])"

_MOD_WORDS = {
    "early": "START", "beginning": "START", "start": "START", "first": "START", "earlier": "START",
    "late": "END", "end": "END", "last": "END", "second": "END", "later": "END", "mid": "MID",
    "middle": "MID", "turn": None, "rest": None, "remainder": None,
}  # fmt: skip


_DEICTIC = re.compile(r"\b(?:last|this|next|past|coming)\b")


def part_mod(text: str | None) -> str | None:
    """START/MID/END from a part modifier ("early", "the end of")."""
    if not text:
        return None
    words = re.findall(r"[a-z]+", text.lower())
    for w in words:
        if w in _MOD_WORDS and w not in ("the", "of"):
            return _MOD_WORDS[w]
    return None


def parse_number(text: str) -> float | None:
    """Numbers in digits or words: "15", "1,000", "twenty four", "2 1/2", "one and a half"."""
    t = text.lower().replace(",", "").strip()
    half = 0.5 if re.search(r"and\s+a\s+half$", t) else 0.0
    t = re.sub(r"\s+and\s+a\s+half$", "", t)
    if t.startswith("half"):
        return 0.5
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", t)
    if m:
        frac = int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0
        return float(m.group(1)) + frac + half
    m = re.fullmatch(r"(\d)/(\d)", t)
    if m:
        return int(m.group(1)) / int(m.group(2))
    total = 0
    words = re.split(r"[\s-]+", t)
    for w in words:
        if w in ("of", "single") or (w in ("a", "an") and len(words) > 1):
            continue
        if w in ("hundred", "thousand"):
            total = max(total, 1) * NUMBERS[w]
        elif w in NUMBERS:
            total += NUMBERS[w]
        else:
            return None
    return total + half


def parse_year(text: str) -> int | None:
    """A year in digits or words ("nineteen ninety-four", "two thousand one")."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    words = re.split(r"[\s-]+", t)
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (int(parse_number(" ".join(rest)) or 0) if rest else 0)
    head = parse_number(words[0])
    if head is None:
        return None
    if words[1:] == ["hundred"]:
        return int(head) * 100
    tail_words = [w for w in words[1:] if w != "oh"]
    tail = parse_number(" ".join(tail_words))
    return int(head) * 100 + int(tail) if tail is not None else None


def unit_of(word: str) -> tuple[str, bool, str]:
    """(duration letter, is time-of-day unit, granularity) of a unit word, plural or not."""
    w = word.lower()
    if w == "centuries":
        w = "century"
    return UNITS[w[:-1] if w.endswith("s") and w[:-1] in UNITS else w]


# ------------------------------------------------------------------ handlers

Handler = Callable[[re.Match, Context], "Result | None"]


def _g(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _date_result(point: Point, mod: str | None, anchor: str, typ: str = "DATE") -> Result:
    return Result(typ, point.value, point, mod, anchor)


def h_full_date(m: re.Match, ctx: Context) -> Result | None:
    """Month Day[, Year], Day Month [Year], optionally after a weekday."""
    month = MONTHS[m.group("mon").rstrip(".").lower()]
    day = int(m.group("day")) if m.group("day") else _DAY_WORDS[m.group("dayw").lower()]
    year_text = _g(m, "year")
    if year_text:
        year = parse_year(year_text)
        try:
            d = date(year, month, day) if year else None
        except ValueError:
            return None
        return _date_result(Point("D", d), None, "none") if d else None
    if ctx.today is None:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}")
    wd = _g(m, "wd")
    weekday = WEEKDAYS[wd.rstrip(".").lower()] if wd else None
    d = month_day(ctx.today, month, day, ctx.tense, weekday)
    return _date_result(Point("D", d), None, "dct") if d else None


def h_numeric_date(m: re.Match, ctx: Context) -> Result | None:
    """ISO 2023-06-01 and US 6/1/2023 dates."""
    try:
        if m.group("iy"):
            d = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        else:
            y = int(m.group("uy"))
            y = y + (1900 if y >= 50 else 2000) if y < 100 else y
            d = date(y, int(m.group("um")), int(m.group("ud")))
    except ValueError:
        return None
    return _date_result(Point("D", d), None, "none")


def _rel_year(ctx: Context, rel: str | None) -> int | None:
    if ctx.today is None:
        return None
    return ctx.today.year + {"last": -1, "next": 1}.get((rel or "this").lower(), 0)


def h_month_year(m: re.Match, ctx: Context) -> Result | None:
    """Month Year, Month of Year, Month this/last/next year."""
    month = MONTHS[m.group("mon").rstrip(".").lower()]
    if _g(m, "year"):
        year = parse_year(m.group("year"))
        anchor = "none"
    else:
        year = _rel_year(ctx, m.group("rel"))
        anchor = "dct"
    if year is None:
        return Result("DATE", f"XXXX-{month:02d}")
    return _date_result(Point("M", date(year, month, 1)), part_mod(_g(m, "mod")), anchor)


def h_month(m: re.Match, ctx: Context) -> Result | None:
    """A bare month, anchored to the document date by tense ("in August", "last May")."""
    mon = m.group("mon")
    rel = (_g(m, "rel") or "").lower().split()
    if mon == "May" and not rel and not _MAY_OK.search(ctx_text_before(m)):
        return None
    month = MONTHS[mon.rstrip(".").lower()]
    if ctx.today is None:
        return Result("DATE", f"XXXX-{month:02d}")
    this_month = Point.of("M", ctx.today).start
    if "last" in rel or "past" in rel:
        year = ctx.today.year - (date(ctx.today.year, month, 1) >= this_month)
        point = Point("M", date(year, month, 1))
    elif "next" in rel or "coming" in rel:
        year = ctx.today.year + (date(ctx.today.year, month, 1) <= this_month)
        point = Point("M", date(year, month, 1))
    elif "this" in rel:
        point = Point("M", date(ctx.today.year, month, 1))
    elif "that" in rel and (narrated := _narrative_year(ctx)):  # "in 2022 ... that July"
        point = Point("M", date(narrated, month, 1))
        return _date_result(point, part_mod(_g(m, "mod")), "event")
    else:
        point = month_of(ctx.today, month, ctx.tense)
    return _date_result(point, part_mod(_g(m, "mod")), "dct")


def _narrative_year(ctx: Context, window: int = 600) -> int | None:
    """The year of the date the text mentioned last, if it did so recently."""
    if ctx.reference is None or ctx.start - ctx.reference_at > window:
        return None
    return ctx.reference.start.year


_MAY_OK = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|during|through|from|before|after|early|late|mid|"
    r"last|this|next|to|and|or|between|since|or)\s*-?)$"
)


def ctx_text_before(m: re.Match) -> str:
    return m.string[max(0, m.start() - 12) : m.start()]


def h_year(m: re.Match, ctx: Context) -> Result | None:
    """A year: 1998, fiscal 1989, mid-1996, the end of 1990, the first half of 1990."""
    year = parse_year(m.group("year"))
    if year is None or not 1000 <= year <= 2199:
        return None
    mod_text = (_g(m, "mod") or "").lower()
    if "half" in mod_text:
        half = 1 if "first" in mod_text else 2
        return _date_result(Point("H", date(year, 1 if half == 1 else 7, 1)), None, "none")
    return _date_result(Point("Y", date(year, 1, 1)), part_mod(mod_text), "none")


def h_decade(m: re.Match, ctx: Context) -> Result | None:
    """Decades: the 1990s, the '80s, the nineties, mid-1990s, the early aughts (2000s)."""
    text = m.group("dec").lower().replace("'", "").rstrip("s")
    if text in ("aught", "noughtie"):
        return _date_result(Point("E", date(2000, 1, 1)), part_mod(_g(m, "mod")), "none")
    words = {
        "twentie": 2, "thirtie": 3, "fortie": 4, "fiftie": 5, "sixtie": 6,
        "seventie": 7, "eightie": 8, "ninetie": 9,
    }  # fmt: skip
    if text in words:
        decade = words[text] * 10
        full = None
    elif len(text) == 4:
        full = int(text)
    else:
        decade = int(text)
        full = None
    if full is None:
        century = (ctx.today.year // 100 * 100) if ctx.today else 1900
        full = century + decade
        if ctx.today and full > ctx.today.year:
            full -= 100
    return _date_result(Point("E", date(full, 1, 1)), part_mod(_g(m, "mod")), "none")


def h_century(m: re.Match, ctx: Context) -> Result | None:
    """Centuries: the 20th century, the nineteenth century."""
    ordinal = m.group("ord").lower()
    n = int(re.match(r"\d+", ordinal).group()) if ordinal[0].isdigit() else ORDINALS.get(ordinal)
    if not n or n < 1:
        return None
    return _date_result(Point("C", date((n - 1) * 100 or 1, 1, 1)), part_mod(_g(m, "mod")), "none")


def h_quarter(m: re.Match, ctx: Context) -> Result | None:
    """Quarters and halves: the third quarter, third-quarter, the first half of 1990."""
    ordinal = m.group("ord").lower()
    kind = m.group("q").lower()
    n = ORDINALS.get(ordinal) or int(ordinal[0])
    det = (_g(m, "det") or "").lower()
    year_text = _g(m, "year") or _g(m, "yr")
    if n == -1 and not year_text:  # "last quarter": the one before the current
        if ctx.today is None:
            return None
        gran = "Q" if kind == "quarter" else "H"
        point = Point.of(gran, ctx.today).shifted(-1, gran)
        return _date_result(point, None, "dct")
    if n == -1:
        n = 4 if kind == "quarter" else 2
    if year_text:
        year = parse_year(year_text.strip())
        anchor = "none"
    elif ctx.today is None:
        return Result("DATE", f"XXXX-{'Q' if kind == 'quarter' else 'H'}{n}")
    else:
        anchor = "dct"
        year = ctx.today.year
        if "year-" in det or "last year" in det:
            year = ctx.today.year - 1
        elif "next year" in det:
            year = ctx.today.year + 1
        current = (ctx.today.month - 1) // 3 + 1 if kind == "quarter" else ctx.today.month // 7 + 1
        if "this" not in det and n > current and ctx.tense == PAST:
            year -= 1
    if year is None:
        return None
    if kind == "quarter":
        if not 1 <= n <= 4:
            return None
        return _date_result(Point("Q", date(year, 3 * n - 2, 1)), None, anchor)
    if not 1 <= n <= 2:
        return None
    return _date_result(Point("H", date(year, 1 if n == 1 else 7, 1)), None, anchor)


def h_rel_quarter(m: re.Match, ctx: Context) -> Result | None:
    """The current/latest/year-earlier quarter or period, relative to the narrative."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    if ctx.today is None and not rel[:1].isdigit():
        return Result("DATE", "XXXX-QX")
    if rel[:1].isdigit():  # "the 1988 period": the narrative's quarter in that year
        year = int(rel)
        refq = ctx.reference if ctx.reference and ctx.reference.gran == "Q" else None
        if refq is None:
            return _date_result(Point("Y", date(year, 1, 1)), None, "none")
        return _date_result(Point("Q", refq.start.replace(year=year)), None, "event")
    if _g(m, "ago") or rel in ("corresponding", "comparable", "last year's"):
        rel = "year-ago"
    this_q = Point.of("Q", ctx.today)
    refp = ctx.recent_quarter()
    if rel == "this" and refp:
        return _date_result(refp, None, "event")
    if rel in ("this", "current"):
        return _date_result(this_q, None, "dct")
    if rel in ("last", "previous", "past", "prior"):
        return _date_result(this_q.shifted(-1, "Q"), None, "dct")
    if rel == "next":
        return _date_result(this_q.shifted(1, "Q"), None, "dct")
    if rel in ("latest", "most recent", "recent") and refp and refp.end >= ctx.today:
        refp = None  # the latest quarter is one that has ended (fiscal talk may run ahead)
    if rel in ("latest", "most recent", "recent", "same", "the", "that"):
        point = refp or this_q.shifted(-1, "Q")
        return _date_result(point, None, "event" if refp else "dct")
    # year-earlier, year-ago, a year earlier
    base = refp or this_q.shifted(-1, "Q")
    return _date_result(base.shifted(-1, "Y"), None, "event" if refp else "dct")


def h_the_year(m: re.Match, ctx: Context) -> Result | None:
    """the year / the fiscal year / year-end / the weekend: the current unit, or a span."""
    kind = re.sub(r"\s+", " ", m.group("kind").lower())
    unit = kind.split()[-1]
    text = m.group("t").lower()
    has_the = bool(re.search(r"\b(?:the|around)\s", text)) or m.group("end")
    if not has_the or (unit != "year" and not _g(m, "mod") and unit != "weekend"):
        return None
    if unit == "year" and (_g(m, "ended") or ("fiscal" in kind and not m.group("end"))):
        return Result("DURATION", "P1Y")
    if ctx.today is None:
        return None
    if unit == "weekend":
        back = ctx.today.isoweekday() - 6
        point = Point.of("W", ctx.today + timedelta(days=-back if back < 0 else -back))
        if ctx.tense == FUTURE or ctx.today.isoweekday() >= 6:
            point = Point.of("W", ctx.today)
        elif back < 0:
            point = point.shifted(-1, "W") if ctx.tense == PAST else Point.of("W", ctx.today)
        return Result("DATE", f"{point.value}-WE", point, None, "dct")
    gran = {"year": "Y", "month": "M", "week": "W"}[unit]
    point = Point.of(gran, ctx.today)
    mod = "END" if m.group("end") else part_mod(_g(m, "mod"))
    return _date_result(point, mod, "dct")


def h_year_earlier(m: re.Match, ctx: Context) -> Result | None:
    """The adjective "year-earlier"/"year-ago": the reference period a year back."""
    if ctx.today is None:
        return None
    base = ctx.recent_quarter() or Point.of("Y", ctx.today)
    return _date_result(base.shifted(-1, "Y"), None, "event")


def h_season(m: re.Match, ctx: Context) -> Result | None:
    """Seasons: Spring, this summer, last fall, the winter of 1994."""
    word = m.group("s").lower()
    rel = (_g(m, "rel") or "").lower()
    if word == "fall" and not rel and not _g(m, "year"):
        return None
    bare_spring = word == "spring" and not rel and not _g(m, "year") and m.group("s").islower()
    if bare_spring and not _SPRING_OK.search(ctx_text_before(m)):
        return None  # "spring" the verb or the coil
    code = SEASONS[word]
    mod = part_mod(_DEICTIC.sub("", rel))  # "last summer" is a whole summer; "late" is not
    if _g(m, "year"):
        year = parse_year(m.group("year"))
        return _date_result(season(year, code), mod, "none") if year else None
    if rel == "that" and (narrated := _narrative_year(ctx)):  # "in 2019 ... that summer"
        return _date_result(season(narrated, code), None, "event")
    if ctx.today is None:
        return Result("DATE", f"XXXX-{code}")
    if "last" in rel or "past" in rel:
        year = season_year(ctx.today - timedelta(days=92), code, PAST)
    elif "next" in rel or "coming" in rel:
        year = season_year(ctx.today + timedelta(days=92), code, FUTURE)
    elif "this" in rel:
        year = season_year(ctx.today, code, None)
    else:
        year = season_year(ctx.today, code, FUTURE if ctx.tense == WOULD else ctx.tense)
    return _date_result(season(year, code), mod, "dct")


_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def h_deictic_day(m: re.Match, ctx: Context) -> Result | None:
    """today, yesterday, tomorrow, tonight (+ morning/evening), the day before yesterday."""
    word = m.group("d").lower()
    pod = _g(m, "pod") or re.sub(r"^(?:early|mid|late)[\s-]?", "", (_g(m, "pod0") or "").lower())
    shift = _DAY_SHIFT[word]
    if _g(m, "before"):
        shift -= 1
    if _g(m, "after"):
        shift += 1
    mod = part_mod(_g(m, "mod"))
    if ctx.today is None:
        return Result("TIME" if pod or word == "tonight" else "DATE", "XXXX-XX-XX")
    point = Point("D", ctx.today + timedelta(days=shift))
    code = PARTS_OF_DAY.get((pod or "").lower()) or ("NI" if word == "tonight" else None)
    if code:
        return Result("TIME", f"{point.value}T{code}", point, mod, "dct")
    return _date_result(point, mod, "dct")


def h_weekday(m: re.Match, ctx: Context) -> Result | None:
    """Weekdays: Friday, last Monday, Tuesday night; nearest date by tense."""
    wd = WEEKDAYS[m.group("wd").rstrip(".").lower()]
    rel = re.sub(r"\s+", " ", (_g(m, "rel") or "").lower()).removeprefix("the ")
    pod = _g(m, "pod")
    if _g(m, "many"):  # "Tuesday nights": every one of them
        return Result("SET", f"XXXX-WXX-{wd}T{PARTS_OF_DAY[pod.lower()]}")
    if ctx.today is None:
        return Result("DATE", f"XXXX-WXX-{wd}")
    anchor = "dct"
    if rel in ("previous", "preceding", "following"):  # relative to the day just told of
        base = ctx.reference.start if ctx.reference and ctx.reference.gran == "D" else ctx.today
        anchor = "event" if base != ctx.today else "dct"
        d = weekday_of(base, wd, None, "last" if rel != "following" else "next")
        point = Point("D", d)
        return _date_result(point, part_mod(_g(m, "mod")), anchor)
    d = weekday_of(ctx.today, wd, read_tense("weekday", m, ctx), rel)
    point = Point("D", d)
    if pod:
        return Result("TIME", f"{point.value}T{PARTS_OF_DAY[pod.lower()]}", point, None, "dct")
    return _date_result(point, part_mod(_g(m, "mod")), "dct")


def read_tense(rule: str, m: re.Match, ctx: Context) -> str | None:
    """The tense rule `rule` reads its match with: the clause's, except that a bare weekday in
    a plain present-tense action is a plan ("He meets Albright Monday": news present tense)."""
    tense = ctx.tense
    if rule == "weekday" and tense == PRESENT and ctx.doc is not None and not _g(m, "rel") \
            and _scheduled(ctx):
        return FUTURE
    return tense


def _scheduled(ctx: Context) -> bool:
    """The weekday's clause is a plain present-tense action (not "says", "is", "has")."""
    span = ctx.doc.char_span(ctx.start, ctx.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root.head
    return verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in ("be", "have", "say", "remain")


def h_clock(m: re.Match, ctx: Context) -> Result | None:
    """Clock times: 10 p.m. Wednesday, noon Thursday, 3:30 p.m."""
    word = (_g(m, "word") or "").lower()
    if word:
        hh, mm = (12, 0) if word in ("noon", "midday") else (0, 0)
    else:
        hh = int(m.group("hh"))
        mm = int(m.group("mm") or 0)
        ampm = (_g(m, "ampm") or "").lower()
        if hh > 23 or mm > 59 or (ampm and not 1 <= hh <= 12):
            return None
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
    day_word = _g(m, "day")
    if ctx.today is None:
        return Result("TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}")
    d = ctx.today
    if _g(m, "mon"):
        d = month_day(ctx.today, MONTHS[m.group("mon").rstrip(".").lower()], int(m.group("dd")),
                      ctx.tense) or ctx.today  # fmt: skip
    elif day_word:
        key = day_word.rstrip(".").lower()
        if key in WEEKDAYS:
            d = weekday_of(ctx.today, WEEKDAYS[key], ctx.tense)
        else:
            d = ctx.today + timedelta(days=_DAY_SHIFT[key])
    point = Point("D", d)
    if word == "midnight" and day_word:  # "midnight Friday": the night's end of that day
        return Result("TIME", f"{point.value}T24:00", point, None, "dct")
    return Result("TIME", f"{point.value}T{hh:02d}:{mm:02d}", point, None, "dct")


def h_part_of_day(m: re.Match, ctx: Context) -> Result | None:
    """this morning, last night, later this afternoon."""
    rel = m.group("rel").lower()
    pod = m.group("pod").lower()
    if ctx.today is None:
        return Result("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[pod]}")
    shift = -1 if "last" in rel else 0
    day = ctx.today
    if rel.strip(" -") in ("early", "mid", "late") and ctx.reference and ctx.reference.gran == "D":
        day = ctx.reference.start  # "by mid afternoon": of the day the story is telling
    point = Point("D", day + timedelta(days=shift))
    mod = part_mod(_DEICTIC.sub("", rel))
    return Result("TIME", f"{point.value}T{PARTS_OF_DAY[pod]}", point, mod, "dct")


def h_reference(m: re.Match, ctx: Context) -> Result | None:
    """now, currently, recently, the past, the future."""
    return ref(REFERENCES[re.sub(r"\s+", " ", m.group("t").lower())])


_NOT_TEMPORAL_CURRENT = re.compile(r"\s+(?i:account|accounts|assets|liabilities|affairs|"
                                   r"events|electric|flow|density)\b")  # fmt: skip


def h_ref_word(m: re.Match, ctx: Context) -> Result | None:
    """TimeML's reference adjectives and adverbs: "the current crisis", "a recent filing"
    (PRESENT_REF, PAST_REF), "will soon begin" (FUTURE_REF). Needs the parse."""
    if ctx.doc is None:
        return None
    span = ctx.doc.char_span(m.start("w"), m.end("w"))
    if span is None or len(span) != 1:
        return None
    tok = span[0]
    word = tok.lower_
    if _g(m, "then"):
        return ref("PAST_REF") if word == "current" else None  # "the then current price"
    after = m.string[m.end("t") : m.end("t") + 20]
    if word == "soon":
        if re.match(r"\s*(?:after|before|as|thereafter|enough|to\s+be)\b", after):
            return None  # "soon after the war", "as soon as": a relation, not a time
        if re.search(r"\b(?:as|too|how|so)\s+$", m.string[max(0, m.start("t") - 5) : m.start("t")]):
            return None
        return ref("FUTURE_REF") if ctx.tense not in (PAST,) else None
    if tok.dep_ != "amod" or tok.head.pos_ not in ("NOUN", "PROPN") or tok.head.i < tok.i:
        return None  # only before the noun it dates: "the current market", "recent sales"
    if word == "current" and _NOT_TEMPORAL_CURRENT.match(after):
        return None  # "current account", "current assets": accounting, not time
    return ref("PRESENT_REF" if word == "current" else "PAST_REF")


_REL_SHIFT = {
    "this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "the past": -1,
    "the last": -1, "previous": -1, "the previous": -1, "prior": -1, "the prior": -1,
    "next": 1, "the next": 1, "coming": 1, "the coming": 1, "following": 1,
    "the following": 1, "this past": -1, "this coming": 1, "same": 0, "the same": 0,
    "that": 0, "the preceding": -1, "preceding": -1, "earlier this": 0, "later this": 0,
}  # fmt: skip
_ANAPHORIC = {"following", "the following", "previous", "the previous", "prior", "the prior",
              "same", "the same", "that", "the preceding", "preceding", "the next"}  # fmt: skip


def h_rel_unit(m: re.Match, ctx: Context) -> Result | None:
    """this week, last month, next year, the following year, earlier this month."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    _, _, gran = unit_of(unit)
    mod = part_mod(_g(m, "mod"))
    stretch = rel in ("the past", "the last", "the next", "the coming")
    if stretch and unit in ("year", "week") and not _g(m, "mod"):
        # "the past year" reads as last year in TimeBank; "the next week" is a stretch of time
        if rel in ("the past", "the last") and unit == "year":
            if ctx.today is None:
                return None
            point = Point.of("Y", ctx.today).shifted(-1, "Y")
            return _date_result(point, None, "dct")
        return Result("DURATION", "P1Y" if unit == "year" else "P1W")
    if ctx.today is None:
        return Result("DATE", {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(gran, "XXXX"))
    base = Point.of(gran, ctx.today)
    anchor = "dct"
    if rel in _ANAPHORIC and ctx.reference is not None:
        base = ctx.reference.coarsen(gran) if ctx.reference.gran != gran else ctx.reference
        if base.gran != gran:
            base = Point.of(gran, base.start)
        anchor = "event"
    point = (
        base.shifted(_REL_SHIFT.get(rel, 0), gran)
        if gran != "D"
        else Point("D", base.start + timedelta(days=_REL_SHIFT.get(rel, 0)))
    )
    if unit == "weekend":
        return Result("DATE", f"{point.value}-WE", point, mod, anchor)
    return _date_result(point, mod, anchor)


def h_in_the_unit(m: re.Match, ctx: Context) -> Result | None:
    """earlier in the year / later in the week: the current unit ("later in the day": the
    day the story is telling, when it just named one)."""
    _, _, gran = unit_of(m.group("unit"))
    if ctx.today is None:
        return None
    day = _recent_day(ctx)
    if gran == "D" and day is not None:
        return _date_result(day, part_mod(m.group("mod")), "event")
    return _date_result(Point.of(gran, ctx.today), part_mod(m.group("mod")), "dct")


def _recent_day(ctx: Context, window: int = 300) -> Point | None:
    """The day the narrative named within the last sentence or two, if any."""
    ref = ctx.reference
    if ref is None or ref.gran != "D" or ctx.start - ctx.reference_at > window:
        return None
    return ref


def h_pod_of_the_day(m: re.Match, ctx: Context) -> Result | None:
    """ "in the morning" right after a named day is that day's morning; alone it is generic."""
    day = _recent_day(ctx)
    if day is None:
        return None
    return Result("TIME", f"{day.value}T{PARTS_OF_DAY[m.group('pod').lower()]}", day, None, "event")


def h_until_then(m: re.Match, ctx: Context) -> Result | None:
    """ "will end on Nov. 30. Until then, ...": the date the text just gave."""
    ref_point = ctx.reference
    if ref_point is None or ctx.start - ctx.reference_at > 300:
        return None
    return _date_result(ref_point, None, "event")


def h_nth_day_today(m: re.Match, ctx: Context) -> Result | None:
    """ "Today is the eighth day of the strike": that day is the document's day."""
    if ctx.today is None:
        return None
    return _date_result(Point("D", ctx.today), None, "dct")


def h_vague_span(m: re.Match, ctx: Context) -> Result | None:
    """ "for a while", "over the years": spans of unknown length."""
    unit = (_g(m, "unit") or "").lower()
    return Result("DURATION", {"years": "PXY", "decades": "PXE"}.get(unit, "PXX"))


def _amount(m: re.Match) -> float | None:
    text = _g(m, "num")
    if not text:
        return None
    n = parse_number(text)
    if n is not None and _g(m, "half"):
        n += 0.5
    return n


def h_duration(m: re.Match, ctx: Context) -> Result | None:
    """Counted spans: three years, the past 20 months, 15 months later, a year ago."""
    n = _amount(m)
    if n is None or n <= 0:
        return None
    after = m.string[m.end() : m.end() + 12]
    unit_word = m.group("unit").lower()
    if unit_word.startswith("quarter") and re.match(r"\s+of\b(?!\s+(?:19|20)\d\d)", after):
        return None  # "three-quarters of its food": a fraction
    num_text = m.group("num").lower()
    if num_text in ("a", "an") and unit_word == "second":
        return None  # "a second group"
    if num_text in ("a", "an") and not _g(m, "post") and _is_rate(m, ctx):
        return None  # "$55 a night", "four flights a week": a rate
    letter, time_unit, gran = unit_of(m.group("unit"))
    post = re.sub(r"\s+", " ", (_g(m, "post") or "").strip().lower())
    if not post:
        if letter in ("E", "C"):
            n, letter = n * (10 if letter == "E" else 100), "Y"
        return Result("DURATION", duration_value(n, letter, time_unit))
    return _offset(n, letter, gran, post, ctx, time_unit)


def h_duration_after(m: re.Match, ctx: Context) -> Result | None:
    """ "a month after the wedding": the date that far from the event the narrative has just
    dated (within a sentence or two); otherwise only the span "a month" is tagged."""
    if ctx.reference is None or ctx.start - ctx.reference_at > 300:
        return None
    if ctx.start >= ctx.reference_at and not m.string[ctx.reference_at : ctx.start].strip(" ,"):
        # "reconnected in 2021, 17 years after their romance ended": an apposition that
        # restates 2021 (the romance ended 17 years before it), not 2021 plus 17 years
        return _date_result(ctx.reference, None, "event")
    return h_duration(m, ctx)


_WEDDING = re.compile(r"(?i:\b(?:married|marry|wed|wedding|marriage|tied\s+the\s+knot)\b)")
_WEDDING_DATE = re.compile(
    rf"(?:(?P<mon>{MON_FULL}|{MON_ABBR})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?"
    rf"(?:(?:in|of)\s+)?(?P<year>(?:19|20)\d\d)\b"
)


def h_anniversary(m: re.Match, ctx: Context) -> Result | None:
    """ "her 11th wedding anniversary": eleven years after the wedding the text dated earlier
    (in a sentence that mentions marrying); untagged when no such date was given."""
    word = m.group("ord").lower()
    n = int(re.match(r"\d+", word).group()) if word[0].isdigit() else _DAY_WORDS.get(word)
    if not n:
        return None
    before = m.string[max(0, m.start() - 3000) : m.start()]
    for sentence in reversed(re.split(r"(?<=[.!?])\s+", before)):
        if not _WEDDING.search(sentence):
            continue
        dates = list(_WEDDING_DATE.finditer(sentence))
        if not dates:
            continue
        d = dates[-1]
        year = int(d.group("year")) + n
        if d.group("mon"):
            month = MONTHS[d.group("mon").rstrip(".").lower()]
            try:
                return _date_result(Point("D", date(year, month, int(d.group("day")))), None,
                                    "event")  # fmt: skip
            except ValueError:
                return None
        return _date_result(Point("Y", date(year, 1, 1)), None, "event")
    return None


def _is_rate(m: re.Match, ctx: Context) -> bool:
    """ "a week" after an amount or a plural noun ("four flights a week") is a rate; after a
    verb ("comes a month after") it is a span."""
    at = m.start("num")
    if not _RATE_BEFORE.search(m.string, max(0, at - 12), at):
        return False
    if ctx.doc is None:
        return True
    span = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    prev = ctx.doc[span.start - 1] if span is not None and span.start > 0 else None
    return prev is None or prev.tag_ not in ("VBZ", "VBP", "VBD", "VB", "VBN", "VBG", "RB")


def _offset(
    n: float, letter: str, gran: str, post: str, ctx: Context, time_unit: bool
) -> Result | None:
    """The date `n` units before/after the document date or the narrative's reference."""
    sign = -1 if post in ("ago", "earlier", "before", "previously", "back") else 1
    if ctx.today is None:
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    unit = {"WE": "W"}.get(letter, letter)
    if time_unit:
        unit, n, gran = "D", n / {"H": 24, "M": 1440, "S": 86400}[letter], "D"
    if letter == "Y" and n == int(n) and ctx.recent_quarter() is not None:
        base, anchor = ctx.recent_quarter(), "event"
    elif post in ("ago", "from now", "hence", "back"):
        base, anchor = Point.of(gran, ctx.today), "dct"
    elif ctx.reference is not None:
        base, anchor = ctx.reference, "event"
    else:
        base, anchor = Point.of(gran, ctx.today), "dct"
    try:
        point = base.shifted(sign * n, unit)
        lo = shift(base.start, sign * n, unit)  # the unit's last day moves to a last day:
        hi = shift(base.end + timedelta(days=1), sign * n, unit) - timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    out = _date_result(point, None, anchor)
    if (lo, hi) != (point.start, point.end):  # the shift moved the unit off its calendar edges
        out.bounds = (lo, hi)
    return out


def h_fuzzy_duration(m: re.Match, ctx: Context) -> Result | None:
    """Vague spans: several years, the next few months, weeks, recent years, years ago."""
    letter, time_unit, _ = unit_of(m.group("unit"))
    post = (_g(m, "post") or "").strip().lower()
    det = (_g(m, "det") or "").lower()
    fz = (_g(m, "fz") or "").lower()
    bare = m.group("t").strip().lower() == m.group("unit").lower()
    if bare and not _BARE_PLURAL_OK.search(ctx_text_before(m)):
        return None
    if post in ("ago", "earlier", "before") or (fz and re.search(r"past|last", det)):
        return ref("PAST_REF")
    if post in ("later", "after") and ctx.reference is not None:
        # "weeks later" in a story told in the past: after the last event, before now
        value = "FUTURE_REF" if ctx.tense == FUTURE else "PAST_REF"
        return Result("DATE", value, anchor="event")
    if post in ("later", "after", "from now"):
        return ref("FUTURE_REF")
    if fz in ("the", "past") and post != "ahead":
        return None  # "the years", "past years": too vague to tag
    if "coming" in fz or "coming" in det or fz == "future":
        return ref("FUTURE_REF")
    if letter == "E":
        letter = "E"
    return Result("DURATION", duration_value(None, letter, time_unit))


def h_set(m: re.Match, ctx: Context) -> Result | None:
    """Recurring times: daily, every Thursday, each July, twice a year."""
    word = m.group("t").lower()
    after = m.string[m.end() : m.end() + 20]
    if m.group("t")[0].isupper() and re.search(r"[\w,]\s*$", ctx_text_before(m)):
        return None  # "US Weekly", "Star Daily": a title mid-sentence
    if word in SET_WORDS and re.match(r"\s+[a-z]+", after) and not _FUNCTION_NEXT.match(after):
        return None  # "daily volume": an adjective, not a time
    key = re.sub(r"^(?:each|every|per|a|an|once\s+a|twice\s+a|\w+\s+times\s+a)\s+", "", word)
    key = re.sub(r"\s+", " ", key)
    if word in SET_WORDS:
        return Result("SET", SET_WORDS[word])
    if key.rstrip(".").rstrip("s") in WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[key.rstrip('.').rstrip('s')]}")
    if key in MONTHS:
        return Result("SET", f"XXXX-{MONTHS[key]:02d}")
    if key in SEASONS:
        return Result("SET", f"XXXX-{SEASONS[key]}")
    if key in PARTS_OF_DAY:
        return Result("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[key]}")
    letter, time_unit, _ = unit_of(key)
    return Result("SET", duration_value(1, letter, time_unit))


# ------------------------------------------------------------------ rules


@dataclass(frozen=True)
class Rule:
    """A phrase class: its name, compiled pattern and normaliser."""

    name: str
    pattern: re.Pattern
    handle: Handler


def _rule(name: str, pattern: str, handle: Handler) -> Rule:
    return Rule(name, re.compile(pattern), handle)


_DAY_WORDS = {w: n for w, n in ORDINALS.items() if n > 0} | {
    f"twenty-{w}": 20 + n for w, n in ORDINALS.items() if 0 < n < 10
} | {"thirtieth": 30, "thirty-first": 31}  # fmt: skip
_DAY = (
    rf"(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|%)"
    rf"|(?P<dayw>(?i:{_alt(list(_DAY_WORDS))}))(?![\w-]))"
)
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|%)"
_PROPER_REFS = list(REFERENCES)
_SET_EVERY = (
    rf"(?i:each|every|per|once\s+a|twice\s+a|(?:three|four|five|several)\s+times\s+a)\s+"
    rf"(?:{WD}|{MON_FULL}|(?i:day|week|month|year|quarter|morning|night|evening|afternoon|"
    rf"weekend|hour|minute|summer|winter|spring|fall|autumn))"
)

RULES: list[Rule] = [
    _rule(
        "full_date",
        rf"{B}(?P<t>(?:(?P<wd>{WD}),?\s+)?(?:(?P<mon>{MON_ANY})\s+{_DAY}(?:,?\s+(?P<year>{YEAR}))?"
        rf"|(?:the\s+)?{_DAY2}(?:\s+of)?\s+(?P<mon2>{MON_FULL})(?:,?\s+(?P<year2>{YEAR}))?))",
        lambda m, c: h_full_date(_fold_month_day(m), c),
    ),
    _rule(
        "numeric_date",
        rf"{B}(?P<t>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
        rf"|(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d))(?![\d/])",
        h_numeric_date,
    ),
    _rule(
        "month_year",
        rf"{B}(?P<t>(?:(?P<mod>{PART_MOD})[\s-]+)?(?P<mon>{MON_FULL}|{MON_ABBR})(?:,?\s+(?:of\s+)?"
        rf"(?P<year>{YEAR})|\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+year)){E}",
        h_month_year,
    ),
    _rule(
        "month",
        rf"{B}(?P<t>(?:(?P<mod>{PART_MOD})[\s-]+)?(?:(?P<rel>(?i:last|this|next|this\s+past|"
        rf"this\s+coming|that))\s+)?(?P<mon>{MON_FULL}|Sept\.)){E}",
        h_month,
    ),
    _rule(
        "year",
        rf"{B}(?P<t>(?:(?P<mod>{PART_MOD})[\s-]+)?(?:(?i:fiscal|calendar|fiscal\s+year|"
        rf"the\s+year|model\s+year|FY)[\s-]*)?(?P<year>{YEAR}))(?![\w'-]|\s*%)",
        h_year,
    ),
    _rule(
        "decade",
        rf"{B}(?P<t>(?i:the\s+)?(?:(?P<mod>{PART_MOD})[\s-]+(?:the\s+)?)?(?P<dec>"
        rf"(?:1[5-9]|20)\d0'?s|'\d0s|(?i:twenties|thirties|forties|fifties|sixties|seventies|"
        rf"eighties|nineties|aughts|noughties))){E}",
        h_decade,
    ),
    _rule(
        "century",
        rf"{B}(?P<t>(?i:the\s+)?(?:(?P<mod>{PART_MOD})[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|"
        rf"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
        rf"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
        rf"twentieth|twenty-first))[\s-]+(?i:century)){E}",
        h_century,
    ),
    _rule(
        "quarter",
        rf"{B}(?P<t>(?:(?P<det>(?i:the|this|last|next|this\s+year's|last\s+year's|"
        rf"next\s+year's|the\s+year-ago|the\s+year-earlier|year-ago|year-earlier))\s+(?!\w+-))?(?:(?i:fiscal|calendar)[\s-]+)?(?:(?P<yr>(?:19|20)\d\d)\s+)?"
        rf"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|last|final))[\s-]+"
        rf"(?:(?i:fiscal)[\s-]+)?(?P<q>(?i:quarter|half))(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?"
        rf"(?P<year>{YEAR}))?){E}",
        h_quarter,
    ),
    _rule(
        "rel_quarter",
        rf"{B}(?P<t>(?i:the\s+)?(?P<rel>(?i:this|current|last|previous|past|prior|next|latest|"
        rf"most\s+recent|same|that|year-earlier|year-ago|comparable\s+year-ago|year\s+earlier|"
        rf"year\s+ago|corresponding|comparable|last\s+year's|(?:19|20)\d\d))"
        rf"[\s-]+(?i:quarter|period)(?P<ago>\s+(?i:a\s+year\s+(?:ago|earlier)|last\s+year|"
        rf"of\s+(?:the\s+)?(?:previous|prior|last)\s+year))?){E}(?!-)",
        h_rel_quarter,
    ),
    _rule(
        "the_quarter",
        rf"{B}(?P<t>(?P<rel>(?i:the))\s+(?i:quarter)(?P<ago>\s+(?i:a\s+year\s+(?:ago|earlier)))?)"
        rf"{E}(?!-|\s+(?:of|point|percent|century))",
        h_rel_quarter,
    ),
    _rule(
        "the_year",
        rf"(?P<by>(?i:by|at)\s+)?{B}(?P<t>(?:(?P<mod>{PART_MOD})\s+)?(?:(?i:the|around)\s+)?"
        rf"(?P<kind>(?i:(?:fiscal|full|current|latest\s+fiscal|calendar)\s+)?(?i:year|month|week|"
        rf"weekend))(?P<end>(?:'s)?[\s-](?i:end)|-end)?)(?P<ended>\s+(?i:ended|ending|to\s+date))?"
        rf"(?![\w-])",
        h_the_year,
    ),
    _rule("year_earlier", rf"{B}(?P<t>(?i:year-earlier|year-ago)){E}", h_year_earlier),
    _rule(
        "season",
        rf"{B}(?P<t>(?:(?P<rel>(?i:this|last|next|early|late|mid|the\s+early|the\s+late|the|"
        rf"this\s+past|this\s+coming|that|past|coming|{PART_MOD}(?:\s+this|\s+last|\s+next)?))"
        rf"[\s-]+)?(?P<s>(?i:spring|summer|fall|autumn|winter))(?:,?\s+(?:of\s+)?"
        rf"(?P<year>{YEAR}))?){E}",
        h_season,
    ),
    _rule(
        "deictic_day",
        rf"{B}(?P<t>(?:(?P<pod0>(?i:(?:early|mid|late)[\s-]?)?(?i:morning|afternoon|evening))\s+)?"
        rf"(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<before>(?i:the\s+day\s+"
        rf"before)\s+)?(?P<after>(?i:the\s+day\s+after)\s+)?(?P<d>(?i:today|tonight|yesterday|"
        rf"tomorrow))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?){E}(?!-)",
        h_deictic_day,
    ),
    _rule(
        "clock",
        rf"{B}(?P<t>(?:(?i:around|about|approximately|shortly\s+(?:before|after))\s+)?(?:(?P<hh>[012]?\d)(?::(?P<mm>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.|p\.m\.|"
        rf"a\.m|p\.m|am|pm)(?!\w))|(?P<word>(?i:noon|midnight|midday)))(?:\s+(?:[A-Z]{{2}}T|"
        rf"GMT|UTC))?(?:,?\s+(?:(?P<day>{WD}|(?i:today|yesterday|tomorrow))|(?P<mon>{MON_ANY})\s+"
        rf"(?P<dd>[0-3]?\d)(?!\d)))?)",
        h_clock,
    ),
    _rule(
        "weekday",
        rf"{B}(?P<t>(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?:(?P<rel>(?i:last|this|next|"
        rf"this\s+past|this\s+coming|(?:the\s+)?(?:previous|preceding|following)))\s+)?"
        rf"(?P<wd>{WD})(?:\s+(?P<pod>(?i:morning|afternoon|evening|night))(?P<many>s)?)?)"
        rf"(?![\w-])",
        h_weekday,
    ),
    _rule(
        "part_of_day",
        rf"{B}(?P<t>(?P<rel>(?i:this|last|early\s+this|late\s+this|later\s+this|earlier\s+this|"
        rf"early|mid|late)(?:\s+|(?<=mid)-?))(?P<pod>(?i:morning|afternoon|evening|night))){E}",
        h_part_of_day,
    ),
    _rule("reference", rf"{B}(?P<t>(?i:{_alt(_PROPER_REFS)})){E}(?![-'])", h_reference),
    _rule(
        "ref_word",
        rf"{B}(?P<t>(?P<then>(?i:then)[\s-]+)?(?P<w>(?i:current|recent|soon))){E}(?![-'])",
        h_ref_word,
    ),
    _rule(
        "rel_unit",
        rf"{B}(?P<t>(?:(?P<mod>{PART_MOD})\s+)?(?P<rel>(?i:this\s+past|this\s+coming|"
        rf"(?:the\s+)?(?:past|last|coming|next|current|previous|following|prior|same|preceding)|"
        rf"this|that))\s+(?:(?i:fiscal)\s+)?(?P<unit>(?i:week|weekend|month|year|decade|"
        rf"century|day)))(?![\w-])(?!\s+(?:old|ago|earlier|later))",
        h_rel_unit,
    ),
    _rule(
        "in_the_unit",
        rf"{B}(?P<t>(?P<mod>(?i:earlier|later|early|late))\s+(?i:in\s+)?(?i:the)\s+(?P<unit>"
        rf"(?i:day|week|month|year))){E}",
        h_in_the_unit,
    ),
    _rule(
        "pod_of_the_day",
        rf"{B}(?i:in|during|by)\s+(?P<t>(?i:the)\s+(?P<pod>(?i:morning|afternoon|evening))){E}",
        h_pod_of_the_day,
    ),
    _rule(
        "nth_day_today",
        rf"{B}(?i:today|it|this)\s*(?i:\s+is|'s|’s)\s+(?P<t>(?i:the\s+)?(?P<ord>"
        rf"(?i:{_alt(list(_DAY_WORDS))})|\d{{1,3}}(?:st|nd|rd|th))\s+(?i:straight\s+)?"
        rf"(?i:day))\s+(?i:of|in|since)\b",
        h_nth_day_today,
    ),
    _rule(
        "until_then",
        rf"{B}(?i:until|till|by)\s+(?P<t>(?i:then)){E}",
        h_until_then,
    ),
    _rule(
        "this_moment",
        rf"{B}(?P<t>(?i:this|the\s+present)\s+(?:(?i:crucial|critical|difficult|very|"
        rf"particular|historic)\s+)?(?i:moment))\b",
        lambda m, c: ref("PRESENT_REF"),
    ),
    _rule(
        "vague_span",
        rf"{B}(?i:for|over|through|during|in|after)\s+(?P<t>(?i:a\s+while|"
        rf"the\s+(?:early\s+|later\s+|following\s+)?(?P<unit>years|decades))){E}",
        h_vague_span,
    ),
    _rule(
        "duration",
        rf"{B}(?P<t>(?:{MOD_PRE}\s+)?(?:(?P<det>(?i:the\s+(?:last|past|next|first|previous|"
        rf"coming|following|final|latest|remaining|same|preceding|prior|initial|year-earlier|"
        rf"year-ago)|the|another|those|these))\s+)?(?P<num>{NUM})(?:\s+(?i:more|full|straight|consecutive|long|"
        rf"additional|further|extra|trading|business|working|calendar))?(?:\s+|-)(?P<unit>(?i:{_UNITS_WORD}))(?P<half>\s+and\s+a\s+"
        rf"half)?(?:\s+(?i:or\s+so|and\s+counting))?(?P<post>\s+(?i:ago|earlier|later|"
        rf"from\s+now|hence|previously|back))?)(?![\w-])(?!\s+old)",
        h_duration,
    ),
    _rule(
        "anniversary",
        rf"{B}(?P<t>(?P<ord>\d{{1,3}}(?:st|nd|rd|th)|(?i:{_alt(list(_DAY_WORDS))}))[\s-]+"
        rf"(?P<wed>(?i:wedding\s+))?(?i:anniversary)){E}",
        h_anniversary,
    ),
    _rule(
        "fuzzy_duration",  # (?!\s): never start inside a whitespace run (quadratic backtracking)
        rf"{B}(?!\s)(?P<t>(?:{MOD_PRE}\s++)?(?:(?P<det>(?i:the\s+(?:last|past|next|coming|previous|"
        rf"following|recent)))\s++)?(?P<fz>{FUZZY}|(?i:recent|coming|the\s+coming|"
        rf"the\s+past|the\s+last|the\s+next|future|the|past))?\s*+(?P<unit>(?i:seconds|minutes|hours|"
        rf"days|weeks|weekends|months|quarters|years|decades|centuries))(?P<post>\s+(?i:ago|"
        rf"earlier|later|ahead))?)(?![\w-])(?!\s+old)",
        h_fuzzy_duration,
    ),
    _rule(
        "set",
        rf"{B}(?P<t>{_SET_EVERY}|(?i:{_alt(list(SET_WORDS))})|{WD_FULL}s(?=\s))(?![\w-])",
        h_set,
    ),
]

# Not in RULES: the tagger tries it on a counted duration, once the narrative has a date.
DURATION_AFTER = _rule(
    "duration_after",
    rf"{B}(?P<t>(?:{MOD_PRE}\s+)?(?P<num>{NUM})(?:\s+|-)(?P<unit>(?i:{_UNITS_WORD}))"
    rf"(?P<post>\s+(?i:after|before)))(?=\s+(?i:the|their|his|her|its|our|my)\s)",
    lambda m, c: h_duration_after(m, c),
)

_SPRING_OK = re.compile(r"(?i:\b(?:in|this|last|next|the|by|until|since|early|late)\s*)$")
_FUNCTION_NEXT = re.compile(r"\s+(?:and|or|but|to|for|in|at|on|by|from|since|until|through)\b")
_RATE_BEFORE = re.compile(
    r"(?:\d|%|\b(?:million|billion|thousand|hundred|percent|cents?|dollars?|[a-z]+s))\s*$"
)
_BARE_PLURAL_OK = re.compile(r"(?i:\b(?:for|over|in|within|after|take|takes|took|taken|lasted|"
                             r"last|lasts|spent|spend|than)\s+)$")  # fmt: skip


def _fold_month_day(m: re.Match) -> re.Match:
    """Let the Day-Month order of `full_date` use the same handler as Month-Day."""
    if m.group("mon") is None:
        return _Folded(m)  # type: ignore[return-value]
    return m


class _Folded:
    """A view of a Day-Month match with the Month-Day group names."""

    def __init__(self, m: re.Match) -> None:
        self._m = m
        self.string = m.string

    def group(self, name: str | int = 0) -> str | None:
        alias = {"mon": "mon2", "year": "year2", "day": "day2"}
        return (
            self._m.group(alias.get(name, name)) if isinstance(name, str) else self._m.group(name)
        )

    def groupdict(self) -> dict[str, str | None]:
        d = dict(self._m.groupdict())
        d["mon"], d["year"], d["day"] = d.get("mon2"), d.get("year2"), d.get("day2")
        return d

    def start(self, *a: object) -> int:
        return self._m.start(*a)
