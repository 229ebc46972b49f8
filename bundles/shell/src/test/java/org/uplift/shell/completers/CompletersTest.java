package org.uplift.shell.completers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uplift.shell.fakes.Commands.set;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.parsing.DefaultParser;
import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.FakeDirectory;
import org.uplift.shell.fakes.FakeUpgrades;

class CompletersTest {

    /** What the completer offers when TAB is pressed at the end of {@code typed}, parsed by Karaf's own parser. */
    private static List<String> complete(Completer completer, String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(null, typed, typed.length()), candidates);
        return candidates;
    }

    @Test
    void deviceIdsComeFromTheDirectory() {
        DeviceIdCompleter c = set(new DeviceIdCompleter(), "directory", new FakeDirectory("iad-1", "iad-2", "cpe-9"));
        assertEquals(List.of("iad-1 ", "iad-2 "), complete(c, "uplift:upgrade --firmware 2.0.0 iad"));
        assertEquals(List.of("cpe-9 ", "iad-1 ", "iad-2 "), complete(c, "uplift:backups "));
    }

    @Test
    void aDeviceListIsCompletedAfterItsLastCommaWithoutRepeatingAnId() {
        DeviceListCompleter c = set(new DeviceListCompleter(), "directory",
                new FakeDirectory("iad-1", "iad-2", "iad-3"));
        assertEquals(List.of("iad-1,iad-2", "iad-1,iad-3"), complete(c, "uplift:campaign-start --devices iad-1,i"));
        assertEquals(List.of("iad-1", "iad-2", "iad-3"), complete(c, "uplift:campaign-start --devices "));
    }

    @Test
    void retryOffersWaitingJobsAndAbortUnfinishedOnes() {
        FakeUpgrades upgrades = new FakeUpgrades();
        upgrades.add("job00001", "iad-1", "2.0.0", null);
        upgrades.enter("job00001", JobState.DONE, "done");
        upgrades.add("job00002", "iad-2", "2.0.0", null);
        upgrades.enter("job00002", JobState.AWAITING_DECISION, "UPDATE failed");
        upgrades.add("job00003", "iad-3", "2.0.0", null);
        upgrades.enter("job00003", JobState.UPDATE, "downloading");
        assertEquals(List.of("job00001 ", "job00002 ", "job00003 "),
                complete(set(new JobIdCompleter(), "upgrades", upgrades), "uplift:job job"));
        assertEquals(List.of("job00002 "),
                complete(set(new WaitingJobIdCompleter(), "upgrades", upgrades), "uplift:retry "));
        assertEquals(List.of("job00002 ", "job00003 "),
                complete(set(new UnfinishedJobIdCompleter(), "upgrades", upgrades), "uplift:abort "));
    }

    @Test
    void whileItsServiceIsMissingACompleterOffersNothing() {
        assertEquals(List.of(), complete(new JobIdCompleter(), "uplift:job "));
        assertEquals(List.of(), complete(new CampaignIdCompleter(), "uplift:campaign-show "));
        assertEquals(List.of(), complete(new FirmwareVersionCompleter(), "uplift:upgrade --firmware "));
        assertEquals(List.of(), complete(new DeviceIdCompleter(), "uplift:upgrade --firmware 2.0.0 "));
        assertEquals(List.of(), complete(new DeviceListCompleter(), "uplift:campaign-start --devices "));
    }
}
