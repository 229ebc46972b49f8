package org.uplift.shell.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.api.workflow.WaveProgress;

/**
 * Follows a campaign until it ends: its state and wave, the counts of each wave as they change, each
 * failure, and the steps and bytes of the jobs in flight.
 */
public final class CampaignFollower {

    /** How often the campaign is looked at; each look reads all of its jobs, so not too often. */
    static final Duration TICK = Duration.ofSeconds(1);

    private final CampaignService campaigns;
    private final UpgradeService upgrades;
    private final ProgressOutput out;
    private final Pacer pacer;

    private final Map<String, JobWatch> watches = new HashMap<>();
    private final Map<Integer, WaveProgress> shownWaves = new HashMap<>();
    private final Set<String> shownFailures = new HashSet<>();
    private String shownHeadline;

    public CampaignFollower(CampaignService campaigns, UpgradeService upgrades, ProgressOutput out, Pacer pacer) {
        this.campaigns = campaigns;
        this.upgrades = upgrades;
        this.out = out;
        this.pacer = pacer;
    }

    /**
     * Follows the campaign from its state {@code shown} (already printed) until it is completed or
     * cancelled, or paused with no job under way, or {@code timeout} has passed ({@code null}: no limit).
     * Returns its last snapshot.
     *
     * @throws InterruptedException when the thread is interrupted (Ctrl-C): the campaign goes on
     */
    public Campaign follow(Campaign shown, Duration timeout) throws InterruptedException {
        shownHeadline = headline(shown);
        shown.waves().forEach(w -> shownWaves.put(w.number(), w));
        shown.waves().forEach(w -> shownFailures.addAll(w.failures()));
        for (Job job : upgrades.jobsOfCampaign(shown.id())) {
            JobWatch w = new JobWatch(job, false);
            watches.put(job.id(), w);
            if (!job.state().terminal()) {
                out.line(w.line(job.state(), "(in flight: " + job.lastMessage() + ")"));
            }
        }
        Instant deadline = timeout == null ? null : pacer.now().plus(timeout);
        try {
            Campaign c = shown;
            while (true) {
                Instant now = pacer.now();
                c = look(c.id(), now);
                if (ended(c) || (deadline != null && !now.isBefore(deadline))) {
                    return c;
                }
                Campaign current = c;
                out.status(Stream.concat(Stream.of(summary(current)),
                        watches.values().stream().filter(w -> !w.finished(now)).map(w -> w.status(now)))
                        .collect(Collectors.joining("  |  ")));
                pacer.pause(TICK);
            }
        } finally {
            out.clearStatus();
        }
    }

    /** Completed or cancelled; or paused with nothing under way, so nothing changes until the operator acts. */
    static boolean ended(Campaign c) {
        return c.state().terminal()
                || (c.state() == CampaignState.PAUSED && c.waves().stream().allMatch(w -> w.running() == 0));
    }

    private Campaign look(String id, Instant now) {
        Campaign c = campaigns.campaign(id)
                .orElseThrow(() -> new IllegalStateException("campaign " + id + " no longer exists"));
        for (Job job : upgrades.jobsOfCampaign(id)) {
            JobWatch w = watches.computeIfAbsent(job.id(), k -> new JobWatch(job, true));
            w.update(job, out, now);
            if (!w.finished(now)) {
                upgrades.progress(job.id()).ifPresent(p -> w.progress(p, out));
            }
        }
        for (WaveProgress w : c.waves()) {
            if (!sameCounts(w, shownWaves.get(w.number()))) {
                out.line(waveLine(w, c.waves().size()));
                shownWaves.put(w.number(), w);
            }
            for (String failure : w.failures()) {
                if (shownFailures.add(failure)) {
                    out.line("wave " + w.number() + " failed: " + failure);
                }
            }
        }
        String headline = headline(c);
        if (!headline.equals(shownHeadline)) {
            out.line(headline);
            shownHeadline = headline;
        }
        return c;
    }

    /** "Campaign c-1a2b3c4d RUNNING, wave 2 of 3: ...". */
    public static String headline(Campaign c) {
        return "Campaign " + c.id() + " " + c.state() + ", wave " + c.currentWave() + " of " + c.waves().size()
                + ": " + c.message();
    }

    /** "wave 1/3: 4 devices: 1 done, 0 failed, 1 waiting, 2 running, 0 not started". */
    public static String waveLine(WaveProgress w, int waves) {
        return "wave " + w.number() + "/" + waves + ": " + w.devices() + (w.devices() == 1 ? " device: " : " devices: ")
                + w.done() + " done, " + w.failed() + " failed, " + w.awaitingDecision() + " waiting, "
                + w.running() + " running, " + w.notStarted() + " not started";
    }

    private static String summary(Campaign c) {
        return c.id() + " wave " + c.currentWave() + "/" + c.waves().size() + " done " + c.done() + "/" + c.devices()
                + " failed " + c.failed();
    }

    private static boolean sameCounts(WaveProgress a, WaveProgress b) {
        return b != null && a.devices() == b.devices() && a.done() == b.done() && a.failed() == b.failed()
                && a.awaitingDecision() == b.awaitingDecision() && a.running() == b.running()
                && a.notStarted() == b.notStarted() && Objects.equals(a.failures(), b.failures());
    }
}
