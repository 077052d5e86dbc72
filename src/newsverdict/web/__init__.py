"""The local web app and JSON API (FastAPI, server-rendered, no JavaScript needed).

Pages: / (stories), /story/{id}, /outlets, /outlet, /analyze, /feeds, /jobs/{id}, /about, /docs.
API under /api/ with OpenAPI at /openapi.json and /docs. Everything from an article is escaped
(Jinja2 autoescape); a URL to analyze is fetched only when it resolves to a public address,
unless the server was started with ``allow_private_urls``.

The package, one module per job:

- ``app``: the app factory ``create_app`` and ``serve``: state, middleware, error answers, routers
- ``guard``: the request guard (Host check, CSRF, body cap, HEAD), an ASGI middleware
- ``deps``: the state routes share (store, URL policy and fetcher, LLM writer, jobs), as dependencies
- ``api``: the /api/ routes and the digest feeds
- ``analysis``: one article to a card, for the API and the Analyze page
- ``pages``: the HTML pages, one module per page family
- ``jobs``: the background feed ingests
- ``templating``: the templates and what every page carries
"""

from newsverdict.web.app import create_app, serve
from newsverdict.web.deps import MAX_BODY_BYTES

__all__ = ["MAX_BODY_BYTES", "create_app", "serve"]
