"""descope_flask beyond the shared matrix: factory, laziness, return types, helpers."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

pytest.importorskip("flask")  # the per-framework tox envs install only their framework

from descope_flask import (
    Descope,
    DescopeState,
    current_session,
    descope_login_required,
    descope_logout,
    descope_roles_required,
    set_session_cookies,
)
from flask import Flask, Response, g, make_response

from descope_core import DeliveryMethod
from tests.support.servers import is_cleared

EXPIRED = -60


def make(emulator: Any, **config: Any) -> Flask:
    app = Flask(__name__)
    app.config.update(
        TESTING=True,
        DESCOPE_PROJECT_ID=emulator.project_id,
        DESCOPE_BASE_URL=emulator.base_url,
        DESCOPE_COOKIE_SECURE=False,
        **config,
    )
    return app


def set_cookie_headers(response: Any, name: str) -> list[str]:
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]


def with_cookies(client: Any, tokens: dict[str, Any]) -> None:
    client.set_cookie("DS", tokens["sessionJwt"])
    client.set_cookie("DSR", tokens["refreshJwt"])


def test_app_factory_and_registry(descope_emulator: Any) -> None:
    descope = Descope()
    app = make(descope_emulator)
    descope.init_app(app)
    state = app.extensions["descope"]
    assert isinstance(state, DescopeState)
    assert state.extension is descope
    assert state.login_url is None and state.csrf_protect is True
    assert app.config["DESCOPE_SESSION_COOKIE_NAME"] == "DS"
    assert app.config["DESCOPE_REFRESH_COOKIE_NAME"] == "DSR"
    assert not hasattr(descope, "app")
    with app.app_context():
        assert descope.client is state.client


def test_one_extension_two_apps(descope_emulator: Any) -> None:
    descope = Descope()
    first, second = make(descope_emulator), make(descope_emulator, DESCOPE_LOGIN_URL="/in")
    descope.init_app(first)
    descope.init_app(second)
    assert first.extensions["descope"].client is not second.extensions["descope"].client
    assert second.extensions["descope"].login_url == "/in"


def test_explicit_client(descope_client: Any) -> None:
    app = Flask(__name__)
    Descope(app, client=descope_client)
    assert app.extensions["descope"].client is descope_client


def factory(config: dict[str, Any] | None = None) -> Flask:
    """An app factory as people write them: config, then `Descope(app)`, then routes."""
    app = Flask(__name__)
    app.config.update(TESTING=True, **(config or {}))
    Descope(app)

    @app.get("/admin")
    @descope_roles_required("admin")
    def admin() -> dict[str, Any]:
        return {"user": current_session.user_id}

    return app


def test_factory_app_runs_against_the_emulator_unchanged(descope_emulator: Any) -> None:
    """The pytest plugin points DESCOPE_PROJECT_ID / DESCOPE_BASE_URL at the emulator, so a
    factory calling `Descope(app)` with no settings is tested as it is."""
    http = factory().test_client()
    admin = descope_emulator.sign_in("ada@example.com", roles=["admin"])
    r = http.get("/admin", headers={"Authorization": f"Bearer {admin['sessionJwt']}"})
    assert r.status_code == 200 and r.json == {"user": admin["userId"]}
    viewer = descope_emulator.sign_in("bob@example.com", roles=["viewer"])
    r = http.get("/admin", headers={"Authorization": f"Bearer {viewer['sessionJwt']}"})
    assert r.status_code == 403 and r.json["missing"] == ["admin"]


def test_factory_app_then_a_client_of_ones_own(descope_emulator: Any, descope_client: Any) -> None:
    app = factory()
    Descope(app, client=descope_client)  # replaces the client the factory built
    assert app.extensions["descope"].client is descope_client  # no cookie setting of its own
    admin = descope_emulator.sign_in("ada@example.com", roles=["admin"])
    r = app.test_client().get("/admin", headers={"Authorization": f"Bearer {admin['sessionJwt']}"})
    assert r.status_code == 200


def test_given_client_keeps_the_apps_cookie_settings(descope_emulator: Any) -> None:
    """`Descope(app, client=...)`: the app's DESCOPE_COOKIE_* decide its cookies; what the
    app leaves unset stays the client's."""
    client = descope_emulator.client(cookie_secure=True, cookie_samesite="Strict")
    app = factory(
        {"DESCOPE_COOKIE_SECURE": False, "DESCOPE_SESSION_COOKIE_NAME": "app_session",
         "DESCOPE_COOKIE_PATH": "/"}
    )
    Descope(app, client=client)
    used = app.extensions["descope"].client
    assert used.config.cookie_secure is False and used.config.session_cookie_name == "app_session"
    assert used.config.cookie_samesite == "Strict"  # not set by the app: the client's
    assert client.config.cookie_secure is True  # the given client itself is unchanged
    tokens = descope_emulator.sign_in("cy@example.com", roles=["admin"], session_ttl=EXPIRED)
    http = app.test_client()
    http.set_cookie("app_session", tokens["sessionJwt"])
    http.set_cookie("DSR", tokens["refreshJwt"])
    r = http.get("/admin")
    assert r.status_code == 200, r.text
    [header] = set_cookie_headers(r, "app_session")
    assert "Secure" not in header and "SameSite=Strict" in header


