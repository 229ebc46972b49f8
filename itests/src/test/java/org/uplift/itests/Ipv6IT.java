package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;

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

/**
 * Uplift on IPv6 loopback only: the file server (TFTP, FTP, HTTP) and the notification receiver bound to ::1,
 * the simulated IADs on ::1 too (the simulator's {@code host}); each device is upgraded over its own protocol.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Ipv6IT extends UpgradeTestSupport {

    @Inject
    @Filter(value = "(uplift.driver=uplift-iad)", timeout = 120_000)
    private DeviceDriver iad;

    @Configuration
    public Option[] config() {
        String traps = Integer.toString(freeLoopbackUdpPort());
        return uplift(3, "",
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "bindAddress", "::1"),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "host", "::1"),
                editConfigurationFilePut("etc/org.uplift.snmp.notifications.cfg", "bindAddress", "::1"),
                editConfigurationFilePut("etc/org.uplift.snmp.notifications.cfg", "port", traps),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "notifyTo", "::1:" + traps));
    }

    @Test
    public void givenADeviceOnIpv6Loopback_whenUpgradedOverTftp_thenItIsDone() throws Exception {
        upgradeOver("tftp", "dev-6", 0, intProperty(TFTP_PORT));
    }

    @Test
    public void givenADeviceOnIpv6Loopback_whenUpgradedOverHttp_thenItIsDone() throws Exception {
        upgradeOver("http", "dev-6h", 1, intProperty(FILE_HTTP_PORT));
    }

    @Test
    public void givenADeviceOnIpv6Loopback_whenUpgradedOverFtp_thenItIsDone() throws Exception {
        upgradeOver("ftp", "dev-6f", 2, intProperty(FILE_FTP_PORT));
    }

    private void upgradeOver(String protocol, String id, int offset, int serverPort) throws Exception {
        int port = intProperty(SIM_BASE_PORT) + offset;
        Device device = new Device(id, "::1", port, SnmpCredentials.v2c("private"), null);
        DeviceFacts before = iad.facts(device);
        assertEquals("1.0.0", before.runningVersion());

        addFirmware("IAD-1000", "2.0.0");
        String added = executeCommand("uplift:device-add --transfer " + protocol + " --port " + port
                + " --community private " + id + " ::1");
        assertTrue(added, added.contains(id));
        Job job = upgradedToDone(id);
        String history = job.history().toString();
        assertEquals(history, FULL_PLAN, states(job));
        // the file server as the history names it: a URL, the IPv6 literal in brackets
        List<String> server = List.of(protocol + "://[::1]:" + serverPort,
                protocol + "://[0:0:0:0:0:0:0:1]:" + serverPort);
        for (JobState commanded : List.of(JobState.BACKUP, JobState.UPDATE, JobState.RESTORE)) {
            assertTrue(commanded + " was commanded from " + server.get(0) + ": " + history, job.history().stream()
                    .anyMatch(r -> r.state() == commanded && server.stream().anyMatch(r.message()::contains)));
        }
        DeviceFacts after = iad.facts(device);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("the running configuration after the upgrade equals the one before", before.configDigest(),
                after.configDigest());
    }
}
