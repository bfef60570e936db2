package com.couchcart.platform;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Tokens;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Every kind of error is an RFC 9457 problem document with the right 4xx, and nothing internal leaks. */
@CouchCartTest
class ProblemDetailsTest {

    private static final String VALID_SESSION = """
            {"tenant":"acme","deviceId":"0b7c6a7e-3f0e-4f0f-9d5c-6a1d2b3c4d5e","model":"X1"}""";

    @Test
    void unknownPathOutsideTheApi() {
        problem(given().when().get("/no/such/thing").then(), 404)
                .body("type", equalTo("https://couchcart.dev/problems/not-found"))
                .body("instance", equalTo("/no/such/thing"));
    }

    @Test
    void unknownPathInsideTheApi() {
        problem(given().when().get("/api/tv/nowhere/at/all/here").then(), 404);
    }

    @Test
    void wrongMethodNamesTheAllowedOnes() {
        problem(given().when().patch("/api/tv/sessions").then(), 405)
                .header("Allow", equalTo("OPTIONS, POST"))
                .body("detail", equalTo("PATCH is not supported on /api/tv/sessions."));
        problem(given().when().post("/api/admin/tenants/acme").then(), 405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PUT"));
    }

    @Test
    void unsupportedMediaType() {
        problem(given().contentType("text/plain").body("hello").when().post("/api/tv/sessions").then(), 415)
                .body("detail", containsString("text/plain"));
    }

    @Test
    void unacceptableMediaType() {
        problem(given().contentType("application/json").accept("text/csv").body(VALID_SESSION)
                .when().post("/api/tv/sessions").then(), 406);
    }

    @Test
    void malformedJson() {
        problem(given().contentType("application/json").body("{\"tenant\": ").when().post("/api/tv/sessions").then(), 400)
                .body("type", equalTo("https://couchcart.dev/problems/malformed-body"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void valueOfTheWrongType() {
        problem(given().contentType("application/json").body("{\"tenant\": {\"nested\": true}}")
                .when().post("/api/tv/sessions").then(), 400)
                .body("type", equalTo("https://couchcart.dev/problems/malformed-body"))
                .body("detail", equalTo("Field 'tenant' has a value of the wrong type."));
    }

    @Test
    void aNumberWhereTextIsExpected() {
        problem(given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body("{\"title\":\"Mug\",\"price\":{\"amount\":39.5,\"currency\":\"CNY\"},\"stock\":1,\"active\":true}")
                .when().put("/api/admin/products/SKU-FLOAT").then(), 400)
                .body("detail", equalTo("Field 'price.amount' has a value of the wrong type."));
        given().auth().oauth2(Tokens.merchandiser()).when().get("/api/admin/products/SKU-FLOAT").then().statusCode(404);
    }

    @Test
    void missingBody() {
        problem(given().contentType("application/json").when().post("/api/tv/sessions").then(), 400)
                .body("type", equalTo("https://couchcart.dev/problems/validation"));
    }

    @Test
    void validationListsEveryInvalidField() {
        problem(given().contentType("application/json")
                .body("{\"tenant\":\"Not A Tenant\",\"deviceId\":\"AA:BB:CC:DD:EE:FF\",\"model\":\"\",\"region\":\"Zhejiang\"}")
                .when().post("/api/tv/sessions").then(), 400)
                .body("type", equalTo("https://couchcart.dev/problems/validation"))
                .body("errors.field", hasItem("tenant"))
                .body("errors.field", hasItem("deviceId"))
                .body("errors.field", hasItem("model"))
                .body("errors.field", hasItem("region"));
    }

    @Test
    void queryParameterOfTheWrongTypeIsABadRequest() {
        problem(given().auth().oauth2(Tokens.shopper("pat")).queryParam("size", "many")
                .when().get("/api/phone/orders").then(), 400)
                .body("type", equalTo("https://couchcart.dev/problems/validation"));
    }

    @Test
    void queryParameterOutOfRange() {
        problem(given().auth().oauth2(Tokens.shopper("pat")).queryParam("size", 101)
                .when().get("/api/phone/orders").then(), 400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void missingCredentialsAreAProblemWithAChallenge() {
        problem(given().when().get("/api/phone/orders").then(), 401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void insufficientRoleIsAProblem() {
        problem(given().auth().oauth2(Tokens.shopper("pat")).when().get("/api/admin/products").then(), 403);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("type", not(org.hamcrest.Matchers.emptyOrNullString()))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
