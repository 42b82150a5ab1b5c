"""The console's OIDC form cannot show the stored client secret, so saving it with the secret
left blank keeps the stored one (the management API still replaces the whole configuration,
as Descope does)."""

from __future__ import annotations

from typing import Any

import requests

from descope_core.mgmt.types import SSOOIDCSettings


def _oidc(secret: str) -> dict[str, Any]:
    return {"name": "Corp IdP", "clientId": "client-1", "clientSecret": secret,
            "authUrl": "https://idp.example/auth", "tokenUrl": "https://idp.example/token"}


def _stored_secret(descope_emulator: Any, tenant_id: str) -> str:
    doc = descope_emulator.export_project()
    tenant = next(t for t in doc["tenants"] if t["id"] == tenant_id)
    return str(tenant["ssoSettings"]["oidc"]["_clientSecret"])


def test_console_save_with_blank_secret_keeps_it(descope_emulator: Any, mgmt: Any) -> None:
    tenant_id = mgmt.tenant.create("Secret keepers")["id"]
    page = {"Origin": descope_emulator.url(""), "Content-Type": "application/json"}
    url = descope_emulator.url("/emulator/console/api/sso/oidc")
    body = {"tenantId": tenant_id, "settings": _oidc("s3cret-value"), "domains": []}
    assert requests.post(url, json=body, headers=page, timeout=10).status_code == 200
    assert _stored_secret(descope_emulator, tenant_id) == "s3cret-value"
    body["settings"] = {**_oidc(""), "name": "Corp IdP renamed"}
    assert requests.post(url, json=body, headers=page, timeout=10).status_code == 200
    assert _stored_secret(descope_emulator, tenant_id) == "s3cret-value"
    loaded = mgmt.sso.load_settings(tenant_id)
    assert loaded["oidc"]["name"] == "Corp IdP renamed"
    assert "s3cret-value" not in str(loaded)


def test_api_save_replaces_the_secret(descope_emulator: Any, mgmt: Any) -> None:
    tenant_id = mgmt.tenant.create("Secret replacers")["id"]
    first = SSOOIDCSettings(name="Corp IdP", client_id="client-1", client_secret="first-secret")
    mgmt.sso.configure_oidc_settings(tenant_id, first)
    assert _stored_secret(descope_emulator, tenant_id) == "first-secret"
    mgmt.sso.configure_oidc_settings(tenant_id, SSOOIDCSettings(name="Corp IdP", client_id="client-1"))
    assert _stored_secret(descope_emulator, tenant_id) == ""
