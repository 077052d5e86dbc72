"""`newsverdict batch`: WARC/JSONL/Parquet in, Parquet and digest out; same bytes at any worker count; resumable."""

from __future__ import annotations

import gzip
import json
import sqlite3
import uuid
from html import escape
from pathlib import Path

import pytest
from conftest import EXAMPLES

pa = pytest.importorskip("pyarrow", reason="the batch extra (pyarrow) is not installed")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("fastwarc", reason="the batch extra (fastwarc) is not installed")

from newsverdict.batch import BatchOptions, load_into_store, run_batch  # noqa: E402
from newsverdict.errors import BatchInterrupted  # noqa: E402
from newsverdict.stories.store import Store  # noqa: E402

CORPUS = EXAMPLES / "corpus" / "articles.jsonl"
OUTPUTS = ("articles.parquet", "cards.parquet", "stories.parquet", "errors.parquet", "digest.md", "digest.html")


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The example corpus batched in-process (one worker), in shards of 6."""
    out = tmp_path_factory.mktemp("batch") / "out"
    run_batch(BatchOptions([str(CORPUS)], out, workers=1, shard_size=6))
    return out


def test_batch_writes_parquet_tables_and_digest_with_the_cards_ingest_gives(reference, tmp_path, cli):
    articles = pq.read_table(reference / "articles.parquet").to_pylist()
    cards = pq.read_table(reference / "cards.parquet").to_pylist()
    stories = pq.read_table(reference / "stories.parquet").to_pylist()
    assert len(articles) == len(cards) == 22  # 23 lines, one the same page twice
    assert sorted(a["id"] for a in articles) == list(range(1, 23))
    assert sum(a["duplicate_of"] is not None for a in articles) == 8
    assert {a["story_id"] for a in articles} == {s["story_id"] for s in stories}
    assert sum(s["articles"] for s in stories) == 22
    assert "highest-impact" in (reference / "digest.md").read_text()
    assert "<svg" in (reference / "digest.html").read_text()

    # the same cards, repeats and stories as ingest into a fresh store (ids aside)
    db = tmp_path / "ingest.db"
    assert cli("ingest", str(CORPUS), "--db", str(db)).returncode == 0
    con = sqlite3.connect(db)
    ingested = {url: (card, dup, sid) for url, card, dup, sid in con.execute(
        "SELECT canonical_url, card_json, (SELECT canonical_url FROM articles o WHERE o.id = a.duplicate_of), "
        "story_id FROM articles a")}
    by_id = {a["id"]: a for a in articles}
    card_of = {c["article_id"]: c["card_json"] for c in cards}
    for a in articles:
        card, dup, _ = ingested[a["canonical_url"]]
        assert json.loads(card_of[a["id"]]) == json.loads(card)
        assert dup == (by_id[a["duplicate_of"]]["canonical_url"] if a["duplicate_of"] else None)

    def groups(pairs):
        out: dict = {}
        for url, sid in pairs:
            out.setdefault(sid, set()).add(url)
        return sorted(sorted(g) for g in out.values())

    assert groups((url, v[2]) for url, v in ingested.items()) == groups(
        (a["canonical_url"], a["story_id"]) for a in articles)
    # a story card is the one ingest writes, but for its ids
    ingest_story = json.loads(con.execute("SELECT card_json FROM stories ORDER BY articles DESC, id LIMIT 1")
                              .fetchone()[0])
    batch_story = json.loads(max(stories, key=lambda s: (s["articles"], -s["story_id"]))["card_json"])
    for field in ("headline", "impact", "hype", "analysis", "summary", "key_points", "coverage"):
        assert batch_story[field] == ingest_story[field]


def test_same_bytes_with_two_workers(reference, tmp_path):
    out = tmp_path / "out"
    report = run_batch(BatchOptions([str(CORPUS)], out, engine="local", workers=2, shard_size=6))
    assert report.shards == 4 and report.articles == 22
    assert outputs(out) == outputs(reference)


def test_an_interrupted_run_resumes_and_ends_with_the_same_bytes(reference, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted):
        run_batch(BatchOptions([str(CORPUS)], out, workers=1, shard_size=6, interrupt_after_shards=2))
    assert len(list((out / "_work" / "shards").glob("shard-*.parquet"))) == 2
    assert not (out / "stories.parquet").exists()
    assert not list((out / "_work" / "shards").glob(".*tmp*"))  # nothing half-written
    report = run_batch(BatchOptions([str(CORPUS)], out, workers=1, shard_size=6))
    assert report.shards_reused == 2 and report.shards == 4
    assert outputs(out) == outputs(reference)
    again = run_batch(BatchOptions([str(CORPUS)], out, workers=1, shard_size=6))
    assert again.shards_reused == 4 and again.story_chunks_reused == 4  # 10 stories in chunks of 3
    assert outputs(out) == outputs(reference)


def test_a_run_killed_for_real_resumes(reference, tmp_path):
    """SIGKILL the command once the first shard is written; run it again; compare bytes."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    args = [sys.executable, "-m", "newsverdict", "batch", str(CORPUS), "--out", str(out), "-j", "1",
            "--shard-size", "6"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((out / "_work" / "shards").glob("shard-*.parquet")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    done = len(list((out / "_work" / "shards").glob("shard-*.parquet")))
    assert 1 <= done < 4
    finished = subprocess.run(args, capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert f"resumed: {done}/4 shard(s) already done" in finished.stderr.decode()
    assert outputs(out) == outputs(reference)


def _warc_record(record_type: str, url: str, date: str, block: bytes, content_type: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=len(block))}>\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def _http_response(body: bytes, content_type: str) -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def _page(item: dict) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in item["text"].split("\n\n") if p.strip())
    return (f"<!doctype html><html><head><title>{escape(item['title'])}</title>"
            f'<meta property="article:published_time" content="{item["published"]}">'
            f'<meta property="og:site_name" content="{escape(item["source"])}"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{escape(item['title'])}</h1>{paragraphs}"
            "</article><footer>Copyright</footer></body></html>").encode()


