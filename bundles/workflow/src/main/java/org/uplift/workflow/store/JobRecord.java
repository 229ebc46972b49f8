package org.uplift.workflow.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;

/**
 * What a job carries from step to step, typed: how it was planned and decided, what its steps learnt
 * (read again after a restart, on any node), and what steers its next move. Together with
 * {@code Transitions} it shows every branch a job can take. Immutable: a step records what it learnt
 * through a {@code with} method, and the store applies that change to the record as stored.
 * <p>
 * Stored as one JSON document carrying {@link #SCHEMA_VERSION}; rows that older Uplifts wrote as
 * {@code key=value} lines are converted when read.
 *
 * @param policy        what a failed step does without an operator
 * @param plan          the job's plan, {@link JobPlan#UNKNOWN} for jobs planned before plans existed
 * @param oldFirmware   catalogue id of the image the device ran, served again by a roll-back where the device
 *                      keeps no old version
 * @param oldVersion    the version a roll-back returns to, known once the job has read the device
 * @param backup        the backup taken before the update (absent in a firmware-only plan)
 * @param update        what VERIFY_UPDATE looks for, once the update was commanded
 * @param migrated      the configuration RESTORE serves, once MIGRATE_CONFIG made it
 * @param failure       the step whose failure the last (or open) decision is about
 * @param afterRollback where a roll-back ends, set by the decision that started it
 * @param attempts      per step, how many times it failed (what a retry policy counts)
 * @param justDecided   the decision that made the job's last move, if the last move was a decision's
 */
public record JobRecord(RetryPolicy policy, JobPlan plan, Optional<String> oldFirmware, Optional<String> oldVersion,
        Optional<BackupEvidence> backup, Optional<UpdateWatch> update, Optional<MigratedConfig> migrated,
        Optional<FailedStep> failure, Optional<AfterRollback> afterRollback, Map<JobState, Integer> attempts,
        Optional<DecisionTaken> justDecided) {

    /** The version of the stored document this code writes, and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    /** A job that knows nothing yet, with the default policy (ask). */
    public static final JobRecord EMPTY = new JobRecord(RetryPolicy.ASK, JobPlan.UNKNOWN, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Map.of(), Optional.empty());

    public JobRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(oldFirmware, "oldFirmware");
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(migrated, "migrated");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(afterRollback, "afterRollback");
        Objects.requireNonNull(justDecided, "justDecided");
        attempts = Map.copyOf(attempts);
    }

    /** A new job's record: its policy, its plan, and the image a roll-back would serve again, if any. */
    public static JobRecord planned(RetryPolicy policy, JobPlan plan, Optional<String> oldFirmware) {
        return EMPTY.withPolicy(policy).withPlan(plan).withOldFirmware(oldFirmware);
    }

    /** How many times {@code step} has failed. */
    public int attempts(JobState step) {
        return attempts.getOrDefault(step, 0);
    }

    /** The step the open decision is about. */
    public JobState failedStep() {
        return failure.orElseThrow(() -> new IllegalStateException("the job record names no failed step")).step();
    }

    /** The version a roll-back returns to; every step after PENDING has it. */
    public String requireOldVersion() {
        return oldVersion.orElseThrow(() -> new IllegalStateException("the job record has no old version"));
    }

    public BackupEvidence requireBackup() {
        return backup.orElseThrow(() -> new IllegalStateException("the job record has no backup"));
    }

    public UpdateWatch requireUpdate() {
        return update.orElseThrow(() -> new IllegalStateException("the job record has no update to verify"));
    }

    public MigratedConfig requireMigrated() {
        return migrated.orElseThrow(() -> new IllegalStateException("the job record has no migrated configuration"));
    }

    /** Whether the last move was made by a decision into the state the job is in (not re-entered since). */
    public boolean decidedInto(JobState state) {
        return justDecided.map(d -> d.into() == state).orElse(false);
    }

    public JobRecord withPolicy(RetryPolicy p) {
        return new JobRecord(p, plan, oldFirmware, oldVersion, backup, update, migrated, failure, afterRollback,
                attempts, justDecided);
    }

    public JobRecord withPlan(JobPlan p) {
        return new JobRecord(policy, p, oldFirmware, oldVersion, backup, update, migrated, failure, afterRollback,
                attempts, justDecided);
    }

    public JobRecord withOldFirmware(Optional<String> id) {
        return new JobRecord(policy, plan, id, oldVersion, backup, update, migrated, failure, afterRollback, attempts,
                justDecided);
    }

    public JobRecord withOldVersion(String version) {
        return new JobRecord(policy, plan, oldFirmware, Optional.of(version), backup, update, migrated, failure,
                afterRollback, attempts, justDecided);
    }

    public JobRecord withBackup(BackupEvidence b) {
        return new JobRecord(policy, plan, oldFirmware, oldVersion, Optional.of(b), update, migrated, failure,
                afterRollback, attempts, justDecided);
    }

    public JobRecord withUpdate(UpdateWatch u) {
        return new JobRecord(policy, plan, oldFirmware, oldVersion, backup, Optional.of(u), migrated, failure,
                afterRollback, attempts, justDecided);
    }

    public JobRecord withMigrated(MigratedConfig m) {
        return new JobRecord(policy, plan, oldFirmware, oldVersion, backup, update, Optional.of(m), failure,
                afterRollback, attempts, justDecided);
    }

    /** The step the next decision is about; counted as an attempt only where {@code counted} (an operator's stop is not). */
    public JobRecord withFailure(JobState step, String reason, boolean counted) {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        counts.putAll(attempts);
        if (counted) {
            counts.merge(step, 1, Integer::sum);
        }
        return new JobRecord(policy, plan, oldFirmware, oldVersion, backup, update, migrated,
                Optional.of(new FailedStep(step, reason)), afterRollback, counts, justDecided);
    }

    public JobRecord withAfterRollback(AfterRollback after) {
        return new JobRecord(policy, plan, oldFirmware, oldVersion, backup, update, migrated, failure,
                Optional.of(after), attempts, justDecided);
    }

    /** Marks the move being made as a decision's. */
    public JobRecord withDecision(DecisionTaken decision) {
        return new JobRecord(policy, plan, oldFirmware, oldVersion, backup, update, migrated, failure, afterRollback,
                attempts, Optional.of(decision));
    }

    /** Every move that is not a decision's clears the mark. */
    public JobRecord withoutDecision() {
        return justDecided.isEmpty() ? this : new JobRecord(policy, plan, oldFirmware, oldVersion, backup, update,
                migrated, failure, afterRollback, attempts, Optional.empty());
    }
}
