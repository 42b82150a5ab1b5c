"""`client.mgmt.list`: IP, text and JSON lists (`check_ip` matches CIDR ranges)."""

from __future__ import annotations

from typing import Any

from ..api import api
from ..calls import Call, discard
from ._base import M, MgmtArea, check_bool, check_dict_list, check_id, check_id_list, check_opt_str


def _exists(data: Any) -> bool:
    """The `exists` member of a check's answer (absent means no)."""
    return bool(data.get("exists", False)) if isinstance(data, dict) else False


def _list_body(name: str, list_type: str, description: str | None, data: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": check_id(name, "name"), "type": check_id(list_type, "list_type")}
    if check_opt_str(description, "description") is not None:
        body["description"] = description
    if data is not None:
        body["data"] = data
    return body


class Lists(MgmtArea[M]):
    __slots__ = ()

    @api
    def create(
        self, name: str, list_type: str, description: str | None = None, data: Any = None
    ) -> Call[dict[str, Any]]:
        """Create a list.

        Args:
            name: unique list name.
            list_type: `"ips"`, `"texts"` or `"json"`.
            description: optional text.
            data: the initial entries (a list of strings, or any JSON for a JSON list).

        Returns:
            `{"list": {...}}`.

        Raises:
            AuthException: a bad argument (nothing is sent), a taken name, or refused.
        """
        return self._post("/v1/mgmt/list", _list_body(name, list_type, description, data))

    @api
    def update(
        self, id: str, name: str, list_type: str, description: str | None = None, data: Any = None
    ) -> Call[dict[str, Any]]:
        """Overwrite a list (name, type, description and entries).

        Args:
            id: the list's id.
            name: the list's name.
            list_type: "ips" or "texts".
            description: a free-text description.
            data: the entries (IP addresses, ranges or texts).

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        body = {"id": check_id(id, "id"), **_list_body(name, list_type, description, data)}
        return self._post("/v1/mgmt/list/update", body)

    @api
    def delete(self, id: str) -> Call[None]:
        """Delete a list.

        Args:
            id: the list's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/list/delete", {"id": check_id(id, "id")}).map(discard)

    @api
    def load(self, id: str) -> Call[dict[str, Any]]:
        """Load a list by id, as `{"list": {...}}`.

        Args:
            id: the list's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._get("/v1/mgmt/list", id=check_id(id, "id"))

    @api
    def load_by_name(self, name: str) -> Call[dict[str, Any]]:
        """Load a list by name, as `{"list": {...}}`.

        Args:
            name: the list's name.

        Raises:
            AuthException: `name` is empty (nothing is sent), unknown name, or refused.
        """
        return self._get("/v1/mgmt/list/name", name=check_id(name, "name"))

    @api
    def load_all(self) -> Call[dict[str, Any]]:
        """Every list, as `{"lists": [...]}`.

        Raises:
            AuthException: Descope refused.
        """
        return self._get("/v1/mgmt/list/all")

    @api
    def import_lists(self, lists: list[dict[str, Any]]) -> Call[None]:
        """Create or overwrite several lists at once (matched by name).

        Args:
            lists: list dicts (`name`, `type`, `data`, ...).

        Raises:
            AuthException: `lists` is not a list of dicts (nothing is sent), or refused.
        """
        return self._post(
            "/v1/mgmt/list/import", {"lists": check_dict_list(lists, "lists")}
        ).map(discard)

    def _entries(self, path: str, id: str, key: str, values: Any) -> Call[None]:
        return self._post(
            path, {"id": check_id(id, "id"), key: check_id_list(values, key)}
        ).map(discard)

    @api
    def add_ips(self, id: str, ips: list[str]) -> Call[None]:
        """Add addresses or CIDR ranges to an IP list.

        Args:
            id: the list's id.
            ips: IP addresses or CIDR ranges.

        Raises:
            AuthException: a bad argument or address (nothing is sent for a bad type), or refused.
        """
        return self._entries("/v1/mgmt/list/ip/add", id, "ips", ips)

    @api
    def remove_ips(self, id: str, ips: list[str]) -> Call[None]:
        """Remove addresses or ranges from an IP list.

        Args:
            id: the list's id.
            ips: IP addresses or CIDR ranges.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._entries("/v1/mgmt/list/ip/remove", id, "ips", ips)

    @api
    def check_ip(self, id: str, ip: str) -> Call[bool]:
        """Whether an address is in an IP list (itself or inside a stored range).

        Args:
            id: the list's id.
            ip: an IP address.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._post(
            "/v1/mgmt/list/ip/check", {"id": check_id(id, "id"), "ip": check_id(ip, "ip")}
        ).map(_exists)

    @api
    def add_texts(self, id: str, texts: list[str]) -> Call[None]:
        """Add entries to a text list.

        Args:
            id: the list's id.
            texts: text entries.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._entries("/v1/mgmt/list/text/add", id, "texts", texts)

    @api
    def remove_texts(self, id: str, texts: list[str]) -> Call[None]:
        """Remove entries from a text list.

        Args:
            id: the list's id.
            texts: text entries.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._entries("/v1/mgmt/list/text/remove", id, "texts", texts)

    @api
    def check_text(self, id: str, text: str) -> Call[bool]:
        """Whether a text list holds an entry.

        Args:
            id: the list's id.
            text: free text to match.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._post(
            "/v1/mgmt/list/text/check", {"id": check_id(id, "id"), "text": check_id(text, "text")}
        ).map(_exists)

    @api
    def check_texts(self, id: str, texts: list[str], match_all: bool = False) -> Call[bool]:
        """Whether a text list holds any (or, with `match_all`, every) one of `texts`.

        Args:
            id: the list's id.
            texts: text entries.
            match_all: require every one, not any.

        Raises:
            AuthException: a bad argument (nothing is sent), unknown id, or refused.
        """
        return self._post(
            "/v1/mgmt/list/text/check",
            {
                "id": check_id(id, "id"),
                "texts": check_id_list(texts, "texts"),
                "matchAll": check_bool(match_all, "match_all"),
            },
        ).map(_exists)

    @api
    def clear(self, id: str) -> Call[None]:
        """Remove every entry of a list.

        Args:
            id: the list's id.

        Raises:
            AuthException: `id` is empty (nothing is sent), unknown id, or refused.
        """
        return self._post("/v1/mgmt/list/clear", {"id": check_id(id, "id")}).map(discard)
