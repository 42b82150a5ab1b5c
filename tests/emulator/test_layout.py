"""The emulator's layout rules, checked on the code itself: one route table whose handlers
live in the module named for their area, route modules that never import each other, and
no SQL outside the storage layer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import descope_emulator
from descope_emulator.route_table import ROUTES

PACKAGE = Path(descope_emulator.__file__).parent
CORE_MGMT = PACKAGE.parent / "descope_core" / "mgmt"

# path prefix -> the route module that must serve it
AREA_OF_PREFIX = {
    "/v1/mgmt/user": "mgmt_user",
    "/v2/mgmt/user": "mgmt_user",
    "/v1/mgmt/tests/generate": "mgmt_user",
    "/v1/mgmt/tenant": "mgmt_tenant",
    "/v2/mgmt/tenant": "mgmt_tenant",
    "/v1/mgmt/role": "mgmt_role",
    "/v1/mgmt/permission": "mgmt_permission",
    "/v1/mgmt/group": "mgmt_group",
    "/v1/mgmt/sso/idp": "mgmt_sso_application",
    "/v1/mgmt/sso": "mgmt_sso",
    "/v2/mgmt/sso": "mgmt_sso",
    "/v1/mgmt/accesskey": "mgmt_access_key",
    "/v1/mgmt/jwt": "mgmt_jwt",
    "/v1/mgmt/impersonate": "mgmt_jwt",
    "/v1/mgmt/audit": "mgmt_audit",
    "/v1/mgmt/flow": "mgmt_flow",
    "/v1/mgmt/theme": "mgmt_flow",
    "/v1/mgmt/fga": "mgmt_fga",
    "/v1/mgmt/authz": "mgmt_authz",
    "/v1/mgmt/project": "mgmt_project",
    "/v1/mgmt/license": "mgmt_license",
    "/v1/mgmt/engine": "mgmt_engine",
    "/v1/mgmt/managementkey": "mgmt_management_key",
    "/v1/mgmt/password": "mgmt_password",
    "/v1/mgmt/list": "mgmt_list",
    "/v1/mgmt/family": "mgmt_family",
    "/v1/mgmt/analytics": "mgmt_analytics",
    "/v1/mgmt/scopeClaimMapping": "mgmt_scope_claim_mapping",
    "/v1/mgmt/outbound": "mgmt_outbound_application",
    "/v1/mgmt/thirdparty": "mgmt_third_party_application",
    "/v1/mgmt/outbound/scim": "mgmt_outbound_scim",
    "/v1/mgmt/descoper": "mgmt_descoper",
    # jwt-flow: management sign-in, impersonation stop, client assertion, JWT templates,
    # audit webhook, the Node SDK's flow execution
    "/v1/mgmt/auth": "mgmt_jwt",
    "/v1/mgmt/stop": "mgmt_jwt",
    "/v1/mgmt/token": "mgmt_jwt",
    "/v2/mgmt/connector/audit": "mgmt_audit",
    "/v1/flow": "auth_flow",
    "/v2/flow": "auth_flow",
    "/pages": "flow_pages",  # the web component's static content and the UI library
    "/npm": "flow_pages",
    "/v1/auth/otp": "auth_otp",
    "/v1/auth/magiclink": "auth_magiclink",
    "/v1/auth/enchantedlink": "auth_enchantedlink",
    "/v1/auth/password": "auth_password",
    "/v1/auth/totp": "auth_totp",
    "/v1/auth/webauthn": "auth_webauthn",
    "/v1/auth/oauth": "auth_oauth",
    "/v1/auth/sso": "auth_sso",
    "/v1/auth/saml": "auth_saml",
    "/v1/auth/accesskey": "auth_accesskey",
    # issue 13: One Tap (with OAuth), nOTP, outbound connect
    "/v1/auth/onetap": "auth_oauth",
    "/v1/auth/notp": "auth_notp",
    "/v1/outbound": "auth_outbound",
    "/v1/auth": "auth_session",
    "/v2/keys": "auth_session",
    "/oauth2/v1/apps": "auth_inbound_app",
    "/emulator/console": "emulator_console",
    "/emulator": "emulator_",
    "/": "emulator_console",
}


def _handler_module(route: object) -> str:
    endpoint = route.endpoint  # type: ignore[attr-defined]
    handler = getattr(endpoint, "__wrapped__", endpoint)
    return str(handler.__module__).rpartition(".")[2]


def test_every_path_is_served_from_its_area_module() -> None:
    seen: set[tuple[str, str]] = set()
    for route in ROUTES:
        prefix = max((p for p in AREA_OF_PREFIX if route.path.startswith(p)), key=len)
        module = _handler_module(route)
        assert module.startswith(AREA_OF_PREFIX[prefix]), (route.path, module)
        for method in route.methods or ():
            assert (method, route.path) not in seen, f"{method} {route.path} twice"
            seen.add((method, route.path))


def test_mgmt_route_modules_mirror_the_core() -> None:
    core = {p.stem for p in CORE_MGMT.glob("*.py") if not p.stem.startswith("_")} - {"types"}
    routes = {p.stem[len("mgmt_"):] for p in (PACKAGE / "routes").glob("mgmt_*.py")}
    assert routes == core


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            out.extend(f"{base}.{a.name}" if not node.module else base for a in node.names)
        elif isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
    return out


def test_route_modules_never_import_each_other() -> None:
    for path in (PACKAGE / "routes").glob("*.py"):
        for name in _imports(path):
            assert not re.match(r"^\.(\.)?(routes)?\.?(auth|mgmt|emulator)_", name), (path.name, name)
            assert not name.startswith("descope_emulator.routes"), (path.name, name)


def test_no_sql_outside_storage() -> None:
    sql = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE)\b|UPDATE \w+ SET|import sqlite3")
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "storage":
            continue
        assert not sql.search(path.read_text()), f"SQL in {path.relative_to(PACKAGE)}"


def test_domain_knows_nothing_of_http() -> None:
    for path in (PACKAGE / "domain").glob("*.py"):
        for name in _imports(path):
            assert "starlette" not in name and ".web" not in name and ".routes" not in name, (
                path.name, name)
