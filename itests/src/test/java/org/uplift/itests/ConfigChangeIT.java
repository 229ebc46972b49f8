package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.util.tracker.ServiceTracker;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/**
 * Issue 7: an operator edits {@code etc/org.uplift.*.cfg} in a running Karaf - a port, a directory, a
 * time-out - and the change takes effect without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigChangeIT extends UpliftTestSupport {

    @Configuration
    public Option[] config() {
        // device 2's backup never finishes: only the workflow's backup time-out can end it
        return uplift(2, "2=backup-hang");
    }

    @Test
    public void givenARunningUplift_whenCfgFilesChange_thenPortsDirectoriesAndTimeoutsFollow() throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        int simBase = intProperty(SIM_BASE_PORT);
        awaitCommand("uplift:firmware-list", 60_000);
        awaitCommand("uplift-sim:devices", 60_000);
        executeCommand("uplift:device-add --port " + simBase + " --community private iad-1 127.0.0.1");
        executeCommand("uplift:device-add --port " + (simBase + 1) + " --community private iad-2 127.0.0.1");
        addFirmware("IAD-1000", "2.0.0");

        // the TFTP port: the server moves, and the next upgrade tells the device the new port
        int oldPort = intProperty(TFTP_PORT);
        int newPort = freeLoopbackUdpPort();
        setInCfg(etc.resolve("org.uplift.tftp.cfg"), "port", Integer.toString(newPort));
        await(FileServer.class, s -> s.endpoint(TransferProtocol.TFTP).port(), p -> p == newPort,
                "TFTP endpoint on " + newPort);
        assertTrue("the old TFTP port is released", awaitTrue(() -> Leftovers.udpFree(oldPort)));
        assertTrue("the new TFTP port is bound", !Leftovers.udpFree(newPort));
        executeCommand("uplift:upgrade --firmware 2.0.0 iad-1");
        Job done = awaitJob("iad-1", Set.of(JobState.DONE, JobState.AWAITING_DECISION, JobState.FAILED));
        assertEquals(done.history().toString(), JobState.DONE, done.state());
        assertTrue(done.history().toString(),
                done.history().stream().anyMatch(r -> r.message().contains(":" + newPort)));

        // the firmware directory: the catalogue now reads the new folder
        Path firmwareDir = Files.createTempDirectory(Path.of(System.getProperty("karaf.data")), "firmware-moved");
        setInCfg(etc.resolve("org.uplift.firmware.cfg"), "directory", firmwareDir.toString());
        await(FirmwareCatalog.class, c -> c.list().size(), n -> n == 0, "an empty catalogue in " + firmwareDir);
        addFirmware("IAD-1000", "3.0.0");
        try (var files = Files.list(firmwareDir)) {
            assertTrue("the image is stored in the new folder", files.findAny().isPresent());
        }

        // a time-out: with backupTimeoutSeconds = 2 the hanging backup fails within seconds, not 120 s
        setInCfg(etc.resolve("org.uplift.workflow.cfg"), "backupTimeoutSeconds", "2");
        Thread.sleep(3_000); // File Install polls etc/ every second; the workflow component restarts with it
        awaitCommand("uplift:jobs", 30_000);
        executeCommand("uplift:upgrade --firmware 3.0.0 iad-2");
        long started = System.currentTimeMillis();
        Job waiting = awaitJob("iad-2", Set.of(JobState.AWAITING_DECISION, JobState.FAILED, JobState.DONE));
        assertEquals(waiting.history().toString(), JobState.AWAITING_DECISION, waiting.state());
        assertTrue("failed by the new 2 s time-out: " + waiting.history(),
                System.currentTimeMillis() - started < 60_000
                        && waiting.history().stream().anyMatch(r -> r.message().contains("within 2 s")));
    }

    /** Sets {@code key} in a cfg file as an operator's editor would: rewrites the file in place. */
    private static void setInCfg(Path cfg, String key, String value) throws Exception {
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg) : List.of();
        List<String> kept = lines.stream().filter(l -> !l.matches("\\s*" + Pattern.quote(key) + "\\s*[=:].*")).toList();
        List<String> out = new ArrayList<>(kept);
        out.add(key + " = " + value);
        Files.write(cfg, out);
    }

    /** Reads a value off a service; the service may throw while it restarts. */
    private interface Read<S, V> {
        V apply(S service) throws Exception;
    }

    private <S, V> void await(Class<S> type, Read<S, V> read, Predicate<V> wanted, String what) throws Exception {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            V last = null;
            while (System.currentTimeMillis() < deadline) {
                S service = tracker.getService();
                if (service != null) {
                    try {
                        last = read.apply(service);
                        if (wanted.test(last)) {
                            return;
                        }
                    } catch (Exception e) {
                        // the component is being restarted with the new configuration
                    }
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no " + what + " within 30 s after the cfg change; last seen " + last);
        } finally {
            tracker.close();
        }
    }

    private static boolean awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private Job awaitJob(String device, Set<JobState> states) throws Exception {
        ServiceTracker<UpgradeService, UpgradeService> tracker = new ServiceTracker<>(bundleContext,
                UpgradeService.class, null);
        tracker.open();
        try {
            long deadline = System.currentTimeMillis() + 90_000;
            Job job = null;
            while (System.currentTimeMillis() < deadline) {
                UpgradeService s = tracker.waitForService(10_000);
                assertNotNull("UpgradeService", s);
                job = s.jobs().stream().filter(j -> j.deviceId().equals(device)).findFirst().orElse(null);
                if (job != null && states.contains(job.state())) {
                    return job;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("job of " + device + " not in " + states + ": " + job);
        } finally {
            tracker.close();
        }
    }
}
