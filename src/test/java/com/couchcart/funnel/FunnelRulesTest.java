package com.couchcart.funnel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The funnel's rules without a broker: attribution, distinct counting, holdout assignment, lift. */
class FunnelRulesTest {

    private static final Instant PLACED = Instant.parse("2026-12-04T12:00:00Z");
    private final Attribution attribution = new Attribution(Duration.ofDays(14));

    @Test
    void anAddCountsForItsOverlayWithinTheWindowAndItsEndButNotAfter() {
        assertThat(attribution.credits("c", "o", PLACED.minus(Duration.ofDays(14).minusHours(1)), PLACED)).isTrue();
        assertThat(attribution.credits("c", "o", PLACED.minus(Duration.ofDays(14)), PLACED)).isTrue();
        assertThat(attribution.credits("c", "o", PLACED.minus(Duration.ofDays(14).plusHours(1)), PLACED)).isFalse();
        assertThat(attribution.credits("c", "o", PLACED.plusSeconds(1), PLACED)).isFalse();
        assertThat(attribution.credits(null, "o", PLACED, PLACED)).isFalse();
        assertThat(attribution.credits("c", null, PLACED, PLACED)).isFalse();
        assertThat(attribution.credits("c", "o", null, PLACED)).isFalse();
    }

    @Test
    void fewDevicesAreCountedExactlyAndMergingTheSameTwiceChangesNothing() {
        Sketch sketch = Sketch.EMPTY;
        for (int i = 0; i < Sketch.EXACT_LIMIT; i++) {
            sketch = sketch.with("device-" + i).with("device-" + i);
        }
        assertThat(sketch.count()).isEqualTo(Sketch.EXACT_LIMIT);
        assertThat(sketch.merge(sketch).count()).isEqualTo(Sketch.EXACT_LIMIT);
        assertThat(Sketch.fromBytes(sketch.toBytes()).count()).isEqualTo(Sketch.EXACT_LIMIT);
        assertThat(Sketch.fromBytes(null).count()).isZero();
    }

    @Test
    void manyDevicesAreEstimatedWithinTwoPercentAcrossMergedParts() {
        for (int devices : new int[] {1_000, 20_000, 200_000}) {
            Sketch first = Sketch.EMPTY;
            Sketch second = Sketch.EMPTY;
            for (int i = 0; i < devices; i++) {
                String device = new UUID(i, devices).toString();
                // Two overlapping halves, as two hours that share most of their viewers.
                if (i < devices * 0.7) {
                    first = first.with(device);
                }
                if (i >= devices * 0.3) {
                    second = second.with(device);
                }
            }
            Sketch merged = first.merge(second);
            assertThat((double) merged.count()).isCloseTo(devices, within(devices * 0.02));
            assertThat(Sketch.fromBytes(merged.toBytes()).count()).isEqualTo(merged.count());
            assertThat(merged.merge(first).count()).isEqualTo(merged.count());
        }
    }

    @Test
    void holdoutAssignmentIsStableAndNearTheShare() {
        BigDecimal share = new BigDecimal("0.05");
        long held = IntStream.range(0, 20_000)
                .filter(i -> Holdouts.heldOut(new UUID(42, i).toString(), "spring-sale", share)).count();
        assertThat(held / 20_000.0).isCloseTo(0.05, within(0.006));
        String device = UUID.randomUUID().toString();
        assertThat(Holdouts.heldOut(device, "spring-sale", share)).isEqualTo(Holdouts.heldOut(device, "spring-sale", share));
        assertThat(Holdouts.heldOut(device, "spring-sale", BigDecimal.ZERO)).isFalse();
        // Another campaign draws its own holdout: the same devices are not held out of everything.
        long both = IntStream.range(0, 20_000).filter(i -> Holdouts.heldOut(new UUID(42, i).toString(), "spring-sale", share)
                && Holdouts.heldOut(new UUID(42, i).toString(), "autumn-sale", share)).count();
        assertThat(both).isLessThan(held / 5);
    }

    @Test
    void liftIsTheDifferenceOfConversionsWithAWaldInterval() {
        FunnelReport.Lift lift = FunnelReport.Lift.of(50, 1000, 3, 100);
        assertThat(lift.value()).isEqualTo(0.02);
        double error = Math.sqrt(0.05 * 0.95 / 1000 + 0.03 * 0.97 / 100);
        assertThat(lift.low()).isCloseTo(0.02 - 1.959964 * error, within(1e-6));
        assertThat(lift.high()).isCloseTo(0.02 + 1.959964 * error, within(1e-6));
        assertThat(FunnelReport.Lift.of(5, 10, 0, 0)).isNull();
        assertThat(FunnelReport.ratio(1, 0)).isZero();
    }
}
