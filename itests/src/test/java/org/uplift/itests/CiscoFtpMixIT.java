package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
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
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * A device with two MIBs, each driven by its own driver: CISCO-CONFIG-COPY-MIB backs its configuration up and
 * restores it over FTP (the Cisco driver and the simulator told the file server's FTP port, a free one),
 * UPLIFT-IAD-MIB downloads the software and gives the configuration digest that verifies the restore.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CiscoFtpMixIT extends UpgradeTestSupport {

    @Inject
    @Filter(value = "(uplift.driver=uplift-iad)", timeout = 120_000)
    private DeviceDriver iad;

    @Configuration
    public Option[] config() {
        return uplift(1, "",
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "mibs", "cisco-config-copy,uplift-iad"));
    }

    @Test
    public void givenCiscoConfigCopyAndUpliftIad_whenUpgradedOverFtp_thenCiscoCopiesTheConfigurationAndIadTheSoftware()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT);
        int ftpPort = intProperty(FILE_FTP_PORT);
        Device device = new Device("mix-1", "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
        DeviceFacts before = iad.facts(device);
        assertEquals("1.0.0", before.runningVersion());

        addFirmware("IAD-1000", "2.0.0");
        executeCommand("uplift:device-add --driver cisco-config-copy,uplift-iad --transfer ftp --port " + port
                + " --community private mix-1 127.0.0.1");
        Job job = upgradedToDone("mix-1");
        String history = job.history().toString();
        assertEquals(history, FULL_PLAN, states(job));
        String ftp = "ftp://127.0.0.1:" + ftpPort;
        assertTrue("the backup was commanded to the FTP server: " + history,
                message(job, JobState.BACKUP).contains("upload its configuration to " + ftp));
        assertTrue("the restore was commanded from the FTP server: " + history,
                message(job, JobState.RESTORE).contains(ftp));
        assertTrue("the backup's completion came as CISCO-CONFIG-COPY-MIB's ccCopyCompletion: " + history,
                message(job, JobState.VERIFY_BACKUP).contains("notification 1.3.6.1.4.1.9.9.96.2.1.1"));
        assertTrue("the download's completion came as UPLIFT-IAD-MIB's upliftIadOpCompletion: " + history,
                message(job, JobState.VERIFY_UPDATE).contains("notification 1.3.6.1.4.1.32473.7.0.1"));
        assertTrue("the stored backup equals the device's digest (read through uplift-iad): " + history,
                message(job, JobState.KEEP_OLD_VERSION).contains("equal to the device's digest"));
        assertTrue("the restore is verified by the IAD digest, not by a checking backup: " + history,
                message(job, JobState.DONE).contains("(the device's digest) equals")
                        && !history.contains("checking backup"));

        DeviceFacts after = iad.facts(device);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("the running configuration after the upgrade equals the one before", before.configDigest(),
                after.configDigest());

        assertEquals("what the simulated device was commanded through which MIB",
                Map.of("cisco-config-copy", List.of("BACKUP_CONFIG", "RESTORE_CONFIG"),
                        "uplift-iad", List.of("DOWNLOAD_FIRMWARE")),
                simulatedOperations(1));

        String shown = executeCommand("uplift:job " + job.id());
        assertTrue(shown, shown.contains("Plan:"));
        assertTrue(shown, shown.contains("BACKUP: cisco-config-copy over ftp"));
        assertTrue(shown, shown.contains("UPDATE: uplift-iad downloads IAD-1000-2.0.0 over ftp"));
        assertTrue(shown, shown.contains("RESTORE: cisco-config-copy over ftp"));
        assertTrue(shown, shown.contains("VERIFY_RESTORE: the device's configuration digest equals the served file's"));
    }

    /** The message of the job's first step in {@code state}, which says how the step before it ended. */
    private static String message(Job job, JobState state) {
        return job.history().stream().filter(r -> r.state() == state).map(StepRecord::message).findFirst()
                .orElseThrow(() -> new AssertionError("no " + state + " in " + job.history()));
    }
}
