"""The red team's findings (issue 11), one test each. All traffic stays on loopback.

"Public" names (news.example) are served by a server on 127.0.0.1 through a resolver shim:
``net.resolve`` says what the policy sees, ``net.dial`` maps the one fake public address onto
loopback and refuses to connect anywhere else, so a broken guard fails the test instead of
reaching another machine.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EXAMPLES, POLICY
from fastapi.testclient import TestClient

from newsverdict.errors import FetchError, InputError
from newsverdict.sources import net
from newsverdict.sources.corpus import RawItem, read_corpus
from newsverdict.sources.net import UrlPolicy, address_problem
from newsverdict.stories.ingest import ingest_feeds, ingest_items
from newsverdict.stories.store import Store
from newsverdict.web import create_app

PUBLIC = "93.184.216.34"  # what the policy sees for news.example; dialled as 127.0.0.1
SECRET = "INTERNAL-ONLY-7f3a"
ARTICLE = (EXAMPLES / "port-strike.html").read_bytes()
NOW = datetime(2026, 11, 20, tzinfo=UTC)


# --- a loopback site and the resolver shim ------------------------------------------------------


class Site:
    """An HTTP server on 127.0.0.1: ``routes`` maps a path to a function of the request handler."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.hits: list[str] = []
        self.hosts: list[str] = []
        self.active = 0
        self.max_active = 0
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    site.hits.append(self.path)
                    site.hosts.append(self.headers.get("Host", ""))
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                try:
                    route = site.routes.get(self.path.split("?")[0])
                    if route is None:
                        self.send_response(404)
                        self.end_headers()
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with lock:
                        site.active -= 1

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, path: str, host: str = "news.example") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", delay: float = 0) -> None:
        def send(handler: BaseHTTPRequestHandler) -> None:
            if delay:
                time.sleep(delay)
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        self.routes[path] = send

    def redirect(self, path: str, location: str) -> None:
        def send(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", location)
            handler.end_headers()

        self.routes[path] = send


@pytest.fixture
def site():
    s = Site()
    thread = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def dns(monkeypatch):
    """news.example is "public" (and reaches the loopback site); internal.example is private."""
    table = {"news.example": [PUBLIC], "other.example": [PUBLIC], "internal.example": ["10.0.0.5"],
             "mixed.example": [PUBLIC, "127.0.0.1"], "metadata.example": ["169.254.169.254"],
             "cgnat.example": ["100.100.100.200"], "sixtofour.example": ["2002:7f00:1::1"]}
    state = SimpleNamespace(table=table, resolved=[], dialled=[])

    def resolve(host: str, port: int) -> list[str]:
        state.resolved.append(host)
        if host not in state.table:
            raise OSError("no such name in the test resolver")
        return list(state.table[host])

    def dial(address: str) -> str:
        state.dialled.append(address)
        if address == PUBLIC:
            return "127.0.0.1"
        if address in {"127.0.0.1", "::1"}:
            return address
        raise AssertionError(f"the test would have connected to {address}")

    monkeypatch.setattr(net, "resolve", resolve)
    monkeypatch.setattr(net, "dial", dial)
    return state


def rss(items: list[tuple[str, str, str]], title: str = "Public News") -> bytes:
    """An RSS 2.0 feed of (title, link, description) items."""
    from html import escape

    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<pubDate>Thu, 19 Nov 2026 08:00:00 +0000</pubDate>"
                   f"<description>{escape(d)}</description></item>" for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://news.example/</link>{body}</channel></rss>").encode()


def secret_page(site: Site) -> None:
    site.page("/secret", (b"<html><body><article><h1>Internal</h1>" + (f"<p>{SECRET} admin panel text. " * 40).encode()
                          + b"</p></article></body></html>"))


# --- High 1: one guarded HTTP layer -------------------------------------------------------------


def test_feed_items_linking_to_internal_pages_are_not_fetched(site, dns, tmp_path):
    secret_page(site)
    site.page("/article", ARTICLE)
    site.redirect("/hop", f"http://127.0.0.1:{site.port}/secret")
    site.page("/feed.xml", rss([
        ("Loopback link", f"http://127.0.0.1:{site.port}/secret", "short"),
        ("Private name", f"http://internal.example:{site.port}/secret", "short"),
        ("Redirect to loopback", site.url("/hop"), "short"),
        ("Metadata", "http://169.254.169.254/latest/meta-data/", "short"),
        ("A real article", site.url("/article"), "short"),
    ]), "application/rss+xml")
    with Store(tmp_path / "nv.db") as store:
        store.add_feed(site.url("/feed.xml"), "", NOW.isoformat())
        report = ingest_feeds(store, now=NOW)
        texts = " ".join(a.text for a in store.articles())
    assert "/secret" not in site.hits
    assert SECRET not in texts
    assert report.added == 1
    assert sum("non-public" in reason for _, reason in report.skipped) == 4


def test_feed_redirected_to_an_internal_address_is_refused_on_that_hop(site, dns, tmp_path):
    site.page("/internal-feed.xml", rss([("Internal", site.url("/x"), "short")]), "application/rss+xml")
    site.redirect("/moved.xml", f"http://127.0.0.1:{site.port}/internal-feed.xml")
    with Store(tmp_path / "nv.db") as store:
        store.add_feed(site.url("/moved.xml"), "", NOW.isoformat())
        report = ingest_feeds(store, now=NOW)
        (feed,) = store.feeds()
    assert site.hits == ["/moved.xml"]
    assert feed["last_status"] == "error" and "non-public" in feed["last_error"]
    assert report.added == 0


def test_opml_entries_are_checked_before_they_are_stored(site, dns, tmp_path):
    site.page("/feed.xml", rss([("Story", site.url("/a"), "short")]), "application/rss+xml")
    bad = ["file:///etc/passwd", f"http://127.0.0.1:{site.port}/feed.xml", "http://169.254.169.254/latest/",
           "http://100.100.100.200/", "http://[::ffff:127.0.0.1]/", "http://[2002:7f00:1::1]/", "gopher://x/"]
    outlines = "".join(f'<outline text="x" xmlUrl="{u}"/>' for u in [*bad, site.url("/feed.xml")])
    site.page("/list.opml", f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'.encode(),
              "text/x-opml")
    client = TestClient(create_app(tmp_path / "nv.db"), base_url="http://127.0.0.1")
    response = client.post("/feeds/add", data={"url": site.url("/list.opml")}, follow_redirects=False)
    assert response.status_code == 303
    with Store(tmp_path / "nv.db") as store:
        assert [f["url"] for f in store.feeds()] == [site.url("/feed.xml")]

    # a local list named on the command line: file:// and paths outside its directory are refused too
    from newsverdict.sources.feeds import parse_opml

    local = tmp_path / "lists" / "mine.opml"
    local.parent.mkdir()
    (local.parent / "beside.xml").write_bytes(rss([("Story", "http://news.example/a", "short")]))
    local.write_text('<opml version="2.0"><body><outline xmlUrl="file:///etc/passwd"/>'
                     '<outline xmlUrl="../../../../etc/passwd"/><outline xmlUrl="beside.xml"/></body></opml>')
    problems: list[str] = []
    entries = parse_opml(local.read_bytes(), str(local), UrlPolicy(), problems)
    assert [u for u, _ in entries] == [(local.parent / "beside.xml").as_uri()]
    assert len(problems) == 2


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.100.100.200",
    "0.0.0.0", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
    "fd00:ec2::254", "2002:7f00:1::1", "2002:0808:0808::1", "2001::1", "2001:db8::1", "::ffff:127.0.0.1",
    "::ffff:10.0.0.1", "64:ff9b::a00:1", "ff02::1",
])
def test_special_addresses_are_blocked(address):
    import ipaddress

    assert address_problem(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34",
                                     "64:ff9b::5db8:d822"])
