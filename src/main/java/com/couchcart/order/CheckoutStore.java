package com.couchcart.order;

import com.couchcart.platform.idempotency.IdempotencyKeys;
import com.couchcart.platform.outbox.Outbox;
import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.payment.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Places an order in one PostgreSQL transaction: the idempotency key, the stock, the order with its lines and
 * its outbox event. Whatever fails, none of them is left behind.
 */
@ApplicationScoped
class CheckoutStore {

    private static final String ONE_ORDER_PER_HANDOFF = "orders_handoff_id_key";

    /** What a checkout produced: the order it placed now, or the answer of a twin request that placed it first. */
    record Placed(Order order, IdempotencyKeys.Answer answer) {

        boolean replayed() {
            return order == null;
        }
    }

    private final Pool pool;
    private final IdempotencyKeys keys;
    private final Outbox outbox;

    CheckoutStore(Pool pool, IdempotencyKeys keys, Outbox outbox) {
        this.pool = pool;
        this.keys = keys;
        this.outbox = outbox;
    }

    /**
     * Prices {@code order}'s lines from the catalogue, reserves their stock, arranges payment and stores it;
     * {@code answerOf} gives the answer remembered for the idempotency key.
     */
    Uni<Placed> place(Order order, PaymentProvider payment, IdempotencyKeys.Use use,
                      Function<Order, IdempotencyKeys.Answer> answerOf) {
        return pool.withTransaction(transaction -> keys.reserve(transaction, use).flatMap(twin -> twin != null
                        ? Uni.createFrom().item(new Placed(null, twin))
                        : lockProducts(transaction, order)
                                .invoke(products -> price(order, products))
                                .chain(() -> reserveStock(transaction, order))
                                .chain(() -> payment.arrange(order.id, order.totalAmount, order.currency))
                                .invoke(status -> order.paymentStatus = status)
                                .chain(() -> transaction.query("select nextval('order_number_seq')").execute())
                                .invoke(rows -> order.number = "CC-%08d".formatted(rows.iterator().next().getLong(0)))
                                .chain(() -> insert(transaction, order))
                                .chain(() -> outbox.append(transaction, OrderEvents.placed(order)))
                                .map(ignored -> answerOf.apply(order))
                                .call(answer -> keys.remember(transaction, use, answer))
                                .map(answer -> new Placed(order, answer))))
                .onFailure(CheckoutStore::secondOrderOfHandoff).transform(failure -> new ProblemException(
                        ProblemType.CONFLICT, "This handoff was checked out already."));
    }

    /** The order a handoff became and the products it holds; null when there is none. */
    Uni<OrderOfHandoff> orderOf(String handoffId) {
        return pool.preparedQuery("""
                        select o.id, l.sku from orders o join order_line l on l.order_id = o.id
                        where o.handoff_id = $1 order by l.line_no""")
                .execute(Tuple.of(handoffId))
                .map(rows -> {
                    List<String> skus = new ArrayList<>();
                    UUID id = null;
                    for (Row row : rows) {
                        id = row.getUUID("id");
                        skus.add(row.getString("sku"));
                    }
                    return id == null ? null : new OrderOfHandoff(id, skus);
                });
    }

    record OrderOfHandoff(UUID orderId, List<String> skus) {
    }

    /** The products of the order, locked until the transaction ends, in one order so two checkouts never deadlock. */
    private static Uni<Map<String, Row>> lockProducts(SqlConnection transaction, Order order) {
        String[] skus = order.lines.stream().map(line -> line.sku).sorted().toArray(String[]::new);
        return transaction.preparedQuery("""
                        select sku, title, price_amount, currency, stock, active from product
                        where sku = any($1) order by sku for update""")
                .execute(Tuple.of(skus))
                .map(rows -> {
                    Map<String, Row> products = new HashMap<>();
                    rows.forEach(row -> products.put(row.getString("sku"), row));
                    return products;
                });
    }

