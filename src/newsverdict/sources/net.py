"""The one HTTP layer: every URL the project fetches goes through here.

It owns, for the CLI, ingest (feeds and the pages their items link to) and the web app alike:

- one URL policy (``UrlPolicy``): http and https only; the host's every address checked
  against the blocked ranges (``BLOCKED_NETWORKS``) unless private addresses were allowed;
- the connection goes to the address that was checked (pinned), with the Host header and
  TLS SNI/certificate check still on the name, so DNS rebinding between check and connect
  cannot switch it; proxies from the environment are ignored for the same reason;
- redirects followed here, hop by hop, the policy re-checked on each hop;
- a total deadline for the whole fetch (redirects included), not a per-read timeout;
- a size cap on the decoded body (so a gzip bomb is cut off too).

``resolve`` and ``dial`` are module functions so that tests can map "public" names onto
servers on loopback (a resolver shim) without any traffic leaving the machine.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

from newsverdict.errors import BadUrl, FetchError

#: Largest body read from the network (after decompression). Bigger pages are refused, not truncated.
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
#: Whole-fetch deadline in seconds: connect, every redirect hop and every byte of the body.
FETCH_DEADLINE_S = 15.0
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "newsverdict (+https://github.com/newsverdict/newsverdict)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Destinations never fetched unless private addresses are allowed: every special-purpose range of
#: the IANA registries that is not globally reachable, plus the transition ranges that can embed one.
BLOCKED_NETWORKS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "'this network'"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "carrier-grade NAT (also Tailscale, and the 100.100.100.200 metadata address)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local (cloud metadata at 169.254.169.254)"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "6to4 relay anycast"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "broadcast"),
    ("::/96", "unspecified, loopback or IPv4-compatible"),
    ("100::/64", "discard-only"),
    ("2001::/23", "IETF protocol assignments (Teredo included)"),
    ("2001:db8::/32", "documentation"),
    ("2002::/16", "6to4 (embeds an IPv4 address)"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("fc00::/7", "unique local (private; AWS metadata at fd00:ec2::254)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
)
_BLOCKED = tuple((ipaddress.ip_network(net), why) for net, why in BLOCKED_NETWORKS)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched from ("loopback", ...), or None for a public address.

    IPv4 addresses carried inside IPv6 (mapped ``::ffff:a.b.c.d`` and NAT64 ``64:ff9b::a.b.c.d``)
    are judged by the IPv4 address they carry.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            inner = address_problem(address.ipv4_mapped)
            return f"IPv4-mapped {inner}" if inner else None
        if address in _NAT64:
            inner = address_problem(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
            return f"NAT64-embedded {inner}" if inner else None
    for network, why in _BLOCKED:
        if address.version == network.version and address in network:
            return why
    if not address.is_global:  # anything the registries add later
        return "non-global"
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a tests' resolver shim replaces this)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%")[0]
        if addr not in seen:
            seen.append(addr)
    return seen


def dial(address: str) -> str:
    """The address actually connected to for a checked ``address``: itself (tests map it onto loopback)."""
    return address


@dataclass(frozen=True)
class UrlPolicy:
    """Which URLs may be fetched. Configured once (``--allow-private-urls``) and passed everywhere."""

    allow_private: bool = False

    def check_syntax(self, url: str) -> str:
        """The URL, stripped, when its scheme and host are acceptable; else ``FetchError``."""
        import httpx

        url = url.strip()
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise BadUrl(f"{url}: not a valid URL") from None
        if parsed.scheme not in {"http", "https"}:
            raise BadUrl(f"{url}: only http(s) URLs can be fetched")
        if not parsed.host:
            raise BadUrl(f"{url}: not a valid URL (no host)")
        try:
            port = parsed.port  # noqa: F841 - raises for a port out of range
        except ValueError:
            raise BadUrl(f"{url}: not a valid URL (bad port)") from None
        literal = _literal_address(parsed.host)
        if literal is not None:
            self.check_address(url, parsed.host, literal)
        return url

    def check_address(self, url: str, host: str, address: IPAddress) -> None:
        if self.allow_private:
            return
        why = address_problem(address)
        if why:
            shown = f"{host} is" if str(address) == host.strip("[]") else f"{host} resolves to {address},"
            raise BadUrl(f"{url}: refused: {shown} a non-public address ({why}); newsverdict does not fetch "
                             "from its own network (--allow-private-urls to allow)")

    def pin(self, url: str) -> tuple[str, str]:
        """(checked address, host) for ``url``: every address of the host must pass the policy."""
        import httpx

        parsed = httpx.URL(url)
        host = parsed.host
        literal = _literal_address(host)
        if literal is not None:
            self.check_address(url, host, literal)
            return str(literal), host
        try:
            addresses = resolve(host, parsed.port or (443 if parsed.scheme == "https" else 80))
        except (OSError, UnicodeError):
            raise BadUrl(f"{url}: cannot resolve host {host}") from None
        if not addresses:
            raise BadUrl(f"{url}: cannot resolve host {host}")
        parsed_addresses = []
        for text in addresses:
            try:
                parsed_addresses.append(ipaddress.ip_address(text))
            except ValueError:
                raise BadUrl(f"{url}: host {host} resolved to a malformed address") from None
        for address in parsed_addresses:  # all of them: the client must not pick an unchecked one
            self.check_address(url, host, address)
        return str(parsed_addresses[0]), host


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


@dataclass
class Fetched:
    """A response read whole: the final URL after redirects, its status, body and headers."""

    url: str
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def new_client():
    """An async client for ``fetch_async``: no redirects, no proxies from the environment, no reuse of
    connections (a pooled TLS connection to an address must not serve another name)."""
    import httpx

    return httpx.AsyncClient(follow_redirects=False, trust_env=False, headers={"User-Agent": USER_AGENT},
                             limits=httpx.Limits(max_keepalive_connections=0), verify=_tls_context())


@functools.cache
def _tls_context():
    """One verifying TLS context for the process (building one loads the CA bundle: slow)."""
    import ssl

    import certifi

    return ssl.create_default_context(cafile=certifi.where())


async def fetch_async(url: str, *, policy: UrlPolicy, client=None, headers: Mapping[str, str] | None = None,
                      deadline_s: float | None = None, max_bytes: int | None = None) -> Fetched:
    """GET ``url`` under ``policy``: status 200-299 or 304 returned, anything else a ``FetchError``."""
    import httpx

    deadline = FETCH_DEADLINE_S if deadline_s is None else deadline_s
    cap = MAX_RESPONSE_BYTES if max_bytes is None else max_bytes
    first = url.strip()
    own_client = client is None
    client = client or new_client()
    try:
        async with asyncio.timeout(deadline):
            return await _fetch_hops(client, first, policy, dict(headers or {}), deadline, cap)
    except TimeoutError:
        raise FetchError(f"{first}: timed out after {deadline:g} s (total deadline)") from None
    except httpx.TimeoutException:
        raise FetchError(f"{first}: timed out after {deadline:g} s (total deadline)") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{first}: cannot fetch ({type(exc).__name__}: {exc})") from None
    finally:
        if own_client:
            await client.aclose()


async def _fetch_hops(client, url: str, policy: UrlPolicy, headers: dict[str, str], deadline: float,
                      cap: int) -> Fetched:
    import httpx

    cap_text = f"over the {cap // (1024 * 1024)} MiB cap" if cap >= 1024 * 1024 else f"over the {cap}-byte cap"
    for _ in range(MAX_REDIRECTS + 1):
        url = policy.check_syntax(url)
        address, host = await asyncio.to_thread(policy.pin, url)
        target = httpx.URL(url)
        connect_to = dial(address)
        request_url = target.copy_with(host=connect_to)
        hop_headers = dict(headers)
        default_port = 443 if target.scheme == "https" else 80
        shown_host = f"[{host}]" if ":" in host else host
        hop_headers["Host"] = shown_host if target.port in (None, default_port) else f"{shown_host}:{target.port}"
        extensions = {"sni_hostname": host} if target.scheme == "https" else {}
        request = client.build_request("GET", request_url, headers=hop_headers, extensions=extensions,
                                       timeout=httpx.Timeout(deadline))
        response = await client.send(request, stream=True)
        try:
            if response.status_code == 304:
                return Fetched(url, 304, b"", dict(response.headers))
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location", "").strip()
                if not location:
                    raise FetchError(f"{url}: HTTP {response.status_code} redirect without a location")
                url = urljoin(url, location)
                continue
            if response.status_code >= 400 or response.status_code < 200:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(f"{url}: page is {cap_text}")
            chunks: list[bytes] = []
            total = 0
            async for chunk in response.aiter_bytes():
                total += len(chunk)
                if total > cap:
                    raise FetchError(f"{url}: page is {cap_text}")
                chunks.append(chunk)
            return Fetched(url, response.status_code, b"".join(chunks), dict(response.headers))
        finally:
            await response.aclose()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def fetch(url: str, *, policy: UrlPolicy, headers: Mapping[str, str] | None = None,
          deadline_s: float | None = None, max_bytes: int | None = None) -> Fetched:
    """The synchronous face of ``fetch_async`` (the CLI, the web app's worker threads)."""
    coro = fetch_async(url, policy=policy, headers=headers, deadline_s=deadline_s, max_bytes=max_bytes)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from inside an event loop: run it on a helper thread rather than block or nest loops.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
