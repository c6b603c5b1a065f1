#!/usr/bin/env bash
# Runs school-esia as production runs it: Keycloak optimised by `kc.sh build` with our providers and
# production/keycloak.conf (the options docker/Dockerfile bakes in too), then `kc.sh start --optimized`
# on PostgreSQL, importing the production realm template realm-config/production/school-realm.json.
# ./run.sh (start-dev, H2, demo realm, emulator) stays the way to try the product; this is the way to
# run it, and what ProductionPathIT and the benchmark's production mode start.
#
#   production/run.sh [extra kc.sh start options…]
#
# Environment (defaults in brackets):
#   SCHOOL_PROD_DIR        work folder: the optimised copy of Keycloak, the vault, the local database [.production]
#   SCHOOL_PROD_MAVEN      1: build the providers and the distribution first (./mvnw install); 0: use what is built [1]
#   KC_DIST                the distribution to copy (stock Keycloak + our jars) [server/target/keycloak-26.7.4]
#   SCHOOL_PROD_OPTIMISED  another node's optimised copy (SCHOOL_PROD_DIR/keycloak) to take when it matches, instead of building
#   SCHOOL_PROD_REALM      production: import the production template (first start only); none: import nothing [production]
#   KC_DB_URL, KC_DB_USERNAME, KC_DB_PASSWORD
#                          the database; without KC_DB_URL a PostgreSQL cluster of its own runs under
#                          SCHOOL_PROD_DIR/postgres on 127.0.0.1:PG_PORT [5433] (production/local-postgres.sh;
#                          installs Debian's postgresql with apt-get when missing), user/password keycloak
#   KC_HOSTNAME            the public URL behind the TLS proxy, e.g. https://login.school.example [http://localhost:KC_HTTP_PORT]
#   KC_HTTP_HOST, KC_HTTP_PORT, KC_HTTP_MANAGEMENT_PORT   where Keycloak listens [127.0.0.1, 8080, 9000]
#   KC_VAULT_DIR           Keycloak's file vault [SCHOOL_PROD_DIR/vault]: school_esia-signer-authorization holds the
#                          signing service's Authorization header (the template reads ${vault.esia-signer-authorization})
#   ESIA_CLIENT_ID, ESIA_SIGNER_URL, ESIA_SIGNER_CERTIFICATE, ESIA_CERTIFICATES
#                          filled into the template by Keycloak at its import (see README, «Production»)
#   KC_BOOTSTRAP_ADMIN_USERNAME, KC_BOOTSTRAP_ADMIN_PASSWORD   the first admin (the local database defaults to admin/admin)
#   KC_SPI_SCHOOL_SNILS__DEFAULT__KEY
#                          the key SNILS are hashed under in our tables (README, «SNILS in our tables»); required with
#                          KC_DB_URL; the local database gets one of its own, kept beside it [SCHOOL_PROD_DIR/snils-key]
# Ctrl-C (or SIGTERM) stops Keycloak and the local PostgreSQL.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

