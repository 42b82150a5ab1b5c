"""`descope_core.cookies.parse_cookie_header`: the one Cookie policy of every adapter."""

from __future__ import annotations

import pytest

from descope_core.config import DescopeConfig
from descope_core.cookies import cookie_names, parse_cookie_header

NAMES = frozenset({"DS", "DSR"})


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("DS=a.b.c; DSR=d.e.f", {"DS": "a.b.c", "DSR": "d.e.f"}),
        ("DS=first; DS=second", {"DS": "first"}),
        ("DS=garbage; DS=a.b.c", {"DS": "garbage"}),
        ("theme=dark; DS=a.b.c; lang=en", {"DS": "a.b.c"}),
        ("theme=dark", {}),
        ("", {}),
        ('DS="a.b.c"', {"DS": "a.b.c"}),
        ('DS="a.b.c;x"', {"DS": '"a.b.c'}),  # a quote left open stays as is (then rejected)
        ('DS="', {"DS": '"'}),
        ("  DS  =  a.b.c  ;DSR=x", {"DS": "a.b.c", "DSR": "x"}),
        ("ds=a.b.c; Ds=x", {}),  # names are case-sensitive
        ("DS=", {"DS": ""}),  # present but empty: the first occurrence still wins
        ("DS=; DS=a.b.c", {"DS": ""}),
        (";;; =; DS; garbage ;DS=a=b=c", {"DS": "a=b=c"}),
        ("DSX=1; XDS=2; DS=3", {"DS": "3"}),
        (b"DS=\xff\xfe; DSR=ok", {"DS": "\xff\xfe", "DSR": "ok"}),  # bytes read as latin-1
        (None, {}),
    ],
)
def test_parse(header: str | bytes | None, expected: dict[str, str]) -> None:
    assert parse_cookie_header(header, NAMES) == expected


def test_several_headers_in_order_first_wins() -> None:
    headers = [b"DS=one; theme=x", "DSR=r1; DS=two", b"DSR=r2"]
    assert parse_cookie_header(headers, NAMES) == {"DS": "one", "DSR": "r1"}


def test_only_requested_names() -> None:
    assert parse_cookie_header("DS=a; DSR=b; other=c", {"DSR"}) == {"DSR": "b"}
    assert parse_cookie_header("DS=a", ()) == {}


def test_never_raises_on_odd_input() -> None:
    odd: list[object] = [
        "=",
        ";",
        '"',
        "DS" * 10_000,
        "DS=" + "a" * (1 << 20),
        "\x00DS=\x00",
        [None, 3, b"DS=x"],  # non-header items in a list are skipped
    ]
    for header in odd:
        result = parse_cookie_header(header, NAMES)  # type: ignore[arg-type]
        assert isinstance(result, dict)


def test_cookie_names_follow_the_config() -> None:
    config = DescopeConfig.resolve(
        project_id="P2Test", session_cookie_name="S", refresh_cookie_name="R"
    )
    assert cookie_names(config) == frozenset({"S", "R"})
