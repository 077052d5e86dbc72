"""URLs, against a real HTTP server on loopback started by the test."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from conftest import EXAMPLES

from newsverdict.card.pipeline import analyze
from newsverdict.errors import FetchError
from newsverdict.sources.extract import load
from newsverdict.sources.net import UrlPolicy

#: These tests serve pages on loopback, so they allow private addresses (tests/test_redteam.py
#: checks the default policy with "public" names mapped onto loopback).
OPEN = UrlPolicy(allow_private=True)

PAGE = (EXAMPLES / "port-strike.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(700):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_is_fetched_and_extracted(server):
    card = analyze(load(f"{server}/article", policy=OPEN))
    assert card.headline.startswith("Dockworkers end nine-day strike")
    assert card.url == f"{server}/article"


def test_http_error_is_reported(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        load(f"{server}/missing", policy=OPEN)


def test_timeout_is_reported(server, monkeypatch):
    import newsverdict.sources.net as net

    monkeypatch.setattr(net, "FETCH_DEADLINE_S", 0.5)
    with pytest.raises(FetchError, match="timed out"):
        load(f"{server}/slow", policy=OPEN)


def test_oversized_page_is_refused(server):
    with pytest.raises(FetchError, match="cap"):
        load(f"{server}/huge", policy=OPEN)


def test_redirects_are_followed_and_loops_stopped(server):
    from newsverdict.sources.extract import fetch

    body, _ = fetch(f"{server}/redirect", policy=OPEN)
    assert b"Dockworkers" in body
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"{server}/loop", policy=OPEN)


def test_cli_reports_unreachable_url(cli):
    result = cli("analyze", "--allow-private-urls", "http://127.0.0.1:9/nothing-listens-here")
    assert result.returncode == 4  # a fetch failure, not bad input (newsverdict.errors.FetchError)
    assert "cannot fetch" in result.stderr.decode()


class FeedHandler(BaseHTTPRequestHandler):
    """Serves the example wire feed with an ETag and answers 304 to a matching If-None-Match."""

    seen: ClassVar[list[str | None]] = []
    body = (EXAMPLES / "corpus" / "wire.xml").read_bytes()

    def do_GET(self):
        FeedHandler.seen.append(self.headers.get("If-None-Match"))
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def test_ingest_uses_conditional_get_and_adds_nothing_when_unchanged(cli, tmp_path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/wire.xml"
    db = str(tmp_path / "nv.db")
    try:
        assert cli("feeds", "add", url, "--db", db, "--allow-private-urls").returncode == 0
        first = cli("ingest", "--db", db, "--allow-private-urls")
        assert first.returncode == 0 and "4 article(s) added" in first.stderr.decode()
        second = cli("ingest", "--db", db, "--allow-private-urls")
        assert "0 article(s) added" in second.stderr.decode()
        assert FeedHandler.seen[-1] == '"v1"'  # the second fetch was conditional
        assert "not modified" in cli("feeds", "list", "--db", db).stdout.decode()
    finally:
        httpd.shutdown()
