package com.couchcart.funnel;

import com.couchcart.platform.Money;

import java.util.List;

/** Each TV brand's credited orders in a month, for its share of the revenue. */
record TenantStatement(String month, List<Row> rows) {

    record Row(String tenant, long orders, long units, List<Money> revenue, List<Money> cancelledRevenue) {
    }
}
