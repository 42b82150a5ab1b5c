"""Descope-shaped API errors: ``{"errorCode", "errorDescription", "errorMessage"}``."""

from __future__ import annotations


class ApiError(Exception):
    """Raised anywhere in a handler; app.py turns it into a JSON error response."""

    def __init__(
        self,
        status: int,
        code: str,
        description: str,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code} {description}")
        self.status = status
        self.code = code
        self.description = description
        self.message = message or description
        self.headers = headers or {}

    def body(self) -> dict[str, str]:
        return {
            "errorCode": self.code,
            "errorDescription": self.description,
            "errorMessage": self.message,
        }


def bad_request(message: str, code: str = "E011002") -> ApiError:
    return ApiError(400, code, "Request is invalid", message)


def unauthorized(message: str = "Unauthorized", code: str = "E061301") -> ApiError:
    return ApiError(401, code, "Unauthorized", message)


def forbidden(message: str = "Forbidden", code: str = "E061302") -> ApiError:
    return ApiError(403, code, "Forbidden", message)


def not_found(message: str = "Not found", code: str = "E011404") -> ApiError:
    return ApiError(404, code, "Not found", message)


def user_not_found(login_id: str = "") -> ApiError:
    return ApiError(404, "E062108", "User not found", f"Cannot find user {login_id}".strip())


def conflict(message: str, code: str = "E062107") -> ApiError:
    return ApiError(409, code, "Already exists", message)


def too_large() -> ApiError:
    return ApiError(413, "E011413", "Request body too large", "Request body exceeds 1 MB")


def rate_limited(retry_after: int | None = None) -> ApiError:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return ApiError(
        429,
        "E130429",
        "https://docs.descope.com/rate-limit",
        "API rate limit exceeded.",
        headers,
    )
