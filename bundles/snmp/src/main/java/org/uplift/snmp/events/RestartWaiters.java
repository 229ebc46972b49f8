package org.uplift.snmp.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.uplift.api.device.Device;

/**
 * Waits for a device's restart notification (coldStart, warmStart), each from a given time on. Only
 * waits are kept, never notifications: one that arrives with nobody waiting for its device is gone,
 * so a flood of them costs nothing but the sender check. At most {@code total} waits at once; past
 * that a wait never completes (the caller polls anyway). One lock, as in {@link CompletionBook}.
 */
final class RestartWaiters {

    private record Waiter(Device device, Instant since, CompletableFuture<Instant> future) {
    }

    private final Map<String, List<Waiter>> byDevice = new HashMap<>();
    private final int total;
    private int count;

    RestartWaiters(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("room for at least one restart wait is needed");
        }
        this.total = total;
    }

    /** A future completed with the receipt time of the device's first restart notification at or after {@code since}. */
    synchronized CompletableFuture<Instant> await(Device device, Instant since) {
        CompletableFuture<Instant> future = new CompletableFuture<>();
        if (count >= total) {
            return future;
        }
        Waiter waiter = new Waiter(device, since, future);
        byDevice.computeIfAbsent(device.id(), d -> new ArrayList<>(1)).add(waiter);
        count++;
        // a caller that gives up, or is answered, must not leave its entry behind
        future.whenComplete((t, e) -> forget(waiter));
        return future;
    }

    /** A restart notification from checked senders, received at {@code receivedAt}. */
    void arrived(List<Device> senders, Instant receivedAt) {
        List<CompletableFuture<Instant>> answered = new ArrayList<>(1);
        synchronized (this) {
            if (count == 0) {
                return;
            }
            for (Device device : senders) {
                List<Waiter> waiters = byDevice.get(device.id());
                if (waiters != null) {
                    for (Waiter waiter : waiters) {
                        if (!receivedAt.isBefore(waiter.since())) {
                            answered.add(waiter.future());
                        }
                    }
                }
            }
        }
        // completed outside the lock (each completion removes its own entry)
        answered.forEach(future -> future.complete(receivedAt));
    }

    synchronized int waiters() {
        return count;
    }

    /** The devices waited for (the receiver must accept their notifications). */
    synchronized Set<Device> waitingDevices() {
        Set<Device> devices = new LinkedHashSet<>();
        byDevice.values().forEach(waiters -> waiters.forEach(waiter -> devices.add(waiter.device())));
        return devices;
    }

    private synchronized void forget(Waiter waiter) {
        List<Waiter> waiters = byDevice.get(waiter.device().id());
        if (waiters != null && waiters.remove(waiter)) {
            count--;
            if (waiters.isEmpty()) {
                byDevice.remove(waiter.device().id());
            }
        }
    }
}
