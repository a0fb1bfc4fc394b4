"""Which addresses a crawl may contact: public ones and loopback, never private networks.

A site config, a link, a redirect or an image may point at an address inside the operator's
network — a router, a database, the cloud metadata service at 169.254.169.254 — and a
crawler that follows it becomes a way in. So IP literals are refused unless they are
public or loopback (local mirrors and the bundled sample sites live on 127.0.0.1):
RFC 1918 and other private ranges, link-local, unspecified (0.0.0.0, ::), multicast,
reserved and shared (100.64.0.0/10) addresses, in any spelling a resolver accepts
(``10.1``, ``167772161``, ``0x0a000001``, ``[::ffff:10.0.0.1]``). Host *names* are not
resolved here: a name that resolves to a private address is not caught (see README).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = ("http", "https")
# What inet_aton (and so the system resolver) reads as an IPv4 address: 1 to 4 numbers,
# each decimal, octal (leading 0) or hexadecimal (0x).
_INET_ATON = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def ip_literal(host: str) -> Address | None:
    """The address ``host`` spells, when it is an IP literal in any accepted form."""
    host = unquote(host).strip().rstrip(".").strip("[]").lower()
    host = host.split("%", 1)[0]  # an IPv6 zone id (fe80::1%eth0)
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _INET_ATON.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def forbidden_address(host: str) -> str | None:
    """Why ``host`` must not be contacted (e.g. ``private address 10.0.0.1``), or None."""
    address = ip_literal(host)
    if address is None:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None
    for kind in ("unspecified", "link_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {address}"
    if not address.is_global:
        return f"non-public address {address}"
    return None


def forbidden_url(url: str) -> str | None:
    """Why a crawl must never request ``url`` (a scheme other than http(s), a private
    address), or None."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    return forbidden_address(parts.hostname or "")
