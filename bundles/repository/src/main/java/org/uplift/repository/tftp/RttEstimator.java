package org.uplift.repository.tftp;

/**
 * Retransmission time-out from measured round trips, as RFC 6298 computes it for TCP: smoothed RTT
 * plus four times its variation, doubled on every time-out until a fresh sample. Bounded below by a
 * floor, so a device that pauses (a flash erase) is not flooded with copies, and above by the
 * transfer's time-out (configured, or negotiated with the RFC 2349 option), which is also where it
 * starts before the first sample.
 */
final class RttEstimator {

    /** Linux TCP's minimum RTO: far above a LAN's round trip, far below a device's patience. */
    static final long FLOOR_NANOS = 200_000_000L;
    /** RFC 6298's clock granularity G: the variation term is never below it. */
    private static final long GRANULARITY_NANOS = 1_000_000L;

    private final long floorNanos;
    private final long ceilingNanos;
    private long smoothed = -1;
    private long variation;
    private long rto;

    RttEstimator(long ceilingNanos) {
        this.ceilingNanos = ceilingNanos;
        this.floorNanos = Math.min(FLOOR_NANOS, ceilingNanos);
        this.rto = ceilingNanos;
    }

    /** A round trip measured on a packet sent once (Karn: never on a retransmitted one). */
    void sample(long rttNanos) {
        long r = Math.max(0, rttNanos);
        if (smoothed < 0) {
            smoothed = r;
            variation = r / 2;
        } else {
            variation = (3 * variation + Math.abs(smoothed - r)) / 4;
            smoothed = (7 * smoothed + r) / 8;
        }
        rto = clamp(smoothed + Math.max(GRANULARITY_NANOS, 4 * variation));
    }

    /** After a time-out: wait twice as long for the next one (RFC 6298 5.5). */
    void backOff() {
        rto = clamp(2 * rto);
    }

    long rtoNanos() {
        return rto;
    }

    /** {@code true} once the time-out is as long as the transfer's own: only then do retries count. */
    boolean atCeiling() {
        return rto >= ceilingNanos;
    }

    /** The smoothed round trip, or -1 before the first sample. */
    long smoothedNanos() {
        return smoothed;
    }

    private long clamp(long nanos) {
        return Math.max(floorNanos, Math.min(ceilingNanos, nanos));
    }
}
