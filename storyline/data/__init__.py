"""Knowledge as data: the lexicons shipped in storyline/data, read and checked by one loader.

Mechanisms stay in code (storyline/nlp/attribution/certainty.py scopes and combines cues);
what a word means for certainty (its implication signature, whether it is a reporting verb) lives in
`certainty.json`, so adding a predicate is a data edit.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, get_args

from storyline.model import CERTAINTIES

Sign = Literal["+", "-", "o"]  # happened, did not happen, no commitment
Scope = Literal["complement", "denial", "subtree", "auto"]
Complement = Literal["to", "that", "clause_or_object", "any"]


@dataclass(frozen=True)
class PredicateClass:
    """Embedding predicates sharing an implication signature P/N (Karttunen 2012)."""

    name: str
    positive: Sign  # what a positive use implies about the complement
    negative: Sign  # what a negated use implies
    speech: bool  # an act of saying: '+' is reported, '-' is denied
    attribution: bool  # its verbs are reporting verbs (attribution.py)
    unknown: str  # the certainty of an 'o' in a positive use
    unknown_negated: str  # the certainty of an 'o' under negation
    scope: Scope
    complement: Complement
    words: frozenset[str]
    # a word list ("denied_things") one of whose words a verb of this class must take as its
    # object unless it has a clause: "withdrew its report", not "withdrew the photo"
    objects: str | None = None

    def outcome(self, negated: bool) -> str | None:
        """The certainty this predicate gives its complement; None when it happened (the
        certainty stays what the attribution made it)."""
        sign = self.negative if negated else self.positive
        if sign == "+":
            return "reported" if self.speech else None
        if sign == "-":
            return "denied" if self.speech else "negated"
        return self.unknown_negated if negated else self.unknown


@dataclass(frozen=True)
class CertaintyLexicon:
    """Predicate classes in file order (the first class listing a word decides) and word lists."""

    classes: tuple[PredicateClass, ...]
    words: dict[str, frozenset[str]]

    def classes_of(self, lemma: str, form: str) -> list[PredicateClass]:
        """Every class listing the lemma or the word form, in file order."""
        found = self._by_word.get(lemma, ())
        if form != lemma and form in self._by_word:
            found = tuple(sorted({*found, *self._by_word[form]}))
        return [self.classes[k] for k in found]

    @functools.cached_property
    def listed(self) -> frozenset[str]:
        """Every word some class lists: `classes_of(lemma, form)` is empty unless the lemma
        or the form is one of them."""
        return frozenset(self._by_word)

    @functools.cached_property
    def _by_word(self) -> dict[str, tuple[int, ...]]:
        """Word -> the positions of the classes listing it (asked for every token of a
        sentence, for each claim in it)."""
        out: dict[str, list[int]] = {}
        for k, c in enumerate(self.classes):
            for w in c.words:
                out.setdefault(w, []).append(k)
        return {w: tuple(ks) for w, ks in out.items()}

    def speech_verbs(self) -> dict[str, str]:
        """Reporting verb lemma -> the certainty it lends what it reports (first class wins)."""
        out: dict[str, str] = {}
        for c in self.classes:
            if c.attribution:
                for w in sorted(c.words):
                    out.setdefault(w, c.outcome(False) or "reported")
        return out


def load_json(name: str) -> Any:
    """A JSON file shipped in storyline/data."""
    text = resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def _predicate_class(raw: dict[str, Any]) -> PredicateClass:
    name = raw.get("name", "?")
    sig = str(raw.get("signature", ""))
    pos, _, neg = sig.partition("/")
    signs = get_args(Sign)
    if pos not in signs or neg not in signs:
        raise ValueError(f"certainty.json class {name}: bad signature {sig!r}")
    unknown = raw.get("unknown", "speculated")
    unknown_negated = raw.get("unknown_negated", unknown)
    for value in (unknown, unknown_negated):
        if value not in CERTAINTIES:
            raise ValueError(f"certainty.json class {name}: {value!r} is not a certainty")
    scope = raw.get("scope", "auto")
    complement = raw.get("complement", "any")
    if scope not in get_args(Scope) or complement not in get_args(Complement):
        raise ValueError(f"certainty.json class {name}: bad scope or complement")
    return PredicateClass(
        name, pos, neg, bool(raw.get("speech")), bool(raw.get("attribution")), unknown,
        unknown_negated, scope, complement, frozenset(w.lower() for w in raw["words"]),
        raw.get("objects"),
    )


@functools.cache
def certainty_lexicon() -> CertaintyLexicon:
    """The certainty lexicon (storyline/data/certainty.json), checked once and cached."""
    data = load_json("certainty.json")
    classes = tuple(_predicate_class(c) for c in data["classes"])
    words = {k: frozenset(v["words"]) for k, v in data["words"].items()}
    return CertaintyLexicon(classes, words)


@dataclass(frozen=True)
class OutletLexicon:
    """News outlets known by name (`outlets.json`): read by ingest (outlets credited in the
    text), nlp (outlet mentions) and story (origins), so all three know the same outlets."""

    outlets: dict[str, tuple[str, ...]]  # canonical name -> lower-case aliases
    ambiguous: frozenset[str]  # also ordinary words: only capitalised, in a reporting position
    outlet_words: frozenset[str]  # last words that make an organisation look like an outlet
    outlet_nouns: frozenset[str]  # "the outlet", "the publication": an outlet already named


@functools.lru_cache(maxsize=1)
def outlet_lexicon() -> OutletLexicon:
    raw = load_json("outlets.json")
    return OutletLexicon(
        outlets={name: tuple(aliases) for name, aliases in raw["outlets"].items()},
        ambiguous=frozenset(raw["ambiguous"]),
        outlet_words=frozenset(raw["outlet_words"]),
        outlet_nouns=frozenset(raw["outlet_nouns"]),
    )
