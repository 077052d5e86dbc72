"""Request guard for the web app: one ASGI middleware in front of every route.

- Host check: only the configured host names are served, so a DNS-rebinding page (whose
  requests carry its own name in Host) cannot read the app.
- CSRF: a state-changing request (any method but GET/HEAD/OPTIONS) from another origin is
  refused: ``Sec-Fetch-Site`` must be ``same-origin`` or ``none`` when a browser sends it, and
  ``Origin``, when sent, must be this server. Clients that are not browsers send neither and pass.
- Body cap: a request body is read up to the cap and refused with 413 as soon as it passes it,
  whether it came with a Content-Length or chunked; the app only ever sees a body under the cap
  (so a multipart upload is refused before anything is parsed or written to disk).
- HEAD is answered as GET without the body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
#: (scope, status, message) -> an ASGI app answering with that error.
ErrorPage = Callable[[Scope, int, str], Callable[[Scope, Receive, Send], Awaitable[None]]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def host_name(value: str) -> str:
    """The name of a Host header or netloc, lower-cased, without port or IPv6 brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_host_names(bind_host: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """Loopback names, the address the server binds (unless a wildcard) and any names given."""
    names = set(LOOPBACK_NAMES)
    for name in (bind_host or "", *extra):
        name = host_name(name) if name else ""
        if name and name not in {"0.0.0.0", "::"}:
            names.add(name)
    return frozenset(names)


class RequestGuard:
    def __init__(self, app, *, allowed_hosts: Iterable[str], max_body_bytes: int, error_page: ErrorPage):
        self.app = app
        self.allowed_hosts = frozenset(host_name(h) for h in allowed_hosts)
        self.max_body_bytes = max_body_bytes
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        method = scope["method"].upper()
        refusal = self._refusal(headers, method)
        if refusal:
            await self._refuse(scope, send, *refusal)
            return
        if method not in SAFE_METHODS:
            body = await self._read_body(receive)
            if body is None:  # the client went away
                return
            if len(body) > self.max_body_bytes:
                await self._refuse(scope, send, 413, self._too_large())
                return
            receive = _replay(body, receive)
        if method == "HEAD":
            scope = dict(scope, method="GET")
            send = _without_body(send)
        await self.app(scope, receive, send)

    def _refusal(self, headers: dict[str, str], method: str) -> tuple[int, str] | None:
        """(status, message) when the headers alone refuse the request: unknown host, cross-site, too large."""
        host = headers.get("host", "")
        if host_name(host) not in self.allowed_hosts:
            return 400, (f"unknown host {host!r}: this server answers only to "
                         f"{', '.join(sorted(self.allowed_hosts))} (serve --allowed-host to add one)")
        if method not in SAFE_METHODS:
            problem = cross_site_problem(headers, host)
            if problem:
                return 403, problem
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            return 413, self._too_large()
        return None

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The body, read until it ends or passes the cap (then no further); None when the client disconnected."""
        body = bytearray()
        more = True
        while more and len(body) <= self.max_body_bytes:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            more = message.get("more_body", False)
        return bytes(body)

    def _too_large(self) -> str:
        return f"request body over the {self.max_body_bytes // (1024 * 1024)} MiB cap"

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str) -> None:
        async def nothing() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        page = self.error_page(scope, status, message)
        await page(scope, nothing, send)


def cross_site_problem(headers: dict[str, str], host: str) -> str | None:
    """Why a state-changing request looks cross-site, or None when it comes from this server's pages."""
    fetch_site = headers.get("sec-fetch-site", "").lower()
    if fetch_site and fetch_site not in {"same-origin", "none"}:
        return f"cross-site request refused (Sec-Fetch-Site: {fetch_site}); use this server's own pages"
    origin = headers.get("origin")
    if origin is not None:
        from urllib.parse import urlparse

        parts = urlparse(origin.strip())
        if origin.strip().lower() == "null" or parts.netloc.lower() != host.strip().lower():
            return f"cross-site request refused (Origin: {origin}); use this server's own pages"
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as the server would say it

    return replay


def _without_body(send: Send) -> Send:
    async def head_send(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            if message["more_body"]:
                return
            message["more_body"] = False
        await send(message)

    return head_send
