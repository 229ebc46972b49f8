package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.workflow.campaign.SlotStatus.AWAITING_DECISION;
import static org.uplift.workflow.campaign.SlotStatus.DONE;
import static org.uplift.workflow.campaign.SlotStatus.FAILED;
import static org.uplift.workflow.campaign.SlotStatus.PENDING;
import static org.uplift.workflow.campaign.SlotStatus.RUNNING;
import static org.uplift.workflow.campaign.SlotStatus.STARTING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;

/** The rules that move a running campaign, on devices whose statuses are given. */
class ProgressionTest {

    /** Devices d1..dN in waves of {@code waves}, at wave {@code current}. */
    private static StoredCampaign campaign(int devices, String waves, int concurrency, int threshold, int current) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= devices; i++) {
            ids.add("d" + i);
        }
        List<Slot> slots = WavePlan.slots(ids, WaveSize.parseAll(waves));
        CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.list(ids), concurrency,
                WaveSize.parseAll(waves), threshold, RetryPolicy.ASK);
        Instant now = Instant.EPOCH;
        return new StoredCampaign("c-1", request, CampaignState.RUNNING, "", now, now, current,
                slots.get(slots.size() - 1).wave() + 1, -1, slots);
    }

    private static Map<Integer, SlotStatus> status(SlotStatus... each) {
        Map<Integer, SlotStatus> map = new HashMap<>();
        for (int i = 0; i < each.length; i++) {
            map.put(i, each[i]);
        }
        return map;
    }

    private static List<String> started(Step step) {
        return assertInstanceOf(Step.Start.class, step).slots().stream().map(Slot::deviceId).toList();
    }

    @Test
    void givenANewCampaign_whenAdvanced_thenOnlyTheFirstWaveStarts() {
        assertEquals(List.of("d1"), started(Progression.next(campaign(4, "1,100%", 2, 0, 0),
                status(PENDING, PENDING, PENDING, PENDING))));
    }

    @Test
    void givenUnfinishedJobs_whenAdvanced_thenNoMoreThanTheConcurrencyLimitAreUnfinished() {
        StoredCampaign c = campaign(6, "100%", 3, 0, 0);
        assertEquals(List.of("d3"),
                started(Progression.next(c, status(RUNNING, STARTING, PENDING, PENDING, PENDING, PENDING))));
        assertInstanceOf(Step.Wait.class,
                Progression.next(c, status(RUNNING, AWAITING_DECISION, RUNNING, PENDING, PENDING, PENDING)),
                "a job waiting for a decision keeps its place");
        assertEquals(List.of("d4", "d5"),
                started(Progression.next(c, status(DONE, DONE, RUNNING, PENDING, PENDING, PENDING))));
    }

    @Test
    void givenAWaveNotEnded_whenAdvanced_thenTheNextWaveWaitsEvenWithFreePlaces() {
        assertInstanceOf(Step.Wait.class, Progression.next(campaign(4, "1,100%", 4, 0, 0),
                status(RUNNING, PENDING, PENDING, PENDING)));
    }

    @Test
    void givenAWaveEndedWithinTheThreshold_whenAdvanced_thenTheNextWaveBegins() {
        Step step = Progression.next(campaign(4, "2,100%", 2, 50, 0), status(DONE, FAILED, PENDING, PENDING));
        assertEquals(1, assertInstanceOf(Step.NextWave.class, step).wave(), "1 of 2 failed is 50%, not more");
    }

    @Test
    void givenFailuresPastTheThreshold_whenAdvanced_thenThePauseSaysWhichWaveAndWhatToDo() {
        Step step = Progression.next(campaign(4, "1,100%", 2, 20, 0), status(FAILED, PENDING, PENDING, PENDING));
        String reason = assertInstanceOf(Step.Pause.class, step).reason();
        assertTrue(reason.contains("wave 1 of 2") && reason.contains("1 of 1 devices failed (100%)")
                && reason.contains("threshold of 20%") && reason.contains("uplift:campaign-resume c-1"), reason);
    }

    @Test
    void givenFailuresPastTheThresholdMidWave_whenAdvanced_thenItPausesBeforeStartingMore() {
        assertInstanceOf(Step.Pause.class, Progression.next(campaign(10, "100%", 2, 10, 0),
                status(FAILED, FAILED, PENDING, PENDING, PENDING, PENDING, PENDING, PENDING, PENDING, PENDING)));
    }

    @Test
    void givenTheOperatorResumedPastTheThreshold_whenAdvanced_thenThatWaveGoesOnAndTheNextBegins() {
        StoredCampaign c = campaign(4, "1,100%", 2, 0, 0).withThresholdCleared(0);
        assertEquals(1, assertInstanceOf(Step.NextWave.class,
                Progression.next(c, status(FAILED, PENDING, PENDING, PENDING))).wave());
        StoredCampaign second = c.withWave(1, Instant.EPOCH);
        assertInstanceOf(Step.Pause.class, Progression.next(second, status(FAILED, FAILED, PENDING, PENDING)),
                "the next wave is checked again");
    }

    @Test
    void givenTheLastWaveEnded_whenAdvanced_thenTheCampaignCompletesCountingFailures() {
        Step step = Progression.next(campaign(3, "1,100%", 2, 100, 1), status(DONE, DONE, FAILED));
        String message = assertInstanceOf(Step.Complete.class, step).message();
        assertTrue(message.contains("2 of 3 devices upgraded to 2.0.0, 1 failed"), message);
    }

    @Test
    void givenAPausedOrCancelledCampaign_whenAdvanced_thenNothingStarts() {
        StoredCampaign c = campaign(2, "100%", 2, 0, 0);
        for (CampaignState s : List.of(CampaignState.PAUSED, CampaignState.CANCELLED, CampaignState.COMPLETED)) {
            assertInstanceOf(Step.Wait.class,
                    Progression.next(c.withState(s, "", Instant.EPOCH), status(PENDING, PENDING)));
        }
    }
}
