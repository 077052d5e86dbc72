"""`newsverdict batch --engine ray` on a local Ray and on a REAL two-node Ray cluster, all on loopback.

The cluster runs in a network namespace that has only ``lo`` (``unshare --net``), because Ray
advertises the machine's network interface even when given ``--node-ip-address=127.0.0.1``:
nothing here can send a packet to any address but 127.0.0.1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

pytest.importorskip("pyarrow", reason="the batch extra (pyarrow) is not installed")
pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'newsverdict[ray]')")

CORPUS = EXAMPLES / "corpus" / "articles.jsonl"
#: Own network namespace (only loopback) and own PID namespace: `ray stop --force` then sees, and
#: stops, only this test's Ray processes (never another Ray on the machine), and whatever is left
#: when the script ends dies with its namespace.
UNSHARE = ["unshare", "--net", "--pid", "--fork", "--mount-proc"]
OUTPUTS = ("articles.parquet", "cards.parquet", "stories.parquet", "errors.parquet", "digest.md", "digest.html")


def _can_unshare() -> str | None:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "unshare or ip (util-linux, iproute2) is not installed"
    probe = subprocess.run([*UNSHARE, "ip", "link", "set", "lo", "up"], capture_output=True, timeout=20)
    if probe.returncode != 0:
        return f"cannot make a loopback-only network namespace (unshare needs root): {probe.stderr.decode()[:200]}"
    return None


@pytest.mark.ray
def test_ray_engine_local_and_on_a_two_node_cluster_give_the_local_engines_bytes(tmp_path):
    reason = _can_unshare()
    if reason:
        pytest.skip(reason)
    from newsverdict.batch import BatchOptions, run_batch

    local = tmp_path / "local"
    run_batch(BatchOptions([str(CORPUS)], local, engine="local", workers=2, shard_size=6))
    bin_dir = Path(sys.executable).parent
    # Ray's socket paths must stay short: a temp dir of its own under /tmp
    ray_tmp = Path(tempfile.mkdtemp(prefix="nvray", dir="/tmp"))
    try:
        result = subprocess.run(
            [*UNSHARE, "sh", str(ROOT / "tests" / "ray_cluster_batch.sh"), str(bin_dir), str(ray_tmp),
             str(tmp_path / "ray_local"), str(tmp_path / "ray_cluster"), str(CORPUS)],
            capture_output=True, timeout=300, cwd=ROOT)
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
    log = (result.stdout + result.stderr).decode(errors="replace")
    if result.returncode == 77:
        pytest.skip(f"Ray cannot start here: {log[-600:]}")
    assert result.returncode == 0, log[-3000:]
    assert "nodes: ['127.0.0.1', '127.0.0.1']" in log
    assert "tasks ran on 2 Ray node(s)" in log  # the second node did work, not just the head
    for name in OUTPUTS:
        assert (tmp_path / "ray_local" / name).read_bytes() == (local / name).read_bytes(), name
        assert (tmp_path / "ray_cluster" / name).read_bytes() == (local / name).read_bytes(), name
