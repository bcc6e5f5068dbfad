"""GraphML of entities (nodes) and their relations and shared events (edges), for Gephi & co."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from itertools import combinations
from pathlib import Path

from storyline.model import Story

NS = "http://graphml.graphdrawing.org/xmlns"
KEYS = [  # (id, for, name, type)
    ("name", "node", "name", "string"), ("type", "node", "type", "string"),
    ("mentions", "node", "mentions", "int"), ("kind", "edge", "kind", "string"),
    ("label", "edge", "label", "string"), ("weight", "edge", "weight", "int"),
]  # fmt: skip


def story_to_graphml(story: Story) -> ET.ElementTree:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for kid, for_, name, type_ in KEYS:
        ET.SubElement(root, f"{{{NS}}}key", id=kid, attrib={"for": for_, "attr.name": name,
                                                            "attr.type": type_})  # fmt: skip
    graph = ET.SubElement(root, f"{{{NS}}}graph", id="story", edgedefault="undirected")
    known = {e.id for e in story.entities}

    def data(parent: ET.Element, key: str, value: object) -> None:
        ET.SubElement(parent, f"{{{NS}}}data", key=key).text = str(value)

    for e in story.entities:
        node = ET.SubElement(graph, f"{{{NS}}}node", id=e.id)
        data(node, "name", e.name)
        data(node, "type", e.type)
        data(node, "mentions", len(e.mentions))
    n = 0
    for r in story.relations:
        if r.subject in known and r.object in known:
            n += 1
            edge = ET.SubElement(graph, f"{{{NS}}}edge", id=f"e{n}", source=r.subject,
                                 target=r.object, directed="true")  # fmt: skip
            data(edge, "kind", "relation")
            data(edge, "label", r.predicate)
            data(edge, "weight", max(1, len(r.evidence)))
    shared: Counter = Counter()
    for ev in story.events:
        people = sorted({p for p in ev.participants if p in known})
        for a, b in combinations(people, 2):
            shared[(a, b, ev.type)] += 1
    for (a, b, kind), count in shared.items():
        n += 1
        edge = ET.SubElement(graph, f"{{{NS}}}edge", id=f"e{n}", source=a, target=b)
        data(edge, "kind", "event")
        data(edge, "label", kind)
        data(edge, "weight", count)
    ET.indent(root)
    return ET.ElementTree(root)


def write_graphml(story: Story, path: Path) -> Path:
    story_to_graphml(story).write(path, encoding="utf-8", xml_declaration=True)
    return path
