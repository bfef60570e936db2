package com.couchcart.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * A CloudEvent read from a Kafka record, in either mode of the Kafka protocol binding: binary (attributes in
 * {@code ce_*} headers, the data as the value) or structured (the whole event as a JSON value, content type
 * {@code application/cloudevents+json}).
 */
public record IncomingCloudEvent(String id, String type, String source, String time, JsonNode data) {

    /** A record that is not a CloudEvent this service can read; it goes to a dead-letter topic, with this reason. */
    public static class Unreadable extends RuntimeException {

        public Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    public static IncomingCloudEvent read(Headers headers, String value, ObjectMapper mapper) {
        if (value == null || value.isBlank()) {
            throw new Unreadable("empty record value");
        }
        JsonNode json;
        try {
            json = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new Unreadable("the value is not JSON: " + e.getOriginalMessage());
        }
        if (header(headers, "ce_specversion") != null) {
            return checked(header(headers, "ce_specversion"), header(headers, "ce_id"), header(headers, "ce_type"),
                    header(headers, "ce_source"), header(headers, "ce_time"), json);
        }
        if (json.isObject() && json.has("specversion")) {
            return checked(text(json, "specversion"), text(json, "id"), text(json, "type"), text(json, "source"),
                    text(json, "time"), json.get("data"));
        }
        throw new Unreadable("not a CloudEvent: no ce_specversion header and no structured event");
    }

    private static IncomingCloudEvent checked(String specVersion, String id, String type, String source, String time,
                                              JsonNode data) {
        if (!"1.0".equals(specVersion)) {
            throw new Unreadable("CloudEvents specversion '" + specVersion + "' is not 1.0");
        }
        if (id == null || id.isBlank() || type == null || type.isBlank() || source == null || source.isBlank()) {
            throw new Unreadable("a CloudEvent needs id, type and source");
        }
        if (data == null || !data.isObject()) {
            throw new Unreadable("the event's data is not a JSON object");
        }
        return new IncomingCloudEvent(id, type, source, time, data);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
