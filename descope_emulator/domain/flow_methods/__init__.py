"""The sign-in methods of the emulator's flows, one module each (see domain/flow_engine.py for
how a method registers its screens, start-screen section and interactions). Importing this
package registers them all."""

from . import (
    email_otp,
    google,
    identity_provider,
    magic_link,
    passkeys,
    password,
    sms_otp,
    sso,
    start,
    totp,
)

__all__ = ["email_otp", "google", "identity_provider", "magic_link", "passkeys", "password",
           "sms_otp", "sso", "start", "totp"]
