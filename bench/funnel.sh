#!/usr/bin/env bash
# Campaign funnel benchmark: TVs report impressions to the packaged service at RATE events/s; the events are
# captured in Redis, relayed to Kafka, counted by the stream processor and upserted into PostgreSQL, where the
# reports read them. Measures events/s end to end, every event counted once, and capture-to-report lag (a probe
# event every 250 ms: from the 202 to the moment its row is in the report's table). Then seeds 30 days of hourly rows
# for 100 campaigns and measures the report query: one campaign over 30 days, and all 100 grouped by campaign.
#   bench/funnel.sh          (RATE=20000 LOAD_SECONDS=30 CAMPAIGNS=100 DAYS=30 to change the load; RESULTS=… another file)
# Writes bench/results/funnel.md. Everything runs on loopback and stops by itself.
. "$(dirname "$0")/lib.sh"
RATE=${RATE:-20000}
SECONDS_OF_LOAD=${LOAD_SECONDS:-30}
CAMPAIGNS=${CAMPAIGNS:-100}
DAYS=${DAYS:-30}
WORK=target/bench/funnel
RESULTS=${RESULTS:-bench/results/funnel.md}
mkdir -p "$WORK"
need wrk wrk

build "$WORK"
./mvnw -B -q -ntp test-compile >/dev/null
CP="target/test-classes:target/classes:$(cat "$WORK/classpath")"
java -cp "$CP" com.couchcart.funnel.FunnelLoad keys "$WORK"
start_stack "$WORK"
JDBC="jdbc:${QUARKUS_DATASOURCE_REACTIVE_URL}?user=postgres"
# Staff tokens are checked against the run's own key (no OIDC server needed); the pages' sign-ins are off.
start_app "$WORK" -Dquarkus.oidc.tenant-enabled=true -Dquarkus.oidc.auth-server-url= \
  "-Dquarkus.oidc.public-key=$(cat "$WORK/public-key")" \
  -Dquarkus.oidc.phone-signin.tenant-enabled=false -Dquarkus.oidc.staff-signin.tenant-enabled=false

echo "Reporting $RATE events/s for $SECONDS_OF_LOAD s…"
java -cp "$CP" com.couchcart.funnel.FunnelLoad load 127.0.0.1 "$APP_PORT" "$RATE" "$SECONDS_OF_LOAD" "$JDBC" \
  "$WORK/load.txt" | tee "$WORK/load.log"
read -r accepted counted failed throughput probes sent lag50 lag99 lagmax answered_ms records distinct < "$WORK/load.txt"
rss=$(ps -o rss= -p "$(pgrep -f 'quarkus-run.jar' | head -1)" | awk '{printf "%.0f", $1 / 1024}')

echo "Seeding $DAYS days of hourly rows for $CAMPAIGNS campaigns…"
java -cp "$CP" com.couchcart.funnel.FunnelLoad seed "$JDBC" "$CAMPAIGNS" "$DAYS"
to=$(date -u -d '+1 hour' +%Y-%m-%dT%H:00:00Z); from=$(date -u -d "-$DAYS days" +%Y-%m-%dT%H:00:00Z)
TOKEN=$(cat "$WORK/staff-token")
report() { # name query
  wrk -t1 -c4 -d"${DURATION}" --latency -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$APP_PORT/api/admin/reports/funnel?from=$from&to=$to&$2" > "$WORK/$1.wrk"
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$APP_PORT/api/admin/reports/funnel?from=$from&to=$to&$2" \
    || { echo "The report query $2 failed"; exit 1; }
}
echo "Measuring the report queries…"
report one "campaignId=seeded-7&groupBy=campaign"
report one-by-day "campaignId=seeded-7&groupBy=day"
report all "groupBy=campaign"

cat > "$RESULTS" <<MD
# Campaign funnel benchmark

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · service: packaged JVM app ($(java -version 2>&1 | head -1)), production
profile, one event loop, with its relay, Kafka Streams and sink · PostgreSQL, Redis and one Kafka broker (the local
stack, one partition per topic) and the load client on the same machine.

## Capture → Kafka → stream processor → report table

| offered | accepted | on Kafka (distinct ids) | counted in the report | refused/failed | end-to-end events/s | lag p50 | lag p99 | lag max | service RSS |
|---|---|---|---|---|---|---|---|---|---|
| $RATE/s × ${SECONDS_OF_LOAD} s | $accepted | $records ($distinct) | $counted | $failed | $throughput | $lag50 ms | $lag99 ms | $lagmax ms | $rss MB |

Events: impressions in batches of 50 from 400 devices. *On Kafka*: records the relays sent, and their distinct CloudEvents
ids (more records than ids: copies sent again). *Counted* is the sum the report reads: equal to *accepted* when every
event was counted once. *Lag*: from the service's 202 for a probe event ($probes of $sent probes measured) to the
moment its row was upserted into \`funnel_hourly\`. Targets: p99 ≤ 5 s at 20,000 events/s, every event counted once.

## Report queries ($DAYS days of hourly rows, $CAMPAIGNS campaigns, a sketch of 1,500–4,000 devices per row)

| query | requests/s | p50 | p99 |
|---|---|---|---|
| one campaign, \`groupBy=campaign\` | $(rps "$WORK/one.wrk") | $(pct "$WORK/one.wrk" 50%) | $(pct "$WORK/one.wrk" 99%) |
| one campaign, \`groupBy=day\` | $(rps "$WORK/one-by-day.wrk") | $(pct "$WORK/one-by-day.wrk" 50%) | $(pct "$WORK/one-by-day.wrk" 99%) |
| all $CAMPAIGNS campaigns, \`groupBy=campaign\` | $(rps "$WORK/all.wrk") | $(pct "$WORK/all.wrk" 50%) | $(pct "$WORK/all.wrk" 99%) |

wrk -t1 -c4 -d$DURATION, staff token. Target: a campaign report over 30 days p99 ≤ 50 ms.
MD
echo; cat "$RESULTS"
