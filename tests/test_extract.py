"""HTML extraction reads a page's title, site, URL and date as trafilatura's full metadata pass does."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsverdict.errors import InputError
from newsverdict.sources.extract import _page_metadata, from_html

ROOT = Path(__file__).resolve().parents[1]

#: Pages that exercise the metadata's branches: OpenGraph, JSON-LD, a relative canonical link, a
#: lower-case site name, a title only in <title>, a date only in the text, no metadata at all.
_BODY = ("<p>The port authority said the strike ended after nine days of talks with the union. Workers "
         "returned on Saturday after the union signed a two-year wage agreement with the operators.</p>"
         "<p>About 9,000 workers are covered by the deal, which raises wages by 7.5 percent over two years, "
         "the authority said in a statement on its website.</p>")
SYNTHETIC = [
    f"""<html><head><title>Strike ends | harbour news</title>
<meta property="og:title" content="Port strike ends after nine days">
<meta property="og:site_name" content="harbour news">
<meta property="article:published_time" content="2026-11-19T08:30:00Z">
<meta name="author" content="Jane Roe"><link rel="canonical" href="/2026/11/19/strike-ends">
<meta property="og:url" content="https://harbour.example/2026/11/19/strike-ends"></head>
<body><nav><a href="/category/ports/">Ports</a></nav><article><h1>Port strike ends</h1>{_BODY}</article>
<footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC</a></footer></body></html>""",
    f"""<html><head><title>Talks collapse - The Daily Example</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Talks collapse at the port", "datePublished": "2026-10-02T10:00:00+02:00",
"author": {{"@type": "Person", "name": "John Doe"}}, "publisher": {{"@type": "Organization",
"name": "The Daily Example"}}}}</script></head>
<body><h2>Talks collapse</h2><div class="content">{_BODY}</div>
<div class="tags"><a href="/tag/labour/">labour</a></div></body></html>""",
    f"""<html><head><title>news.example.org: Wage deal signed</title></head>
<body><div><p>Posted on March 3, 2025</p>{_BODY}</div></body></html>""",
    f"<html><body><div>{_BODY}</div></body></html>",
]


def _pages() -> list[tuple[str, str]]:
    real = [(ROOT / "examples" / "port-strike.html").read_text(),
            (ROOT / "tests" / "fixtures" / "prose" / "dailymail.html").read_text()]
    return [(url, html) for html in real + SYNTHETIC for url in ("", "https://example.com/news/a-story")]


@pytest.mark.parametrize(("url", "html"), _pages())
def test_page_metadata_matches_trafilatura(url: str, html: str) -> None:
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    full = extract_metadata(load_html(html), url or None)
    ours = _page_metadata(load_html(html), url)
    for field in ("title", "sitename", "hostname", "url", "date"):
        assert getattr(ours, field) == getattr(full, field), field


@pytest.mark.parametrize(("url", "html"), _pages())
def test_article_from_html_matches_trafilatura_with_metadata(url: str, html: str) -> None:
    import trafilatura

    try:
        article = from_html(html, url=url)
    except InputError:
        article = None
    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                      include_tables=False, fast=True)
    if article is None:  # refused: trafilatura found no article either, or too little text
        assert doc is None or len((doc.text or "").split()) < 15
        return
    assert (article.published, article.url) == (doc.date or "", url or (doc.url or ""))
    assert article.title == (doc.title or "").strip()
    words = article.text.split()
    assert words == doc.text.split()[-len(words):]  # less the repeated <h1>
