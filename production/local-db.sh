# Sourced by production/run.sh and production/cluster.sh (not run by itself). local_db DIR: without
# KC_DB_URL, the database is a PostgreSQL cluster of its own under DIR on 127.0.0.1:PG_PORT [5433]
# (production/local-postgres.sh), role and database keycloak, bootstrap admin admin/admin; sets
# pg_local=1 when it started one, for the caller to stop it. With KC_DB_URL it does nothing (pg_local=0).
local_db() {
  pg_local=0
  [ -z "${KC_DB_URL:-}" ] || return 0
  pg_local=1
  PG_PORT=${PG_PORT:-5433}
  export KC_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak"
  export KC_DB_USERNAME=${KC_DB_USERNAME:-keycloak}
  export KC_DB_PASSWORD=${KC_DB_PASSWORD:-keycloak}
  export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
  export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
  production/local-postgres.sh start "$1" "$PG_PORT" keycloak "$KC_DB_USERNAME" "$KC_DB_PASSWORD"
  # The SNILS key goes with the database it hashed: a local database keeps its own beside it (every node of
  # production/cluster.sh gets the same one).
  if [ -z "${KC_SPI_SCHOOL_SNILS__DEFAULT__KEY:-}" ]; then
    local key
    key="$(dirname "$1")/snils-key"
    [ -s "$key" ] || (umask 077 && head -c 32 /dev/urandom | base64 > "$key")
    KC_SPI_SCHOOL_SNILS__DEFAULT__KEY=$(cat "$key")
    export KC_SPI_SCHOOL_SNILS__DEFAULT__KEY
  fi
}
