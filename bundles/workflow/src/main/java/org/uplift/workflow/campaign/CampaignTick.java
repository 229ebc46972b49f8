package org.uplift.workflow.campaign;

import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.JobState;
import org.uplift.workflow.store.JobSummary;

/**
 * One tick of one campaign, in the transaction that holds the campaign's row. It reads the open slots and the
 * waves' counts, and the first pending slots when places are free (not every slot): settles the slots whose job ended or that could not be started, adopts a job a
 * node started but did not record, frees a claim lost with its node, then moves the campaign as
 * {@link Progression} says and claims the devices to start. Nothing is kept between ticks: any node's tick
 * reads the same rows.
 */
final class CampaignTick {

    /** The campaign before and after the tick, and the slots it claimed, which the caller starts. */
    record Outcome(StoredCampaign before, StoredCampaign after, List<Slot> claimed) {
    }

    private final Connection c;
    private final String id;
    private final Instant now;
    private final int concurrency;
    private final List<WaveCounts> waves;
    /** What this tick settled, per wave, written to the counts at the end. */
    private final long[] done;
    private final long[] failed;
    private long active;
    /** Slots whose claim was freed and that have no job: pending, read with the open ones. */
    private final List<Slot> freed = new ArrayList<>();

    private CampaignTick(Connection c, StoredCampaign head, Instant now, List<WaveCounts> waves) {
        this.c = c;
        this.id = head.id();
        this.now = now;
        this.concurrency = head.request().concurrency();
        this.waves = new ArrayList<>(waves);
        this.done = new long[waves.size()];
        this.failed = new long[waves.size()];
    }

    /** @return empty if there is no such campaign */
    static Optional<Outcome> run(Connection c, String id, Instant now) throws SQLException {
        Optional<StoredCampaign> head = CampaignRows.lockedHead(c, id);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        StoredCampaign before = head.get();
        if (before.state() != CampaignState.RUNNING) {
            return Optional.of(new Outcome(before, before, List.of()));
        }
        List<WaveCounts> waves = TickRows.waves(c, id);
        if (waves.size() != before.waveCount()) {
            throw new SQLDataException("campaign " + id + " has counts for " + waves.size() + " of its "
                    + before.waveCount() + " waves");
        }
        CampaignTick tick = new CampaignTick(c, before, now, waves);
        tick.reconcile();
        Outcome outcome = tick.progress(before);
        tick.writeCounts();
        CampaignRows.updateHead(c, before, outcome.after());
        return Optional.of(outcome);
    }

    /**
     * Settles what ended, and puts right what a node that stopped half-way through a start left: a job started but
     * not recorded is adopted, a claim too old to be a start in progress is freed.
     */
    private void reconcile() throws SQLException {
        List<TickRows.Open> open = TickRows.open(c, id);
        List<String> unrecorded = new ArrayList<>();
        for (TickRows.Open o : open) {
            if (o.slot().jobId() == null && o.slot().startError() == null) {
                unrecorded.add(o.slot().deviceId());
            }
        }
        Map<String, JobSummary> newest = TickRows.newestJobs(c, id, unrecorded);
        for (TickRows.Open o : open) {
            Slot slot = o.slot();
            JobSummary job = newest.get(slot.deviceId());
            if (slot.startError() != null) {
                settle(slot, SlotPhase.FAILED);
            } else if (slot.jobId() != null) {
                SlotPhase phase = TickRows.phase(o.job());
                if (phase.settled()) {
                    settle(slot, phase);
                } else {
                    active++;
                }
            } else if (job != null) {
                adopt(slot, job);
            } else if (o.phase() == SlotPhase.FREED) {
                freed.add(slot);
            } else if (slot.claimedAt().plus(CampaignEngine.LOST_CLAIM).isBefore(now)) {
                TickRows.unclaim(c, id, slot);
                freed.add(slot.unclaimed());
            } else {
                active++;
            }
        }
    }

    private Outcome progress(StoredCampaign before) throws SQLException {
        StoredCampaign next = before;
        for (int guard = 0; guard <= next.waveCount(); guard++) {
            Step step = Progression.next(next, new Tally(waves, active, candidates(next.currentWave())));
            if (step instanceof Step.NextWave w) {
                next = next.withWave(w.wave(), now).withState(CampaignState.RUNNING, "wave " + (w.wave() + 1) + " of "
                        + next.waveCount() + " under way (" + waves.get(w.wave()).devices() + " devices)", now);
            } else if (step instanceof Step.Pause p) {
                return new Outcome(before, next.withState(CampaignState.PAUSED, p.reason(), now), List.of());
            } else if (step instanceof Step.Complete d) {
                return new Outcome(before, next.withState(CampaignState.COMPLETED, d.message(), now), List.of());
            } else if (step instanceof Step.Start s) {
                List<Slot> claimed = new ArrayList<>();
                for (Slot slot : s.slots()) {
                    TickRows.claim(c, id, slot, now);
                    claimed.add(slot.claimed(now));
                }
                return new Outcome(before, next, claimed);
            } else {
                return new Outcome(before, next, List.of());
            }
        }
        return new Outcome(before, next, List.of());
    }

    /** The first pending slots of the wave in their order, freed ones among them, as many as there are free places. */
    private List<Slot> candidates(int wave) throws SQLException {
        int free = (int) Math.max(0, concurrency - active);
        List<Slot> slots = new ArrayList<>(TickRows.pending(c, id, wave, free));
        freed.stream().filter(s -> s.wave() == wave).forEach(slots::add);
        slots.sort(Comparator.comparingInt(Slot::seq));
        return slots.subList(0, Math.min(free, slots.size()));
    }

    private void adopt(Slot slot, JobSummary job) throws SQLException {
        JobState state = job.state();
        SlotPhase phase = TickRows.phase(state);
        TickRows.adopt(c, id, slot.started(job.id()), state);
        if (phase.settled()) {
            counted(slot.wave(), phase);
        } else {
            active++;
        }
    }

    private void settle(Slot slot, SlotPhase phase) throws SQLException {
        TickRows.settle(c, id, slot, phase);
        counted(slot.wave(), phase);
    }

    private void counted(int wave, SlotPhase phase) {
        long d = phase == SlotPhase.DONE ? 1 : 0;
        long f = phase == SlotPhase.FAILED ? 1 : 0;
        waves.set(wave, waves.get(wave).plus(d, f));
        done[wave] += d;
        failed[wave] += f;
    }

    private void writeCounts() throws SQLException {
        for (int w = 0; w < waves.size(); w++) {
            if (done[w] != 0 || failed[w] != 0) {
                TickRows.count(c, id, w, done[w], failed[w]);
            }
        }
    }
}
