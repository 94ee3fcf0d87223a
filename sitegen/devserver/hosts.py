"""Who may reach the preview: loopback detection, the exposure warning, the Host-header check.

The preview shows unpublished drafts, so it listens on this computer only unless told
otherwise (the risks: anyone on a shared clinic or hospital network, and DNS rebinding from a web page).
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("", "0.0.0.0", "::")
"""Bind addresses that mean "every network this computer is on"."""


def is_loopback(host: str) -> bool:
    """True if ``host`` names this computer only (localhost, 127.x.x.x, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """A warning to print when ``host`` makes the preview reachable from other computers, else None."""
    if is_loopback(host):
        return None
    where = "every network this computer is on" if host.strip() in ("", "0.0.0.0", "::", "[::]") else host
    return (f"Warning: the preview is listening on {where}. Anyone on the same network (for example shared "
            "clinic, hospital or NHS Wi-Fi) can open it and read unpublished drafts and leaflets that are not "
            "signed off yet. Stop it with Ctrl+C and run it without --host unless you really mean to share it.")


def host_allowed(header: str | None, bind_host: str, port: int, allowed_hosts: frozenset[str]) -> bool:
    """DNS-rebinding guard (A6): the Host header must name this computer, or be explicitly allowed."""
    if not header:
        return False
    value = header.strip().lower()
    if value in allowed_hosts:
        return True
    name, given_port = _split_host(value)
    if given_port not in ("", str(port)):
        return False
    # An explicit bind address is allowed as a Host too: an IP literal cannot be DNS-rebound.
    bare = bind_host.strip("[]").lower()
    explicit = () if bare in WILDCARDS else (bare, f"[{bare}]")
    return name in LOOPBACK_NAMES or name in allowed_hosts or name in explicit


def _split_host(value: str) -> tuple[str, str]:
    if value.startswith("["):
        name, _, rest = value.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else ("-" if rest else "")
    name, _, port = value.partition(":")
    return name, port
