#!/usr/bin/env bash
# Writes docker/vault/, Keycloak's file vault for the demo realm, the way run.sh does: one file per
# entry of realm-config/vault-entries.properties, named <realm>_<key>, holding the listed files.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docker/vault
chmod 755 docker/vault
grep -v '^\s*#' realm-config/vault-entries.properties | grep '=' | while IFS='=' read -r key files; do
  out="docker/vault/school-demo_${key}"
  : > "$out"
  for f in $files; do cat "realm-config/$f" >> "$out"; done
  chmod 644 "$out"   # Keycloak runs as uid 1000 in the container and must read the bind-mounted file
  echo "wrote $out"
done
