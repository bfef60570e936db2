package com.couchcart.platform;

import com.couchcart.platform.localstack.LocalStack;
import com.couchcart.platform.security.Secrets;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema comes from the migrations alone, and the demo data can be loaded any number of times. */
@CouchCartTest
class MigrationsTest {

    private static final Map<String, String> DEMO_KEYS = Map.of(
            "hisenseAppKey", "hisense-key-for-the-migration-test",
            "xiaomiAppKey", "xiaomi-key-for-the-migration-test");

    @Test
    void migrationsBuildTheWholeSchemaOnAnEmptyDatabase() throws SQLException {
        String database = "couchcart_migrations_check";
        LocalStack.recreateDatabase(Database.server(), Database.user(), database);

        var result = flyway(database, "classpath:db/migration").migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive();
        try (Connection connection = Database.to(database)) {
            assertThat(tables(connection)).contains("tenant", "product", "content", "overlay_cue", "orders",
                    "order_line", "outbox_event", "processed_event");
            assertThat(count(connection, "select count(*) from tenant")).isZero();
            // The stock guard lives in the schema: no write can make stock negative.
            assertThatThrownBy(() -> connection.createStatement().execute(
                    "insert into product (sku, title, price_amount, currency, stock) values ('X', 'X', 1, 'CNY', -1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("product_stock_check");
        }
    }

    @Test
    void demoDataLoadsAndLoadingItAgainChangesNothing() throws Exception {
        String database = "couchcart_demo_check";
        LocalStack.recreateDatabase(Database.server(), Database.user(), database);
        flyway(database, "classpath:db/migration").migrate();

        try (Connection connection = Database.to(database)) {
            connection.createStatement().execute(DemoData.script(DEMO_KEYS));
            List<Long> first = demoCounts(connection);
            assertThat(first.get(0)).as("tenants").isEqualTo(2);
            assertThat(first.get(1)).as("products in CNY with stock").isGreaterThanOrEqualTo(12);
            assertThat(first.get(2)).as("cues of the 10-minute VOD").isGreaterThanOrEqualTo(20);
            assertThat(first.get(3)).as("live channels").isEqualTo(1);
            assertThat(count(connection, "select count(*) from tenant where id = 'hisense' and app_key_hash = '"
                    + Secrets.sha256(DEMO_KEYS.get("hisenseAppKey")) + "'")).isEqualTo(1);

            connection.createStatement().execute(DemoData.script(DEMO_KEYS));

            assertThat(demoCounts(connection)).isEqualTo(first);
        }
    }

    @Test
    void theTestDatabaseHasNoDemoData() throws SQLException {
        try (Connection connection = Database.service()) {
            assertThat(count(connection, "select count(*) from tenant where id in ('hisense', 'xiaomi')")).isZero();
        }
    }

    private static Flyway flyway(String database, String... locations) {
        return Flyway.configure()
                .dataSource("jdbc:" + Database.server() + "/" + database, Database.user(), "")
                .locations(locations)
                .load();
    }

    private static List<Long> demoCounts(Connection connection) throws SQLException {
        return List.of(
                count(connection, "select count(*) from tenant"),
                count(connection, "select count(*) from product where currency = 'CNY' and stock > 0"),
                count(connection, "select count(*) from overlay_cue c join content v on v.id = c.content_id"
                        + " where v.kind = 'VOD' and v.duration_ms = 600000"),
                count(connection, "select count(*) from content where kind = 'LIVE'"),
                count(connection, "select count(*) from overlay_cue"));
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var rows = connection.createStatement().executeQuery(
                "select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
