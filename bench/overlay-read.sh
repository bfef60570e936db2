#!/usr/bin/env bash
# Overlay read benchmark: the packaged service answering ?at= lookups spread over the demo timeline, and beside it
# nginx serving the same kind of answer as a static file, on this machine, in the same run.
#   bench/overlay-read.sh            (DURATION=20s CONNECTIONS=64 to change the load)
# Writes bench/results/overlay-read.md. Everything runs on loopback and stops by itself.
. "$(dirname "$0")/lib.sh"
NGINX_PORT=18081
WORK=target/bench/overlay-read
RESULTS=bench/results/overlay-read.md
CONTENT=vod-kitchen-stories-s1e1
mkdir -p "$WORK"
need wrk wrk
need nginx nginx-light

build "$WORK"
start_stack "$WORK"
start_app "$WORK"

# The static twin: a typical answer (one overlay), served by nginx from a file.
mkdir -p "$WORK/www"
curl -sf "localhost:$APP_PORT/api/tv/hisense/contents/$CONTENT/overlays?at=55000" > "$WORK/www/overlays.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$WORK/nginx.pid;
error_log $PWD/$WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=16;
  types { application/json json; }
  server { listen 127.0.0.1:$NGINX_PORT; root $PWD/$WORK/www; }
}
CONF
nginx -c "$PWD/$WORK/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 20); do curl -sf "localhost:$NGINX_PORT/overlays.json" >/dev/null && break; sleep 0.2; done

cat > "$WORK/spread.lua" <<LUA
-- ?at= spread over the whole 10-minute timeline, as many TVs at different positions ask.
math.randomseed(20261123)
request = function()
  return wrk.format("GET", "/api/tv/hisense/contents/$CONTENT/overlays?at=" .. math.random(0, 599999))
end
LUA

run() { wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
echo "Warming up…"
wrk -t1 -c"$CONNECTIONS" -d10s -s "$WORK/spread.lua" "http://127.0.0.1:$APP_PORT" >/dev/null
echo "Measuring the service…"
run -s "$WORK/spread.lua" "http://127.0.0.1:$APP_PORT" | tee "$WORK/app.wrk"
echo "Measuring nginx…"
run "http://127.0.0.1:$NGINX_PORT/overlays.json" | tee "$WORK/nginx.wrk"

app_rps=$(rps "$WORK/app.wrk"); nginx_rps=$(rps "$WORK/nginx.wrk")
ratio=$(awk -v a="$app_rps" -v n="$nginx_rps" 'BEGIN {printf "%.2f", a / n}')
cat > "$RESULTS" <<MD
# Overlay read benchmark

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · wrk -t1 -c$CONNECTIONS -d$DURATION, on the same machine ·
service: packaged JVM app ($(java -version 2>&1 | head -1)), production profile, one event loop ·
nginx $(nginx -v 2>&1 | sed 's/.*\///'), one worker, the same kind of answer ($(wc -c < "$WORK/www/overlays.json") bytes) as a static file.
The service's requests spread \`?at=\` over the demo timeline (24 cues, 10 minutes).

| | requests/s | p50 | p99 | errors |
|---|---|---|---|---|
| CouchCart \`GET …/overlays?at=\` | $app_rps | $(pct "$WORK/app.wrk" 50%) | $(pct "$WORK/app.wrk" 99%) | $(errors "$WORK/app.wrk") |
| nginx, static file | $nginx_rps | $(pct "$WORK/nginx.wrk" 50%) | $(pct "$WORK/nginx.wrk" 99%) | $(errors "$WORK/nginx.wrk") |

Ratio CouchCart / nginx: **$ratio** (target ≥ 0.8, aim ≥ 1.0); p99 target ≤ 5 ms.
MD
echo; cat "$RESULTS"
