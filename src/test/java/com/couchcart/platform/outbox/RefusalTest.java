package com.couchcart.platform.outbox;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which send failures park an event: only Kafka's final refusals, never a passing outage. */
class RefusalTest {

    @Test
    void finalKafkaRefusalsParkTheEvent() {
        assertThat(OutboxRelay.refusedForGood(new RecordTooLargeException("1.1 MB"))).isTrue();
        assertThat(OutboxRelay.refusedForGood(new IllegalStateException("wrapped", new InvalidTopicException("bad name"))))
                .isTrue();
    }

    @Test
    void outagesAndUnknownFailuresDoNot() {
        IllegalStateException exhausted = new IllegalStateException("Retries exhausted");
        exhausted.addSuppressed(new TimeoutException("Topic couchcart.orders not present in metadata after 5000 ms."));
        assertThat(OutboxRelay.refusedForGood(exhausted)).isFalse();
        assertThat(OutboxRelay.refusedForGood(new TimeoutException("Expiring 1 record(s)"))).isFalse();
        assertThat(OutboxRelay.refusedForGood(new IllegalStateException("something else"))).isFalse();
    }
}
