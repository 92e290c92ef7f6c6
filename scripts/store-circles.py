#!/usr/bin/env python3
"""Finds import circles between the modules of app/src/store.

Each .rs file is a module. A module uses another when it names it in a
`use` line or an inline path (`crate::store::x::…`, `super::x::…`, a child
module `x::…`); declaring a child (`mod x;`) is not a use. A circle is a
strongly connected group of two or more modules.

One kind is tolerated and only listed: a folder's mod.rs with its own
children, where every circle passes through the mod.rs (the folder's face
composes its children, e.g. a page from their parts, and they use its
shared pieces). Any other circle, between folders or between siblings, is
an error: the script prints it and exits 1. Circles between capabilities
(top-level modules with their children) are listed for information.

Usage: scripts/store-circles.py [app/src/store]
"""

import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "app/src/store")


def module_path(f: Path) -> tuple:
    parts = list(f.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    return tuple(parts)


def strip(src: str) -> str:
    """The code without comments, strings and char literals."""
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    src = re.sub(r"//[^\n]*", " ", src)
    src = re.sub(r'r#*"(?:.|\n)*?"#*', '""', src)
    src = re.sub(r'"(?:\\.|[^"\\])*"', '""', src)
    return re.sub(r"'(?:\\.|[^'\\])'", "' '", src)


def expand(tree: str, prefix=()) -> list:
    """The full paths a `use` tree names: `a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e."""
    tree = tree.strip()
    depth, brace = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                brace = i
            depth += 1
        elif ch == "}":
            depth -= 1
    if brace is None:
        path = re.split(r"\s+as\s+", tree)[0]
        segs = [s for s in path.split("::") if s]
        return [prefix + tuple(s for s in segs if s != "self")]
    head = [s for s in tree[:brace].split("::") if s]
    inner = tree[brace + 1 : tree.rindex("}")]
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur)
    out = []
    for item in items:
        if item.strip():
            out += expand(item, prefix + tuple(head))
    return out


files = {module_path(f): f for f in ROOT.rglob("*.rs")}
modules = set(files)


def resolve(here: tuple, segs: tuple):
    """The store module a path from module `here` points into, if any."""
    if not segs:
        return None
    if segs[:2] == ("crate", "store"):
        absolute = segs[2:]
    elif segs[0] == "crate":
        return None
    elif segs[0] in ("super", "self"):
        base = list(here)
        rest = list(segs)
        while rest and rest[0] in ("super", "self"):
            if rest.pop(0) == "super":
                base.pop()
        absolute = tuple(base + rest)
    elif here + (segs[0],) in modules:
        absolute = here + segs
    else:
        return None
    for n in range(len(absolute), -1, -1):
        if absolute[:n] in modules:
            return absolute[:n]
    return None


edges = {m: set() for m in modules}
for here, f in files.items():
    code = strip(f.read_text())
    code = re.sub(r"\b(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*;", " ", code)
    paths = []
    for tree in re.findall(r"\buse\s+([^;]+);", code):
        paths += expand(tree)
    code = re.sub(r"\buse\s+[^;]+;", " ", code)
    paths += [tuple(p.split("::")) for p in re.findall(r"\b[a-z_][a-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+", code)]
    for p in paths:
        target = resolve(here, p)
        if target is not None and target != here and target != ():
            edges[here].add(target)


def circles(graph: dict) -> list:
    """Strongly connected groups of two or more nodes (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def name(m: tuple) -> str:
    return "store::" + "::".join(m) if m else "store"


def inside_one_folder(group: list, graph: dict) -> bool:
    """Whether every circle of `group` passes through one folder's mod.rs
    whose direct children the other members are."""
    members = set(group)
    for face in group:
        if all(m[:-1] == face and len(m) == len(face) + 1 for m in members - {face}):
            rest = {m: graph[m] & (members - {face}) for m in members - {face}}
            return not circles(rest)
    return False


def show(title: str, found: list, graph: dict) -> None:
    print(f"{title}: {len(found)}")
    for group in found:
        members = set(group)
        print("  " + ", ".join(name(m) for m in group))
        for m in group:
            for t in sorted(graph[m] & members):
                print(f"    {name(m)} -> {name(t)}")


by_file = circles(edges)
errors = [g for g in by_file if not inside_one_folder(g, edges)]
show("circles between modules", errors, edges)
show("circles inside one folder, through its mod.rs (tolerated)",
     [g for g in by_file if inside_one_folder(g, edges)], edges)
caps = {}
for m, targets in edges.items():
    top = m[:1]
    caps.setdefault(top, set()).update(t[:1] for t in targets if t[:1] != top)
show("circles between capabilities (for information)", circles(caps), caps)
sys.exit(1 if errors else 0)
