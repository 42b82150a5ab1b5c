"""The emulator console (``/``) in headless Chromium against a real emulator: every page
renders (screenshots at 1280x800 and phone width go to test-artifacts/console/, or to
descope_emulator/docs/console/ with DESCOPE_CONSOLE_SCREENSHOTS=readme),
and what the UI does is what the API then sees: a user created in the UI signs in with an
OTP, a session revoked in the UI cannot refresh, a fault switched on in the UI gives the
client a 503, edited roles / keys / tenants and SSO settings load through the management
API, settings and the clock change tokens, export / reset / import round-trip (and the CLI
reads the exported file), the outbox and the request log update live and mask secrets,
and the users table pages and works from the keyboard."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt as pyjwt
import pytest
from playwright.sync_api import Page, expect

from descope_core import (
    AssociatedTenant,
    AuthException,
    DeliveryMethod,
    DescopeClient,
    DescopeError,
)
from example_apps import launch

from .conftest import MANAGEMENT_KEY, PROJECT_ID, Emulator

PAGES = {
    "home": "Home",
    "users": "Users",
    "sessions": "Sessions",
    "outbox": "Outbox",
    "log": "Request log",
    "tokens": "Token decoder",
    "settings": "Settings",
    "catalog": "Tenants & roles",
    "sso": "SSO",
    "data": "Data",
}
#: where the screenshots go: test-artifacts/ (ignored by git) so a test run leaves the tree
#: clean; DESCOPE_CONSOLE_SCREENSHOTS=readme refreshes the README's images instead
SHOTS = (
    launch.REPO_ROOT / "descope_emulator" / "docs" / "console"
    if os.environ.get("DESCOPE_CONSOLE_SCREENSHOTS") == "readme"
    else launch.REPO_ROOT / "test-artifacts" / "console"
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


@pytest.fixture()
def client(emulator: Emulator) -> DescopeClient:
    return DescopeClient(project_id=emulator.project_id, base_url=emulator.base_url,
                         management_key=emulator.management_key)


PROBLEMS: dict[int, list[str]] = {}


def forgive_refusal(page: Page) -> None:
    """An expected 4xx answer (shown as a toast) is not a problem of the page (its console
    line may come a moment after the toast: wait for it)."""
    problems = PROBLEMS[id(page)]
    for _ in range(50):
        if any("status of 4" in p for p in problems):
            break
        page.wait_for_timeout(100)
    problems[:] = [p for p in problems if "status of 4" not in p]


@pytest.fixture()
def console(page: Page, emulator: Emulator) -> Iterator[Page]:
    """The console page; fails the test on any script error or failed request."""
    problems = PROBLEMS.setdefault(id(page), [])
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.set_viewport_size(DESKTOP)
    page.goto(emulator.base_url + "/")
    expect(page.locator("main h1")).to_have_text("Home")
    yield page
    PROBLEMS.pop(id(page))
    assert not problems, problems


@pytest.fixture(scope="module")
def scratch(logs_dir: Path) -> Iterator[Emulator]:
    """An emulator of its own for what would disturb the shared one (settings, clock,
    reset, import)."""
    port = launch.free_port()
    proc = launch.Process("scratch-emulator", launch.emulator_argv(
        port, db=":memory:", management_key=MANAGEMENT_KEY), log_path=logs_dir / "scratch.log")
    try:
        base_url = f"http://{launch.HOST}:{port}"
        launch.wait_http(f"{base_url}/emulator/health", proc)
        yield Emulator(base_url, PROJECT_ID, MANAGEMENT_KEY, 0)
    finally:
        proc.stop()


def shot(page: Page, name: str) -> None:
    """Save a screenshot for the README (JPEG keeps the files small)."""
    page.screenshot(path=str(SHOTS / f"{name}.jpg"), type="jpeg", quality=60)


def open_console(page: Page, emulator: Emulator, name: str) -> None:
    """Open the console of `emulator` at page `name` (a fresh load)."""
    page.goto(f"{emulator.base_url}/#{name}")
    expect(page.locator("main")).to_have_attribute("data-page", name)


def open_page(page: Page, name: str) -> None:
    page.locator(f'#nav a[href="#{name}"]').click()
    expect(page.locator("main h1")).to_have_text(PAGES[name])
    expect(page.locator("main")).to_have_attribute("data-page", name)


def sign_in_api(emulator: Emulator, login_id: str) -> dict:
    r = httpx.post(f"{emulator.base_url}/emulator/sign-in", json={"loginId": login_id})
    r.raise_for_status()
    return r.json()


def test_every_page_renders(console: Page, emulator: Emulator) -> None:
    """Every page at 1280x800 and at phone width (nothing scrolls sideways); the
    screenshots go to ``SHOTS`` (the README's images with DESCOPE_CONSOLE_SCREENSHOTS=readme)."""
    sign_in_api(emulator, unique("shot"))  # something in the tables and the log
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        open_page(console, name)
        assert console.locator("#nav a[aria-current=page]").get_attribute("href") == f"#{name}"
        shot(console, f"{name}")
    home = console.locator("#home-project")
    open_page(console, "home")
    expect(home).to_have_text(emulator.project_id)
    expect(console.locator("#snippet")).to_contain_text(f'base_url="{emulator.base_url}"')
    expect(console.locator("#env")).to_contain_text(f"DESCOPE_PROJECT_ID={emulator.project_id}")
    console.set_viewport_size(PHONE)
    for name in PAGES:
        open_page(console, name)
        width = console.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways on a phone: {width}px"
        shot(console, f"{name}-phone")


def test_rotate_button_publishes_a_new_key(console: Page, emulator: Emulator) -> None:
    before = console.locator("#home-kid").inner_text()
    console.locator("#rotate").click()
    expect(console.locator("#home-kid")).not_to_have_text(before)
    kid = console.locator("#home-kid").inner_text()
    keys = httpx.get(f"{emulator.base_url}/v2/keys/{emulator.project_id}").json()["keys"]
    assert kid in {k["kid"] for k in keys}


def test_user_created_in_the_ui_signs_in_through_the_api(
    console: Page, emulator: Emulator, client: DescopeClient
) -> None:
    login_id = unique("ui-made")
    open_page(console, "users")
    console.locator("#add-user").click()
    console.locator("#f-loginId").fill(login_id)
    console.locator("#f-name").fill("Made In UI")
    console.locator("#f-roleNames").fill("Tenant Admin")
    console.locator("#dialog-ok").click()
    console.locator("#user-search").fill(login_id)
    row = console.locator("#users-body tr", has_text=login_id)
    expect(row).to_contain_text("Made In UI")
    expect(row).to_contain_text("never")

    client.otp.sign_in(DeliveryMethod.EMAIL, login_id)
    msgs = httpx.get(f"{emulator.base_url}/emulator/outbox.json",
                     params={"loginId": login_id}).json()["messages"]
    jwt = client.otp.verify_code(DeliveryMethod.EMAIL, login_id, msgs[0]["code"])
    assert jwt["user"]["name"] == "Made In UI"
    assert "Tenant Admin" in jwt["sessionToken"]["roles"]
    console.locator("#user-search").fill(login_id + " ")  # search again: last login shows
    console.locator("#user-search").fill(login_id)
    expect(row).not_to_contain_text("never")
    row.get_by_role("button", name="History").click()
    expect(console.locator("#user-detail tbody tr")).to_have_count(1)


def test_sign_in_as_shows_decoded_verified_tokens(console: Page) -> None:
    login_id = unique("sign-in-as")
    open_page(console, "users")
    console.locator("#add-user").click()
    console.locator("#f-loginId").fill(login_id)
    console.locator("#dialog-ok").click()
    console.locator("#user-search").fill(login_id)
    console.locator("#users-body tr", has_text=login_id).get_by_role("button", name="Sign in as").click()
    detail = console.locator("#user-detail")
    expect(detail.locator(".claims").first).to_contain_text('"sub"')
    expect(detail.locator("#verdict").first).to_have_text("verified by this emulator's keys")
    detail.scroll_into_view_if_needed()
    shot(console, "sign-in-as")
    token = detail.locator("pre.jwt").first.inner_text()
    open_page(console, "tokens")
    console.locator("#token-input").fill(token)
    console.locator("#decode").click()
    expect(console.locator("#verdict")).to_have_text("verified by this emulator's keys")
    console.locator("#token-input").fill(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    console.locator("#decode").click()
    expect(console.locator("#verdict")).to_contain_text("not verified")


def test_a_session_revoked_in_the_ui_cannot_refresh(
    console: Page, emulator: Emulator, client: DescopeClient
) -> None:
    login_id = unique("revoked")
    kept = sign_in_api(emulator, login_id)
    doomed = sign_in_api(emulator, login_id)
    console.goto(f"{emulator.base_url}/#sessions/{doomed['userId']}")
    expect(console.locator("#session-count")).to_have_text("2 live")
    jti = pyjwt.decode(doomed["refreshJwt"], options={"verify_signature": False})["jti"]
    console.locator("tr", has_text=jti).get_by_role("button", name="Revoke").click()
    expect(console.locator("#session-count")).to_have_text("1 live")
    with pytest.raises(AuthException) as refused:
        client.refresh_session(doomed["refreshJwt"])
    assert refused.value.status_code == 401
    assert client.refresh_session(kept["refreshJwt"])["sessionToken"]["jwt"]
    console.locator("#revoke-all").click()
    expect(console.locator("#session-count")).to_have_text("0 live")
    fresh = DescopeClient(project_id=emulator.project_id, base_url=emulator.base_url)
    with pytest.raises(AuthException) as refused_too:
        fresh.refresh_session(kept["refreshJwt"])
    assert refused_too.value.status_code == 401


def test_a_fault_set_in_the_ui_gives_the_client_503(
    console: Page, emulator: Emulator, client: DescopeClient
) -> None:
    login_id = unique("faulted")
    sign_in_api(emulator, login_id)
    open_page(console, "settings")
    console.locator("#fault-path").fill("/v1/auth/otp/signin")
    console.locator("#fault-status").fill("503")
    try:
        console.locator("#fault-add").click()
        expect(console.locator("#faults-table")).to_contain_text("/v1/auth/otp/signin")
        expect(console.locator("#faultbadge")).to_have_text("1 fault(s) on")
        with pytest.raises(DescopeError) as failed:
            client.otp.sign_in(DeliveryMethod.EMAIL, login_id)
        assert failed.value.status_code == 503
        console.locator("#faults-table").get_by_role("button", name="Remove").click()
        expect(console.locator("#faults-table")).to_have_count(0)
        client.otp.sign_in(DeliveryMethod.EMAIL, login_id)
    finally:
        httpx.delete(f"{emulator.base_url}/emulator/faults")


def test_the_request_log_masks_secrets(console: Page, emulator: Emulator) -> None:
    login_id = unique("masked")
    password = "Sup3r-Secret-Passw0rd"
    r = httpx.post(f"{emulator.base_url}/v1/auth/password/signup",
                   headers={"Authorization": f"Bearer {emulator.project_id}"},
                   json={"loginId": login_id, "password": password})
    assert r.status_code == 200, r.text
    refresh = r.json()["refreshJwt"]
    httpx.post(f"{emulator.base_url}/v1/auth/refresh",
               headers={"Authorization": f"Bearer {emulator.project_id}:{refresh}"})
    missing = httpx.get(f"{emulator.base_url}/v1/mgmt/user", params={"loginId": unique("nobody")},
                        headers={"Authorization": f"Bearer {emulator.project_id}:{emulator.management_key}"})
    assert missing.status_code == 404
    open_page(console, "users")
    console.locator("#user-search").fill(login_id)
    expect(console.locator("#users-body tr", has_text=login_id).locator(".method")).to_have_text(["password"])
    open_page(console, "log")
    console.locator("#log-path").fill("/v1/auth/password/signup")
    row = console.locator("#log-body tr", has_text="/v1/auth/password/signup").first
    row.locator("summary").click()
    expect(row.locator(".log-detail")).to_contain_text('"password": "***"')
    expect(row.locator(".log-detail")).to_contain_text(login_id)
    console.locator("#log-path").fill("")
    for summary in console.locator("#log-body summary").all()[:20]:
        summary.click()
    text = console.locator("#log-body").inner_text()
    assert "***" in text
    for secret in (password, refresh, emulator.management_key, refresh.split(".")[2]):
        assert secret not in text
    console.locator("#log-status").fill("4")
    expect(console.locator("#log-body")).to_contain_text("/v1/mgmt/user")
    expect(console.locator("#log-body")).not_to_contain_text("/v1/auth/password/signup")


def test_users_table_by_keyboard(console: Page, emulator: Emulator) -> None:
    tag = uuid.uuid4().hex[:8]
    ids = [f"kb{i}-{tag}@example.com" for i in range(3)]
    for login_id in ids:
        sign_in_api(emulator, login_id)
    open_page(console, "users")
    console.locator("main").focus()
    console.keyboard.press("/")
    expect(console.locator("#user-search")).to_be_focused()
    console.keyboard.type(tag)
    rows = console.locator("#users-body tr")
    expect(rows).to_have_count(3)
    rows.first.focus()
    console.keyboard.press("ArrowDown")
    expect(rows.nth(1)).to_be_focused()
    console.keyboard.press("End")
    expect(rows.nth(2)).to_be_focused()
    console.keyboard.press("ArrowUp")
    expect(rows.nth(1)).to_be_focused()
    console.keyboard.press("Enter")
    dialog = console.locator("#dialog")
    expect(dialog).to_be_visible()
    expect(console.locator("#dialog-title")).to_have_text(f"Edit {ids[1]}")
    expect(console.locator("#f-name")).to_be_focused()
    console.keyboard.type("Keyboard Kim")
    console.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(rows.nth(1)).to_contain_text("Keyboard Kim")
    user = httpx.get(f"{emulator.base_url}/v1/mgmt/user", params={"loginId": ids[1]},
                     headers={"Authorization": f"Bearer {emulator.project_id}:{emulator.management_key}"})
    assert user.json()["user"]["name"] == "Keyboard Kim"


def test_cross_site_writes_are_refused(emulator: Emulator) -> None:
    """The console's writes take same-origin JSON only: a foreign Origin or Sec-Fetch-Site
    is 403, a form's content type (text/plain, urlencoded, multipart) is 415."""
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/users/create",
                   headers={"Origin": "http://evil.example"}, json={"loginId": unique("evil")})
    assert r.status_code == 403
    r = httpx.post(f"{emulator.base_url}/emulator/faults",
                   headers={"Sec-Fetch-Site": "cross-site"}, json={"path": "/v1", "status": 500})
    assert r.status_code == 403
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/users/create",
                   content=b'{"loginId": "form@example.com"}',
                   headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert httpx.get(f"{emulator.base_url}/emulator/faults").json()["faults"] == []
    # what a foreign page's plain HTML form could send: refused before anything changes
    client = DescopeClient(project_id=emulator.project_id, base_url=emulator.base_url,
                           management_key=emulator.management_key)
    tenant = f"xs-{uuid.uuid4().hex[:8]}"
    client.mgmt.tenant.create(name="Kept", id=tenant)
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/tenants/update",
                   data={"id": tenant, "name": "Hijacked"})  # application/x-www-form-urlencoded
    assert r.status_code == 415
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/tenants/update",
                   files={"id": (None, tenant), "name": (None, "Hijacked")})  # multipart/form-data
    assert r.status_code == 415
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/sso/oidc",
                   headers={"Origin": "http://evil.example"},
                   json={"tenantId": tenant, "settings": {"name": "evil", "clientId": "evil"}})
    assert r.status_code == 403
    r = httpx.post(f"{emulator.base_url}/emulator/console/api/tenants/delete",
                   headers={"Sec-Fetch-Site": "same-site"}, json={"id": tenant})
    assert r.status_code == 403
    assert client.mgmt.tenant.load(tenant)["name"] == "Kept"
    assert client.mgmt.sso.load_settings(tenant)["tenant"]["authType"] == "none"


