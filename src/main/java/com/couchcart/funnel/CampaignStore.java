package com.couchcart.funnel;

import com.couchcart.platform.Upserted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The campaign table. */
@ApplicationScoped
class CampaignStore {

    private static final String COLUMNS = "id, name, holdout_share, created_at, updated_at";

    private final Pool pool;

    CampaignStore(Pool pool) {
        this.pool = pool;
    }

    Uni<Upserted<Campaign>> put(String id, String name, BigDecimal holdoutShare) {
        return pool.preparedQuery("""
                        insert into campaign (id, name, holdout_share) values ($1, $2, $3)
                        on conflict (id) do update set name = excluded.name, holdout_share = excluded.holdout_share,
                            updated_at = now()
                        returning (xmax = 0) as created, """ + COLUMNS)
                .execute(Tuple.of(id, name, holdoutShare))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Upserted<>(campaign(row), row.getBoolean("created"));
                });
    }

    Uni<Campaign> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from campaign where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? campaign(rows.iterator().next()) : null);
    }

    Uni<List<Campaign>> all() {
        return pool.query("select " + COLUMNS + " from campaign").execute().map(rows -> {
            List<Campaign> campaigns = new ArrayList<>();
            rows.forEach(row -> campaigns.add(campaign(row)));
            return campaigns;
        });
    }

    private static Campaign campaign(Row row) {
        return new Campaign(row.getString("id"), row.getString("name"), row.getBigDecimal("holdout_share").stripTrailingZeros(),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
