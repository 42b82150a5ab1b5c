"""Independent copies of JSON-shaped data (dicts, lists, and immutable scalars).

Claims handed to callers must be their own: a caller that edits them must never change
what another caller (or the verified-token cache) sees. `deep_copy` copies any such
value; `copier_for` studies one value once and returns a function that copies values of
that exact shape with only C-level container copies, for a value copied again and again
(a cached token's claims).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Copier = Callable[[Any], Any]


def deep_copy(value: Any) -> Any:
    """An independent copy of JSON-shaped data (far cheaper than copy.deepcopy).

    Scalars are shared (they are immutable); flat lists take the C path.
    """
    t = type(value)
    if t is dict:
        out = value.copy()
        for k, v in value.items():
            tv = type(v)
            if tv is dict or tv is list:
                # an empty container (claims' usual roles/permissions/tenants) needs no walk
                out[k] = deep_copy(v) if v else tv()
        return out
    if t is list:
        for v in value:
            tv = type(v)
            if tv is dict or tv is list:
                return [deep_copy(x) for x in value]
        return value[:]
    return value


def _share(value: Any) -> Any:
    return value


def copier_for(value: Any) -> Copier:
    """A function that deep-copies `value` (and only values of its exact shape).

    The shape is read once here: which keys hold containers, which lists are flat. The
    returned function copies the top level with `dict.copy` / `list[:]` and descends only
    where a container is, so copying a cached claims dict costs a few C calls. Only for
    values that never change after this call (the cache's own master copy).
    """
    t = type(value)
    if t is dict:
        nested = tuple(
            (k, copier_for(v)) for k, v in value.items() if type(v) is dict or type(v) is list
        )
        if not nested:
            return dict.copy
        if len(nested) == 1:
            (key, sub), = nested

            def copy_one(d: dict[str, Any]) -> dict[str, Any]:
                out = d.copy()
                out[key] = sub(d[key])
                return out

            return copy_one

        def copy_dict(d: dict[str, Any]) -> dict[str, Any]:
            out = d.copy()
            for k, f in nested:
                out[k] = f(d[k])
            return out

        return copy_dict
    if t is list:
        if all(type(v) is not dict and type(v) is not list for v in value):
            return list.copy
        return deep_copy
    return _share
