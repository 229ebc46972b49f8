package org.uplift.workflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** A job as the engine holds it: its state and append-only history. Changes only through {@link #enter}. */
final class JobRecord {

    private final String id;
    private final String deviceId;
    private final String firmwareId;
    private final String targetVersion;
    private final Instant createdAt;
    private final List<StepRecord> history = new ArrayList<>();
    private JobState state = JobState.PENDING;

    JobRecord(String id, String deviceId, String firmwareId, String targetVersion, Clock clock, String message) {
        this.id = id;
        this.deviceId = deviceId;
        this.firmwareId = firmwareId;
        this.targetVersion = targetVersion;
        this.createdAt = clock.instant();
        history.add(new StepRecord(JobState.PENDING, createdAt, message));
    }

    synchronized StepRecord enter(JobState next, String message, Clock clock) {
        Transitions.check(state, next);
        StepRecord record = new StepRecord(next, clock.instant(), message);
        history.add(record);
        state = next;
        return record;
    }

    synchronized JobState state() {
        return state;
    }

    String id() {
        return id;
    }

    String deviceId() {
        return deviceId;
    }

    String firmwareId() {
        return firmwareId;
    }

    String targetVersion() {
        return targetVersion;
    }

    synchronized Job snapshot() {
        return new Job(id, deviceId, firmwareId, targetVersion, state, createdAt, history);
    }
}