def test_tenants_roles_permissions_and_keys_from_the_ui(console: Page, emulator: Emulator) -> None:
    tag = uuid.uuid4().hex[:8]
    mgmt = {"Authorization": f"Bearer {emulator.project_id}:{emulator.management_key}"}
    open_page(console, "catalog")
    console.locator("#tenant-form-name").fill(f"Tenant {tag}")
    console.locator("#tenant-form-id").fill(f"t-{tag}")
    console.locator("#tenant-form button").click()
    expect(console.locator("#tenants")).to_contain_text(f"t-{tag}")
    console.locator("#permission-form-name").fill(f"perm-{tag}")
    console.locator("#permission-form button").click()
    expect(console.locator("#permissions")).to_contain_text(f"perm-{tag}")
    console.locator("#role-form-name").fill(f"role-{tag}")
    console.locator("#role-form-perms").fill(f"perm-{tag}")
    console.locator("#role-form button").click()
    expect(console.locator("#roles")).to_contain_text(f"role-{tag}")
    console.locator("#key-form-name").fill(f"key-{tag}")
    console.locator("#key-form-roles").fill(f"role-{tag}")
    console.locator("#key-form button").click()
    secret = console.locator("#key-cleartext").inner_text()

    tenants = httpx.get(f"{emulator.base_url}/v1/mgmt/tenant/all", headers=mgmt).json()["tenants"]
    assert {"id": f"t-{tag}", "name": f"Tenant {tag}"}.items() <= next(
        t for t in tenants if t["id"] == f"t-{tag}").items()
    all_roles = httpx.get(f"{emulator.base_url}/v1/mgmt/role/all", headers=mgmt).json()["roles"]
    assert next(r for r in all_roles if r["name"] == f"role-{tag}")["permissionNames"] == [f"perm-{tag}"]
    exchanged = httpx.post(f"{emulator.base_url}/v1/auth/accesskey/exchange", json={},
                           headers={"Authorization": f"Bearer {emulator.project_id}:{secret}"})
    assert exchanged.status_code == 200, exchanged.text
    claims = pyjwt.decode(exchanged.json()["sessionJwt"], options={"verify_signature": False})
    assert f"role-{tag}" in claims["roles"]

    console.on("dialog", lambda d: d.accept())
    console.get_by_role("button", name=f"Delete tenant t-{tag}").click()
    expect(console.locator("#tenants")).not_to_contain_text(f"t-{tag}")
    tenants = httpx.get(f"{emulator.base_url}/v1/mgmt/tenant/all", headers=mgmt).json()["tenants"]
    assert f"t-{tag}" not in {t["id"] for t in tenants}
    console.get_by_role("button", name=f"Delete access key key-{tag}").click()
    expect(console.locator("#accesskeys")).not_to_contain_text(f"key-{tag}")
    refused = httpx.post(f"{emulator.base_url}/v1/auth/accesskey/exchange", json={},
                         headers={"Authorization": f"Bearer {emulator.project_id}:{secret}"})
    assert refused.status_code == 401



