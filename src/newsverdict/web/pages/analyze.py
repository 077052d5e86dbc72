"""The Analyze page (/analyze): paste text, give a URL or upload a saved page; the card, its evidence in
plain words, and the article with the evidence highlighted. Refusals keep what was typed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from newsverdict.errors import NewsverdictError
from newsverdict.render.html import signal_view
from newsverdict.sources.extract import decode
from newsverdict.web.analysis import AnalyzeRequest, analyze_request
from newsverdict.web.deps import MAX_BODY_BYTES, UrlFetcher, Writer
from newsverdict.web.pages.evidence import highlighted_paragraphs
from newsverdict.web.templating import page

router = APIRouter()


class _Refusal(Exception):
    """The form cannot be analysed: a message for the reader, and the status its cause carries."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


@router.get("/analyze", response_class=HTMLResponse, include_in_schema=False)
def analyze_form(request: Request):
    return page(request, "analyze.html", {"card": None, "form": {}})


@router.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
async def analyze_page(request: Request, fetcher: UrlFetcher, writer: Writer,
                       text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                       title: Annotated[str, Form()] = "",
                       page_file: Annotated[UploadFile | None, File(alias="page")] = None) -> Response:
    form = {"text": text, "url": url, "title": title}
    try:
        body = _one_input(text, url, await _uploaded_page(page_file), title)
        try:  # in a worker thread: a fetch or a long analysis must not stall the event loop
            result = await run_in_threadpool(analyze_request, body, fetcher, writer)
        except NewsverdictError as exc:
            # the class says whose fault: 422 for the text or a bad URL, 502 for a failed fetch or LLM
            raise _Refusal(f"We could not judge this article: {exc}", exc.http_status) from None
    except _Refusal as refusal:
        return page(request, "analyze.html", {"card": None, "form": form, "error": refusal.message}, refusal.status)
    card = result.verdict
    return page(request, "analyze.html", {
        "card": card, "form": form, "marked": highlighted_paragraphs(result.cleaned.paragraphs, card),
        "signals": signal_view(card)})


async def _uploaded_page(page_file: UploadFile | None) -> str:
    """The text of an uploaded HTML page, or "" when none was chosen."""
    if page_file is None or not page_file.filename:
        return ""
    raw = await page_file.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise _Refusal(f"That file is larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB; "
                       "save just the article page and try again.")
    try:
        return decode(raw, page_file.filename)
    except NewsverdictError as exc:
        raise _Refusal(f"We could not read that file: {exc}", exc.http_status) from None


def _one_input(text: str, url: str, html_text: str, title: str) -> AnalyzeRequest:
    """The request for the one thing given; a refusal in plain words when none or several were."""
    given = [name for name, value in (("pasted text", text), ("a URL", url), ("a file", html_text))
             if value and value.strip()]
    if not given:
        raise _Refusal("There is nothing to analyse yet: paste an article, give its web address, "
                       "or choose a saved HTML page.")
    if len(given) > 1:
        raise _Refusal(f"Give one thing at a time: you gave {' and '.join(given)}. Clear the ones you "
                       "do not want analysed and press the button again.")
    return AnalyzeRequest(text=text or None, url=url or None, html=html_text or None, title=title)
