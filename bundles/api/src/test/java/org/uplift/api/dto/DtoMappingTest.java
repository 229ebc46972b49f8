package org.uplift.api.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;

/** The one mapping from the API's records to what a client sees. */
class DtoMappingTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void givenDevicesWithSecrets_whenMapped_thenNoComponentHoldsACommunityOrPassphrase() {
        DeviceDto v2c = DeviceDto.of(new Device("iad-1", "192.0.2.1", 161, SnmpCredentials.v2c("s3cret"), null));
        DeviceDto v3 = DeviceDto
                .of(new Device("iad-2", "192.0.2.2", 1161, SnmpCredentials.v3("ops", "auth-pw", "priv-pw"), "d"));
        assertEquals(new SnmpDto.Community("v2c"), v2c.snmp());
        assertEquals(new SnmpDto.User("v3", "ops", "SHA256", "AES128"), v3.snmp());
        assertEquals("tftp", v2c.transfer());
        assertFalse((v2c + " " + v3).contains("s3cret") || (v2c + " " + v3).contains("-pw"));
    }

    @Test
    void givenAJob_whenMapped_thenTheSummaryIsTheJobsHeadAndTheDetailAddsPlanHistoryProgressAndDecision() {
        Job job = new Job("j1", "iad-1", "IAD-1000-2.0.0", "2.0.0", JobState.AWAITING_DECISION, T,
                List.of(new StepRecord(JobState.PENDING, T, "go"),
                        new StepRecord(JobState.AWAITING_DECISION, T.plusSeconds(5), "UPDATE failed")),
                "c1", new JobPlan(List.of(new JobPlan.Step("UPDATE", true, "tftp"))), 2,
                new DecisionRecord(1, Decision.RETRY, "alice", "rest", T.plusSeconds(3)));
        JobSummaryDto s = JobSummaryDto.of(job);
        assertEquals(
                new JobSummaryDto("j1", "iad-1", "IAD-1000-2.0.0", "2.0.0", JobState.AWAITING_DECISION, false, "c1", T,
                        T.plusSeconds(5), "UPDATE failed"),
                s);
        JobDto d = JobDto.of(job, Optional.of(new JobProgress("j1", JobState.AWAITING_DECISION, 0, -1)));
        assertEquals(List.of(new PlanStepDto("UPDATE", true, "tftp")), d.plan());
        assertEquals(new StepDto(JobState.PENDING, T, "go"), d.history().get(0));
        assertEquals(new ProgressDto("j1", JobState.AWAITING_DECISION, false, 0, -1), d.progress());
        assertEquals(new DecisionDto(1, "RETRY", "alice", "rest", T.plusSeconds(3)), d.lastDecision());
        assertEquals(2, d.prompt());
        assertNull(JobDto.of(job, Optional.empty()).progress());
        assertEquals(names(JobSummaryDto.class), names(JobDto.class).subList(0, 10),
                "a job's answer starts as its summary");
    }

    @Test
    void givenACampaign_whenMapped_thenItsRequestWavesAndJobsAreThere() {
        CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.list(List.of("iad-1", "iad-2")), 5,
                WaveSize.parseAll("1,100%"), 10, RetryPolicy.parse("retry:1:abort"));
        Campaign c = new Campaign("c1", request, CampaignState.RUNNING, "wave 2", T, T, 2,
                List.of(new WaveProgress(1, 1, 1, 0, 0, 0, 0, List.of()),
                        new WaveProgress(2, 1, 0, 0, 1, 0, 0, List.of())));
        CampaignDto dto = CampaignDto.of(c, List.of());
        assertEquals(new SelectionDto.Devices("list", List.of("iad-1", "iad-2")), dto.selection());
        assertEquals("2 devices: iad-1, iad-2", dto.selection().describe());
        assertEquals("1,100%", dto.waveSizes());
        assertEquals("retry:1:abort", dto.policy());
        assertEquals(2, dto.devices());
        assertEquals(List.of(true, false), dto.waves().stream().map(WaveDto::ended).toList());
        assertEquals(1, dto.waves().get(1).awaitingDecision());
        assertEquals(names(CampaignSummaryDto.class), names(CampaignDto.class).subList(0, 15),
                "a campaign's answer starts as its summary");
        assertEquals(new SelectionDto.Older("older", null), SelectionDto.of(DeviceSelection.olderThanTarget(null)));
        assertEquals("model IAD-1000", SelectionDto.of(DeviceSelection.model("IAD-1000")).describe());
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