def test_project_id_from_environment(descope_emulator: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("DESCOPE_PROJECT_ID", descope_emulator.project_id)
    monkeypatch.setenv("DESCOPE_BASE_URL", descope_emulator.base_url)
    app = Flask(__name__)
    app.config.update(TESTING=True, DESCOPE_COOKIE_SECURE=False)
    Descope(app)

    @app.get("/p")
    @descope_login_required
    def p() -> str:
        assert current_session is not None
        return current_session.user_id

    tokens = descope_emulator.sign_in("env@example.com")
    client = app.test_client()
    with_cookies(client, tokens)
    response = client.get("/p")
    assert response.status_code == 200
    assert response.text == tokens["userId"]


def test_decorators_keep_signature_and_name(descope_client: Any) -> None:
    def view(item_id: int, *, verbose: bool = False) -> str:
        """Doc."""
        return str(item_id)

    for guarded in (
        descope_login_required(view),
        descope_login_required(roles=["a"])(view),
        descope_roles_required("admin", tenant="t1")(view),
    ):
        assert guarded.__name__ == "view"
        assert guarded.__doc__ == "Doc."
        assert inspect.signature(guarded) == inspect.signature(view)


def test_every_return_type_gets_refreshed_cookies(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    Descope(app)

    @app.get("/str")
    @descope_login_required
    def as_str() -> str:
        return "hi"

    @app.get("/dict")
    @descope_login_required
    def as_dict() -> dict[str, Any]:
        return {"hi": True}

    @app.get("/tuple")
    @descope_login_required
    def as_tuple() -> tuple[str, int]:
        return "created", 201

    @app.get("/tuple-headers")
    @descope_login_required
    def as_tuple_headers() -> tuple[dict[str, Any], int, dict[str, str]]:
        return {"hi": True}, 202, {"X-Extra": "1"}

    @app.get("/response")
    @descope_login_required
    def as_response() -> Response:
        response = make_response("own", 200)
        response.set_cookie("theme", "dark")
        return response

    @app.get("/error")
    @descope_login_required
    def as_error() -> Any:
        from flask import abort

        abort(404)

    tokens = descope_emulator.sign_in("ret@example.com", session_ttl=EXPIRED)
    expected = {"/str": 200, "/dict": 200, "/tuple": 201, "/tuple-headers": 202, "/response": 200}
    expected["/error"] = 404
    client = app.test_client()
    for path, status in expected.items():
        with_cookies(client, tokens)
        response = client.get(path)
        assert response.status_code == status, path
        assert len(set_cookie_headers(response, "DS")) == 1, path
    assert response.headers.get("X-Extra") is None  # last one was /error
    with_cookies(client, tokens)
    assert any(
        h.startswith("theme=") for h in client.get("/response").headers.getlist("Set-Cookie")
    )


def test_session_is_lazy(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    Descope(app)

    @app.get("/untouched")
    def untouched() -> str:
        return "ok" if "descope_session" not in g else "resolved"

    @app.get("/touched")
    def touched() -> str:
        user = current_session.user_id if current_session else "anonymous"
        assert g.descope_session is current_session._get_current_object()  # type: ignore[union-attr]
        return user

    tokens = descope_emulator.sign_in("lazy@example.com", session_ttl=EXPIRED)
    before = descope_emulator.refresh_calls
    client = app.test_client()
    with_cookies(client, tokens)
    response = client.get("/untouched")
    assert response.text == "ok"
    assert set_cookie_headers(response, "DS") == []
    assert descope_emulator.refresh_calls == before

    response = client.get("/touched")
    assert response.text == tokens["userId"]
    assert len(set_cookie_headers(response, "DS")) == 1
    assert descope_emulator.refresh_calls == before + 1


def test_current_session_without_session_is_falsy(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    Descope(app)

    @app.get("/who")
    def who() -> str:
        return current_session.user_id if current_session else "anonymous"

    assert app.test_client().get("/who").text == "anonymous"


def test_current_session_outside_request() -> None:
    with pytest.raises(RuntimeError, match="during a request"):
        _ = current_session.user_id  # type: ignore[union-attr]
    assert not current_session  # LocalProxy answers False when it cannot resolve


def test_uninitialised_app_says_how_to_fix() -> None:
    app = Flask(__name__)
    app.config["TESTING"] = True

    @app.get("/p")
    @descope_login_required
    def p() -> str:
        return "never"

    with pytest.raises(RuntimeError, match="init_app"):
        app.test_client().get("/p")


def test_async_view(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    Descope(app)

    @app.get("/async")
    @descope_roles_required("admin")
    async def async_view() -> dict[str, Any]:
        assert current_session is not None
        return {"user": current_session.user_id}

    client = app.test_client()
    assert client.get("/async").status_code == 401
    with_cookies(client, descope_emulator.sign_in("a@example.com", roles=["viewer"]))
    assert client.get("/async").status_code == 403
    tokens = descope_emulator.sign_in("b@example.com", roles=["admin"])
    with_cookies(client, tokens)
    assert client.get("/async").json == {"user": tokens["userId"]}


@pytest.mark.parametrize(
    "config",
    [{"DESCOPE_CSRF_PROTECT": False}, {"DESCOPE_TRUSTED_ORIGINS": ["https://app.example"]}],
    ids=["opt-out", "trusted-origin"],
)
def test_cross_site_opt_outs(descope_emulator: Any, config: dict[str, Any]) -> None:
    app = make(descope_emulator, **config)
    Descope(app)

    @app.post("/write")
    @descope_login_required
    def write() -> str:
        return "written"

    client = app.test_client()
    with_cookies(client, descope_emulator.sign_in("csrf@example.com"))
    response = client.post("/write", headers={"Origin": "https://app.example"})
    assert response.status_code == 200
    if "DESCOPE_TRUSTED_ORIGINS" in config:
        response = client.post("/write", headers={"Origin": "https://evil.example"})
        assert response.status_code == 403


def test_set_session_cookies_after_sign_in(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    descope = Descope(app)

    @app.post("/verify")
    def verify() -> Response:
        # A real sign-in call: OTP by email, the code read from the emulator's outbox.
        login_id = "new@example.com"
        descope.client.otp.sign_up_or_in(DeliveryMethod.EMAIL, login_id)
        code = descope_emulator.outbox(login_id)[0]["code"]
        jwt_response = descope.client.otp.verify_code(DeliveryMethod.EMAIL, login_id, code)
        return set_session_cookies(make_response({"ok": True}), jwt_response)

    @app.get("/me")
    @descope_login_required
    def me() -> str:
        assert current_session is not None
        return current_session.user_id

    client = app.test_client()
    response = client.post("/verify")
    assert response.status_code == 200
    assert len(set_cookie_headers(response, "DS")) == 1
    assert len(set_cookie_headers(response, "DSR")) == 1
    # the test client's cookie jar now holds DS/DSR
    me_response = client.get("/me")
    assert me_response.status_code == 200
    assert me_response.text.startswith("U")


def test_logout_after_refresh_only_clears(descope_emulator: Any) -> None:
    app = make(descope_emulator)
    Descope(app)

    @app.post("/logout")
    def logout() -> Response:
        refreshed = bool(current_session and current_session.refreshed)  # resolves first
        return descope_logout(make_response({"was_refreshed": refreshed}))

    tokens = descope_emulator.sign_in("out@example.com", session_ttl=EXPIRED)
    client = app.test_client()
    with_cookies(client, tokens)
    response = client.post("/logout")
    assert response.json == {"was_refreshed": True}
    ds = set_cookie_headers(response, "DS")
    assert len(ds) == 1
    assert is_cleared({"value": ds[0].split(";")[0][3:], **_attrs(ds[0])})


def _attrs(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in header.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        out[key.lower()] = value or "true"
    return out


def test_cross_site_rule_applies_before_unguarded_views(descope_emulator: Any) -> None:
    """No decorator: a cross-site cookie POST is refused (403 cross_site) before the view
    runs, as on the other frameworks; same-origin and header-less POSTs reach it."""
    from descope_flask import check_request, get_outcome

    app = make(descope_emulator)
    Descope(app)

    @app.post("/unguarded")
    def unguarded() -> dict[str, Any]:
        denial = check_request()
        return {
            "session": bool(current_session),
            "reason": get_outcome().reason and get_outcome().reason.value,  # type: ignore[union-attr]
            "denial": denial and [denial.status, denial.reason],
        }

    client = app.test_client()
    with_cookies(client, descope_emulator.sign_in("csrf@example.com"))
    foreign = client.post("/unguarded", headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert foreign.json["reason"] == "cross_site"
    same = client.post("/unguarded", headers={"Origin": "http://localhost"}).json
    assert same == {"session": True, "reason": None, "denial": None}
    bare = client.post("/unguarded").json  # no Origin / Sec-Fetch-Site: let through
    assert bare["session"] is True



def test_denial_handlers_render_pages(descope_emulator: Any) -> None:
    """`unauthorized_handler` / `forbidden_handler`, as flask-login's: the app's own pages
    for 401 and 403 (cross-site refusals included), each naming the true reason."""
    from markupsafe import escape

    app = factory({"DESCOPE_COOKIE_SECURE": False})
    descope: Descope = app.extensions["descope"].extension

    @descope.unauthorized_handler
    def sign_in_page(denial: Any) -> tuple[str, int]:
        return f"<h1>{denial.title}</h1><p>{escape(denial.message)}</p>", 401

    @descope.forbidden_handler
    def forbidden_page(denial: Any) -> tuple[str, int]:
        return f"<h1>{denial.title}</h1><p>{escape(denial.message)}</p>", 403

    @app.post("/admin")
    @descope_roles_required("admin")
    def admin_post() -> str:
        return "posted"

    http = app.test_client()
    r = http.get("/admin")
    assert r.status_code == 401 and r.mimetype == "text/html"
    assert "<h1>Sign-in required</h1><p>You are not signed in.</p>" in r.text
    viewer = descope_emulator.sign_in("bob@example.com", roles=["viewer"])
    with_cookies(http, viewer)
    r = http.get("/admin")
    assert r.status_code == 403 and "You need the role &#39;admin&#39;." in r.text
    r = http.post("/admin", headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert "<h1>Request refused</h1><p>This request came from another site" in r.text
    # Descope unreachable keeps the default JSON answer (503 with Retry-After)
    expired = descope_emulator.sign_in("cy@example.com", session_ttl=EXPIRED)
    with_cookies(http, expired)
    with descope_emulator.faults("/v1/auth/refresh", status=503, retry_after=4):
        r = http.get("/admin")
    assert r.status_code == 503 and r.json["reason"] == "unavailable"
