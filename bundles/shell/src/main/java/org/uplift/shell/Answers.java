package org.uplift.shell;

import org.apache.karaf.shell.support.ShellUtil;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;

/** An operator's answer from the shell: the prompt they saw, and who they are (the Karaf shell user). */
final class Answers {

    private Answers() {
    }

    /** @param prompt the job's prompt the operator answers, {@code null} for whichever is open */
    static Job answer(UpgradeService service, String jobId, Integer prompt, Decision decision) throws Exception {
        if (prompt != null && prompt < 1) {
            throw new IllegalArgumentException(
                    "--prompt: " + prompt + " is not a prompt number (1 or more, see uplift:job " + jobId + ")");
        }
        try {
            return service.decide(jobId, prompt == null ? 0 : prompt, decision, new Decider(user(), "shell"));
        } catch (UpgradeException e) {
            throw Refusals.ofJob(jobId, e);
        }
    }

    private static String user() {
        try {
            return ShellUtil.getCurrentUserName();
        } catch (RuntimeException | LinkageError e) {
            return null; // outside a Karaf session (tests): "an operator"
        }
    }
}
