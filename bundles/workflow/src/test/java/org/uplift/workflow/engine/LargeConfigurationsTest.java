package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Job;

/**
 * Configurations as large as the field has them go through the whole flow: backed up, verified,
 * migrated 1 -> 3 (keeping the thousands of lines of a section the migrators do not know, in place),
 * validated, restored and verified by the device's digest.
 */
@Timeout(120)
class LargeConfigurationsTest extends HarnessTest {

    private void upgradesWith(int configBytes, int atLeastLines) throws Exception {
        h = EngineHarness.withConfigBytes(dir, 1, List.of(), configBytes);
        h.with("backupTimeoutSeconds", 60).with("restoreTimeoutSeconds", 60);
        h.addFirmware("3.0.0", "3");
        h.startEngine();
        String before = new String(h.sim(1).runningConfig(), StandardCharsets.UTF_8);
        assertTrue(before.lines().count() >= atLeastLines, before.lines().count() + " lines");

        Job done = h.await(h.engine.start("iad-1", "3.0.0").id(), WAIT.multipliedBy(2), DONE, AWAITING_DECISION,
                FAILED);

        assertEquals(DONE, done.state(), done.history().toString());
        String after = new String(h.sim(1).runningConfig(), StandardCharsets.UTF_8);
        assertTrue(after.startsWith(before.substring(0, before.indexOf('\n'))) || after.contains("format=3"), after);
        List<String> dialPlan = before.lines().filter(l -> l.startsWith("rule.")).toList();
        assertEquals(dialPlan, after.lines().filter(l -> l.startsWith("rule.")).toList(),
                "every line of the section no migrator knows, unchanged and in order");
        assertTrue(after.contains("format=3"), "migrated to the new software's format");
        assertEquals("3.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenA4MiBConfiguration_whenUpgradedAcrossTwoFormats_thenItArrivesWhole() throws Exception {
        upgradesWith(4 << 20, 20_000);
    }

    @Test
    void givenA20000LineConfiguration_whenUpgradedAcrossTwoFormats_thenItArrivesWhole() throws Exception {
        upgradesWith(20_000 * 52, 20_000);
    }
}
