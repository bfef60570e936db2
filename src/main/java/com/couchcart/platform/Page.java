package com.couchcart.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list answer: {@code {"items","page","size","total"}}; pages count from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;
    public static final String DEFAULT_SIZE = "50";

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
