#!/bin/sh
# Run a batch on a real two-node Ray cluster, all of it on loopback.
# Called by tests/test_batch_ray.py as:  unshare -n sh tests/ray_cluster_batch.sh BIN_DIR TEMP_DIR OUT INPUT...
# Inside a fresh network namespace only `lo` exists, so Ray (which advertises the machine's network
# interface even when told --node-ip-address=127.0.0.1) can reach nothing but 127.0.0.1.
set -eu
BIN=$1; TEMP=$2; OUT=$3; shift 3
export RAY_USAGE_STATS_ENABLED=0 RAY_DISABLE_DOCKER_CPU_WARNING=1 PATH="$BIN:$PATH"
PORT=6390
ip link set lo up
cleanup() { "$BIN/ray" stop --force >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$BIN/ray" start --head --node-ip-address=127.0.0.1 --port=$PORT --num-cpus=1 --include-dashboard=false \
    --temp-dir="$TEMP" --disable-usage-stats >"$TEMP/head.log" 2>&1
"$BIN/ray" start --address=127.0.0.1:$PORT --node-ip-address=127.0.0.1 --num-cpus=1 \
    --disable-usage-stats >"$TEMP/worker.log" 2>&1
# both nodes must be up and on 127.0.0.1 before the job is sent
"$BIN/python" - "$PORT" <<'EOF'
import sys, time
import ray
ray.init(address=f"127.0.0.1:{sys.argv[1]}", log_to_driver=False, configure_logging=False)
for _ in range(60):
    nodes = [n for n in ray.nodes() if n["Alive"]]
    if len(nodes) == 2:
        break
    time.sleep(0.5)
print("nodes:", sorted(n["NodeManagerAddress"] for n in nodes))
assert len(nodes) == 2 and all(n["NodeManagerAddress"] == "127.0.0.1" for n in nodes), nodes
ray.shutdown()
EOF
"$BIN/newsverdict" batch "$@" --out "$OUT" --engine ray --address 127.0.0.1:$PORT --workers 2 --shard-size 6
