#!/usr/bin/env bash
# Order event latency: how long after an order commits its event is on Kafka, acknowledged by the broker
# (acks=all). Orders commit at a steady rate (pgbench -R) into the outbox, as checkouts on other instances would:
# this instance's relay learns of them by polling, the slower of its two paths (a checkout on the instance itself
# wakes the relay at once). Latency = published_at (stamped after the broker's ack) - created_at (the commit).
#   bench/order-events.sh            (RATE=200 orders/s, DURATION=20s to change the load)
# Writes bench/results/order-events.md. Everything runs on loopback and stops by itself.
. "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
SECONDS_TO_RUN=${DURATION%s}
WORK=target/bench/order-events
RESULTS=bench/results/order-events.md
mkdir -p "$WORK"
need psql postgresql-client
need pgbench postgresql-client

build "$WORK"
start_stack "$WORK"
start_app "$WORK"
DB="${QUARKUS_DATASOURCE_REACTIVE_URL/postgresql:\/\//postgresql://postgres@}"

# A placed event as checkout writes it (about 700 bytes of JSON).
cat > "$WORK/order.sql" <<'SQL'
insert into outbox_event (id, aggregate_type, aggregate_id, type, topic, payload)
select gen_random_uuid(), 'order', id::text, 'com.couchcart.order.placed.v1', 'couchcart.orders',
       jsonb_build_object('orderId', id, 'number', 'CC-BENCH', 'status', 'PLACED', 'tenant', 'hisense',
         'deviceId', gen_random_uuid(), 'paymentMethod', 'cash_on_delivery', 'paymentStatus', 'DUE_ON_DELIVERY',
         'createdAt', now(), 'total', jsonb_build_object('amount', '378.00', 'currency', 'CNY'),
         'lines', jsonb_build_array(jsonb_build_object('sku', 'SKU-WOK-32', 'title', 'Carbon steel wok, 32 cm',
           'quantity', 2, 'unitPrice', jsonb_build_object('amount', '189.00', 'currency', 'CNY'),
           'lineTotal', jsonb_build_object('amount', '378.00', 'currency', 'CNY'), 'overlayId', 'cue-01',
           'campaignId', 'spring-kitchen')),
         'shippingAddress', jsonb_build_object('name', 'Li Wei', 'phone', '+86 138 0013 8000',
           'line1', '1 Xihu Road', 'city', 'Hangzhou', 'postalCode', '310000', 'country', 'CN'))
from (select gen_random_uuid() as id) as o;
SQL

echo "Warming up…"
pgbench -n -f "$WORK/order.sql" -R "$RATE" -T 10 -c 4 -j 2 "$DB" > "$WORK/warmup.txt" 2>&1
start=$(psql -At "$DB" -c "select now()")
echo "Measuring: $RATE orders/s for ${SECONDS_TO_RUN}s…"
pgbench -n -f "$WORK/order.sql" -R "$RATE" -T "$SECONDS_TO_RUN" -c 4 -j 2 "$DB" > "$WORK/pgbench.txt" 2>&1
for _ in $(seq 1 60); do
  [ "$(psql -At "$DB" -c "select count(*) from outbox_event where published_at is null")" = 0 ] && break; sleep 0.5
done
read -r count p50 p99 max unpublished <<< "$(psql -At -F ' ' "$DB" -c "
  select count(*),
         round(percentile_cont(0.5) within group (order by ms)::numeric, 1),
         round(percentile_cont(0.99) within group (order by ms)::numeric, 1),
         round(max(ms)::numeric, 1),
         count(*) filter (where ms is null)
  from (select extract(epoch from published_at - created_at) * 1000 as ms
        from outbox_event where created_at >= '$start') as latency")"
cat > "$RESULTS" <<MD
# Order event latency benchmark

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · service: packaged JVM app ($(java -version 2>&1 | head -1)),
production profile, one event loop, relay polling every 200 ms; embedded PostgreSQL and KRaft Kafka on the same machine ·
$RATE orders/s for ${SECONDS_TO_RUN}s committed by pgbench -R (4 clients) into the outbox.

| events | p50 | p99 | max | not published |
|---|---|---|---|---|
| $count | $p50 ms | $p99 ms | $max ms | $unpublished |

From commit to the broker's acknowledgement (acks=all, idempotent producer). Target: p99 ≤ 1000 ms while Kafka is up.
MD
echo; cat "$RESULTS"
