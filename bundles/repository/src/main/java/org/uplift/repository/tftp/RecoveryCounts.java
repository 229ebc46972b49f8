package org.uplift.repository.tftp;

/**
 * How a windowed download recovered from losses, logged at debug level when it ends: enough to tell
 * a transfer slowed by time-outs from one that recovered from gaps at once.
 */
final class RecoveryCounts {

    /** Windows resent at once because an ACK showed a gap. */
    int gapResends;
    /** Windows resent from the last reported gap after two round trips of silence. */
    int gapProbes;
    /** Tail loss probes: the last block sent, once. */
    int tailProbes;
    /** Windows resent when the (measured, maybe backed-off) time-out ran out. */
    int timeouts;

    @Override
    public String toString() {
        return "gap resends " + gapResends + ", gap probes " + gapProbes + ", tail probes " + tailProbes
                + ", time-outs " + timeouts;
    }
}
