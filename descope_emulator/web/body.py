"""The one place a request body is read and checked, and the typed getters handlers use on
it. Every malformed body is a 400 with a short reason (413 when too large), never a 500:
invalid UTF-8 or JSON, lone surrogates, ``NaN`` / ``Infinity``, numbers beyond
:data:`MAX_NUMBER`, nesting deeper than :data:`MAX_DEPTH`, a body that is not a JSON
object."""

from __future__ import annotations

import json
import math
import urllib.parse
from typing import Any

from starlette.requests import Request

from .. import errors

MAX_BODY = 1024 * 1024
MAX_DEPTH = 32
MAX_NUMBER = 2**53  # what every JSON client represents exactly; sums of two still fit SQLite
MAX_BATCH = 1000  # items of one batch call (create / patch / delete many)


def _no_constant(name: str) -> Any:
    raise errors.MALFORMED_BODY(f"Request body has '{name}', which JSON does not allow")


def _int(text: str) -> int:
    value = int(text)
    if abs(value) > MAX_NUMBER:
        raise errors.MALFORMED_BODY("Request body has a number beyond 2^53")
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise errors.MALFORMED_BODY("Request body has a number beyond 2^53")
    return value


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_value(value: Any) -> None:
    """400 when a decoded JSON value nests deeper than :data:`MAX_DEPTH` or holds a lone
    surrogate (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _has_surrogate(item):
                raise errors.MALFORMED_BODY("Request body has an invalid Unicode escape")
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise errors.MALFORMED_BODY(f"Request body nests deeper than {MAX_DEPTH} levels")
            if isinstance(item, dict):
                for key, child in item.items():
                    stack.append((key, depth + 1))
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def parse_json(raw: bytes) -> Any:
    """Decode a body (400 for anything that is not plain, finite, shallow JSON)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.MALFORMED_BODY("Request body is not UTF-8") from exc
    try:
        data = json.loads(
            text, parse_constant=_no_constant, parse_int=_int, parse_float=_float
        )
    except errors.ApiError:
        raise
    except (ValueError, RecursionError) as exc:
        raise errors.MALFORMED_BODY("Request body is not valid JSON") from exc
    check_value(data)
    return data


async def read_body(request: Request) -> bytes:
    """The raw body (413 beyond :data:`MAX_BODY`)."""
    length = request.headers.get("content-length")
    if length is not None:
        try:
            too_large = int(length) > MAX_BODY
        except ValueError as exc:
            raise errors.MALFORMED_BODY("Invalid Content-Length") from exc
        if too_large:
            raise errors.BODY_TOO_LARGE("Request body exceeds 1 MB")
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_BODY:
            raise errors.BODY_TOO_LARGE("Request body exceeds 1 MB")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_form(raw: bytes) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (OAuth token requests) as an object of
    each field's last value; 400 when it is not UTF-8 or has too many fields."""
    try:
        pairs = urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True,
                                       max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as exc:
        raise errors.MALFORMED_BODY("Request body is not a valid form") from exc
    form = dict(pairs)
    check_value(form)
    return form


FORM_FLAG = "accepts_form"


def accepts_form(handler: Any) -> Any:
    """Mark a handler whose body may also be ``application/x-www-form-urlencoded`` (the
    OAuth token endpoint). Every other endpoint takes JSON only, so a cross-site HTML form
    can never post a body they read."""
    setattr(handler, FORM_FLAG, True)
    return handler


async def parse_once(request: Request, *, form: bool = False) -> Any:
    """The decoded, checked body of the request (None when empty), read only once: JSON,
    or (``form``: the handler accepts forms) a form when the request says
    ``application/x-www-form-urlencoded``."""
    try:
        return request.state.json_body
    except AttributeError:
        raw = await read_body(request)
        is_form = form and request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded")
        parse = parse_form if is_form else parse_json
        request.state.json_body = parse(raw) if raw.strip() else None
        return request.state.json_body


