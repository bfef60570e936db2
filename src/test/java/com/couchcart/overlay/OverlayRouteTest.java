package com.couchcart.overlay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayRouteTest {

    @Test
    void readsTheParametersItKnowsFromTheRawQuery() {
        var query = OverlayRoute.query("hisense", "show", "at=5000&region=CN%2DZJ&utm=tv&locale=zh-CN&flag");
        assertThat(query).isEqualTo(new OverlayReadService.Query("hisense", "show", "5000", null, null, "CN-ZJ", "zh-CN"));
        assertThat(OverlayRoute.query("t", "c", "from=0&to=10&from=5"))
                .isEqualTo(new OverlayReadService.Query("t", "c", null, "5", "10", null, null));
        assertThat(OverlayRoute.query("t", "c", null)).isEqualTo(new OverlayReadService.Query("t", "c", null, null, null, null, null));
        assertThat(OverlayRoute.query("t", "c", "at=")).isEqualTo(new OverlayReadService.Query("t", "c", "", null, null, null, null));
    }

    @Test
    void ifNoneMatchTakesAListAWildcardAndWeakTags() {
        assertThat(OverlayRoute.matches("\"1-a\"", "\"1-a\"")).isTrue();
        assertThat(OverlayRoute.matches("\"0-x\", W/\"1-a\"", "\"1-a\"")).isTrue();
        assertThat(OverlayRoute.matches("*", "\"1-a\"")).isTrue();
        assertThat(OverlayRoute.matches("\"1-b\"", "\"1-a\"")).isFalse();
    }
}
