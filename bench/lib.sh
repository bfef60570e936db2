# Shared steps of the benchmark scripts: sourced, not run. Everything listens on loopback and is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
APP_PORT=${APP_PORT:-18080}
mkdir -p bench/results

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# build WORKDIR: the packaged application, and the class path of the local stack.
build() {
  echo "Building the packaged application…"
  ./mvnw -B -q -ntp package -DskipTests ${BUILD_ARGS:-}
  ./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$1/classpath" >/dev/null
}

# start_stack WORKDIR: PostgreSQL, Redis and Kafka; exports their addresses (QUARKUS_*, KAFKA_*).
start_stack() {
  echo "Starting PostgreSQL, Redis and Kafka…"
  rm -f "$1/stack.env"
  java -cp "target/classes:$(cat "$1/classpath")" com.couchcart.platform.localstack.LocalStack "$1/stack.env" \
    > "$1/stack.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do [ -s "$1/stack.env" ] && break; sleep 0.5; done
  [ -s "$1/stack.env" ] || { echo "The local stack did not start; see $1/stack.log"; exit 1; }
  set -a; . "$1/stack.env"; set +a
}

# start_app WORKDIR [JVM options…]: the packaged service, production profile, demo data, one event loop.
start_app() {
  local work=$1; shift
  echo "Starting the service (production profile, demo data, one event loop)…"
  # The stream processor's local state belongs to this run's broker: a fresh folder each run.
  rm -rf "$work/kafka-streams-state"
  KAFKA_STREAMS_STATE_DIR="$PWD/$work/kafka-streams-state" \
  COUCHCART_EVENT_LOOPS=1 QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    java -Dcouchcart.demo-data.enabled=true -Dquarkus.oidc.tenant-enabled=false "$@" ${JAVA_ARGS:-} \
         -jar target/quarkus-app/quarkus-run.jar > "$work/app.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -sf "localhost:$APP_PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "localhost:$APP_PORT/q/health/ready" >/dev/null || { echo "The service did not get ready; see $work/app.log"; exit 1; }
}

# Figures out of wrk --latency output.
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
