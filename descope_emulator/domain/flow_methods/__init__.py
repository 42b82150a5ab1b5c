"""The sign-in methods of the emulator's flows, one module each (see domain/flow_engine.py for
how a method registers its screens, start-screen section and interactions). Importing this
package registers them all."""

from . import email_otp, password, sms_otp, start

__all__ = ["email_otp", "password", "sms_otp", "start"]
