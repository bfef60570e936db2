package com.couchcart.funnel;

import com.couchcart.platform.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A funnel report's rows as CSV (RFC 4180): the key columns, then the metrics, revenue as {@code revenue_<CURRENCY>}. */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(FunnelReport report) {
        TreeSet<String> currencies = new TreeSet<>();
        report.rows().forEach(row -> row.metrics().revenue().forEach(money -> currencies.add(money.currency())));
        List<String> header = new ArrayList<>(report.groupBy());
        header.addAll(List.of("impressions", "reach", "clicks", "adds", "orders", "units"));
        currencies.forEach(currency -> header.add("revenue_" + currency));
        header.addAll(List.of("ctr", "addRate", "conversionRate", "holdoutDevices", "holdoutOrders",
                "holdoutConversionRate", "lift", "liftLow", "liftHigh"));
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (FunnelReport.Row row : report.rows()) {
            List<String> cells = new ArrayList<>();
            report.groupBy().forEach(dimension -> cells.add(row.key().get(dimension)));
            FunnelReport.Metrics metrics = row.metrics();
            for (long value : new long[] {metrics.impressions(), metrics.reach(), metrics.clicks(), metrics.adds(),
                    metrics.orders(), metrics.units()}) {
                cells.add(Long.toString(value));
            }
            for (String currency : currencies) {
                cells.add(metrics.revenue().stream().filter(money -> money.currency().equals(currency))
                        .map(Money::amount).findFirst().orElse("0.00"));
            }
            cells.addAll(List.of(number(metrics.ctr()), number(metrics.addRate()), number(metrics.conversionRate()),
                    Long.toString(metrics.holdout().devices()), Long.toString(metrics.holdout().orders()),
                    number(metrics.holdout().conversionRate())));
            FunnelReport.Lift lift = metrics.lift();
            cells.addAll(lift == null ? List.of("", "", "")
                    : List.of(number(lift.value()), number(lift.low()), number(lift.high())));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            csv.append(cell.matches("[^\",\\r\\n]*") ? cell : "\"" + cell.replace("\"", "\"\"") + "\"");
        }
        csv.append("\r\n");
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
