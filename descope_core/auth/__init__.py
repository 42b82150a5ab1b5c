"""Sign-in methods, one module per area, all built on `_base.AuthCore`."""

from ._base import AuthCore
from .enchantedlink import EnchantedLink
from .magiclink import MagicLink
from .oauth import OAuth
from .otp import OTP
from .password import Password
from .sso import SAML, SSO
from .totp import TOTP
from .webauthn import WebAuthn

__all__ = [
    "OTP",
    "SAML",
    "SSO",
    "TOTP",
    "AuthCore",
    "EnchantedLink",
    "MagicLink",
    "OAuth",
    "Password",
    "WebAuthn",
]
