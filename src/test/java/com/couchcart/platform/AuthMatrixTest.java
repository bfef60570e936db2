package com.couchcart.platform;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.Tokens;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Who may call what: each audience's endpoints refuse missing, foreign and under-privileged credentials. */
@CouchCartTest
class AuthMatrixTest {

    private static final String TENANT_BODY = "{\"name\":\"Matrix TV\",\"appKey\":\"matrix-app-key-0123456789abcdef\"}";

    static Stream<Arguments> matrix() {
        Supplier<String> none = () -> null;
        Supplier<String> shopper = () -> Tokens.shopper("pat");
        Supplier<String> merchandiser = Tokens::merchandiser;
        Supplier<String> operator = Tokens::operator;
        Supplier<String> device = DeviceSessions::token;
        Supplier<String> garbage = () -> "ccs_not-a-real-session-token";
        Supplier<String> partner = () -> Tokens.partner(DeviceSessions.TENANT);
        return Stream.of(
                // TV audience: device sessions only.
                Arguments.of("GET", "/api/tv/sessions/current", "none", none, 401),
                Arguments.of("GET", "/api/tv/sessions/current", "unknown device token", garbage, 401),
                Arguments.of("GET", "/api/tv/sessions/current", "shopper OIDC token", shopper, 401),
                Arguments.of("GET", "/api/tv/sessions/current", "operator OIDC token", operator, 401),
                Arguments.of("GET", "/api/tv/sessions/current", "device", device, 200),
                Arguments.of("POST", "/api/tv/handoffs", "none", none, 401),
                Arguments.of("POST", "/api/tv/handoffs", "shopper OIDC token", shopper, 401),
                Arguments.of("POST", "/api/tv/handoffs", "device with an empty cart", device, 409),
                Arguments.of("GET", "/api/tv/handoffs/" + "h".repeat(32), "none", none, 401),
                Arguments.of("GET", "/api/tv/handoffs/" + "h".repeat(32), "device", device, 404),
                Arguments.of("GET", "/api/tv/orders/" + java.util.UUID.randomUUID(), "none", none, 401),
                Arguments.of("GET", "/api/tv/orders/" + java.util.UUID.randomUUID(), "shopper OIDC token", shopper, 401),
                Arguments.of("GET", "/api/tv/orders/" + java.util.UUID.randomUUID(), "device", device, 404),
                Arguments.of("GET", "/api/tv/holdouts", "none", none, 401),
                Arguments.of("GET", "/api/tv/holdouts", "shopper OIDC token", shopper, 401),
                Arguments.of("GET", "/api/tv/holdouts", "device", device, 200),
                Arguments.of("POST", "/api/tv/interactions", "none", none, 401),
                Arguments.of("POST", "/api/tv/interactions", "partner OIDC token", partner, 401),
                // Phone audience: any signed-in shopper, never a device.
                Arguments.of("GET", "/api/phone/orders", "none", none, 401),
                Arguments.of("GET", "/api/phone/orders", "device", device, 401),
                Arguments.of("GET", "/api/phone/orders", "shopper", shopper, 200),
                Arguments.of("POST", "/api/phone/handoffs/claim", "none", none, 401),
                Arguments.of("POST", "/api/phone/handoffs/claim", "device", device, 401),
                Arguments.of("POST", "/api/phone/handoffs/claim", "shopper without a body", shopper, 400),
                Arguments.of("POST", "/api/phone/checkouts", "none", none, 401),
                Arguments.of("POST", "/api/phone/checkouts", "device", device, 401),
                Arguments.of("POST", "/api/phone/checkouts", "shopper without a body", shopper, 400),
                // Admin: staff roles.
                Arguments.of("GET", "/api/admin/products", "none", none, 401),
                Arguments.of("GET", "/api/admin/products", "device", device, 401),
                Arguments.of("GET", "/api/admin/products", "shopper", shopper, 403),
                Arguments.of("GET", "/api/admin/products", "merchandiser", merchandiser, 200),
                Arguments.of("GET", "/api/admin/products", "operator", operator, 200),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "none", none, 401),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "device", device, 401),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "shopper", shopper, 403),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "merchandiser", merchandiser, 403),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "operator", operator, 200),
                Arguments.of("PUT", "/api/admin/tenants/matrix-tv", "partner", partner, 403),
                Arguments.of("PUT", "/api/admin/campaigns/matrix-campaign", "none", none, 401),
                Arguments.of("PUT", "/api/admin/campaigns/matrix-campaign", "device", device, 401),
                Arguments.of("PUT", "/api/admin/campaigns/matrix-campaign", "operator", operator, 403),
                Arguments.of("PUT", "/api/admin/campaigns/matrix-campaign", "partner", partner, 403),
                Arguments.of("PUT", "/api/admin/campaigns/matrix-campaign", "merchandiser", merchandiser, 200),
                Arguments.of("GET", "/api/admin/reports/funnel", "none", none, 401),
                Arguments.of("GET", "/api/admin/reports/funnel", "device", device, 401),
                Arguments.of("GET", "/api/admin/reports/funnel", "shopper", shopper, 403),
                Arguments.of("GET", "/api/admin/reports/funnel", "merchandiser", merchandiser, 200),
                Arguments.of("GET", "/api/admin/reports/funnel", "operator", operator, 200),
                Arguments.of("GET", "/api/admin/reports/funnel", "partner", partner, 200),
                Arguments.of("GET", "/api/admin/reports/tenants", "none", none, 401),
                Arguments.of("GET", "/api/admin/reports/tenants", "shopper", shopper, 403),
                Arguments.of("GET", "/api/admin/reports/tenants", "partner", partner, 200));
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {4}")
    @MethodSource("matrix")
    void answers(String method, String path, String who, Supplier<String> credential, int expected) {
        RequestSpecification request = given().contentType("application/json");
        String token = credential.get();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (method.equals("PUT")) {
            request.body(TENANT_BODY);
        }
        var response = request.when().request(method, path).then();
        if (expected == 200 && method.equals("PUT")) {
            response.statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        } else {
            response.statusCode(expected);
        }
        if (expected >= 400) {
            response.contentType("application/problem+json").body("status", equalTo(expected));
        }
    }
}
