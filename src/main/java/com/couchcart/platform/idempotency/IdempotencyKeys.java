package com.couchcart.platform.idempotency;

import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.platform.security.Secrets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} with Stripe's semantics, kept in PostgreSQL: the first successful answer to a key is
 * stored in the transaction that made the change, so it exists exactly when the change does; the same key with
 * the same request replays it, with a different request is refused (422). Keys belong to one caller and one
 * operation. A refused request stores nothing, so it may be retried with its key.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** An answer as first given: status, the created resource's path, and the body; {@code replayed} when given again. */
    public record Answer(int status, String location, String body, boolean replayed) {

        public static Answer first(int status, String location, String body) {
            return new Answer(status, location, body, false);
        }
    }

    /** A key's record: the request it was first used with, and the answer (status 0 while not yet given). */
    public record Stored(String fingerprint, Answer answer) {
    }

    /** Who used a key, for what, and the request it came with. */
    public record Use(String subject, String operation, String key, String fingerprint) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Duration retention;

    public IdempotencyKeys(Pool pool, ObjectMapper mapper,
                           @ConfigProperty(name = "couchcart.idempotency.retention") Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalStateException("couchcart.idempotency.retention must be at least 24 hours");
        }
        this.pool = pool;
        this.mapper = mapper;
        this.retention = retention;
    }

    /** The use of a key with a request; the request's fingerprint is the hash of its JSON, whatever its layout. */
    public Use use(String subject, String operation, String key, Object request) {
        if (key == null || !VALID.matcher(key).matches()) {
            String message = "required: 1 to 255 visible ASCII characters, unique per request (a UUID, say)";
            throw new ProblemException(ProblemType.VALIDATION, HEADER + ": " + message,
                    List.of(new FieldError(HEADER, message)), Map.of());
        }
        try {
            return new Use(subject, operation, key, Secrets.sha256(mapper.writeValueAsString(request)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A request could not be serialized", e);
        }
    }

    /** The answer stored for this use, or null when the key is new; 422 when the key came with another request. */
    public Uni<Answer> find(Use use) {
        return read(pool, use).map(stored -> replay(stored, use));
    }

    /**
     * Claims the key in the caller's transaction. Null when this transaction now holds it; otherwise the answer
     * of the request that holds it (a concurrent twin is waited for: PostgreSQL holds this insert until it ends).
     */
    public Uni<Answer> reserve(SqlConnection transaction, Use use) {
        return transaction.preparedQuery("""
                        insert into idempotency_key (subject, operation, key, fingerprint, status_code, response)
                        values ($1, $2, $3, $4, 0, '') on conflict do nothing""")
                .execute(Tuple.of(use.subject(), use.operation(), use.key(), use.fingerprint()))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? Uni.createFrom().nullItem()
                        : read(transaction, use).map(stored -> replay(stored, use)));
    }

    /** Stores the answer of a key this transaction holds. */
    public Uni<Void> remember(SqlConnection transaction, Use use, Answer answer) {
        return transaction.preparedQuery("""
                        update idempotency_key set status_code = $4, location = $5, response = $6
                        where subject = $1 and operation = $2 and key = $3""")
                .execute(Tuple.from(new Object[] {use.subject(), use.operation(), use.key(), answer.status(),
                        answer.location(), answer.body()}))
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> forgetOld() {
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)))
                .invoke(deleted -> LOG.debugf("Forgot %d idempotency keys", deleted.rowCount()))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not forget old idempotency keys", failure))
                .onFailure().recoverWithNull();
    }

    private static Uni<Stored> read(SqlClient client, Use use) {
        return client.preparedQuery("""
                        select fingerprint, status_code, location, response from idempotency_key
                        where subject = $1 and operation = $2 and key = $3""")
                .execute(Tuple.of(use.subject(), use.operation(), use.key()))
                .map(IdempotencyKeys::stored);
    }

    private static Stored stored(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        return new Stored(row.getString("fingerprint"), new Answer(row.getInteger("status_code"),
                row.getString("location"), row.getString("response"), true));
    }

    private static Answer replay(Stored stored, Use use) {
        if (stored == null) {
            return null;
        }
        if (!stored.fingerprint().equals(use.fingerprint())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This " + HEADER
                    + " was used with a different request; use a new key for a new request.");
        }
        return stored.answer();
    }
}
