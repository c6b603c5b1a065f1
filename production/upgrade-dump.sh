#!/usr/bin/env bash
# Makes the upgrade test's database (issue 14, README «Production» → «Upgrading»): the previous released
# version, built from its tag in a git worktree, runs on PostgreSQL as production runs it, people file
# requests, an e-mail stays owed, a certificate is issued; then pg_dump. UpgradeIT restores that dump
# and starts THIS version on it. Run it again when a new version is released (and commit the output).
#
#   production/upgrade-dump.sh [TAG]      TAG: the previous released version [v0.1.0]
#
# Output: tests/src/test/resources/upgrade/TAG.sql.gz (the dump) and TAG.json (what was made in it).
# Takes 5-15 minutes on 2 cores (two builds, one Keycloak start). Needs PostgreSQL from Debian's packages
# (production/local-postgres.sh installs it as root).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TAG=${1:-v0.1.0}
OUT=$ROOT/tests/src/test/resources/upgrade

FROM=$(mktemp -d)/school-esia-$TAG
git -C "$ROOT" worktree add --detach "$FROM" "$TAG"
trap 'git -C "$ROOT" worktree remove --force "$FROM"' EXIT
echo "Building $TAG in $FROM…"
# package, not install: the local Maven repository keeps this version's snapshots.
(cd "$FROM" && ./mvnw -B -q -DskipTests package)
# The distribution must hold the tag's providers, not snapshots from the local repository.
dist=$FROM/server/target/keycloak-26.7.4
for jar in providers/esia/target/school-esia-provider providers/school/target/school-esia-school themes/target/school-esia-themes; do
  built=$(ls "$FROM/$jar"-*.jar | grep -v -- '-sources\|-tests' | head -n 1)
  cmp -s "$built" "$dist/providers/$(basename "$jar").jar" \
    || { echo "$dist/providers does not hold $built" >&2; exit 1; }
done

echo "Building this version's test kit…"
cd "$ROOT"
./mvnw -B -q -DskipTests install
./mvnw -B verify -pl tests -Dit.test=UpgradeDumpMaker -Dsurefire.failIfNoSpecifiedTests=false -Dkeycloak.startTimeoutSeconds=900 \
  -Dupgrade.fromRoot="$FROM" -Dupgrade.fromDistribution="$dist" -Dupgrade.fromVersion="$TAG" -Dupgrade.output="$OUT"
ls -l "$OUT/$TAG.sql.gz" "$OUT/$TAG.json"
