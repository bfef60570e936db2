package com.couchcart.platform;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer: {@code {"items","page","size","total"}}; pages count from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    /** The requested page of a query's results, with the total count. */
    public static <E> Uni<Page<E>> of(PanacheQuery<E> query, PageRequest request) {
        PanacheQuery<E> paged = query.page(request.page, request.size);
        return paged.list().flatMap(items -> paged.count()
                .map(total -> new Page<>(items, request.page, request.size, total)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return withItems(items.stream().map(mapper).toList());
    }

    public <R> Page<R> withItems(List<R> replacement) {
        return new Page<>(replacement, page, size, total);
    }
}
