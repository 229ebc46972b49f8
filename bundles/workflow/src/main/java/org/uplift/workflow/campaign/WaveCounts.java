package org.uplift.workflow.campaign;

/**
 * A wave's size and how many of its devices have ended.
 *
 * @param devices how many devices the wave has
 * @param done    how many were upgraded
 * @param failed  how many failed or could not be started
 */
record WaveCounts(int devices, long done, long failed) {

    long ended() {
        return done + failed;
    }

    WaveCounts plus(long moreDone, long moreFailed) {
        return new WaveCounts(devices, done + moreDone, failed + moreFailed);
    }
}
