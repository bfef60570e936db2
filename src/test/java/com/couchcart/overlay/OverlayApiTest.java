package com.couchcart.overlay;

import com.couchcart.testing.Admin;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@CouchCartTest
class OverlayApiTest {

    private String content;
    private String skuA;
    private String skuB;

    @BeforeEach
    void authorAContent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        content = "show-" + suffix;
        skuA = "SKU-A-" + suffix;
        skuB = "SKU-B-" + suffix;
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);
        Admin.product(skuA, "12.90", true);
        Admin.product(skuB, "99.00", true);
        Admin.vod(content, 600_000);
        Admin.timeline(content, List.of(
                Admin.cue("opening", 0L, 10_000L, skuA, 1),
                Admin.cue("featured", 5_000L, 20_000L, skuB, 5)))
                .statusCode(200).body("version", equalTo(2));
    }

    @Test
    void readsTheCuesActiveAtAMediaTime() {
        read("at", "6000").statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", containsString("public"))
                .header("ETag", not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("contentId", equalTo(content))
                .body("version", equalTo(2))
                .body("overlays.id", contains("featured", "opening"))
                .body("overlays[0].startMs", equalTo(5000))
                .body("overlays[0].endMs", equalTo(20000))
                .body("overlays[0].product.sku", equalTo(skuB))
                .body("overlays[0].product.price.amount", equalTo("99.00"))
                .body("overlays[0].product.price.currency", equalTo("CNY"))
                .body("overlays[0].placement.anchor", equalTo("bottom-right"))
                .body("overlays[0].cta", equalTo("Press OK to add"))
                .body("overlays[0].campaignId", equalTo("campaign-featured"));
        read("at", "20000").statusCode(200).body("overlays", empty());
    }

    @Test
    void readsAWindowForPrefetch() {
        given().queryParam("from", 0).queryParam("to", 600_000)
                .when().get(path()).then().statusCode(200)
                .body("overlays.id", contains("opening", "featured"));
        given().queryParam("from", 10_000).queryParam("to", 15_000)
                .when().get(path()).then().statusCode(200)
                .body("overlays.id", contains("featured"));
    }

    @Test
    void conditionalRequestsAnswer304UntilTheTimelineChanges() {
        String etag = read("at", "6000").statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).queryParam("at", 6000).when().get(path())
                .then().statusCode(304).header("ETag", equalTo(etag));

        Admin.timeline(content, List.of(Admin.cue("opening", 0L, 10_000L, skuA, 1))).statusCode(200);

        given().header("If-None-Match", etag).queryParam("at", 6000).when().get(path())
                .then().statusCode(200).header("ETag", not(equalTo(etag)))
                .body("version", equalTo(3))
                .body("overlays.id", contains("opening"));
    }

    @Test
    void aProductChangeShowsInItsOverlaysAndBumpsTheVersion() {
        Admin.product(skuB, "79.00", true);
        read("at", "6000").body("version", equalTo(3)).body("overlays[0].product.price.amount", equalTo("79.00"));
        Admin.product(skuB, "79.00", false);
        read("at", "6000").body("overlays.id", contains("opening"));
    }

    @Test
    void aRejectedTimelineListsEveryOffenceAndChangesNothing() {
        Map<String, Object> outside = Admin.cue("outside", 590_000L, 700_000L, skuA, 0);
        Map<String, Object> unknownProduct = Admin.cue("ghost", 0L, 1000L, "SKU-DOES-NOT-EXIST", 0);
        Map<String, Object> badPlacement = new HashMap<>(Admin.cue("offscreen", 0L, 1000L, skuA, 0));
        badPlacement.put("placement", Map.of("anchor", "middle", "x", 120, "y", 50));

        Admin.timeline(content, List.of(outside, unknownProduct, badPlacement))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("cues[2].placement.anchor", "cues[2].placement.x"));
        Admin.timeline(content, List.of(outside, unknownProduct))
                .statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(2))
                .body("errors.field", hasItems("cues[0].endMs", "cues[1].sku"))
                .body("errors.message", hasItems("cue 'ghost': no product 'SKU-DOES-NOT-EXIST'"));

        read("at", "6000").body("version", equalTo(2)).body("overlays.id", contains("featured", "opening"));
    }

    @Test
    void badParametersAreRejected() {
        for (String[] query : new String[][]{{"at", "-1"}, {"at", "soon"}, {"at", "1.5"}, {"from", "5"}}) {
            read(query[0], query[1]).statusCode(400).contentType("application/problem+json");
        }
        given().queryParam("from", 10).queryParam("to", 10).when().get(path()).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().queryParam("from", 0).queryParam("to", 600_001).when().get(path()).then().statusCode(400)
                .body("errors[0].message", containsString("at most 600000 ms"));
        given().queryParam("at", 5).queryParam("from", 0).queryParam("to", 10).when().get(path()).then().statusCode(400);
        given().when().get(path()).then().statusCode(400);
        given().queryParam("at", 5).queryParam("region", "Zhejiang").when().get(path()).then().statusCode(400);
    }

    @Test
    void unknownTenantsAndContentsAreNotFound() {
        given().queryParam("at", 0).when().get("/api/tv/no-such-brand/contents/" + content + "/overlays")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("at", 0).when().get("/api/tv/" + DeviceSessions.TENANT + "/contents/no-such-show/overlays")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void authoringNeedsTheRightRole() {
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body(Map.of("cues", List.of())).when().put("/api/admin/contents/" + content + "/timeline")
                .then().statusCode(403);
        given().contentType("application/json").body(Map.of("cues", List.of()))
                .when().put("/api/admin/contents/" + content + "/timeline").then().statusCode(401);
        given().auth().oauth2(Tokens.merchandiser()).when().get("/api/admin/contents/" + content + "/timeline")
                .then().statusCode(200).body("id", contains("opening", "featured"));
    }

    @Test
    void aContentCannotShrinkUnderItsTimeline() {
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "Shorter", "kind", "VOD", "durationMs", 15_000))
                .when().put("/api/admin/contents/" + content)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "No duration", "kind", "VOD"))
                .when().put("/api/admin/contents/" + content)
                .then().statusCode(400);
    }

    private io.restassured.response.ValidatableResponse read(String name, String value) {
        return given().queryParam(name, value).when().get(path()).then();
    }

    private String path() {
        return "/api/tv/" + DeviceSessions.TENANT + "/contents/" + content + "/overlays";
    }
}
