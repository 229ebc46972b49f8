package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.parsing.DefaultParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.UpgradeService;

/**
 * The uplift:* commands as an operator meets them in a real Karaf: help with an example, one-line
 * errors, live progress of an upgrade and of a campaign on simulated devices, completion of ids, lists
 * for scripts (--no-format), and commands that Karaf withdraws while a service they need is down.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends UpliftTestSupport {

    /** Large enough that a transfer over loopback TFTP lasts several of the follower's looks. */
    private static final int IMAGE_BYTES = 16 << 20;

    /** Injected so that each test starts once the workflow is up. */
    @Inject
    @Filter(timeout = 120_000)
    private UpgradeService upgrades;

    @Inject
    @Filter(timeout = 120_000)
    private CampaignService campaigns;

    @Configuration
    public Option[] config() {
        // device 1 for uplift:upgrade --wait, devices 2 and 3 for a campaign
        return uplift(3, "", editConfigurationFilePut("etc/org.uplift.campaign.cfg", "tickMillis", "500"));
    }

    @Test
    public void givenUpgradeHelp_thenItSaysWhatItDoesWithAnExampleAndTheDefaults() throws Exception {
        awaitCommand("uplift:firmware-list", 60_000);
        String help = executeCommand("uplift:upgrade --help");
        assertTrue(help, help.contains(
                "Upgrades devices: backs up each configuration, loads the new software, restores the configuration."));
        assertTrue(help, help.contains("uplift:upgrade --firmware 2.0.0 --wait iad-1"));
        assertTrue(help, help.contains("Defaults: --policy ask"));
        assertTrue(help, help.contains("(defaults to 3600)"));
        String sim = executeCommand("uplift-sim:fault --help");
        assertTrue(sim, sim.contains("uplift-sim:fault --device 3 download-fail:noMemory"));
    }

    @Test
    public void givenBadInput_thenEachCommandFailsWithOneClearLine() throws Exception {
        addFirmware("2.0.0");
        addDevice("iad-1", 0);
        assertOneLine("uplift:upgrade --firmware 9.9.9 iad-1",
                "no firmware version 9.9.9 in the catalogue (it has 2.0.0); add an image with uplift:firmware-add");
        assertOneLine("uplift:upgrade --firmware 2.0.0 --policy sometimes iad-1",
                "--policy: policy must be ask, abort, retry:N, retry:N:ask or retry:N:abort, got 'sometimes'");
        assertOneLine("uplift:campaign-show c-nosuch", "no campaign 'c-nosuch': see uplift:campaign-list");
        assertOneLine("uplift:firmware-add --model IAD-1000 --version 3.0.0 /nonexistent/iad.bin",
                "no such file: /nonexistent/iad.bin");
        assertOneLine("uplift:campaign-start --firmware 2.0.0 --devices iad-1 --waves '1,ten%'",
                "--waves: a wave size is a device count (5) or a percentage (25%), got 'ten%'");
        assertOneLine("uplift-sim:fault --device 99 silent", "no simulated device 99; uplift-sim:devices lists them");
        // Karaf logs a CommandException at debug level only: a typo leaves no stack trace in karaf.log
        String log = Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        assertFalse("a bad input was logged as an error:\n" + log,
                log.contains("Exception caught while executing command"));
    }

    @Test
    public void givenASimulatedDevice_whenUpgradedWithWait_thenEveryStepAndTheBytesAreShownUntilDone()
            throws Exception {
        addFirmware("2.0.0");
        addDevice("iad-1", 0);
        long start = System.nanoTime();
        String out = executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 300 iad-1");
        System.out.println("uplift:upgrade --wait took " + (System.nanoTime() - start) / 1_000_000 + " ms:\n" + out);
        for (String step : List.of("PENDING", "BACKUP", "VERIFY_BACKUP", "KEEP_OLD_VERSION", "UPDATE", "VERIFY_UPDATE",
                "MIGRATE_CONFIG", "RESTORE", "VERIFY_RESTORE", "DONE")) {
            assertTrue(step + " missing:\n" + out, Pattern.compile("\\s" + step + "\\s").matcher(out).find());
        }
        Matcher bytes = Pattern.compile("UPDATE +(\\d+\\.\\d [KM]iB) / 16\\.0 MiB \\((\\d+)%\\)").matcher(out);
        assertTrue("a bytes figure of the image transfer:\n" + out, bytes.find());
        assertFalse("no control characters without a terminal", out.contains("\u001b") || out.contains("\r"));
        assertTrue(out, Pattern.compile("Job \\w+ DONE: iad-1 runs 2\\.0\\.0\\s*$").matcher(out).find());
    }

    @Test
    public void givenACampaign_whenShownWithFollow_thenItsWavesAreFollowedUntilItEnds() throws Exception {
        addFirmware("2.0.0");
        addDevice("iad-2", 1);
        addDevice("iad-3", 2);
        String started = executeCommand("uplift:campaign-start --firmware 2.0.0 --devices iad-2,iad-3 --waves '1,100%'"
                + " --concurrency 1 --policy abort");
        Matcher id = Pattern.compile("Campaign (c-\\w+)").matcher(started);
        assertTrue(started, id.find());
        assertTrue(started, started.contains("Follow it with uplift:campaign-show --follow " + id.group(1)));

        long start = System.nanoTime();
        String out = executeCommand("uplift:campaign-show --follow --timeout 300 " + id.group(1));
        System.out.println(
                "uplift:campaign-show --follow took " + (System.nanoTime() - start) / 1_000_000 + " ms:\n" + out);
        assertTrue(out, out.contains("wave 1/2: 1 device: 1 done, 0 failed, 0 waiting, 0 running, 0 not started"));
        assertTrue(out, out.contains("wave 2/2: 1 device: 1 done, 0 failed, 0 waiting, 0 running, 0 not started"));
        assertTrue("the jobs in flight are followed:\n" + out,
                out.contains(" iad-3 ") && out.contains("VERIFY_RESTORE"));
        assertTrue(out, out.contains("Campaign " + id.group(1) + " COMPLETED: 2 of 2 devices upgraded"));
        assertEquals("the command returned when the campaign ended", "COMPLETED",
                campaigns.campaign(id.group(1)).orElseThrow().state().name());
    }

    @Test
    public void givenDevicesInTheInventory_whenTheirIdIsCompleted_thenTheCommandsCompleterOffersThem()
            throws Exception {
        addFirmware("2.0.0");
        addDevice("iad-1", 0);
        addDevice("iad-2", 1);
        try (Session session = newSession(new PrintStream(new ByteArrayOutputStream()))) {
            Command upgrade = session.getRegistry().getCommands().stream()
                    .filter(c -> "uplift".equals(c.getScope()) && "upgrade".equals(c.getName())).findFirst()
                    .orElse(null);
            assertNotNull("uplift:upgrade is registered", upgrade);
            List<String> devices = complete(session, upgrade, "uplift:upgrade --firmware 2.0.0 iad");
            assertTrue(devices.toString(), devices.containsAll(List.of("iad-1", "iad-2")));
            assertEquals(List.of("2.0.0"), complete(session, upgrade, "uplift:upgrade --firmware "));
        }
    }

    @Test
    public void givenAServiceIsDown_thenKarafWithdrawsTheCommandsUntilItIsBack() throws Exception {
        awaitCommand("uplift:migrations", 60_000);
        Bundle migration = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.uplift.migration".equals(b.getSymbolicName())).findFirst().orElseThrow();
        migration.stop();
        try {
            // the commands' references are mandatory: none of them runs without its service, as with Karaf's own
            long deadline = System.currentTimeMillis() + 30_000;
            while (upliftCommands().contains("migrations") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertFalse("uplift:migrations is withdrawn while MigrationService is missing",
                    upliftCommands().contains("migrations"));
            String message = failureOf("uplift:migrations");
            assertTrue(message, message.contains("uplift:migrations"));
        } finally {
            migration.start();
        }
        awaitCommand("uplift:migrations", 60_000);
        String devices = executeCommand("uplift:device-list");
        assertTrue("the commands are back with their services:\n" + devices, devices.contains("Id"));
    }

    @Test
    public void givenDevices_whenListedWithNoFormat_thenAScriptReadsTabSeparatedRowsOnly() throws Exception {
        addDevice("iad-1", 0);
        addDevice("iad-2", 1);
        String plain = executeCommand("uplift:device-list --no-format");
        assertFalse(plain,
                plain.contains("Id") || plain.contains("│") || plain.contains("-+-") || plain.contains(" | "));
        List<String> ids = plain.lines().map(line -> line.split("\t")[0].strip()).toList();
        assertTrue(plain, ids.containsAll(List.of("iad-1", "iad-2")));
        assertTrue(plain, plain.lines().allMatch(line -> line.split("\t").length == 6));
        assertTrue(executeCommand("uplift:device-list --help").contains("--no-format"));
    }

    /** The names of the uplift:* commands registered now. */
    private List<String> upliftCommands() {
        try (Session session = newSession(new PrintStream(new ByteArrayOutputStream()))) {
            return session.getRegistry().getCommands().stream().filter(c -> "uplift".equals(c.getScope()))
                    .map(Command::getName).toList();
        }
    }

    /** A console session as an operator's, its output and errors to {@code out}. */
    private Session newSession(PrintStream out) {
        return sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
    }

    /** What TAB at the end of {@code typed} offers: the line parsed by Karaf's parser, completed by the command's completer. */
    private static List<String> complete(Session session, Command command, String typed) {
        List<String> candidates = new ArrayList<>();
        command.getCompleter(false).complete(session, new DefaultParser().parse(session, typed, typed.length()),
                candidates);
        return candidates.stream().map(String::trim).toList();
    }

    private void assertOneLine(String command, String expected) throws Exception {
        String message = failureOf(command);
        assertEquals(command, expected, message);
        assertFalse(message, message.contains("\n") || message.contains("Exception") || message.contains("at org."));
    }

    /** The message a failing command gives; the command must fail and print no stack trace. */
    private String failureOf(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true);
        Session session = newSession(out);
        try {
            session.execute(command);
        } catch (Exception e) {
            String printed = bytes.toString();
            assertFalse(command + " printed a stack trace:\n" + printed,
                    printed.contains("Exception") || printed.contains("at org."));
            return e.getMessage();
        } finally {
            session.close();
        }
        fail(command + " did not fail:\n" + bytes);
        return null;
    }

    private void addDevice(String id, int simulatorOffset) throws Exception {
        awaitCommand("uplift:device-list", 60_000);
        String out = executeCommand("uplift:device-add --port " + (intProperty(SIM_BASE_PORT) + simulatorOffset)
                + " --community private " + id + " 127.0.0.1");
        assertTrue(out, out.contains("Device " + id));
    }

    private void addFirmware(String version) throws Exception {
        awaitCommand("uplift:firmware-list", 60_000);
        if (executeCommand("uplift:firmware-list").contains("IAD-1000-" + version)) {
            return;
        }
        File image = Files.createTempFile("iad-" + version, ".bin").toFile();
        awaitCommand("uplift-sim:devices", 60_000);
        executeCommand("uplift-sim:make-firmware --model IAD-1000 --version " + version + " --size " + IMAGE_BYTES + " "
                + image);
        String out = executeCommand("uplift:firmware-add --model IAD-1000 --version " + version + " " + image);
        assertTrue(out, out.contains("Added IAD-1000-" + version));
    }
}
