"""Rendering a page: the Jinja templates (autoescaped, in ``render/templates``), the legend every page
carries, and the choices the filters offer."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from newsverdict.render.html import LEGEND, environment

#: the renderers' own environment: one set of templates and filters for the pages and the standalone files
TEMPLATES = Jinja2Templates(env=environment())
#: The spans offered by the filters, in words.
SPANS = (("recent", "latest 7 days in the store"), ("24h", "last 24 hours"), ("7d", "last 7 days"),
         ("30d", "last 30 days"), ("all", "everything"))


def page(request: Request, template: str, context: dict, status: int = 200) -> Response:
    """One page from its template, with the legend."""
    return TEMPLATES.TemplateResponse(request, template, {"legend": LEGEND, **context}, status_code=status)