def test_public_addresses_are_allowed(address):
    import ipaddress

    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("name", ["internal.example", "mixed.example", "metadata.example", "cgnat.example",
                                  "sixtofour.example"])
def test_names_resolving_to_any_blocked_address_are_refused_without_connecting(dns, name):
    with pytest.raises(FetchError, match="non-public"):
        net.fetch(f"http://{name}/", policy=UrlPolicy())
    assert dns.dialled == []


def test_dns_rebinding_cannot_switch_the_checked_address(site, dns, monkeypatch):
    site.page("/article", ARTICLE)
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    dns.table = {"news.example": None}

    def rebinding(host: str, port: int) -> list[str]:
        dns.resolved.append(host)
        return next(answers)

    monkeypatch.setattr(net, "resolve", rebinding)
    page = net.fetch(site.url("/article"), policy=UrlPolicy())
    assert b"Dockworkers" in page.body
    assert dns.resolved == ["news.example"]  # resolved once, by the check; the client did not resolve again
    assert dns.dialled == [PUBLIC]  # and connected to the address that was checked
    assert site.hosts == [f"news.example:{site.port}"]  # Host still names the site


def test_https_to_a_pinned_address_still_verifies_the_name(site, dns, tmp_path, monkeypatch):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=news.example", "-addext", "subjectAltName=DNS:news.example", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert, key)
    site.page("/article", ARTICLE)
    site.httpd.socket = server_side.wrap_socket(site.httpd.socket, server_side=True)
    monkeypatch.setattr(net, "_tls_context", lambda: ssl.create_default_context(cafile=str(cert)))
    page = net.fetch(f"https://news.example:{site.port}/article", policy=UrlPolicy())
    assert b"Dockworkers" in page.body and dns.dialled == [PUBLIC]  # connected to the pinned address ...
    with pytest.raises(FetchError, match="cannot fetch"):  # ... and checked the certificate against the name
        net.fetch(f"https://other.example:{site.port}/article", policy=UrlPolicy())


