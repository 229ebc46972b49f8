package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.Test;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.migration.MigrationStep;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeBackups;
import org.uplift.shell.fakes.FakeCampaigns;
import org.uplift.shell.fakes.FakeCatalog;
import org.uplift.shell.fakes.FakeRegistry;
import org.uplift.shell.fakes.FakeUpgrades;

/**
 * --no-format on each kind of list, as Karaf's own list commands mean it: for scripts, rows only (no header, no
 * rules), cells separated by tabs, nothing for an empty list, no cell cut short, and remarks off the rows.
 */
class NoFormatTest {

    /** What a list prints with and without --no-format. */
    private record Both(String formatted, String plain) {
    }

    private static Both both(Action command) {
        Run formatted = run(command);
        assertNull(formatted.failure());
        Run plain = run(set(command, "noFormat", true));
        assertNull(plain.failure());
        return new Both(formatted.out(), plain.out());
    }

    /** Rows only: no rules or column bars, and each line has the table's cells separated by tabs. */
    private static List<String> rows(String plain, int columns) {
        assertFalse(plain.contains("│") || plain.contains("─") || plain.contains(" | ") || plain.contains("-+-"),
                plain);
        List<String> rows = plain.lines().toList();
        for (String row : rows) {
            assertEquals(columns, row.split("\t", -1).length, "cells of '" + row + "'");
        }
        return rows;
    }

    private static String cell(String row, int column) {
        return row.split("\t", -1)[column].strip();
    }

    @Test
    void aListOfThingsIsItsRowsOnly() {
        Both devices = both(command(DeviceListCommand.class, new FakeRegistry("iad-1", "iad-2")));
        assertTrue(devices.formatted().contains("Id") && devices.formatted().contains("Host"), devices.formatted());
        List<String> rows = rows(devices.plain(), 6);
        assertEquals(List.of("iad-1", "iad-2"), rows.stream().map(r -> cell(r, 0)).toList());
        assertEquals("192.0.2.1", cell(rows.get(0), 1));

        Both firmware = both(command(FirmwareListCommand.class, new FakeCatalog().with("IAD-1000", "2.0.0")));
        assertEquals("IAD-1000-2.0.0", cell(rows(firmware.plain(), 7).get(0), 0));
        assertFalse(firmware.plain().contains("Version"), "no header");
    }

    @Test
    void anEmptyListPrintsNothing() {
        Both firmware = both(command(FirmwareListCommand.class, new FakeCatalog()));
        assertTrue(firmware.formatted().contains("No firmware yet"), firmware.formatted());
        assertEquals("", firmware.plain());
        Both jobs = both(command(JobsCommand.class, new FakeUpgrades()));
        assertTrue(jobs.formatted().contains("No jobs yet"), jobs.formatted());
        assertEquals("", jobs.plain());
    }

    @Test
    void aLongCellIsCutOnScreenButWholeForAScript() {
        String message = "UPDATE failed: " + "the device reported noMemory ".repeat(5);
        FakeUpgrades upgrades = new FakeUpgrades();
        upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter("job00001", JobState.AWAITING_DECISION, message);
        Both jobs = both(command(JobsCommand.class, upgrades));
        assertFalse(jobs.formatted().contains(message.strip()), jobs.formatted());
        assertEquals(message.strip(), cell(rows(jobs.plain(), 6).get(0), 5));

        FakeCampaigns campaigns = new FakeCampaigns();
        List<String> many = IntStream.rangeClosed(1, 20).mapToObj(i -> "iad-" + i).toList();
        CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.list(many), 5,
                WaveSize.parseAll("1,100%"),
                20, RetryPolicy.parse("abort"));
        campaigns.set(new Campaign("c-1", request, CampaignState.RUNNING, "wave 1 running", FakeUpgrades.T0,
                FakeUpgrades.T0, 1,
                List.of()));
        Both list = both(command(CampaignListCommand.class, campaigns));
        String chosen = cell(rows(list.plain(), 11).get(0), 2);
        assertEquals(request.selection().toString(), chosen);
        assertFalse(list.formatted().contains(chosen), "cut at 40 on screen");
    }

    @Test
    void aRemarkAboutTheListGoesToTheErrorStreamForAScript() {
        FakeUpgrades upgrades = new FakeUpgrades();
        for (int i = 1; i <= 3; i++) {
            upgrades.add(String.format("job%05d", i), "iad-" + i, "2.0.0", null);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Run plain;
        try {
            plain = run(set(set(command(JobsCommand.class, upgrades), "limit", 2), "noFormat", true));
        } finally {
            System.setErr(previous);
        }
        assertEquals(List.of("job00003", "job00002"), rows(plain.out(), 6).stream().map(r -> cell(r, 0)).toList());
        assertEquals("showing 2 of 3 (page 1 of 2); use --page/--limit", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void twoTablesAreSeparatedByAnEmptyLine() {
        MigrationService migrations = new MigrationService() {
            @Override
            public List<String> chain(String model, String from, String to) throws MigrationException {
                if (from.compareTo(to) > 0) {
                    throw new MigrationException("no way back");
                }
                return from.equals("1") && to.equals("3") ? List.of("1", "2", "3") : List.of(from, to);
            }

            @Override
            public byte[] migrate(String model, String from, String to, byte[] configuration) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<MigrationStep> steps() {
                return List.of(new MigrationStep("IAD-1000", "1", "2"), new MigrationStep("IAD-1000", "2", "3"));
            }

            @Override
            public boolean validate(String model, String format, byte[] configuration) {
                return true;
            }
        };
        Both both = both(command(MigrationsCommand.class, migrations));
        assertTrue(both.formatted().contains("Model"), both.formatted());
        List<String> lines = both.plain().lines().toList();
        int gap = lines.indexOf("");
        assertEquals(2, gap, both.plain());
        rows(String.join("\n", lines.subList(0, gap)), 3);
        List<String> chains = rows(String.join("\n", lines.subList(gap + 1, lines.size())), 2);
        assertTrue(chains.stream().anyMatch(r -> cell(r, 1).equals("1 -> 2 -> 3")), chains.toString());
    }

    @Test
    void aDevicesBackupsAreRowsToo() {
        ConfigBackup taken = new ConfigBackup("iad-1", 1, Instant.parse("2024-05-01T10:00:00Z"), 120, "cd".repeat(32),
                "1.0.0", "1");
        BackupStore store = new FakeBackups(taken);
        Both backups = both(set(command(BackupsCommand.class, store), "device", "iad-1"));
        assertTrue(backups.formatted().contains("SHA-256"), backups.formatted());
        assertEquals("cd".repeat(32), cell(rows(backups.plain(), 6).get(0), 5));
    }
}
