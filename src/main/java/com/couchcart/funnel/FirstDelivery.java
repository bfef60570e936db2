package com.couchcart.funnel;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lets each funnel event through once: a copy with a CloudEvents id seen within the dedupe window (a relay sent it
 * again) is dropped. Records that are not funnel events are skipped with a warning rather than stop the stream.
 * The store of seen ids is changelogged and updated in the same transaction as the counts (exactly once).
 */
class FirstDelivery implements Processor<String, String, String, FunnelEvent> {

    static final String SEEN = "funnel-seen-ids";
    private static final Logger LOG = Logger.getLogger(FirstDelivery.class);

    private final long window;
    private ProcessorContext<String, FunnelEvent> context;
    private WindowStore<String, Long> seen;

    FirstDelivery(Duration window) {
        this.window = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, FunnelEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN);
    }

    @Override
    public void process(Record<String, String> record) {
        FunnelEvent event = read(record);
        if (event == null) {
            return;
        }
        String id = header(record.headers(), "ce_id");
        if (id != null) {
            long time = record.timestamp();
            try (WindowStoreIterator<Long> copies = seen.fetch(id, time - window, time + window)) {
                if (copies.hasNext()) {
                    return;
                }
            }
            seen.put(id, time, time);
        }
        // The counts downstream are no CloudEvents: the event's own headers stay behind.
        context.forward(record.withValue(event).withHeaders(new RecordHeaders()));
    }

    private static FunnelEvent read(Record<String, String> record) {
        String type = header(record.headers(), "ce_type");
        try {
            for (FunnelEventType candidate : FunnelEventType.values()) {
                if (candidate.cloudEventType().equals(type)) {
                    FunnelEvent event = FunnelEvent.fromData(candidate, new JsonObject(record.value()));
                    if (event.tenant() == null || event.deviceId() == null) {
                        throw new IllegalArgumentException("no tenant or device");
                    }
                    return event;
                }
            }
            throw new IllegalArgumentException("not a funnel event type: " + type);
        } catch (RuntimeException unreadable) {
            LOG.warnf("Skipped a record of %s that is no funnel event: %s", FunnelTopology.INTERACTIONS, unreadable.toString());
            return null;
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
