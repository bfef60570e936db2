package com.couchcart.funnel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The funnel's tables: hourly rows, credited order lines and holdout exposures (written by the sink), and the
 * queries the reports are made of. Grouping columns come only from {@link ReportQuery.Dimension}, never from input.
 */
@ApplicationScoped
class FunnelStore {

    /** A funnel row's counts for one hour, as the stream processor last computed them. */
    record HourlyRow(Instant hour, String tenant, String campaignId, String contentId, String overlayId, HourlyCounts counts) {
    }

    /** Counts of one group of a report; {@code key} holds the values of the query's dimensions, in order. */
    record Counts(List<String> key, long impressions, long clicks, long adds) {
    }

    record Reach(List<String> key, Sketch devices) {
    }

    /** A row's reach over one UTC day. */
    record DailyReach(Instant day, String tenant, String campaignId, String contentId, String overlayId, Sketch reach) {
    }

    /** Credited (or, for tenant statements, all) order figures of a group in one currency. */
    record Orders(List<String> key, String currency, long orders, long units, BigDecimal revenue, BigDecimal cancelledRevenue) {
    }

    record Holdout(List<String> key, long devices, long orders) {
    }

    private final Pool pool;

    FunnelStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> saveHourly(List<HourlyRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into funnel_hourly (hour, tenant_id, campaign_id, content_id, overlay_id, impressions, clicks,
                                                   adds, holdouts, reach, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
                        on conflict (hour, tenant_id, campaign_id, content_id, overlay_id) do update
                        set impressions = excluded.impressions, clicks = excluded.clicks, adds = excluded.adds,
                            holdouts = excluded.holdouts, reach = excluded.reach, updated_at = now()""")
                .executeBatch(rows.stream().map(row -> Tuple.from(new Object[] {row.hour().atOffset(ZoneOffset.UTC),
                        row.tenant(), row.campaignId(), row.contentId(), row.overlayId(), row.counts().impressions(),
                        row.counts().clicks(), row.counts().adds(), row.counts().holdouts(),
                        io.vertx.core.buffer.Buffer.buffer(row.counts().reach().toBytes())})).toList())
                .replaceWithVoid();
    }

    Uni<Void> saveDaily(List<DailyReach> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into funnel_daily_reach (day, tenant_id, campaign_id, content_id, overlay_id, reach, updated_at)
                        values ($1, $2, $3, $4, $5, $6, now())
                        on conflict (day, tenant_id, campaign_id, content_id, overlay_id) do update
                        set reach = excluded.reach, updated_at = now()""")
                .executeBatch(days.stream().map(day -> Tuple.from(new Object[] {day.day().atOffset(ZoneOffset.UTC),
                        day.tenant(), day.campaignId(), day.contentId(), day.overlayId(),
                        io.vertx.core.buffer.Buffer.buffer(day.reach().toBytes())})).toList())
                .replaceWithVoid();
    }

