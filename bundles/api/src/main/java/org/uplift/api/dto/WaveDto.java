package org.uplift.api.dto;

import java.util.List;

import org.uplift.api.workflow.WaveProgress;

/**
 * How one wave of a campaign stands.
 *
 * @param number           1 for the first wave
 * @param devices          devices in the wave
 * @param done             devices upgraded
 * @param failed           devices failed, aborted or not started
 * @param awaitingDecision devices whose job waits for the operator
 * @param running          devices whose job is under way
 * @param notStarted       devices whose job has not started
 * @param ended            whether every device of the wave is done or failed
 * @param failures         one line per failed device
 * @since 0.4
 */
public record WaveDto(int number, int devices, int done, int failed, int awaitingDecision, int running, int notStarted,
        boolean ended, List<String> failures) {

    public WaveDto {
        failures = List.copyOf(failures);
    }

    public static WaveDto of(WaveProgress w) {
        return new WaveDto(w.number(), w.devices(), w.done(), w.failed(), w.awaitingDecision(), w.running(),
                w.notStarted(), w.ended(), w.failures());
    }
}
