package com.couchcart.funnel;

import com.couchcart.platform.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Funnel reports and tenant statements, put together from the funnel's tables. */
@ApplicationScoped
class ReportService {

    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int compared = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    };

    private final FunnelStore store;
    private final Duration window;

    ReportService(FunnelStore store, FunnelConfig config) {
        this.store = store;
        this.window = config.attributionWindow();
    }

    Uni<FunnelReport> funnel(ReportQuery query) {
        ReportQuery whole = query.withoutGrouping();
        return Uni.combine().all().unis(store.counts(query), store.reach(query), store.creditedOrders(query),
                        store.holdouts(query, window), store.creditedOrders(whole), store.holdouts(whole, window),
                        store.unattributedOrders(query))
                .with(results -> {
                    @SuppressWarnings("unchecked") var counts = (List<FunnelStore.Counts>) results.get(0);
                    @SuppressWarnings("unchecked") var reach = (List<FunnelStore.Reach>) results.get(1);
                    @SuppressWarnings("unchecked") var orders = (List<FunnelStore.Orders>) results.get(2);
                    @SuppressWarnings("unchecked") var holdouts = (List<FunnelStore.Holdout>) results.get(3);
                    @SuppressWarnings("unchecked") var allOrders = (List<FunnelStore.Orders>) results.get(4);
                    @SuppressWarnings("unchecked") var allHoldouts = (List<FunnelStore.Holdout>) results.get(5);
                    @SuppressWarnings("unchecked") var unattributed = (List<FunnelStore.Orders>) results.get(6);
                    return report(query, counts, reach, orders, holdouts, allOrders, allHoldouts, unattributed);
                });
    }

    Uni<TenantStatement> tenants(YearMonth month, String onlyTenant) {
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        ReportQuery query = new ReportQuery(from, to, List.of(ReportQuery.Dimension.TENANT), onlyTenant, null, null, null);
        return store.creditedOrders(query).map(lines -> {
            Map<String, List<FunnelStore.Orders>> byTenant = lines.stream()
                    .collect(Collectors.groupingBy(line -> line.key().get(0), TreeMap::new, Collectors.toList()));
            List<TenantStatement.Row> rows = byTenant.entrySet().stream().map(tenant -> new TenantStatement.Row(
                    tenant.getKey(), sum(tenant.getValue(), FunnelStore.Orders::orders),
                    sum(tenant.getValue(), FunnelStore.Orders::units),
                    money(tenant.getValue(), FunnelStore.Orders::revenue),
                    money(tenant.getValue(), FunnelStore.Orders::cancelledRevenue))).toList();
            return new TenantStatement(month.toString(), rows);
        });
    }

    private FunnelReport report(ReportQuery query, List<FunnelStore.Counts> counts, List<FunnelStore.Reach> reach,
                                List<FunnelStore.Orders> orders, List<FunnelStore.Holdout> holdouts,
                                List<FunnelStore.Orders> allOrders, List<FunnelStore.Holdout> allHoldouts,
                                List<FunnelStore.Orders> unattributed) {
        Map<List<String>, FunnelStore.Counts> countsByKey = index(counts, FunnelStore.Counts::key);
        Map<List<String>, Sketch> reachByKey = new LinkedHashMap<>();
        reach.forEach(group -> reachByKey.put(group.key(), group.devices()));
        Map<List<String>, List<FunnelStore.Orders>> ordersByKey = orders.stream()
                .collect(Collectors.groupingBy(FunnelStore.Orders::key));
        Map<List<String>, FunnelStore.Holdout> holdoutsByKey = index(holdouts, FunnelStore.Holdout::key);

        List<List<String>> keys = new ArrayList<>();
        for (var source : List.of(countsByKey.keySet(), reachByKey.keySet(), ordersByKey.keySet(), holdoutsByKey.keySet())) {
            source.stream().filter(key -> !keys.contains(key)).forEach(keys::add);
        }
        keys.sort(KEY_ORDER);
        // A row with nothing to show (say, only holdouts of an overlay of no campaign) is left out.
        List<FunnelReport.Row> rows = keys.stream().map(key -> new FunnelReport.Row(named(query, key),
                        metrics(countsByKey.get(key), reachByKey.getOrDefault(key, Sketch.EMPTY),
                                ordersByKey.getOrDefault(key, List.of()), holdoutsByKey.get(key))))
                .filter(row -> !row.metrics().isEmpty()).toList();

        FunnelStore.Counts total = new FunnelStore.Counts(List.of(), sum(counts, FunnelStore.Counts::impressions),
                sum(counts, FunnelStore.Counts::clicks), sum(counts, FunnelStore.Counts::adds));
        Sketch everyone = reach.stream().map(FunnelStore.Reach::devices).reduce(Sketch.EMPTY, Sketch::merge);
        FunnelReport.Totals totals = new FunnelReport.Totals(
                metrics(total, everyone, allOrders, allHoldouts.isEmpty() ? null : allHoldouts.get(0)),
                sum(unattributed, FunnelStore.Orders::orders), money(unattributed, FunnelStore.Orders::revenue));
        return new FunnelReport(query.from(), query.to(),
                query.groupBy().stream().map(ReportQuery.Dimension::key).toList(), iso(window), rows, totals);
    }

    /** A window as ISO-8601 says it plainly: P14D rather than PT336H. */
    static String iso(Duration window) {
        return window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
    }

    private static FunnelReport.Metrics metrics(FunnelStore.Counts counts, Sketch reach, List<FunnelStore.Orders> orders,
                                                FunnelStore.Holdout holdout) {
        long impressions = counts == null ? 0 : counts.impressions();
        long clicks = counts == null ? 0 : counts.clicks();
        long adds = counts == null ? 0 : counts.adds();
        long devices = reach.count();
        long ordered = sum(orders, FunnelStore.Orders::orders);
        long heldOut = holdout == null ? 0 : holdout.devices();
        long heldOutOrders = holdout == null ? 0 : holdout.orders();
        return new FunnelReport.Metrics(impressions, devices, clicks, adds, ordered, sum(orders, FunnelStore.Orders::units),
                money(orders, FunnelStore.Orders::revenue), FunnelReport.ratio(clicks, impressions),
                FunnelReport.ratio(adds, impressions), FunnelReport.ratio(ordered, devices),
                new FunnelReport.HoldoutMetrics(heldOut, heldOutOrders, FunnelReport.ratio(heldOutOrders, heldOut)),
                FunnelReport.Lift.of(ordered, devices, heldOutOrders, heldOut));
    }

    private static Map<String, String> named(ReportQuery query, List<String> key) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            named.put(query.groupBy().get(i).key(), key.get(i));
        }
        return named;
    }

    private static <T> Map<List<String>, T> index(List<T> groups, Function<T, List<String>> key) {
        Map<List<String>, T> index = new LinkedHashMap<>();
        groups.forEach(group -> index.put(key.apply(group), group));
        return index;
    }

    private static <T> long sum(List<T> groups, java.util.function.ToLongFunction<T> value) {
        return groups.stream().mapToLong(value).sum();
    }

    /** Amounts per currency, in currency order; currencies with nothing are left out. */
    private static List<Money> money(List<FunnelStore.Orders> groups, Function<FunnelStore.Orders, BigDecimal> amount) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        groups.forEach(group -> byCurrency.merge(group.currency(), amount.apply(group), BigDecimal::add));
        return byCurrency.entrySet().stream().filter(entry -> entry.getValue().signum() != 0)
                .map(entry -> Money.of(entry.getValue(), entry.getKey())).toList();
    }
}
