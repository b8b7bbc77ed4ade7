#!/usr/bin/env python3
"""No import cycles between a crate's top-level modules (`make lint`).

A module is a file or folder directly under a crate's `src/`; module A uses
module B when any of A's files names `crate::B` outside its tests. A cycle (A uses B, B uses
A, directly or through others) means neither can be read or changed alone:
the dependency should go one way, with the shared part moved out.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USE = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
USE_GROUP = re.compile(r"\buse crate::\{([^}]*)\}", re.S)


def graph(src):
    edges = {}
    for f in src.rglob("*.rs"):
        rel = f.relative_to(src).parts
        module = rel[0].removesuffix(".rs")
        if module in ("lib", "main"):
            continue
        if f.name.startswith("tests"):
            continue  # test modules may use anything
        # Unit tests at a file's end may use anything too.
        text = re.split(r"#\[cfg\(test\)\]\s*mod ", f.read_text())[0]
        used = set(USE.findall(text))
        for group in USE_GROUP.findall(text):
            used |= {m.group(0) for m in re.finditer(r"(?<![:\w])[a-z_][a-z0-9_]*(?=::|\s*[,}]|$)", group)}
        edges.setdefault(module, set()).update(u for u in used if u != module and u != "self")
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in edges:
                continue  # not a module of this crate (a re-export, a macro)
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    failed = False
    for src in sorted([*ROOT.glob("crates/*/src"), ROOT / "filter/src"]):
        edges = graph(src)
        for comp in cycles(edges):
            failed = True
            links = [f"{a} -> {b}" for a in comp for b in sorted(edges[a]) if b in comp]
            print(f"{src.relative_to(ROOT)}: import cycle between {', '.join(comp)} ({'; '.join(links)})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
