package org.uplift.snmp.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.uplift.api.driver.OperationCompletion;

/**
 * Completions by (device address, row index): a waiter may come before or after its notification.
 * Arrived completions are kept for {@code retention}, then forgotten; so are waiters that cancel.
 */
final class CompletionBook {

    private record Key(String host, int index) {
    }

    private record Entry(CompletableFuture<OperationCompletion> future, Instant createdAt) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Duration retention;
    private final Clock clock;

    CompletionBook(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** The future for this operation, already complete if its notification came. */
    CompletableFuture<OperationCompletion> await(String host, int index) {
        Key key = new Key(host, index);
        CompletableFuture<OperationCompletion> future = entries
                .computeIfAbsent(key, k -> new Entry(new CompletableFuture<>(), clock.instant())).future();
        // a caller that gives up must not leave its entry behind
        future.whenComplete((c, e) -> {
            if (future.isCancelled()) {
                entries.remove(key);
            }
        });
        return future;
    }

    /** Records a notification, completing its waiter if there is one. */
    void arrived(OperationCompletion completion) {
        expire();
        Key key = new Key(completion.sourceHost(), completion.index());
        entries.computeIfAbsent(key, k -> new Entry(new CompletableFuture<>(), clock.instant()))
                .future().complete(completion);
    }

    int size() {
        return entries.size();
    }

    private void expire() {
        Instant limit = clock.instant().minus(retention);
        entries.values().removeIf(e -> e.future().isDone() && e.createdAt().isBefore(limit)
                || e.createdAt().isBefore(limit.minus(retention)));
    }
}
