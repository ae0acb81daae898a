"""The actor network read from the database, as GraphML and GEXF.

Nodes are actors (id, name, kind, country). Edges are the stated relations aggregated per
(source, target, kind), weighted by how many times they are stated, with one evidence text;
plus "fights" edges from violent canonical events that name both sides (weight: events).

Both files are written by networkx. Text from articles goes in as escaped XML character
data, with the characters XML cannot hold dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO

from sqlalchemy import Engine, select

from sitroom.export import db_exporter
from sitroom.export_acled import HAPPENED, load_happenings, load_names
from sitroom.store import schema
from sitroom.stories import group

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: object) -> str:
    """A value as XML 1.0 character data (characters XML cannot hold are dropped)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


@dataclass
class Edge:
    source: str
    target: str
    kind: str
    weight: int
    evidence: str
    article_id: str


@dataclass(frozen=True)
class Network:
    nodes: dict[str, dict[str, str]]  # id -> name, kind, country
    edges: list[Edge]


def load_network(engine: Engine) -> Network:
    rel = schema.relations
    edges: dict[tuple[str, str, str], Edge] = {}
    with engine.connect() as conn:
        names = load_names(conn)
        rows = conn.execute(
            select(
                rel.c.source, rel.c.target, rel.c.kind, rel.c.ev_text, rel.c.article_id
            ).order_by(rel.c.article_id, rel.c.seq)
        )
        for source, target, kind, text, article_id in rows:
            key = (source, target, kind)
            if key in edges:
                edges[key].weight += 1
            else:
                edges[key] = Edge(source, target, kind, 1, text, article_id)
    for h in load_happenings(engine, HAPPENED):
        if (
            h.event_type not in group.rules()["violent_types"]
            or not h.actor1
            or not h.actor2
            or h.actor1 == h.actor2
        ):
            continue
        key = (h.actor1, h.actor2, "fights")
        best = h.best()
        if key in edges:
            edges[key].weight += 1
        elif best is not None:
            edges[key] = Edge(h.actor1, h.actor2, "fights", 1, best.text, best.article_id)
    ids = {a for e in edges.values() for a in (e.source, e.target)} | set(names.actors)
    nodes = {}
    for actor in sorted(ids):
        name, kind, country = names.actors.get(actor, (actor, "", None))
        nodes[actor] = {"name": name, "kind": kind, "country": country or ""}
    ordered = sorted(edges.values(), key=lambda e: (e.source, e.target, e.kind))
    return Network(nodes=nodes, edges=ordered)


def _graph(net: Network):
    """The network as a networkx directed multigraph (text made XML-safe)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor, attrs in net.nodes.items():
        graph.add_node(
            _xml_text(actor),
            label=_xml_text(attrs["name"]),
            name=_xml_text(attrs["name"]),
            kind=_xml_text(attrs["kind"]),
            country=_xml_text(attrs["country"]),
        )
    for edge in net.edges:
        graph.add_edge(
            _xml_text(edge.source),
            _xml_text(edge.target),
            kind=_xml_text(edge.kind),
            label=_xml_text(edge.kind),
            weight=edge.weight,
            evidence=_xml_text(edge.evidence),
            article_id=_xml_text(edge.article_id),
        )
    return graph


@db_exporter("graphml", binary=True, unit="edges")
def write_graphml(engine: Engine, out: IO[bytes]) -> int:
    """The actor network as GraphML (a directed multigraph)."""
    import networkx as nx

    net = load_network(engine)
    nx.write_graphml(_graph(net), out, encoding="utf-8")
    return len(net.edges)


@db_exporter("gexf", binary=True, unit="edges")
def write_gexf(engine: Engine, out: IO[bytes]) -> int:
    """The actor network as GEXF 1.2 (Gephi's format)."""
    import networkx as nx

    net = load_network(engine)
    nx.write_gexf(_graph(net), out, encoding="utf-8")
    return len(net.edges)
