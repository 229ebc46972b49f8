package org.uplift.workflow.campaign;

import java.time.Instant;

/**
 * One device of a campaign, in its wave, with what became of its start: the job started for it, the
 * reason it could not be started, or a claim while a node is starting it.
 *
 * @param seq        position in the campaign, 0 for the first device
 * @param wave       0 for the first wave
 * @param deviceId   the device
 * @param jobId      its job, or {@code null} if none has been started
 * @param startError why its job could not be started, or {@code null}
 * @param claimedAt  when a node began starting its job, until the job id or the error is recorded; {@code null} otherwise
 */
record Slot(int seq, int wave, String deviceId, String jobId, String startError, Instant claimedAt) {

    static Slot pending(int seq, int wave, String deviceId) {
        return new Slot(seq, wave, deviceId, null, null, null);
    }

    Slot claimed(Instant at) {
        return new Slot(seq, wave, deviceId, null, null, at);
    }

    Slot started(String job) {
        return new Slot(seq, wave, deviceId, job, null, null);
    }

    Slot notStarted(String reason) {
        return new Slot(seq, wave, deviceId, null, reason, null);
    }

    Slot unclaimed() {
        return new Slot(seq, wave, deviceId, null, null, null);
    }

    boolean untouched() {
        return jobId == null && startError == null && claimedAt == null;
    }
}
