#!/bin/bash
# Benchmark Nucleon and the reference Neutron side by side in one run, then stop what this script started.
#   bench/run-comparison.sh [--db sqlite|postgresql] [--keep] [-- BENCH OPTIONS...]
# Nucleon: a copy of karaf-assembly/target/assembly in a temp folder (Derby, or PostgreSQL with --db postgresql).
# Reference: ../shared/reference-neutron/start.sh in its own state folder (SQLite, or PostgreSQL), unless something
# already answers on its URL: that server is used as is and never stopped here.
# Environment:
#   NUCLEON_PORT (9797), NUCLEON_SSH_PORT (8297), REF_PORT (19797), BENCH_OUT (bench/target/comparison-TIME),
#   NUCLEON_ASSEMBLY (karaf-assembly/target/assembly), REF_NEUTRON_HOME (../shared/reference-neutron),
#   BENCH_PG_HOST/BENCH_PG_PORT/BENCH_PG_USER (127.0.0.1/5432/postgres: trust auth, as the itests use).
# BENCH OPTIONS go to the harness (java -jar bench/target/nucleon-bench.jar --help lists them), e.g.
#   bench/run-comparison.sh -- --scenarios networks --concurrency 1,8 --count 300
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DB=sqlite; KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --) shift; break ;;
    *) echo "usage: $0 [--db sqlite|postgresql] [--keep] [-- BENCH OPTIONS...]" >&2; exit 2 ;;
  esac
done
case "$DB" in sqlite|postgresql) ;; *) echo "--db must be sqlite or postgresql" >&2; exit 2 ;; esac

NUCLEON_PORT="${NUCLEON_PORT:-9797}"
NUCLEON_SSH_PORT="${NUCLEON_SSH_PORT:-8297}"
REF_PORT="${REF_PORT:-19797}"
ASSEMBLY="${NUCLEON_ASSEMBLY:-$ROOT/karaf-assembly/target/assembly}"
REF_HOME="${REF_NEUTRON_HOME:-$ROOT/../shared/reference-neutron}"
OUT="${BENCH_OUT:-$ROOT/bench/target/comparison-$(date +%Y%m%d-%H%M%S)}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"; PG_PORT="${BENCH_PG_PORT:-5432}"; PG_USER="${BENCH_PG_USER:-postgres}"
BUILT_JAR="$ROOT/bench/target/nucleon-bench.jar"
WORK="$(mktemp -d /tmp/nucleon-bench.XXXXXX)"
SUFFIX="$(basename "$WORK" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
NUCLEON="$WORK/nucleon"
REF_DIR="$WORK/reference"
STARTED_NUCLEON=0; STARTED_REF=0; CREATED_DBS=()

answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1/v2.0/")" = 200 ]; }
psql_admin() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "$1"; }

finish() {
  if [ $STARTED_NUCLEON = 1 ]; then
    local pid; pid="$(cat "$NUCLEON/karaf.pid" 2>/dev/null)"
    "$NUCLEON/bin/stop" >/dev/null 2>&1
    for _ in $(seq 1 60); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "stopped Nucleon"
  fi
  [ $STARTED_REF = 1 ] && REF_NEUTRON_DIR="$REF_DIR" "$REF_HOME/stop.sh"
  for db in "${CREATED_DBS[@]}"; do psql_admin "DROP DATABASE IF EXISTS $db" || true; done
  if [ $KEEP = 1 ]; then echo "kept servers' folders and logs in $WORK"; else rm -rf "$WORK"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM

[ -d "$ASSEMBLY" ] || { echo "no Nucleon distribution at $ASSEMBLY: build it first (mvn -B install -DskipTests)" >&2; exit 1; }
if [ ! -f "$BUILT_JAR" ]; then (cd "$ROOT" && mvn -B -q -pl bench package -DskipTests) || exit 1; fi
JAR="$WORK/nucleon-bench.jar"
cp "$BUILT_JAR" "$JAR" # a rebuild during the run must not pull classes from under it
answers "http://127.0.0.1:$NUCLEON_PORT" && { echo "something already answers on port $NUCLEON_PORT" >&2; exit 1; }

if [ "$DB" = postgresql ]; then
  if ! /usr/bin/python3 -c 'import psycopg2' 2>/dev/null; then
    echo "installing python3-psycopg2 for the reference's PostgreSQL driver (once)"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq python3-psycopg2 >/dev/null || exit 1
  fi
  for db in "nucleon_bench_$SUFFIX" "neutron_bench_$SUFFIX"; do
    psql_admin "CREATE DATABASE $db" || exit 1
    CREATED_DBS+=("$db")
  done
fi

# --- Nucleon ---
cp -r "$ASSEMBLY" "$NUCLEON" && rm -rf "$NUCLEON/data" "$NUCLEON/karaf.pid"
sed -i "s/^sshPort = .*/sshPort = $NUCLEON_SSH_PORT/" "$NUCLEON/etc/org.apache.karaf.shell.cfg"
if [ "$DB" = postgresql ]; then
  # the distribution boots the PostgreSQL driver: the datasource file is all it takes
  cat > "$NUCLEON/etc/org.ops4j.datasource-neutron.cfg" <<CFG
osgi.jdbc.driver.name = PostgreSQL JDBC Driver
url = jdbc:postgresql://$PG_HOST:$PG_PORT/nucleon_bench_$SUFFIX
user = $PG_USER
dataSourceName = neutron
pool = transx
xa = true
CFG
fi
T0=$(date +%s.%N)
NUCLEON_BIND_PORT="$NUCLEON_PORT" "$NUCLEON/bin/start" || exit 1
STARTED_NUCLEON=1
for i in $(seq 1 1200); do answers "http://127.0.0.1:$NUCLEON_PORT" && break; sleep 0.1; done
answers "http://127.0.0.1:$NUCLEON_PORT" || { echo "Nucleon did not come up; see $NUCLEON/data/log" >&2; KEEP=1; exit 1; }
FIRST_ANSWER=$(echo "$(date +%s.%N) - $T0" | bc)
# The first served request must create a network: the API answers before every plugin has registered
for i in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$NUCLEON_PORT/v2.0/networks" \
      -d '{"network": {"name": "bench-start-probe"}}')" = 201 ] && break
  sleep 0.1