def test_warc_gz_and_parquet_inputs_in_a_directory(tmp_path):
    items = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    inputs = tmp_path / "in"
    (inputs / "crawl").mkdir(parents=True)
    records = [_warc_record("warcinfo", "", "2026-11-20T00:00:00Z", b"software: test\r\n", "application/warc-fields")]
    pages = [item for item in items if item.get("text")][:4]
    for item in pages:
        records.append(_warc_record("response", item["url"], "2026-11-20T12:00:00Z",
                                    _http_response(_page(item), "text/html; charset=utf-8"),
                                    "application/http; msgtype=response"))
    records.append(_warc_record("response", "https://img.example/a.png", "2026-11-20T12:00:00Z",
                                _http_response(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
                                "application/http; msgtype=response"))
    # a .warc.gz is a series of gzip members, one per record
    (inputs / "crawl" / "day.warc.gz").write_bytes(b"".join(gzip.compress(r) for r in records))
    pq.write_table(pa.Table.from_pylist(items[7:11]), inputs / "more.parquet")
    (inputs / "notes.txt").write_text("not an input")
    (inputs / "_old").mkdir()
    pq.write_table(pa.Table.from_pylist(items[:2]), inputs / "_old" / "x.parquet")  # hidden: not an input

    out = inputs / "out"  # inside the input: its own files are never read back
    report = run_batch(BatchOptions([str(inputs)], out, workers=1, shard_size=3))
    assert report.records == 9 and report.articles == 8 and report.errors == 1
    again = run_batch(BatchOptions([str(inputs)], out, workers=1, shard_size=3))
    assert again.records == 9 and again.shards_reused == again.shards
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    assert errors == [{"origin": "https://img.example/a.png",
                       "error": "https://img.example/a.png: not an HTML page (image/png)"}]
    articles = {a["url"]: a for a in pq.read_table(out / "articles.parquet").to_pylist()}
    first = articles[pages[0]["url"]]
    assert first["title"] == pages[0]["title"]
    assert first["source"] == pages[0]["source"]
    assert first["published"].startswith(pages[0]["published"][:10])  # the page's own date, not the fetch date
    assert "Home | World" not in first["text"]


def test_cli_batch_then_load_store_serves_stories_and_digest(reference, tmp_path, cli):
    out = tmp_path / "out"
    db = tmp_path / "batch.db"
    result = cli("batch", str(CORPUS), "--out", str(out), "-j", "1", "--shard-size", "6", "--load-store",
                 "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert b"22 article(s) carded" in result.stderr and b"loaded 22 article(s) and" in result.stderr
    assert outputs(out) == outputs(reference)
    stories = cli("stories", "--db", str(db))
    assert stories.returncode == 0 and b"Veloria" in stories.stdout
    digest = cli("digest", "--since", "all", "--db", str(db))
    assert digest.returncode == 0 and b"Veloria" in digest.stdout
    story = cli("story", "1", "--db", str(db))
    assert story.returncode == 0
    with Store(db) as store, pytest.raises(Exception, match="already holds articles"):
        load_into_store(out, store)


def test_bad_inputs_give_one_line_and_exit_2(tmp_path, cli):
    missing = cli("batch", str(tmp_path / "nope.warc.gz"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2
    assert missing.stderr.decode().strip().count("\n") == 0 and b"no such file" in missing.stderr
    (tmp_path / "a.txt").write_text("x")
    wrong = cli("batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"))
    assert wrong.returncode == 2 and b"not a batch input" in wrong.stderr
    # an --out of another batch is refused rather than mixed
    out = tmp_path / "o2"
    first = tmp_path / "one.jsonl"
    first.write_text(CORPUS.read_text().splitlines()[0] + "\n")
    assert cli("batch", str(first), "--out", str(out), "-j", "1").returncode == 0
    other = cli("batch", str(CORPUS), "--out", str(out), "-j", "1")
    assert other.returncode == 2 and b"holds a batch of other inputs" in other.stderr
    # a half-done batch of an older newsverdict is not resumed with other code
    manifest = json.loads((out / "_work" / "manifest.json").read_text())
    (out / "_work" / "manifest.json").write_text(json.dumps({**manifest, "newsverdict": "0.0.9+old"}))
    older = cli("batch", str(first), "--out", str(out), "-j", "1")
    assert older.returncode == 2 and b"another newsverdict (0.0.9+old)" in older.stderr
    ray_without = cli("batch", str(first), "--out", str(tmp_path / "o3"), "--address", "127.0.0.1:1")
    assert ray_without.returncode == 2 and b"--address needs --engine ray" in ray_without.stderr


def test_a_truncated_warc_keeps_what_it_holds_and_reports_the_rest(tmp_path):
    items = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    pages = [item for item in items if item.get("text")][:3]
    members = [gzip.compress(_warc_record("response", p["url"], "2026-11-20T12:00:00Z",
                                          _http_response(_page(p), "text/html"),
                                          "application/http; msgtype=response")) for p in pages]
    cut = len(members[0]) + len(members[1]) + len(members[2]) // 2
    (tmp_path / "cut.warc.gz").write_bytes(b"".join(members)[:cut])
    # the same cut in an uncompressed WARC
    plain = b"".join(gzip.decompress(m) for m in members)
    (tmp_path / "cut.warc").write_bytes(plain[: len(plain) - 400])
    for name in ("cut.warc.gz", "cut.warc"):
        report = run_batch(BatchOptions([str(tmp_path / name)], tmp_path / f"out-{name}", workers=1))
        assert report.articles == 2, name
        errors = pq.read_table(tmp_path / f"out-{name}" / "errors.parquet").to_pylist()
        assert report.errors == len(errors) == 1
        assert errors[0]["origin"] == pages[2]["url"]  # the cut page is reported, never carded from half its text
        assert "cut short" in errors[0]["error"] or "not an HTML page" in errors[0]["error"]


def test_the_digest_is_dated_by_its_newest_coverage_not_by_the_clock(reference, tmp_path, monkeypatch):
    import time

    monkeypatch.setattr(time, "time", lambda: 4_000_000_000.0)  # a run in 2096 writes the same digest
    out = tmp_path / "out"
    run_batch(BatchOptions([str(CORPUS)], out, workers=1, shard_size=6))
    assert outputs(out) == outputs(reference)
    assert "2096" not in (out / "digest.html").read_text() and "Nov 2026" in (out / "digest.html").read_text()


@pytest.fixture
def s3(monkeypatch):
    """A local S3-compatible server (moto's, from PyPI) on 127.0.0.1, and a bucket; yields the URI options.

    pyarrow's S3 filesystem is pointed at it with ``endpoint_override`` in the URI; credentials come from
    the environment, and the EC2 metadata lookup is off, so nothing leaves loopback.
    """
    server_module = pytest.importorskip("moto.server", reason="moto[server] (the dev extra) is not installed")
    from pyarrow import fs

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(key, raising=False)
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        assert host == "127.0.0.1"
        options = f"endpoint_override=127.0.0.1:{port}&scheme=http&region=us-east-1"
        s3fs = fs.S3FileSystem(endpoint_override=f"127.0.0.1:{port}", scheme="http", region="us-east-1",
                               allow_bucket_creation=True)
        s3fs.create_dir("day")
        yield s3fs, options
    finally:
        server.stop()


def test_inputs_and_output_on_object_storage_give_the_local_bytes(reference, tmp_path, s3, cli):
    """s3:// in and out (a local S3 server on loopback): the same tables as a local run; resumable there too."""
    from pyarrow import fs

    s3fs, options = s3
    with s3fs.open_output_stream("day/in/articles.jsonl") as stream:
        stream.write(CORPUS.read_bytes())
    out = f"s3://day/out?{options}"
    with pytest.raises(BatchInterrupted):
        run_batch(BatchOptions([f"s3://day/in/?{options}"], out, workers=1, shard_size=6, interrupt_after_shards=2))
    assert len([i for i in s3fs.get_file_info(fs.FileSelector("day/out/_work/shards"))
                if i.base_name.startswith("shard-")]) == 2
    report = run_batch(BatchOptions([f"s3://day/in/?{options}"], out, engine="local", workers=2, shard_size=6))
    assert report.shards_reused == 2 and report.articles == 22
    for name in OUTPUTS:
        if name == "articles.parquet":  # its 'origin' column names the input, here an s3:// URI
            continue
        with s3fs.open_input_stream(f"day/out/{name}") as stream:
            assert stream.read() == (reference / name).read_bytes(), name
    remote = pq.read_table("day/out/articles.parquet", filesystem=s3fs)
    assert remote.column("origin")[0].as_py().startswith("s3://day/in/articles.jsonl")
    local = pq.read_table(reference / "articles.parquet")
    assert remote.drop_columns(["origin"]).equals(local.drop_columns(["origin"]))
    # nothing half-written or temporary is left beside the outputs
    assert not [i.path for i in s3fs.get_file_info(fs.FileSelector("day/out", recursive=True)) if "tmp-" in i.path]
    # the command line takes the URIs too (--out goes through a Path there: 's3:/…' is read back as 's3://…')
    result = cli("batch", f"s3://day/in/articles.jsonl?{options}", "--out", f"s3://day/cli?{options}", "-j", "1",
                 "--shard-size", "6")
    assert result.returncode == 0, result.stderr
    with s3fs.open_input_stream("day/cli/stories.parquet") as stream:
        assert stream.read() == (reference / "stories.parquet").read_bytes()


def test_loaded_store_holds_what_replace_stories_writes(reference, tmp_path):
    """The streamed load (a row group at a time) gives the rows the one-dict ``replace_stories`` gave."""
    with Store(tmp_path / "streamed.db") as store:
        assert load_into_store(reference, store) == (22, pq.read_metadata(reference / "stories.parquet").num_rows)
    stories = pq.read_table(reference / "stories.parquet", columns=["story_id", "card_json"]).to_pylist()
    articles = pq.read_table(reference / "articles.parquet", columns=["id", "story_id"]).to_pylist()
    with Store(tmp_path / "whole.db") as store:
        rows = pq.read_table(reference / "articles.parquet").to_pylist()
        cards = pq.read_table(reference / "cards.parquet", columns=["card_json"])["card_json"].to_pylist()
        store.load_articles([[(*(r[c] for c in store.LOADED_COLUMNS), card)
                              for r, card in zip(rows, cards, strict=True)]], "t")
        store.replace_stories({a["id"]: a["story_id"] for a in articles},
                              {s["story_id"]: json.loads(s["card_json"]) for s in stories}, "t")

    def content(db: Path) -> list:
        with sqlite3.connect(db) as conn:
            return [conn.execute("SELECT id, headline, first_ts, last_ts, impact, hype, articles, outlets, card_json "
                                 "FROM stories ORDER BY id").fetchall(),
                    conn.execute("SELECT id, story_id, card_json FROM articles ORDER BY id").fetchall()]

    streamed, whole = content(tmp_path / "streamed.db"), content(tmp_path / "whole.db")
    assert streamed == whole and len(streamed[0]) > 1 and all(sid for _, sid, _ in streamed[1])
