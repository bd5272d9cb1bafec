"""GraphML of the actor network (via networkx): actors as nodes, events and relations as weighted edges."""
from __future__ import annotations

from typing import Any, BinaryIO

import networkx as nx


def network_graph(net: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """A MultiDiGraph from `reads.network`; edge keys are "event" or "relation", attributes are scalars."""
    graph = nx.MultiDiGraph()
    for node in net["nodes"]:
        graph.add_node(node["id"], **{k: ("" if v is None else v) for k, v in node.items() if k != "id"})
    for edge in net["edges"]:
        graph.add_edge(edge["source"], edge["target"], key=edge["kind"], kind=edge["kind"], weight=edge["weight"],
                       types=";".join(f"{t}:{n}" for t, n in edge["types"].items()),
                       event_ids=" ".join(edge["event_ids"]))
    return graph


def write_graphml(net: dict[str, list[dict[str, Any]]], out: BinaryIO) -> int:
    """Write the network as GraphML; returns the number of edges."""
    graph = network_graph(net)
    nx.write_graphml(graph, out)
    return graph.number_of_edges()
