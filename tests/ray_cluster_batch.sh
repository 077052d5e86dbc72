#!/bin/sh
# Run a batch on Ray, all of it on loopback: first on a local Ray that the command starts itself
# (one worker), then on a real two-node cluster (`ray start --head` plus a second `ray start
# --address`, two workers). Called by tests/test_batch_ray.py as
#   unshare --net --pid --fork --mount-proc sh tests/ray_cluster_batch.sh BIN_DIR TEMP_DIR OUT_LOCAL_RAY OUT_CLUSTER INPUT...
# Inside a fresh network namespace only `lo` exists, so Ray (which advertises the machine's network
# interface even when told --node-ip-address=127.0.0.1) can reach nothing but 127.0.0.1. In its own
# PID namespace `ray stop --force` (which kills every Ray process it can see) stops only this cluster.
# Exit code 77: Ray could not start (the test skips with the log); anything else non-zero: a failure.
set -u
BIN=$1; TEMP=$2; OUT_LOCAL=$3; OUT_CLUSTER=$4; shift 4
# HOME: Ray keeps state (an auth token) under ~/.ray; keep it in the temp dir, off the real home.
# Token auth is off: nothing outside this loopback-only namespace can reach the cluster.
export HOME="$TEMP" RAY_AUTH_MODE=disabled RAY_USAGE_STATS_ENABLED=0 RAY_DISABLE_DOCKER_CPU_WARNING=1 RAY_worker_niceness=0 \
    PATH="$BIN:$PATH"
unset RAY_ADDRESS
PORT=6390
ip link set lo up || exit 77
cleanup() { "$BIN/ray" stop --force >/dev/null 2>&1 || true; }
trap cleanup EXIT

"$BIN/newsverdict" batch "$@" --out "$OUT_LOCAL" --engine ray --workers 1 --shard-size 6 || exit 1

"$BIN/ray" start --head --node-ip-address=127.0.0.1 --port=$PORT --num-cpus=1 --include-dashboard=false \
    --temp-dir="$TEMP" --disable-usage-stats >"$TEMP/head.log" 2>&1 || { cat "$TEMP/head.log"; exit 77; }
"$BIN/ray" start --address=127.0.0.1:$PORT --node-ip-address=127.0.0.1 --num-cpus=1 \
    --disable-usage-stats >"$TEMP/worker.log" 2>&1 || { cat "$TEMP/worker.log"; exit 77; }
# both nodes must be up, on 127.0.0.1, before the job is sent
"$BIN/python" - "$PORT" <<'PY' || exit 77
import sys, time
import ray
ray.init(address=f"127.0.0.1:{sys.argv[1]}", log_to_driver=False, configure_logging=False)
for _ in range(120):
    nodes = [n for n in ray.nodes() if n["Alive"]]
    if len(nodes) == 2:
        break
    time.sleep(0.5)
print("nodes:", sorted(n["NodeManagerAddress"] for n in nodes))
assert len(nodes) == 2 and all(n["NodeManagerAddress"] == "127.0.0.1" for n in nodes), nodes
ray.shutdown()
PY
"$BIN/newsverdict" batch "$@" --out "$OUT_CLUSTER" --engine ray --address 127.0.0.1:$PORT --workers 2 \
    --shard-size 6 || exit 1