def test_a_trickling_server_is_cut_at_the_total_deadline(site, dns):
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(200):
            handler.wfile.write(b"<p>x</p>\n")
            handler.wfile.flush()
            time.sleep(0.05)

    site.routes["/trickle"] = trickle
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        net.fetch(site.url("/trickle"), policy=UrlPolicy(), deadline_s=0.8)
    assert time.monotonic() - started < 3


def test_slow_servers_cannot_take_every_worker_from_the_pages(site, dns, tmp_path, monkeypatch):
    from newsverdict.web import deps

    monkeypatch.setattr(deps, "MAX_CONCURRENT_FETCHES", 1)
    site.page("/slow", ARTICLE, delay=3)
    client = TestClient(create_app(tmp_path / "nv.db"), base_url="http://127.0.0.1")
    first = threading.Thread(target=lambda: client.post("/api/analyze", json={"url": site.url("/slow")}))
    first.start()
    while "/slow" not in site.hits:
        time.sleep(0.02)
    busy = client.post("/api/analyze", json={"url": site.url("/slow")})
    assert busy.status_code == 429 and "try again" in busy.json()["error"]
    assert client.get("/").status_code == 200
    assert first.is_alive()  # both answered while the slow fetch still holds its worker
    first.join()


def test_web_ingest_uses_the_servers_url_policy(site, dns, tmp_path):
    secret_page(site)
    site.page("/feed.xml", rss([("Loopback link", f"http://127.0.0.1:{site.port}/secret", "short")]),
              "application/rss+xml")
    db = tmp_path / "nv.db"
    with Store(db) as store:
        store.add_feed(site.url("/feed.xml"), "", NOW.isoformat())
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    job = client.post("/feeds/ingest", follow_redirects=False).headers["location"]
    deadline = time.monotonic() + 30
    while "running" in client.get(job).text.lower() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "/feed.xml" in site.hits and "/secret" not in site.hits


def test_pages_answer_a_failed_fetch_as_another_servers_fault(site, dns, tmp_path):
    # the site answers 404 for both: the fetch failed (502), unlike an address the client must correct (422)
    client = TestClient(create_app(tmp_path / "nv.db"), base_url="http://127.0.0.1")
    feed = client.post("/feeds/add", data={"url": site.url("/gone.xml")})
    assert feed.status_code == 502 and "We could not add that feed" in feed.text and "HTTP 404" in feed.text
    page = client.post("/analyze", data={"url": site.url("/gone")})
    assert page.status_code == 502 and "We could not judge this article" in page.text
    refused = client.post("/analyze", data={"url": "http://internal.example/"})
    assert refused.status_code == 422 and "non-public" in refused.text


def test_a_broken_store_is_our_fault_not_the_readers(tmp_path):
    db = tmp_path / "nv.db"
    db.write_bytes(b"this is not a database" * 100)
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    page = client.get("/")
    assert page.status_code == 503 and "This cannot be served right now" in page.text
    assert "not a newsverdict database" in page.text and "Traceback" not in page.text
    assert client.get("/api/stories").status_code == 503


