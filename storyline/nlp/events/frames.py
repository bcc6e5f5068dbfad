"""The frame spec: every event kind is one record in `frames/*.toml`, loaded here once.

A frame names a kind of happening (grounded on ACE/ERE event subtypes and FrameNet frames), the
words that tell it (trigger verbs and nouns, support constructions, Matcher patterns) and the
properties later stages read (pair, once per participant, the states it opens or closes, the
news window). Stages test these properties, never type names (docs/events.md).

Token shorthand in the files: `verb = [...]` (lemmas tagged VERB/AUX), `noun = [...]` (lemmas
tagged NOUN), `forms = [...]` (every inflected form on the lower-cased text: Title Case
headlines and mis-tagged idioms), `word = [...]` (lower-cased forms); other UPPERCASE keys are
spaCy Matcher attributes; a string "@NAME" is a list (`[lists]`) or a whole token (`[tokens]`)
of `_lexicon.toml`; `TRIGGER = true` marks the trigger token (else the span's syntactic root).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

Pattern = list[dict[str, Any]]
FRAMES_DIR = Path(__file__).with_name("frames")
OPEN = "other"  # the open layer's frame: a predicate outside every frame
MINOR = "minor"  # the open layer's light, mental, aspectual and perception verbs
PossessorRole = Literal["agent", "patient"]

IRREGULAR = {"give": ["gave", "given"], "tie": ["tying"], "take": ["took", "taken"],
             "break": ["broke", "broken"], "call": [], "step": ["stepped", "stepping"],
             "go": ["went", "gone"], "lay": ["laid"]}


def forms(base: str) -> list[str]:
    """A verb's inflected forms, regular rules plus IRREGULAR (over-generation is harmless)."""
    out = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        out |= {base[:-1] + "ing"}
    if base.endswith("y"):
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    return sorted(out | set(IRREGULAR.get(base, [])))


@dataclass(frozen=True)
class EventRule:
    """One way a frame is worded: Matcher `tokens` patterns or DependencyMatcher `deps`.

    For token patterns the trigger is the token marked TRIGGER (`trigger_at`, per pattern) or
    else the matched span's syntactic root; for dependency patterns the node "trigger".
    """

    type: str
    name: str
    tokens: list[Pattern] = field(default_factory=list)
    deps: list[Pattern] = field(default_factory=list)
    trigger_at: tuple[int | None, ...] = ()
    named_subject: bool = False  # only when the subject is a name/pronoun, not "a source"
    time_from_report: bool = False  # a rumour's own date dates this event (allegations)
    detail: bool = False  # collect what was notable ("without her wedding ring")
    # Objects (or passive subjects) that make a match something else: "reports were published"
    not_objects: frozenset[str] = frozenset()
    # Objects one of which must be there: "withdrew the photo" (not "withdrew from the race")
    only_objects: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()  # a word just before that makes it something else
    needs_argument: bool = False  # a bare "Published" on a page line is no release of anything
    possessor: PossessorRole | None = None  # overrides the frame's
    # A support verb's subject: "prosecutors filed charges" (agent), "X faced charges" (the
    # frame's possessor role when None)
    subject_role: PossessorRole | None = None


@dataclass(frozen=True)
class Frame:
    """One kind of happening and the properties merge, state, contradictions and render read."""

    name: str
    pack: str
    ace: str | None = None  # ACE/ERE event subtype ("Life.Marry"), when there is one
    framenet: str | None = None  # FrameNet frame name
    roles: tuple[str, ...] = ()
    pair: bool = False  # between two people: "the couple"/"they" resolve to the pair
    arity: int | None = None  # at most this many participants (a pair: 2)
    once_per_participant: bool = False  # a couple marries once: other dates contradict
    generic: bool = False  # pools across articles only with a shared participant and time/place
    news_window: bool = False  # undated mentions published within days are the same news
    by_predicate: bool = False  # the predicate tells two events of this frame apart
    topic_neutral: bool = False  # says nothing about what a story is about (statements)
    legal_end: bool = False  # ends a marriage in law (a divorce, not a separation)
    # People-centred: an indefinite noun told about nobody ("women ... after a secret split")
    # is a generic remark, not an event
    personal: bool = False
    speech: bool = False  # an act of speaking: one interview over several sentences is one
    open: bool = False  # the open layer
    folded: bool = False  # shown only under "show all" (salience): no happening on its own
    opens: str | None = None  # the state it starts ("married", "role")
    closes: tuple[str, ...] = ()  # the states it ends
    possessor: PossessorRole = "agent"  # "his resignation": agent; "his arrest": patient
    # frames or open-layer predicates this frame is an incompatible account of ("victim of
    # theft" against "paid the debts"): the same origin telling both has changed its account
    alternative_accounts: frozenset[str] = frozenset()
    rules: tuple[EventRule, ...] = ()

    @property
    def repeatable(self) -> bool:
        """Can happen again to the same participants (a split, a move): the opposite of once."""
        return not self.once_per_participant

    @property
    def max_participants(self) -> int | None:
        return 2 if self.pair and self.arity is None else self.arity


