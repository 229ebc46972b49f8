package org.uplift.api.workflow;

import java.util.List;

/**
 * How a job upgrades its device, decided before the device is touched from what its drivers can
 * command and read back: which steps run, through which driver, verified by which evidence, and
 * which are left out and why.
 *
 * @param steps the steps in order, those left out included
 * @since 0.3
 */
public record JobPlan(List<Step> steps) {

    /** A job stored before plans existed. */
    public static final JobPlan UNKNOWN = new JobPlan(List.of());

    public JobPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One step of the plan.
     *
     * @param name     the step (BACKUP, UPDATE, RESTORE, ROLLBACK, ...)
     * @param included whether the job runs it
     * @param how      for a step that runs: driver, protocol and evidence; for one left out: why
     */
    public record Step(String name, boolean included, String how) {
        @Override
        public String toString() {
            return (included ? "" : "skip ") + name + ": " + how;
        }
    }

    /** Whether the step runs. */
    public boolean includes(String name) {
        return steps.stream().anyMatch(s -> s.included() && s.name().equals(name));
    }

    /** Whether only the software is changed (the configuration is left to the device's provisioning). */
    public boolean firmwareOnly() {
        return !steps.isEmpty() && !includes("BACKUP");
    }

    /** One line per step, for a terminal. */
    public List<String> lines() {
        return steps.stream().map(Step::toString).toList();
    }
}
