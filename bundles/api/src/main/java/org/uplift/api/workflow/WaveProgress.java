package org.uplift.api.workflow;

import java.util.List;

/**
 * How one wave of a campaign stands.
 *
 * @param number           1 for the first wave
 * @param devices          devices in the wave
 * @param done             devices upgraded ({@link JobState#DONE})
 * @param failed           devices whose job failed or was aborted, or that could not be started
 * @param awaitingDecision devices whose job waits for the operator ({@code uplift:retry} / {@code uplift:abort})
 * @param running          devices whose job is under way
 * @param notStarted       devices whose job has not been started yet
 * @param failures         one line per failed device: device, job and the reason, for an operator
 * @since 0.1
 */
public record WaveProgress(int number, int devices, int done, int failed, int awaitingDecision, int running,
        int notStarted, List<String> failures) {

    public WaveProgress {
        failures = List.copyOf(failures);
    }

    /** {@code true} when every device of the wave is done or failed. */
    public boolean ended() {
        return done + failed == devices;
    }
}
