"""The certainty lexicon (storyline/data/certainty.json): its loader, and signatures at work."""

from __future__ import annotations

import pytest

from storyline.data import PredicateClass, _predicate_class, certainty_lexicon
from storyline.model import CERTAINTIES
from storyline.nlp.attribution.certainty import certainty_of


def test_lexicon_loads_and_every_outcome_is_a_certainty():
    lex = certainty_lexicon()
    assert lex.classes and lex.words["denied_things"]
    for cls in lex.classes:
        for negated in (False, True):
            assert cls.outcome(negated) in (None, *CERTAINTIES)


def test_listed_words_are_exactly_those_with_classes():
    # the certainty cues are found by `listed` (per Doc, without making Tokens): a word has
    # classes if and only if it is listed, as a lemma or as a word form
    lex = certainty_lexicon()
    assert lex.listed == {w for cls in lex.classes for w in cls.words}
    word = next(iter(sorted(lex.listed)))
    assert lex.classes_of(word, word) and lex.classes_of("zzzq", word)
    assert lex.classes_of(word, "zzzq") and not lex.classes_of("zzzq", "zzzr")


def test_signature_outcomes():
    def cls(sig, speech=False, unknown="hypothetical"):
        return _predicate_class({"name": "x", "signature": sig, "speech": speech,
                                 "unknown": unknown, "words": ["w"]})

    assert (cls("+/-").outcome(False), cls("+/-").outcome(True)) == (None, "negated")
    assert (cls("-/+").outcome(False), cls("-/+").outcome(True)) == ("negated", None)
    assert cls("o/o").outcome(True) == "hypothetical"
    assert (cls("+/o", True).outcome(False), cls("-/o", True).outcome(False)) == \
        ("reported", "denied")


@pytest.mark.parametrize("raw", [
    {"name": "x", "signature": "+-", "words": ["w"]},
    {"name": "x", "signature": "+/-", "unknown": "probable", "words": ["w"]},
    {"name": "x", "signature": "+/-", "scope": "everywhere", "words": ["w"]},
])
def test_loader_rejects_bad_classes(raw):
    with pytest.raises(ValueError):
        _predicate_class(raw)


def test_first_class_listing_a_word_decides():
    lex = certainty_lexicon()
    names = [c.name for c in lex.classes_of("whisper", "whispered")]
    assert names[0] == "allegation" and "report" in names
    assert isinstance(lex.classes_of("manage", "managed")[0], PredicateClass)


def test_reporting_verbs_come_from_the_lexicon():
    verbs = certainty_lexicon().speech_verbs()
    assert verbs["say"] == "reported" and verbs["confirm"] == "reported"
    assert verbs["claim"] == "alleged" and verbs["deny"] == "denied"
    assert "hope" not in verbs and "manage" not in verbs


def rate(nlp, text: str, word: str) -> str:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return certainty_of(tok, tok.sent)


SIGNATURES = [
    ("asserted", "The minister managed to sign the treaty.", "sign"),
    ("negated", "The minister did not manage to sign the treaty.", "sign"),
    ("negated", "The minister failed to sign the treaty.", "sign"),
    ("asserted", "The minister did not fail to sign the treaty.", "sign"),
    ("negated", "The minister refused to sign the treaty.", "sign"),
    ("asserted", "The minister did not hesitate to sign the treaty.", "sign"),
    ("hypothetical", "The minister hoped to sign the treaty.", "sign"),
    ("hypothetical", "The minister did not want to sign the treaty.", "sign"),
    ("asserted", "The minister knew that the rebels had signed the treaty.", "signed"),
    ("asserted", "The minister did not know that the rebels had signed the treaty.", "signed"),
    ("reported", "The minister said that the rebels had signed the treaty.", "signed"),
    ("speculated", "The minister did not say that the rebels had signed the treaty.", "signed"),
    ("alleged", "The minister claimed that the rebels had signed the treaty.", "signed"),
    ("denied", "The minister denied that the rebels had signed the treaty.", "signed"),
    ("negated", "The minister pretended that the rebels had signed the treaty.", "signed"),
    ("speculated", "A spokesman did not confirm the split.", "split"),
    ("asserted", "The rebels continued to fight.", "fight"),
    ("speculated", "The rebels seem to agree.", "agree"),
    # defaults without a lexicon predicate: infinitives, imperatives and modals are not done
    ("asserted", "The minister signed the treaty.", "signed"),
    ("hypothetical", "The minister flew to Oslo to sign the treaty.", "sign"),
    ("hypothetical", "Sign the treaty now.", "Sign"),
    ("hypothetical", "The minister will sign the treaty.", "sign"),
    ("hypothetical", "The minister should sign the treaty.", "sign"),
]


@pytest.mark.parametrize("expected,text,word", SIGNATURES)
def test_signatures_decide_the_complement(nlp, expected, text, word):
    assert rate(nlp, text, word) == expected
