"""GraphML of the actor network (via networkx): actors as nodes, events and relations as weighted edges."""
from __future__ import annotations

import re
from typing import Any, BinaryIO

import networkx as nx

# Characters XML 1.0 cannot hold (control characters but tab and line breaks, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: Any) -> Any:
    """A string without the characters XML cannot hold (an actor name copied from a text may have them)."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def network_graph(net: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """A MultiDiGraph from `reads.network`; edge keys are "event" or "relation", attributes are scalars."""
    graph = nx.MultiDiGraph()
    for node in net["nodes"]:
        graph.add_node(_xml(node["id"]), **{k: ("" if v is None else _xml(v)) for k, v in node.items() if k != "id"})
    for edge in net["edges"]:
        graph.add_edge(_xml(edge["source"]), _xml(edge["target"]), key=edge["kind"], kind=edge["kind"],
                       weight=edge["weight"], types=_xml(";".join(f"{t}:{n}" for t, n in edge["types"].items())),
                       event_ids=_xml(" ".join(edge["event_ids"])))
    return graph


def write_graphml(net: dict[str, list[dict[str, Any]]], out: BinaryIO) -> int:
    """Write the network as GraphML; returns the number of edges."""
    graph = network_graph(net)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()
