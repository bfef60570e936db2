package com.couchcart.platform;

import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged application ({@code target/quarkus-app}), started in the production profile with its
 * services named by configuration overrides, as an operator runs it.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedApplicationIT.ProductionProfile.class)
@WithTestResource(value = LocalStackTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class PackagedApplicationIT {

    public static class ProductionProfile implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-service-app");
        }
    }

    @Test
    void isReadyWithEveryDependency() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesMetricsOpenApiAndSwaggerUi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("CouchCart API"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void answersProblemsAndChecksCredentials() {
        given().when().get("/api/admin/products").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.merchandiser()).when().get("/api/admin/products")
                .then().statusCode(200).body("page", equalTo(0));
        given().when().get("/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }
}
