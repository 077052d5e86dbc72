"""The real entry point, in a fresh process: what the in-process ``cli`` fixture cannot prove.

Everything else about the command line is tested in-process (tests/conftest.py, ``cli``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import POLICY


def _newsverdict(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsverdict", *args], input=stdin, capture_output=True, timeout=120)


def test_python_dash_m_help_lists_the_commands():
    result = _newsverdict("--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for command in ("analyze", "ingest", "digest", "serve", "batch"):
        assert command in out


def test_the_installed_script_and_bad_input_give_one_line_and_exit_2(tmp_path: Path):
    script = Path(sys.executable).with_name("newsverdict")
    result = subprocess.run([str(script), "analyze", str(tmp_path / "nope.txt")], capture_output=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.startswith("newsverdict: error:") and "no such file" in err and len(err.splitlines()) == 1


def test_a_pipe_in_and_a_reader_that_stops_early(tmp_path: Path):
    result = _newsverdict("analyze", "-", "-f", "json", stdin=POLICY.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["headline"].startswith("Parliament approves")
    # `newsverdict analyze DIR -f jsonl | head -c 1`: about 160 kB of cards, more than a pipe holds, so the
    # command is still writing when the reader goes away; that is success, without a traceback
    for n in range(8):
        (tmp_path / f"{n}.txt").write_text(POLICY)
    proc = subprocess.Popen([sys.executable, "-m", "newsverdict", "analyze", "-f", "jsonl", "-j", "1", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(1) == b"{"
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err