    /** Sets today's title and price on each line and the total, or refuses the lines that cannot be bought. */
    private static void price(Order order, Map<String, Row> products) {
        List<FieldError> refused = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        String currency = null;
        for (int i = 0; i < order.lines.size(); i++) {
            OrderLine line = order.lines.get(i);
            Row product = products.get(line.sku);
            if (product == null || !product.getBoolean("active")) {
                refused.add(new FieldError("lines[" + i + "]", line.sku + ": no longer on sale"));
                continue;
            }
            if (product.getInteger("stock") < line.quantity) {
                refused.add(new FieldError("lines[" + i + "]", line.sku + ": " + line.quantity + " wanted, "
                        + product.getInteger("stock") + " in stock"));
                continue;
            }
            line.title = product.getString("title");
            line.unitPrice = product.getBigDecimal("price_amount").setScale(2);
            line.lineTotal = line.unitPrice.multiply(BigDecimal.valueOf(line.quantity));
            total = total.add(line.lineTotal);
            if (currency != null && !currency.equals(product.getString("currency"))) {
                throw new ProblemException(ProblemType.CONFLICT, "The cart mixes currencies; one order has one currency.");
            }
            currency = product.getString("currency");
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(ProblemType.INSUFFICIENT_STOCK, "Not every line can be ordered: "
                    + String.join("; ", refused.stream().map(FieldError::message).toList())
                    + ". Nothing was reserved; change the cart on the TV and try again.", refused, Map.of());
        }
        order.totalAmount = total;
        order.currency = currency;
    }

    /** Takes the stock; the guard keeps it from going below zero even if a lock were ever missed. */
    private static Uni<Void> reserveStock(SqlConnection transaction, Order order) {
        List<Tuple> lines = order.lines.stream().map(line -> Tuple.of(line.sku, line.quantity)).toList();
        return transaction.preparedQuery(
                        // clock_timestamp(), not now(): the catalogue reads rows changed since it last looked, and a
                        // checkout that waited on locks must not stamp its change with the start of its transaction.
                        "update product set stock = stock - $2, updated_at = clock_timestamp() where sku = $1 and stock >= $2")
                .executeBatch(lines)
                .invoke(rows -> {
                    int updated = 0;
                    for (var result = rows; result != null; result = result.next()) {
                        updated += result.rowCount();
                    }
                    if (updated != lines.size()) {
                        throw new IllegalStateException("Stock changed under a lock");
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<Void> insert(SqlConnection transaction, Order order) {
        return transaction.preparedQuery("""
                        insert into orders (id, number, status, tenant_id, device_id, shopper_subject, handoff_id,
                                            total_amount, currency, shipping_address, payment_method, payment_status,
                                            created_at, updated_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)""")
                .execute(Tuple.from(new Object[] {order.id, order.number, order.status.name(), order.tenantId,
                        order.deviceId, order.shopperSubject, order.handoffId, order.totalAmount, order.currency,
                        new JsonObject(order.shippingAddress), order.paymentMethod,
                        order.paymentStatus, order.createdAt.atOffset(ZoneOffset.UTC)}))
                .chain(() -> transaction.preparedQuery("""
                                insert into order_line (order_id, line_no, sku, title, quantity, unit_price, line_total,
                                                        overlay_id, campaign_id, content_id, added_at)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                        .executeBatch(order.lines.stream().map(line -> Tuple.from(new Object[] {order.id, line.lineNo,
                                line.sku, line.title, line.quantity, line.unitPrice, line.lineTotal, line.overlayId,
                                line.campaignId, line.contentId,
                                line.addedAt == null ? null : line.addedAt.atOffset(ZoneOffset.UTC)})).toList()))
                .replaceWithVoid();
    }

    private static boolean secondOrderOfHandoff(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && ONE_ORDER_PER_HANDOFF.equals(pg.getConstraint());
    }
}
