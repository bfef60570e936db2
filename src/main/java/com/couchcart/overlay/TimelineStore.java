package com.couchcart.overlay;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Contents and their cues in PostgreSQL. Plain SQL on the reactive client: the read model is loaded in bulk
 * (cues with the product fields they show) and a timeline is replaced as one batch, which an ORM only slows.
 */
@ApplicationScoped
public class TimelineStore {

    private static final String CUE_COLUMNS = """
            c.content_id, c.id, c.start_ms, c.end_ms, c.anchor, c.x, c.y, c.cta, c.campaign_id, c.priority,
            c.target_tenants, c.target_regions, c.target_locales, c.valid_from, c.valid_until,
            p.sku, p.title, p.price_amount, p.currency, p.image_url, p.active
            from overlay_cue c join product p on p.sku = c.sku""";

    private final Pool pool;

    public TimelineStore(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** Every content with its cues. */
    Uni<Map<ContentInfo, List<Cue>>> loadAll() {
        return pool.query("select id, title, kind, duration_ms, version from content").execute()
                .flatMap(contents -> pool.query("select " + CUE_COLUMNS).execute()
                        .map(cues -> group(contents, cues)));
    }

    /** One content with its cues, or null when there is no such content. */
    Uni<Map.Entry<ContentInfo, List<Cue>>> load(String contentId) {
        return pool.preparedQuery("select id, title, kind, duration_ms, version from content where id = $1")
                .execute(Tuple.of(contentId))
                .flatMap(contents -> pool.preparedQuery("select " + CUE_COLUMNS + " where c.content_id = $1")
                        .execute(Tuple.of(contentId))
                        .map(cues -> group(contents, cues).entrySet().stream().findFirst().orElse(null)));
    }

    /**
     * For each content, a value that changes whenever its answers may change: its version and the last change
     * of a product it shows.
     */
    Uni<Map<String, String>> fingerprints() {
        return pool.query("""
                        select c.id, c.version, max(p.updated_at) as products_changed
                        from content c
                        left join overlay_cue oc on oc.content_id = c.id
                        left join product p on p.sku = oc.sku
                        group by c.id, c.version""").execute()
                .map(rows -> {
                    Map<String, String> fingerprints = new HashMap<>();
                    rows.forEach(row -> fingerprints.put(row.getString("id"),
                            fingerprint(row.getLong("version"), row.getOffsetDateTime("products_changed"))));
                    return fingerprints;
                });
    }

    static String fingerprint(long version, OffsetDateTime productsChanged) {
        return version + "@" + (productsChanged == null ? "" : productsChanged.toInstant().toString());
    }

    /** The product fields a cue shows, or null when there is no such product. */
    Uni<Cue.ProductInfo> product(String sku) {
        return pool.preparedQuery("select sku, title, price_amount, currency, image_url, active from product where sku = $1")
                .execute(Tuple.of(sku))
                .map(rows -> rows.size() == 0 ? null : product(rows.iterator().next()));
    }

    /** The content, locked until the transaction ends, or null. */
    Uni<ContentInfo> lockContent(SqlClient tx, String id) {
        return tx.preparedQuery("select id, title, kind, duration_ms, version from content where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : content(rows.iterator().next()));
    }

    /** Creates or updates a content; its version goes up when anything changed. Tells whether it was created. */
    Uni<Boolean> upsertContent(SqlClient tx, String id, String title, ContentInfo.Kind kind, Long durationMs) {
        return tx.preparedQuery("""
                        insert into content (id, title, kind, duration_ms) values ($1, $2, $3, $4)
                        on conflict (id) do update set title = excluded.title, kind = excluded.kind,
                            duration_ms = excluded.duration_ms, version = content.version + 1, updated_at = now()
                        where (content.title, content.kind, content.duration_ms)
                              is distinct from (excluded.title, excluded.kind, excluded.duration_ms)
                        returning (xmax = 0) as created""")
                .execute(Tuple.of(id, title, kind.name(), durationMs))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("created"));
    }

    /** The latest end and whether any cue lacks media times, to check a content change against its timeline. */
    Uni<TimelineExtent> extent(SqlClient tx, String contentId) {
        return tx.preparedQuery("""
                        select max(end_ms) as last_end, coalesce(bool_or(start_ms is null), false) as untimed
                        from overlay_cue where content_id = $1""")
                .execute(Tuple.of(contentId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new TimelineExtent(row.getLong("last_end"), row.getBoolean("untimed"));
                });
    }

    record TimelineExtent(Long lastEndMs, boolean hasUntimedCues) {
    }

    /** Which of these SKUs exist, and whether each is active. */
    Uni<Map<String, Boolean>> productStates(SqlClient tx, Set<String> skus) {
        return tx.preparedQuery("select sku, active from product where sku = any($1)")
                .execute(Tuple.of(skus.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Boolean> states = new HashMap<>();
                    rows.forEach(row -> states.put(row.getString("sku"), row.getBoolean("active")));
                    return states;
                });
    }

    /** Which of these tenant ids are registered. */
    Uni<Set<String>> existingTenants(SqlClient tx, Set<String> ids) {
        return tx.preparedQuery("select id from tenant where id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("id"))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /** Replaces every cue of a content and bumps its version; answers the new version. */
    Uni<Long> replaceCues(SqlClient tx, String contentId, List<CueRequest> cues) {
        Uni<?> insert = cues.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        insert into overlay_cue (content_id, id, start_ms, end_ms, sku, anchor, x, y, cta, campaign_id,
                            priority, target_tenants, target_regions, target_locales, valid_from, valid_until)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""")
                .executeBatch(cues.stream().map(cue -> row(contentId, cue)).toList());
        return tx.preparedQuery("delete from overlay_cue where content_id = $1").execute(Tuple.of(contentId))
                .flatMap(deleted -> insert)
                .flatMap(inserted -> bumpVersion(tx, contentId));
    }

    /** Bumps the version of every content showing a product; answers their ids. */
    Uni<List<String>> bumpContentsShowing(String sku) {
        return pool.preparedQuery("""
                        update content set version = version + 1, updated_at = now()
                        where id in (select content_id from overlay_cue where sku = $1)
                        returning id""")
                .execute(Tuple.of(sku))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("id")).toList());
    }

    private static Uni<Long> bumpVersion(SqlClient tx, String contentId) {
        return tx.preparedQuery("update content set version = version + 1, updated_at = now() where id = $1 returning version")
                .execute(Tuple.of(contentId))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    private static Tuple row(String contentId, CueRequest cue) {
        Targeting targeting = cue.targetingOrEveryone();
        return Tuple.from(new Object[]{contentId, cue.id(), cue.startMs(), cue.endMs(), cue.sku(),
                cue.placement().anchor(), cue.placement().x(), cue.placement().y(), cue.cta(), cue.campaignId(),
                cue.priorityOrDefault(), targeting.tenants().toArray(String[]::new),
                targeting.regions().toArray(String[]::new), targeting.locales().toArray(String[]::new),
                utc(cue.validFrom()), utc(cue.validUntil())});
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Map<ContentInfo, List<Cue>> group(RowSet<Row> contents, RowSet<Row> cues) {
        Map<String, ContentInfo> byId = new HashMap<>();
        contents.forEach(row -> {
            ContentInfo content = content(row);
            byId.put(content.id(), content);
        });
        Map<ContentInfo, List<Cue>> grouped = new HashMap<>();
        byId.values().forEach(content -> grouped.put(content, new ArrayList<>()));
        cues.forEach(row -> {
            ContentInfo content = byId.get(row.getString("content_id"));
            if (content != null) {
                grouped.get(content).add(cue(row));
            }
        });
        return grouped;
    }

    private static ContentInfo content(Row row) {
        return new ContentInfo(row.getString("id"), row.getString("title"),
                ContentInfo.Kind.valueOf(row.getString("kind")), row.getLong("duration_ms"), row.getLong("version"));
    }

    private static Cue cue(Row row) {
        return new Cue(row.getString("id"), row.getLong("start_ms"), row.getLong("end_ms"),
                product(row),
                new Placement(row.getString("anchor"), row.getBigDecimal("x").doubleValue(),
                        row.getBigDecimal("y").doubleValue()),
                row.getString("cta"), row.getString("campaign_id"), row.getInteger("priority"),
                new Targeting(List.of(row.getArrayOfStrings("target_tenants")),
                        List.of(row.getArrayOfStrings("target_regions")),
                        List.of(row.getArrayOfStrings("target_locales"))),
                instant(row.getOffsetDateTime("valid_from")), instant(row.getOffsetDateTime("valid_until")));
    }

    private static Cue.ProductInfo product(Row row) {
        return new Cue.ProductInfo(row.getString("sku"), row.getString("title"), row.getBigDecimal("price_amount"),
                row.getString("currency"), row.getString("image_url"), row.getBoolean("active"));
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