def test_cli_refuses_private_addresses_by_default(cli):
    result = cli("analyze", "http://127.0.0.1:9/admin")
    assert result.returncode == 2
    assert "non-public" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


# --- High 2: linear-time sentence splitting -----------------------------------------------------


def _seconds(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def assert_linear(run: Callable[[int], object], n: int) -> None:
    """``run(4 * n)`` costs about 4 times ``run(n)`` (a quadratic cost would be 16 times): at most 8 times.

    A ratio, not a time, so that the test holds on a slow or busy machine."""
    run(n // 4)  # warm up (imports, caches)
    small = max(_seconds(lambda: run(n)), 0.02)
    large = _seconds(lambda: run(4 * n))
    assert large / small < 8, f"{n}: {small:.2f} s, {4 * n}: {large:.2f} s"


@pytest.mark.parametrize("unit", [".", "!", "?!", "…", "x. ", "Mr. "])
def test_runs_of_sentence_punctuation_are_split_in_linear_time(unit):
    from newsverdict.card.clean import clean
    from newsverdict.sources.extract import from_text

    def run(n: int) -> None:
        text = POLICY + "\n\nThe vote was close" + unit * (n // len(unit)) + "and the law passed."
        clean(from_text(text, origin="t"), check_language=False)

    assert_linear(run, 40_000)  # 30k dots took 12.7 s, 60k 47.6 s; 200k "!" over 300 s


# --- High 3: CSRF and Host ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_client(tmp_path_factory):
    db = tmp_path_factory.mktemp("redteam") / "nv.db"
    with Store(db) as store:
        store.add_feed("http://news.example/feed.xml", "Kept", NOW.isoformat())
        ingest_items(store, [RawItem(origin="t", url="https://news.example/a", title="Vote passes",
                                     text=POLICY, published=NOW.isoformat())], now=NOW)
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    client.db_path = db
    return client


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                                     {"Origin": "null"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://127.0.0.1:9999"}])
@pytest.mark.parametrize(("path", "data"), [("/feeds/1/remove", {}), ("/feeds/add", {"url": "http://x.example/"}),
                                            ("/feeds/ingest", {}), ("/analyze", {"text": POLICY})])
def test_cross_site_form_posts_are_refused(app_client, headers, path, data):
    response = app_client.post(path, data=data, headers=headers, follow_redirects=False)
    assert response.status_code == 403 and "cross-site" in response.text
    assert app_client.get("/api/stories?since=all").status_code == 200
    assert "Kept" in app_client.get("/feeds").text  # nothing was removed


def test_cross_site_json_api_posts_are_refused_and_same_origin_ones_pass(app_client):
    refused = app_client.post("/api/analyze", json={"text": POLICY}, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and refused.json()["error"].startswith("cross-site")
    same = app_client.post("/api/analyze", json={"text": POLICY},
                           headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200
    assert app_client.post("/analyze", data={"text": POLICY}, headers={"Sec-Fetch-Site": "none"}).status_code == 200


@pytest.mark.parametrize(("host", "status"), [("evil.example", 400), ("evil.example:8000", 400),
                                              ("127.0.0.1.nip.io:8000", 400), ("127.0.0.1:8000", 200),
                                              ("localhost:8000", 200), ("[::1]:8000", 200), ("localhost", 200)])
def test_only_configured_host_names_are_served(app_client, host, status):
    for path in ("/", "/api/stories"):
        assert app_client.get(path, headers={"Host": host}).status_code == status


def test_the_host_given_to_serve_is_accepted(tmp_path):
    from newsverdict.web.guard import allowed_host_names

    app = create_app(tmp_path / "nv.db", allowed_hosts=allowed_host_names("192.168.1.5", ["news.lan"]))
    client = TestClient(app, base_url="http://127.0.0.1")
    for host, status in [("192.168.1.5:8000", 200), ("news.lan", 200), ("evil.example", 400)]:
        assert client.get("/api/stories", headers={"Host": host}).status_code == status


# --- Medium 4: streaming body cap ---------------------------------------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from bench.liveserver import LiveServer

    with LiveServer(tmp_path_factory.mktemp("live") / "nv.db") as server:
        yield server


def _send_chunked(port: int, path: str, content_type: str, limit: int = 40 * 1024 * 1024) -> tuple[int, bytes]:
    """Stream a chunked body until the server answers or ``limit`` bytes went out; (bytes sent, answer)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n".encode())
    chunk = b"%x\r\n" % 65536 + b"a" * 65536 + b"\r\n"
    sent, answer = 0, b""
    sock.setblocking(False)
    try:
        while sent < limit:
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                pass
            try:
                sock.settimeout(5)
                sock.sendall(chunk)
                sock.setblocking(False)
                sent += 65536
            except OSError:
                break
        sock.settimeout(5)
        while b"\r\n\r\n" not in answer:
            more = sock.recv(65536)
            if not more:
                break
            answer += more
    except OSError:
        pass
    finally:
        sock.close()
    return sent, answer


@pytest.mark.parametrize(("path", "content_type"), [
    ("/api/analyze", "application/json"),
    ("/analyze", "multipart/form-data; boundary=xyz"),
])
def test_chunked_bodies_over_the_cap_are_refused_before_being_read(live, path, content_type):
    sent, answer = _send_chunked(live.port, path, content_type)
    assert answer.startswith(b"HTTP/1.1 413")
    # the 2 MiB cap, plus what the sockets buffer and what a loaded machine lets through before the answer
    # arrives (8.1 MiB seen at load 9 on two cores): far from the 40 MB offered
    assert sent < 16 * 1024 * 1024


# --- Medium 5: other super-linear costs ---------------------------------------------------------


def test_thousands_of_near_duplicate_paragraphs_are_cleaned_in_linear_time():
    from newsverdict.card.clean import clean
    from newsverdict.models import Article

    def run(n: int) -> None:
        paragraphs = [f"The council met on day {i} and voted on budget item {i} after a long debate about roads."
                      for i in range(n)]
        clean(Article(text="\n\n".join(paragraphs), origin="t"))

    assert_linear(run, 1000)  # 8,000 paragraphs took 26.5 s: every pair was compared


def test_a_page_of_hundreds_of_thousands_of_elements_is_refused_at_once(app_client):
    started = time.monotonic()
    response = app_client.post("/api/analyze", json={"html": "<html><body>" + "<p>" * 200_000 + "</body></html>"})
    assert response.status_code == 422 and "HTML elements" in response.json()["error"]
    assert time.monotonic() - started < 5  # 600 KB of <p> took 95 s in the web app


# --- Medium 6: full-text search -----------------------------------------------------------------


def test_search_complexity_and_time_are_bounded(app_client, monkeypatch, tmp_path):
    import newsverdict.stories.store as store_module

    hostile = " AND ".join(["t*"] * 200)
    started = time.monotonic()
    response = app_client.get("/", params={"q": hostile, "since": "all"})
    assert response.status_code == 422 and "search:" in response.text
    assert app_client.get("/api/stories", params={"q": hostile}).status_code == 422
    assert time.monotonic() - started < 5  # was minutes, ignoring SIGTERM

    # a query within the limits that runs too long is interrupted at the deadline
    with Store(tmp_path / "big.db") as store:
        store.db.executemany("INSERT INTO articles(url, fingerprint, text, added_at) VALUES ('', ?, ?, '')",
                             [(str(n), f"talk {n} of tariffs, taxes and trade terms") for n in range(3000)])
        monkeypatch.setattr(store_module, "SEARCH_DEADLINE_S", 0.0)
        with pytest.raises(InputError, match="took over"):
            store.search("t* OR ta* OR te* OR tr*", 20)


# --- Medium 7: special files --------------------------------------------------------------------


def test_devices_and_pipes_are_refused_unread(tmp_path, cli):
    from newsverdict.sources.extract import read_file
    from newsverdict.sources.feeds import read_local

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for reader in (read_file, read_local):
        for special in (Path("/dev/zero"), fifo):
            with pytest.raises(InputError, match="not a regular file"):
                reader(special) if reader is read_file else reader(str(special))
    result = cli("analyze", "/dev/zero")
    assert result.returncode == 2 and "not a regular file" in result.stderr.decode()


# --- Medium 8: -o -------------------------------------------------------------------------------


def test_output_writes_through_symlinks_and_refuses_pipes(tmp_path, capsys):
    import typer

    from newsverdict.cli import write_output

    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text() == "new"

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(typer.Exit) as exit_info:
        write_output("new", fifo)
    assert exit_info.value.exit_code == 2
    assert "not a regular file" in capsys.readouterr().err
    assert fifo.is_fifo()


# --- Medium 9: concurrent ingests ---------------------------------------------------------------


def test_concurrent_ingests_into_one_fresh_store_never_fail(tmp_path):
    db = tmp_path / "fresh.db"
    lines = (EXAMPLES / "corpus" / "articles.jsonl").read_text().splitlines()[:6]
    items = [RawItem(origin=f"c:{n}", **json.loads(line)) for n, line in enumerate(lines)]
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with Store(db) as store:
                ingest_items(store, items, now=NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(db) as store:
        assert store.count("articles") == len(items)


# --- Medium 10: one hostile JSONL line ----------------------------------------------------------


def test_a_deeply_nested_jsonl_line_is_skipped_and_the_lines_after_it_kept(tmp_path):
    lines = (EXAMPLES / "corpus" / "articles.jsonl").read_text().splitlines()
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([lines[0], "[" * 100_000, "x" * 5_000_000, lines[1]]) + "\n")
    with Store(tmp_path / "nv.db") as store:
        report = ingest_items(store, read_corpus(corpus), now=NOW)
    assert report.added == 2
    assert [reason for _, reason in report.skipped] == ["JSON nested too deeply", "item is over the size cap"]
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (refused,) = list(read_corpus(fifo))  # returns at once: a pipe without a writer is not waited on
    assert "not a regular file" in str(refused)


# --- Medium 11: Markdown digest -----------------------------------------------------------------


def test_markdown_digest_cannot_inject_html_or_images(tmp_path):
    from markdown_it import MarkdownIt

    from newsverdict.models import StoryVerdict
    from newsverdict.render import digest

    with Store(tmp_path / "nv.db") as store:
        ingest_items(store, [RawItem(origin="t", url="https://news.example/a)<img src=x onerror=alert(1)>",
                                     title="Vote ![](http://tracker.example/p.png) <script>x</script> "
                                     "[a](javascript:x)",
                                     source="<b>Outlet</b>", text=POLICY, published=NOW.isoformat())], now=NOW)
        stories = [StoryVerdict.model_validate(c) for c in store.stories()]
    html = MarkdownIt("commonmark").render(digest(stories, "markdown"))
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "javascript:" not in html.replace("(javascript:x)", "")  # shown as text, never a link
    assert 'href="javascript' not in html


# --- Low ------------------------------------------------------------------------------------------


def test_story_links_are_http_only(tmp_path):
    db = tmp_path / "nv.db"
    with Store(db) as store:
        ingest_items(store, [RawItem(origin="t", url="javascript:alert(document.domain)", title="A", text=POLICY,
                                     published=NOW.isoformat()),
                             RawItem(origin="u", url="data:text/html,<script>alert(1)</script>", title="B",
                                     text=POLICY.replace("Parliament", "The senate"), published=NOW.isoformat())],
                     now=NOW)
        ids = [c["story_id"] for c in store.stories()]
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    for story_id in ids:
        page = client.get(f"/story/{story_id}").text
        assert "javascript:" not in page and "data:text" not in page


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/story/99999999999999999999999", None),
    ("GET", "/api/stories/99999999999999999999999", None),
    ("GET", "/story/-5", None),
    ("GET", "/?min_impact=99999999999999999999999", None),
    ("GET", "/?since=99999999999999999999d", None),
    ("GET", "/api/stories?since=99999999999999999999d", None),
    ("GET", "/api/digest?since=99999999999999999999w", None),
    ("POST", "/api/analyze", {"url": "http://[::1"}),
    ("POST", "/api/analyze", {"url": "http://exa mple.com/"}),
    ("POST", "/api/analyze", {"url": "http://example.com:99999/"}),
    ("POST", "/feeds/99999999999999999999999/remove", None),
    ("POST", "/feeds/add", {"url": "http://[zz/"}),
])
def test_bad_numbers_and_urls_are_client_errors_not_500(app_client, method, path, body):
    if method == "GET":
        response = app_client.get(path)
    elif path.startswith("/api/"):
        response = app_client.post(path, json=body)
    else:
        response = app_client.post(path, data=body, follow_redirects=False)
    assert response.status_code < 500, response.text


def test_head_is_answered_like_get_without_a_body(app_client):
    for path in ("/", "/api/stories", "/feeds"):
        response = app_client.head(path)
        assert response.status_code == 200 and response.content == b""


def test_feeds_notice_is_not_echoed_from_the_query_string(app_client):
    page = app_client.get("/feeds", params={"message": "Your session expired: call 555-0100"}).text
    assert "555-0100" not in page
    assert "added 3 feed(s)" in app_client.get("/feeds?added=3").text.lower()


def test_read_only_store_gives_one_clear_line(tmp_path, cli):
    from newsverdict.errors import StoreError

    db = tmp_path / "nv.db"
    with Store(db) as store:
        store.db.execute("PRAGMA query_only = ON")  # writes fail as on a read-only file, even for root
        with pytest.raises(StoreError, match="read-only"):
            ingest_items(store, [RawItem(origin="t", text=POLICY)], now=NOW)
    with Store(tmp_path / "full.db") as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers "database or disk is full"
        with pytest.raises(StoreError, match="disk is full"):
            ingest_items(store, [RawItem(origin="t", text=POLICY)], now=NOW)
    result = cli("stories", "--db", "/proc/newsverdict-nowhere/nv.db")
    assert result.returncode == StoreError.exit_code == 3 and result.stderr.decode().count("\n") == 1


def test_llm_config_is_validated(tmp_path):
    from newsverdict.errors import LLMError
    from newsverdict.llm import LLMConfig, LLMProse, load_config

    config = tmp_path / "config.toml"
    with pytest.raises(LLMError, match="timeout_s must be a number"):
        load_config(path=config, env={"NEWSVERDICT_LLM_TIMEOUT": "soon"})
    config.write_text('[llm]\nbackend = "openai"\ntimeout = 5\n')
    with pytest.raises(LLMError, match="did you mean 'timeout_s'"):
        load_config(path=config, env={})
    config.write_text('[llm]\nbackend = "openai"\nbase_url = "file:///etc/passwd"\n')
    with pytest.raises(LLMError, match="base_url must be an http"):
        load_config(path=config, env={})
    config.write_text('[llm]\nbackend = "openai"\nbase_url = "https://llm.example.com/v1"\n')
    assert "not on this machine" in load_config(path=config, env={}).warnings[0]
    config.write_text('[llm]\nbackend = "openai"\nbase_url = "http://127.0.0.1:8080/v1"\n')
    assert load_config(path=config, env={}).warnings == ()

    class Fake:
        name, model = "openai", "m"

        def __init__(self, base_url: str) -> None:
            self.base_url = base_url

    keys = {LLMProse(LLMConfig(backend="openai"), backend=Fake(url)).cache_key([{"role": "user", "content": "x"}])
            for url in ("http://127.0.0.1:1/v1", "http://127.0.0.1:2/v1")}
    assert len(keys) == 2


def test_plain_text_feed_items_of_80_words_or_more_are_kept(tmp_path):
    feed = tmp_path / "plain.xml"
    feed.write_bytes(rss([("Wage law passes", "https://news.example/wage", POLICY.split("\n", 1)[1])]))
    with Store(tmp_path / "nv.db") as store:
        store.add_feed(feed.as_uri(), "", NOW.isoformat())
        report = ingest_feeds(store, now=NOW)
    assert report.added == 1, report.skipped


def test_item_pages_of_a_feed_are_fetched_concurrently(site, dns, tmp_path):
    for n in range(6):
        site.page(f"/a{n}", ARTICLE.replace(b"Dockworkers", b"Dockworkers %d" % n), delay=0.3)
    site.page("/feed.xml", rss([(f"Item {n}", site.url(f"/a{n}"), "short") for n in range(6)]),
              "application/rss+xml")
    with Store(tmp_path / "nv.db") as store:
        store.add_feed(site.url("/feed.xml"), "", NOW.isoformat())
        ingest_feeds(store, now=NOW)
    assert site.max_active >= 2


def test_ingest_exits_non_zero_when_every_item_was_skipped(tmp_path, cli):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"text": "too short"}\nnot json\n')
    result = cli("ingest", str(corpus), "--db", str(tmp_path / "nv.db"))
    assert result.returncode == 2
    assert "0 article(s) added" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
