package org.uplift.common.device;

/**
 * Whether a device restarted between two readings of its own counters. snmpEngineBoots rising is
 * proof; otherwise sysUpTime must no longer continue from the earlier reading (allowing for its
 * 32-bit wrap after about 497 days) and be no longer than the time since then. Both conditions
 * allow one second plus 1 % for the network's delay and the two clocks' drift.
 */
public final class RestartRule {

    /** sysUpTime is TimeTicks: hundredths of a second modulo 2^32. */
    private static final long WRAP = 1L << 32;

    private RestartRule() {
    }

    /**
     * @param upTimeBefore  sysUpTime at the earlier reading, in hundredths of a second
     * @param bootsBefore   snmpEngineBoots then, or a negative number if unknown
     * @param upTimeNow     sysUpTime now
     * @param bootsNow      snmpEngineBoots now, or a negative number if unknown
     * @param elapsedMillis the time between the two readings by Uplift's clock
     */
    public static boolean restarted(long upTimeBefore, long bootsBefore, long upTimeNow, long bootsNow,
            long elapsedMillis) {
        if (bootsBefore >= 0 && bootsNow > bootsBefore) {
            return true;
        }
        long elapsed = Math.max(0, elapsedMillis / 10);
        long tolerance = 100 + elapsed / 100;
        long expected = Math.floorMod(upTimeBefore + elapsed, WRAP);
        long behind = Math.floorMod(expected - upTimeNow, WRAP);
        boolean continuous = behind <= tolerance || WRAP - behind <= tolerance;
        return !continuous && upTimeNow <= elapsed + tolerance;
    }
}
