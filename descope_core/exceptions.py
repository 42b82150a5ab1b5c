"""One exception tree for the whole suite.

`AuthException` and `RateLimitException` keep the official SDK's names and attributes so
`except AuthException` code carries over; unlike the official SDK, `RateLimitException`
*is* an `AuthException`, so one handler catches every failure.

For an error Descope answered, the official attributes hold the official values:
`status_code` the HTTP status, `error_type` "server error", `error_message` the raw
body of the answer (so `json.loads(e.error_message)["errorCode"]` works), and `str(e)` /
`repr(e)` read as the official SDK's (`str` of the official attributes' dict, `repr`
"Error {...}"). `error_code` and `error_description` are additions (the body's
`errorCode` and `errorDescription`), kept out of `str(e)`. Where we differ on purpose:
docs/differences.md.
"""

from __future__ import annotations

import json
from typing import Any

ERROR_TYPE_INVALID_ARGUMENT = "invalid argument"
ERROR_TYPE_SERVER_ERROR = "server error"
ERROR_TYPE_INVALID_PUBLIC_KEY = "invalid public key"
ERROR_TYPE_INVALID_TOKEN = "invalid token"
ERROR_TYPE_API_RATE_LIMIT = "API rate limit exceeded"
ERROR_TYPE_UNAVAILABLE = "service unavailable"


class DescopeError(Exception):
    """Root of every error the suite raises."""


class AuthException(DescopeError):
    """A failed Descope call or a rejected token.

    `status_code` is the HTTP status (or the local equivalent), `error_type` one of the
    `ERROR_TYPE_*` strings, `error_message` a short human reason. `error_code` and
    `error_description` carry the Descope error body fields when the server sent them.
    Messages never contain tokens or keys.
    """

    def __init__(
        self,
        status_code: int | None = None,
        error_type: str | None = None,
        error_message: str | None = None,
        *,
        error_code: str | None = None,
        error_description: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(status_code, error_type, error_message)
        self.status_code = status_code
        self.error_type = error_type
        self.error_message = error_message
        self.error_code = error_code
        self.error_description = error_description

    def official_fields(self) -> dict[str, Any]:
        """The official SDK's attributes of this exception, in its order (what `str(e)`
        prints there: `str(e.__dict__)`, with no attribute of ours)."""
        return {
            "status_code": self.status_code,
            "error_type": self.error_type,
            "error_message": self.error_message,
        }

    def __str__(self) -> str:
        return str(self.official_fields())

    def __repr__(self) -> str:
        return f"Error {self.official_fields()}"


def message_of(error: AuthException) -> str | None:
    """The human part of an error: the `errorMessage` of Descope's JSON body when
    `error_message` holds one (as it does for every error Descope answered), else
    `error_message` itself (a local error's text)."""
    text = error.error_message
    if not text or not text.startswith("{"):
        return text
    try:
        body = json.loads(text)
    except ValueError:
        return text
    said = body.get("errorMessage") if isinstance(body, dict) else None
    return said if isinstance(said, str) and said else text


class RateLimitException(AuthException):
    """429 from Descope; `rate_limit_parameters["Retry-After"]` holds the seconds to wait."""

    def __init__(
        self,
        status_code: int | None = 429,
        error_type: str | None = ERROR_TYPE_API_RATE_LIMIT,
        error_description: str | None = None,
        error_message: str | None = None,
        rate_limit_parameters: dict[str, Any] | None = None,
        *,
        error_code: str | None = None,
    ) -> None:
        super().__init__(
            429 if status_code is None else status_code,
            error_type,
            error_message,
            error_code=error_code,
            error_description=error_description,
        )
        self.rate_limit_parameters: dict[str, Any] = dict(rate_limit_parameters or {})

    @property
    def retry_after(self) -> int:
        """Seconds to wait before retrying (`rate_limit_parameters["Retry-After"]`, 0 when
        Descope did not say)."""
        value = self.rate_limit_parameters.get("Retry-After", 0)
        return value if isinstance(value, int) else 0

    def official_fields(self) -> dict[str, Any]:
        """The official `RateLimitException`'s attributes, in its order."""
        return {
            "status_code": self.status_code,
            "error_type": self.error_type,
            "error_description": self.error_description,
            "error_message": self.error_message,
            "rate_limit_parameters": self.rate_limit_parameters,
        }


class ServiceUnavailableException(AuthException):
    """Descope could not be reached (connection error, timeout or 5xx after retries).

    For a 5xx Descope answered, `status_code` is its status, `error_type` "server error"
    and `error_message` its body, as the official SDK raises them; with no answer at all
    (the official SDK lets the HTTP library's error through) 503 and "service unavailable".
    """

    def __init__(
        self,
        error_message: str = "Descope is unreachable",
        retry_after: int = 5,
        *,
        error_code: str | None = None,
        error_description: str | None = None,
        status_code: int = 503,
        error_type: str = ERROR_TYPE_UNAVAILABLE,
    ) -> None:
        super().__init__(
            status_code,
            error_type,
            error_message,
            error_code=error_code,
            error_description=error_description,
        )
        self.retry_after = retry_after


class ExpiredTokenException(AuthException):
    """A correctly signed token whose `exp` has passed (beyond the leeway)."""

    def __init__(self, error_message: str = "Received expired token (exp in past)") -> None:
        super().__init__(401, ERROR_TYPE_INVALID_TOKEN, error_message)
