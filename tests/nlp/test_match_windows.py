"""Running the event Matcher only where each pattern can start finds exactly what a whole-Doc run
does; the dependency matcher is skipped only where it cannot match;
the timex rule gates skip no match; the per-Doc text memo is the Doc's text."""

from __future__ import annotations

import re

from storyline.nlp import events
from storyline.nlp.doc_text import doc_text
from storyline.nlp.events import RULES
from storyline.nlp.match_windows import WindowedMatcher, reach_of, windows
from storyline.nlp.time import tagger
from storyline.nlp.time.grammar import RULES as TIME_RULES

TEXT = (
    "Harbour Lines said on Monday that its chief executive, Oren Valdt, had resigned. "
    "Valdt, who married the architect Ilse Marren in 2011, stepped down after nine years "
    "in the post.\n\nThe couple got very quietly engaged in the spring of 2010, a friend said, "
    "and they have been seeing each other since the late nineties. Marren was appointed as "
    "director of the city museum last quarter; she had split from her first husband years "
    "earlier and gave birth to twins in 2014. Officials announced the award on Tuesday."
)


def test_windowed_token_matches_equal_whole_doc(nlp) -> None:
    doc = nlp(TEXT)
    tok_matcher, _ = events.matchers(doc.vocab)
    whole = tok_matcher(doc)
    assert len(whole) >= 5  # the text exercises several rules, gaps included
    keys = [f"{i}:{j}" for i, rule in enumerate(RULES) for j in range(len(rule.tokens))]
    rank = {doc.vocab.strings[key]: k for k, key in enumerate(keys)}
    assert events.token_matches(doc) == sorted(whole, key=lambda m: (m[1], m[2], rank[m[0]]))
    # find_hits's longest-first sort keeps the whole-Doc run's order among equal spans
    longest = lambda m: (m[1] - m[2], m[1])  # noqa: E731
    assert sorted(events.token_matches(doc), key=longest) == sorted(whole, key=longest)


def test_windowed_matcher_runs_each_pattern_where_it_starts(nlp) -> None:
    doc = nlp("They got engaged. Then they got very quietly engaged. We got it. Engaged.")
    patterns = [
        ("a", [{"LEMMA": "get"}, {"POS": {"IN": ["ADV"]}, "OP": "*"}, {"LOWER": "engaged"}]),
        ("b", [{"LOWER": "engaged"}]),
        ("c", [{"LEMMA": "get"}, {"LOWER": "it"}]),
    ]
    found = [(doc.vocab.strings[k], doc[a:b].text) for k, a, b in WindowedMatcher(
        doc.vocab, patterns)(doc)]
    assert found == [("a", "got engaged"), ("b", "engaged"), ("a", "got very quietly engaged"),
                     ("b", "engaged"), ("c", "got it"), ("b", "Engaged")]
    unbounded = WindowedMatcher(doc.vocab, [("v", [{"POS": "VERB"}]), *patterns[1:2]])
    assert [(doc.vocab.strings[k], doc[a:b].text) for k, a, b in unbounded(doc)] == [
        ("v", "engaged"), ("b", "engaged"), ("v", "engaged"), ("b", "engaged"), ("v", "got"),
        ("v", "Engaged"), ("b", "Engaged")]  # a whole-Doc run ("got" is AUX twice), sorted


def test_dependency_matcher_skipped_only_without_an_anchor_word(nlp) -> None:
    _, dep = events.matchers(nlp.vocab)
    for text in ("She was not wearing her ring.", "Photos of Mara Quill leaving the club.",
                 "Prices rose on Monday."):
        doc = nlp(text)
        assert events.dep_matches(doc) == dep(doc)
    assert events.dep_matches(nlp("She was not wearing her ring.")) != []


def test_windows_cover_every_match_and_not_the_whole_doc(nlp) -> None:
    doc = nlp(TEXT)
    reaches = [reach_of(p) for rule in RULES for p in rule.tokens]
    assert all(r is not None for r in reaches)
    spans = windows(doc, reaches)
    tok_matcher, _ = events.matchers(doc.vocab)
    for _, start, end in tok_matcher(doc):
        assert any(lo <= start and end <= hi for lo, hi in spans)
    assert sum(hi - lo for lo, hi in spans) < len(doc) / 2


def test_unbounded_patterns_have_no_reach() -> None:
    assert reach_of([{"POS": "VERB"}]) is None  # no word to start from
    assert reach_of([{"LOWER": "a"}, {"OP": "*"}]) is None  # a gap that takes any token
    assert reach_of([{"LOWER": {"REGEX": "^a"}}]) is None
    r = reach_of([{"LEMMA": "get"}, {"POS": {"IN": ["ADV"]}, "OP": "*"}, {"LOWER": "engaged"}])
    assert r is not None and r.fixed == 2 and r.free_pos == {"ADV"}


def test_timex_gates_skip_no_match() -> None:
    for i, rule in enumerate(TIME_RULES):
        gate = tagger._RULE_GATES[i]
        if gate is None:
            continue
        for m in rule.pattern.finditer(TEXT + " Sept. 4, the 1990s, the third quarter of 1998"):
            assert gate.search(m.group(0)), (rule.name, m.group(0))
    assert tagger.candidates("nothing of the sort") == []


