package org.uplift.workflow.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;

/** The keys of a job's stored context: what a step needs to know from earlier steps, even after a restart. */
final class JobContext {

    static final String POLICY = "policy";
    static final String OLD_VERSION = "oldVersion";
    static final String BACKUP_VERSION = "backupVersion";
    static final String BACKUP_SHA = "backupSha256";
    static final String BACKUP_FORMAT = "backupFormat";
    static final String UPDATE_UPTIME = "updateSysUpTime";
    static final String UPDATE_AT = "updateAtMillis";
    static final String UPDATE_BOOTS = "updateEngineBoots";
    static final String MIGRATED_FILE = "migratedFile";
    static final String MIGRATED_SHA = "migratedSha256";
    static final String FAILED_STEP = "failedStep";
    static final String REASON = "reason";
    static final String AFTER_ROLLBACK = "afterRollback";
    static final String ATTEMPTS_PREFIX = "attempts.";
    /** The job's plan (see {@link #plan()}); absent in jobs stored before plans existed. */
    static final String PLAN = "plan";
    /** Catalogue id of the image the device ran, served again by a roll-back where the device keeps none. */
    static final String OLD_FIRMWARE = "oldFirmware";
    /** Set when the restart after the update was seen before Uplift itself restarted. */
    static final String UPDATE_RESTARTED = "updateRestarted";

    private final Map<String, String> values;

    JobContext(Map<String, String> values) {
        this.values = values;
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("job context lacks '" + key + "'");
        }
        return v;
    }

    String getOrDefault(String key, String otherwise) {
        return values.getOrDefault(key, otherwise);
    }

    String getOrNull(String key) {
        return values.get(key);
    }

    RetryPolicy policy() {
        return RetryPolicy.parse(values.getOrDefault(POLICY, RetryPolicy.ASK.toString()));
    }

    JobState failedStep() {
        return JobState.valueOf(get(FAILED_STEP));
    }

    int attempts(JobState step) {
        return Integer.parseInt(values.getOrDefault(ATTEMPTS_PREFIX + step.name(), "0"));
    }

    /** The stored plan, or {@link JobPlan#UNKNOWN}. */
    JobPlan plan() {
        return decodePlan(values.get(PLAN));
    }

    /** One line per step: {@code +NAME<TAB>how} for a step that runs, {@code -NAME<TAB>why} for one left out. */
    static String encodePlan(JobPlan plan) {
        StringBuilder text = new StringBuilder();
        for (JobPlan.Step step : plan.steps()) {
            text.append(step.included() ? '+' : '-').append(step.name()).append('\t').append(step.how()).append('\n');
        }
        return text.toString();
    }

    static JobPlan decodePlan(String text) {
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

    static Map<String, String> of(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
