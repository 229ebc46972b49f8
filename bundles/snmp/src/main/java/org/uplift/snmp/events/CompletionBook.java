package org.uplift.snmp.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.uplift.api.device.Device;
import org.uplift.api.driver.OperationCompletion;

/**
 * Completions by (device, operation index). A waiter is an operation this node started: it takes a
 * completion received at or after its start, never an older one. A completion of a checked sender
 * that finds no waiter is kept a while for one that registers late (a fast device can report before
 * {@code start()} has returned), at most {@code perDevice} per device and {@code total} in all; the
 * oldest kept one makes room. {@link #expire()} is called by the receiver's timer, not per arrival.
 * One lock: an arrival and a registration of the same operation cannot race.
 */
final class CompletionBook {

    private record Key(String deviceId, int index) {
    }

    private record Waiter(Instant startedAt, CompletableFuture<OperationCompletion> future) {
    }

    private final Map<Key, Waiter> waiters = new HashMap<>();
    private final Map<Key, Device> waiting = new HashMap<>();
    /** Kept completions in arrival order, so the oldest is the first and expiry stops at the first young one. */
    private final LinkedHashMap<Key, OperationCompletion> kept = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Key>> keptByDevice = new HashMap<>();
    private final Duration retention;
    private final int perDevice;
    private final int total;
    private final Clock clock;
    private final NotificationDrops drops;

    CompletionBook(Duration retention, int perDevice, int total, Clock clock, NotificationDrops drops) {
        if (perDevice < 1 || total < 1) {
            throw new IllegalArgumentException("the completion book needs room for at least one completion");
        }
        this.retention = retention;
        this.perDevice = perDevice;
        this.total = total;
        this.clock = clock;
        this.drops = drops;
    }

    /**
     * The future for the operation started at {@code startedAt}: already complete if its completion came
     * since then. At most {@code total} operations wait at once; past that the future only ends by
     * cancel (polling still ends the operation).
     */
    synchronized CompletableFuture<OperationCompletion> await(Device device, int index, Instant startedAt) {
        Key key = new Key(device.id(), index);
        OperationCompletion early = unkeep(key);
        if (early != null) {
            if (!early.receivedAt().isBefore(startedAt)) {
                return CompletableFuture.completedFuture(early);
            }
            drops.drop(DropReason.BEFORE_START, early.sourceHost());
        }
        CompletableFuture<OperationCompletion> future = new CompletableFuture<>();
        if (waiters.size() >= total && !waiters.containsKey(key)) {
            drops.drop(DropReason.OVERFLOW, device.host());
            return future;
        }
        Waiter waiter = new Waiter(startedAt, future);
        Waiter replaced = waiters.put(key, waiter);
        waiting.put(key, device);
        // a caller that gives up, or is answered, must not leave its entry behind
        future.whenComplete((c, e) -> forget(key, waiter));
        if (replaced != null) {
            replaced.future().cancel(false); // the same index started again: the earlier wait is over
        }
        return future;
    }

    /** Records a completion from checked senders, ending each sender's waiting operation it belongs to. */
    void arrived(List<Device> senders, OperationCompletion completion) {
        List<CompletableFuture<OperationCompletion>> answered = new ArrayList<>(1);
        synchronized (this) {
            for (Device device : senders) {
                Key key = new Key(device.id(), completion.index());
                Waiter waiter = waiters.get(key);
                if (waiter != null && !completion.receivedAt().isBefore(waiter.startedAt())) {
                    waiters.remove(key);
                    waiting.remove(key);
                    answered.add(waiter.future());
                } else {
                    keep(key, completion);
                }
            }
        }
        // completed outside the lock: a waiter's callbacks must not run holding it
        answered.forEach(future -> future.complete(completion));
    }

    /** Forgets kept completions older than the retention time. */
    synchronized void expire() {
        Instant limit = clock.instant().minus(retention);
        Iterator<Map.Entry<Key, OperationCompletion>> oldestFirst = kept.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Key, OperationCompletion> entry = oldestFirst.next();
            if (!entry.getValue().receivedAt().isBefore(limit)) {
                return;
            }
            oldestFirst.remove();
            unlist(entry.getKey());
            drops.drop(DropReason.EXPIRED, entry.getValue().sourceHost());
        }
    }

    /** The devices of waiting operations (the receiver must accept their notifications). */
    synchronized Set<Device> waitingDevices() {
        return new LinkedHashSet<>(waiting.values());
    }

    synchronized int kept() {
        return kept.size();
    }

    synchronized int keptOf(String deviceId) {
        ArrayDeque<Key> keys = keptByDevice.get(deviceId);
        return keys == null ? 0 : keys.size();
    }

    synchronized int waiters() {
        return waiters.size();
    }

    /** How many devices have completions kept (the per-device index's size). */
    synchronized int keptDevices() {
        return keptByDevice.size();
    }

    private void keep(Key key, OperationCompletion completion) {
        OperationCompletion older = unkeep(key);
        if (older != null) {
            // counted, so that every completion received is either kept or dropped for a reason
            drops.drop(DropReason.REPLACED, older.sourceHost());
        } else {
            ArrayDeque<Key> mine = keptByDevice.get(key.deviceId());
            if (mine != null && mine.size() >= perDevice) {
                evict(mine.peekFirst());
            }
            if (kept.size() >= total) {
                evict(kept.keySet().iterator().next());
            }
        }
        kept.put(key, completion);
        keptByDevice.computeIfAbsent(key.deviceId(), d -> new ArrayDeque<>()).addLast(key);
    }

    private void evict(Key key) {
        OperationCompletion gone = unkeep(key);
        drops.drop(DropReason.OVERFLOW, gone == null ? "?" : gone.sourceHost());
    }

    private OperationCompletion unkeep(Key key) {
        OperationCompletion completion = kept.remove(key);
        if (completion != null) {
            unlist(key);
        }
        return completion;
    }

    private void unlist(Key key) {
        ArrayDeque<Key> keys = keptByDevice.get(key.deviceId());
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                keptByDevice.remove(key.deviceId());
            }
        }
    }

    private synchronized void forget(Key key, Waiter waiter) {
        if (waiters.remove(key, waiter)) {
            waiting.remove(key);
        }
    }
}
