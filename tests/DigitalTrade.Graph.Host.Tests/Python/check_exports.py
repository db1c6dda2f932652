"""Loads dtgraph's GraphML and CSV exports the way researchers do (networkx, pandas) and reports the
types they arrive with, as one JSON object on standard output for the .NET test to assert on.

usage: python3 check_exports.py GRAPHML CSV_FOLDER
"""
import json
import sys

import networkx
import pandas


def main(graphml_path, csv_folder):
    graph = networkx.read_graphml(graphml_path)
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(data=True))
    with_figures = [(key, data) for key, data in nodes if "figures" in data]
    figures = [figure for _, data in with_figures for figure in json.loads(data["figures"])]

    node_table = pandas.read_csv(f"{csv_folder}/nodes.csv")
    edge_table = pandas.read_csv(f"{csv_folder}/edges.csv")
    # The printed value and the period stay text: "790.0" and "2020/2024" as the report prints them.
    figure_table = pandas.read_csv(f"{csv_folder}/figures.csv", dtype={"value": str, "period": str})

    first = figure_table.iloc[0]
    report = {
        "graphml": {
            "directed": graph.is_directed(),
            "nodes": graph.number_of_nodes(),
            "edges": len(edges),
            "figure_count_types": sorted({type(data["figure_count"]).__name__ for _, data in nodes}),
            "from_narrative_types": sorted({type(data["from_narrative"]).__name__ for _, _, data in edges}),
            "from_narrative_true": sum(1 for _, _, data in edges if data["from_narrative"] is True),
            "figure_count_sum": sum(data["figure_count"] for _, data in nodes),
            "figures": len(figures),
            # JSON has one number type: 5 arrives as int, 5.5 as float; both are numbers, never text or missing.
            "figure_numbers_are_numbers": all(type(f.get("number")) in (int, float) for f in figures),
            "figure_numbers_equal_values": all(f["number"] == float(f["value"]) for f in figures),
            "figures_match_count": all(len(json.loads(data["figures"])) == data["figure_count"] for _, data in with_figures),
        },
        "pandas": {
            "nodes": len(node_table),
            "edges": len(edge_table),
            "figures": len(figure_table),
            "figure_count_dtype": str(node_table["figure_count"].dtype),
            "from_narrative_dtype": str(edge_table["from_narrative"].dtype),
            "number_dtype": str(figure_table["number"].dtype),
            "value_dtype": str(figure_table["value"].dtype),
            "columns": list(figure_table.columns),
            "numbers_equal_values": bool((figure_table["number"] == figure_table["value"].astype(float)).all()),
            "figure_entities_are_nodes": bool(figure_table["entity"].isin(node_table["key"]).all()),
            "first": {"entity": first["entity"], "value": first["value"], "number": float(first["number"])},
        },
    }
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
