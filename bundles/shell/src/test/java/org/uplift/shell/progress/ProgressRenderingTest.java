package org.uplift.shell.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.FakeUpgrades;
import org.uplift.shell.fakes.Scripts;
import org.uplift.shell.fakes.VirtualPacer;

class ProgressRenderingTest {

    private final FakeUpgrades upgrades = new FakeUpgrades();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void byteCountsReadAsAnOperatorExpects() {
        assertEquals("0 B", ByteFigures.size(0));
        assertEquals("1023 B", ByteFigures.size(1023));
        assertEquals("1.0 KiB", ByteFigures.size(1024));
        assertEquals("3.1 MiB", ByteFigures.size(3_300_000));
        assertEquals("8.0 MiB", ByteFigures.size(8L << 20));
        assertEquals("2.0 GiB", ByteFigures.size(2L << 30));
        assertEquals("3.1 MiB / 8.0 MiB (39%)", ByteFigures.transfer(3_300_000, 8L << 20));
        assertEquals("12.0 KiB", ByteFigures.transfer(12_288, -1));
        assertEquals(100, ByteFigures.percent(5, 0), "an empty file is done at once");
        assertEquals(100, ByteFigures.percent(9, 8), "never more than 100%");
    }

    @Test
    void givenNoTerminal_whenAJobRuns_thenEveryStepIsOneLineAndAnImageTransferAboutTenLines() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        VirtualPacer pacer = Scripts.healthyUpgrade(new VirtualPacer(200), upgrades, job.id());

        List<Job> last = new JobFollower(upgrades, new PlainOutput(out), pacer).follow(List.of(job), true, null);

