package com.couchcart.funnel;

import com.couchcart.platform.IncomingCloudEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the order events ({@code couchcart.orders}, as any downstream system does) and keeps every ordered line as
 * the funnel credits it ({@link Attribution}); a cancellation marks the order's lines. Both are idempotent, so an
 * event read again changes nothing.
 */
@ApplicationScoped
class OrderCredits {

    /** The order events of the contract (DESIGN.md, Kafka topics). */
    static final String PLACED = "com.couchcart.order.placed.v1";
    static final String STATUS_CHANGED = "com.couchcart.order.status-changed.v1";
    private static final Logger LOG = Logger.getLogger(OrderCredits.class);

    /** An ordered line as the funnel keeps it; campaign, content and overlay are null unless credited. */
    record Line(UUID orderId, int lineNo, String tenant, String deviceId, Instant placedAt, String sku, int units,
                BigDecimal revenue, String currency, boolean credited, String campaignId, String contentId,
                String overlayId) {
    }

    private final FunnelStore store;
    private final ObjectMapper mapper;
    private final Attribution attribution;

    OrderCredits(FunnelStore store, ObjectMapper mapper, FunnelConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.attribution = new Attribution(config.attributionWindow());
    }

    @Incoming("funnel-orders")
    Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingCloudEvent event;
        try {
            event = IncomingCloudEvent.read(record.headers(), record.value(), mapper);
        } catch (IncomingCloudEvent.Unreadable unreadable) {
            LOG.warnf("Skipped an unreadable order event: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        try {
            if (PLACED.equals(event.type())) {
                return FunnelSink.untilStored(store.saveOrderLines(lines(data)));
            }
            if (STATUS_CHANGED.equals(event.type()) && "CANCELLED".equals(data.path("status").asText())) {
                return FunnelSink.untilStored(store.cancelOrder(UUID.fromString(data.path("orderId").asText())));
            }
        } catch (RuntimeException unreadable) {
            LOG.warnf("Skipped order event %s: %s", event.id(), unreadable.toString());
        }
        return Uni.createFrom().voidItem();
    }

    List<Line> lines(JsonNode order) {
        UUID orderId = UUID.fromString(order.path("orderId").asText());
        Instant placedAt = Instant.parse(order.path("createdAt").asText());
        List<Line> lines = new ArrayList<>();
        int lineNo = 0;
        for (JsonNode line : order.path("lines")) {
            lineNo++;
            String campaign = text(line, "campaignId");
            String overlay = text(line, "overlayId");
            String added = text(line, "addedAt");
            boolean credited = attribution.credits(campaign, overlay, added == null ? null : Instant.parse(added), placedAt);
            lines.add(new Line(orderId, lineNo, order.path("tenant").asText(), order.path("deviceId").asText(), placedAt,
                    line.path("sku").asText(), line.path("quantity").asInt(),
                    new BigDecimal(line.path("lineTotal").path("amount").asText()),
                    line.path("lineTotal").path("currency").asText(), credited,
                    credited ? campaign : null, credited ? text(line, "contentId") : null, credited ? overlay : null));
        }
        return lines;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
