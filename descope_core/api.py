"""`@api`: a method written once, blocking on `DescopeClient`, a coroutine on `DescopeClientAsync`.

An API method checks its arguments, builds its body from them, and returns what to do:
a `Call` (one request) or a generator of steps (`Steps`). It never sends anything
itself. `@api` turns it into a method whose caller gets the *result*: on an object bound
to a blocking runner the call runs at once; on one bound to an async runner the method is
a coroutine function.

    class Tenant(Area):
        @api
        def load(self, id: str) -> Call[dict[str, Any]]:
            \"\"\"Load a tenant by id.\"\"\"
            return self._get("/v1/mgmt/tenant", id=check_id(id, "id"))

    client.mgmt.tenant.load("t1")              # DescopeClient: a dict
    await aclient.mgmt.tenant.load("t1")       # DescopeClientAsync: a dict

Argument errors raise when the method is called (sync) or awaited (async); nothing has
been sent in either case. Type checkers see the difference through the class's mode
parameter: `Bound[Blocking]` methods return `T`, `Bound[Async]` ones a coroutine of `T`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from types import MethodType
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from .calls import Op

if TYPE_CHECKING:
    from .runner import AsyncRunner, Runner

__all__ = ["Async", "Blocking", "Bound", "api", "async_only", "blocking_only", "describe"]

P = ParamSpec("P")
T = TypeVar("T")


class Blocking:
    """Mode marker: methods return their result."""


class Async:
    """Mode marker: methods are coroutines."""


M = TypeVar("M", Blocking, Async)


class Bound(Generic[M]):
    """Base of every object whose methods are `@api` methods: it holds the runner."""

    __slots__ = ("_runner",)

    def __init__(self, runner: Runner | AsyncRunner) -> None:
        self._runner = runner


def _result_annotation(fn: Callable[..., Any]) -> Any:
    """`Call[X]` / `Steps[X]` / `Op[X]` in the source shows as `X` in help() and signatures."""
    ann = inspect.signature(fn).return_annotation
    if isinstance(ann, str):
        for prefix in ("Call[", "Steps[", "Op["):
            if ann.startswith(prefix) and ann.endswith("]"):
                return ann[len(prefix) : -1]
    return ann


class api(Generic[P, T]):  # noqa: N801 - a decorator, spelled like one
    """Descriptor made by `@api`; see the module docstring."""

    def __init__(self, fn: Callable[Concatenate[Any, P], Op[T]]) -> None:
        self._fn = fn
        sig = inspect.signature(fn)
        sig = sig.replace(return_annotation=_result_annotation(fn))

        @functools.wraps(fn)
        def blocking(obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            return obj._runner.run(fn(obj, *args, **kwargs))

        @functools.wraps(fn)
        async def asynchronous(obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            return await obj._runner.run(fn(obj, *args, **kwargs))

        for method in (blocking, asynchronous):
            wrapper: Any = method
            wrapper.__signature__ = sig
            del wrapper.__wrapped__  # the signature above is the public one
        self._blocking = blocking
        self._async = asynchronous
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> api[P, T]: ...

    @overload
    def __get__(self, obj: Bound[Blocking], owner: type | None = None) -> Callable[P, T]: ...

    @overload
    def __get__(
        self, obj: Bound[Async], owner: type | None = None
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return MethodType(self._async if obj._runner.is_async else self._blocking, obj)

    def describe(self, obj: Any, *args: P.args, **kwargs: P.kwargs) -> Op[T]:
        """What calling the method on `obj` would do, without doing it."""
        return self._fn(obj, *args, **kwargs)


def describe(method: Any, *args: Any, **kwargs: Any) -> Op[Any]:
    """The description behind a bound `@api` method (`describe(client.mgmt.user.load, "x")`).

    Tests and tools use it to see the `Call` a method makes without sending it.
    """
    obj = getattr(method, "__self__", None)
    name = getattr(method, "__name__", None)
    desc = inspect.getattr_static(type(obj), name) if obj is not None and name else None
    if not isinstance(desc, api):
        raise TypeError(f"{method!r} is not an @api method")
    return desc.describe(obj, *args, **kwargs)


class _ModeOnly:
    """A plain method that exists on objects of one mode only.

    For the few methods whose very shape depends on the mode (a blocking `close()`, an
    async `aclose()`): on an object of the other mode the attribute does not exist
    (`AttributeError`, so `hasattr` is False), as it does not on the official SDK.
    """

    def __init__(self, fn: Callable[..., Any], is_async: bool) -> None:
        self._fn = fn
        self._is_async = is_async
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        if obj._runner.is_async is not self._is_async:
            mode = "DescopeClientAsync" if self._is_async else "DescopeClient"
            raise AttributeError(f"{self.__name__} exists only on {mode}")
        return MethodType(self._fn, obj)


def blocking_only(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: the method exists on `DescopeClient`'s objects only."""
    return _ModeOnly(fn, is_async=False)  # type: ignore[return-value]


def async_only(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: the method exists on `DescopeClientAsync`'s objects only."""
    return _ModeOnly(fn, is_async=True)  # type: ignore[return-value]
