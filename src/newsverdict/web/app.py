"""The app factory: state, middleware, error handlers and routers, wired once.

A request passes the request guard (``guard.RequestGuard``: Host, CSRF, body cap, HEAD), then
the security headers, then a route of ``api.router`` (/api/, the digest feeds) or
``pages.router`` (the HTML pages). Routes read the app's state through ``deps``. Every error
becomes one answer: JSON ``{"error": ...}`` under /api/, a page in plain words elsewhere, with
the status the error carries (``errors.NewsverdictError.http_status``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsverdict import __version__
from newsverdict.errors import NewsverdictError
from newsverdict.llm import LLMConfig
from newsverdict.web import api, deps, pages
from newsverdict.web.guard import RequestGuard, allowed_host_names
from newsverdict.web.templating import LEGEND, TEMPLATES

#: Our pages need no script at all: even a missed escape could not run one.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                           "script-src 'none'; form-action 'self'; frame-ancestors 'none'")
ERROR_HEADINGS = {404: "We could not find that", 413: "That was too large", 422: "That did not work",
                  500: "Something went wrong on our side", 502: "We could not get that from another server",
                  503: "This cannot be served right now"}


def create_app(db: str | Path | None = None, *, allow_private_urls: bool = False,
               llm_config: LLMConfig | None = None, allowed_hosts: frozenset[str] | None = None) -> FastAPI:
    """The app; ``allowed_hosts`` are the Host names it answers to (default: the loopback names)."""
    app = FastAPI(title="newsverdict", version=__version__, docs_url=None, redoc_url=None,
                  description="Verdict cards: impact versus hype, explained. The same data model as the CLI's JSON.")
    deps.install_state(app, db, allow_private_urls=allow_private_urls, llm_config=llm_config)
    # Host check, CSRF, streaming body cap, HEAD: see guard.
    app.add_middleware(RequestGuard, allowed_hosts=allowed_hosts or allowed_host_names(),
                       max_body_bytes=deps.MAX_BODY_BYTES,
                       error_page=lambda scope, status, message: error_response(Request(scope), status, message))
    app.middleware("http")(security_headers)
    app.add_exception_handler(NewsverdictError, on_newsverdict_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_crash)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def serve(db: str | Path | None, host: str, port: int, allow_private_urls: bool = False,
          llm_config: LLMConfig | None = None, allowed_hosts: tuple[str, ...] = ()) -> None:
    import uvicorn

    app = create_app(db, allow_private_urls=allow_private_urls, llm_config=llm_config,
                     allowed_hosts=allowed_host_names(host, allowed_hosts))
    uvicorn.run(app, host=host, port=port, log_level="warning")


async def security_headers(request: Request, call_next) -> Response:
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


async def on_newsverdict_error(request: Request, exc: Exception) -> Response:
    # the class says whose fault it is: 422 for the client's input, 5xx for the store, a fetch, the LLM
    assert isinstance(exc, NewsverdictError)
    return error_response(request, exc.http_status, str(exc))


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(request, exc.status_code, str(exc.detail))


async def on_crash(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, f"internal error ({type(exc).__name__})")


def error_response(request: Request, status: int, message: str) -> Response:
    """JSON ``{"error": message}`` under /api/; elsewhere a page with a heading and a link back."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    heading = ERROR_HEADINGS.get(status, "That did not work")
    if status == 404 and message == "Not Found":
        message = f"There is no page at {request.url.path}."
    back = _same_site_path(request.headers.get("referer", ""), request) or "/"
    return TEMPLATES.TemplateResponse(request, "error.html", {
        "legend": LEGEND, "heading": heading, "message": message, "status": status, "back": back},
        status_code=status)


def _same_site_path(referer: str, request: Request) -> str:
    """The path of the page the reader came from, when it is one of ours (a link back, never elsewhere)."""
    parts = urlparse(referer)
    if not referer or parts.netloc != request.url.netloc or parts.path == request.url.path:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")
