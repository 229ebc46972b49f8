package org.uplift.snmp.events;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;

/**
 * Counts dropped notifications by reason (the receiver's metric) and logs them throttled: a flood of
 * forged traps must cost neither disk nor the listener thread's time. Never logs a community.
 */
final class NotificationDrops {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationReceiver.class);

    private final Map<DropReason, LongAdder> counts = new EnumMap<>(DropReason.class);
    private final LogThrottle throttle = new LogThrottle("dropped SNMP notifications", 5, Duration.ofMinutes(1));

    NotificationDrops() {
        for (DropReason reason : DropReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    /** Counts a drop and logs it unless this minute's lines are used up; {@code from} is an address. */
    void drop(DropReason reason, String from) {
        counts.get(reason).increment();
        throttle.warn(LOG, "dropped an SNMP notification from {}: {}", from, reason.text());
    }

    long count(DropReason reason) {
        return counts.get(reason).sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
