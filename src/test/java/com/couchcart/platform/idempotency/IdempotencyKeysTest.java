package com.couchcart.platform.idempotency;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@CouchCartTest
class IdempotencyKeysTest {

    @Inject
    IdempotencyKeys keys;

    @Test
    void keysAreKeptForTheRetentionPeriodAndForgottenAfter() throws Exception {
        String subject = "retention-" + UUID.randomUUID();
        try (Connection db = Database.service()) {
            insert(db, subject, "recent", "23 hours");
            insert(db, subject, "old", "25 hours");

            keys.forgetOld().await().indefinitely();

            try (PreparedStatement kept = db.prepareStatement(
                    "select key from idempotency_key where subject = ? order by key")) {
                kept.setString(1, subject);
                try (ResultSet rows = kept.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("recent");
                    assertThat(rows.next()).isFalse();
                }
            }
        }
    }

    private static void insert(Connection db, String subject, String key, String age) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                insert into idempotency_key (subject, operation, key, fingerprint, status_code, response, created_at)
                values (?, 'checkout', ?, 'f', 201, '{}', now() - ?::interval)""")) {
            insert.setString(1, subject);
            insert.setString(2, key);
            insert.setString(3, age);
            insert.executeUpdate();
        }
    }
}
