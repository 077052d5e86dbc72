"""One article to a card, for the API (``POST /api/analyze``) and the Analyze page: the request and
the one path from its text, URL or HTML through the pipeline. A URL is fetched by the guarded
fetcher (``deps.Fetcher``: the server's URL policy, a bounded number of slots)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from newsverdict.card.pipeline import CardRun, run
from newsverdict.errors import InputError
from newsverdict.llm import LLMProse
from newsverdict.sources.extract import from_bytes, from_html, from_text
from newsverdict.web.deps import Fetcher


class AnalyzeRequest(BaseModel):
    text: str | None = Field(default=None, description="Article text (plain or Markdown).")
    url: str | None = Field(default=None, description="An http(s) URL to fetch and extract.")
    html: str | None = Field(default=None, description="An HTML page to extract.")
    title: str = ""
    source: str = ""


def analyze_request(body: AnalyzeRequest, fetcher: Fetcher, writer: LLMProse | None) -> CardRun:
    """The pipeline's run for exactly one of text, URL or HTML; its cleaned text is what the card's
    evidence offsets index, so the Analyze page highlights from it without cleaning again."""
    given = [x for x in (body.text, body.url, body.html) if x and x.strip()]
    if len(given) != 1:
        raise InputError("give exactly one of: text, url, html")
    if body.url and body.url.strip():
        data, content_type = fetcher.fetch(body.url.strip())
        article = from_bytes(data, origin=body.url.strip(), url=body.url.strip(), content_type=content_type)
    elif body.html and body.html.strip():
        article = from_html(body.html, origin="uploaded page")
    else:
        article = from_text(body.text or "", origin="pasted text")
    return run(article, title=body.title, source=body.source, llm=writer)
