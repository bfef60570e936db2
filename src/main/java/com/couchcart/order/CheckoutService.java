package com.couchcart.order;

import com.couchcart.cart.CartService;
import com.couchcart.cart.CartView;
import com.couchcart.catalog.ProductCatalog;
import com.couchcart.handoff.Handoff;
import com.couchcart.handoff.HandoffService;
import com.couchcart.handoff.HandoffSettlement;
import com.couchcart.handoff.HandoffStatus;
import com.couchcart.payment.PaymentProvider;
import com.couchcart.payment.Payments;
import com.couchcart.platform.Unavailable;
import com.couchcart.platform.idempotency.IdempotencyKeys;
import com.couchcart.platform.outbox.OutboxRelay;
import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checkout: the claimed handoff's cart becomes an order, once. The order, its stock, its outbox event and the
 * idempotency key's answer commit together; only then is the handoff completed and the TV's cart emptied of
 * what was ordered. Those last steps are repeated by a retry of the same request, so a crash between commit and
 * them is healed by the phone's retry.
 */
@ApplicationScoped
public class CheckoutService implements HandoffSettlement {

    static final String OPERATION = "checkout";
    private static final Logger LOG = Logger.getLogger(CheckoutService.class);

    private final HandoffService handoffs;
    private final CartService carts;
    private final ProductCatalog catalog;
    private final Payments payments;
    private final IdempotencyKeys keys;
    private final CheckoutStore store;
    private final OutboxRelay relay;
    private final ObjectMapper mapper;

    public CheckoutService(HandoffService handoffs, CartService carts, ProductCatalog catalog, Payments payments,
                           IdempotencyKeys keys, CheckoutStore store, OutboxRelay relay, ObjectMapper mapper) {
        this.handoffs = handoffs;
        this.carts = carts;
        this.catalog = catalog;
        this.payments = payments;
        this.keys = keys;
        this.store = store;
        this.relay = relay;
        this.mapper = mapper;
    }

    /** Places the order of a claimed handoff, or replays the answer this key was given before. */
    public Uni<IdempotencyKeys.Answer> checkout(String shopper, String idempotencyKey, CheckoutRequest request) {
        IdempotencyKeys.Use use = keys.use(shopper, OPERATION, idempotencyKey, request);
        PaymentProvider payment = payments.forMethod(request.paymentMethod()).orElseThrow(() -> invalid(
                "paymentMethod", "must be one of " + String.join(", ", payments.methods())));
        return Unavailable.guard("Orders", keys.find(use)).flatMap(stored -> stored != null
                ? replay(shopper, request, stored)
                : place(shopper, request, payment, use)
                        // A twin request with this key may have just succeeded (and completed the handoff).
                        .onFailure(ProblemException.class).recoverWithUni(failure -> Unavailable.guard("Orders", keys.find(use))
                                .flatMap(twin -> twin != null ? replay(shopper, request, twin) : Uni.createFrom().failure(failure))));
    }

    private Uni<IdempotencyKeys.Answer> place(String shopper, CheckoutRequest request, PaymentProvider payment,
                                              IdempotencyKeys.Use use) {
        return handoffs.claimedBy(shopper, request.handoffId())
                .flatMap(handoff -> carts.get(handoff.device()).map(cart -> draft(shopper, handoff, cart, request)))
                .flatMap(order -> Unavailable.guard("Orders", store.place(order, payment, use, this::answer)))
                .invoke(placed -> {
                    if (!placed.replayed()) {
                        relay.wake();
                    }
                })
                .call(placed -> placed.replayed()
                        ? finish(shopper, request.handoffId(), placed.answer())
                        : finish(shopper, request.handoffId(), placed.order().id, skus(placed.order())))
                .map(CheckoutStore.Placed::answer);
    }

    private Uni<IdempotencyKeys.Answer> replay(String shopper, CheckoutRequest request, IdempotencyKeys.Answer answer) {
        return finish(shopper, request.handoffId(), answer).replaceWith(answer);
    }

    private Order draft(String shopper, Handoff handoff, CartView cart, CheckoutRequest request) {
        if (cart.lines().isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "The TV's cart is empty.");
        }
        // The shopper confirms the cart the claim showed them (the QRLJacking defence): if the TV changed it since,
        // they review it again by claiming again.
        boolean changedSinceClaim = handoff.reviewedCartVersion() == null || handoff.reviewedCartVersion() != cart.version();
        if (changedSinceClaim || (request.cartVersion() != null && request.cartVersion() != cart.version())) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "The cart changed on the TV since you reviewed it; claim the code again to review it.");
        }
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.status = OrderStatus.PLACED;
        order.tenantId = handoff.device().tenant();
        order.deviceId = handoff.device().deviceId();
        order.shopperSubject = shopper;
        order.handoffId = handoff.id();
        order.shippingAddress = json(request.shippingAddress());
        order.paymentMethod = request.paymentMethod();
        order.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        order.updatedAt = order.createdAt;
        for (CartView.Line cartLine : cart.lines()) {
            OrderLine line = new OrderLine();
            line.order = order;
            line.lineNo = order.lines.size() + 1;
            line.sku = cartLine.sku();
            line.quantity = cartLine.quantity();
            line.overlayId = cartLine.overlayId();
            line.campaignId = cartLine.campaignId();
            line.contentId = cartLine.contentId();
            line.addedAt = cartLine.addedAt();
            order.lines.add(line);
        }
        return order;
    }

    private IdempotencyKeys.Answer answer(Order order) {
        return IdempotencyKeys.Answer.first(201, "/api/phone/orders/" + order.id, json(OrderView.forShopper(order)));
    }

    /**
     * After a commit: the handoff becomes COMPLETED, then the ordered lines leave the TV's cart, once (the handoff
     * notes it). A step that fails is repeated by a retry of the checkout, or by {@link #settle} when the TV looks.
     */
    private Uni<Void> finish(String shopper, String handoffId, UUID orderId, List<String> skus) {
        return handoffs.complete(handoffId, shopper, orderId)
                .call(handoff -> handoff == null || handoff.status() != HandoffStatus.COMPLETED || handoff.cartCleared()
                        ? Uni.createFrom().voidItem()
                        : carts.removeOrdered(handoff.device(), skus).call(() -> handoffs.cartCleared(handoffId)))
                .call(catalog::changed)
                .replaceWithVoid()
                // The order stands whatever happens here.
                .onFailure().invoke(failure -> LOG.warnf("Order %s placed, but its handoff or cart not updated yet: %s",
                        orderId, failure.toString()))
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<Void> settle(Handoff handoff) {
        return store.orderOf(handoff.id()).flatMap(order -> order == null ? Uni.createFrom().voidItem()
                : finish(handoff.shopper(), handoff.id(), order.orderId(), order.skus()));
    }

    private Uni<Void> finish(String shopper, String handoffId, IdempotencyKeys.Answer answer) {
        JsonNode order = read(answer.body());
        List<String> skus = new ArrayList<>();
        order.path("lines").forEach(line -> skus.add(line.path("sku").asText()));
        return finish(shopper, handoffId, UUID.fromString(order.path("id").asText()), skus);
    }

    private static List<String> skus(Order order) {
        return order.lines.stream().map(line -> line.sku).toList();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored checkout answer is not JSON", e);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }
}
