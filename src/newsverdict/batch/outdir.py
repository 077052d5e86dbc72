"""The batch's output directory: a local folder or an object-storage prefix (``s3://…``, ``gs://…``).

Every file is written beside its name and moved into place, so a file under its
final name is always whole and a killed run leaves nothing half-written for the
resume to trust. On a local disk the move is a rename; on object storage
(pyarrow's ``S3FileSystem``, ``GcsFileSystem``) it is a server-side copy then a
delete, and the copy publishes the object whole or not at all.

Scratch files the driver spills while it folds and clusters (an SQLite file)
need a local disk: ``_work/spill/`` for a local output, the temp directory
(``TMPDIR``) for a remote one. They are rebuilt by every run.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: ``s3:/bucket/x``: a URI that went through ``pathlib.Path`` (which folds '//') — restored to ``s3://``.
_FOLDED_URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):/(?!/)")


def normalise_uri(spec: str | Path) -> str:
    text = str(spec)
    if "://" not in text and _FOLDED_URI.match(text) and not os.path.exists(text):
        text = _FOLDED_URI.sub(r"\1://", text, count=1)
    return text


def is_remote(spec: str | Path) -> bool:
    text = normalise_uri(spec)
    return "://" in text and not text.startswith("file://")


class OutDir:
    def __init__(self, spec: str | Path):
        from pyarrow import fs

        self.spec = normalise_uri(spec).rstrip("/")
        if "://" in self.spec:
            self.fs, root = fs.FileSystem.from_uri(self.spec)
        else:
            self.fs, root = fs.LocalFileSystem(), os.path.abspath(self.spec)
        self.root = root.rstrip("/")
        self.remote = not isinstance(self.fs, fs.LocalFileSystem)
        self._scratch: str | None = None

    def __str__(self) -> str:
        return self.spec

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def display(self, *parts: str) -> str:
        base = self.spec.split("?", 1)[0]
        return "/".join([base, *parts])

    def makedirs(self, *parts: str) -> None:
        self.fs.create_dir(self.path(*parts), recursive=True)

    def exists(self, *parts: str) -> bool:
        from pyarrow import fs

        return self.fs.get_file_info(self.path(*parts)).type != fs.FileType.NotFound

    def names(self, *parts: str) -> set[str]:
        """The file names in a folder (one listing: on object storage one request, not one per file)."""
        from pyarrow import fs

        folder = self.path(*parts)
        if self.fs.get_file_info(folder).type == fs.FileType.NotFound:
            return set()
        return {info.base_name for info in self.fs.get_file_info(fs.FileSelector(folder, allow_not_found=True))
                if info.type == fs.FileType.File}

    def read_text(self, *parts: str) -> str:
        with self.fs.open_input_stream(self.path(*parts)) as stream:
            return stream.read().decode("utf-8")

    def _tmp(self, final: str) -> str:
        head, _, name = final.rpartition("/")
        return f"{head}/.{name}.tmp-{os.getpid()}"

    def write_atomic(self, parts: tuple[str, ...], write: Callable[[str], None]) -> None:
        """``write(tmp_path)`` (a path on this filesystem), then move it into place."""
        final = self.path(*parts)
        tmp = self._tmp(final)
        try:
            write(tmp)
            self.fs.move(tmp, final)
        finally:
            self._discard(tmp)

    def _discard(self, path: str) -> None:
        from pyarrow import fs

        if self.fs.get_file_info(path).type == fs.FileType.File:
            self.fs.delete_file(path)

    def write_text(self, parts: tuple[str, ...], text: str) -> None:
        def write(tmp: str) -> None:
            with self.fs.open_output_stream(tmp) as stream:
                stream.write(text.encode("utf-8"))

        self.write_atomic(parts, write)

    def write_parquet(self, parts: tuple[str, ...], table) -> None:
        import pyarrow.parquet as pq

        self.write_atomic(parts, lambda tmp: pq.write_table(table, tmp, filesystem=self.fs, compression="zstd"))

    @contextmanager
    def parquet_writers(self, specs: list[tuple[str, object]]) -> Iterator[list]:
        """Parquet writers for several files written together: all are moved into place, or none."""
        import pyarrow.parquet as pq

        finals = [self.path(name) for name, _ in specs]
        tmps = [self._tmp(final) for final in finals]
        writers: list = []
        try:
            for tmp, (_, schema) in zip(tmps, specs, strict=True):
                writers.append(pq.ParquetWriter(tmp, schema, filesystem=self.fs, compression="zstd"))
            yield writers
            for writer in writers:
                writer.close()
            for tmp, final in zip(tmps, finals, strict=True):
                self.fs.move(tmp, final)
        finally:
            for writer in writers:
                if writer.is_open:
                    writer.close()
            for tmp in tmps:
                self._discard(tmp)

    def read_table(self, parts: tuple[str, ...], columns: list[str] | None = None):
        import pyarrow.parquet as pq

        return pq.read_table(self.path(*parts), columns=columns, filesystem=self.fs)

    def scratch(self) -> Path:
        """A local folder for the driver's spill files (created empty)."""
        if self._scratch is None:
            if self.remote:
                self._scratch = tempfile.mkdtemp(prefix="newsverdict-batch-")
            else:
                self._scratch = self.path("_work", "spill")
                shutil.rmtree(self._scratch, ignore_errors=True)
                os.makedirs(self._scratch)
        return Path(self._scratch)

    def drop_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
