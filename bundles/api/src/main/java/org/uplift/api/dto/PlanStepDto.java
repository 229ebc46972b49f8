package org.uplift.api.dto;

import org.uplift.api.workflow.JobPlan;

/**
 * One step of a job's plan.
 *
 * @param step     the step (BACKUP, UPDATE, RESTORE, ...)
 * @param included whether the job runs it
 * @param how      for a step that runs: driver, protocol and evidence; for one left out: why
 * @since 0.4
 */
public record PlanStepDto(String step, boolean included, String how) {

    public static PlanStepDto of(JobPlan.Step s) {
        return new PlanStepDto(s.name(), s.included(), s.how());
    }
}
