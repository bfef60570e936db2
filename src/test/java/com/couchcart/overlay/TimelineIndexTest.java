package com.couchcart.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineIndexTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ContentInfo VOD = new ContentInfo("show", "Show", ContentInfo.Kind.VOD, 600_000L, 7);
    private static final Audience ANYONE = new Audience("hisense", null, null);
    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    @Test
    void startIsInclusiveAndEndExclusive() throws IOException {
        TimelineIndex index = index(cue("a", 1000, 2000, 0));
        assertThat(ids(index.at(999, ANYONE, NOW))).isEmpty();
        assertThat(ids(index.at(1000, ANYONE, NOW))).containsExactly("a");
        assertThat(ids(index.at(1999, ANYONE, NOW))).containsExactly("a");
        assertThat(ids(index.at(2000, ANYONE, NOW))).isEmpty();
    }

    @Test
    void aCueOnTheLastMillisecondOfTheContent() throws IOException {
        TimelineIndex index = index(cue("last", 599_999, 600_000, 0));
        assertThat(ids(index.at(599_999, ANYONE, NOW))).containsExactly("last");
        assertThat(ids(index.at(600_000, ANYONE, NOW))).isEmpty();
        assertThat(ids(index.window(599_000, 600_000, ANYONE, NOW))).containsExactly("last");
    }

    @Test
    void overlappingCuesComeHighestPriorityFirst() throws IOException {
        TimelineIndex index = index(cue("low", 0, 10_000, 1), cue("high", 5000, 15_000, 9), cue("mid", 4000, 6000, 5));
        assertThat(ids(index.at(5500, ANYONE, NOW))).containsExactly("high", "mid", "low");
        assertThat(ids(index.at(3000, ANYONE, NOW))).containsExactly("low");
        assertThat(ids(index.at(12_000, ANYONE, NOW))).containsExactly("high");
    }

    @Test
    void aWindowReturnsEveryIntersectingCueInOrderOfStart() throws IOException {
        TimelineIndex index = index(cue("a", 0, 1000, 0), cue("b", 1000, 2000, 0), cue("c", 5000, 6000, 3),
                cue("d", 5000, 9000, 7), cue("e", 20_000, 21_000, 0));
        assertThat(ids(index.window(500, 5001, ANYONE, NOW))).containsExactly("a", "b", "d", "c");
        // [from, to): a cue starting at `to` is outside, a cue ending at `from` too.
        assertThat(ids(index.window(1000, 5000, ANYONE, NOW))).containsExactly("b");
        assertThat(ids(index.window(0, 100_000, ANYONE, NOW))).containsExactly("a", "b", "d", "c", "e");
    }

    @Test
    void emptyAnswersBetweenBeforeAndAfterTheCues() throws IOException {
        TimelineIndex index = index(cue("a", 10_000, 20_000, 0));
        assertThat(ids(index.window(0, 10_000, ANYONE, NOW))).isEmpty();
        assertThat(ids(index.window(20_000, 30_000, ANYONE, NOW))).isEmpty();
        assertThat(ids(index.at(500_000, ANYONE, NOW))).isEmpty();
        assertThat(ids(index(List.of()).at(0, ANYONE, NOW))).isEmpty();
        assertThat(ids(index(List.of()).window(0, 600_000, ANYONE, NOW))).isEmpty();
    }

    @Test
    void targetingByTenantRegionAndLocale() throws IOException {
        TimelineIndex index = index(
                cue("all", 0, 1000, 0),
                targeted("xiaomi-only", new Targeting(List.of("xiaomi"), List.of(), List.of())),
                targeted("zhejiang", new Targeting(List.of(), List.of("CN-ZJ"), List.of())),
                targeted("china", new Targeting(List.of(), List.of("CN"), List.of())),
                targeted("chinese", new Targeting(List.of(), List.of(), List.of("zh"))));

        assertThat(ids(index.at(500, new Audience("hisense", null, null), NOW))).containsExactlyInAnyOrder("all");
        assertThat(ids(index.at(500, new Audience("xiaomi", null, null), NOW))).containsExactlyInAnyOrder("all", "xiaomi-only");
        assertThat(ids(index.at(500, new Audience("hisense", "CN-ZJ", null), NOW)))
                .containsExactlyInAnyOrder("all", "zhejiang", "china");
        assertThat(ids(index.at(500, new Audience("hisense", "CN-BJ", null), NOW))).containsExactlyInAnyOrder("all", "china");
        assertThat(ids(index.at(500, new Audience("hisense", "CNX", null), NOW))).containsExactlyInAnyOrder("all");
        assertThat(ids(index.at(500, new Audience("hisense", null, "zh-CN"), NOW))).containsExactlyInAnyOrder("all", "chinese");
        assertThat(ids(index.at(500, new Audience("hisense", null, "en-US"), NOW))).containsExactlyInAnyOrder("all");
    }

    @Test
    void validityIsCheckedAgainstTheWallClockAndTheAnswerExpiresWhenItChanges() throws IOException {
        Instant from = Instant.ofEpochMilli(NOW + 60_000);
        Instant until = Instant.ofEpochMilli(NOW + 120_000);
        TimelineIndex index = index(cue("always", 0, 1000, 0), valid("promo", from, until));

        TimelineIndex.Rendered before = index.at(500, ANYONE, NOW);
        assertThat(ids(before)).containsExactly("always");
        assertThat(before.expiresAt()).isEqualTo(from.toEpochMilli());

        TimelineIndex.Rendered during = index.at(500, ANYONE, from.toEpochMilli());
        assertThat(ids(during)).containsExactlyInAnyOrder("always", "promo");
        assertThat(during.etag().toString()).isNotEqualTo(before.etag().toString());
        assertThat(during.expiresAt()).isEqualTo(until.toEpochMilli());

        assertThat(ids(index.at(500, ANYONE, until.toEpochMilli()))).containsExactly("always");
    }

    @Test
    void anInactiveProductHidesItsCues() throws IOException {
        Cue inactive = new Cue("off", 0L, 1000L, new Cue.ProductInfo("SKU-OFF", "Off", BigDecimal.TEN, "CNY", null, false),
                new Placement("center", 50.0, 50.0), null, null, 0, Targeting.EVERYONE, null, null);
        assertThat(ids(index(cue("on", 0, 1000, 0), inactive).at(10, ANYONE, NOW))).containsExactly("on");
    }

    @Test
    void answersCarryTheContractShapeAndAnETagThatFollowsTheBody() throws IOException {
        TimelineIndex index = index(cue("a", 0, 1000, 0));
        TimelineIndex.Rendered answer = index.at(10, ANYONE, NOW);
        JsonNode body = MAPPER.readTree(answer.body());
        assertThat(body.get("contentId").asText()).isEqualTo("show");
        assertThat(body.get("version").asLong()).isEqualTo(7);
        JsonNode overlay = body.get("overlays").get(0);
        assertThat(overlay.get("product").get("price").get("amount").asText()).isEqualTo("12.90");
        assertThat(overlay.get("product").get("price").get("currency").asText()).isEqualTo("CNY");
        assertThat(overlay.get("placement").get("anchor").asText()).isEqualTo("bottom-right");
        assertThat(answer.etag().toString()).startsWith("\"7-").endsWith("\"");
        assertThat(index.at(20, ANYONE, NOW)).isSameAs(answer);
        assertThat(index.at(2000, ANYONE, NOW).etag().toString()).isNotEqualTo(answer.etag().toString());
    }

    private static TimelineIndex index(Cue... cues) {
        return index(List.of(cues));
    }

    private static TimelineIndex index(List<Cue> cues) {
        return TimelineIndex.of(VOD, cues, MAPPER);
    }

    private static Cue cue(String id, long start, long end, int priority) {
        return new Cue(id, start, end, new Cue.ProductInfo("SKU-" + id, "Product " + id, new BigDecimal("12.90"),
                "CNY", "https://img.example/" + id + ".jpg", true), new Placement("bottom-right", 85.0, 80.0),
                "Press OK", "campaign", priority, Targeting.EVERYONE, null, null);
    }

    private static Cue targeted(String id, Targeting targeting) {
        Cue base = cue(id, 0, 1000, 0);
        return new Cue(id, base.startMs(), base.endMs(), base.product(), base.placement(), base.cta(),
                base.campaignId(), 0, targeting, null, null);
    }

    private static Cue valid(String id, Instant from, Instant until) {
        Cue base = cue(id, 0, 1000, 0);
        return new Cue(id, base.startMs(), base.endMs(), base.product(), base.placement(), base.cta(),
                base.campaignId(), 0, Targeting.EVERYONE, from, until);
    }

    private static List<String> ids(TimelineIndex.Rendered answer) throws IOException {
        List<String> ids = new ArrayList<>();
        MAPPER.readTree(answer.body()).get("overlays").forEach(overlay -> ids.add(overlay.get("id").asText()));
        return ids;
    }
}
