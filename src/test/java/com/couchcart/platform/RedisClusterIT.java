package com.couchcart.platform;

import com.couchcart.platform.localstack.LocalStack;
import com.couchcart.testing.PackagedApp;
import com.couchcart.testing.TopicReader;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisShardedCluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged application on a real three-master Redis Cluster: every Lua script (cart changes with their funnel
 * capture, interaction batches, handoff create, cancel, claim and complete, the claim limits) touches one hash slot,
 * and the funnel relay reads every shard's stream, so the whole TV-to-phone journey works there.
 */
class RedisClusterIT {

    @Test
    void theShoppingJourneyAndTheFunnelWorkOnRedisCluster() throws Exception {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        RedisShardedCluster cluster = RedisShardedCluster.newRedisCluster().serverPorts(ports)
                .shard("m1", 0).shard("m2", 0).shard("m3", 0)
                .initializationTimeout(Duration.ofSeconds(20)).build();
        cluster.start();
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        String issuer = oidc.start().get("keycloak.url") + "/realms/quarkus/";
        String postgres = LocalStack.postgres();
        LocalStack.recreateDatabase(postgres, "postgres", "couchcart_cluster_check");
        String kafka = LocalStack.kafka();
        try (PackagedApp app = PackagedApp.start("redis-cluster", Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres + "/couchcart_cluster_check",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_REDIS_CLIENT_TYPE", "cluster",
                "QUARKUS_REDIS_HOSTS", ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(",")),
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer,
                "QUARKUS_OIDC_CLIENT_ID", "quarkus-service-app"),
                List.of("-Dcouchcart.demo-data.enabled=true", "-Dquarkus.oidc.phone-signin.tenant-enabled=false"));
             TopicReader funnel = new TopicReader("couchcart.overlay-interactions", kafka)) {
            String device = UUID.randomUUID().toString();
            String session = tv(app).header("X-Tenant-Key", "hisense-demo-app-key-000000000001")
                    .body(Map.of("tenant", "hisense", "deviceId", device, "model", "U8", "region", "CN-ZJ", "locale", "zh-CN"))
                    .post("/api/tv/sessions").then().statusCode(201).extract().<String>path("sessionToken");

            for (String press : List.of("press-1", "press-1", "press-2")) {
                tv(app).auth().oauth2(session)
                        .body(Map.of("sku", "SKU-WOK-32", "quantity", 1, "overlayId", "cue-01",
                                "contentId", "vod-kitchen-stories-s1e1", "eventId", press))
                        .post("/api/tv/cart/items").then().statusCode(200);
            }
            tv(app).auth().oauth2(session).body(Map.of("sku", "SKU-TEA-LONGJING", "quantity", 1, "eventId", "press-3"))
                    .post("/api/tv/cart/items").then().statusCode(200);
            tv(app).auth().oauth2(session).body(Map.of("quantity", 3)).patch("/api/tv/cart/items/SKU-WOK-32")
                    .then().statusCode(200);
            tv(app).auth().oauth2(session).delete("/api/tv/cart/items/SKU-TEA-LONGJING").then().statusCode(200)
                    .body("lines.size()", equalTo(1)).body("lines[0].quantity", equalTo(3));
            tv(app).auth().oauth2(session)
                    .body(Map.of("events", List.of(Map.of("type", "impression", "overlayId", "cue-01", "at", 1000,
                            "contentId", "vod-kitchen-stories-s1e1"))))
                    .post("/api/tv/interactions").then().statusCode(202);

            // A first handoff, superseded by a second (cancel), claimed after a wrong code (the limits), completed.
            tv(app).auth().oauth2(session).post("/api/tv/handoffs").then().statusCode(201);
            var handoff = tv(app).auth().oauth2(session).post("/api/tv/handoffs").then().statusCode(201).extract();
            String shopper = OidcWiremockTestResource.getAccessToken("sam", Set.of("shopper"));
            tv(app).auth().oauth2(shopper).body(Map.of("userCode", "BBBB-BBBB")).post("/api/phone/handoffs/claim")
                    .then().statusCode(org.hamcrest.Matchers.oneOf(404, 410));
            tv(app).auth().oauth2(shopper).body(Map.of("userCode", handoff.<String>path("userCode")))
                    .post("/api/phone/handoffs/claim").then().statusCode(200);
            String orderId = tv(app).auth().oauth2(shopper).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("handoffId", handoff.path("handoffId"), "paymentMethod", "cash_on_delivery",
                            "shippingAddress", Map.of("name", "Li Wei", "phone", "+8613800000000", "line1", "1 Xihu Road",
                                    "city", "Hangzhou", "postalCode", "310000", "country", "CN")))
                    .post("/api/phone/checkouts").then().statusCode(201).extract().path("id");
            tv(app).auth().oauth2(session).get("/api/tv/handoffs/" + handoff.path("handoffId")).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("orderId", equalTo(orderId));
            tv(app).auth().oauth2(session).get("/api/tv/cart").then().statusCode(200).body("lines.size()", equalTo(0));

            // Three adds (the repeated press changed nothing) and the impression, relayed from the cluster to Kafka.
            var events = funnel.await(record -> record.key().equals("hisense/" + device), 4, Duration.ofSeconds(30));
            assertThat(events).extracting(record -> TopicReader.header(record, "ce_type")).containsExactlyInAnyOrder(
                    "com.couchcart.overlay.add.v1", "com.couchcart.overlay.add.v1", "com.couchcart.overlay.add.v1",
                    "com.couchcart.overlay.impression.v1");
        } finally {
            oidc.stop();
            cluster.stop();
        }
    }

    private static RequestSpecification tv(PackagedApp app) {
        return given().baseUri(app.base()).contentType("application/json");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