        assertEquals(JobState.DONE, last.get(0).state());
        assertTrue(pacer.scriptDone(), "followed to the end of the script");
        List<String> lines = printed().lines().toList();
        List<String> steps = lines.stream().map(l -> l.split("\\s+")[2]).distinct().toList();
        assertEquals(List.of("PENDING", "BACKUP", "VERIFY_BACKUP", "KEEP_OLD_VERSION", "UPDATE", "VERIFY_UPDATE",
                "MIGRATE_CONFIG", "RESTORE", "VERIFY_RESTORE", "DONE"), steps, printed());
        List<String> update = lines.stream().filter(l -> l.matches("job00001 iad-1\\s+UPDATE\\s+\\d.*")).toList();
        assertEquals(10, update.size(), "one line per tenth of the image, not one per look:\n" + printed());
        assertEquals("job00001 iad-1      UPDATE            1.0 MiB / 10.0 MiB (10%)", update.get(0));
        assertEquals("job00001 iad-1      UPDATE            10.0 MiB / 10.0 MiB (100%)", update.get(9));
        assertFalse(printed().contains("\r") || printed().contains("\u001b"), "no control characters in a log");
        assertFalse(printed().contains("10.0 KiB"), "a 10 KiB upload is below the first unsized line");
    }

    @Test
    void givenAnUploadOfUnknownSize_thenLinesComeAtEachDoublingOnly() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter(job.id(), JobState.BACKUP, "uploading");
        VirtualPacer pacer = new VirtualPacer(100);
        for (long b = 16_384; b <= 1 << 20; b += 16_384) {
            long now = b;
            pacer.then(() -> upgrades.transfer(job.id(), now, -1));
        }
        pacer.then(() -> upgrades.enter(job.id(), JobState.ABORTED, "stopped"));

        new JobFollower(upgrades, new PlainOutput(out), pacer).follow(List.of(upgrades.job(job.id()).orElseThrow()),
                false, null);

        List<String> sizes = printed().lines().filter(l -> l.contains(" BACKUP "))
                .map(l -> l.substring(l.indexOf("BACKUP") + 6).trim()).toList();
        assertEquals(List.of("64.0 KiB", "128.0 KiB", "256.0 KiB", "512.0 KiB", "1.0 MiB"), sizes, printed());
    }

    @Test
    void givenATerminal_thenBytesGoToOneStatusLineRedrawnInPlaceAndStepsStay() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        VirtualPacer pacer = Scripts.healthyUpgrade(new VirtualPacer(200), upgrades, job.id());

        new JobFollower(upgrades, new TerminalOutput(out, () -> 120), pacer).follow(List.of(job), true, null);

        String shown = printed();
        assertTrue(shown.contains(TerminalOutput.CLEAR_LINE + "iad-1 UPDATE 4.0 MiB / 10.0 MiB (40%)"), shown);
        assertTrue(shown.contains(TerminalOutput.CLEAR_LINE + "iad-1 BACKUP 10.0 KiB"), shown);
        // what stays on screen once every redraw is applied: the steps only, no byte lines
        String screen = Pattern.compile("[^\n]*\r\u001b\\[K").matcher(shown).replaceAll("");
        assertEquals(10, screen.lines().count(), screen);
        assertFalse(screen.contains("MiB /"), screen);
        assertTrue(shown.endsWith(TerminalOutput.CLEAR_LINE) || shown.endsWith("\n"),
                "the status line is removed at the end");
    }

    @Test
    void theStatusLineIsRedrawnOnlyWhenItChangesAndNeverWraps() {
        TerminalOutput terminal = new TerminalOutput(out, () -> 30);
        terminal.status("iad-1 UPDATE 1.0 MiB");
        terminal.status("iad-1 UPDATE 1.0 MiB");
        terminal.status("iad-1 VERIFY_UPDATE 12s and a long tail that does not fit");
        terminal.line("job00001 iad-1 DONE");
        String shown = printed();
        assertEquals(1, count(shown, "iad-1 UPDATE 1.0 MiB"), shown);
        assertTrue(shown.contains(TerminalOutput.CLEAR_LINE + "iad-1 VERIFY_UPDATE 12s an...\r"), shown);
        assertTrue(shown.endsWith(TerminalOutput.CLEAR_LINE + "job00001 iad-1 DONE" + System.lineSeparator()), shown);
        assertEquals(29, TerminalOutput.fit("x".repeat(100), 30).length());
    }

    @Test
    void givenARetryThatReturnsToTheSameStepBetweenTwoLooks_thenItsHistoryIsStillPrinted() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter(job.id(), JobState.UPDATE, "downloading");
        VirtualPacer pacer = new VirtualPacer(100).then(() -> {
            upgrades.enter(job.id(), JobState.AWAITING_DECISION, "UPDATE failed: transferFailed");
            upgrades.enter(job.id(), JobState.ROLLBACK, "retry: back to 1.0.0 first");
            upgrades.enter(job.id(), JobState.VERIFY_ROLLBACK, "device runs 1.0.0");
            upgrades.enter(job.id(), JobState.UPDATE, "downloading again");
        }).idle(20).then(() -> upgrades.enter(job.id(), JobState.DONE, "done"));

        new JobFollower(upgrades, new PlainOutput(out), pacer).follow(List.of(upgrades.job(job.id()).orElseThrow()),
                false, null);

        String shown = printed();
        assertTrue(shown.contains("ROLLBACK") && shown.contains("downloading again"), shown);
        int beforeDone = shown.indexOf("DONE");
        assertTrue(shown.indexOf("downloading again") < beforeDone,
                "seen within " + JobFollower.REREAD + ", before the job ended");
    }

    @Test
    void theHistoryIsReadOnlyWhenTheStateChangesOrEveryFewSeconds() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter(job.id(), JobState.VERIFY_UPDATE, "waiting for the restart");
        VirtualPacer pacer = new VirtualPacer(100).idle(40).then(() -> upgrades.enter(job.id(), JobState.DONE, "done"));
        upgrades.jobReads = 0;

        new JobFollower(upgrades, new PlainOutput(out), pacer).follow(List.of(upgrades.job(job.id()).orElseThrow()),
                false, null);

        // 41 looks of 250 ms: the first, one every 2 s (5), and the change to DONE
        assertTrue(upgrades.progressReads >= 41, "progress is read at every look");
        assertTrue(upgrades.jobReads <= 8, "job history read " + upgrades.jobReads + " times");
    }

    @Test
    void givenATimeout_thenFollowingStopsWithTheJobUnfinished() throws Exception {
        Job job = upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter(job.id(), JobState.VERIFY_UPDATE, "waiting for the restart");
        VirtualPacer pacer = new VirtualPacer(100);

        List<Job> last = new JobFollower(upgrades, new PlainOutput(out), pacer)
                .follow(List.of(upgrades.job(job.id()).orElseThrow()), false, Duration.ofSeconds(5));

        assertEquals(JobState.VERIFY_UPDATE, last.get(0).state());
        assertEquals(20, pacer.pauses, "5 s of 250 ms looks");
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