def test_timex_rules_tried_at_their_starts_find_what_finditer_finds() -> None:
    from storyline.nlp.time.starts import Starts, fold

    starts = Starts([rule.pattern for rule in TIME_RULES])
    assert sum(t is None for t in starts.tables) <= 2  # nearly every rule has a start table
    texts = [TEXT, "LAST YEAR, on Sept. 4, 1998 at 12:30 p.m. EST, the year-earlier quarter",
             "La\u017ft year and \u0131t's the 3rd day of talks; the  1990s, '90s, \u201980s",
             "mid-1990s, fiscal 1999, two-and-a-half years, a few days \u00a0later, FY1998",
             "  several    weeks ago, by the end of the year, in the morning, today"]
    for text in texts:
        for i, rule in enumerate(TIME_RULES):
            whole = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in starts.matches(i, text)] == whole
    assert [fold(c) for c in "A \u00a07\u0663\u017f\u0130"] == ["a", " ", " ", "0", "0",
                                                               "\u017f", "i"]


def test_doc_text_is_the_docs_text(nlp) -> None:
    a, b = nlp("One text."), nlp("Another text.")
    assert doc_text(a) == a.text and doc_text(b) == b.text and doc_text(a) == a.text


def test_window_search_finds_what_search_of_the_window_finds() -> None:
    from storyline.nlp.entities import tables as T
    from storyline.nlp.entities import typing as TY
    from storyline.nlp.time.starts import _WINDOW_PATTERNS, WindowSearch, window_search

    patterns = [T.OUTLET_BEFORE, T.WORK_BEFORE, T.ORG_BEFORE, T.PERSON_BEFORE, T.ROLE_BEFORE,
                TY._KIN_BEFORE, TY._CHILD_BEFORE, TY._YOUNG_BEFORE, TY._TIME_BEFORE,
                re.compile(r"\bthe\s+$"), re.compile(r"-based\s+$")]
    # only patterns every match of which opens with \b are indexed; "-based" is searched plainly
    assert [_WINDOW_PATTERNS.add(p) is None for p in patterns] == [False, False, True] + \
        [False] * 7 + [True]
    texts = ["Ms. Ada Lind told the Harbour Gazette, according to the film \u201cSalt",
             "chief executive Per Moe; his daughter, named Willa; a 3-year-old Otto on \n",
             "the Oslo-based Nordvik Opera, MR. \u017fMITH, \u0130stanbul mrs  Vik, xmr Ola",
             "THE SINGER Mara Lind, son  Aleph;\tDURING Easter, 17-year-old  ",
             "", "a", "Dr.\nWho", "told  \t the "]
    for text in texts:
        ws = WindowSearch(text)
        for hi in range(len(text) + 1):
            for lo in range(hi + 1):
                for p in patterns:
                    assert ws.search(p, lo, hi) == (p.search(text[lo:hi]) is not None), \
                        (p.pattern[:20], text[lo:hi])
    text = texts[2]
    at = text.index("mr Ola")  # a window opening inside "xmr": a word boundary there
    assert window_search(text).search(T.PERSON_BEFORE, at, at + 3)
    assert not window_search(text).search(T.PERSON_BEFORE, at - 1, at + 3)
    assert window_search(text) is window_search(text) and window_search(texts[0]).text is texts[0]


def test_timex_gate_words_match_as_ignorecase_does() -> None:
    from storyline.nlp.time.starts import caseless

    assert caseless("\u017fPRING \u0130T \u212a\u03a3") == "spring it k\u03c2"
    gate = tagger.Gate(r"\d0'?s", ("spring", "year-ago"))
    texts = ["the \u017fpring", "SPRING", "Year-Ago", "year ago", "spring"[:5], "the 90's",
             "\u06630s", "sprinG", "spr\u0131ng", "summer"]
    words = re.compile(r"\d0'?s|(?i:spring|year-ago)")
    assert [gate.search(t) for t in texts] == [bool(words.search(t)) for t in texts] == [
        True, True, True, False, False, True, True, True, True, False]


def test_token_ids_pick_the_tokens_their_scans_would(nlp) -> None:
    from storyline.nlp.doc_text import lemma_ids_in, token_ids
    from storyline.nlp.entities import coref, thing_coref
    from storyline.nlp.entities import tables as T

    doc = nlp("The Company said its chief executive, the 44-year-old Ada Lind, which sold it, "
              "was the singers' manager. Their devices and the phone sold well.")
    rows = token_ids(doc)
    assert rows is token_ids(doc)  # one read per Doc
    assert [(a, b, c, d, bool(e)) for a, b, c, d, e in zip(*rows, strict=True)] == [
        (t.lower, t.lemma, t.pos, t.tag, t.is_title) for t in doc]
    wanted = {"company", "sell"}
    assert lemma_ids_in(doc, wanted) == {t.lemma for t in doc if t.lemma_.lower() in wanted}
    assert doc[1].lemma in lemma_ids_in(doc, wanted)
    assert coref._maybe_roles(doc) == [
        t.i for t in doc if t.lower_ == "old" or t.pos_ in ("NOUN", "PROPN") and (
            t.lower_ in T.ROLES or t.lemma_.lower() in T.ROLES)]
    assert thing_coref._maybe_things(doc) == [
        t.i for t in doc if t.lower_ in ("it", "its") or t.tag_ == "WDT"
        or t.lemma_.lower() in T.THING_NOUNS]
    assert {doc[i].lower_ for i in coref._maybe_roles(doc)} >= {"old", "manager", "executive"}
