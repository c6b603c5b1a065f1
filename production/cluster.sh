#!/usr/bin/env bash
# Two Keycloak nodes of school-esia on one PostgreSQL, on loopback: Keycloak's own clustering (embedded
# Infinispan; the nodes find each other through JDBC_PING in the shared database, `cache-stack` jdbc-ping,
# Keycloak 26's default). Each node is production/run.sh (the same production/keycloak.conf, the same
# optimised build: node B copies node A's) with its own HTTP, management and cluster ports. The script
# returns to waiting once both nodes report the two-member cluster view, and prints where they are.
# What ClusterIT starts; on real machines each node runs production/run.sh with the same options.
#
#   production/cluster.sh [extra kc.sh start options for both nodes…]
#
# Environment (defaults in brackets); everything production/run.sh reads applies to both nodes, and:
#   SCHOOL_CLUSTER_DIR     work folder: node-a/, node-b/ (each a SCHOOL_PROD_DIR), postgres/ [.cluster]
#   NODE_A_HTTP_PORT, NODE_A_MANAGEMENT_PORT, NODE_A_CLUSTER_PORT   node A's ports [8080, 9000, 7800]
#   NODE_B_HTTP_PORT, NODE_B_MANAGEMENT_PORT, NODE_B_CLUSTER_PORT   node B's ports [8081, 9001, 7801]
#   KC_HOSTNAME            the load balancer's URL, the same for both nodes [each node its own http://127.0.0.1:PORT]
#   KC_DB_URL …            the shared database; without it a PostgreSQL of its own runs under
#                          SCHOOL_CLUSTER_DIR/postgres on 127.0.0.1:PG_PORT [5433] (production/local-postgres.sh)
#   SCHOOL_PROD_REALM      node A imports the production template at the first start (as run.sh); node B never imports
#   SCHOOL_CLUSTER_START_SECONDS   how long to wait for both nodes and the cluster view [900]
# The cluster ports bind 127.0.0.1 (KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS); JGroups' failure detection
# (FD_SOCK2) listens on each cluster port + 100. Ctrl-C (or SIGTERM) stops both nodes, then the local PostgreSQL.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DIR=${SCHOOL_CLUSTER_DIR:-$ROOT/.cluster}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

if [ "${SCHOOL_PROD_MAVEN:-1}" = 1 ]; then
  echo "Building the providers and the distribution (./mvnw install)…"
  ./mvnw -B -q -DskipTests install
fi
export SCHOOL_PROD_MAVEN=0

# One database for both nodes: started here, so each node's run.sh finds KC_DB_URL set.
. production/local-db.sh
local_db "$DIR/postgres"
export KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS=${KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS:-127.0.0.1}

declare -A pid
stop() {
  trap - INT TERM EXIT
  for node in a b; do
    if [ -n "${pid[$node]:-}" ] && kill -0 "${pid[$node]}" 2>/dev/null; then
      kill -TERM "${pid[$node]}" 2>/dev/null || true
    fi
  done
  for node in a b; do
    [ -n "${pid[$node]:-}" ] && { wait "${pid[$node]}" 2>/dev/null || true; }
  done
  if [ "$pg_local" = 1 ]; then
    production/local-postgres.sh stop "$DIR/postgres"
  fi
}
trap stop INT TERM EXIT

# start_node NAME HTTP MANAGEMENT CLUSTER [run.sh environment…]: production/run.sh in the background, output in NAME/run.log.
start_node() {
  local node=$1 http=$2 management=$3 cluster=$4
  shift 4
  mkdir -p "$DIR/node-$node"
  env SCHOOL_PROD_DIR="$DIR/node-$node" KC_HTTP_PORT="$http" KC_HTTP_MANAGEMENT_PORT="$management" \
    KC_CACHE_EMBEDDED_NETWORK_BIND_PORT="$cluster" KC_HOSTNAME="${KC_HOSTNAME:-http://127.0.0.1:$http}" "$@" \
    production/run.sh "${extra[@]}" > "$DIR/node-$node/run.log" 2>&1 &
  pid[$node]=$!
}

# await NAME WHAT COMMAND…: until COMMAND succeeds; fails when the node's run.sh ended or time is up.
deadline=$((SECONDS + ${SCHOOL_CLUSTER_START_SECONDS:-900}))
await() {
  local node=$1 what=$2
  shift 2
  until "$@"; do
    if ! kill -0 "${pid[$node]}" 2>/dev/null; then
      echo "Node $node stopped before $what; see $DIR/node-$node/run.log and keycloak.log" >&2
      tail -n 40 "$DIR/node-$node/run.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Node $node: no $what within ${SCHOOL_CLUSTER_START_SECONDS:-900} s" >&2
      exit 1
    fi
    sleep 1
  done
}
ready() { curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; }
# Infinispan logs each view it receives: «ISPN000094: Received new cluster view for channel ISPN: [a|1] (2) [a, b]».
two_members() { grep -Eq 'ISPN00009[34]: .*\(2\)' "$DIR/node-$1/keycloak.log" 2>/dev/null; }
optimised() { grep -q '^Starting Keycloak' "$DIR/node-$1/run.log" 2>/dev/null; }

extra=("$@")
a_http=${NODE_A_HTTP_PORT:-8080}; a_management=${NODE_A_MANAGEMENT_PORT:-9000}; a_cluster=${NODE_A_CLUSTER_PORT:-7800}
b_http=${NODE_B_HTTP_PORT:-8081}; b_management=${NODE_B_MANAGEMENT_PORT:-9001}; b_cluster=${NODE_B_CLUSTER_PORT:-7801}

# A first: it builds (or reuses its build) and creates or migrates the schema; B copies A's build and joins.
start_node a "$a_http" "$a_management" "$a_cluster"
await a "optimised build" optimised a
start_node b "$b_http" "$b_management" "$b_cluster" SCHOOL_PROD_REALM=none SCHOOL_PROD_OPTIMISED="$DIR/node-a/keycloak"
await a "readiness" ready "$a_management"
await b "readiness" ready "$b_management"
await a "two-member cluster view" two_members a
await b "two-member cluster view" two_members b

echo "Cluster of two nodes on ${KC_DB_URL}:"
echo "  node A: http://127.0.0.1:$a_http (pid ${pid[a]}), management http://127.0.0.1:$a_management, cluster 127.0.0.1:$a_cluster, log $DIR/node-a/keycloak.log"
echo "  node B: http://127.0.0.1:$b_http (pid ${pid[b]}), management http://127.0.0.1:$b_management, cluster 127.0.0.1:$b_cluster, log $DIR/node-b/keycloak.log"
echo "Cluster ready."

# Until stopped; a node that dies (e.g. killed) leaves the other running.
wait
