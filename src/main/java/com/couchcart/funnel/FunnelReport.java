package com.couchcart.funnel;

import com.couchcart.platform.Money;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A funnel report as the API answers it (DESIGN.md, "Campaign measurement (v2)"). */
record FunnelReport(Instant from, Instant to, List<String> groupBy, String attributionWindow, List<Row> rows,
                    Totals totals) {

    /** One group: the values of its dimensions, and its metrics. */
    record Row(Map<String, String> key, @JsonUnwrapped Metrics metrics) {
    }

    record Totals(@JsonUnwrapped Metrics metrics, long unattributedOrders, List<Money> unattributedRevenue) {
    }

    /**
     * A group's funnel. {@code reach}: distinct devices shown an impression; {@code orders}: distinct orders (not
     * cancelled) with a credited line; {@code units}, {@code revenue}: the credited lines of those orders.
     */
    record Metrics(long impressions, long reach, long clicks, long adds, long orders, long units, List<Money> revenue,
                   double ctr, double addRate, double conversionRate, HoldoutMetrics holdout, Lift lift) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        boolean isEmpty() {
            return impressions == 0 && clicks == 0 && adds == 0 && orders == 0 && units == 0 && revenue.isEmpty()
                    && holdout.devices() == 0;
        }
    }

    /** The held-out devices of the group's campaigns, and their orders of the products they were held out from. */
    record HoldoutMetrics(long devices, long orders, double conversionRate) {
    }

    /** Exposed conversion minus holdout conversion, with its 95 % confidence interval. */
    record Lift(double value, double low, double high) {

        private static final double Z95 = 1.959964;

        /**
         * The difference of two proportions with a normal-approximation (Wald) interval; null when either group is
         * empty, since there is nothing to compare.
         */
        static Lift of(long exposedOrders, long exposedDevices, long holdoutOrders, long holdoutDevices) {
            if (exposedDevices == 0 || holdoutDevices == 0) {
                return null;
            }
            double exposed = Math.min(1, (double) exposedOrders / exposedDevices);
            double held = Math.min(1, (double) holdoutOrders / holdoutDevices);
            double error = Math.sqrt(exposed * (1 - exposed) / exposedDevices + held * (1 - held) / holdoutDevices);
            double value = exposed - held;
            return new Lift(round(value), round(value - Z95 * error), round(value + Z95 * error));
        }
    }

    /** A ratio as reports show it: 0 when there is nothing to divide by, six decimals. */
    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
