package com.couchcart.funnel;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A funnel event counts in the hour it happened: its CloudEvents {@code time}, whoever produced the record and
 * however late it arrived; the record's own timestamp where the header is missing or unreadable.
 */
class EventTime implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Header time = record.headers().lastHeader("ce_time");
        if (time != null && time.value() != null) {
            try {
                return OffsetDateTime.parse(new String(time.value(), StandardCharsets.UTF_8)).toInstant().toEpochMilli();
            } catch (DateTimeParseException unreadable) {
                // Counted by the record's timestamp instead.
            }
        }
        return record.timestamp();
    }
}