async def read_json(request: Request) -> dict[str, Any]:
    """The request body as a JSON object (``{}`` when empty). Raises only ApiError (400
    malformed / not an object, 413 too large)."""
    data = await parse_once(request)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise errors.MALFORMED_BODY("Request body must be a JSON object")
    return data


def get_str(body: dict[str, Any], key: str, *, required: bool = True, empty: bool = False) -> str:
    """A string field (400 when missing and required, wrong-typed, or empty and not
    allowed to be)."""
    value = body.get(key)
    if value is None:
        if required:
            raise errors.INVALID_REQUEST(f"'{key}' is required")
        return ""
    if not isinstance(value, str):
        raise errors.WRONG_TYPE(f"'{key}' must be a string")
    if required and not empty and not value:
        raise errors.INVALID_REQUEST(f"'{key}' must not be empty")
    return value


def opt_str(body: dict[str, Any], key: str) -> str | None:
    """An optional string field (None when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise errors.WRONG_TYPE(f"'{key}' must be a string")
    return value


def get_bool(body: dict[str, Any], key: str, default: bool = False) -> bool:
    """A boolean field (``default`` when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise errors.WRONG_TYPE(f"'{key}' must be a boolean")
    return value


def get_int(body: dict[str, Any], key: str, default: int = 0) -> int:
    """An integer field (``default`` when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise errors.WRONG_TYPE(f"'{key}' must be an integer")
    return value


def get_number(body: dict[str, Any], key: str) -> float | None:
    """An optional number field (None when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise errors.WRONG_TYPE(f"'{key}' must be a number")
    return float(value)


def get_obj(body: dict[str, Any], key: str) -> dict[str, Any]:
    """An object field (``{}`` when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise errors.WRONG_TYPE(f"'{key}' must be an object")
    return value


def get_str_list(body: dict[str, Any], key: str) -> list[str]:
    """An array-of-strings field (``[]`` when absent; 400 when wrong-typed)."""
    value = body.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise errors.WRONG_TYPE(f"'{key}' must be an array of strings")
    return list(value)


def get_obj_list(body: dict[str, Any], key: str, *, required: bool = False) -> list[dict[str, Any]]:
    """An array-of-objects field (``[]`` when absent unless required; 400 when
    wrong-typed)."""
    value = body.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise errors.WRONG_TYPE(f"'{key}' must be an array of objects")
    return list(value)


def get_batch(body: dict[str, Any], key: str, *, non_empty: bool = True) -> list[Any]:
    """The items of a batch call (a required array, non-empty unless told otherwise, at
    most :data:`MAX_BATCH` items; 400 otherwise). Items are checked by the caller."""
    value = body.get(key)
    if not isinstance(value, list) or non_empty and not value:
        raise errors.WRONG_TYPE(f"'{key}' must be a non-empty array" if non_empty
                                else f"'{key}' must be an array")
    if len(value) > MAX_BATCH:
        raise errors.INVALID_REQUEST(f"'{key}' has more than {MAX_BATCH} items")
    return value


def login_options(body: dict[str, Any], key: str = "loginOptions") -> dict[str, Any]:
    """LoginOptions / SignUpOptions: type-checked, unknown keys ignored."""
    opts = get_obj(body, key) if key else body
    return {
        "stepup": get_bool(opts, "stepup"),
        "mfa": get_bool(opts, "mfa"),
        "customClaims": get_obj(opts, "customClaims"),
        "revokeOtherSessions": get_bool(opts, "revokeOtherSessions"),
        "templateOptions": get_obj(opts, "templateOptions"),
        # an emulator option: trust the signing-in device (domain/trusted_devices.py)
        "trustedDevice": get_bool(opts, "trustedDevice"),
    }


async def read_json_array(request: Request) -> list[Any]:
    """The request body as a JSON array (``[]`` when empty); 400 otherwise."""
    data = await parse_once(request)
    if data is None:
        return []
    if not isinstance(data, list):
        raise errors.MALFORMED_BODY("Request body must be a JSON array")
    return data
