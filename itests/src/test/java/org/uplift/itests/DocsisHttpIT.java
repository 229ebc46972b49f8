package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * Cable modems that speak only DOCS-CABLE-DEVICE-MIB: the software is downloaded over HTTP (the docsis-sw driver
 * and the simulator told the file server's HTTP port, a free one); the configuration is left to provisioning, so
 * the job is a firmware-only plan, and a roll-back would download the old image again, which must therefore be in
 * the catalogue.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DocsisHttpIT extends UpgradeTestSupport {

    @Inject
    @Filter(value = "(uplift.driver=docsis-sw)", timeout = 120_000)
    private DeviceDriver docsis;

    @Configuration
    public Option[] config() {
        return uplift(2, "", editConfigurationFilePut("etc/org.uplift.simulator.cfg", "mibs", "docsis"));
    }

    @Test
    public void givenADocsisModemAndItsImageInTheCatalogue_whenUpgradedOverHttp_thenAFirmwareOnlyPlanRunsIt()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT);
        int httpPort = intProperty(FILE_HTTP_PORT);
        Device modem = new Device("modem-1", "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
        assertEquals("1.0.0", docsis.facts(modem).runningVersion());

        addFirmware("IAD-1000", "1.0.0");
        addFirmware("IAD-1000", "2.0.0");
        executeCommand("uplift:device-add --driver docsis-sw --transfer http --port " + port
                + " --community private modem-1 127.0.0.1");
        Job job = upgradedToDone("modem-1");
        String history = job.history().toString();
        assertEquals("a firmware-only plan: " + history, List.of(JobState.PENDING, JobState.KEEP_OLD_VERSION,
                JobState.UPDATE, JobState.VERIFY_UPDATE, JobState.DONE), states(job));
        assertTrue("the download was commanded from the HTTP server: " + history,
                message(job, JobState.UPDATE).contains("from http://127.0.0.1:" + httpPort));
        assertEquals("the modem runs the target", "2.0.0", docsis.facts(modem).runningVersion());
        assertEquals("only the download was commanded, through DOCS-CABLE-DEVICE-MIB",
                Map.of("docsis", List.of("DOWNLOAD_FIRMWARE")), simulatedOperations(1));

        String shown = executeCommand("uplift:job " + job.id());
        assertTrue(shown, shown.contains("skip BACKUP:") && shown.contains("a firmware-only plan"));
        assertTrue(shown, shown.contains("UPDATE: docsis-sw downloads IAD-1000-2.0.0 over http"));
        assertTrue(shown, shown.contains("skip RESTORE:"));
        assertTrue(shown, shown.contains("ROLLBACK: only if needed: docsis-sw downloads IAD-1000-1.0.0 again"));
    }

    @Test
    public void givenADocsisModemWhoseRunningImageIsNotInTheCatalogue_whenAnUpgradeIsStarted_thenItIsRefused()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT) + 1;
        addFirmware("IAD-1000", "2.0.0");
        if (executeCommand("uplift:firmware-list").contains("IAD-1000-1.0.0")) {
            executeCommand("uplift:firmware-remove IAD-1000-1.0.0"); // the other test adds it
        }
        executeCommand("uplift:device-add --driver docsis-sw --transfer http --port " + port
                + " --community private modem-2 127.0.0.1");
        try {
            executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 60 modem-2");
            fail("a modem that keeps no old version and whose image is not in the catalogue must be refused");
        } catch (Exception expected) {
            String message = expected.getMessage();
            assertTrue(message, message.contains("runs IAD-1000 1.0.0, which is not in the firmware catalogue"));
            assertFalse("one line: " + message, message.contains("\n"));
        }
        assertTrue("the refused upgrade made no job",
                upgrades.jobs().stream().noneMatch(j -> j.deviceId().equals("modem-2")));
        assertEquals("the modem was not touched", Map.of(), simulatedOperations(2));
    }

    /** The message of the job's first step in {@code state}, which says how the step before it ended. */
    private static String message(Job job, JobState state) {
        return job.history().stream().filter(r -> r.state() == state).map(StepRecord::message).findFirst()
                .orElseThrow(() -> new AssertionError("no " + state + " in " + job.history()));
    }
}
