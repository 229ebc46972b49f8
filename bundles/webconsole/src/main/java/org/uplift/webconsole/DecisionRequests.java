package org.uplift.webconsole;

import java.util.Locale;
import java.util.regex.Pattern;

import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;

/** A Retry or Abort pressed on the page: checked, then passed to {@link UpgradeService#decide}. */
final class DecisionRequests {

    /**
     * What the page is told.
     *
     * @param status  the HTTP status
     * @param message one line for the operator
     */
    record Outcome(int status, String message) {

        boolean ok() {
            return status == 200;
        }
    }

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{1," + SnapshotReader.MAX_ID_LENGTH + "}");

    private final UpgradeService upgrades;
    private final RequestTokens tokens;

    DecisionRequests(UpgradeService upgrades, RequestTokens tokens) {
        this.upgrades = upgrades;
        this.tokens = tokens;
    }

    /**
     * @param action "retry" or "abort"
     * @param jobId  the job
     * @param token  the {@value RequestTokens#HEADER} header
     * @param user   the console user the token must be for
     */
    Outcome handle(String action, String jobId, String token, String user) {
        if (!tokens.valid(token, user)) {
            return new Outcome(403, "Refused: the request did not come from the Uplift page (missing or wrong "
                    + RequestTokens.HEADER + "); reload the page and try again.");
        }
        Decision decision = decision(action);
        if (decision == null) {
            return new Outcome(400, "Unknown action '" + clip(action) + "': use retry or abort.");
        }
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            return new Outcome(400, "'" + clip(jobId) + "' is not a job id.");
        }
        try {
            // the page user is stored as who decided; the page does not name its prompt yet (0: the open one)
            Job job = upgrades.decide(jobId, 0, decision, new Decider(user, "web console"));
            return new Outcome(200, "Job " + job.id() + " (device " + job.deviceId() + "): "
                    + decision.name().toLowerCase(Locale.ROOT) + " accepted, now " + job.state() + ".");
        } catch (UpgradeException e) {
            return new Outcome(409, "Job " + jobId + ": " + Lines.of(e));
        } catch (RuntimeException e) {
            return new Outcome(500, "Job " + jobId + ": the decision failed: " + Lines.of(e));
        }
    }

    private static Decision decision(String action) {
        if (action == null) {
            return null;
        }
        return switch (action.strip().toLowerCase(Locale.ROOT)) {
            case "retry" -> Decision.RETRY;
            case "abort" -> Decision.ABORT;
            default -> null;
        };
    }

    /** Echoed input, short and on one line. */
    private static String clip(String s) {
        String line = Lines.oneLine(s);
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
