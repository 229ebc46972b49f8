package org.uplift.shell.completers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uplift.shell.fakes.Commands.set;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.FakeUpgrades;

class CompletersTest {

    /** The command line as Karaf's parser hands it over, the cursor at the end of the last word. */
    private static CommandLine typed(String... words) {
        String buffer = String.join(" ", words);
        String last = words[words.length - 1];
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return words.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return last;
            }

            @Override
            public int getArgumentPosition() {
                return last.length();
            }

            @Override
            public String[] getArguments() {
                return words;
            }

            @Override
            public int getBufferPosition() {
                return buffer.length();
            }

            @Override
            public String getBuffer() {
                return buffer;
            }
        };
    }

    private static DeviceInventory inventory(String... ids) {
        return new DeviceInventory() {
            @Override
            public List<Device> devices() {
                return java.util.Arrays.stream(ids).map(id -> new Device(id, "192.0.2.1", 161, SnmpCredentials.v2c("private"), null)).toList();
            }

            @Override
            public Optional<Device> device(String id) {
                return devices().stream().filter(d -> d.id().equals(id)).findFirst();
            }
        };
    }

    private static List<String> complete(Completer completer, CommandLine line) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates;
    }

    @Test
    void deviceIdsComeFromEveryInventory() {
        DeviceIdCompleter c = set(new DeviceIdCompleter(), "inventories", List.of(inventory("iad-1", "iad-2"), inventory("cpe-9", "iad-2")));
        assertEquals(List.of("iad-1 ", "iad-2 "), complete(c, typed("uplift:upgrade", "--firmware", "2.0.0", "iad")));
        assertEquals(List.of("cpe-9 ", "iad-1 ", "iad-2 "), complete(c, typed("uplift:backups", "")));
    }

    @Test
    void aDeviceListIsCompletedAfterItsLastCommaWithoutRepeatingAnId() {
        DeviceListCompleter c = set(new DeviceListCompleter(), "inventories", List.of(inventory("iad-1", "iad-2", "iad-3")));
        assertEquals(List.of("iad-1,iad-2", "iad-1,iad-3"), complete(c, typed("uplift:campaign-start", "--devices", "iad-1,i")));
        assertEquals(List.of("iad-1", "iad-2", "iad-3"), complete(c, typed("uplift:campaign-start", "--devices", "")));
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
                complete(set(new JobIdCompleter(), "upgrades", upgrades), typed("uplift:job", "job")));
        assertEquals(List.of("job00002 "), complete(set(new WaitingJobIdCompleter(), "upgrades", upgrades), typed("uplift:retry", "")));
        assertEquals(List.of("job00002 ", "job00003 "),
                complete(set(new UnfinishedJobIdCompleter(), "upgrades", upgrades), typed("uplift:abort", "")));
    }

    @Test
    void whileItsServiceIsMissingACompleterOffersNothing() {
        assertEquals(List.of(), complete(new JobIdCompleter(), typed("uplift:job", "")));
        assertEquals(List.of(), complete(new CampaignIdCompleter(), typed("uplift:campaign-show", "")));
        assertEquals(List.of(), complete(new FirmwareVersionCompleter(), typed("uplift:upgrade", "--firmware", "")));
    }
}
