"""IP addresses and CIDR ranges: the one parser and matcher behind access keys'
and management keys' permitted IPs and the IP lists of ``mgmt.list``."""

from __future__ import annotations

import ipaddress

from .. import errors


def normalize(entries: list[str]) -> list[str]:
    """Each entry as a canonical network (``10.0.0.1`` -> ``10.0.0.1/32``); 400 for one that
    is not an IP address or CIDR range."""
    out = []
    for entry in entries:
        try:
            out.append(str(ipaddress.ip_network(entry.strip(), strict=False)))
        except ValueError:
            raise errors.INVALID_REQUEST(
                f"'{entry[:64]}' is not an IP address or CIDR range") from None
    return out


def contains(entries: list[str], address: str | None) -> bool:
    """Whether ``address`` is one of ``entries`` or inside one of their ranges (False for
    something that is not an address)."""
    try:
        addr = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return False
    for entry in entries:
        net = ipaddress.ip_network(entry, strict=False)
        if net.version == addr.version and addr in net:
            return True
    return False
