#!/usr/bin/env bash
# Starts N Blossom nodes on this machine as one Hazelcast cluster sharing one Redis:
#   infra/local-cluster.sh [N]     (default 3; stop with Ctrl-C)
# Node i serves HTTP on 8080+i, RTMP on 1935+i and joins Hazelcast on 5701+i.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-3}"
jar="$here/app/target/blossom.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -DskipTests -pl app -am package)

redis_port=6390
redis_dir="$here/data/cluster-redis"
mkdir -p "$redis_dir"
redis_bin="$(command -v redis-server || true)"
if [ -z "$redis_bin" ]; then
  echo "local-cluster needs redis-server on PATH (apt-get install -y redis-server) or REDIS_URL set" >&2
  [ -n "${REDIS_URL:-}" ] || exit 1
fi
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
if [ -z "${REDIS_URL:-}" ]; then
  "$redis_bin" --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --appendonly yes \
    --appendfsync always --save "" > "$redis_dir/redis.log" 2>&1 &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:$redis_port"
fi
members=""
for i in $(seq 0 $((n - 1))); do members="$members${members:+,}127.0.0.1:$((5701 + i))"; done
for i in $(seq 0 $((n - 1))); do
  BLOSSOM_HTTP_PORT=$((8080 + i)) BLOSSOM_EDGE_RTMP_PORT=$((1935 + i)) BLOSSOM_CLUSTER_PORT=$((5701 + i)) \
  BLOSSOM_DATA_DIR="$here/data/node-$i" BLOSSOM_JWT_SECRET="${BLOSSOM_JWT_SECRET:-local-cluster-secret-change-me-0123456789}" \
    java -Xmx1g -jar "$jar" serve --cluster "$members" > "$here/data/node-$i.log" 2>&1 &
  pids+=($!)
  echo "node $i: http://127.0.0.1:$((8080 + i))/  rtmp://127.0.0.1:$((1935 + i))/live  log data/node-$i.log"
done
wait