    /** Keeps the holdouts of a campaign (one without is no comparison for anything). */
    Uni<Void> saveHoldouts(List<FunnelEvent> holdouts) {
        List<Tuple> rows = holdouts.stream().filter(event -> event.campaignId() != null)
                .map(event -> Tuple.from(new Object[] {
                        event.occurredAt().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC), event.tenant(),
                        event.campaignId(), nonNull(event.contentId()), nonNull(event.overlayId()), event.deviceId(),
                        event.sku()})).toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into funnel_holdout (hour, tenant_id, campaign_id, content_id, overlay_id, device_id, sku)
                        values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Keeps an order's lines as placed; a line already kept (maybe cancelled since) stays as it is. */
    Uni<Void> saveOrderLines(List<OrderCredits.Line> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        insert into funnel_order_line (order_id, line_no, tenant_id, device_id, placed_at, sku, units, revenue,
                                                       currency, credited, campaign_id, content_id, overlay_id)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                        on conflict (order_id, line_no) do nothing""")
                .executeBatch(lines.stream().map(line -> Tuple.from(new Object[] {line.orderId(), line.lineNo(),
                        line.tenant(), line.deviceId(), line.placedAt().atOffset(ZoneOffset.UTC), line.sku(), line.units(),
                        line.revenue(), line.currency(), line.credited(), line.campaignId(), line.contentId(),
                        line.overlayId()})).toList())
                .replaceWithVoid();
    }

    Uni<Void> cancelOrder(UUID orderId) {
        return pool.preparedQuery("update funnel_order_line set cancelled = true where order_id = $1")
                .execute(Tuple.of(orderId)).replaceWithVoid();
    }

    Uni<List<Counts>> counts(ReportQuery query) {
        Sql sql = Sql.of(query, "hour", Sql.HOURLY);
        return select(sql, "coalesce(sum(impressions), 0) as impressions, coalesce(sum(clicks), 0) as clicks, "
                        + "coalesce(sum(adds), 0) as adds", "", "",
                row -> new Counts(sql.key(row), row.getLong("impressions"), row.getLong("clicks"), row.getLong("adds")));
    }

    /**
     * Each group's devices shown an impression: the union of its sketches, a day's where the range covers the whole
     * UTC day (unless grouped by hour), an hour's at the edges.
     */
    Uni<List<Reach>> reach(ReportQuery query) {
        Instant firstDay = query.from().truncatedTo(ChronoUnit.DAYS);
        firstDay = firstDay.equals(query.from()) ? firstDay : firstDay.plus(1, ChronoUnit.DAYS);
        Instant lastDay = query.to().truncatedTo(ChronoUnit.DAYS);
        List<Uni<List<Reach>>> parts = new ArrayList<>();
        if (query.groupBy().contains(ReportQuery.Dimension.HOUR) || !firstDay.isBefore(lastDay)) {
            parts.add(sketches(Sql.of(query, "hour", Sql.HOURLY), " and impressions > 0"));
        } else {
            parts.add(sketches(Sql.of(query.within(firstDay, lastDay), "day", Sql.DAILY), ""));
            if (query.from().isBefore(firstDay)) {
                parts.add(sketches(Sql.of(query.within(query.from(), firstDay), "hour", Sql.HOURLY), " and impressions > 0"));
            }
            if (lastDay.isBefore(query.to())) {
                parts.add(sketches(Sql.of(query.within(lastDay, query.to()), "hour", Sql.HOURLY), " and impressions > 0"));
            }
        }
        return Uni.join().all(parts).andFailFast().map(results -> {
            var merged = new java.util.LinkedHashMap<List<String>, Sketch>();
            results.forEach(part -> part.forEach(group -> merged.merge(group.key(), group.devices(), Sketch::merge)));
            return merged.entrySet().stream().map(entry -> new Reach(entry.getKey(), entry.getValue())).toList();
        });
    }

    private Uni<List<Reach>> sketches(Sql sql, String condition) {
        return pool.preparedQuery("select " + sql.columns() + "reach from " + sql.table() + " where " + sql.where() + condition)
                .execute(sql.parameters())
                .map(rows -> {
                    var merged = new java.util.LinkedHashMap<List<String>, Sketch>();
                    for (Row row : rows) {
                        merged.merge(sql.key(row), Sketch.fromBytes(row.getBuffer("reach").getBytes()), Sketch::merge);
                    }
                    return merged.entrySet().stream().map(entry -> new Reach(entry.getKey(), entry.getValue())).toList();
                });
    }

    /** Credited order lines per group and currency, less the cancelled (whose revenue is counted apart). */
    Uni<List<Orders>> creditedOrders(ReportQuery query) {
        return orders(query, "credited");
    }

    /** Lines that no overlay is credited with, per currency. */
    Uni<List<Orders>> unattributedOrders(ReportQuery query) {
        return orders(query.withoutGrouping(), "not credited");
    }

    private Uni<List<Orders>> orders(ReportQuery query, String which) {
        Sql sql = Sql.of(query, "placed_at", Sql.ORDER_LINES);
        return select(sql, """
                        currency, count(distinct order_id) filter (where not cancelled) as orders,
                        coalesce(sum(units) filter (where not cancelled), 0) as units,
                        coalesce(sum(revenue) filter (where not cancelled), 0) as revenue,
                        coalesce(sum(revenue) filter (where cancelled), 0) as cancelled_revenue""",
                " and " + which, ", currency",
                row -> new Orders(sql.key(row), row.getString("currency"), row.getLong("orders"), row.getLong("units"),
                        row.getBigDecimal("revenue"), row.getBigDecimal("cancelled_revenue")));
    }

    /**
     * Per group: the held-out devices, and their orders (not cancelled) of a product they were held out from,
     * placed from the hour of the holdout to the end of the attribution window after it.
     */
    Uni<List<Holdout>> holdouts(ReportQuery query, Duration window) {
        Sql sql = Sql.of(query, "h.hour", Sql.HOLDOUTS);
        Tuple parameters = sql.parameters().addString((window.toSeconds() + 3600) + " seconds");
        return pool.preparedQuery("select " + sql.columns() + """
                        count(distinct h.device_id) as devices, count(distinct o.order_id) as orders
                        from funnel_holdout h
                        left join funnel_order_line o on o.tenant_id = h.tenant_id and o.device_id = h.device_id
                            and o.sku = h.sku and not o.cancelled and o.placed_at >= h.hour
                            and o.placed_at < h.hour + cast($""" + parameters.size() + "::text as interval)"
                        + " where " + sql.where() + sql.groupBy())
                .execute(parameters)
                .map(rows -> map(rows, row -> new Holdout(sql.key(row), row.getLong("devices"), row.getLong("orders"))));
    }

    private <T> Uni<List<T>> select(Sql sql, String measures, String condition, String extraGroup, Function<Row, T> read) {
        String group = sql.groupBy().isEmpty() && !extraGroup.isEmpty() ? " group by " + extraGroup.substring(2)
                : sql.groupBy() + extraGroup;
        return pool.preparedQuery("select " + sql.columns() + measures + " from " + sql.table() + " where " + sql.where()
                        + condition + group)
                .execute(sql.parameters())
                .map(rows -> map(rows, read));
    }

    private static <T> List<T> map(Iterable<Row> rows, Function<Row, T> read) {
        List<T> result = new ArrayList<>();
        rows.forEach(row -> result.add(read.apply(row)));
        return result;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** The SQL of a report query against one table: its key columns, conditions and parameters. */
    private record Sql(String table, List<String> expressions, String where, Tuple parameters) {

        static final String HOURLY = "funnel_hourly";
        static final String DAILY = "funnel_daily_reach";
        static final String ORDER_LINES = "funnel_order_line";
        static final String HOLDOUTS = "funnel_holdout h";

        static Sql of(ReportQuery query, String time, String table) {
            String prefix = table.equals(HOLDOUTS) ? "h." : "";
            List<String> expressions = query.groupBy().stream().map(dimension -> switch (dimension) {
                case TENANT -> prefix + "tenant_id";
                case CAMPAIGN -> prefix + "campaign_id";
                case CONTENT -> prefix + "content_id";
                case OVERLAY -> prefix + "overlay_id";
                case DAY -> "to_char(" + time + " at time zone 'UTC', 'YYYY-MM-DD')";
                case HOUR -> "to_char(date_trunc('hour', " + time + " at time zone 'UTC'), 'YYYY-MM-DD\"T\"HH24\":00:00Z\"')";
            }).toList();
            Tuple parameters = Tuple.of(query.from().atOffset(ZoneOffset.UTC), query.to().atOffset(ZoneOffset.UTC));
            StringBuilder where = new StringBuilder(time + " >= $1 and " + time + " < $2");
            filter(where, parameters, prefix + "tenant_id", query.tenant());
            filter(where, parameters, prefix + "campaign_id", query.campaignId());
            filter(where, parameters, prefix + "content_id", query.contentId());
            filter(where, parameters, prefix + "overlay_id", query.overlayId());
            return new Sql(table, expressions, where.toString(), parameters);
        }

        private static void filter(StringBuilder where, Tuple parameters, String column, String value) {
            if (value != null) {
                parameters.addString(value);
                where.append(" and ").append(column).append(" = $").append(parameters.size());
            }
        }

        String columns() {
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < expressions.size(); i++) {
                columns.append(expressions.get(i)).append(" as k").append(i).append(", ");
            }
            return columns.toString();
        }

        String groupBy() {
            return expressions.isEmpty() ? "" : " group by " + expressions.stream().collect(Collectors.joining(", "));
        }

        List<String> key(Row row) {
            List<String> key = new ArrayList<>(expressions.size());
            for (int i = 0; i < expressions.size(); i++) {
                String value = row.getString("k" + i);
                key.add(value == null || value.isEmpty() ? null : value);
            }
            return key;
        }
    }
}
