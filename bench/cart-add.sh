#!/usr/bin/env bash
# Cart add benchmark: POST /api/tv/cart/items on the packaged service from many devices, each add a new remote
# event; beside it redis-benchmark running, on the same Redis in the same run, HINCRBY (the raw ceiling the
# target is set against) and the add's own Lua script.
#   bench/cart-add.sh                (DURATION=20s CONNECTIONS=64 DEVICES=1000 to change the load)
# Writes bench/results/cart-add.md. Everything runs on loopback and stops by itself.
. "$(dirname "$0")/lib.sh"
DEVICES=${DEVICES:-1000}
WORK=target/bench/cart-add
RESULTS=bench/results/cart-add.md
mkdir -p "$WORK"
need wrk wrk
need redis-benchmark redis-tools
need psql postgresql-client

build "$WORK"
start_stack "$WORK"
# Every add succeeds: no per-line limit to stop at, and stock enough for the whole run.
start_app "$WORK" -Dcouchcart.cart.max-quantity-per-line=1000000000
psql -q "${QUARKUS_DATASOURCE_REACTIVE_URL/postgresql:\/\//postgresql://postgres@}" \
  -c "update product set stock = 1000000000, updated_at = now()" >/dev/null
sleep 6  # the service picks up catalogue changes within couchcart.catch-up-interval

echo "Opening $DEVICES device sessions…"
{
  echo "tokens = {"
  for i in $(seq 1 "$DEVICES"); do
    device=$(cat /proc/sys/kernel/random/uuid)
    curl -sf "localhost:$APP_PORT/api/tv/sessions" -H 'X-Tenant-Key: hisense-demo-app-key-000000000001' \
      -H 'Content-Type: application/json' -d "{\"tenant\":\"hisense\",\"deviceId\":\"$device\",\"model\":\"bench\"}" \
      | sed -E 's/.*"sessionToken":"([^"]+)".*/  "\1",/'
  done
  echo "}"
} > "$WORK/tokens.lua"
skus=$(curl -sf "localhost:$APP_PORT/api/tv/hisense/contents/vod-kitchen-stories-s1e1/overlays?from=0&to=600000" \
  | grep -o '"sku":"[^"]*"' | cut -d'"' -f4 | sort -u | sed 's/.*/"&",/' | tr -d '\n')
cat > "$WORK/add.lua" <<LUA
-- Round-robin over the devices; every request a new event id, a product of the demo timeline.
dofile("$PWD/$WORK/tokens.lua")
local skus = { $skus }
local run = tostring(os.time())
local n = 0
request = function()
  n = n + 1
  local body = '{"sku":"' .. skus[(n % #skus) + 1] .. '","quantity":1,"overlayId":"cue-01","eventId":"' .. run .. '-' .. n .. '"}'
  return wrk.format("POST", "/api/tv/cart/items",
    {["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json"}, body)
end
LUA

echo "Warming up…"
wrk -t1 -c"$CONNECTIONS" -d10s -s "$WORK/add.lua" "http://127.0.0.1:$APP_PORT" >/dev/null
echo "Measuring the service…"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/add.lua" "http://127.0.0.1:$APP_PORT" | tee "$WORK/app.wrk"

REDIS_PORT=${QUARKUS_REDIS_HOSTS##*:}
sha=$(redis-cli -p "$REDIS_PORT" SCRIPT LOAD "$(cat src/main/resources/redis/hash-reply.lua; echo; \
  cat src/main/resources/funnel/capture.lua; echo; cat src/main/resources/cart/add.lua; echo)")
echo "Measuring Redis alone…"
redis-benchmark -p "$REDIS_PORT" -c "$CONNECTIONS" -n 1000000 -r 100000 -q \
  HINCRBY "bench:cart:__rand_int__" f 1 2>&1 | tr '\r' '\n' | tail -1 | tee "$WORK/hincrby.txt"
redis-benchmark -p "$REDIS_PORT" -c "$CONNECTIONS" -n 300000 -r 1000000 -q \
  EVALSHA "$sha" 4 "bench:{f1}:cart:__rand_int__" "bench:{f1}:event:__rand_int__" "bench:{f1}:funnel" "bench:{f1}:dropped" \
  SKU-WOK-32 1 cue-01 spring vod-kitchen-stories-s1e1 189.00 CNY 50 1000000000 1000000000 604800 86400 "" 1796400000000 \
  1000000 1 20 type add tenant hisense device __rand_int__ content vod-kitchen-stories-s1e1 overlay cue-01 \
  campaign spring at "" occurred 1796400000000 sku SKU-WOK-32 quantity 1 \
  2>&1 | tr '\r' '\n' | tail -1 | tee "$WORK/script.txt"

bench_rps() { grep -o '[0-9.]* requests per second' "$1" | tail -1 | cut -d' ' -f1; }
app_rps=$(rps "$WORK/app.wrk"); hincrby=$(bench_rps "$WORK/hincrby.txt"); script=$(bench_rps "$WORK/script.txt")
ratio=$(awk -v a="$app_rps" -v h="$hincrby" 'BEGIN {printf "%.2f", a / h}')
cat > "$RESULTS" <<MD
# Cart add benchmark

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · wrk -t1 -c$CONNECTIONS -d$DURATION, on the same machine ·
service: packaged JVM app ($(java -version 2>&1 | head -1)), production profile, one event loop${JAVA_ARGS:+, JVM options \`$JAVA_ARGS\`}; $DEVICES devices, every add a new event id ·
Redis: the embedded Redis the service used, redis-benchmark with $CONNECTIONS clients.

| | requests/s | p50 | p99 | errors |
|---|---|---|---|---|
| CouchCart \`POST /api/tv/cart/items\` | $app_rps | $(pct "$WORK/app.wrk" 50%) | $(pct "$WORK/app.wrk" 99%) | $(errors "$WORK/app.wrk") |
| redis-benchmark HINCRBY | $hincrby | | | |
| redis-benchmark EVALSHA of the add script | $script | | | |

Ratio CouchCart / HINCRBY: **$ratio** (target ≥ 0.25); p99 target ≤ 10 ms.
Each add is one Lua script in Redis that changes the cart and captures the add event in the device's funnel stream
(XADD, same step); the relay moves the events to Kafka in batches, off the request path; the catalogue is in memory.
MD
echo; cat "$RESULTS"
