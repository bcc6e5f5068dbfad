"""storyline's side of the TimeLine task (storyline/eval/timeline.py): which entities are a
target, how a claim's trigger becomes a `doc-sent-token` mention, how events become lines;
on hand-made stories and CAT documents."""

from __future__ import annotations

from datetime import date

from storyline.eval.cat import parse_cat
from storyline.eval.timeline import (
    _cat_mention_of,
    claim_triggers,
    match_entities,
    story_timeline,
)
from storyline.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Entity,
    EntityMention,
    Event,
    Mention,
    Story,
    TimeValue,
)


def _entity(eid: str, name: str, *aliases: str) -> Entity:
    return Entity(eid, name, "PRODUCT", list(aliases), [EntityMention("a", 0, 1, name, eid)])


STORY = Story(entities=[
    _entity("e1", "iTunes Store"), _entity("e2", "iTunes Music Store"),
    _entity("e3", "iTunes Apps"), _entity("e4", "iPod"), _entity("e5", "iPod Nano"),
    _entity("e6", "Steve Jobs", "Jobs"), _entity("e7", "Apple Corps"),
])  # fmt: skip


def test_a_fuller_form_of_the_name_is_the_target_an_extension_is_not():
    assert match_entities(STORY, "iTunes store") == ["e1", "e2"]  # "Music" inside: the same
    assert match_entities(STORY, "iPod") == ["e4"]  # "iPod Nano" is another product
    assert match_entities(STORY, "Steve Paul Jobs") == ["e6"]  # the fallback: 2 words inside
    assert match_entities(STORY, "Beatles Apple Corps") == ["e7"]  # the fallback, as before


def _doc(words: str):
    toks = "".join(f'<token t_id="{i + 1}" sentence="0" number="{i}">{w}</token>'
                   for i, w in enumerate(words.split()))
    return parse_cat(f'<Document doc_id="101">{toks}</Document>'.encode(), "101-test")


def test_a_phrasal_verbs_particle_joins_its_trigger_word():
    doc = _doc("Jobs rounded the new services off with a demo .")
    mention_of = _cat_mention_of([doc], [Article("a", "a.txt", raw=doc.text)])
    start = doc.text.index("rounded")
    assert mention_of("a", start, start + 7, "off") == "101-0-rounded_off"
    assert mention_of("a", start, start + 7, "") == "101-0-rounded"
    assert mention_of("a", start, start + 7, "out") == "101-0-rounded"  # not in the sentence
    far = _doc("Jobs rounded the long list of new services and apps off .")
    far_of = _cat_mention_of([far], [Article("a", "a.txt", raw=far.text)])
    assert far_of("a", start, start + 7, "off") == "101-0-rounded"  # beyond PARTICLE_REACH


def test_claims_give_their_phrasal_particle_and_lines_are_ordered_by_date():
    doc = _doc("Jobs stepped down . Jobs founded NeXT in 1985 . Jobs returned in 1996 .")
    text = doc.text

    def claim(cid: str, word: str, predicate: str) -> Claim:
        at = text.index(word)
        return Claim(cid, "a", "other", Mention("a", at, at + len(word), word),
                     predicate=predicate, trigger=(at, at + len(word)))

    analysis = ArticleAnalysis("a", claims=[claim("c1", "stepped", "step down"),
                                            claim("c2", "founded", "found"),
                                            claim("c3", "returned", "return")])
    triggers = claim_triggers([analysis, None])
    assert triggers["c1"][3] == "down" and triggers["c2"][3] == ""

    def year(y: int) -> TimeValue:
        return TimeValue(str(y), date(y, 1, 1), date(y, 12, 31))

    story = Story(entities=[_entity("e6", "Steve Jobs")], events=[
        Event("v3", "other", ["e6"], year(1996), claims=["c3"]),
        Event("v1", "other", ["e6"], None, claims=["c1"]),
        Event("v2", "other", ["e6"], year(1985), claims=["c2"]),
    ])  # fmt: skip
    mention_of = _cat_mention_of([doc], [Article("a", "a.txt", raw=text)])
    lines = story_timeline(story, "Steve Jobs", triggers, mention_of).events
    assert [(ev.order, ev.anchor, ev.mentions) for ev in lines] == [
        (0, "XXXX-XX-XX", ["101-0-stepped_down"]),
        (1, "1985", ["101-0-founded"]),
        (2, "1996", ["101-0-returned"]),
    ]
