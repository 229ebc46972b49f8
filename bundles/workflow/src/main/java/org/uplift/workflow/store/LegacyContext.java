package org.uplift.workflow.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;

/**
 * Reads the context Uplift stored before the job record existed: {@code key=value} lines
 * ({@link ContextCodec}) whose keys and string flags are converted here, and only here, to the typed
 * record. A row is converted when read; the next move writes it back as a JSON document.
 */
final class LegacyContext {

    /** Before {@code updateRestarted} existed, this sysUpTime meant "the restart was seen already". */
    static final long RESTARTED_SENTINEL = Long.MAX_VALUE / 4;

    /** What the history entry of a decision contained, before the record said which move was a decision's. */
    private static final String DECIDED = "; decided by ";

    private static final String ATTEMPTS = "attempts.";

    private LegacyContext() {
    }

    /** @throws IllegalArgumentException if a value cannot be what its key says */
    static JobRecord convert(Map<String, String> c) {
        JobRecord r = JobRecord.EMPTY.withPolicy(RetryPolicy.parse(c.getOrDefault("policy", "ask")))
                .withPlan(plan(c.get("plan"))).withOldFirmware(Optional.ofNullable(c.get("oldFirmware")));
        if (c.containsKey("oldVersion")) {
            r = r.withOldVersion(c.get("oldVersion"));
        }
        if (c.containsKey("backupVersion") && c.containsKey("backupSha256")) {
            r = r.withBackup(new BackupEvidence(Integer.parseInt(c.get("backupVersion")), c.get("backupSha256"),
                    c.getOrDefault("backupFormat", "")));
        }
        if (c.containsKey("updateAtMillis")) {
            r = r.withUpdate(update(c));
        }
        if (c.containsKey("migratedFile") && c.containsKey("migratedSha256")) {
            r = r.withMigrated(new MigratedConfig(Path.of(c.get("migratedFile")), c.get("migratedSha256")));
        }
        if (c.containsKey("failedStep")) {
            r = r.withFailure(JobRecordJson.state(c.get("failedStep")), c.getOrDefault("reason", ""), false);
        }
        if (c.containsKey("afterRollback")) {
            // the old code steered by RETRY and treated anything else as an end
            r = r.withAfterRollback("RETRY".equals(c.get("afterRollback")) ? AfterRollback.RETRY : AfterRollback.ABORT);
        }
        Map<JobState, Integer> attempts = new EnumMap<>(JobState.class);
        c.forEach((key, value) -> {
            if (key.startsWith(ATTEMPTS)) {
                attempts.put(JobRecordJson.state(key.substring(ATTEMPTS.length())), Integer.parseInt(value));
            }
        });
        return new JobRecord(r.policy(), r.plan(), r.oldFirmware(), r.oldVersion(), r.backup(), r.update(),
                r.migrated(), r.failure(), r.afterRollback(), attempts, Optional.empty());
    }

    private static UpdateWatch update(Map<String, String> c) {
        long at = Long.parseLong(c.get("updateAtMillis"));
        long upTime = Long.parseLong(c.getOrDefault("updateSysUpTime", Long.toString(RESTARTED_SENTINEL)));
        if ("true".equals(c.get("updateRestarted")) || upTime == RESTARTED_SENTINEL) {
            return UpdateWatch.restartSeen(at);
        }
        long boots = Long.parseLong(c.getOrDefault("updateEngineBoots", "-1"));
        return new UpdateWatch(at, OptionalLong.of(upTime), boots < 0 ? OptionalLong.empty() : OptionalLong.of(boots));
    }

    /** One line per step: {@code +NAME<TAB>how} for a step that runs, {@code -NAME<TAB>why} for one left out. */
    static JobPlan plan(String text) {
        if (text == null || text.isEmpty()) {
            return JobPlan.UNKNOWN;
        }
        List<JobPlan.Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (line.length() > 1 && tab > 1) {
                steps.add(new JobPlan.Step(line.substring(1, tab), line.charAt(0) == '+', line.substring(tab + 1)));
            }
        }
        return new JobPlan(steps);
    }

    /**
     * Whether an old row's last move was a decision's, which the old code found in the history text; the
     * decision itself is read from the same entry.
     */
    static JobRecord withDecisionFromHistory(JobRecord r, JobState state, List<StepRecord> history) {
        if (history.isEmpty()) {
            return r;
        }
        StepRecord last = history.get(history.size() - 1);
        if (last.state() != state || last.message() == null || !last.message().contains(DECIDED)) {
            return r;
        }
        // the old entries said what was decided in their first words: "retry ..." or "end the job ..."
        Decision decision = last.message().startsWith("retry") ? Decision.RETRY : Decision.ABORT;
        return r.withDecision(new DecisionTaken(decision, state));
    }
}
