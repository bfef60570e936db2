package com.couchcart.overlay;

import com.couchcart.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineValidatorTest {

    private static final ContentInfo VOD = new ContentInfo("show", "Show", ContentInfo.Kind.VOD, 600_000L, 1);
    private static final ContentInfo LIVE = new ContentInfo("live", "Live", ContentInfo.Kind.LIVE, null, 1);
    private static final Map<String, Boolean> PRODUCTS = Map.of("SKU-A", true, "SKU-OFF", false);
    private static final Set<String> TENANTS = Set.of("hisense");

    @Test
    void aValidTimelinePasses() {
        assertThat(check(VOD, cue("a", 0L, 1000L), cue("b", 1000L, 600_000L))).isEmpty();
    }

    @Test
    void timesMustLieInsideTheContent() {
        assertThat(check(VOD, cue("late", 599_000L, 600_001L))).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("cues[0].endMs"));
        assertThat(check(VOD, cue("backwards", 5000L, 5000L))).extracting(FieldError::field).containsExactly("cues[0].endMs");
        assertThat(check(VOD, cue("untimed", null, null))).extracting(FieldError::field).containsExactly("cues[0].startMs");
        assertThat(check(LIVE, cue("half", 10L, null))).extracting(FieldError::field).containsExactly("cues[0].endMs");
        assertThat(check(LIVE, cue("prepared", null, null))).isEmpty();
    }

    @Test
    void idsAreUniqueWithinATimeline() {
        assertThat(check(VOD, cue("same", 0L, 1000L), cue("same", 2000L, 3000L)))
                .extracting(FieldError::field).containsExactly("cues[1].id");
    }

    @Test
    void productsMustExistAndBeActive() {
        assertThat(check(VOD, withSku(cue("a", 0L, 1000L), "SKU-NONE"), withSku(cue("b", 0L, 1000L), "SKU-OFF")))
                .extracting(FieldError::message)
                .containsExactly("cue 'a': no product 'SKU-NONE'", "cue 'b': product 'SKU-OFF' is not active");
    }

    @Test
    void targetedTenantsMustExist() {
        CueRequest cue = new CueRequest("a", 0L, 1000L, "SKU-A", new Placement("center", 50.0, 50.0), null, null, null,
                new Targeting(List.of("hisense", "nobody"), List.of(), List.of()), null, null);
        assertThat(check(VOD, cue)).extracting(FieldError::message).containsExactly("cue 'a': no tenant 'nobody'");
    }

    @Test
    void validityMustBeAnInterval() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        CueRequest cue = new CueRequest("a", 0L, 1000L, "SKU-A", new Placement("center", 50.0, 50.0), null, null, null,
                null, t, t);
        assertThat(check(VOD, cue)).extracting(FieldError::field).containsExactly("cues[0].validUntil");
    }

    @Test
    void atMostNCuesOnScreenAtOnce() {
        List<FieldError> errors = check(VOD, cue("a", 0L, 10_000L), cue("b", 1000L, 5000L), cue("c", 2000L, 3000L),
                cue("d", 3000L, 4000L));
        // Limit 2: c starts while a and b run; d starts as c ends (end exclusive), while a and b still run.
        assertThat(errors).extracting(FieldError::field).containsExactly("cues[2].startMs", "cues[3].startMs");
        assertThat(errors.get(0).message()).contains("more than 2 cues", "2000 ms");
    }

    @Test
    void everyOffenceIsListed() {
        List<FieldError> errors = check(VOD, cue("a", 0L, 700_000L), withSku(cue("a", 0L, 1000L), "SKU-NONE"));
        assertThat(errors).hasSize(3);
    }

    private static List<FieldError> check(ContentInfo content, CueRequest... cues) {
        return TimelineValidator.check(content, List.of(cues), PRODUCTS, TENANTS, 2);
    }

    private static CueRequest cue(String id, Long start, Long end) {
        return new CueRequest(id, start, end, "SKU-A", new Placement("center", 50.0, 50.0), "OK", null, 0, null, null, null);
    }

    private static CueRequest withSku(CueRequest cue, String sku) {
        return new CueRequest(cue.id(), cue.startMs(), cue.endMs(), sku, cue.placement(), cue.cta(), cue.campaignId(),
                cue.priority(), cue.targeting(), cue.validFrom(), cue.validUntil());
    }
}
