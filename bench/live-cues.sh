#!/usr/bin/env bash
# Live cue fan-out: how many open live-cue streams one instance holds, and how long a fired cue takes to reach all
# of them. A client opens SUBSCRIBERS streams on the packaged service, then a cue is fired the way another instance
# fires it (its Redis broadcast); latency = when each stream saw it - when it was fired.
#   bench/live-cues.sh               (SUBSCRIBERS=15000; this machine allows 20000 open files per process)
# Writes bench/results/live-cues.md. Everything runs on loopback and stops by itself.
. "$(dirname "$0")/lib.sh"
SUBSCRIBERS=${SUBSCRIBERS:-15000}
WORK=target/bench/live-cues
RESULTS=bench/results/live-cues.md
mkdir -p "$WORK"

build "$WORK"
./mvnw -B -q -ntp test-compile >/dev/null
start_stack "$WORK"
start_app "$WORK"

echo "Opening $SUBSCRIBERS live-cue streams…"
java -cp "target/test-classes:target/classes:$(cat "$WORK/classpath")" com.couchcart.overlay.LiveCueFanOut \
  127.0.0.1 "$APP_PORT" "$SUBSCRIBERS" "$QUARKUS_REDIS_HOSTS" live-shopping "$WORK/result.txt" | tee "$WORK/client.log"
read -r received p50 p99 max open < "$WORK/result.txt"
rss=$(ps -o rss= -p "$(pgrep -f 'quarkus-run.jar' | head -1)" | awk '{printf "%.0f", $1 / 1024}')
cat > "$RESULTS" <<MD
# Live cue fan-out benchmark

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · service: packaged JVM app ($(java -version 2>&1 | head -1)), production
profile, one event loop; the client (Vert.x, one event loop) on the same machine · open files are capped at
$(ulimit -n) per process here, which caps the streams one process can hold on this machine.

| streams open | cue received by | p50 | p99 | max | service RSS |
|---|---|---|---|---|---|
| $open of $SUBSCRIBERS | $received | $p50 ms | $p99 ms | $max ms | $rss MB |

From the fired cue's timestamp to its arrival on each stream. Target: ≥ 50,000 streams per instance, p99 ≤ 500 ms.
MD
echo; cat "$RESULTS"