def test_catalog_edits_show_through_the_api(
    console: Page, emulator: Emulator, client: DescopeClient
) -> None:
    tag = uuid.uuid4().hex[:8]
    tenant, perm1, perm2, role = f"te-{tag}", f"read-{tag}", f"write-{tag}", f"editor-{tag}"
    client.mgmt.tenant.create(name=f"Before {tag}", id=tenant)
    client.mgmt.permission.create(perm1)
    client.mgmt.permission.create(perm2)
    client.mgmt.role.create(role, permission_names=[perm1])
    key = client.mgmt.access_key.create(f"key-{tag}", role_names=[role])
    secret, key_id = key["cleartext"], key["key"]["id"]
    open_page(console, "catalog")

    console.get_by_role("button", name=f"Edit tenant {tenant}").click()
    console.locator("#f-name").fill(f"After {tag}")
    console.locator("#f-domains").fill(f"{tag}.example.com, {tag}.example.org")
    console.locator("#f-enforceSSO").check()
    console.locator("#f-customAttributes").fill('{"plan": "gold"}')
    console.locator("#dialog-ok").click()
    expect(console.locator("#tenants")).to_contain_text(f"After {tag}")
    loaded = client.mgmt.tenant.load(tenant)
    assert loaded["name"] == f"After {tag}"
    assert loaded["selfProvisioningDomains"] == [f"{tag}.example.com", f"{tag}.example.org"]
    assert loaded["enforceSSO"] is True and loaded["customAttributes"] == {"plan": "gold"}

    console.get_by_role("button", name=f"Edit permission {perm2}").click()
    console.locator("#f-description").fill("may write")
    console.locator("#dialog-ok").click()
    expect(console.locator("#permissions")).to_contain_text("may write")
    perms = client.mgmt.permission.load_all()["permissions"]
    assert next(p for p in perms if p["name"] == perm2)["description"] == "may write"

    console.get_by_role("button", name=f"Edit role {role}").click()
    console.locator("#f-description").fill("edits things")
    console.locator("#f-perms").fill(f"{perm1}, nope-{tag}")  # refused: the dialog stays
    console.locator("#dialog-ok").click()
    expect(console.locator("#toast")).to_contain_text(f"nope-{tag}")
    forgive_refusal(console)
    expect(console.locator("#dialog")).to_be_visible()
    expect(console.locator("#f-description")).to_have_value("edits things")
    console.locator("#f-perms").fill(f"{perm1}, {perm2}")
    shot(console, "edit-role")
    console.locator("#dialog-ok").click()
    expect(console.locator("#roles tr", has_text=role)).to_contain_text(perm2)
    loaded_role = next(r for r in client.mgmt.role.load_all()["roles"] if r["name"] == role)
    assert loaded_role["permissionNames"] == [perm1, perm2]
    assert loaded_role["description"] == "edits things"

    console.get_by_role("button", name=f"Edit access key key-{tag}").click()
    console.locator("#f-status").select_option("inactive")
    console.locator("#dialog-ok").click()
    expect(console.locator("#accesskeys tr", has_text=f"key-{tag}")).to_contain_text("inactive")
    assert client.mgmt.access_key.load(key_id)["key"]["status"] == "inactive"
    with pytest.raises(AuthException) as refused:
        client.exchange_access_key(secret)
    assert refused.value.status_code == 401
    console.get_by_role("button", name=f"Edit access key key-{tag}").click()
    console.locator("#f-status").select_option("active")
    console.locator("#f-roles").fill("")
    console.locator("#f-tenants").fill(f"{tenant}:{role}")
    console.locator("#dialog-ok").click()
    expect(console.locator("#accesskeys tr", has_text=f"key-{tag}")).to_contain_text(tenant)
    claims = pyjwt.decode(client.exchange_access_key(secret)["sessionToken"]["jwt"],
                          options={"verify_signature": False})
    assert claims["tenants"][tenant]["roles"] == [role]
    assert claims["tenants"][tenant]["permissions"] == [perm1, perm2]
    assert not claims.get("roles")

    console.get_by_role("button", name=f"Edit role {role}").click()  # move it into the tenant
    console.locator("#f-tenant").select_option(tenant)
    console.locator("#dialog-ok").click()
    expect(console.locator("#roles tr", has_text=role)).to_contain_text(tenant)
    moved = next(r for r in client.mgmt.role.load_all()["roles"] if r["name"] == role)
    assert moved["tenantId"] == tenant

    console.get_by_role("button", name=f"Settings of tenant {tenant}").click()
    console.locator("#f-defaultRoles").fill(role)
    console.locator("#f-enabled").check()
    console.locator("#f-session").fill("5")
    console.locator("#f-sessionUnit").select_option("minutes")
    console.locator("#f-refresh").fill("2")
    console.locator("#f-refreshUnit").select_option("hours")
    console.locator("#dialog-ok").click()
    expect(console.locator("#tenants tr", has_text=tenant)).to_contain_text(f"default roles: {role}")
    settings = client.mgmt.tenant.load_settings(tenant)
    assert settings["enabled"] is True
    assert (settings["sessionTokenExpiration"], settings["sessionTokenExpirationUnit"]) == (5, "minutes")
    assert (settings["refreshTokenExpiration"], settings["refreshTokenExpirationUnit"]) == (2, "hours")
    assert client.mgmt.tenant.load(tenant)["defaultRoles"] == [role]
    member = httpx.post(f"{emulator.base_url}/emulator/sign-in", json={
        "loginId": unique("member"), "tenants": {tenant: {}}}).json()
    signed = client.select_tenant(tenant, member["refreshJwt"])
    claims = pyjwt.decode(signed["sessionToken"]["jwt"], options={"verify_signature": False})
    assert claims["dct"] == tenant and claims["exp"] - claims["iat"] == 300

    console.get_by_role("button", name=f"Edit tenant {tenant}").click()
    console.locator("#f-customAttributes").fill("[1, 2]")  # not an object: refused, nothing sent
    console.locator("#dialog-ok").click()
    expect(console.locator("#toast")).to_contain_text("must be a JSON object")
    expect(console.locator("#dialog")).to_be_visible()
    console.locator("#dialog-cancel").click()
    expect(console.locator("#dialog")).to_be_hidden()
    assert client.mgmt.tenant.load(tenant)["customAttributes"] == {"plan": "gold"}


