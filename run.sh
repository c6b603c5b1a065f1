#!/usr/bin/env bash
# Runs the product on this machine: builds, assembles Keycloak (from Maven Central) with our
# providers and theme, imports the demo realm, starts the ESIA emulator and Keycloak on an
# embedded database (H2 in .run/), and the demo school system (a relying "diary"). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")"

KC_PORT=${KC_PORT:-8080}
EMULATOR_PORT=8081   # the demo realm's ESIA base URL names this port
DIARY_PORT=8082      # the demo realm's diary client names this port in its redirect URI
RUN_DIR=$PWD/.run

echo "Building (first time: downloads Keycloak and dependencies from Maven Central)…"
./mvnw -B -q -DskipTests install
KC_HOME=$(ls -d "$PWD"/server/target/keycloak-*/ | head -n 1)
KC_HOME=${KC_HOME%/}

# Keycloak's file vault holds the demo signing key; the realm refers to it as ${vault.esia-signer-key}.
mkdir -p "$RUN_DIR/vault" "$KC_HOME/data/import"
grep -v '^\s*#' realm-config/vault-entries.properties | grep '=' | while IFS='=' read -r key files; do
  : > "$RUN_DIR/vault/school-demo_${key}"
  for f in $files; do cat "realm-config/$f" >> "$RUN_DIR/vault/school-demo_${key}"; done
done
cp realm-config/school-demo-realm.json "$KC_HOME/data/import/"

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

java -jar esia-emulator/target/esia-emulator.jar --config realm-config/esia-emulator.json --port "$EMULATOR_PORT" &
pids+=($!)

KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
"$KC_HOME/bin/kc.sh" start-dev \
  --http-host=127.0.0.1 --http-port="$KC_PORT" --health-enabled=true \
  --db-url="jdbc:h2:file:$RUN_DIR/db/keycloakdb;NON_KEYWORDS=VALUE" \
  --vault=file --vault-dir="$RUN_DIR/vault" \
  --spi-school-snils--default--key="school-demo SNILS key: for the demo run only" \
  --import-realm > "$RUN_DIR/keycloak.log" 2>&1 &
pids+=($!)

# The demo school system: a relying "diary" that logs in through the demo realm and shows the school claims.
java -jar demo-diary/target/demo-diary.jar --port "$DIARY_PORT" --issuer "http://localhost:$KC_PORT/realms/school-demo" \
  > "$RUN_DIR/demo-diary.log" 2>&1 &
pids+=($!)

echo "Starting Keycloak (log: .run/keycloak.log)…"
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:9000/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then echo "Keycloak stopped; see .run/keycloak.log"; tail -n 40 "$RUN_DIR/keycloak.log"; exit 1; fi
  sleep 1
done

cat <<INFO

  Demo school system       http://localhost:$DIARY_PORT/   «Электронный дневник (демо)»: sign in (password
                           login below) and see what a relying system learns: role, school, children
  Keycloak admin console   http://localhost:$KC_PORT/admin/   (admin / admin)
  Demo realm login         http://localhost:$KC_PORT/realms/school-demo/account
                           → «Вход для родителей / учащихся / педагогов и сотрудников»
  ESIA emulator            http://localhost:$EMULATOR_PORT   (persons picker instead of Госуслуги)

  Demo persons (pick one on the emulator page):
    1000000001  Иванова Мария Петровна     parent, linked to ivanova.maria: straight in
    1000000002  Иванов Пётр Сергеевич      student over 14: linked to ivanov.petr by SNILS
    1000000003  Смирнов Олег Игоревич      teacher, linked to smirnov.oleg (role: staff)
    1000000004  Кузнецова Ольга Викторовна unconfirmed ESIA account: told how to confirm it
    1000000005  Иванова Анна Сергеевна     child under 14 (child account, unconfirmed)
    1000000006  Кузнецов Андрей Викторович parent, not linked: «Учетная запись не найдена»
                (self-linking ended 2025-04-01 as in the seeds' region; staff link it)

  Password login by organisation (password Demo-pass-1 for all):
    metodist.ddut     методист, МАУДО ДДЮТ г.Южно-Сахалинск (ОДО)
    zavuch.sosh1      завуч, МАОУ СОШ № 1 г. Южно-Сахалинска
    ivanova.maria     parent of Пётр and Анна (МАОУ СОШ № 1): her children show in the demo diary
    ivanov.petr       pupil of the school, enrolled in the ОДО: logs in at both
    kuznetsov.ilya    pupil created by the ОДО (import)
  Staff page               http://localhost:$KC_PORT/realms/school-demo/school/staff-page/

  Ctrl-C stops Keycloak, the emulator and the demo diary.
INFO
wait "${pids[1]}"
