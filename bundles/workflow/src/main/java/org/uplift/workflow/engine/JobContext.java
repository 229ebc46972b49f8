package org.uplift.workflow.engine;

import java.util.HashMap;
import java.util.Map;

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
    static final String MIGRATED_FILE = "migratedFile";
    static final String MIGRATED_SHA = "migratedSha256";
    static final String FAILED_STEP = "failedStep";
    static final String REASON = "reason";
    static final String AFTER_ROLLBACK = "afterRollback";
    static final String ATTEMPTS_PREFIX = "attempts.";

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

    static Map<String, String> of(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