def test_sso_settings_from_the_ui_load_through_mgmt_sso(
    console: Page, emulator: Emulator, client: DescopeClient
) -> None:
    tag = uuid.uuid4().hex[:8]
    tenant, role = f"sso-{tag}", f"sso-admin-{tag}"
    client.mgmt.tenant.create(name=f"SSO {tag}", id=tenant)
    client.mgmt.role.create(role)
    open_page(console, "sso")
    console.get_by_role("link", name=f"Configure SSO of {tenant}").click()
    expect(console.locator("#sso-current h2")).to_have_text("Editing the default configuration")
    expect(console.locator("#sso-type")).to_have_text("not configured")
    console.locator("#saml-entityId").fill(f"https://idp.{tag}.example/entity")
    console.locator("#saml-idpUrl").fill(f"https://idp.{tag}.example/sso")
    console.locator("#saml-idpCert").fill("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
    console.locator("#saml-domains").fill(f"{tag}.example")
    console.locator("#saml-defaultRoles").fill(role)
    console.locator("#saml-mappings").fill(f"{role}: admins, owners")
    console.locator("#saml-attr-email").fill("mail")
    console.locator("#saml-save").click()
    expect(console.locator("#sso-type")).to_have_text("SAML")
    expect(console.locator("#sso-current")).to_contain_text(f"https://idp.{tag}.example/sso")
    expect(console.locator("#sso-current")).not_to_contain_text("[object")
    loaded = client.mgmt.sso.load_settings(tenant)
    assert loaded["tenant"]["authType"] == "saml"
    assert loaded["tenant"]["domains"] == [f"{tag}.example"]
    saml = loaded["saml"]
    assert saml["idpSSOUrl"] == f"https://idp.{tag}.example/sso"
    assert saml["idpEntityId"] == f"https://idp.{tag}.example/entity"
    assert saml["groupsMapping"] == [{"role": {"name": role}, "groups": ["admins", "owners"]}]
    assert saml["defaultSSORoles"] == [role]
    assert saml["attributeMapping"]["email"] == "mail"
    console.locator("#saml-mappings").fill("no-such-role: x")  # the API's rule: roles must exist
    console.locator("#saml-save").click()
    expect(console.locator("#toast")).to_contain_text("no-such-role")
    forgive_refusal(console)
    assert client.mgmt.sso.load_settings(tenant)["saml"]["groupsMapping"][0]["groups"] == ["admins", "owners"]

    console.locator("#sso-new-displayName").fill("Okta EU")
    console.locator("#sso-new-ssoId").fill(f"okta-{tag}")
    console.locator("#sso-new button").click()
    expect(console.locator("#sso-current h2")).to_have_text(f"Editing the Okta EU (okta-{tag})")
    expect(console.locator("#sso-type")).to_have_text("not configured")
    console.locator("#oidc-name").fill(f"oidc-{tag}")
    console.locator("#oidc-clientId").fill(f"client-{tag}")
    console.locator("#oidc-clientSecret").fill("oidc-client-secret")
    console.locator("#oidc-issuer").fill(f"https://op.{tag}.example")
    console.locator("#oidc-scope").fill("openid email")
    console.locator("#oidc-attr-email").fill("email")
    console.locator("#oidc-save").click()
    expect(console.locator("#sso-type")).to_have_text("OIDC")
    shot(console, "sso-tenant")
    console.set_viewport_size(PHONE)
    width = console.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"a tenant's SSO page scrolls sideways on a phone: {width}px"
    shot(console, "sso-tenant-phone")
    console.set_viewport_size(DESKTOP)
    every = {s["ssoId"]: s for s in client.mgmt.sso.load_all_settings(tenant)["SSOSettings"]}
    assert set(every) == {"", f"okta-{tag}"}
    assert every[""]["tenant"]["authType"] == "saml"  # the default one is untouched
    named = every[f"okta-{tag}"]
    assert named["displayName"] == "Okta EU" and named["tenant"]["authType"] == "oidc"
    oidc = named["oidc"]
    assert (oidc["name"], oidc["clientId"], oidc["issuer"]) == (f"oidc-{tag}", f"client-{tag}", f"https://op.{tag}.example")
    assert oidc["scope"] == ["openid", "email"] and oidc["userAttrMapping"]["email"] == "email"
    assert "oidc-client-secret" not in console.content()

    console.on("dialog", lambda d: d.accept())
    console.get_by_role("button", name=f"Delete SSO okta-{tag}").click()
    expect(console.locator("#sso-current h2")).to_have_text("Editing the default configuration")
    assert [s["ssoId"] for s in client.mgmt.sso.load_all_settings(tenant)["SSOSettings"]] == [""]
    console.get_by_role("button", name="Delete SSO default").click()
    expect(console.locator("#sso-type")).to_have_text("not configured")
    assert client.mgmt.sso.load_settings(tenant)["tenant"]["authType"] == "none"
    open_page(console, "sso")
    expect(console.locator("#sso-table tr", has_text=tenant)).to_contain_text("none")


def test_settings_and_clock_from_the_ui_change_what_the_api_does(
    console: Page, scratch: Emulator
) -> None:
    client = DescopeClient(project_id=scratch.project_id, base_url=scratch.base_url,
                           management_key=scratch.management_key)
    open_console(console, scratch, "settings")
    console.locator("#s-session").fill("120")
    console.locator("#s-refresh").fill("7200")
    console.locator("#p-min").fill("12")
    console.locator("#s-domains").fill("example.com, example.org")
    console.locator("#settings-form button[type=submit]").click()
    expect(console.locator("#toast")).to_have_text("Settings saved")
    signed = sign_in_api(scratch, "lifetimes@example.com")
    session = pyjwt.decode(signed["sessionJwt"], options={"verify_signature": False})
    refresh = pyjwt.decode(signed["refreshJwt"], options={"verify_signature": False})
    assert session["exp"] - session["iat"] == 120
    assert refresh["exp"] - refresh["iat"] == 7200
    with pytest.raises(AuthException) as short:
        client.password.sign_up("short-pw@example.com", "Aa1!short")
    assert short.value.status_code == 400
    assert httpx.get(f"{scratch.base_url}/emulator/settings").json()["approvedDomains"] == [
        "example.com", "example.org"]

    assert client.refresh_session(signed["refreshJwt"])["sessionToken"]["jwt"]
    console.locator("#clock-advance").fill("7300")
    console.locator("#clock-form button[type=submit]").click()
    expect(console.locator("#toast")).to_have_text("Clock advanced")
    assert httpx.get(f"{scratch.base_url}/emulator/clock").json()["offsetSeconds"] == 7300
    fresh = DescopeClient(project_id=scratch.project_id, base_url=scratch.base_url)
    with pytest.raises(AuthException) as expired:  # a 7200 s refresh token, 7300 s later
        fresh.refresh_session(signed["refreshJwt"])
    assert expired.value.status_code == 401
    open_page(console, "tokens")  # the decoder judges expiry on the emulator's clock
    console.locator("#token-input").fill(signed["sessionJwt"])
    console.locator("#decode").click()
    expect(console.locator("#token-out")).to_contain_text("expired")

    console.goto(f"{scratch.base_url}/#settings")
    console.locator("#fault-path").fill("/v1/auth/otp/signin")
    console.locator("#fault-status").fill("503")
    console.locator("#fault-times").fill("1")
    console.locator("#fault-add").click()
    expect(console.locator("#faults-table")).to_contain_text("1")
    with pytest.raises(DescopeError) as once:
        client.otp.sign_in(DeliveryMethod.EMAIL, "lifetimes@example.com")
    assert once.value.status_code == 503
    client.otp.sign_in(DeliveryMethod.EMAIL, "lifetimes@example.com")  # only N=1 time
    console.reload()
    expect(console.locator("#faults-table")).to_have_count(0)


def test_data_export_reset_import(
    console: Page, scratch: Emulator, tmp_path: Path, logs_dir: Path
) -> None:
    client = DescopeClient(project_id=scratch.project_id, base_url=scratch.base_url,
                           management_key=scratch.management_key)
    client.mgmt.tenant.create(name="Exported Inc", id="t-exported")
    client.mgmt.user.create("exported@example.com", display_name="Ex Ported",
                            user_tenants=[AssociatedTenant("t-exported")])
    open_console(console, scratch, "data")
    with console.expect_download() as download:
        console.locator("#export").click()
    exported = tmp_path / "project.json"
    download.value.save_as(exported)
    assert "exported@example.com" in exported.read_text()

    console.on("dialog", lambda d: d.accept())
    console.locator("#reset").click()
    expect(console.locator("#toast")).to_have_text("Reset done")
    with pytest.raises(AuthException) as gone:
        client.mgmt.user.load("exported@example.com")
    assert gone.value.status_code == 404
    assert client.mgmt.tenant.load_all()["tenants"] == []

    console.locator("#import-file").set_input_files(str(exported))
    console.locator("#import").click()
    expect(console.locator("#toast")).to_have_text("Imported")
    user = client.mgmt.user.load("exported@example.com")["user"]
    assert user["name"] == "Ex Ported" and user["userTenants"][0]["tenantId"] == "t-exported"

    port = launch.free_port()  # the CLI's --import reads the same file
    argv = launch.emulator_argv(port, db=":memory:", management_key=MANAGEMENT_KEY)
    proc = launch.Process("cli-import", [*argv, "--import", str(exported)],
                          log_path=logs_dir / "cli-import.log")
    try:
        base_url = f"http://{launch.HOST}:{port}"
        launch.wait_http(f"{base_url}/emulator/health", proc)
        other = DescopeClient(project_id=PROJECT_ID, base_url=base_url,
                              management_key=MANAGEMENT_KEY)
        assert other.mgmt.user.load("exported@example.com")["user"]["name"] == "Ex Ported"
    finally:
        proc.stop()


def test_outbox_and_request_log_update_live(console: Page, emulator: Emulator,
                                            client: DescopeClient) -> None:
    login_id = unique("live")
    sign_in_api(emulator, login_id)
    open_page(console, "outbox")
    client.otp.sign_in(DeliveryMethod.EMAIL, login_id)  # after the page loaded
    code = httpx.get(f"{emulator.base_url}/emulator/outbox.json",
                     params={"loginId": login_id}).json()["messages"][0]["code"]
    first = console.locator("#outbox-list article").first
    expect(first).to_contain_text(login_id)
    expect(first.locator(".code")).to_have_text(code)
    open_page(console, "log")
    console.locator("#log-path").fill("/v1/auth/otp/verify")
    with pytest.raises(AuthException):
        client.otp.verify_code(DeliveryMethod.EMAIL, login_id, "000000" if code != "000000" else "111111")
    row = console.locator("#log-body tr", has_text="/v1/auth/otp/verify").first
    expect(row).to_contain_text("401")
    row.locator("summary").click()
    expect(row.locator(".log-detail")).to_contain_text('"code": "***"')


def test_users_table_pages(console: Page, emulator: Emulator, client: DescopeClient) -> None:
    tag = uuid.uuid4().hex[:8]
    for i in range(30):
        client.mgmt.user.create(f"pg{i:02d}-{tag}@example.com")
    open_page(console, "users")
    console.locator("#user-search").fill(tag)
    expect(console.locator("#users-count")).to_have_text("30 users · page 1 of 2")
    expect(console.locator("#users-body tr")).to_have_count(25)
    expect(console.locator("#prev")).to_be_disabled()
    console.locator("#next").click()
    expect(console.locator("#users-count")).to_have_text("30 users · page 2 of 2")
    expect(console.locator("#users-body tr")).to_have_count(5)
    expect(console.locator("#users-body tr").first).to_contain_text(f"pg25-{tag}")
    expect(console.locator("#next")).to_be_disabled()


def test_password_from_the_user_form_signs_in(console: Page, client: DescopeClient) -> None:
    """The add and edit forms set a password as the management API's password/set/active
    does; left blank on edit, the password stays."""
    login_id = unique("pw-form")
    open_page(console, "users")
    console.locator("#add-user").click()
    console.locator("#f-loginId").fill(login_id)
    console.locator("#f-password").fill("First-Passw0rd!")
    console.locator("#dialog-ok").click()
    expect(console.locator("#dialog")).not_to_be_visible()
    console.locator("#user-search").fill(login_id)
    row = console.locator("#users-body tr", has_text=login_id)
    expect(row).to_contain_text("password")  # the method badge
    assert client.password.sign_in(login_id, "First-Passw0rd!")["user"]["loginIds"] == [login_id]

    row.get_by_role("button", name="Edit").click()
    expect(console.locator("#f-password")).to_have_value("")  # never shown back
    console.locator("#f-password").fill("Second-Passw0rd!")
    console.locator("#dialog-ok").click()
    expect(console.locator("#dialog")).not_to_be_visible()
    with pytest.raises(AuthException):
        client.password.sign_in(login_id, "First-Passw0rd!")
    assert client.password.sign_in(login_id, "Second-Passw0rd!")

    row.get_by_role("button", name="Edit").click()
    console.locator("#f-name").fill("Kept Password")
    console.locator("#dialog-ok").click()
    expect(row).to_contain_text("Kept Password")
    assert client.password.sign_in(login_id, "Second-Passw0rd!")


def test_a_role_naming_an_unknown_permission_is_refused(
    console: Page, emulator: Emulator
) -> None:
    """As Descope does: 400 naming the permission, from the console and from the API alike;
    no role is stored."""
    tag = uuid.uuid4().hex[:8]
    mgmt = {"Authorization": f"Bearer {emulator.project_id}:{emulator.management_key}"}
    open_page(console, "catalog")
    console.locator("#role-form-name").fill(f"role-{tag}")
    console.locator("#role-form-perms").fill(f"no-such-{tag}")
    console.locator("#role-form button").click()
    expect(console.locator("#toast")).to_contain_text(f"Unknown permission 'no-such-{tag}'")
    forgive_refusal(console)
    expect(console.locator("#roles")).not_to_contain_text(f"role-{tag}")

    answer = httpx.post(f"{emulator.base_url}/v1/mgmt/role/create", headers=mgmt,
                        json={"name": f"api-role-{tag}", "permissionNames": [f"no-such-{tag}"]})
    assert answer.status_code == 400
    assert f"no-such-{tag}" in answer.json()["errorMessage"]
    roles = httpx.get(f"{emulator.base_url}/v1/mgmt/role/all", headers=mgmt).json()["roles"]
    assert not {f"role-{tag}", f"api-role-{tag}"} & {r["name"] for r in roles}


def test_a_long_url_stays_inside_the_request_log(console: Page, emulator: Emulator) -> None:
    tag = uuid.uuid4().hex[:8]
    mgmt = {"Authorization": f"Bearer {emulator.project_id}:{emulator.management_key}"}
    httpx.get(f"{emulator.base_url}/v1/mgmt/user", headers=mgmt,
              params={"loginId": tag + "x" * 3000})  # an unknown user: one long logged URL
    open_page(console, "log")
    console.locator("#log-path").fill("/v1/mgmt/user")
    row = console.locator("#log-body tr", has_text=tag).first
    expect(row).to_be_visible()
    table = console.evaluate(
        "() => { const t = document.getElementById('log-table');"
        " return [t.scrollWidth, t.parentElement.clientWidth]; }"
    )
    assert table[0] <= table[1], f"the log is {table[0]}px wide in a {table[1]}px box"
    status = row.locator("td[data-label=Status]").bounding_box()
    assert status is not None and status["x"] + status["width"] <= DESKTOP["width"]


def test_user_row_actions_line_up_and_counts_read_well(
    console: Page, client: DescopeClient
) -> None:
    tag = uuid.uuid4().hex[:8]
    client.mgmt.user.create(f"one-{tag}@example.com")
    open_page(console, "users")
    console.locator("#user-search").fill(tag)
    expect(console.locator("#users-count")).to_have_text("1 user · page 1 of 1")
    cell = console.locator("#users-body tr td.actions").first
    assert cell.evaluate("(td) => getComputedStyle(td).display") == "table-cell"
    centers = {
        round(box["y"] + box["height"] / 2)
        for box in (c.bounding_box() for c in cell.locator("button, a").all())
        if box is not None
    }
    assert len(centers) == 1 or max(centers) - min(centers) <= 1, centers
