package org.uplift.shell;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;
import org.uplift.shell.completers.CampaignIdCompleter;
import org.uplift.shell.progress.CampaignFollower;
import org.uplift.shell.progress.Pacer;
import org.uplift.shell.progress.ProgressOutputs;

@Service
@Command(scope = "uplift", name = "campaign-show", description = "Shows a campaign: its settings, its progress per wave and every failed device; with --follow, live until it ends.", detailedDescription = """
        With --follow the campaign is followed as it goes: each change of state or wave, the counts of a wave \
        when they change, each failure, and the steps and bytes of the jobs in flight. Following stops when \
        the campaign is completed or cancelled, or is paused with no job running; the command then fails \
        (non-zero) unless every device was upgraded. Ctrl-C stops following, not the campaign.
        Default: no --timeout (follow until the end).
        The jobs of a campaign: uplift:jobs --campaign <id>; one job's history: uplift:job <job>.
        Examples:
          uplift:campaign-show c-3f2a9c1e
          uplift:campaign-show --follow c-3f2a9c1e""")
public class CampaignShowCommand extends UpliftAction {

    @Reference
    private CampaignService campaigns;

    @Reference
    private UpgradeService upgrades;

    @Reference(optional = true)
    private Session session;

    @Argument(index = 0, name = "campaign", description = "Campaign id (see uplift:campaign-list)", required = true)
    @Completion(CampaignIdCompleter.class)
    private String id;

    @Option(name = "--follow", aliases = "-f", description = "Follow the campaign live until it ends (Ctrl-C stops following, not the campaign)")
    private boolean follow;

    @Option(name = "--timeout", description = "With --follow: stop following after this many seconds (the campaign goes on); 0: no limit")
    private int timeoutSeconds;

    /** How the follower waits between looks; real time except in tests. */
    private Pacer pacer = Pacer.REAL;

    @Override
    protected Object run() throws Exception {
        CampaignService service = campaigns;
        Campaign c = service.campaign(id)
                .orElseThrow(() -> new IllegalArgumentException("no campaign '" + id + "': see uplift:campaign-list"));
        print(c);
        if (!follow) {
            return null;
        }
        Duration limit = OptionChecks.followLimit(timeoutSeconds);
        CampaignFollower follower = new CampaignFollower(service, upgrades,
                ProgressOutputs.forSession(session, System.out), pacer);
        Campaign last;
        try {
            last = follower.follow(c, limit);
        } catch (InterruptedException e) {
            System.out.println(
                    "Stopped following; the campaign goes on. Follow it again with uplift:campaign-show --follow "
                            + id);
            Thread.currentThread().interrupt();
            return null;
        }
        System.out.println();
        printWaves(last);
        return outcome(last);
    }

    private static void print(Campaign c) {
        CampaignRequest r = c.request();
        System.out.println(CampaignFollower.headline(c));
        System.out.println("  target " + r.firmwareVersion() + ", " + r.selection() + ", concurrency " + r.concurrency()
                + ", waves " + WaveSize.format(r.waves()) + ", threshold " + r.errorThresholdPercent() + "%, policy "
                + r.policy() + ", started " + c.createdAt());
        printWaves(c);
    }

    private static void printWaves(Campaign c) {
        ShellTable table = new ShellTable();
        table.column("Wave").alignRight();
        table.column("Devices").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Waiting").alignRight();
        table.column("Running").alignRight();
        table.column("Not started").alignRight();
        for (WaveProgress w : c.waves()) {
            table.addRow().addContent(w.number(), w.devices(), w.done(), w.failed(), w.awaitingDecision(), w.running(),
                    w.notStarted());
        }
        table.print(System.out);
        for (WaveProgress w : c.waves()) {
            for (String failure : w.failures()) {
                System.out.println("wave " + w.number() + " failed: " + failure);
            }
        }
    }

    /** Success only when the campaign completed with every device upgraded; otherwise one line saying why not. */
    private Object outcome(Campaign c) throws Exception {
        String counts = c.done() + " of " + c.devices() + " devices upgraded";
        if (c.state() == CampaignState.COMPLETED && c.failed() == 0 && c.done() == c.devices()) {
            System.out.println("Campaign " + c.id() + " COMPLETED: " + counts);
            return null;
        }
        throw Failures.of(switch (c.state()) {
            case COMPLETED -> "campaign " + c.id() + " completed with " + c.failed() + " of " + c.devices()
                    + " devices failed (" + counts + "): see the failures above and uplift:jobs --campaign " + c.id();
            case CANCELLED -> "campaign " + c.id() + " was cancelled (" + counts + "): " + c.message();
            case PAUSED -> "campaign " + c.id() + " is paused (" + counts + "): " + c.message()
                    + "; go on with uplift:campaign-resume " + c.id() + " or stop with uplift:campaign-cancel "
                    + c.id();
            case RUNNING -> "stopped following after " + timeoutSeconds + " s (" + counts + "); the campaign goes on:"
                    + " uplift:campaign-show --follow " + c.id();
        });
    }
}