DIR=${SCHOOL_PROD_DIR:-$ROOT/.production}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
KC_DIST=${KC_DIST:-$ROOT/server/target/keycloak-26.7.4}
export KC_HTTP_PORT=${KC_HTTP_PORT:-8080}
export KC_HTTP_MANAGEMENT_PORT=${KC_HTTP_MANAGEMENT_PORT:-9000}
export KC_HTTP_HOST=${KC_HTTP_HOST:-127.0.0.1}
export KC_HOSTNAME=${KC_HOSTNAME:-http://localhost:$KC_HTTP_PORT}
export KC_VAULT_DIR=${KC_VAULT_DIR:-$DIR/vault}
REALM=${SCHOOL_PROD_REALM:-production}

if [ "${SCHOOL_PROD_MAVEN:-1}" = 1 ]; then
  echo "Building the providers and the distribution (./mvnw install)…"
  ./mvnw -B -q -DskipTests install
fi
[ -x "$KC_DIST/bin/kc.sh" ] || { echo "No Keycloak distribution at $KC_DIST: run ./mvnw -B -DskipTests install" >&2; exit 1; }

if [ "$REALM" = production ]; then
  missing=()
  for v in ESIA_CLIENT_ID ESIA_SIGNER_URL ESIA_SIGNER_CERTIFICATE ESIA_CERTIFICATES; do
    [ -n "${!v:-}" ] || missing+=("$v")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Set ${missing[*]} (the production realm template reads them at its first import; README, «Production»)," >&2
    echo "or SCHOOL_PROD_REALM=none to start without importing it." >&2
    exit 1
  fi
  # Keycloak puts ${VAR} into the realm file's text before reading it as JSON: a PEM's line breaks must
  # arrive as \n escapes, or the import fails ("Illegal unquoted character (CTRL-CHAR, code 10)").
  for v in ESIA_CLIENT_ID ESIA_SIGNER_URL ESIA_SIGNER_CERTIFICATE ESIA_CERTIFICATES; do
    value=${!v//$'\r'/}
    value=${value//\"/\\\"}
    export "$v=${value//$'\n'/\\n}"
  done
fi

# The optimised server is a copy: `kc.sh build` rewrites the distribution, which start-dev (tests, ./run.sh) rebuilds its own way.
# A copy built from the same jars and production/keycloak.conf is started again as it is (a restart costs no build);
# SCHOOL_PROD_OPTIMISED names another node's copy to take instead of building (production/cluster.sh).
KC=$DIR/keycloak
stamp=$( { cat production/keycloak.conf; cd "$KC_DIST" && find lib providers -type f -printf '%p %s %T@\n' | sort; } | sha256sum | cut -c1-64)
if [ "$(cat "$KC/.school-optimised" 2>/dev/null)" = "$stamp" ]; then
  echo "Keycloak in $KC is already optimised with these providers and options."
elif [ -n "${SCHOOL_PROD_OPTIMISED:-}" ] && [ "$(cat "$SCHOOL_PROD_OPTIMISED/.school-optimised" 2>/dev/null)" = "$stamp" ]; then
  echo "Copying the optimised Keycloak of $SCHOOL_PROD_OPTIMISED to $KC…"
  rm -rf "$KC"
  mkdir -p "$KC"
  # Not data/: it is that node's own (temporary files, import folder).
  (cd "$SCHOOL_PROD_OPTIMISED" && tar --exclude=./data -cf - .) | (cd "$KC" && tar -xf -)
else
  echo "Optimising Keycloak in $KC (kc.sh build with production/keycloak.conf)…"
  rm -rf "$KC"
  cp -r "$KC_DIST" "$KC"
  cp production/keycloak.conf "$KC/conf/keycloak.conf"
  "$KC/bin/kc.sh" build > "$DIR/build.log" 2>&1 || { tail -n 40 "$DIR/build.log" >&2; exit 1; }
  echo "$stamp" > "$KC/.school-optimised"
fi

. production/local-db.sh
local_db "$DIR/postgres"
if [ "$pg_local" = 1 ]; then
  # One node on this machine: the cluster transport (JDBC_PING on the database) stays on loopback.
  export KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS=${KC_CACHE_EMBEDDED_NETWORK_BIND_ADDRESS:-127.0.0.1}
fi

# The SNILS key: a local database got its own from local_db; an operator's database needs the operator's key
# (Keycloak refuses to start without one, saying so in its log).
if [ -z "${KC_SPI_SCHOOL_SNILS__DEFAULT__KEY:-}" ]; then
  echo "Set KC_SPI_SCHOOL_SNILS__DEFAULT__KEY (at least 32 characters, e.g. openssl rand -base64 32; README, «SNILS in our tables»)." >&2
  exit 1
fi

mkdir -p "$KC_VAULT_DIR"
options=(--optimized --vault-dir="$KC_VAULT_DIR")
if [ "$REALM" = production ]; then
  mkdir -p "$KC/data/import"
  cp realm-config/production/school-realm.json "$KC/data/import/"
  options+=(--import-realm)
  [ -s "$KC_VAULT_DIR/school_esia-signer-authorization" ] \
    || echo "Note: no $KC_VAULT_DIR/school_esia-signer-authorization (the signing service's Authorization header)." >&2
fi

kc_pid=
stop() {
  trap - INT TERM EXIT
  if [ -n "$kc_pid" ] && kill -0 "$kc_pid" 2>/dev/null; then
    kill -TERM "$kc_pid" 2>/dev/null || true
    wait "$kc_pid" 2>/dev/null || true
  fi
  if [ "$pg_local" = 1 ]; then
    production/local-postgres.sh stop "$DIR/postgres"
  fi
}
trap stop INT TERM EXIT

echo "Starting Keycloak: kc.sh start ${options[*]} $* (log: $DIR/keycloak.log)"
"$KC/bin/kc.sh" start "${options[@]}" "$@" > "$DIR/keycloak.log" 2>&1 &
kc_pid=$!

for _ in $(seq 1 "${SCHOOL_PROD_START_SECONDS:-600}"); do
  if curl -fs "http://127.0.0.1:$KC_HTTP_MANAGEMENT_PORT/health/ready" >/dev/null 2>&1; then
    echo "Ready: $KC_HOSTNAME/admin/ (management: http://127.0.0.1:$KC_HTTP_MANAGEMENT_PORT/health/ready, /metrics)"
    break
  fi
  if ! kill -0 "$kc_pid" 2>/dev/null; then
    echo "Keycloak stopped; see $DIR/keycloak.log" >&2
    tail -n 40 "$DIR/keycloak.log" >&2
    exit 1
  fi
  sleep 1
done
wait "$kc_pid"
