"""Checks of excerpts of the library's own source in the contributors' pages.

A Python block titled with a path of this repository (```` ```python
title="descope_core/mgmt/tenant.py" ````) shows part of that file, or what a contributor
adds to it. It cannot run on its own, so it is compared with the file: every function or
method it defines that the file has takes the same parameters (and, where the excerpt
writes them, the same defaults, compared with the imported code's), and every name it
uses occurs in the file or in a module it imports. A renamed parameter, a changed
default or a removed helper fails the page's test.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

from .blocks import ROOT, CodeBlock


def is_excerpt(block: CodeBlock) -> bool:
    """Whether the block's title names a file of this repository."""
    return bool(block.title) and "/" in (block.title or "") and (ROOT / block.title).is_file()


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:  # a few lines of a function body: parse them inside one
        return ast.parse("def _excerpt():\n" + textwrap.indent(source, "    "))


def _functions(tree: ast.AST) -> dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.setdefault(node.name, []).append(node)
    return found


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    a = fn.args
    return [p.arg for p in (*a.posonlyargs, *a.args)] + ["*"] + [p.arg for p in a.kwonlyargs]


def _shown_defaults(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Any]:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True))
    pairs += [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
    return {p.arg: ast.literal_eval(d) for p, d in pairs}


def _module_name(path: str) -> str:
    parts = Path(path).with_suffix("").parts
    if parts[0] == "integrations":
        parts = parts[1:]
    return ".".join(p for p in parts if p != "__init__")


def _live_functions(path: str, name: str) -> list[Any]:
    """Every function or method called `name` in the imported module of `path`."""
    module = importlib.import_module(_module_name(path))
    found = []
    for _, member in inspect.getmembers(module):
        if inspect.isclass(member) and member.__module__ == module.__name__:
            fn = member.__dict__.get(name)
            fn = getattr(fn, "_fn", fn)  # an `@api` descriptor holds its function
            if fn is not None:
                found.append(inspect.unwrap(getattr(fn, "__func__", fn)))
        elif inspect.isfunction(member) and member.__name__ == name:
            found.append(member)
    return found


def _imported_text(block: CodeBlock, tree: ast.AST) -> str:
    """The source of the modules the excerpt imports relatively (`from ..api import api`)."""
    assert block.title is not None
    here = (ROOT / block.title).parent
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here
            for _ in range(node.level - 1):
                base = base.parent
            target = base.joinpath(*(node.module or "").split("."))
            for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                if candidate.is_file():
                    texts.append(candidate.read_text(encoding="utf-8"))
    return "\n".join(texts)


def check_excerpt(block: CodeBlock) -> None:
    """Compare an excerpt with the file its title names."""
    assert block.title is not None
    text = (ROOT / block.title).read_text(encoding="utf-8")
    real = _functions(ast.parse(text))
    shown = _parse(block.source)
    for name, defs in _functions(shown).items():
        if name == "_excerpt" or name not in real:
            continue  # a function the page tells the reader to add: its names are checked
        for fn in defs:
            assert any(_params(r) == _params(fn) for r in real[name]), (
                f"{block.title}: {name}{_params(fn)} differs from the code: "
                f"{[_params(r) for r in real[name]]}"
            )
            shown_defaults = _shown_defaults(fn)
            if not shown_defaults:
                continue
            live = [inspect.signature(f).parameters for f in _live_functions(block.title, name)]
            assert any(
                all(k in p and p[k].default == v for k, v in shown_defaults.items()) for p in live
            ), f"{block.title}: the defaults of {name} differ from the code"
    known = text + _imported_text(block, shown)
    used = {n.id for n in ast.walk(shown) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(shown) if isinstance(n, ast.Attribute)}
    missing = sorted(n for n in used - {"_excerpt"}
                     if not re.search(rf"\b{re.escape(n)}\b", known) and n not in dir(__builtins__))
    assert not missing, f"{block.title} (or what it imports) has no {missing}"


def resolve(path: str) -> Path:
    """The file an excerpt names."""
    return ROOT / path
