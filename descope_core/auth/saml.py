"""Deprecated SAML alias of SSO (auth.md §2.6)."""

from .sso import SAML

__all__ = ["SAML"]
