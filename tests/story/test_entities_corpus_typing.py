"""Story-stage typing and merging from hand-built local entities: types by the whole corpus,
nickname and spelling merges with their evidence, father and son apart."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Entity, EntityMention
from storyline.nlp.entities.tables import name_key, name_tokens
from storyline.story.entities import link_entities


def _local(aid: str, n: int, name: str, type_: str, evidence: list[str],
           **attrs: str) -> Entity:
    eid = f"{aid}:e{n}"
    mention = EntityMention(aid, 10 * n, 10 * n + len(name), name, eid)
    return Entity(eid, name, type_, mentions=[mention], attributes=dict(attrs),
                  type_evidence=list(evidence))


def _person(aid: str, n: int, name: str, evidence: list[str] | None = None) -> Entity:
    words = name_tokens(name)  # as the nlp stage keys a person (storyline.nlp.entities.component)
    full = len(words) > 1
    return _local(aid, n, name, "PERSON", evidence or ["label PERSON x1"],
                  _key=name_key(name), _given=words[0], _surname=words[-1] if full else "",
                  _single="" if full else words[0])


def _link(*analyses: list[Entity]) -> list[Entity]:
    arts, out = [], []
    for i, ents in enumerate(analyses):
        aid = f"a{i}"
        arts.append(Article(aid, f"{aid}.txt"))
        out.append(ArticleAnalysis(aid, entities=ents))
    return link_entities(arts, out)


def _table(entities: list[Entity]) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(e.type, e.name, tuple(sorted(e.aliases))) for e in entities}


def test_a_club_with_the_and_plural_verbs_is_no_person():
    ents = _link(
        [_local("a0", 1, "Dodgers", "PERSON", ["label PERSON x2", "the before x2",
                                                "plural verb x1"], _key="dodgers",
                _given="dodgers", _surname="", _single="dodgers")],
        [_local("a1", 1, "Dodgers", "PERSON", ["label PERSON x1", "the before x1"],
                _key="dodgers", _given="dodgers", _surname="", _single="dodgers")],
    )
    (club,) = ents
    assert club.type == "ORG"
    assert any(line.startswith("rule: a person's name takes no 'the'") for line in
               club.type_evidence)


def test_a_given_name_of_the_story_is_no_place():
    ents = _link(
        [_person("a0", 1, "Willa Brandt"), _person("a0", 2, "Sven Brandt")],
        [_local("a1", 1, "Willa", "GPE", ["label GPE x1", "subject of laugh x1"],
                _key="willa")],
    )
    assert _table(ents) == {("PERSON", "Willa Brandt", ("Willa",)),
                            ("PERSON", "Sven Brandt", ())}


def test_a_place_preposition_keeps_a_place():
    ents = _link(
        [_person("a0", 1, "Georgia Lane")],
        [_local("a1", 1, "Georgia", "GPE", ["label GPE x1", "place preposition x1"],
                _key="georgia")],
    )
    assert _table(ents) == {("PERSON", "Georgia Lane", ()), ("GPE", "Georgia", ())}


def test_nickname_and_typo_merges_keep_evidence():
    ents = _link(
        [_person("a0", 1, "Catherine Ashford"), _person("a0", 2, "Orrin Vale"),
         _person("a0", 3, "Orrin Vale")],
        [_person("a1", 1, "Kate Ashford"), _person("a1", 2, "Orrin Vael")],
    )
    assert _table(ents) == {("PERSON", "Catherine Ashford", ("Kate Ashford",)),
                            ("PERSON", "Orrin Vale", ("Orrin Vael",))}
    by_name = {e.name: e for e in ents}
    assert by_name["Catherine Ashford"].merge_evidence == [
        "given name kate ~ catherine (nickname table), same surname: 'Kate Ashford' (a1) = "
        "'Catherine Ashford' (a0)"]
    assert any(line.startswith("same given name, surname spelt nearly alike: 'Orrin Vael' (a1)")
               for line in by_name["Orrin Vale"].merge_evidence)


def test_father_and_son_stay_apart():
    ents = _link(
        [_person("a0", 1, "John Smith Sr."), _person("a0", 2, "James Smith")],
        [_person("a1", 1, "John Smith Jr."), _person("a1", 2, "Smith")],
    )
    # Sr. and Jr. are two people; the bare surname fits three and joins none of them.
    assert {e.name for e in ents if e.type == "PERSON"} == {
        "John Smith Sr.", "James Smith", "John Smith Jr.", "Smith"}


def test_a_singular_name_written_with_the_that_never_speaks_is_a_product():
    ents = _link(
        [_local("a0", 1, "Zephyr", "ORG", ["label ORG x3", "the before x2",
                                            "object of release x1"], _key="zephyr")],
        [_local("a1", 1, "Zephyr", "ORG", ["label ORG x1", "the before x1"], _key="zephyr"),
         _local("a1", 2, "Kremlin", "ORG", ["label ORG x3", "the before x3",
                                             "subject of say x2"], _key="kremlin"),
         _local("a1", 3, "Halvex", "ORG", ["label ORG x5", "subject of sell x1"],
                _key="halvex")],
    )
    assert {(e.name, e.type) for e in ents} == {
        ("Zephyr", "PRODUCT"), ("Kremlin", "ORG"), ("Halvex", "ORG")}
    (zephyr,) = [e for e in ents if e.name == "Zephyr"]
    assert any(line.startswith("rule: a singular name written with 'the' (x3 of 4)")
               for line in zephyr.type_evidence)


def test_a_full_name_only_a_cue_once_calls_a_person_is_voted_on():
    # "Apple Computer": the model always says ORG; one article's person cue does not win.
    org = _local("a0", 1, "Apple Computer", "ORG", ["label ORG x1"], _key="apple computer")
    org.mentions *= 3
    person = _local("a1", 1, "Apple Computer", "PERSON", ["label ORG x3", "cue person x1"],
                    _key="apple computer", _given="apple", _surname="computer", _single="")
    (ent,) = _link([org], [person])
    assert ent.type == "ORG"


def test_a_work_with_a_plural_verb_is_a_club():
    # "The Dodgers have signed ...", "the Dodgers star": the work cue of the description loses.
    ents = _link(
        [_local("a0", 1, "Dodgers", "WORK", ["label PERSON x3", "label WORK x1", "cue work x2",
                                              "the before x4", "plural verb x1"],
                _key="dodgers"),
         _local("a0", 2, "Swan Lake", "WORK", ["label WORK x2", "cue work x2", "the before x2"],
                _key="swan lake")],
    )
    assert {(e.name, e.type) for e in ents} == {("Dodgers", "ORG"), ("Swan Lake", "WORK")}


def _norp(aid: str, n: int, name: str, evidence: list[str]) -> Entity:
    return _local(aid, n, name, "NORP", evidence, _key=name.casefold())


def test_a_club_the_model_tags_norp_is_an_organisation():
    ents = _link(
        [_norp("a0", 1, "Pelicans", ["label NORP x2", "the before x1", "object of beat x1"])],
        [_norp("a1", 1, "Pelicans", ["label NORP x1", "the before x1", "subject of sign x1"])],
    )
    (club,) = ents
    assert (club.type, club.name) == ("ORG", "Pelicans")
    assert any(line.startswith("rule: a nationality or group is no club") and
               "club verb x2" in line for line in club.type_evidence)


def test_a_nationality_stays_norp():
    # "the Americans beat ..." beside "American officials": a demonym, its singular named.
    with_singular = _link(
        [_norp("a0", 1, "Americans", ["label NORP x1", "the before x1", "subject of beat x1"]),
         _norp("a0", 2, "American", ["label NORP x1"])],
    )
    assert _table(with_singular) == {("NORP", "Americans", ()), ("NORP", "American", ())}
    # no club verb, or no "the": no club
    plain = _link(
        [_norp("a0", 1, "Democrats", ["label NORP x2", "the before x2", "plural verb x2",
                                       "subject of vote x2"]),
         _norp("a0", 2, "Lakers", ["label NORP x3", "the before x1", "subject of beat x1"])],
    )
    assert _table(plain) == {("NORP", "Democrats", ()), ("NORP", "Lakers", ())}
