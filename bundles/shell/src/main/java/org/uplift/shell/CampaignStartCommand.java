package org.uplift.shell;

import java.util.Arrays;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.shell.completers.FirmwareVersionCompleter;

@Service
@Command(scope = "uplift", name = "campaign-start", description = "Starts a campaign: upgrades many devices in waves, a few at a time.",
        detailedDescription = "Choose the devices with one of --devices, --model or --older (with --model: only that model).\n"
                + "The devices are fixed when the campaign starts. Waves are cumulative sizes: 1,10%,100% upgrades one device,\n"
                + "then up to 10% of them, then the rest; a wave begins when the one before has ended. When more than\n"
                + "--threshold percent of a wave's devices fail (or cannot be started) the campaign pauses: look with\n"
                + "uplift:campaign-show, then uplift:campaign-resume (the wave goes on, then the next) or uplift:campaign-cancel.\n"
                + "A job waiting for a decision (uplift:retry / uplift:abort) keeps its place within --concurrency.\n"
                + "Example: uplift:campaign-start --firmware 2.0.0 --model IAD-1000 --older --concurrency 10 --waves 1,10%,100% --threshold 20 --policy retry:1:abort")
public class CampaignStartCommand implements Action {

    @Reference
    private CampaignService campaigns;

    @Option(name = "--firmware", aliases = "-f", description = "Target software version (each device's model needs an image of it in the catalogue)", required = true)
    @Completion(FirmwareVersionCompleter.class)
    private String firmware;

    @Option(name = "--devices", aliases = "-d", description = "Device ids, separated by commas")
    private String devices;

    @Option(name = "--model", aliases = "-m", description = "Every device of this model (as the device reports it)")
    private String model;

    @Option(name = "--older", description = "Only devices running a version older than --firmware (of --model, if given; else of any model)")
    private boolean older;

    @Option(name = "--concurrency", aliases = "-c", description = "At most this many jobs of the campaign unfinished at once (default 5)")
    private int concurrency = 5;

    @Option(name = "--waves", aliases = "-w", description = "Cumulative wave sizes: counts or percentages (default 1,10%,100%)")
    private String waves = "1,10%,100%";

    @Option(name = "--threshold", aliases = "-t", description = "Pause when more than this percentage of a wave's devices failed (default 20; 0: at the first failure, 100: never)")
    private int threshold = 20;

    @Option(name = "--policy", aliases = "-p", description = "When a step fails: ask (wait for uplift:retry/abort), abort (default), retry:N (then ask), retry:N:abort")
    private String policy = "abort";

    @Override
    public Object execute() throws Exception {
        CampaignRequest request = new CampaignRequest(firmware, selection(), concurrency, CampaignRequest.parseWaves(waves),
                threshold, RetryPolicy.parse(policy));
        Campaign campaign = campaigns.start(request);
        System.out.println("Campaign " + campaign.id() + " " + campaign.message());
        System.out.println("Follow it with uplift:campaign-show " + campaign.id());
        return null;
    }

    private DeviceSelection selection() {
        if (devices != null) {
            if (model != null || older) {
                throw new IllegalArgumentException("--devices names the devices: leave out --model and --older");
            }
            return DeviceSelection.list(Arrays.stream(devices.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
        if (older) {
            return DeviceSelection.olderThanTarget(model);
        }
        if (model != null) {
            return DeviceSelection.model(model);
        }
        throw new IllegalArgumentException("choose the devices: --devices a,b,c, --model M, or --older (with --model M)");
    }
}
