"""The one `Cookie` header parser every framework adapter uses.

Frameworks collapse duplicate cookie names differently (Werkzeug keeps the first,
Starlette and Django the last), so the adapters hand the raw header(s) to
`parse_cookie_header` instead of their framework's cookie dict, and every framework
reads the same `DS`/`DSR` for the same request.

Policy:

* only the names asked for are returned (the client's session and refresh cookies);
* the first occurrence of a name wins, across several `Cookie` headers too: browsers
  send cookies with more specific paths first (RFC 6265 section 5.4), so the first `DS`
  is the one set for the most specific path;
* a value wrapped in double quotes is unwrapped; anything else is returned as is (the
  session layer rejects what is not a valid token);
* it never raises: pairs without `=` and undecodable bytes are skipped or read as
  latin-1 (the bytes the server received).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .config import DescopeConfig

RawHeader = str | bytes | bytearray


def cookie_names(config: DescopeConfig) -> frozenset[str]:
    """The cookie names the session layer reads for `config`."""
    return frozenset((config.session_cookie_name, config.refresh_cookie_name))


def parse_cookie_header(
    header: RawHeader | Iterable[RawHeader] | None, names: Collection[str]
) -> dict[str, str]:
    """`name -> value` for the cookies in `names` found in `header`, first occurrence wins.

    `header` is one `Cookie` header value, or every `Cookie` header of the request in
    the order received (str, or bytes as ASGI servers give them).
    """
    found: dict[str, str] = {}
    if not header or not names:
        return found
    headers: Iterable[RawHeader]
    if type(header) is str or type(header) is bytes or isinstance(header, (str, bytes, bytearray)):
        headers = (header,)
    else:
        headers = header
    wanted = len(names)
    for raw in headers:
        if type(raw) is str:
            text = raw
        elif isinstance(raw, (bytes, bytearray)):
            text = raw.decode("latin-1")
        elif isinstance(raw, str):
            text = raw
        else:
            continue
        for pair in text.split(";"):
            name, sep, value = pair.partition("=")
            if not sep:
                continue
            name = name.strip()
            if name not in names or name in found:
                continue
            value = value.strip()
            if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
                value = value[1:-1]
            found[name] = value
            if len(found) == wanted:
                return found
    return found