done
FIRST_CREATE=$(echo "$(date +%s.%N) - $T0" | bc)
# CPU time the JVM spent to get there: on a shared machine the wall time says more about the neighbours
START_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$(cat "$NUCLEON/karaf.pid")/stat")
curl -s "http://127.0.0.1:$NUCLEON_PORT/v2.0/networks?name=bench-start-probe&fields=id" | grep -o '"id": *"[^"]*"' \
  | cut -d'"' -f4 | while read -r id; do curl -s -o /dev/null -X DELETE "http://127.0.0.1:$NUCLEON_PORT/v2.0/networks/$id"; done
NUCLEON_PID="$(cat "$NUCLEON/karaf.pid")"
printf 'READY: Nucleon (pid %s, %s) on http://127.0.0.1:%s; from bin/start: %.1f s to GET /v2.0/ answered, %.1f s to a network created, %.1f s of CPU; load average %s\n' \
  "$NUCLEON_PID" "$([ "$DB" = sqlite ] && echo Derby || echo PostgreSQL)" "$NUCLEON_PORT" "$FIRST_ANSWER" "$FIRST_CREATE" \
  "$START_CPU" "$(cut -d' ' -f1-3 /proc/loadavg)"

# --- reference Neutron ---
REF_PID_ARGS=()
if answers "http://127.0.0.1:$REF_PORT"; then
  echo "using the server already answering on port $REF_PORT as the reference; it will not be stopped"
  [ "$DB" = postgresql ] && echo "warning: its database is whatever it was started with" >&2
else
  REF_DB=sqlite
  [ "$DB" = postgresql ] && REF_DB="postgresql+psycopg2://$PG_USER@$PG_HOST:$PG_PORT/neutron_bench_$SUFFIX"
  REF_NEUTRON_PORT="$REF_PORT" REF_NEUTRON_DIR="$REF_DIR" REF_NEUTRON_DB="$REF_DB" "$REF_HOME/start.sh" --fresh \
    || { KEEP=1; exit 1; }
  STARTED_REF=1
  REF_PID_ARGS=(--pid "reference=$(cat "$REF_DIR/neutron-server.pid")")
fi

# --- the run ---
# A fresh JVM needs JIT warm-up. SQLite refuses concurrent writers ("database is locked", a 500 even for a retried
# bulk create), so setup runs one request at a time there. Later options win.
SETUP_ARGS=()
[ "$DB" = sqlite ] && SETUP_ARGS=(--setup-concurrency 1)
java -jar "$JAR" "nucleon=http://127.0.0.1:$NUCLEON_PORT" "reference=http://127.0.0.1:$REF_PORT" \
  --pid "nucleon=$NUCLEON_PID" "${REF_PID_ARGS[@]}" --out "$OUT" "${SETUP_ARGS[@]}" "$@"
RC=$?
echo "report: $OUT/bench-report.json, chart: $OUT/bench-report.svg"
exit $RC
