package com.couchcart.platform;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Stream shapes Mutiny has no single operator for. */
public final class Streams {

    private Streams() {
    }

    /** The items of {@code source} up to and including the first that is {@code last}; then it completes. */
    public static <T> Multi<T> through(Multi<T> source, Predicate<T> last) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            emitter.onTermination(() -> {
                Cancellable subscription = upstream.getAndSet(() -> { });
                if (subscription != null) {
                    subscription.cancel();
                }
            });
            Cancellable subscription = source.subscribe().with(item -> {
                emitter.emit(item);
                if (last.test(item)) {
                    emitter.complete();
                }
            }, emitter::fail, emitter::complete);
            if (!upstream.compareAndSet(null, subscription)) {
                subscription.cancel(); // terminated while subscribing
            }
        });
    }

    /**
     * The items of {@code source} until it completes, or until {@code stop} emits: then {@code last} and the end.
     */
    public static <T> Multi<T> endingOn(Multi<T> source, Multi<?> stop, T last) {
        return Multi.createFrom().emitter(emitter -> {
            List<Cancellable> subscriptions = new CopyOnWriteArrayList<>();
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> {
                ended.set(true);
                subscriptions.forEach(Cancellable::cancel);
            });
            subscriptions.add(stop.subscribe().with(signal -> {
                emitter.emit(last);
                emitter.complete();
            }, failure -> { }));
            subscriptions.add(source.subscribe().with(emitter::emit, emitter::fail, emitter::complete));
            if (ended.get()) {
                subscriptions.forEach(Cancellable::cancel); // terminated while subscribing
            }
        });
    }
}
