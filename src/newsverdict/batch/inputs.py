"""Batch inputs: find the input files, cut them into shards, read a shard's items.

Inputs are WARC files of fetched pages (``.warc``, ``.warc.gz``), JSONL corpora
(the lines ``ingest`` reads) and Parquet files with the same columns, or
directories of them (walked recursively, sorted). Paths may be local or any URI
pyarrow's filesystems open (``s3://bucket/day/``, ``gs://…``, ``hdfs://…``), so
the workers of a cluster read their shards straight from object storage.

A shard is a range of records of one file. Shards are planned once, from the
record counts, so the same input always gives the same shards whatever the
engine and the number of workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from newsverdict.errors import InputError
from newsverdict.sources.corpus import MAX_ITEM_CHARS, RawItem

WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl",)
PARQUET_SUFFIXES = (".parquet",)
CORPUS_COLUMNS = ("url", "source", "title", "published", "text", "html")


@dataclass(frozen=True)
class InputFile:
    uri: str
    kind: str  # "warc" | "jsonl" | "parquet"
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Shard:
    index: int
    uri: str
    kind: str
    start: int
    stop: int

    @property
    def label(self) -> str:
        return f"{self.uri}[{self.start}:{self.stop}]"


@dataclass(frozen=True)
class Item:
    """One input record: the item ingest would read, and a fallback date (the WARC fetch date)."""

    rec: int
    item: RawItem | None
    fallback_date: str = ""
    error: str = ""


def _filesystem(uri: str):
    from pyarrow import fs

    from newsverdict.batch.outdir import normalise_uri

    uri = normalise_uri(uri)
    if "://" in uri:
        return fs.FileSystem.from_uri(uri)
    return fs.LocalFileSystem(), uri


def _kind(path: str) -> str | None:
    low = path.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def _uri(spec: str, path: str) -> str:
    """The URI of a path found under ``spec``: keeps the scheme of object-storage inputs and their options
    (``?endpoint_override=…&region=…``), so that a worker opens the file as the driver did."""
    if "://" in spec:
        scheme = spec.split("://", 1)[0]
        query = spec.split("?", 1)[1] if "?" in spec else ""
        return f"{scheme}://{path}" + (f"?{query}" if query else "")
    return path


def _hidden(relative: str) -> bool:
    """Files under a directory whose name starts with '.' or '_' are not inputs (as in Spark/Hadoop)."""
    return any(part.startswith((".", "_")) for part in relative.strip("/").split("/"))


def _inside(path: str, filesystem, folders: list[tuple[str, str]]) -> bool:
    """Whether ``path`` (on ``filesystem``) lies under one of ``folders`` ((filesystem type name, path))."""
    import os

    kind = filesystem.type_name
    path = os.path.abspath(path) if kind == "local" else path
    return any(kind == fkind and (path == folder or path.startswith(folder.rstrip("/") + "/"))
               for fkind, folder in folders)


def _where(spec: str) -> tuple[str, str]:
    import os

    filesystem, path = _filesystem(spec)
    return filesystem.type_name, os.path.abspath(path) if filesystem.type_name == "local" else path.rstrip("/")


def list_inputs(specs: list[str], exclude: list[str] | None = None) -> list[InputFile]:
    """Every input file named or found under the given paths, in a stable order.

    Directories are walked recursively, leaving out hidden files ('.', '_' names) and
    anything under ``exclude`` (the batch's own output directory).
    """
    from pyarrow import fs

    from newsverdict.batch.outdir import normalise_uri

    excluded = [_where(normalise_uri(e)) for e in exclude or []]
    found: list[InputFile] = []
    for spec in map(normalise_uri, specs):
        filesystem, path = _filesystem(spec)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.NotFound:
            raise InputError(f"{spec}: no such file or directory")
        if info.type == fs.FileType.Directory:
            infos = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
            files = sorted((i for i in infos if i.type == fs.FileType.File and _kind(i.path)
                            and not _hidden(i.path[len(path):]) and not _inside(i.path, filesystem, excluded)),
                           key=lambda i: i.path)
            if not files:
                raise InputError(f"{spec}: directory holds no .warc, .warc.gz, .jsonl or .parquet files")
        else:
            if not _kind(info.path):
                raise InputError(f"{spec}: not a batch input (.warc, .warc.gz, .jsonl, .parquet, or a directory)")
            files = [info]
        for i in files:
            found.append(InputFile(_uri(spec, i.path), _kind(i.path) or "", int(i.size or 0), int(i.mtime_ns or 0)))
    seen: set[str] = set()
    return [f for f in found if not (f.uri in seen or seen.add(f.uri))]


def count_records(file: InputFile) -> int:
    """Records in a file: WARC responses, JSONL lines, Parquet rows."""
    filesystem, path = _filesystem(file.uri)
    if file.kind == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path, filesystem=filesystem).metadata.num_rows
    if file.kind == "warc":
        n = 0
        with _warc_source(filesystem, path) as source:
            try:
                for _ in _warc_responses(source, parse=False):
                    n += 1
            except Exception:  # truncated or corrupt: the shard that reaches this record reports it
                n += 1
        return n
    with filesystem.open_input_stream(path) as stream:
        return sum(1 for _ in _lines(stream))


def plan_shards(files: list[InputFile], counts: list[int], shard_size: int) -> list[Shard]:
    shards: list[Shard] = []
    for file, n in zip(files, counts, strict=True):
        for start in range(0, n, shard_size):
            shards.append(Shard(len(shards), file.uri, file.kind, start, min(n, start + shard_size)))
    return shards


def read_shard(shard: Shard) -> Iterator[Item]:
    filesystem, path = _filesystem(shard.uri)
    if shard.kind == "parquet":
        yield from _parquet_items(shard, filesystem, path)
        return
    if shard.kind == "warc":
        with _warc_source(filesystem, path) as source:
            for n, record in enumerate(_warc_responses(source, parse=True)):
                if n >= shard.stop:
                    break
                if n >= shard.start:
                    yield _warc_item(n - shard.start, f"{shard.uri}#{n}", record)
        return
    with filesystem.open_input_stream(path) as stream:
        for n, raw in enumerate(_lines(stream)):
            if n >= shard.stop:
                break
            if n >= shard.start:
                yield _jsonl_item(n - shard.start, f"{shard.uri}:{n + 1}", raw)


def _lines(stream) -> Iterator[bytes]:
    buffer = b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        yield from lines
    if buffer:
        yield buffer


def _jsonl_item(rec: int, origin: str, raw: bytes) -> Item:
    if not raw.strip():
        return Item(rec, None, error="")  # blank line: nothing to read, nothing to report
    if len(raw) > MAX_ITEM_CHARS * 4:
        return Item(rec, None, error=f"{origin}: item is over the size cap")
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Item(rec, None, error=f"{origin}: not valid JSON ({getattr(exc, 'msg', exc)})")
    if not isinstance(obj, dict):
        return Item(rec, None, error=f"{origin}: expected a JSON object per line")
    return Item(rec, _raw_item(origin, obj))


def _raw_item(origin: str, obj: dict) -> RawItem:
    return RawItem(origin=origin, **{k: str(obj.get(k) or "") for k in CORPUS_COLUMNS})


def _parquet_items(shard: Shard, filesystem, path: str) -> Iterator[Item]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path, filesystem=filesystem)
    columns = [c for c in CORPUS_COLUMNS if c in pf.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        yield Item(0, None, error=f"{shard.uri}: Parquet input needs a 'text' or an 'html' column")
        return
    # read only the row groups that hold the shard's rows
    first_row, groups = 0, []
    for g in range(pf.num_row_groups):
        rows = pf.metadata.row_group(g).num_rows
        if first_row < shard.stop and first_row + rows > shard.start:
            groups.append((g, first_row))
        first_row += rows
    if not groups:
        return
    table = pf.read_row_groups([g for g, _ in groups], columns=columns)
    offset = shard.start - groups[0][1]
    for i, row in enumerate(table.slice(offset, shard.stop - shard.start).to_pylist()):
        yield Item(i, _raw_item(f"{shard.uri}:{shard.start + i + 1}", row))


# --- WARC ------------------------------------------------------------------------

#: The WARC reader: fastwarc (Rust; 2.4x faster than warcio reading the 10k bench corpus, docs/batch.md).
WARC_READER = "fastwarc"


@dataclass(frozen=True)
class WarcResponse:
    url: str
    date: str
    content_type: str
    body: bytes
    #: the record ends before its declared length (a cut file)
    truncated: bool = False


def _warc_source(filesystem, path: str):
    """A seekable file of the raw (still compressed) WARC: the reader detects gzip itself."""
    from pyarrow import fs

    if isinstance(filesystem, fs.LocalFileSystem):
        return open(path, "rb")
    return filesystem.open_input_file(path)


def _warc_responses(stream, *, parse: bool, reader: str | None = None) -> Iterator[WarcResponse | None]:
    """The response records of a WARC stream (gzip or not); None for each when ``parse`` is False."""
    if (reader or WARC_READER) == "fastwarc":
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=parse,
                                      fsspec_args=False):
            if not parse:
                yield None
                continue
            body = record.reader.read()
            yield WarcResponse(record.headers.get("WARC-Target-URI", ""), record.headers.get("WARC-Date", ""),
                               record.http_content_type or "", body, len(body) < record.content_length)
    else:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        for record in WarcioIterator(stream):
            if record.rec_type != "response":
                continue
            if not parse:
                yield None
                continue
            yield WarcResponse(record.rec_headers.get_header("WARC-Target-URI") or "",
                               record.rec_headers.get_header("WARC-Date") or "",
                               (record.http_headers.get_header("Content-Type") if record.http_headers else "") or "",
                               record.content_stream().read())


def _warc_item(rec: int, origin: str, response: WarcResponse | None) -> Item:
    from newsverdict.sources.extract import MAX_INPUT_BYTES, decode, looks_like_html

    assert response is not None
    label = response.url or origin
    if response.truncated:
        return Item(rec, None, error=f"{label}: the WARC record is cut short (truncated file)")
    if len(response.body) > MAX_INPUT_BYTES:
        return Item(rec, None, error=f"{label}: page is over the {MAX_INPUT_BYTES // (1024 * 1024)} MiB cap")
    if not looks_like_html(response.body, response.content_type):
        return Item(rec, None, error=f"{label}: not an HTML page ({response.content_type or 'no content type'})")
    try:
        html = decode(response.body, label)
    except InputError as exc:
        return Item(rec, None, error=str(exc))
    return Item(rec, RawItem(origin=label, url=response.url, html=html), fallback_date=response.date)
