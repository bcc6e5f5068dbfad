"""A lone given name introduced as someone's child is not the adult who shares it."""

from __future__ import annotations

from test_entities_aliases import owner, people, story


def test_child_given_name_does_not_join_an_adult_in_another_article():
    ents = story(
        "Ilse Varga and Teodor Bakk arrived in Lisbon with their son Otto, 7. The boy waved.",
        "The director Otto Falk said his new film opens in May. Falk, 61, declined to say more.",
    )
    assert owner(ents, "Otto") != owner(ents, "Otto Falk")
    assert {"Otto", "Otto Falk"} <= set(people(ents))


def test_child_given_name_does_not_join_an_adult_in_the_same_article():
    ents = story("The director Otto Falk arrived with his daughter Otto and his wife Lene.")
    assert owner(ents, "Otto Falk") != owner(ents, "his daughter")
    assert "Otto Falk" in people(ents)


def test_lone_given_name_without_a_relation_still_joins():
    ents = story("The director Otto Falk opened the festival on Friday.",
                 "\"We waited years for this,\" Otto said at the premiere.")
    assert owner(ents, "Otto") == owner(ents, "Otto Falk")
