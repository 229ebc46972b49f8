package org.uplift.shell;

import org.apache.karaf.shell.support.CommandException;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.UpgradeException;

/**
 * The line an operator reads when a job or campaign request is refused, chosen by the refusal's
 * {@link UpgradeException#reason() reason}, never by its text: for an unknown id the shell says itself where
 * to look; for any other reason the refusal goes on to {@link Failures}.
 */
final class Refusals {

    private Refusals() {
    }

    /** A refused answer to a job's prompt ({@code uplift:retry}, {@code uplift:abort}): the exception to throw. */
    static Exception ofJob(String jobId, UpgradeException e) {
        return e.reason() == UpgradeException.Reason.UNKNOWN_JOB
                ? new CommandException("no job " + TerminalText.safe(jobId) + ": see uplift:jobs", e)
                : e;
    }

    /** A change of a campaign: pause, resume or cancel. */
    interface CampaignChange {
        Campaign apply(String campaignId) throws UpgradeException;
    }

    /** Changes a campaign ({@code uplift:campaign-pause}, {@code -resume}, {@code -cancel}); a refusal as above. */
    static Campaign change(String campaignId, CampaignChange change) throws Exception {
        try {
            return change.apply(campaignId);
        } catch (UpgradeException e) {
            throw e.reason() == UpgradeException.Reason.UNKNOWN_CAMPAIGN
                    ? new CommandException(
                            "no campaign " + TerminalText.safe(campaignId) + ": see uplift:campaign-list", e)
                    : e;
        }
    }
}
