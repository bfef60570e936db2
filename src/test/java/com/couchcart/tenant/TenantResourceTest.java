package com.couchcart.tenant;

import com.couchcart.platform.security.Secrets;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import com.couchcart.testing.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

@CouchCartTest
class TenantResourceTest {

    @Test
    void registersATenantThenReplacesItsKey() throws SQLException {
        String id = "brand-" + UUID.randomUUID().toString().substring(0, 8);
        String firstKey = "first-app-key-0123456789abcdef";
        String secondKey = "second-app-key-0123456789abcdef";

        put(id, "Brand", firstKey).statusCode(201)
                .body("id", equalTo(id)).body("name", equalTo("Brand"))
                .body("$", not(hasKey("appKey"))).body("$", not(hasKey("appKeyHash")));
        assertThat(storedHash(id)).isEqualTo(Secrets.sha256(firstKey)).doesNotContain(firstKey);
        assertThat(openSession(id, firstKey)).isEqualTo(201);

        put(id, "Brand Renamed", secondKey).statusCode(200).body("name", equalTo("Brand Renamed"));
        assertThat(openSession(id, firstKey)).isEqualTo(401);
        assertThat(openSession(id, secondKey)).isEqualTo(201);

        given().auth().oauth2(Tokens.operator()).when().get("/api/admin/tenants/" + id)
                .then().statusCode(200).body("name", equalTo("Brand Renamed"));
    }

    @Test
    void rejectsInvalidTenantsAndStoresNothing() throws SQLException {
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body(Map.of("name", "", "appKey", "short"))
                .when().put("/api/admin/tenants/Bad_Id!")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("id", "name", "appKey"));
        try (Connection connection = Database.service();
             var rows = connection.createStatement().executeQuery("select count(*) from tenant where id = 'Bad_Id!'")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void anUnknownTenantIsNotFound() {
        given().auth().oauth2(Tokens.operator()).when().get("/api/admin/tenants/never-registered")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse put(String id, String name, String appKey) {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body(Map.of("name", name, "appKey", appKey))
                .when().put("/api/admin/tenants/" + id)
                .then();
    }

    private static int openSession(String tenant, String appKey) {
        return given().contentType("application/json").header("X-Tenant-Key", appKey)
                .body(Map.of("tenant", tenant, "deviceId", UUID.randomUUID().toString(), "model", "M"))
                .when().post("/api/tv/sessions")
                .then().extract().statusCode();
    }

    private static String storedHash(String id) throws SQLException {
        try (Connection connection = Database.service();
             var statement = connection.prepareStatement("select app_key_hash from tenant where id = ?")) {
            statement.setString(1, id);
            var rows = statement.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }
}
