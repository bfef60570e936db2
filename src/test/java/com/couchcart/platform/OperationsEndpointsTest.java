package com.couchcart.platform;

import com.couchcart.testing.CouchCartTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@CouchCartTest
class OperationsEndpointsTest {

    @Test
    void readinessChecksEveryDependencyAndEachIsUp() {
        JsonPath health = given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();

        List<Map<String, Object>> checks = health.getList("checks");
        assertThat(checks).extracting(check -> (String) check.get("name"))
                .anyMatch(name -> name.contains("PostgreSQL"))
                .anyMatch(name -> name.contains("Redis"))
                .anyMatch(name -> name.equals("Outbox relay"))
                // Kafka away must not take the service out of the load balancer (orders wait in the outbox).
                .noneMatch(name -> name.contains("Kafka"));
        assertThat(checks).allSatisfy(check -> assertThat(check.get("status")).isEqualTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/q/metrics")
                .then().statusCode(200).body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("couchcart_overlay_reads_total{status=\"200\"}"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("CouchCart API"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/tv/sessions"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/admin/tenants/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/tv/{tenant}/contents/{contentId}/overlays"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("OverlayView"))
                .body("paths.'/api/admin/reports/funnel'.get.responses", org.hamcrest.Matchers.hasKey("403"))
                .body("paths.'/api/admin/reports/funnel'.get.responses.'400'.content", org.hamcrest.Matchers.hasKey("application/problem+json"))
                .body("paths.'/api/tv/interactions'.post.responses", org.hamcrest.Matchers.hasKey("503"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
