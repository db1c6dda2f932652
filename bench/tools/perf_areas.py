#!/usr/bin/env python3
"""Where the CPU goes: reads `perf script` output (stdin) of our host and prints the share of samples per area.

    perf script -i perf.data | python3 bench/tools/perf_areas.py [--top N]

Each sample goes to the innermost frame that names an area (so GC work triggered by an allocation in the path finder
counts as path finder: allocation is that code's cost); samples with no such frame go to the native module of their
leaf (GC and runtime helpers in libcoreclr, the JIT in libclrjit, the network stack in the kernel). Needs the host
started with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0, or JIT frames have no names.
"""
import argparse
import collections
import re
import sys

# (area, substring of a frame), innermost match wins; more specific patterns first.
AREAS = [
    ("path finder", "Queries.PathFinder"),
    ("neighborhood walk", "Queries.NeighborhoodWalk"),
    ("snapshot model (other)", "[DigitalTrade.Graph.Model]"),
    ("search (Lucene + ours)", "[Lucene"),
    ("search (Lucene + ours)", "[DigitalTrade.Graph.Search]"),
    ("response serialization", "[GraphQL.SystemTextJson]"),
    ("response serialization", "GraphQLExecutor::Serialize"),
    ("GraphQL validation (variables, argument parsing)", "GraphQL.Validation"),
    ("GraphQL validation (variables, argument parsing)", "PlannedDocumentValidator"),
    ("GraphQL parse", "GraphQLParser.Parser"),
    ("our resolvers", "DigitalTrade.Graph.Api.Schema"),
    ("GraphQL execution engine", "GraphQL.Execution"),
    ("GraphQL execution engine", "PlannedExecutionStrategy"),
    ("GraphQL execution engine", "[GraphQL] GraphQL.Resolvers"),
    ("request hash / response cache", "DigitalTrade.Graph.Api.Caching"),
    ("request reading and limits", "GraphQLRequestReader"),
    ("request reading and limits", "RequestLimits"),
    ("endpoint, middleware, Kestrel", "DigitalTrade.Graph.Api.Http"),
    ("endpoint, middleware, Kestrel", "[Microsoft.AspNetCore"),
    ("endpoint, middleware, Kestrel", "[dtgraph]"),
]


def samples(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line[0] in "\t ":
            parts = line.strip().split(" ", 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            stack = []
    if stack:
        yield stack


def area_of(stack):
    for frame in stack:
        for area, pattern in AREAS:
            if pattern in frame:
                return area
    leaf = stack[0]
    module = "GC + runtime (libcoreclr)" if "libcoreclr" in leaf else "JIT (libclrjit)" if "libclrjit" in leaf \
        else "kernel (network, scheduling)" if "kernel" in leaf else "other native"
    return "native, no managed area: " + module


def short(frame):
    if frame.startswith("[unknown]"):
        # No symbol: name the module (libcoreclr and libclrjit ship without symbols).
        module = re.search(r"\(([^)]*)\)", frame)
        return "[unknown] in " + (module.group(1).rsplit("/", 1)[-1] if module else "?")
    frame = re.sub(r"\(.*", "", frame)
    frame = re.sub(r"^.*?\] ", "", frame)
    return frame[-120:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=12, help="also list the N hottest leaf frames")
    args = parser.parse_args()
    areas = collections.Counter()
    leaves = collections.Counter()
    total = 0
    for stack in samples(sys.stdin):
        total += 1
        areas[area_of(stack)] += 1
        leaves[short(stack[0])] += 1
    if total == 0:
        print("no samples")
        return
    print(f"{total} samples\n\n| area | share |\n|---|---:|")
    for area, n in areas.most_common():
        print(f"| {area} | {100 * n / total:.1f}% |")
    if args.top:
        print("\nHottest leaf frames (self time):\n")
        for frame, n in leaves.most_common(args.top):
            print(f"- {100 * n / total:.1f}% `{frame}`")


if __name__ == "__main__":
    main()
