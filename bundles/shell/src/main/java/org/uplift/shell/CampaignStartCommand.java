package org.uplift.shell;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;
import org.uplift.shell.completers.DeviceListCompleter;
import org.uplift.shell.completers.FirmwareVersionCompleter;

@Service
@Command(scope = "uplift", name = "campaign-start", description = "Starts a campaign: upgrades many devices in waves, a few at a time.", detailedDescription = """
        Choose the devices with one of --devices, --model or --older (with --model: only that model). The \
        devices are fixed when the campaign starts.
        Waves are cumulative sizes: 1,10%,100% upgrades one device, then up to 10% of them, then the rest; a \
        wave begins when the one before has ended. Quote sizes with % in the Karaf shell, where an unquoted % \
        starts an arithmetic expression: --waves '1,10%,100%'. When more than --threshold percent of a wave's devices fail \
        (or cannot be started) the campaign pauses: look with uplift:campaign-show, then uplift:campaign-resume \
        (the wave goes on, then the next) or uplift:campaign-cancel.
        A job waiting for a decision (uplift:retry / uplift:abort) keeps its place within --concurrency.
        Defaults: --concurrency 5, --waves 1,10%,100%, --threshold 20, --policy abort.
        Follow it with uplift:campaign-show --follow <id>.
        Examples:
          uplift:campaign-start --firmware 2.0.0 --model IAD-1000 --older --concurrency 10 --waves '1,10%,100%' --threshold 20 --policy retry:1:abort
          uplift:campaign-start --firmware 2.0.0 --devices iad-1,iad-2,iad-3 --waves 1,2""")
public class CampaignStartCommand extends UpliftAction {

    @Reference
    private CampaignService campaigns;

    /** Optional: only to refuse an unknown version before anything starts. */
    @Reference(optional = true)
    private FirmwareCatalog catalog;

    @Option(name = "--firmware", aliases = "-f", description = "Target software version (each device's model needs an image of it in the catalogue)", required = true)
    @Completion(FirmwareVersionCompleter.class)
    private String firmware;

    @Option(name = "--devices", aliases = "-d", description = "Device ids, separated by commas")
    @Completion(DeviceListCompleter.class)
    private String devices;

    @Option(name = "--model", aliases = "-m", description = "Every device of this model (as the device reports it)")
    private String model;

    @Option(name = "--older", description = "Only devices running a version older than --firmware (of --model, if given; else of any model)")
    private boolean older;

    @Option(name = "--concurrency", aliases = "-c", description = "At most this many jobs of the campaign unfinished at once, 1-10000")
    private int concurrency = 5;

    @Option(name = "--waves", aliases = "-w", description = "Cumulative wave sizes: device counts or percentages, separated by commas; quote percentages: '1,10%,100%'")
    private String waves = "1,10%,100%";

    @Option(name = "--threshold", aliases = "-t", description = "Pause when more than this percentage of a wave's devices failed (0: at the first failure, 100: never)")
    private int threshold = 20;

    @Option(name = "--policy", aliases = "-p", description = "When a step fails: ask (wait for uplift:retry/abort), abort, retry:N (then ask), retry:N:abort")
    private String policy = "abort";

    @Override
    protected Object run() throws Exception {
        CampaignService service = campaigns;
        DeviceSelection selection = selection();
        List<WaveSize> sizes = OptionChecks.parse("--waves", waves, CampaignRequest::parseWaves);
        RetryPolicy retryPolicy = OptionChecks.parse("--policy", policy, RetryPolicy::parse);
        if (threshold < 0 || threshold > 100) {
            throw new IllegalArgumentException("--threshold is a percentage 0-100, got " + threshold);
        }
        OptionChecks.requireFirmwareVersion(catalog, firmware);
        Campaign campaign = service
                .start(new CampaignRequest(firmware, selection, concurrency, sizes, threshold, retryPolicy));
        System.out.println("Campaign " + campaign.id() + " " + campaign.message());
        System.out.println("Follow it with uplift:campaign-show --follow " + campaign.id());
        return null;
    }

    private DeviceSelection selection() {
        if (devices != null) {
            if (model != null || older) {
                throw new IllegalArgumentException("--devices names the devices: leave out --model and --older");
            }
            List<String> ids = Arrays.stream(devices.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(
                        "--devices needs at least one device id, e.g. --devices iad-1,iad-2");
            }
            return DeviceSelection.list(ids);
        }
        if (older) {
            return DeviceSelection.olderThanTarget(model);
        }
        if (model != null) {
            return DeviceSelection.model(model);
        }
        throw new IllegalArgumentException(
                "choose the devices: --devices a,b,c, --model M, or --older (with --model M)");
    }
}