@dataclass(frozen=True)
class Lexicon:
    """The open layer's word lists and the sighting detail cues, from `_lexicon.toml`."""

    open_excluded: frozenset[str]
    reporting: frozenset[str]
    abstract_objects: frozenset[str]
    detail_preps: frozenset[str]
    detail_verbs: frozenset[str]
    negations: tuple[str, ...]
    support_verbs: frozenset[str]


def _read_lexicon() -> dict[str, Any]:
    with (FRAMES_DIR / "_lexicon.toml").open("rb") as fh:
        return tomllib.load(fh)


def _resolve(value: Any, lists: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return list(lists[value[1:]])
    if isinstance(value, dict):
        return {k: _resolve(v, lists) for k, v in value.items()}
    return value


def token_spec(spec: Any, lex: dict[str, Any]) -> dict[str, Any]:
    """One shorthand token (see the module docstring) as a spaCy Matcher token pattern."""
    if isinstance(spec, str):
        return dict(lex["tokens"][spec.lstrip("@")])
    lists = lex["lists"]
    out: dict[str, Any] = {}
    for key, value in spec.items():
        value = _resolve(value, lists)
        if key == "verb":
            out["LEMMA"] = {"IN": list(value)}
            out["POS"] = {"IN": ["VERB", "AUX"]}
        elif key == "noun":
            out["LEMMA"] = {"IN": list(value)}
            out["POS"] = "NOUN"
        elif key == "forms":
            out["LOWER"] = {"IN": [f for base in value for f in forms(base)]}
        elif key == "word":
            out["LOWER"] = {"IN": list(value)}
        elif key != "TRIGGER":
            out[key] = value
    return out


def _pattern(tokens: list[Any], lex: dict[str, Any]) -> tuple[Pattern, int | None]:
    pattern = [token_spec(t, lex) for t in tokens]
    marked = [i for i, t in enumerate(tokens) if isinstance(t, dict) and t.get("TRIGGER")]
    if not marked:
        return pattern, None
    if any("OP" in p for p in pattern[: marked[0]]):
        raise ValueError(f"TRIGGER after an optional token cannot be located: {tokens}")
    return pattern, marked[0]


def _dep_pattern(nodes: list[dict[str, Any]], lex: dict[str, Any]) -> Pattern:
    return [{**n, "RIGHT_ATTRS": token_spec(n["RIGHT_ATTRS"], lex)} if "RIGHT_ATTRS" in n
            else dict(n) for n in nodes]


def _rule(name: str, raw: dict[str, Any], lex: dict[str, Any]) -> EventRule:
    lists = lex["lists"]
    compiled = [_pattern(p, lex) for p in raw.get("tokens", [])]
    return EventRule(
        type=name, name=raw["name"],
        tokens=[p for p, _ in compiled], trigger_at=tuple(t for _, t in compiled),
        deps=[_dep_pattern(p, lex) for p in raw.get("deps", [])],
        named_subject=raw.get("named_subject", False),
        time_from_report=raw.get("time_from_report", False),
        detail=raw.get("detail", False),
        not_objects=frozenset(_resolve(raw.get("not_objects", []), lists)),
        only_objects=frozenset(_resolve(raw.get("only_objects", []), lists)),
        not_after=frozenset(raw.get("not_after", [])),
        needs_argument=raw.get("needs_argument", False),
        possessor=raw.get("possessor"),
    )


def _simple_rules(name: str, raw: dict[str, Any], lex: dict[str, Any]) -> list[EventRule]:
    """`verbs`, `nouns` and `support` ([light verb, event noun]) as rules; the noun of a support
    construction is the trigger ("underwent surgery": surgery, dated by the verb)."""
    tokens: list[tuple[list[Any], int | None]] = []
    if raw.get("verbs"):
        tokens.append(([{"verb": raw["verbs"]}], None))
    if raw.get("nouns"):
        tokens.append(([{"noun": raw["nouns"], "DEP": {"NOT_IN": ["compound"]}}], None))
    subject: list[str | None] = [None] * len(tokens)
    for light, event_noun, *role in raw.get("support", []):
        tokens.append(([{"verb": [light]}, "@NOUN_MODIFIERS",
                        {"LEMMA": {"IN": [event_noun]}, "POS": {"IN": ["NOUN", "PROPN"]}}], -1))
        subject.append(role[0] if role else None)
    return [EventRule(type=name, name=f"{name}_{n}", tokens=[_pattern(toks, lex)[0]],
                      trigger_at=(at,), subject_role=subject[n])  # type: ignore[arg-type]
            for n, (toks, at) in enumerate(tokens)]


FRAME_FIELDS = ("ace", "framenet", "pair", "arity", "once_per_participant", "generic",
                "news_window", "by_predicate", "topic_neutral", "legal_end", "personal", "speech",
                "open", "folded", "opens", "possessor")


def _frame(raw: dict[str, Any], pack: str, lex: dict[str, Any]) -> Frame:
    name = raw["name"]
    rules = _simple_rules(name, raw, lex) + [_rule(name, r, lex) for r in raw.get("rule", [])]
    return Frame(name=name, pack=pack, roles=tuple(raw.get("roles", ())),
                 closes=tuple(raw.get("closes", ())), rules=tuple(rules),
                 alternative_accounts=frozenset(raw.get("alternative_accounts", ())),
                 **{k: raw[k] for k in FRAME_FIELDS if k in raw})


@cache
def frames() -> dict[str, Frame]:
    """Every frame by name, in the packs' order (`_lexicon.toml` `packs`)."""
    lex = _read_lexicon()
    out: dict[str, Frame] = {}
    for pack in lex["packs"]:
        with (FRAMES_DIR / f"{pack}.toml").open("rb") as fh:
            data = tomllib.load(fh)
        for raw in data.get("frame", []):
            if raw["name"] in out:
                raise ValueError(f"frame {raw['name']!r} defined twice")
            out[raw["name"]] = _frame(raw, pack, lex)
    return out


def frame(name: str) -> Frame:
    """The frame of an event type; an unknown type is an open event."""
    table = frames()
    return table.get(name) or table[OPEN]


def names() -> tuple[str, ...]:
    """The valid event types: every frame's name."""
    return tuple(frames())


def kinds(test: Callable[[Frame], bool]) -> frozenset[str]:
    """Names of the frames with a property, e.g. `kinds(lambda f: f.pair)`."""
    return frozenset(n for n, f in frames().items() if test(f))


def rules() -> list[EventRule]:
    """Every frame's rules in order (ties between equally long matches go to the first)."""
    return [r for f in frames().values() for r in f.rules]


@cache
def lexicon() -> Lexicon:
    lex = _read_lexicon()
    words = lex["open"]
    support = {light for pack in lex["packs"] for light in _support_verbs(pack)}
    return Lexicon(
        open_excluded=frozenset(words["excluded"].split()),
        reporting=frozenset(words["reporting"].split()),
        abstract_objects=frozenset(words["abstract_objects"].split()),
        detail_preps=frozenset(lex["detail"]["preps"]),
        detail_verbs=frozenset(lex["detail"]["verbs"]),
        negations=tuple(lex["lists"]["NEGATIONS"]),
        support_verbs=frozenset(support),
    )


def _support_verbs(pack: str) -> list[str]:
    with (FRAMES_DIR / f"{pack}.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return [s[0] for raw in data.get("frame", []) for s in raw.get("support", [])]
